"""Charts of where roles overlap and differ, grouped by family as seaborn groups its plots.

Each function takes a responsibilities table and an optional matplotlib ``ax``,
draws on it (or on a new figure), and returns the Axes. None calls ``plt.show()``.
All use rolekit's style sheet and give each role the same colour and marker
everywhere (see :mod:`rolekit.style`). Titles state what the data shows.

- :mod:`.roles`: where each role's work sits (the scope x horizon map, role profiles);
- :mod:`.themes`: themes held, worked and sourced (overlap, who carries the load, differences, source agreement);
- :mod:`.compare`: two tables compared (what moved between roles);
- :mod:`.exercise`: the tagging exercise (agreement, disputed items, the room against the key);
- :mod:`.decisions`: decision rights (the RACI grid, alone or against another table);
- :mod:`.tensions`: where the articles disagree outright.

The last two draw the decisions and tensions tables, not a responsibilities table.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.style
import pandas as pd

from ..output import Output
from ..style import STYLE
from ..validate import DataError
from ._base import SHADE
from .compare import plot_compare
from .decisions import plot_raci
from .exercise import plot_agreement, plot_disputed, plot_room_vs_key
from .roles import plot_role_profiles, plot_scope_horizon
from .tensions import plot_tensions
from .themes import plot_load, plot_source_agreement, plot_theme_differences, plot_theme_overlap

__all__ = ["CHARTS", "FORMATS", "SHADE", "chart_files", "plot_agreement", "plot_compare", "plot_disputed", "plot_load", "plot_raci", "plot_role_profiles", "plot_room_vs_key", "plot_scope_horizon", "plot_source_agreement",
           "plot_tensions", "plot_theme_differences", "plot_theme_overlap", "save_charts"]

# Every chart, by the name its file gets from ``rolekit figures``.
CHARTS = {
    "scope_horizon": plot_scope_horizon,
    "role_profiles": plot_role_profiles,
    "theme_overlap": plot_theme_overlap,
    "load": plot_load,
    "theme_differences": plot_theme_differences,
    "source_agreement": plot_source_agreement,
}

MADE_BY = "rolekit figures"  # written into each chart file's metadata
_METADATA = {"png": {"Software": MADE_BY}, "svg": {"Creator": MADE_BY, "Date": None},
             "pdf": {"Creator": MADE_BY, "Producer": MADE_BY, "CreationDate": None, "ModDate": None}}
FORMATS = tuple(_METADATA)


def chart_files(out, fmt: str = "png") -> Output:
    """The folder ``out``, checked for writing every chart; DataError if it cannot be, or holds files rolekit did not make."""
    return Output(out, [f"{name}.{fmt}" for name in CHARTS])


def save_charts(df: pd.DataFrame, out, fmt: str = "png") -> tuple[list[Path], list[str]]:
    """Draw every chart of ``df`` and write each to ``out/NAME.FMT``; return what was written and what was skipped, and why.

    A chart needing a column ``df`` lacks, or with nothing to draw, is skipped. A file
    rolekit did not make is never overwritten (DataError instead, before anything is
    written; see :mod:`rolekit.output`). Saving happens inside the style, so the same
    table gives the same bytes every time.
    """
    import matplotlib.pyplot as plt

    folder = chart_files(out, fmt)
    written, skipped = [], []
    for name, draw in CHARTS.items():
        try:
            ax = draw(df)
        except DataError as err:
            skipped.append(f"{name}: {str(err.problems[0]).removeprefix('table: ').split('. The table has')[0]}")
            continue
        with matplotlib.style.context(STYLE):
            ax.figure.savefig(folder.path(f"{name}.{fmt}"), metadata=_METADATA[fmt])
        plt.close(ax.figure)
        written.append(folder.record(f"{name}.{fmt}"))
    return written, skipped
