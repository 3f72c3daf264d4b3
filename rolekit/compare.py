"""Two tables side by side: what moved between roles, what each table holds that the other does not, how each
splits the work, and the duties two roles of one table both hold.

Tables are compared at two levels. Row by row (:func:`compare`): a team's rows are
matched to the articles' by ``id``, by wording, or by what they say
(:mod:`rolekit.similarity`). And at the level any two tables with themes share
(:func:`compare_shares`): for each theme and each scope x horizon cell, how each table
splits the work among its roles. A role named for a bundled one ("Chief Executive
Officer") counts as it (:mod:`rolekit.roles`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .analysis import CELLS, weights_of
from .categories import tidy
from .findings import opening, pct, plural
from .roles import role_mapping
from .similarity import ROLE, content_words, nearest, scores
from .text import clean, join_names, possessive, the
from .validate import require

__all__ = [
    "MATCH",
    "SENTENCES",
    "compare",
    "compare_shares",
    "compare_summary",
    "ids_agree",
    "key",
    "similar_responsibilities",
    "summary",
    "table_names",
]

MATCH = 0.6  # the similarity from which two rows of two tables are taken to say the same (see the README)
_TAGS = ["role", "scope", "horizon"]
_COLUMNS = [
    "responsibility",
    "change",
    "role_before",
    "role_after",
    "scope_before",
    "scope_after",
    "horizon_before",
    "horizon_after",
    "matched_by",
    "similarity",
    "responsibility_before",
]


def key(text: str) -> str:
    """A responsibility's text as compared: case, spacing and punctuation ignored.

    >>> key("  Sets the VISION, and the mission. ") == key("sets the vision and the mission")
    True
    """
    return " ".join(re.sub(r"[^\w\s]", " ", clean(str(text)).casefold()).split())


def compare(
    before: pd.DataFrame,
    after: pd.DataFrame,
    changes: str | Iterable[str] | None = None,
    threshold: float | None = MATCH,
) -> pd.DataFrame:
    """One row per responsibility found in either table, saying how it changed.

    Rows are matched by ``id`` when both tables have one and their ids name the same
    responsibilities (:func:`ids_agree`). Otherwise by wording
    (ignoring case, spacing and punctuation, see :func:`key`), then, among the rows
    left, by what they say: pairs whose similarity (:mod:`rolekit.similarity`) is at
    least ``threshold`` are matched one to one, the most alike first (``None``: by
    wording only). A row of ``after`` matched to none is ``added`` (a duty the first
    table does not name); one of ``before`` matched to none is ``removed`` (a duty
    nobody in the second table holds). Matched rows are ``same``, ``moved`` (another
    role), ``retagged`` (another scope or horizon) or ``moved and retagged``. A row
    matched to none that says what a row of the other table says (the same id or
    wording, or a similarity of at least ``threshold``), when that row is already
    matched to another, is ``repeated``: a table that names one duty twice holds it
    once, not a duty the other lacks. Roles
    named for a bundled one count as it: ``Chief Executive Officer`` and ``CEO`` hold
    the same role, so a row between them has not moved.

    Columns: ``responsibility`` (as ``after`` words it, or ``before`` for a removed
    row), ``change``, each side's role, scope and horizon, ``matched_by`` (``id``,
    ``wording`` or ``similarity``), ``similarity`` (1 for ``id`` and ``wording``) and
    ``responsibility_before``; ``id`` first when matching by id. A repeated row keeps
    its own table's role and tags and no ``matched_by`` (it is matched to no row); its
    ``similarity`` is to the row it is like and, for a row of ``after``,
    ``responsibility_before`` is that row's wording. Within one text held
    by several rows, rows pair with a row of the same role first, then in table order.
    ``changes``: keep only rows with one of these changes (such as ``["moved"]``).

    >>> a = pd.DataFrame({"role": ["CEO", "CEO", "COO"], "responsibility": ["Sets vision", "Runs ops", "Hires staff"],
    ...                   "scope": ["internal"] * 3, "horizon": ["long-term", "daily", "daily"]})
    >>> b = pd.DataFrame({"role": ["Chief Executive Officer", "COO"], "responsibility": ["Sets vision", "Runs the ops"],
    ...                   "scope": ["internal"] * 2, "horizon": ["long-term", "daily"]})
    >>> compare(a, b)[["responsibility", "change", "role_before", "role_after", "matched_by"]]
      responsibility   change role_before               role_after  matched_by
    0    Sets vision     same         CEO  Chief Executive Officer     wording
    1   Runs the ops    moved         CEO                      COO  similarity
    2    Hires staff  removed         COO                      NaN         NaN
    """
    for table, which in ((before, "before"), (after, "after")):
        require(table, ["role", "responsibility", "scope", "horizon"], f"to compare the table {which} with the other")
    roles_b = [str(r) for r in tidy(before[["role"]])["role"].cat.categories]
    roles_a = [str(r) for r in tidy(after[["role"]])["role"].cat.categories]
    roles = list(dict.fromkeys(roles_b + roles_a))
    meant_b, meant_a = role_mapping(roles_b), role_mapping(roles_a)
    by_id, ids = "id" in before and "id" in after, ""
    if by_id:
        b, a = _prepare(before, True, meant_b), _prepare(after, True, meant_a)
        ids = _ids_differ(b, a, roles)
        by_id = not ids
    if not by_id:
        b, a = _prepare(before, False, meant_b), _prepare(after, False, meant_a)
    pairs = _pair_exact(b, a)
    pairs["matched_by"] = "id" if by_id else "wording"
    pairs["similarity"] = 1.0
    if threshold is not None and not by_id:
        pairs = pd.concat([pairs, _pair_similar(b, a, pairs, roles, threshold)], ignore_index=True)
    repeats = _repeats(b, a, pairs, roles, None if by_id else threshold)
    out = _records(b, a, pairs, repeats, by_id)
    for side in ("before", "after"):
        out[f"role_{side}"] = pd.Categorical(out[f"role_{side}"], categories=roles)
    if changes is not None:
        kept = [changes] if isinstance(changes, str) else list(changes)
        out = out[out["change"].isin(kept)].reset_index(drop=True)
        if out.empty:  # what a table shown empty means
            out.attrs["empty"] = f"no responsibility is {' or '.join(kept)} between the two tables"
    out.attrs["ids"] = ids  # why the tables' ids were not used, for summary to say: '' when they were, or are none
    return out


_ID_SAMPLE = 500  # the id-matched pairs whose wording is checked: evenly spread, so a large table costs no more


def ids_agree(before: pd.DataFrame, after: pd.DataFrame) -> bool:
    """Whether the ids of ``before`` and ``after`` name the same responsibilities, so rows can be matched by id.

    They do when the tables share ids and, of the rows a shared id pairs, at least
    half say the same thing: the same wording, or a similarity of :data:`MATCH` or more.
    A team that numbered its own rows R001, R002... as the articles do has ids that
    name other responsibilities; its rows are matched by what they say instead.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> ids_agree(df, df), ids_agree(df, df.assign(id=df["id"].iloc[::-1].to_numpy()))
    (True, False)
    """
    roles = list(dict.fromkeys(str(r) for t in (before, after) for r in tidy(t[["role"]])["role"].cat.categories))
    if "id" not in before or "id" not in after:
        return False
    b = _prepare(before, True, role_mapping(roles))
    a = _prepare(after, True, role_mapping(roles))
    return not _ids_differ(b, a, roles)


def _ids_differ(b: pd.DataFrame, a: pd.DataFrame, roles: list[str]) -> str:
    """How the ids of two prepared tables fail to name the same responsibilities, or '' when they name them."""
    pairs = _pair_exact(b, a)
    if pairs.empty:
        return "are all different"
    pairs = pairs.iloc[np.unique(np.linspace(0, len(pairs) - 1, min(len(pairs), _ID_SAMPLE)).astype(int))]
    texts_b = b.loc[pairs["i"], "responsibility"].astype(str).tolist()
    texts_a = a.loc[pairs["j"], "responsibility"].astype(str).tolist()
    same = np.array([key(x) == key(y) for x, y in zip(texts_b, texts_a)])
    words = content_words(texts_b + texts_a, roles)
    alike = same | (scores(words[: len(texts_b)], words[len(texts_b) :]) >= MATCH)
    return "" if alike.mean() >= 0.5 else "name different responsibilities"


def _prepare(df: pd.DataFrame, by_id: bool, meant: dict[str, str]) -> pd.DataFrame:
    t = tidy(df).reset_index(drop=True)
    t = t.dropna(subset=["role", "scope", "horizon"])
    t = t[t["responsibility"].notna()]
    column = t["id"] if by_id else t["responsibility"]
    codes, uniques = pd.factorize(column.astype(str))  # each distinct value made a key once
    made = [clean(u).casefold() for u in uniques] if by_id else [key(u) for u in uniques]
    match = pd.Series(np.array(made, dtype=object)[codes], index=t.index)
    t = t.assign(match=match, meant=t["role"].astype(str).map(meant))
    return t[["match", "meant", "responsibility", *_TAGS] + ["id"] * by_id].astype(dict.fromkeys(_TAGS, "object"))


def _pair_exact(b: pd.DataFrame, a: pd.DataFrame) -> pd.DataFrame:
    """Rows of the same id or wording, paired one to one: with a row of the same role first, then in order."""
    left = b.assign(i=b.index, n=b.groupby(["match", "meant"], sort=False).cumcount())
    right = a.assign(j=a.index, n=a.groupby(["match", "meant"], sort=False).cumcount())
    same = left.merge(right, on=["match", "meant", "n"])[["i", "j"]]
    rest_b = left[~left["i"].isin(same["i"])]
    rest_a = right[~right["j"].isin(same["j"])]
    rest_b = rest_b.assign(n=rest_b.groupby("match", sort=False).cumcount())
    rest_a = rest_a.assign(n=rest_a.groupby("match", sort=False).cumcount())
    other = rest_b.merge(rest_a, on=["match", "n"])[["i", "j"]]
    return pd.concat([same, other], ignore_index=True)


def _pair_similar(
    b: pd.DataFrame, a: pd.DataFrame, paired: pd.DataFrame, roles: list[str], threshold: float
) -> pd.DataFrame:
    """The rows left unmatched, paired one to one by similarity, the most alike first."""
    rest_b, rest_a = b[~b.index.isin(paired["i"])], a[~a.index.isin(paired["j"])]
    columns = {
        "i": pd.Series(dtype="int64"),
        "j": pd.Series(dtype="int64"),
        "matched_by": pd.Series(dtype=object),
        "similarity": pd.Series(dtype=float),
    }
    if rest_b.empty or rest_a.empty:
        return pd.DataFrame(columns)
    i, j, found = _alike(rest_b, rest_a, roles, threshold)
    same_role = rest_b["meant"].to_numpy()[i] == rest_a["meant"].to_numpy()[j]
    order = np.lexsort((j, i, ~same_role, -found))  # the most alike first; a pair of one role before another
    taken_b, taken_a, pairs = set(), set(), []
    for x, y, score in zip(i[order].tolist(), j[order].tolist(), found[order].tolist()):
        if x not in taken_b and y not in taken_a:
            taken_b.add(x)
            taken_a.add(y)
            pairs.append((rest_b.index[x], rest_a.index[y], score))
    if not pairs:
        return pd.DataFrame(columns)
    out = pd.DataFrame(pairs, columns=["i", "j", "similarity"])
    return out.assign(matched_by="similarity")[["i", "j", "matched_by", "similarity"]]


def _alike(
    x: pd.DataFrame, y: pd.DataFrame, roles: list[str], threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions ``(i, j)`` of the rows of ``x`` and ``y`` that say the same by similarity, and each pair's score.

    A pair says the same when its score is at least ``threshold`` and the two texts share
    enough content words (:func:`_enough_in_common`); only the candidates
    :func:`rolekit.similarity.nearest` finds are scored.
    """
    words = content_words([*x["responsibility"].astype(str), *y["responsibility"].astype(str)], roles)
    words_x, words_y = words[: len(x)], words[len(x) :]
    i, j = nearest(words_x, words_y)
    found = scores([words_x[k] for k in i], [words_y[k] for k in j])
    good = found >= threshold
    good[good] = _enough_in_common([words_x[k] for k in i[good]], [words_y[k] for k in j[good]])
    return i[good], j[good], found[good]


_SHORT = 4  # content words: two texts this short may say the same with one word in common
_STEM = 6  # letters two words begin with to count as one in common: investor and investment, operations and operational


def _enough_in_common(a: list[str], b: list[str]) -> np.ndarray:
    """Whether each pair of content-word strings shares enough to be one duty: two words, or one between short texts.

    The score is 1 when every word of the shorter text is in the longer, so "Reports to
    the CEO" would match any row with "reports" in it. Words that begin with the same
    :data:`_STEM` letters count as one. One word in common is enough only when neither
    text has more than :data:`_SHORT` content words, both or neither name a role, and
    what they share (the role too, when both name one) is at least half of the longer:
    "Builds culture" is "Shapes culture", but "Manages cyber security risk" is not
    "Manages budgets".

    >>> _enough_in_common(["report ROLE", "report ROLE", "shape culture", "report ROLE", "manage budget",
    ...                    "raise money bring investor"],
    ...                   ["track time delivery report monday", "report ROLE operational performance",
    ...                    "build culture", "report risk budget", "manage cyber security risk",
    ...                    "raise funding secure investment"]).tolist()
    [False, True, True, False, False, True]
    """
    out = []
    for x, y in zip(a, b):
        wx, wy = x.split(), y.split()
        stems_x, stems_y = ({w[:_STEM] for w in words if w != ROLE} for words in (wx, wy))
        shared = len(stems_x & stems_y)
        both = ROLE in wx and ROLE in wy
        alike = (ROLE in wx) == (ROLE in wy)  # "Reports to the CEO" is about the CEO; "Reports on the budget" is not
        longer = max(len(wx), len(wy))
        out.append(shared >= 2 or (shared == 1 and alike and longer <= _SHORT and 2 * (shared + both) >= longer))
    return np.array(out, dtype=bool)


def _repeats(
    b: pd.DataFrame, a: pd.DataFrame, pairs: pd.DataFrame, roles: list[str], threshold: float | None
) -> dict[str, pd.DataFrame]:
    """The rows of each side matched to none that say what a row of the other side says, that row already matched.

    Per side (``"before"``, ``"after"``), a table indexed by the row with ``other`` (the
    other side's row it is like) and ``similarity``. Only the other side's matched rows
    are candidates: a row like an unmatched one would have been matched to it.
    """
    out = {}
    for side, mine, theirs, taken in (("before", b, a, pairs["i"]), ("after", a, b, pairs["j"])):
        rest = mine[~mine.index.isin(taken)]
        first = theirs.reset_index().drop_duplicates("match").set_index("match")["index"]
        hit = rest["match"].map(first).dropna().astype(int)
        found = pd.DataFrame({"other": hit, "similarity": 1.0})
        rest = rest[~rest.index.isin(hit.index)]
        theirs = theirs[theirs.index.isin(pairs["j" if side == "before" else "i"])]  # like a row matched elsewhere
        if threshold is not None and len(rest) and len(theirs):
            i, j, score = _alike(rest, theirs, roles, threshold)
            best = pd.DataFrame({"row": rest.index[i], "other": theirs.index[j], "similarity": score})
            best = best.sort_values(["similarity", "other"], ascending=[False, True], kind="stable")
            found = pd.concat([found, best.drop_duplicates("row").set_index("row")])
        out[side] = found
    return out


def _records(
    b: pd.DataFrame, a: pd.DataFrame, pairs: pd.DataFrame, repeats: dict[str, pd.DataFrame], by_id: bool
) -> pd.DataFrame:
    """The comparison table: matched pairs in the first table's order, then rows only one table has."""
    removed = b.index[~b.index.isin(pairs["i"])]
    added = a.index[~a.index.isin(pairs["j"])]
    rows = pd.concat([pairs, pd.DataFrame({"i": removed}), pd.DataFrame({"j": added})], ignore_index=True).astype(
        {"i": "Int64", "j": "Int64"}
    )
    rows["_at"] = rows["i"].fillna(len(b) + rows["j"].fillna(0)).astype(float)
    rows = rows.sort_values(["_at"], kind="stable").reset_index(drop=True)
    has_b, has_a = rows["i"].notna().to_numpy(), rows["j"].notna().to_numpy()
    i, j = rows["i"].fillna(-1).to_numpy(dtype=int), rows["j"].fillna(-1).to_numpy(dtype=int)

    def take(side: pd.DataFrame, at: np.ndarray, present: np.ndarray, column: str) -> np.ndarray:
        values = np.full(len(at), np.nan, dtype=object)
        values[present] = side[column].to_numpy(dtype=object)[side.index.get_indexer(at[present])]
        return values

    out = pd.DataFrame(index=rows.index)
    if by_id:
        out["id"] = np.where(has_a, take(a, j, has_a, "id"), take(b, i, has_b, "id"))
    text_b, text_a = take(b, i, has_b, "responsibility"), take(a, j, has_a, "responsibility")
    out["responsibility"] = np.where(has_a, text_a, text_b)
    tags = {}
    for tag in _TAGS:
        tags[f"{tag}_before"], tags[f"{tag}_after"] = take(b, i, has_b, tag), take(a, j, has_a, tag)
    meant_b, meant_a = take(b, i, has_b, "meant"), take(a, j, has_a, "meant")
    moved = meant_b != meant_a
    retagged = (tags["scope_before"] != tags["scope_after"]) | (tags["horizon_before"] != tags["horizon_after"])
    rep_b, rep_a = repeats["before"], repeats["after"]
    again_b = ~has_a & pd.Index(i).isin(rep_b.index)
    again_a = ~has_b & pd.Index(j).isin(rep_a.index)
    change = np.select(
        [again_b | again_a, ~has_b, ~has_a, moved & retagged, moved, retagged],
        ["repeated", "added", "removed", "moved and retagged", "moved", "retagged"],
        "same",
    )
    out["change"] = change
    for column in _COLUMNS[2:8]:
        out[column] = tags[column]
    out["matched_by"] = rows["matched_by"].astype(object).where(has_b & has_a, np.nan)
    out["similarity"] = rows["similarity"].where(has_b & has_a, np.nan).astype(float)
    for again, at, rep in ((again_b, i, rep_b), (again_a, j, rep_a)):
        out.loc[again, "similarity"] = rep.loc[at[again], "similarity"].to_numpy()
    text_b[again_a] = b.loc[rep_a.loc[j[again_a], "other"].to_numpy(), "responsibility"].to_numpy(dtype=object)
    out["responsibility_before"] = text_b
    return out[(["id"] if by_id else []) + _COLUMNS]


def compare_summary(before: pd.DataFrame, after: pd.DataFrame, threshold: float | None = MATCH) -> str:
    """:func:`summary` of :func:`compare`: what moved, what each table holds alone, in sentences.

    >>> import rolekit
    >>> df = rolekit.load_responsibilities()
    >>> compare_summary(df, df)
    'The two tables give all 105 responsibilities to the same roles with the same tags.'
    """
    return summary(compare(before, after, threshold=threshold), *table_names(before, after))


def table_names(before: pd.DataFrame, after: pd.DataFrame) -> tuple[str, str]:
    """What sentences call two tables: as ``df.attrs["table"]`` names them, else the first and the second table.

    Two tables of one name (a table and a copy changed in a notebook, ``df.assign(...)``,
    which keeps its name) are the first and the second table, never "the articles" twice.

    >>> a = pd.DataFrame({"role": ["CEO"]})
    >>> a.attrs["table"] = "the articles"
    >>> table_names(a, a.assign(role="COO")), table_names(a, pd.DataFrame())
    (('the first table', 'the second table'), ('the articles', 'the second table'))
    """
    first, second = (
        str(t.attrs.get("table", d)) for t, d in ((before, "the first table"), (after, "the second table"))
    )
    return ("the first table", "the second table") if first == second else (first, second)


SENTENCES = ("moved", "own", "unheld", "retagged")  # what summary() says, in its order


def summary(
    changes: pd.DataFrame,
    before: str = "the first table",
    after: str = "the second table",
    limit: int = 3,
    parts: Iterable[str] = SENTENCES,
) -> str:
    """What moved, then what ``after`` holds that ``before`` does not name, then what nobody in ``after`` holds.

    ``before`` and ``after`` name the two tables in the sentences; ``parts`` keeps only
    some of the sentences (of :data:`SENTENCES`). Computed from the comparison, never
    written by hand.

    >>> c = pd.DataFrame({"change": ["moved", "moved", "added", "same"], "role_before": ["CEO", "CEO", None, "COO"],
    ...                   "role_after": ["COO", "COO", "CFO", "COO"]})
    >>> print(summary(c, "the articles", "your table"))
    Of the 3 responsibilities the two tables share, 2 moved, both from CEO to COO. 1 of your table's
    responsibilities is its own (no row of the articles is close enough in wording). Your table holds every
    responsibility in the articles.
    """
    total = len(changes)
    n = changes["change"].value_counts()
    ids = changes.attrs.get("ids")
    matched = f"The two tables' ids {ids}, so their rows are matched by what they say. " if ids else ""
    if total == 0:
        return "Neither table has any responsibility to compare."
    if n.get("same", 0) == total:
        every = plural(total, "responsibility", "responsibilities")
        return f"{matched}The two tables give all {every} to the same roles with the same tags."
    shared = total - n.get("added", 0) - n.get("removed", 0) - n.get("repeated", 0)
    moved = changes[changes["change"].isin(["moved", "moved and retagged"])]
    sentences: dict[str, str] = {}
    if shared == 0:
        sentences["moved"] = "The two tables share no responsibility: no row of one says what a row of the other says."
    elif len(moved):
        flows = (
            moved.groupby(["role_before", "role_after"], observed=True)
            .size()
            .sort_values(ascending=False, kind="stable")
        )
        if len(flows) == 1:
            (a, b), k = next(iter(flows.items()))
            how = f"{'both' if k == 2 else 'all ' + str(k)} from {a} to {b}" if k > 1 else f"from {a} to {b}"
        else:
            shown = flows if len(flows) <= limit + 1 else flows.head(limit)  # "and 1 more" would hide a named move
            how = ", ".join(f"{k} from {a} to {b}" for (a, b), k in shown.items())
            how += f" and {len(moved) - shown.sum()} more" if len(shown) < len(flows) else ""
        sentences["moved"] = (
            f"The one responsibility the two tables share moved, {how}."
            if shared == 1
            else f"Of the {plural(shared, 'responsibility', 'responsibilities')} the two tables share, {len(moved)} "
            f"moved, {how}."
        )
        held = [changes[f"role_{side}"].dropna().astype(str).unique() for side in ("before", "after")]
        if not set(role_mapping(held[0]).values()) & set(role_mapping(held[1]).values()):
            sentences["moved"] += (
                " The two tables name no role in common: if one role goes by two names, give it one name in both."
            )
    else:
        sentences["moved"] = (
            "The one responsibility the two tables share stays with its role."
            if shared == 1
            else f"Of the {plural(shared, 'responsibility', 'responsibilities')} the two tables share, none moved "
            "to another role."
        )
    own, unheld = n.get("added", 0), n.get("removed", 0)
    if own:
        what = f"{own} of {possessive(after)} responsibilities {'is' if own == 1 else 'are'} {_its(after)} own"
        sentences["own"] = f"{what} (no row of {before} is close enough in wording)."
    elif shared:
        sentences["own"] = f"Every responsibility in {after} is like one in {before}."
    if unheld:
        sentences["unheld"] = f"Nobody in {after} holds {unheld} of {possessive(before)} responsibilities."
    elif shared:
        sentences["unheld"] = f"{opening(after)} {_verb(after, 'holds')} every responsibility in {before}."
    if not own and not unheld and shared:  # not "Every ... in A is like one in B. A holds every ... in B."
        sentences["own"] = "Each table holds every responsibility the other names."
        del sentences["unheld"]
    again = changes.loc[changes["change"] == "repeated", "role_after"].isna().value_counts()  # True: before's
    for part, k, name, other in (
        ("own", again.get(False, 0), after, before),
        ("unheld", again.get(True, 0), before, after),
    ):
        if k:
            rows = f"{k} {'row' if k == 1 else 'rows'} of {name}"
            sentences[part] = (
                f"{sentences.get(part, '')} {opening(rows)} {'repeats' if k == 1 else 'repeat'} a responsibility "
                f"that another of {_its(name)} rows already shares with {other}."
            )
    retagged = n.get("retagged", 0) + n.get("moved and retagged", 0)
    if retagged:
        sentences["retagged"] = (
            f"{plural(retagged, 'shared responsibility', 'shared responsibilities')} changed scope or horizon."
        )
    return matched + " ".join(sentences[k].strip() for k in parts if k in sentences)


def compare_shares(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """How each table splits the work among its roles, theme by theme and scope x horizon cell by cell.

    Needs no row matching, so it works on any two tables (with ``theme`` for the
    themes). One row per level (``theme`` or ``cell``), group and role: ``count_before``
    and ``count_after`` (responsibilities, or their weight) and ``share_before`` and
    ``share_after``, the role's share of the group's work in each table. Roles named
    for a bundled one count as it (``Chief Executive Officer`` is the CEO) and keep the
    second table's name.

    >>> a = pd.DataFrame({"role": ["CEO", "COO"], "scope": ["internal"] * 2, "horizon": ["daily"] * 2,
    ...                   "theme": ["finance"] * 2})
    >>> b = a.assign(role=["Chief Executive Officer", "CFO"])
    >>> compare_shares(a, b).query("level == 'theme'")[["group", "role", "share_before", "share_after"]]
         group                     role  share_before  share_after
    0  finance  Chief Executive Officer           0.5          0.5
    1  finance                      COO           0.5          0.0
    2  finance                      CFO           0.0          0.5
    """
    for table, which in ((before, "before"), (after, "after")):
        require(table, ["role", "scope", "horizon"], f"to compare how the table {which} splits the work")
    b, a = tidy(before).dropna(subset=_TAGS), tidy(after).dropna(subset=_TAGS)
    roles_b, roles_a = [str(r) for r in b["role"].cat.categories], [str(r) for r in a["role"].cat.categories]
    meant_b, meant_a = role_mapping(roles_b), role_mapping(roles_a)
    label = {meant_b[r]: r for r in roles_b} | {meant_a[r]: r for r in roles_a}  # the second table's name wins
    levels = ["theme", "cell"] if "theme" in b and "theme" in a else ["cell"]
    parts = []
    for level in levels:
        counts = []
        for t, side, meant in ((b, "before", meant_b), (a, "after", meant_a)):
            w = weights_of(t) if "weight" in t else np.ones(len(t))
            frame = pd.DataFrame(
                {
                    "group": _group_of(t, level).to_numpy(),
                    "role": t["role"].astype(str).map(meant).map(label).to_numpy(),
                    side: w,
                }
            )
            counts.append(frame.dropna(subset=["group"]).groupby(["group", "role"], sort=False)[side].sum())
        both = pd.concat(counts, axis=1).fillna(0.0).rename(columns={"before": "count_before", "after": "count_after"})
        order = _groups(level, b, a)
        roles = list(dict.fromkeys([label[meant_b[r]] for r in roles_b] + [label[meant_a[r]] for r in roles_a]))
        full = pd.MultiIndex.from_product(
            [[g for g in order if g in both.index.get_level_values(0)], roles], names=["group", "role"]
        )
        both = both.reindex(full, fill_value=0.0)
        held = both.groupby(level="group").transform(lambda s: s.sum() > 0).any(axis=1)
        both = both[(both > 0).any(axis=1) | ~held]
        for side in ("before", "after"):
            total = both.groupby(level="group")[f"count_{side}"].transform("sum")
            both[f"share_{side}"] = (both[f"count_{side}"] / total.where(total > 0)).fillna(0.0)
        parts.append(both.reset_index().assign(level=level))
    out = pd.concat(parts, ignore_index=True)
    return out[["level", "group", "role", "count_before", "count_after", "share_before", "share_after"]]


def shares_summary(before: pd.DataFrame, after: pd.DataFrame, level: str = "theme") -> str:
    """Where the two tables split the work most differently, what only the second holds, and what nobody in it holds.

    Computed from :func:`compare_shares` at ``level`` (``theme`` or ``cell``); the two
    tables are named as ``df.attrs["table"]`` names them.

    >>> a = pd.DataFrame({"role": ["CEO", "COO", "COO"], "scope": ["internal"] * 3, "horizon": ["daily"] * 3,
    ...                   "theme": ["finance", "finance", "risk"]})
    >>> b = a.assign(role=["CEO", "CFO", "CFO"], theme=["finance", "finance", "people"])
    >>> print(shares_summary(a, b))
    The split differs most in finance: the first table gives the CEO 50% and the COO 50%; the second table gives the
    CEO 50% and the CFO 50%. Only the second table has work in people. Nobody in the second table holds anything in
    risk.
    """
    first, second = table_names(before, after)
    shares = compare_shares(before, after)
    shares = shares[shares["level"] == level]
    if shares.empty:
        lacking = [name for t, name in ((before, first), (after, second)) if not has_themes(t)]
        if level == "theme" and len(lacking) == 1:
            return f"{opening(lacking[0])} has no theme, so the split cannot be compared theme by theme."
        return f"Neither table has a {level} to compare."
    totals = shares.groupby("group", sort=False)[["count_before", "count_after"]].sum()
    both = totals.index[(totals > 0).all(axis=1)]
    only_after = list(totals.index[(totals["count_before"] == 0) & (totals["count_after"] > 0)])
    only_before = list(totals.index[(totals["count_before"] > 0) & (totals["count_after"] == 0)])

    def split(group: str, side: str) -> str:
        here = shares[(shares["group"] == group) & (shares[f"share_{side}"] > 0)].sort_values(
            f"share_{side}", ascending=False, kind="stable"
        )
        return join_names(f"{the(r)} {pct(v)}" for r, v in zip(here["role"], here[f"share_{side}"]))

    sentences = []
    common = set(shares.loc[shares["count_before"] > 0, "role"]) & set(shares.loc[shares["count_after"] > 0, "role"])
    if len(both) and not common:  # every split would differ entirely, by role name alone
        sentences.append("The two tables name no role in common, so their splits cannot be compared role by role.")
    elif len(both):
        here = shares[shares["group"].isin(both)]
        distance = (here["share_before"] - here["share_after"]).abs().groupby(here["group"], sort=False).sum() / 2
        if pct(distance.max()) != "0%":  # a split shown as 56% / 44% on both sides has not visibly changed
            top = list(distance.index[np.isclose(distance, distance.max())])
            group = top[0]
            named = top[:5] + [f"{len(top) - 5} more"] * (len(top) > 5)
            how = (
                f"{first} {_verb(first, 'gives')} {split(group, 'before')}; {second} {_verb(second, 'gives')} "
                f"{split(group, 'after')}."
            )
            if len(top) == 1:
                sentences.append(f"The split differs most in {group}: {how}")
            else:
                sentences.append(
                    f"The split differs most, by {pct(distance.max())} each, in {join_names(named)}. In {group}, {how}"
                )
        elif distance.max() > 0:
            sentences.append(
                f"In every {level} both tables hold, they split the work alike: no role's share differs by half a "
                "percentage point or more."
            )
        else:
            sentences.append(f"In every {level} both tables hold, they split the work the same way.")
    else:
        sentences.append(f"The two tables hold no {level} in common.")
    if only_after:
        sentences.append(f"Only {second} has work in {_some(only_after, level)}.")
    if only_before:
        # groups the second table has rows in, at weight 0 (which still holds them, the codebook says)
        held = set(_group_of(tidy(after).dropna(subset=_TAGS), level)) if "weight" in after else set()
        nobody, weightless = [g for g in only_before if g not in held], [g for g in only_before if g in held]
        if nobody:
            sentences.append(f"Nobody in {second} holds anything in {_some(nobody, level)}.")
        if weightless:
            sentences.append(f"{opening(second)} gives {_some(weightless, level)} no weight.")
    return " ".join(sentences)


def _some(groups: list[str], level: str) -> str:
    """Up to five themes (or cells) by name, then how many more: a sentence a slide's title can hold."""
    return join_names(groups) if len(groups) <= 5 else f"{', '.join(groups[:4])} and {len(groups) - 4} more {level}s"


def has_themes(t: pd.DataFrame) -> bool:
    """Whether ``t`` has a theme column with a value in some row."""
    return "theme" in t and tidy(t[["theme"]])["theme"].notna().any()


def _many(name: str) -> bool:
    """Whether a table's name is plural ("the articles"); a file's name ("teams.csv") is one table."""
    return name.endswith("s") and not re.search(r"\.\w+$", name)


def _verb(name: str, verb: str) -> str:
    """``verb`` ("holds") agreeing with a table's name: "the articles hold", "your table holds"."""
    return verb[:-1] if _many(name) else verb


def _its(name: str) -> str:
    return "their" if _many(name) else "its"


def _group_of(t: pd.DataFrame, level: str) -> pd.Series:
    """Each row's group at ``level``: its theme, or its scope x horizon cell (``internal/daily``)."""
    if level == "theme":
        return t["theme"].astype(object)
    return t["scope"].astype(str) + "/" + t["horizon"].astype(str)


def _groups(level: str, b: pd.DataFrame, a: pd.DataFrame) -> list[str]:
    if level == "cell":
        return [f"{s}/{h}" for s, h in CELLS]
    return list(dict.fromkeys([*map(str, b["theme"].cat.categories), *map(str, a["theme"].cat.categories)]))


def similar_responsibilities(df: pd.DataFrame, threshold: float = 0.75, limit: int | None = None) -> pd.DataFrame:
    """Pairs of responsibilities, held by different roles, that say nearly the same thing; best first.

    The score (0 to 1) is :mod:`rolekit.similarity`'s: the token-set ratio of the two
    texts' content words (role names set aside, common words dropped), so 1 means
    every content word of one text is in the other. Rewordings that share their key
    words score high; duties that share only a word or two score low. Each text is
    compared with the texts that share a distinctive word with it (the module says
    which), so tables of tens of thousands of rows take seconds. Returns ``role_a``,
    ``responsibility_a``, ``role_b``, ``responsibility_b``, ``score`` and, when the
    table has them, ``id_a`` and ``id_b``.

    >>> df = pd.DataFrame({"role": ["CEO", "COO", "COO"], "responsibility": [
    ...     "Builds trust and mutual understanding with the COO", "Builds trust and mutual understanding with the CEO",
    ...     "Keeps costs under control"]})
    >>> similar_responsibilities(df)[["role_a", "role_b", "score"]]
      role_a role_b  score
    0    CEO    COO    1.0
    """
    require(df, ["role", "responsibility"], "to find duties that two roles both hold")
    t = tidy(df).dropna(subset=["role"]).reset_index(drop=True)
    t = t[t["responsibility"].notna()].reset_index(drop=True)
    roles = [str(r) for r in t["role"].cat.categories]
    why = (  # what an empty result means, for whoever shows it
        "the table has one role, so no duty is held by two"
        if t["role"].nunique() < 2
        else f"no two roles hold duties that say nearly the same (a similarity of {pct(threshold)} or more)"
    )
    words = content_words(t["responsibility"].astype(str).tolist(), roles)
    i, j = nearest(words)
    role = t["role"].to_numpy()
    different = role[i] != role[j]
    i, j = i[different], j[different]
    found = scores([words[k] for k in i], [words[k] for k in j])
    keep = found >= threshold
    i, j, found = i[keep], j[keep], found[keep]
    text = t["responsibility"].to_numpy()
    out = pd.DataFrame(
        {
            "role_a": role[i],
            "responsibility_a": text[i],
            "role_b": role[j],
            "responsibility_b": text[j],
            "score": found.round(3),
        }
    )
    if "id" in t:
        out.insert(0, "id_a", t["id"].to_numpy()[i])
        out.insert(3, "id_b", t["id"].to_numpy()[j])
    out = out.assign(_i=i, _j=j).sort_values(["score", "_i", "_j"], ascending=[False, True, True], kind="stable")
    out = out.drop(columns=["_i", "_j"]).reset_index(drop=True)
    out = out.head(limit) if limit else out
    if out.empty:
        out.attrs["empty"] = why
    return out
