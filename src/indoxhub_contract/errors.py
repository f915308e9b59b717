"""What a failed validation hands back: one frozen record per error (ErrorDetail), and the one
exception that holds them all (ContractError)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorDetail:
    """One way a payload breaks the contract (a record, not an exception: catch ContractError).

    path: JSON Pointer into the payload ("" is the payload itself), e.g. "/usage/tokens_total".
    keyword: the JSON Schema keyword that failed, e.g. "minimum"; or, for JSON text that cannot be
        read, one word: "parse", "encoding", "depth", "duplicate", "number" (README: What counts as a finding).
    message: one sentence: what was expected, then what was found.
    schema_path: the failing keyword's place in the schemas, e.g. "usage.schema.json#/properties/cost/minimum";
        "" for a reading error.
    """

    path: str
    keyword: str
    message: str
    schema_path: str

    def __str__(self) -> str:
        return f"{self.path or '(root)'}: {self.message}"


class ContractError(ValueError):
    """A payload is not a valid instance of a response type; `.errors` holds every error."""

    def __init__(self, type_name: str, errors: tuple[ErrorDetail, ...], exchange: str = "") -> None:
        self.type_name = type_name
        self.errors = errors
        self.exchange = exchange  # "POST https://…/chat/completions 200" when raised for an HTTP exchange
        count = f"{len(errors)} error{'' if len(errors) == 1 else 's'}"
        lines = "".join(f"\n  {error}" for error in errors[:20])
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{exchange + ': ' if exchange else ''}not a valid {type_name} ({count}):{lines}{more}")
