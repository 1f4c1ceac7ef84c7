"""The local backend of ``assosite serve --cms``: Decap CMS's proxy protocol, in the site's folder.

Decap CMS's proxy backend POSTs ``{"action": …, "params": …}`` to one address and
expects what its own proxy server (``decap-server``, local file-system mode) answers:
the entries of a folder, one entry, saving an entry with its images, the media
library, deleting. assosite answers the same protocol itself, so a volunteer needs
nothing but assosite (no Node.js), and it adds what the volunteer needs:

- it reads and writes only inside ``content/`` (a path that leads elsewhere, through
  ``..`` or a link, is refused);
- before saving an entry it reads it as the build will, and refuses it with the
  French messages of ``assosite check`` when it would not be published: the form stays
  open with what was typed, nothing is lost;
- it answers only requests of the admin page's own origin (see ``assosite.build.serve``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from assosite.config.site import SiteConfig
from assosite.problems.catalogue import N_, gettext_in
from assosite.problems.report import Severity, format_problem
from assosite.reading.fields import ParseContext
from assosite.reading.header import read_header
from assosite.reading.items import folder_kind, parse_item

API_PATH = "/api/v1"
# What the media library shows of content/images/ (not its LICENCE.md, say).
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg", ".pdf")
# The most a request may carry: a few photos of a phone, base64-encoded.
MAX_REQUEST = 64 * 1024 * 1024


class Refused(Exception):
    """A request the backend does not carry out; its message is for the volunteer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class LocalBackend:
    """Answers Decap CMS's proxy protocol for one site.

    Attributes:
        config: the site's configuration (its folder, time zone and language).
    """

    config: SiteConfig

    @property
    def root(self) -> Path:
        """The site folder."""
        return self.config.root.resolve()

    def answer(self, body: Any) -> tuple[int, Any]:
        """Return the HTTP status and JSON answer for one request of the admin page."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            return 422, {"error": "a JSON object with an action is expected"}
        params = body.get("params") or {}
        handler = getattr(self, "do_" + body["action"], None)
        if handler is None or not isinstance(params, dict):
            return 422, {"error": f"Unknown action {body['action']}"}
        try:
            return 200, handler(params)
        except Refused as exc:
            return exc.status, {"error": str(exc)}
        except (KeyError, TypeError, ValueError, UnicodeError) as exc:
            return 422, {"error": f"{type(exc).__name__}: {exc}"}

    # -- paths ---------------------------------------------------------------------

    def _path(self, relative: Any) -> Path:
        """Return the file ``relative`` names, refusing what is not inside ``content/``."""
        if not isinstance(relative, str) or not relative or "\0" in relative:
            raise Refused(400, "a path inside content/ is expected")
        parts = PurePosixPath(relative.replace("\\", "/"))
        if parts.is_absolute() or ".." in parts.parts or parts.parts[0] != "content":
            raise Refused(403, f"{relative}: only files inside content/ are edited")
        path = self.root.joinpath(*parts.parts)
        # resolve() follows the links of what exists: the real place must be in content/.
        if not path.resolve().is_relative_to((self.root / "content").resolve()):
            raise Refused(403, f"{relative}: only files inside content/ are edited")
        return path

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _entry(self, relative: str) -> dict[str, Any]:
        path = self._path(relative)
        try:
            data = path.read_bytes()
        except OSError:
            return {"data": None, "file": {"path": relative, "id": None}}
        return {
            "data": data.decode("utf-8"),
            "file": {"path": relative, "id": hashlib.sha256(data).hexdigest()},
        }

    def _media(self, path: Path) -> dict[str, Any]:
        data = path.read_bytes()
        return {
            "id": hashlib.sha256(data).hexdigest(),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": self._relative(path),
            "name": path.name,
        }

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        """Write ``data`` whole or not at all (a temporary file renamed over the old one)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.assosite-tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)

    # -- the protocol ----------------------------------------------------------------

    def do_info(self, params: dict[str, Any]) -> dict[str, Any]:
        """Say what this backend is (Decap CMS asks it first)."""
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def do_entriesByFolder(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Return the entries of a folder: its files ending in ``extension``, ``depth`` deep."""
        folder = self._path(params["folder"])
        extension, depth = str(params.get("extension", "")), int(params.get("depth", 1))
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.rglob("*")):
            inside = path.relative_to(folder).parts
            hidden = any(part.startswith(".") for part in inside)
            wanted = path.is_file() and path.name.endswith(extension) and not hidden
            if wanted and len(inside) <= depth:
                found.append(self._entry(self._relative(path)))
        return found

    def do_entriesByFiles(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Return the entries of the files listed."""
        return [self._entry(file["path"]) for file in params["files"]]

    def do_getEntry(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return one entry."""
        return self._entry(params["path"])

    def do_persistEntry(self, params: dict[str, Any]) -> dict[str, str]:
        """Save an entry and its new images, once the entry reads without error."""
        files = params.get("dataFiles") or [params["entry"]]
        for asset in params.get("assets") or []:
            self._write(self._path(asset["path"]), base64.b64decode(asset["content"]))
        # Where each file goes (a renamed entry: its new name) and its bytes, checked there.
        saved = [
            (file.get("newPath") or file["path"], file["raw"].encode("utf-8")) for file in files
        ]
        for relative, raw in saved:
            self._check(relative, raw)
        for file, (relative, raw) in zip(files, saved, strict=True):
            self._write(self._path(relative), raw)
            if relative != file["path"]:
                self._path(file["path"]).unlink(missing_ok=True)
        return {"message": "entry persisted"}

    def do_getMedia(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Return the media library: the images and documents of the media folder."""
        folder = self._path(params["mediaFolder"])
        if not folder.is_dir():
            return []
        return [
            self._media(path)
            for path in sorted(folder.iterdir())
            if path.is_file() and path.suffix.lower() in MEDIA_SUFFIXES
        ]

    def do_getMediaFile(self, params: dict[str, Any]) -> dict[str, Any]:
        """Return one media file."""
        path = self._path(params["path"])
        if not path.is_file():
            raise Refused(404, f"{params['path']}: no such file")
        return self._media(path)

    def do_persistMedia(self, params: dict[str, Any]) -> dict[str, Any]:
        """Save one image of the media library."""
        asset = params["asset"]
        path = self._path(asset["path"])
        self._write(path, base64.b64decode(asset["content"]))
        return self._media(path)

    def do_deleteFile(self, params: dict[str, Any]) -> dict[str, str]:
        """Delete one file."""
        self._path(params["path"]).unlink(missing_ok=True)
        return {"message": f"deleted file {params['path']}"}

    def do_deleteFiles(self, params: dict[str, Any]) -> dict[str, str]:
        """Delete several files."""
        for path in params["paths"]:
            self._path(path).unlink(missing_ok=True)
        return {"message": "deleted files " + ", ".join(params["paths"])}

    def do_getDeployPreview(self, params: dict[str, Any]) -> None:
        """No deploy preview on one's own computer."""
        return

    # -- what the build would say --------------------------------------------------

    def _check(self, relative: str, raw: bytes) -> None:
        """Refuse an entry the build would not publish, with ``assosite check``'s messages."""
        kind = folder_kind(relative.removeprefix("content/"))
        if kind is None:
            return
        header, _, _ = read_header(raw, relative)
        context = ParseContext(
            content_path=self.root / "content",
            timezone=self.config.site.timezone,
            now=dt.datetime.now(dt.UTC),
            language=self.config.site.language,
            site_name=self.config.site.name,
        )
        _, problems = parse_item(header, kind, context)
        errors = [p for p in problems if p.severity == Severity.ERROR]
        if errors:
            lang = self.config.site.language
            intro = gettext_in(lang, N_("Pas enregistré : le site ne pourrait pas le publier."))
            details = "\n".join(format_problem(p, lang) for p in errors)
            raise Refused(422, f"{intro}\n{details}")
