"""Charts of where roles overlap and differ, grouped by family as seaborn groups its plots.

Each function takes a table and an optional matplotlib ``ax``, draws on it (or on a
new figure) in rolekit's style, and returns the Axes. None calls ``plt.show()``.
Every chart gives each role the same colour and marker everywhere (see
:mod:`rolekit.style`), states a finding in its title, and declares its ``kind``, the
start of its alt text.

- :mod:`.roles`: where each role's work sits (the scope x horizon map, role profiles);
- :mod:`.themes`: themes held, worked and sourced (overlap, who carries the load, differences, source agreement);
- :mod:`.compare`: two tables compared (what moved between roles);
- :mod:`.exercise`: the tagging exercise (agreement, disputed items, the room against the key);
- :mod:`.decisions`: decision rights (the RACI grid, alone or against another table);
- :mod:`.tensions`: where the articles disagree outright;
- :mod:`.files`: one way to render and save any of them (:func:`render`, :func:`save_chart`, :func:`save_charts`),
  and a chart of the same inputs drawn once while a series is built (:func:`drawn_once`).

The decisions and tensions charts draw their own tables; the exercise charts draw scores.
"""

from ._base import SHADE, chart
from .compare import plot_compare, plot_split
from .decisions import plot_raci
from .exercise import plot_agreement, plot_disputed, plot_room_vs_key
from .files import (
    CHARTS,
    DPI,
    FORMATS,
    alt_text,
    chart_files,
    draw_charts,
    drawn_once,
    render,
    save_chart,
    save_charts,
)
from .roles import plot_role_profiles, plot_scope_horizon
from .tensions import plot_tensions
from .themes import plot_load, plot_source_agreement, plot_theme_differences, plot_theme_overlap

__all__ = [
    "CHARTS",
    "DPI",
    "FORMATS",
    "SHADE",
    "alt_text",
    "chart",
    "chart_files",
    "draw_charts",
    "drawn_once",
    "plot_agreement",
    "plot_compare",
    "plot_disputed",
    "plot_load",
    "plot_raci",
    "plot_role_profiles",
    "plot_room_vs_key",
    "plot_scope_horizon",
    "plot_source_agreement",
    "plot_split",
    "plot_tensions",
    "plot_theme_differences",
    "plot_theme_overlap",
    "render",
    "save_chart",
    "save_charts",
]
