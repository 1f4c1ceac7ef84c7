"""The reader's cache: unchanged texts are not parsed again, and the site stays the same."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import file_hashes
from test_build import md_event, md_news


def _texts(site: Path) -> dict[str, int]:
    folder = site / ".cache" / "assosite" / "texts"
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def _site(make_site) -> Path:
    return make_site(
        {
            "content/news/2026-03-01-a.md": md_news("Première", extra="titel: faute\n"),
            "content/news/2026-03-02-b.md": md_news("Seconde"),
            "content/events/2027-01-10-fete.md": md_event("Fête", "2027-01-10 15:00"),
        }
    )


def test_unchanged_texts_come_from_the_cache_and_give_the_same_site(make_site, build) -> None:
    """A rebuild keeps every cached text; its output and problems equal a cold build's."""
    site = _site(make_site)
    first, output = build(site)
    kept = _texts(site)
    second, _ = build(site, reuse=False)
    assert _texts(site) == kept and len(kept) == 3
    assert [(p.code, p.line) for p in second.problems] == [(p.code, p.line) for p in first.problems]
    cached = file_hashes(output)
    shutil.rmtree(site / ".cache")
    build(site, reuse=False)
    assert file_hashes(output) == cached


def test_an_edited_text_is_parsed_again_and_its_old_entry_dropped(make_site, build) -> None:
    """Editing one file replaces its cache entry only; the others are untouched."""
    site = _site(make_site)
    build(site)
    before = _texts(site)
    path = site / "content/news/2026-03-02-b.md"
    path.write_text(md_news("Seconde, corrigée"), encoding="utf-8")
    _, output = build(site)
    after = _texts(site)
    assert len(after) == 3
    assert len(set(after) - set(before)) == 1 and len(set(before) - set(after)) == 1
    assert all(after[name] == before[name] for name in set(after) & set(before))
    assert "Seconde, corrigée" in (output / "actualites" / "b" / "index.html").read_text("utf-8")


def test_a_damaged_cache_entry_is_parsed_again(make_site, build) -> None:
    """A cache file that cannot be read is ignored: the text is parsed as if new."""
    site = _site(make_site)
    _, output = build(site)
    cached = file_hashes(output)
    for entry in (site / ".cache" / "assosite" / "texts").iterdir():
        entry.write_bytes(b"not a pickle")
    build(site, reuse=False)
    assert file_hashes(output) == cached
