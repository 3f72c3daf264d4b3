"""What every chart shares: the style, axes, titles that fit, labels measured from the font, legends."""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import matplotlib
import matplotlib.style
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath

from ..categories import tidy
from ..style import STYLE
from ..validate import DataError, Problem, require

SHADE = "#F4E1D2"  # background of the themes with a gap between sources


class ChartFunction(Protocol):
    """A chart function as :func:`chart` declares it: called like the function it wraps, with its ``kind``."""

    kind: str
    __name__: str

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...


def chart(kind: str) -> Callable[[Callable[..., Any]], ChartFunction]:
    """Declare a chart function: it draws in rolekit's style, and ``kind`` says what it draws.

    ``kind`` opens the chart's alt text (:func:`rolekit.charts.alt_text`), so a
    screen reader hears what sort of chart it is before the finding its title states.

    >>> @chart("A test chart")
    ... def plot_nothing(df, ax: Axes | None = None) -> Axes:
    ...     return matplotlib.rcParams["font.size"]
    >>> plot_nothing(None), plot_nothing.kind
    (14.0, 'A test chart')
    """

    def declare(draw: Callable[..., Any]) -> ChartFunction:
        @functools.wraps(draw)
        def styled(*args: Any, **kwargs: Any) -> Any:
            with matplotlib.style.context(STYLE):
                return draw(*args, **kwargs)

        styled.kind = kind  # type: ignore[attr-defined]
        return styled  # type: ignore[return-value]

    return declare


def figure_of(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn on (the outermost one, when the Axes sits in a subfigure)."""
    figure = ax.get_figure(root=True)
    if figure is None:
        raise ValueError("this Axes is not on a figure: draw the chart on an Axes of a matplotlib Figure")
    return figure


def _drawable(df: pd.DataFrame, columns: list[str], purpose: str) -> pd.DataFrame:
    """The tidy rows of ``df`` with a value in every one of ``columns``; DataError when there are none."""
    require(df, columns, purpose)
    t = tidy(df).dropna(subset=columns)
    if t.empty:
        said = "no rows" if df.empty else f"no row with a value in each of {', '.join(columns)}"
        raise DataError([Problem("table", None, None, f"has {said}, so there is nothing to draw {purpose}")])
    return t


def _new_axes(ax: Axes | None, height: float | None = None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # here, not at the top: pyplot would double what `import rolekit` costs

    width, default = matplotlib.rcParams["figure.figsize"]
    return plt.subplots(figsize=(width, max(default, height or 0)))[1]


def _size_pt(ax: Axes) -> tuple[float, float]:
    """The Axes' width and height in points, before layout adjusts them."""
    box = ax.get_position()
    width, height = figure_of(ax).get_size_inches()
    return box.width * width * 72, box.height * height * 72


def _title(ax: Axes, text: str) -> None:
    """Set a left-aligned title wrapped to the width the plot will have once its row labels take their place."""
    size = matplotlib.rcParams["ytick.labelsize"]
    labels = max(
        (_text_width(line, size) for t in ax.get_yticklabels() for line in t.get_text().split("\n")), default=0
    )
    width = (_size_pt(ax)[0] - labels) / (matplotlib.rcParams["axes.titlesize"] * 0.62)
    ax.set_title(textwrap.fill(text, max(int(width), 30), break_on_hyphens=False))


def _roles(table: pd.DataFrame) -> list[str]:
    present = set(table["role"].dropna())
    return [r for r in table["role"].cat.categories if r in present]


def _legend_columns(ax: Axes, labels: Sequence[str]) -> int:
    """How many columns a legend of ``labels`` below the plot gets: as many as the longest label allows."""
    size = matplotlib.rcParams["legend.fontsize"]
    longest = max((_text_width(str(label), size) for label in labels), default=0) + 3.5 * size
    return max(1, min(len(labels), int(_size_pt(ax)[0] // longest)))


def _legend_rows(ax: Axes, labels: Sequence[str]) -> int:
    """How many lines that legend takes: what a chart must leave room for below the plot."""
    return math.ceil(len(labels) / _legend_columns(ax, labels)) if labels else 0


def _legend(
    ax: Axes,
    roles: Sequence[str],
    colors: Mapping[str, str],
    markers: Mapping[str, str] | None = None,
    extra: Sequence[Artist] = (),
    hatches: Mapping[str, str] | None = None,
    **where: Any,
) -> None:
    """A legend of the roles below the plot, in as many columns as the longest name allows.

    Patches stand for the roles when ``markers`` is None, hatched as the bars are
    (``hatches``, from :func:`rolekit.style.role_hatches` of the table's roles).

    ``extra``: more handles after the roles' (what a shading means, say).
    """
    hatches = hatches or {}
    handles = [
        Line2D([], [], linestyle="", marker=markers[r], markersize=11, color=colors[r], label=r)
        if markers
        else Patch(facecolor=colors[r], edgecolor="white", hatch=hatches.get(r, ""), label=r)
        for r in roles
    ] + list(extra)
    ncols = _legend_columns(ax, [str(h.get_label()) for h in handles])
    placed: dict[str, Any] = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.1), "ncols": ncols} | where
    ax.legend(handles=handles, **placed)


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


def _wrap_pt(text: str, width_pt: float, size: float, lines: int = 3) -> str:
    """``text`` wrapped to ``width_pt`` at ``size``, at most ``lines`` lines, the last cut with an ellipsis."""
    words, out = text.split(), list[str]()
    for word in words:
        if out and _text_width(f"{out[-1]} {word}", size) <= width_pt:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    return "\n".join(_fit(line, width_pt, size) for line in out)
