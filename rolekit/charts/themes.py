"""Themes: which roles hold them, how each role works inside them, and what each source says."""

from __future__ import annotations

import math
from collections.abc import Iterable

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..analysis import positions, source_agreement, unit
from ..categories import tidy
from ..findings import findings
from ..style import role_colors, role_hatches, role_markers
from ..text import number
from ..validate import DataError, Problem
from ._base import (
    SHADE,
    _drawable,
    _legend,
    _legend_rows,
    _new_axes,
    _roles,
    _size_pt,
    _text_width,
    _title,
    chart,
    figure_of,
)


@chart("Diagram of the themes each role holds and those they share")
def plot_theme_overlap(df: pd.DataFrame, ax: Axes | None = None, kind: str = "auto") -> Axes:
    """Which themes each role holds and which they share.

    ``kind="venn"`` draws a Venn diagram with the themes written in each region (two
    or three roles); ``kind="matrix"`` a role x theme grid, dot size showing how many
    responsibilities. ``"auto"`` picks the Venn diagram when it can stay readable.

    >>> import rolekit
    >>> ax = plot_theme_overlap(rolekit.load_responsibilities())
    >>> "The CEO and the COO share 8 of 10 themes (Jaccard 80%)" in ax.get_title(loc="left").replace("\\n", " ")
    True
    """
    place = positions(_drawable(df, ["role", "theme", "scope", "horizon"], "to compare roles theme by theme"))
    roles = _roles(place)
    held = {r: list(place.loc[place["role"] == r, "theme"]) for r in roles}
    themes = [t for t in place["theme"].cat.categories if t in set(place["theme"])]
    if kind == "auto":
        regions = (
            [
                [t for t in themes if all((t in held[r]) == inside for r, inside in zip(roles, code))]
                for code in _region_codes(len(roles))
            ]
            if 2 <= len(roles) <= 3
            else []
        )
        readable = (
            regions
            and max(map(len, regions)) <= 10
            and max(len(str(t)) for t in themes) <= 16
            and max(len(str(r)) for r in roles) <= 24
        )  # longer names do not fit under the circles
        kind = "venn" if readable else "matrix"
    if kind not in ("venn", "matrix"):
        raise ValueError(f"kind must be 'auto', 'venn' or 'matrix', not {kind!r}")
    if kind == "venn" and not 2 <= len(roles) <= 3:
        raise ValueError(f"a Venn diagram needs two or three roles; this table has {len(roles)}: use kind='matrix'")
    colors = role_colors(tidy(df[["role"]])["role"].cat.categories)
    ax = _new_axes(ax)
    if kind == "venn":
        _venn(ax, roles, held, themes, colors)
    else:
        _matrix(ax, place, roles, themes, colors, unit(df))
    _title(ax, findings(df, "overlap")["text"].iloc[0])  # the same sentence as the takeaways
    return ax


def _region_codes(n: int) -> list[tuple[bool, ...]]:
    """Venn regions in matplotlib-venn's order: '10', '01', '11' or '100', '010', '110', ..."""
    return [
        tuple(c == "1" for c in code)
        for code in (["10", "01", "11"] if n == 2 else ["100", "010", "110", "001", "101", "011", "111"])
    ]


def _venn(ax: Axes, roles: list[str], held: dict[str, list[str]], themes: list[str], colors: dict[str, str]) -> None:
    from matplotlib_venn import venn2, venn3
    from matplotlib_venn.layout.venn2 import DefaultLayoutAlgorithm as Layout2
    from matplotlib_venn.layout.venn3 import DefaultLayoutAlgorithm as Layout3

    draw, layout = (
        (venn2, Layout2(fixed_subset_sizes=(1, 1, 1)))
        if len(roles) == 2
        else (venn3, Layout3(fixed_subset_sizes=(1,) * 7))
    )
    diagram = draw(
        [set(held[r]) for r in roles],
        set_labels=roles,
        set_colors=[colors[r] for r in roles],
        alpha=0.25,
        ax=ax,
        layout_algorithm=layout,
    )
    for code in _region_codes(len(roles)):
        label = diagram.get_label_by_id("".join("1" if c else "0" for c in code))
        if label is not None:
            inside = [t for t in themes if all((t in held[r]) == c for r, c in zip(roles, code))]
            label.set_text("\n".join(inside))
            label.set_fontsize(13 if len(roles) == 2 else 12)
    for r, label in zip(roles, diagram.set_labels):
        label.set(color=colors[r], fontweight="bold", fontsize=16)
    for patch in diagram.patches:
        if patch is not None:
            patch.set_edgecolor("#555555")
            patch.set_linewidth(1)


def _matrix(
    ax: Axes, place: pd.DataFrame, roles: list[str], themes: list[str], colors: dict[str, str], what: str
) -> None:
    """Roles as rows (names read across, up to 40 characters), themes as columns (names read upwards)."""
    markers = role_markers(place["role"].cat.categories)
    biggest = place["count"].max()
    row_pt = _size_pt(ax)[1] / (len(roles) + 1.5)
    largest = min(row_pt * 0.8, _size_pt(ax)[0] / (len(themes) + 1) * 0.8, 24) ** 2  # a dot never outgrows its cell
    for k, role in enumerate(roles):
        mine = place[place["role"] == role]
        x = [themes.index(t) for t in mine["theme"]]
        ax.scatter(
            x,
            [k] * len(x),
            s=largest * (0.15 + 0.85 * np.sqrt(mine["count"] / biggest)),
            color=colors[role],
            marker=markers[role],
            label=role,
            zorder=3,
        )
    held_by = place.groupby("theme", observed=True)["role"].count().reindex(themes)
    for i, count in enumerate(held_by):
        ax.text(i, -1, str(count), ha="center", va="center", fontsize=12, color="#555555")
    ax.annotate(  # set off from the axis line as the role names below it are
        "roles holding it",
        (-0.6, -1),
        xytext=(-matplotlib.rcParams["ytick.major.pad"], 0),
        textcoords="offset points",
        ha="right",
        va="center",
        fontsize=12,
        color="#555555",
        fontweight="bold",
    )
    ax.set_xticks(range(len(themes)), themes, rotation=90)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(roles)), roles)
    ax.set_ylim(len(roles) - 0.5, -1.6)
    ax.set_xlim(-0.6, len(themes) - 0.4)
    ax.grid(True, color="#eeeeee", zorder=0)
    ax.tick_params(length=0)
    keys = sorted(
        {1.0 if biggest >= 1 else float(biggest), float(biggest)}
    )  # the size key: the smallest and largest dot
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            color="#888888",
            label=number(k),
            markersize=np.sqrt(largest * (0.15 + 0.85 * np.sqrt(k / biggest))),
        )
        for k in keys
    ]
    ax.legend(
        handles=handles,
        title=f"dot size: {'weight' if what == 'weight' else 'responsibilities'} in the theme",
        loc="upper center",
        bbox_to_anchor=(0.5, -0.03),
        ncols=len(handles),
        title_fontsize=13,
    )


@chart(
    "Dot chart of how external and how long-term each role's responsibilities are, in each theme two or more roles hold"
)
def plot_theme_differences(df: pd.DataFrame, ax: Axes | None = None, themes: Iterable[str] | None = None) -> Axes:
    """For each theme two or more roles hold, where each role's responsibilities sit on scope and horizon.

    Left: the share of the role's responsibilities in the theme that are external;
    right: the share that are long-term. A grey bar spans the gap between roles. Each
    role has its own line inside a theme's row, so equal shares never hide each other.
    As many themes are shown as fit the 16:9 canvas, those where the roles differ most
    first (all of them for a few roles); the title says how many are left out. Pass
    ``themes`` to show only those.

    >>> import rolekit
    >>> ax = plot_theme_differences(rolekit.load_responsibilities())
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['strategy', 'operations', 'finance']
    """
    place = positions(_drawable(df, ["role", "theme", "scope", "horizon"], "to compare roles theme by theme"))
    shared = place[place["roles"] >= 2]
    if themes is not None:
        shared = shared[shared["theme"].isin(list(themes))]
    which = f"of {', '.join(map(str, themes))} " if themes is not None else ""
    if shared.empty:
        why = f"has no theme {which}held by two roles or more, so there is nothing to draw"
        raise DataError([Problem("table", None, None, why)])
    shared = shared.dropna(subset=["external", "long_term"])  # a role's work of weight 0 has no shares
    if shared.empty:
        why = f"gives no weight to the themes {which}two roles or more hold, so there is nothing to draw"
        raise DataError([Problem("table", None, None, why)])
    all_roles = list(place["role"].cat.categories)
    roles = _roles(shared)
    colors, markers = role_colors(all_roles), role_markers(all_roles)
    ax = _new_axes(ax)
    line = 11.0  # points: one role's line inside a theme's row, a dot of 8 points with room around it
    legend_rows = _legend_rows(ax, roles)
    room = figure_of(ax).get_size_inches()[1] * 72 * ax.get_position().height / 0.77 - 150 - 20 * legend_rows
    gaps = shared.groupby("theme", observed=True)[["external", "long_term"]].agg(lambda v: v.max() - v.min())
    spread = pd.DataFrame({"most": gaps.max(axis=1), "both": gaps.sum(axis=1)})  # ties: the theme apart on both
    ranked = list(spread.sort_values(["most", "both"], ascending=False, kind="stable").index)
    fits = 1  # as many of the themes that differ most as fit, each row as tall as the roles it holds need
    while fits < len(ranked):
        holding = shared.loc[shared["theme"].isin(ranked[: fits + 1]), "role"].nunique()
        if (fits + 1) * (line * max(holding, 1) + 10) > room:
            break
        fits += 1
    kept = set(ranked[:fits])
    order = [t for t in place["theme"].cat.categories if t in kept]
    left_out = len(spread) - len(order)
    drawn = [r for r in roles if ((shared["role"] == r) & shared["theme"].isin(order)).any()]  # with a dot here
    row = max(len(drawn), 1) * line + 10  # points a theme row needs
    row = max(row, _size_pt(ax)[1] / (len(order) + 0.25))  # or has, when few themes fill the height: dots stay close
    offset = {r: (k - (len(drawn) - 1) / 2) * line / row for k, r in enumerate(drawn)}
    panels = (("external", 0.0, "share external"), ("long_term", 1.35, "share long-term"))
    for column, x0, heading in panels:
        for x in (0, 0.5, 1):
            ax.axvline(x0 + x, color="#dddddd", linewidth=1, zorder=0)
        ax.text(x0 + 0.5, -0.55, heading, ha="center", va="bottom", fontsize=14, fontweight="bold")
        for i, theme in enumerate(order):
            here = shared[shared["theme"] == theme]
            ax.plot(
                [x0 + here[column].min(), x0 + here[column].max()],
                [i, i],
                color="#bbbbbb",
                linewidth=6,
                solid_capstyle="round",
                zorder=1,
            )
    for role in drawn:
        mine = shared[(shared["role"] == role) & shared["theme"].isin(order)]
        y = np.array([order.index(t) for t in mine["theme"]]) + offset[role]
        ax.scatter(
            np.concatenate([mine["external"].to_numpy(), 1.35 + mine["long_term"].to_numpy()]),
            np.concatenate([y, y]),
            s=64,
            color=colors[role],
            marker=markers[role],
            label=role,
            zorder=3,
            edgecolors="white",
            linewidths=0.6,
        )
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.75)
    ax.set_xlim(-0.08, 2.43)
    ax.set_xticks([0, 0.5, 1, 1.35, 1.85, 2.35], ["0%", "50%", "100%"] * 2)
    ax.set_xlabel(f"share of each role's {unit(df)} in the theme; one line per role")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    _legend(ax, drawn, colors, markers, bbox_to_anchor=(0.5, -0.16))  # the roles with a dot, not all that share
    text = findings(df, "differences", themes=themes)["text"].iloc[0]
    shown = (
        "the theme where roles differ most" if len(order) == 1 else f"the {len(order)} themes where roles differ most"
    )
    _title(ax, text + (f" Showing {shown}; {left_out} more not shown." if left_out else ""))
    return ax


_GAP = "gap: one source names a role, one not"  # what a shaded theme means: silence, not a clash


@chart("Grid of sources by themes: the roles each source gives each theme to, with the gaps between sources shaded")
def plot_source_agreement(df: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Sources x themes: the roles each source gives each theme to, with the gaps between sources shaded.

    A theme is shaded when one source names a role for it that another leaves out,
    while a second source does the reverse: a gap, which is silence on each side,
    not a clash (what the articles dispute outright is :func:`rolekit.plot_tensions`).

    >>> import rolekit
    >>> ax = plot_source_agreement(rolekit.load_responsibilities())
    >>> " ".join(ax.get_title(loc="left").split())
    'Gaps, not clashes: on strategy, relationship names the CEO and not the COO; titles the COO and not the CEO'
    """
    t = _drawable(df, ["role", "theme", "source"], "to compare what each source says")
    support, gaps = source_agreement(t)
    all_roles = list(t["role"].cat.categories)
    roles = [r for r in all_roles if r in set(support["role"])]
    themes = [x for x in t["theme"].cat.categories if x in set(support["theme"])]
    gives = t.dropna(subset=["role", "theme", "source"]).groupby(["source", "theme", "role"], observed=True).size()
    colors, markers = role_colors(all_roles), role_markers(all_roles)
    gapped = list(dict.fromkeys(gaps["theme"]))
    ax = _new_axes(ax)
    width_pt, height_pt = _size_pt(ax)
    names = max((_text_width(str(x), 13) for x in themes), default=0)  # the theme names stand upright above the plot
    legend_rows = _legend_rows(ax, [*roles, _GAP])
    room = (
        figure_of(ax).get_size_inches()[1] * 72 - 100 - names - 20 * legend_rows
    )  # less the title, the names and the legend
    fits = max(1, int(room // 30))  # rows of at least 30 points
    height_pt = max(room, 30.0) + 60
    said = gives.groupby(level="source", observed=True).size().sort_values(ascending=False, kind="stable")
    order = [s for s in t["source"].cat.categories if s in set(said.index[:fits])]
    left_out = len(said) - len(order)
    cell_w, cell_h = 0.9 * width_pt / max(len(themes), 1), 0.8 * (height_pt - 60) / max(len(order), 1)
    across = max(1, min(len(roles), math.ceil(math.sqrt(len(roles) * cell_w / cell_h))))
    down = math.ceil(len(roles) / across)
    pitch = min(cell_w / across, cell_h / down, 16.0)
    size = (0.8 * pitch) ** 2
    for theme in gapped:
        i = themes.index(theme)
        ax.axvspan(i - 0.5, i + 0.5, color=SHADE, zorder=0)
    for k, role in enumerate(roles):
        mine = gives.xs(role, level="role") if role in gives.index.unique("role") else pd.Series(dtype=int)
        mine = mine[mine.index.get_level_values("source").isin(order)]
        col, line = k % across, k // across
        dx = (col - (across - 1) / 2) * pitch / (width_pt / max(len(themes), 1))
        dy = (line - (down - 1) / 2) * pitch / ((height_pt - 60) / max(len(order), 1))
        x = [themes.index(th) + dx for _, th in mine.index]
        y = [order.index(s) + dy for s, _ in mine.index]
        ax.scatter(x, y, s=size, color=colors[role], marker=markers[role], label=role, zorder=3)
    ax.set_xticks(range(len(themes)), themes, rotation=90)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(order)), order)
    for label in ax.get_xticklabels():
        if label.get_text() in gapped:
            label.set_fontweight("bold")
    ax.set_xlim(-0.5, len(themes) - 0.5)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xticks(np.arange(len(themes)) + 0.5, minor=True)
    ax.set_yticks(np.arange(len(order)) + 0.5, minor=True)
    ax.grid(True, which="minor", color="#e5e5e5")
    ax.tick_params(which="both", length=0)
    ax.set_ylabel("source")
    _legend(
        ax,
        roles,
        colors,
        markers,
        extra=[Patch(color=SHADE, label=_GAP)],
        bbox_to_anchor=(0.5, -0.03),
    )
    text = findings(t, "clashes")["text"].iloc[0]
    if left_out:
        text += f". Showing the {len(order)} sources that say most; {left_out} more not shown"
    _title(ax, text)
    return ax


@chart("Stacked bars of each role's share of the responsibilities (or of the weight) in each theme")
def plot_load(df: pd.DataFrame, ax: Axes | None = None, themes: Iterable[str] | None = None) -> Axes:
    """Who carries the load: in each theme, each role's share of the responsibilities (or of the weight), side by side.

    One bar per theme, split by role, each part labelled with its count where it is
    wide enough to hold it. A theme two roles share may still rest mostly on one.
    ``themes``: draw only these (say, :func:`rolekit.decision_themes` of the table).

    >>> import rolekit
    >>> ax = plot_load(rolekit.load_responsibilities())
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['strategy', 'operations']
    """
    t = _drawable(df, ["role", "theme", "scope", "horizon"], "to show who carries the load in each theme")
    all_roles = list(t["role"].cat.categories)  # the whole table's: a role keeps its colour when themes are left out
    if themes is not None:
        wanted = [str(x) for x in themes]
        t = t[t["theme"].astype(str).isin(wanted)]
        if t.empty:
            raise DataError(
                [
                    Problem(
                        "table",
                        None,
                        None,
                        f"has no responsibility in {' or '.join(wanted) if wanted else 'the themes asked for'}, "
                        "so there is nothing to draw",
                    )
                ]
            )
    place = positions(t)
    roles = _roles(place)
    rows = [x for x in place["theme"].cat.categories if x in set(place["theme"])]
    colors, hatches = role_colors(all_roles), role_hatches(all_roles)
    weighted = unit(df) == "weight"
    amounts = (
        place.pivot_table(index="theme", columns="role", values="count", aggfunc="sum", observed=True)
        .reindex(index=rows, columns=roles)
        .fillna(0)
    )
    ax = _new_axes(ax)
    # as many theme rows as 13-point labels fit once the title, the axis and the legend take their room
    room = (
        figure_of(ax).get_size_inches()[1] * 72 * ax.get_position().height / 0.77 - 170 - 20 * _legend_rows(ax, roles)
    )
    fits = max(1, int(room // 19))
    kept = set(amounts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:fits])
    left_out = len(rows) - len(kept)
    rows = [x for x in rows if x in kept]
    amounts = amounts.loc[rows]
    shares = amounts.div(amounts.sum(axis=1).where(lambda v: v > 0), axis=0).fillna(0)
    bar_pt = _size_pt(ax)[0]
    left = np.zeros(len(rows))
    for role in roles:
        ax.barh(
            range(len(rows)),
            shares[role] * 100,
            left=left * 100,
            height=0.7,
            color=colors[role],
            hatch=hatches[role],
            label=role,
            edgecolor="white",
            linewidth=1,
        )
        for i, (share, amount) in enumerate(zip(shares[role], amounts[role])):
            label = number(amount)
            if amount and share * bar_pt * 0.8 > _text_width(label, 12) + 6:
                ax.text(
                    (left[i] + share / 2) * 100,
                    i,
                    label,
                    ha="center",
                    va="center",
                    fontsize=12,
                    color="white",
                    fontweight="bold",
                    # on a hatched bar, the number sits on a patch of the plain colour: white lines would cross it
                    bbox={"boxstyle": "round,pad=0.35", "facecolor": colors[role], "edgecolor": "none"}
                    if hatches[role]
                    else None,
                )
        left += shares[role].to_numpy()
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(
        f"each role's share of the theme's {'weight' if weighted else 'responsibilities'} (numbers: "
        f"{'weight' if weighted else 'how many'})"
    )
    ax.tick_params(axis="y", length=0)
    _legend(ax, roles, colors, hatches=hatches, bbox_to_anchor=(0.5, -0.14))
    text = findings(df, "load", themes=rows if left_out else themes)["text"].iloc[0]  # of the themes drawn
    if left_out:
        what = "weight" if weighted else "responsibilities"
        text += f" Showing the {len(rows)} themes with the most {what}; {left_out} more not shown."
    _title(ax, text)
    return ax
