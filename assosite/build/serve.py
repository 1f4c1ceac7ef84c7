"""``assosite serve``: build, preview on 127.0.0.1 and rebuild when a file changes."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable
from pathlib import Path

import click
from watchfiles import watch

from assosite.build.site import BuildOptions, build_site
from assosite.plugin.preview import PreviewMemory
from assosite.problems.catalogue import gettext_in
from assosite.problems.errors import AssositeError
from assosite.problems.report import BuildReport


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for build reports."""


def serve_site(
    site: Path,
    port: int,
    *,
    on_build: Callable[[BuildReport], None],
    on_error: Callable[[AssositeError], None],
    lang: str = "fr",
    stop: threading.Event | None = None,
) -> None:
    """Build ``site``, serve its output on 127.0.0.1:``port`` and rebuild on change.

    Args:
        site: the site folder.
        port: the local port.
        on_build: receives the report of each successful build.
        on_error: receives a failed build's error (the previous output stays served).
        lang: language of the console messages.
        stop: set it to stop serving (tests); Ctrl-C otherwise.
    """
    site = site.resolve()
    output = site / "output"
    address = f"http://127.0.0.1:{port}"
    # After the first build, each rebuild writes only the pages the change affects.
    options = BuildOptions(output=output, site_url=address, preview=PreviewMemory())

    def rebuild() -> None:
        try:
            on_build(build_site(site, options))
        except AssositeError as exc:
            on_error(exc)

    rebuild()
    output.mkdir(exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(
        gettext_in(lang, "Aperçu : {address}/ (Ctrl+C pour arrêter)").format(address=address)
    )
    watched = [site / "assosite.toml", site / "content"]
    try:
        for _ in watch(
            *[p for p in watched if p.exists()],
            stop_event=stop,
            debounce=100,  # an editor's save is a burst of events within a few ms
            step=20,
            raise_interrupt=False,
        ):
            rebuild()
    finally:
        server.shutdown()
        server.server_close()
