"""Reading returned answers (rolekit.exercise.responses): per-participant sheets and form exports; a sheet that
cannot be used is named and skipped, an answer that is not allowed is named by its file line, and the rest is used."""

import pandas as pd
from conftest import KEY, RIGHT, write_sheet

import rolekit
from rolekit.cli import main
from rolekit.exercise import read_responses


def test_bad_sheets_are_named_and_skipped_and_scoring_goes_on(room, tmp_path, capsys):
    write_sheet(room, "d_legacy", [("Q01", ("CEO", "intérnal", "daily"))], "Dee", encoding="cp1252")
    write_sheet(room, "e_extra", RIGHT, "Eve", header=("participant", "item", "role", "scope", "horizon", "notes"))
    write_sheet(
        room,
        "f_missing",
        [(i, (r, s)) for i, (r, s, _) in RIGHT],
        "Fay",
        header=("participant", "item", "role", "scope"),
    )
    write_sheet(room, "g_unknown", [("Q99", ("CEO", "internal", "daily"))], "Gus")
    write_sheet(room, "h_again", RIGHT, "ana")
    write_sheet(room, "i_blank", [(i, ("", "", "")) for i, _ in RIGHT], "Ida")
    (room / "j_garbage.csv").write_bytes(b"PK\x03\x04junk")
    write_sheet(room, "k_typo", [(i, (r, "outside" if i == "Q02" else s, h)) for i, (r, s, h) in RIGHT], "Kim")
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
        f"{room / 'k_typo.csv'}:3: column 'scope': Q02: 'outside' is not one of internal, external "
        "(did you mean 'external'?); counted as not answered" in err
    )
    assert "Traceback" not in err


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


def test_a_typo_after_a_cell_spanning_two_lines_is_reported_on_its_true_file_line(tmp_path):
    # A sheet with the columns `rolekit worksheet` writes, returned with a responsibility that a spreadsheet wrapped
    # into two lines inside its quotes (file lines 3 and 4), then a typo in the next row, which starts on file line 5.
    path = tmp_path / "ana.csv"
    path.write_text(
        "participant,item,responsibility,role,scope,horizon\n"
        "Ana,Q01,Sets vision,CEO,internal,long-term\n"
        'Ana,Q02,"Runs ops,\nevery day",COO,internal,daily\n'
        "Ana,Q03,Meets investors,CEO,outside,daily\n"
        "Ana,Q04,Hires,COO,internal,long-term\n"
    )
    responses = read_responses(path, KEY)
    assert [str(p) for p in responses.problems] == [
        f"{path}:5: column 'scope': Q03: 'outside' is not one of internal, external (did you mean 'external'?); "
        "counted as not answered"
    ]  # counting one file line per row, as the sheets once were, says line 4
    answered = responses.answers.set_index(["item", "dimension"])["answer"]
    assert answered[("Q02", "horizon")] == "daily" and ("Q03", "scope") not in answered.index
    assert len(responses.answers) == 4 * 3 - 1


def test_forms_as_google_and_microsoft_export_them_are_read_whole_and_what_is_not_read_is_said(tmp_path):
    key = KEY.assign(responsibility=["Sets the vendor's vision", "Runs ops", "Meets investors", "Hires"])
    key.to_csv(tmp_path / "key.csv", index=False)
    answers = {d: [getattr(k, d) for k in key.itertuples(index=False)] for d in ("role", "scope", "horizon")}
    google = pd.DataFrame(  # one grid per dimension, titled with a dash; Word's curly apostrophe in a wording
        {
            "Timestamp": ["t1"],
            "Email Address": ["ana@example.org"],
            **{
                f"{d.title()} – {q} [{r.replace(chr(39), chr(0x2019))}]": [answers[d][k]]
                for d, q in (("role", "who holds it?"), ("scope", "inside or out?"), ("horizon", "how far ahead?"))
                for k, r in enumerate(key["responsibility"])
            },
            "Any comments?": ["none"],
        }
    )
    google.to_csv(tmp_path / "google.csv", index=False)
    read = read_responses(tmp_path / "google.csv", key)
    assert len(read.answers) == 12  # every answer, none dropped for its header's wording
    [note] = [p for p in read.problems if "not read" in p.message]
    assert note.message.startswith("column 'Any comments?' was not read: no item and dimension")
    microsoft = pd.DataFrame(  # Forms' own Name is blank and Email 'anonymous' in an anonymous form
        {
            "ID": ["1"],
            "Start time": ["s"],
            "Completion time": ["c"],
            "Email": ["anonymous"],
            "Name": [""],
            "Your name": ["Ana"],
            **{f"Q0{k + 1} [{d}]": [answers[d][k]] for k in range(4) for d in ("role", "scope", "horizon")},
        }
    )
    microsoft.to_csv(tmp_path / "ms.csv", index=False)
    read = read_responses(tmp_path / "ms.csv", key)
    assert read.participants["name"].tolist() == ["Ana"] and len(read.answers) == 12
    assert not [p for p in read.problems if "not read" in p.message]  # Forms' own columns are not answers


def test_the_report_says_what_was_skipped_in_words_that_fit_it(tmp_path):
    form = pd.DataFrame(
        {"Name": ["Ana", "Ben", "Ana"], **{f"Q0{k} [role]": ["CEO", "C.O.O.", "COO"] for k in range(1, 5)}}
    )
    form.to_csv(tmp_path / "form.csv", index=False)
    KEY.to_csv(tmp_path / "key.csv", index=False)
    scores = rolekit.score_sheets(tmp_path / "form.csv", tmp_path / "key.csv")
    said = rolekit.exercise.summary(scores)
    assert said.startswith("2 participants scored from 1 file; 1 form row skipped.") and "above" not in said
    html = rolekit.exercise.report_html(scores, {})
    assert "1 form row skipped: <code>rolekit score</code> lists it, with why." in html
    assert scores.answers.query("participant == 'P2'")["answer"].eq("COO").all()  # C.O.O. is the COO


def test_an_even_split_is_shown_as_a_split_not_as_a_winner(tmp_path):
    form = pd.DataFrame({"Name": ["Ana", "Ben"], "Q01 [role]": ["CEO", "COO"], "Q02 [role]": ["COO", "COO"]})
    form.to_csv(tmp_path / "form.csv", index=False)
    KEY.to_csv(tmp_path / "key.csv", index=False)
    scores = rolekit.score_sheets(tmp_path / "form.csv", tmp_path / "key.csv")
    items = scores.items.set_index(["item", "dimension"])
    assert (
        items.loc[("Q01", "role"), "modal_answer"] == "CEO / COO"
        and items.loc[("Q02", "role"), "modal_answer"] == "COO"
    )
    assert "(role: 50% gave each of CEO / COO; the key says CEO)" in rolekit.exercise.summary(scores)


def test_a_stray_item_loses_its_column_or_row_not_the_sheet_or_the_class(tmp_path):
    KEY.to_csv(tmp_path / "key.csv", index=False)
    form = pd.DataFrame({"Name": ["Ana", "Ben"], "Q01 [role]": ["CEO", "COO"], "Q99 [role]": ["CEO", "CEO"]})
    form.to_csv(tmp_path / "form.csv", index=False)
    read = read_responses(tmp_path / "form.csv", KEY)
    assert len(read.answers) == 2 and set(read.answers["item"]) == {"Q01"}
    assert any("'Q99 [role]' not read: item Q99 is not in the answer key" in p.message for p in read.problems)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "P01.csv").write_text(  # retyped by hand: Name for participant, and a row for an item that is not there
        "Name,Item,Role,Scope,Horizon\nAna,Q01,CEO,internal,long-term\nAna,Q17,COO,internal,daily\n"
        "Ana,Q02,COO,internal,daily\n"
    )
    (sheets / "later").mkdir()
    read = read_responses(sheets, KEY)
    assert read.participants["name"].tolist() == ["Ana"] and sorted(read.answers["item"].unique()) == ["Q01", "Q02"]
    said = [str(p) for p in read.problems]
    assert any(":3: column 'item': 'Q17' is not an item of the answer key" in p and "left out" in p for p in said)
    assert any("later: is a folder inside the folder of sheets, and is not read" in p for p in said)
