"""The reader's cache: unchanged texts are not parsed again, and the site stays the same."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from helpers import file_hashes, md_event, md_news


def _texts(site: Path) -> dict[str, bytes]:
    with contextlib.closing(sqlite3.connect(site / ".cache" / "assosite" / "texts.sqlite")) as db:
        return dict(db.execute("SELECT name, data FROM texts"))


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


def test_a_damaged_cache_is_parsed_again(make_site, build) -> None:
    """Cached texts that cannot be read, or a cache that is not a database, are ignored:
    the texts are parsed as if new, and the next build keeps them again."""
    site = _site(make_site)
    _, output = build(site)
    cached = file_hashes(output)
    database = site / ".cache" / "assosite" / "texts.sqlite"
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        db.execute("UPDATE texts SET data = ?", (b"not a pickle",))
    build(site, reuse=False)
    assert file_hashes(output) == cached
    database.write_bytes(b"not a database at all " * 100)
    build(site, reuse=False)
    assert file_hashes(output) == cached
    build(site, reuse=False)  # the damaged file was replaced by a new cache
    assert len(_texts(site)) == 3


def test_a_changed_include_is_read_again_and_a_new_file_keeps_the_others(make_site, build) -> None:
    """A text with {% include %} follows its include; adding a text re-reads no other."""
    site = _site(make_site)
    (site / "_includes").mkdir()
    (site / "_includes" / "signature.md").write_text("*Le bureau*\n", encoding="utf-8")
    path = site / "content/news/2026-03-03-c.md"
    path.write_text(md_news("Troisième") + "\n{% include signature.md %}\n", encoding="utf-8")
    build(site)
    before = _texts(site)
    (site / "_includes" / "signature.md").write_text("*La présidente*\n", encoding="utf-8")
    (site / "content/news/2026-03-04-d.md").write_text(md_news("Quatrième"), encoding="utf-8")
    _, output = build(site)
    after = _texts(site)
    assert len(after) == 5
    assert len(set(before) - set(after)) == 1  # only the text with the include
    assert "La présidente" in (output / "actualites" / "c" / "index.html").read_text("utf-8")
