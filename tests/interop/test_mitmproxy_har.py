"""A HAR file as a proxy writes it: mitmproxy 11 (its own virtual environment, .venv/mitmproxy, made by
`make interop`) in front of the loopback stub, the official `indoxhub` client through it; `traffic`
on mitmproxy's HAR dump reports exactly what the stub served."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
from pathlib import Path

from ..cli.conftest import cli
from ..traffic.stub import serving
from .conftest import ROOT

MITMDUMP = ROOT / ".venv" / "mitmproxy" / "bin" / "mitmdump"
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_mitmproxy_har_dump_of_the_official_client(tmp_path: Path) -> None:
    import indoxhub

    har = tmp_path / "session.har"
    port = free_port()
    with serving() as stub:
        proxy = subprocess.Popen(
            [
                str(MITMDUMP),
                "--mode",
                f"reverse:{stub.url}",
                "--listen-host",
                "127.0.0.1",
                "--listen-port",
                str(port),
                "--set",
                f"hardump={har}",
                "-q",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            for _ in range(100):  # until the proxy listens
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            stub.answers = [(200, CHAT), (200, dict(CHAT, duration_ms=-5)), (404, {"detail": "No such model"})]
            client = indoxhub.Client(api_key="key", base_url=f"http://127.0.0.1:{port}")
            client.chat([{"role": "user", "content": "Hi"}])
            client.chat([{"role": "user", "content": "Hi"}])
            try:
                client.chat([{"role": "user", "content": "Hi"}])
            except indoxhub.exceptions.IndoxHubError:
                pass  # the client raises for a 404: the exchange is recorded all the same
            client.close()
        finally:
            proxy.send_signal(signal.SIGINT)  # mitmproxy writes the HAR file as it shuts down
            proxy.wait(timeout=60)
    document = json.loads(har.read_text())
    assert document["log"]["creator"]["name"] == "mitmproxy"
    report = cli("traffic", "--format", "json", str(har)).report
    assert (report["checked"], report["invalid"], report["uncovered"]) == (4, 1, 1)
    assert [(e["entry"], e["status"], e["path"], e["keyword"]) for e in report["errors"]] == [
        (3, 200, "/duration_ms", "minimum")
    ]
    assert report["uncovered_exchanges"][0]["reason"] == "no operation in the contract for /auth/api-key"
