"""The real `rolekit room` in a subprocess on 127.0.0.1, and phones that talk to it over HTTP.

Used by the end-to-end tests, the browser test and benchmarks/room.py. Every wait is bounded.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit


class Server:
    """``rolekit room ARGS`` started in a subprocess; ``join`` and ``facilitator`` are the addresses it printed."""

    def __init__(self, *args: str, timeout: float = 60):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rolekit", "room", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,  # a process group of its own, as a terminal gives a command: see stop()
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.join = self.wait_for(r"^Join .*: (http://\S+)$", timeout)
        self.facilitator = self.wait_for(r"^Facilitator .*: (http://\S+)$", timeout)
        self.wait_for(r"^Stop with Ctrl-C", timeout)
        address = urlsplit(self.join)
        self.host, self.port, self.path = address.hostname, address.port, address.path
        self._wait_listening(timeout)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    raise AssertionError(f"rolekit room exited: {self.process.stderr.read()}") from None
                continue
            m = re.search(pattern, line)
            if m:
                return m.group(1) if m.groups() else line
        raise AssertionError(f"no line matching {pattern!r} within {timeout} s; got {self.output}")

    def _wait_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                status, _, _ = request(self.host, self.port, "GET", "/nothing")
                if status == 404:
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the server did not answer in time")

    def kill(self) -> None:
        """kill -9: no goodbye."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> str:
        """Ctrl-C, then what it printed; killed if it does not stop within 20 s.

        Sent as a terminal sends it: to the command's whole process group, the scoring process too.
        """
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.reader.join(timeout=10)
        return "\n".join(self.output)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def request(
    host: str,
    port: int,
    method: str,
    path: str,
    body: dict | None = None,
    headers: dict | None = None,
    connection: http.client.HTTPConnection | None = None,
    timeout: float = 10,
) -> tuple[int, dict, str]:
    """One HTTP request; returns the status, the headers (lower case) and the body."""
    conn = connection or http.client.HTTPConnection(host, port, timeout=timeout)
    data = urlencode(body).encode() if body is not None else None
    sent = (
        {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})} if data is not None else headers or {}
    )
    conn.request(method, path, body=data, headers=sent)
    answer = conn.getresponse()
    text = answer.read().decode()
    if connection is None:
        conn.close()
    return answer.status, {k.lower(): v for k, v in answer.getheaders()}, text


class Phone:
    """A participant's phone: its own connection (kept alive) and cookie, answering as the page's script does."""

    def __init__(self, server: Server, name: str = ""):
        self.server = server
        self.conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
        status, headers, _ = request(
            server.host, server.port, "POST", f"{server.path}/join", {"name": name}, connection=self.conn
        )
        assert status == 303, status
        self.cookie = headers["set-cookie"].split(";", 1)[0]
        self.acknowledged: dict[str, str] = {}
        self.times: list[float] = []

    def answer(self, fields: dict[str, str]) -> int:
        """Send ``fields`` as the page's script does. An idle connection the server has closed is opened again,
        as a browser does (sending the same answer again changes nothing)."""
        start = time.perf_counter()
        for attempt in (1, 2):
            try:
                status, _, _ = request(
                    self.server.host,
                    self.server.port,
                    "POST",
                    self.server.path,
                    fields,
                    {"Accept": "application/json", "Cookie": self.cookie},
                    connection=self.conn,
                )
                break
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
                if attempt == 2:
                    raise
        self.times.append(time.perf_counter() - start)
        if status == 200:
            self.acknowledged.update(fields)
        return status

    def page(self) -> str:
        return request(
            self.server.host,
            self.server.port,
            "GET",
            self.server.path,
            headers={"Cookie": self.cookie},
            connection=self.conn,
        )[2]


def facilitator(server: Server) -> tuple[http.client.HTTPConnection, str]:
    """A connection holding the facilitator's cookie, and the Close form's token."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    status, headers, _ = request(server.host, server.port, "GET", urlsplit(server.facilitator).path, connection=conn)
    assert status == 303
    cookie = headers["set-cookie"].split(";", 1)[0]
    _, _, page = request(server.host, server.port, "GET", "/facilitator", headers={"Cookie": cookie}, connection=conn)
    token = re.search(r'name="token" value="([0-9a-f]+)"', page)[1]
    conn.cookie = cookie  # type: ignore[attr-defined]
    return conn, token


def close(server: Server) -> str:
    """Press Close on the facilitator's page; returns the results page."""
    conn, token = facilitator(server)
    status, _, _ = request(
        server.host,
        server.port,
        "POST",
        "/facilitator/close",
        {"token": token},
        {"Cookie": conn.cookie},
        connection=conn,
    )  # type: ignore[attr-defined]
    assert status == 303, status
    return request(
        server.host,
        server.port,
        "GET",
        "/facilitator",
        headers={"Cookie": conn.cookie},  # type: ignore[attr-defined]
        connection=conn,
    )[2]


def live(server: Server) -> dict:
    conn, _ = facilitator(server)
    return json.loads(
        request(
            server.host,
            server.port,
            "GET",
            "/facilitator/live",
            headers={"Cookie": conn.cookie},  # type: ignore[attr-defined]
            connection=conn,
        )[2]
    )


def stored(out: Path) -> dict[tuple[int, str], str]:
    """Every answer in the room's SQLite file: (participant id, field) -> value."""
    import sqlite3

    db = sqlite3.connect(f"file:{out / 'room.sqlite'}?mode=ro", uri=True)
    try:
        return {(p, f): v for p, f, v in db.execute("SELECT participant, field, value FROM answers")}
    finally:
        db.close()


def stored_by_name(out: Path) -> dict[tuple[str, str], str]:
    """Every answer in the room's SQLite file: (participant's name, field) -> value."""
    import sqlite3

    db = sqlite3.connect(f"file:{out / 'room.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT p.name, a.field, a.value FROM answers a JOIN participants p ON p.id = a.participant")
        return {(n, f): v for n, f, v in rows}
    finally:
        db.close()
