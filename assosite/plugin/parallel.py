"""Use a second CPU: texts are parsed, and item pages written, by two processes.

Pelican writes every page in one process, one after the other. In a large build,
Pelican is given a :class:`QueueingWriter`: when Pelican's own ``generate_articles``
asks it to write the page of a news item, an event or a testimony (it announces each
one with the ``article_generator_write_article`` signal), the writer keeps the call
as a :class:`PageJob` instead of rendering it. Once the articles generator is done
(``article_writer_finalized``), the build forks. The child renders the queued pages
from the first one on; the parent writes the pages, lists, tag pages, feeds,
calendars, cards and static files, then renders queued pages too, from the last one
back, until the two meet. A shared counter (under a lock) hands each page to exactly
one of them, so the work splits itself whatever the site. Both render the calls
Pelican made, with Pelican's writer, from the same finished context: the pages are
exactly those one process would write. The parent then waits for the child and
takes back what it reported (a problem found while writing, a broken template).

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
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer

from assosite.outputs.state import BuildState, state_of
from assosite.plugin.reader import MARKDOWN_EXTENSIONS, AssositeReader, cache_bytes
from assosite.problems.report import problem_data, problem_from_data
from assosite.reading.header import site_relative
from assosite.system.processes import die_with_parent

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


@dataclass(slots=True, frozen=True)
class PageJob:
    """One ``write_file`` call of Pelican's ``generate_articles``, kept to be made later.

    Attributes:
        name: the page's output path.
        template: the template Pelican chose.
        context: the generator's context (complete once every generator has run).
        args: the call's other positional arguments.
        kwargs: the call's keyword arguments (the article, its URL...).
    """

    name: str
    template: Any
    context: dict[str, Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(slots=True)
class ItemPages:
    """The item pages of one build: queued by the writer, then rendered by two processes.

    Attributes:
        jobs: the queued pages, in Pelican's order.
        announced: the output path of the page Pelican announced and has yet to ask for.
        pid: the child's process id (0 before the fork and once it was waited for).
        writer: Pelican's writer of the build, which queued them and renders them.
        queue: who renders which page (set at the fork).
        result: where the child leaves its problems or its error (JSON).
    """

    jobs: list[PageJob]
    announced: str | None = None
    pid: int = 0
    writer: QueueingWriter | None = None
    queue: PageQueue | None = None
    result: Path | None = None

    def render(self, front: bool) -> None:
        """Render the pages the queue hands over (all that are left, before the fork)."""
        if self.writer is None:  # nothing was queued
            return
        if self.queue is None:
            jobs, self.jobs = self.jobs, []
            for job in jobs:
                self.writer.render(job)
            return
        while (index := self.queue.take(front)) is not None:
            self.writer.render(self.jobs[index])

    def join(self, state: BuildState) -> None:
        """Render pages until none is left; wait for the child; take back its report.

        Raises:
            jinja2.TemplateError: a template failed in the child (reported as AS402).
            WriterProcessError: the child failed for another reason.
        """
        self.render(front=False)
        if not self.pid or self.result is None:
            return
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
        if self.result is not None:
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
    if texts is None or state.preview is not None:  # a preview reads what changed only
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
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        die_with_parent(parent)  # a killed build leaves no process behind
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
    """Return the writer of a build that may write its item pages in two processes.

    Args:
        pelican: the Pelican run (its settings carry the build state).
        generators: the run's generators, their context complete.

    Returns:
        :class:`QueueingWriter` when the build is large enough, else None (Pelican's).
    """
    state = state_of(pelican.settings)
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if state is None or articles is None or not can_fork(state, len(articles.articles)):
        return None
    state.item_pages = ItemPages(jobs=[])
    return QueueingWriter


class QueueingWriter(Writer):
    """Pelican's writer, keeping the item pages Pelican announces for two processes."""

    def write_file(
        self, name: str, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        """Queue ``name`` when it is the item page just announced; write it otherwise."""
        pages = getattr(state_of(self.settings), "item_pages", None)
        if pages is not None and pages.queue is None and name and name == pages.announced:
            pages.announced = None
            pages.writer = self
            pages.jobs.append(PageJob(name, template, context, args, kwargs))
            return
        super().write_file(name, template, context, *args, **kwargs)

    def render(self, job: PageJob) -> None:
        """Write one queued page, as Pelican asked for it."""
        super().write_file(job.name, job.template, job.context, *job.args, **job.kwargs)


def announce(generator: Any, content: Any) -> None:
    """Note that Pelican's next write is the page of ``content`` (an item page)."""
    pages = getattr(state_of(generator.settings), "item_pages", None)
    if pages is not None and pages.queue is None:
        pages.announced = content.save_as


def fork(writer: Writer) -> None:
    """Once Pelican's articles generator is done: fork the child that renders item pages.

    When the queued pages turn out too few (or the process cannot fork now), this
    process renders them all at once instead.
    """
    state = state_of(writer.settings)
    pages = getattr(state, "item_pages", None)
    if pages is None or pages.queue is not None or not isinstance(writer, QueueingWriter):
        return
    if not can_fork(state, len(pages.jobs)):
        pages.render(front=False)
        return
    descriptor, name = tempfile.mkstemp(prefix="assosite-writer-", suffix=".json")
    os.close(descriptor)
    pages.result = Path(name)
    pages.queue = PageQueue(len(pages.jobs))
    known = len(state.report.problems)
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child never returns: it writes, reports, and exits
        die_with_parent(parent)  # a killed build leaves no process behind
        _child(pages, state, known)
    pages.pid = pid


def _child(pages: ItemPages, state: BuildState, known: int) -> NoReturn:
    """Render item pages from the front, record the outcome, and exit (child only)."""
    outcome: dict[str, Any] = {}
    code = 0
    try:
        pages.render(front=True)
    except jinja2.TemplateSyntaxError as exc:
        outcome["template"] = {"message": exc.message, "line": exc.lineno, "file": exc.filename}
        code = 1
    except BaseException:  # noqa: BLE001 (sent to the parent, which raises it)
        outcome["error"] = traceback.format_exc(limit=5)
        code = 1
    finally:
        outcome["problems"] = [problem_data(p) for p in state.report.problems[known:]]
        try:
            if pages.result is not None:
                pages.result.write_text(json.dumps(outcome, default=str), encoding="utf-8")
        finally:
            os._exit(code)


def join(pelican: Any) -> None:
    """At the end of Pelican's run (``finalized``): help with item pages, then wait."""
    state = state_of(pelican.settings)
    pages = getattr(state, "item_pages", None)
    if pages is not None:
        pages.join(state)


def stop(state: BuildState) -> None:
    """End the item-page writer if the build stopped before waiting for it."""
    pages = getattr(state, "item_pages", None)
    if pages is not None:
        pages.stop()
