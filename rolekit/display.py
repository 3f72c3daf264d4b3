"""Results shown in a notebook: charts with alt text, tables for people to read, a note where a part cannot be shown.

A notebook cell is one call, ``rolekit.show(rolekit.plot_load, df)``: :func:`show`
runs it and turns what comes back into something a participant can read, on any
table: a chart becomes a :class:`Chart` (the PNG and its alt text), a DataFrame a
:func:`table`, a sentence Markdown (escaped, so that a name in it is never markup), and
a table that lacks what a part needs a short note instead of a traceback.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .analysis import unit
from .charts._base import figure_of
from .charts.files import alt_text, drawn_before, drawn_key, keep_drawn, render
from .findings import pct
from .text import MarkdownText, markdown_escaped, number
from .validate import DataError, MissingColumns

__all__ = ["Chart", "show", "table"]

# The width a chart is shown at, in CSS pixels: the deck's, so the notebook, the handout and the slide agree.
SHOWN_WIDTH = 1200


def show(
    what: Callable[..., Any] | pd.DataFrame,
    df: pd.DataFrame | None = None,
    part: str | None = None,
    keep: list[str] | None = None,
    **options: Any,
) -> Any:
    """Show ``what(df, **options)`` in a notebook, or a note when the table cannot support it.

    ``what`` may also be a table itself (``show(rolekit.load_sources())``): it is shown
    for people to read, every text in full.

    For a chart, the figure; for an analysis, its result, or its ``part`` (such as
    ``"pairs"`` of :func:`rolekit.overlap`); ``keep`` shows only those columns of a table.
    When the table lacks a column that
    ``what`` needs, or nothing matches, the result is a short note in prose instead
    of an error, so a notebook runs to the end on any valid table.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> show(rolekit.plot_source_agreement, df.drop(columns="source")).data.splitlines()[0]
    '**Not shown here:** this table has no `source` column, which is needed to compare what each source says.'
    """
    from IPython.display import Markdown

    if isinstance(what, pd.DataFrame):
        return table(what, keep)
    key = drawn_key(what, df, options) if part is None else None
    found = drawn_before(key)
    if found is not None:
        return Chart.kept(*found)
    try:
        result = what(df, **options)
    except MissingColumns as err:
        said = MissingColumns(err.problems, err.columns, markdown_escaped(err.purpose)).lacking(
            lambda c: f"`{c}`" if c.isidentifier() else markdown_escaped(c)
        )
        them = "it" if len(err.columns) == 1 else "them"
        return Markdown(
            f"**Not shown here:** {said}.\n\nAdd {them} to your table to see this part: the codebook, "
            "`data/README.md`, says how to fill it in."
        )
    except DataError as err:  # nothing to draw, or values the analysis cannot use: the problems quote the table
        said = "; ".join(str(p).removeprefix("table: ") for p in err.problems)
        return Markdown(f"**Not shown here:** the table {markdown_escaped(said)}.")
    if part is not None:
        result = getattr(result, part)
    if isinstance(result, Axes):
        chart = Chart(result, getattr(what, "kind", None))
        keep_drawn(key, chart.png, chart.alt)
        return chart
    if isinstance(result, pd.DataFrame) and result.empty:  # why, when the analysis says
        return Markdown(f"**Nothing to show:** {markdown_escaped(result.attrs.get('empty', 'no row matches'))}.")
    if isinstance(result, str):  # a sentence computed from the table, escaped unless written as Markdown already
        return Markdown(result if isinstance(result, MarkdownText) else markdown_escaped(result))
    if isinstance(result, pd.DataFrame):
        return table(result, keep, weighted=isinstance(df, pd.DataFrame) and unit(df) == "weight")
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

    @classmethod
    def kept(cls, png: bytes, alt: str) -> Chart:
        """A chart drawn before (see :func:`rolekit.charts.drawn_once`), from its PNG and alt text."""
        chart = cls.__new__(cls)
        chart.png, chart.alt = png, alt
        return chart

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"alt": self.alt, "width": SHOWN_WIDTH}}


# Column names as people read them; other names lose their underscores, and the suffixes
# _a, _b and _gap of a pair of roles say which role they are about.
_WORDS = {
    "n_shared": "themes shared",
    "shared": "themes both hold",
    "only_a": "only A holds",
    "only_b": "only B holds",
    "jaccard": "Jaccard (shared of all)",
    "long_term": "long-term",
    "score": "similarity",
    "n_sources": "how many sources",
    "within": "within one article",
}


def column_words(name: str, weighted: bool = False) -> str:
    """A column name as a table for people heads it; ``weighted``: its counts are sums of weights.

    >>> [column_words(c) for c in ["role_a", "only_b", "n_shared", "long_term_gap", "matches_key"]]
    ['role (A)', 'only B holds', 'themes shared', 'long-term gap (A − B)', 'matches key']
    >>> column_words("count_a", weighted=True)
    'weight (A)'
    """
    name = str(name)
    if name in _WORDS:
        return _WORDS[name]
    if name == "count" and weighted:
        return "weight"
    m = re.fullmatch(r"(.+)_(a|b|gap|before|after)", name)
    if m:
        base, end = column_words(m[1], weighted), m[2]
        if end in ("before", "after"):
            return f"{base} {end}"
        return {"a": f"{base} (A)", "b": f"{base} (B)", "gap": f"{base} gap (A − B)"}[end]
    return name.replace("_", " ")


def _cell(value: Any) -> Any:
    """A cell as people read it: lists of themes as words, yes and no for True and False."""
    if isinstance(value, tuple | list | set | frozenset):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    return value


def table(df: pd.DataFrame, columns: list[str] | None = None, weighted: bool = False) -> Any:
    """A table for people to read: words for column names, every text in full, shares as percentages.

    ``weighted``: the table was computed from a weighted table, so its counts are headed "weight".

    ``columns``: show only these, in this order. The index is shown only when it holds
    names or ids (not row numbers); lists become words, True and False yes and no; a
    float column whose values all lie between -1 and 1 is a share (or a gap between
    shares) and is shown as a percentage, any other number as written; a table of
    counts (``df.attrs["counts"]``, as :func:`rolekit.tally` sets it) shows every number
    as written.

    >>> import rolekit
    >>> shown = table(rolekit.listing(rolekit.load_responsibilities())).data
    >>> "Sets the company's overall vision and direction and sees them carried out" in shown
    True
    >>> "<th>only A holds</th>" in table(rolekit.overlap(rolekit.load_responsibilities()).pairs).data
    True
    >>> "<th></th>" in table(pd.crosstab(pd.Series(["CEO"], name="role"), pd.Series(["internal"], name="scope"))).data
    False
    """
    from IPython.display import HTML

    shown = (df if columns is None else df[columns]).copy()
    counts = bool(df.attrs.get("counts"))  # a tally's cells: sums of weights of 0.5 are not 50%
    for col in shown.columns:
        values = shown[col]
        if pd.api.types.is_float_dtype(values) and not counts and values.dropna().between(-1, 1).all():
            shown[col] = values.map(lambda v: "" if pd.isna(v) else pct(v).replace("-", "−"))
        elif pd.api.types.is_float_dtype(values):
            shown[col] = values.map(lambda v: "" if pd.isna(v) else number(v))
        elif values.dtype == object or pd.api.types.is_bool_dtype(values):
            shown[col] = values.map(_cell)
    # No header cell left empty (a screen reader reads each cell with its header): an index of names or ids becomes
    # the first column under its name; row numbers are not shown; a name for the columns, which has no cell, is dropped.
    shown = shown.rename_axis(columns=None)
    if not (isinstance(shown.index, pd.RangeIndex) or pd.api.types.is_integer_dtype(shown.index)):
        shown = shown.reset_index(names=[name or "row" for name in shown.index.names], allow_duplicates=True)
    shown.columns = [column_words(c, weighted) for c in shown.columns]
    html = shown.to_html(index=False, na_rep="", escape=True, border=0, classes="rolekit-table")
    style = (
        # text-align over the lab theme's right alignment
        "<style>.rolekit-table td, .rolekit-table th {white-space: normal; text-align: left !important; "
        "vertical-align: top; max-width: 32em}</style>"
    )
    return HTML(style + html)
