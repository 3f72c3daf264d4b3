"""rolekit: where the CEO and COO roles overlap and where they differ, as data and charts.

>>> import rolekit
>>> df = rolekit.load_responsibilities()
>>> df["role"].value_counts().sort_index().to_dict()
{'CEO': 40, 'COO': 51}
>>> rolekit.overlap(df).pairs.loc[0, "jaccard"]
np.float64(0.8)
"""

from .analysis import listing, overlap, positions, profile, source_agreement, tally
from .charts import CHARTS, plot_compare, plot_load, plot_role_profiles, plot_scope_horizon, plot_source_agreement, plot_theme_differences, plot_theme_overlap
from .charts import plot_agreement, plot_disputed, plot_raci, plot_room_vs_key, plot_tensions
from .compare import compare, compare_summary, similar_responsibilities
from .decisions import EXAMPLE_RACI, compare_raci, load_decisions, raci_grid, raci_summary, raci_template
from .exercise import SYNTHETIC_CLASS, SYNTHETIC_KEY, cohen_kappa, disputed, fleiss_kappa, read_responses, score, score_sheets, worksheet
from .exercise import summary as score_summary
from .findings import findings, takeaways
from .io import EXAMPLE_ORGANISATION, bundled, load_responsibilities, load_roles, load_sources, load_themes, tidy
from .kinds import coo_echoes, coo_scenario, load_coo_types
from .seminar import show
from .style import role_colors, role_markers, use_style
from .tensions import load_tensions, tension_summary
from .validate import DataError

__all__ = [
    "CHARTS", "DataError", "EXAMPLE_ORGANISATION", "EXAMPLE_RACI", "compare_raci", "coo_echoes", "coo_scenario", "load_coo_types",
    "load_decisions", "load_tensions", "plot_raci", "plot_tensions", "raci_grid", "raci_summary", "raci_template", "tension_summary", "SYNTHETIC_CLASS", "SYNTHETIC_KEY", "bundled", "cohen_kappa", "compare",
    "compare_summary", "disputed", "findings", "fleiss_kappa", "listing", "load_responsibilities", "plot_agreement", "plot_disputed",
    "plot_room_vs_key", "read_responses", "score", "score_sheets", "score_summary", "worksheet",
    "load_roles", "load_sources", "load_themes", "overlap", "plot_compare", "plot_load", "plot_role_profiles", "plot_scope_horizon",
    "plot_source_agreement", "plot_theme_differences", "plot_theme_overlap", "positions", "profile", "role_colors", "role_markers",
    "show", "similar_responsibilities", "source_agreement", "takeaways", "tally", "tidy", "use_style",
]
