"""Hostile values in a user's table (tests of the adversarial sweep, issue 16): text is drawn and shown as text.

A `$` in a name is never a formula in a chart; a name that is Markdown or HTML never becomes a tag, a link or
emphasis in a notebook, a handout or the deck; and the whole kit built from a table of such names holds no active
element and no `javascript:` link anywhere.
"""

import pandas as pd
import pytest
from matplotlib.text import Text

import rolekit
from rolekit.charts import CHARTS, render
from rolekit.charts._base import figure_of

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
