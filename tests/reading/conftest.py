"""After each test, the reader in use is again the one INDOXHUB_CONTRACT_READER names (tests here change
the variable and the module's choice; `make test` runs later tests with the variable set to stdlib)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from indoxhub_contract import _reading as reading


@pytest.fixture(autouse=True)
def reader_as_the_environment_says() -> Iterator[None]:
    yield  # set up before monkeypatch, so torn down after it has put the environment back
    reading.reader()
