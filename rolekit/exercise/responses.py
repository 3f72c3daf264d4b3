"""Returned answers read back: per-participant sheets, or one online form's export, checked against the key."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..reader import PathLike, read_table
from ..text import clean, is_placeholder
from ..validate import ALLOWED, SYNONYMS, DataError, Problem, Schema, did_you_mean
from .sheets import DIMENSIONS

__all__ = ["KEY", "SHEET", "Responses", "expand", "read_key", "read_responses"]

Paths = PathLike | Iterable[PathLike]  # a folder of sheets, one file, or several
Answers = tuple[str, pd.DataFrame, list[Problem]]  # one participant: the name, the answers given, the problems found

SHEET = Schema(required=("item",), optional=("participant", "responsibility", *DIMENSIONS), row="item", aliases=True)
KEY = Schema(
    required=("item", "responsibility", *DIMENSIONS),
    optional=("id",),
    allowed=ALLOWED,
    synonyms=SYNONYMS,
    unique="item",
    row="item",
)


class Responses(NamedTuple):
    """What :func:`read_responses` returns: the answers, who gave them, and every problem found."""

    answers: pd.DataFrame  # participant (P1...), item, dimension, answer; one row per answer given
    participants: pd.DataFrame  # participant (P1...), name, file
    problems: list  # Problem: skipped sheets and unreadable answers, each with file and line
    files: int  # sheets (or form rows) read, used or not


def read_key(path: PathLike) -> pd.DataFrame:
    """An answer key as :func:`worksheet` writes it: item, responsibility, role, scope, horizon."""
    key = read_table(path, KEY)
    key["scope"], key["horizon"] = key["scope"].str.lower(), key["horizon"].str.lower()
    return key


def _form_columns(columns: Iterable[object]) -> dict[str, tuple[str, str]] | None:
    """For an online form's export: column -> (item, dimension); None when the table is not one."""
    found = {}
    for c in map(str, columns):
        m = re.fullmatch(r"\s*([A-Za-z]*\d+)\s*[\[(\-_.:\s]\s*(role|scope|horizon)\s*[\])]?\s*", c, flags=re.I)
        if m:
            found[c] = (m[1].upper() if m[1][0].isalpha() else f"Q{int(m[1]):02d}", m[2].lower())
    return found or None


def read_responses(paths: Paths, key: pd.DataFrame) -> Responses:
    """Read returned sheets: a folder of them, a list of per-participant CSVs, or one form export.

    A per-participant sheet has the columns of :func:`sheet_table` (``item``,
    ``role``, ``scope``, ``horizon``, optionally ``participant`` and
    ``responsibility``; notes in brackets after a column name are ignored). A form
    export has one row per participant, a name column (``participant``, ``name`` or
    ``email``) and one column per item and dimension, named like ``Q01 role``,
    ``Q01 [role]`` or ``Q01_role``.

    A sheet that cannot be used (unreadable, blank, in a legacy encoding, with
    missing or extra columns, an item the key does not have, or a second sheet from
    the same participant) is skipped, with a problem naming its file and line. An
    answer outside the allowed values is a problem too (with a did-you-mean), and
    counts as not given; the rest of its sheet is used. Values are read like the
    loader reads them: case and surrounding spaces do not matter.
    """
    files = expand(paths)
    answers: list[pd.DataFrame] = []
    people: list[dict[str, str]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=0) if Path(path).stat().st_size else None
        except (ValueError, OSError, UnicodeDecodeError):
            raw = None
        form = _form_columns(raw.columns) if raw is not None else None
        try:
            batch = _read_form(path, form, key) if form else _read_sheet(path, key)
        except DataError as err:
            problems += [
                *err.problems[:3],
                Problem(str(path), None, None, "skipped: fix the problems above and score again"),
            ]
            continue
        for name, rows, found in batch:
            problems += found
            if rows.empty:
                problems.append(Problem(str(path), None, None, "skipped: the sheet holds no answers"))
                continue
            who = name.casefold()
            if who in seen:
                problems.append(
                    Problem(
                        str(path),
                        None,
                        None,
                        f"skipped: a second sheet from the participant of {seen[who]} (the same name)",
                    )
                )
                continue
            seen[who] = str(path)
            code = f"P{len(people) + 1}"
            people.append({"participant": code, "name": name, "file": str(path)})
            answers.append(rows.assign(participant=code))
    columns = ["participant", "item", "dimension", "answer"]
    table = pd.concat(answers, ignore_index=True)[columns] if answers else pd.DataFrame(columns=columns)
    return Responses(table, pd.DataFrame(people, columns=["participant", "name", "file"]), problems, len(files))


def expand(paths: Paths) -> list[Path]:
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    files: list[Path] = []
    for p in map(Path, given):
        if p.is_dir():
            files += sorted(f for f in p.glob("*.csv") if not f.name.startswith("."))
        else:
            files.append(p)
    if not files:
        raise DataError(
            [
                Problem(
                    ", ".join(map(str, given)) or "''",
                    None,
                    None,
                    "holds no returned sheets (.csv files); give the folder of sheets or the files",
                )
            ]
        )
    return files


def _answer(value: str, dimension: str, roles: list[str]) -> tuple[str | None, str | None]:
    """A cell read as an answer: the allowed value it means, or a problem."""
    text = clean(value)
    if not text or is_placeholder(text):
        return None, None
    allowed = roles if dimension == "role" else list(ALLOWED[dimension])
    match = next((a for a in allowed if a.casefold() == text.casefold()), None)
    if match:
        return match, None
    return (
        None,
        f"'{text}' is not one of {', '.join(allowed)}{did_you_mean(text, allowed, SYNONYMS.get(dimension))}; "
        "counted as not answered",
    )


def _read_sheet(path: Path, key: pd.DataFrame) -> list[Answers]:
    table, at = read_table(path, SHEET, lines=True)  # the loader's checks: encoding, quoting, header, blank lines
    name = next((v for v in table.get("participant", pd.Series(dtype=str)).dropna() if v), None) or path.stem
    extra = [c for c in table.columns if c not in SHEET.columns]
    missing = [d for d in DIMENSIONS if d not in table]
    if extra or missing:
        said = "; ".join(
            filter(
                None,
                [
                    f"missing column(s): {', '.join(missing)}" * bool(missing),
                    f"unexpected column(s): {', '.join(extra)}" * bool(extra),
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
    if unknown:
        raise DataError(
            [
                Problem(
                    str(path),
                    line,
                    "item",
                    f"'{i}' is not an item of the answer key (it has {key['item'].iloc[0]} to {key['item'].iloc[-1]}); "
                    "was this sheet made for another worksheet?",
                )
                for line, i in unknown
            ]
        )
    repeated = items[items.duplicated()]
    if len(repeated):
        raise DataError(
            [
                Problem(str(path), lines[i], "item", f"'{items[i]}' appears twice; each item once per sheet")
                for i in repeated.index
            ]
        )
    rows, problems = _answers(str(path), items, {d: table[d] for d in DIMENSIONS}, lines, key)
    return [(name, rows, problems)]


def _read_form(path: Path, form: dict[str, tuple[str, str]], key: pd.DataFrame) -> list[Answers]:
    table, at = read_table(
        path, Schema(required=(), optional=tuple(c.lower() for c in form), row="participant"), lines=True
    )
    name_column = next(
        (c for c in table.columns if str(c).lower() in ("participant", "name", "email", "e-mail", "your name")), None
    )
    unknown = sorted({item for item, _ in form.values()} - set(key["item"]))
    if unknown:
        raise DataError(
            [
                Problem(
                    str(path),
                    1,
                    None,
                    f"item(s) {', '.join(unknown)} are not in the answer key; was this form made for another "
                    "worksheet?",
                )
            ]
        )
    lowered = {str(c).lower(): v for c, v in form.items()}
    batch = []
    for k, row in table.reset_index(drop=True).iterrows():
        line = int(at[k])
        name = (row[name_column] if name_column and row[name_column] else None) or f"{Path(path).stem} row {line}"
        cells = {(item, d): row[c] for c, (item, d) in lowered.items() if c in table}
        items = sorted({item for item, _ in cells})
        rows, problems = _answers(
            str(path),
            pd.Series(items),
            {d: pd.Series([cells.get((i, d), "") for i in items]) for d in DIMENSIONS},
            [line] * len(items),
            key,
        )
        batch.append((name, rows, problems))
    return batch


def _answers(
    name: str, items: pd.Series, columns: dict[str, pd.Series], lines: Sequence[int], key: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem]]:
    roles = sorted(key["role"].unique(), key=str.casefold)
    rows, problems = [], []
    for d, values in columns.items():
        for item, value, line in zip(items, values.fillna(""), lines):
            answer, wrong = _answer(str(value), d, roles)
            if wrong:
                problems.append(Problem(name, line, d, f"{item}: {wrong}"))
            elif answer is not None:
                rows.append({"item": item, "dimension": d, "answer": answer})
    return pd.DataFrame(rows, columns=["item", "dimension", "answer"]), problems
