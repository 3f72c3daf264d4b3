"""Worksheets for the tagging exercise: items drawn from a table, a fill-in sheet per participant, a printable page."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..categories import tidy
from ..validate import ALLOWED, DataError, Problem, require

__all__ = ["DIMENSIONS", "Worksheet", "quick_entry", "sheet_html", "sheet_table", "worksheet"]

DIMENSIONS = ("role", "scope", "horizon")


class Worksheet(NamedTuple):
    """What :func:`worksheet` returns: the items as participants see them, and the answer key.

    ``left_out``: responsibilities the table words the same but tags differently
    (the same text under two roles), which no key could give one answer for.
    """

    items: pd.DataFrame
    key: pd.DataFrame
    left_out: tuple[str, ...] = ()


def worksheet(df: pd.DataFrame, n: int = 12, seed: int = 0) -> Worksheet:
    """Draw ``n`` responsibilities for the room to tag, balanced across roles and quadrants, in shuffled order.

    Rows are taken from each role in turn, and within a role from each scope x
    horizon cell in turn (largest first), at random within a cell, so that roles,
    and each role's quadrants, appear as evenly as the table allows. The same table and ``seed`` give the
    same sheet. Items are numbered Q01, Q02...; the key holds the answers and the
    table's ``id`` when it has one. A wording the table holds more than once is
    drawn once at most, and not at all when its copies are tagged differently (the
    same text held by two roles): a participant could not tell the items apart.

    >>> import rolekit
    >>> sheet = worksheet(rolekit.load_responsibilities(), n=8, seed=1)
    >>> sheet.items.columns.tolist(), sheet.key["role"].value_counts().sort_index().to_dict()
    (['item', 'responsibility'], {'CEO': 4, 'COO': 4})
    """
    require(df, ["role", "responsibility", "scope", "horizon"], "to draw a worksheet")
    t = tidy(df).dropna(subset=list(DIMENSIONS)).reset_index(drop=True)
    t = t[t["responsibility"].notna() & (t["responsibility"].astype(str).str.strip() != "")]
    wording = t["responsibility"].astype(str).map(lambda r: " ".join(r.casefold().split()))
    tags = t[list(DIMENSIONS)].astype(str).agg("|".join, axis=1)
    clash = tags.groupby(wording).transform("nunique") > 1
    left_out = tuple(dict.fromkeys(t.loc[clash, "responsibility"].astype(str)))
    t = t[~clash & ~wording.duplicated()].reset_index(drop=True)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more (the same seed draws the same sheet); got {seed!r}")
    if not 1 <= n <= len(t):
        raise DataError(
            [
                Problem(
                    "table",
                    None,
                    None,
                    f"cannot draw {n} items from a table of {len(t)} responsibilities; choose --n from 1 to {len(t)}",
                )
            ]
        )
    rng = np.random.default_rng(seed)
    queues = []  # per role: its rows, taking each scope x horizon cell in turn, largest cell first
    for _, rows in t.groupby("role", observed=True):
        cells = sorted(
            (
                rng.permutation(g.index.to_numpy()).tolist()
                for _, g in rows.groupby(["scope", "horizon"], observed=True)
            ),
            key=len,
            reverse=True,
        )
        queues.append([i for k in range(max(map(len, cells))) for cell in cells if k < len(cell) for i in [cell[k]]])
    queues.sort(key=len, reverse=True)
    chosen = [q[k] for k in range(max(map(len, queues))) for q in queues if k < len(q)][:n]
    picked = t.loc[rng.permutation(chosen)].reset_index(drop=True)
    items = [f"Q{i + 1:02d}" for i in range(n)]
    key = pd.DataFrame(
        {
            "item": items,
            "responsibility": picked["responsibility"].astype(str),
            **{d: picked[d].astype(str) for d in DIMENSIONS},
        }
    )
    if "id" in picked:
        key["id"] = picked["id"].astype(str)
    return Worksheet(key[["item", "responsibility"]], key, left_out)


def sheet_table(sheet: Worksheet, roles: Sequence[str]) -> pd.DataFrame:
    """The fill-in table for one participant: the allowed values stand in the header, answers blank."""
    blank = dict.fromkeys(DIMENSIONS, "")
    table = sheet.items.assign(**blank)
    table.insert(0, "participant", "")
    return table.rename(
        columns={
            "role": f"role ({' / '.join(roles)})",
            "scope": "scope (internal / external)",
            "horizon": "horizon (daily / long-term)",
            "participant": "participant (your name, on any row)",
        }
    )


def quick_entry(sheet: Worksheet, participants: int) -> pd.DataFrame:
    """A table to type paper sheets into: one row per participant, a column per item and dimension, blank.

    Its columns are those of a form export (``participant``, ``Q01 role``,
    ``Q01 scope``...), so ``rolekit score`` reads it as it is; short answers
    (``i``/``e``, ``d``/``l``, a role's first letters or initials) are enough
    wherever they name one value only.

    >>> import rolekit
    >>> quick_entry(worksheet(rolekit.load_responsibilities(), n=2), 3).columns.tolist()[:4]
    ['participant', 'Q01 role', 'Q01 scope', 'Q01 horizon']
    """
    columns = ["participant"] + [f"{item} {d}" for item in sheet.items["item"] for d in DIMENSIONS]
    return pd.DataFrame("", index=range(participants), columns=columns)


def sheet_html(sheet: Worksheet, roles: Sequence[str], title: str = "Who does it?") -> str:
    """A printable worksheet in large type: works offline, prints on A4 and Letter (two roles: 15 items a page)."""
    choices = {"role": roles, "scope": ALLOWED["scope"], "horizon": ALLOWED["horizon"]}
    head = "".join(f"<th>{d}</th>" for d in DIMENSIONS)
    rows = "".join(
        f"<tr><td class=q>{escape(i)}</td><td>{escape(r)}</td>"
        + "".join(
            "<td>" + "".join(f"<span>&#9744; {escape(str(c))}</span>" for c in choices[d]) + "</td>" for d in DIMENSIONS
        )
        + "</tr>"
        for i, r in sheet.items.itertuples(index=False)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
@page {{ size: auto; margin: 12mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 13pt; margin: 0; }}
h1 {{ font-size: 20pt; margin: 0 0 4pt; }} p {{ margin: 0 0 8pt; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #888; padding: 4pt 6pt; vertical-align: top; text-align: left; }}
td.q {{ font-weight: bold; white-space: nowrap; }}
span {{ display: block; white-space: nowrap; }}
tr {{ page-break-inside: avoid; }}
</style></head><body><main>
<h1>{escape(title)}</h1>
<p>Name: ______________________ &nbsp; For each responsibility, tick the role that holds it,
whether it faces inside or outside
the company (scope), and whether it keeps today's business running or shapes where it goes (horizon). Work alone.</p>
<table><thead><tr><th>item</th><th>responsibility</th>{head}</tr></thead><tbody>{rows}</tbody></table>
</main></body></html>
"""
