"""Decision rights as a RACI table: who is Responsible, Accountable, Consulted, Informed.

A decisions table has one row per decision and role, with one letter (the long
form, ``data/decisions.csv``), or one row per decision and one column per role (the
wide form a spreadsheet gives, and what :func:`raci_template` writes). Both load
into the long form. Beyond the cell checks every rolekit table gets, a RACI table
must give each decision exactly one A, at least one R, and each role at most one
letter per decision.
"""

from __future__ import annotations

import csv
import io as _io
import os
from collections.abc import Iterable

import pandas as pd

from .bundle import bundled
from .categories import tidy
from .reader import read_bytes, read_table
from .text import clean
from .validate import DataError, Problem, Schema, did_you_mean, require

LETTERS = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
EXAMPLE_RACI = bundled("data/example_raci.csv")  # an invented team's RACI, in the wide form a spreadsheet gives
_WORDS = {word: letter for letter, word in LETTERS.items()} | {
    "approver": "A",
    "owner": "A",
    "doer": "R",
    "support": "C",
    "inform": "I",
    "consult": "C",
}
_ALLOWED = "allowed: " + ", ".join(f"{k} ({v})" for k, v in LETTERS.items())
LONG = Schema(
    ("decision", "role", "raci"),
    ("id", "source", "section"),
    keys=("id", "role", "raci", "source"),
    row="decision and role",
)
WIDE = Schema(
    ("decision",), ("id", "source", "section"), keys=("id",), row="decision (a column per role, a letter in each cell)"
)


def load_decisions(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a RACI table, checking it first; the bundled one with no ``path``.

    Long form: columns decision, role, raci (id, source and section optional). Wide
    form: a decision column and one column per role holding its letter. Letters are
    read in any case; anything wrong raises :class:`DataError` listing every problem
    with its line. Returns the long form: id (when given), decision, role, raci, then
    any other columns; role and raci categorical.

    >>> d = load_decisions()
    >>> d[d["decision"] == "Day-to-day operational decisions"][["role", "raci"]].to_string(index=False)
    'role raci\\n COO    R\\n CEO    A'
    """
    path = bundled("data/decisions.csv") if path is None else path
    name, data = read_bytes(path)
    wide = _is_wide(data)
    table, lines = read_table(path, WIDE if wide else LONG, lines=True)
    if wide:
        table, lines, problems = _melt(name, table, lines)
    else:
        problems = _letters(name, table, lines)
    if "raci" not in table:
        raise DataError(problems)
    problems += _rules(name, table, lines, "role" if wide else "raci")
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    table["raci"] = pd.Categorical(table["raci"].str.upper(), categories=list(LETTERS))
    table["decision"] = table["decision"].astype(str)
    first = [c for c in ("id", "decision", "role", "raci", "source", "section") if c in table]
    return tidy(table[first + [c for c in table if c not in first]]).reset_index(drop=True)


def _is_wide(data: bytes) -> bool:
    """Whether the header names neither role nor raci: a grid of decisions by roles."""
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    for row in csv.reader(_io.StringIO(text)):
        if any(c.strip() for c in row):
            names = {LONG.name(clean(c).lower()) for c in row}
            return "decision" in names and not names & {"role", "raci"}
    return False


def _letters(name: str, table: pd.DataFrame, lines: pd.Series, column: str = "raci") -> list[Problem]:
    """Problems with letters that are not one of R, A, C, I."""
    problems = []
    for value, line in zip(table["raci"], lines):
        if value.upper() in LETTERS or not value:
            continue
        several = [c for c in value.upper() if c in LETTERS]
        if len(several) > 1 and len(value.replace("/", "").replace(",", "").replace(" ", "").replace("+", "")) == len(
            several
        ):
            why = (
                f"'{value}' gives one role {len(several)} letters; "
                "give each role one letter per decision (A if it answers for the decision)"
            )
        else:
            blank = ", or blank when the role has no part" if column != "raci" else ""
            why = f"'{value}' is not a RACI letter; {_ALLOWED}{blank}{did_you_mean(value, list(LETTERS), _WORDS)}"
        problems.append(Problem(name, int(line), column, why))
    return problems


def _melt(name: str, table: pd.DataFrame, lines: pd.Series) -> tuple[pd.DataFrame, pd.Series, list[Problem]]:
    """The wide form as the long one, each letter keeping its row's line; blank cells are no letter."""
    roles = [c for c in table.columns if c not in WIDE.columns]
    if not roles:
        return (
            table,
            lines,
            [
                Problem(
                    name,
                    1,
                    None,
                    "has a decision column but no role columns; add one column per role, "
                    "or use the long form with columns decision, role, raci",
                )
            ],
        )
    keep = [c for c in table.columns if c in WIDE.columns]
    parts, problems = [], []
    for role in roles:
        part = table[keep].assign(
            role=role, raci=table[role].fillna("").astype(str).str.strip(), _line=lines.to_numpy()
        )
        part = part[part["raci"].ne("")]
        problems += _letters(name, part, part["_line"], column=role)
        parts.append(part)
    empty = table[roles].fillna("").astype(str).apply(lambda s: s.str.strip()).eq("").all(axis=1)
    problems += [
        Problem(
            name,
            int(lines[i]),
            None,
            f"decision '{table['decision'][i]}' has no letter in any role's column; give it one A and at least one R",
        )
        for i in empty[empty].index
    ]
    long = pd.concat(parts).sort_values("_line", kind="stable")
    return long.drop(columns="_line").reset_index(drop=True), long["_line"].reset_index(drop=True), problems


def _rules(name: str, table: pd.DataFrame, lines: pd.Series, column: str) -> list[Problem]:
    """Exactly one A and at least one R per decision; one letter per role and decision."""
    problems = []
    letters = table["raci"].str.upper()
    decision = table["decision"].str.casefold()
    role = table["role"].astype(str).str.casefold()
    for _, group in lines.groupby([decision, role], sort=False):
        if len(group) > 1:
            problems += [
                Problem(
                    name,
                    int(line),
                    "role",
                    f"'{table['role'][i]}' already has a letter for '{table['decision'][i]}' on line {group.iloc[0]}; "
                    "give each role one letter per decision",
                )
                for i, line in group.iloc[1:].items()
            ]
    for _, group in lines.groupby(decision, sort=False):
        shown, at = table["decision"][group.index[0]], _span(group)
        a = group[letters[group.index].eq("A")]
        where = "raci" if column == "raci" else None
        if a.empty:
            problems.append(
                Problem(
                    name,
                    int(group.iloc[0]),
                    where,
                    f"decision '{shown}' ({at}) has no A; exactly one role must be accountable for each decision",
                )
            )
        elif len(a) > 1:
            who = ", ".join(f"{table['role'][i]} on line {line}" for i, line in a.items())
            problems.append(
                Problem(
                    name,
                    int(a.iloc[1]),
                    where,
                    f"decision '{shown}' has {len(a)} As ({who}); exactly one role is accountable: "
                    "make the others R or C",
                )
            )
        if not letters[group.index].eq("R").any():
            problems.append(
                Problem(
                    name,
                    int(group.iloc[0]),
                    where,
                    f"decision '{shown}' ({at}) has no R; at least one role must be responsible for it",
                )
            )
    return problems


def _span(lines: pd.Series) -> str:
    first, last = int(lines.min()), int(lines.max())
    return f"line {first}" if first == last else f"lines {first}-{last}"


def raci_grid(decisions: pd.DataFrame) -> pd.DataFrame:
    """The long RACI table as a grid: one row per decision (in order), one column per role, a letter or blank.

    >>> raci_grid(load_decisions()).loc["Allocate resources"].to_dict()["COO"]
    'R'
    """
    require(decisions, ["decision", "role", "raci"], "to lay out decisions by roles")
    t = tidy(decisions)
    roles = [r for r in t["role"].cat.categories if r in set(t["role"])]
    grid = t.pivot_table(index="decision", columns="role", values="raci", aggfunc="first", observed=True, sort=False)
    grid = grid.reindex(index=list(dict.fromkeys(t["decision"])), columns=roles)
    return grid.astype(object).where(grid.notna(), "").rename_axis(index="decision", columns=None)


def raci_template(decisions: pd.DataFrame | None = None, roles: Iterable[str] | None = None) -> pd.DataFrame:
    """A blank RACI grid for a team to fill in: the decisions of ``decisions`` (the articles' by default) by ``roles``.

    ``roles`` defaults to the roles of ``decisions``. Write it with ``rolekit raci template``.

    >>> raci_template(roles=["CEO", "COO", "CFO"]).columns.tolist()
    ['id', 'decision', 'CEO', 'COO', 'CFO']
    """
    d = load_decisions() if decisions is None else tidy(decisions)
    roles = [
        str(r) for r in (roles if roles is not None else [r for r in d["role"].cat.categories if r in set(d["role"])])
    ]
    first = d.drop_duplicates("decision")
    out = pd.DataFrame(
        {
            "id": first["id"].to_numpy() if "id" in first else [f"D{i + 1:02d}" for i in range(len(first))],
            "decision": first["decision"].to_numpy(),
        }
    )
    return out.assign(**dict.fromkeys(roles, ""))


def compare_raci(before: pd.DataFrame, after: pd.DataFrame, changes: Iterable[str] | None = None) -> pd.DataFrame:
    """Every decision and role with the letter in each table: decision, role, before, after, change.

    ``change`` is ``same``, ``changed``, ``added`` (a letter only ``after`` gives) or
    ``removed``. Decisions match by their text, ignoring case; roles by name.
    ``changes``: keep only rows with one of these (such as ``["changed", "added"]``).

    >>> d = load_decisions()
    >>> swapped = d["raci"].map({"R": "A", "A": "R"}).astype(str)
    >>> mine = d.assign(raci=d["raci"].astype(str).where(d["decision"] != "Allocate resources", swapped))
    >>> compare_raci(d, mine, changes=["changed"])[["role", "before", "after"]].to_string(index=False)
    'role before after\\n CEO      A     R\\n COO      R     A'
    """
    a, b = (
        tidy(t)[["decision", "role", "raci"]].assign(
            key=lambda t: t["decision"].str.casefold(), role=lambda t: t["role"].astype(str)
        )
        for t in (before, after)
    )
    merged = a.merge(b, on=["key", "role"], how="outer", suffixes=("_before", "_after"), sort=False)
    merged["decision"] = merged["decision_before"].fillna(merged["decision_after"])
    merged["before"] = merged["raci_before"].astype(object).fillna("")
    merged["after"] = merged["raci_after"].astype(object).fillna("")
    merged["change"] = "same"
    merged.loc[merged["before"].ne(merged["after"]), "change"] = "changed"
    merged.loc[merged["before"].eq(""), "change"] = "added"
    merged.loc[merged["after"].eq(""), "change"] = "removed"
    order = list(dict.fromkeys(list(a["key"]) + list(b["key"])))
    merged["_at"] = merged["key"].map({k: i for i, k in enumerate(order)})
    out = merged.sort_values("_at", kind="stable")[["decision", "role", "before", "after", "change"]]
    return (out if changes is None else out[out["change"].isin(changes)]).reset_index(drop=True)


def raci_summary(decisions: pd.DataFrame, against: pd.DataFrame | None = None) -> str:
    """One or two sentences on who holds the As (and, given ``against``, what differs from it).

    >>> print(raci_summary(load_decisions()))
    Of 12 decisions, Board is accountable for 6, CEO for 6; CEO is responsible for 6, COO for 6,
    Executive team for 1, CFO for 1.
    """
    t = tidy(decisions)
    n = t["decision"].str.casefold().nunique()
    text = f"Of {n} decision{'s' * (n != 1)}, {_holders(t, 'A', 'accountable')}; {_holders(t, 'R', 'responsible')}."
    if against is None:
        return text
    return f"{text} {raci_against(t, against)}"


def raci_against(decisions: pd.DataFrame, other: pd.DataFrame, changes: pd.DataFrame | None = None) -> str:
    """What differs from ``other``: letters on the decisions both hold, then decisions only one holds.

    ``changes``: :func:`compare_raci` of ``other`` and ``decisions``, when the caller has it already.

    >>> d = load_decisions()
    >>> raci_against(d, d)
    'On the 12 decisions both tables hold, every role has the same letter.'
    """
    t, other = tidy(decisions), tidy(other)
    changes = (compare_raci(other, t) if changes is None else changes).assign(
        key=lambda c: c["decision"].str.casefold()
    )
    mine, theirs = set(t["decision"].str.casefold()), set(other["decision"].str.casefold())
    shared = changes[changes["key"].isin(mine & theirs)]
    differ = shared[shared["change"] != "same"]
    a_other = {k: set(g["role"]) for k, g in shared[shared["before"] == "A"].groupby("key")}
    a_mine = {k: set(g["role"]) for k, g in shared[shared["after"] == "A"].groupby("key")}
    moved = sum(a_other.get(k) != a_mine.get(k) for k in mine & theirs)
    n = len(mine & theirs)
    if not n:
        return "It shares no decision with the other table."
    k = differ["key"].nunique()
    said = (
        f"Of the {n} decision{'s' * (n != 1)} both tables hold, {k} {'gives' if k == 1 else 'give'} some role "
        "another letter "
        f"({len(differ)} letter{'s' * (len(differ) != 1)} in all), and {moved} {'has' if moved == 1 else 'have'} "
        "another A."
        if len(differ)
        else f"On the {n} decision{'s' * (n != 1)} both tables hold, every role has the same letter."
    )
    only = [
        f"{len(keys)} {'is' if len(keys) == 1 else 'are'} only in {where}"
        for keys, where in ((mine - theirs, "this table"), (theirs - mine, "the other"))
        if keys
    ]
    return said + (f" Of the decisions, {' and '.join(only)}." if only else "")


def _holders(t: pd.DataFrame, letter: str, word: str, limit: int = 4) -> str:
    """``"CEO is accountable for 6, Board for 5"``: the roles holding ``letter`` most often, most first."""
    counts = t.loc[t["raci"].astype(str).eq(letter), "role"].astype(str).value_counts(sort=False)
    counts = counts.sort_values(ascending=False, kind="stable")
    if counts.empty:
        return f"no role is {word} for any decision"
    shown = counts if len(counts) <= limit else counts.head(limit - 1)
    (role, n), *rest = shown.items()
    more = (
        f", {len(counts) - len(shown)} other roles for {counts.iloc[len(shown) :].sum()}"
        if len(counts) > len(shown)
        else ""
    )
    return f"{role} is {word} for {n}" + "".join(f", {r} for {k}" for r, k in rest) + more
