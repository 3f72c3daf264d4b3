"""The bundled data: conforms to its schema, covers the articles, traces back to them."""

import json
import re
from pathlib import Path

import frictionless
import pytest

import rolekit
from rolekit.validate import ALLOWED, REQUIRED

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCES = ROOT.parent / "shared" / "sources"
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason=f"the source articles are not at {SOURCES}")


@pytest.fixture(scope="module")
def df():
    return rolekit.load_responsibilities()


def test_data_package_is_valid_including_foreign_keys():
    report = frictionless.validate(DATA / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_schema_and_rolekit_agree_on_the_rules():
    fields = {f["name"]: f for f in json.loads((DATA / "datapackage.json").read_text())["resources"][0]["schema"]["fields"]}
    for column, allowed in ALLOWED.items():
        assert fields[column]["constraints"]["enum"] == list(allowed)
    assert all(fields[c]["constraints"]["required"] for c in REQUIRED)


def test_table_covers_every_article_both_roles_and_every_cell(df):
    assert len(df) > 60
    assert set(df["source"]) == set(rolekit.load_sources()["id"])
    assert set(df["role"]) == {"CEO", "COO"}
    cells = df.groupby(["scope", "horizon"], observed=False).size()
    assert (cells > 0).all(), cells
    assert set(df["theme"]) == set(rolekit.load_themes()["theme"])


def test_responsibilities_are_short_and_start_with_a_capital(df):
    assert df["responsibility"].str.len().max() <= 100
    assert df["responsibility"].str.match(r"[A-Z]").all()


def test_the_documented_contradiction_is_in_the_data(df):
    # One article gives strategic planning to the COO, the others give strategy to the CEO.
    row = df.set_index("id").loc["R047"]
    assert (row["role"], row["theme"], row["horizon"]) == ("COO", "strategy", "long-term")


def _heading_lines(text: str) -> list[str]:
    return [line.strip().lstrip("•").strip().rstrip(":").strip().lower() for line in text.splitlines()]


@needs_sources
def test_every_section_is_found_in_its_article(df):
    files = rolekit.load_sources().set_index("id")["file"]
    for source, section in df[["source", "section"]].drop_duplicates().itertuples(index=False):
        text = (SOURCES / files[source]).read_text()
        paragraph = re.fullmatch(r"paragraph (\d+)", section)
        if paragraph:
            paragraphs = [line for line in text.splitlines()[1:] if line.strip()]
            assert int(paragraph[1]) <= len(paragraphs), (source, section)
            continue
        lines, at = _heading_lines(text), 0
        for part in section.split(" > "):
            cut = part.endswith("…")
            wanted = part.rstrip("…").lower()
            found = [i for i, line in enumerate(lines[at:], at) if (line.startswith(wanted) if cut else line == wanted)]
            assert found, f"{source}: heading {part!r} of {section!r} is not in {files[source]}"
            at = found[0] + 1


@needs_sources
def test_the_articles_match_sources_csv():
    assert sorted(rolekit.load_sources()["file"]) == sorted(p.name for p in SOURCES.glob("*.txt"))


def test_codebook_examples_quote_their_rows(df):
    rows = df.set_index("id")["responsibility"]
    text = (DATA / "README.md").read_text()
    cited = re.findall(r"\b(R\d{3}), \*([^*]+)\*", text) + [(i, q) for q, i in re.findall(r"\*([^*]+)\*\s+\((R\d{3})\)", text)]
    assert len(cited) >= 8
    for row_id, quote in cited:
        assert rows[row_id].lower().startswith(" ".join(quote.split()).rstrip(".").lower()), (row_id, quote)
    for row_id in set(re.findall(r"\bR\d{3}\b", text)):
        assert row_id in rows.index


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@needs_sources
def test_no_sentence_is_copied_from_the_articles():
    # The same rule as the before-stop hook: no run of 8 words from an article.
    runs = set()
    for article in SOURCES.glob("*.txt"):
        words = _words(article.read_text(errors="ignore"))
        runs.update(" ".join(words[i:i + 8]) for i in range(len(words) - 7))
    ours = [p for pattern in ("data/*", "notebooks/*", "rolekit/*.py", "*.md") for p in ROOT.glob(pattern) if p.suffix in {".csv", ".md", ".py", ".ipynb", ".json"}]
    copied = {}
    for path in ours:
        words = _words(path.read_text(errors="ignore"))
        hits = [" ".join(words[i:i + 8]) for i in range(len(words) - 7) if " ".join(words[i:i + 8]) in runs]
        if hits:
            copied[path.relative_to(ROOT).as_posix()] = hits[0]
    assert not copied
