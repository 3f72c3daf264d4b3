"""Returned answers read back: per-participant sheets, or one online form's export, checked against the key."""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..reader import PathLike, read_table
from ..text import BLANK, clean
from ..validate import ALLOWED, SYNONYMS, DataError, Problem, Schema
from .answers import Choices, unguard
from .sheets import DIMENSIONS

__all__ = ["KEY", "SHEET", "Responses", "expand", "read_key", "read_responses"]

Paths = PathLike | Iterable[PathLike]  # a folder of sheets, one file, or several

SHEET = Schema(required=("item",), optional=("participant", "responsibility", *DIMENSIONS), row="item", aliases=True)
KEY = Schema(
    required=("item", "responsibility", *DIMENSIONS),
    optional=("id",),
    allowed=ALLOWED,
    synonyms=SYNONYMS,
    unique="item",
    row="item",
)


class Sheet(NamedTuple):
    """One participant's sheet (or form row) as read: the name, the answers given, the problems found."""

    name: str
    rows: pd.DataFrame  # item, dimension, answer
    problems: list[Problem]
    line: int | None = None  # the form row's line; None for a sheet of its own
    skipped: str | None = None  # why the sheet is not used, when it is not


_NO_ANSWERS = pd.DataFrame(columns=["item", "dimension", "answer"])


class Responses(NamedTuple):
    """What :func:`read_responses` returns: the answers, who gave them, and every problem found."""

    answers: pd.DataFrame  # participant (P1...), item, dimension, answer; one row per answer given
    participants: pd.DataFrame  # participant (P1...), name, file
    problems: list  # Problem: skipped sheets and unreadable answers, each with file and line
    files: int  # sheets (or form rows) read, used or not


def read_key(path: PathLike) -> pd.DataFrame:
    """An answer key as :func:`worksheet` writes it: item, responsibility, role, scope, horizon.

    Values read back as rolekit wrote them: a role ``@Sales``, stored as ``'@Sales``
    so that no spreadsheet runs it, is ``@Sales`` again.
    """
    key = read_table(path, KEY)
    for column in key.columns:
        key[column] = key[column].map(lambda v: unguard(v) if isinstance(v, str) else v)
    key["scope"], key["horizon"] = key["scope"].str.lower(), key["horizon"].str.lower()
    return key


_DIMENSION = r"(role|scope|horizon)"
_CODE = re.compile(r"([A-Za-z]{0,3})0*(\d{1,3})(?![\w])")  # Q01, Q1, 1, D07: the item's number
# Words a form's name column is headed with (letters only, lower case); the first found is used.
# A form tool's own columns (letters only, lower case), neither names nor answers: not read, and not said to be missed.
_FORM_OWN = r"timestamp|id|starttime|completiontime|lastmodifiedtime|score|totalpoints|points.*|feedback.*|language"
_NAME_COLUMNS = ("participant", "name", "yourname", "fullname", "nickname", "username", "email", "emailaddress")


def _item(text: str, key: pd.DataFrame) -> str | None:
    """The item a form's column (or grid row) names: by its number (``Q01``, ``Q1``, ``1``) or its responsibility."""
    text = clean(text)
    m = _CODE.match(text)
    if m and (m.end() == len(text) or not text[m.end()].isalnum()):
        return f"{m[1].upper() or 'Q'}{int(m[2]):02d}"
    wording = _wording(text)
    said = [i for i, r in zip(key["item"], key["responsibility"]) if _wording(str(r)) == wording]
    return said[0] if len(said) == 1 else None


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _wording(text: str) -> str:
    """A responsibility as a form's header is compared with the key's: case, spacing, a curly apostrophe ignored.

    >>> _wording("Manages the vendor’s  contracts.") == _wording("manages the vendor's contracts")
    True
    """
    return " ".join(text.translate(_TYPOGRAPHY).casefold().rstrip(".…").split())


def _form_column(header: str, key: pd.DataFrame) -> tuple[str, str] | None:
    """(item, dimension) for a form export's column header, or None when it is not one.

    One grid per item gives ``Q01 [role]``, ``Q01 role``, ``Q01_role``; one grid per
    dimension gives ``role [Q01]``, ``Role [Writes company-wide policies]``,
    ``[Q01] role``, ``role: Q01``.
    """
    h = clean(header)
    bracketed = re.fullmatch(r"(.*?)\s*[\[(](.+)[\])]\s*", h) or re.fullmatch(r"\s*[\[(](.+?)[\])]\s*(.+)", h)
    if bracketed:
        pairs = [(bracketed[1], bracketed[2]), (bracketed[2], bracketed[1])]
    else:
        parts = re.fullmatch(r"(.+?)\s*[\-_.:\s]\s*(.+)", h)
        pairs = [(parts[1], parts[2]), (parts[2], parts[1])] if parts else []
    for first, second in pairs:  # "role", or a grid titled "Role – who holds it?"
        dimension = re.fullmatch(_DIMENSION, first.strip(), flags=re.I) or re.match(
            _DIMENSION + r"\b\s*[-–—:?,(]", first.strip(), flags=re.I
        )
        item = _item(second, key) if dimension else None
        if dimension and item:
            return item, dimension[1].lower()
    return None


def _codes(names: list[str]) -> dict[str, str]:
    """Each participant's code (P1, P2... in order) by the code counting gave them: a name that is a code keeps it.

    ``rolekit room`` names a participant who gave no name by the code their phone shows
    (P2), so scores.csv calls them so too; the others take the codes left, in order.

    >>> _codes(["P2", "Ana", "P5", "Bo"])
    {'P1': 'P2', 'P2': 'P1', 'P3': 'P5', 'P4': 'P3'}
    """
    kept = {n for n in names if re.fullmatch(r"P[1-9]\d*", n) and names.count(n) == 1}
    free = (f"P{k}" for k in itertools.count(1) if f"P{k}" not in kept)
    return {f"P{k}": name if name in kept else next(free) for k, name in enumerate(names, 1)}


def _form_columns(columns: Iterable[object], key: pd.DataFrame) -> dict[str, tuple[str, str]] | None:
    """For an online form's export: column -> (item, dimension); None when the table is not one."""
    found = {str(c): _form_column(str(c), key) for c in columns}
    return {c: v for c, v in found.items() if v} or None


def read_responses(paths: Paths, key: pd.DataFrame) -> Responses:
    """Read returned sheets: a folder of them, a list of per-participant CSVs, or one form export.

    A per-participant sheet has the columns of :func:`sheet_table` (``item``,
    ``role``, ``scope``, ``horizon``, optionally ``participant`` and
    ``responsibility``; notes in brackets after a column name are ignored). A form
    export (or the quick-entry table ``rolekit worksheet`` writes) has one row per
    participant, a name column (``participant``, ``name``, ``email``, ``Email
    Address``...) and one column per item and dimension: one grid per item
    (``Q01 role``, ``Q01 [role]``, ``Q01_role``) or one grid per dimension (``role
    [Q01]``, ``[Q01] role``, ``Role [the responsibility's wording]``).

    Answers are read by :class:`~rolekit.exercise.answers.Choices`: in any case, with
    spaces and hyphens or not, or cut short where that names one allowed value only
    (``i``, ``e``, ``d``, ``l``, the start or initials of one role). An answer that is
    not an allowed value is a problem (with a did-you-mean) and counts as not given;
    the rest of its sheet is used.

    Every file given, or found in a folder given, is either read or named with why
    not (a folder inside one is named, not read): a sheet that cannot be used (not a
    CSV file, unreadable, blank, in a legacy encoding, with missing or extra columns,
    none of the key's items, or a second sheet from the same participant) is
    skipped, with a problem naming its file and line; a row for an item the key does
    not have is left out, with a problem, and the sheet's other rows are used. A
    sheet's name column may be headed as a form's is (``Name``). In a form export, a
    column for an item the key does not have is named and not read; a row that
    cannot be read is skipped and the other rows are used; when one name submitted
    twice, the later row counts; a row with neither a name nor an answer is left out.

    >>> import rolekit
    >>> read = read_responses(rolekit.SYNTHETIC_CLASS, read_key(rolekit.SYNTHETIC_KEY))
    >>> len(read.participants), read.answers.columns.tolist()
    (12, ['participant', 'item', 'dimension', 'answer'])
    """
    files = expand(paths)
    choices = {d: Choices(_allowed(key, d), SYNONYMS.get(d)) for d in DIMENSIONS}
    answers: list[pd.DataFrame] = []
    people: list[dict[str, str]] = []
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    problems: list[Problem] = [  # never counted silently as nothing
        Problem(
            str(sub),
            None,
            None,
            "is a folder inside the folder of sheets, and is not read: move its sheets beside the others to count them",
        )
        for folder in map(Path, given)
        if folder.is_dir()
        for sub in sorted(folder.iterdir())
        if sub.is_dir() and not sub.name.startswith(".")
    ]
    seen: dict[str, str] = {}
    for path in files:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=0) if Path(path).stat().st_size else None
        except (ValueError, OSError, UnicodeDecodeError):
            raw = None
        form = _form_columns(raw.columns, key) if raw is not None else None
        try:
            batch = _read_form(path, form, key, choices) if form else _read_sheet(path, key, choices)
        except DataError as err:
            problems += [
                *err.problems[:3],
                Problem(str(path), None, None, "skipped: fix the problems above and score again"),
            ]
            continue
        for sheet in batch:
            problems += sheet.problems
            if sheet.skipped:
                problems.append(Problem(str(path), sheet.line, None, f"skipped: {sheet.skipped}"))
                continue
            if sheet.rows.empty:
                what = "the sheet holds" if sheet.line is None else "this row holds"
                problems.append(Problem(str(path), sheet.line, None, f"skipped: {what} no answers"))
                continue
            who = clean(sheet.name).casefold()
            if who in seen:
                problems.append(
                    Problem(
                        str(path),
                        sheet.line,
                        None,
                        f"skipped: a second sheet from the participant of {seen[who]} (the same name)",
                    )
                )
                continue
            seen[who] = str(path) if sheet.line is None else f"{path}:{sheet.line}"
            code = f"P{len(people) + 1}"
            people.append({"participant": code, "name": sheet.name, "file": str(path)})
            answers.append(sheet.rows.assign(participant=code))
    columns = ["participant", "item", "dimension", "answer"]
    table = pd.concat(answers, ignore_index=True)[columns] if answers else pd.DataFrame(columns=columns)
    codes = _codes([p["name"] for p in people])  # a participant named by a code (the room's P2) keeps it
    for person in people:
        person["participant"] = codes[person["participant"]]
    table["participant"] = table["participant"].map(codes)
    return Responses(table, pd.DataFrame(people, columns=["participant", "name", "file"]), problems, len(files))


def _allowed(key: pd.DataFrame, dimension: str) -> list[str]:
    """The answers a round allows: its key's roles (alphabetically), or the allowed values."""
    if dimension == "role":
        return sorted(key["role"].unique(), key=str.casefold)
    return list(ALLOWED[dimension])


def expand(paths: Paths) -> list[Path]:
    """The files to read: each file given, and every file in each folder given (hidden files aside).

    Every file in a folder counts, whatever its name ends with (``P02.CSV``, a sheet
    returned as ``P03.xlsx``), so that each is either read or named with why not.
    """
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    files: list[Path] = []
    missing: list[Problem] = []
    for p in map(Path, given):
        if p.is_dir():
            files += sorted(
                (f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")),
                key=lambda f: (f.name.casefold(), f.name),
            )
        elif p.exists():
            files.append(p)
        else:
            where = p.parent if str(p.parent) else Path(".")
            missing.append(
                Problem(
                    str(p),
                    None,
                    None,
                    f"no such folder or file (looked in {where.resolve()}); give the folder of returned sheets, "
                    "the sheet files, or a form export",
                )
            )
    if missing:
        raise DataError(missing)
    if not files:
        raise DataError(
            [
                Problem(
                    ", ".join(map(str, given)) or "''",
                    None,
                    None,
                    "holds no returned sheets; give the folder of sheets (.csv files) or the files",
                )
            ]
        )
    return files


def _read_sheet(path: Path, key: pd.DataFrame, choices: dict[str, Choices]) -> list[Sheet]:
    table, at = read_table(path, SHEET, lines=True)  # the loader's checks: encoding, quoting, header, blank lines
    if "participant" not in table:  # a header retyped as "Name" or "Your name", as a form's is
        named = [c for c in table.columns if re.sub(r"[^a-z]", "", str(c).lower()) in _NAME_COLUMNS]
        table = table.rename(columns={named[0]: "participant"}) if named else table
    given = [unguard(v) for v in table.get("participant", pd.Series(dtype=str)).dropna() if v]
    name = given[0] if given else path.stem
    extra = [c for c in table.columns if c not in SHEET.columns]
    missing = [d for d in DIMENSIONS if d not in table]
    if extra or missing:
        said = "; ".join(
            filter(
                None,
                [
                    f"missing {_columns(missing)}" * bool(missing),
                    f"unexpected {_columns(extra)}" * bool(extra),
                ],
            )
        )
        raise DataError(
            [
                Problem(
                    str(path),
                    1,
                    None,
                    f"{said}; a sheet has the columns item, role, scope, horizon (and participant, responsibility)",
                )
            ]
        )
    lines = [int(line) for line in at]  # the file line each row starts on, quoted line breaks counted
    items = table["item"].map(clean).str.upper()
    unknown = [(line, i) for line, i in zip(lines, items) if i not in set(key["item"])]
    left_out = []
    if unknown:
        has = f"it has {key['item'].iloc[0]} to {key['item'].iloc[-1]}"
        if len(unknown) == len(items):  # none of its items: another worksheet's sheet
            raise DataError(
                [
                    Problem(
                        str(path),
                        line,
                        "item",
                        f"'{i}' is not an item of the answer key ({has}); was this sheet made for another worksheet?",
                    )
                    for line, i in unknown
                ]
            )
        left_out = [  # a row or two mistyped: those rows left out, the sheet's other answers counted
            Problem(str(path), line, "item", f"'{i}' is not an item of the answer key ({has}); this row is left out")
            for line, i in unknown
        ]
        keep = items.isin(set(key["item"])).to_numpy()
        table, items = table[keep].reset_index(drop=True), items[keep].reset_index(drop=True)
        lines = [line for line, k in zip(lines, keep) if k]
    repeated = items[items.duplicated()]
    if len(repeated):
        raise DataError(
            [
                Problem(str(path), lines[i], "item", f"'{items[i]}' appears twice; each item once per sheet")
                for i in repeated.index
            ]
        )
    rows, problems = _answers(str(path), items, {d: table[d] for d in DIMENSIONS}, lines, choices)
    return [Sheet(name, rows, left_out + problems)]


def _columns(names: list[str]) -> str:
    return f"column{'s' * (len(names) != 1)}: {', '.join(names)}"


def _read_form(
    path: Path, form: dict[str, tuple[str, str]], key: pd.DataFrame, choices: dict[str, Choices]
) -> list[Sheet]:
    unknown = sorted({item for item, _ in form.values()} - set(key["item"]))
    strays = []
    if unknown and set(unknown) < {item for item, _ in form.values()}:  # a stray column: said, the rest read
        strays = [c for c, (item, _) in form.items() if item in unknown]
        form = {c: v for c, v in form.items() if c not in strays}
        unknown = []
    columns = {clean(c).lower(): v for c, v in form.items()}
    schema = Schema(required=(), optional=tuple(columns), row="participant")
    if unknown:
        raise DataError(
            [
                Problem(
                    str(path),
                    1,
                    None,
                    f"item{'s' * (len(unknown) != 1)} {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not "
                    "in the answer key; was this form made for another worksheet?",
                )
            ]
        )
    bad: dict[int, list[Problem]] = {}
    try:
        table, at = read_table(path, schema, lines=True)
    except DataError as err:  # one row's odd character must not sink the class: skip that row, read the others
        if any(p.line is None or p.line <= 1 for p in err.problems):
            raise
        table, at = _form_rows(path, schema)
        for problem in err.problems:
            bad.setdefault(int(problem.line or 0), []).append(problem)

    def holds_names(c: object) -> bool:  # Microsoft Forms' own Name column is blank, its Email "anonymous"
        return any(str(v).strip() and str(v).strip().casefold() != "anonymous" for v in table[c])

    named = [c for word in _NAME_COLUMNS for c in table.columns if re.sub(r"[^a-z]", "", str(c).lower()) == word]
    name_column = next((c for c in named if holds_names(c)), named[0] if named else None)
    unread = [
        str(c)
        for c in table.columns
        if c not in columns
        and c not in named
        and clean(str(c)).lower() not in {clean(x).lower() for x in strays}
        and not re.fullmatch(_FORM_OWN, re.sub(r"[^a-z]", "", str(c).lower()))
    ]
    batch = []
    for k, row in enumerate(table.to_dict("records")):  # dicts: a wide form has a column per item and dimension
        line = int(at[k])
        given = unguard(str(row[name_column])) if name_column and row[name_column] else ""
        cells = {(item, d): row[c] for c, (item, d) in columns.items() if c in table}
        if line in bad:
            batch.append(Sheet(given, _NO_ANSWERS, bad[line], line, "this row cannot be read (see above)"))
            continue
        if not given and not any(str(v).strip() for v in cells.values() if isinstance(v, str)):
            continue  # a blank row: nobody's
        items = sorted({item for item, _ in cells})
        rows, problems = _answers(
            str(path),
            pd.Series(items),
            {d: pd.Series([cells.get((i, d), "") for i in items]) for d in DIMENSIONS},
            [line] * len(items),
            choices,
        )
        batch.append(Sheet(given or f"{Path(path).stem} row {line}", rows, problems, line))
    if unread and batch:  # a column the form has and rolekit did not read: said, never dropped silently
        shown = ", ".join(f"'{c}'" for c in unread[:5]) + (f" and {len(unread) - 5} more" if len(unread) > 5 else "")
        note = Problem(
            str(path),
            1,
            None,
            f"column{'s' * (len(unread) != 1)} {shown} {'was' if len(unread) == 1 else 'were'} not read: "
            "no item and dimension (role, scope, horizon) of the answer key could be found in "
            f"{'its header' if len(unread) == 1 else 'their headers'}; a grid's header names both, such as "
            "'Q01 [role]' or 'Role [the responsibility's wording]'",
        )
        batch[0] = batch[0]._replace(problems=[note, *batch[0].problems])
    if strays and batch:
        items = sorted({form_item for form_item, _ in (_form_column(c, key) or ("?", "") for c in strays)})
        note = Problem(
            str(path),
            1,
            None,
            f"column{'s' * (len(strays) != 1)} {', '.join(repr(c) for c in strays)} not read: "
            f"{'item ' + items[0] + ' is' if len(items) == 1 else 'items ' + ', '.join(items) + ' are'} not in the "
            "answer key; every other column is",
        )
        batch[0] = batch[0]._replace(problems=[note, *batch[0].problems])
    last = {clean(s.name).casefold(): s.line for s in batch if not s.skipped}
    return [
        s
        if s.skipped or last[clean(s.name).casefold()] == s.line
        else s._replace(
            problems=[],
            skipped=f"an earlier submission from the same participant; the one on line "
            f"{last[clean(s.name).casefold()]} counts",
        )
        for s in batch
    ]


def _form_rows(path: Path, schema: Schema) -> tuple[pd.DataFrame, list[int]]:
    """Every row of a form export as text, with the line each starts on, for when :func:`read_table` refused some.

    Only called after the reader has checked the file and found problems in rows
    alone; those rows are skipped by the caller, so their cells need no checking here.
    """
    text = Path(path).read_bytes().decode("utf-8-sig", "replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, lines, line = [], [], 1
    for cells in reader:
        if any(c.strip(BLANK) for c in cells):
            rows.append([c.strip(BLANK) for c in cells])
            lines.append(line)
        line = reader.line_num + 1
    header = [schema.name(clean(h).lower()) if clean(h).lower() in schema.columns else clean(h) for h in rows[0]]
    width = len(header)
    body = [r[:width] + [""] * (width - len(r)) for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype="str"), lines[1:]


def _answers(
    name: str, items: pd.Series, columns: dict[str, pd.Series], lines: Sequence[int], choices: dict[str, Choices]
) -> tuple[pd.DataFrame, list[Problem]]:
    rows, problems = [], []
    for d, values in columns.items():
        for item, value, line in zip(items, values, lines):
            answer, wrong = choices[d].read(value if isinstance(value, str) else "")
            if wrong:
                problems.append(Problem(name, line, d, f"{item}: {wrong}; counted as not answered"))
            elif answer is not None:
                rows.append({"item": item, "dimension": d, "answer": answer})
    return pd.DataFrame(rows, columns=["item", "dimension", "answer"]), problems
