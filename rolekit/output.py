"""Writing into a folder without ever overwriting a file rolekit did not make.

Each folder rolekit writes to gets a manifest, ``.rolekit-manifest.json``, listing
every file rolekit wrote there with its SHA-256. A file counts as rolekit's only if
the manifest lists it with its current contents: a person's own file, or one of
rolekit's that a person has since edited, is never replaced. Everything is checked
before the first byte is written.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .validate import DataError, Problem

MANIFEST = ".rolekit-manifest.json"
_ADVICE = "choose another --out, or move it away"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Output:
    """A folder rolekit may write ``names`` into (paths relative to it), checked at once.

    >>> import tempfile
    >>> folder = Output(tempfile.mkdtemp(), ["a.txt"])
    >>> folder.write_text("a.txt", "hello").name
    'a.txt'
    >>> Output(folder.root, ["a.txt"]).write_text("a.txt", "again").read_text()
    'again'
    """

    def __init__(self, root: str | os.PathLike[str], names: Iterable[str]):
        self.root = Path(root).expanduser()
        problems = writable_folder(self.root)
        if problems:
            raise DataError(problems)
        self.made = self._manifest()
        foreign = []
        for name in names:
            target = self.root / name
            for part in [*reversed(Path(name).parents[:-1]), Path(name)]:  # each folder on the way, then the file
                here = self.root / part
                if part != Path(name) and here.exists() and not here.is_dir():
                    foreign.append(Problem(str(here), None, None, f"is a file where rolekit needs a folder; {_ADVICE}"))
            if target.is_dir():
                foreign.append(
                    Problem(str(target), None, None, f"is a folder where rolekit would write a file; {_ADVICE}")
                )
            elif target.exists() and not self.owns(name):
                foreign.append(
                    Problem(
                        str(target),
                        None,
                        None,
                        f"exists and was not made by rolekit (or was changed since); not overwriting it: {_ADVICE}",
                    )
                )
        if foreign:
            raise DataError(list(dict.fromkeys(foreign)))

    def _manifest(self) -> dict[str, str]:
        try:
            made = json.loads((self.root / MANIFEST).read_text())
            return {str(k): str(v) for k, v in made.items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def owns(self, name: str) -> bool:
        """Whether the file ``name`` is one rolekit wrote here, unchanged since."""
        target = self.root / name
        return name in self.made and target.is_file() and _digest(target) == self.made[name]

    def path(self, name: str) -> Path:
        """Where ``name`` goes; the folders on the way are made. Call :meth:`record` once it is written."""
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def record(self, name: str) -> Path:
        """Add the file ``name``, just written, to the manifest."""
        target = self.root / name
        self.made[name] = _digest(target)
        (self.root / MANIFEST).write_text(json.dumps(dict(sorted(self.made.items())), indent=1) + "\n")
        return target

    def write_bytes(self, name: str, data: bytes) -> Path:
        self.path(name).write_bytes(data)
        return self.record(name)

    def write_text(self, name: str, text: str) -> Path:
        return self.write_bytes(name, text.encode("utf-8"))

    def write_csv(self, name: str, table: pd.DataFrame) -> Path:
        """Write ``table`` as UTF-8 CSV for people to open in a spreadsheet, formula-like cells neutralised."""
        return self.write_text(name, neutralised(table).to_csv(index=False))


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell a spreadsheet would run as a formula prefixed with a single quote.

    The header's cells too: a role named ``=HYPERLINK(...)`` heads a column.

    >>> neutralised(pd.DataFrame({"a": ["=1+1", "ok", "-x"], "n": [-1, 2, 3]}))["a"].tolist()
    ["'=1+1", 'ok', "'-x"]
    >>> neutralised(pd.DataFrame(columns=["id", "=cmd()"])).columns.tolist()
    ['id', "'=cmd()"]
    """
    out = table.copy()
    out.columns = [f"'{c}" if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c for c in out.columns]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            text = out[col].astype(object)
            risky = text.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
            out[col] = text.where(~risky, "'" + text.astype(str))
    return out


def writable_folder(folder: Path) -> list[Problem]:
    """Problems with writing into ``folder``: a file in its place or on its way, no permission."""
    folder = Path(folder)
    if not str(folder).strip():
        return [Problem("''", None, None, "no folder given; give the folder to write into")]
    for here in [folder, *folder.parents]:
        try:
            exists = here.exists()
        except OSError as err:
            return [Problem(str(folder), None, None, f"cannot be used: {err.strerror or err}")]
        if not exists:
            continue
        if not here.is_dir():
            what = "is a file, not a folder" if here == folder else f"cannot be made: {here} is a file, not a folder"
            return [Problem(str(folder), None, None, f"{what}; {_ADVICE}")]
        if not os.access(here, os.W_OK | os.X_OK):
            return [
                Problem(
                    str(folder),
                    None,
                    None,
                    f"cannot be written: no permission to write in {here}; choose a folder of your own",
                )
            ]
        return []
    return []
