"""Real Pelican builds of throwaway sites: what is published, what is skipped, safe output."""

from __future__ import annotations

import pytest
from helpers import BASE_CONFIG, file_hashes, fixture_text, md_event, md_news, md_testimony

from assosite.problems.errors import BuildError, ContentError
from assosite.reading import items as content_module


def test_valid_site_builds_every_page_type(make_site, build) -> None:
    """A site with each kind of content gives home, lists, items, tags, pages and 404."""
    site = make_site(
        {
            "content/news/2026-03-01-printemps.md": md_news(
                "Le printemps", extra="tags: [jardin]\n"
            ),
            "content/events/fete.md": md_event("Fête du jardin", "2027-06-12 15:00"),
            "content/events/ag-2025.md": md_event("Assemblée 2025", "2025-03-14 18:00"),
            "content/testimonies/anne.md": md_testimony("Mon année au jardin"),
            "content/pages/a-propos.md": "---\ntitle: À propos\nmenu: 1\n---\nQui sommes-nous.\n",
        }
    )
    report, output = build(site)
    assert report.problems == []
    assert report.published
    for page in (
        "index.html",
        "404.html",
        "actualites/index.html",
        "actualites/printemps/index.html",
        "agenda/index.html",
        "agenda/fete/index.html",
        "agenda/archives/index.html",
        "agenda/ag-2025/index.html",
        "temoignages/index.html",
        "temoignages/anne/index.html",
        "a-propos/index.html",
        "etiquettes/index.html",
        "etiquettes/jardin/index.html",
    ):
        assert (output / page).is_file(), page
    assert (output / "images" / "photo.jpg").is_file()
    assert not (output / "news").exists()  # sources are never published as such


def test_invalid_file_is_skipped_and_others_build(make_site, build) -> None:
    """A broken file is reported and left out; the valid ones are published."""
    site = make_site(
        {
            "content/news/2026-03-01-bon.md": md_news("Bonne nouvelle"),
            "content/news/2026-03-02-casse.md": "---\ntitle: Cassé: oui\n---\n",
            "content/events/sans-fin.md": md_event(
                "Fin avant début", "2027-03-14 18:00", "end: 2027-03-13 18:00\n"
            ),
        }
    )
    report, output = build(site)
    assert sorted((p.code, p.path) for p in report.problems) == [
        ("AS203", "content/events/sans-fin.md"),
        ("AS227", "content/news/2026-03-02-casse.md"),
    ]
    assert report.failed() and report.published
    assert (output / "actualites/bon/index.html").is_file()
    published = "\n".join(p.read_text() for p in output.rglob("*.html"))
    assert "casse" not in published.lower()
    assert "Fin avant début" not in published
    assert not (output / "actualites/casse").exists()
    assert not (output / "agenda/sans-fin").exists()


def test_strict_failure_leaves_previous_output_identical(make_site, build) -> None:
    """Under --strict a warning fails the build and the previous output stays byte-identical."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    build(site)
    before = file_hashes(site / "output")
    around = file_hashes(site.parent)
    (site / "content/news/2026-03-02-b.md").write_text(
        md_news("Seconde", extra="titel: faute\n"), encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        build(site, strict=True)
    assert [p.code for p in caught.value.report.problems] == ["AS206"]
    assert not caught.value.report.published
    assert file_hashes(site / "output") == before
    after = file_hashes(site.parent)
    changed = {k for k in set(after) | set(around) if after.get(k) != around.get(k)}
    caches = {k for k in changed if k.startswith("site/.cache/assosite/")}
    assert changed - caches == {"site/content/news/2026-03-02-b.md"}


def test_crash_leaves_previous_output_identical(make_site, build, monkeypatch) -> None:
    """An internal error propagates (exit 3 in the CLI) and the output is untouched."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    build(site)
    before = file_hashes(site / "output")

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("assosite.plugin.handlers.parse_item", broken)
    with pytest.raises(RuntimeError):
        build(site, reuse=False)  # same files: only a full build reaches the bug
    assert file_hashes(site / "output") == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    assert content_module.parse_item is not broken


def test_template_error_is_reported_and_output_kept(make_site, build, tmp_path) -> None:
    """A broken theme template gives AS402 at template:line and keeps the output."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    build(site)
    before = file_hashes(site / "output")
    theme = site / "montheme"
    import shutil  # noqa: PLC0415

    from assosite.config.resources import theme_path  # noqa: PLC0415

    shutil.copytree(theme_path("default"), theme)
    (theme / "templates" / "news.html").write_text("{% if %}\n", encoding="utf-8")
    config = (site / "assosite.toml").read_text()
    (site / "assosite.toml").write_text(
        config + 'theme = "montheme"\n'
        if "theme =" not in config
        else config.replace("theme = ", 'theme = "montheme"\n#')
    )
    with pytest.raises(BuildError) as caught:
        build(site)
    problem = caught.value.report.problems[-1]
    assert (problem.code, problem.path, problem.line) == (
        "AS402",
        "montheme/templates/news.html",
        1,
    )
    assert file_hashes(site / "output") == before


def test_output_containing_the_site_is_refused(make_site, build) -> None:
    """--output that contains the site itself is refused (AS112): nothing is deleted."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    with pytest.raises(BuildError) as caught:
        build(site, output=site.parent)
    assert [p.code for p in caught.value.report.problems] == ["AS112"]
    assert (site / "content/news/2026-03-01-a.md").is_file()


def test_foreign_output_folder_is_refused(make_site, build, tmp_path) -> None:
    """A non-empty folder that assosite did not make is never replaced (AS113)."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "rapport.odt").write_text("important")
    with pytest.raises(BuildError) as caught:
        build(site, output=foreign)
    assert [p.code for p in caught.value.report.problems] == ["AS113"]
    assert (foreign / "rapport.odt").read_text() == "important"


def test_interrupted_swap_is_recovered(make_site, build) -> None:
    """If a build died between its two renames, the next build restores then replaces."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    _, output = build(site)
    output.rename(site / ".output.assosite-old")
    report, output = build(site)
    assert report.published and (output / "index.html").is_file()
    assert sorted(p.name for p in site.iterdir()) == [
        ".cache",  # the build's own caches, never the output
        "assosite.toml",
        "content",
        "output",
    ]


def test_duplicate_slug_keeps_the_first_file(make_site, build) -> None:
    """Two items with the same address: the first file (by name) wins, the other is AS211."""
    site = make_site(
        {
            "content/news/2026-03-01-fete.md": md_news("Fête A"),
            "content/news/2026-03-05-autre.md": md_news("Fête B", extra="slug: fete\n"),
        }
    )
    report, output = build(site)
    assert [(p.code, p.path, p.line) for p in report.problems] == [
        ("AS211", "content/news/2026-03-05-autre.md", 5)
    ]
    assert "Fête A" in (output / "actualites/fete/index.html").read_text()


def test_page_cannot_take_a_reserved_address(make_site, build) -> None:
    """A page named like a list (agenda, actualites…) is refused with AS225."""
    site = make_site({"content/pages/agenda.md": "---\ntitle: Notre agenda\n---\nTexte.\n"})
    report, _ = build(site)
    assert [(p.code, p.line) for p in report.problems] == [("AS225", 2)]


def test_file_outside_content_folders_is_reported(make_site, build) -> None:
    """A Markdown file directly in content/ is reported (AS214) rather than ignored."""
    site = make_site(
        {"content/perdu.md": md_news("Perdu"), "content/_includes/note.md": "*Le bureau*\n"}
    )
    report, _ = build(site)
    # Jekyll's _includes/ holds pieces of texts, not texts: not reported.
    assert [(p.code, p.path) for p in report.problems] == [("AS214", "content/perdu.md")]


def test_check_finds_the_broken_links_a_build_finds(make_site, check, build) -> None:
    """A link to a missing file is AS403 in a check too; a link to a real file is not."""
    links = "[le programme]({static}/images/photo.jpg) et [absent]({filename}/news/perdu-check.md)"
    text = md_news("Liens").replace("Le texte", links + ". Le texte")
    site = make_site({"content/news/2026-03-01-liens.md": text})
    checked = check(site)
    assert [(p.code, p.params["detail"]) for p in checked.problems if p.code == "AS403"] == [
        ("AS403", "Unable to find '/news/perdu-check.md', skipping url replacement.")
    ]
    built, output = build(site)
    # the same warning again: each run of Pelican reports its own, even in one process
    assert [p for p in built.problems if p.code == "AS403"] == [
        p for p in checked.problems if p.code == "AS403"
    ]
    page = (output / "actualites/liens/index.html").read_text(encoding="utf-8")
    assert 'href="../../images/photo.jpg"' in page


def test_drafts_expired_and_unconsented_items(make_site, build) -> None:
    """Drafts are not written; expired items leave lists but stay reachable."""
    site = make_site(
        {
            "content/news/2026-03-01-brouillon.md": md_news("Brouillon", extra="status: draft\n"),
            "content/news/2026-03-02-perime.md": md_news("Périmé", extra="expires: 2026-04-01\n"),
            "content/news/2026-03-03-frais.md": md_news("Frais"),
            "content/testimonies/ancien.md": md_testimony(
                "Ancien", extra="consent_expires: 2026-06-01\n"
            ),
        }
    )
    report, output = build(site)
    assert [(p.code, p.line) for p in report.problems] == [("AS210", 7)]
    assert not (output / "actualites/brouillon").exists()
    assert (output / "actualites/perime/index.html").is_file()
    listing = (output / "actualites/index.html").read_text()
    assert "Frais" in listing and "Périmé" not in listing
    assert not (output / "temoignages/ancien").exists()


def test_agenda_splits_upcoming_and_past_events(make_site, build) -> None:
    """Upcoming events are on the agenda (soonest first); past ones only in the archive."""
    site = make_site(
        {
            "content/events/b.md": md_event("Deuxième à venir", "2027-05-01 10:00"),
            "content/events/a.md": md_event("Première à venir", "2026-12-01 10:00"),
            "content/events/c.md": md_event("Passé", "2026-01-01 10:00"),
        }
    )
    _, output = build(site)
    agenda = (output / "agenda/index.html").read_text()
    assert agenda.index("Première à venir") < agenda.index("Deuxième à venir")
    archive = (output / "agenda/archives/index.html").read_text()
    assert "Passé" in archive and "Première à venir" not in archive


def test_tricky_but_valid_files_are_published(make_site, build) -> None:
    """BOM, CRLF, emoji, TOML, Pelican headers, « Non » as a title: all published."""
    names = [
        "news_bom.md",
        "news_crlf.md",
        "news_emoji_title.md",
        "news_toml_ok.md",
        "news_pelican_header.md",
        "news_yaml_boolean_title.md",
        "news_dashes_in_value.md",
        "news_no_final_newline.md",
    ]
    site = make_site(  # all dated 2026-03-01: the rhythm rule (AS315) is turned off here
        {f"content/news/2026-01-0{i}-{n}": fixture_text(n) for i, n in enumerate(names, 1)},
        config=BASE_CONFIG + '[editorial.severity]\nAS315 = "off"\n',
    )
    report, output = build(site)
    assert report.problems == []
    pages = {p.parent.name: p.read_text() for p in (output / "actualites").glob("*/index.html")}
    assert (
        "Fête du jardin 🌻🎉" in pages["news_emoji_title-md"]
        if "news_emoji_title-md" in pages
        else any("🌻" in text for text in pages.values())
    )
    assert any(">Non<" in text or "Non" in text for text in pages.values())
    assert any("Après une ligne horizontale" in text for text in pages.values())
    assert len(pages) == len(names)
