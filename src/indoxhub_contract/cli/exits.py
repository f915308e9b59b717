"""Exit codes and the one way a subcommand reports a usage error."""

from __future__ import annotations

import sys

from .._report import printable

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def usage_error(message: str) -> int:
    """Print `message` as the command's error on standard error; the usage exit code to return."""
    if sys.stderr is not None:  # a message may quote a file name: one line, valid UTF-8
        print(f"indoxhub-contract: error: {printable(message)}", file=sys.stderr)
    return EXIT_USAGE
