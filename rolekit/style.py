"""One look for every chart: the style sheet, and a fixed colour and marker per role."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import matplotlib.style

from .roles import bundled_roles, role_mapping

STYLE = Path(__file__).with_name("rolekit.mplstyle")
# Okabe & Ito's colour-blind-safe palette, strongest first, keeping only the colours with at least
# 3:1 contrast on white (WCAG's bar for graphics); their orange, sky blue and yellow fade on a
# projector and are replaced by a dark ochre, a wine and a slate grey. Markers tell roles apart too.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#996600", "#000000", "#882255", "#5D6D7E")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def _slots(roles: Iterable[str], beside: Iterable[str] = ()) -> dict[str, int]:
    """Each role's place in the table's order.

    Roles of the bundled roles.csv come first (in its order), then the others as given.
    A role named for a bundled one ("Chief Executive Officer", see :mod:`rolekit.roles`)
    counts as it. So the first two roles of any table get the two strongest colours, and
    the CEO and COO get the same two in every table that has both, whatever it calls them.

    ``beside``: the roles of a second table drawn in the same chart. They keep the places
    they have in their own table's charts; a role of ``roles`` takes the place of the one
    of them that means the same, or a place after theirs.
    """
    meant = role_mapping(roles)
    known = bundled_roles()
    order = [r for k in known for r in meant if meant[r] == k] + [r for r in meant if meant[r] not in known]
    if not beside:
        return {r: order.index(r) for r in meant}
    slots = _slots(beside)
    by_meaning = {m: slots[r] for r, m in role_mapping(list(slots)).items()}
    for r in order:
        by_meaning.setdefault(meant[r], max(slots.values(), default=-1) + 1)
        slots.setdefault(r, by_meaning[meant[r]])
    return slots


def role_colors(roles: Iterable[str], beside: Iterable[str] = ()) -> dict[str, str]:
    """A fixed colour for each role: the same role gets the same colour in every chart.

    ``beside``: the roles of a second table in the same chart (a comparison), which keep
    their own colours; a role of ``roles`` takes the colour of the one that means the
    same, or one none of them has.

    >>> role_colors(["COO", "CFO", "CEO"])
    {'COO': '#D55E00', 'CFO': '#009E73', 'CEO': '#0072B2'}
    >>> role_colors(["Head Chef", "Sommelier"])
    {'Head Chef': '#0072B2', 'Sommelier': '#D55E00'}
    >>> role_colors(["CEO", "COO"], beside=["Chief Operating Officer", "Head Chef"])
    {'Chief Operating Officer': '#0072B2', 'Head Chef': '#D55E00', 'CEO': '#009E73', 'COO': '#0072B2'}
    """
    return {r: PALETTE[slot % len(PALETTE)] for r, slot in _slots(roles, beside).items()}


def role_markers(roles: Iterable[str], beside: Iterable[str] = ()) -> dict[str, str]:
    """A marker shape per role, so roles differ in shape as well as colour (``beside``: as :func:`role_colors`).

    Once the colours run out the shapes shift by one, keeping each pair of colour
    and shape unique for up to 64 roles.

    >>> role_markers(["CEO", "COO"])
    {'CEO': 'o', 'COO': 's'}
    """
    return {r: MARKERS[(slot + slot // len(PALETTE)) % len(MARKERS)] for r, slot in _slots(roles, beside).items()}


# Hatch patterns for bars, once the colours repeat: the ninth role is the first role's colour with "//", and so on.
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")


def role_hatches(roles: Iterable[str], beside: Iterable[str] = ()) -> dict[str, str]:
    """A hatch pattern per role for bar charts: none for the first eight roles, then one per round of colours.

    Bars have no marker, so a role whose colour repeats another's is told apart by its
    pattern; each pair of colour and pattern is unique for up to 64 roles (``beside``: as :func:`role_colors`).

    >>> hatches = role_hatches([f"R{i}" for i in range(10)])
    >>> hatches["R0"], hatches["R8"], hatches["R9"]
    ('', '//', '//')
    """
    return {r: HATCHES[(slot // len(PALETTE)) % len(HATCHES)] for r, slot in _slots(roles, beside).items()}


def use_style() -> None:
    """Make rolekit's look the default for every chart in this session (charts use it anyway).

    >>> with matplotlib.rc_context():  # here only for this example
    ...     use_style()
    ...     matplotlib.rcParams["font.size"], matplotlib.rcParams["figure.figsize"]
    (14.0, [12.0, 6.75])
    """
    matplotlib.style.use(STYLE)
