"""Files that ship with rolekit: the data tables and the notebooks, found from any working directory."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

_HERE = Path(__file__).resolve().parent


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


@functools.cache
def reference(name: str) -> pd.DataFrame:
    """The bundled reference table ``data/NAME.csv`` (roles, themes, sources) as plain text, read once.

    >>> reference("roles")["role"].tolist()
    ['CEO', 'COO']
    """
    return pd.read_csv(bundled(f"data/{name}.csv"), dtype="str", keep_default_na=False)
