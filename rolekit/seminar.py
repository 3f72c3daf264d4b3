"""The seminar notebooks: running the series, exporting handouts.

Each notebook in ``notebooks/`` takes its table as the papermill parameter
``data_path``. :func:`run_series` runs them all on the bundled table or on yours;
:func:`export_handouts` turns executed notebooks into HTML handouts without code and
the seminar deck into reveal.js slides that need no network.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path
from typing import Any

from . import forks, runner
from .bundle import bundled
from .datasets import load_responsibilities
from .output import Output, writable_folder
from .reader import PathLike
from .validate import DataError, Problem

DECK = "seminar_deck.ipynb"
TEMPLATES = Path(__file__).with_name("templates")


def notebooks() -> list[Path]:
    """The series in teaching order, then the seminar deck.

    >>> [p.name for p in notebooks()][-1]
    'seminar_deck.ipynb'
    """
    folder = bundled("notebooks")
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb")) + [folder / DECK]


def _in_kernel(source: Path, scratch: Path, parameters: dict[str, object]) -> str | None:
    """Run one notebook with papermill, in a kernel of its own, into ``scratch``; return why it failed, or None."""
    import tempfile

    import papermill
    from traitlets.config import Config

    with tempfile.TemporaryDirectory() as sockets:
        # The kernel talks over local sockets of its own, not TCP: no port opened, no plain-text warning.
        local = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
        # jupyter_client interrupts every kernel it shuts down; an idle kernel logs that as an
        # error ("KeyboardInterrupt caught in kernel"). Failures still reach us through papermill.
        quiet = ["--IPKernelApp.log_level=CRITICAL"]
        try:
            papermill.execute_notebook(
                str(source),
                str(scratch),
                parameters=parameters,
                cwd=str(scratch.parent),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                config=local,
                extra_arguments=quiet,
            )
        except papermill.PapermillExecutionError as err:
            return f"failed at cell {err.exec_count}: {err.ename}: {err.evalue}"
        except Exception as err:  # a kernel that would not start, a disk that is full: report it, do not crash
            return f"could not be run: {type(err).__name__}: {err}"
    return None


def run_notebook(source: Path, scratch: Path, data_path: str | None, handout: bool = False) -> tuple[str | None, str]:
    """Run the notebook ``source`` on ``data_path`` into ``scratch``: in this process if it is a fork, else in a kernel.

    Returns why it failed (None if every cell ran) and, with ``handout``, the handout
    made from it (else ""), so a fork hands back both at once.
    """
    run = runner.execute_notebook if forks.available() else _in_kernel
    scratch = Path(scratch).absolute()  # the notebook runs in its own folder: a relative path would not find it
    error = run(source, scratch, {"data_path": data_path})
    return error, handout_body(scratch, source.name) if handout and error is None else ""


def keep_executed(folder: Output, source: Path, scratch: Path, error: str | None) -> tuple[Path | None, Problem | None]:
    """Write the notebook run into ``scratch`` to ``folder`` under ``source``'s name; what was written, what failed.

    A notebook that failed is written as far as it ran, for a person to look at.
    """
    target = folder.root / source.name
    executed = _as_executed(scratch, target)
    written = folder.write_bytes(source.name, executed) if executed is not None else None
    if error or executed is None:
        return written, _problem(target, error or "could not be run: the kernel wrote no notebook")
    return written, None


def _as_executed(scratch: Path, target: Path) -> bytes | None:
    """The notebook written to ``scratch``, saying ``target`` as where it is; None if none was written."""
    import nbformat

    try:
        nb = nbformat.reads(scratch.read_text(encoding="utf-8"), as_version=4)
    except (OSError, ValueError):  # nothing written (the kernel never started), or not a notebook
        return None
    nb.metadata.setdefault("papermill", {})["output_path"] = str(target)
    return nbformat.writes(nb).encode("utf-8") + b"\n"


def data_path_of(data: PathLike | None) -> str | None:
    """The ``data_path`` parameter the notebooks get for the table at ``data``: its full path, or None (bundled).

    Checks the table first: every problem is reported here, not deep inside a notebook.
    """
    if data is None:
        return None
    load_responsibilities(data)
    return str(Path(data).expanduser().resolve())


def run_series(
    data: PathLike | None = None, out: PathLike = "build/notebooks", workers: int | None = None
) -> list[str]:
    """Run every notebook on the table at ``data`` (default: the bundled one); write them to ``out``.

    Notebooks run in forks of this process, ``workers`` at a time (default: the CPUs;
    see :mod:`rolekit.runner`), or, where the system cannot fork, each in a kernel of
    its own. Returns the written paths. Raises DataError for a bad table, before
    running anything, and for a notebook that fails, naming it and the cell (the
    notebook is written as far as it ran, for a person to look at). Never writes into
    the notebooks' own folder or over a file it did not make; each notebook takes its
    place whole once it has run, and notebooks of an earlier series that this one lacks
    are removed.
    """
    from .charts.files import drawn_once

    data_path = data_path_of(data)
    sources = notebooks()
    with series_folder(out) as folder, contextlib.ExitStack() as scratches:
        paths = [scratches.enter_context(folder.scratch(s.name)) for s in sources]
        if forks.available():
            runner.warm()  # imported once, here, for every fork
        tasks = [functools.partial(run_notebook, s, p, data_path) for s, p in zip(sources, paths)]
        written, failed = [], []
        with drawn_once():  # a chart that several notebooks show is drawn by the first of them
            outcomes = forks.run_tasks(tasks, workers)
        for source, path, outcome in zip(sources, paths, outcomes):
            error = str(outcome) if isinstance(outcome, BaseException) else outcome[0]
            done, problem = keep_executed(folder, source, path, error)
            written += [str(done)] if done else []
            failed += [problem] if problem else []
        if failed:
            raise DataError(failed)
        folder.prune(s.name for s in sources)
    return written


def series_folder(out: PathLike) -> Output:
    """The folder for the executed series, checked: not the notebooks' own, no file of someone else's in the way."""
    if Path(out).expanduser().resolve() == bundled("notebooks").resolve():
        raise DataError([_problem(Path(out), "is the notebooks' own folder; write the executed copies elsewhere")])
    return Output(out, [s.name for s in notebooks()])


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), None, None, message)


def export_handouts(
    executed: PathLike = "build/notebooks", out: PathLike = "build/handouts", reveal: PathLike | None = None
) -> list[str]:
    """Export executed notebooks to HTML without code, and the deck to offline reveal.js slides.

    ``reveal`` is a reveal.js 4 folder (with ``dist/`` and ``plugin/``); it is copied
    next to the slides, which load it by a relative path: the folder ``out`` works
    offline and can be handed out as it is. Everything is checked before anything is written;
    handouts and reveal.js files an earlier export wrote that this one does not are removed.
    """
    sources, folder, assets = handout_plan(executed, out, reveal)
    written = []
    with folder:
        for source in sources:
            written.append(str(folder.write_text(handout_name(source), handout_body(source))))
        for name, source in assets.items():
            folder.write_bytes(name, source.read_bytes())
        folder.prune([handout_name(s) for s in sources] + list(assets))  # an earlier export's other handouts
    return written


def handout_body(executed: Path, name: str | None = None) -> str:
    """The handout of the executed notebook at ``executed`` (named ``name``, by default its own): HTML, no code.

    The seminar deck becomes reveal.js slides that load reveal.js from ``reveal.js/``
    beside them; every other notebook an HTML page.
    """
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    name = name or executed.name
    for cell in nb.cells:  # the values a build gave the notebook (papermill's cell, or rolekit's) are no slide
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "skip"
    body, _ = _exporter(name == DECK).from_notebook_node(nb, resources={"metadata": {"name": Path(name).stem}})
    return str(body)


@functools.cache
def _exporter(slides: bool) -> Any:
    """The exporter of slides, or of handouts: made once, its templates compiled once, for every notebook."""
    from nbconvert import HTMLExporter, SlidesExporter

    common = {
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "extra_template_basedirs": [str(TEMPLATES)],
    }
    if slides:  # its fonts are local; "simple" fetches Google Fonts
        return SlidesExporter(
            template_name="rolekit_slides", reveal_url_prefix="reveal.js", reveal_theme="white", **common
        )
    return HTMLExporter(template_name="rolekit_handout", **common)


def ready_exporters() -> None:
    """Export a one-cell notebook as a handout and as slides, so that what follows (and every fork) finds both ready.

    >>> ready_exporters()
    """
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Ready")])
    for slides in (False, True):
        _exporter(slides).from_notebook_node(nb)


def handout_name(source: Path) -> str:
    """The handout's file name for the notebook ``source``: ``NAME.html``, or ``NAME.slides.html`` for the deck.

    >>> handout_name(Path(DECK)), handout_name(Path("01_the_data.ipynb"))
    ('seminar_deck.slides.html', '01_the_data.html')
    """
    return f"{source.stem}.slides.html" if source.name == DECK else f"{source.stem}.html"


def handout_plan(
    executed: PathLike, out: PathLike, reveal: PathLike | None, sources: list[Path] | None = None
) -> tuple[list[Path], Output, dict[str, Path]]:
    """What :func:`export_handouts` will read and write, checked: the notebooks, the output folder, the reveal.js files.

    ``sources``: the notebooks to export, when they are not yet in ``executed``.
    """
    problems = writable_folder(Path(out).expanduser())
    if problems:
        raise DataError(problems)
    executed_dir = Path(executed).expanduser()
    if sources is None:
        sources = (
            sorted(p for p in executed_dir.glob("*.ipynb") if not p.name.startswith("."))
            if executed_dir.is_dir()
            else []
        )
    if not sources:
        raise DataError([_problem(executed_dir, "holds no executed notebooks; run `rolekit notebooks` first")])
    assets = {}
    if any(s.name == DECK for s in sources):
        if reveal is None:
            raise DataError(
                [
                    _problem(
                        executed_dir / DECK,
                        "needs a reveal.js folder to become slides (--reveal DIR): `make run DATA=your.csv` gives "
                        "it the one `make setup` fetched",
                    )
                ]
            )
        root = Path(reveal).expanduser()
        if not (root / "dist" / "reveal.js").is_file():
            raise DataError([_problem(root, "is not a reveal.js 4 folder: it has no dist/reveal.js")])
        assets = {
            f"reveal.js/{p.relative_to(root).as_posix()}": p
            for part in ("dist", "plugin")
            for p in sorted((root / part).rglob("*"))
            if p.is_file()
        }
    return sources, Output(out, [handout_name(s) for s in sources] + list(assets)), assets


# -- The facilitator's working copy --------------------------------------------------------------


def refresh_lab(executed: PathLike, out: PathLike) -> tuple[list[str], list[str], list[str]]:
    """Copy the executed notebooks in ``executed`` to ``out``, the working copy ``make lab`` opens.

    The facilitator may edit and save the notebooks there. A later build replaces a
    notebook only if rolekit wrote it and nobody changed it since: an edited one is kept
    as it is, and named, so no edit is lost and no build is refused. Notebooks of an
    earlier build that this one lacks are removed unless edited. Returns the notebooks
    written, those kept as edited (or in the way: a link, a folder), and those removed.

    >>> import tempfile
    >>> lab = Path(tempfile.mkdtemp())
    >>> [len(names) for names in refresh_lab(bundled("notebooks"), lab)]  # written, kept, removed
    [10, 0, 0]
    >>> with open(lab / "03_overlaps.ipynb", "a") as notebook:
    ...     _ = notebook.write(" ")  # the facilitator saves a change
    >>> [Path(p).name for p in refresh_lab(bundled("notebooks"), lab)[1]]
    ['03_overlaps.ipynb']
    """
    problems = writable_folder(Path(out).expanduser())
    if problems:
        raise DataError(problems)
    executed_dir = Path(executed).expanduser()
    sources = sorted(p for p in executed_dir.glob("*.ipynb") if not p.name.startswith("."))
    mine = Output(out)
    kept = [str(mine.root / s.name) for s in sources if not mine.free(s.name)]
    written = []
    with Output(out, [s.name for s in sources if mine.free(s.name)]) as lab:
        for source in sources:
            if lab.free(source.name):
                written.append(str(lab.write_bytes(source.name, source.read_bytes())))
        removed, edited = lab.prune([s.name for s in sources])
    kept += [str(lab.root / name) for name in edited]
    return written, kept, [str(lab.root / name) for name in removed]


def run_on(notebook: PathLike) -> str | None:
    """The table an executed notebook was run on: its path, ``"the bundled table"``, or None if rolekit did not run it.

    >>> run_on(bundled("notebooks") / "01_the_data.ipynb") is None  # run by `make execute`, not by a build
    True
    """
    import json

    try:
        meta = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
        parameters = meta["papermill"]["parameters"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    data = parameters.get("data_path") if isinstance(parameters, dict) else None
    return "the bundled table" if data is None else str(data)


def lab_note(out: PathLike, executed: PathLike | None = None) -> str:
    """What the working copy at ``out`` holds: the table its notebooks were run on, and those a person changed.

    ``executed``: the build's own notebooks, whose table is the last build's. DataError
    when the working copy holds no notebook yet (no build has made one).

    >>> import tempfile
    >>> lab = Path(tempfile.mkdtemp())
    >>> _ = refresh_lab(bundled("notebooks"), lab)
    >>> print(lab_note(lab).split(": ", 1)[1])  # the committed notebooks: run by `make execute`, not by a build
    the notebooks of the last build, run on a table rolekit did not record (not a notebook of a build). Edit
    and save them here: a later build refreshes a notebook only if you have not changed it.
    """
    folder = Path(out).expanduser()
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith(".")) if folder.is_dir() else []
    if not found:
        raise DataError(
            [
                _problem(
                    folder,
                    "holds no notebooks yet: build the kit first (make run, or make run DATA=your_table.csv); "
                    "make lab then opens the notebooks of that build",
                )
            ]
        )
    lab = Output(folder)
    tables: dict[str, list[str]] = {}
    for path in found:
        tables.setdefault(_table_name(run_on(path)), []).append(path.name)
    built = sorted(Path(executed).expanduser().glob("[0-9]*.ipynb")) if executed is not None else []
    last = _table_name(run_on(built[0])) if built else max(tables, key=lambda t: len(tables[t]))
    lines = [
        f"{folder}: the notebooks of the last build, run on {last}. Edit and save them here: a later build "
        "refreshes a notebook only if you have not changed it."
    ]
    lines += [f"  {', '.join(names)}: run on {table}" for table, names in tables.items() if table != last]
    changed = [p.name for p in found if not lab.owns(p.name)]
    if changed:
        lines.append(
            f"  changed since rolekit wrote them, so kept as they are (delete one to get the last build's at the "
            f"next build): {', '.join(changed)}"
        )
    return "\n".join(lines)


def _table_name(data: str | None) -> str:
    if data is None:
        return "a table rolekit did not record (not a notebook of a build)"
    if data == "the bundled table":
        return data
    try:
        relative = os.path.relpath(data)
    except ValueError:  # another drive, on Windows
        relative = data
    return relative if not relative.startswith("..") else data
