"""Two tables compared: which responsibilities moved between which roles, and what only one table holds."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..categories import tidy
from ..compare import MATCH, compare, has_themes, summary, table_names
from ..findings import opening, pct, plural
from ..roles import role_mapping
from ..style import role_colors, role_hatches
from ._base import _fit, _legend, _legend_rows, _new_axes, _text_width, _title, chart, figure_of

_LEFT, _RIGHT = 0.36, 0.64  # where the flows start and end, in axes width: room for 40-character names either side
_GREY = "#BBBBBB"
_ONLY = "#777777"
_NOBODY = object()  # the node of rows the other table does not have: never equal to a role, whatever its name


def _table_roles(df: pd.DataFrame) -> list[str]:
    """Every role of ``df`` in the order its own charts style them (so a role keeps its colour here)."""
    return [str(r) for r in tidy(df[["role"]])["role"].cat.categories]


@chart("Flow chart of responsibilities from each role of the first table (left) to each role of the second (right)")
def plot_compare(
    before: pd.DataFrame, after: pd.DataFrame, ax: Axes | None = None, threshold: float | None = MATCH
) -> Axes:
    """Flows from each role of ``before`` (left) to each role of ``after`` (right), one line per pair of roles.

    Rows are matched as :func:`rolekit.compare` matches them (``threshold``). A solid line's
    width is how many responsibilities take that path. Moves to another role are drawn
    in the colour of the role they leave and labelled with their count on the line;
    responsibilities that stay with their role (or with the role of the same meaning,
    "Chief Executive Officer" for "CEO") are grey; rows only one table has are dotted,
    from "only in" the second table or to "only in" the first (named as
    ``df.attrs["table"]`` names them, as :func:`rolekit.load_responsibilities` sets it). A ``repeated`` row
    (one naming again a duty another row already matches) draws no line; the legend counts them. The title says
    what moved (:func:`rolekit.compare.summary`).

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> moved = df.assign(role=df["role"].astype(str).where(df["theme"] != "finance", "CFO"))
    >>> plot_compare(df, moved).get_title(loc="left").replace("\\n", " ")
    'Of the 105 responsibilities the two tables share, 11 moved, 6 from COO to CFO, 5 from CEO to CFO.'
    """
    every = compare(before, after, threshold=threshold)
    repeated = int((every["change"] == "repeated").sum())
    changes = every[every["change"] != "repeated"]  # a row naming a duty again draws no second line
    roles_b = [str(r) for r in changes["role_before"].cat.categories if r in set(changes["role_before"].dropna())]
    roles_a = [str(r) for r in changes["role_after"].cat.categories if r in set(changes["role_after"].dropna())]
    meant_b, meant_a = role_mapping(roles_b), role_mapping(roles_a)
    colors = role_colors(_table_roles(before), beside=_table_roles(after))
    left = [_NOBODY if pd.isna(r) else str(r) for r in changes["role_before"]]
    right = [_NOBODY if pd.isna(r) else str(r) for r in changes["role_after"]]
    flows: dict[tuple[object, object], int] = {}
    for a, b in zip(left, right):
        flows[(a, b)] = flows.get((a, b), 0) + 1
    nodes_left = roles_b + [_NOBODY] * (_NOBODY in left)
    nodes_right = roles_a + [_NOBODY] * (_NOBODY in right)
    ax = _new_axes(ax)
    y_left = {r: i for i, r in enumerate(nodes_left)}
    y_right = {r: i for i, r in enumerate(nodes_right)}
    height = max(len(nodes_left), len(nodes_right), 1)
    biggest = max(flows.values(), default=1)
    moves: list[tuple[tuple[int, int], int, str]] = []
    for (a, b), n in sorted(
        flows.items(), key=lambda f: _kind(f[0][0], f[0][1], meant_b, meant_a) == "move"
    ):  # moves on top
        kind = _kind(a, b, meant_b, meant_a)
        ys = (y_left[a], y_right[b])
        color = colors.get(str(a), "#555555") if kind == "move" else _GREY if kind == "stay" else _ONLY
        style: dict[str, Any] = {
            "stay": {"color": _GREY, "alpha": 0.7, "zorder": 1},
            "only": {"color": _ONLY, "linestyle": (0, (1.5, 1.5)), "zorder": 1},
            "move": {"color": colors.get(str(a), "#555555"), "alpha": 0.9, "zorder": 2},
        }[kind]
        width = 2.0 if kind == "only" else 1.5 + 14 * n / biggest  # the count of rows only one table has is at its node
        ax.plot([_LEFT, _RIGHT], ys, linewidth=width, solid_capstyle="butt", **style)
        if kind == "move":
            moves.append((ys, n, color))
    _label_moves(ax, moves, height)
    first, second = table_names(before, after)
    only_b, only_a = f"only in {first}", f"only in {second}"
    held = {  # every row of each role, repeated ones too: a role's count is its rows in its table
        side: every[f"role_{side}"].astype(str).value_counts().to_dict() for side in ("before", "after")
    }
    for nodes, x, ha, side in ((nodes_left, _LEFT - 0.01, "right", left), (nodes_right, _RIGHT + 0.01, "left", right)):
        for r in nodes:
            name = (only_a if side is left else only_b) if r is _NOBODY else r
            n = side.count(r) if r is _NOBODY else held["before" if side is left else "after"][r]
            count = f" ({n})"  # kept whole: a long name is cut, never its count
            room = (_LEFT - 0.02) * _axes_width(ax) - _text_width(count, 12)
            ax.text(
                x,
                nodes.index(r),
                _fit(str(name), room, 12) + count,
                ha=ha,
                va="center",
                fontsize=12,
                color=colors.get(str(r), "#333333") if r is not _NOBODY else "#333333",
            )
    for x, ha, word in ((_LEFT - 0.01, "right", first), (_RIGHT + 0.01, "left", second)):
        ax.text(
            x,
            -0.75,
            _fit(opening(word), (_LEFT - 0.02) * _axes_width(ax), 13),
            ha=ha,
            va="center",
            fontsize=13,
            color="#555555",
        )
    ax.set(xlim=(0, 1), ylim=(-1.1, height + 0.4))
    ax.invert_yaxis()
    ax.axis("off")
    keys = [
        Line2D([], [], color="#0072B2", linewidth=5, label="moved to another role (colour of the role it leaves)"),
        Line2D([], [], color=_GREY, linewidth=5, label="stays with its role"),
        Line2D(
            [],
            [],
            color=_ONLY,
            linewidth=2,
            linestyle=(0, (1.5, 1.5)),
            label="only one table has it (how many: at its end)",
        ),
    ]
    if repeated:
        keys.append(Line2D([], [], linestyle="none", label=f"not drawn: {plural(repeated, 'row')} naming a duty again"))
    _legend(ax, [], {}, extra=keys, bbox_to_anchor=(0.5, 0.0))
    _title(ax, summary(every, first, second, parts=["moved"]))
    return ax


def _kind(a: object, b: object, meant_b: dict[str, str], meant_a: dict[str, str]) -> str:
    if a is _NOBODY or b is _NOBODY:
        return "only"
    return "stay" if meant_b[str(a)] == meant_a[str(b)] else "move"


def _axes_width(ax: Axes) -> float:
    """The plot's width in points once laid out: nearly the figure's, as the chart has no axes to make room for."""
    return 0.94 * figure_of(ax).get_size_inches()[0] * 72


def _label_moves(ax: Axes, moves: list[tuple[tuple[int, int], int, str]], height: int) -> None:
    """Write each move's count on its line, at the first place along it clear of the labels already written."""
    placed: list[tuple[float, float]] = []
    gap_x, gap_y = 0.045, 0.045 * height * 1.6  # a label's size, in data units (x spans 1, y the rows)
    for (y0, y1), n, color in sorted(moves, key=lambda m: -m[1]):
        spots = [(t, _LEFT + (_RIGHT - _LEFT) * t, y0 + (y1 - y0) * t) for t in np.linspace(0.25, 0.75, 11)]
        spots.sort(key=lambda s: abs(s[0] - 0.4))  # nearest the left third first
        x, y = next(
            ((x, y) for _, x, y in spots if all(abs(x - px) > gap_x or abs(y - py) > gap_y for px, py in placed)),
            spots[0][1:],
        )
        placed.append((x, y))
        ax.text(
            x,
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


_GAP = 1.2  # where the second table's bars start, the first's spanning 0 to 1
_MAX_GROUPS = 14  # theme rows a 16:9 slide holds at 12 pt, each with a bar per table


@chart("Stacked bars of how each of two tables splits the work of each theme (or cell) among its roles")
def plot_split(before: pd.DataFrame, after: pd.DataFrame, ax: Axes | None = None, level: str = "theme") -> Axes:
    """For each theme (or scope x horizon cell, ``level="cell"``), how each table splits its work among its roles.

    Left, the first table's split; right, the second's: one bar per theme, each role's
    share of the theme's work (:func:`rolekit.compare.compare_shares`). A theme a table
    has no work in says "none" there. Roles named for a bundled one share its colour
    ("Chief Executive Officer" and "CEO"); once colours repeat, bars are hatched. Beyond
    14 themes, those whose split differs most are drawn and the title says how many
    are left out. The title is :func:`rolekit.compare.shares_summary`.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> team = df.assign(role=df["role"].astype(str).where(df["theme"] != "finance", "CFO"))
    >>> ax = plot_split(df, team)
    >>> ax.get_title(loc="left").replace("\\n", " ").split(":")[0]
    'The split differs most in finance'
    """
    from ..compare import compare_shares, shares_summary

    shares = compare_shares(before, after)
    shares = shares[shares["level"] == level]
    if shares.empty:
        from ..validate import DataError, Problem

        lacking = [
            name
            for t, name in zip((before, after), table_names(before, after))
            if level == "theme" and not has_themes(t)
        ]
        said = f"{lacking[0]} has no theme" if len(lacking) == 1 else f"neither table has a {level}"
        raise DataError([Problem("table", None, None, f"cannot be split {level} by {level}: {said}")])
    groups = list(dict.fromkeys(shares["group"]))
    roles = list(dict.fromkeys(shares["role"]))
    shown = [r for r in roles if (shares["role"] == r).any()]
    ax = _new_axes(ax)
    # as many rows as 12-point labels fit once the title, the axis and the legend take their room
    room = (
        figure_of(ax).get_size_inches()[1] * 72 * ax.get_position().height / 0.77 - 170 - 20 * _legend_rows(ax, shown)
    )
    distance = (shares["share_before"] - shares["share_after"]).abs().groupby(shares["group"], sort=False).sum()
    kept = set(distance.sort_values(ascending=False, kind="stable").index[: max(1, min(_MAX_GROUPS, int(room // 19)))])
    groups = [g for g in groups if g in kept]
    colors = role_colors(_table_roles(before), beside=_table_roles(after))
    hatches = role_hatches(_table_roles(before), beside=_table_roles(after))
    first, second = table_names(before, after)
    for x0, side, heading in ((0.0, "before", first), (_GAP, "after", second)):
        heading = opening(heading)
        ax.text(x0 + 0.5, -0.75, _fit(heading, 300, 14), ha="center", va="bottom", fontsize=14, fontweight="bold")
        for k, group in enumerate(groups):
            here = shares[shares["group"] == group].set_index("role")[f"share_{side}"]
            if here.sum() == 0:
                ax.text(x0 + 0.02, k, "none", va="center", fontsize=12, color="#555555")
                continue
            left = 0.0
            for role in roles:
                share = float(here.get(role, 0.0))
                if share > 0:
                    ax.barh(
                        k,
                        share,
                        left=x0 + left,
                        height=0.62,
                        color=colors.get(role, "#888888"),
                        hatch=hatches.get(role, ""),
                        edgecolor="white",
                        linewidth=1,
                    )
                    if share >= 0.12:
                        ax.text(
                            x0 + left + share / 2,
                            k,
                            pct(share),
                            ha="center",
                            va="center",
                            fontsize=12,
                            color="white",
                            fontweight="bold",
                        )
                    left += share
    ax.set_yticks(range(len(groups)), groups)
    ax.set_ylim(len(groups) - 0.5, -1.0)
    ax.set_xlim(-0.02, _GAP + 1.02)
    ax.set_xticks([0, 0.5, 1, _GAP, _GAP + 0.5, _GAP + 1], ["0%", "50%", "100%"] * 2)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(f"each role's share of the {level}'s work in each table")
    _legend(ax, shown, colors, hatches=hatches, bbox_to_anchor=(0.5, -0.16))
    text = shares_summary(before, after, level)
    if len(distance) > len(groups):
        left_out = len(distance) - len(groups)
        text += f" Showing the {len(groups)} {level}s whose split differs most; {left_out} more not shown."
    _title(ax, text)
    return ax
