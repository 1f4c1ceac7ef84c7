"""assosite serve: a real preview on 127.0.0.1 that rebuilds after a real file edit."""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.request

import pytest
from helpers import free_port, port_open, wait_for

from assosite.build.serve import serve_site
from assosite.problems.errors import BuildError, ConfigError

NEWS = "---\ntitle: {title}\ndate: 2026-03-01\nsummary: Une phrase.\n---\nTexte.\n"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def served(make_site):
    """A site served in a thread, its first build done: yields (site, port, reports)."""
    site = make_site({"content/news/2026-03-01-a.md": NEWS.format(title="Avant")})
    port = free_port()
    stop = threading.Event()
    reports: list = []
    thread = threading.Thread(
        target=serve_site,
        args=(site, port),
        kwargs={"on_build": reports.append, "on_error": reports.append, "stop": stop},
        daemon=True,
    )
    thread.start()
    try:
        assert wait_for(lambda: len(reports) == 1 and port_open(port))
        yield site, port, reports
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_serve_rebuilds_after_a_file_change(served) -> None:
    """Editing a title is visible on the next request, without restarting."""
    site, port, reports = served
    url = f"http://127.0.0.1:{port}/actualites/a/"
    assert "Avant" in _get(url)
    (site / "content/news/2026-03-01-a.md").write_text(NEWS.format(title="Après"), encoding="utf-8")
    assert wait_for(lambda: len(reports) >= 2), "no rebuild after the edit"
    assert "Après" in _get(url)


def _raw_get(port: int, path: str) -> tuple[int, bytes]:
    """GET ``path`` exactly as written (no client-side clean-up of ``..``)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_missing_page_is_the_site_404_page(served) -> None:
    """An unknown address answers 404 with the site's own page, as a host would."""
    site, port, _ = served
    status, body = _raw_get(port, "/nulle-part/")
    assert status == 404
    assert body == (site / "output" / "404.html").read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/../assosite.toml",
        "/%2e%2e/assosite.toml",
        "/..%2fassosite.toml",
        "/%2E%2E%2Fassosite.toml",
        "/actualites/../../assosite.toml",
        "/dehors/assosite.toml",
    ],
)
def test_nothing_outside_the_output_is_served(served, path) -> None:
    """``..`` (plain or encoded) and a link out of the output never reach the site's files."""
    site, port, _ = served
    (site / "output" / "dehors").symlink_to(site)
    status, body = _raw_get(port, path)
    assert status == 404
    assert b"[site]" not in body


def test_a_taken_port_is_said_before_building(make_site) -> None:
    """Another program on the port: AS420 at once, nothing built."""
    site = make_site({"content/news/2026-03-01-a.md": NEWS.format(title="Avant")})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BuildError) as caught:
            serve_site(site, port, on_build=print, on_error=print)
    assert [p.code for p in caught.value.report.problems] == ["AS420"]
    assert str(port) in caught.value.report.problems[0].message("fr")[0]
    assert not (site / "output" / "index.html").exists()


def test_a_folder_that_is_not_a_site_is_refused(tmp_path) -> None:
    """No assosite.toml: AS109, and no server starts."""
    with pytest.raises(ConfigError) as caught:
        serve_site(tmp_path, free_port(), on_build=print, on_error=print)
    assert [p.code for p in caught.value.report.problems] == ["AS109"]
    assert not (tmp_path / "output").exists()


def _start(site, port):
    """Serve ``site`` in a thread; return (stop, reports, thread) after its first build."""
    stop, reports = threading.Event(), []
    thread = threading.Thread(
        target=serve_site,
        args=(site, port),
        kwargs={"on_build": reports.append, "on_error": reports.append, "stop": stop},
        daemon=True,
    )
    thread.start()
    assert wait_for(lambda: len(reports) == 1 and port_open(port))
    return stop, reports, thread


def test_a_restarted_preview_answers_the_first_edit_with_that_page_only(make_site) -> None:
    """Serving again a site whose output is current keeps it at once, then, while
    nothing changes, builds it once in full: the first edit rewrites only its page."""
    site = make_site(
        {
            "content/news/2026-03-01-a.md": NEWS.format(title="Avant"),
            "content/news/2026-03-02-b.md": NEWS.format(title="Autre").replace("03-01", "03-02"),
        }
    )
    port = free_port()
    stop, _, thread = _start(site, port)  # the first session
    stop.set()
    thread.join(timeout=10)
    stop, reports, thread = _start(site, port)  # finds the first session's output
    try:
        assert reports[0].reused
        other = site / "output" / "actualites" / "b" / "index.html"
        kept = other.stat().st_mtime_ns
        assert wait_for(lambda: other.stat().st_mtime_ns != kept), "no full build when idle"
        warmed = other.stat().st_mtime_ns
        page = site / "content/news/2026-03-01-a.md"
        text = NEWS.format(title="Avant").replace("Texte.", "Texte changé.")
        page.write_text(text, encoding="utf-8")  # its body only: no other page shows it
        assert wait_for(lambda: len(reports) >= 2), "no rebuild after the edit"
        assert "Texte changé." in _get(f"http://127.0.0.1:{port}/actualites/a/")
        assert other.stat().st_mtime_ns == warmed
    finally:
        stop.set()
        thread.join(timeout=10)
