"""The built starter in a real browser (Debian chromium): axe-core, reflow, focus, requests.

Also the Nu HTML Checker (vnu) over every page. These checks need chromium, Java and
the npm tools installed by ``tests/browser_tools.sh`` (``.ci/run`` runs it). Without
them the tests are skipped on a developer machine and fail in CI (``CI=true``).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import (
    CHROMIUM,
    FLAGS,
    NODE_MODULES,
    QuietHandler,
    free_port,
    require_tool,
)

from assosite.build.site import BuildOptions, build_site
from assosite.federation.runner import FederationOptions, run_federation
from assosite.scaffold.federation import init_federation
from assosite.scaffold.site import init_site

ROOT = Path(__file__).parent.parent
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> tuple[str, Path]:
    """The starter, built for a local address and served on 127.0.0.1."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = init_site(tmp_path_factory.mktemp("browser") / "site")
    report = build_site(site, BuildOptions(site_url=base, strict=True))
    assert report.problems == []
    output = site / "output"
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, output
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the module."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    require_tool(Path(CHROMIUM).exists(), "chromium")
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
    require_tool(AXE.exists(), "axe-core")
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
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    root = init_federation(tmp_path_factory.mktemp("federation") / "federation")
    toml = root / "federation.toml"
    toml.write_text(toml.read_text().replace("https://reseau-jardins.example", base))
    report = run_federation(root, FederationOptions())
    assert not report.failed()
    handler = functools.partial(QuietHandler, directory=str(root / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["", "membres/", "reseau/actualites/", "reseau/agenda/", "lyon/"])
def test_axe_finds_no_wcag_violation_on_the_portal(portal, browser, path) -> None:
    """The federation portal's pages (and a member's home) pass axe-core too."""
    require_tool(AXE.exists(), "axe-core")
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


def test_the_current_page_underline_runs_below_the_descenders(served, browser) -> None:
    """The menu's current page is underlined under the letters' descenders, not through."""
    base, _ = served
    page = browser.new_page()
    page.goto(base + "/agenda/")
    style = page.evaluate(
        """() => {
            const link = document.querySelector('.as-nav__link[aria-current="page"]');
            const s = getComputedStyle(link);
            return {line: s.textDecorationLine, position: s.textUnderlinePosition,
                    text: link.textContent.trim()};
        }"""
    )
    page.close()
    assert style == {"line": "underline", "position": "under", "text": "Agenda"}


def _header(page) -> dict:
    return page.evaluate(
        """() => {
            const links = [...document.querySelectorAll('.as-nav__link')];
            const shown = links.filter(a => a.checkVisibility());
            return {height: document.querySelector('.as-header').getBoundingClientRect().height,
                    rows: new Set(shown.map(a => Math.round(a.getBoundingClientRect().top))).size,
                    links: links.length, shown: shown.length};
        }"""
    )


def test_the_header_is_small_and_the_menu_opens_without_javascript(served, browser) -> None:
    """1280 px: the eight entries on one line. 375 × 812: header ≤ 25 % of the screen,
    the menu closed behind « Menu », which opens it. 640 × 450 (1280 × 900 at 200 %): ≤ 40 %."""
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base + "/")
    wide = _header(page)
    assert (wide["links"], wide["shown"], wide["rows"]) == (8, 8, 1), wide
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(base + "/")
    phone = _header(page)
    assert phone["height"] <= 0.25 * 812 and phone["shown"] == 0, phone
    page.click("summary.as-nav__toggle")
    assert _header(page)["shown"] == 8
    page.set_viewport_size({"width": 640, "height": 450})
    page.goto(base + "/")
    zoomed = _header(page)
    assert zoomed["height"] <= 0.40 * 450, zoomed
    page.close()


_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "janv. févr. avr. juil. sept. oct. nov. déc."
)
_SPACE = "[ \u00a0\u202f]"
_TIME_OR_DAY = (
    rf"\d{{1,2}}{_SPACE}h(?:{_SPACE}?\d{{2}})?"
    rf"|\d{{1,2}}{_SPACE}(?:{'|'.join(re.escape(m) for m in _MONTHS.split())})"
)
# Each time (« 10 h », « 21 h 30 »), day and month (« 14 mars ») in the text of a page:
# where it starts and ends on screen, and whether an ordinary space sits inside it.
_TIMES_ON_SCREEN = r"""(source) => {
  const found = [];
  const pattern = new RegExp(source, "g");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.getClientRects().length === 0) continue;  // not shown
    for (const match of node.data.matchAll(pattern)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      found.push({text: match[0], lines: tops.size, plain: match[0].includes(" ")});
    }
  }
  return found;
}"""


def test_no_time_nor_date_breaks_across_two_lines_at_320_px(served, browser) -> None:
    """« de 10 h à 13 h » may wrap between its words, never inside « 13 h » or « 14 mars »."""
    base, output = served
    page = browser.new_page(viewport={"width": 320, "height": 800})
    seen, broken = 0, []
    events = sorted((output / "agenda").glob("*/index.html"))
    urls = [f"{base}/", f"{base}/agenda/", *[f"{base}/agenda/{p.parent.name}/" for p in events]]
    for url in urls:
        page.goto(url)
        for found in page.evaluate(_TIMES_ON_SCREEN, _TIME_OR_DAY):
            seen += 1
            if found["lines"] > 1 or found["plain"]:
                broken.append((url, found))
    page.close()
    assert seen > 50  # the agenda is full of times and dates
    assert broken == []


def test_card_photos_share_one_ratio_and_an_item_photo_stays_in_the_text_column(
    served, browser
) -> None:
    """News list and home: every card's photo, or its pattern when it has none, 3:2; every
    card of a list one height. A news page: its photo no wider than its text."""
    base, output = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in ("/actualites/", "/temoignages/", "/"):
        page.goto(base + path)
        cards = page.evaluate(
            """[...document.querySelectorAll('.as-card-list__item:not(.as-card-list__item--lead)')]
               .map(li => { const card = li.querySelector('.as-card').getBoundingClientRect();
                 const top = li.querySelector('.as-card__image, .as-card__pattern')
                   .getBoundingClientRect();
                 return {height: Math.round(card.height), ratio: top.width / top.height,
                         list: [...document.querySelectorAll('.as-card-list')]
                           .indexOf(li.parentElement)}; })"""
        )
        assert len(cards) >= 3 and all(abs(c["ratio"] - 1.5) < 0.02 for c in cards), cards
        for index in {c["list"] for c in cards}:
            assert len({c["height"] for c in cards if c["list"] == index}) == 1, (path, cards)
    patterns = page.evaluate(
        "[...document.querySelectorAll('.as-card__pattern')]"
        ".map(p => getComputedStyle(p).backgroundImage)"
    )
    assert patterns and all("gradient" in p for p in patterns), patterns
    lead = page.evaluate(  # the home's latest news has a photo: full width, photo beside
        """['.as-card-list--lead', '.as-card--lead .as-card__image', '.as-card--lead h3']
           .map(s => document.querySelector(s).getBoundingClientRect())
           .map(b => ({left: b.left, right: b.right, width: b.width}))"""
    )
    assert lead[1]["right"] <= lead[2]["left"] and lead[1]["width"] > 0.4 * lead[0]["width"]
    with_photo = next(
        p
        for p in sorted((output / "actualites").glob("*/index.html"))
        if 'class="as-item__image"' in p.read_text(encoding="utf-8")
    )
    page.goto(base + "/" + with_photo.relative_to(output).parent.as_posix() + "/")
    widths = page.evaluate(
        "[document.querySelector('img.as-item__image'), document.querySelector('.as-prose')]"
        ".map(e => e.getBoundingClientRect().width)"
    )
    assert widths[0] <= widths[1] + 1, widths
    page.goto(base + "/actualites/le-compost-collectif/")  # its photo has a caption and credit
    photo, caption = page.evaluate(
        "['img.as-item__image', 'figure.as-item__figure > figcaption']"
        ".map(s => document.querySelector(s).getBoundingClientRect())"
        ".map(b => ({top: b.top, bottom: b.bottom, width: b.width}))"
    )
    page.close()
    assert caption["top"] >= photo["bottom"] and caption["width"] <= photo["width"] + 1


def test_the_home_photo_sits_beside_its_heading_on_a_wide_screen(served, browser) -> None:
    """1280 px: the [home] photo right of the heading, level with it; 375 px: below it."""
    base, _ = served
    boxes = (
        "['.as-hero__title', '.as-hero__image'].map(s => {"
        " const b = document.querySelector(s).getBoundingClientRect();"
        " return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; })"
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    title, photo = page.evaluate(boxes)
    assert photo["left"] >= title["right"] and photo["top"] < title["bottom"], (title, photo)
    assert photo["bottom"] <= 900  # seen without scrolling
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(base + "/")
    title, photo = page.evaluate(boxes)
    page.close()
    assert photo["top"] >= title["bottom"], (title, photo)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_home_weighs_at_most_150_kb_with_its_fonts_and_images(served, browser, width) -> None:
    """Everything the browser downloads for the home, every image loaded: ≤ 150 KB."""
    base, _ = served
    page = browser.new_page(viewport={"width": width, "height": 900})
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())))
    page.goto(base + "/", wait_until="load")
    page.evaluate(
        """Promise.all(Array.from(document.images).map(img => {
            img.loading = 'eager';
            return img.complete ? null : new Promise(done => img.addEventListener('load', done));
        }))"""
    )
    page.evaluate("document.fonts.ready.then(() => null)")
    page.close()
    assert any(url.endswith(".html") or url.endswith("/") for url in sizes)
    assert sum(sizes.values()) <= 150_000, sorted(sizes.items(), key=lambda kv: -kv[1])


def test_text_is_set_in_the_site_s_own_noto_sans(served, browser) -> None:
    """Text and headings in Noto Sans 400 and 700, fetched from the site, font-display: swap;
    one stylesheet request per page."""
    base, _ = served
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/agenda/", wait_until="load")
    faces = page.evaluate(
        """document.fonts.ready.then(set => [...set].filter(f => f.status === 'loaded')
             .map(f => [f.family.replaceAll('"', ''), f.weight, f.display]).sort())"""
    )
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    page.close()
    assert faces == [["Noto Sans", "400", "swap"], ["Noto Sans", "700", "swap"]], faces
    assert family.startswith('"Noto Sans"')
    fonts = [url for url in requests if url.endswith(".woff2")]
    assert len(fonts) == 2 and all(url.startswith(base + "/theme/fonts/") for url in fonts)
    assert len([url for url in requests if url.endswith(".css")]) == 1


def test_cards_and_blocks_keep_their_edges_in_forced_colours_and_print_plainly(
    served, browser
) -> None:
    """Forced colours: cards, patterns and the join block keep a visible border. Print: no
    menu, no buttons row, no pattern; the payment page's address is written out."""
    base, _ = served
    page = browser.new_page(forced_colors="active")
    borders = []
    for path, selector in (("/agenda/", ".as-card__pattern"), ("/adherer/", ".as-cta")):
        page.goto(base + path)
        borders += page.evaluate(
            f"[...document.querySelectorAll('{selector}, .as-card')]"
            ".map(e => { const s = getComputedStyle(e);"
            " return s.borderTopStyle + ' ' + s.borderTopWidth; })"
        )
    assert borders and all(b.split()[0] != "none" and b.split()[1] != "0px" for b in borders)
    page.close()
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(base + "/")
    shown = page.evaluate(
        "['.as-nav', '.as-actions', '.as-card__pattern']"
        ".map(s => [...document.querySelectorAll(s)].some(e => e.checkVisibility()))"
    )
    page.goto(base + "/adherer/")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.as-cta__pay a'), '::after').content"
    )
    page.close()
    assert shown == [False, False, False]
    assert "helloasso.com" in after


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
    require_tool(VNU.exists(), "vnu-jar")
    require_tool(shutil.which("java") is not None, "java")
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


PROJECT = "https://exemple.github.io/jardins"  # a GitHub project page: the site in /jardins/
STYLED = "getComputedStyle(document.body).margin === '0px' && document.styleSheets.length >= 1"


def _recipe_headers() -> dict[str, str]:
    """The headers the starter's Netlify recipe sends with every page (its CSP first)."""
    recipe = tomllib.loads((ROOT / "starter" / "netlify.toml").read_text(encoding="utf-8"))
    return next(rule["values"] for rule in recipe["headers"] if rule["for"] == "/*")


class _Host(QuietHandler):
    """A static host: the site under ``prefix``, the recipe's headers, its 404 page."""

    prefix = "/"
    extra_headers: dict[str, str] = {}  # noqa: RUF012 (set per server, read-only)

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + clean.removeprefix(self.prefix))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _host(folder: Path, host: str, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free port under ``prefix``; return the server and its address."""
    handler_class = type("Host", (_Host,), {"prefix": prefix, "extra_headers": _recipe_headers()})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}{prefix}"


def _serve_on(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serve ``folder`` at the root of ``port``, with the recipe's headers."""
    handler_class = type("Host", (_Host,), {"prefix": "/", "extra_headers": _recipe_headers()})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _starter_for(folder: Path, url: str, **options: object) -> Path:
    """The starter with ``site.url`` set to ``url``, built (strict) with ``options``."""
    site = init_site(folder / "site")
    toml = site / "assosite.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("https://demo.assosite.fr", url))
    report = build_site(site, BuildOptions(strict=True, **options))
    assert report.problems == []
    return site / "output"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """The starter on two hosts, with the recipe's CSP: under a sub-path, at a preview origin.

    ``sub-path``: built for https://exemple.github.io/jardins, served at
    ``http://127.0.0.1:…/jardins/``. ``preview``: built for the production address with
    a deploy preview's address, served at ``http://localhost:…/`` (another origin).
    ``federation``: the example federation (portal and members) as a preview.
    """
    project = _starter_for(tmp_path_factory.mktemp("project"), PROJECT)
    sub_server, sub_base = _host(project, "127.0.0.1", "/jardins/")
    port = free_port()
    preview = _starter_for(tmp_path_factory.mktemp("preview"), "https://demo.assosite.fr",
                           preview_url=f"http://localhost:{port}")  # fmt: skip
    preview_server = _serve_on(preview, port)
    # The example federation as a preview: its portal and members at another origin.
    federation_port = free_port()
    root = init_federation(tmp_path_factory.mktemp("federation") / "federation")
    options = FederationOptions(preview_url=f"http://localhost:{federation_port}")
    assert not run_federation(root, options).failed()
    federation_server = _serve_on(root / "output", federation_port)
    yield {
        "sub-path": (sub_base, project),
        "preview": (f"http://localhost:{port}/", preview),
        "federation": (f"http://localhost:{federation_port}/", root / "output"),
    }
    for server in (sub_server, preview_server, federation_server):
        server.shutdown()
        server.server_close()


def _load_problems(page, url: str, status: int = 200) -> list[str]:
    """Load ``url``; return its CSP violations, failed requests, unstyled page, broken images."""
    problems: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"{url}: CSP: {message.text[:160]}")

    def on_response(response) -> None:
        if response.status >= 400 and not (response.url == url and response.status == status):
            problems.append(f"{url}: HTTP {response.status} {response.url}")

    def on_failure(request) -> None:
        # ERR_ABORTED: a request cut short by the next navigation (the tab's icon).
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"{url}: failed {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("requestfailed", on_failure)
    page.on("response", on_response)
    response = page.goto(url, wait_until="load")
    if not url.startswith("file:") and (response is None or response.status != status):
        problems.append(f"{url}: status {response.status if response else None}")
    # Lazy images load too: every one must arrive (and be allowed by img-src 'self').
    # (A promise, not wait_for_function: its polling evaluates strings, which the CSP refuses.)
    page.evaluate(
        """Promise.all(Array.from(document.images).map(img => {
            img.loading = 'eager';
            return img.complete ? null : new Promise(done => {
                img.addEventListener('load', done);
                img.addEventListener('error', done);
            });
        }))"""
    )
    broken = page.evaluate(
        "Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.currentSrc || i.src)"
    )
    problems += [f"{url}: image not shown {src}" for src in broken]
    unloaded = page.evaluate(
        "Array.from(document.querySelectorAll('link[rel=stylesheet]'))"
        ".filter(link => !link.sheet).map(link => link.href)"
    )
    problems += [f"{url}: stylesheet not applied {href}" for href in unloaded]
    if not page.evaluate(STYLED):
        problems.append(f"{url}: the page is not styled")
    page.remove_listener("console", on_console)
    page.remove_listener("requestfailed", on_failure)
    page.remove_listener("response", on_response)
    return problems


@pytest.mark.parametrize("where", ["sub-path", "preview", "federation"])
def test_every_page_loads_its_stylesheets_and_images_under_the_recipe_s_csp(
    hosted, browser, where
) -> None:
    """Under a sub-path and at a preview's origin, with the CSP: 0 violations, 0 failures."""
    base, output = hosted[where]
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    urls = [base + page.removesuffix("index.html") for page in pages if "404.html" not in page]
    context = browser.new_context()
    page = context.new_page()
    problems = []
    for url in urls:
        problems += _load_problems(page, url)
    # The 404 page, served at a deep missing address, is styled too.
    problems += _load_problems(page, base + "agenda/2019/une-page-perdue/", status=404)
    assert page.evaluate("document.querySelector('h1').textContent") == "Page introuvable"
    context.close()
    assert len(urls) > 40
    assert problems == []


def test_the_check_sees_a_stylesheet_the_csp_refuses(tmp_path, browser) -> None:
    """A page loading another origin's stylesheet is reported (the check above can fail)."""
    output = _starter_for(tmp_path, "https://demo.assosite.fr")
    other, other_base = _host(output, "localhost", "/")
    page_html = (output / "index.html").read_text(encoding="utf-8")
    (output / "index.html").write_text(
        re.sub(r'href="(theme/assets/site\.\w+\.css)"', rf'href="{other_base}\1"', page_html)
    )
    server, base = _host(output, "127.0.0.1", "/")
    page = browser.new_page()
    problems = _load_problems(page, base)
    page.close()
    for running in (server, other):
        running.shutdown()
        running.server_close()
    assert any("CSP" in problem for problem in problems)
    assert any("not styled" in problem or "not applied" in problem for problem in problems)


@pytest.mark.parametrize("offline", [False, True])
def test_output_index_html_opened_from_disk_shows_the_styled_page(
    tmp_path, browser, offline
) -> None:
    """file://…/output/index.html is styled with its images; --offline links open pages."""
    output = _starter_for(tmp_path, "https://demo.assosite.fr", offline=offline)
    page = browser.new_page()
    home = (output / "index.html").as_uri()
    problems = _load_problems(page, home)
    assert problems == []
    assert page.evaluate("document.querySelector('.as-header__logo').naturalWidth") > 0
    with page.expect_navigation(wait_until="load"):
        page.click("nav.as-nav >> text=Actualités")
    if offline:  # the folder's page, not its listing
        assert page.url == (output / "actualites" / "index.html").as_uri()
        assert page.evaluate(STYLED)
        assert page.evaluate("document.querySelector('h1').textContent") == "Actualités"
        with page.expect_navigation(wait_until="load"):
            page.click("text=Page suivante")
        assert page.url.endswith("/actualites/page/2/index.html")
        assert page.evaluate(STYLED)
    else:  # a folder: what a host serves as its index.html, the disk lists
        assert page.url == (output / "actualites").as_uri() + "/"
    page.close()
