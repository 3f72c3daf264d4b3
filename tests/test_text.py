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


# -- Ordinary typography is text, not a control character ------------------------------------------

# Each as typed in real tables: French typography's narrow no-break space before a colon, a no-break space
# between words, a soft hyphen in a long word, emoji joined by a zero-width joiner, and an emoji newer than
# this Python's Unicode tables (U+1FAE8, Unicode 15), which it calls unassigned.
ORDINARY = [
    "Directeur\u202fgénéral\u202f: stratégie",
    "Head\u00a0of Sales",
    "Verantwortungs\u00adbereich",
    "👨\u200d💼 Chief of Staff",
    "❤\ufe0f\u200d🔥 Culture lead",
    "Shaking face \U0001fae8 lead",
    "می\u200cخواهم",  # Persian: the zero-width non-joiner is part of the spelling
]


@pytest.mark.parametrize("fast", [False, True], ids=["line by line", "fast path"])
def test_ordinary_typography_is_accepted_in_names_and_values(table, monkeypatch, fast):
    monkeypatch.setattr(rolekit.reader, "FAST_BYTES", 0 if fast else 2**40)
    rows = "".join(f'"{v}","{v}",internal,daily,"{v}",n{i}\n' for i, v in enumerate(ORDINARY))
    df = rolekit.load_responsibilities(table("role,responsibility,scope,horizon,theme,id\n" + rows))
    assert df["responsibility"].tolist() == ORDINARY  # free text is kept as written
    roles = df["role"].astype(str).tolist()
    assert roles[3] == "👨\u200d💼 Chief of Staff" and roles[4] == "❤\ufe0f\u200d🔥 Culture lead"  # one emoji each
    assert roles[6] == "می\u200cخواهم"
    assert roles[1] == "Head of Sales" and roles[2] == "Verantwortungsbereich"  # NFKC's space; the invisible hyphen
    assert df["theme"].astype(str).tolist() == roles
    assert rolekit.tidy(pd.DataFrame({"role": ORDINARY}))["role"].astype(str).tolist() == roles


@pytest.mark.parametrize(
    "value",
    [
        "CEO\x1b[2J",  # clears a terminal
        "C\u202eOEC",  # right-to-left override: shows the letters in another order
        "COO\x85",
        "CFO\x7f",
    ],
)
def test_real_control_characters_are_still_refused_in_names_and_values(table, value):
    found = problems(table(HEADER + f'"{value}",ok,internal,daily\nCEO,"a {value}",internal,daily\n'))
    char = next(c for c in value if not c.isprintable())
    escaped = (f"character (\\u{ord(char):04x})", f"character ({char.encode('unicode_escape').decode()})")
    assert len(found) == 2 and all(any(e in p for e in escaped) for p in found)  # as keys, as free text show it
    assert not any(c in p for p in found for c in "\x1b\u202e\x85\x7f")  # shown escaped, never raw
    with pytest.raises(rolekit.DataError, match="has a control character"):
        rolekit.tidy(pd.DataFrame({"role": [value]}))


# -- Inner whitespace ------------------------------------------------------------------------------


@pytest.mark.parametrize("fast", [False, True], ids=["line by line", "fast path"])
def test_inner_whitespace_in_names_is_collapsed(table, monkeypatch, fast):
    monkeypatch.setattr(rolekit.reader, "FAST_BYTES", 0 if fast else 2**40)
    spellings = ["Head of Sales", "Head of  Sales", "Head of\tSales", "Head\u00a0of Sales", " Head of   Sales "]
    rows = "".join(
        f'"{s}",task {i},internal,daily,"Go to  market","two  sources",R {i}\n' for i, s in enumerate(spellings)
    )
    df = rolekit.load_responsibilities(table("role,responsibility,scope,horizon,theme,source,id\n" + rows))
    assert list(df["role"].cat.categories) == ["Head of Sales"] and df["role"].nunique() == 1
    assert set(df["theme"]) == {"Go to market"} and set(df["source"]) == {"two sources"}
    assert rolekit.tidy(pd.DataFrame({"role": spellings, "theme": ["a  b", "a\tb", "a b", "a b", "a b"]}))[
        ["role", "theme"]
    ].nunique().tolist() == [1, 1]


@pytest.mark.parametrize("fast", [False, True], ids=["line by line", "fast path"])
def test_ids_differing_only_in_inner_whitespace_are_the_same_id(table, monkeypatch, fast):
    monkeypatch.setattr(rolekit.reader, "FAST_BYTES", 0 if fast else 2**40)
    path = table("id,role,responsibility,scope,horizon\nR 1,CEO,a,internal,daily\nR  1,CEO,b,internal,daily\n")
    assert problems(path) == ["FILE:3: column 'id': 'R 1' is already used on line 2; each id must be unique"]
