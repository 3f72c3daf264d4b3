"""Issue 10: worksheets, returned sheets, agreement statistics, charts and the command line."""

import csv
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import rolekit
from make_synthetic_class import synthetic_class

from rolekit import exercise as ex
from rolekit.cli import main
from rolekit.output import FORMULA_STARTS, MANIFEST

FLEISS_1971 = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


# -- Statistics against published worked examples ---------------------------------------------


def test_fleiss_kappa_of_fleiss_1971():
    assert rolekit.fleiss_kappa(FLEISS_1971) == pytest.approx(0.2099, abs=5e-4)


def test_cohen_kappa_of_the_textbook_two_rater_example():
    a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    assert rolekit.cohen_kappa(a, b) == pytest.approx(0.40)


def test_fleiss_with_two_raters_is_scotts_pi_and_near_cohen():
    a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    counts = [[int(x == "yes") + int(y == "yes"), int(x == "no") + int(y == "no")] for x, y in zip(a, b)]
    # Scott's pi for this table: po 0.7, pooled p(yes) 0.55, pe 0.505 -> (0.7 - 0.505) / 0.495
    assert rolekit.fleiss_kappa(counts) == pytest.approx((0.7 - 0.505) / 0.495)


def test_krippendorff_alpha_agrees_with_fleiss_on_complete_data():
    rng = np.random.default_rng(0)
    wide = pd.DataFrame(rng.choice(["a", "b", "c"], size=(12, 20), p=[0.6, 0.3, 0.1]))
    counts = wide.apply(lambda col: col.value_counts()).T.fillna(0).to_numpy()
    # With every rater rating every item, alpha = 1 - (1 - kappa) * (n*m - 1)/(n*m - ... ): close to kappa
    assert ex.krippendorff_alpha(wide) == pytest.approx(rolekit.fleiss_kappa(counts), abs=0.01)


@pytest.mark.parametrize(("counts", "expected"), [([[3, 0], [3, 0]], 1.0), ([[0, 4], [0, 4], [0, 4]], 1.0)])
def test_perfect_agreement_and_a_single_category_are_defined(counts, expected):
    assert rolekit.fleiss_kappa(counts) == expected
    assert rolekit.cohen_kappa(["x"] * 5, ["x"] * 5) == 1.0
    assert ex.krippendorff_alpha(pd.DataFrame([["x", "x"], ["x", None]])) == 1.0


def test_missing_answers_are_left_out_and_nothing_rated_twice_is_nan():
    assert np.isnan(rolekit.fleiss_kappa([[1, 0], [0, 1]]))  # one rater per item
    assert rolekit.fleiss_kappa([[2, 0], [0, 3], [1, 0]]) == rolekit.fleiss_kappa([[2, 0], [0, 3]])
    assert rolekit.cohen_kappa(["a", "b", None], ["a", "b", "a"]) == 1.0
    assert np.isnan(rolekit.cohen_kappa([None], ["a"]))


@pytest.mark.parametrize(
    ("kappa", "word"),
    [
        (-0.2, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.21, "fair"),
        (0.4, "fair"),
        (0.55, "moderate"),
        (0.7, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_landis_and_koch_bands(kappa, word):
    assert ex.band(kappa) == word


# -- Worksheets ----------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_sheet_and_it_is_balanced():
    df = rolekit.load_responsibilities()
    a, b = rolekit.worksheet(df, n=12, seed=5), rolekit.worksheet(df, n=12, seed=5)
    pd.testing.assert_frame_equal(a.key, b.key)
    assert not rolekit.worksheet(df, n=12, seed=6).key.equals(a.key)
    roles = a.key["role"].value_counts()
    assert roles.max() - roles.min() <= 1
    for _, mine in a.key.groupby("role"):
        cells = mine.groupby(["scope", "horizon"]).size()
        assert cells.max() - cells.min() <= 1
    assert (
        a.key.groupby(["role", "scope", "horizon"]).ngroups
        == df.groupby(["role", "scope", "horizon"], observed=True).ngroups
    )
    assert a.key["item"].tolist() == [f"Q{i:02d}" for i in range(1, 13)]
    assert list(a.items.columns) == ["item", "responsibility"]  # no answers on the sheet


def test_a_sheet_cannot_ask_for_more_items_than_the_table_has():
    with pytest.raises(rolekit.DataError, match="cannot draw 99 items from a table of 3"):
        rolekit.worksheet(rolekit.load_responsibilities().head(3), n=99)


def test_worksheet_command_writes_sheets_page_and_key_apart(tmp_path, capsys):
    assert main(["worksheet", "--n", "8", "--seed", "1", "--participants", "3", "--out", str(tmp_path / "ex")]) == 0
    files = sorted(p.relative_to(tmp_path / "ex").as_posix() for p in (tmp_path / "ex").rglob("*") if p.is_file())
    assert files == [
        MANIFEST,
        "key/answer_key.csv",
        "quick_entry.csv",
        "sheets/P01.csv",
        "sheets/P02.csv",
        "sheets/P03.csv",
        "worksheet.html",
    ]
    header = next(csv.reader(open(tmp_path / "ex" / "sheets" / "P01.csv")))
    assert header == [
        "participant (your name, on any row)",
        "item",
        "responsibility",
        "role (CEO / COO)",
        "scope (internal / external)",
        "horizon (daily / long-term)",
    ]
    html = (tmp_path / "ex" / "worksheet.html").read_text()
    assert "@page" in html and "http" not in html and "Q08" in html
    key = pd.read_csv(tmp_path / "ex" / "key" / "answer_key.csv")
    assert len(key) == 8 and key["item"].tolist()[0] == "Q01"
    sheet = (tmp_path / "ex" / "sheets" / "P01.csv").read_text()
    assert not any(role in sheet.split("\n", 1)[1] for role in (",CEO,", ",COO,"))  # no answers leak into the sheet


# -- Reading sheets: a hand-made class with known answers ------------------------------------

KEY = pd.DataFrame(
    {
        "item": ["Q01", "Q02", "Q03", "Q04"],
        "responsibility": ["Sets vision", "Runs ops", "Meets investors", "Hires"],
        "role": ["CEO", "COO", "CEO", "COO"],
        "scope": ["internal", "internal", "external", "internal"],
        "horizon": ["long-term", "daily", "daily", "long-term"],
    }
)


def _sheet(
    folder, name, answers, participant="", header=("participant", "item", "role", "scope", "horizon"), encoding="utf-8"
):
    rows = [",".join(header)] + [
        ",".join([participant if i == 0 else "", item, *a]) for i, (item, a) in enumerate(answers)
    ]
    path = folder / f"{name}.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode(encoding))
    return path


RIGHT = [
    ("Q01", ("CEO", "internal", "long-term")),
    ("Q02", ("COO", "internal", "daily")),
    ("Q03", ("CEO", "external", "daily")),
    ("Q04", ("COO", "internal", "long-term")),
]


@pytest.fixture
def room(tmp_path):
    folder = tmp_path / "sheets"
    folder.mkdir()
    _sheet(folder, "a", RIGHT, "Ana")
    _sheet(folder, "b", [(i, (r, s, "daily")) for i, (r, s, _) in RIGHT], "Ben")  # every horizon daily
    _sheet(
        folder, "c", [(i, (" coo " if i == "Q01" else r.lower(), s.upper(), h)) for i, (r, s, h) in RIGHT], "Cleo"
    )  # Q01 role wrong
    (tmp_path / "key").mkdir()
    KEY.to_csv(tmp_path / "key" / "answer_key.csv", index=False)
    return folder


def test_a_hand_made_class_scores_as_worked_out_by_hand(room):
    scores = rolekit.score_sheets(room)
    a = scores.agreement.set_index("dimension")
    assert a.loc["scope", "fleiss_kappa"] == 1.0 and a.loc["scope", "key_accuracy"] == 1.0
    # role: Q01 split 2 CEO / 1 COO, the rest unanimous. Fleiss by hand: P = (1/3 + 3) / 4; p(CEO) = 5/12
    p_ceo = 5 / 12
    chance = p_ceo**2 + (1 - p_ceo) ** 2
    assert a.loc["role", "fleiss_kappa"] == pytest.approx(((1 / 3 + 3) / 4 - chance) / (1 - chance))
    assert a.loc["role", "key_accuracy"] == pytest.approx(11 / 12)
    people = scores.participants.set_index(["participant", "dimension"])
    assert people.loc[("P2", "horizon"), "accuracy"] == 0.5 and people.loc[("P1", "horizon"), "cohen_kappa"] == 1.0
    assert people.loc[("P3", "role"), "accuracy"] == 0.75
    item = scores.items.set_index(["item", "dimension"]).loc[("Q01", "role")]
    assert (item["answered"], item["modal_answer"], item["key"]) == (3, "CEO", "CEO") and item[
        "agreement"
    ] == pytest.approx(2 / 3)
    confusion = scores.confusion.set_index(["dimension", "key", "answer"])["count"]
    assert confusion[("horizon", "long-term", "daily")] == 2
    assert rolekit.disputed(scores, 1)[["item", "dimension"]].values.tolist() == [
        ["Q01", "horizon"]
    ] or rolekit.disputed(scores, 1)["agreement"].item() == pytest.approx(2 / 3)


def test_participants_are_codes_everywhere_but_the_scores_table(room, tmp_path, capsys):
    assert main(["score", str(room), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "Ana" not in out and "Ben" not in out
    report = (tmp_path / "out" / "report.html").read_text()
    assert "Ana" not in report and "Cleo" not in report and "<img alt=" in report
    for png in ("agreement.png", "disputed.png", "room_vs_key.png"):
        assert b"Ana" not in (tmp_path / "out" / png).read_bytes()
    scores = pd.read_csv(tmp_path / "out" / "scores.csv")
    assert dict(zip(scores["participant"], scores["name"])) == {"P1": "Ana", "P2": "Ben", "P3": "Cleo"}
    confusion = pd.read_csv(tmp_path / "out" / "confusion.csv").set_index(["dimension", "key", "answer"])["count"]
    assert confusion[("horizon", "long-term", "daily")] == 2 and confusion[("role", "CEO", "COO")] == 1


def test_bad_sheets_are_named_and_skipped_and_scoring_goes_on(room, tmp_path, capsys):
    _sheet(room, "d_legacy", [("Q01", ("CEO", "intérnal", "daily"))], "Dee", encoding="cp1252")
    _sheet(room, "e_extra", RIGHT, "Eve", header=("participant", "item", "role", "scope", "horizon", "notes"))
    _sheet(
        room,
        "f_missing",
        [(i, (r, s)) for i, (r, s, _) in RIGHT],
        "Fay",
        header=("participant", "item", "role", "scope"),
    )
    _sheet(room, "g_unknown", [("Q99", ("CEO", "internal", "daily"))], "Gus")
    _sheet(room, "h_again", RIGHT, "ana")
    _sheet(room, "i_blank", [(i, ("", "", "")) for i, _ in RIGHT], "Ida")
    (room / "j_garbage.csv").write_bytes(b"PK\x03\x04junk")
    _sheet(room, "k_typo", [(i, (r, "outside" if i == "Q02" else s, h)) for i, (r, s, h) in RIGHT], "Kim")
    assert main(["score", str(room)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("4 participants scored from 11 files; 7 sheets skipped")
    for name in ("d_legacy", "e_extra", "f_missing", "g_unknown", "h_again", "i_blank", "j_garbage"):
        assert (
            f"{room / name}.csv" in err and "skipped" in err.split(f"{room / name}.csv", 1)[1].split("\n", 2)[0] + err
        )
    assert f"{room / 'd_legacy.csv'}:2: column 'scope': byte 0xE9 is not UTF-8" in err
    assert f"{room / 'g_unknown.csv'}:2: column 'item': 'Q99' is not an item of the answer key" in err
    assert (
        f"{room / 'k_typo.csv'}:3: column 'scope': Q02: 'outside' is not one of internal, external (did you mean 'external'?); counted as not answered"
        in err
    )
    assert "Traceback" not in err


def test_no_usable_sheet_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "key").mkdir()
    KEY.to_csv(tmp_path / "key" / "answer_key.csv", index=False)
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "x.csv").write_text("item,role,scope,horizon\n")
    assert main(["score", str(tmp_path / "sheets")]) == 1
    assert "no sheet could be used" in capsys.readouterr().err


def test_a_form_export_with_one_row_per_participant(tmp_path):
    form = pd.DataFrame(
        {
            "Timestamp": ["t1", "t2"],
            "Name": ["Ana", "Ben"],
            **{
                f"Q0{i} [{d}]": [getattr(k, d), getattr(k, d) if d != "horizon" else "daily"]
                for i, k in enumerate(KEY.itertuples(index=False), 1)
                for d in ("role", "scope", "horizon")
            },
        }
    )
    form.to_csv(tmp_path / "form.csv", index=False)
    KEY.to_csv(tmp_path / "key.csv", index=False)
    scores = rolekit.score_sheets(tmp_path / "form.csv", tmp_path / "key.csv")
    assert scores.participants.groupby("participant")["name"].first().to_dict() == {"P1": "Ana", "P2": "Ben"}
    assert scores.agreement.set_index("dimension").loc["horizon", "key_accuracy"] == 0.75


def test_the_bundled_synthetic_class_is_what_its_script_makes(tmp_path):
    sheet = rolekit.worksheet(rolekit.load_responsibilities(), n=16, seed=2026)
    pd.testing.assert_frame_equal(pd.read_csv(rolekit.SYNTHETIC_KEY, dtype=str), sheet.key.astype(str))
    made = synthetic_class(sheet, 12, seed=7).fillna("")
    pd.testing.assert_frame_equal(
        pd.read_csv(rolekit.SYNTHETIC_CLASS, dtype=str, keep_default_na=False), made.astype(str)
    )
    assert made["participant"].str.endswith("(synthetic)").all()


def test_score_on_thirty_participants_and_forty_items_is_quick(tmp_path):
    import time

    sheet = rolekit.worksheet(pd.concat([rolekit.load_responsibilities()] * 1, ignore_index=True), n=40, seed=1)
    synthetic_class(sheet, 30, seed=2).to_csv(tmp_path / "form.csv", index=False)
    sheet.key.to_csv(tmp_path / "key.csv", index=False)
    start = time.perf_counter()
    scores = rolekit.score_sheets(tmp_path / "form.csv", tmp_path / "key.csv")
    assert len(scores.participants["participant"].unique()) == 30
    assert time.perf_counter() - start < 10  # generous; benchmarks/exercise.py prints the real figure


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
        "quick_entry.csv",
        "scores.csv",
    ]
    for path in [*written, tmp_path / "ws" / "sheets" / "P02.csv"]:
        for row in csv.reader(open(path, encoding="utf-8")):
            assert not any(cell.startswith(FORMULA_STARTS) for cell in row), (path, row)


def test_the_command_never_prints_a_traceback_on_odd_input(tmp_path):
    for args in (
        ["score", str(tmp_path / "nowhere")],
        ["score", str(tmp_path)],
        ["worksheet", "--n", "0", "--out", str(tmp_path / "w")],
    ):
        done = subprocess.run([sys.executable, "-m", "rolekit", *args], capture_output=True, text=True)
        assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.strip(), args
