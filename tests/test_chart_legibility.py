"""Issue 8: every chart, on tables of 1 to 12 roles with long names and up to 20 themes or sources,
fits a 16:9 slide, writes nothing under 12 points, and lets no text overlap or leave the figure."""

import itertools

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import NAMES, generated

import rolekit
from rolekit import charts

# 3 roles: the most whose counts head each cell of the scope x horizon map
CASES = [(n, 10, False) for n in (1, 2, 3, 4, 8, 12)] + [(4, 20, False), (12, 20, True)]

pytestmark = pytest.mark.usefixtures("close_figures")


def _legible(ax):
    """16:9 at 12 in or less, nothing under 12 pt, no text leaving the figure or overlapping another."""
    fig = ax.figure
    fig.draw_without_rendering()  # laid out as drawn, without the pixels: the text extents are the same
    renderer = fig.canvas.get_renderer()
    texts = [
        (t, t.get_window_extent(renderer))
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_visible() and t.get_text().strip()
    ]
    width, height = fig.get_size_inches()
    assert width <= 13.34 and width / height == pytest.approx(16 / 9, abs=0.03), (width, height)
    assert min(t.get_fontsize() for t, _ in texts) >= 12, [t.get_text() for t, _ in texts if t.get_fontsize() < 12][:3]
    frame = fig.bbox
    outside = [
        t.get_text()
        for t, b in texts
        if b.x0 < frame.x0 - 1 or b.x1 > frame.x1 + 1 or b.y0 < frame.y0 - 1 or b.y1 > frame.y1 + 1
    ]
    assert not outside, outside[:3]
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        both = box_a.intersection(box_a, box_b)
        assert both is None or both.width <= 1 or both.height <= 1, (a.get_text(), b.get_text())


@pytest.mark.slow
@pytest.mark.parametrize(("roles", "themes", "per_row"), CASES, ids=lambda v: str(v))
@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_chart_is_legible_from_the_back_of_the_room(name, roles, themes, per_row):
    df = generated(roles, themes, per_row)
    if name == "theme_differences" and roles == 1:  # no theme is shared: the chart says so instead of drawing
        with pytest.raises(rolekit.DataError, match="held by two roles or more, so there is nothing to draw"):
            charts.CHARTS[name](df)
        return
    ax = charts.CHARTS[name](df)
    _legible(ax)
    drawn = {c.get_label(): c for c in ax.collections if not c.get_label().startswith("_")}
    pairs = {
        (matplotlib.colors.to_hex(c.get_facecolor()[0]), tuple(c.get_paths()[0].vertices.round(2).ravel()))
        for c in drawn.values()
    }
    assert len(pairs) == len(drawn)  # one colour and marker per role


@pytest.mark.slow
@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_chart_is_legible_when_ties_make_its_title_four_lines_long(name):
    """The bundled rows dealt to twelve long names: roles tie, the computed title names them all, the plot is short."""
    df = rolekit.load_responsibilities()
    df = df.assign(role=[NAMES[i % 12] for i in range(len(df))])
    ax = charts.CHARTS[name](df)
    _legible(ax)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["plot_theme_differences", "plot_source_agreement"])
def test_markers_with_equal_values_do_not_hide_each_other(name):
    df = generated(4)
    df = df.assign(scope="internal", horizon="daily", source="careers")  # every role at the same shares, in every cell
    ax = getattr(charts, name)(df)
    centres = np.vstack(
        [c.get_offset_transform().transform(c.get_offsets()) for c in ax.collections if c.get_offsets().size]
    )
    sizes = np.concatenate(
        [
            np.sqrt(c.get_sizes()).repeat(len(c.get_offsets()) // len(c.get_sizes()))
            for c in ax.collections
            if c.get_offsets().size
        ]
    )
    gaps = np.hypot(*(centres[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    radius = sizes * ax.figure.dpi / 72 / 2
    assert (gaps >= np.minimum(radius[:, None], radius[None, :]) * 1.5).all()


@pytest.mark.slow
@pytest.mark.parametrize("decisions", [3, 12, 30])
@pytest.mark.parametrize("roles", [1, 2, 4, 8, 12])
def test_the_raci_grid_is_legible_for_any_team(roles, decisions):
    rng = np.random.default_rng(roles * 100 + decisions)
    rows = []
    for d in range(decisions):
        who = rng.permutation(NAMES[:roles])
        name = f"Decision {d}: approve the plan for the next quarter's budget"[:45]
        rows += [(name, who[0], "A")] + [(name, r, rng.choice(["R", "C", "I"])) for r in who[1:]]
        if roles == 1:
            rows[-1] = (name, who[0], "R")
    df = pd.DataFrame(rows, columns=["decision", "role", "raci"]).drop_duplicates(["decision", "role"])
    df = df[df.groupby("decision")["raci"].transform(lambda s: (s == "R").any())]
    ax = rolekit.plot_raci(df, against=df.sample(frac=0.8, random_state=0))
    _legible(ax)
    if df["decision"].nunique() > len(ax.get_yticklabels()):
        assert f"of {df['decision'].nunique()} decisions are drawn" in ax.get_title(loc="left").replace("\n", " ")


@pytest.mark.slow
@pytest.mark.parametrize("questions", [1, 9, 14])
def test_the_tensions_chart_is_legible_with_long_positions(questions):
    rows = [
        (
            f"T{q:02d}",
            f"Question number {q}: who has the last word on what?",
            f"Position {p}: a long answer that takes the room"[:44],
            s,
            "paragraph 1",
        )
        for q in range(questions)
        for p, s in zip(range(1 + q % 3 + 1), ["careers", "blog", "titles"])
    ]
    ax = rolekit.plot_tensions(
        pd.DataFrame(rows, columns=["tension", "question", "position", "source", "section"]).assign(within=False)
    )
    _legible(ax)
    _legible(rolekit.plot_tensions(rolekit.load_tensions()))


@pytest.mark.slow
@pytest.mark.parametrize("roles", [1, 4, 12])
def test_the_exercise_charts_are_legible_with_40_character_role_names(roles, tmp_path):
    from make_synthetic_class import synthetic_class

    sheet = rolekit.worksheet(rolekit.tidy(generated(roles, rows=48)), n=16, seed=roles)
    synthetic_class(sheet, 20, seed=roles).to_csv(tmp_path / "form.csv", index=False)
    sheet.key.to_csv(tmp_path / "key.csv", index=False)
    scores = rolekit.score_sheets(tmp_path / "form.csv", tmp_path / "key.csv")
    for draw in (rolekit.plot_agreement, rolekit.plot_disputed, rolekit.plot_room_vs_key):
        _legible(draw(scores))


def test_the_maps_cell_counts_never_run_into_the_next_cell():
    """Three roles of 15 to 23 characters: their counts in one line are wider than a cell, so the dots show them."""
    df = generated(3, rows=30, names=["Chief Operating Officer", "Managing Director", "Head of Finance"])
    _legible(charts.plot_scope_horizon(df))
