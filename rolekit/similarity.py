"""How alike two responsibilities are: content words, a score from 0 to 1, and a nearest-neighbour search that scales.

Both the duties two roles of one table share (:func:`rolekit.similar_responsibilities`)
and the matching of a team's rows to the articles' (:func:`rolekit.compare`) use this
one measure:

- each text is reduced to its **content words**: lower case, no punctuation, no small
  words ("the", "and", "with"...), plurals and third-person s folded, every role name
  of the tables replaced by one placeholder (so "works with the COO" and "works with
  the CEO" say the same), and, among 20 texts or more, no word found in 15% of them or
  more (such a word, "company" in the bundled table, tells no duty from another);
- the **score** is rapidfuzz's token-set ratio of the two word lists, over 100: 1 when
  every content word of one text appears in the other, lower as they share fewer;
- the **search** compares a text only with the texts that share a distinctive content
  word with it (one found in at most :data:`RARE` texts of the other side), and, of
  those, with the :data:`NEIGHBOURS` that share the most (rarer words counting more).
  So a table of 50,000 rows is searched in seconds and a bounded amount of memory,
  where comparing every pair would take minutes and gigabytes; two texts with no
  distinctive word in common are never compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .text import clean

__all__ = ["NEIGHBOURS", "RARE", "content_words", "nearest", "scores"]

RARE = 200  # a word found in more texts than this (of the side searched) proposes no candidates
NEIGHBOURS = 20  # candidates scored for each text, those sharing the most distinctive words first
_SMALL = frozenset(
    "a an and as at be by for from in into is it its of on or so that the their them they this to with who whom "
    "which while what when where how all any each every own our your his her he she we you us s".split()
)
ROLE = "ROLE"  # what every role name becomes


def _fold(word: str) -> str:
    """A word with its plural or third-person s folded: activities -> activity, oversees -> oversee."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str, roles: re.Pattern[str] | None) -> list[str]:
    text = clean(text).casefold()
    if roles is not None:
        text = roles.sub(f" {ROLE} ", text)
    return [w if w == ROLE else _fold(w) for w in re.findall(r"\w+", text) if w not in _SMALL]


def content_words(texts: Sequence[str], roles: Sequence[str] = (), common: float = 0.15, rows: int = 20) -> list[str]:
    """Each text's content words, joined by spaces: what the score compares.

    ``roles``: the role names to replace with one placeholder. Among ``rows`` texts or
    more, words found in ``common`` of them or more are dropped.

    >>> content_words(["Works closely with the COO", "Keeps the company's costs under control"], roles=["COO"])
    ['work closely ROLE', 'keep company cost under control']
    """
    names = sorted({clean(str(r)).casefold() for r in roles if str(r).strip()}, key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names)) if names else None
    words = [_words(str(t), pattern) for t in texts]
    if len(words) >= rows:
        seen: dict[str, int] = {}
        for w in words:
            for word in set(w):
                seen[word] = seen.get(word, 0) + 1
        frequent = {w for w, n in seen.items() if n >= common * len(words)} - {ROLE}
        words = [[x for x in w if x not in frequent] for w in words]
    return [" ".join(w) for w in words]


def scores(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """The score of each pair ``(a[k], b[k])`` of content-word strings, from 0 to 1 (0 when either is empty).

    >>> scores(["keep cost under control", "lead ROLE"], ["keep cost control", "raise fund"]).round(2).tolist()
    [1.0, 0.21]
    """
    from rapidfuzz import fuzz, process

    if not len(a):
        return np.zeros(0)
    found = process.cpdist(list(a), list(b), scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1) / 100
    empty = np.array([not x or not y for x, y in zip(a, b)])
    return np.where(empty, 0.0, found.astype(float))


def nearest(a: Sequence[str], b: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs ``(i, j)`` of texts of ``a`` and ``b`` worth scoring (see the module's rules).

    With ``b`` None, pairs within ``a``, each once, ``i < j``. Returns two index arrays.

    >>> i, j = nearest(["keep cost control", "raise fund", "cost review"], ["control cost", "fund raising"])
    >>> sorted(zip(i.tolist(), j.tolist()))
    [(0, 0), (1, 1), (2, 0)]
    """
    same = b is None
    b = a if b is None else b
    vocabulary: dict[str, int] = {}

    def tokens(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        rows, ids = [], []
        for k, text in enumerate(texts):
            for word in dict.fromkeys(w for w in text.split() if w != ROLE):
                rows.append(k)
                ids.append(vocabulary.setdefault(word, len(vocabulary)))
        return np.array(rows, dtype=np.int64), np.array(ids, dtype=np.int64)

    rows_a, tok_a = tokens(a)
    rows_b, tok_b = tokens(b)
    if not len(rows_a) or not len(rows_b):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    df_b = np.bincount(tok_b, minlength=len(vocabulary))
    weight = np.log1p(len(b) / np.maximum(df_b, 1))  # rarer words count more
    order = np.argsort(tok_b, kind="stable")
    posting, start = rows_b[order], np.concatenate([[0], np.cumsum(df_b)[:-1]])
    keep = (df_b[tok_a] > 0) & (df_b[tok_a] <= RARE)
    rows_a, tok_a = rows_a[keep], tok_a[keep]
    lengths = df_b[tok_a]
    i = np.repeat(rows_a, lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    j = posting[np.repeat(start[tok_a], lengths) + offsets]
    w = np.repeat(weight[tok_a], lengths)
    if same:
        upper = i < j
        i, j, w = i[upper], j[upper], w[upper]
    if not len(i):
        return i, j
    key = i * len(b) + j
    unique, inverse = np.unique(key, return_inverse=True)
    shared = np.bincount(inverse, weights=w)
    i, j = unique // len(b), unique % len(b)
    # the NEIGHBOURS best candidates of each text (of either side, when searching within one table)
    by = np.lexsort((-shared, i))
    rank = np.arange(len(by)) - np.searchsorted(i[by], i[by])
    chosen = np.zeros(len(i), dtype=bool)
    chosen[by[rank < NEIGHBOURS]] = True
    if same:
        by = np.lexsort((-shared, j))
        rank = np.arange(len(by)) - np.searchsorted(j[by], j[by])
        chosen[by[rank < NEIGHBOURS]] = True
    return i[chosen], j[chosen]
