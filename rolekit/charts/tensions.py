"""Where the articles disagree outright: each question with the positions taken and who takes them."""

from __future__ import annotations

import textwrap

import matplotlib
import matplotlib.style
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyBboxPatch

from ..categories import tidy
from ..tensions import tension_summary
from ..validate import DataError, Problem, require
from ._base import _fit, _new_axes, _size_pt, _text_width, _wrap_pt, chart

_ROWS = 9  # questions a 16:9 slide holds: two lines of position and one of sources each, at 12 pt
_LABEL_PT = 230  # room for the question, in points
_WITHIN = "#D55E00"


@chart("Chart of the questions the articles disagree on, each position with the articles that take it")
def plot_tensions(tensions: pd.DataFrame, ax: Axes | None = None) -> Axes:
    r"""One row per question; beside it each position, with the articles that take it.

    A question on which one article takes two positions is marked "within one
    article" in orange. Nine questions fit a slide: beyond that the first nine are
    drawn and the title says so.

    >>> import rolekit
    >>> ax = plot_tensions(rolekit.load_tensions())
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    "Who develops the company's\nstrategies?\n(within careers)"
    """
    require(tensions, ["tension", "question", "position", "source"], "to chart where the articles disagree")
    t = tidy(tensions).dropna(subset=["tension", "question", "position", "source"])
    if t.empty:
        raise DataError(
            [
                Problem(
                    "table",
                    None,
                    None,
                    "has no tensions, so there is nothing to draw; a tensions table has one row per position and "
                    "passage, with the columns tension, question, position, source (load one with "
                    "rolekit.load_tensions)",
                )
            ]
        )
    ids = list(dict.fromkeys(t["tension"].astype(str)))
    shown = ids[:_ROWS]
    ax = _new_axes(ax)
    size, labels = 12, []
    for tension in shown:
        rows = t[t["tension"].astype(str) == tension]
        within = rows.loc[rows["within"], "source"].astype(str).unique() if "within" in rows else []
        question = _wrap_pt(str(rows["question"].iloc[0]), _LABEL_PT, 13, 2)
        labels.append(question + (f"\n(within {', '.join(within)})" if len(within) else ""))
    label_width = max(_text_width(line, 13) for label in labels for line in label.split("\n"))
    width = _size_pt(ax)[0] / 0.775 - label_width - 40  # the plot's width once the question labels take theirs
    for i, tension in enumerate(shown):
        rows = t[t["tension"].astype(str) == tension]
        positions = list(dict.fromkeys(rows["position"]))
        step = 1 / len(positions)
        for k, position in enumerate(positions):
            sources = ", ".join(dict.fromkeys(rows.loc[rows["position"] == position, "source"].astype(str)))
            chip = step * width - 12
            text = _wrap_pt(position, chip, size, 2) + "\n" + _fit(sources, chip, size)
            ax.add_patch(
                FancyBboxPatch(
                    (k * step + 0.006, i - 0.42),
                    step - 0.012,
                    0.84,
                    boxstyle="round,pad=0,rounding_size=0.01",
                    facecolor="#EAF1F8",
                    edgecolor="#9DB9D5",
                    linewidth=1,
                    mutation_aspect=1 / 20,
                )
            )
            ax.text(k * step + 0.014, i, text, ha="left", va="center", fontsize=size, linespacing=1.15)
    ax.set_xlim(0, 1)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_yticks(range(len(shown)), labels)
    for tick, label in zip(ax.get_yticklabels(), labels):
        if "(within" in label:
            tick.set_color(_WITHIN)
    ax.tick_params(length=0, labelsize=13, labelbottom=False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    title = tension_summary(t)
    if len(ids) > len(shown):
        title += f" The first {len(shown)} of {len(ids)} questions are drawn."
    ax.set_title(
        textwrap.fill(title, int(width / (matplotlib.rcParams["axes.titlesize"] * 0.62)), break_on_hyphens=False)
    )
    return ax
