"""The package itself: every public name exported, documented with an example, and loaded only when used."""

import inspect
import subprocess
import sys

import pytest

import rolekit


def test_every_public_name_is_exported_once_and_imports():
    assert rolekit.__all__ == sorted(set(rolekit.__all__), key=rolekit.__all__.index)  # no name twice
    assert set(rolekit.__all__) == set(rolekit._WHERE)
    for name in rolekit.__all__:
        assert getattr(rolekit, name) is not None, name


def test_every_public_function_and_class_has_a_runnable_example():
    for name in rolekit.__all__:
        value = getattr(rolekit, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert ">>> " in (inspect.getdoc(value) or ""), f"rolekit.{name} has no example in its docstring"


@pytest.mark.slow
def test_importing_rolekit_imports_neither_matplotlib_nor_the_notebook_machinery_until_a_name_is_used():
    heavy = "{'matplotlib', 'nbformat', 'nbconvert', 'IPython', 'starlette'}"
    code = (
        f"import sys, rolekit; before = {heavy} & set(sys.modules); rolekit.plot_load; "
        f"after = {heavy} & set(sys.modules); print(sorted(before), sorted(after))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("] [") == ["[", "'matplotlib']\n"]  # a chart needs matplotlib, never the notebooks


@pytest.mark.slow
@pytest.mark.parametrize("command", [["validate", "BUNDLED"], ["score", "CLASS", "--key", "KEY"]], ids=lambda c: c[0])
def test_a_command_that_only_prints_imports_no_charts(command):
    """Start-up (issue 20): `rolekit validate` and `rolekit score` without --out never import matplotlib."""
    from rolekit.bundle import bundled
    from rolekit.datasets import SYNTHETIC_CLASS, SYNTHETIC_KEY

    paths = {"BUNDLED": bundled("data/responsibilities.csv"), "CLASS": SYNTHETIC_CLASS, "KEY": SYNTHETIC_KEY}
    args = [str(paths.get(word, word)) for word in command]  # each path one argument, spaces in it or not
    code = (
        "import contextlib, io, sys\nfrom rolekit.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
        f"    done = main({args!r})\nprint(done, 'matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]


def test_a_function_named_as_its_module_keeps_its_name_once_the_module_is_imported():
    import rolekit.charts  # imports the modules rolekit.compare and rolekit.findings

    assert inspect.isfunction(rolekit.compare) and inspect.isfunction(rolekit.findings)
    assert rolekit.compare.__module__ == "rolekit.compare" and rolekit.findings.__module__ == "rolekit.findings"


def test_an_unknown_name_is_an_attribute_error():
    try:
        rolekit.plot_everything  # noqa: B018
    except AttributeError as err:
        assert "no attribute 'plot_everything'" in str(err)
    else:
        raise AssertionError("rolekit.plot_everything should not exist")
