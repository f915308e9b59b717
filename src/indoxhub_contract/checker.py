"""The validation loop: batches in, findings out, in one process or several, with bounded memory."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from . import iter_errors
from .loading import Batch, ParseError, batches, parse
from .registry import validators
from .report import Finding, Outcome


@dataclass(frozen=True)
class Result:
    checked: int
    invalid: int
    findings: tuple[Finding, ...]


def check_batch(type_name: str, strict: bool, batch: Batch) -> Result:
    is_valid_default, _, is_valid_strict, _ = validators(type_name)
    is_valid = is_valid_strict if strict else is_valid_default
    findings: list[Finding] = []
    invalid = 0
    for line, raw in batch.items:
        if batch.kind == "error":  # the source could not be read at all
            return Result(1, 1, (Finding(batch.source, None, "", "read", raw),))
        try:
            payload = parse(batch.kind, raw)
        except ParseError as error:
            invalid += 1
            findings.append(Finding(batch.source, line if line is not None else error.line, "", "parse", str(error)))
            continue
        if is_valid(payload):  # the fast path; the full report runs only for the invalid
            continue
        invalid += 1
        for found in iter_errors(type_name, payload, strict=strict):
            findings.append(Finding(batch.source, line, found.path, found.keyword, found.message))
    return Result(len(batch.items), invalid, tuple(findings))


def _all_batches(sources: list[str]) -> Iterator[Batch]:
    for source in sources:
        yield from batches(source)


def run(type_name: str, strict: bool, sources: list[str], jobs: int, progress: Callable[[Outcome], None]) -> Outcome:
    outcome = Outcome(files=len(sources))

    def add(result: Result) -> None:
        outcome.checked += result.checked
        outcome.invalid += result.invalid
        outcome.findings.extend(result.findings)
        progress(outcome)

    if jobs <= 1 or "-" in sources:
        for batch in _all_batches(sources):
            add(check_batch(type_name, strict, batch))
        return outcome
    # At most 2 batches per worker in flight: a multi-gigabyte JSONL never sits in memory whole.
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: list[Future[Result]] = []
        for batch in _all_batches(sources):
            pending.append(pool.submit(check_batch, type_name, strict, batch))
            while len(pending) >= 2 * jobs:
                add(pending.pop(0).result())
        for future in pending:
            add(future.result())
    return outcome


def progress_bar(total_files: int) -> Callable[[Outcome], None]:
    """A one-line counter on standard error when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return lambda outcome: None

    def show(outcome: Outcome) -> None:
        sys.stderr.write(f"\r{outcome.checked} payloads checked, {outcome.invalid} invalid ({total_files} files)")
        sys.stderr.flush()

    return show
