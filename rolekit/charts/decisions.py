"""Decision rights: the RACI grid of decisions by roles, on its own or against another table."""

from __future__ import annotations

import textwrap

import matplotlib
import matplotlib.style
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from ..decisions import LETTERS, compare_raci, raci_against, raci_grid, raci_summary
from ..style import role_colors
from ._base import _fit, _legend, _new_axes, _size_pt, _text_width, _wrap_pt, chart, figure_of

# One blue, darker as the part grows (A darkest), so the grid reads in grey print too; the letter is always written.
_FILL = {"A": "#08306B", "R": "#2171B5", "C": "#9ECAE1", "I": "#DEEBF7"}
_INK = {"A": "white", "R": "white", "C": "#08306B", "I": "#08306B"}
_CHANGED = "#D55E00"
_MAX_ROWS = 16  # decisions a 16:9 slide holds at 12 pt and up
_LABEL_PT = 330  # room for a decision's name, in points: one line of 45 characters
_UPRIGHT_PT = 110  # longest line of a role name, in points, when names stand upright above narrow columns


@chart("RACI grid of decisions (rows) by roles (columns), each cell its letter")
def plot_raci(decisions: pd.DataFrame, ax: Axes | None = None, against: pd.DataFrame | None = None) -> Axes:
    """A grid of decisions (rows) by roles (columns), each cell its RACI letter; the title says who holds the As.

    With ``against`` (another RACI table, say the articles'), cells whose letter
    differs from it are outlined and read ``other→this`` (``C→R``; ``–`` for no
    letter), and the title says how much differs. A 16:9 slide holds 16 decisions:
    beyond that the first 16 are drawn and the title says so.

    >>> import rolekit
    >>> ax = plot_raci(rolekit.load_decisions())
    >>> sorted({t.get_text() for t in ax.texts})
    ['A', 'C', 'I', 'R']
    """
    grid = raci_grid(decisions)
    total = len(grid)
    others = None
    if against is not None:
        changes = compare_raci(against, decisions)
        others = {
            (d.casefold(), r): b
            for d, r, b, c in changes[["decision", "role", "before", "change"]].itertuples(index=False)
            if c != "same"
        }
    roles = list(grid.columns)
    ax = _new_axes(ax)
    one_line = [_fit(d, _LABEL_PT, matplotlib.rcParams["ytick.labelsize"]) for d in grid.index]
    header = _role_labels(ax, roles, max(_text_width(d, matplotlib.rcParams["ytick.labelsize"]) for d in one_line))
    room = _size_pt(ax)[1] - header - 20  # height left for the rows once the role names take theirs
    grid = grid.head(max(1, min(_MAX_ROWS, int(room // 22))))
    two = room / max(len(grid), 1) >= 36
    labels = [_wrap_pt(d, _LABEL_PT / (1 + two), matplotlib.rcParams["ytick.labelsize"], 1 + two) for d in grid.index]
    ax.set_yticks(range(len(grid)), labels)
    ax.set_xlim(-0.5, len(roles) - 0.5)
    ax.set_ylim(len(grid) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    letter_size = min(20, max(12, 0.6 * room / max(len(grid), 1)))
    for i, decision in enumerate(grid.index):
        for j, role in enumerate(roles):
            letter = grid.iloc[i, j]
            was = None if others is None else others.get((decision.casefold(), role))
            if letter:
                ax.add_patch(Rectangle((j - 0.45, i - 0.42), 0.9, 0.84, color=_FILL[letter], zorder=1))
            if was is not None:
                ax.add_patch(
                    Rectangle((j - 0.45, i - 0.42), 0.9, 0.84, fill=False, edgecolor=_CHANGED, linewidth=3, zorder=3)
                )
            if letter or was is not None:
                text = letter if was is None else f"{was or '–'}→{letter or '–'}"
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=letter_size if was is None else max(12, letter_size * 0.8),
                    fontweight="bold",
                    color=_INK.get(letter, "#222222"),
                    zorder=2,
                )
    handles = [Patch(color=_FILL[k], label=f"{k} {word}") for k, word in LETTERS.items()]
    if others is not None:
        handles.append(Patch(facecolor="white", edgecolor=_CHANGED, linewidth=3, label="differs: other→this"))
    _legend(ax, [], {}, extra=handles, bbox_to_anchor=(0.5, -0.02))
    title = raci_summary(decisions) if against is None else raci_against(decisions, against, changes)
    if total > len(grid):
        title += f" (The first {len(grid)} of {total} decisions are drawn.)"
    label_width = max(
        _text_width(line, matplotlib.rcParams["ytick.labelsize"]) for label in labels for line in label.split("\n")
    )
    width = (figure_of(ax).get_size_inches()[0] * 72 - label_width - 10) / (
        matplotlib.rcParams["axes.titlesize"] * 0.62
    )
    ax.set_title(textwrap.fill(title, max(int(width), 30), break_on_hyphens=False))
    return ax


def _role_labels(ax: Axes, roles: list[str], label_width: float) -> float:
    """Role names above their columns, in the role's colour.

    Each name is wrapped to its column or, when a name would be cut, stands upright in up to two lines.

    Returns the height they take, in points."""
    colors = role_colors(roles)
    size = matplotlib.rcParams["xtick.labelsize"]
    column = (figure_of(ax).get_size_inches()[0] * 72 - label_width - 40) / max(len(roles), 1) - 8
    across = [_wrap_pt(r, column, size) for r in roles]
    upright = column < _text_width("Executive", size) or any(
        " ".join(a.split()) != " ".join(r.split()) for a, r in zip(across, roles)
    )
    lines = max(1, min(2, int(column // (size * 1.3))))  # upright names take two lines where the column is wide enough
    labels = [_wrap_pt(r, _UPRIGHT_PT, size, lines) for r in roles] if upright else across
    ax.tick_params(length=0, labelbottom=False, labeltop=True)
    ax.set_xticks(range(len(roles)), labels, rotation=90 if upright else 0, fontweight="bold")
    for tick, role in zip(ax.xaxis.get_major_ticks(), roles):
        tick.label2.set_color(colors[role])
    return _UPRIGHT_PT if upright else max(label.count("\n") + 1 for label in labels) * size * 1.25
