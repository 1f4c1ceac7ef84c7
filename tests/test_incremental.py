"""A build whose inputs did not change keeps the previous output; any change rebuilds."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from helpers import NOW, md_event, md_news

from assosite.cli import cli
from assosite.model.recurrence import as_instant
from assosite.model.validity import valid_until
from assosite.problems.errors import ContentError


def _stamp(output) -> int:
    return (output / "index.html").stat().st_mtime_ns


def test_unchanged_site_is_not_built_again(make_site, build) -> None:
    """Same files, same day: the output is left as it is and the same problems are shown."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première", extra="titel: x\n")})
    first, output = build(site)
    before = _stamp(output)
    second, _ = build(site)
    assert not first.reused
    assert second.reused and second.published
    assert _stamp(output) == before
    assert [(p.code, p.path, p.line) for p in second.problems] == [
        (p.code, p.path, p.line) for p in first.problems
    ]
    assert second.items == first.items and second.written == first.written


def test_edited_file_is_built_again(make_site, build) -> None:
    """A changed content file rebuilds the site, and the change is published."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    build(site)
    (site / "content/news/2026-03-01-a.md").write_text(md_news("Deuxième"), encoding="utf-8")
    report, output = build(site)
    assert not report.reused
    assert "Deuxième" in (output / "index.html").read_text(encoding="utf-8")


def test_changed_configuration_is_built_again(make_site, build) -> None:
    """A changed assosite.toml rebuilds the site."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    build(site)
    config = site / "assosite.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("Les Amis du Test", "Les Amis"), "utf-8"
    )
    report, output = build(site)
    assert not report.reused
    assert "Les Amis du Test" not in (output / "index.html").read_text(encoding="utf-8")


def test_event_that_ends_moves_to_the_archive_without_any_edit(make_site, build) -> None:
    """Time alone changes the site: once an event is over, the next build rebuilds."""
    start = (NOW + dt.timedelta(hours=1)).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    event = md_event("Réunion", start=f"{start}+00:00", extra="end: 2026-11-23 15:00+00:00\n")
    site = make_site({"content/events/2026-11-23-reunion.md": event})
    _, output = build(site)
    assert "Réunion" in (output / "agenda" / "index.html").read_text(encoding="utf-8")
    same = build(site, now=NOW + dt.timedelta(minutes=30))[0]
    later = build(site, now=NOW + dt.timedelta(hours=4))[0]
    assert same.reused
    assert not later.reused
    assert "Réunion" not in (output / "agenda" / "index.html").read_text(encoding="utf-8")
    archive = (output / "agenda" / "archives" / "index.html").read_text(encoding="utf-8")
    assert "Réunion" in archive


def test_reuse_false_always_builds(make_site, build) -> None:
    """``--ignore-cache`` (reuse=False) builds even when nothing changed."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    build(site)
    report, _ = build(site, reuse=False)
    assert not report.reused and report.published


def test_output_replaced_by_another_build_is_built_again(make_site, build) -> None:
    """An output folder whose marker is not this build's is never trusted."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    _, output = build(site)
    (output / ".assosite-output").write_text("assosite\n", encoding="utf-8")
    report, _ = build(site)
    assert not report.reused


def test_strict_build_of_unchanged_site_with_warnings_still_fails(make_site, build) -> None:
    """--strict gives the same verdict whether the site was rebuilt or kept."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première", extra="titel: x\n")})
    build(site)
    with pytest.raises(ContentError) as caught:
        build(site, strict=True)
    assert caught.value.report.reused
    assert not caught.value.report.published
    assert [p.code for p in caught.value.report.problems] == ["AS206"]


def test_valid_until_is_the_next_event_boundary_or_midnight() -> None:
    """The same inputs give the same site until an event starts or ends, or midnight."""

    class _Event:
        kind = "event"
        expires = None
        begins = as_instant(dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC), "Europe/Paris")
        finishes = begins + dt.timedelta(hours=2)

    zone = "Europe/Paris"
    assert valid_until([_Event()], NOW, zone, dt.timedelta(days=30)) == _Event.begins
    later = NOW + dt.timedelta(hours=5)  # 17:00 UTC: the event is over
    midnight_paris = dt.datetime(2026, 11, 23, 23, 0, tzinfo=dt.UTC)
    assert valid_until([_Event()], later, zone, dt.timedelta(days=30)) == midnight_paris
    assert valid_until([], NOW, "UTC", dt.timedelta(days=30)) == dt.datetime(
        2026, 11, 24, tzinfo=dt.UTC
    )


def test_cli_ignore_cache_rebuilds_an_unchanged_site(make_site) -> None:
    """``assosite build`` keeps an unchanged output; ``--ignore-cache`` writes it again."""
    site = make_site({"content/news/2026-03-01-a.md": md_news("Première")})
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(site)]).exit_code == 0
    before = _stamp(site / "output")
    assert runner.invoke(cli, ["build", str(site)]).exit_code == 0
    assert _stamp(site / "output") == before
    assert runner.invoke(cli, ["build", str(site), "--ignore-cache"]).exit_code == 0
    assert _stamp(site / "output") != before
