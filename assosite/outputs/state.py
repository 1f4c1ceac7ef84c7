"""The state of one build, shared by the plugin's handlers through Pelican's settings.

Pelican keeps its own state for the whole process; assosite keeps none. Each build
creates one :class:`BuildState` and passes it under the private setting
``ASSOSITE_STATE``; the handlers find it there (or create one for a plain
``pelican`` run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from assosite.config.site import SiteConfig
from assosite.problems.report import BuildReport
from assosite.reading.fields import ParseContext
from assosite.reading.foreign import SiteNotes
from assosite.reading.references import content_texts

T = TypeVar("T")
STATE_KEY = "ASSOSITE_STATE"  # the private setting that carries the build's state


@dataclass(slots=True)
class BuildState:
    """Everything one build shares between its steps.

    Attributes:
        config: the validated site configuration.
        report: where every problem goes.
        now: the reference instant (upcoming vs past events, expiry, consent).
        progress: called with (phase, files read so far) while building; may be None.
        files_read: how many content files the reader has handed over.
        headers: the reader's result of each file, by path (lines of keys).
        crashes: bugs caught inside Pelican's signal handlers, raised after the run.
        markdown: the one Markdown instance of the build, shared by every reader.
        translations: the theme's catalogue for the site language (gettext API).
        valid_until: the instant until which the same inputs build the same site.
        preview: the preview server's memory of its last build (``assosite serve``).
        texts: the reader's cache of parsed texts (None: every file is parsed).
        generators: Pelican's generators of this build, once the content is read.
        item_pages: the item pages queued for two processes (see assosite.plugin.parallel).
        preview_base: what every page of this build depends on (see assosite.plugin.preview).
        federated: built as a federation member (see ``BuildOptions.federated``).
        trust_html: raw HTML in Markdown is kept as written (else sanitised).
        extra_nav: navigation entries a generator adds after the home link (portal).
        notes: what the site's copied files share, reported once (ignored keys…).
        texts_index: every text of ``content/`` (links of copied sites), read once.
        links_digest: what texts with shortcodes depend on besides themselves.
        plain_pelican: a ``pelican`` run with the plugin in its own settings: problems
            go to Pelican's logger, bugs are raised at the end of the run.
        logged: how many of the report's problems were handed to Pelican's logger.
        fallback_theme: assosite's theme, whose templates fill in those a plain
            Pelican site's own theme lacks (None: the site uses assosite's theme).
        own_addresses: a plain Pelican site's own ``ARTICLE_URL``/``PAGE_URL`` (and
            ``_SAVE_AS``) place the items, not assosite's folders.
        memos: what a preview server keeps between its builds for :meth:`kept` (None:
            nothing is kept beyond this build).
    """

    config: SiteConfig
    report: BuildReport = field(default_factory=BuildReport)
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    progress: Callable[[str, int], None] | None = None
    files_read: int = 0
    headers: dict[str, Any] = field(default_factory=dict)
    crashes: list[BaseException] = field(default_factory=list)
    markdown: Any = None
    translations: Any = None
    valid_until: dt.datetime | None = None
    preview: Any = None
    texts: Any = None
    generators: list[Any] = field(default_factory=list)
    item_pages: Any = None
    preview_base: str = ""
    federated: bool = False
    trust_html: bool = False
    extra_nav: list[Any] = field(default_factory=list)
    notes: SiteNotes = field(default_factory=SiteNotes)
    texts_index: tuple[str, ...] | None = None
    links_digest: str = ""
    plain_pelican: bool = False
    logged: int = 0
    fallback_theme: Path | None = None
    own_addresses: bool = False
    memos: Memos | None = None

    def kept(self, kind: str, source: Any, compute: Callable[[], T]) -> T:
        """Return ``compute()``, kept between a preview's builds while ``source`` lives.

        A preview keeps the typed items of unchanged files from one build to the
        next (the same objects): what is computed from an item alone (its card, its
        calendar entry) is computed once. ``source`` must be all that the result
        depends on, besides the configuration (a preview with another configuration
        starts over).
        """
        if self.memos is None:
            return compute()
        return self.memos.get(kind, source, compute)

    @property
    def parse_context(self) -> ParseContext:
        """What :func:`assosite.reading.items.parse_item` needs."""
        if self.texts_index is None:
            self.texts_index = content_texts(self.config.content_path)
        return ParseContext(
            content_path=self.config.content_path,
            timezone=self.config.site.timezone,
            now=self.now,
            language=self.config.site.language,
            site_name=self.config.site.name,
            summary_budget=self.config.editorial.summary_max_length,
            texts=self.texts_index,
            includes=(self.config.content_path / "_includes", self.config.root / "_includes"),
        )

    @property
    def root(self) -> Path:
        """The site folder."""
        return self.config.root


class Memos:
    """Results by the object they were computed from, kept from one build to the next.

    Entries not used by a build are dropped at the start of the one after it
    (:meth:`next_build`), so an edited file's old results do not pile up.
    """

    def __init__(self) -> None:
        self._last: dict[tuple[str, int], tuple[Any, Any]] = {}
        self._now: dict[tuple[str, int], tuple[Any, Any]] = {}

    def get(self, kind: str, source: Any, compute: Callable[[], T]) -> T:
        """Return the result of ``compute`` for ``source`` (by identity), computed once."""
        key = (kind, id(source))
        entry = self._now.get(key) or self._last.get(key)
        if entry is None or entry[0] is not source:
            entry = (source, compute())
        self._now[key] = entry
        return entry[1]

    def next_build(self) -> None:
        """Start a build: what the last one did not use is forgotten."""
        self._last, self._now = self._now, {}

    def clear(self) -> None:
        """Forget everything (another configuration, a failed build)."""
        self._last, self._now = {}, {}


def state_of(settings: dict[str, Any]) -> BuildState | None:
    """Return the build state stored in ``settings``, if any."""
    return settings.get(STATE_KEY)
