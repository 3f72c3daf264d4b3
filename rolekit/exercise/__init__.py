"""The tagging exercise: worksheets drawn from a table, returned sheets read, the room's agreement scored.

Each participant tags the same responsibilities on three dimensions (role, scope,
horizon). The package is grouped by what each step does:

- :mod:`.sheets`: :func:`worksheet` draws the items; the fill-in sheets and the printable page;
- :mod:`.responses`: :func:`read_responses` reads returned sheets or a form export against the key;
- :mod:`.agreement`: Fleiss' kappa, Cohen's kappa, Krippendorff's alpha, Landis and Koch's bands;
- :mod:`.scoring`: :func:`score` measures agreement within the room and with the key; the summary and the report.

Participants appear as P1, P2... everywhere but the scores table.
"""

from .agreement import BANDS, band, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .responses import KEY, SHEET, Responses, read_key, read_responses
from .scoring import Scores, disputed, report_html, score, score_sheets, summary
from .sheets import DIMENSIONS, Worksheet, sheet_html, sheet_table, worksheet

__all__ = [
    "BANDS",
    "DIMENSIONS",
    "KEY",
    "SHEET",
    "Responses",
    "Scores",
    "Worksheet",
    "band",
    "cohen_kappa",
    "disputed",
    "fleiss_kappa",
    "krippendorff_alpha",
    "read_key",
    "read_responses",
    "report_html",
    "score",
    "score_sheets",
    "sheet_html",
    "sheet_table",
    "summary",
    "worksheet",
]
