"""Large builds parse texts and write item pages in two processes: same site, same problems."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from helpers import file_hashes, md_news

from assosite.config.resources import theme_path
from assosite.plugin import parallel
from assosite.problems.errors import BuildError

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forks on Linux only")


def _large_site(make_site, extra: dict[str, str] | None = None) -> Path:
    files = {
        f"content/news/2026-{1 + n % 12:02d}-{1 + n % 28:02d}-n{n}.md": md_news(
            f"Nouvelle numéro {n}", f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
        )
        for n in range(parallel.MIN_ITEMS + 5)
    }
    files["content/news/2026-06-30-lien.md"] = md_news("Un lien perdu", "2026-06-30").replace(
        "Le texte", "Voir [le compte rendu]({filename}/news/absent.md). Le texte"
    )
    return make_site({**files, **(extra or {})})


def _problems(report) -> list[tuple[str, str, int]]:
    return sorted((p.code, p.path, p.line) for p in report.problems)


def test_forked_build_writes_the_same_site_and_problems(
    make_site, build, monkeypatch, tmp_path
) -> None:
    """The site and the problems (one found while writing a page) equal a one-process build."""
    site = _large_site(make_site)
    forks, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    forked, output = build(site, output=tmp_path / "forked")
    # one fork parses the texts the cache lacks, one writes item pages
    assert forked.items > parallel.MIN_ITEMS and len(forks) == 2
    monkeypatch.setenv("ASSOSITE_JOBS", "1")
    (site / ".cache" / "assosite" / "texts.sqlite").unlink()  # every text parsed again
    alone, _ = build(site, output=tmp_path / "alone", reuse=False)
    assert len(forks) == 2  # ASSOSITE_JOBS=1: one process
    assert file_hashes(output) == file_hashes(tmp_path / "alone")
    assert _problems(forked) == _problems(alone)
    assert "AS403" in {code for code, *_ in _problems(forked)}


def test_broken_item_template_in_the_child_is_reported_and_output_kept(make_site, build) -> None:
    """A template error met by the second process is AS402 at its line, nothing published."""
    site = _large_site(make_site)
    build(site)
    before = file_hashes(site / "output")
    theme = site / "montheme"
    shutil.copytree(theme_path("default"), theme)
    (theme / "templates" / "news.html").write_text(
        '{% extends "_item.html" %}\n{% block item_details %}{{ article.item.title|nope }}'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    config = site / "assosite.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'theme = "montheme"\n', "utf-8")
    with pytest.raises(BuildError) as caught:
        build(site)
    problem = caught.value.report.problems[-1]
    assert (problem.code, problem.path) == ("AS402", "montheme/templates/news.html")
    assert file_hashes(site / "output") == before


def test_queued_pages_are_written_here_when_the_fork_is_refused(
    make_site, build, monkeypatch, tmp_path
) -> None:
    """Pages queued for two processes, then no fork: this process writes every one."""
    site = make_site({f"content/news/2026-03-0{n}-n{n}.md": md_news(f"N{n}") for n in (1, 2, 3)})
    build(site, output=tmp_path / "alone")
    asked = []

    def can_fork(state, items: int) -> bool:
        caller = sys._getframe(1).f_code.co_name  # queue at the start, refuse at the fork
        asked.append((caller, items))
        return caller == "start"

    monkeypatch.setattr(parallel, "can_fork", can_fork)
    forks, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    build(site, output=tmp_path / "queued", reuse=False)
    assert ("start", 3) in asked and ("fork", 3) in asked and forks == []
    assert file_hashes(tmp_path / "queued") == file_hashes(tmp_path / "alone")


def test_no_second_process_for_a_small_site(make_site, build) -> None:
    """Under MIN_ITEMS items, a site is written by one process."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Seule")})
    report, _ = build(site)
    assert report.published
    assert not parallel.can_fork(_state_for(site), 1)


def _state_for(site: Path):
    from assosite.config.site import load_config  # noqa: PLC0415
    from assosite.outputs.state import BuildState  # noqa: PLC0415

    config, _ = load_config(site)
    return BuildState(config=config)
