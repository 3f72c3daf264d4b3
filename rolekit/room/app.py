"""The room's web application: Starlette routes for the phones and the facilitator, behind one guard.

Routes (``CODE`` is the join code, ``SECRET`` the facilitator's; anything else is 404):

- ``GET /j/CODE``: join (a name or none), then the answers page; ``POST /j/CODE/join``
  joins; ``POST /j/CODE`` saves answers (a plain form, or one field at a time from
  the page's script, which asks for JSON);
- ``GET /f/SECRET``: sets the facilitator's cookie and sends the browser on to
  ``/facilitator``, so the secret is not in the address bar of a projected page;
  ``GET /facilitator``, ``GET /facilitator/live`` (the live figures, JSON) and
  ``POST /facilitator/close`` need that cookie.

The guard (:class:`Guard`), in front of every request: the Host header must be the
server's own address (DNS rebinding); request bodies are read whole, up to a bound,
before any route sees them; requests are rate-limited per phone and, more loosely,
per address (a whole room may share one); every response carries the
Content-Security-Policy and the other headers of :data:`HEADERS`. Answers are
committed to SQLite before the reply (see :mod:`rolekit.room.store`).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import time
import unicodedata
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..text import clean
from . import pages
from .export import Closed, close
from .live import Live
from .rounds import Round
from .store import Committer, NameTaken, Store

__all__ = ["HEADERS", "Guard", "Room", "Settings", "make_app"]

PHONE_COOKIE = "rolekit"
FACILITATOR_COOKIE = "rolekit_facilitator"
HEADERS = {
    "content-security-policy": pages.CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # no address ever leaves; "no-referrer" would send forms with Origin: null
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
_CODE_LIKE = re.compile(r"p\s*\d+")  # P1, P2...: the room's codes, never a name
# Characters a name may not hold: controls and the direction overrides that make text read other than it is.
_SPOOF = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


@dataclass
class Settings:
    """How the room is bounded; the defaults suit a seminar of up to 200 on one Wi-Fi."""

    hosts: frozenset[str]  # Host headers accepted: the server's own address(es), with the port
    join_url: str  # the address phones open (it carries the join code)
    max_participants: int = 200
    name_chars: int = 40
    per_phone: tuple[float, int] = (5.0, 20)  # requests per second, and the burst allowed, per phone
    per_address: tuple[float, int] | None = None  # default: max_participants phones' worth, a room behind one NAT
    cookie_days: int = 2
    qr_svg: str = ""
    live_apart: bool = False  # score the live figures in a process of their own (the real server)

    def address_limit(self) -> tuple[float, int]:
        rate, burst = self.per_phone
        return self.per_address or (rate * self.max_participants, burst * self.max_participants)


@dataclass
class Room:
    """Everything the application serves: the round, its answers, the live figures, where Close writes."""

    round: Round
    store: Store
    out: Path
    settings: Settings
    live: Live = field(init=False)
    result: Closed | None = None
    closing: bool = False  # Close pressed, results being written
    wrong_codes: dict[str, tuple[int, float]] = field(default_factory=dict)  # by name: wrong codes tried, when last

    def __post_init__(self) -> None:
        self.live = Live(self.round, self.store, apart=self.settings.live_apart)


class _Buckets:
    """Token buckets by key (a phone's cookie, an address), the least recently seen forgotten past ``size``."""

    def __init__(self, rate: float, burst: int, size: int = 20_000):
        self.rate, self.burst, self.size = rate, burst, size
        self.state: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        tokens, then = self.state.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        allowed = tokens >= 1
        self.state[key] = (tokens - 1 if allowed else tokens, now)
        if len(self.state) > self.size:
            self.state.popitem(last=False)
        return allowed


def _plain(status: int, title: str, text: str) -> HTMLResponse:
    return HTMLResponse(pages.message_page(title, text), status_code=status)


TAKEN = (
    "Someone in the room has that name already. If it is you, on another phone or browser, type the rejoin code "
    "your first page shows; if not, add an initial, or choose another name."
)
TAKEN_BY_ANOTHER = "Someone in the room has that name already. Add an initial, or choose another."
WRONG_CODE = "That is not the rejoin code of that name. Check it on your first page, or choose another name."
REJOIN_TRIES = 10  # wrong codes a name may be tried with in a row: one chance in 100,000 of guessing six digits
REJOIN_WAIT = 60.0  # seconds a name then rests: a prankster cannot lock its owner out for good, nor guess in a day
NOT_FOUND = ("Not found", "There is nothing at this address. Check the address, or scan the room's code again.")


class Guard:
    """The checks every request passes before a route sees it, and the headers every response carries."""

    def __init__(self, app: ASGIApp, room: Room):
        self.app, self.room = app, room
        self.phones = _Buckets(*room.settings.per_phone)
        self.addresses = _Buckets(*room.settings.address_limit())
        self.limit = room.round.body_limit(room.settings.name_chars)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_safely(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in HEADERS]
                message = {**message, "headers": headers + [(k.encode(), v.encode()) for k, v in HEADERS.items()]}
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refused = self._refused(scope, headers)
        if refused is not None:
            await refused(scope, receive, send_safely)
            return
        body = b""
        if scope["method"] not in ("GET", "HEAD"):
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.limit:
                    await self._too_large()(scope, receive, send_safely)
                    return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_safely)

    def _too_large(self) -> Response:
        return _plain(413, "Too much sent", f"A page of this room sends at most {self.limit:,} bytes; this was more.")

    def _refused(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        """A response refusing the request, or None when it may go on."""
        if headers.get("host", "").lower() not in self.room.settings.hosts:
            return _plain(400, "Wrong address", "This server answers only at its own address.")
        origin = headers.get("origin")
        if scope["method"] == "POST" and origin and urlsplit(origin).netloc.lower() not in self.room.settings.hosts:
            return _plain(403, "Refused", "A form of another site cannot send answers here.")
        address = (scope.get("client") or ("?", 0))[0]
        token = _cookie(headers.get("cookie", ""), PHONE_COOKIE)
        if not self.addresses.allow(address) or (token and not self.phones.allow(token)):
            response = _plain(429, "Slow down", "Too many requests at once: wait a second, then try again.")
            response.headers["retry-after"] = "1"
            return response
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.limit:
            return self._too_large()
        return None


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison of a secret (a code, a token) with the expected one."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())


def _form(body: bytes, limit: int) -> list[tuple[str, str]] | None:
    """A url-encoded form body's fields, or None when it is not one."""
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=limit)
    except (UnicodeDecodeError, ValueError):
        return None


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def shown_length(text: str) -> int:
    """How many characters a phone shows for ``text``: an emoji made of several joined ones (👨‍👩‍👧‍👦) is one.

    Joiners, variation selectors, skin tones and combining marks add none; what a
    joiner joins adds none; a pair of regional indicators (a flag) is one.

    >>> shown_length("Zoë"), shown_length("👨‍👩‍👧‍👦" * 6), shown_length("👍🏽"), shown_length("🇫🇷")
    (3, 6, 1, 1)
    """
    count, joined, flag = 0, False, False
    for c in text:
        point = ord(c)
        if point == 0x200D:
            joined = True
            continue
        extra = 0xFE00 <= point <= 0xFE0F or 0x1F3FB <= point <= 0x1F3FF or unicodedata.category(c) in ("Mn", "Me")
        indicator = 0x1F1E6 <= point <= 0x1F1FF
        if not (extra or joined or (indicator and flag)):
            count += 1
        flag = indicator and not flag
        joined = False
    return count


def name_problem(name: str, limit: int = 40) -> str | None:
    """What is wrong with a name a participant typed, or None; names are shown escaped wherever they go.

    >>> name_problem("Zoë 👨\u200d💼") is None, name_problem("P7")
    (True, 'P7 is how the room shows people without a name. Choose another name, or none.')
    """
    seen = shown_length(name)
    if seen > limit or len(name) > 4 * limit:  # the second bounds what is stored, whatever the joins
        return f"A name may have at most {limit} characters; this one has {seen}. Shorten it."
    odd = [c for c in name if c in _SPOOF or (unicodedata.category(c) == "Cc")]
    if odd:
        return "That name holds a character that does not print. Type it again, or give another."
    if _CODE_LIKE.fullmatch(clean(name).casefold()):
        return f"{name} is how the room shows people without a name. Choose another name, or none."
    return None


def make_app(room: Room) -> ASGIApp:
    """The Starlette application serving ``room``, its live figures running while it runs."""
    code, settings, round = room.store.join_code, room.settings, room.round
    committer = Committer(room.store)
    base = f"/j/{code}"

    def phone(request: Request) -> dict[str, Any] | None:
        return room.store.participant(request.cookies.get(PHONE_COOKIE))

    def coded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def checked(request: Request) -> Response:
            if not _same(request.path_params["code"], code):
                return _plain(404, *NOT_FOUND)
            return await handler(request)

        return checked

    def facilitator(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def checked(request: Request) -> Response:
            if not _same(request.cookies.get(FACILITATOR_COOKIE, ""), room.store.facilitator_cookie):
                return _plain(404, *NOT_FOUND)
            return await handler(request)

        return checked

    def answers_page(request: Request, who: dict[str, Any], error: str = "", status: int = 200) -> HTMLResponse:
        answers = room.store.answers_of(who["id"])
        name = who["name"] or who["code"]
        rejoin = who["rejoin"] if who["name"] else ""  # a name and this code take the place on another phone
        page = pages.participant_page(round, base, name, answers, error, closed=room.store.closed, rejoin=rejoin)
        return HTMLResponse(page, status_code=status)

    @coded
    async def enter(request: Request) -> Response:
        who = phone(request)
        if who is not None:
            return answers_page(request, who)
        if room.store.closed:
            return HTMLResponse(pages.closed_page(round))
        return HTMLResponse(pages.join_page(round, f"{base}/join"))

    def _with_cookie(response: Response, token: str) -> Response:
        response.set_cookie(
            PHONE_COOKIE,
            token,
            max_age=settings.cookie_days * 86400,
            path=base,
            httponly=True,
            samesite="lax",
        )
        return response

    @coded
    async def join(request: Request) -> Response:
        if room.store.closed:
            return HTMLResponse(pages.closed_page(round), status_code=409)
        fields = _form(await request.body(), 4)
        if fields is None or any(k not in ("name", "code") for k, _ in fields):
            return _plain(400, "Refused", "This page sends a name, and a rejoin code, only.")
        name = " ".join(dict(fields).get("name", "").split())
        code = "".join(dict(fields).get("code", "").split())
        key = clean(name).casefold()
        wrong = name_problem(name, settings.name_chars)
        who = phone(request)

        def again(error: str, rejoin: bool = True) -> HTMLResponse:
            page = pages.join_page(round, f"{base}/join", error, name[: settings.name_chars], rejoin)
            return HTMLResponse(page, 400)

        if wrong:
            return again(wrong, rejoin=False)
        if key and room.store.name_taken(key, who["id"] if who else None):
            if who is not None:  # a participant renaming themselves onto another's name
                return again(TAKEN_BY_ANOTHER, rejoin=False)
            if not code:
                return again(TAKEN)
            tries, last = room.wrong_codes.get(key, (0, 0.0))
            if tries >= REJOIN_TRIES and time.monotonic() - last < REJOIN_WAIT:
                return again(
                    f"That name was tried with {REJOIN_TRIES} wrong rejoin codes in a row: wait a minute, then type "
                    "your code again."
                )
            token = await asyncio.to_thread(room.store.rejoin, key, code)
            if token is None:
                room.wrong_codes[key] = (tries % REJOIN_TRIES + 1, time.monotonic())  # after a rest, ten more
                return again(WRONG_CODE)
            room.wrong_codes.pop(key, None)
            return _with_cookie(RedirectResponse(base, status_code=303), token)
        try:
            if who is not None:
                await asyncio.to_thread(room.store.rename, who["id"], name, key)
                return RedirectResponse(base, status_code=303)
            joined = await asyncio.to_thread(room.store.join, name, key, settings.max_participants)
        except NameTaken:
            return again(TAKEN)
        if joined is None:
            return _plain(403, "The room is full", f"This round takes {settings.max_participants} participants.")
        return _with_cookie(RedirectResponse(base, status_code=303), joined[0])

    @coded
    async def save(request: Request) -> Response:
        as_json = _wants_json(request)

        def refuse(status: int, text: str) -> Response:
            if as_json:
                return JSONResponse({"message": text}, status_code=status)
            return _plain(status, "Not saved", text)

        if room.store.closed:
            if as_json:
                return refuse(409, "The round is closed: answers can no longer be changed. Your saved answers count.")
            return HTMLResponse(pages.closed_page(round), status_code=409)
        who = phone(request)
        if who is None:
            return refuse(
                403,
                "This phone is not in the round: open the room's address again and join, or, if you rejoined on "
                "another phone, carry on there.",
            )
        fields = _form(await request.body(), len(round.fields) + 1)
        if fields is None:
            return refuse(400, "This is not a form this room sends.")
        allowed = round.fields
        answers: dict[str, str] = {}
        for name, value in fields:
            if name not in allowed:
                return refuse(400, "That answer is for an item this round does not have; nothing was saved.")
            if value not in allowed[name].choices:
                return refuse(400, "That is not one of the answers this item allows; nothing was saved.")
            answers[name] = value  # the last value of a field counts
        if answers:
            await committer.save(who["id"], answers)
        if as_json:
            return JSONResponse({"message": pages.saved_line(round, room.store.answers_of(who["id"]))})
        return RedirectResponse(base, status_code=303)

    async def enter_facilitator(request: Request) -> Response:
        if not _same(request.path_params["secret"], room.store.facilitator_secret):
            return _plain(404, *NOT_FOUND)
        response = RedirectResponse("/facilitator", status_code=303)
        response.set_cookie(
            FACILITATOR_COOKIE, room.store.facilitator_cookie, path="/", httponly=True, samesite="strict"
        )
        return response

    def close_token() -> str:
        return hashlib.sha256(f"close:{room.store.facilitator_cookie}".encode()).hexdigest()

    @facilitator
    async def dashboard(request: Request) -> Response:
        if room.closing:
            return HTMLResponse(pages.writing_page(round))
        if room.store.closed:
            done = room.result or Closed([], f"The round was closed earlier; its results are in {room.out}.", [])
            return HTMLResponse(pages.results_page(round, done.summary, [str(p) for p in done.written], done.charts))
        page = pages.facilitator_page(round, settings.join_url, settings.qr_svg, room.live.snapshot, close_token())
        return HTMLResponse(page)

    @facilitator
    async def live(request: Request) -> Response:
        return JSONResponse({**room.live.snapshot, "closed": room.store.closed and not room.closing})

    @facilitator
    async def finish(request: Request) -> Response:
        fields = _form(await request.body(), 2)
        if fields is None or not _same(dict(fields).get("token", ""), close_token()):
            return _plain(403, "Refused", "Close comes from the facilitator's page only.")
        if not room.store.closed:
            room.closing = True
            room.store.close_round()
            try:
                room.result = await asyncio.to_thread(close, round, room.store, room.out)
            except Exception as err:  # the round stays closed; the page and the terminal say what to do
                print(f"rolekit room: the results could not be written: {err}", flush=True)
                room.result = Closed(
                    [],
                    f"The round is closed, but its results could not be written ({err}). Every answer is kept in "
                    f"{room.store.path}: run the same rolekit room command again with --close to write them.",
                    [],
                )
            else:
                print(f"rolekit room: closed; {room.result.summary}", flush=True)
                print("\n".join(f"wrote {p}" for p in room.result.written), flush=True)
            finally:
                room.closing = False
        return RedirectResponse("/facilitator", status_code=303)

    async def not_found(request: Request, exc: Exception) -> Response:
        return _plain(404, *NOT_FOUND)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        room.live.start()
        try:
            yield
        finally:
            room.live.stop()

    app = Starlette(
        routes=[
            Route("/j/{code}", enter, methods=["GET"]),
            Route("/j/{code}", save, methods=["POST"]),
            Route("/j/{code}/join", join, methods=["POST"]),
            Route("/f/{secret}", enter_facilitator, methods=["GET"]),
            Route("/facilitator", dashboard, methods=["GET"]),
            Route("/facilitator/live", live, methods=["GET"]),
            Route("/facilitator/close", finish, methods=["POST"]),
        ],
        exception_handlers={404: not_found, 405: not_found},
        lifespan=lifespan,
    )
    return Guard(app, room)  # outermost, so that even an error page carries the headers
