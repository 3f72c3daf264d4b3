"""What a round asks: its questions, the fields each answer goes in, and the values each field allows.

A round is one of two kinds:

- a **tagging** round (:func:`tagging_round`) serves the items of a ``rolekit
  worksheet`` folder: for each item, a role, a scope and a horizon, in fields named
  ``Q03-role``, ``Q03-scope``, ``Q03-horizon``, whose values are the answers as the
  key writes them. The key itself stays on the laptop: only the items' wording and
  the allowed values are ever sent to a phone.
- a **RACI** round (:func:`raci_round`) serves the decisions of a RACI template:
  for each, who is accountable and who is responsible, in fields named
  ``D01-accountable`` and ``D01-responsible``, whose values are the roles.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..decisions import role_columns
from ..exercise import DIMENSIONS, read_key, unguard
from ..reader import read_table
from ..text import clean, fault
from ..validate import ALLOWED, DataError, Problem, Schema

__all__ = ["RACI_DIMENSIONS", "Field", "Question", "Round", "raci_round", "tagging_round"]

RACI_DIMENSIONS = ("accountable", "responsible")
_TEMPLATE = Schema(required=("decision",), optional=("id",), keys=("id",), row="decision", aliases=False)
_NOT_ROLES = ("id", "decision", "source", "section", "role", "raci")  # a RACI table's own columns: not a role's name
MAX_ROLES = 12  # the most a RACI round offers: a phone shows each as a button, and the chart holds 12 roles


@dataclass(frozen=True)
class Field:
    """One answer on the page: its form field name, its dimension, the values allowed (as the key writes them)."""

    name: str  # Q03-scope, D01-accountable
    dimension: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One item (or decision) of a round: its id, its wording, and its fields."""

    id: str  # Q03, D01
    text: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Round:
    """What a round asks, and what rolekit needs to score it (which stays on the laptop).

    ``kind`` is ``"tagging"`` or ``"raci"``; ``key`` the answer key of a tagging round
    (never served); ``key_path`` where it was read; ``decisions`` the RACI template's
    rows (id, decision) of a RACI round.
    """

    kind: str
    title: str
    questions: tuple[Question, ...]
    dimensions: tuple[str, ...]
    key: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    key_path: Path | None = None
    decisions: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    roles: tuple[str, ...] = ()

    @functools.cached_property
    def fields(self) -> dict[str, Field]:
        """Every field of the round by its name: what a submitted form may hold."""
        return {f.name: f for q in self.questions for f in q.fields}

    @property
    def fingerprint(self) -> str:
        """A hash of what the round asks, so a restart can tell it is serving the same round."""
        said = [[self.kind, q.id, q.text, [[f.name, list(f.choices)] for f in q.fields]] for q in self.questions]
        return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()

    def body_limit(self, name_chars: int) -> int:
        """The most bytes a page's form can send, with room to spare: every field at its longest value, url-encoded.

        At least 4 KB; a round of 16 items needs about that.
        """
        fields = sum(len(f.name) + 1 + 9 * max(len(c) for c in f.choices) + 1 for f in self.fields.values())
        return max(4096, fields + 12 * name_chars + 1024)


def tagging_round(exercise: str | os.PathLike[str]) -> Round:
    """The round of a ``rolekit worksheet`` folder: its items, each with a role, a scope and a horizon to choose.

    The roles offered are those of the key (as the printed sheet offers them).

    >>> import rolekit
    >>> r = tagging_round(rolekit.SYNTHETIC_KEY.parent.parent)
    >>> r.questions[2].fields[1]
    Field(name='Q03-scope', dimension='scope', choices=('internal', 'external'))
    """
    folder = Path(exercise).expanduser()
    path = folder / "key" / "answer_key.csv"
    if not path.is_file():
        said = "no such folder" if not folder.exists() else "holds no key/answer_key.csv"
        raise DataError(
            [
                Problem(
                    str(folder),
                    None,
                    None,
                    f"{said}; give the folder `rolekit worksheet --out` wrote (it holds key/answer_key.csv)",
                )
            ]
        )
    key = read_key(path)
    roles = tuple(sorted(key["role"].unique(), key=str.casefold))
    choices = {"role": roles, "scope": ALLOWED["scope"], "horizon": ALLOWED["horizon"]}
    questions = tuple(
        Question(
            item,
            str(text),
            tuple(Field(f"{item}-{d}", d, tuple(choices[d])) for d in DIMENSIONS),
        )
        for item, text in zip(key["item"], key["responsibility"])
    )
    return Round("tagging", "Who does it?", questions, DIMENSIONS, key=key, key_path=path, roles=roles)


def raci_round(template: str | os.PathLike[str], roles: list[str] | None = None) -> Round:
    """The round of a RACI template: for each decision, the role accountable and the role responsible.

    ``template`` is a file ``rolekit raci --template`` writes (id, decision, one
    column per role; the cells may be blank); ``roles`` the roles to choose among,
    by default the template's role columns.

    >>> import rolekit
    >>> r = raci_round(rolekit.EXAMPLE_RACI, ["CEO", "COO", "Board"])
    >>> r.questions[0].id, r.questions[0].fields[0].name, r.roles
    ('D01', 'D01-accountable', ('CEO', 'COO', 'Board'))
    """
    name = str(template)
    table = read_table(template, _TEMPLATE)
    for column in table.columns:
        table[column] = table[column].map(lambda v: unguard(v) if isinstance(v, str) else v)
    columns = [unguard(c) for c in role_columns(table.columns)]
    chosen = _roles(name, roles if roles is not None else columns)
    decisions = table["decision"].map(clean)
    problems = [
        Problem(name, None, "decision", f"'{d}' appears twice; each decision once")
        for d in decisions[decisions.str.casefold().duplicated()]
    ]
    if problems:
        raise DataError(problems)
    ids = table["id"].fillna("").tolist() if "id" in table else [f"D{i + 1:02d}" for i in range(len(table))]
    ids = [i if i and re.fullmatch(r"[A-Za-z0-9_]{1,12}", i) else f"D{k + 1:02d}" for k, i in enumerate(ids)]
    if len(set(ids)) != len(ids):
        ids = [f"D{k + 1:02d}" for k in range(len(ids))]
    questions = tuple(
        Question(i, d, tuple(Field(f"{i}-{dim}", dim, chosen) for dim in RACI_DIMENSIONS))
        for i, d in zip(ids, decisions)
    )
    rows = pd.DataFrame({"id": ids, "decision": decisions.tolist()})
    return Round("raci", "Who decides?", questions, RACI_DIMENSIONS, decisions=rows, roles=chosen)


def _roles(name: str, given: list[str]) -> tuple[str, ...]:
    """The roles a RACI round offers, checked: 1 to 12 distinct names of at most 40 characters."""
    roles = [clean(r) for r in given if clean(r)]
    problems = [
        Problem(name, None, "roles", f"'{r}' {why}")
        for r in roles
        for why in [fault(r) or ("is longer than 40 characters; shorten it" if len(r) > 40 else None)]
        if why
    ]
    problems += [
        Problem(name, None, "roles", f"'{r}' is the name of a RACI table's own column; call the role something else")
        for r in roles
        if r.casefold() in _NOT_ROLES
    ]
    seen: set[str] = set()
    for r in roles:
        if r.casefold() in seen:
            problems.append(Problem(name, None, "roles", f"'{r}' is given twice; name each role once"))
        seen.add(r.casefold())
    if not 1 <= len(roles) <= MAX_ROLES:
        problems.append(
            Problem(
                name,
                None,
                "roles",
                f"a RACI round needs 1 to {MAX_ROLES} roles, got {len(roles)}; give them with --roles "
                '"CEO,COO,CFO,Board" or as the template\'s columns',
            )
        )
    if problems:
        raise DataError(problems)
    return tuple(roles)
