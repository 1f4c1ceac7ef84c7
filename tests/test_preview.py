"""The preview's rebuilds write only what a change affects, and end up with the full site."""

from __future__ import annotations

from pathlib import Path

from helpers import NOW, file_hashes, md_event, md_news

from assosite.build.site import BuildOptions, build_site
from assosite.plugin.preview import PreviewMemory

URL = "http://127.0.0.1:8123"


def _site(make_site) -> Path:
    files = {
        f"content/news/2026-03-0{n}-n{n}.md": md_news(f"Nouvelle {n}", f"2026-03-0{n}")
        for n in range(1, 6)
    }
    files["content/events/2027-01-10-fete.md"] = md_event("Fête", "2027-01-10 15:00")
    return make_site(files)


def _full_build(site: Path, folder: Path, now) -> dict[str, str]:
    build_site(site, BuildOptions(output=folder, site_url=URL, now=now, reuse=False))
    return file_hashes(folder)


def test_body_edit_renders_only_that_page(make_site, tmp_path) -> None:
    """Changing a text renders its own page; lists, which show no body, are kept."""

    site = _site(make_site)
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    first = memory.rendered
    kept = site / "output" / "actualites" / "n1" / "index.html"
    kept_stamp = kept.stat().st_mtime_ns
    path = site / "content/news/2026-03-03-n3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", "utf-8")
    build_site(site, options)
    assert first > 10
    assert memory.rendered == 1
    assert kept.stat().st_mtime_ns == kept_stamp
    page = site / "output" / "actualites" / "n3" / "index.html"
    assert "Un paragraphe ajouté." in page.read_text(encoding="utf-8")


def test_preview_after_many_edits_equals_a_full_build(make_site, tmp_path) -> None:
    """After edits, a title change, a new file, a removed file and a new setting, the
    preview's output is byte for byte the site a full build makes."""

    site = _site(make_site)
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    news = site / "content/news"
    edits = [
        lambda: (news / "2026-03-02-n2.md").write_text(
            md_news("Nouvelle 2", "2026-03-02") + "\nSuite.\n", "utf-8"
        ),
        lambda: (news / "2026-03-04-n4.md").write_text(
            md_news("Un autre titre", "2026-03-04"), "utf-8"
        ),
        lambda: (news / "2026-03-09-n9.md").write_text(
            md_news("Nouvelle 9", "2026-03-09", extra="tags: [jardin]\n"), "utf-8"
        ),
        (news / "2026-03-01-n1.md").unlink,
        lambda: (site / "assosite.toml").write_text(
            (site / "assosite.toml").read_text(encoding="utf-8") + "\n[editorial]\nhome_news = 1\n",
            "utf-8",
        ),
    ]
    for edit in edits:
        edit()
        build_site(site, options)
        expected = _full_build(site, tmp_path / "full", NOW)
        assert file_hashes(site / "output") == expected
    assert not (site / "output" / "actualites" / "n1").exists()


def test_failed_preview_build_makes_the_next_one_full(make_site, monkeypatch, tmp_path) -> None:
    """After a build that crashed half-way, the preview renders everything again."""
    import pytest  # noqa: PLC0415

    from assosite.rules import editorial  # noqa: PLC0415

    site = _site(make_site)
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    path = site / "content/news/2026-03-03-n3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEncore.\n", "utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(editorial, "run", lambda *args, **kwargs: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            build_site(site, options)
    build_site(site, options)
    assert memory.rendered > 10
    assert file_hashes(site / "output") == _full_build(site, tmp_path / "full", NOW)


def test_preview_reads_again_only_the_texts_that_changed(make_site, monkeypatch) -> None:
    """The preview keeps the texts it read: a rebuild reads only the edited file again."""
    from assosite.plugin import reader  # noqa: PLC0415

    site = _site(make_site)
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    read: list[bytes] = []
    counted = reader.cache_bytes

    def reading(raw: bytes, state: object) -> bytes:
        read.append(raw)
        return counted(raw, state)

    monkeypatch.setattr(reader, "cache_bytes", reading)
    path = site / "content/news/2026-03-03-n3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nLu une fois.\n", "utf-8")
    build_site(site, options)
    assert len(read) == 1
    assert b"Lu une fois." in read[0]
    assert len(memory.texts) == 6


def _codes(report) -> list[tuple[str, str, int]]:
    return sorted((p.code, p.path, p.line) for p in report.problems)


def test_preview_keeps_the_content_objects_of_unchanged_files(
    make_site, monkeypatch, tmp_path
) -> None:
    """A rebuild makes a typed item of the edited file only; the others are kept with
    their problems (an unknown key), and the output is the full build's."""
    from assosite.plugin import handlers  # noqa: PLC0415

    site = _site(make_site)
    odd = site / "content/news/2026-03-05-n5.md"
    odd.write_text(md_news("Nouvelle 5", "2026-03-05", extra="couleur: bleu\n"), "utf-8")
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    first = build_site(site, options)
    assert any(p.path.endswith("n5.md") for p in first.problems)
    parsed: list[str] = []
    parse = handlers.parse_item

    def counting(header, *args, **kwargs):
        parsed.append(header.path)
        return parse(header, *args, **kwargs)

    monkeypatch.setattr(handlers, "parse_item", counting)
    path = site / "content/news/2026-03-03-n3.md"
    for edit in ("Un mot.", "Un autre mot."):
        path.write_text(path.read_text(encoding="utf-8") + f"\n{edit}\n", "utf-8")
        again = build_site(site, options)
        assert parsed[-1] == "content/news/2026-03-03-n3.md"
        assert _codes(again) == _codes(first)
        assert again.items == first.items
    assert len(parsed) == 2
    monkeypatch.undo()
    expected = build_site(
        site, BuildOptions(output=tmp_path / "full", site_url=URL, now=NOW, reuse=False)
    )
    assert file_hashes(site / "output") == file_hashes(tmp_path / "full")
    assert _codes(expected) == _codes(first)


def test_preview_rebuild_of_a_listed_title_and_a_deleted_file(make_site, tmp_path) -> None:
    """With kept objects, a title edit reaches the lists that show it, the neighbours'
    pages and the feeds; a deleted file disappears; an edit after it reads it again."""
    site = _site(make_site)
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    news = site / "content/news"
    (news / "2026-03-03-n3.md").write_text(md_news("Titre changé", "2026-03-03"), "utf-8")
    build_site(site, options)
    listing = (site / "output" / "actualites" / "index.html").read_text(encoding="utf-8")
    assert "Titre changé" in listing
    neighbour = (site / "output" / "actualites" / "n2" / "index.html").read_text("utf-8")
    assert "Titre changé" in neighbour
    assert file_hashes(site / "output") == _full_build(site, tmp_path / "full", NOW)
    (news / "2026-03-02-n2.md").unlink()
    build_site(site, options)
    assert not (site / "output" / "actualites" / "n2").exists()
    assert "content/news/2026-03-02-n2.md" not in {
        k.removeprefix(str(site) + "/") for k in memory.contents
    }
    assert file_hashes(site / "output") == _full_build(site, tmp_path / "full2", NOW)


def test_preview_leaves_the_text_cache_to_the_next_build(make_site, monkeypatch) -> None:
    """The preview does not read the files it kept: the cache of parsed texts keeps
    them for the next ``assosite build``, which then parses no text."""
    from assosite.plugin import reader  # noqa: PLC0415

    site = _site(make_site)
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    path = site / "content/news/2026-03-03-n3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEncore un mot.\n", "utf-8")
    build_site(site, options)
    parsed: list[str] = []
    parse = reader.AssositeReader.parse

    def counting(self, path, *args):
        parsed.append(path)
        return parse(self, path, *args)

    monkeypatch.setattr(reader.AssositeReader, "parse", counting)
    build_site(site, BuildOptions(output=site / "built", site_url=URL, now=NOW))
    assert parsed == []


def test_preview_keeps_cards_and_calendar_entries_of_unchanged_items(
    make_site, monkeypatch, tmp_path
) -> None:
    """A rebuild makes the card and the calendar entry of the edited event only; the
    agenda, the event's calendar and its card show the new title as a full build does."""
    from assosite.outputs import calendars  # noqa: PLC0415

    site = _site(make_site)
    (site / "content/events/2027-02-10-atelier.md").write_text(
        md_event("Atelier", "2027-02-10 10:00"), "utf-8"
    )
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    made: list[str] = []
    events = calendars.calendar_events

    def counting(content, site_url):
        made.append(content.item.title)
        return events(content, site_url)

    monkeypatch.setattr(calendars, "calendar_events", counting)
    path = site / "content/events/2027-01-10-fete.md"
    path.write_text(md_event("Grande fête", "2027-01-10 15:00"), "utf-8")
    build_site(site, options)
    assert made == ["Grande fête"]
    agenda = (site / "output" / "agenda.ics").read_bytes()
    assert b"SUMMARY:Grande f" in agenda and b"SUMMARY:Atelier" in agenda
    monkeypatch.undo()
    assert file_hashes(site / "output") == _full_build(site, tmp_path / "full", NOW)


def test_memos_follow_the_objects_and_forget_the_unused() -> None:
    """A result is kept for the very object it was computed from, while builds use it."""
    from assosite.outputs.state import Memos  # noqa: PLC0415

    memos, calls = Memos(), []
    first, second = ["a"], ["a"]  # equal, not the same object

    def compute(value):
        return lambda: calls.append(value) or len(calls)

    assert memos.get("k", first, compute("first")) == 1
    memos.next_build()
    assert memos.get("k", first, compute("again")) == 1
    assert memos.get("k", second, compute("second")) == 2
    memos.next_build()  # the build that used both
    memos.next_build()  # a build that used neither: both are forgotten
    assert memos.get("k", first, compute("later")) == 3
    assert calls == ["first", "second", "later"]


def test_preview_checks_an_edited_text_again(make_site, tmp_path) -> None:
    """A text made longer than its word budget in a preview is reported by the next
    rebuild, and shortening it removes the warning: the report is the full build's."""
    site = _site(make_site)
    memory = PreviewMemory()
    options = BuildOptions(output=site / "output", site_url=URL, now=NOW, preview=memory)
    build_site(site, options)
    path = site / "content/news/2026-03-03-n3.md"
    original = path.read_text(encoding="utf-8")
    longer = "Un mot de plus dans ce texte qui reste court. " * 60  # 600 words
    for text in (original + f"\n{longer}\n", original):
        path.write_text(text, "utf-8")
        again = build_site(site, options)
        full = build_site(
            site, BuildOptions(output=tmp_path / "full", site_url=URL, now=NOW, reuse=False)
        )
        assert _codes(again) == _codes(full)
        assert ("AS303" in {code for code, *_ in _codes(again)}) == (text != original)


def test_the_sitemap_kept_for_the_process_follows_its_entries() -> None:
    """The last sitemap is reused only for the very same entries and address."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    from assosite.outputs.seo import sitemap_xml  # noqa: PLC0415

    first = [("actualites/a/", "2026-03-01"), ("agenda/", "")]
    changed = [("actualites/a/", "2026-03-02"), ("agenda/", "")]
    documents = [
        sitemap_xml(first, URL),
        sitemap_xml(list(first), URL),
        sitemap_xml(changed, URL),
        sitemap_xml(first, "https://autre.example"),
    ]
    assert documents[0] == documents[1]
    assert b"2026-03-02" in documents[2] and b"2026-03-02" not in documents[0]
    assert b"https://autre.example/agenda/" in documents[3]
    locs = [e.text for e in ET.fromstring(documents[0]).iter() if e.tag.endswith("loc")]
    assert locs == [f"{URL}/actualites/a/", f"{URL}/agenda/"]
