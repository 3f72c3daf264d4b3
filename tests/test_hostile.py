"""Hostile values in a user's table (tests of the adversarial sweep, issue 16): text is drawn and shown as text.

A `$` in a name is never a formula in a chart; a name that is Markdown or HTML never becomes a tag, a link or
emphasis in a notebook, a handout or the deck; and the whole kit built from a table of such names holds no active
element and no `javascript:` link anywhere.
"""

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import ROOT
from matplotlib.text import Text
from PIL import Image

import rolekit
from rolekit.charts import CHARTS, render
from rolekit.charts._base import figure_of
from rolekit.cli import main
from rolekit.findings import TOPICS
from rolekit.output import Output

pytestmark = pytest.mark.usefixtures("close_figures")

# Text a chart must draw as written: dollars that would open and close a formula, and one that would not parse.
DOLLARS = ["Approves spend over $50k and up to $1M", "$\\badcommand{$", "CEO $x^2$"]


def _dollar_table(roles: int) -> pd.DataFrame:
    df = rolekit.load_responsibilities()
    names = DOLLARS[:roles]
    return df.assign(
        role=[names[i % roles] for i in range(len(df))],
        theme=df["theme"].astype(str).map(lambda t: f"{t} ($)"),
        responsibility=df["responsibility"].astype(str) + " for $5",
    )


def _texts(ax) -> list[Text]:
    figure = figure_of(ax)
    figure.draw_without_rendering()  # tick labels and legends exist once laid out
    return [t for t in figure.findobj(Text) if t.get_text()]


@pytest.mark.slow
@pytest.mark.parametrize("roles", [1, 2, 3], ids=lambda n: f"{n} roles")  # 2 and 3 roles: Venn diagrams
@pytest.mark.parametrize("name", list(CHARTS))
def test_dollars_in_user_text_are_drawn_as_text_in_every_chart(name, roles):
    if (name, roles) == ("theme_differences", 1):  # no theme two roles hold: the chart says so instead of drawing
        with pytest.raises(rolekit.DataError, match="nothing to draw"):
            CHARTS[name](_dollar_table(roles))
        return
    ax = CHARTS[name](_dollar_table(roles))
    for fmt in ("png", "svg", "pdf"):
        assert render(ax, fmt)  # "$\badcommand{$" as a formula would raise here
    texts = _texts(ax)
    assert not [t.get_text() for t in texts if t._preprocess_math(t.get_text())[1]]  # no text read as mathtext
    shown = " ".join(t.get_text() for t in texts)
    assert "$" in shown  # drawn as characters


@pytest.mark.slow
def test_dollars_are_text_in_the_comparison_raci_and_exercise_charts():
    articles = rolekit.load_responsibilities()
    drawn = [rolekit.plot_compare(articles, _dollar_table(2))]
    decisions = rolekit.load_decisions()
    decisions = decisions.assign(role=decisions["role"].astype(str).replace({"CEO": DOLLARS[1], "COO": DOLLARS[0]}))
    drawn.append(rolekit.plot_raci(decisions))
    for ax in drawn:
        assert render(ax, "png")
        texts = _texts(ax)
        assert not [t.get_text() for t in texts if t._preprocess_math(t.get_text())[1]]
        assert any("$" in t.get_text() for t in texts)
    raci = " ".join(t.get_text() for t in _texts(drawn[1]))
    assert "Approves spend over $50k" in raci.replace("\n", " ")


# -- Names that are markup: shown as text in notebooks, handouts and slides -------------------------

# A tag with a handler, a javascript: link, emphasis, a heading, an entity, a formula, an autolink.
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(2))",
    "**x**",
    "# Head",
    "<script>alert(3)</script>",
    "&lt;b&gt;",
    "$x$",
    "<javascript:alert(4)>",
]
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link", "frame"}


class Active(HTMLParser):
    """What a browser would run or load in a piece of HTML: active tags, event handlers, javascript: links."""

    def __init__(self, allowed: set[str] = frozenset()):
        super().__init__(convert_charrefs=True)
        self.allowed, self.found, self.tags = allowed, [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ACTIVE_TAGS - self.allowed:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (
                value or ""
            ).strip().lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value}>")


def active(html: str, allowed: set[str] = frozenset()) -> list[str]:
    parser = Active(allowed)
    parser.feed(html)
    parser.close()
    return parser.found


def _hostile_table() -> pd.DataFrame:
    df = rolekit.load_responsibilities()
    return df.assign(
        role=[HOSTILE[i % 3] for i in range(len(df))],
        theme=[HOSTILE[3 + i % 5] for i in range(len(df))],
        source=df["source"].astype(str).map(lambda s: f"<b>{s}</b>"),
    )


def test_the_checker_finds_what_it_must():
    assert active("<p><img src=x onerror=alert(1)></p>") == ["<img onerror=...>"]
    assert active('<a href=" javascript:alert(2)">x</a><script>1</script>') == [
        "<a href= javascript:alert(2)>",
        "<script>",
    ]
    assert active("<p>&lt;img src=x onerror=alert(1)&gt;</p>") == []


def _html(markdown: str) -> str:
    """The HTML nbconvert makes of ``markdown`` in a handout (imported here: only these tests need nbconvert)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(markdown)


@pytest.mark.slow
@pytest.mark.parametrize("topic", TOPICS)
def test_takeaways_of_hostile_names_render_as_text(topic):
    df = _hostile_table()
    text = rolekit.takeaways(df, topic)
    html = _html(text)
    assert active(html) == [] and not {"a", "img", "strong", "em", "h1", "code"} & set(_tags(html)), html
    plain = BeautifulText.text(html)
    for sentence in rolekit.findings(df, topic)["text"]:  # a reader sees the sentence as findings wrote it
        assert " ".join(sentence.split()) in plain


def test_show_escapes_every_sentence_and_note_it_renders_as_markdown():
    df = _hostile_table()
    for shown in (
        rolekit.show(lambda d: f"The {HOSTILE[0]} and {HOSTILE[1]} hold **it**", df),  # any computed sentence
        rolekit.show(rolekit.takeaways, df, topic="data"),
        rolekit.show(rolekit.compare_summary, rolekit.load_responsibilities(), after=df),
        rolekit.show(rolekit.plot_scope_horizon, df.assign(scope=HOSTILE[0])),  # a note quoting the bad value
        rolekit.show(lambda d: rolekit.tidy(d.assign(scope=HOSTILE[1])), df),
    ):
        html = _html(shown.data)
        assert active(html) == [] and not {"a", "img", "em", "h1"} & set(_tags(html)), shown.data
    note = rolekit.show(rolekit.plot_scope_horizon, df.assign(scope=HOSTILE[0])).data
    assert note.startswith("**Not shown here:**") and "&lt;img src=x onerror=alert(1)&gt;" in note


@pytest.mark.slow
def test_chart_alt_text_is_escaped_wherever_it_is_written():
    df = _hostile_table()
    chart = rolekit.show(rolekit.plot_scope_horizon, df)
    assert "<img src=x onerror=alert(1)>" in chart.alt  # the alt text itself is the plain title
    assert "<img" not in Image.open(io.BytesIO(chart.png)).info["Description"]  # a PNG's text is shown as found
    assert "<img" not in render(rolekit.plot_scope_horizon(df), "pdf").decode("latin-1")


def _tags(html: str) -> list[str]:
    parser = Active()
    parser.feed(_ANCHOR.sub("", html))
    return parser.tags


# The link nbconvert gives each heading to itself: a fragment of the page, whatever the heading says.
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"<>]*">(\u00b6|&#182;)</a>')


class BeautifulText(HTMLParser):
    """The text of a piece of HTML, as a reader sees it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    @classmethod
    def text(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join("".join(parser.parts).split())


# -- The whole kit built from a table of hostile names --------------------------------------------

REVEAL = ROOT / ".venv" / "share" / "reveal.js-4.6.0"  # where the Makefile puts it
ROLES = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(2))", "**x**", "CEO"]
THEMES = ["<script>alert(3)</script>", "# Head", "$x$ & <b>bold</b>", "<javascript:alert(4)>", "strategy"]


def _write_hostile(path: Path) -> Path:
    rows = [
        {
            "role": ROLES[i % len(ROLES)],
            "responsibility": f"Duty {i} <iframe src=javascript:alert(5)></iframe> [link](javascript:alert(6))",
            "scope": ["internal", "external"][i % 2],
            "horizon": ["daily", "long-term"][(i // 2) % 2],
            "theme": THEMES[(i // 3) % len(THEMES)],
        }
        for i in range(40)
    ]
    pd.DataFrame(rows).to_csv(path, index=False)  # no source column: the bundled table's source chart must go
    return path


class Elements(HTMLParser):
    """Every active element of a page, with what makes it active: for comparing a page with the template's own."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.text, self._script = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._script = attrs.get("src") or ""
        elif tag in ACTIVE_TAGS | {"a", "img", "area", "input", "button", "video", "audio", "source", "track"}:
            wanted = {k: v for k, v in attrs.items() if k in ("href", "src", "rel", "http-equiv", "content")}
            if tag == "img" and (wanted.get("src") or "").startswith("data:image/png;base64,"):
                wanted["src"] = "data:image/png"  # a chart
            if tag == "a" and (attrs.get("href") or "").startswith("#"):
                wanted["href"] = "#"  # a heading's anchor: a link within the page, whatever the heading says
            self.found.append((tag, tuple(sorted(wanted.items()))))
        self.found += [(tag, k) for k in attrs if k.startswith("on")]
        self.found += [
            (tag, k, v) for k, v in attrs.items() if (v or "").strip().lower().startswith(("javascript:", "vbscript:"))
        ]

    def handle_data(self, data):
        if self._script is not None:
            self.found.append(("script", self._script, " ".join(data.split())))
        else:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if not self.found or self.found[-1][:2] != ("script", self._script):
                self.found.append(("script", self._script, ""))
            self._script = None


def elements(html: str) -> tuple[Counter, str]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return Counter(parser.found), " ".join("".join(parser.text).split())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """An earlier build of the bundled table, one killed halfway on a hostile table, then the build run again."""
    if not (REVEAL / "dist" / "reveal.js").is_file():
        pytest.skip(f"reveal.js is not at {REVEAL}: `make test` fetches it")
    folder = tmp_path_factory.mktemp("hostile")
    table = _write_hostile(folder / "Roles (final).csv")  # a browser's download name
    out = folder / "build"
    # What an earlier build left: the bundled table's charts, a notebook since retired, a person's own file, and a
    # notebook of the working copy the facilitator edited.
    assert main(["figures", "--out", str(out / "figures")]) == 0
    assert (out / "figures" / "source_agreement.png").is_file()
    with Output(out / "notebooks", ["10_retired.ipynb"]) as retired:
        retired.write_text("10_retired.ipynb", "{}")
    (out / "figures" / "my_notes.txt").write_text("mine")
    with Output(out / "lab", ["03_overlaps.ipynb"]) as lab:
        lab.write_bytes("03_overlaps.ipynb", (ROOT / "notebooks" / "03_overlaps.ipynb").read_bytes())
    edited = (out / "lab" / "03_overlaps.ipynb").read_text().replace("## ", "## My edit: ", 1)
    (out / "lab" / "03_overlaps.ipynb").write_text(edited)
    # A build killed while its notebooks run and its charts are drawn.
    command = [
        sys.executable,
        "-m",
        "rolekit",
        "build",
        "--data",
        str(table),
        "--out",
        str(out),
        "--reveal",
        str(REVEAL),
    ]
    killed = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not list((out / "notebooks").glob(".rolekit-tmp-*")):
        time.sleep(0.2)
    time.sleep(1.5)  # its kernels started, a few cells run: the build takes several seconds more
    os.killpg(killed.pid, signal.SIGKILL)
    assert killed.wait(timeout=60) == -signal.SIGKILL  # killed halfway, not finished
    done = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    return out, done, table


@pytest.mark.series
def test_a_killed_build_reruns_to_completion(hostile_build):
    out, done, table = hostile_build
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert f"Built from {table}:" in done.stdout
    for folder in ("figures", "notebooks", "handouts", "lab"):
        assert len((out / folder / ".rolekit-manifest.json").read_text().splitlines()) == 1, folder
    assert not list(out.rglob(".rolekit-tmp-*"))


@pytest.mark.series
def test_a_build_holds_only_its_own_plan_and_keeps_what_is_not_rolekits(hostile_build):
    out, done, _table = hostile_build
    assert not (out / "figures" / "source_agreement.png").exists()  # the bundled table's, not this one's
    assert not (out / "notebooks" / "10_retired.ipynb").exists()
    assert (out / "figures" / "my_notes.txt").read_text() == "mine"
    # removed by the killed build, or by this one
    assert (
        f"removed from {out / 'notebooks'}: 10_retired.ipynb (an earlier build's, not part of this one)" in done.stdout
    )
    charts = sorted(p.name for p in (out / "figures").iterdir() if p.suffix == ".png")
    assert charts == sorted(f"{n}.png" for n in CHARTS if n != "source_agreement")
    notebooks = sorted(p.name for p in (out / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in rolekit.seminar.notebooks())


@pytest.mark.series
def test_the_working_copy_is_the_last_builds_and_keeps_the_facilitators_edit(hostile_build):
    out, done, table = hostile_build
    lab = out / "lab"
    assert sorted(p.name for p in lab.glob("*.ipynb")) == sorted(p.name for p in rolekit.seminar.notebooks())
    assert "## My edit: " in (lab / "03_overlaps.ipynb").read_text()  # no edit lost
    assert f"kept {lab / '03_overlaps.ipynb'} as it is: changed since rolekit wrote it" in done.stdout
    for path in lab.glob("*.ipynb"):
        if path.name != "03_overlaps.ipynb":
            assert rolekit.seminar.run_on(path) == str(table.resolve()), path
    note = main(["lab", "--out", str(out), "--no-open"])
    assert note == 0


@pytest.mark.series
def test_no_output_of_a_hostile_build_holds_an_active_element(hostile_build, tmp_path):
    out, _done, _table = hostile_build
    # The templates' own elements (the deck's reveal.js scripts and styles), from the committed notebooks.
    rolekit.seminar.export_handouts(ROOT / "notebooks", tmp_path, REVEAL)
    pages = sorted((out / "handouts").glob("*.html"))
    assert len(pages) == len(rolekit.seminar.notebooks())
    shown = ""
    for page in pages:
        found, text = elements(page.read_text(encoding="utf-8"))
        allowed, _ = elements((tmp_path / page.name).read_text(encoding="utf-8"))
        extra = found - allowed
        assert not [e for e in extra if e[0] != "img" or e[1] != (("src", "data:image/png"),)], (page.name, extra)
        shown += text
    for name in ROLES[:3] + THEMES[:1]:
        assert name in shown  # the names are there, as text
    for figure in (out / "figures").glob("*.png"):
        description = Image.open(figure).info["Description"]
        assert active(description) == [] and "<" not in description, figure.name
    for path in [*(out / "notebooks").glob("*.ipynb"), *(out / "lab").glob("*.ipynb")]:
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                html = _html(data.get("text/markdown", "")) + data.get("text/html", "")
                assert active(html) == [] and not {"img", "a", "iframe"} & set(_tags(html)), (path.name, html[:300])


def test_make_passes_data_quoted_and_never_runs_it(tmp_path):
    fake = tmp_path / "bin"  # a rolekit that says what it was given
    fake.mkdir()
    (fake / "rolekit").write_text(f"#!{sys.executable}\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n")
    (fake / "rolekit").chmod(0o755)
    marker = tmp_path / "ran"
    env = {k: v for k, v in os.environ.items() if k not in ("DATA", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    made = ["-o", ".venv/run.stamp", "-o", f"{REVEAL.relative_to(ROOT)}/dist/reveal.js"]  # set up already

    def run_make(*args):
        done = subprocess.run(
            ["make", "-s", "-C", str(ROOT), *made, "run", f"BIN={fake}", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    names = [
        "Roles (final).csv",  # a browser's download name
        f"x.csv; touch {marker}",
        f"$(shell touch {marker})",
        f"`touch {marker}`",
        f"$(touch {marker})",
        'it\'s "ours".csv',
        "$HOME/t.csv",
    ]
    for data in names:
        assert run_make(f"DATA={data}")[:3] == ["build", "--data", data]
        assert not marker.exists(), data
    assert run_make()[:2] == ["build", "--out"]  # no DATA: the bundled table


def test_the_printable_worksheet_of_hostile_names_holds_no_active_element(tmp_path):
    table = _write_hostile(tmp_path / "team.csv")
    assert (
        main(["worksheet", "--n", "8", "--participants", "2", "--data", str(table), "--out", str(tmp_path / "w")]) == 0
    )
    page = (tmp_path / "w" / "worksheet.html").read_text(encoding="utf-8")
    found, text = elements(page)
    assert not [e for e in found if e[0] not in ("meta", "style")], found
    assert "<iframe src=javascript:alert(5)></iframe>" in text  # the responsibilities, as text
