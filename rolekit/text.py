"""Text values as people type them: normalise what is safe, find what is not, show it safely.

Spreadsheets and web pages bring characters that print the same but compare
differently: a zero-width space inside ``C\u200bEO``, a Cyrillic ``С`` in ``СEO``, a
no-break space, two spaces where one was meant. Key values (role, scope, horizon,
theme, source, id) are normalised with Unicode NFKC, stripped of invisible characters
and their inner whitespace collapsed; what cannot be normalised safely (control
characters, letters of another script among Latin ones) is reported, always shown
escaped, never echoed raw to a terminal. Ordinary typography is not a control
character: no-break spaces, soft hyphens, the joiners inside emoji such as 👨\u200d💼.

Text that enters Markdown (a notebook's takeaways, a note) is escaped for it by
:func:`markdown_escaped`, so a role named ``<img src=x onerror=alert(1)>`` shows as
those characters, never as a tag.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable

# Stripped from both ends of every header and value: spaces, and the invisible characters
# that text pasted from the web or Word brings (no-break and zero-width spaces, byte-order marks).
BLANK = " \t\r\n\v\f\xa0\u2007\u202f\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
# Removed from a key value: they print as nothing and only split one value into two.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_DROP = {ord(c): None for c in INVISIBLE if c not in "\u200c\u200d"}  # the joiners: see _JOINER
# The joiners are part of the spelling between two characters outside ASCII (emoji such as 👨\u200d💼,
# Persian, Indic scripts): kept there, removed next to ASCII or a space (C\u200dEO is CEO).
_JOINER = re.compile(r"(?<![^\x00-\x7f\s])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f\s])")
# Whitespace inside a key value, after NFKC (which makes no-break and other wide spaces plain ones).
_SPACES = re.compile(r"[ \t\r\n\u1680\u2028\u2029]+")
# Real controls: C0 and C1 control characters but tab and line breaks, and the marks that reorder the text
# around them (the "Trojan Source" attack).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What people write in a cell that has no value.
PLACEHOLDERS = frozenset({"n/a", "na", "-", "--", "nan", "none", "null", "?", "tbd", "#n/a"})
# Every way of capitalising them, so a column can be checked with one fast ``isin``.
SPELLINGS = frozenset(
    "".join(p) for word in PLACEHOLDERS for p in itertools.product(*({c.lower(), c.upper()} for c in word))
)
# Letters of other scripts that look like Latin ones: the common confusables of Cyrillic and Greek.
_LOOKALIKE = dict(zip("АВСЕНІЈКМОРЅТХУаеіјорсухуΑΒΕΗΙΚΜΝΟΡΤΥΧΖο", "ABCEHIJKMOPSTXYaeijopcyxyABEHIKMNOPTYXZo"))


def clean(value: str) -> str:
    """A key value as rolekit compares it: NFKC, invisible characters removed, blanks stripped, inner ones collapsed.

    >>> clean("\\u00a0C\\u200bEO ")
    'CEO'
    >>> clean("ＣＥＯ")  # full-width letters, as some input methods type them
    'CEO'
    >>> clean("Head of\\tSales"), clean("Head of  Sales"), clean("Head\\u202fof\\u00a0Sales")
    ('Head of Sales', 'Head of Sales', 'Head of Sales')
    >>> clean("👨\\u200d💼") == "👨\\u200d💼"  # the joiner makes one emoji of two: it stays
    True
    """
    if value.isascii():  # the common case, fast: no invisible character, nothing for NFKC to change
        value = value.strip(BLANK)
        return _SPACES.sub(" ", value) if "  " in value or not value.isprintable() else value
    value = _JOINER.sub("", value).translate(_DROP)
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value).strip(BLANK))


def is_placeholder(value: str) -> bool:
    """True for what people put in a cell that has no value: ``N/A``, ``-``, ``None``, ``?``...

    >>> [is_placeholder(v) for v in ["N/A", " null ", "?", "Nancy"]]
    [True, True, True, False]
    """
    return value.strip(BLANK) in SPELLINGS


def controls(value: str) -> list[str]:
    """The characters of ``value`` that are real controls, each once: escape codes and other C0/C1 controls
    (tabs and line breaks aside), and the marks that reorder the text around them.

    Ordinary typography is not among them: no-break and narrow no-break spaces, soft
    hyphens, the zero-width joiner inside an emoji, letters newer than this Python knows.

    >>> controls("CEO\\x1b[31m"), controls("Directeur\\u202fgénéral\\u00ad 👨\\u200d💼")
    (['\\x1b'], [])
    """
    return [] if value.isprintable() else sorted(set(_CONTROLS.findall(value)))


def shown(text: str) -> str:
    """``text`` safe to print: characters that do not print (controls, escape codes, invisible ones) escaped.

    The joiners that hold an emoji or a word of some scripts together are kept.

    >>> shown("CEO\\x1b[31m")
    'CEO\\\\x1b[31m'
    """
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c in "\u200c\u200d" else c.encode("unicode_escape").decode("ascii") for c in text
    )


# Markdown (CommonMark and GFM, as JupyterLab and nbconvert render it) reads these as markup anywhere in a line:
# emphasis, code, links and images, strikethrough, formulas; and these as HTML, so they become entities.
_MARKUP = re.compile(r"([\\`*_\[\]~$])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What opens a block at the start of a line (a heading, a list, a quote), and a URL's scheme (javascript:).
_BLOCK = re.compile(r"^(\s*)([#+=-])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(:)(?=\S)")


def markdown_escaped(text: str) -> str:
    r"""``text`` written as Markdown that shows it as it is: no tag, link, emphasis, heading or formula comes of it.

    Every character Markdown could read as markup is escaped (with a backslash, or as
    an entity for ``&``, ``<`` and ``>``, so no renderer reads HTML in it), and line
    breaks become spaces, so the text stays one paragraph. A reader sees the text unchanged.

    >>> print(markdown_escaped("<img src=x onerror=alert(1)> [x](javascript:alert(2)) **x** $1M, long-term: 2"))
    &lt;img src=x onerror=alert(1)&gt; \[x\](javascript\:alert(2)) \*\*x\*\* \$1M, long-term: 2
    """
    text = " ".join(text.splitlines())
    text = _MARKUP.sub(r"\\\1", "".join(_ENTITIES.get(c, c) for c in text))
    text = _NUMBERED.sub(r"\1\\\2", _BLOCK.sub(r"\1\\\2", text))
    return _SCHEME.sub(r"\\\1", text)


class MarkdownText(str):
    r"""Text already written as Markdown, each value in it escaped by :func:`markdown_escaped`.

    :func:`rolekit.show` shows it as Markdown as it is; any other text it escapes first.

    >>> print(MarkdownText("- " + markdown_escaped("**CEO**")))
    - \*\*CEO\*\*
    """


def quoted(value: str, show: Callable[[str], str] = str, limit: int = 80) -> str:
    """``value`` in single quotes, as a message shows it: cut after ``limit`` characters, saying how long it was.

    ``show`` writes the part shown (:func:`marked`, say).

    >>> quoted("CEO")
    "'CEO'"
    >>> print(quoted("Sets the vision. " * 12000))
    'Sets the vision. Sets the vision. Sets the vision. Sets the vision. Sets the vis…' (a cell of 204,000 characters)
    """
    if len(value) <= limit:
        return f"'{show(value)}'"
    return f"'{show(value[:limit])}…' (a cell of {len(value):,} characters)"


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

    Control characters (escape codes included, see :func:`controls`) and letters of
    another script mixed into a Latin word are faults; a word wholly in one script is not.

    >>> print(fault("СEO"))
    has the Cyrillic letter \\u0421 among Latin letters: it looks like 'C' but is another character;
    retype it (did you mean 'CEO'?)
    >>> fault("Генеральный директор") is None
    True
    """
    if value.isascii() and value.isprintable():
        return None
    found = controls(value)
    if found:
        return (
            f"has a control character ({', '.join(escaped(c) for c in found)}), which does not print; delete it and "
            "retype the value"
        )
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


def two_places(x: float) -> str:
    """A statistic such as a kappa to two decimals, never "-0.00": a kappa of -0.001 is shown, and read, as 0.00.

    >>> two_places(0.4567), two_places(-0.001), two_places(-0.2)
    ('0.46', '0.00', '-0.20')
    """
    return f"{x:.2f}".replace("-0.00", "0.00")


def number(n: float) -> str:
    """A count or a sum of weights, every digit shown: ``'1000000'``, ``'14.5'``, never ``'1e+06'``.

    Python's ``f"{n:g}"`` keeps six digits, so a count of a million rows or a weight
    of 1234567.5 would show rounded; a sum of weights loses its float noise.

    >>> number(1_000_000), number(14.0), number(0.1 + 0.2), number(1234567.5)
    ('1000000', '14', '0.3', '1234567.5')
    """
    value = float(n)
    return str(int(value)) if value.is_integer() else format(value, ".15g")


# Words that name a department or a function, not a person: a role named with these alone reads without "the"
# (HR, Legal, Customer Support, Sales & Marketing); any other name reads with it (the CEO, the Sous-chef).
_DEPARTMENT_WORDS = frozenset(
    "accounting accounts admin administration and audit compliance customer customers data design development "
    "engineering facilities finance hr it legal logistics marketing ops operations partnerships payroll people "
    "procurement product purchasing qa quality research risk sales security service services strategy success "
    "supply support tech technology".split()
)


def join_names(items: Iterable[object], last: str = "and") -> str:
    """Names as a sentence lists them; ``last`` joins the last two ("and", or "or").

    >>> join_names(["CEO"]), join_names(["CEO", "COO"]), join_names(["CEO", "COO", "CFO"], "or"), join_names([])
    ('CEO', 'CEO and COO', 'CEO, COO or CFO', '')
    """
    names = [str(i) for i in items]
    return ", ".join(names[:-1]) + f" {last} " + names[-1] if len(names) > 1 else "".join(names)


def the(name: object, start: bool = False) -> str:
    """A role's name as a sentence reads it: "the CEO", "the Head of Sales", "the Board" for "The Board", "HR".

    "the" goes before every name but one that has its own ("The Board") or one made
    only of words naming a department or a function ("HR", "Legal", "Customer
    Support", "Sales & Marketing"). ``start``: the words begin a sentence.

    >>> the("CEO"), the("Head of Sales"), the("The Board"), the("HR"), the("Customer Support"), the("Sales team")
    ('the CEO', 'the Head of Sales', 'the Board', 'HR', 'Customer Support', 'the Sales team')
    >>> the("CEO", start=True), the("the board", start=True), the("CFO's"), the("Legal's", start=True)
    ('The CEO', 'The board', "the CFO's", "Legal's")
    """
    text = str(name)
    if re.match(r"the\s", text, flags=re.IGNORECASE):  # its own article, in the sentence's case
        return ("T" if start else "t") + text[1:]
    if is_department(re.sub(r"['’]s?$", "", text)):
        return text[:1].upper() + text[1:] if start else text
    return ("The " if start else "the ") + text


def is_department(name: object) -> bool:
    """Whether a role's name is made only of words naming a department or a function: HR, Legal, Customer Support.

    >>> is_department("Sales & Marketing"), is_department("Head of Sales"), is_department("R&D")
    (True, False, True)
    """
    words = re.findall(r"[^\W\d_]+", str(name).casefold().replace("r&d", "research"))
    return bool(words) and set(words) <= _DEPARTMENT_WORDS


def possessive(name: str) -> str:
    """``name`` owning something: "the CEO's", a name ending in s "the Head of Sales'".

    >>> possessive("CEO"), possessive("Head of Sales")
    ("CEO's", "Head of Sales'")
    """
    return name + ("'" if name.endswith("s") else "'s")
