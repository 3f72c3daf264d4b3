"""Worksheets (rolekit.exercise.sheets): drawn the same for the same seed, balanced over roles and cells, and written
by `rolekit worksheet` as fill-in sheets, a printable page and the key apart, no answer leaking into a sheet."""

import csv

import pandas as pd
import pytest

import rolekit
from rolekit.cli import main
from rolekit.output import MANIFEST


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


def test_the_paper_sheet_lists_the_roles_as_the_phones_of_the_room_do(tmp_path, capsys):
    from rolekit.room import tagging_round

    roles = ["Managing Director", "Head of Ops", "finance lead"]  # the table's order, not the alphabet's
    table = pd.DataFrame(
        {
            "role": [r for r in roles for _ in range(4)],
            "responsibility": [f"Duty number {k} of the team" for k in range(12)],
            "scope": ["internal", "external"] * 6,
            "horizon": ["daily", "daily", "long-term", "long-term"] * 3,
        }
    )
    table.to_csv(tmp_path / "team.csv", index=False)
    assert main(["worksheet", "--data", str(tmp_path / "team.csv"), "--n", "6", "--out", str(tmp_path / "ex")]) == 0
    with open(tmp_path / "ex" / "sheets" / "P01.csv") as f:
        header = next(csv.reader(f))
    on_phones = tagging_round(tmp_path / "ex").roles
    assert on_phones == ("finance lead", "Head of Ops", "Managing Director")
    assert header[3] == f"role ({' / '.join(on_phones)})"


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
    with open(tmp_path / "ex" / "sheets" / "P01.csv") as f:
        header = next(csv.reader(f))
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
