"""Hostile values in a user's table (tests of the adversarial sweep, issue 16): text is drawn and shown as text.

A `$` in a name is never a formula in a chart; a name that is Markdown or HTML never becomes a tag, a link or
emphasis in a notebook, a handout or the deck; and the whole kit built from a table of such names holds no active
element and no `javascript:` link anywhere.
"""

import io
from html.parser import HTMLParser

import pandas as pd
import pytest
from matplotlib.text import Text
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from PIL import Image

import rolekit
from rolekit.charts import CHARTS, render
from rolekit.charts._base import figure_of
from rolekit.findings import TOPICS

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
    figure.canvas.draw()  # tick labels and legends exist once drawn
    return [t for t in figure.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("roles", [1, 2, 3], ids=lambda n: f"{n} roles")  # 2 and 3 roles: Venn diagrams
@pytest.mark.parametrize("name", list(CHARTS))
def test_dollars_in_user_text_are_drawn_as_text_in_every_chart(name, roles):
    ax = CHARTS[name](_dollar_table(roles))
    for fmt in ("png", "svg", "pdf"):
        assert render(ax, fmt)  # "$\badcommand{$" as a formula would raise here
    texts = _texts(ax)
    assert not [t.get_text() for t in texts if t._preprocess_math(t.get_text())[1]]  # no text read as mathtext
    shown = " ".join(t.get_text() for t in texts)
    assert "$" in shown or (name, roles) == ("theme_differences", 1)  # drawn as characters (one role: no names)


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
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link", "style", "frame"}


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


@pytest.mark.parametrize("topic", TOPICS)
def test_takeaways_of_hostile_names_render_as_text(topic):
    df = _hostile_table()
    text = rolekit.takeaways(df, topic)
    html = markdown2html_mistune(text)
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
        html = markdown2html_mistune(shown.data)
        assert active(html) == [] and not {"a", "img", "em", "h1"} & set(_tags(html)), shown.data
    note = rolekit.show(rolekit.plot_scope_horizon, df.assign(scope=HOSTILE[0])).data
    assert note.startswith("**Not shown here:**") and "&lt;img src=x onerror=alert(1)&gt;" in note


def test_chart_alt_text_is_escaped_wherever_it_is_written():
    df = _hostile_table()
    chart = rolekit.show(rolekit.plot_scope_horizon, df)
    assert "<img src=x onerror=alert(1)>" in chart.alt  # the alt text itself is the plain title
    assert "<img" not in Image.open(io.BytesIO(chart.png)).info["Description"]  # a PNG's text is shown as found
    assert "<img" not in render(rolekit.plot_scope_horizon(df), "pdf").decode("latin-1")


def _tags(html: str) -> list[str]:
    parser = Active()
    parser.feed(html)
    return parser.tags


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
