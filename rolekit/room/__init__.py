"""``rolekit room``: the room answers from their phones, on the seminar's own Wi-Fi, nothing leaving the laptop.

A small web server (Starlette on uvicorn) serves one round: the items of a
``rolekit worksheet`` folder to tag, or the decisions of a RACI template to assign.
The package is split by what each part holds:

- :mod:`.rounds`: what a round asks (questions, form fields, allowed values);
- :mod:`.store`: the answers, committed to SQLite (WAL) before each reply; the round's codes;
- :mod:`.app`: the routes, pages' handlers and the guard every request passes (Host, size, rate, headers);
- :mod:`.pages`: the HTML of each page, and the Content-Security-Policy that allows only it;
- :mod:`.live`: the live statistics, computed in a thread of their own;
- :mod:`.raci`: the room's RACI from everyone's A and R: the majority and the split;
- :mod:`.export`: Close, which writes what ``rolekit score --out`` (or ``rolekit raci``) reads;
- :mod:`.serve`: start-up: the laptop's address, the terminal's lines and QR code, the time limit.

Nothing in rolekit's core imports this package; Starlette, uvicorn and segno are
imported only here, so ``import rolekit`` stays fast.
"""

from .rounds import Field, Question, Round, raci_round, tagging_round
from .store import Store

__all__ = ["Field", "Question", "Round", "Store", "raci_round", "tagging_round"]
