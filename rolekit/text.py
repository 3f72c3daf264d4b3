"""Text values as people type them: normalise what is safe, find what is not, show it safely.

Spreadsheets and web pages bring characters that print the same but compare
differently: a zero-width space inside ``C\u200bEO``, a Cyrillic ``С`` in ``СEO``, a
no-break space. Key values (role, scope, horizon, theme, source, id) are normalised
with Unicode NFKC and stripped of invisible characters; what cannot be normalised
safely (control characters, letters of another script among Latin ones) is reported,
always shown escaped, never echoed raw to a terminal.
"""

from __future__ import annotations

import itertools
import unicodedata

# Stripped from both ends of every header and value: spaces, and the invisible characters
# that text pasted from the web or Word brings (no-break and zero-width spaces, byte-order marks).
BLANK = " \t\r\n\v\f\xa0\u2007\u202f\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
# Removed wherever they are: they print as nothing and only split one value into two.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_DROP = {ord(c): None for c in INVISIBLE}
# What people write in a cell that has no value.
PLACEHOLDERS = frozenset({"n/a", "na", "-", "--", "nan", "none", "null", "?", "tbd", "#n/a"})
# Every way of capitalising them, so a column can be checked with one fast ``isin``.
SPELLINGS = frozenset(
    "".join(p) for word in PLACEHOLDERS for p in itertools.product(*({c.lower(), c.upper()} for c in word))
)
# Letters of other scripts that look like Latin ones: the common confusables of Cyrillic and Greek.
_LOOKALIKE = dict(zip("АВСЕНІЈКМОРЅТХУаеіјорсухуΑΒΕΗΙΚΜΝΟΡΤΥΧΖο", "ABCEHIJKMOPSTXYaeijopcyxyABEHIKMNOPTYXZo"))


def clean(value: str) -> str:
    """A key value as rolekit compares it: NFKC, invisible characters removed, blanks stripped.

    >>> clean("\\u00a0C\\u200bEO ")
    'CEO'
    >>> clean("ＣＥＯ")  # full-width letters, as some input methods type them
    'CEO'
    """
    return unicodedata.normalize("NFKC", value.translate(_DROP)).strip(BLANK)


def is_placeholder(value: str) -> bool:
    """True for what people put in a cell that has no value: ``N/A``, ``-``, ``None``, ``?``...

    >>> [is_placeholder(v) for v in ["N/A", " null ", "?", "Nancy"]]
    [True, True, True, False]
    """
    return value.strip(BLANK) in SPELLINGS


def shown(text: str) -> str:
    """``text`` safe to print: characters that do not print (controls, escape codes, invisible ones) escaped.

    >>> shown("CEO\\x1b[31m")
    'CEO\\\\x1b[31m'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def marked(value: str) -> str:
    """``value`` with every character outside ASCII escaped: how a value with a look-alike letter is shown.

    >>> print(marked("СEO"))
    \u0421EO
    """
    return value.encode("ascii", "backslashreplace").decode("ascii")


def escaped(char: str) -> str:
    """One character as Python writes it escaped: ``\\u0421``.

    >>> escaped("С")
    '\\\\u0421'
    """
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def fault(value: str) -> str | None:
    """What is wrong with a key value that normalising cannot fix, or None.

    Control characters (escape codes included) and letters of another script mixed
    into a Latin word are faults; a word wholly in one script is not.

    >>> print(fault("СEO"))
    has the Cyrillic letter \\u0421 among Latin letters: it looks like 'C' but is another character;
    retype it (did you mean 'CEO'?)
    >>> fault("Генеральный директор") is None
    True
    """
    if value.isascii() and value.isprintable():
        return None
    controls = sorted({c for c in value if unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\r\n"})
    if controls:
        shown = ", ".join(escaped(c) for c in controls)
        return f"has a control character ({shown}), which does not print; delete it and retype the value"
    for word in value.split():
        scripts = {_script(c) for c in word} - {None}
        if "LATIN" in scripts and len(scripts) > 1:
            odd = next(c for c in word if _script(c) not in (None, "LATIN"))
            looks = _LOOKALIKE.get(odd)
            like = f": it looks like '{looks}' but is another character" if looks else ""
            fixed = "".join(_LOOKALIKE.get(c, c) for c in value)
            hint = f" (did you mean '{fixed}'?)" if all(_script(c) in (None, "LATIN") for c in fixed) else ""
            return (
                f"has the {str(_script(odd)).title()} letter {escaped(odd)} among Latin letters{like}; retype it{hint}"
            )
    return None
