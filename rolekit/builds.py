"""Building the kit (``rolekit build``, ``make run``): charts, executed notebooks, handouts, slides, working copy.

A rebuild redoes only what changed. Each executed notebook, its handout and the
charts are keyed by a hash of what they were built from: the table's bytes (or the
bundled table's) and where it is, the notebook's own source, and a
:func:`fingerprint` of the kit itself (rolekit's code, templates, style sheet and
bundled data; Python's version and those of the libraries that draw and convert). A
handout is keyed by the executed notebook it shows. The keys are kept in
``.rolekit-inputs.json`` in each output folder, written through the folder's
manifest; an output whose file rolekit wrote, unchanged since, under the same key is
reused as it is. Whatever must be made is made in forks of one warm process
(:mod:`rolekit.runner`), each notebook with its handout, the charts alongside.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from . import forks, runner
from .bundle import bundled
from .datasets import load_responsibilities
from .output import Output, writable_folder
from .reader import PathLike
from .validate import DataError, Problem

__all__ = ["INPUTS", "Built", "build", "fingerprint", "key", "recorded", "table_key"]

INPUTS = ".rolekit-inputs.json"
_LIBRARIES = ("pandas", "numpy", "matplotlib", "matplotlib-venn", "nbconvert", "nbformat", "ipython", "rapidfuzz")


@functools.cache
def fingerprint() -> str:
    """A hash of the kit as installed: the package's files, its bundled data, the drawing libraries' versions.

    >>> len(fingerprint())
    64
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for folder in (package, bundled("data")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"python={sys.version}\0".encode())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    return digest.hexdigest()


def table_key(data: PathLike | None) -> str:
    """A hash of the table a build reads: its file's bytes, or the bundled table's.

    >>> table_key(None) == table_key(bundled("data/responsibilities.csv"))
    True
    """
    path = bundled("data/responsibilities.csv") if data is None else Path(data).expanduser()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def key(*parts: str | bytes) -> str:
    """One hash of ``parts``, in order.

    >>> key("a", b"b") == key("a", b"b") != key("b", b"a")
    True
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part.encode() if isinstance(part, str) else part) + b"\0")
    return digest.hexdigest()


def recorded(folder: Output) -> dict[str, Any]:
    """What the last build recorded in ``folder``: ``keys`` (file name -> key) and ``skipped`` (charts, and why).

    Empty when it recorded nothing, or a person has changed the record since.

    >>> import tempfile
    >>> recorded(Output(tempfile.mkdtemp()))
    {'keys': {}, 'skipped': []}
    """
    record: Any = None
    if folder.owns(INPUTS):
        with contextlib.suppress(OSError, ValueError):
            record = json.loads((folder.root / INPUTS).read_text(encoding="utf-8"))
    keys = record.get("keys") if isinstance(record, dict) else None
    skipped = record.get("skipped") if isinstance(record, dict) else None
    return {
        "keys": {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else {},
        "skipped": [str(s) for s in skipped] if isinstance(skipped, list) else [],
    }


def _record(folder: Output, keys: dict[str, str], skipped: list[str] | None = None) -> None:
    record = {"keys": dict(sorted(keys.items())), "skipped": skipped or []}
    folder.write_text(INPUTS, json.dumps(record, indent=1, ensure_ascii=False) + "\n")


@dataclass
class Built:
    """What :func:`build` made, by folder (``figures``, ``notebooks``, ``handouts``, ``lab``).

    ``written``: the files it wrote (new, or changed); ``unchanged``: those left as they
    were, built earlier from the same inputs; ``removed``: an earlier build's files
    that are not part of this one; ``skipped``: the charts this table cannot have, and
    why; ``charts``: this build's charts; ``kept``: notebooks of the working copy a
    person has changed, kept as they are.
    """

    written: dict[str, list[Path]] = field(default_factory=dict)
    unchanged: dict[str, list[Path]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    charts: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


PARTS = ("figures", "notebooks", "handouts", "lab")


def build(
    data: PathLike | None = None, out: PathLike = "build", reveal: PathLike | None = None, workers: int | None = None
) -> Built:
    """Build the kit from the table at ``data`` (default: the bundled one) into ``out``; say what it did.

    ``out/figures`` gets the charts, ``out/notebooks`` the executed series,
    ``out/handouts`` the handouts and the deck's slides (with the reveal.js folder
    ``reveal`` copied beside them), ``out/lab`` the working copy a facilitator edits
    (see :func:`rolekit.seminar.refresh_lab`). Everything is checked before anything
    runs: the table (DataError with every problem), and every file to be written
    (never one rolekit did not make). Only what is not already built from the same
    inputs is made again, ``workers`` things at a time (default: the CPUs). A notebook
    that fails is written as far as it ran, its handout removed, and DataError names it
    and the cell.
    """
    from .charts import CHARTS, chart_files, draw_charts
    from .charts.files import drawn_once
    from .seminar import (
        handout_body,
        handout_name,
        handout_plan,
        keep_executed,
        notebooks,
        ready_exporters,
        refresh_lab,
        run_notebook,
        series_folder,
    )

    root = Path(out).expanduser()
    sources = notebooks()
    # Every folder checked at once, before anything runs. The working copy refuses nothing: it keeps what the
    # facilitator changed.
    figures = chart_files(root / "figures")
    series = series_folder(root / "notebooks")
    _, handouts, assets = handout_plan(
        root / "notebooks", root / "handouts", reveal, sources=[root / "notebooks" / s.name for s in sources]
    )
    problems = writable_folder(root / "lab")
    if problems:
        raise DataError(problems)
    earlier = {part: dict(Output(root / part).made) for part in PARTS}
    df = load_responsibilities(data)
    data_path = None if data is None else str(Path(data).expanduser().resolve())

    # What each output is to be built from, and what is built already.
    kit, table = fingerprint(), table_key(data)
    wanted = {s.name: key(kit, table, data_path or "", s.read_bytes()) for s in sources}
    charts_key = key(kit, table)
    had = {"notebooks": recorded(series), "handouts": recorded(handouts), "figures": recorded(figures)}

    def built(folder: Output, part: str, name: str, want: str) -> bool:
        return had[part]["keys"].get(name) == want and folder.owns(name)

    def handout_key(source: Path) -> str:  # a handout is made from its executed notebook
        return key(kit, series.made[source.name])

    rerun = [s for s in sources if not built(series, "notebooks", s.name, wanted[s.name])]
    remake = [  # handouts of notebooks not run again, deleted or changed since
        s for s in sources if s not in rerun and not built(handouts, "handouts", handout_name(s), handout_key(s))
    ]
    drawn = had["figures"]["keys"]
    redraw = not drawn or not all(built(figures, "figures", name, charts_key) for name in drawn)

    failed: dict[str, Problem] = {}  # by notebook
    with series, handouts, figures, contextlib.ExitStack() as scratches:
        scratch = {s.name: scratches.enter_context(series.scratch(s.name)) for s in rerun}
        tasks: dict[str, Any] = {name: functools.partial(draw_charts, df) for name in ["charts"] if redraw}
        tasks |= {s.name: functools.partial(run_notebook, s, scratch[s.name], data_path, True) for s in rerun}
        tasks |= {s.name: functools.partial(handout_body, root / "notebooks" / s.name) for s in remake}
        # The longest first, so that two workers end together: a notebook takes about as long as its committed,
        # executed file is large. The charts last: the notebooks show each of them, of the same table, so when
        # they ran too, the charts are read from what drawn_once kept.
        size = {s.name: s.stat().st_size for s in sources}
        order = sorted(tasks, key=lambda name: -size.get(name, 0))
        if tasks and forks.available():
            runner.warm()  # imported once, here, for every fork
            if rerun or remake:
                ready_exporters()
        with drawn_once():  # a chart that several notebooks show is drawn by the first of them
            outcomes = dict(zip(order, forks.run_tasks([tasks[name] for name in order], workers)))

        for source in [*rerun, *remake]:
            outcome, name = outcomes[source.name], handout_name(source)
            if source in rerun:
                error, html = (str(outcome), "") if isinstance(outcome, BaseException) else outcome
                _, problem = keep_executed(series, source, scratch[source.name], error)
            else:
                html, problem = ("", _problem(root / "handouts" / name, f"could not be made: {outcome}"))
                if not isinstance(outcome, BaseException):
                    html, problem = outcome, None
            if problem:
                failed[source.name] = problem
                handouts.remove(name)  # never a handout of another table, or of a notebook that failed
            else:
                handouts.write_text(name, html)
        for name, source_file in assets.items():
            handouts.write_bytes(name, source_file.read_bytes())
        ran = [s for s in sources if s not in rerun or s.name not in failed]
        _record(series, {s.name: wanted[s.name] for s in ran})
        _record(handouts, {handout_name(s): handout_key(s) for s in ran if s.name not in failed})

        skipped = had["figures"]["skipped"]
        if redraw:
            outcome = outcomes["charts"]
            if isinstance(outcome, BaseException):
                raise DataError([_problem(root / "figures", f"the charts could not be drawn: {outcome}")])
            files, skipped = outcome
            for name, chart in files.items():
                figures.write_bytes(name, chart)
            drawn = dict.fromkeys(files, charts_key)
        _record(figures, drawn, skipped)
        if failed:
            raise DataError(list(failed.values()))
        series.prune([s.name for s in sources] + [INPUTS])  # what an earlier series had that this one has not
        handouts.prune([handout_name(s) for s in sources] + list(assets) + [INPUTS])
        figures.prune(set(figures.made) - ({f"{name}.png" for name in CHARTS} - set(drawn)))
    _, kept, _ = refresh_lab(root / "notebooks", root / "lab")

    done = Built(
        skipped=skipped, charts=[root / "figures" / f"{n}.png" for n in CHARTS if f"{n}.png" in drawn], kept=kept
    )
    for part in PARTS:
        now = Output(root / part).made
        names = sorted(n for n in now if n != INPUTS)
        done.written[part] = [root / part / n for n in names if earlier[part].get(n) != now[n]]
        done.unchanged[part] = [root / part / n for n in names if earlier[part].get(n) == now[n]]
        done.removed[part] = sorted(n for n in earlier[part] if not os.path.lexists(root / part / n) and n != INPUTS)
    return done


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), None, None, message)
