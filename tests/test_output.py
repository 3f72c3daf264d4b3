"""What rolekit writes (rolekit.output): only into folders it can write, never over a file it did not make (the
manifest decides, not the contents), everything checked before the first file is written, and every CSV safe to
open in a spreadsheet."""

import csv
import errno
import hashlib
import json
import os
import stat
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rolekit
from rolekit.cli import main
from rolekit.output import FORMULA_STARTS, MANIFEST, Output, neutralised

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


@pytest.mark.slow
def test_figures_replace_their_own_earlier_files(tmp_path):
    assert main(["figures", "--out", str(tmp_path)]) == 0
    assert main(["figures", "--out", str(tmp_path)]) == 0


# -- Links, a manifest that is not rolekit's --------------------------------------------------------


def _written(root, names=("a.txt", "sub/b.txt")):
    with Output(root, names) as folder:
        for name in names:
            folder.write_text(name, f"rolekit's {name}")
    return folder


def test_a_link_named_like_the_manifest_is_never_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("my own file")
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).symlink_to(victim)
    with pytest.raises(rolekit.DataError, match=r"\.rolekit-manifest\.json: is a link; rolekit never writes through"):
        Output(out, ["a.txt"])
    assert main(["figures", "--out", str(out)]) == 1
    assert victim.read_text() == "my own file" and sorted(p.name for p in out.iterdir()) == [MANIFEST]


def test_a_link_where_an_output_goes_or_on_the_way_is_refused(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "b.txt").write_text("mine")
    (victim / "a.txt").write_text("mine too")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").symlink_to(victim / "a.txt")
    (out / "sub").symlink_to(victim, target_is_directory=True)
    with pytest.raises(rolekit.DataError) as caught:
        Output(out, ["a.txt", "sub/b.txt"])
    assert [str(p) for p in caught.value.problems] == [
        f"{out / 'a.txt'}: is a link; rolekit never writes through a link: choose another --out, or move it away",
        f"{out / 'sub'}: is a link; rolekit never writes through a link: choose another --out, or move it away",
    ]
    folder = Output(out)  # planned nothing: a name given only when writing is checked then
    with pytest.raises(rolekit.DataError, match="is a link"):
        folder.write_text("sub/b.txt", "x")
    assert (victim / "b.txt").read_text() == "mine" and (victim / "a.txt").read_text() == "mine too"


@pytest.mark.parametrize("content", ["my notes", '{"theme": "dark"}', "[1, 2]", '{"a.txt": "not a checksum"}'])
def test_a_users_file_named_like_the_manifest_is_never_replaced(tmp_path, content):
    (tmp_path / MANIFEST).write_text(content)
    with pytest.raises(rolekit.DataError, match="is not a manifest rolekit wrote"):
        Output(tmp_path, ["a.txt"])
    assert (tmp_path / MANIFEST).read_text() == content and sorted(tmp_path.iterdir()) == [tmp_path / MANIFEST]


def test_the_manifest_of_an_earlier_rolekit_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("old")
    digest = hashlib.sha256(b"old").hexdigest()
    (tmp_path / MANIFEST).write_text(json.dumps({"a.txt": digest}, indent=1) + "\n")  # its indented form
    assert Output(tmp_path, ["a.txt"]).owns("a.txt")


# -- Whole files, no lock-out ----------------------------------------------------------------------

KILL = """
import os, sys
from rolekit.output import Output
names = [f"f{i:02d}.txt" for i in range(20)]
folder = Output(sys.argv[1], names)
step = {"n": 0}
real = os.replace
def replace(a, b):
    step["n"] += 1
    if step["n"] == int(sys.argv[2]):
        os._exit(9)  # killed before this file takes its place
    real(a, b)
os.replace = replace
for name in names:
    folder.write_text(name, sys.argv[3] + name * 2000)
folder.save()
"""


@pytest.mark.slow
@pytest.mark.parametrize("at", [1, 2, 11, 21])  # the first file, the second, midway, the manifest at the end
def test_a_command_killed_halfway_never_leaves_a_file_cut_short_nor_locks_the_folder(tmp_path, at):
    out = tmp_path / "out"
    assert subprocess.run([sys.executable, "-c", KILL, str(out), "0", "first "], timeout=60).returncode == 0
    assert subprocess.run([sys.executable, "-c", KILL, str(out), str(at), "second "], timeout=60).returncode == 9
    contents = {p.name: p.read_text() for p in out.iterdir() if p.name != MANIFEST and not p.name.startswith(".")}
    assert sorted(contents) == [f"f{i:02d}.txt" for i in range(20)]
    assert all(text in ("first " + n * 2000, "second " + n * 2000) for n, text in contents.items())
    assert sum(text.startswith("second") for text in contents.values()) == min(at - 1, 20)
    done = subprocess.run([sys.executable, "-c", KILL, str(out), "0", "third "], timeout=60, capture_output=True)
    assert done.returncode == 0, done.stderr  # the rerun accepts the killed run's files, and completes
    assert all(p.read_text().startswith("third ") for p in out.iterdir() if p.name != MANIFEST)
    assert len((out / MANIFEST).read_text().splitlines()) == 1  # rewritten whole, once, at the end
    assert not list(out.glob(".rolekit-tmp-*"))  # the killed run's temporary file is gone


@pytest.mark.parametrize("cut", [0, 1, 0.3, 0.5, 0.99, -1])
def test_a_manifest_cut_short_never_locks_the_user_out(tmp_path, cut):
    folder = _written(tmp_path, [f"f{i}.txt" for i in range(10)])
    manifest = (tmp_path / MANIFEST).read_bytes()
    at = cut if isinstance(cut, int) and cut >= 0 else int(len(manifest) * cut) if cut > 0 else len(manifest) - 3
    (tmp_path / MANIFEST).write_bytes(manifest[:at])
    again = _written(tmp_path, list(folder.made))  # the same command again: it completes
    assert sorted(again.made) == sorted(folder.made)
    assert json.loads((tmp_path / MANIFEST).read_text()) == again.made
    (tmp_path / "mine.txt").write_text("written after the cut: not rolekit's")
    with pytest.raises(rolekit.DataError, match=r"mine\.txt: exists and was not made by rolekit"):
        Output(tmp_path, ["mine.txt"])


def test_the_manifest_is_written_once_per_command_not_once_per_file(tmp_path, monkeypatch):
    rewrites = []
    real = Output._replace
    monkeypatch.setattr(
        Output,
        "_replace",
        lambda self, folder, name, *a, **k: (rewrites.append(name), real(self, folder, name, *a, **k)),
    )
    assert main(["worksheet", "--n", "4", "--participants", "60", "--out", str(tmp_path / "ws")]) == 0
    # 60 sheets, the quick-entry table, the printable page and the key; the manifest once
    assert rewrites.count(MANIFEST) == 1 and len([n for n in rewrites if n != MANIFEST]) == 63


def test_the_same_bytes_are_not_written_again(tmp_path):
    _written(tmp_path)
    before = (tmp_path / "a.txt").stat().st_mtime_ns, (tmp_path / "a.txt").stat().st_ino
    _written(tmp_path)
    assert ((tmp_path / "a.txt").stat().st_mtime_ns, (tmp_path / "a.txt").stat().st_ino) == before


@pytest.mark.slow
def test_a_full_disk_says_which_path(tmp_path, monkeypatch, capsys):
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert main(["figures", "--out", str(tmp_path / "figs")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(str(tmp_path / "figs")) and "cannot be written: No space left on device" in err, err
    assert "Traceback" not in err and not list((tmp_path / "figs").glob("*.png"))


# -- Removing rolekit's own files, and no one else's ----------------------------------------------


def test_prune_removes_rolekits_earlier_files_only(tmp_path):
    _written(tmp_path, ["a.txt", "old/b.txt", "old/c.txt", "edited.txt"])
    (tmp_path / "edited.txt").write_text("changed by a person")
    (tmp_path / "mine.txt").write_text("a person's own")
    with Output(tmp_path, ["a.txt"]) as folder:
        removed, kept = folder.prune(["a.txt"])
    assert removed == ["old/b.txt", "old/c.txt"] and kept == ["edited.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "a.txt", "edited.txt", "mine.txt"]
    assert json.loads((tmp_path / MANIFEST).read_text()) == {"a.txt": hashlib.sha256(b"rolekit's a.txt").hexdigest()}
    assert not Output(tmp_path).remove("mine.txt") and (tmp_path / "mine.txt").exists()


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


def test_a_folder_on_a_read_only_disk_says_so(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from rolekit.output import writable_folder

    monkeypatch.setattr(os, "access", lambda path, mode: False)  # what a read-only mount answers, root or not
    monkeypatch.setattr(os, "statvfs", lambda path: SimpleNamespace(f_flag=os.ST_RDONLY))
    (said,) = writable_folder(tmp_path / "figs")
    assert (
        said.message == f"cannot be written: {tmp_path} is on a read-only disk; choose a folder of your own with --out"
    )


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


FORMULA_LIKE = ["=1+1", "+x", "-2", "@SUM(A1)", "\tt", "\rr"]
CELLS = st.one_of(st.none(), st.sampled_from([*FORMULA_LIKE, "ok", ""]), st.text(max_size=6))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELLS, st.integers(-5, 5)), max_size=8), st.sampled_from(["object", "category", "str"]))
def test_neutralised_quotes_exactly_the_formula_like_cells_and_leaves_the_rest(rows, dtype):
    table = pd.DataFrame(rows, columns=["=text", "n"]).astype({"=text": dtype})
    out = neutralised(table)
    assert list(out.columns) == ["'=text", "n"]
    assert out["n"].tolist() == table["n"].tolist()  # numbers are never text a spreadsheet runs
    for before, after in zip(table["=text"].astype(object), out["'=text"], strict=True):
        if isinstance(before, str) and before.startswith(FORMULA_STARTS):
            assert after == "'" + before
        else:
            assert (pd.isna(before) and pd.isna(after)) or after == before


@pytest.mark.slow
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
        "quick_entry.csv",
        "scores.csv",
    ]
    for path in [*written, tmp_path / "ws" / "sheets" / "P02.csv"]:
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f):
                assert not any(cell.startswith(FORMULA_STARTS) for cell in row), (path, row)


@pytest.mark.slow
def test_an_output_folder_that_is_a_link_is_refused_but_links_above_it_are_the_users(tmp_path, capsys):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "figs").symlink_to(real, target_is_directory=True)
    assert main(["figures", "--out", str(tmp_path / "figs")]) == 1
    assert "figs: is a link; rolekit never writes through a link" in capsys.readouterr().err
    assert not any(real.iterdir())
    (tmp_path / "above").symlink_to(real, target_is_directory=True)
    assert main(["figures", "--out", str(tmp_path / "above" / "figs")]) == 0  # the path to the folder is the user's
    assert (real / "figs" / "load.png").is_file()
