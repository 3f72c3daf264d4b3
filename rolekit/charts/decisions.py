"""Decision rights: the RACI grid of decisions by roles, on its own or against another table."""

from __future__ import annotations

import math
import textwrap

import matplotlib
import matplotlib.style
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from ..decisions import BOTH, LETTERS, compare_raci, raci_against, raci_grid, raci_summary
from ..style import role_colors
from ._base import _fit, _legend, _new_axes, _size_pt, _text_width, _wrap_pt, chart, figure_of

# One blue, darker as the part grows (A darkest), so the grid reads in grey print too; the letter is always written.
_FILL = {"A": "#08306B", BOTH: "#08306B", "R": "#2171B5", "C": "#9ECAE1", "I": "#DEEBF7"}
_INK = {"A": "white", BOTH: "white", "R": "white", "C": "#08306B", "I": "#08306B"}
_HEADING = "#EEEEEE"  # the band behind a phase heading
_CHANGED = "#D55E00"
_MAX_ROWS = 16  # rows a 16:9 slide holds at 12 pt and up
_ROW_PT = 20  # the least height of a row, in points: a 12-point letter in its cell, with room around it
_TITLE_PT = 16  # the style's title size
_LABEL_PT = 330  # room for a decision's name, in points: one line of 45 characters
_UPRIGHT_PT = 110  # longest line of a role name, in points, when names stand upright above narrow columns


@chart("RACI grid of decisions (rows) by roles (columns), each cell its letter")
def plot_raci(
    decisions: pd.DataFrame, ax: Axes | None = None, against: pd.DataFrame | None = None, name: str = "the other table"
) -> Axes:
    """A grid of decisions (rows) by roles (columns), each cell its RACI letter; the title says who holds the As.

    A role that owns a decision and does it reads ``A/R``; a phase heading is a grey
    band across the grid. With ``against`` (another RACI table, say the articles',
    called ``name`` in the legend and title), a cell whose letter differs from it is
    outlined and reads the other table's letter, an arrow, then this table's (``C→R``;
    ``–`` for no letter), and the title says how much differs. A 16:9 slide holds 16
    rows: beyond that the first 16 are drawn and the title says so. An empty table,
    or letters other than R, A, C, I (in any case) and A/R, raise :class:`DataError`.

    >>> import rolekit
    >>> ax = plot_raci(rolekit.load_decisions())
    >>> sorted({t.get_text() for t in ax.texts})
    ['A', 'A/R', 'C', 'I', 'R']
    """
    grid = raci_grid(decisions)  # checks the table: DataError when it is empty or holds other letters
    checked = decisions.copy()
    checked.attrs = {}  # the notes of reading it go with the summary, not into a chart's title
    headings = grid.eq("").all(axis=1)  # in a grid, only a phase heading has no letter
    total = int((~headings).sum())
    others, changes = None, None
    if against is not None:
        changes = compare_raci(against, checked)
        both = set(changes.loc[changes["change"] != "added", "decision"].str.casefold()) & set(
            changes.loc[changes["change"] != "removed", "decision"].str.casefold()
        )  # the decisions both tables hold: only there does a differing letter say something
        others = {
            (d.casefold(), r): b
            for d, r, b, c in changes[["decision", "role", "before", "change"]].itertuples(index=False)
            if c != "same" and d.casefold() in both
        }
    if others:  # a role with letters only in the other table gets its column, so every differing cell is drawn
        extra = list(dict.fromkeys(r for _, r in others if r not in set(grid.columns)))
        grid = grid.reindex(columns=[*grid.columns, *extra], fill_value="")
    roles = list(grid.columns)
    ax = _new_axes(ax)
    size = matplotlib.rcParams["ytick.labelsize"]
    one_line = [_fit(d, _LABEL_PT, size) for d in grid.index]
    label_width = max(_text_width(d, size) for d in one_line)
    header = _role_labels(ax, roles, label_width)
    both = grid.eq(BOTH).any(axis=None)  # an A/R is filled as an A: one swatch says both
    handles = [
        Patch(color=_FILL[k], label=f"A accountable ({BOTH}: and R)" if k == "A" and both else f"{k} {word}")
        for k, word in LETTERS.items()
    ]
    outlined = (
        [
            Patch(
                facecolor="white",
                edgecolor=_CHANGED,
                linewidth=3,
                label=f"outlined: differs from {name}; C→R: C there, R here (– no letter)",
            )
        ]
        if others
        else []
    )
    title = raci_summary(checked) if against is None else raci_against(checked, against, changes, name=name)
    chars = max(int((figure_of(ax).get_size_inches()[0] * 72 - label_width - 10) / (_TITLE_PT * 0.62)), 30)
    # The height the rows may take: the axes' share of the figure, less the title, the role names and the legend.
    budget = _size_pt(ax)[1] / 0.77
    # The legend sits under the grid, as wide as the grid is once the decisions' names take their room.
    size = matplotlib.rcParams["legend.fontsize"]
    entry = max(_text_width(str(h.get_label()), size) for h in handles) + 3.5 * size
    ncols = max(1, min(len(handles), int((figure_of(ax).get_size_inches()[0] * 72 - label_width - 40) // entry)))
    legend_rows = math.ceil(len(handles) / ncols)
    below = header + (legend_rows + len(outlined)) * 24 + 14
    room = budget - below - len(textwrap.wrap(title, chars)) * _TITLE_PT * 1.25
    if room // _ROW_PT < min(len(grid), _MAX_ROWS):  # not all fit: the title says so, and takes more room
        said = f"{title} (The first 16 of {total} decisions are drawn.)"
        room = budget - below - len(textwrap.wrap(said, chars)) * _TITLE_PT * 1.25
    grid = grid.head(max(1, min(_MAX_ROWS, int(room // _ROW_PT))))
    heading = headings[: len(grid)].tolist()
    two = room / max(len(grid), 1) >= 36
    labels = [_wrap_pt(d, _LABEL_PT / (1 + two), size, 1 + two) for d in grid.index]
    ax.set_yticks(range(len(grid)), labels)
    for tick, is_heading in zip(ax.get_yticklabels(), heading):
        if is_heading:
            tick.set_fontweight("bold")
    ax.set_xlim(-0.5, len(roles) - 0.5)
    ax.set_ylim(len(grid) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    letter_size = min(20, max(12, 0.6 * room / max(len(grid), 1)))
    for i, decision in enumerate(grid.index):
        if heading[i]:
            ax.add_patch(Rectangle((-0.5, i - 0.42), len(roles), 0.84, color=_HEADING, zorder=0))
            continue
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
                small = was is not None or letter == BOTH
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=max(12, letter_size * 0.8) if small else letter_size,
                    fontweight="bold",
                    color=_INK.get(letter, "#222222"),
                    zorder=2,
                )
    _legend(ax, [], {}, extra=handles, bbox_to_anchor=(0.5, -0.02), ncols=ncols)
    if outlined:  # its own line below the letters, so the letters keep their columns
        letters = ax.get_legend()
        if letters is not None:
            ax.add_artist(letters)
        below_letters = -0.02 - legend_rows * 24 / max(room, 1)  # room: the grid's height once laid out
        ax.legend(handles=outlined, loc="upper center", bbox_to_anchor=(0.5, below_letters))
    drawn = len(grid) - sum(heading)
    if total > drawn:
        title += f" (The first {drawn} of {total} decisions are drawn.)"
    ax.set_title(textwrap.fill(title, chars, break_on_hyphens=False))
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
    # Upright, a name of several words breaks at its longest word where two lines fit: the names stand lower.
    longest = max(_text_width(w, size) for r in roles for w in r.split()) + 2
    tall = min(_UPRIGHT_PT, longest) if lines > 1 else _UPRIGHT_PT
    labels = [_wrap_pt(r, tall, size, lines) for r in roles] if upright else across
    ax.tick_params(length=0, labelbottom=False, labeltop=True)
    ax.set_xticks(range(len(roles)), labels, rotation=90 if upright else 0, fontweight="bold")
    for tick, role in zip(ax.xaxis.get_major_ticks(), roles):
        tick.label2.set_color(colors[role])
    if upright:  # as tall as the longest line of a name, set upright
        return max(_text_width(line, size) for label in labels for line in label.split("\n")) + 8
    return max(label.count("\n") + 1 for label in labels) * size * 1.25
