"""The bundled tables, and the loader of a responsibilities table (the bundled one or a person's own).

A loaded table is checked (:mod:`rolekit.reader`) and tidy (:mod:`rolekit.categories`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .bundle import bundled, reference
from .categories import tidy
from .reader import read_table
from .validate import RESPONSIBILITIES, weight_numbers

EXAMPLE_ORGANISATION = bundled("data/example_organisation.csv")  # an invented organisation, for trying the comparison
# Twelve invented participants' answers to a 16-item worksheet, as a form exports them, with the key beside them.
SYNTHETIC_CLASS = bundled("data/synthetic_class/responses.csv")
SYNTHETIC_KEY = bundled("data/synthetic_class/key/answer_key.csv")


def load_responsibilities(path: str | os.PathLike | bytes | None = None) -> pd.DataFrame:
    """Load a responsibilities table as a tidy DataFrame, checking it first.

    With no ``path``, load the bundled table drawn from the four articles. A table of
    your own needs the columns role, responsibility, scope and horizon; any roles are
    allowed. Anything wrong raises :class:`DataError` listing every problem.

    >>> df = load_responsibilities()
    >>> list(df.columns)
    ['id', 'role', 'responsibility', 'scope', 'horizon', 'theme', 'source', 'section']
    >>> list(df["role"].cat.categories), list(df["scope"].cat.categories)
    (['CEO', 'COO'], ['internal', 'external'])

    The table's name, as sentences comparing two tables call it, is in
    ``df.attrs["table"]``: "the articles" for the bundled table, the file's name for yours.

    >>> df.attrs["table"]
    'the articles'
    """
    table = read_table(bundled("data/responsibilities.csv") if path is None else path, RESPONSIBILITIES)
    if "weight" in table:
        table["weight"] = weight_numbers(table["weight"])
    out = tidy(table)
    out.attrs["table"] = table_name(path)
    return out


def table_name(path: str | os.PathLike | bytes | None) -> str:
    """How sentences name the table at ``path``: "the articles", "the example organisation" or the file's name.

    >>> table_name(None), table_name(EXAMPLE_ORGANISATION), table_name("data/my team.csv")
    ('the articles', 'the example organisation', 'my team.csv')
    """
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if path is None or Path(path).expanduser().resolve() == bundled("data/responsibilities.csv").resolve():
        return "the articles"
    if Path(path).expanduser().resolve() == EXAMPLE_ORGANISATION.resolve():
        return "the example organisation"
    return Path(path).name


def load_roles() -> pd.DataFrame:
    """The bundled roles: role, title, reports_to, description.

    >>> load_roles()["role"].tolist()
    ['CEO', 'COO']
    """
    return reference("roles").copy()


def load_themes() -> pd.DataFrame:
    """The bundled theme vocabulary: theme, definition.

    >>> load_themes()["theme"].tolist()[:3]
    ['strategy', 'operations', 'finance']
    """
    return reference("themes").copy()


def load_sources() -> pd.DataFrame:
    """The four bundled articles: id, title, kind, covers, file.

    >>> load_sources()["id"].tolist()
    ['careers', 'blog', 'relationship', 'titles']
    """
    return reference("sources").copy()
