"""Every validation rule, with the exact message a person sees."""

import io
import zipfile

import pytest
from conftest import HEADER, problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolekit

SAVE = "save it as 'CSV UTF-8 (Comma delimited) (*.csv)' (Excel: File > Save As) and load that file"
NEEDS = "it needs a header line naming role, responsibility, scope, horizon, then one row per responsibility"


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.csv"
    assert problems(path) == [f"FILE: file not found; check the name and the folder (looked in {tmp_path})"]


def test_folder_instead_of_file(tmp_path):
    assert problems(tmp_path) == ["FILE: is a folder, not a CSV file; give the path of the .csv file inside it"]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\n  \n", b",,,\n,,,\n"])
def test_empty_file(table, content):
    assert problems(table(content)) == [f"FILE: the file is empty; {NEEDS}"]


def test_header_but_no_rows(table):
    assert problems(table(HEADER + "\n,,,\n")) == [
        "FILE: has a header but no data rows; add one row per responsibility"
    ]


def test_missing_required_columns_with_did_you_mean(table):
    assert problems(table("Role,Responsibilty,horizon,notes\nCEO,Sets vision,long-term,x\n")) == [
        "FILE:1: column 'responsibility': required column is missing; the header must name role, responsibility, scope, horizon"
        " (the header has 'responsibilty': did you mean 'responsibility'?)",
        "FILE:1: column 'scope': required column is missing; the header must name role, responsibility, scope, horizon",
    ]


def test_duplicate_and_unnamed_columns(table):
    assert problems(table("role,responsibility,scope,horizon,Scope,\nCEO,a,internal,daily,external,x\n")) == [
        "FILE:1: column 'scope': appears twice in the header (columns 3 and 5); each column name must be unique",
        "FILE:1: column 6 holds values but has no name in the header; name it or delete it",
    ]


def test_blank_required_cells(table):
    assert problems(table(HEADER + " ,Sets vision,internal,daily\nCEO, ,,daily\n")) == [
        "FILE:2: column 'role': is blank; every row needs one",
        "FILE:3: column 'responsibility': is blank; every row needs one",
        "FILE:3: column 'scope': is blank; allowed: internal, external",
    ]


@pytest.mark.parametrize(
    ("scope", "horizon", "expected"),
    [
        (
            "Internl",
            "daily",
            "column 'scope': 'Internl' is not allowed; allowed: internal, external (did you mean 'internal'?)",
        ),
        (
            "outside",
            "daily",
            "column 'scope': 'outside' is not allowed; allowed: internal, external (did you mean 'external'?)",
        ),
        ("both", "daily", "column 'scope': 'both' is not allowed; allowed: internal, external"),
        (
            "internal",
            "long term",
            "column 'horizon': 'long term' is not allowed; allowed: daily, long-term (did you mean 'long-term'?)",
        ),
        (
            "internal",
            "Short-term",
            "column 'horizon': 'Short-term' is not allowed; allowed: daily, long-term (did you mean 'daily'?)",
        ),
        (
            "internal",
            "dialy",
            "column 'horizon': 'dialy' is not allowed; allowed: daily, long-term (did you mean 'daily'?)",
        ),
    ],
)
def test_value_outside_allowed_set(table, scope, horizon, expected):
    assert problems(table(HEADER + f"CEO,Sets vision,{scope},{horizon}\n")) == [f"FILE:2: {expected}"]


def test_rows_with_too_many_or_too_few_fields(table):
    assert problems(
        table(HEADER + "CEO,Sets vision, mission and goals,internal,long-term\nCOO,Runs operations,internal\n")
    ) == [
        "FILE:2: row has 5 fields but the header has 4; a value that contains a comma must be put in double quotes",
        "FILE:3: row has 3 fields but the header has 4 (missing: horizon); every row needs a value for each column",
    ]


def test_unclosed_quote_is_pointed_at(table):
    assert problems(table(HEADER + 'CEO,"Sets vision,internal,daily\nCOO,Runs operations,internal,daily\n')) == [
        "FILE:2: row has 2 fields but the header has 4 (missing: scope, horizon); every row needs a value for each column"
        " (this row runs on to line 3: an opening double quote without its closing one?)",
    ]


def test_duplicate_ids_ignore_case_and_blank_ids(table):
    path = table(
        "id,role,responsibility,scope,horizon\nR1,CEO,a,internal,daily\nR2,CEO,b,internal,daily\nr1,COO,c,internal,daily\n,COO,d,internal,daily\n"
    )
    assert problems(path) == [
        "FILE:4: column 'id': 'r1' is already used on line 2; each id must be unique",
        "FILE:5: column 'id': is blank; every row needs a unique id (or delete the id column)",
    ]


def test_every_problem_is_listed_in_line_order(table):
    path = table("role,responsibility,scope,horizon\n\nCEO,a,inside,daily\nCOO,b,internal\n,c,external,yearly\n")
    assert problems(path) == [
        "FILE:3: column 'scope': 'inside' is not allowed; allowed: internal, external (did you mean 'internal'?)",
        "FILE:4: row has 3 fields but the header has 4 (missing: horizon); every row needs a value for each column",
        "FILE:5: column 'role': is blank; every row needs one",
        "FILE:5: column 'horizon': 'yearly' is not allowed; allowed: daily, long-term",
    ]


def test_line_numbers_count_blank_lines_and_multiline_cells(table):
    path = table(
        '\n\nrole,responsibility,scope,horizon\r\nCEO,"Two\r\nlines",internal,daily\r\n\r\nCOO,x,nowhere,daily\r\n'
    )
    assert problems(path) == ["FILE:7: column 'scope': 'nowhere' is not allowed; allowed: internal, external"]


def _zip(names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (_zip(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]), "an Excel workbook (.xlsx)"),
        (_zip(["mimetype", "content.xml"]), "an OpenDocument spreadsheet (.ods)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "an Excel 97-2003 workbook (.xls) or another old Office file",
        ),
        (b"%PDF-1.7\n...", "a PDF document"),
        ("role\tresponsibility\n".encode("utf-16"), "UTF-16 text (Excel's 'Unicode Text' format)"),
        (bytes(range(256)), "a binary file (it holds NUL bytes, which text never does)"),
    ],
)
def test_files_that_are_not_text(table, content, what):
    # Named .csv on purpose: the name does not decide, the content does.
    assert problems(table(content, "team.csv")) == [f"FILE: this is {what}, not a CSV text file; {SAVE}"]


def test_a_web_page_saved_as_csv(table):
    assert problems(table("\n<!DOCTYPE html>\n<html><body>a shared sheet</body></html>\n", "sheet.csv")) == [
        f"FILE: this is a web page (HTML), not a CSV file; download the table as CSV (Google Sheets: File > Download > Comma-separated values) or {SAVE}"
    ]


def test_legacy_encoding_names_line_column_and_character(table):
    path = table(
        (HEADER + "CEO,Café visits,internal,daily\nCOO,ok,internal,daily\nCOO,naïve,internal,daily\n").encode("cp1252")
    )
    assert problems(path) == [
        f"FILE:2: column 'responsibility': byte 0xE9 is not UTF-8 text (probably 'é' in a legacy encoding such as Windows-1252); rolekit reads UTF-8: {SAVE}",
        f"FILE:4: column 'responsibility': byte 0xEF is not UTF-8 text (probably 'ï' in a legacy encoding such as Windows-1252); rolekit reads UTF-8: {SAVE}",
    ]


@pytest.mark.parametrize(
    ("content", "separator"),
    [
        ("role;responsibility;scope;horizon\nCEO;Sets vision;internal;long-term\n", "semicolons"),
        ("Role ; Responsibility ; Scope ; Horizon\r\nCEO;Sets vision, goals;internal;long-term\r\n", "semicolons"),
        ("role\tresponsibility\tscope\thorizon\nCEO\tSets vision\tinternal\tlong-term\n", "tabs"),
    ],
)
def test_other_separators(table, content, separator):
    assert problems(table(content)) == [
        f"FILE:1: the columns are separated by {separator}, not commas; {SAVE}, or choose ',' as the field separator when exporting"
    ]


def test_excel_separator_line_must_say_comma(table):
    assert problems(table("sep=;\nrole;responsibility;scope;horizon\n")) == [
        f"FILE:1: the file declares ';' as its separator, not a comma; {SAVE}"
    ]


def test_message_lists_every_problem_as_file_line_column(table):
    path = table(HEADER + "CEO,a,Internl,daily\nCOO,b,internal,dayly\n")
    with pytest.raises(rolekit.DataError) as caught:
        rolekit.load_responsibilities(path)
    assert str(caught.value).splitlines() == [
        f"{path}:2: column 'scope': 'Internl' is not allowed; allowed: internal, external (did you mean 'internal'?)",
        f"{path}:3: column 'horizon': 'dayly' is not allowed; allowed: daily, long-term (did you mean 'daily'?)",
    ]
    assert isinstance(caught.value, ValueError)


def test_long_messages_are_cut_but_problems_kept(table):
    path = table(HEADER + "CEO,a,nowhere,daily\n" * 150)
    with pytest.raises(rolekit.DataError) as caught:
        rolekit.load_responsibilities(path)
    assert len(caught.value.problems) == 150
    lines = str(caught.value).splitlines()
    assert len(lines) == 101 and lines[-1] == "... and 50 more problems (rolekit validate lists them all)"


def test_jupyter_shows_the_message_not_a_traceback():
    err = rolekit.DataError([rolekit.validate.Problem("t.csv", 2, "scope", "'x' is not allowed")])
    assert err._render_traceback_() == ["DataError: t.csv:2: column 'scope': 'x' is not allowed"]


_cells = st.sampled_from(
    ["CEO", "coo", "internal", "External", "daily", "long-term", "x", "", " ", '"', '""', "a,b", ";", "\t", "é", "\r\n"]
)
_text_tables = st.lists(st.lists(_cells, max_size=6).map(",".join), max_size=6).map(
    lambda rows: HEADER + "\n".join(rows)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=200), _text_tables.map(str.encode), st.text(max_size=200).map(str.encode)))
def test_any_input_loads_or_raises_data_error(table, content):
    try:
        df = rolekit.load_responsibilities(table(content))
    except rolekit.DataError as err:
        assert err.problems and all(str(p).startswith(str(err.problems[0].file)) for p in err.problems)
    else:
        assert set(rolekit.validate.REQUIRED) <= set(df.columns) and len(df) > 0
