"""`rolekit room` under a room of 100 phones, on loopback: answers per second and reply times.

The real server in a subprocess on 127.0.0.1 (as `rolekit room` runs it), a 16-item
worksheet, and 100 simulated participants in 4 client processes of 25 threads each.
Two rounds, each on a fresh room:

- taps: every phone joins, then sends its 48 answers one at a time, as the page's
  script does, a tap every 0.25 s (faster than people tap: 400 answers/s offered);
- Save: every phone sends its whole form (48 answers in one request) at the same
  moment, as 100 people pressing Save together without JavaScript would.

Then every answer acknowledged is looked for in the SQLite file. Prints answers
per second, and the median and 95th-percentile reply times (from the phones' side,
so client scheduling is counted in).

    .venv/bin/python benchmarks/room.py

The goal (issue 19): p95 under 50 ms on the 2-core machine, every answer stored.
"""

import multiprocessing
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the end-to-end tests' server and phones
from room_server import Phone, Server, stored_by_name  # noqa: E402

PHONES, PROCESSES, TAP = 100, 4, 0.25


def _plan(key: list[tuple[str, str]], seed: int) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    choices = {"scope": ["internal", "external"], "horizon": ["daily", "long-term"]}
    roles = sorted({r for _, r in key})
    return [
        {f"{item}-{d}": rnd.choice(roles if d == "role" else choices[d])}
        for item, _ in key
        for d in ("role", "scope", "horizon")
    ]


def _phones(args: tuple) -> tuple[list[float], dict, float, float]:
    """One client process: its phones join, wait for the start, answer; returns times and what was acknowledged."""
    address, first, count, key, mode, start_at = args
    server = Server.__new__(Server)  # a handle on the running server, not a new one
    server.host, server.port, server.path = address
    phones = [Phone(server, f"phone {first + k}") for k in range(count)]
    done = threading.Barrier(count)
    times: list[float] = []
    statuses: dict[int, int] = {}  # the last reply each phone got
    ends: list[float] = []

    def run(k: int) -> None:
        phone, plan = phones[k], _plan(key, first + k)
        time.sleep(max(0.0, start_at - time.time()) + (random.random() * TAP if mode == "taps" else 0))
        if mode == "taps":
            for fields in plan:
                sent = time.perf_counter()
                statuses[k] = phone.answer(fields)
                time.sleep(max(0.0, TAP - (time.perf_counter() - sent)))
        else:
            statuses[k] = phone.answer({f: v for fields in plan for f, v in fields.items()})
        ends.append(time.time())
        done.wait()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    for phone in phones:
        times += phone.times
    acknowledged = {(f"phone {first + k}", f): v for k, p in enumerate(phones) for f, v in p.acknowledged.items()}
    return times, acknowledged, start_at, max(ends)


def measure(mode: str, exercise: Path, out: Path, key: list[tuple[str, str]]) -> None:
    with Server(str(exercise), "--host", "127.0.0.1", "--port", "0", "--out", str(out)) as server:
        share = PHONES // PROCESSES
        start_at = time.time() + 3 + PHONES * 0.01  # after every phone has joined
        jobs = [
            ((server.host, server.port, server.path), p * share, share, key, mode, start_at) for p in range(PROCESSES)
        ]
        with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
            results = pool.map(_phones, jobs)
        times = [t for r in results for t in r[0]]
        acknowledged = {k: v for r in results for k, v in r[1].items()}
        began, ended = min(r[2] for r in results), max(r[3] for r in results)
        kept = stored_by_name(out)
    missing = sum(kept.get(k) != v for k, v in acknowledged.items())
    answers = len(acknowledged)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"{mode:5}: {PHONES} phones, {len(times)} requests, {answers} answers acknowledged in {ended - began:.1f} s: "
        f"{answers / (ended - began):,.0f} answers/s; reply time median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {max(times) * 1000:.0f} ms; "
        + ("every answer stored" if not missing and answers == PHONES * len(key) * 3 else f"{missing} MISSING")
    )


def main() -> None:
    import pandas as pd

    from rolekit.cli import main as rolekit

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rolekit(["worksheet", "--n", "16", "--seed", "2026", "--participants", "1", "--out", str(folder / "ex")])
        table = pd.read_csv(folder / "ex" / "key" / "answer_key.csv", dtype=str)
        key = list(zip(table["item"], table["role"]))
        print(
            f"\nrolekit room on loopback, {len(key)} items x 3 dimensions (goal: p95 under 50 ms, every answer stored)"
        )
        measure("taps", folder / "ex", folder / "taps", key)
        measure("Save", folder / "ex", folder / "save", key)


if __name__ == "__main__":
    main()
