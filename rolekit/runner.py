"""Running notebooks fast: one warm process imports the kit once, and each notebook runs in a fork of it.

Starting a Jupyter kernel and importing pandas, matplotlib and rolekit costs about a
second a notebook, more than most notebooks of the series take to run. Here a parent
process imports everything once; every notebook then runs in a child forked from it
(copy-on-write, so the imports cost nothing more), in an IPython shell of its own,
isolated from the others: a fresh namespace, its own working folder, nothing shared
back. Cells run in order as a kernel runs them and their outputs are recorded as a
kernel would send them (streams, displays, the cell's result, an error), the
``parameters`` cell is followed by an ``injected-parameters`` cell as papermill writes
it, and a failing cell stops its notebook and names the cell.

Where ``fork`` is not available (Windows), :func:`run_notebooks` says so and callers
fall back to a kernel per notebook.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["available", "run_notebooks"]


def available() -> bool:
    """Whether notebooks can run in forks of this process (POSIX, not Windows).

    >>> isinstance(available(), bool)
    True
    """
    return "fork" in multiprocessing.get_all_start_methods()


def _warm() -> Any:
    """Import what every notebook imports, and make the shell they run in: done once, in the parent."""
    import matplotlib

    matplotlib.use("Agg")  # the notebooks show charts as PNGs they render themselves
    import importlib

    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import CapturingDisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    # Imported here, once, for every notebook: what the series and the writing of notebooks use.
    for module in (
        "nbformat",
        "IPython.display",
        "matplotlib.pyplot",
        "rolekit",
        "rolekit.charts",
        "rolekit.display",
        "matplotlib_venn",
        "rapidfuzz.process",
        "krippendorff",
    ):
        importlib.import_module(module)

    class Results(DisplayHook):
        """A display hook that keeps a cell's result as a kernel's execute_result, instead of printing it."""

        def start_displayhook(self) -> None:
            pass

        def write_output_prompt(self) -> None:
            pass

        kept: tuple[dict, dict] | None = None  # the result of the cell that ran last

        def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
            self.kept = (format_dict, md_dict or {})

        def finish_displayhook(self) -> None:
            pass

    from traitlets.config import Config

    # No history file: forks must not share one sqlite connection, and a notebook's history is its cells.
    shell = InteractiveShell.instance(config=Config({"HistoryManager": {"enabled": False}}), colors="nocolor")
    shell.displayhook = Results(shell=shell)
    shell.display_trap.hook = shell.displayhook
    shell.display_pub = CapturingDisplayPublisher(shell=shell)
    return shell


def _run(job: tuple[str, str, dict[str, Any]]) -> str | None:
    """In a fresh fork: run the notebook at ``source`` with ``parameters``, write it to ``target``; say why it failed.

    Returns None when every cell ran."""
    import nbformat

    source, target, parameters = job
    shell = _SHELL
    nb = nbformat.read(source, as_version=4)
    _inject(nb, parameters)
    os.chdir(Path(target).parent)
    count, failed = 0, None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count, cell.outputs = count, []
        out, err = io.StringIO(), io.StringIO()
        shell.display_pub.outputs = []
        shell.displayhook.kept = None
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            result = shell.run_cell(cell.source, store_history=True)
        finally:
            sys.stdout, sys.stderr = saved
        for name, text in (("stdout", out.getvalue()), ("stderr", err.getvalue())):
            if text:
                cell.outputs.append(nbformat.v4.new_output("stream", name=name, text=text))
        for shown in shell.display_pub.outputs:
            cell.outputs.append(nbformat.v4.new_output("display_data", data=shown.data, metadata=shown.metadata))
        if shell.displayhook.kept is not None:
            data, metadata = shell.displayhook.kept
            cell.outputs.append(
                nbformat.v4.new_output("execute_result", data=data, metadata=metadata, execution_count=count)
            )
        error = result.error_in_exec or result.error_before_exec
        if error is not None:
            cell.outputs.append(
                nbformat.v4.new_output(
                    "error",
                    ename=type(error).__name__,
                    evalue=str(error),
                    traceback=[f"{type(error).__name__}: {error}"],
                )
            )
            failed = f"failed at cell {count}: {type(error).__name__}: {error}"
            break
    nbformat.write(nb, target)
    return failed


def _inject(nb: Any, parameters: dict[str, Any]) -> None:
    """Add the values of ``parameters`` in a cell after the one tagged ``parameters``, as papermill does."""
    import nbformat

    at = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if at is None or not parameters:
        return
    lines = "".join(f"{name} = {value!r}\n" for name, value in parameters.items())
    injected = nbformat.v4.new_code_cell("# Parameters\n" + lines, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(at + 1, injected)


_SHELL: Any = None


def run_notebooks(jobs: Sequence[tuple[Path, Path, dict[str, Any]]], workers: int | None = None) -> list[str | None]:
    """Run each ``(source, target, parameters)`` in a fork of a warm process; for each, None or why it failed.

    ``workers``: forks running at once (default: the CPUs). A fork runs one notebook
    and ends, so no notebook sees what another did.
    """
    global _SHELL
    if not available():
        raise RuntimeError("notebooks can run in forks only where the operating system can fork (not on Windows)")
    if _SHELL is None:
        _SHELL = _warm()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=workers or os.cpu_count() or 1, maxtasksperchild=1) as pool:
        return pool.map(_run, [(str(s), str(t), p) for s, t, p in jobs], chunksize=1)
