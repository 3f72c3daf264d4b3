"""What each chart of a responsibilities table shows (rolekit.charts): points, positions, labels, colours, legends
and titles, on the bundled table, tables of other roles, weighted tables and empty ones.

The chart of two tables compared is tested in test_compare.py, the RACI grid in test_decisions.py. How the
charts look is checked against baseline images in test_chart_images.py, that they are legible on any table in
test_chart_legibility.py, and how they are saved and shown in test_chart_files.py and test_display.py.
"""

import itertools
import re

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import EMPTY, four_roles

import rolekit
from rolekit import charts
from rolekit.analysis import positions, profile, source_agreement
from rolekit.style import role_colors, role_markers

pytestmark = pytest.mark.usefixtures("close_figures")

BUNDLED = rolekit.load_responsibilities()
TABLES = {"bundled": BUNDLED, "four times": pd.concat([BUNDLED] * 4, ignore_index=True), "four roles": four_roles()}


def _points(ax) -> dict[str, np.ndarray]:
    return {c.get_label(): c.get_offsets() for c in ax.collections if not c.get_label().startswith("_")}


def _texts(ax):
    fig = ax.figure
    fig.draw_without_rendering()  # laid out as drawn, without the pixels: the text extents are the same
    renderer = fig.canvas.get_renderer()
    artists = [*ax.texts, ax.title, *ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label, ax.yaxis.label]
    if ax.get_legend():
        artists += ax.get_legend().get_texts()
    return [(t, t.get_window_extent(renderer)) for t in artists if t.get_visible() and t.get_text()], renderer


@pytest.mark.parametrize("name", TABLES)
def test_map_has_one_dot_per_responsibility_in_its_quadrant(name):
    df = TABLES[name]
    ax = charts.plot_scope_horizon(df)
    expected = df.groupby(["role", "scope", "horizon"], observed=True).size()
    for role, xy in _points(ax).items():
        for (scope, horizon), n in expected[role].items():
            inside = ((xy[:, 0] >= 1) == (horizon == "long-term")) & ((xy[:, 1] >= 1) == (scope == "external"))
            assert inside.sum() == n, (role, scope, horizon)
        assert len(xy) == expected[role].sum()


@pytest.mark.parametrize("name", TABLES)
def test_map_labels_are_readable_and_overlap_nothing(name):
    ax = charts.plot_scope_horizon(TABLES[name])
    texts, _renderer = _texts(ax)
    figure_box = ax.figure.bbox
    for text, box in texts:
        assert text.get_fontsize() >= 9, text.get_text()
        assert figure_box.x0 - 1 <= box.x0 and box.x1 <= figure_box.x1 + 1, text.get_text()
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        # Text boxes include some space above and below the letters; sideways, ask for a real gap.
        assert not box_a.expanded(1, 0.8).padded(2, 0).overlaps(box_b.expanded(1, 0.8)), (a.get_text(), b.get_text())
    labels = [box for text, box in texts if text in ax.texts]
    for collection in ax.collections:
        radius = np.sqrt(collection.get_sizes()[0]) / 2 * ax.figure.dpi / 72
        for x, y in collection.get_offset_transform().transform(collection.get_offsets()):
            assert not any(b.x0 - radius < x < b.x1 + radius and b.y0 < y < b.y1 for b in labels)


def test_map_title_is_the_findings_sentence_and_never_calls_a_plurality_mostly():
    title = charts.plot_scope_horizon(BUNDLED).get_title(loc="left").replace("\n", " ")
    assert title == rolekit.findings(BUNDLED, "profile")["text"].iloc[-1]
    assert "the CEO mostly internal, long-term (53%)" in title and "the COO mostly internal, daily (66%)" in title
    for word, share in re.findall(r"(mostly|most often) [a-z, -]+ \((\d+)%\)", title):  # "mostly" only above half
        assert (int(share) > 50) == (word == "mostly"), title


def test_map_rows_are_the_themes_of_each_quadrant():
    ax = charts.plot_scope_horizon(BUNDLED)
    labels = {(t.get_position()[0] >= 1, t.get_position()[1] >= 1, t.get_text()) for t in ax.texts}
    for (scope, horizon), themes in BUNDLED.groupby(["scope", "horizon"], observed=True)["theme"]:
        for theme in themes.unique():
            assert (horizon == "long-term", scope == "external", theme) in labels


def test_map_without_themes_has_a_row_per_role(table):
    df = rolekit.load_responsibilities(
        table("role,responsibility,scope,horizon\nCFO,a,internal,daily\nCEO,b,internal,daily\nCEO,c,external,daily\n")
    )
    ax = charts.plot_scope_horizon(df)
    rows = sorted(t.get_text() for t in ax.texts if t.get_fontweight() == "normal" and "·" not in t.get_text())
    assert rows == ["CEO", "CEO", "CFO"]


@pytest.mark.parametrize(
    "name", ["plot_scope_horizon", "plot_theme_differences", "plot_source_agreement", "plot_theme_overlap"]
)
def test_each_role_keeps_its_colour_and_marker_in_every_chart(name):
    df = BUNDLED if name != "plot_theme_overlap" else four_roles(1).assign(source="x")
    ax = getattr(charts, name)(df)
    roles = list(df["role"].astype("category").cat.categories) if name == "plot_theme_overlap" else ["CEO", "COO"]
    colors = role_colors(rolekit.tidy(df)["role"].cat.categories)
    drawn = {c.get_label(): c for c in ax.collections if not c.get_label().startswith("_")}
    assert set(drawn) == set(roles)
    for role, collection in drawn.items():
        assert matplotlib.colors.to_hex(collection.get_facecolor()[0]) == colors[role].lower()
    assert len({tuple(c.get_paths()[0].vertices.round(3).ravel()) for c in drawn.values()}) == len(
        drawn
    )  # one marker shape each
    named = (
        ax.get_yticklabels() if name == "plot_theme_overlap" else ax.get_legend().get_texts()
    )  # the matrix names roles down its side
    assert [t.get_text() for t in named][: len(roles)] == [
        r for r in rolekit.tidy(df)["role"].cat.categories if r in roles
    ]


def test_the_load_of_some_themes_keeps_each_roles_colour_from_the_whole_table():
    df = pd.DataFrame(
        {
            "role": list("ABCDAD"),
            "theme": ["x", "y", "y", "z", "z", "z"],
            "scope": "internal",
            "horizon": "daily",
            "responsibility": list("abcdef"),
        }
    )
    colors = role_colors(rolekit.tidy(df)["role"].cat.categories)
    ax = charts.plot_load(df, themes=["z"])  # only A and D hold z, as a table's decision themes may
    drawn = {c.get_label(): matplotlib.colors.to_hex(c.patches[0].get_facecolor()) for c in ax.containers}
    assert drawn == {"A": colors["A"].lower(), "D": colors["D"].lower()}
    single = charts.plot_load(df, themes=["x"]).get_title(loc="left").replace("\n", " ")
    assert single == "Only one role holds x, so its load is not shared."  # not "no theme is held by two roles"
    kept = charts.plot_load(df, themes=["x", "y", "z"]).get_title(loc="left").replace("\n", " ")
    assert kept.startswith("Only the A holds x; of those two roles or more share, z rests most on one role: the D")
    from rolekit.display import show

    assert show(charts.plot_load, df, themes=[]).data == (
        "**Not shown here:** the table has no responsibility in the themes asked for, so there is nothing to draw."
    )
    assert "no responsibility in q or r," in show(charts.plot_load, df, themes=["q", "r"]).data


def test_every_colour_has_at_least_3_to_1_contrast_on_white():
    def luminance(hex_colour):
        c = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    from rolekit.style import PALETTE

    assert all(1.05 / (luminance(c) + 0.05) >= 3 for c in PALETTE)


def test_ceo_and_coo_colours_are_fixed_whatever_else_is_in_the_table():
    assert role_colors(["CFO", "COO", "CEO"]) | role_colors(["COO", "CEO"]) == {
        "CFO": "#009E73",
        "COO": "#D55E00",
        "CEO": "#0072B2",
    }
    assert role_colors(["COO"])["COO"] == "#0072B2"  # the first role of a table gets the strongest colour
    assert list(role_colors(["Head of Sales", "Head of Ops", "CEO"]).values()) == ["#D55E00", "#009E73", "#0072B2"]
    many = [f"R{i}" for i in range(20)]
    pairs = {(role_colors(many)[r], role_markers(many)[r]) for r in many}
    assert len(pairs) == 20


@pytest.mark.parametrize("name", ["bundled", "four roles"])
def test_profile_bars_show_the_shares(name):
    df = TABLES[name]
    ax = charts.plot_role_profiles(df)
    shares = profile(df).set_index(["role", "category"])["share"]
    categories = ["internal", "external", "daily", "long-term"]
    for container in ax.containers:
        role = container.get_label()
        assert [b.get_height() for b in container] == pytest.approx([100 * shares[(role, c)] for c in categories])
        assert (
            matplotlib.colors.to_hex(container[0].get_facecolor())
            == role_colors(rolekit.tidy(df)["role"].cat.categories)[role].lower()
        )
    assert [t.get_text() for t in ax.get_xticklabels()] == categories
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [c.get_label() for c in ax.containers]


def test_venn_regions_name_the_themes():
    ax = charts.plot_theme_overlap(BUNDLED)
    texts = {t.get_text() for t in ax.texts}
    assert "stakeholders" in texts and "performance" in texts
    shared = next(t for t in texts if t.startswith("strategy"))
    assert shared.split("\n") == [
        "strategy",
        "operations",
        "finance",
        "people",
        "governance",
        "decisions",
        "risk",
        "collaboration",
    ]
    assert {"CEO", "COO"} <= texts
    assert ax.get_title(loc="left").replace("\n", " ") == rolekit.findings(BUNDLED, "overlap")["text"].iloc[0]
    assert (
        ax.get_title(loc="left")
        .replace("\n", " ")
        .startswith("The CEO and the COO share 8 of 10 themes (Jaccard 80%).")
    )


def test_three_roles_get_a_three_set_venn():
    three = BUNDLED.assign(role=np.where(BUNDLED["theme"] == "finance", "CFO", BUNDLED["role"]))
    ax = charts.plot_theme_overlap(three)
    texts = {t.get_text() for t in ax.texts}
    assert "finance" in texts and {"CEO", "COO", "CFO"} <= texts  # finance: the CFO's alone


def test_four_roles_get_a_matrix_with_a_dot_per_held_theme():
    df = four_roles()
    ax = charts.plot_theme_overlap(df)
    place = positions(df)
    themes = [t.get_text() for t in ax.get_xticklabels()]
    roles = [t.get_text() for t in ax.get_yticklabels()]
    for role, xy in _points(ax).items():
        assert sorted(themes[int(x)] for x in xy[:, 0]) == sorted(place.loc[place["role"] == role, "theme"].astype(str))
        assert {roles[int(y)] for y in xy[:, 1]} == {role}
    with pytest.raises(ValueError, match="a Venn diagram needs two or three roles; this table has 4"):
        charts.plot_theme_overlap(df, kind="venn")


def test_differences_place_each_role_at_its_shares():
    ax = charts.plot_theme_differences(BUNDLED)
    place = positions(BUNDLED)
    shared = place[place["roles"] >= 2]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(dict.fromkeys(shared["theme"].astype(str)))
    for role, xy in _points(ax).items():
        mine = shared[shared["role"] == role]
        assert sorted(xy[: len(mine), 0]) == pytest.approx(sorted(mine["external"]))
        assert sorted(xy[len(mine) :, 0]) == pytest.approx(sorted(1.35 + mine["long_term"]))
    assert (
        ax.get_title(loc="left").replace("\n", " ")
        == "The largest differences inside shared themes tie: how long-term the work is in decisions and in risk. "
        "In decisions, the CEO's work is 100% long-term, the COO's 0%."
    )


def test_differences_can_be_limited_to_some_themes():
    ax = charts.plot_theme_differences(BUNDLED, themes=["strategy", "finance"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["strategy", "finance"]


def test_source_agreement_marks_who_each_source_backs_and_the_gap_not_a_clash():
    ax = charts.plot_source_agreement(BUNDLED)
    support = source_agreement(BUNDLED).support
    themes = [t.get_text() for t in ax.get_xticklabels()]
    sources = [t.get_text() for t in ax.get_yticklabels()]
    for role, xy in _points(ax).items():
        drawn = sorted((sources[round(y)], themes[round(x)]) for x, y in xy)
        expected = sorted(
            (s, str(t))
            for t, srcs in support.loc[support["role"] == role, ["theme", "sources"]].itertuples(index=False)
            for s in srcs
        )
        assert drawn == expected
    shaded = [p for p in ax.patches if matplotlib.colors.to_hex(p.get_facecolor()) == charts.SHADE.lower()]
    assert len(shaded) == 1 and shaded[0].get_x() == themes.index("strategy") - 0.5
    assert [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"] == ["strategy"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "gap: one source names a role, one not" in legend
    assert not any("contradict" in t or "clash" in t for t in legend)
    assert " ".join(ax.get_title(loc="left").split()).startswith("Gaps, not clashes: on strategy")


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("plot_theme_overlap", "theme"),
        ("plot_theme_differences", "theme"),
        ("plot_source_agreement", "source"),
        ("plot_scope_horizon", "horizon"),
    ],
)
def test_a_missing_column_is_a_data_error(name, column):
    with pytest.raises(rolekit.DataError, match=f"column '{column}': is missing; it is needed"):
        getattr(charts, name)(BUNDLED.drop(columns=[column]))


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_chart_draws_on_a_given_axes_and_takes_plain_frames(name):
    fig, ax = plt.subplots(figsize=(14, 9))
    plain = BUNDLED.astype(dict.fromkeys(["role", "scope", "horizon", "theme", "source"], "object"))
    assert charts.CHARTS[name](plain, ax=ax) is ax
    assert fig.axes == [ax] and ax.get_title(loc="left")


@pytest.mark.parametrize("case", EMPTY)
@pytest.mark.parametrize("chart", list(rolekit.CHARTS))
def test_charts_of_an_empty_table_raise_data_error_and_show_says_so(case, chart):
    with pytest.raises(rolekit.DataError, match="nothing to draw"):
        rolekit.CHARTS[chart](EMPTY[case])
    note = rolekit.show(rolekit.CHARTS[chart], EMPTY[case])
    assert note.data.startswith("**Not shown here:** the table has ")


def test_weighted_charts_say_weight():
    df = rolekit.load_responsibilities().assign(weight=2.0)
    ax = rolekit.plot_role_profiles(df)
    assert "weight" in ax.get_ylabel()
    assert "weight" in rolekit.plot_theme_differences(df).get_xlabel()


@pytest.mark.slow
def test_weights_of_zero_and_a_theme_named_like_the_kits_own_labels_are_drawn_or_said(tmp_path, capsys):
    from rolekit.cli import main

    df = pd.DataFrame(
        {
            "role": ["CEO", "CEO", "COO", "COO", "(new)"],
            "responsibility": list("abcde"),
            "scope": ["internal", "external", "internal", "internal", "external"],
            "horizon": ["daily", "daily", "long-term", "daily", "daily"],
            "theme": ["(no theme)", None, "x", "x", "x"],
            "weight": [0, 0, 1, 2, 0],
        }
    )
    for name, draw in rolekit.CHARTS.items():
        try:
            draw(df)
        except rolekit.DataError as err:  # said, not a crash
            assert "nothing to draw" in str(err) or "is missing" in str(err), (name, err)
    assert rolekit.plot_scope_horizon(df).get_xlabel() == "dot size and number: weight in each cell"
    ax = rolekit.plot_scope_horizon(df, kind="dots")
    rows = {t.get_text() for t in ax.texts}
    assert {"(no theme)", "(no theme given)"} <= rows  # a theme's own name and the kit's label for none stay apart
    df.to_csv(tmp_path / "w.csv", index=False)
    assert main(["figures", "--data", str(tmp_path / "w.csv"), "--out", str(tmp_path / "out")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert (
        rolekit.findings(df, "profile")["text"]
        .iloc[0]
        .startswith("The CEO and the (new) have only responsibilities of weight 0, so no shares.")
    )


def test_a_comparison_draws_each_team_role_in_the_colour_its_other_charts_give_it():
    """The team's roles keep their own table's colours; the articles' CEO, which the team lacks, takes a free one."""
    articles = rolekit.load_responsibilities()
    team = pd.DataFrame(
        {
            "role": ["Managing Director", "Chief Operating Officer", "Head of Finance"] * 4,
            "responsibility": [f"Duty number {i}" for i in range(12)],
            "scope": "internal",
            "horizon": "daily",
        }
    )
    own = role_colors(rolekit.tidy(team)["role"].cat.categories)
    ax = charts.plot_compare(articles, team)
    drawn = {t.get_text().rsplit(" (", 1)[0]: matplotlib.colors.to_hex(t.get_color()) for t in ax.texts}
    assert {r: drawn[r] for r in own} == {r: c.lower() for r, c in own.items()}
    assert drawn["COO"] == drawn["Chief Operating Officer"]  # one meaning, one colour
    assert drawn["CEO"] not in {c.lower() for c in own.values()}


def test_the_flow_charts_role_counts_are_the_tables_rows_those_naming_a_duty_again_too():
    articles = rolekit.load_responsibilities()
    team = pd.concat([articles, articles.iloc[[0, 1]]], ignore_index=True)  # two rows say again what two others say
    team = team.drop(columns="id")
    assert (rolekit.compare(articles, team)["change"] == "repeated").sum() == 2
    ax = charts.plot_compare(articles, team)
    labels = {t.get_text().rsplit(" (", 1)[0]: t.get_text() for t in ax.texts if t.get_text().endswith(")")}
    for role, n in team["role"].value_counts().items():
        assert labels[role] == f"{role} ({n})"


def test_themes_tied_on_their_largest_difference_are_ranked_by_both_differences():
    """Ten themes split eight roles 100% on scope; only the last splits them on horizon too: it is among those drawn."""
    rows = [
        (f"R{r}", f"t{t}", "external" if r % 2 else "internal", "long-term" if t == 9 and r % 2 else "daily")
        for t in range(10)
        for r in range(8)
    ]
    df = pd.DataFrame(rows, columns=["role", "theme", "scope", "horizon"]).assign(responsibility="x")
    ax = charts.plot_theme_differences(df)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert "t9" in shown and len(shown) < 10, shown
