"""The one error the generator raises: it names the schema file, the JSON Pointer and the keyword."""

from __future__ import annotations

from indoxhub_contract._refs import RefError


class CompileError(RefError):
    """A schema the compiler will not turn into code.

    `kind` lets callers tell apart what the schema asks for that we do not support
    ("unsupported-keyword", "remote-ref", "pattern", "dialect": a $schema other than 2020-12) from a
    schema that is simply wrong ("invalid").
    """

    @classmethod
    def unsupported(cls, file: str, pointer: str, keyword: str) -> CompileError:
        """A keyword outside the compiler's table: refused by design, not a broken schema."""
        message = "keyword not supported by the compiler (see README: supported keywords)"
        return cls(file, pointer, keyword, message, kind="unsupported-keyword")
