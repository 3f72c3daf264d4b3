"""Close: the round's answers written into ``--out`` as the files the rest of rolekit reads.

A tagging round writes ``responses.csv``, the one-row-per-participant form export
``rolekit score`` reads, then scores it with the very code ``rolekit score --out``
runs (:func:`rolekit.score_sheets`, :func:`rolekit.charts.exercise.save_scores`):
``scores.csv``, ``items.csv``, ``confusion.csv``, three charts and ``report.html``.
A RACI round writes ``responses.csv``, the room's RACI as ``raci.csv`` (the wide form
``rolekit raci`` reads), the split per decision as ``raci_split.csv``, and
``raci.png``, the room's RACI against the articles'.

Names appear only in ``responses.csv`` and ``scores.csv``; a participant who gave no
name is their code there (P1, P2...).
"""

from __future__ import annotations

import base64
import json
import threading
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..output import Output
from ..validate import DataError
from .live import room_answers
from .raci import room_raci
from .rounds import Round
from .store import Store

__all__ = ["RACI_FILES", "Closed", "close", "kept", "planned", "responses_table"]

RACI_FILES = ("responses.csv", "raci.csv", "raci_split.csv", "raci.png")
_ONE_AT_A_TIME = threading.Lock()  # pyplot is not thread-safe: one Close draws at a time


class Closed(NamedTuple):
    """What Close wrote: the files, a summary in words, the charts (PNG bytes and alt text) to show."""

    written: list[Path]
    summary: str
    charts: list[tuple[bytes, str]]


def planned(round: Round) -> list[str]:
    """The files Close writes, so that ``--out`` is checked for them before the room opens.

    >>> import rolekit
    >>> from rolekit.room import raci_round
    >>> planned(raci_round(rolekit.EXAMPLE_RACI))
    ['responses.csv', 'raci.csv', 'raci_split.csv', 'raci.png']
    """
    from ..charts.exercise import SCORE_FILES

    return ["responses.csv", *SCORE_FILES] if round.kind == "tagging" else list(RACI_FILES)


def responses_table(round: Round, people: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """One row per participant who answered, in the order they joined: their name (or code), then each field.

    The columns are ``participant`` and one per item and dimension, ``Q01 role``...
    (``D01 accountable``... for a RACI round): a form export, as ``rolekit score`` reads it.
    """
    fields = list(round.fields)
    grid = stored.pivot_table(index="participant", columns="field", values="value", aggfunc="last")
    grid = grid.reindex(columns=fields).astype(object)
    grid = grid.where(grid.notna(), "")
    people = people[people["id"].isin(grid.index)]
    table = pd.DataFrame({"participant": [n or c for n, c in zip(people["name"], people["code"])]})
    for f in fields:
        item, dimension = f.rsplit("-", 1)
        table[f"{item} {dimension}"] = grid.loc[people["id"], f].to_numpy() if len(people) else []
    return table


def close(round: Round, store: Store, out: str | Path) -> Closed:
    """Write the round's results into ``out`` (see the module's description); the round must be closed first."""
    import matplotlib

    matplotlib.use("Agg")
    with _ONE_AT_A_TIME:
        folder = Output(out, planned(round))
        people, stored = store.table()
        written = [folder.write_csv("responses.csv", responses_table(round, people, stored))]
        if round.kind == "tagging":
            done = _tagging(round, folder, written)
        else:
            done = _raci(round, folder, written, room_answers(round, people, stored))
    silent = len(people) - stored["participant"].nunique()
    if silent:  # joined, then answered nothing: not in responses.csv, said here
        from ..exercise.scoring import counted

        said = f"{counted(silent, 'participant')} joined but answered nothing, so they are not counted."
        done = done._replace(summary=f"{done.summary} {said}")
    kept = {
        "written": [str(p) for p in done.written],
        "summary": done.summary,
        "charts": [[base64.b64encode(png).decode("ascii"), alt] for png, alt in done.charts],
    }
    store.set_meta("result", json.dumps(kept))  # what the facilitator's page shows again after a restart
    return done


def kept(store: Store) -> Closed | None:
    """What the last Close of this round showed (its files, summary and charts), as the store keeps it; None before.

    A restarted room shows the facilitator the results again from here, whatever became
    of the files since (a ``scores.csv`` opened and saved in a spreadsheet, say).
    """
    said = store.meta("result")
    if said is None:
        return None
    found = json.loads(said)
    charts = [(base64.b64decode(png), alt) for png, alt in found["charts"]]
    return Closed([Path(p) for p in found["written"]], found["summary"], charts)


def _tagging(round: Round, folder: Output, written: list[Path]) -> Closed:
    from ..charts.exercise import save_scores
    from ..exercise import score_sheets, summary

    try:
        scores = score_sheets(written[0], round.key_path)
    except DataError:  # nobody answered: the responses file says so, and there is nothing to score
        return Closed(written, "Nobody answered, so there is nothing to score.", [])
    files, charts = save_scores(scores, folder, "the room's answers")
    return Closed(written + files, summary(scores, "the room's answers"), charts)


def _raci(round: Round, folder: Output, written: list[Path], answers: pd.DataFrame) -> Closed:
    from ..decisions import load_decisions, raci_summary

    wide, split, notes = room_raci(round, answers)
    written.append(folder.write_csv("raci.csv", wide))
    written.append(folder.write_csv("raci_split.csv", split))
    if wide.empty:
        return Closed(written, "Nobody answered, so the room has no RACI.", [])
    articles = load_decisions()
    try:
        mine = load_decisions(written[1])
    except DataError as err:  # what rolekit raci would say of this file, said here too
        reasons = "; ".join(p.message for p in err.problems[:3])
        return Closed(
            written,
            " ".join([*notes, f"raci.png is not drawn: rolekit raci cannot read raci.csv ({reasons})."]),
            [],
        )
    from ..charts import alt_text, plot_raci, save_chart

    # the articles' letters on the decisions the room answered: those nobody answered are in the notes
    asked = set(mine["decision"].str.casefold())
    answered = articles[articles["decision"].str.casefold().isin(asked)]
    articles = answered if len(answered) else articles  # a template of the team's own decisions: said so, in full
    ax = plot_raci(mine, against=articles, name="the articles")
    alt = alt_text(ax, plot_raci.kind)
    png = save_chart(ax, folder, "raci", plot_raci.kind)
    written.append(png)
    said = raci_summary(mine, against=articles, name="the articles")
    return Closed(written, " ".join([said, *notes]), [(png.read_bytes(), alt)])
