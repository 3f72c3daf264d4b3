"""How a typed answer is read: the allowed value it names, spelled loosely or cut short, or why it is refused.

An assistant typing paper sheets, or a participant filling a form, writes ``Long
Term``, ``longterm``, ``i`` or ``Ops`` as often as the value itself. :class:`Choices`
reads, for one round (its allowed values), what a person means when it can only
mean one thing:

- the value in any case, with spaces and hyphens or not: ``longterm``, ``Long Term``;
- the start of exactly one value: ``i`` or ``int`` for internal, ``d`` for daily,
  ``l`` for long-term, ``ce`` for CEO;
- the initials of exactly one value: ``cos`` for Chief of Staff.

Anything else, or a short answer that fits several values (``c`` when the roles
are CEO and COO), is refused with a did-you-mean.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..output import FORMULA_STARTS
from ..text import clean, is_placeholder
from ..validate import did_you_mean

__all__ = ["Choices", "unguard"]

_LOOSE = re.compile(r"[\s\-‐‑‒–—―−.]+")  # spaces, hyphens, the dashes that stand in for them, and dots (C.O.O.)


def _squash(text: str) -> str:
    return _LOOSE.sub("", text.casefold())


def _initials(value: str) -> str:
    return "".join(word[0] for word in _LOOSE.split(value.casefold()) if word)


def unguard(value: str) -> str:
    """``value`` without the quote rolekit's formula guard put before it, so a file rolekit wrote reads back as it was.

    Every CSV rolekit writes for people prefixes a cell that a spreadsheet would run
    as a formula with a single quote (:func:`rolekit.output.neutralised`); reading the
    file back, the quote goes. Other values are left as they are.

    >>> unguard("'@Sales"), unguard("'=1+1"), unguard("'t Hooft"), unguard("CEO")
    ('@Sales', '=1+1', "'t Hooft", 'CEO')
    """
    return value[1:] if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS) else value


class Choices:
    """The allowed values of one dimension in one round, and how a typed answer is read against them.

    >>> roles = Choices(["CEO", "COO", "Chief of Staff"])
    >>> roles.read("ce"), roles.read("COS"), roles.read("chief-of-staff")
    (('CEO', None), ('Chief of Staff', None), ('Chief of Staff', None))
    >>> roles.read("c")[1]
    "'c' could be CEO, COO or Chief of Staff; write more of it"
    >>> Choices(["daily", "long-term"]).read("Long Term")
    ('long-term', None)
    >>> roles.read("C.O.O."), roles.read("CEO;COO;")[1]
    (('COO', None), "'CEO;COO;' gives 2 answers (CEO, COO); give one")
    """

    def __init__(self, allowed: Sequence[str], synonyms: dict[str, str] | None = None):
        self.allowed = list(allowed)
        self.synonyms = synonyms
        self._read: dict[str, tuple[str | None, str | None]] = {}

    def read(self, value: str) -> tuple[str | None, str | None]:
        """What ``value`` means: ``(allowed value, None)``, ``(None, why not)``, or ``(None, None)`` for a blank."""
        if value not in self._read:
            self._read[value] = self._meaning(value)
        return self._read[value]

    def _meaning(self, value: str) -> tuple[str | None, str | None]:
        text = unguard(clean(value))
        if not text or is_placeholder(text):
            return None, None
        exact = [a for a in self.allowed if a.casefold() == text.casefold()]
        if len(exact) == 1:
            return exact[0], None
        typed = _squash(text)
        loose = [a for a in self.allowed if _squash(a) == typed]
        if len(loose) == 1:
            return loose[0], None
        short = loose or [a for a in self.allowed if typed and (_squash(a).startswith(typed) or _initials(a) == typed)]
        if len(short) == 1:
            return short[0], None
        if len(short) > 1:
            names = ", ".join(short[:-1]) + f" or {short[-1]}"
            return None, f"'{text}' could be {names}; write more of it"
        parts = [part for part in re.split(r"\s*[;,/&+]\s*", text) if part]
        several = [a for a in (self._meaning(part)[0] for part in parts) if a] if len(parts) > 1 else []
        if len(set(several)) > 1:  # a form's box ticked twice: "CEO;COO"
            return None, f"'{text}' gives {len(set(several))} answers ({', '.join(dict.fromkeys(several))}); give one"
        return (
            None,
            f"'{text}' is not one of {', '.join(self.allowed)}{did_you_mean(text, self.allowed, self.synonyms)}",
        )
