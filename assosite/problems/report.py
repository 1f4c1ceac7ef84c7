"""Problems found while reading, checking and building a site, and their report.

A :class:`Problem` says *where* (path and line) and *which rule* (code); the text comes
from :mod:`assosite.problems.messages` in the reader's language. A :class:`BuildReport`
collects the problems of one build or check, sorts them and formats them.
"""

from __future__ import annotations

import enum
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assosite.problems import messages


class Severity(enum.StrEnum):
    """How serious a problem is.

    ``error`` blocks publication (exit code 1); ``warning`` is published and shown,
    and blocks under ``--strict``; ``suggestion`` appears only in ``assosite check``.
    """

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one place.

    Attributes:
        code: stable code such as ``AS203`` (see :mod:`assosite.problems.messages`).
        severity: how serious it is.
        path: file relative to the site folder, with ``/`` separators.
        line: 1-based line in ``path``, or 0 when the whole file is concerned.
        params: the values quoted in the message (the volunteer's own words).
    """

    code: str
    severity: Severity
    path: str
    line: int = 0
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def message(self, lang: str = "fr") -> tuple[str, str]:
        """Return the (what, fix) sentences of this problem in ``lang``."""
        return messages.render(self.code, lang, self.params)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """Return this problem as plain data for ``--format json``."""
        what, fix = self.message(lang)
        return {
            "code": self.code,
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "message": what,
            "fix": fix,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
        }


def make_problem(code: str, path: str, line: int = 0, **params: Any) -> Problem:
    """Create a problem with the default severity of its code.

    Args:
        code: a code from the catalogue in :mod:`assosite.problems.messages`.
        path: file relative to the site folder.
        line: 1-based line, or 0 for the whole file.
        **params: values for the message placeholders.

    Returns:
        The problem.
    """
    return Problem(code, messages.default_severity(code), path, line, params)


def problem_data(problem: Problem) -> dict[str, Any]:
    """Return ``problem`` as plain JSON data (its message is made again when shown)."""
    data = problem.to_dict()
    return {key: data[key] for key in ("code", "severity", "path", "line", "params")}


def problem_from_data(data: dict[str, Any]) -> Problem:
    """Return the problem that :func:`problem_data` gave as ``data``."""
    return Problem(
        data["code"], Severity(data["severity"]), data["path"], data["line"], data["params"]
    )


def _identity(problem: Problem) -> tuple[Any, ...]:
    """Return a hashable equivalent of ``problem`` (its params may hold lists)."""
    params = repr(sorted(problem.params.items()))
    return (problem.code, problem.severity, problem.path, problem.line, params)


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return str(value)


@dataclass(slots=True)
class BuildReport:
    """Every problem of one build or check, plus what was built.

    Attributes:
        problems: the problems, in the order they were found.
        written: number of HTML pages written (0 for a check).
        items: number of content items published.
        seconds: duration of the build.
        output: the output folder, relative to the site when possible.
        published: whether the output folder was replaced by this build.
        reused: nothing had changed: the previous output was kept as it was.
        valid_until: the instant (ISO 8601) until which the same inputs build the same
            site (an event starts or ends, midnight); empty when unknown.
        images_encoded: content images encoded by this build (not found in the cache).
        images_reused: content images taken from the cache unchanged.
    """

    problems: list[Problem] = field(default_factory=list)
    written: int = 0
    items: int = 0
    seconds: float = 0.0
    output: str = ""
    published: bool = False
    reused: bool = False
    valid_until: str = ""
    _seen: set[tuple[Any, ...]] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen = {_identity(p) for p in self.problems}

    images_encoded: int = 0
    images_reused: int = 0

    def add(self, problem: Problem) -> None:
        """Record one problem, ignoring an exact duplicate."""
        key = _identity(problem)
        if key not in self._seen:
            self._seen.add(key)
            self.problems.append(problem)

    def extend(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        """Record several problems."""
        for problem in problems:
            self.add(problem)

    def sorted(self) -> list[Problem]:
        """Return the problems grouped by file and sorted by line."""
        return sorted(self.problems, key=lambda p: (p.path, p.line, p.code))

    def count(self, severity: Severity) -> int:
        """Return how many problems have ``severity``."""
        return sum(1 for p in self.problems if p.severity == severity)

    @property
    def errors(self) -> int:
        """Number of errors."""
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return self.count(Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        """Return True when the run must exit with code 1."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def files(self) -> int:
        """Return the number of distinct files with a problem."""
        return len({p.path for p in self.problems if p.severity != Severity.SUGGESTION})

    def counts_by_code(self) -> dict[str, int]:
        """Return how many problems each code has, sorted by code."""
        return dict(sorted(Counter(p.code for p in self.problems).items()))

    def to_dict(self, lang: str = "fr", strict: bool = False) -> dict[str, Any]:
        """Return the report as plain data (the ``--format json`` schema)."""
        return {
            "version": 1,
            "ok": not self.failed(strict),
            "errors": self.errors,
            "warnings": self.warnings,
            "suggestions": self.count(Severity.SUGGESTION),
            "files": self.files(),
            "items": self.items,
            "pages_written": self.written,
            "seconds": round(self.seconds, 3),
            "published": self.published,
            "reused": self.reused,
            "valid_until": self.valid_until,
            "counts_by_code": self.counts_by_code(),
            "problems": [p.to_dict(lang) for p in self.sorted()],
        }

    def to_json(self, lang: str = "fr", strict: bool = False) -> str:
        """Return the report as JSON text."""
        return json.dumps(self.to_dict(lang, strict), ensure_ascii=False, indent=2)


def format_problem(problem: Problem, lang: str = "fr") -> str:
    """Return the three lines that show one problem to a volunteer.

    The first line starts with ``path:line:`` so that editors and CI logs link to it.
    """
    what, fix = problem.message(lang)
    where = f"{problem.path}:{problem.line}:" if problem.line else f"{problem.path}:"
    label = messages.severity_label(problem.severity, lang)
    return f"{where} {label} {problem.code}\n  {what}\n  {fix}"


def format_summary(
    report: BuildReport, lang: str = "fr", *, strict: bool = False, check: bool = False
) -> str:
    """Return the closing sentence of a build or a check, with plural forms."""
    return messages.summary(
        lang,
        errors=report.errors,
        warnings=report.warnings,
        suggestions=report.count(Severity.SUGGESTION),
        files=report.files(),
        failed=report.failed(strict),
        published=report.published,
        reused=report.reused,
        check=check,
        pages=report.written,
        items=report.items,
        seconds=report.seconds,
        output=report.output,
    )
