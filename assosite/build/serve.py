"""``assosite serve``: build, preview on 127.0.0.1 and rebuild when a file changes."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import http.server
import io
import json
import threading
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any

import click
from watchfiles import watch

from assosite.build.site import BuildOptions, build_site
from assosite.cms.admin import ADMIN_FOLDER, admin_files, shipped_files
from assosite.cms.config import local_backend
from assosite.cms.local import API_PATH, MAX_REQUEST, LocalBackend
from assosite.config.site import CONFIG_NAME, SiteConfig, load_config
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


class _EditorHandler(_PreviewHandler):
    """The preview, plus ``/admin/`` with the local backend (``assosite serve --cms``).

    The backend writes into the site's folder: it answers only a JSON POST of the
    admin page itself, so that no other web page open in the browser can reach it
    (the Host and Origin must be this address: no DNS rebinding, no cross-site form).
    """

    site: Path
    address: str

    def _config(self) -> SiteConfig | None:
        config, _ = load_config(self.site)  # read again: a budget changed changes the form
        return config

    def _admin_file(self, name: str) -> bytes | Path | None:
        """Return the file ``name`` of ``/admin/`` (Decap CMS's own without reading the site)."""
        if (shipped := shipped_files().get(name)) is not None:
            return shipped
        config = self._config()
        if config is None:
            return None
        backend = local_backend(self.address + API_PATH, config.cms.branch)
        return admin_files(config, backend, self.address).get(name)

    def send_head(self) -> Any:
        """Serve ``/admin/`` from assosite itself, the rest from the output folder."""
        if self.path.split("?", 1)[0] == f"/{ADMIN_FOLDER}":
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", f"/{ADMIN_FOLDER}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(f"/{ADMIN_FOLDER}/"):
            return super().send_head()
        name = path.removeprefix(f"/{ADMIN_FOLDER}/") or "index.html"
        found = self._admin_file(name)
        if found is None:
            return super().send_head()
        body = found.read_bytes() if isinstance(found, Path) else found
        kind = "text/yaml" if name.endswith(".yml") else self.guess_type(name)
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def _same_origin(self) -> bool:
        port = self.address.rsplit(":", 1)[1]
        hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        origin = self.headers.get("Origin")
        return self.headers.get("Host", "") in hosts and (
            origin is None or origin.removeprefix("http://") in hosts
        )

    def do_POST(self) -> None:
        """Answer the admin page's requests to the local backend."""
        length = int(self.headers.get("Content-Length") or 0)
        kind = self.headers.get("Content-Type", "").split(";")[0].strip()
        if self.path != API_PATH:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if not self._same_origin() or kind != "application/json":
            self._json(HTTPStatus.FORBIDDEN, {"error": "only the admin page of this preview"})
            return
        if length > MAX_REQUEST:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "request too large"})
            return
        config = self._config()
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            body = None
        if config is None:
            self._json(HTTPStatus.CONFLICT, {"error": f"{CONFIG_NAME} has errors"})
            return
        status, answer = LocalBackend(config).answer(body)
        self._json(status, answer)

    def _json(self, status: int, answer: Any) -> None:
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _listen(port: int, output: Path, site: Path | None = None) -> http.server.ThreadingHTTPServer:
    """Open the preview's port on 127.0.0.1 only (never the network); AS420 when taken.

    With ``site``, the admin page and its local backend are served too.
    """
    handler: Any = functools.partial(_PreviewHandler, directory=str(output))
    if site is not None:
        attributes = {"site": site, "address": f"http://127.0.0.1:{port}"}
        handler = functools.partial(
            type("EditorHandler", (_EditorHandler,), attributes), directory=str(output)
        )
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise BuildError(report=BuildReport([make_problem("AS420", "", 0, port=port)])) from exc


# After this long without a change, a preview that kept the last session's output
# builds once in full (see ``warm_up``).
_IDLE_MS = 500


def serve_site(
    site: Path,
    port: int,
    *,
    on_build: Callable[[BuildReport], None],
    on_error: Callable[[AssositeError], None],
    lang: str = "fr",
    stop: threading.Event | None = None,
    cms: bool = False,
) -> None:
    """Build ``site``, serve its output on 127.0.0.1:``port`` and rebuild on change.

    Args:
        site: the site folder.
        port: the local port.
        on_build: receives the report of each successful build.
        on_error: receives a failed build's error (the previous output stays served).
        lang: language of the console messages.
        stop: set it to stop serving (tests); Ctrl-C otherwise.
        cms: serve the admin page at ``/admin/``, saving into ``site``.
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

    def warm_up() -> None:
        """Build once in full when the first build kept the last session's output.

        That build read nothing, so the preview remembers nothing yet: the first edit
        would pay a full build. Done while the watcher waits (edits are not lost),
        once, and silently (its report is the one already shown).
        """
        with contextlib.suppress(AssositeError):  # the next edit builds and reports it
            build_site(site, dataclasses.replace(options, reuse=False))

    output.mkdir(exist_ok=True)
    # Before building: a taken port is said at once.
    server = _listen(port, output, site if cms else None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = [site / "assosite.toml", site / "content"]
    try:
        rebuild()
        click.echo(
            gettext_in(lang, "Aperçu : {address}/ (Ctrl+C pour arrêter)").format(address=address)
        )
        if cms:
            click.echo(
                gettext_in(
                    lang, "Édition : {address}/admin/ (les fichiers sont enregistrés dans {site})"
                ).format(address=address, site=site / "content")
            )
        warmed = bool(options.preview.pages)
        for changes in watch(
            *[p for p in watched if p.exists()],
            stop_event=stop,
            debounce=100,  # an editor's save is a burst of events within a few ms
            step=20,
            rust_timeout=_IDLE_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if changes:
                rebuild()
            elif not warmed:
                warmed = True
                warm_up()
    finally:
        server.shutdown()
        server.server_close()
