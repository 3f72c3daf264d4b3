"""Loading: the bundled table from anywhere, spreadsheet quirks, any roles."""

import subprocess
import sys

import pandas as pd
from conftest import HEADER

import rolekit

CATEGORICAL = ["role", "scope", "horizon", "theme", "source"]


def test_bundled_table_is_tidy_and_categorical():
    df = rolekit.load_responsibilities()
    assert list(df.columns) == ["id", "role", "responsibility", "scope", "horizon", "theme", "source", "section"]
    assert all(isinstance(df[c].dtype, pd.CategoricalDtype) for c in CATEGORICAL)
    assert list(df["role"].cat.categories) == ["CEO", "COO"]
    assert list(df["scope"].cat.categories) == ["internal", "external"]
    assert list(df["horizon"].cat.categories) == ["daily", "long-term"]
    assert list(df["theme"].cat.categories) == rolekit.load_themes()["theme"].tolist()
    assert list(df["source"].cat.categories) == rolekit.load_sources()["id"].tolist()
    assert df["id"].is_unique and df.notna().all().all()


def test_bundled_table_loads_from_any_working_directory(tmp_path):
    code = "import rolekit; df = rolekit.load_responsibilities(); print(len(df), df['role'].nunique())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(len(rolekit.load_responsibilities())), "2"]


def test_spreadsheet_quirks_are_accepted(table):
    # Excel's byte-order mark, CRLF line ends, spaced and capitalised names and values,
    # blank lines, rows of empty cells and trailing empty columns.
    content = "\ufeff Role ,RESPONSIBILITY, Scope,Horizon ,,\r\n\r\nceo,Sets the vision , Internal ,LONG-TERM,,\r\n,,,,,\r\nCEO,Talks to the press,external,Daily,,\r\n"
    df = rolekit.load_responsibilities(table(content.encode("utf-8")))
    assert df.to_dict("list") == {
        "role": ["CEO", "CEO"],
        "responsibility": ["Sets the vision", "Talks to the press"],
        "scope": ["internal", "external"],
        "horizon": ["long-term", "daily"],
    }


def test_invisible_characters_from_the_web_are_stripped_like_spaces(table):
    # A zero-width space before a header name and a no-break space after a value, as pasted from a web page.
    df = rolekit.load_responsibilities(
        table("role,\u200bresponsibility,scope,horizon\nCEO,Sets vision,internal\u00a0,\ufefflong-term\n")
    )
    assert df[["responsibility", "scope", "horizon"]].values.tolist() == [["Sets vision", "internal", "long-term"]]


def test_excel_separator_line_and_old_mac_line_ends(table):
    df = rolekit.load_responsibilities(table("sep=,\r" + HEADER.replace("\n", "\r") + "CEO,a,internal,daily\r"))
    assert df["responsibility"].tolist() == ["a"]


def test_a_quoted_value_after_a_space_is_one_value(table):
    # Typed by hand rather than saved from a spreadsheet: a space before the opening quote.
    df = rolekit.load_responsibilities(
        table('role, responsibility, scope, horizon\nCEO, "Sets vision, mission and goals", internal, long-term\n')
    )
    assert df["responsibility"].tolist() == ["Sets vision, mission and goals"]


def test_quoted_commas_and_line_breaks_stay_in_the_value(table):
    df = rolekit.load_responsibilities(table(HEADER + 'CEO,"Sets vision, mission\nand goals",internal,long-term\n'))
    assert df["responsibility"].tolist() == ["Sets vision, mission\nand goals"]


def test_other_roles_load_in_order_of_first_appearance_after_known_ones(table):
    content = (
        HEADER
        + "Chief of Staff,Runs the CEO's office,internal,daily\nCFO,Reports results to investors,external,daily\nCOO,Runs operations,internal,daily\nCTO,Sets the technology roadmap,internal,long-term\n"
    )
    df = rolekit.load_responsibilities(table(content))
    assert list(df["role"].cat.categories) == ["COO", "Chief of Staff", "CFO", "CTO"]
    assert df["role"].tolist() == ["Chief of Staff", "CFO", "COO", "CTO"]


def test_a_table_without_ceo_or_coo_loads(table):
    df = rolekit.load_responsibilities(
        table(HEADER + "Head Chef,Plans the menu,internal,long-term\nMaître d',Greets guests,external,daily\n")
    )
    assert list(df["role"].cat.categories) == ["Head Chef", "Maître d'"]


def test_role_spellings_differing_in_case_become_one(table):
    df = rolekit.load_responsibilities(
        table(HEADER + "cfo,a,internal,daily\nCFO,b,internal,daily\nCFO,c,internal,daily\nceo,d,internal,daily\n")
    )
    assert df["role"].tolist() == ["CFO", "CFO", "CFO", "CEO"]  # most used spelling; a known role keeps its own


def test_optional_and_extra_columns(table):
    content = "role,responsibility,scope,horizon,Theme,notes\nCEO,a,internal,daily,Strategy,first\nCOO,b,internal,daily,,second\nCOO,c,external,daily,strategy,\n"
    df = rolekit.load_responsibilities(table(content))
    assert list(df.columns) == ["role", "responsibility", "scope", "horizon", "theme", "notes"]
    assert df["theme"].tolist()[::2] == ["strategy", "strategy"] and pd.isna(df["theme"][1])
    assert df["notes"].tolist() == ["first", "second", ""]


def test_loading_never_writes_the_file(table):
    path = table(HEADER + "CEO,a,Internal,daily\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    path.chmod(0o444)
    rolekit.load_responsibilities(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_tidy_turns_plain_frames_into_categoricals():
    plain = pd.DataFrame(
        {"role": ["CMO", " COO"], "scope": ["External", "internal"], "horizon": ["daily", "long-term"]}
    )
    df = rolekit.tidy(plain)
    assert list(df["role"].cat.categories) == ["COO", "CMO"]
    assert df["scope"].tolist() == ["external", "internal"]
    assert plain["scope"].tolist() == ["External", "internal"]  # the caller's frame is untouched


def test_reference_tables():
    assert rolekit.load_roles().columns.tolist() == ["role", "title", "reports_to", "description"]
    assert rolekit.load_themes().columns.tolist() == ["theme", "definition"]
    assert rolekit.load_sources().columns.tolist() == ["id", "title", "kind", "covers", "file"]
