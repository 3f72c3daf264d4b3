"""Scoring the room: agreement within it and with the key, by item and by participant, and the report."""

from __future__ import annotations

import base64
from html import escape
from typing import NamedTuple

import pandas as pd

from ..reader import PathLike
from ..validate import DataError, Problem
from .agreement import band, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .responses import Paths, Responses, expand, read_key, read_responses
from .sheets import DIMENSIONS

__all__ = ["Scores", "disputed", "report_html", "score", "score_sheets", "summary"]


class Scores(NamedTuple):
    """What :func:`score` returns; participants are P1, P2... in every table but ``participants``."""

    agreement: pd.DataFrame  # one row per dimension: fleiss_kappa, krippendorff_alpha, band, key_accuracy, ...
    items: pd.DataFrame  # one row per item and dimension: answers, agreement, modal answer, key, share matching the key
    participants: pd.DataFrame  # one row per participant and dimension: answered, accuracy, cohen_kappa (with names)
    confusion: pd.DataFrame  # one row per dimension, key value and answer: count
    answers: pd.DataFrame  # participant, item, dimension, answer, key
    problems: list
    sheets: int  # sheets read; len(participants' codes) were used


def score(responses: Responses, key: pd.DataFrame) -> Scores:
    """Score the room's answers against each other and against the key.

    ``agreement``: per dimension, Fleiss' kappa among participants (items rated by
    two or more), Krippendorff's alpha (any missing answers allowed), their Landis
    and Koch ``band``, and the share of all answers that match the key.
    ``items``: per item and dimension, how many answered, the modal answer and its
    share (``agreement``), the key's answer and the share matching it.
    ``participants``: per participant and dimension, answers given, accuracy and
    Cohen's kappa against the key. ``confusion``: key value x answer counts.
    """
    a = responses.answers.merge(
        key.melt(id_vars=["item"], value_vars=list(DIMENSIONS), var_name="dimension", value_name="key"),
        on=["item", "dimension"],
        how="left",
    )
    rows, per_item, per_person, confusion = [], [], [], []
    for d in DIMENSIONS:
        mine = a[a["dimension"] == d]
        categories = sorted(set(key[d]) | set(mine["answer"]), key=str.casefold)
        counts = pd.crosstab(mine["item"], mine["answer"]).reindex(index=key["item"], columns=categories, fill_value=0)
        wide = mine.pivot_table(index="participant", columns="item", values="answer", aggfunc="first")
        fk = fleiss_kappa(counts.to_numpy()) if len(mine) else float("nan")
        rows.append(
            {
                "dimension": d,
                "fleiss_kappa": fk,
                "band": band(fk),
                "krippendorff_alpha": krippendorff_alpha(wide) if len(mine) else float("nan"),
                "key_accuracy": (mine["answer"] == mine["key"]).mean() if len(mine) else float("nan"),
                "participants": mine["participant"].nunique(),
                "answers": len(mine),
            }
        )
        answered = counts.sum(axis=1)
        modal = counts.idxmax(axis=1).where(answered > 0)
        for item, row in key.set_index("item").iterrows():
            n = int(answered[item])
            per_item.append(
                {
                    "item": item,
                    "responsibility": row["responsibility"],
                    "dimension": d,
                    "answered": n,
                    "modal_answer": modal[item],
                    "agreement": counts.loc[item].max() / n if n else float("nan"),
                    "key": row[d],
                    "matches_key": counts.loc[item].get(row[d], 0) / n if n else float("nan"),
                }
            )
        for person, theirs in mine.groupby(
            "participant", sort=False
        ):  # items a participant skipped are left out of both
            per_person.append(
                {
                    "participant": person,
                    "dimension": d,
                    "answered": len(theirs),
                    "accuracy": (theirs["answer"] == theirs["key"]).mean(),
                    "cohen_kappa": cohen_kappa(theirs["key"], theirs["answer"]),
                }
            )
        confusion.append(mine.groupby(["key", "answer"]).size().rename("count").reset_index().assign(dimension=d))
    people = pd.DataFrame(per_person, columns=["participant", "dimension", "answered", "accuracy", "cohen_kappa"])
    people = people.merge(responses.participants[["participant", "name"]], on="participant", how="left")
    order = {p: i for i, p in enumerate(responses.participants["participant"])}
    people = people.sort_values(
        ["participant", "dimension"], key=lambda s: s.map(order) if s.name == "participant" else s.map(DIMENSIONS.index)
    ).reset_index(drop=True)
    return Scores(
        pd.DataFrame(rows),
        pd.DataFrame(per_item),
        people,
        pd.concat(confusion, ignore_index=True)[["dimension", "key", "answer", "count"]],
        a,
        responses.problems,
        responses.files,
    )


def disputed(scores: Scores, top: int = 5) -> pd.DataFrame:
    """The items the room split on most: lowest agreement over the three dimensions first.

    One row per item: its responsibility, the dimension the room split on most, that
    dimension's agreement (share giving the modal answer) and the key's answer.
    """
    items = scores.items.dropna(subset=["agreement"])
    worst = items.sort_values(["agreement", "item"], kind="stable").drop_duplicates("item")
    return worst.head(top)[["item", "responsibility", "dimension", "agreement", "modal_answer", "key"]].reset_index(
        drop=True
    )


def score_sheets(paths: Paths, key_path: PathLike | None = None) -> Scores:
    """Read the sheets at ``paths`` and the key at ``key_path``, and score them.

    See :func:`read_responses` and :func:`score`.

    Without ``key_path``, the key is looked for where ``rolekit worksheet`` puts it:
    ``key/answer_key.csv`` beside the folder of sheets, or beside a form export
    (which is how the bundled synthetic class finds its key).
    """
    files = expand(paths)
    if key_path is None:
        guesses = [f.parent.parent / "key" / "answer_key.csv" for f in files] + [
            f.parent / "key" / "answer_key.csv" for f in files
        ]
        key_path = next((g for g in guesses if g.is_file()), None)
        if key_path is None:
            raise DataError(
                [
                    Problem(
                        str(files[0].parent),
                        None,
                        None,
                        "no answer key found beside the sheets (key/answer_key.csv); give it with --key",
                    )
                ]
            )
    key = read_key(key_path)
    responses = read_responses(files, key)
    if responses.participants.empty:
        raise DataError(
            [
                *responses.problems,
                Problem(
                    ", ".join(map(str, paths if isinstance(paths, (list, tuple)) else [paths])),
                    None,
                    None,
                    "no sheet could be used, so there is nothing to score; fix the sheets named above",
                ),
            ]
        )
    return score(responses, key)


def summary(scores: Scores) -> str:
    """A short paragraph on the room's agreement, computed from the scores."""
    used = len(scores.participants["participant"].unique())
    skipped = sum(1 for p in scores.problems if p.message.startswith("skipped"))
    parts = [
        f"{used} participant(s) scored from {scores.sheets} file(s)"
        + (f"; {skipped} sheet(s) skipped (see the problems above)" if skipped else "")
        + "."
    ]
    for r in scores.agreement.itertuples(index=False):
        parts.append(
            f"{r.dimension.capitalize()}: {r.band} agreement in the room (Fleiss' kappa {r.fleiss_kappa:.2f}, "
            f"Krippendorff's alpha {r.krippendorff_alpha:.2f}); {r.key_accuracy:.0%} of answers match the key."
        )
    if (scores.items["agreement"] < 1).any():
        d = disputed(scores, 1).iloc[0]
        parts.append(
            f'Most disputed: {d["item"]}, "{d["responsibility"]}" ({d["dimension"]}: {d["agreement"]:.0%} gave the '
            "most common answer, "
            f"{d['modal_answer']}; the key says {d['key']})."
        )
    elif scores.items["agreement"].notna().any():
        parts.append("No item was disputed: on every item and dimension, everyone who answered gave the same answer.")
    return " ".join(parts)


def report_html(scores: Scores, charts: dict[str, tuple[bytes, str]]) -> str:
    """A short page for the screen: the summary, the charts (with their titles as alt text), the disputed items.

    ``charts`` maps a name to the PNG bytes and the alt text. Participants appear only as P1, P2...
    """
    figures = "".join(
        f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}"></figure>'
        for png, alt in charts.values()
    )
    rows = "".join(
        f"<tr><td>{escape(r.item)}</td><td>{escape(r.responsibility)}</td><td>{escape(r.dimension)}</td>"
        f"<td>{r.agreement:.0%}</td><td>{escape(str(r.modal_answer))}</td><td>{escape(str(r.key))}</td></tr>"
        for r in disputed(scores, 5).itertuples(index=False)
    )
    skipped = sum(1 for p in scores.problems if p.message.startswith("skipped"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tagging exercise: results</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 20px; max-width: 1280px; margin: 1em auto;
  padding: 0 1em; }}
img {{ width: 100%; }} table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #aaa; padding: 4px 8px; text-align: left; }}
</style>
</head><body><main>
<h1>Tagging exercise: results</h1>
<p>{escape(summary(scores))}</p>
{figures}
<h2>Most disputed items</h2>
<table><tr><th>item</th><th>responsibility</th><th>dimension</th><th>most common answer given by</th>
<th>most common answer</th><th>key</th></tr>{rows}</table>
{f"<p>{skipped} sheet(s) could not be used; <code>rolekit score</code> lists them, with why.</p>" if skipped else ""}
</main></body></html>
"""
