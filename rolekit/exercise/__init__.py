"""The tagging exercise: worksheets drawn from a table, returned sheets read, the room's agreement scored.

Each participant tags the same responsibilities on three dimensions (role, scope,
horizon). The package is grouped by what each step does:

- :mod:`.sheets`: :func:`worksheet` draws the items; the fill-in sheets, the quick-entry table, the printable page;
- :mod:`.responses`: :func:`read_responses` reads returned sheets or a form export against the key;
- :mod:`.answers`: how one typed answer is read (loose spellings, short answers), and the formula guard undone;
- :mod:`.agreement`: Fleiss' kappa, Cohen's kappa, Krippendorff's alpha, Landis and Koch's bands;
- :mod:`.scoring`: :func:`score` measures agreement within the room and with the key; the summary and the report.

Participants appear as P1, P2... everywhere but the scores table.
"""

from .agreement import BANDS, band, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .answers import Choices, unguard
from .responses import KEY, SHEET, Responses, read_key, read_responses
from .scoring import (
    Scores,
    agreement,
    class_scores,
    counted,
    disputed,
    report_html,
    score,
    score_sheets,
    scored_class,
    scored_items,
    summary,
)
from .sheets import DIMENSIONS, Worksheet, quick_entry, sheet_html, sheet_table, worksheet

__all__ = [
    "BANDS",
    "DIMENSIONS",
    "KEY",
    "SHEET",
    "Choices",
    "Responses",
    "Scores",
    "Worksheet",
    "agreement",
    "band",
    "class_scores",
    "cohen_kappa",
    "counted",
    "disputed",
    "fleiss_kappa",
    "krippendorff_alpha",
    "quick_entry",
    "read_key",
    "read_responses",
    "report_html",
    "score",
    "score_sheets",
    "scored_class",
    "scored_items",
    "sheet_html",
    "sheet_table",
    "summary",
    "unguard",
    "worksheet",
]
