"""Work in worker processes, results in order, memory bounded, Ctrl-C clean: the one pool the
commands share (validate's batches of payloads, traffic's batches of exchanges)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers(requested: int) -> int:
    """No more processes than the machine has cores: --jobs 10000 must not fork 10,000 of them."""
    return max(1, min(requested, os.cpu_count() or 1))


def for_each(jobs: int, function: Callable[[T], R], items: Iterable[T], add: Callable[[R], None]) -> None:
    """Hand `function(item)` for every item to `add`, in order. `function` must pickle (a module-level
    function or a partial of one). One item, or one worker, runs here: a pool would only cost its
    start-up."""
    stream = iter(items)
    first = list(islice(stream, 2))
    jobs = workers(jobs)
    if jobs == 1 or len(first) < 2:
        for item in chain(first, stream):
            add(function(item))
    else:
        _in_pool(jobs, function, chain(first, stream), add)


def _in_pool(jobs: int, function: Callable[[T], R], items: Iterable[T], add: Callable[[R], None]) -> None:
    """At most 2 items per worker are in flight, so a multi-gigabyte input never sits in memory whole.
    Ctrl-C stops the workers at once; they ignore it themselves, so no worker prints a traceback."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))
    pending: list[Future[R]] = []
    try:
        for item in items:
            pending.append(pool.submit(function, item))
            while len(pending) >= 2 * jobs:
                add(pending.pop(0).result())
        for future in pending:
            add(future.result())
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
