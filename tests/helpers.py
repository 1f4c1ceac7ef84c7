"""Helpers shared by the test files: constants, Markdown files, hashes, page checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import json
import os
import shutil
import socket
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from assosite.outputs.cards.cache import CACHE_FOLDER, MANIFEST
from assosite.reading.fields import ParseContext
from assosite.reading.header import read_header
from assosite.reading.items import folder_kind, parse_item

DATA = Path(__file__).parent / "data"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)

BASE_CONFIG = """\
[site]
name = "Les Amis du Test"
url = "https://test.example"
description = "Une association pour tester assosite."
"""

# The smallest valid JPEG (1×1 px): images are checked for existence, not decoded.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c"
    "140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27"
    "393d38323c2e333432ffc0000b080001000101011100ffc4001f000001050101010101010000000000"
    "0000000102030405060708090a0bffc400b5100002010303020403050504040000017d0102030004"
    "1105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25"
    "262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778"
    "797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6"
    "c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f"
    "00fbfcffd9"
)

NEWS = """---
title: {title}
date: {date}
summary: Une phrase qui dit l'essentiel.
{extra}---
Le texte de l'actualité.
"""
EVENT = """---
title: {title}
summary: Venez nombreux.
start: {start}
location: Maison des associations, Lyon
{extra}---
Le programme.
"""
TESTIMONY = """---
title: {title}
date: 2026-01-10
name: Anne
role: bénévole
consent: 2026-01-01
{extra}---
Mon témoignage.
"""


def md_news(title: str, date: str = "2026-03-01", extra: str = "") -> str:
    return NEWS.format(title=title, date=date, extra=extra)


def md_event(title: str, start: str, extra: str = "") -> str:
    return EVENT.format(title=title, start=start, extra=extra)


def md_testimony(title: str, extra: str = "") -> str:
    return TESTIMONY.format(title=title, extra=extra)


def file_hashes(folder: Path) -> dict[str, str]:
    """Return the sha256 of every file under ``folder``, by path relative to it."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def constraint_pins(site: Path) -> dict[str, str]:
    """Return the ``name: version`` pins of a site's ``constraints.txt``."""
    lines = (site / "constraints.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==") for line in lines if line and not line.startswith("#"))


def fixture_text(name: str) -> bytes:
    """Return the bytes of ``tests/data/content/<name>``."""
    return (DATA / "content" / name).read_bytes()


def read_file(site: Path, path: str, raw: bytes | None = None) -> tuple[Any, list[Any]]:
    """Read one content file of ``site`` as a build would: (typed item or None, problems).

    Calls the reader directly (header, then fields), without Pelican: for tests of
    reading alone. ``raw`` defaults to the file's bytes on disk.
    """
    raw = (site / path).read_bytes() if raw is None else raw
    header, _, _ = read_header(raw, path)
    kind = folder_kind(path.removeprefix("content/"))
    return parse_item(header, kind, ParseContext(content_path=site / "content", now=NOW))


def read_manifest(root: Path) -> dict[str, Any]:
    """Return the card manifest of the site in ``root`` (empty when there is none)."""
    path = root / CACHE_FOLDER / MANIFEST
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def results_by_id(report: Any) -> dict[str, Any]:
    """Return a federation report's member results by member id."""
    return {result.id: result for result in report.results}


class PageChecker(HTMLParser):
    """Collects what the structural accessibility checks need from one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.h1 = 0
        self.headings: list[int] = []
        self.images_without_alt: list[str] = []
        self.focusables: list[tuple[str, dict]] = []
        self.landmarks: set[str] = set()
        self.links: list[dict] = []
        self.link_text: list[str] = []
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
            self.h1 += tag == "h1"
        if tag == "img" and "alt" not in attributes:
            self.images_without_alt.append(attributes.get("src", "?"))
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.add(tag)
        if tag == "a" and "href" in attributes:
            self.focusables.append((tag, attributes))
            self.links.append(attributes)
            self._in_link = True
            self.link_text.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False

    def handle_data(self, data: str) -> None:
        if self._in_link:
            self.link_text[-1] += data


def assert_sound(html: str, name: str) -> None:
    """Assert the structural checks on one page (also used for a federation's portal)."""
    checker = PageChecker()
    checker.feed(html)
    assert checker.lang == "fr", name
    assert checker.h1 == 1, name
    assert checker.headings[0] == 1, name
    for before, after in zip(checker.headings, checker.headings[1:], strict=False):
        assert after <= before + 1, f"{name}: h{before} then h{after}"
    assert checker.images_without_alt == [], name
    assert checker.focusables[0][1]["href"] == "#contenu", name
    assert {"header", "nav", "main", "footer"} <= checker.landmarks, name
    assert all(text.strip() for text in checker.link_text), f"{name}: empty link"


def free_port() -> int:
    """Return a port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    """Return True when something answers on ``port`` of 127.0.0.1."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(predicate, seconds: float = 20.0) -> bool:
    """Poll ``predicate`` until it is true (True) or ``seconds`` have passed (False).

    The limit only turns a hang into a failure: the wait ends as soon as it is true.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


# The browser tests' tools (installed by tests/browser_tools.sh).
NODE_MODULES = Path(
    os.environ.get(
        "ASSOSITE_NODE_MODULES", Path(__file__).parent.parent / ".cache/npm/node_modules"
    )
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def require_tool(ok: bool, what: str) -> None:
    """Skip the test when a browser tool is missing (fail it under CI, which installs them)."""
    if ok:
        return
    message = f"{what} is missing: run bash tests/browser_tools.sh"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without writing each request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""
