"""Where each role's work sits: the scope x horizon map and the role profiles."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.transforms import offset_copy

from ..analysis import CELLS, counts, profile, unit
from ..findings import findings, pct
from ..style import role_colors, role_hatches, role_markers
from ..text import number
from ._base import (
    _drawable,
    _fit,
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


@chart("Map of every responsibility on the 2x2 grid of scope (internal/external) by horizon (daily/long-term)")
def plot_scope_horizon(df: pd.DataFrame, ax: Axes | None = None, kind: str = "auto") -> Axes:
    """Map every responsibility onto the 2x2 grid of scope (internal/external) by horizon (daily/long-term).

    Each dot is one responsibility, in its role's colour and marker, on the row of its
    theme (or of its role, for a table without themes). A row with more dots than fit
    on a line wraps onto more lines. When the rows cannot all be written at 12 points
    on the 16:9 canvas (many themes, many roles), the chart becomes a grid instead:
    one row per role, one column per scope x horizon cell, a dot sized by the count
    and the count written beside it. A weighted table is drawn as the grid, its
    dots sized by the weights. ``kind`` chooses: ``"auto"`` (so), ``"dots"`` or ``"grid"``.

    >>> import rolekit
    >>> ax = plot_scope_horizon(rolekit.load_responsibilities())
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['daily', 'long-term']
    """
    if kind not in ("auto", "dots", "grid"):
        raise ValueError(f"kind must be 'auto', 'dots' or 'grid', not {kind!r}")
    t = _drawable(df, ["role", "scope", "horizon"], "to place responsibilities on the scope x horizon map")
    if "theme" in t and t["theme"].notna().any():
        missing = next(
            f"(no theme{' given' * k})"
            for k in range(len(t) + 2)
            if f"(no theme{' given' * k})" not in set(t["theme"].cat.categories)
        )  # never a theme's own name
        t = t.assign(row=t["theme"].cat.add_categories([missing]).fillna(missing))
    else:
        t = t.assign(row=t["role"])
    roles = _roles(t)
    colors, markers = role_colors(t["role"].cat.categories), role_markers(t["role"].cat.categories)
    counts = t.groupby(["scope", "horizon", "row", "role"], observed=True).size()
    cells = {c: counts.xs(c, level=["scope", "horizon"]) for c in CELLS if c in counts.index.droplevel([2, 3])}

    # Plan in points: a label column, then dots at a pitch of 7 to 14 points.
    ax = _new_axes(ax)
    cell_w = _size_pt(ax)[0] / 2
    label_w = min(max(_text_width(str(r), 12) for r in t["row"].unique()) + 10, 0.36 * cell_w)
    dots_w = 0.95 * cell_w - label_w
    slots = {
        (c, row): len(k) - 1 + k.sum()
        for c, here in cells.items()
        for row, k in here.groupby(level="row", observed=True)
    }
    per_line = max(1, min(max(slots.values(), default=1), int(dots_w // 7)))
    pitch = min(14.0, dots_w / per_line)
    lines = {key: math.ceil(n / per_line) for key, n in slots.items()}
    units = max([sum(n for (c, _), n in lines.items() if c == cell) for cell in cells] or [1])
    tallies = len(roles) <= 3  # beyond three roles, the per-cell counts would not fit a header
    headers = {
        c: (
            f"{c[0]} · {c[1]}",
            " · ".join(
                f"{r} {n}"
                for r, n in t[(t["scope"] == c[0]) & (t["horizon"] == c[1])]["role"]
                .value_counts()
                .reindex(roles, fill_value=0)
                .items()
            )
            if tallies
            else "",
        )
        for c in CELLS
    }
    if any(_text_width(n, 12) > 0.96 * cell_w - 8 for _, n in headers.values()):  # long names: a count line too wide
        headers = {c: (header, "") for c, (header, _) in headers.items()}  # for its cell; the dots give the counts
    two_lines = any(_text_width(h, 13) + _text_width(n, 12) + 24 > 0.96 * cell_w for h, n in headers.values())
    band = 46.0 if two_lines else 28.0  # points: the header band of each cell
    bottom = 0.04
    height_in = figure_of(ax).get_size_inches()[1]
    legend_rows = _legend_rows(ax, roles)
    cell_h = (
        height_in * 72 * ax.get_position().height / 0.77 - 110 - 20 * legend_rows
    ) / 2  # after title, ticks and legend
    if kind == "grid" or (
        kind == "auto" and ((cell_h - band) * (1 - bottom) / units < 15 or unit(t) == "weight")
    ):  # rows cannot take 12-point labels; or a dot per row would not show the weights the title speaks of
        ax.clear()
        return _scope_grid(ax, t, roles, colors, markers)
    cell_h = _size_pt(ax)[1] / 2
    top = band / cell_h
    row_h = (1 - top - bottom) / units
    label_size = 12.0
    dot = min(pitch * 0.8, row_h * cell_h * 0.8, 11.0)

    xy: dict[str, list[tuple[float, float]]] = {r: [] for r in roles}
    for (scope, horizon), here in cells.items():
        x0, y = float(horizon == "long-term"), float(scope == "external") + 1 - top
        for row, k in here.groupby(level="row", observed=True):
            ax.text(x0 + 0.02, y - row_h / 2, _fit(str(row), label_w - 8, label_size), va="center", fontsize=label_size)
            slot = 0
            for (_, role), n in k.items():
                for _ in range(n):
                    line, pos = divmod(slot, per_line)
                    xy[role].append((x0 + 0.02 + (label_w + (pos + 0.5) * pitch) / cell_w, y - (line + 0.5) * row_h))
                    slot += 1
                slot += 1  # a gap between roles
            y -= lines[((scope, horizon), row)] * row_h
    for (scope, horizon), (header, tally) in headers.items():
        x0, y1 = float(horizon == "long-term"), float(scope == "external") + 1
        ax.text(x0 + 0.02, y1 - 14 / cell_h, header, fontsize=13, fontweight="bold", va="center")
        if two_lines:
            ax.text(x0 + 0.02, y1 - 32 / cell_h, tally, fontsize=12, va="center", color="#555555")
        else:
            ax.text(x0 + 0.98, y1 - 14 / cell_h, tally, fontsize=12, va="center", ha="right", color="#555555")
    for role in roles:
        points = np.array(xy[role]).reshape(-1, 2)
        ax.scatter(
            points[:, 0],
            points[:, 1],
            s=dot**2,
            color=colors[role],
            marker=markers[role],
            label=role,
            linewidths=0,
            zorder=3,
        )
    ax.axvline(1, color="#888888", linewidth=1)
    ax.axhline(1, color="#888888", linewidth=1)
    ax.set(xlim=(0, 2), ylim=(0, 2), xlabel="horizon", ylabel="scope")
    ax.set_xticks([0.5, 1.5], ["daily", "long-term"])
    ax.set_yticks([0.5, 1.5], ["internal", "external"], rotation=90, va="center")
    ax.tick_params(length=0)
    _legend(ax, roles, colors, markers)
    _title(
        ax, findings(t, "profile")["text"].iloc[-1]
    )  # the same sentence as the takeaways: "Where the work sits: ..."
    return ax


def _scope_grid(ax: Axes, t: pd.DataFrame, roles: list[str], colors: dict[str, str], markers: dict[str, str]) -> Axes:
    """The map as a grid: roles down, the four scope x horizon cells across, a dot sized by the count."""
    n, _ = counts(t, ["role", "scope", "horizon"], "to place responsibilities on the scope x horizon map")
    index = {r: i for i, r in enumerate(t["role"].cat.categories)}
    table = n.reshape(len(index), 4)[[index[r] for r in roles]]  # cells in CELLS order: internal first, daily first
    biggest = table.max() or 1
    row_pt = _size_pt(ax)[1] / (len(roles) + 1)
    largest = min(row_pt * 0.85, 26) ** 2
    for k, role in enumerate(roles):
        for j, value in enumerate(table[k]):
            if value:
                ax.scatter(
                    j,
                    k,
                    s=largest * (0.12 + 0.88 * value / biggest),
                    color=colors[role],
                    marker=markers[role],
                    zorder=3,
                )
                ax.text(j + 0.2, k, number(value), va="center", fontsize=12, color="#333333")
    ax.set_xticks(range(4), [f"{s}\n{h}" for s, h in CELLS])
    ax.set_yticks(range(len(roles)), roles)
    ax.set_xlim(-0.5, 3.7)
    ax.set_ylim(len(roles) - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.grid(True, color="#eeeeee", zorder=0)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.axvline(1.5, color="#888888", linewidth=1)
    ax.set_xlabel(f"dot size and number: {unit(t)} in each cell")
    _title(ax, findings(t, "profile")["text"].iloc[-1])
    return ax


@chart("Bars of each role's share of responsibilities by scope and by horizon, roles side by side")
def plot_role_profiles(df: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Bars of each role's share of responsibilities by scope and by horizon, roles side by side.

    >>> import rolekit
    >>> ax = plot_role_profiles(rolekit.load_responsibilities())
    >>> [round(float(b.get_height())) for b in ax.containers[0]]  # the CEO's shares, in percent
    [70, 30, 23, 77]
    """
    t = _drawable(df, ["role", "scope", "horizon"], "to profile each role by scope and horizon")
    shares = profile(t)
    ax = _new_axes(ax)
    roles = list(shares["role"].unique())
    colors, hatches = role_colors(t["role"].cat.categories), role_hatches(t["role"].cat.categories)
    categories = ["internal", "external", "daily", "long-term"]
    centres = np.array([0, 1, 2.5, 3.5])
    width = 0.8 / len(roles)
    for k, role in enumerate(roles):
        mine = shares[(shares["role"] == role) & shares["by"].isin(["scope", "horizon"])].set_index("category")["share"]
        bars = ax.bar(
            centres + (k - (len(roles) - 1) / 2) * width,
            mine.loc[categories] * 100,
            width * 0.92,
            color=colors[role],
            hatch=hatches[role],
            edgecolor="white",
            linewidth=0.5,
            label=role,
        )
        if len(roles) <= 3:  # beyond three bars a group, labels would touch
            ax.bar_label(bars, labels=[pct(v) for v in mine.loc[categories]], padding=3, fontsize=12)
    ax.set_xticks(centres, categories)
    ax.set_ylim(0, 110)
    ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_ylabel("share of the role's weight" if unit(t) == "weight" else "share of the role's responsibilities")
    below, size = 38, 13  # the group labels' top, in points under the plot, and their size
    for x, group in ((0.5, "scope"), (3.0, "horizon")):
        ax.annotate(
            group,
            (x, 0),
            xytext=(0, -below),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=size,
            fontweight="bold",
            annotation_clip=False,
        )
    ax.axvline(1.75, color="#bbbbbb", linewidth=1)
    # The legend under the group labels, in points as they are: a share of the plot's height would bring it up
    # into them when a long title or a tall legend leaves the plot short (twelve roles with long names).
    under_labels = offset_copy(ax.transAxes, fig=figure_of(ax), y=-(below + 1.4 * size), units="points")
    _legend(ax, roles, colors, hatches=hatches, bbox_to_anchor=(0.5, 0), bbox_transform=under_labels)
    _title(ax, findings(t, "shares")["text"].iloc[0])
    return ax
