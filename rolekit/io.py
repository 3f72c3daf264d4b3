"""Read responsibility tables, bundled or a person's own, into rolekit's tidy form.

The tidy form is one row per responsibility with ``role``, ``scope``, ``horizon``,
``theme`` and ``source`` as categoricals in a fixed order: roles and themes of the
bundled reference tables first, in their order, then others as they first appear.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io as _io
import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .validate import ALLOWED, OPTIONAL, REQUIRED, SYNONYMS, DataError, Problem, check_header, check_values, did_you_mean

_HERE = Path(__file__).resolve().parent
_SAVE_CSV = "save it as 'CSV UTF-8 (Comma delimited) (*.csv)' (Excel: File > Save As) and load that file"
_ORDERED = ("role", "scope", "horizon", "theme", "source")
# Stripped from both ends of every header and value: spaces, and the invisible characters
# that text pasted from the web or Word brings (no-break and zero-width spaces, byte-order marks).
_BLANK = " \t\r\n\v\f\xa0\u2007\u202f\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"


def bundled(name: str) -> Path:
    """Path of a file that ships with rolekit: a data file or a notebook.

    Works from any working directory, in a source checkout and in an installed wheel.

    >>> bundled("data/roles.csv").name
    'roles.csv'
    """
    for base in (_HERE, _HERE.parent):  # wheel: rolekit/data; checkout: ./data
        if (base / name).exists():
            return base / name
    raise FileNotFoundError(f"rolekit's bundled {name} is missing from {_HERE} and {_HERE.parent}; reinstall rolekit")


def load_responsibilities(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a responsibilities table as a tidy DataFrame, checking it first.

    With no ``path``, load the bundled table drawn from the four articles. A table of
    your own needs the columns role, responsibility, scope and horizon; any roles are
    allowed. Anything wrong raises :class:`DataError` listing every problem.

    >>> df = load_responsibilities()
    >>> list(df.columns)
    ['id', 'role', 'responsibility', 'scope', 'horizon', 'theme', 'source', 'section']
    >>> list(df["role"].cat.categories), list(df["scope"].cat.categories)
    (['CEO', 'COO'], ['internal', 'external'])
    """
    path = bundled("data/responsibilities.csv") if path is None else path
    name = os.fspath(path)
    text = _read_text(Path(path), name)
    rows, lines = _split_rows(text, name)
    return tidy(_check(name, rows, lines))


@functools.cache
def _reference(name: str) -> pd.DataFrame:
    return pd.read_csv(bundled(f"data/{name}.csv"), dtype="str", keep_default_na=False)


def load_roles() -> pd.DataFrame:
    """The bundled roles: role, title, reports_to, description.

    >>> load_roles()["role"].tolist()
    ['CEO', 'COO']
    """
    return _reference("roles").copy()


def load_themes() -> pd.DataFrame:
    """The bundled theme vocabulary: theme, definition.

    >>> load_themes()["theme"].tolist()[:3]
    ['strategy', 'operations', 'finance']
    """
    return _reference("themes").copy()


def load_sources() -> pd.DataFrame:
    """The four bundled articles: id, title, kind, covers, file.

    >>> load_sources()["id"].tolist()
    ['careers', 'blog', 'relationship', 'titles']
    """
    return _reference("sources").copy()


def _known(column: str) -> list[str]:
    """Values of ``column`` that the bundled reference tables define, in their order."""
    if column in ALLOWED:
        return list(ALLOWED[column])
    table, key = {"role": ("roles", "role"), "theme": ("themes", "theme"), "source": ("sources", "id")}[column]
    return _reference(table)[key].tolist()


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with role, scope, horizon, theme and source as ordered categoricals.

    Columns that are already categorical are kept as they are. In plain text columns,
    values are stripped, spellings differing only in case become one value (the
    bundled one, else the most used), and scope and horizon must hold only their
    allowed values, in any case. The work is done once per distinct value.

    >>> t = tidy(pd.DataFrame({"role": ["CFO", "ceo", "CEO"], "scope": ["External", "internal", "internal"]}))
    >>> t["role"].tolist(), list(t["role"].cat.categories), t["scope"].tolist()
    (['CFO', 'CEO', 'CEO'], ['CEO', 'CFO'], ['external', 'internal', 'internal'])
    """
    out = df.copy(deep=False)
    for col in _ORDERED:
        if col in out and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = _categorical(out[col], col)
    return out


def _categorical(values: pd.Series, col: str) -> pd.Categorical:
    codes, uniques = pd.factorize(values)
    clean = [str(u).strip(_BLANK) for u in uniques]
    known = _known(col)
    if col in ALLOWED:
        clean = [c.lower() for c in clean]
        bad = [i for i, c in enumerate(clean) if c and c not in known]
        if bad:
            raise DataError([Problem("table", None, col, f"'{uniques[i]}' is not allowed (rows {_labels(values.index[codes == i])}); "
                                     f"allowed: {', '.join(known)}{did_you_mean(str(uniques[i]), known, SYNONYMS[col])}") for i in bad])
    else:
        clean = _one_spelling(clean, np.bincount(codes[codes >= 0], minlength=len(uniques)), known)
    present = list(dict.fromkeys(c for c in clean if c))  # first appearance
    categories = known if col in ALLOWED else [k for k in known if k in present] + [c for c in present if c not in known]
    position = {c: i for i, c in enumerate(categories)}
    recode = np.array([position.get(c, -1) for c in clean] + [-1], dtype=np.int64)  # the last entry serves code -1 (missing)
    return pd.Categorical.from_codes(recode[codes], categories)


def _labels(index) -> str:
    shown = ", ".join(map(str, index[:5]))
    return shown + (f" and {len(index) - 5} more" if len(index) > 5 else "")


def _one_spelling(values: list[str], counts, known: list[str]) -> list[str]:
    """Give spellings that differ only in case one spelling: the known one, else the most used."""
    total = {}
    for v, n in zip(values, counts):
        total[v] = total.get(v, 0) + n
    best = {k.casefold(): k for k in known}
    for v in total:  # in order of first appearance, so ties keep the first
        key = v.casefold()
        if key not in best or (best[key] not in known and total[v] > total[best[key]]):
            best[key] = v
    return [best[v.casefold()] if v else v for v in values]


def _read_text(path: Path, name: str) -> str:
    if path.is_dir():
        raise DataError([Problem(name, None, None, "is a folder, not a CSV file; give the path of the .csv file inside it")])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(name, None, None, f"file not found; check the name and the folder (looked in {Path.cwd()})")]) from None
    except OSError as err:
        raise DataError([Problem(name, None, None, f"cannot be read: {err.strerror or err}")]) from None
    what = _binary_kind(data)
    if what:
        raise DataError([Problem(name, None, None, f"this is {what}, not a CSV text file; {_SAVE_CSV}")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(_encoding_problems(data, name)) from None
    if not text.strip(_BLANK + ",;"):
        raise DataError([Problem(name, None, None, f"the file is empty; it needs a header line naming {', '.join(REQUIRED)}, then one row per responsibility")])
    if text.lstrip(_BLANK)[:20].lower().startswith(("<!doctype html", "<html")):
        raise DataError([Problem(name, None, None, "this is a web page (HTML), not a CSV file; download the table as CSV "
                                 "(Google Sheets: File > Download > Comma-separated values) or " + _SAVE_CSV)])
    return text


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
        return "a ZIP archive"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an Excel 97-2003 workbook (.xls) or another old Office file"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text (Excel's 'Unicode Text' format)"
    if b"\x00" in data[:65536]:
        return "a binary file"
    return None


def _encoding_problems(data: bytes, name: str) -> list[Problem]:
    """One problem per line holding bytes that are not UTF-8, naming the table column."""
    lines = data.splitlines()
    header = [h.strip(_BLANK).lower() for h in next(csv.reader([lines[0].decode("cp1252", "replace")]), [])]
    problems = []
    for number, raw in enumerate(lines, 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as err:
            before = raw[:err.start].decode("cp1252", "replace")
            position = len(next(csv.reader([before + "x"]))) - 1
            column = header[position] if number > 1 and position < len(header) and header[position] else None
            char = raw[err.start:err.start + 1].decode("cp1252", "replace")
            problems.append(Problem(name, number, column,
                                    f"byte 0x{raw[err.start]:02X} is not UTF-8 text (probably '{char}' in a legacy encoding "
                                    f"such as Windows-1252); rolekit reads UTF-8: {_SAVE_CSV}"))
    return problems


def _split_rows(text: str, name: str) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Parse CSV text into its non-blank rows and the (first, last) line of each."""
    reader = csv.reader(_io.StringIO(text, newline=""), skipinitialspace=True)  # also reads  , "a, b"  as one value
    rows, lines, end = [], [], 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip(_BLANK) for cell in row):
                rows.append(row)
                lines.append((start, end))
    except csv.Error as err:
        raise DataError([Problem(name, reader.line_num, None, f"cannot be read as CSV ({err}); {_SAVE_CSV}")]) from None
    first = ",".join(rows[0]).strip() if rows else ""
    if len(rows[0] if rows else ()) <= 2 and first.lower().startswith("sep="):
        separator = first[4:]  # Excel's hint line ("sep=," arrives split on its comma): harmless when it says comma
        if separator != ",":
            raise DataError([Problem(name, lines[0][0], None, f"the file declares '{separator}' as its separator, not a comma; {_SAVE_CSV}")])
        rows, lines = rows[1:], lines[1:]
    return rows, lines


def _check(name: str, rows: list[list[str]], spans: list[tuple[int, int]]) -> pd.DataFrame:
    """Check parsed rows against the rules; return the table of stripped strings."""
    if not rows:
        raise DataError([Problem(name, None, None, f"the file is empty; it needs a header line naming {', '.join(REQUIRED)}, then one row per responsibility")])
    lines = [first for first, _ in spans]
    header_line, header = lines[0], [h.strip(_BLANK).lower() for h in rows[0]]
    delimiter = _other_delimiter(header)
    if delimiter:
        raise DataError([Problem(name, header_line, None, f"the columns are separated by {delimiter}, not commas; {_SAVE_CSV}, "
                                 "or choose ',' as the field separator when exporting")])
    body, body_lines = rows[1:], lines[1:]
    width = len(header)
    cells = pd.DataFrame([r[:width] + [""] * (width - len(r)) for r in body], columns=range(width), dtype="str")
    cells = cells.apply(lambda s: s.str.strip(_BLANK)) if len(cells) else cells
    filled = cells.ne("").sum().tolist() if len(cells) else [0] * width
    problems = check_header(name, header, header_line, filled)
    needed = max((i + 1 for i, h in enumerate(header) if h or filled[i]), default=0)
    good = []
    for i, (row, line) in enumerate(zip(body, body_lines)):
        n, last = len(row), spans[i + 1][1]
        runs_on = f" (this row runs on to line {last}: an opening double quote without its closing one?)" if last > line else ""
        if n < needed:
            missing = ", ".join(h or f"column {j + 1}" for j, h in enumerate(header[n:needed], n))
            problems.append(Problem(name, line, None, f"row has {n} fields but the header has {needed} (missing: {missing}); every row needs a value for each column{runs_on}"))
        elif n > width and any(c.strip(_BLANK) for c in row[width:]):
            problems.append(Problem(name, line, None, f"row has {n} fields but the header has {width}; a value that contains a comma must be put in double quotes{runs_on}"))
        else:
            good.append(i)
    named = [i for i, h in enumerate(header) if h]
    table = cells.iloc[good, named].set_axis([header[i] for i in named], axis=1).reset_index(drop=True)
    table = table.loc[:, ~table.columns.duplicated()]
    problems += check_values(name, table, pd.Series([body_lines[i] for i in good], dtype="int64"))
    if not body and not problems:
        problems.append(Problem(name, None, None, "has a header but no data rows; add one row per responsibility"))
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line or 0, _column_rank(p.column))))
    columns = [c for c in OPTIONAL[:1] + REQUIRED + OPTIONAL[1:] if c in table] + [c for c in table if c not in REQUIRED + OPTIONAL]
    table = table[columns]
    for col in ALLOWED:
        table[col] = table[col].str.lower()
    for col in OPTIONAL[1:]:
        if col in table:
            table[col] = table[col].replace("", None)
    return table


def _other_delimiter(header: list[str]) -> str | None:
    """Name the separator when a header only makes sense split on something else."""
    joined = ",".join(header)
    found = sum(c in REQUIRED for c in header)
    for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
        if sum(c.strip() in REQUIRED for c in joined.split(sep)) > found:
            return label
    return None


def _column_rank(column: str | None) -> int:
    order = REQUIRED + OPTIONAL
    return order.index(column) if column in order else len(order)
