"""Fast rebuilds for ``assosite serve``: write again only the pages a change affects.

The preview server keeps a :class:`PreviewMemory` between its builds. After the
first (full) build, each rebuild still reads and checks every file (from Pelican's
reader cache, so only changed files are parsed), then the :class:`PreviewWriter`
renders a page only when what it shows changed: an item page when its item, its
text or its neighbours changed; a list page when one of the items it lists changed
as a card (title, summary, date, image…), not when only a body text did. Anything
that concerns every page (the configuration, the theme, images) or removes a page
(an item deleted or unpublished) makes the rebuild a full one, staged and swapped
like any build, so the preview always ends up with exactly the site a build makes.

``assosite build`` never uses this: it always writes a complete site.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.contents import Content
from pelican.writers import Writer

from assosite.cache.results import cache_key
from assosite.outputs.state import Memos, state_of
from assosite.plugin.reader import SOURCE_KEY


@dataclass(slots=True)
class PreviewMemory:
    """What the preview server remembers of its last successful build.

    Attributes:
        pages: the signature of every page written or kept, by output path.
        inputs: the key of what every page depends on (:func:`inputs_key`).
        pending: signatures of the build in progress (kept once it succeeds).
        rendered: pages rendered by the build in progress (the others were kept).
        findings: the editorial findings cache, kept loaded between rebuilds.
        texts: by file, its (time, size, inputs) and the (HTML, header) read from it.
        contents: by file, the content object Pelican made of it (:func:`keep_contents`).
        read: the problems of each file read by the build in progress, by header path.
        waiting: the key of each file the build in progress reads again, by path.
        digests: the sha256 of the site's files with their time and size, for the
            fingerprint (see :func:`assosite.cache.digests.tree_digest`).
        memos: results computed from kept items (see ``BuildState.kept``).
    """

    pages: dict[str, str] = field(default_factory=dict)
    inputs: str = ""
    pending: dict[str, str] = field(default_factory=dict)
    rendered: int = 0
    findings: Any = None
    texts: dict[str, tuple[tuple[Any, ...], tuple[str, Any]]] = field(default_factory=dict)
    contents: dict[str, KeptContent] = field(default_factory=dict)
    read: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    waiting: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    digests: dict[str, Any] = field(default_factory=dict)
    memos: Memos = field(default_factory=Memos)

    def can_update(self, inputs: str) -> bool:
        """True when the next build may update the last one in place.

        It may once a build succeeded and nothing that every page depends on changed
        (configuration, theme, images and documents).
        """
        return bool(self.pages) and inputs == self.inputs

    def start(self, inputs: str) -> None:
        """Prepare for a new build whose inputs key is ``inputs``."""
        if inputs != self.inputs:
            self.memos.clear()  # computed with another configuration
        self.memos.next_build()
        self.inputs, self.pending, self.rendered = inputs, {}, 0
        self.read, self.waiting = {}, {}

    def forget(self) -> None:
        """Make the next build a full one (after a failure)."""
        self.pages, self.inputs, self.pending = {}, "", {}
        self.texts.clear()
        self.contents.clear()
        self.memos.clear()

    def has_vanished_pages(self) -> bool:
        """True when a page of the last build is no longer part of the site.

        An item removed or unpublished leaves files behind (its page, its card, a tag
        page, the last page of a list): only a full build removes them all.
        """
        return bool(self.pages.keys() - self.pending.keys())

    def commit(self) -> None:
        """Keep the signatures of the build that just succeeded."""
        self.pages, self.pending = self.pending, {}


@dataclass(frozen=True, slots=True)
class KeptContent:
    """A content object kept from one preview build to the next.

    Attributes:
        key: what it was made from (:func:`_content_key`); it is used again only
            while the key is the same.
        content: the object as Pelican made it, before the build changed it (each
            build gets its own copy).
        header: the reader's header of its file.
        problems: the problems its file had.
    """

    key: tuple[Any, ...]
    content: Any
    header: Any
    problems: tuple[Any, ...]


def keep_contents(generator: Any, note_read: Callable[[Any, Any, Any], None]) -> None:
    """Let a preview's articles or pages generator reuse its last build's content objects.

    Pelican asks a generator's ``get_cached_data`` for a content object before
    reading a file and gives it each new one through ``cache_data`` (its own cache,
    off in assosite builds). Here they keep the objects in the preview's memory: a
    file whose modification time and size did not change, in a build with the same
    inputs (configuration, theme, other files, texts' names, date), is neither read
    again nor parsed, nor made into a new object; its problems are reported again
    (``note_read``). Each build gets a shallow copy, so what a build sets on its
    objects (neighbours, translations) never reaches the next one.
    """
    state = state_of(generator.settings)
    memory = getattr(state, "preview", None)
    if memory is None or not hasattr(generator, "cache_data"):
        return
    build = (
        state.links_digest,
        memory.inputs,
        state.now.date(),  # a consent expires on a date (reading.items)
        hash(state.parse_context.texts),
    )

    def get_cached_data(name: str, default: Any = None) -> Any:
        path = os.path.join(generator.path, name)
        key = _content_key(path, build)
        kept = memory.contents.get(path)
        if kept is None or kept.key != key:
            memory.waiting[path] = key  # the file is read: its key from before
            return default
        note_read(state, kept.header, kept.problems)
        content = copy.copy(kept.content)
        content._context = generator.context  # links resolve in this build's context
        content.settings = generator.settings
        content.metadata = dict(kept.content.metadata)
        content.translations = []
        return content

    def cache_data(name: str, content: Any) -> None:
        path = os.path.join(generator.path, name)
        header = getattr(content, "metadata", {}).get(SOURCE_KEY)
        key = memory.waiting.pop(path, None)
        if header is None or key is None or header.path not in memory.read:
            return
        pristine = copy.copy(content)
        pristine.metadata = dict(content.metadata)
        memory.contents[path] = KeptContent(key, pristine, header, memory.read[header.path])

    generator.get_cached_data = get_cached_data
    generator.cache_data = cache_data


def _content_key(path: str, build: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        found = os.stat(path)
    except OSError:
        return ("gone",)
    return (found.st_mtime_ns, found.st_size, *build)


def forget_memos() -> None:
    """Empty Pelican's memos of content objects (their HTML and summary, by object).

    Pelican keeps them for the whole process: in a preview server, every build's
    objects would stay alive through them.
    """
    for name in ("get_content", "get_summary"):
        getattr(Content, name).cache.clear()


def inputs_key(config: Any, theme: Path) -> str:
    """Return what every page depends on before reading: configuration, theme, files.

    Files are the theme's and the content's other than Markdown (images, documents),
    by size and modification time: a preview runs on one machine.
    """
    stats = [
        (str(path), path.stat().st_size, path.stat().st_mtime_ns)
        for path in (*_files(theme), *_files(config.content_path, skip_suffix=".md"))
    ]
    return cache_key(config, stats)


def page_base(context: dict[str, Any], settings: dict[str, Any]) -> str:
    """Return what every page of this build shows: the navigation and the site's address.

    The next dates of repeating events count too: they change with time alone, and
    the lists and pages that show them must be written again then.
    """
    nav = [(entry.key, entry.label, entry.url) for entry in context.get("nav", [])]
    listings, now = context.get("assosite_listings"), context.get("assosite_now")
    events = [*listings.upcoming, *listings.past] if listings is not None else []
    coming = [(c.url, c.item.upcoming(now, 7)) for c in events if c.item.repeat is not None]
    return cache_key(nav, settings["SITEURL"], coming)


def _files(folder: Path, skip_suffix: str = "") -> Iterator[Path]:
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not skip_suffix or not name.endswith(skip_suffix):
                yield Path(parent) / name


def card_signature(content: Any) -> str:
    """Return what a list shows of ``content``: its address and its typed item."""
    return cache_key(getattr(content, "url", ""), getattr(content, "item", None))


def page_signature(content: Any, cards: dict[int, str] | None = None) -> str:
    """Return what an item's own page shows: the item, its text, tags and neighbours.

    Args:
        content: the Pelican content object of the page.
        cards: card signatures already computed in this build, by object id.
    """
    cards = {} if cards is None else cards
    neighbours = [
        _card(other, cards) if other is not None else ""
        for other in (getattr(content, "previous_item", None), getattr(content, "next_item", None))
    ]
    text = content.content or ""
    own = _card(content, cards)
    return cache_key(own, hashlib.sha256(text.encode()).hexdigest(), neighbours)


def _card(content: Any, cards: dict[int, str]) -> str:
    """Return the card signature of ``content``, computed once per build."""
    if id(content) not in cards:
        cards[id(content)] = card_signature(content)
    return cards[id(content)]


def _contents(value: Any) -> Iterator[Any]:
    """Yield the content objects found in a template variable (lists, pairs, pages)."""
    if hasattr(value, "item"):
        yield value
    elif isinstance(value, list | tuple):
        for element in value:
            yield from _contents(element)
    elif hasattr(value, "object_list"):  # a Pelican pagination page
        yield from _contents(list(value.object_list))


def write_signature(
    name: str,
    template_name: str | None,
    base: str,
    variables: dict[str, Any],
    cards: dict[int, str] | None = None,
) -> str:
    """Return the signature of one ``write_file`` call from what its page shows.

    Args:
        name: the output path.
        template_name: the template's name, when Pelican gives it.
        base: what every page of the build shows (:func:`page_base`).
        variables: the page's own template variables.
        cards: card signatures already computed in this build, by object id.
    """
    cards = {} if cards is None else cards
    own = [page_signature(variables[key], cards) for key in ("article", "page") if key in variables]
    listed = hashlib.sha256()
    for key, value in sorted(variables.items()):
        if key in ("article", "page"):
            continue
        for content in _contents(value):
            listed.update(f"{key}:{_card(content, cards)};".encode())
    return cache_key(name, template_name, base, own, listed.hexdigest())


class PreviewWriter(Writer):
    """Pelican's writer, keeping the pages whose signature did not change."""

    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings=settings)
        self._cards: dict[int, str] = {}  # content objects live as long as this build

    def write_file(
        self, name: str, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        """Write ``name`` unless the last preview build wrote it with the same content."""
        state = state_of(self.settings)
        memory = getattr(state, "preview", None)
        if memory is None or not name:
            super().write_file(name, template, context, *args, **kwargs)
            return
        template_name = kwargs.get("template_name")
        variables = dict(kwargs)
        if template_name == "index" and context.get("home") is not None:
            home = context["home"]
            variables["home"] = [*home.events, *home.news, *home.testimonies]
        signature = write_signature(name, template_name, state.preview_base, variables, self._cards)
        memory.pending[name] = signature
        if memory.pages.get(name) == signature and (Path(self.output_path) / name).exists():
            return
        memory.rendered += 1
        super().write_file(name, template, context, *args, **kwargs)
