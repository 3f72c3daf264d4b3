"""Two tables compared: which responsibilities moved between which roles."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from ..compare import compare, summary
from ..style import role_colors
from ._base import _fit, _new_axes, _title, chart, figure_of

_NEW, _GONE = "(new)", "(removed)"
_LEFT, _RIGHT = 0.36, 0.64  # where the flows start and end, in axes width: room for 40-character names either side
_GREY = "#BBBBBB"


@chart("Flow chart of responsibilities from each role before (left) to each role after (right)")
def plot_compare(before: pd.DataFrame, after: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Flows from each role before (left) to each role after (right), one line per pair of roles.

    A line's width is how many responsibilities take that path; moves are drawn in
    the colour of the role they leave, and labelled with their count; responsibilities
    that stay with their role are grey. New ones start at "(new)", removed ones end
    at "(removed)". The title is :func:`rolekit.compare.summary` of the comparison.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> moved = df.assign(role=df["role"].astype(str).where(df["theme"] != "finance", "CFO"))
    >>> plot_compare(df, moved).get_title(loc="left").replace("\\n", " ").split(";")[0]
    '11 of 105 responsibilities moved, 6 from COO to CFO, 5 from CEO to CFO'
    """
    changes = compare(before, after)
    left = changes["role_before"].astype(object).fillna(_NEW)
    right = changes["role_after"].astype(object).fillna(_GONE)
    flows = pd.DataFrame({"a": left, "b": right}).value_counts(sort=False)
    roles = list(changes["role_before"].cat.categories)
    colors = role_colors(roles)
    nodes_left = [r for r in roles if r in set(left)] + [_NEW] * (_NEW in set(left))
    nodes_right = [r for r in roles if r in set(right)] + [_GONE] * (_GONE in set(right))
    ax = _new_axes(ax)
    y_left = {r: i for i, r in enumerate(nodes_left)}
    y_right = {r: i for i, r in enumerate(nodes_right)}
    height = max(len(nodes_left), len(nodes_right), 1)
    biggest = flows.max() if len(flows) else 1
    labelled = []
    for (a, b), n in sorted(flows.items(), key=lambda item: item[0][0] == item[0][1] and item[0][0] not in (_NEW,)):
        stays = a == b
        color = _GREY if stays else colors.get(a, "#555555")
        width = 1.5 + 14 * n / biggest
        ys = (y_left[a], y_right[b])
        ax.plot(
            [_LEFT, _RIGHT],
            ys,
            color=color,
            linewidth=width,
            solid_capstyle="butt",
            alpha=0.85 if not stays else 0.6,
            zorder=1 if stays else 2,
        )
        if not stays:
            labelled.append((ys, n, color))
    _label_flows(ax, labelled)
    for nodes, x, ha, counts in (
        (nodes_left, _LEFT - 0.01, "right", left.value_counts()),
        (nodes_right, _RIGHT + 0.01, "left", right.value_counts()),
    ):
        for r in nodes:
            label = f"{r} ({counts.get(r, 0)})"
            ax.text(
                x,
                nodes.index(r),
                _fit(label, (_LEFT - 0.02) * _axes_width(ax), 12),
                ha=ha,
                va="center",
                fontsize=12,
                color=colors.get(r, "#333333"),
            )
    for x, ha, word in ((_LEFT - 0.01, "right", "before"), (_RIGHT + 0.01, "left", "after")):
        ax.text(x, -0.75, word, ha=ha, va="center", fontsize=13, color="#555555")
    ax.set(xlim=(0, 1), ylim=(-1.1, height + 0.4))
    ax.invert_yaxis()
    ax.axis("off")
    _title(ax, summary(changes))
    return ax


def _axes_width(ax: Axes) -> float:
    """The plot's width in points once laid out: nearly the figure's, as the chart has no axes to make room for."""
    return 0.94 * figure_of(ax).get_size_inches()[0] * 72


def _label_flows(ax: Axes, flows: list[tuple[tuple[int, int], int, str]]) -> None:
    """Write each move's count on its line, a third of the way along, nudged apart when two would meet."""
    placed: list[float] = []
    for (y0, y1), n, color in flows:
        y = y0 + (y1 - y0) * 0.35
        while any(abs(y - p) < 0.32 for p in placed):
            y += 0.33
        placed.append(y)
        x = _LEFT + (_RIGHT - _LEFT) * (y - y0) / (y1 - y0) if y1 != y0 else 0.47
        ax.text(
            min(max(x, _LEFT + 0.03), _RIGHT - 0.03),
            y,
            str(n),
            ha="center",
            va="center",
            fontsize=13,
            fontweight="bold",
            color="white",
            bbox={"boxstyle": "round,pad=0.25", "facecolor": color, "edgecolor": "none"},
            zorder=4,
        )
