"""Themes: which roles hold them, how each role works inside them, and what each source says."""

from __future__ import annotations


import matplotlib
import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..analysis import positions, source_agreement, unit
from ..findings import findings
from ..io import tidy
from ..style import STYLE, role_colors, role_markers
from ._base import SHADE, _drawable, _legend, _new_axes, _roles, _title

def plot_theme_overlap(df: pd.DataFrame, ax=None, kind: str = "auto"):
    """Which themes each role holds and which they share.

    ``kind="venn"`` draws a Venn diagram with the themes written in each region (two
    or three roles); ``kind="matrix"`` a role x theme grid, dot size showing how many
    responsibilities. ``"auto"`` picks the Venn diagram when it can stay readable.

    >>> import rolekit
    >>> ax = plot_theme_overlap(rolekit.load_responsibilities())
    >>> "The CEO and the COO share 8 of 10 themes (Jaccard 0.80)" in ax.get_title(loc="left").replace("\\n", " ")
    True
    """
    place = positions(_drawable(df, ["role", "theme", "scope", "horizon"], "to compare roles theme by theme"))
    roles = _roles(place)
    held = {r: list(place.loc[place["role"] == r, "theme"]) for r in roles}
    themes = [t for t in place["theme"].cat.categories if t in set(place["theme"])]
    if kind == "auto":
        regions = [[t for t in themes if all((t in held[r]) == inside for r, inside in zip(roles, code))]
                   for code in _region_codes(len(roles))] if 2 <= len(roles) <= 3 else []
        readable = regions and max(map(len, regions)) <= 10 and max(len(str(t)) for t in themes) <= 16
        kind = "venn" if readable else "matrix"
    if kind not in ("venn", "matrix"):
        raise ValueError(f"kind must be 'auto', 'venn' or 'matrix', not {kind!r}")
    if kind == "venn" and not 2 <= len(roles) <= 3:
        raise ValueError(f"a Venn diagram needs two or three roles; this table has {len(roles)}: use kind='matrix'")
    colors = role_colors(tidy(df[["role"]])["role"].cat.categories)
    with matplotlib.style.context(STYLE):
        ax = _new_axes(ax)
        if kind == "venn":
            _venn(ax, roles, held, themes, colors)
        else:
            _matrix(ax, place, roles, themes, colors, unit(df))
        _title(ax, findings(df, "overlap")["text"].iloc[0])  # the same sentence as the takeaways
    return ax


def _region_codes(n: int) -> list[tuple[bool, ...]]:
    """Venn regions in matplotlib-venn's order: '10', '01', '11' or '100', '010', '110', ..."""
    return [tuple(c == "1" for c in code) for code in (["10", "01", "11"] if n == 2 else ["100", "010", "110", "001", "101", "011", "111"])]


def _venn(ax, roles, held, themes, colors) -> None:
    from matplotlib_venn import venn2, venn3
    from matplotlib_venn.layout.venn2 import DefaultLayoutAlgorithm as Layout2
    from matplotlib_venn.layout.venn3 import DefaultLayoutAlgorithm as Layout3

    draw, layout = (venn2, Layout2(fixed_subset_sizes=(1, 1, 1))) if len(roles) == 2 else (venn3, Layout3(fixed_subset_sizes=(1,) * 7))
    diagram = draw([set(held[r]) for r in roles], set_labels=roles, set_colors=[colors[r] for r in roles], alpha=0.25, ax=ax, layout_algorithm=layout)
    for code in _region_codes(len(roles)):
        label = diagram.get_label_by_id("".join("1" if c else "0" for c in code))
        if label is not None:
            inside = [t for t in themes if all((t in held[r]) == c for r, c in zip(roles, code))]
            label.set_text("\n".join(inside))
            label.set_fontsize(13 if len(roles) == 2 else 11)
    for r, label in zip(roles, diagram.set_labels):
        label.set(color=colors[r], fontweight="bold", fontsize=16)
    for patch in diagram.patches:
        if patch is not None:
            patch.set_edgecolor("#555555")
            patch.set_linewidth(1)


def _matrix(ax, place, roles, themes, colors, what: str) -> None:
    markers = role_markers(place["role"].cat.categories)
    biggest = place["count"].max()
    for k, role in enumerate(roles):
        mine = place[place["role"] == role]
        y = [themes.index(t) for t in mine["theme"]]
        ax.scatter([k] * len(y), y, s=60 + 500 * np.sqrt(mine["count"] / biggest), color=colors[role], marker=markers[role], label=role, zorder=3)
    held_by = place.groupby("theme", observed=True)["role"].count().reindex(themes)
    ax.text(len(roles) - 0.4, -0.75, "held by", va="center", fontsize=12, fontweight="bold", color="#555555")
    for i, count in enumerate(held_by):
        ax.text(len(roles) - 0.4, i, f"{count} of {len(roles)}", va="center", fontsize=12, color="#555555")
    ax.set_xticks(range(len(roles)), roles, rotation=30 if len(roles) > 6 else 0, ha="right" if len(roles) > 6 else "center")
    ax.set_yticks(range(len(themes)), themes)
    ax.set_xlim(-0.6, len(roles) + 0.4)
    ax.set_ylim(len(themes) - 0.5, -0.5)
    ax.grid(True, color="#eeeeee", zorder=0)
    ax.set_xlabel(f"role (dot size: {'weight' if what == 'weight' else 'number of responsibilities'})")
    ax.tick_params(length=0)


def plot_theme_differences(df: pd.DataFrame, ax=None, themes=None):
    """For each theme two or more roles hold, where each role's responsibilities sit on scope and horizon.

    Left: the share of the role's responsibilities in the theme that are external;
    right: the share that are long-term. A grey bar spans the gap between roles.
    Pass ``themes`` to show only those.

    >>> import rolekit
    >>> ax = plot_theme_differences(rolekit.load_responsibilities())
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['strategy', 'operations', 'finance']
    """
    place = positions(_drawable(df, ["role", "theme", "scope", "horizon"], "to compare roles theme by theme"))
    shared = place[place["roles"] >= 2]
    if themes is not None:
        shared = shared[shared["theme"].isin(list(themes))]
    order = [t for t in place["theme"].cat.categories if t in set(shared["theme"])]
    all_roles = list(place["role"].cat.categories)
    roles = _roles(shared)
    colors, markers = role_colors(all_roles), role_markers(all_roles)
    with matplotlib.style.context(STYLE):
        ax = _new_axes(ax, height=0.55 * len(order) + 2.5)
        offset = {r: (k - (len(roles) - 1) / 2) * min(0.6 / max(len(roles), 1), 0.18) for k, r in enumerate(roles)}
        panels = (("external", 0.0, "share external"), ("long_term", 1.35, "share long-term"))
        for column, x0, heading in panels:
            for x in (0, 0.5, 1):
                ax.axvline(x0 + x, color="#dddddd", linewidth=1, zorder=0)
            ax.text(x0 + 0.5, -0.9, heading, ha="center", va="bottom", fontsize=14, fontweight="bold")
            for i, theme in enumerate(order):
                here = shared[shared["theme"] == theme]
                ax.plot([x0 + here[column].min(), x0 + here[column].max()], [i, i], color="#bbbbbb", linewidth=6, solid_capstyle="round", zorder=1)
        biggest = shared["count"].max() if len(shared) else 1
        for role in roles:
            mine = shared[shared["role"] == role]
            y = np.array([order.index(t) for t in mine["theme"]]) + offset[role]
            x = np.concatenate([mine["external"].to_numpy(), 1.35 + mine["long_term"].to_numpy()])
            size = np.tile(40 + 260 * np.sqrt(mine["count"].to_numpy() / biggest), 2)
            ax.scatter(x, np.concatenate([y, y]), s=size, color=colors[role], marker=markers[role], label=role, zorder=3, edgecolors="white", linewidths=0.8)
        ax.set_yticks(range(len(order)), order)
        ax.set_ylim(len(order) - 0.4, -1.1)
        ax.set_xlim(-0.08, 2.43)
        ax.set_xticks([0, 0.5, 1, 1.35, 1.85, 2.35], ["0%", "50%", "100%"] * 2)
        ax.set_xlabel("dot size: the role's weight in the theme" if unit(df) == "weight" else "dot size: how many of the role's responsibilities are in the theme")
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        _legend(ax, roles, colors, markers, bbox_to_anchor=(0.5, -0.16))
        _title(ax, findings(df, "differences", themes=themes)["text"].iloc[0])  # the same sentence as the takeaways
    return ax


def plot_source_agreement(df: pd.DataFrame, ax=None):
    """Sources x themes: the roles each source gives each theme to, with contradictions shaded.

    A theme is shaded when one source gives it to a role and not another, while a
    second source does the opposite.

    >>> import rolekit
    >>> ax = plot_source_agreement(rolekit.load_responsibilities())
    >>> ax.get_title(loc="left").split(" (")[0]
    'The sources clash on 1 theme: strategy'
    """
    t = _drawable(df, ["role", "theme", "source"], "to compare what each source says")
    support, clashes = source_agreement(t)
    all_roles = list(t["role"].cat.categories)
    roles = [r for r in all_roles if r in set(support["role"])]
    themes = [x for x in t["theme"].cat.categories if x in set(support["theme"])]
    sources = [s for s in t["source"].cat.categories if s in set(t["source"].dropna())]
    colors, markers = role_colors(all_roles), role_markers(all_roles)
    gives = t.dropna().groupby(["source", "theme", "role"], observed=True).size()
    contested = list(dict.fromkeys(clashes["theme"]))
    with matplotlib.style.context(STYLE):
        ax = _new_axes(ax, height=0.7 * len(sources) + 3)
        step = min(0.8 / max(len(roles), 1), 0.3)
        for theme in contested:
            i = themes.index(theme)
            ax.axvspan(i - 0.5, i + 0.5, color=SHADE, zorder=0)
        for k, role in enumerate(roles):
            mine = gives.xs(role, level="role") if role in gives.index.unique("role") else pd.Series(dtype=int)
            x = [themes.index(th) + (k - (len(roles) - 1) / 2) * step for _, th in mine.index]
            y = [sources.index(s) for s, _ in mine.index]
            ax.scatter(x, y, s=130, color=colors[role], marker=markers[role], label=role, zorder=3)
        ax.set_xticks(range(len(themes)), themes, rotation=35, ha="right")
        ax.set_yticks(range(len(sources)), sources)
        for label in ax.get_xticklabels():
            if label.get_text() in contested:
                label.set_fontweight("bold")
        ax.set_xlim(-0.5, len(themes) - 0.5)
        ax.set_ylim(len(sources) - 0.5, -0.5)
        ax.set_xticks(np.arange(len(themes)) + 0.5, minor=True)
        ax.set_yticks(np.arange(len(sources)) + 0.5, minor=True)
        ax.grid(True, which="minor", color="#e5e5e5")
        ax.tick_params(which="both", length=0)
        ax.set_ylabel("source")
        handles = [Line2D([], [], linestyle="", marker=markers[r], markersize=11, color=colors[r], label=r) for r in roles]
        handles.append(Patch(color=SHADE, label="sources contradict each other"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1))
        if len(contested) == 1:
            c = clashes[clashes["theme"] == contested[0]].iloc[0]
            text = (f"The sources clash on 1 theme: {c.theme} ({', '.join(c.sources_a)} gives it to {c.role_a}, not {c.role_b}; "
                    f"{', '.join(c.sources_b)} to {c.role_b}, not {c.role_a})")
        elif contested:
            text = f"The sources clash on {len(contested)} themes: {', '.join(contested)}"
        else:
            text = "The sources never contradict each other: no theme goes to one role in one source and the other in another"
        _title(ax, text)
    return ax


