"""Issue 16, the classes that live in the exercise code: dry runs, odd sheet names, the formula guard's round trip,
worksheet reruns, clear ValueErrors, missing folders and agreeing plurals."""

import csv
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import rolekit
from rolekit import exercise as ex
from rolekit.cli import main
from rolekit.output import MANIFEST

KEY = pd.DataFrame(
    {
        "item": ["Q01", "Q02", "Q03", "Q04"],
        "responsibility": ["Sets vision", "Runs ops", "Meets investors", "Hires"],
        "role": ["CEO", "COO", "CEO", "COO"],
        "scope": ["internal", "internal", "external", "internal"],
        "horizon": ["long-term", "daily", "daily", "long-term"],
    }
)


def _exercise(tmp_path, sheets):
    """A key, and one sheet per ``(file name, name, {item: (role, scope, horizon)})``."""
    (tmp_path / "key").mkdir()
    KEY.to_csv(tmp_path / "key" / "answer_key.csv", index=False)
    folder = tmp_path / "sheets"
    folder.mkdir()
    for file, name, answers in sheets:
        rows = [["participant", "item", "role", "scope", "horizon"]]
        rows += [[name if k == 0 else "", item, *answers.get(item, ("", "", ""))] for k, item in enumerate(KEY["item"])]
        with open(folder / file, "w", newline="") as f:
            csv.writer(f).writerows(rows)
    return folder


RIGHT = {k.item: (k.role, k.scope, k.horizon) for k in KEY.itertuples()}


# -- A statistic that cannot be computed is reported as such, with the rest ---------------------


@pytest.mark.slow
def test_a_dry_run_on_one_returned_sheet(tmp_path, capsys):
    folder = _exercise(tmp_path, [("P01.csv", "Ana", RIGHT)])
    assert main(["score", str(folder), "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("1 participant scored from 1 file.")
    assert "not defined on any dimension" in out and "100% of answers match the key" in out
    assert "Traceback" not in err and (tmp_path / "out" / "report.html").exists()
    agreement = pd.read_csv(tmp_path / "out" / "items.csv")
    assert len(agreement) == 12


@pytest.mark.slow
def test_one_persons_answers_on_a_dimension_all_invalid(tmp_path, capsys):
    wrong_scope = {i: (r, "sideways", h) for i, (r, s, h) in RIGHT.items()}
    folder = _exercise(tmp_path, [("P01.csv", "Ana", RIGHT), ("P02.csv", "Ben", wrong_scope)])
    scores = rolekit.score_sheets(folder)
    a = scores.agreement.set_index("dimension")
    assert np.isnan(a.loc["scope", "fleiss_kappa"]) and np.isnan(a.loc["scope", "krippendorff_alpha"])
    assert a.loc["scope", "band"] == "not defined" and a.loc["role", "fleiss_kappa"] == 1.0
    said = ex.summary(scores)
    assert "Scope: agreement not defined (no item answered twice); 100% of answers match the key." in said
    assert "nan" not in said


def test_krippendorff_alpha_with_no_item_answered_twice_is_nan_not_an_error():
    assert np.isnan(ex.krippendorff_alpha(pd.DataFrame([["a", "b", "c"]])))
    assert np.isnan(ex.krippendorff_alpha(pd.DataFrame([["a", None], [None, "b"]])))


# -- Clear ValueErrors from the statistics ------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "said"),
    [
        ([], "got an empty table"),
        ([[]], "got an empty table"),
        ([1, 2, 3], "got 1 dimensions"),
        ([[2, -1], [1, 1]], "counts of 0 or more"),
        ([[1.5, 1], [1, 1]], "whole numbers of raters"),
        ([[1, float("nan")]], "missing or infinite"),
        ([[1, 2], [3]], "rows of different lengths"),
    ],
)
def test_fleiss_kappa_refuses_what_is_not_a_table_of_counts(counts, said):
    with pytest.raises(ValueError, match="fleiss_kappa needs") as caught:
        rolekit.fleiss_kappa(counts)
    assert said in str(caught.value)


def test_cohen_kappa_refuses_labels_of_unequal_length():
    with pytest.raises(ValueError, match="two sequences of the same length; got 3 and 2"):
        rolekit.cohen_kappa(["a", "b", "a"], ["a", "b"])


# -- Every file in a sheets folder is scored or named with why not ------------------------------


def test_upper_case_extensions_are_scored_and_workbooks_are_named(tmp_path, capsys):
    folder = _exercise(tmp_path, [("P01.csv", "Ana", RIGHT), ("P02.CSV", "Ben", RIGHT)])
    (folder / "P03.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 40)
    (folder / "notes.txt").write_text("bring coffee\n")
    (folder / ".DS_Store").write_bytes(b"\0\0")
    assert main(["score", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("2 participants scored from 4 files; 2 sheets skipped")
    assert f"{folder / 'P03.xlsx'}: this is a ZIP archive, not a CSV text file" in err
    assert f"{folder / 'notes.txt'}" in err and ".DS_Store" not in err


def test_a_missing_folder_says_it_is_missing(tmp_path, capsys):
    assert main(["score", str(tmp_path / "sheets_back")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'sheets_back'}: no such folder or file" in err and "answer key" not in err


# -- The formula guard keeps the kit's own round trip --------------------------------------------


def test_a_role_written_guarded_into_the_key_is_read_back_as_it_was(tmp_path, capsys):
    table = rolekit.load_responsibilities().assign(role=lambda d: d["role"].astype(str).replace({"COO": "@Sales"}))
    table.to_csv(tmp_path / "t.csv", index=False)
    out = tmp_path / "ex"
    assert (
        main(["worksheet", "--n", "6", "--participants", "2", "--data", str(tmp_path / "t.csv"), "--out", str(out)])
        == 0
    )
    assert "'@Sales" in (out / "key" / "answer_key.csv").read_text()  # guarded for spreadsheets
    key = ex.read_key(out / "key" / "answer_key.csv")
    assert "@Sales" in set(key["role"])
    sheet = pd.read_csv(out / "sheets" / "P01.csv", dtype=str, keep_default_na=False)
    sheet.iloc[:, 3] = ["'@Sales" if r == "@Sales" else r for r in key["role"]]  # the key's cells, copied as written
    sheet.iloc[:, 4], sheet.iloc[:, 5] = key["scope"].tolist(), key["horizon"].tolist()
    sheet.iloc[0, 0] = "Ana"
    sheet.to_csv(out / "sheets" / "P01.csv", index=False)
    (out / "sheets" / "P02.csv").unlink()
    scores = rolekit.score_sheets(out / "sheets")
    assert not scores.problems
    assert scores.agreement.set_index("dimension").loc["role", "key_accuracy"] == 1.0


# -- worksheet: seeds, look-alike items, reruns ---------------------------------------------------


@pytest.mark.slow
def test_a_negative_seed_is_a_clear_message(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "rolekit", "worksheet", "--seed", "-1", "--out", str(tmp_path / "w")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--seed must be a whole number of 0 or more, not -1" in done.stderr
    with pytest.raises(ValueError, match="seed must be a whole number of 0 or more"):
        rolekit.worksheet(rolekit.load_responsibilities(), seed=-1)


def test_the_same_text_held_by_two_roles_never_becomes_two_items(tmp_path, capsys):
    df = rolekit.load_responsibilities()
    twin = df.iloc[[0]].assign(role="COO" if df["role"].iloc[0] == "CEO" else "CEO", id="R999")
    same = df.iloc[[1]].assign(id="R998", responsibility=df["responsibility"].iloc[1].upper() + "  ")
    table = pd.concat([df, twin, same], ignore_index=True)
    distinct = df["responsibility"].str.casefold().str.split().str.join(" ").nunique()  # one item per wording
    sheet = rolekit.worksheet(table, n=distinct - 1, seed=3)  # every wording but the one two roles hold
    wording = sheet.key["responsibility"].str.casefold().str.split().str.join(" ")
    assert not wording.duplicated().any()
    assert str(df["responsibility"].iloc[0]) not in set(sheet.key["responsibility"])
    assert sheet.left_out == (str(df["responsibility"].iloc[0]),)
    table.to_csv(tmp_path / "t.csv", index=False)
    assert main(["worksheet", "--n", "4", "--data", str(tmp_path / "t.csv"), "--out", str(tmp_path / "w")]) == 0
    assert "left out 1 responsibility the table words the same for different tags" in capsys.readouterr().out


def test_rerunning_with_fewer_participants_removes_the_old_draws_sheets(tmp_path, capsys):
    out = tmp_path / "ex"
    assert main(["worksheet", "--participants", "5", "--seed", "1", "--out", str(out)]) == 0
    (out / "sheets" / "mine.csv").write_text("a person's own file\n")
    assert main(["worksheet", "--participants", "3", "--seed", "2", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert sorted(p.name for p in (out / "sheets").iterdir()) == ["P01.csv", "P02.csv", "P03.csv", "mine.csv"]
    assert "removed 2 sheets of an earlier draw: sheets/P04.csv, sheets/P05.csv" in said
    assert "sheets/P04.csv" not in (out / MANIFEST).read_text()


def test_a_sheet_a_person_changed_is_never_removed(tmp_path):
    out = tmp_path / "ex"
    assert main(["worksheet", "--participants", "3", "--out", str(out)]) == 0
    (out / "sheets" / "P03.csv").write_text("filled in by hand\n")
    assert main(["worksheet", "--participants", "2", "--out", str(out)]) == 0
    assert (out / "sheets" / "P03.csv").read_text() == "filled in by hand\n"


# -- Plurals agree with their numbers ------------------------------------------------------------


@pytest.mark.slow
def test_summaries_and_messages_say_one_participant_and_two_participants(tmp_path, capsys):
    assert main(["worksheet", "--n", "1", "--participants", "1", "--out", str(tmp_path / "w")]) == 0
    out = capsys.readouterr().out
    assert "1 responsibility for 1 participant;" in out and "(s)" not in out
    folder = _exercise(tmp_path, [("P01.csv", "Ana", RIGHT), ("P02.csv", "Ben", RIGHT), ("P03.csv", "", {})])
    assert main(["score", str(folder), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "2 participants scored from 3 files; 1 sheet skipped" in out and "(s)" not in out
    assert "(s)" not in (tmp_path / "out" / "report.html").read_text()
    ax = rolekit.plot_disputed(rolekit.score_sheets(folder), top=1)
    assert "(s)" not in ax.get_title(loc="left")
