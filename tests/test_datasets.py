"""The bundled tables and their loaders (rolekit.datasets): tidy, found from any folder, and the synthetic class
with its key beside it."""

import subprocess
import sys

import pandas as pd
from make_synthetic_class import synthetic_class

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


def test_reference_tables():
    assert rolekit.load_roles().columns.tolist() == ["role", "title", "reports_to", "description"]
    assert rolekit.load_themes().columns.tolist() == ["theme", "definition", "about_deciding"]
    assert rolekit.decision_themes() == ["governance", "decisions"]
    assert rolekit.load_sources().columns.tolist() == ["id", "title", "kind", "covers", "file"]


def test_the_bundled_synthetic_class_is_what_its_script_makes(tmp_path):
    sheet = rolekit.worksheet(rolekit.load_responsibilities(), n=16, seed=2026)
    pd.testing.assert_frame_equal(pd.read_csv(rolekit.SYNTHETIC_KEY, dtype=str), sheet.key.astype(str))
    made = synthetic_class(sheet, 12, seed=7).fillna("")
    pd.testing.assert_frame_equal(
        pd.read_csv(rolekit.SYNTHETIC_CLASS, dtype=str, keep_default_na=False), made.astype(str)
    )
    assert made["participant"].str.endswith("(synthetic)").all()


def test_the_synthetic_class_finds_its_key_as_any_returned_sheets_do():
    assert rolekit.SYNTHETIC_CLASS.parent / "key" / "answer_key.csv" == rolekit.SYNTHETIC_KEY
    found = rolekit.score_sheets(rolekit.SYNTHETIC_CLASS)  # no key given: looked for beside the class
    given = rolekit.score_sheets(rolekit.SYNTHETIC_CLASS, rolekit.SYNTHETIC_KEY)
    pd.testing.assert_frame_equal(found.agreement, given.agreement)
    assert found.participants["participant"].nunique() == 12
