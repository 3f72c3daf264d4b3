"""What more than one test file needs: tables written to a temporary folder, their problems, the command line,
frame comparison, the tables the chart tests draw, the notebooks, and a hand-made class for the tagging exercise.

Test files import the helpers by name (``from conftest import HEADER, problems``); fixtures need no import.
"""

import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # charts draw off-screen, on any machine

import numpy as np
import pandas as pd
import pytest

import rolekit
from rolekit.seminar import DECK, notebooks

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # tests import the scripts to check what they write

HEADER = "role,responsibility,scope,horizon\n"
BUNDLED_CSV = rolekit.bundled("data/responsibilities.csv")  # the bundled table's file, for reading it other ways


def pytest_collection_modifyitems(items):
    """The test files that run a series or drive a browser first, each file's tests still together and in order.

    On the workers of ``make test`` (pytest-xdist, a file to a worker, in this order: ``--no-loadscope-reorder``,
    as xdist would otherwise put the files with most tests first) the long files then start at once and the short
    ones fill in after them, so that the workers finish together instead of one waiting on a long file.
    """
    long = {item.path for item in items if item.get_closest_marker("series") or item.get_closest_marker("browser")}
    items.sort(key=lambda item: item.path not in long)  # a stable sort: files keep their order within each group


# -- Tables in files, and what is wrong with them ----------------------------------------------


@pytest.fixture
def table(tmp_path):
    """Write text or bytes to ``table.csv`` (or ``name``) in a temporary folder."""

    def write(content, name="table.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return write


def errors(load, path) -> list[str]:
    """The problems ``load(path)`` reports, as a person reads them; it must raise DataError."""
    with pytest.raises(rolekit.DataError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def problems(path) -> list[str]:
    """The problems loading ``path`` as responsibilities reports, with the path itself shown as FILE."""
    return [p.replace(str(path), "FILE", 1) for p in errors(rolekit.load_responsibilities, path)]


def run(*args, cwd=None, **options) -> subprocess.CompletedProcess:
    """Run ``python -m rolekit ARGS`` in a process of its own and capture what it prints (as text, unless
    ``text=False``); ``options`` go to :func:`subprocess.run`."""
    return subprocess.run(
        [sys.executable, "-m", "rolekit", *args], capture_output=True, **{"text": True, "cwd": cwd, **options}
    )


def same_frames(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Assert two frames hold the same values in the same order, whatever their dtypes and index."""

    def plain(f):
        categorical = {c: "object" for c in f.columns if isinstance(f[c].dtype, pd.CategoricalDtype)}
        return f.astype(categorical).reset_index(drop=True)

    pd.testing.assert_frame_equal(plain(a), plain(b), check_dtype=False)


# Tables with no responsibility to count or draw, reached in the ways a person reaches one.
EMPTY = {
    "no rows": rolekit.load_responsibilities().iloc[0:0],
    "filtered to none": (lambda d: d[d["role"] == "nobody"])(rolekit.load_responsibilities()),
    "every role blank": rolekit.load_responsibilities().assign(role=None),
    "plain, no rows": pd.DataFrame(columns=["role", "responsibility", "scope", "horizon", "theme", "source"]),
}


# -- The articles, for tests that read what a citation points to ------------------------------

SOURCES = ROOT.parent / "shared" / "sources"  # the four articles, beside the repository (see ../shared/sources)
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason=f"the source articles are not at {SOURCES}")


def passage(source: str, section: str) -> str:
    """The text, in lower case, of the place ``section`` cites in article ``source``.

    ``paragraph N`` is that paragraph; a heading path runs from its last heading to the
    next heading any table cites (the articles' headings are plain lines, so where a
    section ends is read from the citations).
    """
    files = rolekit.load_sources().set_index("id")["file"]
    lines = (SOURCES / files[source]).read_text().splitlines()
    number = re.fullmatch(r"paragraph (\d+)", section)
    if number:
        return [line for line in lines[1:] if line.strip()][int(number[1]) - 1].lower()
    heads = [line.strip().lstrip("•").strip().rstrip(":").strip().lower() for line in lines]
    cited = {
        (part.rstrip("…").lower(), part.endswith("…"))
        for name in ("responsibilities", "decisions", "tensions", "coo_type_echoes")
        for where in pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str)["section"].dropna()
        for part in where.split(" > ")
    }

    def heading(line: str) -> bool:
        return any(line.startswith(c) if cut else line == c for c, cut in cited)

    at = 0
    for part in section.split(" > "):
        cut, wanted = part.endswith("…"), part.rstrip("…").lower()
        at = next(i for i, h in enumerate(heads[at:], at) if (h.startswith(wanted) if cut else h == wanted)) + 1
    end = next((i for i, h in enumerate(heads[at:], at) if h and heading(h)), len(lines))
    return "\n".join(lines[at:end]).lower()


# -- The tables the chart tests draw -----------------------------------------------------------


def four_roles(n=4) -> pd.DataFrame:
    """The bundled rows, n times over, dealt out to four roles; no source column."""
    big = pd.concat([rolekit.load_responsibilities()] * n, ignore_index=True)
    roles = np.array(["CEO", "COO", "CFO", "Chief of Staff"])[np.arange(len(big)) * 7 % 4]
    return big.drop(columns=["source", "id"]).assign(role=roles)


# Role names as organisations write them, up to 40 characters long.
NAMES = [
    "Chief Executive Officer",
    "Chief Operating Officer",
    "Head of Strategy & Planning",
    "Chief Financial Officer",
    "Vice President, Global Sales & Partners.",
    "Chief People and Culture Officer",
    "Head of Legal, Risk and Compliance",
    "Director of Customer Experience",
    "Chief Technology Officer",
    "Head of Supply Chain & Logistics",
    "Chief of Staff to the CEO",
    "General Counsel and Company Secretary",
]
assert max(map(len, NAMES)) == 40


def generated(
    roles: int, themes: int = 10, source_per_row: bool = False, rows: int = 96, seed: int = 0, names: list | None = None
) -> pd.DataFrame:
    """A random table of ``roles`` of the ``names`` (NAMES by default) and ``themes`` themes (the bundled ten, or
    numbered ones); ``source_per_row``: every row its own source."""
    rng = np.random.default_rng(seed)
    people = NAMES if names is None else names
    names = (
        rolekit.load_themes()["theme"].tolist() if themes == 10 else [f"theme number {i + 1}" for i in range(themes)]
    )
    return pd.DataFrame(
        {
            "role": np.array(people[:roles])[np.arange(rows) % roles],
            "responsibility": [f"task {i}" for i in range(rows)],
            "scope": rng.choice(["internal", "external"], rows),
            "horizon": rng.choice(["daily", "long-term"], rows),
            "theme": rng.choice(names, rows),
            "source": [f"O*NET task {i}" for i in range(rows)]
            if source_per_row
            else rng.choice(["careers", "blog", "relationship", "titles"], rows),
        }
    )


# Other names for a table's roles, unlike the articles' and up to 40 characters: no CEO, no COO.
OTHER_NAMES = [
    "Managing Director",
    "Head of Operations and Service Delivery",
    "Finance Lead",
    "People & Culture Partner",
    "Head of Sales, Europe and Middle East",
    "Legal Counsel",
    "Customer Success Manager",
    "Head of Engineering",
    "Procurement Officer",
    "Facilities and Safety Coordinator",
    "Marketing Director",
    "Data Protection Officer",
]
assert max(map(len, OTHER_NAMES)) <= 40

_COUNTED = {
    "theme": "themes",
    "role": "roles",
    "responsibility": "responsibilities",
    "source": "sources",
    "decision": "decisions",
    "participant": "participants",
    "item": "items",
    "question": "questions",
}


def sentence_faults(text: str, roles: list[str]) -> list[str]:
    """What is wrong with a computed sentence about a table of ``roles``: a role the table lacks, "both" said of more
    than two roles, a plural that does not agree with its number, Python shown to people."""
    faults = []
    for bundled in ("CEO", "COO"):  # "a COO" and "takes the X as the COO" speak of the role, not of the table's
        named = re.search(rf"(?<!\ba )(?<!\bas the )\b{bundled}\b", text)
        if named and bundled not in roles and not any(bundled in r for r in roles):
            faults.append(f"names the {bundled}, which the table lacks")
    if len(roles) > 2 and re.search(r"\bboth (roles|of them)\b|\bthe themes both\b", text):
        faults.append("says 'both' of more than two roles")
    for one, many in _COUNTED.items():
        if re.search(rf"(?<![\d.,])1 {many}\b", text):
            faults.append(f"'1 {many}'")
        if re.search(rf"\b(0|[2-9]|\d\d+) {one}\b(?!-)", text):
            faults.append(f"a number above 1 with '{one}'")
    if re.search(r"\b\w+\(s\)", text):
        faults.append("a '(s)' plural")
    if re.search(r"\bthe the\b", text, flags=re.IGNORECASE):
        faults.append("'the The ...': an article before a name that has its own")
    if re.search(r"\b[Oo]f the 1 \w+", text):
        faults.append("'of the 1 ...'")
    if re.search(r"\(\w+,\)|\bnan%|\bTrue\b|\bFalse\b|\bnan\b", text):
        faults.append("Python shown to people")
    return faults


@pytest.fixture
def close_figures(monkeypatch):
    """Fail a test whose chart calls ``plt.show()``, and close every figure after it.

    Chart test files use it for every test: ``pytestmark = pytest.mark.usefixtures("close_figures")``.
    """
    import matplotlib.pyplot as plt

    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("charts must not call plt.show()"))
    yield
    plt.close("all")


# -- The notebooks -------------------------------------------------------------------------------

SERIES = [p for p in notebooks() if p.name != DECK]  # the numbered notebooks, without the slide deck


def code_cells(nb) -> list:
    """The code cells of a notebook read by nbformat."""
    return [c for c in nb.cells if c.cell_type == "code"]


# -- The tagging exercise: a hand-made class with known answers ----------------------------------

KEY = pd.DataFrame(
    {
        "item": ["Q01", "Q02", "Q03", "Q04"],
        "responsibility": ["Sets vision", "Runs ops", "Meets investors", "Hires"],
        "role": ["CEO", "COO", "CEO", "COO"],
        "scope": ["internal", "internal", "external", "internal"],
        "horizon": ["long-term", "daily", "daily", "long-term"],
    }
)

RIGHT = [
    ("Q01", ("CEO", "internal", "long-term")),
    ("Q02", ("COO", "internal", "daily")),
    ("Q03", ("CEO", "external", "daily")),
    ("Q04", ("COO", "internal", "long-term")),
]


def write_sheet(
    folder, name, answers, participant="", header=("participant", "item", "role", "scope", "horizon"), encoding="utf-8"
) -> Path:
    """Write a returned sheet ``folder/NAME.csv``: the participant's name on the first row, then ``answers``,
    (item, (answer, ...)) pairs."""
    rows = [",".join(header)] + [
        ",".join([participant if i == 0 else "", item, *a]) for i, (item, a) in enumerate(answers)
    ]
    path = folder / f"{name}.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode(encoding))
    return path


@pytest.fixture
def room(tmp_path):
    """A folder of three returned sheets, with the answer key where ``rolekit worksheet`` puts it.

    Ana answers as the key does; Ben answers every horizon daily; Cleo gives Q01 to the COO
    and writes her answers in other cases and with spaces.
    """
    folder = tmp_path / "sheets"
    folder.mkdir()
    write_sheet(folder, "a", RIGHT, "Ana")
    write_sheet(folder, "b", [(i, (r, s, "daily")) for i, (r, s, _) in RIGHT], "Ben")  # every horizon daily
    write_sheet(
        folder, "c", [(i, (" coo " if i == "Q01" else r.lower(), s.upper(), h)) for i, (r, s, h) in RIGHT], "Cleo"
    )  # Q01 role wrong
    (tmp_path / "key").mkdir()
    KEY.to_csv(tmp_path / "key" / "answer_key.csv", index=False)
    return folder
