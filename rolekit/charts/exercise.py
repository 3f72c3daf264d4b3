"""The tagging exercise: how much the room agrees, where it splits, and how it compares with the key."""

from __future__ import annotations

import functools
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes

from .. import forks
from ..exercise import BANDS, DIMENSIONS, Scores, disputed, report_html
from ..exercise.scoring import counted
from ..findings import pct
from ..output import Output
from ..text import two_places
from ._base import _fit, _new_axes, _size_pt, _text_width, _title, chart, figure_of
from .files import alt_text, render

# What ``rolekit score --out`` writes, and ``rolekit room`` on Close: the tables, three charts, the report.
SCORE_FILES = (
    "scores.csv",
    "items.csv",
    "confusion.csv",
    "agreement.png",
    "disputed.png",
    "room_vs_key.png",
    "report.html",
)
# scores.csv: the only file with names.
SCORE_COLUMNS = [
    "participant",
    "name",
    "dimension",
    "answered",
    "items",
    "correct",
    "accuracy",
    "cohen_kappa",
    "rank",
    "note",
]

_BAND_COLORS = ("#E6E6E6", "#F2F2F2", "#E6E6E6", "#F2F2F2", "#E6E6E6", "#F2F2F2")  # poor, slight, fair...


@chart("Bar chart of the room's agreement (Fleiss' kappa) per dimension, against Landis and Koch's bands")
def plot_agreement(scores: Scores, ax: Axes | None = None) -> Axes:
    """Fleiss' kappa per dimension, against Landis and Koch's bands (slight, fair, moderate...).

    >>> import rolekit
    >>> ax = plot_agreement(rolekit.score_sheets(rolekit.SYNTHETIC_CLASS, rolekit.SYNTHETIC_KEY))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['role', 'scope', 'horizon']
    """
    a = scores.agreement.set_index("dimension").reindex(list(DIMENSIONS))
    ax = _new_axes(ax)
    low = min(0.0, float(np.nanmin(a["fleiss_kappa"])) if a["fleiss_kappa"].notna().any() else 0.0)
    bands = BANDS if low < 0 else BANDS[1:]  # poor, below 0, only when a kappa is there
    edges = [low - 0.05] + [top for top, _ in bands]
    for k, ((_, word), lo, hi) in enumerate(zip(bands, edges[:-1], edges[1:]), len(BANDS) - len(bands)):
        ax.axvspan(lo, hi, color=_BAND_COLORS[k], zorder=0)
        middle = (lo + hi) / 2 if word == "poor" else (max(lo, 0) + hi) / 2
        ax.text(middle, -0.62, word, ha="center", va="bottom", fontsize=12, color="#555555")
    y = np.arange(len(a), dtype=float)
    values = a["fleiss_kappa"].fillna(0).to_numpy()
    ax.barh(y, values, height=0.55, color="#0072B2", zorder=2)
    for yi, value, alpha in zip(y, a["fleiss_kappa"], a["krippendorff_alpha"]):
        text = "not defined" if np.isnan(value) else f"{two_places(value)} (alpha {two_places(alpha)})"
        ax.text(max(value if np.isfinite(value) else 0, 0) + 0.02, yi, text, va="center", fontsize=13, zorder=3)
    ax.set_yticks(y, list(a.index))
    ax.set_ylim(len(a) - 0.4, -0.75)
    ax.set_xlim(low - 0.05, 1.0)
    ax.set_xticks([round(t, 1) for t in np.arange(-1.0, 1.01, 0.2) if t >= low - 0.05 - 1e-9])  # none off the axis
    ax.set_xlabel("Fleiss' kappa: agreement in the room beyond chance (1 = everyone agrees)")
    ax.tick_params(axis="y", length=0)
    if a["fleiss_kappa"].isna().all():
        _title(ax, "Agreement is not defined: no item was answered by two participants or more")
    elif a["fleiss_kappa"].nunique() == 1:
        _title(ax, f"The room agrees as much on every dimension ({a['band'].iloc[0]})")
    else:
        best, worst = a["fleiss_kappa"].idxmax(), a["fleiss_kappa"].idxmin()
        _title(
            ax, f"The room agrees most on {best} ({a.loc[best, 'band']}) and least on {worst} ({a.loc[worst, 'band']})"
        )
    return ax


@chart("Bar chart of the items the room split on most, with the most common answer and the key's")
def plot_disputed(scores: Scores, ax: Axes | None = None, top: int = 8) -> Axes:
    """The items the room split on most: the share giving the most common answer, with the key's answer.

    >>> import rolekit
    >>> ax = plot_disputed(rolekit.score_sheets(rolekit.SYNTHETIC_CLASS, rolekit.SYNTHETIC_KEY), top=3)
    >>> len(ax.patches)
    3
    """
    worst = disputed(scores, top)
    ax = _new_axes(ax, height=0.8 * len(worst) + 1.2 if len(worst) > 8 else None)  # 16:9 up to 8 items
    y = np.arange(len(worst), dtype=float)
    ax.barh(y, worst["agreement"] * 100, height=0.6, color="#D55E00", zorder=2)
    labels = [
        f"{r.item} · {r.dimension}\n" + textwrap.shorten(r.responsibility, 44, placeholder="…")
        for r in worst.itertuples(index=False)
    ]
    # the plot's width once its labels take their place, in points: an answer and the key's fit in what is left
    plot_pt = _size_pt(ax)[0] - max((_text_width(line, 12) for t in labels for line in t.split("\n")), default=0)
    for yi, r in zip(y, worst.itertuples(index=False)):
        room = (130 - r.agreement * 100 - 1.5) / 130 * plot_pt - 6
        said = f"{r.modal_answer} (key: {r.key})"
        if _text_width(said, 13) > room:  # a long role name: the answer, then the key's, each cut to fit
            said = _fit(str(r.modal_answer), room, 13) + "\n" + _fit(f"(key: {r.key})", room, 13)
        ax.text(r.agreement * 100 + 1.5, yi, said, va="center", fontsize=13)
    ax.set_yticks(y, labels, fontsize=12)
    ax.set_ylim(len(worst) - 0.5, -0.6)
    ax.set_xlim(0, 130)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("share of the room giving the most common answer")
    ax.tick_params(axis="y", length=0)
    which = "the most disputed item" if len(worst) == 1 else f"the {counted(len(worst), 'most disputed item')}"
    if len(worst):
        _title(ax, f"Where the room splits: {which}")
    elif scores.items["agreement"].notna().any():
        _title(ax, "No item split the room: on each, everyone who answered gave the same answer")
    else:
        _title(ax, "No item was answered")
    return ax


@chart("Grid of the share of the room whose answer matches the key, by item and dimension")
def plot_room_vs_key(scores: Scores, ax: Axes | None = None) -> Axes:
    """For every item and dimension, the share of the room whose answer matches the key.

    >>> import rolekit
    >>> ax = plot_room_vs_key(rolekit.score_sheets(rolekit.SYNTHETIC_CLASS, rolekit.SYNTHETIC_KEY))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['role', 'scope', 'horizon']
    """
    grid = scores.items.pivot_table(index="item", columns="dimension", values="matches_key", dropna=False).reindex(
        columns=list(DIMENSIONS)
    )
    ax = _new_axes(ax, height=0.3 * len(grid) + 1.2 if len(grid) > 20 else None)  # 16:9 up to 20 items
    rows, cols = grid.shape
    ax.pcolormesh(
        np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, grid.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1.4
    )
    ax.set(xlim=(-0.5, cols - 0.5), ylim=(rows - 0.5, -0.5))
    for i, item in enumerate(grid.index):
        for j, d in enumerate(grid.columns):
            value = grid.loc[item, d]
            ax.text(
                j,
                i,
                "—" if np.isnan(value) else pct(value),
                ha="center",
                va="center",
                fontsize=12,
                color="white" if value >= 0.75 else "#222222",
                in_layout=False,  # inside its cell: the layout need not measure it (120 of them at 40 items)
            )
    ax.set_xticks(range(len(grid.columns)), list(grid.columns))
    ax.set_yticks(range(len(grid)), list(grid.index))
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    below = int((grid < 0.5).sum().sum())
    _title(
        ax,
        f"The room against the key: on {below} of {grid.size} item-dimension pairs, fewer than half the room gives "
        "the key's answer",
    )
    return ax


def _drawn(draw: Callable[[Scores], Axes], scores: Scores) -> tuple[bytes, str]:
    """The chart ``draw`` makes of ``scores``, as a PNG file's bytes, and its alt text."""
    import matplotlib.pyplot as plt

    ax = draw(scores)
    try:
        alt = alt_text(ax, getattr(draw, "kind", None))
        return render(ax, "png", alt), alt
    finally:
        plt.close(figure_of(ax))


def save_scores(
    scores: Scores, folder: Output, source: str | None = None
) -> tuple[list[Path], list[tuple[bytes, str]]]:
    """Write what ``rolekit score --out`` writes into ``folder``: the tables, the three charts and ``report.html``.

    ``folder`` is an :class:`~rolekit.output.Output` told :data:`SCORE_FILES` in
    advance. ``scores.csv`` is the only file with names; the charts and the report
    show participants as P1, P2... Returns the paths written, in order, and each
    chart as its PNG bytes and alt text. ``source``: where the answers came from, for the
    report's summary ("the room's answers"; by default, how many files).

    The three charts are drawn side by side, each in a fork of this process, where
    :func:`rolekit.forks.available` says it can fork and there is more than one core:
    drawing them is most of the command's time. A chart that fails in its fork is drawn
    again here, so that its error is raised as it was.
    """
    draws = {"agreement": plot_agreement, "disputed": plot_disputed, "room_vs_key": plot_room_vs_key}
    slowest_first = ["room_vs_key", "disputed", "agreement"]  # so that two workers end together
    tasks = {name: functools.partial(_drawn, draws[name], scores) for name in slowest_first}
    apart = forks.available() and (os.cpu_count() or 1) > 1
    outcomes = dict(zip(tasks, forks.in_forks(list(tasks.values())))) if apart else {}
    charts, written = {}, []
    for name in draws:
        drawn = outcomes.get(name)
        charts[name] = tasks[name]() if drawn is None or isinstance(drawn, BaseException) else drawn
        written.append(folder.write_bytes(f"{name}.png", charts[name][0]))
    written.append(folder.write_csv("scores.csv", scores.participants[SCORE_COLUMNS]))
    written.append(folder.write_csv("items.csv", scores.items))
    written.append(folder.write_csv("confusion.csv", scores.confusion))
    written.append(folder.write_text("report.html", report_html(scores, charts, source)))
    return written, list(charts.values())
