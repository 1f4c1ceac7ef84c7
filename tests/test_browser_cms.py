"""Editing in a real browser: ``assosite serve --cms``, Decap CMS's form, files that build.

The starter in a throwaway Git repository, served with the local backend; headless
Chromium opens ``/admin/``, fills the forms of a news item (with a photo uploaded
through the media library) and of an event, and publishes. The files must be in
``content/`` with a valid header, ``assosite check`` must find no error, the build
must publish their pages, and the page must have asked nothing of another origin.

``ASSOSITE_SCREENSHOTS=docs/images`` also saves the screenshots of
``docs/editer-en-ligne.md``.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
from pathlib import Path

import frontmatter
import pytest
from helpers import CHROMIUM, FLAGS, QuietHandler, free_port, port_open, require_tool, wait_for

from assosite.build.serve import serve_site
from assosite.build.site import BuildOptions, build_site, check_site
from assosite.scaffold.site import init_site

PHOTO = Path(__file__).parent.parent / "starter" / "content" / "images" / "fete-de-quartier.jpg"
SHOTS = os.environ.get("ASSOSITE_SCREENSHOTS", "")


# Decap CMS is 5 MB of script: on a loaded machine it takes long to start and save.
WAIT = 120.0


def _new_file(folder: Path, before: set[str]) -> Path | None:
    added = sorted({p.name for p in folder.glob("*.md")} - before)
    return folder / added[0] if added else None


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """The starter as a Git repository, served with ``--cms``: yields (site, base)."""
    site = init_site(tmp_path_factory.mktemp("cms") / "site")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(site)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Site de départ"], check=True)
    port = free_port()
    stop, reports = threading.Event(), []
    thread = threading.Thread(
        target=serve_site,
        args=(site, port),
        kwargs={
            "on_build": reports.append,
            "on_error": reports.append,
            "stop": stop,
            "cms": True,
        },
        daemon=True,
    )
    thread.start()
    try:
        assert wait_for(lambda: bool(reports) and port_open(port), WAIT)
        yield site, f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def page():
    """A French browser page, with what it asked outside 127.0.0.1 and the CSP refused."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    require_tool(Path(CHROMIUM).exists(), "chromium")
    with playwright_api.sync_playwright() as playwright:
        # --lang: the date fields show day/month/year, as on a French computer.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[*FLAGS, "--lang=fr-FR"]
        )
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris"
        )
        # Decap CMS is 5 MB of script: on a loaded machine it takes long to start. Waits
        # end as soon as the page is ready; the limit only turns a hang into a failure.
        context.set_default_timeout(WAIT * 1000)
        context.set_default_navigation_timeout(WAIT * 1000)
        tab = context.new_page()
        tab.outside, tab.refused = [], []
        tab.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("http://127.0.0.1:", "blob:", "data:"))
                else tab.outside.append(r.url)
            ),
        )
        tab.on(
            "console",
            lambda m: tab.refused.append(m.text) if "Content Security Policy" in m.text else None,
        )
        yield tab
        browser.close()


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"cms-{name}.png"))


def _publish(page) -> None:
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_text("Publier maintenant", exact=True).click()


def _fill_news(page, base: str, photo: Path, news_folder: Path, before: set[str]) -> None:
    """A news item with a photo: first without its description, which is refused."""
    page.goto(f"{base}/admin/#/collections/news/new")
    page.get_by_label("Titre", exact=True).fill("Le verger donne ses premières pommes")
    page.get_by_label("Chapô").fill(
        "Trois ans après la plantation, les pommiers du verger partagé donnent leurs fruits."
    )
    page.get_by_role("button", name="Choisir une image").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Téléverser une nouvelle ressource").click()
    chooser.value.set_files(str(photo))
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Les pommes seront partagées à la fête du verger, en octobre.")
    _publish(page)
    refusal = page.get_by_text("Pas enregistré : le site ne pourrait pas le publier.", exact=False)
    refusal.first.wait_for()
    assert "AS207" in page.inner_text("body")
    _shot(page, "refus")
    page.locator(".Toastify__close-button").first.click()
    assert _new_file(news_folder, before) is None
    page.get_by_label("Description de l'image (optionnel)").fill(
        "Des pommes rouges dans un panier, au pied d'un jeune pommier."
    )
    _publish(page)
    page.wait_for_url("**/collections/news/entries/**")  # Decap CMS opens what it saved


def _fill_event(page, base: str) -> None:
    """An event, with its dates and its place."""
    page.goto(f"{base}/admin/#/collections/event/new")
    page.get_by_label("Titre", exact=True).fill("Atelier de taille des fruitiers")
    page.get_by_label("Chapô").fill("Apprenez à tailler pommiers et poiriers avec les bénévoles.")
    page.get_by_label("Début").fill("2030-02-16T14:00")
    page.get_by_label("Fin (optionnel)").fill("2030-02-16T17:00")
    page.get_by_label("Nom du lieu (optionnel)").fill("Verger partagé")
    page.get_by_label("Adresse (optionnel)", exact=True).fill("Chemin du Vieux Moulin")
    page.get_by_label("Code postal (optionnel)").fill("49170")
    page.get_by_label("Ville (optionnel)").fill("Montbrisac")
    page.get_by_label("Prix (optionnel)").fill("Gratuit")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Apportez des gants et un sécateur si vous en avez un.")
    page.get_by_label("Titre", exact=True).scroll_into_view_if_needed()
    _shot(page, "evenement")
    _publish(page)
    page.wait_for_url("**/collections/event/entries/**")


def test_a_news_item_and_an_event_made_in_the_form_build(editing, page, tmp_path) -> None:
    site, base = editing
    photo = tmp_path / "pommes-du-verger.jpg"
    photo.write_bytes(PHOTO.read_bytes())
    news_folder, events_folder = site / "content" / "news", site / "content" / "events"
    news_before = {p.name for p in news_folder.glob("*.md")}
    events_before = {p.name for p in events_folder.glob("*.md")}

    page.goto(f"{base}/admin/")
    _shot(page, "connexion")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Actualités").first.wait_for()
    _shot(page, "liste")
    _fill_news(page, base, photo, news_folder, news_before)
    _fill_event(page, base)
    news_file = _new_file(news_folder, news_before)
    event_file = _new_file(events_folder, events_before)
    assert news_file is not None and event_file is not None

    news = frontmatter.load(news_file)
    assert news["title"] == "Le verger donne ses premières pommes"
    assert news["image"] == "images/pommes-du-verger.jpg"
    assert news["image_alt"].startswith("Des pommes")
    assert (site / "content" / news["image"]).read_bytes() == PHOTO.read_bytes()
    event_file = _new_file(events_folder, events_before)
    assert event_file.name == "2030-02-16-atelier-de-taille-des-fruitiers.md"
    event = frontmatter.load(event_file)
    assert (event["start"], event["end"]) == ("2030-02-16 14:00", "2030-02-16 17:00")
    assert event["location"] == {
        "name": "Verger partagé",
        "address": "Chemin du Vieux Moulin",
        "postal_code": "49170",
        "city": "Montbrisac",
    }
    assert "sécateur" in event.content

    report = check_site(site)
    assert report.errors == 0, report.problems
    ours = {f.relative_to(site).as_posix() for f in (news_file, event_file)}
    assert not [p for p in report.problems if p.path in ours], report.problems
    output = site / "built"
    build_site(site, BuildOptions(output=output, site_url="https://demo.example"))
    event_page = (output / "agenda" / event_file.stem / "index.html").read_text("utf-8")
    assert "Atelier de taille des fruitiers" in event_page and "Montbrisac" in event_page
    news_page = output / "actualites" / "le-verger-donne-ses-premieres-pommes" / "index.html"
    assert "Le verger donne ses premières pommes" in news_page.read_text("utf-8")

    assert page.outside == []
    assert page.refused == []


FORGES = {
    "gitlab": (
        'backend = "gitlab"\nrepo = "j/s"\nbase_url = "https://framagit.org"\napp_id = "0"\n',
        "Se connecter avec GitLab",
    ),
    "github": ('backend = "github"\nrepo = "jardins/site"\n', "Se connecter avec GitHub"),
}


@pytest.mark.parametrize("forge", sorted(FORGES))
def test_the_published_admin_page_opens_on_its_forge(page, tmp_path, forge) -> None:
    """Decap CMS accepts the configuration the build publishes (it checks it against its
    own schema before showing anything) and offers to sign in with the forge."""
    settings, button = FORGES[forge]
    site = init_site(tmp_path / "site")
    with (site / "assosite.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[cms]\n" + settings)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    build_site(site, BuildOptions(site_url=base))
    handler = functools.partial(QuietHandler, directory=str(site / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page.outside.clear()
    page.refused.clear()
    try:
        page.goto(f"{base}/admin/")
        page.get_by_role("button", name=button).wait_for()
        assert "Config" not in page.inner_text("body")  # Decap CMS's « Config Errors »
        logo = page.locator("img[src*='logo']").first
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    finally:
        server.shutdown()
        server.server_close()
    assert page.outside == [] and page.refused == []


@pytest.mark.parametrize("name", ["2025-11-15-repair-cafe", "2027-06-12-week-end-portes-ouvertes"])
def test_editing_a_file_keeps_what_the_form_has_no_field_for(editing, page, name) -> None:
    """A repeating event keeps its ``repeat``, an all-day one its dates without time."""
    site, base = editing
    path = site / "content" / "events" / f"{name}.md"
    before = frontmatter.load(path)
    page.goto(f"{base}/admin/")
    if page.get_by_role("button", name="Se connecter").is_visible():
        page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Actualités").first.wait_for()
    page.goto(f"{base}/admin/#/collections/event/entries/{name}")
    title = page.get_by_label("Titre", exact=True)
    title.fill(before["title"] + " (nouvelle formule)")
    _publish(page)
    assert wait_for(lambda: "nouvelle formule" in path.read_text("utf-8"), WAIT)
    after = frontmatter.load(path)
    assert after.metadata == {**before.metadata, "title": before["title"] + " (nouvelle formule)"}
    assert after.content == before.content
    assert check_site(site).errors == 0
