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

from typing import TYPE_CHECKING, Any

# Where each public name lives. Importing rolekit imports none of them: each is imported
# the first time it is used (Scientific Python's SPEC 1, lazy loading), so a command such
# as `rolekit validate` imports pandas but never matplotlib or the notebook machinery.
_WHERE = {
    "evidence": ("analysis", "evidence"),
    "listing": ("analysis", "listing"),
    "overlap": ("analysis", "overlap"),
    "positions": ("analysis", "positions"),
    "profile": ("analysis", "profile"),
    "source_agreement": ("analysis", "source_agreement"),
    "table_summary": ("analysis", "table_summary"),
    "tally": ("analysis", "tally"),
    "bundled": ("bundle", "bundled"),
    "tidy": ("categories", "tidy"),
    "CHARTS": ("charts", "CHARTS"),
    "plot_agreement": ("charts", "plot_agreement"),
    "plot_compare": ("charts", "plot_compare"),
    "plot_disputed": ("charts", "plot_disputed"),
    "plot_load": ("charts", "plot_load"),
    "plot_raci": ("charts", "plot_raci"),
    "plot_role_profiles": ("charts", "plot_role_profiles"),
    "plot_room_vs_key": ("charts", "plot_room_vs_key"),
    "plot_scope_horizon": ("charts", "plot_scope_horizon"),
    "plot_source_agreement": ("charts", "plot_source_agreement"),
    "plot_split": ("charts", "plot_split"),
    "plot_tensions": ("charts", "plot_tensions"),
    "plot_theme_differences": ("charts", "plot_theme_differences"),
    "plot_theme_overlap": ("charts", "plot_theme_overlap"),
    "save_charts": ("charts", "save_charts"),
    "compare": ("compare", "compare"),
    "compare_shares": ("compare", "compare_shares"),
    "compare_summary": ("compare", "compare_summary"),
    "shares_summary": ("compare", "shares_summary"),
    "similar_responsibilities": ("compare", "similar_responsibilities"),
    "EXAMPLE_ORGANISATION": ("datasets", "EXAMPLE_ORGANISATION"),
    "SYNTHETIC_CLASS": ("datasets", "SYNTHETIC_CLASS"),
    "SYNTHETIC_KEY": ("datasets", "SYNTHETIC_KEY"),
    "load_responsibilities": ("datasets", "load_responsibilities"),
    "load_roles": ("datasets", "load_roles"),
    "load_sources": ("datasets", "load_sources"),
    "load_themes": ("datasets", "load_themes"),
    "EXAMPLE_RACI": ("decisions", "EXAMPLE_RACI"),
    "compare_raci": ("decisions", "compare_raci"),
    "load_decisions": ("decisions", "load_decisions"),
    "raci_against": ("decisions", "raci_against"),
    "raci_grid": ("decisions", "raci_grid"),
    "raci_summary": ("decisions", "raci_summary"),
    "raci_template": ("decisions", "raci_template"),
    "show": ("display", "show"),
    "class_scores": ("exercise", "class_scores"),
    "cohen_kappa": ("exercise", "cohen_kappa"),
    "disputed": ("exercise", "disputed"),
    "fleiss_kappa": ("exercise", "fleiss_kappa"),
    "krippendorff_alpha": ("exercise", "krippendorff_alpha"),
    "read_responses": ("exercise", "read_responses"),
    "score": ("exercise", "score"),
    "score_sheets": ("exercise", "score_sheets"),
    "score_summary": ("exercise", "summary"),
    "scored_class": ("exercise", "scored_class"),
    "scored_items": ("exercise", "scored_items"),
    "worksheet": ("exercise", "worksheet"),
    "decision_themes": ("findings", "decision_themes"),
    "findings": ("findings", "findings"),
    "roles_title": ("findings", "roles_title"),
    "takeaways": ("findings", "takeaways"),
    "coo_echoes": ("kinds", "coo_echoes"),
    "coo_scenario": ("kinds", "coo_scenario"),
    "load_coo_types": ("kinds", "load_coo_types"),
    "scenario_summary": ("kinds", "scenario_summary"),
    "role_mapping": ("roles", "role_mapping"),
    "role_colors": ("style", "role_colors"),
    "role_hatches": ("style", "role_hatches"),
    "role_markers": ("style", "role_markers"),
    "use_style": ("style", "use_style"),
    "load_tensions": ("tensions", "load_tensions"),
    "tension_summary": ("tensions", "tension_summary"),
    "DataError": ("validate", "DataError"),
}

# The same names, written out for readers and linters; tests/test_package.py keeps the two in step.
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
    "roles_title",
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


# Two public functions share their module's name. Importing a submodule binds its name on the
# package, so were these lazy, `rolekit.compare` would turn into the module the moment anything
# imported `rolekit.compare`. Bound here, before any submodule loads, the function keeps the name.
# They cost little more than pandas, which every command imports anyway.
from .compare import compare  # noqa: E402
from .findings import findings  # noqa: E402


def __getattr__(name: str) -> Any:
    """Import a public name the first time it is used."""
    if name not in _WHERE:
        raise AttributeError(f"module 'rolekit' has no attribute {name!r}")
    import importlib

    module, attribute = _WHERE[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value  # later uses find it at once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


if TYPE_CHECKING:  # what type checkers and editors read: the same names, imported for real
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
    from .decisions import (
        EXAMPLE_RACI,
        compare_raci,
        load_decisions,
        raci_against,
        raci_grid,
        raci_summary,
        raci_template,
    )
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
    from .findings import decision_themes, findings, roles_title, takeaways
    from .kinds import coo_echoes, coo_scenario, load_coo_types, scenario_summary
    from .roles import role_mapping
    from .style import role_colors, role_hatches, role_markers, use_style
    from .tensions import load_tensions, tension_summary
    from .validate import DataError
