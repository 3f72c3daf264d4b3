"""The room's RACI: from every participant's A and R per decision, the majority, and how the room split.

Each participant names one role accountable and one role responsible for each
decision. The room's RACI gives each decision the role most of them named for A
and the one most named for R, written in the wide form ``rolekit raci`` reads:
``A`` and ``R`` in their roles' columns, ``A/R`` where one role holds both. A tie
goes to the role named first in the round's roles, and the split table says so.
"""

from __future__ import annotations

import pandas as pd

from ..exercise import counted
from .rounds import RACI_DIMENSIONS, Round

__all__ = ["room_raci"]

_LETTER = {"accountable": "A", "responsible": "R"}


def room_raci(round: Round, answers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The room's RACI (wide), the split per decision (one row per decision, letter and role), and notes in words.

    ``answers``: participant, item (the decision's id), dimension (accountable or
    responsible), answer (a role). A decision nobody answered is left out of the
    RACI and named in the notes.

    >>> from rolekit.room.rounds import raci_round
    >>> import rolekit
    >>> r = raci_round(rolekit.EXAMPLE_RACI, ["CEO", "COO"])
    >>> a = pd.DataFrame({"participant": ["P1", "P2", "P1", "P2"], "item": "D01",
    ...                   "dimension": ["accountable", "accountable", "responsible", "responsible"],
    ...                   "answer": ["CEO", "CEO", "CEO", "COO"]})
    >>> wide, split, notes = room_raci(r, a)
    >>> wide[["id", "CEO", "COO"]].values.tolist()
    [['D01', 'A/R', '']]
    >>> notes[0]
    "D01: R is a tie (CEO 1, COO 1); it goes to CEO, the first of the round's roles."
    """
    assert round.decisions is not None, "a RACI round"
    roles = list(round.roles)
    rows, split, notes, silent = [], [], [], []
    for decision in round.decisions.itertuples(index=False):
        mine = answers[answers["item"] == decision.id]
        cells = dict.fromkeys(roles, "")
        if mine.empty:
            silent.append(decision.id)
            continue
        for dimension in RACI_DIMENSIONS:
            votes = mine[mine["dimension"] == dimension]["answer"].value_counts().reindex(roles, fill_value=0)
            total = int(votes.sum())
            top = votes.max()
            leaders = [r for r in roles if votes[r] == top] if total else []
            if len(leaders) > 1:
                shown = ", ".join(f"{r} {votes[r]}" for r in leaders)
                notes.append(
                    f"{decision.id}: {_LETTER[dimension]} is a tie ({shown}); it goes to {leaders[0]}, the first of "
                    "the round's roles."
                )
            if not total:
                notes.append(f"{decision.id}: nobody named a role {dimension}, so it has no {_LETTER[dimension]}.")
            for r in roles:
                split.append(
                    {
                        "id": decision.id,
                        "decision": decision.decision,
                        "letter": _LETTER[dimension],
                        "role": r,
                        "votes": int(votes[r]),
                        "share": votes[r] / total if total else float("nan"),
                        "room's choice": "yes" if leaders and r == leaders[0] else "",
                    }
                )
            if leaders:
                cells[leaders[0]] = "/".join(filter(None, [cells[leaders[0]], _LETTER[dimension]]))
        rows.append({"id": decision.id, "decision": decision.decision, **cells})
    if silent:
        notes.append(
            f"{counted(len(silent), 'decision')} nobody answered ({', '.join(silent)}) "
            f"{'is' if len(silent) == 1 else 'are'} left out of the room's RACI."
        )
    wide = pd.DataFrame(rows, columns=["id", "decision", *roles])
    columns = ["id", "decision", "letter", "role", "votes", "share", "room's choice"]
    return wide, pd.DataFrame(split, columns=columns), notes
