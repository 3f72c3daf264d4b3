"""The checked CSV reader (rolekit.reader): odd paths and files, encodings, separators, quoting, line numbers,
spreadsheet quirks, and the fast path that returns exactly what the exact path does."""

import csv
import io
import os
import zipfile

import pandas as pd
import pytest
from conftest import BUNDLED_CSV, HEADER, problems, run, same_frames
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolekit
from rolekit import reader as rio
from rolekit.validate import RESPONSIBILITIES, weight_numbers

SAVE = "save it as 'CSV UTF-8 (Comma delimited) (*.csv)' (Excel: File > Save As) and load that file"
NEEDS = "it needs a header line naming role, responsibility, scope, horizon, then one row per responsibility"


# -- Paths and files that are not a table -------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.csv"
    assert problems(path) == [f"FILE: file not found; check the name and the folder (looked in {tmp_path})"]
    for other in ("r3_bad.csv", "a.csv", "team.csv"):
        (tmp_path / other).write_text(HEADER)
    assert problems(tmp_path / "36_unbalanced.csv")[0].endswith(f"(looked in {tmp_path})")  # nothing like it
    assert problems(tmp_path / "b.csv")[0].endswith(f"(looked in {tmp_path})")  # alike only in '.csv'
    assert problems(tmp_path / "Teem.csv")[0].endswith("(did you mean 'team.csv'?)")


def test_folder_instead_of_file(tmp_path):
    assert problems(tmp_path) == ["FILE: is a folder, not a CSV file; give the path of the .csv file inside it"]


def test_odd_paths_get_clear_messages(tmp_path, monkeypatch):
    with pytest.raises(rolekit.DataError, match="''"):
        rolekit.load_responsibilities("")
    with pytest.raises(rolekit.DataError, match=r"the path is too long \(3\d\d characters"):
        rolekit.load_responsibilities("x" * 300 + ".csv")
    (tmp_path / "file.csv").write_text(HEADER + "CEO,a,internal,daily\n")
    with pytest.raises(rolekit.DataError, match="a part of this path is a file, not a folder"):
        rolekit.load_responsibilities(tmp_path / "file.csv" / "x.csv")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert len(rolekit.load_responsibilities("~/file.csv")) == 1
    with pytest.raises(rolekit.DataError, match=r"file not found.*did you mean 'file.csv'"):
        rolekit.load_responsibilities(tmp_path / "flie.csv")


@pytest.mark.parametrize("given", [pd.DataFrame({"role": ["CEO"]}), ["a.csv"], 3])
def test_the_python_api_names_what_it_got_instead_of_a_path(given):
    with pytest.raises(TypeError, match="expected the path of a CSV file"):
        rolekit.load_responsibilities(given)


def test_bytes_paths_work(tmp_path):
    (tmp_path / "t.csv").write_text(HEADER + "CEO,a,internal,daily\n")
    assert len(rolekit.load_responsibilities(os.fsencode(tmp_path / "t.csv"))) == 1


@pytest.mark.slow
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done = run("validate", str(fifo), timeout=30)
    assert done.returncode == 1 and "is not a regular file" in done.stderr


@pytest.mark.slow
def test_a_device_is_refused_at_once(tmp_path):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    done = run("validate", str(link), timeout=30)
    assert done.returncode == 1 and "is not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path, monkeypatch):
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(rio.MAX_BYTES + 1)  # sparse: takes no disk
    with pytest.raises(rolekit.DataError, match=r"MB; rolekit reads tables of up to 512 MB"):
        rolekit.load_responsibilities(big)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\n  \n", b",,,\n,,,\n"])
def test_empty_file(table, content):
    assert problems(table(content)) == [f"FILE: the file is empty; {NEEDS}"]


def test_header_but_no_rows(table):
    assert problems(table(HEADER + "\n,,,\n")) == [
        "FILE: has a header but no data rows; add one row per responsibility"
    ]


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
    [found] = problems(table(content, "team.csv"))
    assert found.startswith(f"FILE: this is {what}, not a CSV text file; "), found
    if "OpenDocument" in what:  # the program that made it says how: not Excel's menu
        assert "save it from LibreOffice (File > Save As, file type 'Text CSV (.csv)'" in found and "Excel" not in found
    else:
        assert found.endswith(SAVE)


def test_a_program_saved_as_csv_is_called_a_program(table):
    [found] = problems(table(b"\x7fELF\x02\x01\x01" + bytes(200), "team.csv"))
    assert found == (
        "FILE: this is a program (an executable file), not a CSV text file; is this the right file? give the "
        "table's .csv file"
    )


def test_a_numbers_file_is_told_how_numbers_exports_csv(table):
    [found] = problems(table(_zip(["Index/Document.iwa", "Metadata/Properties.plist"]), "team.csv"))
    assert found == (
        "FILE: this is an Apple Numbers spreadsheet (.numbers), not a CSV text file; export it from Numbers (File > "
        "Export To > CSV, text encoding 'Unicode (UTF-8)') and load that file"
    )


def test_a_web_page_saved_as_csv(table):
    assert problems(table("\n<!DOCTYPE html>\n<html><body>a shared sheet</body></html>\n", "sheet.csv")) == [
        "FILE: this is a web page (HTML), not a CSV file; download the table as CSV "
        f"(Google Sheets: File > Download > Comma-separated values) or {SAVE}"
    ]


def test_utf16_without_a_byte_order_mark(table):
    for encoding in ("utf-16-le", "utf-16-be"):
        assert problems(table((HEADER + "CEO,a,internal,daily\n").encode(encoding)))[0].startswith(
            "FILE: this is UTF-16 text without a byte-order mark"
        )


def test_a_nul_byte_after_the_first_64_kb(table):
    content = (HEADER + "CEO,a,internal,daily\n" * 5000).encode() + b"\x00" + b"CEO,b,internal,daily\n"
    assert len(content) > 65536
    assert problems(table(content))[0].startswith("FILE: this is a binary file")


# -- Encodings -----------------------------------------------------------------------------------


def test_legacy_encoding_names_line_column_and_character(table):
    path = table(
        (HEADER + "CEO,Café visits,internal,daily\nCOO,ok,internal,daily\nCOO,naïve,internal,daily\n").encode("cp1252")
    )
    assert problems(path) == [
        "FILE:2: column 'responsibility': byte 0xE9 is not UTF-8 text (probably 'é' in a legacy encoding such as "
        f"Windows-1252); 1 more line holds such bytes (4); rolekit reads UTF-8: {SAVE}",
    ]


@pytest.mark.parametrize(("encoding", "called"), [("cp1252", "Windows-1252"), ("mac_roman", "Mac OS Roman")])
def test_a_whole_file_in_a_legacy_encoding_gets_one_message_naming_its_letter(table, encoding, called):
    rows = "".join(f"CEO,Gère la stratégie {i},internal,daily\n" for i in range(600))
    found = problems(table((HEADER + rows).encode(encoding)))
    assert found == [
        "FILE:2: column 'responsibility': byte 0x" + "è".encode(encoding).hex().upper() + " is not UTF-8 text "
        f"(probably 'è' in a legacy encoding such as {called}); 599 more lines hold such bytes (3, 4, 5, 6, 7 and "
        f"594 more); rolekit reads UTF-8: {SAVE}"
    ]


def test_a_legacy_byte_is_reported_and_the_rest_still_checked(table):
    path = table((HEADER + "CEO,Café visits,internal,daily\nCOO,ok,inside,daily\n").encode("cp1252"))
    found = problems(path)
    assert found[0].startswith("FILE:2: column 'responsibility': byte 0xE9 is not UTF-8 text (probably 'é'")
    assert (
        found[1]
        == "FILE:3: column 'scope': 'inside' is not allowed; allowed: internal, external (did you mean 'internal'?)"
    )


# -- Separators ----------------------------------------------------------------------------------


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
        f"FILE:1: the columns are separated by {separator}, not commas; {SAVE}, "
        "or choose ',' as the field separator when exporting"
    ]


def test_excel_separator_line_must_say_comma(table):
    assert problems(table("sep=;\nrole;responsibility;scope;horizon\n")) == [
        f"FILE:1: the file declares ';' as its separator, not a comma; {SAVE}"
    ]


@pytest.mark.parametrize(("line", "said"), [("sep=\t", "a tab"), ("sep=;", "';'"), ("sep=|", "'|'")])
def test_a_separator_hint_names_the_separator(table, line, said):
    assert problems(table(line + "\n" + HEADER))[0].startswith(
        f"FILE:1: the file declares {said} as its separator, not a comma"
    )


def test_excel_separator_line_and_old_mac_line_ends(table):
    df = rolekit.load_responsibilities(table("sep=,\r" + HEADER.replace("\n", "\r") + "CEO,a,internal,daily\r"))
    assert df["responsibility"].tolist() == ["a"]


# -- Rows, quoting and line numbers --------------------------------------------------------------


def test_rows_with_too_many_or_too_few_fields(table):
    assert problems(
        table(HEADER + "CEO,Sets vision, mission and goals,internal,long-term\nCOO,Runs operations,internal\n")
    ) == [
        "FILE:2: row has 5 fields but the header has 4; a value that contains a comma must be put in double quotes",
        "FILE:3: row has 3 fields but the header has 4 (missing: horizon); every row needs a value for each column",
    ]


def test_unclosed_quote_is_pointed_at(table):
    assert problems(table(HEADER + 'CEO,"Sets vision,internal,daily\nCOO,Runs operations,internal,daily\n')) == [
        "FILE:2: row has 2 fields but the header has 4 (missing: scope, horizon); every row needs a value for each "
        "column (this row runs on to line 3: an opening double quote without its closing one?)",
    ]


def test_an_unclosed_quote_in_a_large_file_is_reported_where_it_opens(table):
    rows = "".join(f"COO,Runs operations {i},internal,daily\n" for i in range(2000))
    path = table(HEADER + 'CEO,"Sets vision,internal,daily\n' + rows + 'CFO,"Closes books",internal,daily\n')
    found = problems(path)
    assert found[0].startswith("FILE:2: a double quote opens on this line and is not closed until line 2003")
    assert all(":2:" in p or "FILE:2:" in p for p in found), found


def test_a_quoted_value_after_a_space_is_one_value(table):
    # Typed by hand rather than saved from a spreadsheet: a space before the opening quote.
    df = rolekit.load_responsibilities(
        table('role, responsibility, scope, horizon\nCEO, "Sets vision, mission and goals", internal, long-term\n')
    )
    assert df["responsibility"].tolist() == ["Sets vision, mission and goals"]


def test_quoted_commas_and_line_breaks_stay_in_the_value(table):
    df = rolekit.load_responsibilities(table(HEADER + 'CEO,"Sets vision, mission\nand goals",internal,long-term\n'))
    assert df["responsibility"].tolist() == ["Sets vision, mission\nand goals"]


def test_cells_longer_than_the_csv_modules_limit_are_accepted(table):
    long = "x" * 200_000
    df = rolekit.load_responsibilities(table(HEADER + f'CEO,"{long}",internal,daily\n'))
    assert df["responsibility"].str.len().tolist() == [200_000]


def test_line_numbers_count_blank_lines_and_multiline_cells(table):
    path = table(
        '\n\nrole,responsibility,scope,horizon\r\nCEO,"Two\r\nlines",internal,daily\r\n\r\nCOO,x,nowhere,daily\r\n'
    )
    assert problems(path) == ["FILE:7: column 'scope': 'nowhere' is not allowed; allowed: internal, external"]


# -- Headers and columns -------------------------------------------------------------------------


def test_a_title_row_above_the_header(table):
    assert problems(table("Responsibilities 2024,,,\n" + HEADER + "CEO,a,internal,daily\n")) == [
        "FILE:1: the header seems to be on line 2, not line 1: 'Responsibilities 2024' looks like a title; "
        "delete the line(s) above the header"
    ]


def test_spreadsheet_quirks_are_accepted(table):
    # Excel's byte-order mark, CRLF line ends, spaced and capitalised names and values,
    # blank lines, rows of empty cells and trailing empty columns.
    content = (
        "\ufeff Role ,RESPONSIBILITY, Scope,Horizon ,,\r\n\r\nceo,Sets the vision , Internal ,LONG-TERM,,\r\n"
        ",,,,,\r\nCEO,Talks to the press,external,Daily,,\r\n"
    )
    df = rolekit.load_responsibilities(table(content.encode("utf-8")))
    assert df.to_dict("list") == {
        "role": ["CEO", "CEO"],
        "responsibility": ["Sets the vision", "Talks to the press"],
        "scope": ["internal", "external"],
        "horizon": ["long-term", "daily"],
    }


def test_optional_and_extra_columns(table):
    content = (
        "role,responsibility,scope,horizon,Theme,notes\nCEO,a,internal,daily,Strategy,first\n"
        "COO,b,internal,daily,,second\nCOO,c,external,daily,strategy,\n"
    )
    df = rolekit.load_responsibilities(table(content))
    assert list(df.columns) == ["role", "responsibility", "scope", "horizon", "theme", "notes"]
    assert df["theme"].tolist()[::2] == ["strategy", "strategy"] and pd.isna(df["theme"][1])
    assert df["notes"].tolist() == ["first", "second", ""]


def test_unrelated_extra_columns_are_kept(table):
    df = rolekit.load_responsibilities(
        table("role,responsibility,scope,horizon,notes,owner since\nCEO,a,internal,daily,x,2024\n")
    )
    assert list(df.columns)[-2:] == ["notes", "owner since"]


# -- Reading never writes; any bytes give a table or a DataError ---------------------------------


def test_loading_never_writes_the_file(table):
    path = table(HEADER + "CEO,a,Internal,daily\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    path.chmod(0o444)
    rolekit.load_responsibilities(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


_cells = st.sampled_from(
    [
        "CEO",
        "coo",
        "internal",
        "External",
        "daily",
        "long-term",
        "x",
        "",
        " ",
        '"',
        '""',
        "a,b",
        ";",
        "\t",
        "é",
        "\r\n",
        "N/A",
        "\u200b",
        "\u0421",
        "\x1b",
        "\x00",
        "sep=",
        "\xa0",
        "theme",
        "R1",
        "r1",
    ]
)
_header = st.lists(
    st.sampled_from(
        ["role", "responsibility", "scope", "horizon", "id", "theme", "Themes", "source", "weight", "x", ""]
    ),
    min_size=3,
    max_size=7,
).map(",".join)
_tables = st.tuples(_header, st.lists(st.lists(_cells, max_size=8).map(",".join), max_size=8)).map(
    lambda t: (t[0] + "\n" + "\n".join(t[1])).encode()
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=300), _tables, st.text(max_size=200).map(str.encode)))
def test_the_loader_raises_only_data_error_and_never_changes_the_file(table, content):
    path = table(content)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    try:
        rolekit.load_responsibilities(path)
    except rolekit.DataError as err:
        assert err.problems and all(str(p).isprintable() for p in err.problems)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# -- The fast path -------------------------------------------------------------------------------

_valid_cells = st.sampled_from(
    [
        "CEO",
        "COO",
        "Chief of Staff",
        "Chief  of Staff",
        "Chief of\tStaff",
        "Chief\u00a0of Staff",
        "a task",
        "a, b",
        ' "q" ',
        "  spaced ",
        "N/A",
        "",
        "x\ny",
        "é",
        "👨\u200d💼",
    ]
)
# Ids as they go wrong: a trailing space, a full-width letter, another case, inner spaces, a zero-width space.
_ids = st.sampled_from(["R1", "R1 ", "Ｒ1", "r1", "R 1", "R  1", "R\u200b1", "R2", "R3", "", "N/A"])
_weights = st.sampled_from(["1", "2,5", "0.5", "1,000", "2,500,000", "1.000,5", "1 000", "0,500", "1e308", "-1", "x"])


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            _ids,
            _valid_cells,
            _valid_cells,
            st.sampled_from(["internal", "External ", " long-term"]),
            st.sampled_from(["daily", "long-term", "LONG-TERM"]),
            _valid_cells,
            _weights,
        ),
        max_size=8,
    ),
    columns=st.sampled_from(
        [
            ["role", "responsibility", "scope", "horizon", "section"],
            ["id", "role", "responsibility", "scope", "horizon", "theme"],
            ["role", "responsibility", "scope", "horizon", "source", "weight"],
            ["id", "role", "responsibility", "scope", "horizon", "theme", "weight"],
        ]
    ),
    quote_all=st.booleans(),
    crlf=st.booleans(),
    short=st.booleans(),
)
def test_the_fast_path_returns_exactly_what_the_exact_path_returns(rows, columns, quote_all, crlf, short):
    """Every rule, ids, inner whitespace and weights included, applies alike on both paths."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n" if crlf else "\n"
    )
    writer.writerow(columns)
    for row in rows:
        by_name = dict(zip(["id", "role", "responsibility", "scope", "horizon", "*", "weight"], row))
        cells = [by_name.get(c, by_name["*"]) for c in columns]
        writer.writerow(cells[:-1] if short and row is rows[-1] else cells)
    data = buffer.getvalue().encode()
    fast = rio._fast(data, RESPONSIBILITIES)
    try:
        exact = rio._exact("t.csv", data.decode(), RESPONSIBILITIES, [])[0]
    except rolekit.DataError:
        assert fast is None  # the fast path never accepts what the exact path refuses
        return
    if fast is not None:
        same_frames(rolekit.tidy(fast), rolekit.tidy(exact))
        if "weight" in exact:  # read as categories on the fast path, as text on the exact one: the same numbers
            pd.testing.assert_series_equal(weight_numbers(fast["weight"]), weight_numbers(exact["weight"]))


@pytest.mark.slow
@pytest.mark.parametrize("twin", ["R000001 ", "Ｒ000001", "r000001", "R000001\u200b", "R000001\t"], ids=repr)
def test_a_file_of_a_megabyte_or_more_applies_the_duplicate_id_rule(table, twin):
    rows = [f"R{i:06d},CEO,Sets the vision and the direction number {i},internal,daily\n" for i in range(1, 20000)]
    rows.append(f"{twin},COO,Runs the operations,internal,daily\n")
    path = table("id,role,responsibility,scope,horizon\n" + "".join(rows))
    assert path.stat().st_size >= rio.FAST_BYTES  # read by the fast path first
    assert problems(path) == [
        f"FILE:20001: column 'id': '{rolekit.text.clean(twin)}' is already used on line 2; each id must be unique"
    ]


def test_the_fast_path_is_taken_for_the_bundled_table():
    assert rio._fast(BUNDLED_CSV.read_bytes(), RESPONSIBILITIES) is not None
    same_frames(
        rolekit.tidy(rio._fast(BUNDLED_CSV.read_bytes(), RESPONSIBILITIES)),
        rolekit.tidy(rio._exact("t", BUNDLED_CSV.read_text(), RESPONSIBILITIES, [])[0]),
    )
