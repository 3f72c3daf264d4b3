"""The bundled roles and the other names that mean them: a team's "Chief Executive Officer" is the articles' CEO.

The names are data (``data/roles.csv``'s ``role`` and ``title``, and
``data/role_names.csv``), matched ignoring case and spacing. Roles with any other
name stay themselves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .bundle import reference
from .text import clean

__all__ = ["bundled_role", "bundled_roles", "named_within", "role_mapping"]


def _key(name: str) -> str:
    return " ".join(clean(str(name)).casefold().replace("-", " ").split())


@functools.cache
def _names() -> dict[str, str]:
    roles = reference("roles")
    names = {_key(r): r for r in roles["role"]} | {_key(t): r for r, t in zip(roles["role"], roles["title"])}
    other = reference("role_names")
    return names | {_key(n): r for r, n in zip(other["role"], other["name"])}


def bundled_roles() -> list[str]:
    """The roles of the bundled tables, in their order.

    >>> bundled_roles()
    ['CEO', 'COO']
    """
    return reference("roles")["role"].tolist()


def bundled_role(name: str) -> str | None:
    """The bundled role that ``name`` means, or None.

    >>> bundled_role("chief executive officer"), bundled_role("Chief Operations Officer"), bundled_role("CFO")
    ('CEO', 'COO', None)
    """
    return _names().get(_key(name))


def role_mapping(roles: Iterable[str]) -> dict[str, str]:
    """Each of ``roles`` with the bundled role it means, or itself.

    When two of the names mean one bundled role (``CEO`` and ``Chief Executive``), the
    one named exactly like it takes it and the other stays itself, so no two roles of
    a table merge.

    A name that begins with a bundled role's name or title counts as it when no name
    of the table is that role itself (:func:`named_within`): a team's "Chief Executive
    Officer and Co-Founder" is its CEO.

    >>> role_mapping(["Chief Executive Officer", "COO", "Head of Sales"])
    {'Chief Executive Officer': 'CEO', 'COO': 'COO', 'Head of Sales': 'Head of Sales'}
    >>> role_mapping(["CEO and Co-Founder", "COO & acting CFO", "CEO Office"])["COO & acting CFO"]
    'COO'
    """
    roles = [str(r) for r in roles]
    meant = {r: bundled_role(r) for r in roles}
    taken: dict[str, str] = {}
    for r in sorted(roles, key=lambda r: (meant[r] != r, roles.index(r))):  # exact names first, then in order
        if meant[r] is not None and meant[r] not in taken:
            taken[str(meant[r])] = r
    for r in roles:  # then a title that begins with one: "Chief Executive Officer and Co-Founder"
        within = named_within(r) if meant[r] is None else None
        if within is not None and within not in taken:
            taken[within] = r
    chosen = {r: b for b, r in taken.items()}
    return {r: chosen.get(r, r) for r in roles}


_ENTOURAGE = frozenset("office team staff department assistant assistants support unit group deputy".split())


def named_within(name: str) -> str | None:
    """The bundled role whose name or title ``name`` begins with, as whole words, or None.

    For a team's titles that say more than the role: "Chief Executive Officer and
    Co-Founder" is the CEO. Only the start counts, so a "Deputy CEO" or a "Chief of
    Staff to the CEO" is not taken for the CEO, a name holding two roles' names is
    neither, and nor is the role's office, team or staff ("CEO's office", "COO Team"). A
    leading "Group", as in a "Group Chief Executive" who runs a group of companies, is read
    past.

    >>> named_within("Chief Executive Officer and Co-Founder"), named_within("COO & acting CFO")
    ('CEO', 'COO')
    >>> named_within("The Board"), named_within("CEO and COO"), named_within("Chief of Staff to the CEO")
    (None, None, None)
    >>> named_within("CEO's office"), named_within("COO Team"), named_within("CEO Support Staff")
    (None, None, None)
    >>> named_within("Group Chief Executive and Board Member"), named_within("Group COO"), named_within("CEO Group")
    ('CEO', 'COO', None)
    """
    words = re.sub(r"^group\s+", "", _key(name))
    if set(re.findall(r"\w+", words)) & _ENTOURAGE or re.search(r"['’]", words):
        return None
    found = {role for key, role in _names().items() if re.match(rf"{re.escape(key)}(?!\w)", words)}
    named = {role for key, role in _names().items() if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", words)}
    return found.pop() if len(found) == 1 and len(named) == 1 else None
