"""Starting the room: the laptop's address, the lines and QR code the terminal shows, the server, its time limit.

:func:`start` opens (or reopens) the round's SQLite file in ``--out``, checks that
Close will be able to write there, binds the port (the laptop's address on the
local network, or ``--host``), and returns a :class:`Started` whose :meth:`~Started.run`
serves until Ctrl-C or the time limit. The server is uvicorn, on the socket bound
here, so that a port in use is a clear message and ``--port 0`` picks a free one.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import signal
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..output import Output
from ..validate import DataError, Problem
from .export import kept, planned
from .rounds import Round
from .store import FILE, Store

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from .app import Room

__all__ = ["DEFAULT_PORT", "Started", "lan_address", "start", "terminal_qr"]

DEFAULT_PORT = 8765


def lan_address() -> str | None:
    """The laptop's address on its local network (the interface its default route uses), or None offline.

    Found by opening a UDP socket towards a private address: no packet is sent.
    """
    for probe in ("10.254.254.254", "192.168.254.254"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                address = str(s.getsockname()[0])
        except OSError:
            continue
        if not ipaddress.ip_address(address).is_loopback and address != "0.0.0.0":
            return address
    return None


def terminal_qr(text: str, tty: bool) -> str:
    """``text`` as a QR code in half-block characters, black on white (ANSI colours on a terminal).

    >>> terminal_qr("http://10.0.0.2:8765/j/x", tty=False).splitlines()[1].startswith("  █▀▀▀▀▀█ ")  # a corner
    True
    """
    import segno

    rows = [list(r) for r in segno.make(text, error="m").matrix_iter(border=2)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    blocks = {(1, 1): "█", (1, 0): "▀", (0, 1): "▄", (0, 0): " "}
    lines = [
        "".join(blocks[(top, bottom)] for top, bottom in zip(rows[i], rows[i + 1])) for i in range(0, len(rows), 2)
    ]
    if tty:
        lines = [f"\x1b[30;47m{line}\x1b[0m" for line in lines]
    return "\n".join(lines)


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serving(path: Path) -> IO[bytes] | None:
    """Hold ``path`` (the round's answers) for as long as this process serves it; None if another process does.

    An advisory ``flock``: the system lets it go when the process ends, even after kill -9,
    so a crash never leaves the folder locked. (SQLite's own locks are of another kind and
    are not touched.) Where there is no ``flock`` (Windows), nothing is held.
    """
    held = open(path, "rb")  # noqa: SIM115 (held open for as long as the room is served)
    try:
        import fcntl
    except ImportError:
        return held
    try:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        held.close()
        return None
    return held


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, so that asyncio turns Nagle's algorithm off on each connection: without it, every page
    # written in two parts waits for the phone's delayed acknowledgement (40 ms).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart right after kill -9 gets its port back
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(256)
    return sock


@dataclass
class Started:
    """A room ready to serve: the application, its socket, what the terminal shows."""

    room: Room
    app: ASGIApp
    sock: socket.socket
    join_url: str
    facilitator_url: str
    hours: float
    held: IO[bytes]  # the answers' file, held while this process serves it: a second server is refused

    def run(self) -> tuple[str, bool]:
        """Serve until Ctrl-C or the time limit; return why it stopped (``time`` or ``stopped``), and whether closed."""
        import uvicorn

        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            server_header=False,
            date_header=False,
            timeout_graceful_shutdown=5,
        )
        server = uvicorn.Server(config)
        timed_out = False

        def stop() -> None:
            nonlocal timed_out
            timed_out = True
            server.should_exit = True

        async def serve() -> None:
            timer = asyncio.get_running_loop().call_later(self.hours * 3600, stop)
            try:
                await server.serve(sockets=[self.sock])
            finally:
                timer.cancel()
                # A second Ctrl-C makes uvicorn stop at once, leaving the app's shutdown to be cancelled: its
                # traceback, logged as an error, would say nothing the facilitator needs (answers are stored as
                # they come).
                logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)

        # uvicorn stops gracefully on Ctrl-C (or SIGTERM), then raises the signal again once it has stopped.
        previous = signal.signal(signal.SIGTERM, _interrupted)
        try:
            asyncio.run(serve())
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
        closed = self.room.store.closed
        self.room.store.shut()
        self.held.close()
        return ("time" if timed_out else "stopped"), closed


def start(
    round: Round,
    out: str | Path,
    host: str | None = None,
    port: int | None = None,
    hours: float = 3.0,
    max_participants: int = 200,
) -> Started:
    """Open ``round`` in ``out`` (its answers kept there; a restart carries on) and bind its address."""
    from .app import Room, Settings, make_app

    out = Path(out).expanduser()
    if not 0 < hours <= 24:
        raise DataError(
            [Problem("rolekit room", None, None, f"--hours must be more than 0 and at most 24, not {hours:g}")]
        )
    if not 1 <= max_participants <= 10_000:
        raise DataError(
            [Problem("rolekit room", None, None, f"--max-participants must be 1 to 10000, not {max_participants}")]
        )
    if not (out / FILE).exists():  # a new round: Close will write these, so a file rolekit did not make is refused now
        Output(out, planned(round))
    store = Store(out, round.fingerprint)
    if not store.closed:  # a round closed earlier writes nothing more: its files may have been opened and saved since
        try:
            Output(out, planned(round))
        except DataError:
            store.shut()
            raise
    held = _serving(store.path)
    if held is None:
        earlier = store.meta("port")
        store.shut()
        raise DataError(
            [
                Problem(
                    "rolekit room",
                    None,
                    None,
                    f"this round is already being served from {out}"
                    + (f" (port {earlier})" if earlier else "")
                    + " by another rolekit room: use that one, or stop it (Ctrl-C in its terminal) and run this again",
                )
            ]
        )
    bind = host or lan_address() or "127.0.0.1"
    shown = (lan_address() or "127.0.0.1") if bind in ("0.0.0.0", "::") else bind
    shown = "127.0.0.1" if shown == "localhost" else shown
    earlier = store.meta("port")
    try:
        wanted = port if port is not None else int(earlier or DEFAULT_PORT)
        try:
            sock = _bind(bind, wanted)
        except OSError:
            if port is not None or earlier:
                raise
            sock = _bind(bind, 0)  # the usual port is taken on a first start: any free one will do
    except OSError as err:
        store.shut()
        held.close()
        said = (
            f"port {wanted} on {bind} is in use ({err.strerror}); "
            + (
                "the phones' links use it: stop whatever holds it, or give --port 0 for another (phones then scan "
                "the new code)"
                if earlier and port is None
                else "choose another with --port, or --port 0 for any free one"
            )
            if getattr(err, "errno", None) in (98, 48, 10048)
            else f"cannot listen on {bind}:{wanted}: {err.strerror or err}; check --host (this laptop's addresses "
            "only) and --port"
        )
        raise DataError([Problem("rolekit room", None, None, said)]) from None
    actual = sock.getsockname()[1]
    store.set_meta("port", str(actual))
    netloc = f"[{shown}]:{actual}" if ":" in shown else f"{shown}:{actual}"
    hosts = {netloc.lower()}
    if ipaddress.ip_address(shown.strip("[]")).is_loopback or bind in ("0.0.0.0", "::"):
        hosts |= {f"127.0.0.1:{actual}", f"localhost:{actual}"}
    join_url = f"http://{netloc}/j/{store.join_code}"
    import segno

    settings = Settings(
        hosts=frozenset(hosts),
        join_url=join_url,
        max_participants=max_participants,
        live_apart=True,
        qr_svg=segno.make(join_url, error="m").svg_inline(
            border=2, omitsize=True, light="#fff", title="QR code of the join address"
        ),
    )
    room = Room(round, store, out, settings, result=kept(store) if store.closed else None)
    return Started(room, make_app(room), sock, join_url, f"http://{netloc}/f/{store.facilitator_secret}", hours, held)


def banner(started: Started, round: Round, tty: bool) -> str:
    """What the terminal shows on start: the round, both addresses on lines of their own, the QR code, how to stop."""
    room = started.room
    until = time.strftime("%H:%M", time.localtime(time.time() + started.hours * 3600))
    what = f"{len(round.questions)} {'items' if round.kind == 'tagging' else 'decisions'}"
    lines = [
        f"rolekit room: {round.title} {what}, answers kept in {room.store.path}",
        f"Join (for the room; the QR code below carries it): {started.join_url}",
        f"Facilitator (keep it to yourself; open it on this laptop, then project that page): {started.facilitator_url}",
        terminal_qr(started.join_url, tty),
        f"Stop with Ctrl-C; it stops by itself at {until} ({started.hours:g} hours). Answers are kept either way: run "
        "the same command again to carry on.",
    ]
    if started.join_url.startswith(("http://127.", "http://localhost")):
        lines.insert(
            3,
            "Only this laptop can join at this address. For phones, start on the room's Wi-Fi (or a phone's hotspot) "
            "and leave out --host.",
        )
    if room.store.closed:
        lines.insert(1, "This round was closed earlier: phones see their answers, and no more are taken.")
    return "\n".join(lines)
