"""The room's statistics while it answers, computed off the request path.

A thread of its own recomputes them when answers have changed, at most once a
second, from the SQLite file (on a connection of its own), and keeps the result
as :attr:`Live.snapshot` for the facilitator's page to read. Under the real
server the scoring itself runs in a process of its own (``apart``), so that its
pandas work never holds the server's interpreter lock while phones wait. A tagging round is
scored exactly as ``rolekit score`` scores it (:func:`rolekit.exercise.score`); a
RACI round's agreement on who is accountable and who is responsible comes from
the same :func:`rolekit.exercise.agreement`. Answers never wait for it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from ..exercise import Responses, agreement, disputed, score
from ..findings import pct
from ..text import two_places
from .rounds import Round
from .store import Store, read_tables

__all__ = ["Live", "room_answers", "statistics"]


def room_answers(round: Round, people: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The stored answers as rolekit's scoring reads them: participant (P1...), item, dimension, answer."""
    fields = round.fields
    known = stored[stored["field"].isin(list(fields))]
    return pd.DataFrame(
        {
            "participant": "P" + known["participant"].astype(str),
            "item": [f.rsplit("-", 1)[0] for f in known["field"]],
            "dimension": [fields[f].dimension for f in known["field"]],
            "answer": known["value"].astype(str),
        }
    ).reset_index(drop=True)


def _number(x: float) -> str:
    return two_places(x) if np.isfinite(x) else "—"


def statistics(round: Round, people: pd.DataFrame, stored: pd.DataFrame) -> dict[str, Any]:
    """What the facilitator's page shows, computed from everything stored; no names.

    ``text`` holds each value as the page writes it, under the key of the element
    that shows it; ``agreement`` the numbers themselves, per dimension.
    """
    answers = room_answers(round, people, stored)
    ids = [q.id for q in round.questions]
    wording = {q.id: q.text for q in round.questions}
    if round.kind == "tagging" and round.key is not None:
        codes = people.assign(participant=people["code"], file="")[["participant", "name", "file"]]
        scores = score(Responses(answers, codes, [], len(people)), round.key)
        overall, per_item = scores.agreement, scores.items
        worst = disputed(scores, 1)
    else:
        overall, per_item = agreement(answers, ids, round.dimensions)
        split = per_item[per_item["answered"] >= 2].sort_values(["agreement", "item"], kind="stable")
        worst = split.head(1)
    worst = worst[worst["agreement"] < 1]
    if len(worst):
        w = worst.iloc[0]
        gave = (
            f"{pct(w['agreement'])} gave each of {w['modal_answer']}"  # an even split
            if " / " in str(w["modal_answer"])
            else f"{pct(w['agreement'])} gave the most common answer, {w['modal_answer']}"
        )
        said = f"{w['item']} · {wording[w['item']]} ({w['dimension']}: {gave})"
    elif (per_item["answered"] >= 2).any():
        said = "none: on every item answered twice or more, everyone gave the same answers"
    else:
        said = "none yet: no item has two answers"
    answered_by = answers.groupby("item")["participant"].nunique()
    text: dict[str, str] = {
        "joined": str(len(people)),
        "answered": str(answers["participant"].nunique()),
        "answers": str(len(answers)),
        "disputed": said,
    }
    for r in overall.itertuples(index=False):
        text[f"{r.dimension}-kappa"] = _number(r.fleiss_kappa)
        text[f"{r.dimension}-alpha"] = _number(r.krippendorff_alpha)
        text[f"{r.dimension}-band"] = r.band if np.isfinite(r.fleiss_kappa) else "—"
    undefined = any("—" in v for k, v in text.items() if k.endswith(("-kappa", "-alpha", "-band")))
    text["undefined"] = "— : not defined yet (it needs an item answered by two people or more)" if undefined else ""
    for i in ids:
        text[f"item-{i}"] = str(int(answered_by.get(i, 0)))
    numbers = overall[["dimension", "fleiss_kappa", "krippendorff_alpha"]].astype(object)
    numbers = numbers.where(numbers.map(lambda v: not isinstance(v, float) or np.isfinite(v)), None)
    return {"text": text, "agreement": numbers.to_dict("records"), "closed": False}


_ROUND: Round | None = None  # in the scoring process: the round, sent once


def _remember(round: Round, parent: int) -> None:
    """The scoring process's start: keep the round, and end when the server (``parent``) does, even after kill -9.

    Ctrl-C in the terminal reaches every process of the command: this one leaves it to the
    server, which stops it once the phones' connections are closed (before, its traceback
    filled the facilitator's terminal).
    """
    global _ROUND
    _ROUND = round
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="rolekit-orphan-watch", daemon=True).start()


def _score_apart(path: str) -> dict[str, Any]:
    """In the scoring process: the statistics of the SQLite file at ``path``."""
    assert _ROUND is not None
    people, stored = read_tables(path)
    return statistics(_ROUND, people, stored)


class Live:
    """Statistics of ``store``'s answers to ``round``, kept fresh by a thread of its own while the room runs.

    ``apart``: score in a separate process (the real server), not in this one (tests through the ASGI client).
    """

    def __init__(self, round: Round, store: Store, interval: float = 1.0, apart: bool = False):
        self.round, self.store, self.interval = round, store, interval
        self._stop = threading.Event()
        self._seen = -1
        self._thread: threading.Thread | None = None
        self._pool: ProcessPoolExecutor | None = None
        if apart:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                1, mp_context=context, initializer=_remember, initargs=(round, os.getpid())
            )
            self._pool.submit(int)  # start it now, at start-up, not when the room first answers
        self.snapshot = self.compute(here=True)

    def compute(self, here: bool = False) -> dict[str, Any]:
        """The statistics now; in the scoring process unless ``here`` (or there is none)."""
        self._seen = self.store.version
        if self._pool is not None and not here:
            return self._pool.submit(_score_apart, str(self.store.path)).result(timeout=120)
        people, stored = self.store.table()
        return statistics(self.round, people, stored)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self.store.version != self._seen:
                try:
                    self.snapshot = self.compute()
                except Exception as err:  # the page keeps the last figures; the terminal says why
                    print(f"rolekit room: live statistics not updated: {err}", flush=True)
                    time.sleep(self.interval)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="rolekit-live", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
