"""The input fingerprint: equal inputs, equal hash; any input that a build reads changes it."""

from __future__ import annotations

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
