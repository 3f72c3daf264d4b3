"""The seminar notebooks: running the series, exporting handouts.

Each notebook in ``notebooks/`` takes its table as the papermill parameter
``data_path``. :func:`run_series` runs them all on the bundled table or on yours;
:func:`export_handouts` turns executed notebooks into HTML handouts without code and
the seminar deck into reveal.js slides that need no network.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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


def _execute(source: Path, target: Path, data_path: str | None) -> tuple[str, str | None]:
    """Run one notebook with papermill; return its path and, if it failed, why."""
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
                str(target),
                parameters={"data_path": data_path},
                cwd=str(target.parent),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                config=local,
                extra_arguments=quiet,
            )
        except papermill.PapermillExecutionError as err:
            return str(target), f"failed at cell {err.exec_count}: {err.ename}: {err.evalue}"
        except Exception as err:  # a kernel that would not start, a disk that is full: report it, do not crash
            return str(target), f"could not be run: {type(err).__name__}: {err}"
    return str(target), None


def run_series(
    data: PathLike | None = None,
    out: PathLike = "build/notebooks",
    workers: int | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[str]:
    """Run every notebook on the table at ``data`` (default: the bundled one); write them to ``out``.

    Notebooks run in ``workers`` processes (default: one more than the CPUs, since a
    kernel spends part of its start waiting); ``meanwhile``, if given, is called in
    this process while they run. Returns the written paths. Raises DataError for a
    bad table, before running anything, and for a notebook that fails, naming it and
    the cell. Never writes into the notebooks' own folder or over a file it did not make.
    """
    data_path = None
    if data is not None:
        load_responsibilities(data)  # every problem reported here, not deep inside a notebook
        data_path = str(Path(data).expanduser().resolve())
    folder = series_folder(out)
    sources = notebooks()
    targets = [folder.path(s.name) for s in sources]
    with ProcessPoolExecutor(max_workers=workers or (os.cpu_count() or 1) + 1) as pool:
        jobs = [pool.submit(_execute, source, target, data_path) for source, target in zip(sources, targets)]
        if meanwhile is not None:
            try:
                meanwhile()
            except BaseException:
                pool.shutdown(cancel_futures=True)  # do not make the user wait for notebooks nobody will see
                raise
        results = [job.result() for job in jobs]
    for path, error in results:
        if not error:
            folder.record(Path(path).name)
    failed = [_problem(Path(path), error) for path, error in results if error]
    if failed:
        raise DataError(failed)
    return [path for path, _ in results]


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
    offline and can be handed out as it is. Everything is checked before anything is written.
    """
    sources, folder, assets = handout_plan(executed, out, reveal)
    from nbconvert import HTMLExporter, SlidesExporter

    common = {
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "extra_template_basedirs": [str(TEMPLATES)],
    }
    written = []
    for source in sources:
        if source.name == DECK:
            exporter: SlidesExporter | HTMLExporter = SlidesExporter(
                template_name="rolekit_slides", reveal_url_prefix="reveal.js", reveal_theme="white", **common
            )  # its fonts are local; "simple" fetches Google Fonts
        else:
            exporter = HTMLExporter(template_name="rolekit_handout", **common)
        body, _ = exporter.from_filename(str(source))
        written.append(str(folder.write_text(_handout_name(source), body)))
    for name, source in assets.items():
        folder.write_bytes(name, source.read_bytes())
    return written


def _handout_name(source: Path) -> str:
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
        sources = sorted(executed_dir.glob("*.ipynb")) if executed_dir.is_dir() else []
    if not sources:
        raise DataError([_problem(executed_dir, "holds no executed notebooks; run `rolekit notebooks` first")])
    assets = {}
    if any(s.name == DECK for s in sources):
        if reveal is None:
            raise DataError([_problem(executed_dir / DECK, "needs a reveal.js folder to become slides (--reveal DIR)")])
        root = Path(reveal).expanduser()
        if not (root / "dist" / "reveal.js").is_file():
            raise DataError([_problem(root, "is not a reveal.js 4 folder: it has no dist/reveal.js")])
        assets = {
            f"reveal.js/{p.relative_to(root).as_posix()}": p
            for part in ("dist", "plugin")
            for p in sorted((root / part).rglob("*"))
            if p.is_file()
        }
    return sources, Output(out, [_handout_name(s) for s in sources] + list(assets)), assets
