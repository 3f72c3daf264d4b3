"""Where a round's answers live: one SQLite file in the ``--out`` folder, every answer committed before the reply.

The standard library's ``sqlite3`` in WAL mode with ``synchronous=FULL``: an answer
the server has acknowledged is on disk, and survives ``kill -9`` (and a power cut).
The file also keeps the round's join code and facilitator secret, so a server
started again on the same folder keeps its links, and the round goes on. A phone
is known by an opaque random token (its cookie), stored only as a hash. A named
participant's page shows a six-digit rejoin code, made from that hash: with their
name and it, they carry on from another phone or browser (:meth:`Store.rejoin`).

One answer per participant and field: the last one counts.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..validate import DataError, Problem

__all__ = ["FILE", "Committer", "NameTaken", "Store", "read_tables"]

FILE = "room.sqlite"
_APPLICATION_ID = 0x726F6C65  # "role": marks the file as a rolekit room, so no other SQLite file is ever used
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    name_key TEXT NOT NULL DEFAULT '',
    joined REAL NOT NULL
);
CREATE UNIQUE INDEX one_name ON participants (name_key) WHERE name_key != '';
CREATE TABLE answers (
    participant INTEGER NOT NULL REFERENCES participants (id),
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    saved REAL NOT NULL,
    PRIMARY KEY (participant, field)
) WITHOUT ROWID;
"""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _rejoin_code(hashed: str) -> str:
    """The six digits a participant known by the token hash ``hashed`` rejoins with."""
    return f"{int(hashlib.sha256(f'rejoin:{hashed}'.encode()).hexdigest()[:15], 16) % 10**6:06d}"


def read_tables(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A room's file read whole, on a connection of its own: participants (code, id, name, joined), and answers
    (participant, field, value, saved), one row each."""
    db = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True, timeout=10)
    try:
        people = pd.read_sql_query("SELECT id, name, joined FROM participants ORDER BY id", db)
        answers = pd.read_sql_query(
            "SELECT participant, field, value, saved FROM answers ORDER BY participant, field", db
        )
    finally:
        db.close()
    people.insert(0, "code", "P" + people["id"].astype(str))
    return people, answers


class NameTaken(Exception):
    """A participant of the round has that name already."""


class Store:
    """A round's answers in ``folder/room.sqlite``, made on first use and found again after a restart.

    ``fingerprint`` identifies the round (:attr:`rolekit.room.rounds.Round.fingerprint`):
    a file made for another round is refused, and so is a file of that name that
    rolekit did not make.

    >>> import tempfile
    >>> store = Store(tempfile.mkdtemp(), "round-1")
    >>> token, code = store.join("Ana", "ana")
    >>> store.save(store.participant(token)["id"], {"Q01-scope": "internal"})
    1
    >>> store.answers_of(store.participant(token)["id"]), code
    ({'Q01-scope': 'internal'}, 'P1')

    On another phone, Ana's name and the rejoin code her page shows give that phone
    her place, and her answers; the first phone's cookie no longer counts:

    >>> other = store.rejoin("ana", store.participant(token)["rejoin"])
    >>> store.answers_of(store.participant(other)["id"]), store.participant(token)
    ({'Q01-scope': 'internal'}, None)
    """

    def __init__(self, folder: str | Path, fingerprint: str):
        self.path = Path(folder) / FILE
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            raise DataError(
                [
                    Problem(
                        str(self.path), None, None, "is not a file rolekit made; not touching it: choose another --out"
                    )
                ]
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.db = self._connect()
        self.version = 0  # counts changes since start, for the live statistics to notice
        if self._empty():  # new, or made by a start that was killed before its first commit
            with self._lock:
                self.db.execute("BEGIN IMMEDIATE")
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
                for key, value in {
                    "fingerprint": fingerprint,
                    "join_code": secrets.token_urlsafe(16),  # 128 random bits
                    "facilitator_secret": secrets.token_urlsafe(24),
                    "facilitator_cookie": secrets.token_urlsafe(32),
                    "created": str(time.time()),
                }.items():
                    self.db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))
                self.db.execute("COMMIT")
        else:
            self._check(fingerprint)
        self._load()
        self.read = self._connect()  # for reads from the request path, never inside the writer's transaction

    def _empty(self) -> bool:
        try:
            return self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        except sqlite3.DatabaseError:  # not an SQLite file: _check says so
            return False

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError:  # not an SQLite file: _check says so
            pass
        return db

    def _check(self, fingerprint: str) -> None:
        try:
            made = self.db.execute("PRAGMA application_id").fetchone()[0] == _APPLICATION_ID
            row = self.db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone() if made else None
            ours = row is not None and row[0] == fingerprint
        except sqlite3.DatabaseError:
            made = ours = False
        if not made:
            self.db.close()
            raise DataError(
                [
                    Problem(
                        str(self.path),
                        None,
                        None,
                        "exists and was not made by rolekit room; not touching it: choose another --out, "
                        "or move it away",
                    )
                ]
            )
        if not ours:
            self.db.close()
            raise DataError(
                [
                    Problem(
                        str(self.path),
                        None,
                        None,
                        "holds the answers of another round (other items or roles); give this round another --out, "
                        "or move that folder away",
                    )
                ]
            )

    def _load(self) -> None:
        """What every request asks, read once: the round's codes and state, and who has joined."""
        self._meta = {str(k): str(v) for k, v in self.db.execute("SELECT key, value FROM meta")}
        self._people = {
            str(row["token"]): {"id": int(row["id"]), "name": str(row["name"]), "key": str(row["name_key"])}
            for row in self.db.execute("SELECT id, token, name, name_key FROM participants")
        }

    def meta(self, key: str) -> str | None:
        return self._meta.get(key)

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self.db.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value)
            )
            self._meta[key] = value

    @property
    def join_code(self) -> str:
        return self._meta["join_code"]

    @property
    def facilitator_secret(self) -> str:
        return self._meta["facilitator_secret"]

    @property
    def facilitator_cookie(self) -> str:
        return self._meta["facilitator_cookie"]

    @property
    def closed(self) -> bool:
        return "closed" in self._meta

    def close_round(self) -> None:
        """Mark the round closed (committed): from now on, answers are refused."""
        self.set_meta("closed", str(time.time()))
        self.version += 1

    def join(self, name: str, name_key: str = "", limit: int | None = None) -> tuple[str, str] | None:
        """A new participant: returns the token for their cookie, and their code (P1, P2... in the order they joined).

        ``name_key``: the name as compared (a name is taken once per round); blank for no name. None when the
        round already has ``limit`` participants; :class:`NameTaken` when someone has that name.
        """
        token = secrets.token_urlsafe(32)
        with self._lock:
            if limit is not None and len(self._people) >= limit:
                return None
            try:
                cursor = self.db.execute(
                    "INSERT INTO participants (token, name, name_key, joined) VALUES (?, ?, ?, ?)",
                    (_hash(token), name, name_key, time.time()),
                )
            except sqlite3.IntegrityError:
                raise NameTaken(name) from None
            self._people[_hash(token)] = {"id": int(cursor.lastrowid or 0), "name": name, "key": name_key}
            self.version += 1
        return token, f"P{cursor.lastrowid}"

    def rename(self, participant: int, name: str, name_key: str) -> None:
        with self._lock:
            try:
                self.db.execute(
                    "UPDATE participants SET name = ?, name_key = ? WHERE id = ?", (name, name_key, participant)
                )
            except sqlite3.IntegrityError:
                raise NameTaken(name) from None
            for who in self._people.values():
                if who["id"] == participant:
                    who["name"], who["key"] = name, name_key
            self.version += 1

    def name_taken(self, name_key: str, by: int | None = None) -> bool:
        return any(who["key"] == name_key and who["id"] != by for who in self._people.values())

    def participant(self, token: str | None) -> dict[str, Any] | None:
        """The participant a cookie's token names (id, name, code and rejoin code), or None."""
        hashed = _hash(token) if token else ""
        who = self._people.get(hashed)
        if who is None:
            return None
        return {"id": who["id"], "name": who["name"], "code": f"P{who['id']}", "rejoin": _rejoin_code(hashed)}

    def rejoin(self, name_key: str, code: str) -> str | None:
        """A new token for the participant named ``name_key`` if ``code`` is their rejoin code, else None.

        The participant keeps their place and answers; the phone they joined on is known
        no more (its cookie's token is replaced), and the rejoin code changes with it.
        """
        with self._lock:
            found = [h for h, who in self._people.items() if name_key and who["key"] == name_key]
            if not found or not secrets.compare_digest(_rejoin_code(found[0]), code):
                return None
            token = secrets.token_urlsafe(32)
            self.db.execute("UPDATE participants SET token = ? WHERE token = ?", (_hash(token), found[0]))
            self._people[_hash(token)] = self._people.pop(found[0])
        return token

    def participants(self) -> int:
        return len(self._people)

    def save(self, participant: int, answers: Mapping[str, str]) -> int:
        """Store ``answers`` (field -> value) for ``participant``, replacing earlier ones; committed on return."""
        self.save_many([(participant, answers)])
        return len(answers)

    def save_many(self, batch: Sequence[tuple[int, Mapping[str, str]]]) -> None:
        """Store the answers of several requests in one transaction, committed (on disk) on return."""
        now = time.time()
        rows = [(participant, f, v, now) for participant, answers in batch for f, v in answers.items()]
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany(
                    "INSERT INTO answers VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (participant, field) DO UPDATE SET value = excluded.value, saved = excluded.saved",
                    rows,
                )
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            self.version += 1

    def answers_of(self, participant: int) -> dict[str, str]:
        """What is committed for ``participant``: field -> value."""
        rows = self.read.execute("SELECT field, value FROM answers WHERE participant = ?", (participant,))
        return {str(f): str(v) for f, v in rows}

    def table(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Everything stored, on a connection of its own (any thread): participants, and answers (one row each)."""
        return read_tables(self.path)

    def shut(self) -> None:
        """Close the file (the WAL is folded back into it)."""
        with self._lock:
            self.read.close()
            self.db.close()


class Committer:
    """Group commit: the answers of requests arriving together are written in one transaction, one sync to disk.

    Each request waits (without holding up the others) until its answers are on
    disk, then replies. With one request at a time this is one commit per request;
    with a room answering at once, a sync of the disk serves every request that
    came in while the one before it ran.
    """

    def __init__(self, store: Store):
        self.store = store
        self._waiting: list[tuple[int, Mapping[str, str], asyncio.Future[None]]] = []
        self._writing = False

    async def save(self, participant: int, answers: Mapping[str, str]) -> None:
        """Return once ``answers`` are committed; raise what the write raised."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((participant, answers, done))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._write())
        await done

    async def _write(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                try:
                    await asyncio.to_thread(self.store.save_many, [(p, a) for p, a, _ in batch])
                except Exception as err:  # each waiting request fails with it, and says so
                    for _, _, done in batch:
                        done.set_exception(err)
                else:
                    for _, _, done in batch:
                        done.set_result(None)
        finally:
            self._writing = False
