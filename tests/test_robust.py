"""Files written as volunteers write them never crash a build: each is a problem at its line.

Each case is one file added to a small site; the build goes on, the other files publish.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import md_news

from assosite.problems.errors import BuildError

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['x'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
CASES = {
    "form feed and escape from a PDF": (
        "content/news/2026-03-02-pdf.md",
        "---\ntitle: Saut\ndate: 2026-03-02\nsummary: Une phrase.\n---\nTexte\x0c du PDF\x1b.\n",
        ("AS244", 6, "warning"),
    ),
    "testimony without a date": (
        "content/testimonies/sans-date.md",
        "---\ntitle: Sans date\nname: Nadia\nconsent: 2026-01-01\n---\nTexte.\n",
        None,
    ),
    "menu position that is not a number": (
        "content/pages/menu.md",
        '---\ntitle: Menu\nsummary: Une phrase.\nmenu: "²"\n---\nTexte.\n',
        ("AS205", 4, "error"),
    ),
    "date at the end of the calendar": (
        "content/events/9999-12-31-loin.md",
        "---\ntitle: Loin\nsummary: Une phrase.\nstart: 9999-12-31\n---\nTexte.\n",
        ("AS204", 4, "error"),
    ),
    "self-referencing YAML alias": (
        "content/news/2026-03-03-alias.md",
        "---\ntitle: Alias\ndate: 2026-03-03\nsummary: Une phrase.\ntags: &r [a, *r]\n---\nT.\n",
        ("AS245", 5, "error"),
    ),
    "YAML alias bomb": (
        "content/news/2026-03-04-bombe.md",
        f"---\ntitle: Bombe\ndate: 2026-03-04\nsummary: Une phrase.\n{BOMB}---\nTexte.\n",
        ("AS245", None, "error"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_broken_file_is_a_problem_and_the_others_publish(make_site, build, case) -> None:
    """No crash: the file's problem at its line, and the good file next to it is published."""
    path, text, expected = CASES[case]
    site = make_site({path: text, "content/news/2026-03-01-bonne.md": md_news("Bonne")})
    report, output = build(site)
    found = [(p.code, p.line, str(p.severity)) for p in report.problems if p.path == path]
    if expected is None:
        assert [f for f in found if f[2] == "error"] == []
    else:
        code, line, severity = expected
        assert any(
            f[0] == code and f[2] == severity and (line is None or f[1] == line) for f in found
        ), found
    assert (output / "actualites" / "bonne" / "index.html").is_file()
    for feed in output.rglob("*.xml"):
        assert "\x0c" not in feed.read_text(encoding="utf-8")


def test_links_out_of_the_site_are_refused(make_site, build, tmp_path) -> None:
    """A text or a file linked from outside the site is AS246 and never published."""
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.md").write_text(md_news("Secret"), encoding="utf-8")
    (outside / "dossier").mkdir()
    (outside / "dossier" / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    site = make_site({"content/news/2026-03-01-bonne.md": md_news("Bonne")})
    (site / "content" / "news" / "2026-03-02-lien.md").symlink_to(outside / "secret.md")
    (site / "content" / "files").mkdir(exist_ok=True)
    (site / "content" / "files" / "lien").symlink_to(outside / "dossier")
    (site / "content" / "images" / "meme-photo.jpg").symlink_to(site / "content/images/photo.jpg")
    report, output = build(site)
    found = sorted((p.code, p.path) for p in report.problems if p.code == "AS246")
    assert found == [
        ("AS246", "content/files/lien/secret.pdf"),
        ("AS246", "content/news/2026-03-02-lien.md"),
    ]
    assert (output / "actualites" / "bonne" / "index.html").is_file()
    published = [p for p in output.rglob("*") if p.is_file()]
    assert not any("secret" in p.name for p in published)
    assert all(b"Secret" not in p.read_bytes() for p in published if p.suffix == ".html")


@pytest.mark.parametrize("where", ["site", "root", "home"])
def test_outputs_that_would_replace_the_site_or_a_home_are_refused(make_site, build, where):
    """--output set to the site, to ``/`` or to the home folder: refused, nothing touched."""
    site = make_site({"content/news/2026-03-01-bonne.md": md_news("Bonne")})
    output = {"site": site, "root": Path("/"), "home": Path.home()}[where]
    with pytest.raises(BuildError) as caught:
        build(site, output=output)
    assert {p.code for p in caught.value.report.problems} <= {"AS112", "AS113"}
    assert (site / "content/news/2026-03-01-bonne.md").is_file()


def _around(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with (size, modification time in ns), every folder."""
    return {
        p.relative_to(folder).as_posix(): (
            (0, 0) if p.is_dir() else (p.lstat().st_size, p.lstat().st_mtime_ns)
        )
        for p in folder.rglob("*")
    }


def test_a_build_writes_only_its_output_and_its_cache(make_site, build, tmp_path) -> None:
    """The tree around the site is the same after a build, but for output/ and .cache/."""
    site = make_site({"content/news/2026-03-01-bonne.md": md_news("Bonne")})
    (tmp_path / "voisin").mkdir()
    (tmp_path / "voisin" / "notes.txt").write_text("à garder", encoding="utf-8")
    before = _around(tmp_path)
    build(site)
    build(site)  # the second build replaces the output through its staging folders
    after = _around(tmp_path)
    written = {"site/output", "site/.cache"}
    changed = {
        path
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
        and not any(path == w or path.startswith(w + "/") for w in written)
    }
    assert changed == set()
