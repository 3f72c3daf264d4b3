"""What a table shows, in plain sentences computed from it: the takeaways of every notebook.

Each sentence is built from the table it is given, for any roles, and checks what it
claims: "no" and "only" are said only when true, ties are named as ties, and a role
is "mostly" somewhere only when more than half its work is there (a plurality is
"most often"). A topic the table cannot support gets a sentence saying why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .analysis import overlap, positions, profile, source_agreement, unit
from .bundle import reference
from .categories import tidy
from .text import MarkdownText, join_names, markdown_escaped, number, possessive, the
from .validate import MissingColumns, did_you_mean, require

TOPICS = ("data", "profile", "shares", "overlap", "differences", "load", "sources", "clashes", "decisions")


def decision_themes(df: pd.DataFrame | None = None) -> list[str]:
    """The themes about who decides: those the bundled vocabulary marks ``about_deciding``, as ``df`` spells them.

    Without ``df``, the bundled ones. A table's theme counts when its name is one of
    them in any case; a table with other theme names has none.

    >>> decision_themes()
    ['governance', 'decisions']
    """
    vocabulary = reference("themes")
    marked = vocabulary.loc[vocabulary["about_deciding"].eq("yes"), "theme"].tolist()
    if df is None:
        return marked
    present = [str(t) for t in tidy(df[["theme"]])["theme"].cat.categories] if "theme" in df else []
    return [t for t in present if t.casefold() in {m.casefold() for m in marked}]


def pct(x: float) -> str:
    """A share as people read it, a half rounded away from zero: ``0.354`` is ``'35%'``, 1 of 8 is ``'13%'``.

    Python's own ``f"{x:.0%}"`` rounds a half to the even number, so 1 of 8 would show
    as 12% to a room that works out 12.5.

    >>> pct(0.354), pct(1 / 8), pct(3 / 8), pct(-1 / 8), pct(0.285), pct(-0.001), pct(float("nan"))
    ('35%', '13%', '38%', '-13%', '29%', '0%', 'n/a')
    """
    if math.isnan(x):
        return "n/a"
    hundredths = round(abs(x) * 100, 9)  # 0.285 * 100 is 28.499999999999996: a half, as written
    whole = math.floor(hundredths + 0.5)
    return f"{'-' if x < 0 and whole else ''}{whole}%"


def opening(name: str) -> str:
    """``name`` as the first words of a sentence: "the first table" capitalised, a file's name as it is spelt.

    >>> opening("the first table"), opening("your table"), opening("team.csv")
    ('The first table', 'Your table', 'team.csv')
    """
    return name if re.search(r"\.\w+$", name) else name[:1].upper() + name[1:]


def plural(n: float, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, the word agreeing with the number: '1 theme', '2 themes', '0 themes'.

    >>> plural(1, "theme"), plural(3, "responsibility", "responsibilities"), plural(2.5, "hour")
    ('1 theme', '3 responsibilities', '2.5 hours')
    """
    return f"{number(n)} {word if n == 1 else many or word + 's'}"


def _data(t: pd.DataFrame) -> list[tuple[str, dict]]:
    counts = t["role"].value_counts(sort=False).reindex(list(t["role"].cat.categories), fill_value=0)
    counts = counts[counts > 0]
    held = ", ".join(f"{r} {n}" for r, n in counts.items())
    rows = plural(len(t), "responsibility", "responsibilities")
    text = f"The table holds {rows} of {plural(len(counts), 'role')}: {held}."
    if unit(t) == "weight":
        total = t.groupby("role", observed=True)["weight"].sum()
        text += " Their weights add up to " + ", ".join(f"{r} {number(w)}" for r, w in total.items()) + "."
    if "source" in t and t["source"].notna().any():
        text += f" They come from {plural(t['source'].nunique(), 'source')}."
    return [(text, {"rows": len(t), **{f"rows_{r}": int(n) for r, n in counts.items()}})]


def ranked(values: pd.Series, most: bool = True) -> str:
    """'CEO (72%)' or 'CEO and CFO, tied (50%)' for the highest (or lowest) value; many tied are counted, not named.

    >>> ranked(pd.Series({"CEO": 0.7, "COO": 0.2})), ranked(pd.Series({"A": 0.5, "B": 0.5, "C": 0.5, "D": 0.5, "E": 0}))
    ('CEO (70%)', '4 roles, tied (50%)')
    >>> ranked(pd.Series({"A": 0.5, "B": 0.5}))
    'every role alike (50%)'
    """
    target = values.max() if most else values.min()
    top = [r for r, v in values.items() if np.isclose(v, target)]
    if len(top) == len(values) > 1:
        return f"every role alike ({pct(target)})"
    who = join_names(top) if len(top) <= 3 else plural(len(top), "role")
    return f"{who}{', tied' if len(top) > 1 else ''} ({pct(target)})"


def _weightless(t: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The rows of roles with some weight, and a sentence naming the roles whose every weight is 0 (or '')."""
    if unit(t) != "weight":
        return t, ""
    total = t.groupby("role", observed=True)["weight"].sum()
    zero = [str(r) for r, w in total.items() if w == 0]
    if not zero:
        return t, ""
    verb = "has" if len(zero) == 1 else "have"
    said = f"{_start(join_names(the(r) for r in zero))} {verb} only responsibilities of weight 0, so no shares. "
    return t[~t["role"].isin(zero)], said


def _start(words: str) -> str:
    """``words`` beginning a sentence: "the CEO and the COO" as "The CEO and the COO"."""
    return words[:1].upper() + words[1:]


_MOST_NAMED = 6  # beyond this many roles, a sentence counts the roles in each cell instead of naming them


def _profile(t: pd.DataFrame) -> list[tuple[str, dict]]:
    t, zero = _weightless(t)
    if t.empty:
        return [(zero.strip(), {})]
    p = profile(t)
    wide = p[p["by"] != "cell"].pivot_table(index="role", columns="category", values="share", observed=True, sort=False)
    share = "weight" if unit(t) == "weight" else "responsibilities"
    out = []
    external, long_term = wide["external"], wide["long-term"]
    if len(wide) == 1:
        r = wide.index[0]
        out.append(
            (
                f"{zero}{pct(external[r])} of {the(possessive(str(r)))} {share} "
                f"{'is' if share == 'weight' else 'are'} external and {pct(long_term[r])} long-term.",
                {"external": float(external[r]), "long_term": float(long_term[r])},
            )
        )
    else:
        none = [r for r, v in external.items() if v == 0]
        some = external[external > 0]
        if none and len(some):
            verb = "holds" if len(none) == 1 else "hold"
            text = (
                f"{_start(join_names(the(r) for r in none))} {verb} no external {share}; "
                + ", ".join(f"{the(r)} {pct(v)}" for r, v in some.items())
                + "."
            )
        elif none:
            text = f"No role holds any external {share}: all the work is internal."
        else:
            text = (
                f"Share of {share} that {'is' if share == 'weight' else 'are'} external: "
                + ", ".join(f"{r} {pct(v)}" for r, v in external.items())
                + "."
            )
        out.append((zero + text, {f"external_{r}": float(v) for r, v in external.items()}))
        if long_term.nunique() == 1:
            level = long_term.iloc[0]
            out.append(
                (
                    f"No role holds any long-term {share}: all the work is daily."
                    if level == 0
                    else f"All the work is long-term: no role holds any daily {share}."
                    if level == 1
                    else f"Every role's work is equally long-term ({pct(level)}).",
                    {"long_term": float(level)},
                )
            )
        else:
            out.append(
                (
                    f"Most long-term: {ranked(long_term)}; least: {ranked(long_term, most=False)}.",
                    {f"long_term_{r}": float(v) for r, v in long_term.items()},
                )
            )
    out.append((_where(p, share == "weight"), {}))
    return out


def _where(p: pd.DataFrame, weighted: bool = False) -> str:
    """Where each role's work most often sits: one clause per role, or, for many roles, the roles of each cell."""
    by = ", by weight" if weighted else ""
    cells = p[p["by"] == "cell"]
    tops: dict[str, list[str]] = {}
    parts = []
    for role, mine in cells.groupby("role", sort=False, observed=True):
        top = mine[np.isclose(mine["share"], mine["share"].max())]
        where = [c.replace("/", ", ") for c in top["category"]]
        tops[str(role)] = where
        share = top["share"].iloc[0]
        if len(where) > 1:
            parts.append(
                f"{the(role)} equally {'' if weighted else 'often '}"
                f"{' and '.join(where) if len(where) == 2 else join_names(where)} "
                f"({pct(share)} each)"
            )
        else:
            how = (
                "entirely" if share == 1 else "mostly" if share > 0.5 else "most heavily" if weighted else "most often"
            )
            parts.append(f"{the(role)} {how} {where[0]} ({pct(share)})")
    if len(parts) <= 3:
        return f"Where the work sits{by}: {'; '.join(parts)}."
    single = pd.Series({r: w[0] for r, w in tops.items() if len(w) == 1}, dtype=object)
    tied = [r for r, w in tops.items() if len(w) > 1]
    clauses = []
    for cell, roles in single.groupby(single, sort=False):
        names = list(roles.index)
        who = join_names(the(r) for r in names) if len(tops) <= _MOST_NAMED else plural(len(names), "role")
        clauses.append(f"{cell} for {who}")
    if tied:
        who = join_names(the(r) for r in tied) if len(tops) <= _MOST_NAMED else plural(len(tied), "role")
        clauses.append(f"a tie between two cells or more for {who}")
    return f"Where each role's work most often sits{by}: {'; '.join(clauses)}."


def _shares(t: pd.DataFrame) -> list[tuple[str, dict]]:
    """Each role's external and long-term shares in one line: the role profiles chart's title."""
    t, zero = _weightless(t)
    if t.empty:
        return [(zero.strip(), {})]
    p = profile(t)
    wide = p[p["by"] != "cell"].pivot_table(index="role", columns="category", values="share", observed=True, sort=False)
    if len(wide) <= 3:
        text = " · ".join(
            f"{r}: {pct(wide.loc[r, 'external'])} external, {pct(wide.loc[r, 'long-term'])} long-term"
            for r in wide.index
        )
    else:
        text = f"Most outward-facing: {ranked(wide['external'])}; most long-term: {ranked(wide['long-term'])}"
    figures = {
        f"{k}_{r}": float(wide.loc[r, c])
        for r in wide.index
        for k, c in (("external", "external"), ("long_term", "long-term"))
    }
    return [(zero + text, figures)]


def _overlap(t: pd.DataFrame) -> list[tuple[str, dict]]:
    place = positions(t)
    roles = [r for r in place["role"].cat.categories if r in set(place["role"])]
    themes = [th for th in place["theme"].cat.categories if th in set(place["theme"])]
    if len(roles) < 2:
        everyone = t.attrs.get("roles") or [str(r) for r in t["role"].unique()]
        return [
            (
                f"The table has one role ({everyone[0]}), so there is no overlap to compare."
                if len(everyone) == 1
                else f"Only one role ({join_names(roles) or 'none'}) of the table's {len(everyone)} has themes, so "
                "there is no overlap to compare.",
                {},
            )
        ]
    if len(roles) == 2:
        p = overlap(t).pairs.iloc[0]
        union = p.n_shared + len(p.only_a) + len(p.only_b)
        how_many = (
            f"all {plural(union, 'theme')}" if p.n_shared == union > 1 else f"{p.n_shared} of {plural(union, 'theme')}"
        )
        text = f"{the(p.role_a, start=True)} and {the(p.role_b)} share {how_many} (Jaccard {pct(p.jaccard)})."
        for role, only in ((p.role_a, p.only_a), (p.role_b, p.only_b)):
            text += (
                f" Only {the(role)} holds {join_names(only)}."
                if only
                else f" {the(role, True)} holds no theme of its own."
            )
        return [(text, {"shared": int(p.n_shared), "themes": int(union), "jaccard": float(p.jaccard)})]
    held = place.groupby("theme", observed=True)["role"].nunique().reindex(themes)
    everyone = [th for th, n in held.items() if n == len(roles)]
    some = [th for th, n in held.items() if 1 < n < len(roles)]
    alone = [th for th, n in held.items() if n == 1]

    def named(items: list) -> str:
        return f" ({join_names(items)})" if 0 < len(items) <= 4 else ""

    if everyone:
        verb = "is" if len(everyone) == 1 else "are"
        text = (
            f"All {len(themes)} themes are held by all {len(roles)} roles{named(everyone)}"
            if len(everyone) == len(themes) > 1
            else f"Of {plural(len(themes), 'theme')}, {len(everyone)} {verb} held by all {len(roles)} roles"
            f"{named(everyone)}"
        )
    elif len(themes) > 1 and len(themes) in (len(some), len(alone)):  # not "of 3 themes, 3 are shared"
        how = "shared by two or more of them" if some else "held by one role only"
        text = f"No theme is held by all {len(roles)} roles; each of the {len(themes)} themes is {how}."
        return [(text, {"themes": len(themes), "held_by_all": 0, "held_by_some": len(some), "held_by_one": len(alone)})]
    else:
        text = f"No theme is held by all {len(roles)} roles; of {plural(len(themes), 'theme')}"
    parts = []
    if some:
        parts.append(
            f"{len(some)} {'is' if len(some) == 1 else 'are'} shared by {'some' if everyone else 'two or more'} of "
            f"them{named(some)}"
        )
    if alone:
        parts.append(f"{len(alone)} {'is' if len(alone) == 1 else 'are'} held by one role only{named(alone)}")
    if everyone and parts:
        text += "; " + ", and ".join(parts)
    elif parts:
        text += ", " + ", and ".join(parts)
    text += "."
    return [
        (
            text,
            {"themes": len(themes), "held_by_all": len(everyone), "held_by_some": len(some), "held_by_one": len(alone)},
        )
    ]


def _work_of(names: list) -> str:
    """'the CEO's work', 'the CEO's and the CFO's work'."""
    return join_names(the(possessive(str(r))) for r in names) + " work"


_NAMED_LENGTH = 60  # the most characters of role names one side of a difference names; more are counted


def _named(roles: list) -> bool:
    """Whether a sentence names ``roles`` (up to three, of 60 characters in all) rather than counting them."""
    return len(roles) <= 3 and sum(len(str(r)) for r in roles) <= _NAMED_LENGTH


def _differences(t: pd.DataFrame) -> list[tuple[str, dict]]:
    place = positions(t)
    shared = place[(place["roles"] >= 2)]
    if shared.empty:
        return [("No theme is held by two roles or more, so no theme shows how roles differ inside it.", {})]
    shared = shared.dropna(subset=["external", "long_term"])  # a role's work of weight 0 has no shares
    if shared.empty:
        return [
            ("The themes two roles or more hold carry no weight, so no difference inside them can be measured.", {})
        ]
    spread = shared.groupby("theme", observed=True)[["external", "long_term"]].agg(lambda s: s.max() - s.min())
    if not (spread.to_numpy() > 0).any():
        return [("Inside every shared theme, the roles' work is as external and as long-term as each other's.", {})]
    stacked = spread.stack()
    tied = [key for key, v in stacked.items() if np.isclose(v, stacked.max())]
    theme, column = tied[0]
    here = shared[shared["theme"] == theme].set_index("role")[column]
    word = "long-term" if column == "long_term" else "external"
    high = [r for r, v in here.items() if np.isclose(v, here.max())]
    low = [r for r, v in here.items() if np.isclose(v, here.min())]
    verb = "are" if _named(high) and len(high) > 1 else "is"  # "the work of 4 roles is"
    others = (
        ""
        if len(high) + len(low) == len(here)
        else "; one other role in between"
        if len(here) - len(high) - len(low) == 1
        else f"; the other {len(here) - len(high) - len(low)} roles in between"
    )
    lead_in = f"The largest difference inside a shared theme: in {theme}, "
    if len(tied) == 2:
        (t1, c1), (t2, c2) = tied
        w1, w2 = ("long-term" if c == "long_term" else "external" for c in (c1, c2))
        what = (
            f"how {w1} and how {w2} the work is in {t1}"
            if t1 == t2
            else f"how {w1} the work is in {t1} and in {t2}"
            if c1 == c2
            else f"how {w1} the work is in {t1} and how {w2} in {t2}"
        )
        lead_in = f"The largest differences inside shared themes tie: {what}. In {theme}, "
    elif len(tied) > 2:  # naming them all would fill a slide's title
        lead_in = f"{len(tied)} differences inside shared themes tie for the largest; one of them: in {theme}, "
    return [
        (
            f"{lead_in}{_work_of(high) if _named(high) else 'the work of ' + plural(len(high), 'role')} {verb} "
            f"{pct(here.max())} {word}, "
            + (
                join_names(the(possessive(str(r))) for r in low)
                if _named(low)
                else f"that of {plural(len(low), 'other' if not _named(high) else 'role')}"
            )
            + f" {pct(here.min())}{others}.",
            {"theme": str(theme), "dimension": word, "gap": float(spread.loc[theme, column])},
        )
    ]


def _load(t: pd.DataFrame, themes: list[str] | None = None) -> list[tuple[str, dict]]:
    place = positions(t)
    shared = place[(place["roles"] >= 2)]
    if shared.empty:
        alone = list(dict.fromkeys(place["theme"].astype(str)))
        if themes is None:
            return [("No theme is held by two roles or more, so no load is shared.", {})]
        if len(alone) == 1:
            return [(f"Only one role holds {alone[0]}, so its load is not shared.", {})]
        return [(f"Each of {join_names(alone)} is held by one role only, so no load in them is shared.", {})]
    weighted = unit(t) == "weight"
    leads = []  # per shared theme with one clear leader: (share of the theme, theme, leader, amount, total, holders)
    for theme, here in shared.groupby("theme", observed=True):
        counts = here.set_index("role")["count"]
        top = [r for r, v in counts.items() if np.isclose(v, counts.max())]
        if len(top) == 1 and counts.sum() > 0:
            leads.append((counts.max() / counts.sum(), str(theme), top[0], counts.max(), counts.sum(), len(counts)))
    here = "" if themes is None else " here"  # only some themes kept: the sentence is about them, not the table
    among = (
        "Of the themes two roles or more share"
        if themes is None
        else f"Of the themes here ({join_names(themes)})"
        if len(themes) <= 3
        else "Of the themes here"  # a chart's themes: its rows say which, and a list would fill its title
    )
    alone = place[place["roles"] == 1]
    if themes is not None and not alone.empty:  # a theme one role holds alone rests on it wholly: said first
        holders = alone.drop_duplicates("theme")
        sole = (
            f"Only {the(str(holders['role'].iloc[0]))} holds {holders['theme'].iloc[0]}"
            if len(holders) == 1
            else f"{len(holders)} themes here are each held by one role ({join_names(holders['theme'].astype(str))})"
        )
        among = f"{sole}; of those two roles or more share"
    if not leads:
        found = shared["theme"].drop_duplicates().tolist()
        where = f"In the one shared theme{here}, {found[0]}," if len(found) == 1 else f"In every shared theme{here},"
        return [(f"{where} the roles that hold the most hold the same amount: no one role carries more of it.", {})]
    best = max(lead[0] for lead in leads)
    tied = [lead for lead in leads if np.isclose(lead[0], best)]
    if len(tied) > 1:
        names = join_names(lead[1] for lead in tied) if len(tied) <= _MOST_NAMED else plural(len(tied), "theme")
        parts = [
            f"{number(lead[3])} of {possessive(lead[1])} "
            + (
                f"total weight of {number(lead[4])}"
                if weighted
                else plural(lead[4], "responsibility", "responsibilities")
            )
            for lead in tied
        ]
        held = (
            (
                f"{the(tied[0][2])} holds {parts[0]} and {parts[1]}"  # one leader: named once
                if tied[0][2] == tied[1][2]
                else f"{the(tied[0][2])} holds {parts[0]}; {the(tied[1][2])} holds {parts[1]}"
            )
            if len(tied) == 2
            else f"in each, one role holds {pct(best)} of the {'weight' if weighted else 'work'}"  # would fill a slide
        )
        return [
            (
                f"{among}, {names} rest most on one role, tied at {pct(best)}: {held}.",
                {"themes": [lead[1] for lead in tied], "share": float(best)},
            )
        ]
    share, theme, leader, amount, total, _ = tied[0]
    others = [str(r) for r in shared.loc[shared["theme"] == theme, "role"] if r != leader]
    of = (
        f"{number(amount)} of its total weight of {number(total)}"
        if weighted
        else f"{number(amount)} of its {plural(total, 'responsibility', 'responsibilities')}"
    )
    rest = (
        (
            f"{the(others[0])} holds it with a weight of 0"
            if len(others) == 1
            else "the others hold it with a weight of 0"
        )
        if np.isclose(amount, total)  # a role holding a theme only in rows of weight 0
        else f"{the(others[0])} holds the rest"
        if len(others) == 1
        else f"the other {len(others)} roles holding it share the rest"
    )
    return [
        (
            f"{among}, {theme} rests most on one role: {the(leader)} holds {of} ({pct(share)}); {rest}.",
            {"theme": theme, "role": str(leader), "share": float(share)},
        )
    ]


def _sources(t: pd.DataFrame) -> list[tuple[str, dict]]:
    support, gaps = source_agreement(t)
    out = []
    themes = list(dict.fromkeys(gaps["theme"].astype(str)))
    if themes:
        out.append(
            (
                f"Gaps between the sources on {plural(len(themes), 'theme')} ({join_names(themes)}): one "
                "source names a role for it that another leaves out, and the other way round. A gap is silence, not "
                "a disagreement: read what each source says before calling it a clash.",
                {"gaps": len(themes)},
            )
        )
    elif t["source"].nunique() < 2:
        out.append(("The table cites one source only, so no source can be set against another.", {"gaps": 0}))
    else:
        out.append(
            (
                "No gap of that kind: no theme is named for one role only by one source and for another role only by "
                "a second.",
                {"gaps": 0},
            )
        )
    single = support[support["n_sources"] == 1]
    if len(support):
        out.append(
            (
                (
                    "No role-theme pair rests"
                    if not len(single)
                    else f"{len(single)} of {len(support)} role-theme pairs rest"
                    if len(single) < len(support)
                    else "The one role-theme pair rests"
                    if len(support) == 1
                    else f"All {len(support)} role-theme pairs rest"
                )
                + f" on a single source{_left_out(t)}.",
                {"single": len(single), "pairs": len(support)},
            )
        )
    return out


def _left_out(t: pd.DataFrame) -> str:
    """``; 1 row without a source is not counted``: the rows :func:`findings` left out of ``t``, lacking a value."""
    columns, n = t.attrs.get("left_out", ([], 0))
    if not n:
        return ""
    lacking = " or ".join(f"a {c}" for c in columns)
    return f"; {plural(n, 'row')} without {lacking} {'is' if n == 1 else 'are'} not counted"


def _clashes(t: pd.DataFrame) -> list[tuple[str, dict]]:
    """The gaps between sources, with who names whom: the source agreement chart's title. Silence, never a clash."""
    gaps = source_agreement(t).gaps
    themes = list(dict.fromkeys(gaps["theme"]))
    if len(themes) == 1:
        g = gaps[gaps["theme"] == themes[0]].iloc[0]
        text = (
            f"Gaps, not clashes: on {g.theme}, {', '.join(g.sources_a)} names {the(g.role_a)} and not {the(g.role_b)}; "
            f"{', '.join(g.sources_b)} {the(g.role_b)} and not {the(g.role_a)}"
        )
    elif themes:
        named = ", ".join(map(str, themes[:3])) + (f" and {len(themes) - 3} more" if len(themes) > 3 else "")
        text = (
            f"Gaps, not clashes, on {len(themes)} themes ({named}): one source names a role for each that another "
            "leaves out"
        )
    elif t["source"].nunique() < 2:
        text = "The table cites one source only, so no source can be set against another"
    else:
        text = "No gaps: no theme is named for one role only by one source and for another role only by a second"
    return [(text, {"gaps": len(themes)})]


def _decisions(t: pd.DataFrame) -> list[tuple[str, dict]]:
    themes = decision_themes(t)
    here = t[t["theme"].astype(str).isin(themes)]
    if here.empty:
        bundled = " or ".join(decision_themes())
        return [
            (
                f"This table has no responsibility in a theme about who decides (the bundled vocabulary's {bundled}), "
                "so it cannot say who decides: that is what a RACI table is for.",
                {},
            )
        ]
    weighted = unit(t) == "weight"
    amount = (
        here.groupby("role", observed=True)["weight"].sum() if weighted else here.groupby("role", observed=True).size()
    )
    amount = amount[amount > 0].sort_values(ascending=False, kind="stable")
    if amount.empty:
        return [(f"Every responsibility about {join_names(themes)} has weight 0, so no role carries any of it.", {})]
    long_term = (
        here.assign(lt=here["horizon"].eq("long-term") * (here["weight"] if weighted else 1))
        .groupby("role", observed=True)["lt"]
        .sum()
    )
    total = amount.sum()
    if total == 1 and not weighted:
        ((role, _),) = amount.items()
        when = "long-term" if long_term[role] else "daily"
        return [
            (
                f"The only responsibility about {join_names(themes)} is {the(possessive(str(role)))} ({when}).",
                {f"share_{role}": 1.0},
            )
        ]
    what = f"total weight of {number(total)}" if weighted else plural(total, "responsibility", "responsibilities")
    parts = [
        f"{the(r)} {'holds ' * (k == 0)}{number(n)} ({pct(n / total)}; {pct(long_term[r] / n)} long-term)"
        for k, (r, n) in enumerate(amount.items())
    ]
    return [
        (
            f"Of the {what} about {join_names(themes)}, " + ", ".join(parts) + ".",
            {f"share_{r}": float(n / total) for r, n in amount.items()},
        )
    ]


_NEEDS = {
    "data": ["role"],
    "profile": ["role", "scope", "horizon"],
    "shares": ["role", "scope", "horizon"],
    "overlap": ["role", "theme", "scope", "horizon"],
    "differences": ["role", "theme", "scope", "horizon"],
    "load": ["role", "theme", "scope", "horizon"],
    "sources": ["role", "theme", "source"],
    "clashes": ["role", "theme", "source"],
    "decisions": ["role", "theme", "horizon"],
}
_MAKERS = {
    "data": _data,
    "profile": _profile,
    "shares": _shares,
    "overlap": _overlap,
    "differences": _differences,
    "load": _load,
    "sources": _sources,
    "clashes": _clashes,
    "decisions": _decisions,
}


def findings(df: pd.DataFrame, topic: str | None = None, themes: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Plain sentences, with their numbers, about what ``df`` shows: one or more per topic.

    Returns ``topic`` (one of :data:`TOPICS`), ``text`` and ``figures`` (the numbers
    the sentence rests on). A topic the table cannot support (no ``theme``, no
    ``source``, no rows) gets one sentence saying so. ``topic`` keeps one topic.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"role": ["CEO", "CEO", "CEO", "COO"],
    ...                    "scope": ["external", "internal", "internal", "internal"],
    ...                    "horizon": ["long-term", "long-term", "daily", "daily"], "responsibility": list("abcd")})
    >>> findings(df, "profile")["text"].tolist()[0]
    'The COO holds no external responsibilities; the CEO 33%.'
    """
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"topic must be one of {', '.join(TOPICS)}, not {topic!r}{did_you_mean(str(topic), TOPICS)}")
    require(df, ["role"], "to say what the table shows")
    topics = TOPICS if topic is None else (topic,)
    t = tidy(df).dropna(subset=["role"])
    kept = None if themes is None else [themes] if isinstance(themes, str) else [str(x) for x in themes]
    if kept is not None:
        require(t, ["theme"], "to keep only some themes")
        t = t[t["theme"].isin(kept)]
    rows = []
    for name in topics:
        try:
            require(t, _NEEDS[name], f"for the {name} findings")
            usable = t.dropna(subset=_NEEDS[name])
            usable.attrs["roles"] = [str(r) for r in t["role"].unique()]  # the whole table's, for "the table has one"
            usable.attrs["left_out"] = [c for c in _NEEDS[name] if t[c].isna().any()], len(t) - len(usable)
            made = (
                (_load(usable, kept) if name == "load" else _MAKERS[name](usable))
                if len(usable)
                else [("The table has no row with a value in every column this needs.", {})]
            )
        except MissingColumns as err:
            names = [f'"{c}"' for c in err.columns]  # plain text: takeaways escape it for Markdown
            said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            made = [(f"This table has no {said} column, so nothing can be said about {name} here.", {})]
        rows += [{"topic": name, "text": text, "figures": figures} for text, figures in made]
    return pd.DataFrame(rows, columns=["topic", "text", "figures"])


_TITLE_LENGTH = 90  # the most characters of role names a slide's title holds on two lines


def roles_title(df: pd.DataFrame) -> MarkdownText:
    """A title for a deck on ``df``: its roles, and what the slides show of them, as Markdown headings.

    The roles are named in the order every chart shows them when they fit a slide's
    title (up to six, 90 characters in all); more are counted.

    >>> import rolekit
    >>> print(roles_title(rolekit.load_responsibilities()))
    # CEO and COO
    ## Where the roles overlap, and where they differ
    >>> print(roles_title(pd.DataFrame({"role": ["CFO"]})))
    # CFO
    ## Where the role's responsibilities sit
    """
    require(df, ["role"], "to name the roles")
    t = tidy(df[["role"]]).dropna()
    roles = [str(r) for r in t["role"].cat.categories if r in set(t["role"])]
    named = join_names(roles) if roles else ""
    if not roles or len(roles) > _MOST_NAMED or len(named) > _TITLE_LENGTH:
        named = plural(len(roles), "role")
    what = "Where the roles overlap, and where they differ"
    if len(roles) == 1:
        what = "Where the role's responsibilities sit"
    return MarkdownText(f"# {markdown_escaped(named)}\n## {what}")


def takeaways(df: pd.DataFrame, topic: str, themes: str | Iterable[str] | None = None) -> MarkdownText:
    """The findings of one topic as a Markdown list, for a notebook's takeaways or a slide's notes.

    Each sentence is escaped for Markdown (:func:`rolekit.text.markdown_escaped`): a
    role named ``**x**`` or ``<img ...>`` shows as those characters, never as markup.

    >>> import rolekit
    >>> print(takeaways(rolekit.load_responsibilities(), "overlap"))
    - The CEO and the COO share 8 of 10 themes (Jaccard 80%). Only the CEO holds stakeholders.
      Only the COO holds performance.
    """
    return MarkdownText("\n".join(f"- {markdown_escaped(text)}" for text in findings(df, topic, themes)["text"]))
