"""Fast rebuilds for ``assosite serve``: write again only the pages a change affects.

The preview server keeps a :class:`PreviewMemory` between its builds. After the
first (full) build, each rebuild still reads and checks every file (from Pelican's
reader cache, so only changed files are parsed), then the :class:`PreviewWriter`
renders a page only when what it shows changed: an item page when its item, its
text or its neighbours changed; a list page when one of the items it lists changed
as a card (title, summary, date, image…), not when only a body text did. Pages of
items that disappeared are removed. Anything that concerns every page (the
configuration, the navigation, the theme, images) makes the rebuild a full one.

``assosite build`` never uses this: it always writes a complete site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.writers import Writer

from assosite.cache import cache_key
from assosite.state import state_of


@dataclass(slots=True)
class PreviewMemory:
    """What the preview server remembers of its last successful build.

    Attributes:
        pages: the signature of every page written or kept, by output path.
        items: the output paths of the item pages among them.
        pending: signatures of the build in progress (kept once it succeeds).
        pending_items: the item pages of the build in progress.
        rendered: pages rendered by the build in progress (the others were kept).
    """

    pages: dict[str, str] = field(default_factory=dict)
    items: set[str] = field(default_factory=set)
    pending: dict[str, str] = field(default_factory=dict)
    pending_items: set[str] = field(default_factory=set)
    rendered: int = 0

    @property
    def is_warm(self) -> bool:
        """True once a build succeeded: the next one may keep unchanged pages."""
        return bool(self.pages)

    def start(self) -> None:
        """Prepare for a new build."""
        self.pending, self.pending_items, self.rendered = {}, set(), 0

    def forget(self) -> None:
        """Make the next build a full one (after a failure)."""
        self.pages, self.items = {}, set()
        self.start()

    def commit(self, output: Path) -> None:
        """Keep the signatures of the build that just succeeded; remove vanished items."""
        for name in sorted(self.items - self.pending_items):
            _remove_item_folder(output, name)
        self.pages, self.items = self.pending, self.pending_items
        self.pending, self.pending_items = {}, set()


def _remove_item_folder(output: Path, name: str) -> None:
    """Remove the folder of an item page that no longer exists (``slug/index.html``)."""
    folder = (output / name).parent.resolve()
    if folder != output.resolve() and folder.is_relative_to(output.resolve()):
        shutil.rmtree(folder, ignore_errors=True)


def global_key(context: dict[str, Any], settings: dict[str, Any]) -> str:
    """Return what every page depends on: configuration, navigation, theme, images."""
    theme = Path(settings["THEME"])
    content = Path(settings["PATH"])
    stats = [
        (str(path), path.stat().st_size, path.stat().st_mtime_ns)
        for path in (*_files(theme), *_files(content, skip_suffix=".md"))
    ]
    nav = [(entry.key, entry.label, entry.url) for entry in context.get("nav", [])]
    return cache_key(context.get("assosite"), nav, settings["SITEURL"], stats)


def _files(folder: Path, skip_suffix: str = "") -> Iterator[Path]:
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not skip_suffix or not name.endswith(skip_suffix):
                yield Path(parent) / name


def card_signature(content: Any) -> str:
    """Return what a list shows of ``content``: its address and its typed item."""
    return cache_key(getattr(content, "url", ""), getattr(content, "item", None))


def page_signature(content: Any) -> str:
    """Return what an item's own page shows: the item, its text, tags and neighbours."""
    neighbours = [
        card_signature(other) if other is not None else ""
        for other in (getattr(content, "previous_item", None), getattr(content, "next_item", None))
    ]
    text = getattr(content, "_content", "") or ""
    return cache_key(card_signature(content), hashlib.sha256(text.encode()).hexdigest(), neighbours)


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
        base: what every page depends on (:func:`global_key`).
        variables: the page's own template variables.
        cards: card signatures already computed in this build, by object id.
    """
    cards = {} if cards is None else cards
    own = [page_signature(variables[key]) for key in ("article", "page") if key in variables]
    listed = hashlib.sha256()
    for key, value in sorted(variables.items()):
        if key in ("article", "page"):
            continue
        for content in _contents(value):
            if id(content) not in cards:
                cards[id(content)] = card_signature(content)
            listed.update(f"{key}:{cards[id(content)]};".encode())
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
        if "article" in kwargs or "page" in kwargs:
            memory.pending_items.add(name)
        if memory.pages.get(name) == signature and (Path(self.output_path) / name).exists():
            return
        memory.rendered += 1
        super().write_file(name, template, context, *args, **kwargs)
