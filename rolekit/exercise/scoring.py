"""Scoring the room: agreement within it and with the key, by item and by participant, and the report."""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..findings import pct
from ..reader import PathLike
from ..text import two_places
from ..validate import DataError, Problem
from .agreement import band, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .responses import Paths, Responses, expand, read_key, read_responses
from .sheets import DIMENSIONS

__all__ = [
    "SYNTHETIC",
    "Scores",
    "agreement",
    "class_scores",
    "counted",
    "disputed",
    "report_html",
    "score",
    "score_sheets",
    "scored_class",
    "scored_items",
    "summary",
]


class Scores(NamedTuple):
    """What :func:`score` returns; participants are P1, P2... in every table but ``participants``."""

    agreement: pd.DataFrame  # one row per dimension: fleiss_kappa, krippendorff_alpha, band, key_accuracy, ...
    items: pd.DataFrame  # one row per item and dimension: answers, agreement, modal answer, key, share matching the key
    participants: pd.DataFrame  # per participant and dimension: answered, correct, accuracy, rank... (with names)
    confusion: pd.DataFrame  # one row per dimension, key value and answer: count
    answers: pd.DataFrame  # participant, item, dimension, answer, key
    problems: list
    sheets: int  # sheets read; len(participants' codes) were used
    source: str = ""  # what was scored, in words: "the sheets in exercise/sheets", "the bundled synthetic class"


def agreement(
    answers: pd.DataFrame, items: Sequence[str], dimensions: Sequence[str] = DIMENSIONS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How much the room agrees, per dimension and per item: what :func:`score` reports, without a key.

    ``answers`` has the columns participant, item, dimension, answer. Returns one row
    per dimension (fleiss_kappa over the items answered twice or more, its band,
    krippendorff_alpha, participants, answers) and one row per item and dimension
    (answered, modal_answer, agreement: the share giving the modal answer; answers given
    equally often, ``CEO / COO``, when the room split evenly). A
    statistic that cannot be computed (no item answered twice) is NaN, its band
    ``not defined``.

    >>> a = pd.DataFrame({"participant": ["P1", "P2", "P1", "P2"], "item": ["Q01", "Q01", "Q02", "Q02"],
    ...                   "dimension": "scope", "answer": ["internal", "internal", "external", "internal"]})
    >>> overall, per_item = agreement(a, ["Q01", "Q02"], ["scope"])
    >>> overall[["dimension", "band", "participants", "answers"]].values.tolist()
    [['scope', 'poor', 2, 4]]
    >>> per_item["agreement"].tolist()
    [1.0, 0.5]
    """
    rows, per_item = [], []
    items = list(items)
    for d in dimensions:
        mine = answers[answers["dimension"] == d]
        counts = pd.crosstab(mine["item"], mine["answer"]).reindex(index=items, fill_value=0)
        if counts.shape[1] == 0:
            counts[""] = 0  # nobody answered: one empty category, so that every item has its row
        wide = mine.pivot_table(index="participant", columns="item", values="answer", aggfunc="first")
        fk = fleiss_kappa(counts.to_numpy()) if len(mine) else float("nan")
        rows.append(
            {
                "dimension": d,
                "fleiss_kappa": fk,
                "band": band(fk),
                "krippendorff_alpha": krippendorff_alpha(wide) if len(mine) else float("nan"),
                "participants": mine["participant"].nunique(),
                "answers": len(mine),
            }
        )
        answered = counts.sum(axis=1)
        top = counts.max(axis=1)
        tied = counts.eq(top, axis=0) & (top > 0).to_numpy()[:, None]  # answers given as often as the most given
        modal = pd.Series([" / ".join(map(str, counts.columns[row])) for row in tied.to_numpy()], index=counts.index)
        modal = modal.where(answered > 0)  # "CEO / COO" when the room split evenly: no one answer won
        for item in items:
            n = int(answered[item])
            per_item.append(
                {
                    "item": item,
                    "dimension": d,
                    "answered": n,
                    "modal_answer": modal[item],
                    "agreement": top[item] / n if n else float("nan"),
                }
            )
    columns = ["item", "dimension", "answered", "modal_answer", "agreement"]
    return pd.DataFrame(rows), pd.DataFrame(per_item, columns=columns)


def score(responses: Responses, key: pd.DataFrame, source: str = "") -> Scores:
    """Score the room's answers against each other and against the key.

    ``agreement``: per dimension, Fleiss' kappa among participants (items rated by
    two or more), Krippendorff's alpha (any missing answers allowed), their Landis
    and Koch ``band``, and the share of all answers that match the key (see
    :func:`agreement`). ``items``: per item and dimension, how many answered, the
    modal answer and its share (``agreement``), the key's answer and the share
    matching it. ``participants``: per participant and dimension, the items
    ``answered`` of ``items``, how many were ``correct``, ``accuracy`` over the
    answered ones and Cohen's kappa against the key; ``rank`` (1 = most accurate,
    ties share a rank) among those who answered at least half the items, while one
    who answered under half is not ranked and ``note`` says so. ``confusion``: key
    value x answer counts. ``source`` says in words what was scored.

    >>> import rolekit
    >>> from rolekit.exercise import read_key, read_responses
    >>> key = read_key(rolekit.SYNTHETIC_KEY)
    >>> scores = score(read_responses(rolekit.SYNTHETIC_CLASS, key), key)
    >>> scores.agreement["dimension"].tolist(), scores.participants["participant"].nunique()
    (['role', 'scope', 'horizon'], 12)
    """
    a = responses.answers.merge(
        key.melt(id_vars=["item"], value_vars=list(DIMENSIONS), var_name="dimension", value_name="key"),
        on=["item", "dimension"],
        how="left",
    )
    overall, per_item = agreement(a, key["item"])
    right = a["answer"] == a["key"]
    overall["key_accuracy"] = [
        right[a["dimension"] == d].mean() if (a["dimension"] == d).any() else float("nan") for d in DIMENSIONS
    ]
    overall = overall[
        ["dimension", "fleiss_kappa", "band", "krippendorff_alpha", "key_accuracy", "participants", "answers"]
    ]
    tagged = key.set_index("item")
    per_item.insert(1, "responsibility", per_item["item"].map(tagged["responsibility"]))
    per_item["key"] = [tagged.loc[i, d] for i, d in zip(per_item["item"], per_item["dimension"])]
    matching = a[right].groupby(["item", "dimension"]).size()
    per_item["matches_key"] = [
        matching.get((i, d), 0) / n if n else float("nan")
        for i, d, n in zip(per_item["item"], per_item["dimension"], per_item["answered"])
    ]
    people = _people(a.assign(right=right), responses.participants, len(key))
    confusion = a.groupby(["dimension", "key", "answer"]).size().rename("count").reset_index()
    confusion = confusion.sort_values("dimension", key=lambda s: s.map(DIMENSIONS.index), kind="stable")
    return Scores(
        overall,
        per_item,
        people,
        confusion[["dimension", "key", "answer", "count"]].reset_index(drop=True),
        a,
        responses.problems,
        responses.files,
        source,
    )


def _people(a: pd.DataFrame, participants: pd.DataFrame, items: int) -> pd.DataFrame:
    """Per participant and dimension: answered, correct, accuracy, Cohen's kappa, rank or why not ranked."""
    rows = []
    groups = dict(list(a.groupby(["participant", "dimension"], sort=False)))
    for person in participants["participant"]:  # every dimension of everyone read, those left blank too
        for d in DIMENSIONS:
            theirs = groups.get((person, d), a.iloc[:0])
            answered = len(theirs)
            rows.append(
                {
                    "participant": person,
                    "dimension": d,
                    "answered": answered,
                    "items": items,
                    "correct": int(theirs["right"].sum()),
                    "accuracy": theirs["right"].mean() if answered else np.nan,
                    "cohen_kappa": cohen_kappa(theirs["key"].tolist(), theirs["answer"].tolist())
                    if answered
                    else np.nan,
                    "note": "" if 2 * answered >= items else f"answered {answered} of {items}, under half: not ranked",
                }
            )
    columns = ["participant", "dimension", "answered", "items", "correct", "accuracy", "cohen_kappa", "note"]
    people = pd.DataFrame(rows, columns=columns)
    ranked = people["note"].eq("")
    people["rank"] = (
        people["accuracy"]
        .where(ranked)
        .groupby(people["dimension"])
        .rank(ascending=False, method="min")
        .astype("Int64")
    )
    people = people.merge(participants[["participant", "name"]], on="participant", how="left")
    order = {p: i for i, p in enumerate(participants["participant"])}
    people = people.sort_values(
        ["participant", "dimension"], key=lambda s: s.map(order) if s.name == "participant" else s.map(DIMENSIONS.index)
    )
    first = ["participant", "name", "dimension", "answered", "items", "correct", "accuracy", "cohen_kappa", "rank"]
    return people[[*first, "note"]].reset_index(drop=True)


def disputed(scores: Scores, top: int = 8) -> pd.DataFrame:
    """The ``top`` items the room split on most, lowest agreement first: 8, as many as the chart draws.

    One row per item: its responsibility, the dimension the room split on most, that
    dimension's agreement (share giving the modal answer) and the key's answer. An item
    on which everyone who answered gave the same answers is not disputed: it is not here.

    >>> import rolekit
    >>> disputed(rolekit.score_sheets(rolekit.SYNTHETIC_CLASS), top=2).columns.tolist()
    ['item', 'responsibility', 'dimension', 'agreement', 'modal_answer', 'key']
    """
    items = scores.items.dropna(subset=["agreement"])
    items = items[items["agreement"] < 1]
    worst = items.sort_values(["agreement", "item"], kind="stable").drop_duplicates("item")
    return worst.head(top)[["item", "responsibility", "dimension", "agreement", "modal_answer", "key"]].reset_index(
        drop=True
    )


def score_sheets(paths: Paths, key_path: PathLike | None = None) -> Scores:
    """Read the sheets at ``paths`` and the key at ``key_path``, and score them.

    See :func:`read_responses` and :func:`score`.

    Without ``key_path``, the key is looked for where ``rolekit worksheet`` puts it:
    ``key/answer_key.csv`` beside the folder of sheets, or beside a form export
    (which is how the bundled synthetic class finds its key), or one folder up
    (where ``rolekit room`` writes its responses: ``exercise/room/responses.csv``).

    >>> import rolekit
    >>> score_sheets(rolekit.SYNTHETIC_CLASS).agreement["participants"].tolist()
    [12, 12, 12]
    """
    files = expand(paths)
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if key_path is None:
        guesses = [f.parent.parent / "key" / "answer_key.csv" for f in files] + [
            f.parent / "key" / "answer_key.csv" for f in files
        ]
        key_path = next((g for g in guesses if g.is_file()), None)
        if key_path is None:
            raise DataError(
                [
                    Problem(
                        str(files[0].parent),
                        None,
                        None,
                        "no answer key found beside the sheets (key/answer_key.csv); give it with --key",
                    )
                ]
            )
    key = read_key(key_path)
    responses = read_responses(files, key)
    if responses.participants.empty:
        raise DataError(
            [
                *responses.problems,
                Problem(
                    ", ".join(map(str, given)),
                    None,
                    None,
                    "no sheet could be used, so there is nothing to score; fix the sheets named above",
                ),
            ]
        )
    return score(responses, key, source=", ".join(map(str, given)))


SYNTHETIC = "the bundled synthetic class"


def class_scores(room: PathLike | None = None, sheets: Paths | None = None, key: PathLike | None = None) -> Scores:
    """The scores notebook 08 shows: a finished room's, returned sheets', or (given neither) the synthetic class's.

    ``room``: the ``--out`` folder of a closed ``rolekit room`` (its ``responses.csv``,
    scored with the worksheet's key found one folder up, or ``key``). ``sheets``: a
    folder of sheets, sheet files or a form export, as for :func:`score_sheets`.
    Given neither, the bundled synthetic class, on its own items.

    >>> class_scores().source
    'the bundled synthetic class'
    """
    from ..datasets import SYNTHETIC_CLASS, SYNTHETIC_KEY

    if room is not None:
        folder = Path(room).expanduser()
        if not folder.is_dir():
            raise DataError([Problem(str(room), None, None, _no_folder(folder))])
        responses = folder / "responses.csv"
        if not responses.is_file():
            raise DataError(
                [
                    Problem(
                        str(room),
                        None,
                        None,
                        "holds no responses.csv: close the round first (its Close button, or the same "
                        "rolekit room command with --close), and give the folder it wrote into (--out)",
                    )
                ]
            )
        return score_sheets(responses, key)._replace(source=f"the room in {room}")
    if sheets is not None:
        return score_sheets(sheets, key)
    return score_sheets(SYNTHETIC_CLASS, SYNTHETIC_KEY)._replace(source=SYNTHETIC)


def _no_folder(folder: Path) -> str:
    """Why ``folder`` is no room: it does not exist here; a did-you-mean when a closed room sits one or two folders up.

    A notebook runs in its own folder: ``build/lab/`` is two folders below where
    ``rolekit room`` was run, ``notebooks/`` one.
    """
    said = (
        f"no such folder (from {Path.cwd()}, it would be {folder.resolve()}): give the folder "
        "rolekit room wrote into on Close (--out), in full or from this notebook's folder"
    )
    if folder.is_absolute():
        return said
    for up in ("..", "../.."):
        if (Path(up) / folder / "responses.csv").is_file():
            return f"{said} (did you mean {(Path(up) / folder).as_posix()!r}?)"
    return said


def scored_items(scores: Scores) -> pd.DataFrame:
    """The items the scored class answered, as they saw them: item and responsibility.

    >>> items = scored_items(class_scores())
    >>> items.columns.tolist(), items["item"].iloc[0], len(items)
    (['item', 'responsibility'], 'Q01', 16)
    """
    return scores.items.drop_duplicates("item")[["item", "responsibility"]].reset_index(drop=True)


def scored_class(scores: Scores, table: pd.DataFrame | None = None) -> str:
    """Which class these scores are of, and whether its items come from ``table`` (the notebook's table).

    Computed, so that a notebook run on another table never presents a class as if it
    had answered that table's items.

    >>> import rolekit
    >>> print(scored_class(class_scores(), rolekit.load_responsibilities()))  # doctest: +ELLIPSIS
    These are the scores of the bundled synthetic class (12 invented participants... All 16 come from the table...
    """
    items = scored_items(scores)
    people = scores.participants["participant"].nunique()
    n = counted(len(items), "item")
    if scores.source == SYNTHETIC:
        said = (
            f"These are the scores of the bundled synthetic class ({counted(people, 'invented participant')} whose "
            "answers rolekit generated with seeded, realistic disagreement: nobody real answered) on its own "
            f"{n}, listed below."
        )
    else:
        who = scores.source or "the sheets given"
        said = f"These are the scores of {who}: {counted(people, 'participant')}, on {n}, listed below."
    if table is None or "responsibility" not in table:
        return said
    wording = {" ".join(str(r).casefold().split()) for r in table["responsibility"].dropna()}
    here = sum(" ".join(str(r).casefold().split()) in wording for r in items["responsibility"])
    where = "the bundled table" if scores.source == SYNTHETIC else "another table"
    if here == len(items):
        return f"{said} All {len(items)} come from the table this notebook runs on."
    if here == 0:
        return (
            f"{said} None of them comes from the table this notebook runs on: they come from {where}. To score a room "
            "on this table, draw its worksheet (`rolekit worksheet --data`), run `rolekit room`, and set `room` above."
        )
    return (
        f"{said} They come from {where}: only {here} of them are also in the table this notebook runs on, so "
        "these scores are not about it."
    )


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the word, agreeing with it.

    >>> counted(1, "participant"), counted(4, "participant"), counted(0, "sheet"), counted(2, "was", "were")
    ('1 participant', '4 participants', '0 sheets', '2 were')
    """
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _skipped(scores: Scores) -> str:
    """``3 sheets skipped`` / ``1 row skipped``: what was read but not used, as the summary says it."""
    sheets = sum(1 for p in scores.problems if p.message.startswith("skipped") and p.line is None)
    rows = sum(1 for p in scores.problems if p.message.startswith("skipped") and p.line is not None)
    return " and ".join(counted(k, what) + " skipped" for k, what in ((sheets, "sheet"), (rows, "form row")) if k)


def _them(scores: Scores) -> str:
    """The word for what was skipped: it, for one sheet or row; them, for more."""
    return "it" if sum(p.message.startswith("skipped") for p in scores.problems) == 1 else "them"


def summary(scores: Scores, source: str | None = None) -> str:
    """A short paragraph on the room's agreement, computed from the scores; ``source``: where the answers came from.

    >>> import rolekit
    >>> summary(score_sheets(rolekit.SYNTHETIC_CLASS)).split(". ")[0]
    '12 participants scored from 1 file'
    """
    used = scores.participants["participant"].nunique()
    skipped = _skipped(scores)
    parts = [
        f"{counted(used, 'participant')} scored from {source or counted(scores.sheets, 'file')}"
        + (f"; {skipped}" if skipped else "")  # each named, with why, where the problems are listed
        + "."
    ]
    defined = scores.agreement["fleiss_kappa"].map(np.isfinite)
    if not defined.any():
        parts.append(
            "Agreement in the room is not defined on any dimension: no item was answered by two participants or more."
        )
    for r, ok in zip(scores.agreement.itertuples(index=False), defined):
        alpha = two_places(r.krippendorff_alpha) if np.isfinite(r.krippendorff_alpha) else "not defined"
        said = (
            f"{r.band} agreement in the room (Fleiss' kappa {two_places(r.fleiss_kappa)}, "
            f"Krippendorff's alpha {alpha}); "
            if ok
            else "agreement not defined (no item answered twice); "
            if defined.any()
            else ""
        )
        matched = f"{pct(r.key_accuracy)} of answers match the key" if r.answers else "no answer given"
        parts.append(f"{r.dimension.capitalize()}: {said}{matched}.")
    under = scores.participants.loc[scores.participants["note"].ne(""), "participant"].nunique()
    if under:
        parts.append(
            f"{counted(under, 'participant')} answered under half the items on some dimension, so "
            f"{'is' if under == 1 else 'are'} not ranked there."
        )
    if (scores.items["agreement"] < 1).any():
        d = disputed(scores, 1).iloc[0]
        gave = (
            f"{pct(d['agreement'])} gave each of {d['modal_answer']}"  # an even split: no one answer won
            if " / " in str(d["modal_answer"])
            else f"{pct(d['agreement'])} gave the most common answer, {d['modal_answer']}"
        )
        parts.append(
            f'Most disputed: {d["item"]}, "{d["responsibility"]}" ({d["dimension"]}: {gave}; the key says {d["key"]}).'
        )
    elif (scores.items["answered"] >= 2).any():
        parts.append("No item was disputed: on every item and dimension, everyone who answered gave the same answer.")
    return " ".join(parts)


def report_html(scores: Scores, charts: dict[str, tuple[bytes, str]], source: str | None = None) -> str:
    """A short page for the screen: the summary, the charts (with their titles as alt text), the disputed items.

    ``charts`` maps a name to the PNG bytes and the alt text. Participants appear only as P1, P2...
    ``source``: where the answers came from, for the summary (:func:`summary`).
    """
    figures = "".join(
        f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}"></figure>'
        for png, alt in charts.values()
    )
    rows = "".join(
        f"<tr><td>{escape(r.item)}</td><td>{escape(r.responsibility)}</td><td>{escape(r.dimension)}</td>"
        f"<td>{pct(r.agreement)}</td><td>{escape(str(r.modal_answer))}</td><td>{escape(str(r.key))}</td></tr>"
        for r in disputed(scores).itertuples(index=False)
    )
    disputes = (
        "<table><tr><th>item</th><th>responsibility</th><th>dimension</th><th>most common answer given by</th>\n"
        f"<th>most common answer</th><th>key</th></tr>{rows}</table>"
        if rows
        else "<p>None: on every item, everyone who answered gave the same answers.</p>"
    )
    skipped = escape(_skipped(scores)).capitalize()
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tagging exercise: results</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 20px; max-width: 1280px; margin: 1em auto;
  padding: 0 1em; }}
img {{ width: 100%; }} table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #aaa; padding: 4px 8px; text-align: left; overflow-wrap: anywhere; }}
</style>
</head><body><main>
<h1>Tagging exercise: results</h1>
<p>{escape(summary(scores, source))}</p>
{figures}
<h2>Most disputed items</h2>
{disputes}
{f"<p>{skipped}: <code>rolekit score</code> lists {_them(scores)}, with why.</p>" if skipped else ""}
</main></body></html>
"""
