"""What an import did: items written per type, files kept, skipped items, problems.

The report is printed in French (English with ``--lang en``) and can be written as
JSON (``--report-json``). Each problem has its code (AS26x) and the old site's
``file:line``, like the problems of a build.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assosite.problems.report import BuildReport, format_problem, make_problem

_KIND_WORDS = {
    "fr": {
        "news": ("actualité", "actualités"),
        "event": ("événement", "événements"),
        "page": ("page", "pages"),
        "testimony": ("témoignage", "témoignages"),
    },
    "en": {
        "news": ("news item", "news items"),
        "event": ("event", "events"),
        "page": ("page", "pages"),
        "testimony": ("testimony", "testimonies"),
    },
}


@dataclass(slots=True)
class ImportReport:
    """Everything one import wrote, kept or reported.

    Attributes:
        source: what was imported (the export file or the old site's folder).
        site: the site written into.
        written: the content files written (relative to the site), by kind.
        unchanged: content files already there with the same text.
        files: images and documents copied into ``content/``.
        redirects: old address → new address.
        problems: what was skipped or not converted, with its place.
    """

    source: str
    site: str = ""
    written: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)
    problems: BuildReport = field(default_factory=BuildReport)

    def problem(self, code: str, path: str, line: int = 0, **params: Any) -> None:
        """Record one problem of the import (its severity is the code's)."""
        self.problems.add(make_problem(code, path, line, **params))

    def item(self, kind: str, path: str) -> None:
        """Record one content file written (or already up to date)."""
        self.written.setdefault(kind, []).append(path)

    def counts(self) -> dict[str, int]:
        """Return how many items of each kind were imported."""
        return {kind: len(paths) for kind, paths in sorted(self.written.items())}

    def skipped(self) -> int:
        """Return how many items of the old site were left out (drafts, menus…)."""
        return sum(1 for p in self.problems.problems if p.code in ("AS260", "AS261", "AS264"))

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """Return the report as plain data for ``--report-json``."""
        return {
            "source": self.source,
            "site": self.site,
            "imported": self.counts(),
            "files": {kind: sorted(paths) for kind, paths in sorted(self.written.items())},
            "copied": sorted(self.files),
            "redirects": dict(sorted(self.redirects.items())),
            "skipped": self.skipped(),
            "by_code": dict(sorted(Counter(p.code for p in self.problems.problems).items())),
            "problems": [p.to_dict(lang) for p in self.problems.sorted()],
        }

    def to_json(self, lang: str = "fr") -> str:
        """Return :meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2) + "\n"


def format_import(report: ImportReport, lang: str = "fr") -> str:
    """Return the report as the command prints it: problems, then the totals."""
    parts = [format_problem(p, lang) for p in report.problems.sorted()]
    parts.append(closing_line(report, lang))
    return "\n\n".join(parts) + "\n"


def _plural(lang: str, count: int, words: tuple[str, str]) -> str:
    singular = count <= 1 if lang == "fr" else count == 1
    return f"{count} {words[0] if singular else words[1]}"


def closing_line(report: ImportReport, lang: str = "fr") -> str:
    """Return the last line of the report: what was imported, left out and missing."""
    words = _KIND_WORDS[lang]
    counts = report.counts()
    kinds = ", ".join(_plural(lang, n, words[kind]) for kind, n in counts.items()) or (
        "nothing" if lang == "en" else "rien"
    )
    missing = sum(1 for p in report.problems.problems if p.code == "AS262")
    codes = sum(1 for p in report.problems.problems if p.code == "AS263")
    if lang == "en":
        return (
            f"Imported into {report.site}: {kinds}; {len(report.files)} files copied, "
            f"{len(report.redirects)} redirects. Left out: {report.skipped()}; files not "
            f"found: {missing}; codes not converted: {codes}. Comments are never imported. "
            f"Next: assosite build {report.site}"
        )
    return (
        f"Importé dans {report.site}\u00a0: {kinds}\u00a0; "
        f"{_plural(lang, len(report.files), ('fichier copié', 'fichiers copiés'))}, "
        f"{_plural(lang, len(report.redirects), ('redirection', 'redirections'))}. "
        f"Laissés de côté\u00a0: {report.skipped()}\u00a0; fichiers introuvables\u00a0: "
        f"{missing}\u00a0; codes non convertis\u00a0: {codes}. Les commentaires ne sont "
        f"jamais importés. Ensuite\u00a0: assosite build {report.site}"
    )
