"""The checked CSV reader every rolekit table goes through: :func:`read_table`.

A file is read two ways. A clean file goes through pandas' C parser, then through
every rule. Any file with a problem, or anything the fast path cannot vouch for, is
read again line by line with Python's csv module, so that every message names the
exact line where the problem is. Both paths give the same table.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import errno
import io as _io
import os
import re
import stat
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .text import BLANK, SPELLINGS, clean, controls
from .validate import DataError, Problem, Schema, check_header, check_values, distinct, header_line, meant

PathLike = str | os.PathLike[str]  # a file's path, as rolekit's functions take it
SAVE_CSV = "save it as 'CSV UTF-8 (Comma delimited) (*.csv)' (Excel: File > Save As) and load that file"
_SAVE_FROM = {  # how the program that made a workbook saves it as CSV, where Excel's words would not fit
    "an OpenDocument spreadsheet (.ods)": "save it from LibreOffice (File > Save As, file type 'Text CSV (.csv)', "
    "character set 'Unicode (UTF-8)', field delimiter ',') and load that file",
    "a program (an executable file)": "is this the right file? give the table's .csv file",
    "an Apple Numbers spreadsheet (.numbers)": "export it from Numbers (File > Export To > CSV, text encoding "
    "'Unicode (UTF-8)') and load that file",
}
MAX_BYTES = 512 * 2**20  # a table of a million responsibilities is about 120 MB
FAST_BYTES = 2**20  # below this, reading line by line is as quick as pandas' set-up costs
_NOT_COMMA_OR_QUOTE = bytes(b for b in range(256) if b not in b'",')
_PRINTABLE_OR_LINE_END = bytes(range(32, 127)) + b"\r\n"
# Mean characters from which a column of text is stripped outright: shorter values are quicker to search, joined,
# for one that needs it (measured on a million values: a 6-character code 0.02 s against 0.07 s; 300 characters
# of prose 0.37 s against 0.09 s).
_LONG = 40
_SPACE_THEN_QUOTE = re.compile(rb', "')  # a regular expression finds it in half the time `in` takes


def read_table(path: PathLike | bytes, schema: Schema, lines: bool = False) -> Any:
    """Read and check the CSV file at ``path`` against ``schema``; return its cells, stripped.

    Columns come in the schema's order, then any others under their own names, as
    written; blank optional cells are missing values; key columns may come as
    categoricals (from the fast path), the rest as text. Raises DataError listing
    every problem, each with its line. ``lines``: return ``(table, lines)``, the file
    line each row starts on, for rules across rows that must name them.
    """
    name, data = read_bytes(path)
    what = _binary_kind(data)
    if what:
        raise DataError(
            [Problem(name, None, None, f"this is {what}, not a CSV text file; {_SAVE_FROM.get(what, SAVE_CSV)}")]
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if not re.search(rb"[^\s,;]", data):
        raise DataError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"the file is empty; it needs a header line naming {', '.join(schema.required)}, then one row "
                    f"per {schema.row}",
                )
            ]
        )
    if data.lstrip()[:20].lower().startswith((b"<!doctype html", b"<html")):
        raise DataError(
            [
                Problem(
                    name,
                    None,
                    None,
                    "this is a web page (HTML), not a CSV file; download the table as CSV "
                    "(Google Sheets: File > Download > Comma-separated values) or " + SAVE_CSV,
                )
            ]
        )
    table = _fast(data, schema, Path(name).expanduser()) if len(data) >= FAST_BYTES and not lines else None
    if table is not None:
        return table
    try:
        text, problems = data.decode("utf-8"), []
    except UnicodeDecodeError:  # report the bytes, then keep checking, so the file is fixed in one pass
        text, problems = data.decode("utf-8", "replace"), _encoding_problems(data, name)
    table, at = _exact(name, text, schema, problems)
    return (table, at) if lines else table


def read_bytes(path: PathLike | bytes) -> tuple[str, bytes]:
    """The name to show for ``path``, and the bytes of the file, read only if it is a regular file of sane size."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            "expected the path of a CSV file (a str or pathlib.Path), got "
            f"{type(path).__module__}.{type(path).__qualname__}"
            if not isinstance(path, pd.DataFrame)
            else "expected the path of a CSV file, got a pandas DataFrame; it is loaded already: "
            "pass it to rolekit.tidy() to check its values"
        )
    name = os.fspath(path)
    if not name.strip():
        raise DataError([Problem("''", None, None, "no file name given; give the path of a CSV file")])
    p = Path(name).expanduser()
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a pipe must not block the open
    except OSError as err:
        raise DataError([Problem(name, None, None, _open_error(err, p))]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataError(
                [Problem(name, None, None, "is a folder, not a CSV file; give the path of the .csv file inside it")]
            )
        if not stat.S_ISREG(info.st_mode):
            raise DataError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        "is not a regular file (a pipe, a device or a socket); rolekit reads tables saved as files",
                    )
                ]
            )
        if info.st_size > MAX_BYTES:
            raise DataError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        f"is {info.st_size / 2**20:,.0f} MB; rolekit reads tables of up to {MAX_BYTES // 2**20} MB "
                        "(a million responsibilities take about 120 MB): is this the right file?",
                    )
                ]
            )
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as err:
        raise DataError([Problem(name, None, None, f"cannot be read: {err.strerror or err}")]) from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise DataError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"is larger than {MAX_BYTES // 2**20} MB, the most rolekit reads; is this the right file?",
                )
            ]
        )
    return name, data


def _near_file(name: str, files: list[str]) -> str:
    """`` (did you mean 'x.csv'?)`` for a file named nearly like ``name``, its extension set aside.

    Every name ends in .csv, which alone made 'a.csv' look like 'b.csv'.

    >>> _near_file("teem.csv", ["team.csv", "r3_bad.csv"]), _near_file("36_unbalanced.csv", ["r3_bad.csv"])
    (" (did you mean 'team.csv'?)", '')
    """
    stems = {Path(f).stem.casefold(): f for f in files}
    close = difflib.get_close_matches(Path(name).stem.casefold(), list(stems), n=1, cutoff=0.7)
    return f" (did you mean '{stems[close[0]]}'?)" if close else ""


def _open_error(err: OSError, path: Path) -> str:
    if err.errno == errno.ENOENT:
        folder = path.parent if str(path.parent) else Path(".")
        near = _near_file(path.name, [p.name for p in folder.glob("*.csv")]) if folder.is_dir() else ""
        return f"file not found; check the name and the folder (looked in {folder.resolve()}){near}"
    if err.errno == errno.ENAMETOOLONG:
        return f"the path is too long ({len(str(path))} characters; a file name may have at most 255): check it"
    if err.errno == errno.ENOTDIR:
        return "a part of this path is a file, not a folder: check the path"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied (ask its owner, or copy the file somewhere you can read it)"
    return f"cannot be read: {err.strerror or err}"


def _binary_kind(data: bytes) -> str | None:
    """Say what a file is when it is not text: a workbook, a PDF, UTF-16, other binary."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(_io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            names = []
        if any(n.startswith("xl/") for n in names):
            return "an Excel workbook (.xlsx)"
        if "content.xml" in names:
            return "an OpenDocument spreadsheet (.ods)"
        if any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
            return "an Apple Numbers spreadsheet (.numbers)"
        return "a ZIP archive"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an Excel 97-2003 workbook (.xls) or another old Office file"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data.startswith((b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"\xca\xfe\xba\xbe")):
        return "a program (an executable file)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text (Excel's 'Unicode Text' format)"
    sample = data[:4096]
    half = len(sample) // 2
    if half >= 2 and max(sample[1::2].count(0), sample[0::2].count(0)) >= 0.8 * half:
        return "UTF-16 text without a byte-order mark (Excel's 'Unicode Text' format)"
    if b"\x00" in data:
        return "a binary file (it holds NUL bytes, which text never does)"
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    """The legacy encoding a file's non-UTF-8 bytes most likely are in, and its name for people.

    Windows-1252 (and Latin-1) put accented letters at 0xC0-0xFF and rare signs at
    0x80-0x9F; Mac OS Roman puts its accented letters at 0x80-0x9F, so é is 0x8E there,
    which Windows-1252 reads as Ž.

    >>> _legacy("Gère la stratégie".encode("cp1252")), _legacy("Gère la stratégie".encode("mac_roman"))
    (('cp1252', 'Windows-1252'), ('mac_roman', 'Mac OS Roman'))
    """
    high = np.frombuffer(data, dtype=np.uint8)
    high = high[high >= 0x80]
    if len(high) and (high < 0xA0).mean() > 0.5:
        return "mac_roman", "Mac OS Roman"
    return "cp1252", "Windows-1252"


def _encoding_problems(data: bytes, name: str) -> list[Problem]:
    """One problem for bytes that are not UTF-8: the first line holding some, its column, and how many more lines do."""
    encoding, called = _legacy(data)
    lines = data.splitlines()
    header = [clean(h).lower() for h in next(csv.reader([lines[0].decode(encoding, "replace")]), [])]
    found = []
    for number, raw in enumerate(lines, 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as err:
            found.append((number, raw, err.start))
    if not found:
        return []
    number, raw, start = found[0]
    before = raw[:start].decode(encoding, "replace")
    position = len(next(csv.reader([before + "x"]))) - 1
    column = header[position] if number > 1 and position < len(header) and header[position] else None
    char = raw[start : start + 1].decode(encoding, "replace")
    more = [n for n, _, _ in found[1:]]
    also = ""
    if more:
        shown = ", ".join(map(str, more[:5])) + (f" and {len(more) - 5} more" if len(more) > 5 else "")
        also = f"; {'1 more line holds' if len(more) == 1 else f'{len(more)} more lines hold'} such bytes ({shown})"
    return [
        Problem(
            name,
            number,
            column,
            f"byte 0x{raw[start]:02X} is not UTF-8 text (probably '{char}' in a legacy encoding such as {called})"
            f"{also}; rolekit reads UTF-8: {SAVE_CSV}",
        )
    ]


def _fast(data: bytes, schema: Schema, path: Path | None = None) -> pd.DataFrame | None:
    """The table of a clean file through pandas' C parser, or None when the file needs the exact path.

    It only returns a table the exact path would return too: any doubt (a control
    character, a short or long row, an odd header, a rule broken) gives None. The key
    columns but the unique one (roles, tags, themes) and the coded ones (a weight) are
    read as categorical, so that each check and each normalisation runs once per
    distinct value; free text is read as text, each column checked as one string.
    Given the file's ``path``, pandas
    reads it itself, a third faster than from memory; a file that changes meanwhile
    (size or time) gives None, and the exact path reads the bytes already in hand.
    """
    end = data.find(b"\n")  # not split(): that would copy the whole file to give its first line
    first = (data if end < 0 else data[:end]).split(b"\r", 1)[0]
    if b'"' in first:
        return None
    plain = data.isascii()
    raw = next(csv.reader([first.decode("utf-8", "replace")], skipinitialspace=True), [])
    header = [schema.name(clean(h).lower()) for h in raw]
    if (
        not all(header)
        or len(set(header)) < len(header)
        or not set(schema.required) <= set(header)
        or any(h not in schema.columns and meant(h, schema.columns) for h in header)
    ):
        return None
    # Key columns (roles, tags, themes...) and coded ones (a weight) repeat a few values: as categoricals,
    # each is checked and cleaned once per distinct value. Free text (responsibilities, a person's own
    # columns) is mostly distinct: as plain text, each column is checked as one joined string.
    coded = set(schema.keys + schema.coded) - {schema.unique}
    dtypes = {name: "category" if key in coded else str for name, key in zip(raw, header)}
    try:
        before = path.stat() if path is not None else None
        # skipinitialspace is slow in pandas, and only changes how  , "a, b"  reads:
        # leading blanks are stripped below anyway
        cells = pd.read_csv(
            path if before is not None and before.st_size == len(data) else _io.BytesIO(data),
            dtype=dtypes,
            keep_default_na=False,
            skipinitialspace=_SPACE_THEN_QUOTE.search(data) is not None,
            engine="c",
        )
        if (
            path is not None
            and before is not None
            and (path.stat().st_size, path.stat().st_mtime_ns)
            != (
                before.st_size,
                before.st_mtime_ns,
            )
        ):
            return None  # changed while pandas read it
    except (OSError, ValueError, pd.errors.ParserError, csv.Error):  # UnicodeDecodeError is a ValueError
        return None
    if (
        not isinstance(cells.index, pd.RangeIndex)
        or [schema.name(clean(str(c)).lower()) for c in cells.columns] != header
    ):
        return None
    # pandas pads a row with too few fields with blanks: only a blank last cell can hide one
    if cells.iloc[:, -1].eq("").any() and _fields_outside_quotes(data) != (len(header) - 1) * (len(cells) + 1):
        return None
    cells.columns = header = [h if h in schema.columns else clean(r) for h, r in zip(header, raw)]
    # A printable ASCII file whose every line is one row (no value spans lines) holds no control character,
    # tab or line break in any value: checked once on the bytes instead of column by column.
    ends = data.count(b"\n") + (not data.endswith(b"\n"))
    printable = (
        plain
        and not data.translate(None, _PRINTABLE_OR_LINE_END)
        and (b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"))
        and ends == len(cells) + 1
    )
    unique_checked = False
    for col in header:  # stripped, as the exact path strips every cell
        values = cells[col]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.cat.rename_categories(
                [str(c) for c in values.cat.categories]
            )  # "2024" must not become 2024
            if not all(_ordinary(c) for c in values.cat.categories):
                return None  # a control character, a tab or a line break inside a value: the exact path says where
            cells[col] = _recode(values, [c.strip(BLANK) for c in values.cat.categories])
            continue
        # A control character, a tab or a line break inside a value: the exact path says where. Checked on one
        # string of the column's values, scanned in C.
        if not printable and not _ordinary(" ".join(values.tolist())):
            return None
        joined = None
        head = values.iloc[:1000].tolist()
        if col not in schema.keys and sum(map(len, head)) >= _LONG * len(head):
            cells[col] = values = values.str.strip(BLANK)  # long text: quicker to strip than to find what needs it
        else:  # short values (ids, codes): one string of them tells whether any needs stripping
            joined = "\n".join(values.tolist())
            if not plain or " \n" in joined or "\n " in joined or joined[:1] == " " or joined[-1:] == " ":
                cells[col] = values = values.str.strip(BLANK)
                joined = "\n".join(values.tolist())
            if plain and col in schema.keys and "  " in joined:  # as clean() collapses keys
                cells[col] = values = values.str.replace(r" {2,}", " ", regex=True)
                joined = None
        if plain and col == schema.unique:  # ASCII ids are final here (NFKC leaves ASCII as it is): check them once
            if not distinct(values, joined):
                return None
            unique_checked = True
    # Rows blank in every required column (a spreadsheet's trailing empty rows); none when a categorical one has
    # no blank at all, which its categories tell without comparing a million values.
    columns = schema.required or header
    if all("" in cells[c].cat.categories for c in columns if isinstance(cells[c].dtype, pd.CategoricalDtype)):
        empty = np.logical_and.reduce([cells[c].eq("").to_numpy() for c in columns])
        if empty.any():
            if not cells[empty].eq("").all(axis=None):
                return None
            cells = cells[~empty].reset_index(drop=True)
    table, problems = _finish("", cells, pd.Series(np.arange(len(cells)) + 2), schema, plain, unique_checked, True)
    if problems or table.empty:
        return None
    return table  # key columns stay categorical for tidy() to order


def _ordinary(text: str) -> bool:
    """No control character, tab or line break in ``text``: what the fast path reads as the exact path does."""
    return text.isprintable() or not (controls(text) or "\t" in text or "\r" in text or "\n" in text)


def _recode(values: pd.Series, cleaned: list[str]) -> pd.Series:
    """A categorical column with its categories replaced by ``cleaned``, merging any that become equal."""
    if cleaned == list(values.cat.categories):
        return values
    codes, merged = pd.factorize(pd.Index(cleaned, dtype=object))
    return pd.Series(
        pd.Categorical.from_codes(np.append(codes, -1)[values.cat.codes.to_numpy()], [str(m) for m in merged]),
        index=values.index,
    )


def _fields_outside_quotes(data: bytes) -> int:
    """Commas that separate fields: all of them less those inside double-quoted stretches.

    -1 if the quotes are unpaired.
    """
    skeleton = data.translate(None, _NOT_COMMA_OR_QUOTE)  # only the quotes and commas, in order
    parts = skeleton.split(b'"')
    if len(parts) % 2 == 0:
        return -1
    return skeleton.count(b",") - b"".join(parts[1::2]).count(b",")  # odd parts lie between a quote and the next


def _exact(name: str, text: str, schema: Schema, problems: list[Problem]) -> tuple[pd.DataFrame, pd.Series]:
    """Parse line by line; return the table and the line each row starts on, or raise DataError with every problem."""
    rows, spans, more = _split_rows(text, name)
    problems = problems + more
    if not rows:
        raise DataError(
            problems
            or [
                Problem(
                    name,
                    None,
                    None,
                    f"the file is empty; it needs a header line naming {', '.join(schema.required)}, then one row "
                    f"per {schema.row}",
                )
            ]
        )
    title = header_line(rows, schema, clean)
    if title is not None:
        above = "; ".join(f"'{','.join(r).strip(BLANK + ',')}'" for r in rows[:title])
        raise DataError(
            problems
            + [
                Problem(
                    name,
                    spans[0][0],
                    None,
                    f"the header seems to be on line {spans[title][0]}, not line {spans[0][0]}: "
                    f"{above} looks like a title; delete the line(s) above the header",
                )
            ]
        )
    lines = [first for first, _ in spans]
    header_at, header = lines[0], [schema.name(clean(h).lower()) for h in rows[0]]
    delimiter = _other_delimiter(rows[0], header, schema)
    if delimiter:
        raise DataError(
            problems
            + [
                Problem(
                    name,
                    header_at,
                    None,
                    f"the columns are separated by {delimiter}, not commas; {SAVE_CSV}, "
                    "or choose ',' as the field separator when exporting",
                )
            ]
        )
    body, body_lines = rows[1:], lines[1:]
    width = len(header)
    padded = ([c.strip(BLANK) for c in r[:width]] + [""] * (width - len(r)) for r in body)
    cells = pd.DataFrame(list(padded), columns=range(width), dtype="str")
    filled = cells.ne("").sum().tolist() if len(cells) else [0] * width
    problems += check_header(name, header, header_at, filled, schema, [clean(h) for h in rows[0]])
    needed = max((i + 1 for i, h in enumerate(header) if h or filled[i]), default=0)
    good = []
    for i, (row, line) in enumerate(zip(body, body_lines)):
        n, last = len(row), spans[i + 1][1]
        runs_on = (
            f" (this row runs on to line {last}: an opening double quote without its closing one?)"
            if last > line
            else ""
        )
        if n < needed:
            missing = ", ".join(h or f"column {j + 1}" for j, h in enumerate(header[n:needed], n))
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"row has {n} fields but the header has {needed} (missing: {missing}); every row needs a value "
                    f"for each column{runs_on}",
                )
            )
        elif n > width and any(c.strip(BLANK) for c in row[width:]):
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"row has {n} fields but the header has {width}; a value that contains a comma must be put in "
                    f"double quotes{runs_on}",
                )
            )
        else:
            good.append(i)
    named = [i for i, h in enumerate(header) if h]
    names = [
        header[i] if header[i] in schema.columns else clean(rows[0][i]) for i in named
    ]  # other columns keep their own name
    table = cells.iloc[good, named].set_axis(names, axis=1).reset_index(drop=True)
    table = table.loc[:, ~table.columns.duplicated()]
    at = pd.Series([body_lines[i] for i in good], dtype="int64")
    table, more = _finish(name, table, at, schema)
    problems += more
    if not body and not problems:
        problems.append(Problem(name, None, None, f"has a header but no data rows; add one row per {schema.row}"))
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line or 0, _column_rank(p.column, schema))))
    return table, at


def _finish(
    name: str,
    table: pd.DataFrame,
    lines: pd.Series,
    schema: Schema,
    plain: bool = False,
    unique_checked: bool = False,
    texts_checked: bool = False,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Normalise key columns, check every value; return the table in schema order and the problems.

    ``plain``: every cell is printable ASCII, stripped and its inner spaces collapsed
    already. ``unique_checked``: the unique column's values, so cleaned, are distinct.
    ``texts_checked``: no column but the keys holds a control character (see :func:`check_values`).
    """
    for col in schema.keys:
        if col not in table:
            continue
        values = table[col]
        if plain and not isinstance(values.dtype, pd.CategoricalDtype):
            continue  # ids in an ASCII file are final already: NFKC leaves ASCII as it is
        if isinstance(values.dtype, pd.CategoricalDtype):
            table[col] = _recode(values, [clean(c) for c in values.cat.categories])
            continue
        codes, uniques = pd.factorize(values)
        cleaned = [clean(u) for u in uniques]
        if cleaned != list(uniques):
            table[col] = pd.Series(np.array(cleaned + [""], dtype=object)[codes], index=table.index, dtype="str")
    problems = check_values(name, table, lines, schema, plain, unique_checked, texts_checked)
    order = [schema.unique] * bool(schema.unique) + [c for c in schema.columns if c != schema.unique]  # the id first
    table = table[[c for c in order if c in table] + [c for c in table if c not in order]]
    optional = [col for col in schema.optional if col in table and col != schema.unique]
    if optional:  # at once: a wide form has a column per item
        table[optional] = table[optional].mask(table[optional].isin(SPELLINGS | {""}), None)
    return table, problems


def _split_rows(text: str, name: str) -> tuple[list[list[str]], list[tuple[int, int]], list[Problem]]:
    """Parse CSV text into its non-blank rows, the (first, last) line of each, and problems of quoting."""
    reader = csv.reader(_io.StringIO(text, newline=""), skipinitialspace=True)  # also reads  , "a, b"  as one value
    rows, lines, problems, end = [], [], [], 0
    limit = csv.field_size_limit(sys.maxsize)  # a spreadsheet cell may be longer than csv's default limit
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip(BLANK) for cell in row):
                rows.append(row)
                lines.append((start, end))
    except csv.Error as err:
        problems.append(Problem(name, reader.line_num, None, f"cannot be read as CSV ({err}); {SAVE_CSV}"))
    finally:
        csv.field_size_limit(limit)
    width = len(rows[0]) if rows else 0
    for row, (start, end) in zip(rows[1:], lines[1:]):
        for cell in row:  # a quote never closed swallows the rows after it: name the line where it opens
            if end - start > 1 and sum(line.count(",") >= width - 1 for line in cell.splitlines()[1:]) >= 2:
                problems.append(
                    Problem(
                        name,
                        start,
                        None,
                        f"a double quote opens on this line and is not closed until line {end}, "
                        "so the rows between are read as one value; close the quote or remove it",
                    )
                )
                break
    first = ",".join(rows[0]).strip(" \r\n") if rows else ""
    if len(rows[0] if rows else ()) <= 2 and first.lower().startswith("sep="):
        separator = first[4:]  # Excel's hint line ("sep=," arrives split on its comma): harmless when it says comma
        if separator != ",":
            said = {"\t": "a tab", "": "nothing", " ": "a space"}.get(separator, f"'{separator}'")
            raise DataError(
                problems
                + [
                    Problem(
                        name, lines[0][0], None, f"the file declares {said} as its separator, not a comma; {SAVE_CSV}"
                    )
                ]
            )
        rows, lines = rows[1:], lines[1:]
    return rows, lines, problems


def _other_delimiter(raw: list[str], header: list[str], schema: Schema) -> str | None:
    """Name the separator when a header (``raw`` as written, ``header`` as read) only makes sense split on another."""
    joined = ",".join(raw).lower()
    found = sum(c in schema.required for c in header)
    for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
        if sum(schema.name(clean(c)) in schema.required for c in joined.split(sep)) > found:
            return label
    return None


def _column_rank(column: str | None, schema: Schema) -> int:
    return schema.columns.index(column) if column in schema.columns else len(schema.columns)
