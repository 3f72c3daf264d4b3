"""The command line: exit codes, summaries, every problem on stderr, files left alone."""

import hashlib
import subprocess
import sys

import pytest
from conftest import HEADER

import rolekit
from rolekit.cli import main
from rolekit.output import MANIFEST

BUNDLED = str(rolekit.bundled("data/responsibilities.csv"))


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "rolekit", *args], capture_output=True, text=True, cwd=cwd)


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
        out
        == f"{good}: valid, 1 rows; roles: CFO 1; internal/daily 1, internal/long-term 0, external/daily 0, external/long-term 0\n"
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


def test_python_dash_m_and_relative_paths_from_another_folder(tmp_path):
    (tmp_path / "mine.csv").write_text(HEADER + "CEO,a,internal,daily\n")
    done = run("validate", "mine.csv", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("mine.csv: valid, 1 rows; roles: CEO 1;")


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


CHART_FILES = ["load", "role_profiles", "scope_horizon", "source_agreement", "theme_differences", "theme_overlap"]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_figures_writes_every_chart(tmp_path, capsys, fmt):
    assert main(["figures", "--out", str(tmp_path / "figs"), "--format", fmt]) == 0
    written = sorted(p for p in tmp_path.joinpath("figs").iterdir() if p.name != MANIFEST)
    assert [p.name for p in written] == [f"{n}.{fmt}" for n in CHART_FILES]
    assert (tmp_path / "figs" / MANIFEST).is_file()
    assert capsys.readouterr().out.splitlines() == [f"wrote {tmp_path / 'figs' / n}.{fmt}" for n in rolekit.CHARTS]
    assert all(p.stat().st_size > 10_000 and b"rolekit" in p.read_bytes() for p in written)
    alt = b"/Subject" if fmt == "pdf" else b"Chart. "  # the alt text travels in the file's metadata (PDF: UTF-16 when not ASCII)
    assert all(alt in p.read_bytes() for p in written)


def test_figures_are_the_same_bytes_every_time(tmp_path):
    for run_dir in ("a", "b"):
        assert main(["figures", "--out", str(tmp_path / run_dir), "--format", "svg"]) == 0
    for name in CHART_FILES:
        assert (tmp_path / "a" / f"{name}.svg").read_bytes() == (tmp_path / "b" / f"{name}.svg").read_bytes()


def test_figures_for_four_roles_and_no_source_column(table, tmp_path, capsys):
    rows = "".join(
        f"{role},task {i},{scope},{horizon},{theme}\n"
        for i, (role, scope, horizon, theme) in enumerate(
            [
                ("CEO", "external", "long-term", "stakeholders"),
                ("COO", "internal", "daily", "operations"),
                ("CFO", "internal", "daily", "finance"),
                ("CFO", "external", "long-term", "finance"),
                ("Chief of Staff", "internal", "daily", "operations"),
                ("CEO", "internal", "long-term", "strategy"),
            ]
        )
    )
    path = table("role,responsibility,scope,horizon,theme\n" + rows)
    assert main(["figures", "--data", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "skipped source_agreement: this table has no source column, which is needed to compare what each source says" in out
    assert sorted(p.stem for p in (tmp_path / "out").iterdir() if p.name != MANIFEST) == [
        n for n in CHART_FILES if n != "source_agreement"
    ]


def test_figures_never_overwrite_a_file_rolekit_did_not_make(tmp_path, capsys):
    mine = tmp_path / "scope_horizon.png"
    mine.write_bytes(b"my own picture")
    assert main(["figures", "--out", str(tmp_path)]) == 1
    assert mine.read_bytes() == b"my own picture"
    assert (
        capsys.readouterr().err
        == f"{mine}: exists and was not made by rolekit (or was changed since); not overwriting it: choose another --out, or move it away\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scope_horizon.png"]


def test_figures_replace_their_own_earlier_files(tmp_path):
    assert main(["figures", "--out", str(tmp_path)]) == 0
    assert main(["figures", "--out", str(tmp_path)]) == 0


def test_figures_report_a_bad_table(table, capsys):
    assert main(["figures", "--data", str(table(HEADER + "CEO,a,inside,daily\n"))]) == 1
    assert "column 'scope': 'inside' is not allowed" in capsys.readouterr().err


def test_build_refuses_at_once_to_overwrite_a_chart_it_did_not_make(tmp_path, capsys):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "theme_overlap.png").write_bytes(b"my own picture")
    assert main(["build", "--out", str(tmp_path)]) == 1
    assert "theme_overlap.png: exists and was not made by rolekit" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]  # no notebook was run
