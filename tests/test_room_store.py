"""Issue 19: where the room's answers live (SQLite, WAL, committed before the reply) and how the room starts."""

import asyncio
import re
import sqlite3
import subprocess
import sys

import pytest
from room_fixtures import exercise

import rolekit
from rolekit.room import Store, tagging_round
from rolekit.room.serve import banner, lan_address, start, terminal_qr
from rolekit.room.store import Committer, NameTaken


def test_the_file_is_wal_synchronous_full_and_marked_as_rolekits(tmp_path):
    store = Store(tmp_path, "round")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.shut()
    db = sqlite3.connect(tmp_path / "room.sqlite")
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x726F6C65


def test_codes_and_answers_survive_a_restart(tmp_path):
    first = Store(tmp_path, "round")
    token, code = first.join("Ana", "ana")
    first.save(1, {"Q01-role": "CEO"})
    codes = (first.join_code, first.facilitator_secret, first.facilitator_cookie)
    again = Store(tmp_path, "round")  # the first one never closed: as after kill -9
    assert (again.join_code, again.facilitator_secret, again.facilitator_cookie) == codes
    rejoin = first.participant(token)["rejoin"]
    assert again.participant(token) == {"id": 1, "name": "Ana", "code": "P1", "rejoin": rejoin} and code == "P1"
    assert again.answers_of(1) == {"Q01-role": "CEO"}
    moved = again.rejoin("ana", rejoin)  # on another phone: committed at once, so a restart keeps it
    third = Store(tmp_path, "round")
    assert third.participant(token) is None and third.participant(moved)["id"] == 1
    assert third.rejoin("ana", rejoin) is None and third.rejoin("", third.participant(moved)["rejoin"]) is None


def test_a_file_of_another_round_or_not_rolekits_is_refused_untouched(tmp_path):
    Store(tmp_path / "a", "round one").shut()
    with pytest.raises(rolekit.DataError, match="holds the answers of another round"):
        Store(tmp_path / "a", "round two")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "room.sqlite").write_bytes(b"my own notes, not a database" * 100)
    with pytest.raises(rolekit.DataError, match="was not made by rolekit room; not touching it"):
        Store(tmp_path / "b", "r")
    assert (tmp_path / "b" / "room.sqlite").read_bytes().startswith(b"my own notes")
    (tmp_path / "c").mkdir()
    other = sqlite3.connect(tmp_path / "c" / "room.sqlite")
    other.execute("CREATE TABLE mine (x)")
    other.commit()
    other.close()
    with pytest.raises(rolekit.DataError, match="not made by rolekit room"):
        Store(tmp_path / "c", "r")


def test_one_name_per_round_and_a_participant_limit(tmp_path):
    store = Store(tmp_path, "r")
    store.join("Ana", "ana")
    with pytest.raises(NameTaken):
        store.join("ANA", "ana")
    assert store.join("", "", limit=2) is not None and store.join("", "", limit=2) is None
    assert store.participants() == 2


def test_answers_arriving_together_share_one_commit_and_all_are_kept(tmp_path):
    store = Store(tmp_path, "r")
    for _ in range(50):
        store.join("", "")
    commits = []
    save_many = store.save_many
    store.save_many = lambda batch: (commits.append(len(batch)), save_many(batch))[1]

    async def room():
        committer = Committer(store)
        await asyncio.gather(
            *(committer.save(k + 1, {f"Q{i:02d}-role": "CEO" for i in range(1, 4)}) for k in range(50))
        )

    asyncio.run(room())
    assert sum(commits) == 50 and len(commits) < 50  # grouped
    assert all(store.answers_of(k + 1) == {"Q01-role": "CEO", "Q02-role": "CEO", "Q03-role": "CEO"} for k in range(50))


def test_a_failed_commit_fails_each_request_waiting_on_it(tmp_path):
    store = Store(tmp_path, "r")

    async def room():
        committer = Committer(store)
        return await asyncio.gather(committer.save(99, {"Q01-role": "CEO"}), return_exceptions=True)

    (result,) = asyncio.run(room())  # participant 99 does not exist: the foreign key refuses it
    assert isinstance(result, sqlite3.IntegrityError) and store.answers_of(99) == {}


# -- Start-up -------------------------------------------------------------------------------------


def test_import_rolekit_loads_no_web_stack():
    code = (
        "import sys, rolekit; web = ('starlette', 'uvicorn', 'segno', 'httpx2'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in web or m.startswith('rolekit.room')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]" and not done.stderr


def test_the_core_never_imports_the_room():
    from pathlib import Path

    for path in Path(rolekit.__file__).parent.rglob("*.py"):
        if "room" in path.parts or path.name == "cli.py":
            continue
        imports = [line for line in path.read_text().splitlines() if line.lstrip().startswith(("import ", "from "))]
        assert not [line for line in imports if re.search(r"\broom\b", line)], path


def test_the_laptops_address_is_a_local_one_or_none():
    address = lan_address()
    assert address is None or (not address.startswith("127.") and address.count(".") == 3)


def test_start_binds_the_address_given_and_accepts_only_its_own_host(tmp_path, capsys):
    folder = exercise(tmp_path / "ex")
    started = start(tagging_round(folder), tmp_path / "out", host="127.0.0.1", port=0, hours=1)
    try:
        port = started.sock.getsockname()[1]
        assert started.join_url == f"http://127.0.0.1:{port}/j/{started.room.store.join_code}"
        assert started.room.settings.hosts == {f"127.0.0.1:{port}", f"localhost:{port}"}
        assert started.room.store.meta("port") == str(port)
        shown = banner(started, started.room.round, tty=False)
        assert f"Join (for the room; the QR code below carries it): {started.join_url}" in shown
        assert started.facilitator_url in shown and "Only this laptop can join" in shown
        assert started.room.store.facilitator_secret not in started.room.settings.qr_svg
    finally:
        started.sock.close()
        started.room.store.shut()


@pytest.mark.parametrize(("hours", "said"), [(0, "--hours must be more than 0"), (25, "at most 24")])
def test_the_time_limit_is_bounded(tmp_path, hours, said):
    folder = exercise(tmp_path / "ex")
    with pytest.raises(rolekit.DataError, match=said):
        start(tagging_round(folder), tmp_path / "out", host="127.0.0.1", port=0, hours=hours)


def test_a_file_rolekit_did_not_make_in_out_is_refused_before_the_room_opens(tmp_path):
    folder = exercise(tmp_path / "ex")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.html").write_text("my own report")
    with pytest.raises(rolekit.DataError, match=r"report\.html: exists and was not made by rolekit"):
        start(tagging_round(folder), tmp_path / "out", host="127.0.0.1", port=0)
    assert not (tmp_path / "out" / "room.sqlite").exists()


def test_the_terminal_qr_code_is_black_on_white_half_blocks():
    plain = terminal_qr("http://192.168.1.20:8765/j/abc", tty=False).splitlines()
    assert len(plain) >= 13 and set("".join(plain)) <= set("█▀▄ ") and len({len(line) for line in plain}) == 1
    coloured = terminal_qr("http://192.168.1.20:8765/j/abc", tty=True).splitlines()
    assert all(line.startswith("\x1b[30;47m") and line.endswith("\x1b[0m") for line in coloured)


def test_a_folder_that_is_not_a_worksheet_is_a_clear_message(tmp_path, capsys):
    from rolekit.cli import main

    assert main(["room", str(tmp_path / "nope")]) == 1
    assert "no such folder; give the folder `rolekit worksheet --out` wrote" in capsys.readouterr().err
    assert main(["room", str(tmp_path)]) == 1
    assert "holds no key/answer_key.csv" in capsys.readouterr().err
