"""The rules a table's header and values must keep (rolekit.validate), and how DataError lists what breaks them:
each problem with its file, line and column, in the exact words a person sees."""

import pandas as pd
import pytest
from conftest import HEADER, problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolekit
from rolekit.validate import MissingColumns, require

# -- The header ----------------------------------------------------------------------------------


def test_missing_required_columns_with_did_you_mean(table):
    assert problems(table("Role,Responsibilty,horizon,notes\nCEO,Sets vision,long-term,x\n")) == [
        "FILE:1: column 'responsibility': required column is missing; the header must name role, responsibility, "
        "scope, horizon (the header has 'Responsibilty': did you mean 'responsibility'?)",
        "FILE:1: column 'scope': required column is missing; the header must name role, responsibility, scope, horizon",
    ]


@pytest.mark.parametrize(("written", "meant"), [("Scpoe", "scope"), ("Hoirzon", "horizon"), ("rloe", "role")])
def test_a_required_column_with_two_letters_swapped_gets_a_did_you_mean(table, written, meant):
    header = ",".join(written if c == meant else c for c in ["role", "responsibility", "scope", "horizon"])
    found = problems(table(f"{header},notes\nCEO,a,internal,daily,x\n"))
    assert found == [
        f"FILE:1: column '{meant}': required column is missing; the header must name role, responsibility, scope, "
        f"horizon (the header has '{written}': did you mean '{meant}'?)"
    ]


def test_duplicate_and_unnamed_columns(table):
    assert problems(table("role,responsibility,scope,horizon,Scope,\nCEO,a,internal,daily,external,x\n")) == [
        "FILE:1: column 'scope': appears twice in the header (columns 3 and 5); each column name must be unique",
        "FILE:1: column 6 holds values but has no name in the header; name it or delete it",
    ]


def test_a_header_with_a_note_in_brackets_gets_a_hint(table):
    found = problems(table("role,responsibility,Scope (internal/external),horizon\nCEO,a,internal,daily\n"))
    assert found[0] == (
        "FILE:1: column 'scope': required column is missing; the header must name role, responsibility, scope, horizon "
        "(the header has 'Scope (internal/external)': did you mean 'scope'?)"
    )


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
        f"FILE:1: column '{column}': is not a column rolekit knows, but looks like its optional column "
        f"'{meant}' (did you mean '{meant}'?); rename it '{meant}' to use it, or give it a name unlike {meant} if it "
        "holds something else"
    ]


# -- Values --------------------------------------------------------------------------------------


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


def test_a_pasted_header_and_a_totals_row_are_one_message_each(table):
    path = table(
        "Role,Responsibility,Scope,Horizon\nCEO,a,internal,daily\nRole,Responsibility,Scope,Horizon\n"
        "COO,b,inside,daily\nTotal,,,\n"
    )
    assert problems(path) == [
        "FILE:3: repeats the header (role, responsibility, scope, horizon): a second table pasted below the first? "
        "delete the line",
        "FILE:4: column 'scope': 'inside' is not allowed; allowed: internal, external (did you mean 'internal'?)",
        "FILE:5: looks like a spreadsheet's totals row ('Total', and no responsibility, scope or horizon): delete the "
        "line",
    ]


def test_a_column_named_like_an_optional_one_is_quoted_as_written(table):
    path = table("role,responsibility,scope,horizon,Weighting\nCEO,a,internal,daily,3\n")
    [found] = problems(path)
    assert found.startswith("FILE:1: column 'Weighting': is not a column rolekit knows, but looks like its optional")


def test_a_bad_weight_is_a_validation_error(table):
    path = table(
        "role,responsibility,scope,horizon,weight\nCEO,a,internal,daily,2\nCEO,b,internal,daily,-1\n"
        "COO,c,internal,daily,lots\nCOO,d,internal,daily,\n"
    )
    allowed = "allowed: a number of at least 0, such as 1, 2.5 or 0 (hours a week, a share of time, importance 1 to 5)"
    assert problems(path) == [
        f"FILE:3: column 'weight': '-1' is not a number of at least 0; {allowed}",
        f"FILE:4: column 'weight': 'lots' is not a number of at least 0; {allowed}",
        f"FILE:5: column 'weight': is blank; a table with a weight column needs a weight on every row; {allowed}",
    ]
    ok = rolekit.load_responsibilities(
        table("role,responsibility,scope,horizon,weight\nCEO,a,internal,daily,2.5\nCEO,b,internal,daily,0\n")
    )
    assert ok["weight"].tolist() == [2.5, 0.0]


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (
            "1,000",
            "is ambiguous: a comma before exactly three digits may separate thousands (1000) or be a decimal "
            "comma (1.000); write the number without a thousands separator, with a point for decimals (did you mean "
            "1000 or 1.000?)",
        ),
        ("12,500,000", "has commas between its thousands; write it without them (did you mean 12500000?)"),
        ("1,000.5", "mixes commas and points; write it without a thousands separator (did you mean 1000.5?)"),
        ("1.000,5", "mixes commas and points; write it without a thousands separator (did you mean 1000.5?)"),
        ("1\u202f000", "has a space between its digits; write it without a thousands separator (did you mean 1000?)"),
        ("1'000", "has an apostrophe between its digits; write it without a thousands separator (did you mean 1000?)"),
        ("50%", "has a percent sign; write the number alone, as every row does (did you mean 50?)"),
        ("12,5 %", "has a percent sign; write the number alone, as every row does (did you mean 12,5?)"),
        ("-5%", "is not a number of at least 0"),
    ],
)
def test_a_weight_that_could_be_read_two_ways_is_refused_with_both(table, cell, said):
    path = table(f'role,responsibility,scope,horizon,weight\nCEO,a,internal,daily,"{cell}"\n')
    allowed = "allowed: a number of at least 0, such as 1, 2.5 or 0 (hours a week, a share of time, importance 1 to 5)"
    assert problems(path) == [f"FILE:2: column 'weight': '{rolekit.text.shown(cell)}' {said}; {allowed}"]


def test_decimal_commas_that_can_mean_one_number_only_are_read(table):
    path = table(
        'role,responsibility,scope,horizon,weight\nCEO,a,internal,daily,"2,5"\nCEO,b,internal,daily,"0,500"\n'
        'CEO,c,internal,daily,"1,25"\nCEO,d,internal,daily,"1,2500"\n'
    )
    assert rolekit.load_responsibilities(path)["weight"].tolist() == [2.5, 0.5, 1.25, 1.25]


@pytest.mark.parametrize("cell", ["1.250", "2.000", "12.500"])
def test_in_a_column_of_decimal_commas_a_point_before_three_digits_is_refused_with_both_readings(table, cell):
    path = table(f'role,responsibility,scope,horizon,weight\nCEO,a,internal,daily,"1,5"\nCEO,b,internal,daily,{cell}\n')
    thousands, decimal = cell.replace(".", ""), cell.rstrip("0").rstrip(".")
    [found] = problems(path)
    assert found.startswith(f"FILE:3: column 'weight': '{cell}' is ambiguous: this column writes decimals with a comma")
    assert f"(did you mean {thousands} or {decimal}?)" in found
    plain = table(f"role,responsibility,scope,horizon,weight\nCEO,a,internal,daily,1.5\nCEO,b,internal,daily,{cell}\n")
    assert rolekit.load_responsibilities(plain)["weight"].tolist() == [1.5, float(cell)]  # points only: decimals


def test_points_between_thousands_are_refused_with_the_number_meant(table):
    path = table("role,responsibility,scope,horizon,weight\nCEO,a,internal,daily,12.500.000\n")
    [found] = problems(path)
    assert "'12.500.000' has points between its thousands; write it without them (did you mean 12500000?)" in found


@pytest.mark.parametrize("huge", ["1e308", "1.7e308", "1e309", "9e15"])
def test_weights_too_large_to_add_up_are_refused_before_any_sum(table, huge):
    path = table(
        f"role,responsibility,scope,horizon,weight\nCEO,a,external,daily,{huge}\nCOO,b,internal,daily,{huge}\n"
    )
    found = problems(path)
    assert len(found) == 2 and all("is too large: rolekit adds up weights of at most 10^15" in p for p in found)
    with pytest.raises(rolekit.DataError, match=r"needs a number from 0 to 10\^15 on every row \(rows 0, 1\)"):
        rolekit.findings(
            pd.DataFrame(
                {
                    "role": ["CEO", "COO"],
                    "scope": ["external", "internal"],
                    "horizon": ["daily"] * 2,
                    "weight": [float(huge)] * 2,
                }
            ),
            "profile",
        )


@settings(max_examples=300, deadline=None)
@given(
    number=st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3)),
    style=st.sampled_from(["{:,.3f}", "{:,.0f}", "{:.3f}", "{:.2f}", "{:,.1f}", "{:.0f}", "european", "{:,}"]),
)
def test_a_weight_is_read_as_the_number_written_or_refused_never_as_another(number, style):
    if style == "european":  # 1.234.567,891: points between thousands, a decimal comma
        cell = f"{number:,.3f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        meant = float(cell.replace(".", "").replace(",", "."))
    else:
        cell = style.format(number)
        meant = float(cell.replace(",", ""))
    read = rolekit.validate.weight_numbers(pd.Series([cell])).iloc[0]
    assert pd.isna(read) or read == meant, cell


def test_a_long_bad_cell_is_shown_cut_saying_how_long_it_was(table):
    cell = "inside" * 35000  # 210 KB in one cell
    found = problems(table(HEADER + f"CEO,a,{cell},daily\n"))
    assert len(found) == 1 and len(found[0]) < 1000
    assert found[0].startswith("FILE:2: column 'scope': 'insideinside") and "(a cell of 210,000 characters)" in found[0]
    with pytest.raises(rolekit.DataError) as caught:
        rolekit.tidy(pd.DataFrame({"role": ["CEO"], "scope": [cell]}))
    assert len(str(caught.value)) < 1000 and "210,000 characters" in str(caught.value)


def test_duplicate_ids_ignore_case_and_blank_ids(table):
    path = table(
        "id,role,responsibility,scope,horizon\nR1,CEO,a,internal,daily\nR2,CEO,b,internal,daily\n"
        "r1,COO,c,internal,daily\n,COO,d,internal,daily\n"
    )
    assert problems(path) == [
        "FILE:4: column 'id': 'r1' is already used on line 2; each id must be unique",
        "FILE:5: column 'id': is blank; every row needs a unique id (or delete the id column)",
    ]


# -- Every problem, in one message ----------------------------------------------------------------


def test_every_problem_is_listed_in_line_order(table):
    path = table("role,responsibility,scope,horizon\n\nCEO,a,inside,daily\nCOO,b,internal\n,c,external,yearly\n")
    assert problems(path) == [
        "FILE:3: column 'scope': 'inside' is not allowed; allowed: internal, external (did you mean 'internal'?)",
        "FILE:4: row has 3 fields but the header has 4 (missing: horizon); every row needs a value for each column",
        "FILE:5: column 'role': is blank; every row needs one",
        "FILE:5: column 'horizon': 'yearly' is not allowed; allowed: daily, long-term",
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


def test_a_missing_column_is_an_error_that_carries_the_columns_and_their_purpose():
    with pytest.raises(MissingColumns) as caught:
        require(pd.DataFrame({"role": ["CEO"], "scope": ["internal"]}), ["role", "theme", "source"], "to do a thing")
    assert (caught.value.columns, caught.value.purpose) == (["theme", "source"], "to do a thing")
    assert isinstance(caught.value, rolekit.DataError)
    assert [str(p) for p in caught.value.problems] == [
        "table: column 'theme': is missing; it is needed to do a thing. The table has: role, scope",
        "table: column 'source': is missing; it is needed to do a thing. The table has: role, scope",
    ]


_cells = st.sampled_from(
    ["CEO", "coo", "internal", "External", "daily", "long-term", "x", "", " ", '"', '""', "a,b", ";", "\t", "é", "\r\n"]
)
_text_tables = st.lists(st.lists(_cells, max_size=6).map(",".join), max_size=6).map(
    lambda rows: HEADER + "\n".join(rows)
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=200), _text_tables.map(str.encode), st.text(max_size=200).map(str.encode)))
def test_any_input_loads_or_raises_data_error(table, content):
    try:
        df = rolekit.load_responsibilities(table(content))
    except rolekit.DataError as err:
        assert err.problems and all(str(p).startswith(str(err.problems[0].file)) for p in err.problems)
    else:
        assert set(rolekit.validate.REQUIRED) <= set(df.columns) and len(df) > 0


@pytest.mark.parametrize(
    ("typo", "flagged"),
    [
        ("Managing Directr", True),  # a letter dropped
        ("Managing Dierctor", True),  # two swapped
        ("Managing Directors", True),  # one added
        ("managing director", False),  # case alone: the loader makes them one role already
        ("Managing Director 2", False),  # a number: another role
        ("Marketing Director", False),  # more than one letter
    ],
)
def test_a_role_one_typo_from_a_commoner_role_gets_a_note_and_the_table_stays_valid(tmp_path, capsys, typo, flagged):
    from rolekit.cli import main
    from rolekit.validate import look_alike_roles

    rows = ["Managing Director,Sets the plan,internal,long-term"] * 3 + [f"{typo},Signs the accounts,internal,daily"]
    rows += ["CEO,Meets investors,external,daily", "COO,Runs the plants,internal,daily"]  # short names: never
    path = tmp_path / "team.csv"
    path.write_text("role,responsibility,scope,horizon\n" + "\n".join(rows) + "\n")
    notes = look_alike_roles(rolekit.load_responsibilities(path))
    said = (
        f"role '{typo}' (1 row) is one letter from 'Managing Director' (3 rows): if they are one role, spell them "
        "the same"
    )
    assert notes == ([said] if flagged else [])
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ([f"{path}: note: {said}"] if flagged else [])


def test_a_table_with_one_required_column_and_a_bad_cell_is_told_so_not_a_crash(table):
    found = problems(table("role\n\x01"))  # found by the property test: one column, so no totals row to look for
    assert found[-1] == (
        "FILE:2: column 'role': '\\x01' has a control character (\\u0001), which does not print; delete it and "
        "retype the value"
    )
