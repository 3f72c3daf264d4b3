"""rolekit: where the CEO and COO roles overlap and where they differ, as data and charts.

The flow runs one way: a table is read and checked (:mod:`.reader`, :mod:`.validate`),
made tidy (:mod:`.categories`), analysed (:mod:`.analysis`, :mod:`.compare`,
:mod:`.decisions`, ...), put into sentences (:mod:`.findings`) and drawn
(:mod:`.charts`); notebooks (:mod:`.display`, :mod:`.seminar`) and the command line
(:mod:`.cli`) sit on top.

>>> import rolekit
>>> df = rolekit.load_responsibilities()
>>> df["role"].value_counts().sort_index().to_dict()
{'CEO': 47, 'COO': 58}
>>> rolekit.overlap(df).pairs.loc[0, "jaccard"]
np.float64(0.8)
"""

from .analysis import evidence, listing, overlap, positions, profile, source_agreement, table_summary, tally
from .bundle import bundled
from .categories import tidy
from .charts import (
    CHARTS,
    plot_agreement,
    plot_compare,
    plot_disputed,
    plot_load,
    plot_raci,
    plot_role_profiles,
    plot_room_vs_key,
    plot_scope_horizon,
    plot_source_agreement,
    plot_split,
    plot_tensions,
    plot_theme_differences,
    plot_theme_overlap,
    save_charts,
)
from .compare import compare, compare_shares, compare_summary, shares_summary, similar_responsibilities
from .datasets import (
    EXAMPLE_ORGANISATION,
    SYNTHETIC_CLASS,
    SYNTHETIC_KEY,
    load_responsibilities,
    load_roles,
    load_sources,
    load_themes,
)
from .decisions import EXAMPLE_RACI, compare_raci, load_decisions, raci_against, raci_grid, raci_summary, raci_template
from .display import show
from .exercise import (
    class_scores,
    cohen_kappa,
    disputed,
    fleiss_kappa,
    krippendorff_alpha,
    read_responses,
    score,
    score_sheets,
    scored_class,
    scored_items,
    worksheet,
)
from .exercise import summary as score_summary
from .findings import decision_themes, findings, takeaways
from .kinds import coo_echoes, coo_scenario, load_coo_types, scenario_summary
from .roles import role_mapping
from .style import role_colors, role_hatches, role_markers, use_style
from .tensions import load_tensions, tension_summary
from .validate import DataError

__all__ = [
    "CHARTS",
    "EXAMPLE_ORGANISATION",
    "EXAMPLE_RACI",
    "SYNTHETIC_CLASS",
    "SYNTHETIC_KEY",
    "DataError",
    "bundled",
    "class_scores",
    "cohen_kappa",
    "compare",
    "compare_raci",
    "compare_shares",
    "compare_summary",
    "coo_echoes",
    "coo_scenario",
    "decision_themes",
    "disputed",
    "evidence",
    "findings",
    "fleiss_kappa",
    "krippendorff_alpha",
    "listing",
    "load_coo_types",
    "load_decisions",
    "load_responsibilities",
    "load_roles",
    "load_sources",
    "load_tensions",
    "load_themes",
    "overlap",
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
    "positions",
    "profile",
    "raci_against",
    "raci_grid",
    "raci_summary",
    "raci_template",
    "read_responses",
    "role_colors",
    "role_hatches",
    "role_mapping",
    "role_markers",
    "save_charts",
    "scenario_summary",
    "score",
    "score_sheets",
    "score_summary",
    "scored_class",
    "scored_items",
    "shares_summary",
    "show",
    "similar_responsibilities",
    "source_agreement",
    "table_summary",
    "takeaways",
    "tally",
    "tension_summary",
    "tidy",
    "use_style",
    "worksheet",
]
