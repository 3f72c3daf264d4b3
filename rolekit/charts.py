"""Charts of where roles overlap and differ.

Each function takes a responsibilities table and an optional matplotlib ``ax``,
draws on it (or on a new figure), and returns the Axes. None calls ``plt.show()``.
All use rolekit's style sheet and give each role the same colour and marker
everywhere (see :mod:`rolekit.style`). Titles state what the data shows.
"""

from __future__ import annotations

import functools
import math
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath

from .analysis import CELLS, overlap, positions, profile, source_agreement
from .io import tidy
from .output import Output
from .style import STYLE, role_colors, role_markers
from .validate import DataError, MissingColumns, Problem, require

_SHADE = "#F4E1D2"  # background of contradicted themes
_MIN_TEXT = 9  # points: no label is drawn smaller


def _drawable(df: pd.DataFrame, columns: list[str], purpose: str) -> pd.DataFrame:
    """The tidy rows of ``df`` with a value in every one of ``columns``; DataError when there are none."""
    require(df, columns, purpose)
    t = tidy(df).dropna(subset=columns)
    if t.empty:
        said = "no rows" if df.empty else f"no row with a value in each of {', '.join(columns)}"
        raise DataError([Problem("table", None, None, f"has {said}, so there is nothing to draw {purpose}")])
    return t


def _new_axes(ax, height=None):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # here, not at the top: pyplot would double what `import rolekit` costs

    width, default = matplotlib.rcParams["figure.figsize"]
    return plt.subplots(figsize=(width, max(default, height or 0)))[1]


def _size_pt(ax) -> tuple[float, float]:
    """The Axes' width and height in points, before layout adjusts them."""
    box = ax.get_position()
    width, height = ax.figure.get_size_inches()
    return box.width * width * 72, box.height * height * 72


def _title(ax, text: str) -> None:
    width = _size_pt(ax)[0] / (matplotlib.rcParams["axes.titlesize"] * 0.62)
    ax.set_title(textwrap.fill(text, max(int(width), 30), break_on_hyphens=False))


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _roles(table: pd.DataFrame) -> list[str]:
    present = set(table["role"].dropna())
    return [r for r in table["role"].cat.categories if r in present]


def _legend(ax, roles, colors, markers, **where) -> None:
    handles = [Line2D([], [], linestyle="", marker=markers[r], markersize=11, color=colors[r], label=r) for r in roles]
    ax.legend(handles=handles, **({"loc": "upper center", "bbox_to_anchor": (0.5, -0.1), "ncols": min(len(roles), 6)} | where))


@functools.cache
def _text_width(text: str, size: float) -> float:
    """Width in points of ``text`` set in the style's font at ``size``, from the font's metrics."""
    font = FontProperties(family=matplotlib.rcParams["font.sans-serif"][0], size=size)
    return TextToPath().get_text_width_height_descent(text, font, ismath=False)[0]


def _fit(text: str, width_pt: float, size: float) -> str:
    """Cut ``text`` with an ellipsis so it fits ``width_pt`` at font ``size``."""
    while len(text) > 4 and _text_width(text, size) > width_pt:
        text = text[:-2].rstrip() + "…"
    return text


def plot_scope_horizon(df: pd.DataFrame, ax=None):
    """Map every responsibility onto the 2x2 grid of scope (internal/external) by horizon (daily/long-term).

    Each dot is one responsibility, in its role's colour and marker, on the row of its
    theme (or of its role, for a table without themes). A row with more dots than fit
    on a line wraps onto more lines, and a figure drawn here grows taller to hold
    them, so labels keep their size and never overlap.

    >>> import rolekit
    >>> ax = plot_scope_horizon(rolekit.load_responsibilities())
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['daily', 'long-term']
    """
    t = _drawable(df, ["role", "scope", "horizon"], "to place responsibilities on the scope x horizon map")
    with matplotlib.style.context(STYLE):
        if "theme" in t and t["theme"].notna().any():
            t = t.assign(row=t["theme"].cat.add_categories(["(no theme)"]).fillna("(no theme)"))
        else:
            t = t.assign(row=t["role"])
        roles = _roles(t)
        colors, markers = role_colors(t["role"].cat.categories), role_markers(t["role"].cat.categories)
        counts = t.groupby(["scope", "horizon", "row", "role"], observed=True).size()
        cells = {c: counts.xs(c, level=["scope", "horizon"]) for c in CELLS if c in counts.index.droplevel([2, 3])}

        # Plan in points: a label column, then dots at a pitch of 7 to 14 points.
        created = ax is None
        ax = _new_axes(ax)
        cell_w = _size_pt(ax)[0] / 2
        label_w = min(max(_text_width(str(r), 12) for r in t["row"].unique()) + 10, 0.36 * cell_w)
        dots_w = 0.95 * cell_w - label_w
        slots = {(c, row): len(k) - 1 + k.sum() for c, here in cells.items() for row, k in here.groupby(level="row", observed=True)}
        per_line = max(1, min(max(slots.values(), default=1), int(dots_w // 7)))
        pitch = min(14.0, dots_w / per_line)
        lines = {key: math.ceil(n / per_line) for key, n in slots.items()}
        units = max([sum(n for (c, _), n in lines.items() if c == cell) for cell in cells] or [1])
        headers = {c: (f"{c[0]} · {c[1]}", " · ".join(f"{r} {n}" for r, n in t[(t["scope"] == c[0]) & (t["horizon"] == c[1])]["role"]
                                                        .value_counts().reindex(roles, fill_value=0).items())) for c in CELLS}
        two_lines = any(_text_width(h, 13) + _text_width(n, 11) + 24 > 0.96 * cell_w for h, n in headers.values())
        band = 46.0 if two_lines else 28.0  # points: the header band of each cell
        bottom = 0.04
        if created:
            rows_pt = units * 17 / (1 - bottom)
            ax.figure.set_figheight(max(ax.figure.get_figheight(), 2 * (rows_pt + band) / 72 + 2.4))
        cell_h = _size_pt(ax)[1] / 2
        top = band / cell_h
        unit = (1 - top - bottom) / units
        label_size = max(min(12.0, unit * cell_h / 1.45), _MIN_TEXT)
        dot = min(pitch * 0.8, unit * cell_h * 0.8, 11.0)

        xy = {r: [] for r in roles}
        for (scope, horizon), here in cells.items():
            x0, y = float(horizon == "long-term"), float(scope == "external") + 1 - top
            for row, k in here.groupby(level="row", observed=True):
                ax.text(x0 + 0.02, y - unit / 2, _fit(str(row), label_w - 8, label_size), va="center", fontsize=label_size)
                slot = 0
                for (_, role), n in k.items():
                    for _ in range(n):
                        line, pos = divmod(slot, per_line)
                        xy[role].append((x0 + 0.02 + (label_w + (pos + 0.5) * pitch) / cell_w, y - (line + 0.5) * unit))
                        slot += 1
                    slot += 1  # a gap between roles
                y -= lines[((scope, horizon), row)] * unit
        for (scope, horizon), (header, tally) in headers.items():
            x0, y1 = float(horizon == "long-term"), float(scope == "external") + 1
            ax.text(x0 + 0.02, y1 - 14 / cell_h, header, fontsize=13, fontweight="bold", va="center")
            if two_lines:
                ax.text(x0 + 0.02, y1 - 32 / cell_h, tally, fontsize=11, va="center", color="#555555")
            else:
                ax.text(x0 + 0.98, y1 - 14 / cell_h, tally, fontsize=11, va="center", ha="right", color="#555555")
        for role in roles:
            points = np.array(xy[role]).reshape(-1, 2)
            ax.scatter(points[:, 0], points[:, 1], s=dot ** 2, color=colors[role], marker=markers[role], label=role, linewidths=0, zorder=3)
        ax.axvline(1, color="#888888", linewidth=1)
        ax.axhline(1, color="#888888", linewidth=1)
        ax.set(xlim=(0, 2), ylim=(0, 2), xlabel="horizon", ylabel="scope")
        ax.set_xticks([0.5, 1.5], ["daily", "long-term"])
        ax.set_yticks([0.5, 1.5], ["internal", "external"], rotation=90, va="center")
        ax.tick_params(length=0)
        _legend(ax, roles, colors, markers)
        shares = profile(t).query("by == 'cell'")
        most = shares.loc[shares.groupby("role", sort=False)["share"].idxmax()]
        if len(most) <= 3:
            text = "; ".join(f"{r}: mostly {c.replace('/', ', ')} ({_pct(s)})" for r, c, s in most[["role", "category", "share"]].itertuples(index=False))
        else:
            text = "; ".join(f"Mostly {c.replace('/', ', ')}: {', '.join(g['role'])}" for c, g in most.groupby("category", sort=False))
        _title(ax, f"Where the work sits. {text}")
    return ax


def plot_role_profiles(df: pd.DataFrame, ax=None):
    """Bars of each role's share of responsibilities by scope and by horizon, roles side by side.

    >>> import rolekit
    >>> ax = plot_role_profiles(rolekit.load_responsibilities())
    >>> [round(float(b.get_height())) for b in ax.containers[0]]  # the CEO's shares, in percent
    [67, 33, 28, 72]
    """
    t = _drawable(df, ["role", "scope", "horizon"], "to profile each role by scope and horizon")
    shares = profile(t)
    with matplotlib.style.context(STYLE):
        ax = _new_axes(ax)
        roles = list(shares["role"].unique())
        colors = role_colors(t["role"].cat.categories)
        categories = ["internal", "external", "daily", "long-term"]
        centres = np.array([0, 1, 2.5, 3.5])
        width = 0.8 / len(roles)
        for k, role in enumerate(roles):
            mine = shares[(shares["role"] == role) & shares["by"].isin(["scope", "horizon"])].set_index("category")["share"]
            bars = ax.bar(centres + (k - (len(roles) - 1) / 2) * width, mine.loc[categories] * 100, width * 0.92, color=colors[role], label=role)
            if len(roles) <= 4:
                ax.bar_label(bars, labels=[_pct(v) for v in mine.loc[categories]], padding=3, fontsize=12)
        ax.set_xticks(centres, categories)
        ax.set_ylim(0, 110)
        ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_ylabel("share of the role's responsibilities")
        for x, group in ((0.5, "scope"), (3.0, "horizon")):
            ax.annotate(group, (x, 0), xytext=(0, -38), textcoords="offset points", ha="center", va="top", fontsize=13, fontweight="bold", annotation_clip=False)
        ax.axvline(1.75, color="#bbbbbb", linewidth=1)
        ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
        wide = shares.pivot_table(index="role", columns="category", values="share", observed=True).loc[roles]
        if len(roles) <= 3:
            text = " · ".join(f"{r}: {_pct(wide.loc[r, 'external'])} external, {_pct(wide.loc[r, 'long-term'])} long-term" for r in roles)
        else:
            text = (f"Most outward-facing: {wide['external'].idxmax()} ({_pct(wide['external'].max())} external); "
                    f"most long-term: {wide['long-term'].idxmax()} ({_pct(wide['long-term'].max())})")
        _title(ax, text)
    return ax


def plot_theme_overlap(df: pd.DataFrame, ax=None, kind: str = "auto"):
    """Which themes each role holds and which they share.

    ``kind="venn"`` draws a Venn diagram with the themes written in each region (two
    or three roles); ``kind="matrix"`` a role x theme grid, dot size showing how many
    responsibilities. ``"auto"`` picks the Venn diagram when it can stay readable.

    >>> import rolekit
    >>> ax = plot_theme_overlap(rolekit.load_responsibilities())
    >>> "CEO and COO share 8 of 10 themes (Jaccard 0.80)" in ax.get_title(loc="left")
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
            _matrix(ax, place, roles, themes, colors)
        pairs = overlap(df).pairs
        if len(roles) == 2:
            p = pairs.iloc[0]
            text = (f"{p.role_a} and {p.role_b} share {p.n_shared} of {p.n_shared + len(p.only_a) + len(p.only_b)} themes "
                    f"(Jaccard {p.jaccard:.2f}). Only {p.role_a}: {', '.join(p.only_a) or 'none'}. Only {p.role_b}: {', '.join(p.only_b) or 'none'}.")
        else:
            everyone = [t for t in themes if all(t in held[r] for r in roles)]
            alone = [t for t in themes if sum(t in held[r] for r in roles) == 1]
            text = f"{len(everyone)} of {len(themes)} themes are held by all {len(roles)} roles; {len(alone)} by one role only"
        _title(ax, text)
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


def _matrix(ax, place, roles, themes, colors) -> None:
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
    ax.set_xlabel("role (dot size: number of responsibilities)")
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
        ax.set_xlabel("dot size: how many of the role's responsibilities are in the theme")
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        _legend(ax, roles, colors, markers, bbox_to_anchor=(0.5, -0.16))
        if order:
            spread = shared.groupby("theme", observed=True)[["external", "long_term"]].agg(lambda s: s.max() - s.min())
            theme, column = spread.stack().idxmax()
            here = shared[shared["theme"] == theme].set_index("role", drop=False)[column]
            word = "long-term" if column == "long_term" else "external"
            text = (f"Same theme, different footing: in {theme}, {here.idxmax()} work is {_pct(here.max())} {word}, "
                    f"{here.idxmin()} work {_pct(here.min())}")
        else:
            text = "No theme is held by two or more roles, so there is nothing to compare"
        _title(ax, text)
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
            ax.axvspan(i - 0.5, i + 0.5, color=_SHADE, zorder=0)
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
        handles.append(Patch(color=_SHADE, label="sources contradict each other"))
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


# Every chart, by the name its file gets from ``rolekit figures``.
CHARTS = {
    "scope_horizon": plot_scope_horizon,
    "role_profiles": plot_role_profiles,
    "theme_overlap": plot_theme_overlap,
    "theme_differences": plot_theme_differences,
    "source_agreement": plot_source_agreement,
}

MADE_BY = "rolekit figures"  # written into each chart file's metadata
_METADATA = {"png": {"Software": MADE_BY}, "svg": {"Creator": MADE_BY, "Date": None},
             "pdf": {"Creator": MADE_BY, "Producer": MADE_BY, "CreationDate": None, "ModDate": None}}
FORMATS = tuple(_METADATA)


def chart_files(out, fmt: str = "png") -> Output:
    """The folder ``out``, checked for writing every chart; DataError if it cannot be, or holds files rolekit did not make."""
    return Output(out, [f"{name}.{fmt}" for name in CHARTS])


def save_charts(df: pd.DataFrame, out, fmt: str = "png") -> tuple[list[Path], list[str]]:
    """Draw every chart of ``df`` and write each to ``out/NAME.FMT``; return what was written and what was skipped, and why.

    A chart needing a column ``df`` lacks, or with nothing to draw, is skipped. A file
    rolekit did not make is never overwritten (DataError instead, before anything is
    written; see :mod:`rolekit.output`). Saving happens inside the style, so the same
    table gives the same bytes every time.
    """
    import matplotlib.pyplot as plt

    folder = chart_files(out, fmt)
    written, skipped = [], []
    for name, draw in CHARTS.items():
        try:
            ax = draw(df)
        except DataError as err:
            skipped.append(f"{name}: {str(err.problems[0]).removeprefix('table: ').split('. The table has')[0]}")
            continue
        with matplotlib.style.context(STYLE):
            ax.figure.savefig(folder.path(f"{name}.{fmt}"), metadata=_METADATA[fmt])
        plt.close(ax.figure)
        written.append(folder.record(f"{name}.{fmt}"))
    return written, skipped
