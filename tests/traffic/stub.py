"""A local stand-in for the IndoxHub API: answers the official client's /auth/api-key call, then each
call with the next queued (status, body). Loopback only, a thread, stopped by the test."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Stub:
    def __init__(self) -> None:
        self.answers: list[tuple[int, Any]] = []
        self.url = ""
        self.served: list[tuple[str, str, int, bytes]] = []  # method, URL, status, body: what har() writes

    def har(self) -> dict[str, Any]:
        """What the stub served, as a HAR 1.2 log (every field the format requires)."""
        entries = []
        for method, url, status, body in self.served:
            request = {
                "method": method,
                "url": url,
                "httpVersion": "HTTP/1.1",
                "cookies": [],
                "headers": [],
                "queryString": [],
                "headersSize": -1,
                "bodySize": -1,
            }
            content = {"size": len(body), "mimeType": "application/json", "text": body.decode()}
            response = {
                "status": status,
                "statusText": "",
                "httpVersion": "HTTP/1.1",
                "cookies": [],
                "headers": [{"name": "Content-Type", "value": "application/json"}],
                "content": content,
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": len(body),
            }
            entries.append(
                {
                    "startedDateTime": "2026-11-26T12:00:00.000Z",
                    "time": 1,
                    "request": request,
                    "response": response,
                    "cache": {},
                    "timings": {"send": 0, "wait": 1, "receive": 0},
                }
            )
        return {
            "log": {"version": "1.2", "creator": {"name": "tests/traffic/stub.py", "version": "1"}, "entries": entries}
        }


@contextmanager
def serving() -> Iterator[Stub]:
    stub = Stub()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's spelling
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.endswith("/auth/api-key"):
                self.answer(200, {"access_token": "token"}, cookie="access_token=token; Path=/")
            else:
                self.answer(*stub.answers.pop(0))

        do_GET = do_POST  # noqa: N815

        def answer(self, status: int, body: Any, cookie: str = "") -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            stub.served.append((self.command, stub.url + self.path, status, data))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if cookie:
                self.send_header("Set-Cookie", cookie)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
