"""The rules a table must follow, and the error that reports breaking them.

Every problem is reported at once, each as ``FILE:LINE: column 'x': what is wrong;
what is allowed``, so a person can fix a spreadsheet in one pass. A :class:`Schema`
names a table's columns and allowed values; the responsibilities table is
:data:`RESPONSIBILITIES`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .text import SPELLINGS, controls, fault, join_names, marked, quoted, shown

REQUIRED = ("role", "responsibility", "scope", "horizon")
OPTIONAL = ("id", "theme", "source", "section", "weight")
ALLOWED = {"scope": ("internal", "external"), "horizon": ("daily", "long-term")}

# Words people write for our values: used only to suggest, never accepted silently.
SYNONYMS = {
    "scope": {"inside": "internal", "inward": "internal", "outside": "external", "outward": "external"},
    "horizon": {
        "short-term": "daily",
        "short term": "daily",
        "day-to-day": "daily",
        "day to day": "daily",
        "operational": "daily",
        "everyday": "daily",
        "long term": "long-term",
        "longterm": "long-term",
        "long_term": "long-term",
        "strategic": "long-term",
    },
}
_BLANKS = SPELLINGS | {""}  # what a cell holds when rolekit reads it as blank
_SHOWN = 100  # problems shown in an error message; DataError.problems keeps them all
_LONGEST = 2000  # characters of one problem's message shown: a whole 200 KB cell would flood the terminal


@dataclass(frozen=True)
class Schema:
    """What one kind of table holds: its columns, their allowed values, which columns are names.

    ``keys`` are columns of names (roles, themes, ids): their values are normalised
    (see :func:`rolekit.text.clean`) and checked for look-alike letters. ``unique``
    is a column whose values must not repeat. ``coded`` are other columns whose values
    repeat (a weight: hours a week, importance 1 to 5), which the reader's fast path
    reads as categorical, as it reads the keys. ``row`` says what one row is, for messages.
    """

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    allowed: dict = field(default_factory=dict)
    synonyms: dict = field(default_factory=dict)
    keys: tuple[str, ...] = ()
    unique: str | None = None
    coded: tuple[str, ...] = ()
    row: str = "row"
    aliases: bool = False  # read "Scope (internal / external)" or "Roles" as the column it names

    def name(self, header: str) -> str:
        """A header cell (cleaned, lower case) as this schema reads it."""
        return (meant(header, self.columns) or header) if self.aliases and header not in self.columns else header

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


RESPONSIBILITIES = Schema(
    REQUIRED,
    OPTIONAL,
    ALLOWED,
    SYNONYMS,
    keys=("id", "role", "scope", "horizon", "theme", "source"),
    unique="id",
    coded=("weight",),
    row="responsibility",
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table: where it is and what to do about it.

    Shown with every character that would not print escaped, so an escape code in a
    cell never reaches the terminal raw.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = "" if self.column is None else f"column {quoted(self.column)}: "
        message = self.message if len(self.message) <= _LONGEST else f"{self.message[:_LONGEST]}… (cut)"
        return shown(f"{where}: {column}{message}")


class DataError(ValueError):
    """A table rolekit cannot use; ``problems`` lists everything wrong with it.

    >>> err = DataError([Problem("team.csv", 3, "scope", "'inside' is not allowed")])
    >>> print(err)
    team.csv:3: column 'scope': 'inside' is not allowed
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:_SHOWN]]
        if len(self.problems) > _SHOWN:
            lines.append(f"... and {len(self.problems) - _SHOWN} more problems (rolekit validate lists them all)")
        super().__init__("\n".join(lines))

    def _render_traceback_(self) -> list[str]:
        # IPython and Jupyter show this instead of a traceback: the message is the whole story.
        return [f"DataError: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


class MissingColumns(DataError):
    """A DataError for a table without a column that an analysis or chart needs.

    ``columns`` names them and ``purpose`` says what needed them ("to compare roles
    theme by theme"). Notebooks and ``rolekit figures`` read both to say so in prose.

    >>> err = MissingColumns([], ["theme"], "to compare roles theme by theme")
    >>> err.columns, err.purpose
    (['theme'], 'to compare roles theme by theme')
    """

    def __init__(self, problems: Iterable[Problem], columns: Iterable[str], purpose: str = ""):
        super().__init__(problems)
        self.columns = list(columns)
        self.purpose = purpose

    def lacking(self, quote: Callable[[str], str] = str) -> str:
        """The sentence for people: what the table lacks and what needed it, each column as ``quote`` writes it.

        >>> MissingColumns([], ["theme", "source"], "to compare sources").lacking()
        'this table lacks the theme and source columns, which are needed to compare sources'
        """
        names = [quote(c) for c in self.columns]
        if len(names) == 1:
            return f"this table has no {names[0]} column, which is needed {self.purpose}".rstrip()
        return f"this table lacks the {join_names(names)} columns, which are needed {self.purpose}".rstrip()


def did_you_mean(value: str, choices: Sequence[str], synonyms: Mapping[str, str] | None = None) -> str:
    """Return `` (did you mean 'x'?)`` for a near miss, else ``''``.

    >>> did_you_mean("Internl", ["internal", "external"])
    " (did you mean 'internal'?)"
    """
    key = value.strip().lower()
    guess = (synonyms or {}).get(key)
    if guess is None:
        close = difflib.get_close_matches(key, [c.lower() for c in choices], n=1, cutoff=0.6)
        guess = next((c for c in choices if close and c.lower() == close[0]), None)
    return f" (did you mean '{guess}'?)" if guess else ""


def canonical(name: str) -> str:
    """A column name reduced to its bare word: no notes in brackets, punctuation or plural.

    >>> [canonical(n) for n in ["Scope (internal/external)", "Themes", "Responsibilities", "role:"]]
    ['scope', 'theme', 'responsibility', 'role']
    """
    bare = " ".join(re.sub(r"[^\w]+", " ", re.sub(r"[(\[].*?([)\]]|$)", " ", name.lower())).split())
    if bare.endswith("ies"):
        return bare[:-3] + "y"
    return bare[:-1] if bare.endswith("s") and not bare.endswith("ss") else bare


def meant(name: str, columns: Sequence[str]) -> str | None:
    """The schema column that ``name`` (not itself one) is most likely meant to be, or None.

    >>> meant("Thme", ["theme", "weight"]), meant("Weighting", ["theme", "weight"]), meant("idea", ["id"])
    ('theme', 'weight', None)
    """
    bare = canonical(name)
    if bare in columns:
        return bare
    close = difflib.get_close_matches(bare, columns, n=1, cutoff=0.85)
    grown = [c for c in columns if len(c) >= 4 and bare.startswith(c) and len(bare) - len(c) <= 3]  # Weighting
    return close[0] if close else grown[0] if grown else None


def header_line(rows: list[list[str]], schema: Schema, clean: Callable[[str], str]) -> int | None:
    """Index of the row that looks like the header when the first row does not: a title line above it."""
    first = {schema.name(clean(c).lower()) for c in rows[0]}
    if len(schema.required) < 2 or sum(c in first for c in schema.required) >= 2:
        return None
    for i, row in enumerate(rows[1:6], 1):
        names = {meant(clean(c).lower(), schema.columns) or clean(c).lower() for c in row}
        if all(c in names for c in schema.required):
            return i
    return None


def check_header(
    name: str,
    header: list[str],
    line: int,
    columns: Sequence[int],
    schema: Schema = RESPONSIBILITIES,
    written: Sequence[str] | None = None,
) -> list[Problem]:
    """Problems with the header on ``line`` whose cells, lowercased and cleaned, are ``header``.

    ``written``: the cells as the file spells them, to quote a column the way its user named it.

    ``columns`` maps each header position to its non-blank cells' count, so that an
    unnamed column holding values is reported while a spreadsheet's empty one is not.
    A column that is nearly the name of one of the schema's (``Themes``, ``Scope
    (internal/external)``) is refused with a did-you-mean, not silently ignored.
    """
    problems = []
    seen: dict[str, int] = {}
    for i, col in enumerate(header):
        if not col:
            if columns[i]:
                problems.append(
                    Problem(
                        name,
                        line,
                        None,
                        f"column {i + 1} holds values but has no name in the header; name it or delete it",
                    )
                )
            continue
        if col in seen:
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    f"appears twice in the header (columns {seen[col] + 1} and {i + 1}); each column name must be "
                    "unique",
                )
            )
        seen.setdefault(col, i)
    unknown = [c for c in header if c and c not in schema.columns]
    near = {u: meant(u, schema.columns) for u in unknown}
    spelt = dict(reversed(list(zip(header, written or header))))  # each name as first written
    for col in schema.required:
        if col not in seen:
            guess = next((u for u, m in near.items() if m == col), None)
            if guess is None:  # a looser near miss, such as two letters swapped, among the names nothing else claims
                free = [u for u, m in near.items() if m is None]
                guess = next(iter(difflib.get_close_matches(col, free, n=1, cutoff=0.7)), None)
            hint = f" (the header has '{spelt[guess]}': did you mean '{col}'?)" if guess else ""
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    f"required column is missing; the header must name {', '.join(schema.required)}{hint}",
                )
            )
    for u, m in near.items():
        if m in schema.optional and m not in seen:
            problems.append(
                Problem(
                    name,
                    line,
                    spelt[u],
                    f"is not a column rolekit knows, but looks like its optional column '{m}' (did you mean '{m}'?); "
                    f"rename it '{m}' to use it, or give it a name unlike {m} if it holds something else",
                )
            )
    return problems


def check_values(
    name: str,
    table: pd.DataFrame,
    lines: pd.Series,
    schema: Schema = RESPONSIBILITIES,
    plain: bool = False,
    unique_checked: bool = False,
    texts_checked: bool = False,
) -> list[Problem]:
    """Problems in the cells of ``table`` (cleaned strings), whose rows start on ``lines``.

    ``plain``: the file is printable ASCII, so no cell can hold a control character
    or a look-alike letter, and those checks are skipped. ``unique_checked``: the
    caller has found the unique column's cleaned values distinct with :func:`distinct`.
    ``texts_checked``: the caller has found no control character in the columns that
    are not keys (the reader's fast path scans each such column as one string), so
    only the key columns are checked here, value by value.
    """
    problems = []
    for col in () if plain else [c for c in table.columns if c in schema.keys or not texts_checked]:
        values = table[col]
        codes, uniques = pd.factorize(values)
        for k, value in enumerate(uniques):
            wrong = fault(value) if col in schema.keys else _control(value)
            if wrong:  # shown escaped: a look-alike letter printed as itself would hide the problem
                problems += [
                    Problem(name, int(line), col, f"{quoted(value, marked)} {wrong}") for line in lines[codes == k]
                ]
    for col in schema.required:
        if col not in table:
            continue
        values = table[col]
        blank = values.isin(_BLANKS)  # one pass, not a comparison with "" and then a second
        allowed = schema.allowed.get(col)
        what = f"allowed: {', '.join(allowed)}" if allowed else "every row needs one"
        problems += [
            Problem(
                name,
                int(line),
                col,
                f"holds '{v}', which rolekit reads as a blank cell; {what}" if v else f"is blank; {what}",
            )
            for line, v in zip(lines[blank], values[blank])
        ]
        if allowed:
            bad = ~blank & ~values.map(str.lower).isin(allowed)
            problems += [
                Problem(
                    name,
                    int(line),
                    col,
                    f"{quoted(v)} is not allowed; allowed: "
                    f"{', '.join(allowed)}{did_you_mean(v, allowed, schema.synonyms.get(col))}",
                )
                for line, v in zip(lines[bad], values[bad])
            ]
    if "weight" in table:
        problems += _check_weights(name, table["weight"], lines)
    key = schema.unique
    if key and key in table and not unique_checked and not distinct(table[key]):
        ids = table[key].str.casefold()
        problems += [
            Problem(name, int(line), key, f"is blank; every row needs a unique {key} (or delete the {key} column)")
            for line in lines[ids.eq("")]
        ]
        repeated = ids.ne("") & ids.duplicated(keep=False)
        first = lines[repeated].groupby(ids[repeated]).transform("min")
        problems += [
            Problem(name, int(line), key, f"{quoted(v)} is already used on line {f}; each {key} must be unique")
            for line, v, f in zip(lines[repeated], table[key][repeated], first)
            if line != f
        ]
    return _pasted_rows(name, table, lines, schema, problems) if problems else problems


def distinct(values: pd.Series, joined: str | None = None) -> bool:
    """True when no value is blank and none repeats, ignoring case; fast on a million ids.

    ``joined``: the values joined by line breaks, if the caller has them already.
    """
    if values.isna().any():
        return False
    if joined is None:
        joined = "\n".join(values.tolist())
    if "\n\n" in f"\n{joined}\n":
        return False  # a blank value
    cased = joined.encode() if joined.isascii() else joined  # bytes methods are faster on ASCII
    if cased.isupper() or cased.islower():  # one case throughout: casefold changes nothing
        return values.is_unique
    folded = pd.Series(joined.casefold().split("\n"))  # one casefold of one string, not a million
    return len(folded) == len(values) and folded.is_unique


_TOTALS = {"total", "totals", "sum", "grand total", "subtotal", "sub-total"}


def _pasted_rows(
    name: str, table: pd.DataFrame, lines: pd.Series, schema: Schema, problems: list[Problem]
) -> list[Problem]:
    """The problems, with those of a row repeating the header, or a spreadsheet's totals row, said once for the row.

    A second table pasted below the first repeats its header; a sheet's last row may add
    up a column. Each broke every rule of its row, which hid what it is.
    """
    present = [c for c in schema.required if c in table]
    if not present:
        return problems
    cells = table[present].astype(str).apply(lambda c: c.str.strip().str.lower())
    header = pd.concat([cells[c].map(schema.name).eq(c) for c in present], axis=1).all(axis=1)
    totals = cells[present[0]].isin(_TOTALS) & cells[present[1:]].eq("").all(axis=1) & (len(present) > 1)
    rest = join_names(present[1:], "or")
    said = {
        int(line): f"repeats the header ({', '.join(present)}): a second table pasted below the first? delete the line"
        for line in lines[header.to_numpy()]
    } | {
        int(line): f"looks like a spreadsheet's totals row ('{v}', and no {rest}): delete the line"
        for line, v in zip(lines[totals.to_numpy()], table.loc[totals.to_numpy(), present[0]].astype(str))
    }
    if not said:
        return problems
    kept = [p for p in problems if p.line not in said]
    return sorted(kept + [Problem(name, line, None, why) for line, why in said.items()], key=lambda p: p.line or 0)


def _control(value: str) -> str | None:
    found = controls(value)
    return f"has a control character ({shown(found[0])}), which does not print; delete it" if found else None


# The largest weight, 10^15: sums of a table of any size rolekit reads stay far from overflowing.
MAX_WEIGHT = 1e15
_THOUSANDS = r"[+-]?[1-9]\d{0,2}(?:,\d{3})+"  # 1,000 or 2,500,000: a thousands separator, or a decimal comma?
_POINT_THOUSANDS = r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+"  # 1.250: a decimal point, or thousands where commas are decimal?
_DECIMAL_COMMA = r"[+-]?\d*,\d+"  # 2,5: a column with one reads a point as a thousands separator, maybe
_INNER_SPACE = re.compile(r"(?<=\d)[\s\u2009\u202f\xa0'](?=\d)")  # 1 000, 1\u202f000, 1'000 (Swiss)


def weight_numbers(weights: pd.Series) -> pd.Series:
    """The ``weight`` cells (text) as numbers: a decimal comma is read as a point; NaN where a cell is not a weight.

    A comma before exactly three digits is not read: ``1,000`` may be a thousand or
    one (:func:`check_values` refuses it, saying both), and neither may be guessed;
    ``0,500`` can only be a half. Nor, in a column that writes decimals with a comma,
    is a point before exactly three digits: there ``1.250`` may be 1250.

    >>> weight_numbers(pd.Series(["2", "2,5", "0,500", "1,000", "1.000,5", "1.250", "lots"])).tolist()
    [2.0, 2.5, 0.5, nan, nan, nan, nan]
    >>> weight_numbers(pd.Series(["2.5", "1.250"])).tolist()
    [2.5, 1.25]
    """
    if isinstance(weights.dtype, pd.CategoricalDtype):  # each distinct weight read once (the reader's fast path)
        read = weight_numbers(pd.Series(weights.cat.categories, dtype=str)).to_numpy(float)
        return pd.Series(np.append(read, np.nan)[weights.cat.codes.to_numpy()], index=weights.index, name=weights.name)
    numbers = pd.to_numeric(weights, errors="coerce")  # plain numbers, read in C: nearly every cell
    if isinstance(numbers, pd.Series) and not numbers.isna().any():
        return numbers.astype(float)
    rest = numbers.isna() if isinstance(numbers, pd.Series) else pd.Series(True, index=weights.index)
    text = weights[rest].astype(str).str.strip()  # the others, a comma at a time
    readable = ~text.str.fullmatch(_THOUSANDS) & ~(
        text.str.contains(",", regex=False) & text.str.contains(".", regex=False)
    )
    read = pd.to_numeric(text.where(readable, "").str.replace(",", ".", regex=False), errors="coerce")
    out = pd.Series(numbers, index=weights.index, dtype=float).where(~rest, read)
    if _decimal_commas(text):  # decimal commas: 1.250 may be a thousand two hundred and fifty
        out[weights.astype(str).str.strip().str.fullmatch(_POINT_THOUSANDS)] = np.nan
    return out


def _decimal_commas(weights: pd.Series) -> bool:
    """Whether a ``weight`` column writes some decimal with a comma (``2,5``)."""
    return bool(weights.astype(str).str.strip().str.fullmatch(_DECIMAL_COMMA).any())


def _weight_hint(value: str, decimal_commas: bool = False) -> str:
    """Why a weight that is not a number of at least 0 was refused, with what it probably means.

    ``decimal_commas``: the column writes decimals with a comma, so a point may separate thousands.
    """
    if re.fullmatch(_POINT_THOUSANDS, value) and (decimal_commas or value.count(".") > 1):
        thousands, decimal = value.replace(".", ""), value.rstrip("0").rstrip(".")
        if value.count(".") > 1:
            return f"has points between its thousands; write it without them (did you mean {thousands}?)"
        return (
            f"is ambiguous: this column writes decimals with a comma, so a point before exactly three digits may "
            f"separate thousands ({thousands}) or be a decimal point ({decimal}); write every decimal the same way, "
            f"without a thousands separator (did you mean {thousands} or {decimal}?)"
        )
    if re.fullmatch(_THOUSANDS, value):
        thousands = value.replace(",", "")
        if value.count(",") > 1:
            return f"has commas between its thousands; write it without them (did you mean {thousands}?)"
        decimal = value.replace(",", ".")
        return (
            f"is ambiguous: a comma before exactly three digits may separate thousands ({thousands}) or be a decimal "
            f"comma ({decimal}); write the number without a thousands separator, with a point for decimals "
            f"(did you mean {thousands} or {decimal}?)"
        )
    if "," in value and "." in value:
        last = max(value.rfind(","), value.rfind("."))
        meant = (value[:last].replace(",", "").replace(".", "") + "." + value[last + 1 :]).lstrip(".")
        return f"mixes commas and points; write it without a thousands separator (did you mean {meant}?)"
    number = value.removesuffix("%").strip()
    if number != value and (weight_numbers(pd.Series([number])) >= 0).all():  # 50%: a share of time, as a number
        return f"has a percent sign; write the number alone, as every row does (did you mean {number}?)"
    joined = _INNER_SPACE.sub("", value)
    if joined != value and not weight_numbers(pd.Series([joined])).isna().all():
        between = "an apostrophe" if "'" in value else "a space"
        return f"has {between} between its digits; write it without a thousands separator (did you mean {joined}?)"
    return "is not a number of at least 0"


def _check_weights(name: str, weights: pd.Series, lines: pd.Series) -> list[Problem]:
    numbers = weight_numbers(weights)
    allowed = "allowed: a number of at least 0, such as 1, 2.5 or 0 (hours a week, a share of time, importance 1 to 5)"
    problems = [
        Problem(
            name, int(line), "weight", f"is blank; a table with a weight column needs a weight on every row; {allowed}"
        )
        for line in lines[weights.eq("")]
    ]
    bad = weights.ne("") & ~(numbers >= 0)
    commas = bad.any() and _decimal_commas(weights)
    large = numbers.gt(MAX_WEIGHT)  # 1e309 is infinite: too large as well
    return (
        problems
        + [
            Problem(name, int(line), "weight", f"{quoted(v)} {_weight_hint(v, commas)}; {allowed}")
            for line, v in zip(lines[bad], weights[bad])
        ]
        + [
            Problem(
                name,
                int(line),
                "weight",
                f"{quoted(v)} is too large: rolekit adds up weights of at most 10^15 (so that every sum and "
                "share stays exact); give the weights in a larger unit, such as days instead of minutes",
            )
            for line, v in zip(lines[large], weights[large])
        ]
    )


def _one_typo(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one letter added, dropped, changed or two side by side swapped (not a digit)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    left, right = a[start : len(a) - end], b[start : len(b) - end]
    if any(c.isdigit() for c in left + right):  # Team 1 and Team 2 are two teams
        return False
    return len(left) + len(right) == 1 or (len(left) == len(right) == 1) or (left == right[::-1] and len(left) == 2)


def look_alike_roles(df: pd.DataFrame) -> list[str]:
    """Notes on role names one typo away from a role with more rows: a typo makes a role of its own.

    Names of five characters or more are compared, ignoring case; CEO and COO, or Team 1
    and Team 2, are never taken for typos. A note is no error: the table stays valid.

    >>> df = pd.DataFrame({"role": ["Managing Director"] * 3 + ["Managing Directr", "CEO", "COO"]})
    >>> look_alike_roles(df)
    ["role 'Managing Directr' (1 row) is one letter from 'Managing Director' (3 rows): if they are one role, \
spell them the same"]
    """
    if "role" not in df:
        return []
    counts = df["role"].dropna().astype(str).value_counts()
    names = [n for n in counts.index if len(n) >= 5]  # the most rows first

    def rows(name: str) -> str:
        return f"{counts[name]} row{'' if counts[name] == 1 else 's'}"

    notes = []
    for rare in names:
        near = next((n for n in names if counts[n] > counts[rare] and _one_typo(rare.casefold(), n.casefold())), None)
        if near is not None:
            notes.append(
                f"role {quoted(rare)} ({rows(rare)}) is one letter from {quoted(near)} ({rows(near)}): if they are "
                "one role, spell them the same"
            )
    return notes


def require(df: pd.DataFrame, columns: Iterable[str], purpose: str) -> None:
    """Raise DataError unless ``df`` has ``columns``; ``purpose`` says why they are needed.

    >>> require(pd.DataFrame({"role": []}), ["role", "theme"], "to compare roles by theme")
    Traceback (most recent call last):
    rolekit.validate.MissingColumns: table: column 'theme': is missing;
    it is needed to compare roles by theme. The table has: role
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError(
            [
                Problem(
                    "table",
                    None,
                    None,
                    f"expected a pandas DataFrame, got {type(df).__name__}; load one with "
                    "rolekit.load_responsibilities()",
                )
            ]
        )
    missing = [c for c in columns if c not in df.columns]
    if missing:
        has = ", ".join(map(str, df.columns)) or "no columns"
        raise MissingColumns(
            [Problem("table", None, c, f"is missing; it is needed {purpose}. The table has: {has}") for c in missing],
            missing,
            purpose,
        )
