"""One look for every chart: the style sheet, and a fixed colour and marker per role."""

from __future__ import annotations

from pathlib import Path

import matplotlib.style

from .io import load_roles

STYLE = Path(__file__).with_name("rolekit.mplstyle")
# Okabe & Ito's colour-blind-safe palette, darkest and most distinct first; yellow last
# because it fades on a projector.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def _slots(roles) -> dict[str, int]:
    """Roles of the bundled roles.csv keep their place; others follow in the order given."""
    known = load_roles()["role"].tolist()
    others = [r for r in roles if r not in known]
    return {r: known.index(r) if r in known else len(known) + others.index(r) for r in roles}


def role_colors(roles) -> dict[str, str]:
    """A fixed colour for each role: the same role gets the same colour in every chart.

    >>> role_colors(["COO", "CFO", "CEO"])
    {'COO': '#D55E00', 'CFO': '#009E73', 'CEO': '#0072B2'}
    """
    return {r: PALETTE[slot % len(PALETTE)] for r, slot in _slots(roles).items()}


def role_markers(roles) -> dict[str, str]:
    """A marker shape per role, so roles differ in shape as well as colour.

    Once the colours run out the shapes shift by one, keeping each pair of colour
    and shape unique for up to 64 roles.

    >>> role_markers(["CEO", "COO"])
    {'CEO': 'o', 'COO': 's'}
    """
    return {r: MARKERS[(slot + slot // len(PALETTE)) % len(MARKERS)] for r, slot in _slots(roles).items()}


def use_style() -> None:
    """Make rolekit's look the default for every chart in this session (charts use it anyway)."""
    matplotlib.style.use(STYLE)
