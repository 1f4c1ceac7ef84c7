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
# Images decode asynchronously: wait for those that loaded (a lazy image out of view
# never loads, and its decode() would never end).
DECODED = (
    "Promise.all([...document.images].filter(i => i.complete)"
    ".map(i => i.decode().catch(() => null)))"
)
# Every image loaded (the whole page is photographed), then decoded.
EAGER = (
    "Promise.all([...document.images].map(i => { i.loading = 'eager';"
    " return i.complete ? null : new Promise(done => i.addEventListener('load', done)); }))"
    f".then(() => {DECODED})"
)
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


def _shrink(path: Path, scale: float = 1) -> None:
    """Rewrite ``path`` with a 64-colour palette (a fraction of the bytes, still sharp).

    ``scale`` below 1 also reduces it (a whole page, shown as an overview).
    """
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        if scale < 1:
            size = (round(rgb.width * scale), round(rgb.height * scale))
            rgb = rgb.resize(size, Image.Resampling.LANCZOS)
        small = rgb.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
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
                        page.evaluate(DECODED)
                        target = out / f"theme-{name}-{width}.png"
                        page.screenshot(path=str(target))
                        _shrink(target)
                        written.append(target)
                    if width == "1280":  # the whole home, to see its sections together
                        page.goto(f"{base}/", wait_until="load")
                        page.evaluate(EAGER)
                        target = out / "theme-accueil-entier-1280.png"
                        page.screenshot(path=str(target), full_page=True)
                        _shrink(target, scale=0.5)
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
