"""What rolekit writes (rolekit.output): only into folders it can write, never over a file it did not make (the
manifest decides, not the contents), everything checked before the first file is written, and every CSV safe to
open in a spreadsheet."""

import csv
import os
import stat

import pytest

import rolekit
from rolekit.cli import main
from rolekit.output import FORMULA_STARTS, MANIFEST, Output

# -- Ownership: the manifest ---------------------------------------------------------------------


def test_ownership_is_the_manifest_not_the_contents(tmp_path):
    made = Output(tmp_path, ["chart.svg"])
    made.write_text("chart.svg", "<svg><!-- rolekit figures --></svg>")
    assert Output(tmp_path, ["chart.svg"]).owns("chart.svg")
    (tmp_path / "chart.svg").write_text("<svg><!-- rolekit figures: edited by hand --></svg>")
    with pytest.raises(rolekit.DataError, match="was not made by rolekit"):
        Output(tmp_path, ["chart.svg"])
    # A notebook papermill once ran is still mine.
    (tmp_path / "mine.ipynb").write_text('{"metadata": {"papermill": {}}}')
    with pytest.raises(rolekit.DataError, match=r"mine\.ipynb: exists and was not made by rolekit"):
        Output(tmp_path, ["mine.ipynb"])
    assert (tmp_path / MANIFEST).is_file()


def test_a_user_notebook_run_by_papermill_is_not_overwritten(tmp_path):
    (tmp_path / "03_overlaps.ipynb").write_text(
        '{"cells": [], "metadata": {"papermill": {"parameters": {}}}, "nbformat": 4, "nbformat_minor": 5}'
    )
    with pytest.raises(rolekit.DataError, match=r"03_overlaps\.ipynb: exists and was not made by rolekit"):
        rolekit.seminar.run_series(out=str(tmp_path))


def test_figures_never_overwrite_a_file_rolekit_did_not_make(tmp_path, capsys):
    mine = tmp_path / "scope_horizon.png"
    mine.write_bytes(b"my own picture")
    assert main(["figures", "--out", str(tmp_path)]) == 1
    assert mine.read_bytes() == b"my own picture"
    assert (
        capsys.readouterr().err
        == f"{mine}: exists and was not made by rolekit (or was changed since); not overwriting it: choose another "
        "--out, or move it away\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scope_horizon.png"]


def test_figures_replace_their_own_earlier_files(tmp_path):
    assert main(["figures", "--out", str(tmp_path)]) == 0
    assert main(["figures", "--out", str(tmp_path)]) == 0


# -- Folders that cannot be written --------------------------------------------------------------


@pytest.mark.parametrize("command", ["figures", "notebooks", "build", "handouts"])
def test_out_that_is_a_file_or_under_a_file(tmp_path, capsys, command):
    (tmp_path / "afile").write_text("mine")
    for out in (tmp_path / "afile", tmp_path / "afile" / "sub"):
        assert main([command, "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(str(out)) and "is a file" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert (tmp_path / "afile").read_text() == "mine"


def test_a_folder_named_like_a_chart(tmp_path, capsys):
    (tmp_path / "scope_horizon.png").mkdir()
    assert main(["figures", "--out", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err
        == f"{tmp_path / 'scope_horizon.png'}: is a folder where rolekit would write a file; choose another --out, "
        "or move it away\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere: permissions cannot be tested as root")
def test_a_folder_without_write_permission(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    assert main(["figures", "--out", str(locked / "figs")]) == 1
    assert "no permission to write" in capsys.readouterr().err


# -- Everything checked before the first file is written -----------------------------------------


def test_handouts_check_everything_before_writing(tmp_path, capsys):
    out = tmp_path / "handouts"
    out.mkdir()
    (out / "01_the_data.html").write_text("my notes")
    notebooks = rolekit.bundled("notebooks")  # the committed notebooks are executed ones
    assert main(["handouts", "--notebooks", str(notebooks), "--out", str(out)]) == 1  # no --reveal, and a file of mine
    err = capsys.readouterr().err
    assert "needs a reveal.js folder" in err
    assert (
        sorted(p.name for p in out.iterdir()) == ["01_the_data.html"]
        and (out / "01_the_data.html").read_text() == "my notes"
    )


def test_build_refuses_at_once_to_overwrite_a_chart_it_did_not_make(tmp_path, capsys):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "theme_overlap.png").write_bytes(b"my own picture")
    assert main(["build", "--out", str(tmp_path)]) == 1
    assert "theme_overlap.png: exists and was not made by rolekit" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]  # no notebook was run


# -- Every CSV the kit writes is safe to open in a spreadsheet -----------------------------------


def test_every_csv_written_neutralises_formulas(tmp_path):
    nasty = rolekit.load_responsibilities().assign(
        responsibility=lambda d: "=cmd|' /C calc'!A0 " + d["responsibility"].astype(str)
    )
    nasty.to_csv(tmp_path / "nasty.csv", index=False)
    assert (
        main(
            [
                "worksheet",
                "--n",
                "6",
                "--participants",
                "2",
                "--data",
                str(tmp_path / "nasty.csv"),
                "--out",
                str(tmp_path / "ws"),
            ]
        )
        == 0
    )
    assert (
        main(["compare", str(tmp_path / "nasty.csv"), str(tmp_path / "nasty.csv"), "--out", str(tmp_path / "cmp")]) == 0
    )
    sheets = tmp_path / "ws" / "sheets"
    (sheets / "P01.csv").write_text((sheets / "P01.csv").read_text().replace(",,,\n", ",@SUM(1),+internal,-daily\n"))
    (sheets / "P02.csv").write_text((sheets / "P02.csv").read_text().replace(",,,\n", ",CEO,internal,daily\n"))
    assert main(["score", str(sheets), "--out", str(tmp_path / "sc")]) == 0
    written = [p for p in tmp_path.rglob("*.csv") if p.parent.name != tmp_path.name and p.parent.name != "sheets"]
    assert sorted(p.name for p in written) == [
        "answer_key.csv",
        "comparison.csv",
        "confusion.csv",
        "items.csv",
        "scores.csv",
    ]
    for path in [*written, tmp_path / "ws" / "sheets" / "P02.csv"]:
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f):
                assert not any(cell.startswith(FORMULA_STARTS) for cell in row), (path, row)
