"""The input fingerprint: equal inputs, equal hash; any input that a build reads changes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assosite.build.fingerprint import site_fingerprint
from assosite.cache.digests import tree_files


@pytest.fixture
def site(make_site) -> Path:
    """A small site with a news item and a template of its own."""
    return make_site(
        {
            "content/news/a.md": "---\ntitle: A\n---\n",
            "templates/news.md": "---\ntitle: $title\n---\n",
        }
    )


def test_same_inputs_give_the_same_fingerprint(site, tmp_path) -> None:
    """Two copies of the same site, in other folders, have the same fingerprint."""
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in tree_files(site):
        target = copy / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    assert site_fingerprint(site) == site_fingerprint(copy)


@pytest.mark.parametrize(
    "change",
    [
        lambda s: (s / "content/news/a.md").write_text("---\ntitle: B\n---\n"),
        lambda s: (s / "content/news/b.md").write_text("---\ntitle: B\n---\n"),
        lambda s: (s / "content/news/a.md").rename(s / "content/news/c.md"),
        lambda s: (s / "assosite.toml").write_text('[site]\nname = "Autre"\n'),
        lambda s: (s / "templates/news.md").write_text("autre"),
        lambda s: (s / "content/images/photo.jpg").write_bytes(b"autre image"),
    ],
    ids=["edit", "add", "rename", "config", "template", "image"],
)
def test_any_input_change_changes_the_fingerprint(site, change) -> None:
    """Editing, adding or renaming content, the configuration, a template or an image."""
    before = site_fingerprint(site)
    change(site)
    assert site_fingerprint(site) != before


def test_extra_inputs_change_the_fingerprint(site) -> None:
    """Inputs from outside the site (defaults, the reference day) count through ``extra``."""
    assert site_fingerprint(site, b"2026-11-23") != site_fingerprint(site, b"2026-11-24")


def test_outputs_caches_and_hidden_files_are_left_out(site) -> None:
    """The output, .cache, .git and an output folder given in ``skip`` never count."""
    before = site_fingerprint(site, skip=[site / "public"])
    for name in ("output/index.html", ".cache/x", ".git/HEAD", "public/index.html", ".DS_Store"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x")
    assert site_fingerprint(site, skip=[site / "public"]) == before


def test_tree_files_are_in_path_order(tmp_path) -> None:
    """Files are listed part by part, as paths sort (``a/b`` before ``a-b``), hidden ones out."""
    for name in ("a-b/x.md", "a/b.md", "a/b/c.md", "a.md", "Z.md", ".cache/x", "a/.hidden"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    listed = tree_files(tmp_path)
    assert listed == sorted(listed)
    assert [p.relative_to(tmp_path).as_posix() for p in listed] == [
        "Z.md",
        "a/b/c.md",
        "a/b.md",
        "a-b/x.md",
        "a.md",
    ]


def test_known_digests_give_the_same_fingerprint_and_follow_edits(site) -> None:
    """A preview's memory of file digests gives the fingerprint of a full read; an edited
    file (new time or size) is read again."""
    known: dict = {}
    plain = site_fingerprint(site)
    assert site_fingerprint(site, known=known) == plain
    assert site_fingerprint(site, known=known) == plain
    path = site / "content/news/a.md"
    path.write_text("---\ntitle: B\n---\n", encoding="utf-8")  # same size
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    edited = site_fingerprint(site)
    assert edited != plain
    assert site_fingerprint(site, known=known) == edited
