"""``assosite serve``: build, preview on 127.0.0.1 and rebuild when a file changes."""

from __future__ import annotations

import errno
import functools
import http.server
import threading
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any

import click
from watchfiles import watch

from assosite.build.site import BuildOptions, build_site
from assosite.config.site import CONFIG_NAME
from assosite.plugin.preview import PreviewMemory
from assosite.problems.catalogue import gettext_in
from assosite.problems.errors import AssositeError, BuildError, ConfigError
from assosite.problems.report import BuildReport, make_problem


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the output folder only, with the site's own page for a missing address."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for build reports."""

    def send_head(self) -> Any:
        """Serve from the output folder only: a path that leads out of it is a 404.

        The standard handler already drops ``..`` (plain or encoded); a link in the
        output that leads outside the folder is refused here.
        """
        root = Path(self.directory).resolve()
        if not Path(self.translate_path(self.path)).resolve().is_relative_to(root):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's 404 page, as a host would."""
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _listen(port: int, output: Path) -> http.server.ThreadingHTTPServer:
    """Open the preview's port on 127.0.0.1 only (never the network); AS420 when taken."""
    handler = functools.partial(_PreviewHandler, directory=str(output))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise BuildError(report=BuildReport([make_problem("AS420", "", 0, port=port)])) from exc


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
    if not (site / CONFIG_NAME).is_file():  # never serve a folder that is not a site
        problem = make_problem("AS109", CONFIG_NAME, 0, site=str(site))
        raise ConfigError(report=BuildReport([problem]))
    output = site / "output"
    address = f"http://127.0.0.1:{port}"
    # After the first build, each rebuild writes only the pages the change affects.
    options = BuildOptions(output=output, site_url=address, preview=PreviewMemory(), preview_url="")

    def rebuild() -> None:
        try:
            on_build(build_site(site, options))
        except AssositeError as exc:
            on_error(exc)

    output.mkdir(exist_ok=True)
    server = _listen(port, output)  # before building: a taken port is said at once
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = [site / "assosite.toml", site / "content"]
    try:
        rebuild()
        click.echo(
            gettext_in(lang, "Aperçu : {address}/ (Ctrl+C pour arrêter)").format(address=address)
        )
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
