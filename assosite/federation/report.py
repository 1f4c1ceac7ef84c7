"""What a federation build or check did, member by member, and its final table.

Each :class:`MemberResult` says what happened to one member (built, unchanged,
failed, crashed, timed out) with its problems, their paths given from the
federation folder so that CI logs link to them; :func:`format_table` prints the
final table in the reader's language.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from assosite.problems.catalogue import N_, gettext_in, ngettext_in
from assosite.problems.messages import decimal
from assosite.problems.report import BuildReport, Problem, Severity


class Status(enum.StrEnum):
    """What happened to one member."""

    BUILT = "built"
    UNCHANGED = "unchanged"
    CHECKED = "checked"
    FAILED = "failed"
    CRASHED = "crashed"
    TIMEOUT = "timeout"


OK = (Status.BUILT, Status.UNCHANGED, Status.CHECKED)
_STATUS_WORDS = {
    Status.BUILT: N_("publié"),
    Status.UNCHANGED: N_("inchangé"),
    Status.CHECKED: N_("vérifié"),
    Status.FAILED: N_("en erreur"),
    Status.CRASHED: N_("planté"),
    Status.TIMEOUT: N_("trop long"),
}
_HEADERS = (N_("membre"), N_("contenus"), N_("problèmes"), N_("durée"), N_("état"))


def status_word(status: Status, lang: str = "fr") -> str:
    """Return the word for ``status`` in ``lang``."""
    return gettext_in(lang, _STATUS_WORDS[status])


@dataclass(frozen=True, slots=True)
class MemberResult:
    """The outcome of one member's build or check.

    Attributes:
        id: the member's id.
        status: what happened.
        items: published items (as its report counts them).
        seconds: how long its child process ran (0 when unchanged).
        problems: its problems, paths relative to the federation folder.
        published: whether its output folder was replaced.
        valid_until: until when its build stays right without any change (ISO 8601).
    """

    id: str
    status: Status
    items: int = 0
    seconds: float = 0.0
    problems: tuple[Problem, ...] = ()
    published: bool = False
    valid_until: str = ""

    @property
    def ok(self) -> bool:
        """True when the member did not fail."""
        return self.status in OK

    def count(self, severity: Severity) -> int:
        """Return how many of its problems have ``severity``."""
        return sum(1 for p in self.problems if p.severity == severity)


@dataclass(slots=True)
class FederationReport:
    """Every member's result, plus the federation's own problems and the portal's report.

    Attributes:
        results: one result per member built or checked, in the file's order.
        problems: problems of ``federation.toml``, of the output and of the portal.
        portal: the portal build's report (None when it was not built).
        portal_rebuilt: whether the portal was built again (False: unchanged).
        output: the federation's output folder.
    """

    results: list[MemberResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    portal: BuildReport | None = None
    portal_rebuilt: bool = False
    output: str = ""

    def failed(self) -> bool:
        """True when any member failed or the federation has an error (exit code 1)."""
        return any(not r.ok for r in self.results) or any(
            p.severity == Severity.ERROR for p in self.problems
        )

    def all_problems(self) -> BuildReport:
        """Return every problem of the run as one report, for printing."""
        problems = list(self.problems)
        for result in self.results:
            problems += result.problems
        return BuildReport(problems=problems)


def format_table(report: FederationReport, lang: str = "fr") -> str:
    """Return the final table: member, items, problems, time, status."""
    rows = [tuple(gettext_in(lang, header) for header in _HEADERS)]
    for result in report.results:
        errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
        seconds = gettext_in(lang, "{seconds}\u00a0s").format(
            seconds=decimal(result.seconds, lang, "0.0")
        )
        # E and A (W in English): the first letters of "erreur" and "avertissement".
        problems = gettext_in(lang, "{errors} E, {warnings} A").format(
            errors=errors, warnings=warnings
        )
        rows.append(
            (result.id, str(result.items), problems, seconds, status_word(result.status, lang))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def format_closing(report: FederationReport, lang: str = "fr") -> str:
    """Return the closing sentence: how many members were published, failed or unchanged."""
    total = len(report.results)
    failed = sum(1 for r in report.results if not r.ok)
    unchanged = sum(1 for r in report.results if r.status == Status.UNCHANGED)
    text = ngettext_in(
        lang,
        "{ok} membre sur {total} sans erreur ({unchanged} inchangés), {failed} en échec.",
        "{ok} membres sur {total} sans erreur ({unchanged} inchangés), {failed} en échec.",
        total - failed,
    ).format(ok=total - failed, total=total, unchanged=unchanged, failed=failed)
    if failed:
        text += " " + gettext_in(lang, "Un membre en échec garde sa version précédente en ligne.")
    return text
