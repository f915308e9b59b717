"""Writing to standard output when it may be gone: `| head -1`, `>/dev/full`, `>&-`.

The exit status is the verdict whatever happens to the report: a CI step with `pipefail` must not
pass because the reader of stdout left early. The report is abandoned quietly (one line on standard
error when it could not be written for another reason than a closed pipe) and standard output is
pointed at /dev/null, so Python's own flush at exit cannot fail later and change the status.
"""

from __future__ import annotations

import os
import sys


def write(text: str) -> None:
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`>&-`)
        return
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _discard()
    except (OSError, ValueError) as error:  # ENOSPC on /dev/full; a closed file object
        _discard()
        if sys.stderr is not None:
            reason = getattr(error, "strerror", None) or error
            try:
                print(f"indoxhub-contract: cannot write the report: {reason}", file=sys.stderr)
            except OSError:
                pass


def _discard() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        sys.stdout = None
