"""dist/docs/index.html in a real browser (issue 22, item 6): Debian's Chromium, headless, with every
network request made to fail, loads the page from disk and renders every operation and a model section
for each of the ten types; a screenshot is written for reviewers (dist/docs/screenshot.png, not committed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from indoxhub_contract import TYPES

from .conftest import ROOT

# Chromium with no way out: names resolve nowhere and any proxy use goes to a closed port.
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Chromium is not installed: `make interop` installs Debian's chromium package (as root)")
    return found


@pytest.fixture(scope="module")
def page(dist: Path) -> Path:
    """The page from the session's `make dist` (tests/conftest.py)."""
    return dist / "docs" / "index.html"


def browse(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", *OFFLINE, *args]
    return subprocess.run([*command, page.as_uri()], capture_output=True, text=True, timeout=120, check=False)


class Collect(HTMLParser):
    """Section ids and headings of the rendered DOM, and anything that would be fetched."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: list[str] = []
        self.fetches: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "section" and values.get("id"):
            self.ids.append(str(values["id"]))
        self._in_heading = tag == "h3"
        for name in ("src", "srcset", "data"):
            if values.get(name):
                self.fetches.append(f"{tag} {name}={values[name]}")
        if tag == "link" and values.get("href"):
            self.fetches.append(f"link href={values['href']}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.headings.append(data.strip())


def test_the_page_renders_offline_with_every_type_and_operation(page: Path) -> None:
    ran = browse(page, "--dump-dom")
    assert ran.returncode == 0 and "</html>" in ran.stdout, ran.stderr[-3000:]
    dom = Collect()
    dom.feed(ran.stdout)
    assert len(TYPES) == 10 and [name for name in TYPES if name not in dom.headings] == []
    assert dom.fetches == []  # scripts, styles and fonts inline: nothing to fetch
    assert not re.search(r"url\(|@import|https?://[^\s\"<]*\.(js|css|woff2?)\b", page.read_text())
    operations = [i for i in dom.ids if i.startswith("op-")]
    assert len(operations) == 9, operations
    assert "Error body: the answer to status 422." in ran.stdout  # error bodies marked with their statuses


def test_a_screenshot_for_reviewers(page: Path) -> None:
    shot = ROOT / "dist" / "docs" / "screenshot.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    ran = browse(page, f"--screenshot={shot}", "--window-size=1280,1600", "--hide-scrollbars")
    assert ran.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", ran.stderr[-3000:]
    print(f"screenshot: {shot}")
