"""Write the item pages in a second process while this one writes everything else.

Pelican writes every page in one process, one after the other. Once the site is read
and checked (Pelican asks for its writer), a large build forks: the child renders and
writes the page of every news item, event and testimony; the parent skips those and
writes the lists, tag pages, feeds, calendars, cards and static files meanwhile. Both
work from the same finished context, so the pages are exactly those one process would
write. The parent waits for the child before Pelican returns and takes back what the
child reported (a problem found while writing, a broken template).

Only on Linux, for builds of at least :data:`MIN_ITEMS` items, with more than one
CPU, and when the process runs no other thread (forking a threaded process may
deadlock); never for a preview (which writes little) or a federation member (whose
federation already keeps every CPU busy).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer

from assosite.report import problem_data, problem_from_data
from assosite.state import BuildState, state_of

MIN_ITEMS = 200


class WriterProcessError(RuntimeError):
    """The process writing the item pages failed for a reason that is not a template."""


@dataclass(slots=True)
class ItemWriter:
    """The child process that writes the item pages, seen from the parent.

    Attributes:
        pid: the child's process id (0 once it has been waited for).
        names: the pages it writes (the parent skips them).
        result: where the child leaves its problems or its error (JSON).
    """

    pid: int
    names: set[str] = field(default_factory=set)
    result: Path = Path()

    def join(self, state: BuildState) -> None:
        """Wait for the child; take back its problems; raise what made it fail.

        Raises:
            jinja2.TemplateError: a template failed in the child (reported as AS402).
            WriterProcessError: the child failed for another reason.
        """
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
    contents = list(
        chain(
            articles.translations,
            articles.articles,
            articles.hidden_translations,
            articles.hidden_articles,
        )
    )
    if not can_fork(state, len(contents)):
        return None
    descriptor, name = tempfile.mkstemp(prefix="assosite-writer-", suffix=".json")
    os.close(descriptor)
    result = Path(name)
    known = len(state.report.problems)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child never returns: it writes, reports, and exits
        _write_items(pelican, articles, contents, state, known, result)
    state.item_writer = ItemWriter(pid, {c.save_as for c in contents}, result)
    return SkippingWriter


def _write_items(  # noqa: PLR0917 (one call site, in the child)
    pelican: Any,
    generator: ArticlesGenerator,
    contents: list[Any],
    state: BuildState,
    known: int,
    result: Path,
) -> NoReturn:
    """Write the item pages as Pelican would, record the outcome, and exit (child only)."""
    outcome: dict[str, Any] = {}
    code = 0
    try:
        writer = Writer(pelican.output_path, settings=pelican.settings)
        for content in contents:
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
    """Pelican's writer, leaving the item pages to the child process."""

    def write_file(
        self, name: str, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        """Write ``name`` unless the child process writes it."""
        child = getattr(state_of(self.settings), "item_writer", None)
        if child is not None and name in child.names:
            return
        super().write_file(name, template, context, *args, **kwargs)


def join(pelican: Any) -> None:
    """Wait for the item-page writer at the end of Pelican's run (``finalized``)."""
    state = state_of(pelican.settings)
    child = getattr(state, "item_writer", None)
    if child is not None and child.pid:
        child.join(state)


def stop(state: BuildState) -> None:
    """End the item-page writer if the build stopped before waiting for it."""
    child = getattr(state, "item_writer", None)
    if child is not None:
        child.stop()
