"""Indented Python source, written the way it nests (after fastjsonschema's indent.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from indoxhub_contract._report import printable


class Writer:
    """Collects lines; `block()` opens an indented block and closes it with `pass` if left empty."""

    def __init__(self, indent: int = 0) -> None:
        self.lines: list[str] = []
        self.indent = indent

    def line(self, text: str) -> None:
        self.lines.append("    " * self.indent + text)

    @contextmanager
    def block(self, header: str) -> Iterator[None]:
        self.line(header)
        self.indent += 1
        start = len(self.lines)
        try:
            yield
        finally:
            # An empty block is a syntax error; handling it here spares every caller.
            if len(self.lines) == start:
                self.line("pass")
            self.indent -= 1

    def docstring(self, text: str) -> None:
        """A docstring holding `text` verbatim: schema locations may hold backslashes (`\\d`) or quotes."""
        escaped = printable(text.replace("\\", "\\\\").replace('"', '\\"'))  # NUL, CR, U+2028: as escapes
        self.line(f'"""{escaped}"""')

    def comment(self, text: str) -> None:
        self.line("# " + printable(text))  # a NUL or a line break in a member name would break the module

    def child(self) -> Writer:
        """A writer at the same depth whose lines can be kept or dropped with `splice`."""
        return Writer(self.indent)

    def splice(self, other: Writer) -> None:
        self.lines.extend(other.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
