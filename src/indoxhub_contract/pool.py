"""Work in worker processes, results in order, memory bounded, Ctrl-C clean: the one pool the
commands share (validate's batches of payloads, traffic's batches of exchanges)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")


def workers(requested: int) -> int:
    """No more processes than the machine has cores: --jobs 10000 must not fork 10,000 of them."""
    return max(1, min(requested, os.cpu_count() or 1))


def in_pool(jobs: int, tasks: Iterator[tuple[Callable[..., R], tuple[Any, ...]]], add: Callable[[R], None]) -> None:
    """Run each (function, arguments) in `jobs` processes and hand the results to `add` in order. At
    most 2 tasks per worker are in flight, so a multi-gigabyte input never sits in memory whole.
    Ctrl-C stops the workers at once; they ignore it themselves, so no worker prints a traceback."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))
    pending: list[Future[R]] = []
    try:
        for function, arguments in tasks:
            pending.append(pool.submit(function, *arguments))
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
