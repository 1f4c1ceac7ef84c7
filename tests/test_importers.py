"""assosite import: WordPress exports, Hugo, Jekyll and Pelican sites into a fresh site, built."""

from __future__ import annotations

import functools
import http.server
import importlib.resources
import json
import shutil
import threading
from pathlib import Path

import frontmatter
import pytest
from click.testing import CliRunner
from helpers import file_hashes

from assosite.cli import cli
from assosite.importers import ImportOptions, import_site
from assosite.importers.convert import Place, Rewriter
from assosite.importers.report import ImportReport, format_import
from assosite.importers.summary import cut_summary
from assosite.model.urls import site_paths
from assosite.reading.items import FOLDER_KINDS
from assosite.scaffold.site import init_site

FIXTURES = Path(__file__).parent / "fixtures" / "import"
WXR = FIXTURES / "wordpress" / "export.xml"
UPLOADS = FIXTURES / "wordpress" / "uploads"
# Pelican ships a WordPress export for its own importer's tests: used from there.
PELICAN_WXR = Path(str(importlib.resources.files("pelican"))) / "tests/content/wordpressexport.xml"
LEFTOVERS = ("{{<", "{{%", "{%", "[caption", "[gallery", "[embed", "<!-- wp:")


def _import(tmp_path: Path, tool: str, source: Path, name: str = "site", **options):
    site = init_site(tmp_path / name)
    return site, import_site(tool, source, site, ImportOptions(**options))


def _codes(report: ImportReport) -> list[tuple[str, str, int]]:
    return [(p.code, Path(p.path).name, p.line) for p in report.problems.sorted()]


def _published(site: Path, report: ImportReport, output: Path) -> tuple[int, int]:
    """Return how many imported items have their page in the output, out of how many."""
    paths = site_paths("fr")
    found = total = 0
    for files in report.written.values():
        for relative in files:
            total += 1
            kind = FOLDER_KINDS[relative.split("/")[1]]
            url = paths.item_url(kind, frontmatter.load(site / relative)["slug"])
            found += (output / url / "index.html").is_file()
    return found, total


def _pages(output: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(output.rglob("*.html")))


def _images_not_shown(report: ImportReport, output: Path) -> list[str]:
    """Return the copied images that no page of the site shows (in any size)."""
    pages = _pages(output)
    missing = []
    for copied in report.files:
        if not copied.startswith("content/images/"):
            continue
        stem = copied.removeprefix("content/").rsplit(".", 1)[0]
        if f"{stem}-" not in pages and f"{stem}." not in pages:
            missing.append(copied)
    return missing


SOURCES = {
    "wordpress": ("wordpress", WXR, {"uploads": UPLOADS}),
    "pelican-wxr": ("wordpress", PELICAN_WXR, {}),
    "hugo": ("hugo", FIXTURES / "hugo", {}),
    "jekyll": ("jekyll", FIXTURES / "jekyll", {}),
    "pelican": ("pelican", FIXTURES / "pelican", {}),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_imported_site_builds_and_shows_everything(tmp_path, build, name) -> None:
    """An import into a fresh site builds with no error, publishes its items and images."""
    tool, source, options = SOURCES[name]
    site, report = _import(tmp_path, tool, source, **options)
    result, output = build(site)
    assert result.errors == 0, [p.code for p in result.problems]
    found, total = _published(site, report, output)
    assert total and found / total >= 0.98
    assert _images_not_shown(report, output) == []
    pages = _pages(output)
    assert not [code for code in LEFTOVERS if code in pages]


def test_wordpress_posts_pages_and_events(tmp_path) -> None:
    """Posts, parent and child pages, events with their venue and featured images."""
    site, report = _import(tmp_path, "wordpress", WXR, uploads=UPLOADS)
    content = site / "content"
    post = frontmatter.load(content / "news/2024-03-05-fete-du-printemps.md")
    assert post["summary"].startswith("Le 20 juin, le parc devient")
    assert post["tags"] == ["Vie du quartier", "jardin"]
    assert post["image"] == "images/2024/03/affiche-fete.jpg"
    assert post["image_alt"] == "Affiche orange de la fête du printemps"
    assert "![Le jardin partagé au printemps](images/2024/03/jardin.png)" in post.content
    assert "*Le jardin, l'an dernier*" in post.content
    assert (
        "[Voir la vidéo sur YouTube](https://www.youtube.com/watch?v=aqz-KE-bpKQ)" in post.content
    )
    event = frontmatter.load(content / "events/2027-06-20-grande-fete-du-parc.md")
    assert (event["start"], event["end"], event["price"]) == (
        "2027-06-20 14:00",
        "2027-06-20 19:00",
        "Gratuit",
    )
    assert event["location"] == {
        "name": "Maison des associations",
        "address": "12 rue des Lilas",
        "postal_code": "69004",
        "city": "Lyon",
    }
    all_day = frontmatter.load(content / "events/2027-07-01-sejour-nature.md")
    assert (str(all_day["start"]), str(all_day["end"])) == ("2027-07-01", "2027-07-03")
    assert "timezone" not in all_day  # « UTC+2 » is no IANA zone
    assert post["author"] == "Claire Martin"
    music = frontmatter.load(content / "news/2024-06-02-fete-de-la-musique.md")
    assert music["summary"] == "Scène ouverte au kiosque du parc le 21 juin."
    assert music["pinned"] is True
    assert "[la fête du printemps](/actualites/fete-du-printemps/)" in music.content
    child = frontmatter.load(content / "pages/qui-sommes-nous/equipe.md")
    assert child["slug"] == "qui-sommes-nous-equipe"
    assert report.redirects["/qui-sommes-nous/equipe/"] == "/qui-sommes-nous-equipe/"
    assert report.redirects["/?p=30"] == "/agenda/2027-06-20-grande-fete-du-parc/"
    assert report.counts() == {"event": 3, "news": 3, "page": 2}


def test_wordpress_skipped_items_and_problems_are_reported(tmp_path) -> None:
    """Drafts, private, trash, revisions, menus, comments, missing files: each at its line."""
    _, report = _import(tmp_path, "wordpress", WXR, uploads=UPLOADS)
    assert _codes(report) == [
        ("AS267", "export.xml", 0),
        ("AS262", "export.xml", 115),
        ("AS268", "export.xml", 146),
        ("AS262", "export.xml", 158),
        ("AS263", "export.xml", 160),
        ("AS260", "export.xml", 183),
        ("AS260", "export.xml", 194),
        ("AS260", "export.xml", 205),
        ("AS261", "export.xml", 216),
        ("AS261", "export.xml", 227),
        ("AS266", "export.xml", 314),
        ("AS260", "export.xml", 325),
    ]
    values = [p.params.get("value") for p in report.problems.sorted()]
    assert values[5:8] == ["draft", "private", "trash"]
    assert values[-1] == "post_password"
    assert values[8:10] == ["revision", "nav_menu_item"]
    assert report.problems.sorted()[0].params["count"] == 2
    assert report.skipped() == 6


def test_pelican_wordpress_export_counts_drafts_and_other_types(tmp_path) -> None:
    """Pelican's own test export: drafts and custom post types are counted, not imported."""
    _, report = _import(tmp_path, "wordpress", PELICAN_WXR)
    by_code = report.to_dict()["by_code"]
    assert by_code["AS260"] == 4
    assert by_code["AS261"] == 3
    assert report.counts()["news"] == 7


def test_import_twice_gives_the_same_files(tmp_path) -> None:
    """Two imports of the same source give identical sites, and a second run changes nothing."""
    first, _ = _import(tmp_path, "wordpress", WXR, "one", uploads=UPLOADS)
    second, _ = _import(tmp_path, "wordpress", WXR, "two", uploads=UPLOADS)
    assert file_hashes(first) == file_hashes(second)
    before = file_hashes(first)
    again = import_site("wordpress", WXR, first, ImportOptions(uploads=UPLOADS))
    assert file_hashes(first) == before
    assert "AS265" not in again.to_dict()["by_code"]


def test_import_never_replaces_a_changed_file_without_force(tmp_path) -> None:
    """A file the volunteer changed stays as it is (AS265) unless --force is given."""
    site, _ = _import(tmp_path, "hugo", FIXTURES / "hugo")
    path = site / "content/pages/a-propos-du-club.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMa correction.\n", encoding="utf-8")
    again = import_site("hugo", FIXTURES / "hugo", site, ImportOptions())
    assert ("AS265", "a-propos-du-club.md", 0) in _codes(again)
    assert "Ma correction." in path.read_text(encoding="utf-8")
    import_site("hugo", FIXTURES / "hugo", site, ImportOptions(force=True))
    assert "Ma correction." not in path.read_text(encoding="utf-8")


def test_download_fetches_files_only_when_asked(tmp_path) -> None:
    """Without --uploads, files are missing; --download fetches them from the old site."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    (tmp_path / "wp-content").mkdir()
    shutil.copytree(UPLOADS, tmp_path / "wp-content/uploads")
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        export = tmp_path / "export.xml"
        export.write_text(
            WXR.read_text(encoding="utf-8").replace("https://amis-du-parc.example", base),
            encoding="utf-8",
        )
        _, offline = _import(tmp_path, "wordpress", export, "offline")
        _, online = _import(tmp_path, "wordpress", export, "online", download=True)
        server.shutdown()
    assert offline.files == []
    assert offline.to_dict()["by_code"]["AS262"] >= 3
    assert sorted(online.files) == [
        "content/images/2024/03/affiche-fete.jpg",
        "content/images/2024/03/atelier.jpg",
        "content/images/2024/03/jardin.png",
    ]
    for name in ("affiche-fete.jpg", "jardin.png"):
        copied = tmp_path / "online/content/images/2024/03" / name
        assert copied.read_bytes() == (UPLOADS / "2024/03" / name).read_bytes()


def test_wordpress_redirects_become_netlify_rules_and_pages(tmp_path, build) -> None:
    """Old addresses redirect: _redirects for Netlify, a small page for other hosts."""
    site, _ = _import(tmp_path, "wordpress", WXR, uploads=UPLOADS)
    _, output = build(site)
    rules = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/ p=10 /actualites/fete-du-printemps/ 301!" in rules
    assert "/2024/03/fete-du-printemps/ /actualites/fete-du-printemps/ 301" in rules
    page = (output / "2024/03/fete-du-printemps/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../../actualites/fete-du-printemps/"' in page
    assert 'href="https://demo.assosite.fr/actualites/fete-du-printemps/"' in page
    assert (output / "2024/06/fête-de-la-musique/index.html").is_file()
    assert (output / "event/troc-de-plantes/index.html").is_file()


def test_hugo_bundles_shortcodes_translations(tmp_path) -> None:
    """Hugo: TOML and YAML headers, bundle images, shortcodes, translations, aliases."""
    site, report = _import(tmp_path, "hugo", FIXTURES / "hugo")
    content = site / "content"
    post = frontmatter.load(content / "news/2024-04-14-premier-billet.md")
    assert post["image"] == "images/premier-billet/depart.jpg"
    assert post["summary"].startswith("Vingt cyclistes")
    assert "![Pause pique-nique au bord de l'eau](images/premier-billet/pause.jpg)" in post.content
    assert "[le grand ménage du local](/actualites/grand-menage/)" in post.content
    translation = frontmatter.load(content / "news/2024-04-14-premier-billet-en.md")
    assert translation["lang"] == "en"
    cleaning = frontmatter.load(content / "news/2024-05-04-grand-menage.md")
    assert "## Ce qui a été fait" in cleaning.content
    assert '```python\nprint("inventaire")\n```' in cleaning.content
    assert "![Logo du club vélo](images/logo-club.png)" in cleaning.content
    event = frontmatter.load(content / "events/2027-05-21-balade-nocturne.md")
    assert (event["start"], event["end"]) == ("2027-05-21 21:00", "2027-05-21 23:30")
    page = frontmatter.load(content / "pages/a-propos-du-club.md")
    assert page["menu"] == 1
    assert _codes(report) == [
        ("AS261", "_index.md", 1),
        ("AS260", "brouillon.md", 4),
        ("AS264", "casse.md", 2),
        ("AS263", "index.md", 19),
    ]
    assert report.redirects == {
        "/2024/04/notre-première-sortie/": "/actualites/premier-billet/",
        "/2024/05/le-grand-ménage-du-local/": "/actualites/grand-menage/",
        "/agenda/balade-nocturne/": "/agenda/2027-05-21-balade-nocturne/",
        "/ancien/grand-menage/": "/actualites/grand-menage/",
        "/en/2024/04/our-first-ride/": "/actualites/premier-billet-en/",
    }


def test_map_option_says_which_folder_is_which_type(tmp_path) -> None:
    """--map agenda=news imports the agenda folder as news items."""
    _, report = _import(tmp_path, "hugo", FIXTURES / "hugo", mapping=(("agenda", "news"),))
    assert "content/news/2027-05-21-balade-nocturne.md" in report.written["news"]
    assert "event" not in report.counts()


def test_jekyll_posts_liquid_and_assets(tmp_path) -> None:
    """Jekyll: dates from file names, Liquid converted, /assets/ copied, permalinks kept."""
    site, report = _import(tmp_path, "jekyll", FIXTURES / "jekyll")
    content = site / "content"
    post = frontmatter.load(content / "news/2024-02-10-assemblee-generale.md")
    assert str(post["date"]) == "2024-02-10"
    assert "![La salle pendant l'assemblée](images/ag.jpg)" in post.content
    assert "[compte rendu]({static}/files/docs/compte-rendu.pdf)" in post.content
    assert "[le troc de partitions](/actualites/troc-de-partitions/)" in post.content
    assert "`{{ page.title }}`" in post.content
    assert (content / "files/docs/compte-rendu.pdf").is_file()
    troc = frontmatter.load(content / "news/2024-03-05-troc-de-partitions.md")
    assert troc["image"] == "images/partitions.jpg"
    assert "https://chorale-lilas.example/assets/images/introuvable.jpg" in troc.content
    concert = frontmatter.load(content / "events/2027-06-01-concert-d-ete.md")
    assert concert["location"] == "Église Saint-Paul, 3 place du marché, Lyon"
    assert report.redirects["/vie-associative/2024/02/10/assemblee-generale/"] == (
        "/actualites/assemblee-generale/"
    )
    assert report.redirects["/troc/"] == "/actualites/troc-de-partitions/"
    assert report.redirects["/concerts/concert-d-ete/"] == "/agenda/2027-06-01-concert-d-ete/"
    assert [c for c, _, _ in _codes(report)] == [
        "AS260",  # _drafts/idees-rentree.md
        "AS263",
        "AS263",
        "AS262",
        "AS260",  # published: false
        "AS261",  # the home page
    ]


def test_pelican_headers_links_and_addresses(tmp_path) -> None:
    """Pelican: native headers, reStructuredText, {static} and {filename} links, ARTICLE_URL."""
    site, report = _import(tmp_path, "pelican", FIXTURES / "pelican")
    post = frontmatter.load(site / "content/news/2024-01-15-reprise-des-ateliers.md")
    assert post["summary"] == "Les ateliers de couture reprennent le lundi soir, salle des fêtes."
    assert post["tags"] == ["couture", "reprise", "Ateliers"]
    assert "![Les machines alignées](images/machines.png)" in post.content
    assert "[de l'atelier](/l-atelier/)" in post.content
    assert report.redirects["/articles/2024/reprise-des-ateliers/"] == (
        "/actualites/reprise-des-ateliers/"
    )
    notes = frontmatter.load(site / "content/news/2024-03-01-notes-de-la-reunion.md")
    assert notes["tags"] == ["réunion", "bureau"]
    assert "## Décisions" in notes.content
    assert "![Les machines de l'atelier](images/machines.png)" in notes.content
    assert "[la page de l'atelier](/l-atelier/)" in notes.content
    assert _codes(report) == [("AS260", "brouillon.md", 3)]


def test_files_outside_the_old_site_are_never_copied(tmp_path) -> None:
    """An image path that climbs out of the old site's folder is reported, not copied."""
    (tmp_path / "secret.png").write_bytes((UPLOADS / "2024/03/jardin.png").read_bytes())
    old = tmp_path / "old"
    (old / "content/posts").mkdir(parents=True)
    (old / "content/posts/x.md").write_text(
        "---\ntitle: X\ndate: 2024-01-01\n---\n\n![Secret](../../../secret.png)\n", encoding="utf-8"
    )
    _, report = _import(tmp_path, "hugo", old)
    assert report.files == []
    assert [c for c, _, _ in _codes(report)] == ["AS262"]


def test_summary_is_cut_at_a_sentence_within_the_budget() -> None:
    """Whole sentences while they fit; a single long sentence is cut after a word."""
    text = "Première phrase courte. Deuxième phrase un peu plus longue. Troisième."
    assert cut_summary(text, 50) == "Première phrase courte."
    assert cut_summary("un deux trois quatre cinq", 12) == "un deux…"
    assert cut_summary("Court.", 200) == "Court."


def test_markdown_links_are_not_taken_for_wordpress_codes() -> None:
    """``[texte](lien)`` and ``[1]`` stay as they are; a real [gallery] code is reported."""
    report = ImportReport(source="x")
    rewriter = Rewriter(report, lambda ref, place: None)
    text = "Voir [le site](https://example.org) et la note [1].\n\n[gallery]\n"
    out = rewriter.markdown(text, Place("x.md", 1), lambda t, p: t)
    assert "[le site](https://example.org)" in out and "[1]" in out
    assert "[gallery]" not in out
    assert [p.code for p in report.problems.problems] == ["AS263"]


def test_cli_import_prints_the_french_report_and_writes_json(tmp_path) -> None:
    """The command prints the report, ends with the totals and writes --report-json."""
    site = tmp_path / "site"
    result = CliRunner().invoke(
        cli,
        [
            "import",
            "wordpress",
            str(WXR),
            "--site",
            str(site),
            "--new",
            "--uploads",
            str(UPLOADS),
            "--report-json",
            str(tmp_path / "r.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("Importé dans")
    # --new leaves out the starter's sample items: only the old site's are there.
    assert sorted(p.name for p in (site / "content/news").iterdir()) == [
        "2024-03-05-fete-du-printemps.md",
        "2024-03-16-atelier-velo.md",
        "2024-06-02-fete-de-la-musique.md",
    ]
    assert list((site / "content/testimonies").iterdir()) == []
    assert (site / "content/pages/adherer.md").is_file()
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["imported"] == {"event": 3, "news": 3, "page": 2}
    assert data["by_code"]["AS260"] == 4
    english = CliRunner().invoke(
        cli, ["import", "hugo", str(FIXTURES / "hugo"), "--site", str(site), "--lang", "en"]
    )
    assert english.exit_code == 0
    assert english.output.strip().splitlines()[-1].startswith("Imported into")


def test_cli_import_refuses_a_wrong_map_and_a_folder_without_site(tmp_path) -> None:
    """A malformed --map is a usage error (2); a folder without assosite.toml an error (1)."""
    runner = CliRunner()
    bad = runner.invoke(cli, ["import", "hugo", str(FIXTURES / "hugo"), "--map", "posts"])
    assert bad.exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = runner.invoke(cli, ["import", "hugo", str(FIXTURES / "hugo"), "--site", str(empty)])
    assert missing.exit_code == 1
    assert "AS109" in missing.output


def test_french_report_lists_problems_then_totals(tmp_path) -> None:
    """The printed report gives each problem at file:line, then the totals in French."""
    _, report = _import(tmp_path, "jekyll", FIXTURES / "jekyll")
    text = format_import(report)
    assert "_posts/2024-03-05-troc-de-partitions.md:19: avertissement AS262" in text
    assert text.strip().splitlines()[-1].startswith("Importé dans")
    assert "1 événement, 2 actualités, 1 page" in text


def test_wordpress_media_codes_become_links_or_are_reported() -> None:
    """[embed] and [audio] become described links; a [caption] without image is reported."""
    report = ImportReport(source="x")
    rewriter = Rewriter(report, lambda ref, place: None)
    html = (
        "[embed]https://vimeo.com/76979871[/embed]\n\n"
        '[audio mp3="https://old.example/wp-content/uploads/2024/01/chant.mp3"][/audio]\n\n'
        '[caption id="x"]Rien à montrer[/caption]'
    )
    out = rewriter.wordpress(html, Place("export.xml", 7))
    assert "[Voir la vidéo sur Vimeo](https://vimeo.com/76979871)" in out
    assert (
        "[Écouter le son « chant.mp3 »](https://old.example/wp-content/uploads/2024/01/chant.mp3)"
        in out
    )
    assert "Rien à montrer" in out and "[caption" not in out
    assert [(p.code, p.line, p.params["value"]) for p in report.problems.problems] == [
        ("AS263", 11, "[caption]")  # the text starts at line 7, the code is on its fifth
    ]


def test_wordpress_tables_keep_their_rows() -> None:
    """A table without header cells becomes a Markdown table (its first row as header)."""
    rewriter = Rewriter(ImportReport(source="x"), lambda ref, place: None)
    html = "<table><tr><td>Jour</td><td>Heure</td></tr><tr><td>Lundi</td><td>18 h</td></tr></table>"
    out = rewriter.wordpress(html, Place("export.xml", 1))
    assert out.strip().splitlines() == ["| Jour | Heure |", "| --- | --- |", "| Lundi | 18 h |"]
