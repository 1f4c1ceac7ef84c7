"""The built starter in a real browser (Debian chromium): axe-core, reflow, focus, requests.

Also the Nu HTML Checker (vnu) over every page. These checks need chromium, Java and
the npm tools installed by ``tests/browser_tools.sh`` (``.ci/run`` runs it). Without
them the tests are skipped on a developer machine and fail in CI (``CI=true``).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from assosite.build.site import BuildOptions, build_site
from assosite.federation.runner import FederationOptions, run_federation
from assosite.scaffold.federation import init_federation
from assosite.scaffold.site import init_site

ROOT = Path(__file__).parent.parent
NODE_MODULES = Path(os.environ.get("ASSOSITE_NODE_MODULES", ROOT / ".cache/npm/node_modules"))
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _require(ok: bool, what: str) -> None:
    if ok:
        return
    message = f"{what} is missing: run bash tests/browser_tools.sh"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> tuple[str, Path]:
    """The starter, built for a local address and served on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    site = init_site(tmp_path_factory.mktemp("browser") / "site")
    report = build_site(site, BuildOptions(site_url=base, strict=True))
    assert report.problems == []
    output = site / "output"
    handler = functools.partial(_Quiet, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, output
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the module."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    _require(Path(CHROMIUM).exists(), "chromium")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def _urls(base: str, output: Path) -> list[str]:
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    return [f"{base}/{page.removesuffix('index.html')}" for page in pages]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_on_any_page(served, browser, scheme) -> None:
    """axe-core (WCAG 2.0–2.2 A and AA rules): zero violations, light and dark variants."""
    _require(AXE.exists(), "axe-core")
    base, output = served
    page = browser.new_page(color_scheme=scheme)
    violations = _axe_violations(page, _urls(base, output))
    if scheme == "dark":
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
            "rgb(18, 18, 18)"
        )
    page.close()
    assert violations == []


def _axe_violations(page, urls: list[str]) -> list[str]:
    script = AXE.read_text(encoding="utf-8")
    violations = []
    for url in urls:
        page.goto(url)
        page.add_script_tag(content=script)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations += [
            f"{url}: {v['id']} ({v['nodes'][0]['html'][:80]})" for v in result["violations"]
        ]
    return violations


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> str:
    """The example federation (federation init), built for a local address and served."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    root = init_federation(tmp_path_factory.mktemp("federation") / "federation")
    toml = root / "federation.toml"
    toml.write_text(toml.read_text().replace("https://reseau-jardins.example", base))
    report = run_federation(root, FederationOptions())
    assert not report.failed()
    handler = functools.partial(_Quiet, directory=str(root / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["", "membres/", "reseau/actualites/", "reseau/agenda/", "lyon/"])
def test_axe_finds_no_wcag_violation_on_the_portal(portal, browser, path) -> None:
    """The federation portal's pages (and a member's home) pass axe-core too."""
    _require(AXE.exists(), "axe-core")
    page = browser.new_page()
    violations = _axe_violations(page, [f"{portal}/{path}"])
    page.close()
    assert violations == []


def test_no_horizontal_scroll_at_320_px_nor_at_200_percent_text(served, browser) -> None:
    """Every page reflows at 320 CSS px, and at 640 px with text at 200 %."""
    base, output = served
    page = browser.new_page(viewport={"width": 320, "height": 640})
    overflowing = []
    for url in _urls(base, output):
        page.goto(url)
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            overflowing.append(f"{url} at 320 px")
    page.set_viewport_size({"width": 640, "height": 800})
    for url in _urls(base, output)[:15]:
        page.goto(url)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        if page.evaluate("document.documentElement.scrollWidth") > 640:
            overflowing.append(f"{url} at 200 %")
    page.close()
    assert overflowing == []


def test_first_tab_reaches_a_visible_skip_link(served, browser) -> None:
    """The first Tab focuses the skip link, which is then visible with a thick outline."""
    base, _ = served
    page = browser.new_page()
    page.goto(base + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {href: el.getAttribute('href'), outline: style.outlineStyle,
                    width: parseFloat(style.outlineWidth), top: box.top, height: box.height};
        }"""
    )
    assert focused["href"] == "#contenu"
    assert focused["outline"] != "none" and focused["width"] >= 2
    assert focused["top"] >= 0 and focused["height"] > 10
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.close()


def test_no_request_leaves_the_site(served, browser) -> None:
    """Loading every page sends no request to another origin (no font, tracker, CDN)."""
    base, output = served
    page = browser.new_page()
    foreign = []
    page.on("request", lambda r: r.url.startswith(base) or foreign.append(r.url))
    for url in _urls(base, output):
        page.goto(url, wait_until="load")
    page.close()
    assert foreign == []


def test_nu_html_checker_reports_no_error(served) -> None:
    """The Nu HTML Checker finds no error in any page."""
    _require(VNU.exists(), "vnu-jar")
    _require(shutil.which("java") is not None, "java")
    _, output = served
    pages = [str(p) for p in sorted(output.rglob("*.html"))]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')[-60:]}: {m['message']}" for m in messages]
    assert errors == []
