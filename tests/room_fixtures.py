"""Shared by the room's tests: a worksheet folder, a room on the ASGI test client, answering like a phone."""

from __future__ import annotations

import re
from pathlib import Path

from rolekit.cli import main
from rolekit.room import Store, raci_round, tagging_round
from rolekit.room.app import Room, Settings, make_app


def exercise(folder: Path, n: int = 16, seed: int = 2026, data: Path | None = None) -> Path:
    """A `rolekit worksheet` folder, as a facilitator makes it."""
    args = ["worksheet", "--n", str(n), "--seed", str(seed), "--participants", "2", "--out", str(folder)]
    assert main(args + (["--data", str(data)] if data else [])) == 0
    return folder


def room(out: Path, exercise_dir: Path | None = None, raci: Path | None = None, roles=None, **settings) -> Room:
    """A room for the test client, whose Host header is ``testserver``."""
    round = raci_round(raci, roles) if raci else tagging_round(exercise_dir)
    store = Store(out, round.fingerprint)
    return Room(
        round,
        store,
        out,
        Settings(hosts=frozenset({"testserver"}), join_url=f"http://testserver/j/{store.join_code}", **settings),
    )


def client(r: Room):
    from starlette.testclient import TestClient

    return TestClient(make_app(r))


def join(c, r: Room, name: str = "") -> str:
    """Join as a phone does (a fresh cookie jar per phone); returns the join page's path."""
    path = f"/j/{r.store.join_code}"
    answer = c.post(f"{path}/join", data={"name": name}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return path


def as_facilitator(c, r: Room) -> str:
    """Open the facilitator's address; returns the Close form's token."""
    page = c.get(f"/f/{r.store.facilitator_secret}")
    assert page.status_code == 200 and page.url.path == "/facilitator"
    return re.search(r'name="token" value="([0-9a-f]+)"', page.text)[1]
