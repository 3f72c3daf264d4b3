"""What a table shows, in plain sentences computed from it: the takeaways of every notebook.

Each sentence is built from the table it is given, for any roles, and checks what it
claims: "no" and "only" are said only when true, ties are named as ties, and a role
is "mostly" somewhere only when more than half its work is there (a plurality is
"most often"). A topic the table cannot support gets a sentence saying why.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .analysis import overlap, positions, profile, source_agreement, unit
from .categories import tidy
from .validate import MissingColumns, require

TOPICS = ("data", "profile", "shares", "overlap", "differences", "load", "sources", "clashes", "decisions")
DECISION_THEMES = ("decisions", "governance")  # the bundled vocabulary's themes of who decides and who answers to whom


def pct(x: float) -> str:
    """A share as people read it: ``0.354`` is ``'35%'``.

    >>> pct(0.354)
    '35%'
    """
    return f"{x:.0%}"


def _names(items: Iterable[object]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [str(i) for i in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _amount(x: float, weighted: bool) -> str:
    return f"{x:g}" if weighted else f"{int(x)}"


def _data(t: pd.DataFrame) -> list[tuple[str, dict]]:
    counts = t["role"].value_counts(sort=False).reindex(list(t["role"].cat.categories), fill_value=0)
    counts = counts[counts > 0]
    weighted = unit(t) == "weight"
    held = ", ".join(f"{r} {_amount(n, False)}" for r, n in counts.items())
    text = f"The table holds {len(t)} responsibilities of {len(counts)} role{'s' * (len(counts) != 1)}: {held}."
    if weighted:
        total = t.groupby("role", observed=True)["weight"].sum()
        text += " Their weights add up to " + ", ".join(f"{r} {_amount(w, True)}" for r, w in total.items()) + "."
    if "source" in t and t["source"].notna().any():
        text += f" They come from {t['source'].nunique()} source{'s' * (t['source'].nunique() != 1)}."
    return [(text, {"rows": len(t), **{f"rows_{r}": int(n) for r, n in counts.items()}})]


def ranked(values: pd.Series, most: bool = True) -> str:
    """'CEO (72%)' or 'CEO and CFO, tied (50%)' for the highest (or lowest) value."""
    target = values.max() if most else values.min()
    top = [r for r, v in values.items() if np.isclose(v, target)]
    return f"{_names(top)}{', tied' if len(top) > 1 else ''} ({pct(target)})"


def _profile(t: pd.DataFrame) -> list[tuple[str, dict]]:
    p = profile(t)
    wide = p[p["by"] != "cell"].pivot_table(index="role", columns="category", values="share", observed=True, sort=False)
    share = "weight" if unit(t) == "weight" else "responsibilities"
    out = []
    external = wide["external"]
    none = [r for r, v in external.items() if v == 0]
    some = external[external > 0]
    if len(wide) == 1:
        r = wide.index[0]
        out.append(
            (
                f"{pct(external[r])} of the {r}'s {share} are external and {pct(wide.loc[r, 'long-term'])} long-term.",
                {"external": float(external[r]), "long_term": float(wide.loc[r, "long-term"])},
            )
        )
    else:
        if none and len(some):
            text = (
                f"The {_names(none)} hold{'s' * (len(none) == 1)} no external {share}; "
                + ", ".join(f"the {r} {pct(v)}" for r, v in some.items())
                + "."
            )
        elif none:
            text = f"No role holds any external {share}: all the work is internal."
        else:
            text = (
                f"Share of {share} that are external: " + ", ".join(f"{r} {pct(v)}" for r, v in external.items()) + "."
            )
        out.append((text, {f"external_{r}": float(v) for r, v in external.items()}))
        long_term = wide["long-term"]
        if long_term.nunique() == 1:
            out.append(
                (
                    f"Every role's work is equally long-term ({pct(long_term.iloc[0])}).",
                    {"long_term": float(long_term.iloc[0])},
                )
            )
        else:
            out.append(
                (
                    f"Most long-term: {ranked(long_term)}; least: {ranked(long_term, most=False)}.",
                    {f"long_term_{r}": float(v) for r, v in long_term.items()},
                )
            )
    cells = p[p["by"] == "cell"]
    parts, tops = [], {}
    for role, mine in cells.groupby("role", sort=False, observed=True):
        top = mine[np.isclose(mine["share"], mine["share"].max())]
        where = _names(c.replace("/", ", ") for c in top["category"])
        word = (
            "mostly"
            if top["share"].iloc[0] > 0.5 and len(top) == 1
            else ("equally often" if len(top) > 1 else "most often")
        )
        parts.append(f"the {role} {word} {where} ({pct(top['share'].iloc[0])})")
        tops[role] = top["category"].iloc[0].replace("/", ", ") if len(top) == 1 else None
    if len(parts) > 3:  # one clause per role would not fit a title: group the roles by their most common cell
        groups = pd.Series([c for c in tops.values() if c]).value_counts()
        parts = [f"{c} is the most common cell for {n} role{'s' * (n != 1)}" for c, n in groups.items()]
        ties = sum(c is None for c in tops.values())
        parts += [f"{ties} role{'s' * (ties != 1)} split{'s' * (ties == 1)} evenly between cells"] * bool(ties)
    out.append((f"Where the work sits: {'; '.join(parts)}.", {}))
    return out


def _shares(t: pd.DataFrame) -> list[tuple[str, dict]]:
    """Each role's external and long-term shares in one line: the role profiles chart's title."""
    p = profile(t)
    wide = p[p["by"] != "cell"].pivot_table(index="role", columns="category", values="share", observed=True, sort=False)
    if len(wide) <= 3:
        text = " · ".join(
            f"{r}: {pct(wide.loc[r, 'external'])} external, {pct(wide.loc[r, 'long-term'])} long-term"
            for r in wide.index
        )
    else:
        text = f"Most outward-facing: {ranked(wide['external'])}; most long-term: {ranked(wide['long-term'])}"
    return [
        (
            text,
            {
                f"{k}_{r}": float(wide.loc[r, c])
                for r in wide.index
                for k, c in (("external", "external"), ("long_term", "long-term"))
            },
        )
    ]


def _overlap(t: pd.DataFrame) -> list[tuple[str, dict]]:
    place = positions(t)
    roles = [r for r in place["role"].cat.categories if r in set(place["role"])]
    themes = [th for th in place["theme"].cat.categories if th in set(place["theme"])]
    if len(roles) < 2:
        return [
            (
                f"Only one role ({_names(roles) or 'none'}) has themes in this table, so there is no overlap to "
                "compare.",
                {},
            )
        ]
    if len(roles) == 2:
        p = overlap(t).pairs.iloc[0]
        union = p.n_shared + len(p.only_a) + len(p.only_b)
        text = f"The {p.role_a} and the {p.role_b} share {p.n_shared} of {union} themes (Jaccard {p.jaccard:.2f})."
        for role, only in ((p.role_a, p.only_a), (p.role_b, p.only_b)):
            text += f" Only the {role} holds {_names(only)}." if only else f" The {role} holds no theme of its own."
        return [(text, {"shared": int(p.n_shared), "themes": int(union), "jaccard": float(p.jaccard)})]
    held = place.groupby("theme", observed=True)["role"].nunique().reindex(themes)
    everyone = [th for th, n in held.items() if n == len(roles)]
    alone = [th for th, n in held.items() if n == 1]
    text = f"{len(everyone)} of {len(themes)} themes are held by all {len(roles)} roles"
    text += f" ({_names(everyone)})" if 0 < len(everyone) <= 4 else ""
    text += f"; {len(alone)} by one role only" + (f" ({_names(alone)})." if 0 < len(alone) <= 4 else ".")
    return [(text, {"themes": len(themes), "held_by_all": len(everyone), "held_by_one": len(alone)})]


def _differences(t: pd.DataFrame) -> list[tuple[str, dict]]:
    place = positions(t)
    shared = place[(place["roles"] >= 2)].dropna(subset=["external", "long_term"])
    if shared.empty:
        return [("No theme is held by two roles or more, so no theme shows how roles differ inside it.", {})]
    spread = shared.groupby("theme", observed=True)[["external", "long_term"]].agg(lambda s: s.max() - s.min())
    if not (spread.to_numpy() > 0).any():
        return [("Inside every shared theme, the roles' work is as external and as long-term as each other's.", {})]
    theme, column = spread.stack().idxmax()
    here = shared[shared["theme"] == theme].set_index("role")[column]
    word = "long-term" if column == "long_term" else "external"
    high = [r for r, v in here.items() if np.isclose(v, here.max())]
    low = [r for r, v in here.items() if np.isclose(v, here.min())]
    return [
        (
            f"The largest difference inside a shared theme: in {theme}, {_names(high)} work is {pct(here.max())} "
            f"{word}, "
            f"{_names(low)} work {pct(here.min())}.",
            {"theme": str(theme), "dimension": word, "gap": float(spread.loc[theme, column])},
        )
    ]


def _load(t: pd.DataFrame) -> list[tuple[str, dict]]:
    place = positions(t)
    shared = place[place["roles"] >= 2]
    if shared.empty:
        return [("No theme is held by two roles or more, so no load is shared.", {})]
    weighted = unit(t) == "weight"
    leads = []  # per shared theme with one clear leader: (share of the theme, theme, leader, amount, total)
    for theme, here in shared.groupby("theme", observed=True):
        counts = here.set_index("role")["count"]
        top = [r for r, v in counts.items() if np.isclose(v, counts.max())]
        if len(top) == 1 and counts.sum() > 0:
            leads.append((counts.max() / counts.sum(), str(theme), top[0], counts.max(), counts.sum(), len(counts)))
    if not leads:
        return [
            (
                "In every shared theme, the roles that hold the most hold the same amount: no one role carries the "
                "load.",
                {},
            )
        ]
    share, theme, leader, amount, total, holders = max(leads, key=lambda lead: lead[0])
    of = (
        f"the theme's total weight of {_amount(total, True)}"
        if weighted
        else f"its {_amount(total, False)} responsibilities"
    )
    return [
        (
            f"The most one-sided shared theme is {theme}: the {leader} holds {_amount(amount, weighted)} of {of} "
            f"({pct(share)}), although {holders} roles hold it.",
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
                f"Gaps between the sources on {len(themes)} theme{'s' * (len(themes) != 1)} ({_names(themes)}): one "
                "source names a role for it that another leaves out, and the other way round. A gap is silence, not "
                "a disagreement: read what each source says before calling it a clash.",
                {"gaps": len(themes)},
            )
        )
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
                f"{len(single)} of {len(support)} role-theme pairs rest on a single source.",
                {"single": len(single), "pairs": len(support)},
            )
        )
    return out


def _clashes(t: pd.DataFrame) -> list[tuple[str, dict]]:
    """The gaps between sources, with who names whom: the source agreement chart's title. Silence, never a clash."""
    gaps = source_agreement(t).gaps
    themes = list(dict.fromkeys(gaps["theme"]))
    if len(themes) == 1:
        g = gaps[gaps["theme"] == themes[0]].iloc[0]
        text = (
            f"Gaps, not clashes: on {g.theme}, {', '.join(g.sources_a)} names the {g.role_a} and not the {g.role_b}; "
            f"{', '.join(g.sources_b)} the {g.role_b} and not the {g.role_a}"
        )
    elif themes:
        named = ", ".join(map(str, themes[:3])) + (f" and {len(themes) - 3} more" if len(themes) > 3 else "")
        text = (
            f"Gaps, not clashes, on {len(themes)} themes ({named}): one source names a role for each that another "
            "leaves out"
        )
    else:
        text = "No gaps: no theme is named for one role only by one source and for another role only by a second"
    return [(text, {"gaps": len(themes)})]


def _decisions(t: pd.DataFrame) -> list[tuple[str, dict]]:
    here = t[t["theme"].isin(DECISION_THEMES)]
    if here.empty:
        return [
            (
                f"This table has no responsibility with the theme {' or '.join(DECISION_THEMES)}, so nothing can be "
                "said here about who decides.",
                {},
            )
        ]
    weighted = unit(t) == "weight"
    amount = (
        here.groupby("role", observed=True)["weight"].sum() if weighted else here.groupby("role", observed=True).size()
    )
    amount = amount[amount > 0].sort_values(ascending=False, kind="stable")
    long_term = (
        here.assign(lt=here["horizon"].eq("long-term") * (here["weight"] if weighted else 1))
        .groupby("role", observed=True)["lt"]
        .sum()
    )
    total = amount.sum()
    what = "of the weight" if weighted else "responsibilities"
    parts = [
        f"the {r} {_amount(n, weighted)} ({pct(n / total)}; {pct(long_term[r] / n) if n else '0%'} long-term)"
        for r, n in amount.items()
    ]
    return [
        (
            f"Of the {_amount(total, weighted)} {what} about decisions and governance, " + ", ".join(parts) + ".",
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
    require(df, ["role"], "to say what the table shows")
    topics = TOPICS if topic is None else (topic,)
    t = tidy(df).dropna(subset=["role"])
    if themes is not None:
        require(t, ["theme"], "to keep only some themes")
        t = t[t["theme"].isin([themes] if isinstance(themes, str) else list(themes))]
    rows = []
    for name in topics:
        try:
            require(t, _NEEDS[name], f"for the {name} findings")
            usable = t.dropna(subset=_NEEDS[name])
            made = (
                _MAKERS[name](usable)
                if len(usable)
                else [("The table has no row with a value in every column this needs.", {})]
            )
        except MissingColumns as err:
            names = [f"`{c}`" for c in err.columns]
            said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            made = [(f"This table has no {said} column, so nothing can be said about {name} here.", {})]
        rows += [{"topic": name, "text": text, "figures": figures} for text, figures in made]
    return pd.DataFrame(rows, columns=["topic", "text", "figures"])


def takeaways(df: pd.DataFrame, topic: str, themes: str | Iterable[str] | None = None) -> str:
    """The findings of one topic as a Markdown list, for a notebook's takeaways or a slide's notes.

    >>> import rolekit
    >>> print(takeaways(rolekit.load_responsibilities(), "overlap"))
    - The CEO and the COO share 8 of 10 themes (Jaccard 0.80). Only the CEO holds stakeholders.
      Only the COO holds performance.
    """
    return "\n".join(f"- {text}" for text in findings(df, topic, themes)["text"])
