"""The rules a responsibilities table must follow, and the error that reports breaking them.

Every problem is reported at once, each as ``FILE:LINE: column 'x': what is wrong;
what is allowed``, so a person can fix a spreadsheet in one pass.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

REQUIRED = ("role", "responsibility", "scope", "horizon")
OPTIONAL = ("id", "theme", "source", "section")
ALLOWED = {"scope": ("internal", "external"), "horizon": ("daily", "long-term")}

# Words people write for our values: used only to suggest, never accepted silently.
SYNONYMS = {
    "scope": {"inside": "internal", "inward": "internal", "outside": "external", "outward": "external"},
    "horizon": {
        "short-term": "daily", "short term": "daily", "day-to-day": "daily", "day to day": "daily",
        "operational": "daily", "everyday": "daily", "long term": "long-term", "longterm": "long-term",
        "long_term": "long-term", "strategic": "long-term",
    },
}
_SHOWN = 100  # problems shown in an error message; DataError.problems keeps them all


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table: where it is and what to do about it."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = "" if self.column is None else f"column '{self.column}': "
        return f"{where}: {column}{self.message}"


class DataError(ValueError):
    """A table rolekit cannot use; ``problems`` lists everything wrong with it.

    >>> err = DataError([Problem("team.csv", 3, "scope", "'inside' is not allowed")])
    >>> print(err)
    team.csv:3: column 'scope': 'inside' is not allowed
    """

    def __init__(self, problems):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:_SHOWN]]
        if len(self.problems) > _SHOWN:
            lines.append(f"... and {len(self.problems) - _SHOWN} more problems (rolekit validate lists them all)")
        super().__init__("\n".join(lines))

    def _render_traceback_(self):
        # IPython and Jupyter show this instead of a traceback: the message is the whole story.
        return [f"DataError: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


class MissingColumns(DataError):
    """A DataError for a table without a column that an analysis or chart needs.

    ``columns`` names them. Notebooks catch this one to say so in prose.
    """

    def __init__(self, problems, columns):
        super().__init__(problems)
        self.columns = list(columns)


def did_you_mean(value: str, choices, synonyms=None) -> str:
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


def check_header(name: str, header: list[str], line: int, columns) -> list[Problem]:
    """Problems with the header on ``line`` whose cells, lowercased and stripped, are ``header``.

    ``columns`` maps each header position to its non-blank cells' count, so that an
    unnamed column holding values is reported while a spreadsheet's empty one is not.
    """
    problems = []
    seen = {}
    for i, col in enumerate(header):
        if not col:
            if columns[i]:
                problems.append(Problem(name, line, None, f"column {i + 1} holds values but has no name in the header; name it or delete it"))
            continue
        if col in seen:
            problems.append(Problem(name, line, col, f"appears twice in the header (columns {seen[col] + 1} and {i + 1}); each column name must be unique"))
        seen.setdefault(col, i)
    unknown = [c for c in header if c and c not in REQUIRED + OPTIONAL]
    for col in REQUIRED:
        if col not in seen:
            near = [u for u in unknown if difflib.get_close_matches(u, [col], cutoff=0.6)]
            hint = f" (the header has '{near[0]}': did you mean '{col}'?)" if near else ""
            problems.append(Problem(name, line, col, f"required column is missing; the header must name {', '.join(REQUIRED)}{hint}"))
    return problems


def check_values(name: str, table: pd.DataFrame, lines: pd.Series) -> list[Problem]:
    """Problems in the cells of ``table`` (stripped strings), whose rows start on ``lines``."""
    problems = []
    for col in REQUIRED:
        if col not in table:
            continue
        values = table[col]
        blank = values.eq("")
        allowed = ALLOWED.get(col)
        what = f"allowed: {', '.join(allowed)}" if allowed else "every row needs one"
        problems += [Problem(name, int(line), col, f"is blank; {what}") for line in lines[blank]]
        if allowed:
            bad = ~blank & ~values.str.lower().isin(allowed)
            problems += [Problem(name, int(line), col, f"'{v}' is not allowed; allowed: {', '.join(allowed)}{did_you_mean(v, allowed, SYNONYMS[col])}")
                         for line, v in zip(lines[bad], values[bad])]
    if "id" in table:
        ids = table["id"].str.casefold()
        problems += [Problem(name, int(line), "id", "is blank; every row needs a unique id (or delete the id column)") for line in lines[ids.eq("")]]
        repeated = ids.ne("") & ids.duplicated(keep=False)
        first = lines[repeated].groupby(ids[repeated]).transform("min")
        problems += [Problem(name, int(line), "id", f"'{v}' is already used on line {f}; each id must be unique")
                     for line, v, f in zip(lines[repeated], table["id"][repeated], first) if line != f]
    return problems


def require(df: pd.DataFrame, columns, purpose: str) -> None:
    """Raise DataError unless ``df`` has ``columns``; ``purpose`` says why they are needed.

    >>> require(pd.DataFrame({"role": []}), ["role", "theme"], "to compare roles by theme")
    Traceback (most recent call last):
    rolekit.validate.MissingColumns: table: column 'theme': is missing; it is needed to compare roles by theme. The table has: role
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError([Problem("table", None, None, f"expected a pandas DataFrame, got {type(df).__name__}; load one with rolekit.load_responsibilities()")])
    missing = [c for c in columns if c not in df.columns]
    if missing:
        has = ", ".join(map(str, df.columns)) or "no columns"
        raise MissingColumns([Problem("table", None, c, f"is missing; it is needed {purpose}. The table has: {has}") for c in missing], missing)
