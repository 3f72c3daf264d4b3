"""What a notebook shows (rolekit.display): show() turns a chart into a Chart (the PNG and its alt text, which opens
with the chart's declared kind), a frame into a table for people, and a part the table cannot support into a note
that says what needed the missing column."""

import html
import io

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import ROOT
from PIL import Image

import rolekit
from rolekit import charts
from rolekit.display import Chart, show
from rolekit.validate import MissingColumns, Problem

pytestmark = pytest.mark.usefixtures("close_figures")


def test_show_returns_a_figure_a_table_or_a_note():
    df = rolekit.load_responsibilities()
    chart = show(rolekit.plot_role_profiles, df)
    data, metadata = chart._repr_mimebundle_()
    assert data["image/png"] and metadata["image/png"]["alt"].startswith("Chart. Bars of each role's share")
    assert "CEO: 30% external, 77% long-term" in data["text/plain"]  # the alt text states the chart's main figures
    pairs = show(rolekit.overlap, df, part="pairs").data
    assert "<th>role (A)</th>" in pairs and "<th>Jaccard (shared of all)</th>" in pairs  # words, not column names
    assert "(stakeholders,)" not in pairs and "<td>stakeholders</td>" in pairs  # themes as words, not tuples
    table = rolekit.load_sources()
    sources = show(table).data  # a table given directly
    assert "<th>id</th>" in sources
    assert all(html.escape(title) in sources for title in table["title"])  # every article's title, whole
    assert "…" not in sources  # titles are citations, shown whole
    listed = show(rolekit.listing, df, themes="finance").data
    assert (
        "Shapes and carries out financial strategy together with the CFO" in listed
    )  # in full, never cut at 50 characters
    assert "<th>source</th>" not in listed and "R020" in listed
    note = show(rolekit.overlap, df.drop(columns="theme"), part="pairs")
    assert note.data.startswith(
        "**Not shown here:** this table has no `theme` column, which is needed to compare roles theme by theme."
    )
    assert show(rolekit.listing, df, themes="no such theme").data == "**Nothing to show:** no row matches."


@pytest.mark.slow
@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_chart_declares_its_kind_and_show_opens_the_alt_text_with_it(name):
    draw = charts.CHARTS[name]
    assert isinstance(draw.kind, str) and len(draw.kind) > 20 and not draw.kind.endswith(".")
    shown = show(draw, rolekit.load_responsibilities())
    assert isinstance(shown, Chart)
    assert shown.alt.startswith(f"Chart. {draw.kind}. ")
    data, metadata = shown._repr_mimebundle_()
    assert data["text/plain"] == metadata["image/png"]["alt"] == shown.alt
    image = Image.open(io.BytesIO(shown.png))
    assert image.size == (1800, 1012) and image.info["Description"] == shown.alt  # rendered like every chart file


@pytest.mark.slow
def test_a_chart_shows_its_kind_and_its_title_and_closes_its_figure():
    ax = rolekit.plot_load(rolekit.load_responsibilities())
    title = " ".join(ax.get_title(loc="left").split())
    shown = Chart(ax, rolekit.plot_load.kind)
    assert shown.alt == f"Chart. {rolekit.plot_load.kind}. {title}"
    assert Chart(rolekit.plot_load(rolekit.load_responsibilities())).alt == f"Chart. {title}"  # no kind declared
    assert not plt.fignum_exists(ax.figure.number)


def test_the_note_for_a_missing_column_says_what_the_error_says_needed_it():
    def needs_two(df):
        problems = [Problem("table", None, c, "is missing") for c in ("theme", "source")]
        raise MissingColumns(problems, ["theme", "source"], "to weigh one thing against another")

    note = show(needs_two, rolekit.load_responsibilities()).data
    assert note.startswith(
        "**Not shown here:** this table lacks the `theme` and `source` columns, which are needed to weigh one thing "
        "against another.\n\nAdd them to your table"
    )
    df = rolekit.load_responsibilities().drop(columns="source")
    with pytest.raises(MissingColumns) as caught:
        rolekit.plot_source_agreement(df)
    assert show(rolekit.plot_source_agreement, df).data.startswith(
        f"**Not shown here:** this table has no `source` column, which is needed {caught.value.purpose}."
    )


# -- While a series runs, each chart is drawn once ---------------------------------------------------


@pytest.mark.slow
def test_while_a_series_runs_a_chart_of_the_same_inputs_is_drawn_once():
    from rolekit.charts import chart, drawn_once

    drawn = []

    @chart("Bar chart of one role's count")
    def plot_count(df, ax=None, role="CEO"):
        drawn.append(role)
        ax = ax or plt.subplots()[1]
        ax.bar([0], [int((df["role"] == role).sum())])
        ax.set_title(f"{role}: {int((df['role'] == role).sum())} rows")
        return ax

    df = rolekit.load_responsibilities()
    changed = df.copy()
    changed.loc[changed.index[-1], "scope"] = "internal" if df["scope"].iloc[-1] == "external" else "external"
    show(plot_count, df)
    show(plot_count, df)
    assert len(drawn) == 2  # outside drawn_once, every call draws
    with drawn_once() as folder:
        first = show(plot_count, df)
        again = show(plot_count, df.copy())  # another frame holding the same: the same chart
        assert (again.png, again.alt) == (first.png, first.alt) and len(drawn) == 3
        show(plot_count, changed)  # one value differs
        show(plot_count, df, role="COO")  # another option
        show(plot_count, df.rename(columns={"theme": "topic"}))  # another column's name
        show(plot_count, df, role=object())  # an option with no hash of what it holds is never kept
        show(plot_count, df, role=object())
        with plt.rc_context({"lines.linewidth": 7}):  # a setting a cell changed, that the style sheet leaves alone
            show(plot_count, df)
        assert len(drawn) == 9
        assert sorted(p.suffix for p in folder.iterdir()) == [".png"] * 5 + [".txt"] * 5
    assert not folder.exists()
    show(plot_count, df)
    assert len(drawn) == 10  # and after it, every call draws again


@pytest.mark.slow
def test_while_a_series_is_built_the_chart_files_are_the_charts_its_notebooks_showed(monkeypatch):
    """A build's charts task runs after the notebooks: it reads what they showed of the same table, byte for byte."""
    from rolekit.charts import files

    df = rolekit.load_responsibilities(ROOT / "data" / "example_organisation.csv")
    with files.drawn_once():
        shown = {f"{name}.png": show(draw, df).png for name, draw in files.CHARTS.items()}
        drawn = []
        monkeypatch.setattr(files, "render", lambda ax, fmt, alt: drawn.append(alt) or b"drawn")
        assert files.draw_charts(df) == (shown, []) and not drawn  # every chart read, none drawn again
        assert set(files.draw_charts(df.iloc[:-1])[0].values()) == {b"drawn"}  # another table: every chart drawn
        assert set(files.draw_charts(df, "svg")[0].values()) == {b"drawn"}  # and another format


def test_a_tally_of_small_weights_shows_the_weights_not_percentages():
    df = pd.DataFrame(
        {
            "role": ["CEO", "COO", "CFO"],
            "responsibility": ["a", "b", "c"],
            "scope": ["internal", "external", "external"],
            "horizon": ["daily"] * 3,
            "weight": [0.25, 0.5, 0.125],
        }
    )
    for what in (rolekit.tally, rolekit.evidence):
        shown = rolekit.show(what, df).data
        assert "%" not in shown and "<td>0.5</td>" in shown and "<td>0.125</td>" in shown, shown
    assert "%" in rolekit.show(rolekit.profile, df).data  # shares stay percentages
