"""Decision rights as a RACI table: who is Responsible, Accountable, Consulted, Informed.

RACI as practitioners define it (PMI's PMBOK Guide and the usual references):
**Accountable** is the one role that owns the outcome and signs it off, holding the
final say; **Responsible** is whoever does the work; the A may also be R (``A/R``);
**Consulted** gives input before; **Informed** is told after.

A decisions table has one row per decision, role and letter (the long form,
``data/decisions.csv``; a role holding both A and R is two rows), or one row per
decision and one column per role (the wide form a spreadsheet gives, and what
:func:`raci_template` writes; a role holding both has ``A/R`` in its cell). Both load
into the long form. The wide form is read as public RACI templates are written: the
first column may be named Task, Activity, Deliverable or Decision; ``-`` or a dash
means no part; a row with every role's cell blank is a phase heading; Notes and
Comments columns are text. Each decision needs exactly one A; a decision with an A
and no R is read as the A doing it, with a note in ``attrs["notes"]``.
"""

from __future__ import annotations

import csv
import dataclasses
import io as _io
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from .bundle import bundled
from .categories import tidy
from .output import FORMULA_STARTS
from .reader import SAVE_CSV, read_bytes, read_table
from .roles import role_mapping
from .text import BLANK, clean, escaped, fault, is_placeholder, join_names, marked, possessive, the
from .validate import DataError, Problem, Schema, canonical, did_you_mean, require

LETTERS = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
BOTH = "A/R"  # a role that owns a decision and does it, as RACI templates write it
EXAMPLE_RACI = bundled("data/example_raci.csv")  # an invented team's RACI, in the wide form a spreadsheet gives
_WORDS = {word: letter for letter, word in LETTERS.items()} | {
    "approver": "A",
    "owner": "A",
    "doer": "R",
    "support": "C",
    "inform": "I",
    "consult": "C",
}
_ALLOWED = "allowed: " + ", ".join(f"{k} ({v})" for k, v in LETTERS.items()) + ", or A/R (owns it and does it)"
_DASHES = frozenset("-‐‑‒–—―−")  # a cell holding only one of these means "no part", as templates write it
_JOINERS = re.compile(r"\s*(?:/|,|\+|&|;|\||\bAND\b)\s*|\s+")  # between A and R: A/R, A, R, A+R, A & R, A R
# Names public templates give the column of decisions: Task, Activity, Deliverable, Task / Deliverable, Decision...
_DECISION_WORDS = {"decision", "task", "activity", "deliverable"}
_NAME_WORDS = _DECISION_WORDS | {"key", "name", "or", "and", "project"}
_TEXT_WORDS = {"note", "comment", "remark", "description", "detail", "phase", "or", "and"}  # text columns, not roles
# The template's last column: how to fill it in, said where the team fills it in, and room for their notes.
TEMPLATE_NOTES = (
    "notes (in each role's column: R, A, C or I; A/R where it owns the decision and does it; blank: no part)"
)
_RESERVED = ("decision", "role", "raci", "id", "source", "section", "phase", "notes", "comments")
LONG = Schema(
    ("decision", "role", "raci"),
    ("id", "source", "section", "phase"),
    keys=("id", "role", "raci", "source"),
    row="decision and role",
)


@dataclasses.dataclass(frozen=True)
class _Wide(Schema):
    """The wide form's schema, with the header cell that names the decisions (``Task``, say) read as ``decision``."""

    renames: tuple[tuple[str, str], ...] = ()

    def name(self, header: str) -> str:
        return dict(self.renames).get(header, header)


WIDE = _Wide(
    ("decision",),
    ("id", "source", "section", "phase"),
    keys=("id",),
    row="decision (a column per role, a letter in each cell)",
)


def load_decisions(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a RACI table, checking it first; the bundled one with no ``path``.

    Long form: columns decision, role, raci (id, source, section and phase optional).
    Wide form: a decision column (or Task, Activity, Deliverable) and one column per
    role holding its letter. Letters are read in any case; a role holding both A and
    R is written ``A/R`` (or ``A, R``, ``AR``, ``R/A``) in one cell, or as two rows
    of the long form. Two As, no A, an unknown letter raise :class:`DataError`
    listing every problem with its line. Returns the long form, one row per letter:
    id (when given), decision, role, raci, then any other columns (``phase``, the
    heading a decision sits under; notes); role and raci categorical.
    ``attrs["notes"]`` lists how the table was read where it said less than a RACI
    needs (a decision with an A and no R is read as the A doing it), as
    :class:`Problem` lines.

    >>> d = load_decisions()
    >>> d[d["decision"] == "Day-to-day operational decisions"][["role", "raci"]].to_string(index=False)
    'role raci\\n COO    R\\n CEO    A'
    """
    path = bundled("data/decisions.csv") if path is None else path
    name, data = read_bytes(path)
    header = _headers(data)
    at, cells = header[0] if header else (1, [])
    long = bool({canonical(c) for c in cells} & {"role", "raci"})  # canonical() reads any case
    if long:
        table, lines = read_table(path, LONG, lines=True)
        rows, problems, notes = _long_rows(name, table, lines)
    else:
        table, lines = _read_wide(name, path, header)
        rows, problems, notes = _wide_rows(name, table, lines, at)
    rows, more, implied = _rules(name, rows, "raci" if long else None, wide=not long)
    problems += more
    if not rows and not problems:
        problems.append(
            Problem(
                name,
                None,
                None,
                "no decision has a letter: every role's cell is blank (a blank template?); write R, A, C or I in each "
                "role's column, one A per decision",
            )
        )
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    result = _frame(rows)
    result.attrs["notes"] = sorted(notes + implied, key=lambda p: p.line or 0)
    return result


def _headers(data: bytes, count: int = 6) -> list[tuple[int, list[str]]]:
    """The first ``count`` non-blank rows (a line ``sep=,`` skipped): the line each ends on, and its cells, cleaned.

    The first is the header; the others are where to look for it when a title line sits above it.
    """
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    reader = csv.reader(_io.StringIO(text, newline=""), skipinitialspace=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not any(c.strip(BLANK) for c in row):
                continue
            if not rows and len(row) <= 2 and ",".join(row).strip(BLANK).lower().startswith("sep="):
                continue
            rows.append((reader.line_num, [clean(c) for c in row]))
            if len(rows) == count:
                break
    except csv.Error:
        pass  # the reader says what is wrong with the file, and where
    return rows


def _words(name: str) -> list[str]:
    """A column name's words, singular, without notes in brackets: ``Tasks / Deliverables`` is task, deliverable."""
    bare = re.sub(r"[(\[].*?([)\]]|$)", " ", name.lower())
    return [
        w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") and not w.endswith("ss") else w
        for w in re.findall(r"[a-z]+", bare)
    ]


def _names_decisions(name: str) -> bool:
    words = set(_words(name))
    return bool(words & _DECISION_WORDS) and words <= _NAME_WORDS


def _is_text(name: str) -> bool:
    words = set(_words(name))
    return (bool(words) and words <= _TEXT_WORDS) or name.strip() in {"#", "no", "no.", "nr"}


def role_columns(columns: Iterable[object]) -> list[str]:
    """The columns of a wide RACI table (as it is read) that are roles: not its own, not notes or comments.

    >>> role_columns(["id", "decision", "CEO", "Board", "Notes", "phase"])
    ['CEO', 'Board']
    """
    names = [str(c) for c in columns]
    return [c for c in names if c not in WIDE.columns and not _is_text(c) and not _names_decisions(c)]


def _read_wide(
    name: str, path: str | os.PathLike, header: list[tuple[int, list[str]]]
) -> tuple[pd.DataFrame, pd.Series]:
    """The wide form's cells as text, and the line each row starts on; the column naming the decisions found first."""
    at, cells = header[0] if header else (1, [])
    first = _decision_column(cells)
    if first is None:
        try:  # a workbook, a web page, an empty file, another encoding: the reader says what the file is
            read_table(path, WIDE, lines=True)
        except DataError as err:
            if any(p.line != at for p in err.problems):  # not only the header's: the file itself is the matter
                raise
        below = next(((line, row) for line, row in header[1:] if _decision_column(row)), None)
        shown = ", ".join(f"'{c}'" for c in cells if c) or "nothing"
        with open(path, "rb") as f:  # the header as written: cleaning it made its tabs spaces
            written = next(itertools.islice(f, at - 1, None), b"").decode("utf-8", "replace")
        separator = next(
            (label for sep, label in _SEPARATORS if _decision_column([clean(c) for c in written.split(sep)])), None
        )
        why = (
            f"the header seems to be on line {below[0]}, not line {at}: {shown} looks like a title; delete the line(s) "
            "above the header"
            if below
            else f"the columns are separated by {separator}, not commas; {SAVE_CSV}, or choose ',' as the field "
            "separator when exporting"
            if separator
            else f"the header ({shown}) names no column of decisions; a RACI table has a first column named Decision "
            "(or Task, Activity, Deliverable, as RACI templates name it) and one column per role, or, in the long "
            "form, the columns decision, role, raci"
        )
        raise DataError([Problem(name, at, None, why)])
    schema = dataclasses.replace(WIDE, renames=((first, "decision"),))
    table, lines = read_table(path, schema, lines=True)
    return table, lines


_SEPARATORS = ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars"))  # what a spreadsheet may export instead


def _decision_column(cells: list[str]) -> str | None:
    """The header cell naming the decisions, in lower case as the reader matches it: Decision, else Task..."""
    names = [c.lower() for c in cells]
    return next((c for c in names if c == "decision"), None) or next((c for c in names if _names_decisions(c)), None)


def _letters(value: str, blank: str = "") -> tuple[tuple[str, ...], str | None]:
    """The letters a cell gives one role, or why it cannot be read: ``A/R`` is A and R; ``-`` or blank, none.

    ``blank``: what the message adds to the letters allowed (the wide form: that a blank cell is no part).
    """
    text = clean(value)
    if not text or is_placeholder(text) or text in _DASHES:
        return (), None
    wrong = fault(text)
    if wrong:
        return (), f"'{marked(text)}' {wrong}"
    for char in text:  # a Cyrillic А looks like A and is not: say so, rather than only that it is no letter
        looks = unicodedata.name(char, "").split(" ")[-1] if not char.isascii() else ""
        if looks in LETTERS:
            return (), (
                f"'{marked(text)}' holds {unicodedata.name(char).title()} ({escaped(char)}), which looks like "
                f"'{looks}' but is another character; retype it"
            )
    joined = _JOINERS.sub("", text.upper())
    if joined and all(c in LETTERS for c in joined):
        letters = tuple(dict.fromkeys(joined))
        if len(letters) < len(joined):
            return (), f"'{value}' gives one role the same letter twice; give it one letter (or A/R)"
        if len(letters) == 1:
            return letters, None
        if set(letters) == {"A", "R"}:
            return ("A", "R"), None
        return (), (
            f"'{value}' gives one role {len(letters)} letters; a role holds one letter per decision, or A and R "
            "together (A/R: it owns the decision and does it)"
        )
    return (), f"'{value}' is not a RACI letter; {_ALLOWED}{blank}{did_you_mean(text, list(LETTERS), _WORDS)}"


def _long_rows(name: str, table: pd.DataFrame, lines: pd.Series) -> tuple[list[dict], list[Problem], list[Problem]]:
    """The long form, one row per letter (a cell ``A/R`` is two rows), each with its line."""
    out: list[dict] = []
    problems = []
    others = [c for c in table.columns if c != "raci"]
    for record, value, line in zip(table[others].to_dict("records"), table["raci"].astype(str), lines.astype(int)):
        letters, why = _letters(value)
        if why or not letters:
            problems.append(Problem(name, int(line), "raci", why or f"'{value}' gives no letter; {_ALLOWED}"))
            out.append(record | {"_line": int(line), "_bad": True})
        out += [record | {"raci": letter, "_line": int(line)} for letter in letters]
    return out, problems, []


def _wide_rows(
    name: str, table: pd.DataFrame, lines: pd.Series, at: int
) -> tuple[list[dict], list[Problem], list[Problem]]:
    """The wide form as rows of the long one, each letter keeping its row's line; headings set each row's phase.

    A row with no letter in any role's column is a phase heading, or, when it has an
    id (a decision of the template left blank), a decision not filled in: left out,
    with a note.
    """
    roles = role_columns(table.columns)
    if not roles:
        return (
            [],
            [
                Problem(
                    name,
                    at,
                    None,
                    "has a decision column but no role columns; add one column per role, "
                    "or use the long form with columns decision, role, raci",
                )
            ],
            [],
        )
    problems, notes = [], []
    names = {}
    for column in roles:
        role = _unguarded(column)
        wrong = fault(role)
        if wrong:
            problems.append(Problem(name, at, column, f"'{marked(role)}' {wrong}"))
        names[column] = role
    cells = table[roles].fillna("").astype(str)
    filled = {c: [v for v in cells[c] if clean(v)] for c in roles}
    no_letter = {c: len(v) >= 2 and all(_letters(x)[1] for x in v) for c, v in filled.items()}  # notes, not letters
    keep = [c for c in table.columns if c not in roles]
    has_phase = "phase" in table.columns
    rows: list[dict] = []
    phase, heading = None, None  # the heading rows sit under, and (line, text) of a heading with no decision yet
    for i, record in enumerate(table[keep].to_dict("records")):
        line = int(lines[i])
        given, bad = [], False
        for column in roles:
            letters, why = _letters(cells.at[i, column], ", or blank (or -) when the role has no part")
            if why:
                hint = " (a column of notes? name it Notes or Comments to keep it as text)" if no_letter[column] else ""
                problems.append(Problem(name, line, column, why + hint))
                bad = True
            given.append((names[column], letters))
        if bad:
            rows.append(record | {"_line": line, "_bad": True})
            continue
        if not any(letters for _, letters in given):
            ident = record.get("id")
            if isinstance(ident, str) and ident:
                notes.append(
                    Problem(
                        name,
                        line,
                        None,
                        f"decision '{record['decision']}' ({ident}) has no letter in any role's column: left out; give "
                        "it one A (and an R) to count it",
                    )
                )
                continue
            if heading is not None:
                notes.append(_empty_heading(name, *heading))
            phase, heading = record["decision"], (line, record["decision"])
            continue
        heading = None
        base = dict(record)
        if phase is not None or has_phase:
            base["phase"] = record.get("phase") or phase
        rows += [base | {"role": role, "raci": letter, "_line": line} for role, letters in given for letter in letters]
    if heading is not None:
        notes.append(_empty_heading(name, *heading))
    return rows, problems, notes


def _empty_heading(name: str, line: int, text: str) -> Problem:
    return Problem(
        name,
        line,
        None,
        f"'{text}' has no letter in any role's column and no decision under it: read as a phase heading; if it is a "
        "decision, give it one A (and an R)",
    )


def _unguarded(name: str) -> str:
    """A role's name without the quote the formula guard put before it when rolekit wrote the template."""
    return name[1:] if name.startswith("'") and name[1:].startswith(FORMULA_STARTS) else name


def _rules(
    name: str, rows: list[dict], column: str | None = "raci", unit: str = "line", whole: bool = True, wide: bool = False
) -> tuple[list[dict], list[Problem], list[Problem]]:
    """Exactly one A per decision; one letter per role, or A and R together. An A with no R is read as A/R, noted.

    Returns the rows (with the R rows read into a lone A), the problems and the notes.
    ``unit``: ``line`` for a file's lines, ``row`` for a DataFrame's index labels.
    ``whole``: False checks only each role's letters, for a part of a table (a
    comparison's, say), which need not give every decision its A. ``wide``: the rows
    come from a wide table, one line per decision, so a decision on two lines is one
    problem, not one per role.
    """
    in_file = unit == "line"

    def problem(line: int, where: str | None, message: str) -> Problem:
        said = message if in_file or f"{unit} {line}" in message else f"{message} ({unit} {line})"
        return Problem(name, line if in_file else None, where, said)

    problems, notes, implied = [], [], []
    groups: dict[str, list[int]] = {}
    for k, row in enumerate(rows):
        groups.setdefault(str(row["decision"]).casefold(), []).append(k)
    for members in groups.values():
        if any(rows[k].get("_bad") for k in members):
            continue  # a cell of it is wrong: the rules are checked once it is fixed
        shown = rows[members[0]]["decision"]
        at = sorted({rows[k]["_line"] for k in members})
        if wide and len(at) > 1:
            problems.append(  # the wide form, a decision on two lines: once, not once per role
                problem(
                    at[1],
                    "decision",
                    f"decision '{shown}' is on {unit}s {join_names(at)}; give each decision one row (merge them, or "
                    "word them apart if they are two decisions)",
                )
            )
            continue
        held: dict[str, list[int]] = {}
        for k in members:
            held.setdefault(str(rows[k]["role"]).casefold(), []).append(k)
        for ks in held.values():
            first, seen = rows[ks[0]], set[str]()
            for k in ks:  # A and R together are one part (A/R); any other letter again, or a third, is one too many
                letter = rows[k]["raci"]
                if not seen or (letter not in seen and seen | {letter} <= {"A", "R"}):
                    seen.add(letter)
                else:
                    problems.append(
                        problem(
                            rows[k]["_line"],
                            "role",
                            f"'{rows[k]['role']}' already has a letter for '{rows[k]['decision']}' on {unit} "
                            f"{first['_line']}; give each role one letter per decision, or A and R together (A/R)",
                        )
                    )
        if not whole:
            continue
        lines = [rows[k]["_line"] for k in members]
        span = f"{unit} {min(lines)}" if min(lines) == max(lines) else f"{unit}s {min(lines)}-{max(lines)}"
        a = list({str(rows[k]["role"]).casefold(): k for k in members if rows[k]["raci"] == "A"}.values())
        if not a:
            problems.append(
                problem(
                    min(lines),
                    column,
                    f"decision '{shown}' ({span}) has no A; exactly one role must be accountable for each decision: "
                    "the one that owns the outcome and has the final say",
                )
            )
        elif len(a) > 1:
            who = ", ".join(f"{rows[k]['role']} on {unit} {rows[k]['_line']}" for k in a)
            problems.append(
                problem(
                    rows[a[1]]["_line"],
                    column,
                    f"decision '{shown}' has {len(a)} As ({who}); exactly one role is accountable (owns it and has the "
                    "final say): make the others R, or C",
                )
            )
        elif not any(rows[k]["raci"] == "R" for k in members):
            owner = rows[a[0]]
            implied.append(owner | {"raci": "R", "source": None, "section": None, "_after": a[0], "_implied": True})
            notes.append(
                problem(
                    owner["_line"],
                    None,
                    f"decision '{shown}' has an A and no R: read as {owner['role']} doing it as well ({BOTH}); a "
                    "RACI that names only the A means the A does it",
                )
            )
    order = [(row["_line"], k, row) for k, row in enumerate(rows) if not row.get("_bad")]
    order += [(row["_line"], row["_after"] + 0.5, row) for row in implied]
    out = [row for _, _, row in sorted(order, key=lambda o: (o[0], o[1]))]
    for row in out:
        row.pop("_after", None)
    return out, problems, notes


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The rows as the long form: id, decision, role, raci, source, section, phase, then any other column."""
    given = set().union(*(row.keys() for row in rows if not row.get("_implied")))
    t = pd.DataFrame(rows)
    t = t.drop(columns=[c for c in t if c.startswith("_") or c not in given])
    t["raci"] = pd.Categorical(t["raci"], categories=list(LETTERS))
    t["decision"] = t["decision"].astype(str)
    first = [c for c in ("id", "decision", "role", "raci", "source", "section", "phase") if c in t]
    return tidy(t[first + [c for c in t if c not in first]]).reset_index(drop=True)


def _checked(decisions: pd.DataFrame, purpose: str) -> pd.DataFrame:
    """A RACI table given as a DataFrame, its letters checked: the long form, one row per letter (A/R is two).

    Each letter is R, A, C or I in any case, or A and R together; decision and role
    are never blank. The rules across a decision's rows (one A) are the loader's to
    enforce: a DataFrame may be part of a table.
    """
    require(decisions, ["decision", "role", "raci"], purpose)
    if decisions.empty:
        raise DataError(
            [
                Problem(
                    "table",
                    None,
                    None,
                    f"has no decisions, so there is nothing {purpose}; a RACI table has one row per decision and role, "
                    "with the columns decision, role, raci (load one with rolekit.load_decisions)",
                )
            ]
        )
    rows, problems = [], []
    for label, record in zip(decisions.index, decisions.to_dict("records")):
        for column in ("decision", "role"):
            value = record[column]
            if value is None or (isinstance(value, float) and pd.isna(value)) or not clean(str(value)):
                problems.append(Problem("table", None, column, f"is blank (row {label}); every row needs one"))
        value = record["raci"]
        letters, why = _letters("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))
        if why or not letters:
            problems.append(
                Problem("table", None, "raci", f"{why or f'{value!r} gives no letter; {_ALLOWED}'} (row {label})")
            )
        rows += [record | {"raci": letter, "_line": label} for letter in letters]
    if problems:
        raise DataError(problems)
    out, problems, _ = _rules("table", rows, "raci", unit="row", whole=False)
    if problems:
        raise DataError(problems)
    return _frame(out)


def _parts(t: pd.DataFrame) -> pd.DataFrame:
    """Each decision and role with its part: one letter, or A/R for a role holding both.

    Columns key (the decision in lower case), decision, role, part.
    """
    rows = t.assign(key=t["decision"].str.casefold(), role=t["role"].astype(str), raci=t["raci"].astype(str))
    part = rows.groupby(["key", "role"], sort=False)["raci"].agg(lambda s: BOTH if set(s) == {"A", "R"} else s.iloc[0])
    out = part.rename("part").reset_index()
    first = rows.drop_duplicates("key").set_index("key")["decision"]
    return out.assign(decision=out["key"].map(first))[["key", "decision", "role", "part"]]


def raci_grid(decisions: pd.DataFrame) -> pd.DataFrame:
    """The RACI table as a grid: one row per decision (in order), one column per role, its part or blank.

    A role holding both A and R reads ``A/R``. Where the table has phases (headings
    in the wide form), each phase's heading comes before its decisions as a row with
    every cell blank: in a grid, only a heading has no letter.

    >>> raci_grid(load_decisions()).loc["Allocate resources"].to_dict()["COO"]
    'R'
    >>> raci_grid(load_decisions()).loc["Choose the CEO"].to_dict()["Board"]
    'A/R'
    """
    t = _checked(decisions, "to lay out decisions by roles")
    parts = _parts(t)
    roles = [r for r in t["role"].cat.categories if r in set(t["role"].astype(str))]
    grid = parts.pivot(index="key", columns="role", values="part")
    keys = list(dict.fromkeys(parts["key"]))
    grid = grid.reindex(index=keys, columns=roles)
    grid = grid.astype(object).where(grid.notna(), "")
    grid.index = parts.drop_duplicates("key")["decision"].to_numpy()
    if "phase" in t and t["phase"].notna().any():
        phases = t.loc[~t["decision"].str.casefold().duplicated(), "phase"].tolist()
        blocks, last = [], None
        for k, phase in enumerate(phases):
            if isinstance(phase, str) and phase and phase != last:
                blocks.append(pd.DataFrame([[""] * len(roles)], index=[phase], columns=roles))
            last = phase if isinstance(phase, str) and phase else last
            blocks.append(grid.iloc[[k]])
        grid = pd.concat(blocks)
    return grid.rename_axis(index="decision", columns=None)


def raci_template(decisions: pd.DataFrame | None = None, roles: Iterable[str] | None = None) -> pd.DataFrame:
    """A blank RACI grid for a team to fill in: the decisions of ``decisions`` (the articles' by default) by ``roles``.

    ``roles`` defaults to the roles of ``decisions``; names must differ (ignoring case)
    and must not be one of the template's own columns (``decision``, ``id``, ``notes``...),
    else :class:`DataError` says which. Phase headings come as rows with no id. In
    each role's cell a team writes R, A, C or I, ``A/R`` for a role that owns a
    decision and does it, or nothing: the last column's name says so, in the
    spreadsheet, and the column is the team's for notes. Write it with
    ``rolekit raci --template DIR``.

    >>> raci_template(roles=["CEO", "COO", "CFO"]).columns.tolist()[:5]
    ['id', 'decision', 'CEO', 'COO', 'CFO']
    >>> raci_template(roles=["CEO"]).columns[-1]
    "notes (in each role's column: R, A, C or I; A/R where it owns the decision and does it; blank: no part)"
    """
    d = load_decisions() if decisions is None else _checked(decisions, "to write a template")
    names = [
        clean(str(r))
        for r in (roles if roles is not None else [r for r in d["role"].cat.categories if r in set(d["role"])])
    ]
    wrong = _role_problems(names)
    if wrong:
        raise DataError([Problem("roles", None, None, why) for why in wrong])
    grid = raci_grid(d)
    first = d.loc[~d["decision"].str.casefold().duplicated()]
    ids = iter(
        first["id"].fillna("").astype(str).tolist() if "id" in first else [f"D{i + 1:02d}" for i in range(len(first))]
    )
    headings = grid.eq("").all(axis=1).tolist()
    out = pd.DataFrame({"id": ["" if h else next(ids) for h in headings], "decision": grid.index.tolist()})
    return out.assign(**dict.fromkeys(names, ""), **{TEMPLATE_NOTES: ""})


def _role_problems(roles: list[str]) -> list[str]:
    """What is wrong with ``roles`` as a template's role columns: none given, twice, a column of the template's own."""
    names = [clean(r) for r in roles]
    if not any(names):
        return ["no role given; name one or more, comma-separated, such as CEO,COO,CFO"]
    problems: list[str] = []
    seen: dict[str, str] = {}
    own = []
    for role in names:
        if not role:
            problems.append("a role name is blank; name each role, comma-separated, such as CEO,COO,CFO")
            continue
        key = role.casefold()
        if key in seen:
            problems.append(
                f"'{role}' is given twice (as '{seen[key]}' and '{role}'); rolekit reads names in any case as one "
                "role, so each role needs a name of its own"
            )
            continue
        seen[key] = role
        if key in _RESERVED or _names_decisions(role) or _is_text(role):
            own.append(role)
            continue
        wrong = fault(role)
        if wrong:
            problems.append(f"'{marked(role)}' {wrong}")
    if own:
        quoted = [f"'{r}'" for r in own]
        names_ = join_names(quoted)
        problems.append(
            f"{names_} {'names a column' if len(own) == 1 else 'name columns'} a RACI table has of its own "
            "(decision, id, source, section, phase, notes, comments; task, activity and deliverable name the "
            "decisions), so cannot name a role: call the role something else"
        )
    return problems


def compare_raci(before: pd.DataFrame, after: pd.DataFrame, changes: Iterable[str] | None = None) -> pd.DataFrame:
    """Every decision and role with its part in each table: decision, role, before, after, change.

    A part is a letter, or ``A/R`` for a role holding both. ``change`` is ``same``,
    ``changed``, ``added`` (a part only ``after`` gives) or ``removed``. Decisions match
    by their text, ignoring case; roles by name, ignoring case, and a role named for a
    bundled one counts as it (``Chief Executive Officer`` is the CEO,
    :mod:`rolekit.roles`), under ``after``'s name. ``changes``: keep only rows with one
    of these (such as ``["changed", "added"]``).

    >>> d = load_decisions()
    >>> swapped = d["raci"].map({"R": "A", "A": "R"}).astype(str)
    >>> mine = d.assign(raci=d["raci"].astype(str).where(d["decision"] != "Allocate resources", swapped))
    >>> compare_raci(d, mine, changes=["changed"])[["role", "before", "after"]].to_string(index=False)
    'role before after\\n CEO      A     R\\n COO      R     A'
    """
    a, b = (_parts(_checked(t, "to compare two RACI tables")) for t in (before, after))
    for side in (a, b):  # BOARD is the Board; Chief Executive Officer is the CEO
        meant = {r: " ".join(m.casefold().split()) for r, m in role_mapping(dict.fromkeys(side["role"])).items()}
        side["who"] = side["role"].map(meant)
    merged = a.merge(b, on=["key", "who"], how="outer", suffixes=("_before", "_after"), sort=False)
    merged["role"] = merged["role_after"].fillna(merged["role_before"])
    merged["decision"] = merged["decision_before"].fillna(merged["decision_after"])
    merged["before"] = merged["part_before"].astype(object).fillna("")
    merged["after"] = merged["part_after"].astype(object).fillna("")
    merged["change"] = "same"
    merged.loc[merged["before"].ne(merged["after"]), "change"] = "changed"
    merged.loc[merged["before"].eq(""), "change"] = "added"
    merged.loc[merged["after"].eq(""), "change"] = "removed"
    order = list(dict.fromkeys(list(a["key"]) + list(b["key"])))
    roles = list(dict.fromkeys(list(a["who"]) + list(b["who"])))  # the grid's order of columns
    merged["_at"] = merged["key"].map({k: i for i, k in enumerate(order)})
    merged["_role"] = merged["who"].map({r: i for i, r in enumerate(roles)})
    out = merged.sort_values(["_at", "_role"], kind="stable")[["decision", "role", "before", "after", "change"]]
    return (out if changes is None else out[out["change"].isin(changes)]).reset_index(drop=True)


def raci_summary(decisions: pd.DataFrame, against: pd.DataFrame | None = None, name: str = "the other table") -> str:
    """Who holds the As and the Rs (and, given ``against``, what differs from it), and the notes of reading it.

    ``name``: what to call ``against`` in the sentences (``"the articles"``, say).
    A role holding both A and R counts as that decision's R.

    >>> print(raci_summary(load_decisions()))
    Of 13 decisions, the CEO is accountable for 12, the Board for 1; the CEO is responsible for 8, the
    COO for 6, 4 other roles for 4.
    """
    text = _counts(_checked(decisions, "to summarise who decides"))
    if against is not None:
        text += " " + raci_against(decisions, against, name=name)
    notes = decisions.attrs.get("notes") or []
    if notes:
        said = "; ".join(getattr(n, "message", str(n)) for n in notes[:3])
        more = f"; and {len(notes) - 3} more" if len(notes) > 3 else ""
        text += f" Read with {len(notes)} note{'s' * (len(notes) != 1)}: {said}{more}."
    return text


def _counts(t: pd.DataFrame) -> str:
    """One sentence: how many decisions, who is accountable and who responsible for how many (an A/R counts as both)."""
    n = t["decision"].str.casefold().nunique()
    return f"Of {n} decision{'s' * (n != 1)}, {_holders(t, 'A', 'accountable')}; {_holders(t, 'R', 'responsible')}."


def raci_against(
    decisions: pd.DataFrame, other: pd.DataFrame, changes: pd.DataFrame | None = None, name: str = "the other table"
) -> str:
    """What differs from ``other``: parts on the decisions both hold, then decisions only one holds.

    ``changes``: :func:`compare_raci` of ``other`` and ``decisions``, when the caller has it already.
    ``name``: what to call ``other`` (``"the articles"``, say).

    >>> d = load_decisions()
    >>> raci_against(d, d)
    'On the 13 decisions both tables hold, every role has the same letter.'
    """
    t, theirs_t = _checked(decisions, "to compare two RACI tables"), _checked(other, "to compare two RACI tables")
    changes = (compare_raci(theirs_t, t) if changes is None else changes).assign(
        key=lambda c: c["decision"].str.casefold()
    )
    mine, theirs = set(t["decision"].str.casefold()), set(theirs_t["decision"].str.casefold())
    n = len(mine & theirs)
    if not n:
        these = (
            "This table's one decision is not" if len(mine) == 1 else f"None of this table's {len(mine)} decisions is"
        )
        return (
            f"{these} among {possessive(name)} {len(theirs)}: decisions match by their wording (ignoring case), so a "
            "decision worded differently counts as another one."
        )
    shared = changes[changes["key"].isin(mine & theirs)]
    differ = shared[shared["change"] != "same"]
    a_other = {k: set(g["role"]) for k, g in shared[shared["before"].isin(["A", BOTH])].groupby("key")}
    a_mine = {k: set(g["role"]) for k, g in shared[shared["after"].isin(["A", BOTH])].groupby("key")}
    moved = sum(a_other.get(k) != a_mine.get(k) for k in mine & theirs)
    k = differ["key"].nunique()
    said = (
        f"Of the {n} decision{'s' * (n != 1)} both tables hold, {k} {'gives' if k == 1 else 'give'} some role "
        "another letter "
        f"({len(differ)} cell{'s' * (len(differ) != 1)} in all), and {moved} {'has' if moved == 1 else 'have'} "
        "another A."
        if len(differ)
        else f"On the {n} decision{'s' * (n != 1)} both tables hold, every role has the same letter."
    )
    only = [(len(keys), where) for keys, where in ((mine - theirs, "this table"), (theirs - mine, name)) if keys]
    if not only:
        return said
    (first, where), *other = only
    noun = f"{first} decision{'s' * (first != 1)} {'is' if first == 1 else 'are'}"
    return said + f" {noun} only in {where}" + "".join(f", {n} only in {there}" for n, there in other) + "."


def _holders(t: pd.DataFrame, letter: str, word: str, limit: int = 4) -> str:
    """``"the CEO is accountable for 6, the Board for 5"``: the roles holding ``letter`` most often, most first.

    Beyond ``limit`` roles the rest are counted together, and so is any role tied with
    them: no one of several roles holding as many is named over the others.
    """
    counts = t.loc[t["raci"].astype(str).eq(letter), "role"].astype(str).value_counts(sort=False)
    counts = counts.sort_values(ascending=False, kind="stable")
    if counts.empty:
        return f"no role is {word} for any decision"
    shown = counts if len(counts) <= limit else counts.head(limit - 1)
    if len(shown) < len(counts):
        shown = shown[shown > counts.iloc[len(shown)]]  # a role tied with the first one left out goes with it
    shown.index = [f"“{r}”" if "," in r else r for r in shown.index]  # "Head of Sales, EMEA" reads as one role
    rest = counts.iloc[len(shown) :]
    more = f"{len(rest)} other roles for {rest.sum()}" if len(rest) else ""
    if shown.empty:  # every role holds as many
        return f"{len(rest)} roles are {word} for {rest.iloc[0]} each"
    (role, n), *others = shown.items()
    said = f"{the(role)} is {word} for {n}" + "".join(f", {the(r)} for {k}" for r, k in others)
    return said + (f", {more}" if more else "")
