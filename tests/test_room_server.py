"""Issue 19, end to end: the real `rolekit room` in a subprocess on 127.0.0.1, many phones at once, kill -9."""

import http.client
import random
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from room_fixtures import exercise
from room_server import Phone, Server, close, live, request, stored

from rolekit.cli import main


@pytest.fixture
def folder(tmp_path, capsys):
    ex = exercise(tmp_path / "ex")
    capsys.readouterr()
    return ex


def _answers(key: pd.DataFrame, seed: int) -> list[dict[str, str]]:
    """One phone's answers, item by item (each a request, as the page's script sends them), seeded."""
    rnd = random.Random(seed)
    roles = sorted(set(key["role"]))
    choices = {"role": roles, "scope": ["internal", "external"], "horizon": ["daily", "long-term"]}
    return [{f"{k.item}-{d}": rnd.choice(choices[d]) for d in ("role", "scope", "horizon")} for k in key.itertuples()]


@pytest.mark.slow
def test_sixty_phones_answering_sixteen_items_at_once_lose_and_duplicate_nothing(folder, tmp_path):
    key = pd.read_csv(folder / "key" / "answer_key.csv", dtype=str)
    out = tmp_path / "room"
    with Server(str(folder), "--host", "127.0.0.1", "--port", "0", "--out", str(out)) as server:
        phones = [Phone(server, f"person {k:02d}") for k in range(60)]
        start = threading.Barrier(60, timeout=30)

        def answer(k: int) -> list[int]:
            start.wait()
            plan = _answers(key, k)
            statuses = [phones[k].answer(fields) for fields in plan]
            statuses.append(phones[k].answer(plan[0]))  # a phone resends: the same answer, once
            return statuses

        with ThreadPoolExecutor(60) as pool:
            statuses = [s for result in pool.map(answer, range(60)) for s in result]
        assert set(statuses) == {200}
        sent = {(k + 1, f): v for k, p in enumerate(phones) for f, v in p.acknowledged.items()}
        assert len(sent) == 60 * 48
        assert stored(out) == sent  # every answer, once, as sent
        results = close(server)
        assert "The round is closed" in results
    exported = pd.read_csv(out / "responses.csv", dtype=str, keep_default_na=False)
    assert len(exported) == 60 and exported["participant"].tolist() == [f"person {k:02d}" for k in range(60)]
    for k, row in exported.iterrows():
        for item in key["item"]:
            for d in ("role", "scope", "horizon"):
                assert row[f"{item} {d}"] == sent[(k + 1, f"{item}-{d}")]
    scores = pd.read_csv(out / "scores.csv")
    assert scores["participant"].nunique() == 60 and scores["answered"].eq(16).all()


@pytest.mark.slow
def test_kill_9_mid_round_loses_nothing_acknowledged_and_the_round_goes_on(folder, tmp_path):
    key = pd.read_csv(folder / "key" / "answer_key.csv", dtype=str)
    out = tmp_path / "room"
    first = Server(str(folder), "--host", "127.0.0.1", "--port", "0", "--out", str(out))
    try:
        _kill_mid_round(first, key, folder, out)
    finally:
        first.stop()


def _kill_mid_round(first, key, folder, out):
    phones = [Phone(first, f"guest {k}") for k in range(20)]
    killed = threading.Event()

    def answer(k: int) -> None:
        for fields in _answers(key, k):
            if killed.is_set():
                return
            try:
                phones[k].answer(fields)
            except OSError:  # the server died under this request: it was never acknowledged
                return

    with ThreadPoolExecutor(20) as pool:
        running = [pool.submit(answer, k) for k in range(20)]
        while sum(len(p.acknowledged) for p in phones) < 300:  # bounded by the phones' plans and their timeouts
            if all(f.done() for f in running):
                break
            threading.Event().wait(0.01)
        helpers = _children(first.process.pid)  # the live scoring process (and multiprocessing's tracker)
        first.kill()
        killed.set()
    _gone(helpers)  # they end with the server, killed or not: nothing is left running
    acknowledged = {(k + 1, f): v for k, p in enumerate(phones) for f, v in p.acknowledged.items()}
    assert 300 <= len(acknowledged) < 20 * 48  # killed mid-round
    kept = stored(out)
    assert all(kept.get(k) == v for k, v in acknowledged.items())  # nothing acknowledged is missing

    second = Server(str(folder), "--host", "127.0.0.1", "--out", str(out))  # the same command, no --port
    try:
        assert (second.join, second.facilitator) == (first.join, first.facilitator)  # same port, code and secret

        def carry_on(k: int) -> list[int]:  # the phones' cookies and links still work: the round goes on
            phone = phones[k]
            phone.server, phone.conn = second, http.client.HTTPConnection(second.host, second.port)
            assert "You are guest" in phone.page()
            return [phone.answer(fields) for fields in _answers(key, 1000 + k)]

        with ThreadPoolExecutor(20) as pool:
            assert {s for statuses in pool.map(carry_on, range(20)) for s in statuses} == {200}
        assert len(stored(out)) == 20 * 48
        assert live(second)["closed"] is False
    finally:
        second.stop()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _gone(pids: list[int], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and "(Z)" not in _state(p)]
        if not alive:
            return
        time.sleep(0.2)
    raise AssertionError(f"still running after the server was killed: {alive}")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1].join("()")
    except OSError:
        return "(Z)"


@pytest.mark.slow
def test_a_session_addresses_qr_code_live_count_a_port_in_use_and_ctrl_c(folder, tmp_path):
    with Server(str(folder), "--host", "127.0.0.1", "--port", "0", "--out", str(tmp_path / "r")) as server:
        lines = list(server.output)
        for _ in range(3):
            Phone(server).answer({"Q01-role": "CEO"})
        for _ in range(50):  # the live figures follow within a second or two
            text = live(server)["text"]
            if text["joined"] == "3" and text["answers"] == "3":
                break
            threading.Event().wait(0.2)
        assert text["joined"] == "3" and text["answers"] == "3"
        busy = subprocess.run(
            [
                sys.executable,
                "-m",
                "rolekit",
                "room",
                str(folder),
                "--host",
                "127.0.0.1",
                "--port",
                str(server.port),
                "--out",
                str(tmp_path / "b"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        twice = subprocess.run(  # the same round from the same folder, on another port
            [sys.executable, "-m", "rolekit", "room", str(folder), "--host", "127.0.0.1", "--port", "0"]
            + ["--out", str(tmp_path / "r")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        said = server.stop()
    assert twice.returncode == 1 and "Traceback" not in twice.stderr
    assert f"this round is already being served from {tmp_path / 'r'} (port {server.port}) by another" in twice.stderr
    assert busy.returncode == 1 and "Traceback" not in busy.stderr
    assert f"port {server.port} on 127.0.0.1 is in use" in busy.stderr and "--port 0" in busy.stderr
    join = next(line for line in lines if line.startswith("Join "))
    boss = next(line for line in lines if line.startswith("Facilitator "))
    assert join == f"Join (for the room; the QR code below carries it): {server.join}"
    assert "keep it to yourself" in boss and re.fullmatch(r".*/j/[A-Za-z0-9_-]{22}", server.join)
    assert re.fullmatch(r".*/f/[A-Za-z0-9_-]{32}", server.facilitator)
    qr = [line for line in lines if set(line) <= set("█▀▄ ") and len(line) > 20]
    assert len(qr) >= 15  # the code, in half blocks
    assert any("Only this laptop can join" in line for line in lines)
    assert "Stopped. The round is still open: run the same command to carry on" in said
    assert f"To keep the phones' address, give --port {server.port} instead of --port 0." in said  # 0: any port
    assert server.process.returncode == 0 and "Traceback" not in server.process.stderr.read()


@pytest.mark.slow
def test_close_from_the_command_line_then_a_closed_room_takes_no_more_answers(folder, tmp_path, capsys):
    out = folder / "room"  # the default --out
    with Server(str(folder), "--host", "127.0.0.1", "--port", "0") as server:
        phones = [Phone(server, f"n{k}") for k in range(3)]
        for phone in phones:
            phone.answer({"Q01-role": "CEO", "Q01-scope": "internal", "Q02-role": "COO"})
    assert main(["room", str(folder), "--close"]) == 0
    said = capsys.readouterr().out
    assert "3 participants scored from the room's answers" in said and f"wrote {out / 'report.html'}" in said
    assert main(["score", str(out / "responses.csv"), "--out", str(tmp_path / "again")]) == 0
    for name in ("scores.csv", "items.csv", "confusion.csv"):
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    report = (tmp_path / "again" / "report.html").read_text()  # the room's says where its answers came from
    assert (out / "report.html").read_text() == report.replace(
        "scored from 1 file", "scored from the room&#x27;s answers"
    )
    with Server(str(folder), "--host", "127.0.0.1", "--hours", "0.0005") as again:
        assert any("This round was closed earlier" in line for line in again.output)
        phone = phones[0]
        phone.server, phone.conn = again, http.client.HTTPConnection(again.host, again.port)
        assert phone.answer({"Q01-role": "COO"}) == 409
        status, _, page = request(again.host, again.port, "GET", again.path)
        assert status == 200 and "The round is closed" in page
        again.wait_for(r"^Time limit reached \(0.0005 hours\): stopped\.$", 60)
    assert stored(out)[(1, "Q01-role")] == "CEO"


@pytest.mark.slow
def test_a_closed_round_started_again_shows_its_results_though_a_results_file_was_edited(folder):
    out = folder / "room"
    with Server(str(folder), "--host", "127.0.0.1", "--port", "0") as server:
        for k, role in enumerate(["CEO", "COO", "CEO"]):
            Phone(server, f"n{k}").answer({"Q01-role": role, "Q01-scope": "internal", "Q02-role": "COO"})
        shown = close(server)
    assert "3 participants scored" in shown and shown.count("<img") == 3
    (out / "scores.csv").write_text((out / "scores.csv").read_text() + "opened,and,saved,in,a,spreadsheet\n")
    with Server(str(folder), "--host", "127.0.0.1", "--port", "0") as again:  # no refusal: nothing is rewritten
        conn = http.client.HTTPConnection(again.host, again.port, timeout=60)
        _, headers, _ = request(again.host, again.port, "GET", urlsplit(again.facilitator).path, connection=conn)
        cookie = headers["set-cookie"].split(";", 1)[0]
        _, _, page = request(again.host, again.port, "GET", "/facilitator", headers={"Cookie": cookie}, connection=conn)
    assert page == shown  # the summary, the three charts and the files, as at Close
    assert (out / "scores.csv").read_text().endswith("opened,and,saved,in,a,spreadsheet\n")
