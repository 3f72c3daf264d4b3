"""Two tables side by side: what moved between roles, what was retagged, what was added or removed,
and the duties two roles both hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .categories import tidy
from .text import clean
from .validate import require

_COLUMNS = [
    "responsibility",
    "change",
    "role_before",
    "role_after",
    "scope_before",
    "scope_after",
    "horizon_before",
    "horizon_after",
]
_TAGS = ["role", "scope", "horizon"]


def key(text: str) -> str:
    """A responsibility's text as compared: case, spacing and punctuation ignored.

    >>> key("  Sets the VISION, and the mission. ") == key("sets the vision and the mission")
    True
    """
    return " ".join(re.sub(r"[^\w\s]", " ", clean(str(text)).casefold()).split())


def compare(before: pd.DataFrame, after: pd.DataFrame, changes: str | Iterable[str] | None = None) -> pd.DataFrame:
    """One row per responsibility found in either table, saying how it changed.

    ``changes``: keep only rows with one of these changes (such as ``["moved"]``).

    Rows are matched by ``id`` when both tables have one, otherwise by the
    responsibility's text compared ignoring case, spacing and punctuation (see
    :func:`key`). ``change`` is ``same``, ``moved`` (another role), ``retagged``
    (another scope or horizon), ``moved and retagged``, ``added`` or ``removed``.

    Duplicates: a text held by several rows (the same duty given to two roles) is
    several rows and stays several rows. Within one text, rows are paired first
    with a row of the same role, then in table order; rows left over are
    ``added`` or ``removed``. Ids are unique in a valid table, so matching by id
    pairs one row with one row. The result keeps ``id`` when matching by id.

    >>> a = pd.DataFrame({"role": ["CEO", "CEO", "COO"], "responsibility": ["Sets vision", "Runs ops", "Hires"],
    ...                   "scope": ["internal"] * 3, "horizon": ["long-term", "daily", "daily"]})
    >>> b = a.assign(role=["CEO", "COO", "COO"]).iloc[[0, 1]]
    >>> compare(a, b)[["responsibility", "change", "role_before", "role_after"]]
      responsibility    change role_before role_after
    0    Sets vision      same         CEO        CEO
    1       Runs ops     moved         CEO        COO
    2          Hires   removed         COO        NaN
    """
    for table, which in ((before, "before"), (after, "after")):
        require(table, ["role", "responsibility", "scope", "horizon"], f"to compare the table {which} with the other")
    by_id = "id" in before and "id" in after
    b, a = _prepare(before, by_id), _prepare(after, by_id)
    pairs = []
    for match, rows_b in b.groupby("match", sort=False):
        rows_a = a[a["match"] == match]
        pairs += _pair(rows_b, rows_a)
    matched_after = {j for _, j in pairs if j is not None}
    pairs += [(None, j) for j in a.index if j not in matched_after]
    records = []
    for i, j in pairs:
        row_b = b.loc[i] if i is not None else None
        row_a = a.loc[j] if j is not None else None
        either = b.loc[i] if j is None else a.loc[j]
        record = {"responsibility": either["responsibility"]}
        if by_id:
            record["id"] = either["id"]
        for tag in _TAGS:
            record[f"{tag}_before"] = row_b[tag] if row_b is not None else np.nan
            record[f"{tag}_after"] = row_a[tag] if row_a is not None else np.nan
        record["change"] = _change(row_b, row_a)
        records.append(record)
    columns = (["id"] if by_id else []) + _COLUMNS
    out = pd.DataFrame(records, columns=columns)
    roles = list(
        dict.fromkeys([*tidy(before[["role"]])["role"].cat.categories, *tidy(after[["role"]])["role"].cat.categories])
    )
    for side in ("before", "after"):
        out[f"role_{side}"] = pd.Categorical(out[f"role_{side}"], categories=roles)
    if changes is not None:
        out = out[out["change"].isin([changes] if isinstance(changes, str) else list(changes))].reset_index(drop=True)
    return out


def compare_summary(before: pd.DataFrame, after: pd.DataFrame) -> str:
    """:func:`summary` of :func:`compare`: one sentence on what changed between two tables.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> compare_summary(df, df)
    'The two tables give all 105 responsibilities to the same roles with the same tags.'
    """
    return summary(compare(before, after))


def _prepare(df: pd.DataFrame, by_id: bool) -> pd.DataFrame:
    t = tidy(df).reset_index(drop=True)
    t = t.dropna(subset=["role", "scope", "horizon"])
    t = t.assign(match=t["id"].astype(str).map(clean).str.casefold() if by_id else t["responsibility"].map(key))
    return t[["match", "responsibility", *_TAGS] + ["id"] * by_id].astype(dict.fromkeys(_TAGS, "object"))


def _pair(rows_b: pd.DataFrame, rows_a: pd.DataFrame) -> list[tuple]:
    """Pair rows of one text: same role first, then in order; the rest unpaired."""
    left, right, pairs = list(rows_b.index), list(rows_a.index), []
    for i in list(left):
        same = next((j for j in right if rows_a.at[j, "role"] == rows_b.at[i, "role"]), None)
        if same is not None:
            pairs.append((i, same))
            left.remove(i)
            right.remove(same)
    pairs += list(zip(left, right))
    pairs += [(i, None) for i in left[len(right) :]]
    return pairs + [(None, j) for j in right[len(left) :]]


def _change(before: pd.Series | None, after: pd.Series | None) -> str:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    moved = before["role"] != after["role"]
    retagged = (before["scope"], before["horizon"]) != (after["scope"], after["horizon"])
    return {
        (False, False): "same",
        (True, False): "moved",
        (False, True): "retagged",
        (True, True): "moved and retagged",
    }[(moved, retagged)]


def summary(changes: pd.DataFrame, limit: int = 3) -> str:
    """One sentence on what changed, with the largest moves named: computed, never written by hand.

    >>> c = pd.DataFrame({"change": ["moved", "moved", "added", "same"], "role_before": ["CEO", "CEO", None, "COO"],
    ...                   "role_after": ["COO", "COO", "CFO", "COO"]})
    >>> summary(c)
    '2 of 4 responsibilities moved, all 2 from CEO to COO; 1 added; 1 unchanged.'
    """
    total = len(changes)
    n = changes["change"].value_counts()
    if total == 0:
        return "Neither table has any responsibility to compare."
    if n.get("same", 0) == total:
        return f"The two tables give all {total} responsibilities to the same roles with the same tags."
    parts = []
    moved = changes[changes["change"].isin(["moved", "moved and retagged"])]
    if len(moved):
        flows = (
            moved.groupby(["role_before", "role_after"], observed=True)
            .size()
            .sort_values(ascending=False, kind="stable")
        )
        named = [f"{k} from {a} to {b}" for (a, b), k in flows.head(limit).items()]
        lead = f"all {len(moved)}" if len(flows) == 1 else None
        rest = f" and {len(moved) - flows.head(limit).sum()} more" if len(flows) > limit else ""
        parts.append(
            f"{len(moved)} of {total} responsibilities moved, "
            + (f"{lead} from {flows.index[0][0]} to {flows.index[0][1]}" if lead else ", ".join(named) + rest)
        )
    for change, said in (
        ("retagged", "retagged on scope or horizon without moving"),
        ("added", "added"),
        ("removed", "removed"),
    ):
        if n.get(change, 0):
            parts.append(f"{n[change]} {said}")
    if n.get("same", 0):
        parts.append(f"{n['same']} unchanged")
    return "; ".join(parts) + "."


def similar_responsibilities(df: pd.DataFrame, threshold: float = 0.75, limit: int | None = None) -> pd.DataFrame:
    """Pairs of responsibilities, held by different roles, that say nearly the same thing; best first.

    The score (0 to 1) is rapidfuzz's token-set ratio of the two texts after each is
    reduced to its content words: lower case, no punctuation, no small words ("the",
    "and", "with"...), plurals folded, every role name of the table replaced by one
    placeholder, so that "works with the COO" and "works with the CEO" are the same
    duty, and, in a table of 20 rows or more, no word found in 15% of its rows or
    more ("company" in the bundled table), since it tells no duty from another.
    Rewordings that share their key words score high; duties that share
    only a word or two score low. Returns ``role_a``, ``responsibility_a``, ``role_b``,
    ``responsibility_b``, ``score`` and, when the table has them, ``id_a`` and ``id_b``.

    >>> df = pd.DataFrame({"role": ["CEO", "COO", "COO"], "responsibility": [
    ...     "Builds trust and mutual understanding with the COO", "Builds trust and mutual understanding with the CEO",
    ...     "Keeps costs under control"]})
    >>> similar_responsibilities(df)[["role_a", "role_b", "score"]]
      role_a role_b  score
    0    CEO    COO    1.0
    """
    from rapidfuzz import fuzz, process

    require(df, ["role", "responsibility"], "to find duties that two roles both hold")
    t = tidy(df).dropna(subset=["role"]).reset_index(drop=True)
    t = t[t["responsibility"].notna()]
    roles = [str(r) for r in t["role"].cat.categories]
    texts = _without_common([_content(str(x), roles) for x in t["responsibility"]])
    scores = (
        process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1) / 100
        if texts
        else np.zeros((0, 0))
    )
    role = t["role"].to_numpy()
    i, j = np.nonzero(np.triu(scores >= threshold, k=1) & (role[:, None] != role[None, :]) & _nonblank(texts))
    out = pd.DataFrame(
        {
            "role_a": role[i],
            "responsibility_a": t["responsibility"].to_numpy()[i],
            "role_b": role[j],
            "responsibility_b": t["responsibility"].to_numpy()[j],
            "score": scores[i, j].astype(float).round(3),
        }
    )
    if "id" in t:
        out.insert(0, "id_a", t["id"].to_numpy()[i])
        out.insert(3, "id_b", t["id"].to_numpy()[j])
    out = out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    return out.head(limit) if limit else out


_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "with",
        "who",
        "whom",
        "which",
        "while",
        "what",
        "when",
        "where",
        "how",
        "all",
        "any",
        "each",
        "every",
        "own",
        "our",
        "your",
        "his",
        "her",
        "he",
        "she",
        "we",
        "you",
        "us",
    ]
)


def _content(text: str, roles: list[str]) -> str:
    """The content words of a responsibility, for scoring (see :func:`similar_responsibilities`)."""
    text = clean(text).casefold()
    for role in sorted(roles, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(role.casefold())}(?!\w)", " ROLE ", text)
    words = re.findall(r"\w+", text)
    return " ".join(_fold(w) for w in words if w not in _SMALL)


def _fold(word: str) -> str:
    """A word with its plural or third-person s folded: activities -> activity, oversees -> oversee."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _without_common(texts: list[str], share: float = 0.15, rows: int = 20) -> list[str]:
    """Drop words found in ``share`` of the texts or more, when there are at least ``rows`` texts."""
    if len(texts) < rows:
        return texts
    seen = pd.Series([w for t in texts for w in set(t.split())]).value_counts()
    common = set(seen.index[seen >= share * len(texts)]) - {"ROLE"}
    return [" ".join(w for w in t.split() if w not in common) for t in texts]


def _nonblank(texts: list[str]) -> np.ndarray:
    filled = np.array([bool(t.strip()) for t in texts])
    return filled[:, None] & filled[None, :]
