"""Writing into a folder: never over a file rolekit did not make, never through a link, never a file cut short.

Each folder rolekit writes to gets a manifest, ``.rolekit-manifest.json``, listing
every file rolekit wrote there with its SHA-256. A file counts as rolekit's only if
the manifest lists it with its current contents: a person's own file, or one of
rolekit's that a person has since edited, is never replaced. Everything a command
plans to write is checked before the first byte is written, and again as each file
is written.

- **Whole files only.** Each file is written to a temporary file beside it, then
  renamed over the old one (``os.replace``): a command killed halfway leaves the old
  file or the new one, never a part of either.
- **No links.** A symbolic link where rolekit would write a file (the manifest
  included), or on the way to it from the folder given, or the folder itself, is
  refused; a rename never writes through a link.
- **No lock-out.** Before a file takes its place, one line with its name and checksum
  is added to the end of the manifest; the manifest is rewritten whole (atomically,
  as one line) once per command, when it ends (:meth:`Output.save`, or leaving a
  ``with Output(...)`` block). A command killed halfway, or one whose notebook failed,
  leaves a manifest that knows every file it wrote, and the next run accepts them; a
  manifest cut short keeps every entry it still holds whole.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from types import TracebackType

import pandas as pd

from .validate import DataError, Problem

MANIFEST = ".rolekit-manifest.json"
CHART_FORMATS = ("png", "svg", "pdf")  # the files a chart is written as (rolekit.charts.render)
SCRATCH = ".rolekit-tmp-"  # how a file being written starts its name, until it is renamed into place


def _advice(option: str = "--out") -> str:
    """What to do about a path rolekit will not write: ``option`` is the command's option that named the folder."""
    return f"choose another {option}, or move it away"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# A line of a manifest in the older, indented form (rolekit before 2027): one entry.
_ENTRY = re.compile(r'\s*"((?:[^"\\]|\\.)*)"\s*:\s*"([0-9a-f]{64})"\s*,?\s*')
_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*"([0-9a-f]{64})"')  # an entry whole, in a line cut short
_HEX = re.compile(r"[0-9a-f]{64}")


def _valid(entries: object) -> bool:
    return isinstance(entries, dict) and all(
        isinstance(k, str) and (v is None or (isinstance(v, str) and _HEX.fullmatch(v))) for k, v in entries.items()
    )


def _entries(text: str) -> tuple[list[tuple[str, str | None]], bool, bool]:
    """The (name, checksum or None for removed) entries of a manifest, in order; whether it is not rolekit's; and
    whether it was cut short.

    Each line is a JSON object of entries, or a brace or an entry of the older,
    indented form; the last line may be cut short, and is then read as far as it goes.
    """
    try:
        whole = json.loads(text)
    except ValueError:
        whole = None
    if whole is not None:
        return (list(whole.items()), False, False) if _valid(whole) else ([], True, False)
    if text.strip() and not text.lstrip().startswith("{"):
        return [], True, False
    lines = text.splitlines()
    entries: list[tuple[str, str | None]] = []
    opened = cut = False
    for i, line in enumerate(lines):
        bare = line.strip()
        if bare in ("{", "}", ""):
            opened = opened if not bare else bare == "{"
            continue
        try:
            found = json.loads(line)
        except ValueError:
            old = _ENTRY.fullmatch(line)
            if old and opened:
                entries.append((json.loads(f'"{old[1]}"'), old[2]))
            elif i == len(lines) - 1:  # cut short: the entries it still holds whole
                entries += [(json.loads(f'"{name}"'), digest) for name, digest in _PAIR.findall(line)]
                cut = True
            else:
                return [], True, False
            continue
        if not _valid(found):
            return [], True, False
        entries += found.items()
    return entries, False, cut or opened or not text.strip()  # rolekit never leaves a manifest empty


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _signature(info: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a file is written: checked before hashing it again."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _cannot(path: Path, err: OSError, option: str = "--out") -> DataError:
    """A DataError for ``path`` that could not be written, saying which path and why."""
    why = err.strerror or str(err)
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        why += f"; the disk (or your quota) is full: free some space, or choose another {option} on another disk"
    elif err.errno == errno.EROFS:
        why += f"; choose another {option} on a disk you can write"
    return DataError([Problem(str(path), None, None, f"cannot be written: {why}")])


class Output:
    """A folder rolekit may write ``names`` into (paths relative to it), checked at once.

    Use it as a context manager, or call :meth:`save` when the command is done, so
    the manifest is rewritten once.

    >>> import tempfile
    >>> with Output(tempfile.mkdtemp(), ["a.txt"]) as folder:
    ...     folder.write_text("a.txt", "hello").name
    'a.txt'
    >>> with Output(folder.root, ["a.txt"]) as again:
    ...     again.write_text("a.txt", "again").read_text()
    'again'
    """

    def __init__(self, root: str | os.PathLike[str], names: Iterable[str] = (), option: str = "--out"):
        self.root, self.option = Path(root).expanduser(), option  # option: the command's, naming the folder
        problems = writable_folder(self.root, option)
        if problems:
            raise DataError(problems)
        self._ends_line, self._dirty = True, False  # the manifest ends with a whole line; lines added since rewritten
        self._cut_at: int | None = None  # when a manifest found cut short was last written
        self.made, problems = self._manifest()
        self._checked: dict[str, tuple[int, int, int, int]] = {}  # files found rolekit's: their signature then
        names = list(dict.fromkeys(names))
        for name in names:
            self._recover(name)
            problems += self._problems(name)
        if problems:
            raise DataError(list(dict.fromkeys(problems)))
        self._sweep({str(PurePosixPath(name).parent) for name in names})

    # -- The manifest ---------------------------------------------------------------------------

    def _manifest(self) -> tuple[dict[str, str], list[Problem]]:
        """The files the manifest lists, each with the checksum of its current contents; problems with it."""
        path = self.root / MANIFEST
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        except FileNotFoundError:
            return {}, []
        except OSError as err:
            if path.is_symlink():
                return {}, [
                    Problem(
                        str(path), None, None, f"is a link; rolekit never writes through a link: {_advice(self.option)}"
                    )
                ]
            return {}, [
                Problem(str(path), None, None, f"cannot be read: {err.strerror or err}; {_advice(self.option)}")
            ]
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return {}, [Problem(str(path), None, None, f"is not a file rolekit wrote; {_advice(self.option)}")]
            with os.fdopen(os.dup(fd), "rb") as f:
                text = f.read().decode("utf-8", "replace")
        finally:
            os.close(fd)
        entries, foreign, cut = _entries(text)
        self._cut_at = info.st_mtime_ns if cut else None
        if foreign:
            return {}, [
                Problem(
                    str(path),
                    None,
                    None,
                    f"is not a manifest rolekit wrote (rolekit's own name for its list of files); not overwriting "
                    f"it: {_advice(self.option)}",
                )
            ]
        self._ends_line = text.endswith("\n") or not text
        self._dirty = text.count("\n") > 1 or not self._ends_line
        seen: dict[str, list[str | None]] = {}
        for name, digest in entries:
            seen.setdefault(name, []).append(digest)
        made = {}
        for name, digests in seen.items():
            if len(digests) > 1:  # written again since the manifest was last rewritten: which one is there?
                current = self._current(name)
                digests = [current] if current in digests else digests
            if digests[-1]:
                made[name] = digests[-1]
        return made, []

    def _recover(self, name: str) -> None:
        """Count ``name`` as rolekit's if the manifest was cut short after it was written.

        A manifest cut short (by a crash, a full disk, a sync tool) has lost the entries
        after the cut. A file at a name rolekit plans to write again, and not changed
        since the manifest was last written, is taken to be one of them: otherwise
        rolekit would lock its user out of its own folder.
        """
        if self._cut_at is None or name in self.made:
            return
        try:
            info = os.lstat(self.root / name)
        except OSError:
            return
        digest = self._current(name) if stat.S_ISREG(info.st_mode) and info.st_mtime_ns <= self._cut_at else None
        if digest is not None:
            self.made[name] = digest
            self._dirty = True

    def _current(self, name: str) -> str | None:
        """The checksum of the regular file ``name`` as it is now, or None (absent, a link, a folder)."""
        try:
            fd = os.open(self.root / name, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with os.fdopen(os.dup(fd), "rb") as f:
                return _digest(f.read())
        finally:
            os.close(fd)

    def _note(self, name: str, digest: str | None) -> None:
        """Add ``name`` (its checksum, or None when removed) to the end of the manifest, before the file changes."""
        path = self.root / MANIFEST
        line = json.dumps({name: digest}, ensure_ascii=False) + "\n"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o666)
        except OSError as err:
            if path.is_symlink():
                raise DataError(
                    [
                        Problem(
                            str(path),
                            None,
                            None,
                            f"is a link; rolekit never writes through a link: {_advice(self.option)}",
                        )
                    ]
                ) from None
            raise _cannot(path, err, self.option) from None
        try:
            os.write(fd, (line if self._ends_line else "\n" + line).encode("utf-8"))
            self._ends_line, self._dirty = True, True
        except OSError as err:
            raise _cannot(path, err, self.option) from None
        finally:
            os.close(fd)

    def save(self) -> None:
        """Rewrite the manifest whole, as one line: what rolekit wrote here and is still here.

        Call it once, when a command is done (leaving a ``with`` block calls it); it
        writes nothing when nothing changed.
        """
        if not self._dirty or not self.root.is_dir():
            return
        for name in [n for n in self.made if not os.path.lexists(self.root / n)]:
            del self.made[name]
        text = json.dumps(dict(sorted(self.made.items())), ensure_ascii=False) + "\n"
        if (self.root / MANIFEST).is_symlink():
            raise DataError(
                [
                    Problem(
                        str(self.root / MANIFEST),
                        None,
                        None,
                        f"is a link; rolekit never writes through a link: {_advice(self.option)}",
                    )
                ]
            )
        self._replace(self.root, MANIFEST, text.encode("utf-8"), durable=True)
        self._ends_line, self._dirty = True, False

    def __enter__(self) -> Output:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            self.save()
        except DataError:
            if kind is None:  # the first problem is the one to report
                raise

    # -- Checks ---------------------------------------------------------------------------------

    def _problems(self, name: str) -> list[Problem]:
        """Why ``name`` may not be written: a link or a file on the way, a folder, a file rolekit did not make."""
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or ".." in parts or name in (MANIFEST,):
            raise ValueError(f"not a file name inside the folder: {name!r}")
        here = self.root
        for part in parts[:-1]:  # each folder on the way
            here = here / part
            try:
                info = os.lstat(here)
            except FileNotFoundError:
                return []
            except OSError as err:
                return [Problem(str(here), None, None, f"cannot be used: {err.strerror or err}")]
            if stat.S_ISLNK(info.st_mode):
                return [
                    Problem(
                        str(here), None, None, f"is a link; rolekit never writes through a link: {_advice(self.option)}"
                    )
                ]
            if not stat.S_ISDIR(info.st_mode):
                return [
                    Problem(str(here), None, None, f"is a file where rolekit needs a folder; {_advice(self.option)}")
                ]
        target = self.root / name
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            return []
        except OSError as err:
            return [Problem(str(target), None, None, f"cannot be used: {err.strerror or err}")]
        if stat.S_ISLNK(info.st_mode):
            return [
                Problem(
                    str(target), None, None, f"is a link; rolekit never writes through a link: {_advice(self.option)}"
                )
            ]
        if stat.S_ISDIR(info.st_mode):
            return [
                Problem(
                    str(target), None, None, f"is a folder where rolekit would write a file; {_advice(self.option)}"
                )
            ]
        if not self.owns(name):
            return [
                Problem(
                    str(target),
                    None,
                    None,
                    "exists and was not made by rolekit (or was changed since); not overwriting it: "
                    + _advice(self.option),
                )
            ]
        return []

    def owns(self, name: str) -> bool:
        """Whether the file ``name`` is one rolekit wrote here, unchanged since."""
        if name not in self.made:
            return False
        try:
            info = os.lstat(self.root / name)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
        if self._checked.get(name) == _signature(info):
            return True
        if self._current(name) != self.made[name]:
            return False
        self._checked[name] = _signature(info)
        return True

    def free(self, name: str) -> bool:
        """Whether rolekit may write ``name``: nothing there yet, or rolekit's own file, unchanged."""
        try:
            return not self._problems(name)
        except ValueError:
            return False

    # -- Writing --------------------------------------------------------------------------------

    def _folder(self, name: str) -> Path:
        """The folder ``name`` goes in, made if needed: real folders all the way, never a link."""
        problems = self._problems(name)
        if problems:
            raise DataError(problems)
        try:
            self.root.mkdir(parents=True, exist_ok=True)  # the folder given, as given
        except OSError as err:
            raise _cannot(self.root, err, self.option) from None
        folder = self.root
        for part in PurePosixPath(name).parts[:-1]:
            folder = folder / part
            try:
                os.mkdir(folder)
            except FileExistsError:
                if not stat.S_ISDIR(os.lstat(folder).st_mode):  # made a link or a file since the check
                    raise DataError(self._problems(name)) from None
            except OSError as err:
                raise _cannot(folder, err, self.option) from None
        return folder

    @contextlib.contextmanager
    def scratch(self, name: str) -> Iterator[Path]:
        """A new, empty temporary file beside ``name``, for another process to write into; deleted at the end.

        Its name starts with ``.rolekit-tmp-`` and ends like ``name``'s (papermill wants
        ``.ipynb``). What it holds takes ``name``'s place by :meth:`write_bytes`.
        """
        folder = self._folder(name)
        path = folder / f"{SCRATCH}{secrets.token_hex(6)}-{PurePosixPath(name).name}"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666))
        except OSError as err:
            raise _cannot(path, err, self.option) from None
        try:
            yield path
        finally:
            _discard(path)

    def _restore(self, name: str, previous: str | None) -> None:
        if previous is None:
            self.made.pop(name, None)
        else:
            self.made[name] = previous

    def _replace(self, folder: Path, name: str, data: bytes, durable: bool = False) -> None:
        """Write ``data`` to ``folder/name`` whole: a temporary file beside it, then a rename over it."""
        scratch = folder / f"{SCRATCH}{secrets.token_hex(6)}-{name}"
        try:
            fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                if durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(scratch, folder / name)
        except OSError as err:
            _discard(scratch)
            raise _cannot(folder / name, err, self.option) from None

    def write_bytes(self, name: str, data: bytes) -> Path:
        """Write ``data`` to ``name`` whole, recorded in the manifest; the same bytes already there are left alone."""
        folder = self._folder(name)
        target = self.root / name
        digest = _digest(data)
        if self.owns(name) and self.made[name] == digest:
            return target  # reused unchanged
        self._note(name, digest)
        previous = self.made.get(name)
        self.made[name] = digest
        try:
            self._replace(folder, target.name, data)
        except DataError:
            self._restore(name, previous)
            raise
        self._checked[name] = _signature(os.lstat(target))
        return target

    def write_text(self, name: str, text: str) -> Path:
        return self.write_bytes(name, text.encode("utf-8"))

    def write_csv(self, name: str, table: pd.DataFrame) -> Path:
        """Write ``table`` as UTF-8 CSV for people to open in a spreadsheet, formula-like cells neutralised."""
        return self.write_text(name, neutralised(table).to_csv(index=False))

    # -- Removing -------------------------------------------------------------------------------

    def _unlink(self, name: str) -> bool:
        if not self.owns(name):
            return False
        try:
            os.unlink(self.root / name)
        except FileNotFoundError:
            pass
        except OSError as err:
            raise DataError(
                [Problem(str(self.root / name), None, None, f"cannot be removed: {err.strerror}")]
            ) from None
        del self.made[name]
        self._checked.pop(name, None)
        self._note(name, None)
        folder = (self.root / name).parent
        while folder != self.root and not any(folder.iterdir()):  # the folders rolekit's files alone filled
            folder.rmdir()
            folder = folder.parent
        return True

    def remove(self, name: str) -> bool:
        """Delete ``name`` if rolekit wrote it here and nobody changed it since, and drop it from the manifest.

        Returns whether it was removed: a file rolekit did not make, or one changed since, is left alone.
        """
        removed = self._unlink(name)
        if removed:
            self.save()
        return removed

    def prune(self, keep: Iterable[str]) -> tuple[list[str], list[str]]:
        """Remove every file rolekit wrote here earlier that is not in ``keep``: what an earlier command left.

        Returns the names removed, and those kept because a person changed them since
        (they are theirs now: the manifest forgets them). A file rolekit did not make is
        never touched.

        >>> import tempfile
        >>> with Output(tempfile.mkdtemp()) as folder:
        ...     for name in ("new.txt", "old.txt"):
        ...         _ = folder.write_text(name, name)
        ...     folder.prune(["new.txt"])
        (['old.txt'], [])
        """
        keep = set(keep)
        removed, kept = [], []
        for name in sorted(set(self.made) - keep):
            if self._unlink(name):
                removed.append(name)
            else:
                if os.path.lexists(self.root / name):
                    kept.append(name)
                del self.made[name]
        self.save()
        return removed, kept

    def _sweep(self, folders: Iterable[str]) -> None:
        """Delete the temporary files a killed command left in ``folders`` (rolekit's own: named ``.rolekit-tmp-``)."""
        for folder in folders:
            here = self.root / folder
            if here.is_symlink() or not here.is_dir():
                continue
            for path in here.glob(f"{SCRATCH}*"):
                if path.is_file() and not path.is_symlink():
                    _discard(path)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


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
            cells = out[col].astype(object).tolist()  # a list walked in Python: a third of pandas' where and map
            out[col] = pd.Series(
                [f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in cells],
                index=out.index,
                dtype=object,
            )
    return out


def writable_folder(folder: Path, option: str = "--out") -> list[Problem]:
    """Problems with writing into ``folder``: a link or a file in its place, a file on its way, no permission.

    The folders above it are the user's to choose, links among them (macOS's ``/tmp``). ``option``:
    the command's option that named the folder, for the advice.
    """
    folder = Path(folder)
    if not str(folder).strip():
        return [Problem("''", None, None, "no folder given; give the folder to write into")]
    if folder.is_symlink():
        return [
            Problem(
                str(folder),
                None,
                None,
                f"is a link; rolekit never writes through a link: give the folder it points to, or another {option}",
            )
        ]
    for here in [folder, *folder.parents]:
        try:
            exists = here.exists()
        except OSError as err:
            return [Problem(str(folder), None, None, f"cannot be used: {err.strerror or err}")]
        if not exists:
            continue
        if not here.is_dir():
            what = "is a file, not a folder" if here == folder else f"cannot be made: {here} is a file, not a folder"
            return [Problem(str(folder), None, None, f"{what}; {_advice(option)}")]
        if not os.access(here, os.W_OK | os.X_OK):
            read_only = hasattr(os, "statvfs") and bool(os.statvfs(here).f_flag & getattr(os, "ST_RDONLY", 1))
            why = f"{here} is on a read-only disk" if read_only else f"no permission to write in {here}"
            return [
                Problem(
                    str(folder),
                    None,
                    None,
                    f"cannot be written: {why}; choose a folder of your own with {option}",
                )
            ]
        return []
    return []
