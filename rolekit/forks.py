"""Tasks in forked children: each runs isolated, in a copy of this process, on one worker per core.

A child forked from a process that has imported pandas and matplotlib starts with them
imported (copy-on-write, so they cost nothing more), has memory of its own, and sends
back only its result. :mod:`rolekit.runner` runs each notebook of the series this way,
and :func:`rolekit.charts.exercise.save_scores` draws its charts side by side;
``rolekit score --out`` scores the sheets in one (:func:`started`) while it imports matplotlib.

Forks are made only from the main thread, so that a child never inherits a lock that
one of rolekit's other threads (the room server's) holds midway: :func:`available` says
whether this process can fork now. Where forking is not safe (macOS, whose system libraries may start threads of
their own, as Python's multiprocessing documentation warns) or not possible (Windows),
:func:`run_tasks` runs tasks in fresh worker processes instead, slower but the same.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import select
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["available", "in_forks", "run_tasks", "started"]

T = TypeVar("T")

PARENT = os.getpid()  # for the example below: a fork's pid differs from its parent's


def available() -> bool:
    """Whether tasks can run in forks of this process now: on Linux and the BSDs, from the main thread.

    Not on macOS or Windows, and not from another thread: the room server, for one,
    closes a round in a worker thread while its own threads serve the phones.

    >>> available() == (sys.platform == "linux")
    True
    """
    return (
        sys.platform != "darwin"
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
    )


def in_forks(tasks: Sequence[Callable[[], T]], workers: int | None = None) -> list[T | BaseException]:
    """Run each task in a child forked from this process, ``workers`` at a time; return what each returned.

    A task that raises gives its exception instead of a result (its type and message;
    the traceback stays in the child). Results must be picklable.

    >>> in_forks([lambda: 1 + 1, lambda: os.getpid() != PARENT])
    [2, True]
    """
    if not available():
        raise RuntimeError("tasks can run in forks only where the operating system can fork (not on Windows)")
    workers = max(1, workers or os.cpu_count() or 1)
    results: list[Any] = [None] * len(tasks)
    waiting = list(range(len(tasks)))
    running: dict[int, tuple[int, int, bytearray]] = {}  # read end of the pipe -> (task, pid, bytes so far)
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the parent's objects out of the collector's reach: a child's collections do not copy their pages
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                task = waiting.pop(0)
                read, pid = _spawn(tasks[task])
                running[read] = (task, pid, bytearray())
            ready, _, _ = select.select(list(running), [], [])
            for read in ready:
                task, pid, got = running[read]
                chunk = os.read(read, 1 << 16)
                if chunk:
                    got += chunk
                    continue
                del running[read]
                results[task] = _ended(read, pid, got)
    except BaseException:  # Ctrl-C, or anything else: no child is left running
        for _, pid, _ in running.values():
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            except OSError:
                pass
        raise
    finally:
        gc.unfreeze()
    return results


def _spawn(task: Callable[[], Any]) -> tuple[int, int]:
    """Fork a child that runs ``task`` and sends its outcome down a pipe; return the read end and the pid."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the task, send its result, leave without the parent's clean-up
        os.close(read)
        code = 0
        try:
            outcome: tuple[str, Any] = ("done", task())
        except BaseException as err:  # whatever it was, the parent says so
            outcome, code = ("failed", RuntimeError(f"{type(err).__name__}: {err}")), 1
        try:
            data = pickle.dumps(outcome)
            while data:
                data = data[os.write(write, data) :]
        finally:
            os._exit(code)
    os.close(write)
    return read, pid


def _ended(read: int, pid: int, got: bytearray) -> Any:
    """What a child sent, once its pipe is at its end: its result, or its exception."""
    os.close(read)
    os.waitpid(pid, 0)
    _, value = pickle.loads(bytes(got)) if got else ("failed", RuntimeError("the fork ended early"))
    return value


def started(task: Callable[[], T]) -> Callable[[], T | BaseException]:
    """Start ``task`` in a child forked from this process now; return a function that waits for what it returned.

    For work that can go on beside this process's own: ``rolekit score --out`` scores
    the sheets in a fork while it imports matplotlib. As with :func:`in_forks`, a task
    that raises gives its exception instead of a result.

    >>> waiting = started(lambda: os.getpid() != PARENT)
    >>> waiting()
    True
    """
    if not available():
        raise RuntimeError("tasks can run in forks only where the operating system can fork (not on Windows)")
    sys.stdout.flush()
    sys.stderr.flush()
    read, pid = _spawn(task)

    def result() -> T | BaseException:
        got = bytearray()
        try:
            while chunk := os.read(read, 1 << 16):
                got += chunk
        except BaseException:  # Ctrl-C while waiting: the child is not left running
            os.kill(pid, 9)
            os.close(read)
            os.waitpid(pid, 0)
            raise
        return _ended(read, pid, got)

    return result


def run_tasks(tasks: Sequence[Callable[[], T]], workers: int | None = None) -> list[T | BaseException]:
    """Run ``tasks`` in forks (:func:`in_forks`) or, where that is not safe, in fresh worker processes.

    Either way a task that raises gives its exception instead of a result. For the
    worker processes, tasks and results must be picklable (functions of a module, not
    lambdas).

    >>> from functools import partial
    >>> run_tasks([partial(pow, 2, 3), partial(divmod, 7, 2)])
    [8, (3, 1)]
    """
    if available():
        return in_forks(tasks, workers)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=max(1, workers or os.cpu_count() or 1)) as pool:
        jobs = [pool.submit(task) for task in tasks]
        return [job.exception() or job.result() for job in jobs]
