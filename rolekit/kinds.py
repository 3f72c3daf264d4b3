"""Kinds of COO (Bennett and Miles, 2006) and how each might shift a table's split: an illustrative scenario.

``data/coo_types.csv`` holds the seven kinds, ``data/coo_type_echoes.csv`` the
passages of the four articles that echo them, and ``data/coo_type_shifts.csv`` the
rules of each kind's scenario. A scenario is a teaching device, labelled as such:
it is not a finding of the articles.
"""

from __future__ import annotations

import pandas as pd

from .bundle import bundled
from .categories import tidy
from .reader import read_table
from .validate import DataError, Problem, Schema, did_you_mean, require

KINDS = Schema(("kind", "meaning", "reference", "scenario"), unique="kind", row="kind of COO")
ECHOES = Schema(("kind", "echo", "source", "section"), keys=("source",), row="echo")
SHIFTS = Schema(("kind", "role", "change", "to"), ("scope", "horizon", "theme"), row="shift")
_SELECT = ("scope", "horizon", "theme")


def load_coo_types() -> pd.DataFrame:
    """The seven kinds of COO: kind, meaning (in our words), reference, scenario (illustrative).

    >>> load_coo_types()["kind"].tolist()
    ['executor', 'change agent', 'mentor', 'other half', 'partner', 'heir apparent', 'MVP']
    """
    return read_table(bundled("data/coo_types.csv"), KINDS)


def coo_echoes(kind: str | None = None) -> pd.DataFrame:
    """Passages of the articles that echo a kind (all kinds with none): kind, echo, source, section.

    >>> coo_echoes("other half")["source"].tolist()
    ['titles', 'blog']
    """
    echoes = read_table(bundled("data/coo_type_echoes.csv"), ECHOES)
    return echoes if kind is None else echoes[echoes["kind"] == _kind(kind)].reset_index(drop=True)


def coo_scenario(df: pd.DataFrame, kind: str, ceo: str | None = None, coo: str | None = None) -> pd.DataFrame:
    """``df`` as it might look under a COO of this ``kind``: an illustrative scenario, not a finding.

    Each rule of the kind's scenario picks the rows of the CEO or the COO (named
    ``ceo`` and ``coo`` in ``df``; by default the table's first two roles in
    rolekit's order, so CEO and COO wherever both are there) by scope, horizon and theme, and moves them to
    the other role, shares them with it (a copy for the other role, its id marked
    "shared") or changes their horizon. A ``change`` column says what happened to
    each row (blank where nothing did). Rules select from ``df`` as given, so one
    rule never acts on what another made.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> s = coo_scenario(df, "executor")
    >>> s.loc[s["change"] != "", ["id", "role"]].to_dict("list")
    {'id': ['R047', 'R082', 'R083'], 'role': ['CEO', 'CEO', 'CEO']}
    """
    require(df, ["role", "responsibility", *_SELECT], "to draw a kind of COO's scenario")
    kind = _kind(kind)
    t = tidy(df).reset_index(drop=True)
    roles = [str(r) for r in t["role"].cat.categories if r in set(t["role"])]
    if len(roles) < 2:
        raise DataError(
            [
                Problem(
                    "table",
                    None,
                    "role",
                    f"has {len(roles)} role(s); a kind of COO moves work between two, the CEO and the COO",
                )
            ]
        )
    ceo, coo = ceo or roles[0], coo or roles[1]
    problems = [
        Problem(
            "table",
            None,
            "role",
            f"'{name}' is not a role of the table; name its {label} with {label.lower()}=... "
            f"(roles: {', '.join(roles)}){did_you_mean(name, roles)}",
        )
        for name, label in ((ceo, "CEO"), (coo, "COO"))
        if name not in roles
    ]
    if problems:
        raise DataError(problems)
    who = {"CEO": ceo, "COO": coo}
    out = t.copy()
    out["role"] = out["role"].astype(str)
    out["change"] = ""
    shares = []
    for rule in read_table(bundled("data/coo_type_shifts.csv"), SHIFTS).query("kind == @kind").itertuples(index=False):
        rule = rule._asdict()
        picked = t["role"].astype(str).eq(who[rule["role"]])
        for col in _SELECT:
            if isinstance(rule[col], str):
                picked &= t[col].astype(str).eq(rule[col])
        if rule["change"] == "move":
            out.loc[picked, "role"] = who[rule["to"]]
            out.loc[picked, "change"] = f"moved from {who[rule['role']]} to {who[rule['to']]}"
        elif rule["change"] == "share":
            copy = out[picked].assign(
                role=who[rule["to"]], change=f"shared by {who[rule['role']]} with {who[rule['to']]}"
            )
            if "id" in copy:
                copy["id"] = copy["id"].astype(str) + " (shared)"
            shares.append(copy)
        else:
            out.loc[picked, "horizon"] = rule["to"]
            out.loc[picked, "change"] = f"now {rule['to']}"
    return tidy(pd.concat([out, *shares], ignore_index=True))


def _kind(kind: str) -> str:
    kinds = load_coo_types()["kind"].tolist()
    found = next((k for k in kinds if k.casefold() == " ".join(str(kind).split()).casefold()), None)
    if found is None:
        raise DataError(
            [
                Problem(
                    "kind",
                    None,
                    None,
                    f"'{kind}' is not a kind of COO; allowed: {', '.join(kinds)}{did_you_mean(str(kind), kinds)}",
                )
            ]
        )
    return found
