"""What a notebook shows (rolekit.display): show() turns a chart into a Chart (the PNG and its alt text, which opens
with the chart's declared kind), a frame into a table for people, and a part the table cannot support into a note
that says what needed the missing column."""

import pytest

import rolekit
from rolekit.display import show

pytestmark = pytest.mark.usefixtures("close_figures")


def test_show_returns_a_figure_a_table_or_a_note():
    df = rolekit.load_responsibilities()
    chart = show(rolekit.plot_role_profiles, df)
    data, metadata = chart._repr_mimebundle_()
    assert data["image/png"] and metadata["image/png"]["alt"].startswith("Chart. Bars of each role's share")
    assert "CEO: 35% external, 75% long-term" in data["text/plain"]  # the alt text states the chart's main figures
    pairs = show(rolekit.overlap, df, part="pairs").data
    assert "<th>role_a</th>" in pairs and "<th>jaccard</th>" in pairs
    sources = show(rolekit.load_sources()).data  # a table given directly
    assert "COO vs. CEO: Understanding the Roles…" in sources and "<th>id</th>" in sources
    listed = show(rolekit.listing, df, themes="finance").data
    assert (
        "Shapes and carries out financial strategy together with the CFO" in listed
    )  # in full, never cut at 50 characters
    assert "<th>source</th>" not in listed and "R020" in listed
    note = show(rolekit.overlap, df.drop(columns="theme"), part="pairs")
    assert note.data.startswith(
        "**Not shown here:** this table has no `theme` column, which is needed to compare roles theme by theme."
    )
    assert (
        show(rolekit.listing, df, themes="no such theme").data
        == "**Nothing to show:** no responsibility in this table matches."
    )
