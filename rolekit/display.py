"""Results shown in a notebook: charts with alt text, tables for people to read, a note where a part cannot be shown.

A notebook cell is one call, ``rolekit.show(rolekit.plot_load, df)``: :func:`show`
runs it and turns what comes back into something a participant can read, on any
table: a chart becomes a :class:`Chart` (the PNG and its alt text), a DataFrame a
:func:`table`, a sentence Markdown (escaped, so that a name in it is never markup), and
a table that lacks what a part needs a short note instead of a traceback.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pandas as pd
from matplotlib.axes import Axes

from .charts._base import figure_of
from .charts.files import alt_text, render
from .text import MarkdownText, markdown_escaped
from .validate import DataError, MissingColumns

__all__ = ["Chart", "show", "table"]

# The width a chart is shown at, in CSS pixels: the deck's, so the notebook, the handout and the slide agree.
SHOWN_WIDTH = 1200


def show(
    what: Callable[..., Any] | pd.DataFrame, df: pd.DataFrame | None = None, part: str | None = None, **options: Any
) -> Any:
    """Show ``what(df, **options)`` in a notebook, or a note when the table cannot support it.

    ``what`` may also be a table itself (``show(rolekit.load_sources())``): it is shown
    for people to read, every text in full.

    For a chart, the figure; for an analysis, its result, or its ``part`` (such as
    ``"pairs"`` of :func:`rolekit.overlap`). When the table lacks a column that
    ``what`` needs, or nothing matches, the result is a short note in prose instead
    of an error, so a notebook runs to the end on any valid table.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> show(rolekit.plot_source_agreement, df.drop(columns="source")).data.splitlines()[0]
    '**Not shown here:** this table has no `source` column, which is needed to compare what each source says.'
    """
    from IPython.display import Markdown

    if isinstance(what, pd.DataFrame):
        return table(what)
    try:
        result = what(df, **options)
    except MissingColumns as err:
        names = ", ".join(f"`{c}`" if c.isidentifier() else markdown_escaped(c) for c in err.columns)
        return Markdown(
            f"**Not shown here:** this table has no {names} column, which is needed {markdown_escaped(err.purpose)}."
            "\n\nAdd it to your table to see this part: the codebook, `data/README.md`, says how to fill it in."
        )
    except DataError as err:  # nothing to draw, or values the analysis cannot use: the problems quote the table
        said = "; ".join(str(p).removeprefix("table: ") for p in err.problems)
        return Markdown(f"**Not shown here:** the table {markdown_escaped(said)}.")
    if part is not None:
        result = getattr(result, part)
    if isinstance(result, Axes):
        return Chart(result, getattr(what, "kind", None))
    if isinstance(result, pd.DataFrame) and result.empty:
        return Markdown("**Nothing to show:** no responsibility in this table matches.")
    if isinstance(result, str):  # a sentence computed from the table, escaped unless written as Markdown already
        return Markdown(result if isinstance(result, MarkdownText) else markdown_escaped(result))
    if isinstance(result, pd.DataFrame):
        return table(result)
    return result


class Chart:
    """A chart as a notebook shows it: the PNG, with alt text (its kind and its title, which states the finding).

    Rendered like every chart file (:func:`rolekit.charts.render`), then its figure is
    closed, so the notebook shows it once. Handouts and slides write the alt text into
    the image's ``alt`` attribute.
    """

    def __init__(self, ax: Axes, kind: str | None = None):
        import matplotlib.pyplot as plt

        self.alt = alt_text(ax, kind)
        self.png = render(ax, "png", self.alt)
        plt.close(figure_of(ax))

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"alt": self.alt, "width": SHOWN_WIDTH}}


def table(df: pd.DataFrame) -> Any:
    """A table for people to read: every text in full, wrapped; the index only when it holds ids; shares as percentages.

    >>> import rolekit
    >>> shown = table(rolekit.listing(rolekit.load_responsibilities())).data
    >>> "Sets the company's overall vision and direction and sees them carried out" in shown
    True
    """
    from IPython.display import HTML

    shown = df.copy()
    for col in shown.columns:
        if pd.api.types.is_float_dtype(shown[col]) and shown[col].dropna().between(0, 1).all():
            shown[col] = shown[col].map(lambda v: "" if pd.isna(v) else f"{v:.0%}")
    index = not isinstance(shown.index, pd.RangeIndex)
    html = shown.to_html(
        index=index, na_rep="", escape=True, border=0, classes="rolekit-table", float_format=lambda v: f"{v:.2f}"
    )
    style = (
        # text-align over the lab theme's right alignment
        "<style>.rolekit-table td, .rolekit-table th {white-space: normal; text-align: left !important; "
        "vertical-align: top; max-width: 32em}</style>"
    )
    return HTML(style + html)
