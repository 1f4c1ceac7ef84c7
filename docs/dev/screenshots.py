"""Take the screenshots of docs/theme.md: the starter built, served, shown in chromium.

Usage: python docs/dev/screenshots.py [--out docs/images]

It builds a fresh copy of the starter (``assosite init``) for a local address, serves it
on 127.0.0.1 and photographs a few page types at 375 px (a phone) and 1280 px (a
laptop) with Playwright and Debian's chromium, the same tools as tests/test_browser.py.
Each PNG is reduced to 64 colours so that the repository stays light.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from assosite.build.site import BuildOptions, build_site
from assosite.scaffold.site import init_site

ROOT = Path(__file__).parent.parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The day the screenshots show: the starter's agenda has events after it.
NOW = dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC)
PAGES = {
    "accueil": "",
    "agenda": "agenda/",
    "actualite": "actualites/le-compost-collectif/",
    "adherer": "adherer/",
}
DECODED = "Promise.all([...document.images].map(i => i.decode().catch(() => null)))"
SCREENS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 900}}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the output clean."""


def _build(folder: Path, base: str) -> Path:
    site = init_site(folder / "site")
    report = build_site(site, BuildOptions(site_url=base, now=NOW, strict=True))
    if report.problems:
        raise SystemExit(f"the starter has problems: {report.problems}")
    return site / "output"


def _shrink(path: Path) -> None:
    """Rewrite ``path`` with a 64-colour palette (a fraction of the bytes, still sharp)."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def take(out: Path) -> list[Path]:
    """Write ``theme-<page>-<width>.png`` into ``out`` and return the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        output = _build(Path(folder), base)
        handler = functools.partial(_Quiet, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
                )
                for width, viewport in SCREENS.items():
                    page = browser.new_page(viewport=viewport)
                    for name, path in PAGES.items():
                        page.goto(f"{base}/{path}", wait_until="load")
                        # Images decode asynchronously: wait until each one is painted.
                        page.evaluate(DECODED)
                        target = out / f"theme-{name}-{width}.png"
                        page.screenshot(path=str(target))
                        _shrink(target)
                        written.append(target)
                    page.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return written


def main() -> None:
    """Parse the options and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    for path in take(parser.parse_args().out):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: {path.stat().st_size} bytes")  # noqa: T201


if __name__ == "__main__":
    main()
