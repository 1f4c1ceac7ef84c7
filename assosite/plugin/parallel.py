"""Use a second CPU: texts are parsed, and item pages written, by two processes.

Pelican writes every page in one process, one after the other. Once the site is read
and checked (Pelican asks for its writer), a large build forks. The child renders the
pages of the news items, events and testimonies, from the first one on; the parent
skips them, writes the lists, tag pages, feeds, calendars, cards and static files,
then renders item pages too, from the last one back, until the two meet. A shared
counter (under a lock) hands each page to exactly one of them, so the work splits
itself whatever the site. Both render from the same finished context: the pages are
exactly those one process would write. The parent then waits for the child and takes
back what it reported (a problem found while writing, a broken template).

Before Pelican reads the site, the texts its cache lacks are parsed the same way, one
process from each end (:func:`parse_ahead`).

Only on Linux, for builds of at least :data:`MIN_ITEMS` items, with more than one
CPU, and when the process runs no other thread (forking a threaded process may
deadlock); never for a preview (which writes little) or a federation member (whose
federation already keeps every CPU busy). ``ASSOSITE_JOBS=1`` keeps one process.
"""

from __future__ import annotations

import json
import mmap
import multiprocessing
import os
import signal
import struct
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer

from assosite.outputs.state import BuildState, state_of
from assosite.plugin.reader import MARKDOWN_EXTENSIONS, AssositeReader, cache_bytes
from assosite.problems.report import problem_data, problem_from_data
from assosite.reading.header import site_relative

MIN_ITEMS = 200


class WriterProcessError(RuntimeError):
    """The process writing item pages failed for a reason that is not a template."""


class PageQueue:
    """Item pages to write: the child takes them from the front, the parent from the back.

    The two indexes live in memory both processes share, under a lock.

    Args:
        count: the number of pages.
    """

    def __init__(self, count: int) -> None:
        self._memory = mmap.mmap(-1, struct.calcsize("qq"))
        self._memory[:] = struct.pack("qq", 0, count - 1)
        self._lock = multiprocessing.get_context("fork").Lock()

    def take(self, front: bool) -> int | None:
        """Return the index of the next page to write (from the front or the back)."""
        with self._lock:
            first, last = struct.unpack("qq", self._memory[:])
            if first > last:
                return None
            self._memory[:] = (
                struct.pack("qq", first + 1, last) if front else struct.pack("qq", first, last - 1)
            )
            return first if front else last


@dataclass(slots=True)
class ItemWriter:
    """The child process that writes item pages, seen from the parent.

    Attributes:
        pid: the child's process id (0 once it has been waited for).
        names: every item page (the parent's Pelican writer skips them).
        pages: the pages' Pelican content objects, in writing order.
        queue: who writes which page.
        result: where the child leaves its problems or its error (JSON).
    """

    pid: int
    names: set[str]
    pages: list[Any]
    queue: PageQueue
    result: Path

    def join(self, pelican: Any, generator: ArticlesGenerator, state: BuildState) -> None:
        """Write item pages until none is left; wait for the child; take back its report.

        Raises:
            jinja2.TemplateError: a template failed in the child (reported as AS402).
            WriterProcessError: the child failed for another reason.
        """
        _write_pages(pelican, generator, self.pages, self.queue, front=False)
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            data = json.loads(self.result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {"error": f"exit status {os.waitstatus_to_exitcode(status)}"}
        finally:
            self.result.unlink(missing_ok=True)
        state.report.extend([problem_from_data(p) for p in data.get("problems", [])])
        if "template" in data:
            raise jinja2.TemplateSyntaxError(
                data["template"]["message"],
                data["template"]["line"],
                filename=data["template"]["file"],
            )
        if "error" in data:
            raise WriterProcessError(data["error"])

    def stop(self) -> None:
        """End the child at once (the build failed in the parent)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
            self.result.unlink(missing_ok=True)


def can_fork(state: BuildState, items: int) -> bool:
    """Return True when this build may write its item pages in a second process."""
    return (
        sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and items >= MIN_ITEMS
        and threading.active_count() == 1
        and state.preview is None
        and not state.federated
        and os.environ.get("ASSOSITE_JOBS", "") != "1"
    )


def parse_ahead(settings: dict[str, Any], state: BuildState) -> None:
    """Parse the texts the reader's cache lacks in two processes, before Pelican reads.

    The child parses from the first file on and keeps its texts in the cache; this
    process parses from the last one back and keeps its own in memory; Pelican's
    reading then finds every text ready. A child that fails costs nothing but time:
    the texts it did not keep are parsed as usual.
    """
    texts = state.texts
    if texts is None:
        return
    root = state.root.resolve()
    files = []
    for source in _text_files(settings):
        path, raw = site_relative(root, source), source.read_bytes()
        if not texts.has(path, cache_bytes(raw, state)):
            files.append((path, raw, str(source)))
    if not can_fork(state, len(files)):
        return
    texts.close()  # no database connection may cross the fork
    queue = PageQueue(len(files))
    pid = os.fork()
    reader = AssositeReader(settings)
    front = pid == 0
    try:
        while (index := queue.take(front)) is not None:
            path, raw, source = files[index]
            html, header = reader.parse(path, raw, source)
            if front:
                texts.store(path, cache_bytes(raw, state), html, header)
            else:
                texts.remember(path, cache_bytes(raw, state), html, header)
        if front:
            texts.close()
    finally:
        if front:  # the child: whatever happened, it never returns
            os._exit(0)
        os.waitpid(pid, 0)


def _text_files(settings: dict[str, Any]) -> list[Path]:
    """Return the Markdown files of the content folders Pelican reads, sorted."""
    content = Path(settings["PATH"])
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    found = set()
    for folder in folders:
        for extension in MARKDOWN_EXTENSIONS:
            found.update((content / folder).rglob(f"*.{extension}"))
    return sorted(p for p in found if p.is_file() and not p.name.startswith((".", "#")))


def start(pelican: Any, generators: list[Any]) -> type[Writer] | None:
    """Fork the item-page writer when the build allows it; return the parent's writer.

    Args:
        pelican: the Pelican run (its settings carry the build state).
        generators: the run's generators, their context complete.

    Returns:
        :class:`SkippingWriter` when a child writes the item pages, else None.
    """
    state = state_of(pelican.settings)
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if state is None or articles is None:
        return None
    pages = list(
        chain(
            articles.translations,
            articles.articles,
            articles.hidden_translations,
            articles.hidden_articles,
        )
    )
    if not can_fork(state, len(pages)):
        return None
    descriptor, name = tempfile.mkstemp(prefix="assosite-writer-", suffix=".json")
    os.close(descriptor)
    result = Path(name)
    queue = PageQueue(len(pages))
    known = len(state.report.problems)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child never returns: it writes, reports, and exits
        _child(pelican, articles, pages, queue, state, known, result)
    state.item_writer = ItemWriter(pid, {p.save_as for p in pages}, pages, queue, result)
    state.item_generator = articles
    return SkippingWriter


def _write_pages(
    pelican: Any, generator: ArticlesGenerator, pages: list[Any], queue: PageQueue, front: bool
) -> None:
    """Write the pages the queue hands over, as Pelican's ``generate_articles`` would."""
    writer = Writer(pelican.output_path, settings=pelican.settings)
    while (index := queue.take(front)) is not None:
        content = pages[index]
        signals.article_generator_write_article.send(generator, content=content)
        writer.write_file(
            content.save_as,
            generator.get_template(content.template),
            generator.context,
            article=content,
            category=getattr(content, "category", None),
            override_output=hasattr(content, "override_save_as"),
            url=content.url,
            blog=True,
        )


def _child(  # noqa: PLR0917 (one call site, in the child)
    pelican: Any,
    generator: ArticlesGenerator,
    pages: list[Any],
    queue: PageQueue,
    state: BuildState,
    known: int,
    result: Path,
) -> NoReturn:
    """Write item pages from the front, record the outcome, and exit (child only)."""
    outcome: dict[str, Any] = {}
    code = 0
    try:
        _write_pages(pelican, generator, pages, queue, front=True)
    except jinja2.TemplateSyntaxError as exc:
        outcome["template"] = {"message": exc.message, "line": exc.lineno, "file": exc.filename}
        code = 1
    except BaseException:  # noqa: BLE001 (sent to the parent, which raises it)
        outcome["error"] = traceback.format_exc(limit=5)
        code = 1
    finally:
        outcome["problems"] = [problem_data(p) for p in state.report.problems[known:]]
        try:
            result.write_text(json.dumps(outcome, default=str), encoding="utf-8")
        finally:
            os._exit(code)


class SkippingWriter(Writer):
    """Pelican's writer, leaving the item pages to the page queue."""

    def write_file(
        self, name: str, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        """Write ``name`` unless it is an item page (the queue hands those out)."""
        child = getattr(state_of(self.settings), "item_writer", None)
        if child is not None and name in child.names:
            return
        super().write_file(name, template, context, *args, **kwargs)


def join(pelican: Any) -> None:
    """At the end of Pelican's run (``finalized``): help with item pages, then wait."""
    state = state_of(pelican.settings)
    child = getattr(state, "item_writer", None)
    if child is not None and child.pid:
        child.join(pelican, state.item_generator, state)


def stop(state: BuildState) -> None:
    """End the item-page writer if the build stopped before waiting for it."""
    child = getattr(state, "item_writer", None)
    if child is not None:
        child.stop()
