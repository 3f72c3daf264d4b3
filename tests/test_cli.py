"""The command line (rolekit.cli): exit codes, the summary line, every problem on stderr and never a traceback,
whatever the terminal's encoding; the files it checks left alone.

What each command writes is tested with what it does: `figures` in test_chart_files.py, `compare` in
test_compare.py, `raci` in test_decisions.py, `worksheet` and `score` in the test_exercise_*.py files, and that no
command overwrites a file it did not make in test_output.py.
"""

import hashlib
import os

import pytest
from conftest import BUNDLED_CSV, HEADER, run

import rolekit
from rolekit.cli import main

BUNDLED = str(BUNDLED_CSV)


def test_valid_table_prints_one_summary_line_and_exits_0(capsys):
    assert main(["validate", BUNDLED]) == 0
    out, err = capsys.readouterr()
    df = rolekit.load_responsibilities()
    cells = df.groupby(["scope", "horizon"], observed=False).size()
    assert out == (
        f"{BUNDLED}: valid, {len(df)} rows; roles: CEO {(df.role == 'CEO').sum()}, COO {(df.role == 'COO').sum()}; "
        + ", ".join(f"{s}/{h} {n}" for (s, h), n in cells.items())
        + "\n"
    )
    assert err == ""


def test_invalid_table_lists_every_problem_on_stderr_and_exits_1(table, capsys):
    bad = table(HEADER + "CEO,a,inside,daily\nCOO,b,internal,sometimes\n", "bad.csv")
    good = table(HEADER + "CFO,c,internal,daily\n", "good.csv")
    assert main(["validate", str(bad), str(good)]) == 1
    out, err = capsys.readouterr()
    assert (
        out == f"{good}: valid, 1 row; roles: CFO 1; internal/daily 1, internal/long-term 0, external/daily 0, "
        "external/long-term 0\n"
    )
    assert err.splitlines() == [
        f"{bad}:2: column 'scope': 'inside' is not allowed; allowed: internal, external (did you mean 'internal'?)",
        f"{bad}:3: column 'horizon': 'sometimes' is not allowed; allowed: daily, long-term",
    ]


def test_stderr_is_not_capped_like_the_exception_message(table, capsys):
    assert main(["validate", str(table(HEADER + "CEO,a,x,daily\n" * 120))]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 120


@pytest.mark.parametrize("args", [[], ["validate"], ["frobnicate"], ["validate", "--colour", "x.csv"]])
def test_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert "usage: rolekit" in capsys.readouterr().err


@pytest.mark.slow
def test_python_dash_m_and_relative_paths_from_another_folder(tmp_path):
    (tmp_path / "mine.csv").write_text(HEADER + "CEO,a,internal,daily\n")
    done = run("validate", "mine.csv", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("mine.csv: valid, 1 row; roles: CEO 1;")


@pytest.mark.slow
def test_no_traceback_ever_reaches_the_user(table):
    contents = [
        b"PK\x03\x04junk",
        b"\xff\xfe\x00\x00",
        b"role;x\n",
        "Caf\xe9\n".encode("latin-1"),
        b"",
        b"\x00\x01",
        HEADER.encode() + b'CEO,"open,internal\n',
        b"role,role\n,\n",
    ]
    paths = [str(table(c, f"bad{i}.csv")) for i, c in enumerate(contents)]
    done = run("validate", *paths, "missing.csv")
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr
    assert {line.split(":")[0] for line in done.stderr.splitlines()} == set(paths) | {"missing.csv"}


def test_validate_never_writes_to_the_files_it_checks(table):
    paths = [table(HEADER + "CEO,a,Internal,daily\n", "ok.csv"), table(HEADER + "CEO,a,x,daily\n", "bad.csv")]
    for p in paths:
        p.chmod(0o444)
    before = [(hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths]
    assert main(["validate", *map(str, paths)]) == 1
    assert [(hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths] == before
    assert sorted(p.name for p in paths[0].parent.iterdir()) == ["bad.csv", "ok.csv"]


def test_figures_report_a_bad_table(table, capsys):
    assert main(["figures", "--data", str(table(HEADER + "CEO,a,inside,daily\n"))]) == 1
    assert "column 'scope': 'inside' is not allowed" in capsys.readouterr().err


@pytest.mark.slow
def test_printing_to_a_cp1252_terminal_never_crashes(table):
    paths = [table(HEADER + "مدير 😀,a,internal,daily\n", "a.csv"), table(HEADER + "CEO,a,inside,daily\n", "b.csv")]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = run("validate", *map(str, paths), text=False, env=env, timeout=60)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"\\u0645" in done.stdout and b"b.csv:2: column 'scope'" in done.stderr  # the second file was still checked


@pytest.mark.slow
def test_the_command_never_prints_a_traceback_on_odd_input(tmp_path):
    for args in (
        ["score", str(tmp_path / "nowhere")],
        ["score", str(tmp_path)],
        ["worksheet", "--n", "0", "--out", str(tmp_path / "w")],
    ):
        done = run(*args)
        assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.strip(), args


@pytest.mark.slow
def test_file_names_in_success_lines_are_shown_escaped_like_problems(tmp_path):
    data = tmp_path / "team\x1b[2J.csv"  # a name that would clear the terminal
    data.write_text(HEADER + "CEO,a,internal,daily\n")
    out = tmp_path / "figs\x1b]0;pwned\x07"
    for args in (["validate", str(data)], ["figures", "--data", str(data), "--out", str(out)]):
        done = run(*args)
        assert done.returncode == 0 and done.stdout, done.stderr
        assert "\x1b" not in done.stdout and "\x07" not in done.stdout
        assert "\\x1b" in done.stdout
    assert "figs\\x1b]0;pwned\\x07" in done.stdout and "wrote " in done.stdout
