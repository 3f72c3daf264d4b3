"""Kinds of COO (Bennett and Miles, 2006) and how each might shift a table's split: an illustrative scenario.

``data/coo_types.csv`` holds the seven kinds, ``data/coo_type_echoes.csv`` the
passages of the four articles that echo them, and ``data/coo_type_shifts.csv`` the
rules of each kind's scenario. A scenario is a teaching device, labelled as such:
it is not a finding of the articles.
"""

from __future__ import annotations

import re

import pandas as pd

from .bundle import bundled
from .categories import tidy
from .findings import plural
from .reader import read_table
from .roles import role_mapping
from .text import is_department, join_names, possessive, the
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

    Each rule of the kind's scenario picks the rows of the CEO or the COO by scope,
    horizon and theme, and moves them to the other role, shares them with it (a copy
    for the other role, its id marked "shared") or changes their horizon. A ``change``
    column says what happened to each row (blank where nothing did). Rules select from
    ``df`` as given, so one rule never acts on what another made.

    ``ceo`` and ``coo`` name the two roles in ``df``; by default the roles that mean
    the CEO and the COO ("Chief Executive Officer" counts, see :mod:`rolekit.roles`),
    else the table's first two roles in rolekit's order. A table the rules cannot act
    on (one role, no ``theme`` for a rule that selects by theme, no row a rule picks)
    gives itself back unchanged where they cannot act; :func:`scenario_summary` says why,
    and so does ``attrs["scenario"]`` of the result. An unknown kind or role name, or
    the same role as both, raises :class:`rolekit.DataError`.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> s = coo_scenario(df, "executor")
    >>> s.loc[s["change"] != "", ["id", "role"]].to_dict("list")
    {'id': ['R047', 'R082', 'R083'], 'role': ['CEO', 'CEO', 'CEO']}
    """
    require(df, ["role", "responsibility", "scope", "horizon"], "to draw a kind of COO's scenario")
    kind = _kind(kind)
    t = tidy(df).reset_index(drop=True)
    who = _pair(t, ceo, coo)
    out = t.copy()
    out["role"] = out["role"].astype(str)
    out["change"] = ""
    shares, said = [], []
    rules = _rules(kind)
    if who is None:
        out.attrs["table"] = f"the “{kind}” scenario"
        out.attrs["scenario"] = (
            f"The “{kind}” scenario. This table has {plural(len(_roles(t)), 'role')}, so no work can move between "
            "two roles: the scenario is the table as it is."
        )
        return out
    meant = {m: r for r, m in role_mapping(_roles(t)).items()}
    standing = [
        label for label, given in (("CEO", ceo), ("COO", coo)) if given is None and meant.get(label) != who[label]
    ]
    if standing:
        said.append(
            "This table has no role named for " + " or ".join(f"a {label}" for label in standing) + ", so the kit "
            "takes "
            + join_names(f"{the(who[label])} as the {label}" for label in standing)
            + " (set "
            + " and ".join(f"{label.lower()}=" for label in standing)
            + " to choose)."
        )
    for rule in rules:
        picks = _picks(rule, who)
        if any(isinstance(rule[c], str) and c not in t for c in _SELECT):
            said.append(f"It {picks}: none here, as this table has no theme column.")
            continue
        picked = t["role"].astype(str).eq(who[rule["role"]])
        for col in _SELECT:
            if isinstance(rule[col], str):
                picked &= t[col].astype(str).eq(rule[col])
        if not picked.any():
            said.append(f"It {picks}: this table has none.")
            continue
        n = plural(int(picked.sum()), "responsibility", "responsibilities")
        said.append(f"It {picks}: {n}.")
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
    result = tidy(pd.concat([out, *shares], ignore_index=True))
    result.attrs["table"] = f"the “{kind}” scenario"
    emptied = [r for r in who.values() if r in set(t["role"].astype(str)) and r not in set(out["role"])]
    said += [f"That leaves {the(r)} with no responsibility at all." for r in emptied]
    if not said:
        said = ["It has no rule, so it changes nothing in any table."]
    result.attrs["scenario"] = f"The “{kind}” scenario. " + " ".join(said)
    return result


def scenario_summary(df: pd.DataFrame, kind: str, ceo: str | None = None, coo: str | None = None) -> str:
    """What the ``kind`` scenario does to ``df``, rule by rule, or why a rule does nothing here.

    >>> import rolekit
    >>> print(scenario_summary(rolekit.load_responsibilities(), "other half"))
    The “other half” scenario. It moves the CEO's internal, daily responsibilities to the COO: 8 responsibilities.
    """
    return str(coo_scenario(df, kind, ceo, coo).attrs["scenario"])


def _roles(t: pd.DataFrame) -> list[str]:
    return [str(r) for r in t["role"].cat.categories if r in set(t["role"])]


def _pair(t: pd.DataFrame, ceo: str | None, coo: str | None) -> dict[str, str] | None:
    """The roles playing the CEO and the COO, checked; None when the table has fewer than two roles."""
    roles = _roles(t)
    meant = {m: r for r, m in role_mapping(roles).items()}
    problems = [
        Problem(
            "table",
            None,
            "role",
            f"'{name}' is not a role of the table; name its {label} with {label.lower()}=... "
            f"(roles: {', '.join(roles)}){did_you_mean(name, roles)}",
        )
        for name, label in ((ceo, "CEO"), (coo, "COO"))
        if name is not None and name not in roles
    ]
    if problems:
        raise DataError(problems)
    if ceo is not None and ceo == coo:
        raise DataError(
            [Problem("table", None, "role", f"'{ceo}' is named as both the CEO and the COO; name two different roles")]
        )
    if len(roles) < 2:
        return None
    ceo = ceo or meant.get("CEO") or next(r for r in sorted(roles, key=lambda r: _stand_in(r, _LEADS)) if r != coo)
    coo = coo or meant.get("COO") if (coo or meant.get("COO")) != ceo else None
    coo = coo or next(r for r in sorted(roles, key=lambda r: _stand_in(r, _RUNS)) if r != ceo)
    return {"CEO": ceo, "COO": coo}


_BODIES = frozenset("board committee council shareholders investors trustees owners members".split())
_LEADS = r"\b(founder|co-founder|president|managing director|executive|general manager|owner|principal|director)\b"
_RUNS = r"\b(ops|operations?|operating)\b"


def _stand_in(role: str, words: str) -> tuple[bool, bool, bool]:
    """How fit ``role`` is to stand in for the CEO (``words``: :data:`_LEADS`) or the COO (:data:`_RUNS`), best first.

    A name with those words first; then any other person's title; a department (HR,
    Legal) after those, and a governing body (the Board, a committee) last. Sorting is
    stable, so roles equally fit keep the table's order.
    """
    name = role.casefold()
    body = bool(set(re.findall(r"\w+", name)) & _BODIES)
    return body, is_department(role), not re.search(words, name)


def _rules(kind: str) -> list[dict]:
    return [
        r._asdict()
        for r in read_table(bundled("data/coo_type_shifts.csv"), SHIFTS).query("kind == @kind").itertuples(index=False)
    ]


def _picks(rule: dict, who: dict[str, str]) -> str:
    """'moves the CEO's internal, daily responsibilities to the COO': what one rule selects and does, in words."""
    what = ", ".join(str(rule[c]) for c in ("scope", "horizon") if isinstance(rule[c], str))
    theme = f" in {rule['theme']}" if isinstance(rule["theme"], str) else ""
    rows = f"{the(possessive(who[rule['role']]))} {what + ' ' if what else ''}responsibilities{theme}"
    if rule["change"] == "move":
        return f"moves {rows} to {the(who[rule['to']])}"
    if rule["change"] == "share":
        return f"shares {rows} with {the(who[rule['to']])}"
    return f"makes {rows} {rule['to']}"


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
