"""Running notebooks fast: one warm process imports the kit once, and each notebook runs in a fork of it.

Starting a Jupyter kernel and importing pandas, matplotlib and rolekit costs about a
second a notebook, more than most notebooks of the series take to run. Here the
process that builds imports everything once (:func:`warm`); every notebook then runs
in a child forked from it (:func:`rolekit.forks.in_forks`), isolated from the others.
A notebook (:func:`execute_notebook`) runs in an IPython shell of its own, in its
folder, cell by cell as a kernel runs it, its outputs recorded as a kernel sends them
(streams, displays, the cell's result, an error); the ``parameters`` cell is followed
by an ``injected-parameters`` cell as papermill writes it; a failing cell stops its
notebook and says which cell. Where forks are not available, each notebook runs in a
kernel of its own (see :mod:`rolekit.seminar`), slower but the same.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["execute_notebook", "warm"]

_SHELL: Any = None


def warm() -> Any:
    """Import what every notebook imports, and make the shell they run in: once per process.

    >>> warm() is warm()
    True
    """
    global _SHELL
    if _SHELL is not None:
        return _SHELL
    import importlib

    import matplotlib

    matplotlib.use("Agg")  # the notebooks show charts as PNGs they render themselves
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import CapturingDisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    # Importing jsonschema (under nbformat) builds some forty parsers for the IRI formats of JSON Schema, a second
    # of CPU (python-jsonschema/jsonschema#1428); no notebook schema has such a format. make setup leaves that
    # package out (pyproject.toml, [tool.uv]); for an environment made another way (pip, conda), a process that
    # has not imported jsonschema yet goes without them: jsonschema then leaves those two formats unchecked.
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    # What the series and the writing of notebooks and handouts use, imported here once for every fork.
    for module in (
        "nbformat",
        "nbconvert",
        "IPython.display",
        "matplotlib.pyplot",
        "rolekit",
        "rolekit.charts",
        "rolekit.display",
        "rolekit.findings",
        "matplotlib_venn",
        "rapidfuzz.process",
        "krippendorff",
    ):
        importlib.import_module(module)

    class Results(DisplayHook):
        """A display hook that keeps a cell's result as a kernel's execute_result, instead of printing it."""

        kept: tuple[dict, dict] | None = None  # the result of the cell that ran last

        def start_displayhook(self) -> None:
            pass

        def write_output_prompt(self) -> None:
            pass

        def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
            self.kept = (format_dict, md_dict or {})

        def finish_displayhook(self) -> None:
            pass

    class Shell(InteractiveShell):
        """A shell that keeps a failing cell's traceback, as a kernel sends it, instead of printing it."""

        failure: tuple[str, str, list[str]] | None = None  # the error's name, message and traceback lines

        def _showtraceback(self, etype: type, evalue: BaseException, stb: list[str]) -> None:
            self.failure = (etype.__name__, str(evalue), stb)

    # No history file: forks must not share one sqlite connection, and a notebook's history is its cells.
    shell = Shell.instance(config=Config({"HistoryManager": {"enabled": False}}), colors="nocolor")
    shell.displayhook = Results(shell=shell)
    shell.display_trap.hook = shell.displayhook
    shell.display_pub = CapturingDisplayPublisher(shell=shell)
    _SHELL = shell
    return shell


def execute_notebook(
    source: str | os.PathLike[str], target: str | os.PathLike[str], parameters: dict[str, Any]
) -> str | None:
    """Run the notebook at ``source`` with ``parameters`` in this process, and write it to ``target``.

    Meant to run in a fork (see :func:`rolekit.forks.in_forks`): it uses the shell :func:`warm` made
    and changes the working folder to ``target``'s. Returns None when every cell ran,
    else which cell failed and why (the notebook is written as far as it ran).
    """
    import nbformat

    shell = warm()
    nb = nbformat.read(str(source), as_version=4)
    _inject(nb, parameters)
    target = Path(target).absolute()  # before the change of folder: a relative target would move with it
    os.chdir(target.parent)
    count, failed = 0, None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count, cell.outputs = count, []
        out, err = io.StringIO(), io.StringIO()
        shell.display_pub.outputs = []
        shell.displayhook.kept = shell.failure = None
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
            plain = (
                type(error).__name__,
                str(error),
                [f"{type(error).__name__}: {error}"],
            )  # a cell that did not parse
            name, message, lines = shell.failure or plain
            cell.outputs.append(nbformat.v4.new_output("error", ename=name, evalue=message, traceback=lines))
            failed = f"failed at cell {count}: {name}: {message}"
            break
    nbformat.write(nb, str(target))
    return failed


def _inject(nb: Any, parameters: dict[str, Any]) -> None:
    """Add the values of ``parameters`` in a cell after the one tagged ``parameters``, as papermill does."""
    import nbformat

    nb.metadata.setdefault("papermill", {})["parameters"] = parameters  # what rolekit.seminar.run_on reads
    at = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if at is None or not parameters:
        return
    lines = "".join(f"{name} = {value!r}\n" for name, value in parameters.items())
    injected = nbformat.v4.new_code_cell("# Parameters\n" + lines, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(at + 1, injected)
