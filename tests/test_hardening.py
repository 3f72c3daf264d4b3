"""Issue 7: every table gives the right numbers or a clear error, whatever its dtypes, bytes or quirks."""

import os
import random
import stat
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import HEADER, problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolekit
from rolekit import reader as rio
from rolekit.cli import main
from rolekit.output import MANIFEST, Output
from rolekit.validate import RESPONSIBILITIES

BUNDLED = rolekit.bundled("data/responsibilities.csv")
ANALYSES = {
    "profile": rolekit.profile,
    "positions": rolekit.positions,
    "overlap.pairs": lambda d: rolekit.overlap(d).pairs,
    "overlap.differences": lambda d: rolekit.overlap(d).differences,
    "support": lambda d: rolekit.source_agreement(d).support,
    "contradictions": lambda d: rolekit.source_agreement(d).contradictions,
    "tally": lambda d: rolekit.tally(d).reset_index(),
}


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    plain = lambda f: f.astype(
        {c: "object" for c in f.columns if isinstance(f[c].dtype, pd.CategoricalDtype)}
    ).reset_index(drop=True)
    pd.testing.assert_frame_equal(plain(a), plain(b), check_dtype=False)


# -- Wrong numbers, silently -------------------------------------------------------------


@pytest.mark.parametrize("name", ANALYSES)
def test_read_csv_with_category_dtype_gives_the_loaders_numbers(name):
    loaded = rolekit.load_responsibilities()
    alphabetical = pd.read_csv(BUNDLED, dtype="category")  # categories in alphabetical order: external before internal
    assert list(alphabetical["scope"].cat.categories) == ["external", "internal"]
    _same(ANALYSES[name](alphabetical), ANALYSES[name](loaded))


def test_the_issues_example_coo_strategy_is_internal():
    place = rolekit.positions(pd.read_csv(BUNDLED, dtype="category")).set_index(["theme", "role"])
    assert place.loc[("strategy", "COO"), "external"] == 0


@pytest.mark.parametrize("seed", range(5))
def test_any_dtype_and_any_category_order_give_the_same_numbers(seed):
    rng = random.Random(seed)
    loaded = rolekit.load_responsibilities()
    plain = pd.read_csv(BUNDLED, dtype=str, keep_default_na=False)
    mixed = plain.copy()
    for col in ["role", "scope", "horizon", "theme", "source"]:
        values = sorted(mixed[col].unique())
        rng.shuffle(values)
        mixed[col] = pd.Categorical(mixed[col], categories=values + ["unused"] * (col != "scope" and col != "horizon"))
    string = plain.astype("string")
    for name, analysis in ANALYSES.items():
        for other in (plain, mixed, string):
            if name in ("tally", "profile"):  # the rows are the roles, in the table's order: compare by role
                key = "role"
                _same(
                    analysis(other).sort_values([key, *analysis(other).columns[1:2]]).reset_index(drop=True),
                    analysis(loaded).sort_values([key, *analysis(loaded).columns[1:2]]).reset_index(drop=True),
                )
            else:
                left, right = analysis(other), analysis(loaded)
                cols = list(left.columns)
                _same(
                    left.astype(str).sort_values(cols).reset_index(drop=True),
                    right.astype(str).sort_values(cols).reset_index(drop=True),
                )


@pytest.mark.parametrize("bad", ["inside", "Both", "INTERNALLY"])
def test_a_categorical_column_with_a_value_not_allowed_is_refused_like_plain_text(bad):
    df = pd.read_csv(BUNDLED, dtype="category")
    df["scope"] = df["scope"].cat.add_categories([bad])
    df.loc[3, "scope"] = bad
    with pytest.raises(
        rolekit.DataError, match=f"column 'scope': '{bad}' is not allowed \\(rows 3\\); allowed: internal, external"
    ):
        rolekit.profile(df)
    with pytest.raises(rolekit.DataError, match=f"'{bad}' is not allowed"):
        rolekit.profile(df.astype({"scope": str}))


def test_upper_case_values_count_the_same_in_categoricals_and_text():
    df = pd.read_csv(BUNDLED, dtype=str)
    upper = df.assign(scope=df["scope"].str.upper())
    expected = rolekit.profile(df)
    _same(rolekit.profile(upper.astype({"scope": "category"})), expected)
    _same(rolekit.profile(upper), expected)


@pytest.mark.parametrize("placeholder", ["N/A", "n/a", "-", "nan", "None", "null", "?", "NULL", " N/A "])
def test_placeholders_in_required_cells_are_blank_cells(table, placeholder):
    assert problems(
        table(HEADER + f"{placeholder},Sets vision,internal,daily\nCEO,{placeholder},internal,daily\n")
    ) == [
        f"FILE:2: column 'role': holds '{placeholder.strip()}', which rolekit reads as a blank cell; every row needs one",
        f"FILE:3: column 'responsibility': holds '{placeholder.strip()}', which rolekit reads as a blank cell; every row needs one",
    ]


def test_placeholders_in_optional_cells_are_missing(table):
    df = rolekit.load_responsibilities(
        table("role,responsibility,scope,horizon,theme\nCEO,a,internal,daily,N/A\nCEO,b,internal,daily,strategy\n")
    )
    assert df["theme"].isna().tolist() == [True, False]
    assert rolekit.tidy(pd.DataFrame({"role": ["CEO", "n/a"], "scope": ["internal"] * 2, "horizon": ["daily"] * 2}))[
        "role"
    ].isna().tolist() == [False, True]


def test_invisible_and_full_width_characters_make_no_new_role(table):
    df = rolekit.load_responsibilities(
        table(
            HEADER
            + "C\u200bEO,a,internal,daily\nCEO,b,internal,daily\n\uff23\uff25\uff2f,c,internal,daily\nC\u00adEO,d,internal,daily\n"
        )
    )
    assert df["role"].tolist() == ["CEO"] * 4 and list(df["role"].cat.categories) == ["CEO"]
    assert rolekit.tidy(pd.DataFrame({"role": ["C\u200bEO", "CEO"]}))["role"].nunique() == 1


def test_look_alike_letters_are_refused_shown_escaped(table):
    assert problems(table(HEADER + "\u0421EO,a,internal,daily\n")) == [
        "FILE:2: column 'role': '\\u0421EO' has the Cyrillic letter \\u0421 among Latin letters: it looks like 'C' but is another "
        "character; retype it (did you mean 'CEO'?)"
    ]
    with pytest.raises(rolekit.DataError, match=r"'\\u0421EO' has the Cyrillic letter \\u0421"):
        rolekit.profile(pd.DataFrame({"role": ["\u0421EO"], "scope": ["internal"], "horizon": ["daily"]}))


def test_a_role_wholly_in_another_script_is_fine(table):
    df = rolekit.load_responsibilities(
        table(HEADER + "Генеральный директор,a,internal,daily\nمدير العمليات,b,internal,daily\n")
    )
    assert list(df["role"].cat.categories) == ["Генеральный директор", "مدير العمليات"]


def test_escape_codes_are_reported_escaped_and_never_reach_the_terminal(table):
    path = table(HEADER + "CEO\x1b[31m,a,internal,daily\nCOO,b\x07,internal,daily\n")
    found = problems(path)
    assert found == [
        "FILE:2: column 'role': 'CEO\\x1b[31m' has a control character (\\u001b), which does not print; delete it and retype the value",
        "FILE:3: column 'responsibility': 'b\\x07' has a control character (\\x07), which does not print; delete it",
    ]
    assert not any("\x1b" in p or "\x07" in p for p in found)


# -- Every problem in one pass ------------------------------------------------------------


def test_a_legacy_byte_is_reported_and_the_rest_still_checked(table):
    path = table((HEADER + "CEO,Café visits,internal,daily\nCOO,ok,inside,daily\n").encode("cp1252"))
    found = problems(path)
    assert found[0].startswith("FILE:2: column 'responsibility': byte 0xE9 is not UTF-8 text (probably 'é'")
    assert (
        found[1]
        == "FILE:3: column 'scope': 'inside' is not allowed; allowed: internal, external (did you mean 'internal'?)"
    )


def test_an_unclosed_quote_in_a_large_file_is_reported_where_it_opens(table):
    rows = "".join(f"COO,Runs operations {i},internal,daily\n" for i in range(2000))
    path = table(HEADER + 'CEO,"Sets vision,internal,daily\n' + rows + 'CFO,"Closes books",internal,daily\n')
    found = problems(path)
    assert found[0].startswith("FILE:2: a double quote opens on this line and is not closed until line 2003")
    assert all(":2:" in p or "FILE:2:" in p for p in found), found


def test_cells_longer_than_the_csv_modules_limit_are_accepted(table):
    long = "x" * 200_000
    df = rolekit.load_responsibilities(table(HEADER + f'CEO,"{long}",internal,daily\n'))
    assert df["responsibility"].str.len().tolist() == [200_000]


@pytest.mark.parametrize(
    ("column", "meant"),
    [("Themes", "theme"), ("Sources", "source"), ("Theme\u00a0 ", None), ("SECTIONS", "section"), ("Thme", "theme")],
)
def test_a_near_miss_of_an_optional_column_is_refused_with_a_did_you_mean(table, column, meant):
    path = table(f"role,responsibility,scope,horizon,{column}\nCEO,a,internal,daily,strategy\n")
    if meant is None:  # the no-break space is stripped like any space: it is the theme column
        assert rolekit.load_responsibilities(path)["theme"].tolist() == ["strategy"]
        return
    assert problems(path) == [
        f"FILE:1: column '{column.lower()}': is not a column rolekit knows, but looks like its optional column '{meant}' "
        f"(did you mean '{meant}'?); rename it '{meant}' to use it, or give it a name unlike {meant} if it holds something else"
    ]


def test_unrelated_extra_columns_are_kept(table):
    df = rolekit.load_responsibilities(
        table("role,responsibility,scope,horizon,notes,owner since\nCEO,a,internal,daily,x,2024\n")
    )
    assert list(df.columns)[-2:] == ["notes", "owner since"]


def test_a_title_row_above_the_header(table):
    assert problems(table("Responsibilities 2024,,,\n" + HEADER + "CEO,a,internal,daily\n")) == [
        "FILE:1: the header seems to be on line 2, not line 1: 'Responsibilities 2024' looks like a title; delete the line(s) above the header"
    ]


def test_a_header_with_a_note_in_brackets_gets_a_hint(table):
    found = problems(table("role,responsibility,Scope (internal/external),horizon\nCEO,a,internal,daily\n"))
    assert found[0] == (
        "FILE:1: column 'scope': required column is missing; the header must name role, responsibility, scope, horizon "
        "(the header has 'scope (internal/external)': did you mean 'scope'?)"
    )


@pytest.mark.parametrize(("line", "said"), [("sep=\t", "a tab"), ("sep=;", "';'"), ("sep=|", "'|'")])
def test_a_separator_hint_names_the_separator(table, line, said):
    assert problems(table(line + "\n" + HEADER))[0].startswith(
        f"FILE:1: the file declares {said} as its separator, not a comma"
    )


def test_utf16_without_a_byte_order_mark(table):
    for encoding in ("utf-16-le", "utf-16-be"):
        assert problems(table((HEADER + "CEO,a,internal,daily\n").encode(encoding)))[0].startswith(
            "FILE: this is UTF-16 text without a byte-order mark"
        )


def test_a_nul_byte_after_the_first_64_kb(table):
    content = (HEADER + "CEO,a,internal,daily\n" * 5000).encode() + b"\x00" + b"CEO,b,internal,daily\n"
    assert len(content) > 65536
    assert problems(table(content))[0].startswith("FILE: this is a binary file")


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


# -- Never hang, never crash, never overwrite ---------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "rolekit", "validate", str(fifo)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 1 and "is not a regular file" in done.stderr


def test_a_device_is_refused_at_once(tmp_path):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "rolekit", "validate", str(link)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 1 and "is not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path, monkeypatch):
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(rio.MAX_BYTES + 1)  # sparse: takes no disk
    with pytest.raises(rolekit.DataError, match=r"MB; rolekit reads tables of up to 512 MB"):
        rolekit.load_responsibilities(big)


def test_printing_to_a_cp1252_terminal_never_crashes(table):
    paths = [table(HEADER + "مدير 😀,a,internal,daily\n", "a.csv"), table(HEADER + "CEO,a,inside,daily\n", "b.csv")]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [sys.executable, "-m", "rolekit", "validate", *map(str, paths)], capture_output=True, env=env, timeout=60
    )
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"\\u0645" in done.stdout and b"b.csv:2: column 'scope'" in done.stderr  # the second file was still checked


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
        == f"{tmp_path / 'scope_horizon.png'}: is a folder where rolekit would write a file; choose another --out, or move it away\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere: permissions cannot be tested as root")
def test_a_folder_without_write_permission(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    assert main(["figures", "--out", str(locked / "figs")]) == 1
    assert "no permission to write" in capsys.readouterr().err


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


def test_ownership_is_the_manifest_not_the_contents(tmp_path):
    made = Output(tmp_path, ["chart.svg"])
    made.write_text("chart.svg", "<svg><!-- rolekit figures --></svg>")
    assert Output(tmp_path, ["chart.svg"]).owns("chart.svg")
    (tmp_path / "chart.svg").write_text("<svg><!-- rolekit figures: edited by hand --></svg>")
    with pytest.raises(rolekit.DataError, match="was not made by rolekit"):
        Output(tmp_path, ["chart.svg"])
    (tmp_path / "mine.ipynb").write_text(
        '{"metadata": {"papermill": {}}}'
    )  # a notebook papermill once ran is still mine
    with pytest.raises(rolekit.DataError, match="mine.ipynb: exists and was not made by rolekit"):
        Output(tmp_path, ["mine.ipynb"])
    assert (tmp_path / MANIFEST).is_file()


def test_a_user_notebook_run_by_papermill_is_not_overwritten(tmp_path):
    (tmp_path / "03_overlaps.ipynb").write_text(
        '{"cells": [], "metadata": {"papermill": {"parameters": {}}}, "nbformat": 4, "nbformat_minor": 5}'
    )
    with pytest.raises(rolekit.DataError, match="03_overlaps.ipynb: exists and was not made by rolekit"):
        rolekit.seminar.run_series(out=str(tmp_path))


# -- Empty tables ---------------------------------------------------------------------------

EMPTY = {
    "no rows": rolekit.load_responsibilities().iloc[0:0],
    "filtered to none": (lambda d: d[d["role"] == "nobody"])(rolekit.load_responsibilities()),
    "every role blank": rolekit.load_responsibilities().assign(role=None),
    "plain, no rows": pd.DataFrame(columns=["role", "responsibility", "scope", "horizon", "theme", "source"]),
}


@pytest.mark.parametrize("case", EMPTY)
def test_analyses_of_an_empty_table_are_empty(case):
    df = EMPTY[case]
    assert rolekit.profile(df).empty and rolekit.positions(df).empty and rolekit.overlap(df).pairs.empty
    assert rolekit.source_agreement(df).support.empty and len(rolekit.listing(df)) == len(df)
    assert rolekit.tally(df).loc["total", "total"] == 0


@pytest.mark.parametrize("case", EMPTY)
@pytest.mark.parametrize("chart", list(rolekit.CHARTS))
def test_charts_of_an_empty_table_raise_data_error_and_show_says_so(case, chart):
    with pytest.raises(rolekit.DataError, match="nothing to draw"):
        rolekit.CHARTS[chart](EMPTY[case])
    note = rolekit.show(rolekit.CHARTS[chart], EMPTY[case])
    assert note.data.startswith("**Not shown here:** the table has ")


# -- Properties -----------------------------------------------------------------------------

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


_valid_cells = st.sampled_from(
    ["CEO", "COO", "Chief of Staff", "a task", "a, b", ' "q" ', "  spaced ", "N/A", "", "x\ny", "é"]
)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            _valid_cells,
            _valid_cells,
            st.sampled_from(["internal", "External ", " long-term"]),
            st.sampled_from(["daily", "long-term", "LONG-TERM"]),
            _valid_cells,
        ),
        max_size=8,
    ),
    quote_all=st.booleans(),
    crlf=st.booleans(),
    short=st.booleans(),
)
def test_the_fast_path_returns_exactly_what_the_exact_path_returns(rows, quote_all, crlf, short):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(
        buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n" if crlf else "\n"
    )
    writer.writerow(["role", "responsibility", "scope", "horizon", "section"])
    for row in rows:
        writer.writerow(row[:4] if short and row is rows[-1] else row)
    data = buffer.getvalue().encode()
    fast = rio._fast(data, RESPONSIBILITIES)
    try:
        exact = rio._exact("t.csv", data.decode(), RESPONSIBILITIES, [])[0]
    except rolekit.DataError:
        assert fast is None  # the fast path never accepts what the exact path refuses
        return
    if fast is not None:
        _same(rolekit.tidy(fast), rolekit.tidy(exact))


def test_the_fast_path_is_taken_for_the_bundled_table():
    assert rio._fast(BUNDLED.read_bytes(), RESPONSIBILITIES) is not None
    _same(
        rolekit.tidy(rio._fast(BUNDLED.read_bytes(), RESPONSIBILITIES)),
        rolekit.tidy(rio._exact("t", BUNDLED.read_text(), RESPONSIBILITIES, [])[0]),
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["CEO", "COO", "CFO", " ceo", "Chief of Staff"]),
            st.sampled_from(["internal", "external", "Internal"]),
            st.sampled_from(["daily", "long-term"]),
            st.sampled_from(["strategy", "finance", "people", None]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.randoms(use_true_random=False),
)
def test_analyses_give_the_same_numbers_for_text_and_categorical_input(rows, rnd):
    plain = pd.DataFrame(rows, columns=["role", "scope", "horizon", "theme"]).assign(source="s")
    categorical = plain.copy()
    for col in ["role", "scope", "horizon", "theme"]:
        values = list(plain[col].dropna().unique())
        rnd.shuffle(values)
        categorical[col] = pd.Categorical(plain[col], categories=values)
    for name in ("positions", "overlap.pairs", "contradictions"):
        left, right = ANALYSES[name](plain), ANALYSES[name](categorical)
        key = lambda f: sorted(map(str, f.astype(str).values.tolist()))  # noqa: E731
        assert key(left) == key(right), name
    p, c = rolekit.profile(plain), rolekit.profile(categorical)
    assert sorted(map(tuple, p.astype(str).values)) == sorted(map(tuple, c.astype(str).values))
    assert np.isclose(p["count"].sum(), c["count"].sum())
