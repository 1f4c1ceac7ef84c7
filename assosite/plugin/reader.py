"""assosite's Pelican reader: front matter and line numbers, then Markdown to HTML.

The front matter is read by :mod:`assosite.reading.header`; this module turns the
shortcodes and Liquid of copied texts into Markdown (:mod:`assosite.reading.shortcodes`),
converts the body with one Markdown instance per build, gives its images responsive markup
(:mod:`assosite.images.markup`) and, for a federation member, adds the isolation
problems and sanitises the HTML (:mod:`assosite.reading.isolation`).
"""

from __future__ import annotations

import copy
import dataclasses
import os
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pelican.readers import BaseReader

from assosite.images.markup import TextImages
from assosite.outputs.state import STATE_KEY
from assosite.problems.report import make_problem
from assosite.reading import isolation, shortcodes
from assosite.reading.header import SourceHeader, read_header, site_relative
from assosite.reading.typography import french_spacing

SOURCE_KEY = "assosite_source"
MARKDOWN_EXTENSIONS = ["md", "markdown", "mkd", "mdown"]


def markdown_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Return Pelican's MARKDOWN settings without the ``meta`` extension.

    Pelican's own Markdown reader adds ``markdown.extensions.meta`` to the shared
    settings; assosite reads headers itself, so the body is converted without it.
    """
    config = copy.deepcopy(settings.get("MARKDOWN", {}))
    configs = config.get("extension_configs", {})
    configs.pop("markdown.extensions.meta", None)
    extensions = [e for e in config.get("extensions", []) if e != "markdown.extensions.meta"]
    extensions += [e for e in configs if e not in extensions]
    config["extensions"] = extensions
    config["extension_configs"] = configs
    return config


def cache_bytes(raw: bytes, state: Any) -> bytes:
    """Return what the cache of texts keys a text by: its bytes, and maybe more.

    A text with shortcodes or Liquid also depends on the names of the other texts
    and on the ``_includes/`` files: only such texts are keyed by them too, so that
    adding a file never makes the other texts be read again.
    """
    if shortcodes.has_commands(raw):
        return raw + getattr(state, "links_digest", "").encode()
    return raw


class FrenchSpacing(Treeprocessor):
    """Apply :func:`~assosite.reading.typography.french_spacing` to a text's words.

    Runs after Markdown's inline processing, on text nodes only (never attributes),
    and skips code (``code``, ``pre``, ``kbd``, ``samp``) and raw HTML blocks.
    """

    NAME = "assosite_french_spacing"
    _SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style"})

    def run(self, root: Any) -> None:
        """Rewrite the spaces of every text node outside code."""
        self._walk(root)

    def _walk(self, element: Any) -> None:
        if element.tag in self._SKIPPED:
            return
        if element.text:
            element.text = french_spacing(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                child.tail = french_spacing(child.tail)


def _file_key(source_path: str, state: Any) -> tuple[Any, ...]:
    """Return what the preview's memory of a text must match (time, size, inputs).

    A file whose modification time and size are those of the last build is not even
    read again: the preview server answers an edit quickly.
    """
    found = os.stat(source_path)
    return (
        found.st_mtime_ns,
        found.st_size,
        getattr(state, "links_digest", ""),
        state.preview.inputs,
    )


class AssositeReader(BaseReader):
    """Read ``.md`` files: front matter (YAML or TOML) or native header, then Markdown.

    One Markdown instance serves every file of the build (``reset()`` between files):
    creating one per file costs about a second per thousand files.
    """

    enabled = True
    # Pelican maps every BaseReader subclass to its extensions as soon as the class
    # exists; an empty list keeps plain Pelican builds untouched until the plugin
    # registers this reader (handlers.add_reader).
    file_extensions: tuple[str, ...] = ()

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._md: Markdown | None = None
        self._root = Path(settings.get("ASSOSITE_ROOT") or Path(settings["PATH"]).parent).resolve()

    def _markdown(self) -> Markdown:
        """Return the build's Markdown instance, created on first use and then shared.

        Pelican creates one reader per generator; the build state (when there is one)
        keeps a single instance for all of them.
        """
        if self._md is None:
            state = self.settings.get(STATE_KEY)
            self._md = getattr(state, "markdown", None) or self._new_markdown()
            if state is not None:
                state.markdown = self._md
        return self._md

    def _new_markdown(self) -> Markdown:
        """Return a Markdown instance whose images get responsive markup.

        A French site's texts also get French no-break spaces (:class:`FrenchSpacing`).
        """
        md = Markdown(**markdown_settings(self.settings))
        md.treeprocessors.register(TextImages(md, self.settings), TextImages.NAME, 5)
        if self.settings.get("DEFAULT_LANG") == "fr":
            md.treeprocessors.register(FrenchSpacing(md), FrenchSpacing.NAME, 4)
        return md

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the HTML body and ``{SOURCE_KEY: SourceHeader}`` (from the cache if known)."""
        path = site_relative(self._root, source_path)
        if (target := isolation.outside_link(Path(source_path), self._root)) is not None:
            problem = make_problem("AS246", path, 0, target=target)
            return "", {SOURCE_KEY: SourceHeader(path, problems=(problem,))}
        state = self.settings.get(STATE_KEY)
        memory = getattr(getattr(state, "preview", None), "texts", None)
        seen = _file_key(source_path, state) if memory is not None else None
        if seen is not None and memory.get(source_path, (None,))[0] == seen:
            known = memory[source_path][1]
            return known[0], {SOURCE_KEY: known[1]}
        raw = Path(source_path).read_bytes()
        texts = getattr(state, "texts", None)
        key = cache_bytes(raw, state)
        known = texts.load(path, key) if texts is not None else None
        if known is None:
            known = self.parse(path, raw, source_path)
            if texts is not None:
                texts.store(path, key, *known)
        if seen is not None:
            memory[source_path] = (seen, known)
        return known[0], {SOURCE_KEY: known[1]}

    def parse(self, path: str, raw: bytes, source_path: str) -> tuple[str, SourceHeader]:
        """Split, check and convert one file: (HTML body, header), never from the cache.

        Args:
            path: the file relative to the site folder.
            raw: the file's bytes.
            source_path: the file's absolute path.
        """
        header, body, _ = read_header(raw, path)
        state = self.settings.get(STATE_KEY)
        federated = getattr(state, "federated", False)
        if federated:
            header = _isolate(header, body, Path(source_path), state)
        elif state is not None and not state.trust_html:
            found = isolation.active_html(body, header.body_line, header.path, "AS243")
            header = dataclasses.replace(header, problems=(*header.problems, *found))
        if any(p.severity == "error" for p in header.problems):
            return "", header
        source = site_relative(Path(self.settings["PATH"]), source_path)
        if state is not None:
            title = str(header.fields.get("title", ""))
            ctx = state.parse_context
            body, found = shortcodes.translate(
                body, path, source, header.body_line, ctx=ctx, title=title
            )
            problems = (*header.problems, *found)
            header = dataclasses.replace(header, body=body, problems=problems)
        markdown = self._markdown()
        markdown.reset()
        images = markdown.treeprocessors["assosite_images"]
        images.start(source)
        html = markdown.convert(body)
        if not getattr(state, "trust_html", False):
            html = isolation.sanitize(html)
        if images.missing:
            problems = (*header.problems, *images.problems(header))
            header = dataclasses.replace(header, problems=problems)
        return html, header


def _isolate(header: SourceHeader, body: str, source: Path, state: Any) -> SourceHeader:
    """Add a federation member's isolation problems (links out, active HTML) to ``header``."""
    content = state.config.content_path
    found = isolation.escaping_links(body, header.body_line, header.path, source, content)
    if not state.trust_html:
        found += isolation.active_html(body, header.body_line, header.path)
    return dataclasses.replace(header, problems=(*header.problems, *found)) if found else header
