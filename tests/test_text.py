"""Text values as people type them (rolekit.text): placeholders, invisible and full-width characters,
look-alike letters, other scripts, control characters shown escaped."""

import pandas as pd
import pytest
from conftest import HEADER, problems

import rolekit


@pytest.mark.parametrize("placeholder", ["N/A", "n/a", "-", "nan", "None", "null", "?", "NULL", " N/A "])
def test_placeholders_in_required_cells_are_blank_cells(table, placeholder):
    assert problems(
        table(HEADER + f"{placeholder},Sets vision,internal,daily\nCEO,{placeholder},internal,daily\n")
    ) == [
        f"FILE:2: column 'role': holds '{placeholder.strip()}', which rolekit reads as a blank cell; "
        "every row needs one",
        f"FILE:3: column 'responsibility': holds '{placeholder.strip()}', which rolekit reads as a blank cell; "
        "every row needs one",
    ]


def test_placeholders_in_optional_cells_are_missing(table):
    df = rolekit.load_responsibilities(
        table("role,responsibility,scope,horizon,theme\nCEO,a,internal,daily,N/A\nCEO,b,internal,daily,strategy\n")
    )
    assert df["theme"].isna().tolist() == [True, False]
    assert rolekit.tidy(pd.DataFrame({"role": ["CEO", "n/a"], "scope": ["internal"] * 2, "horizon": ["daily"] * 2}))[
        "role"
    ].isna().tolist() == [False, True]


def test_invisible_characters_from_the_web_are_stripped_like_spaces(table):
    # A zero-width space before a header name and a no-break space after a value, as pasted from a web page.
    df = rolekit.load_responsibilities(
        table("role,\u200bresponsibility,scope,horizon\nCEO,Sets vision,internal\u00a0,\ufefflong-term\n")
    )
    assert df[["responsibility", "scope", "horizon"]].values.tolist() == [["Sets vision", "internal", "long-term"]]


def test_invisible_and_full_width_characters_make_no_new_role(table):
    df = rolekit.load_responsibilities(
        table(
            HEADER + "C\u200bEO,a,internal,daily\nCEO,b,internal,daily\n"
            "\uff23\uff25\uff2f,c,internal,daily\nC\u00adEO,d,internal,daily\n"
        )
    )
    assert df["role"].tolist() == ["CEO"] * 4 and list(df["role"].cat.categories) == ["CEO"]
    assert rolekit.tidy(pd.DataFrame({"role": ["C\u200bEO", "CEO"]}))["role"].nunique() == 1


def test_look_alike_letters_are_refused_shown_escaped(table):
    assert problems(table(HEADER + "\u0421EO,a,internal,daily\n")) == [
        "FILE:2: column 'role': '\\u0421EO' has the Cyrillic letter \\u0421 among Latin letters: it looks like 'C' "
        "but is another character; retype it (did you mean 'CEO'?)"
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
        "FILE:2: column 'role': 'CEO\\x1b[31m' has a control character (\\u001b), which does not print; "
        "delete it and retype the value",
        "FILE:3: column 'responsibility': 'b\\x07' has a control character (\\x07), which does not print; delete it",
    ]
    assert not any("\x1b" in p or "\x07" in p for p in found)
