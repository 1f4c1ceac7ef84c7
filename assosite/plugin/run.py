"""Run Pelican: a whole build, or only its reading and checking (``assosite check``).

This and the other modules of :mod:`assosite.plugin` are the only ones that import
Pelican. Pelican's warnings and errors go to the build's report, never to the terminal.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.log import LimitFilter

from assosite.problems.errors import BuildError
from assosite.problems.report import BuildReport, Problem, Severity, make_problem

logger = logging.getLogger(__name__)


def read_with_pelican(settings: dict[str, Any], report: BuildReport) -> None:
    """Read and check every file as a build would (Pelican's readers and signals), write nothing.

    The static files are listed too, so that links to them (``{static}``) resolve as
    in a build.
    """
    with _pelican_logs(report), contextlib.redirect_stdout(io.StringIO()):
        pelican = Pelican(settings)
        context = settings.copy()
        context.update(
            generated_content={},
            static_links=set(),
            static_content={},
            localsiteurl=settings["SITEURL"],
        )
        generators = [
            cls(
                context=context,
                settings=settings,
                path=pelican.path,
                theme=pelican.theme,
                output_path=pelican.output_path,
            )
            for cls in (ArticlesGenerator, PagesGenerator, StaticGenerator)
        ]
        for generator in generators:
            generator.generate_context()
        signals.all_generators_finalized.send(generators)


def run_pelican(settings: dict[str, Any], report: BuildReport) -> None:
    """Run Pelican with ``settings``: its warnings and a broken template become problems.

    Raises:
        BuildError: a template is broken (AS402).
    """
    try:
        with _pelican_logs(report), contextlib.redirect_stdout(io.StringIO()):
            Pelican(settings).run()
    except jinja2.TemplateSyntaxError as exc:
        report.add(
            make_problem(
                "AS402",
                _template_path(exc.filename),
                exc.lineno or 0,
                detail=exc.message or str(exc),
            )
        )
        raise BuildError(report=report) from exc
    except jinja2.TemplateError as exc:
        report.add(make_problem("AS402", "theme", 0, detail=str(exc)))
        raise BuildError(report=report) from exc


def _template_path(filename: str | None) -> str:
    if not filename:
        return "theme"
    parts = Path(filename).parts
    return "/".join(parts[parts.index("templates") - 1 :]) if "templates" in parts else filename


class _ReportHandler(logging.Handler):
    """Turns Pelican's warnings and errors into problems, so nothing is lost or raw."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        detail = record.getMessage().strip()
        severity = Severity.ERROR if record.levelno >= logging.ERROR else Severity.WARNING
        code = "AS405" if severity == Severity.ERROR else "AS403"
        self.report.add(Problem(code, severity, "content", 0, {"detail": detail}))


@contextlib.contextmanager
def _pelican_logs(report: BuildReport) -> Iterator[None]:
    """Send Pelican's warnings to ``report``, as a fresh ``pelican`` process would log them.

    Pelican logs each message once per process (its ``LimitFilter`` remembers them):
    without forgetting them here, a second build in the same process (a preview
    rebuild, a test) would miss every warning the first one had.
    """
    LimitFilter._raised_messages.clear()  # Pelican has no public way to reset them
    LimitFilter._group_count.clear()
    pelican_logger = logging.getLogger("pelican")
    handler = _ReportHandler(report)
    saved = pelican_logger.propagate
    pelican_logger.addHandler(handler)
    pelican_logger.propagate = logger.isEnabledFor(logging.DEBUG)
    try:
        yield
    finally:
        pelican_logger.removeHandler(handler)
        pelican_logger.propagate = saved
