"""Shared test set-up: no network, ever; bounded Hypothesis profiles; the compiler importable."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent

# CI: bounded so `make test` stays within minutes on two cores. fuzz: `make fuzz`, a long campaign.
# `make test`: 35 examples per property (about 2,000 in all, under a minute); `make fuzz` runs thousands.
# hypothesis-jsonschema rejects many drafts internally (patterns, required members): its filtering
# is not ours to fix, so the filtering health checks would only make the run flaky.
FILTERING = [
    HealthCheck.too_slow,
    HealthCheck.filter_too_much,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]
settings.register_profile("ci", max_examples=35, deadline=None, suppress_health_check=FILTERING)
# `make fuzz`: FUZZ_EXAMPLES per property (default 3,000), with a database so finds persist between runs.
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "3000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# tests/interop runs in `make interop` (INTEROP=1), which installs the client generators it needs;
# `make test` leaves it out rather than skip it.
collect_ignore = ([] if os.environ.get("INTEROP") else ["interop"]) + ([] if os.environ.get("SPARK") else ["spark"])


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make dist` once per session, into a temporary folder, for the dist and interop tests."""
    output = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "dist.py"), "--output", str(output), "--no-wheel"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return output


LOOPBACK = ("127.0.0.1", "::1", "localhost")


class NetworkUsed(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open an internet socket fails the test: schemas resolve offline or not at all.
    Loopback, and only loopback, is allowed: the traffic tests run a stub server on 127.0.0.1."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def guarded(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOOPBACK:
            raise NetworkUsed(f"a test tried to reach the network: {address!r}")
        real_connect(self, address)

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in LOOPBACK:
            raise NetworkUsed(f"DNS lookup {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    yield
