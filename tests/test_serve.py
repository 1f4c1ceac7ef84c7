"""assosite serve: a real preview on 127.0.0.1 that rebuilds after a real file edit."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request

from assosite.build.serve import serve_site

NEWS = "---\ntitle: {title}\ndate: 2026-03-01\nsummary: Une phrase.\n---\nTexte.\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_serve_rebuilds_after_a_file_change(make_site) -> None:
    """Editing a title is visible on the next request, without restarting."""
    site = make_site({"content/news/2026-03-01-a.md": NEWS.format(title="Avant")})
    port = _free_port()
    stop = threading.Event()
    reports = []
    thread = threading.Thread(
        target=serve_site,
        args=(site, port),
        kwargs={"on_build": reports.append, "on_error": reports.append, "stop": stop},
        daemon=True,
    )
    thread.start()
    url = f"http://127.0.0.1:{port}/actualites/a/"
    try:
        assert _wait_for(lambda: len(reports) == 1 and _port_open(port))
        assert "Avant" in _get(url)
        (site / "content/news/2026-03-01-a.md").write_text(
            NEWS.format(title="Après"), encoding="utf-8"
        )
        assert _wait_for(lambda: len(reports) >= 2), "no rebuild after the edit"
        assert "Après" in _get(url)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
