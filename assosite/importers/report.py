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

from assosite.problems.catalogue import gettext_in, ngettext_in
from assosite.problems.messages import french_typography
from assosite.problems.report import BuildReport, format_problem, make_problem


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


def _kind_count(lang: str, kind: str, n: int) -> str:
    """Return « 2 actualités », « 1 événement »… in ``lang``."""
    if kind == "news":
        text = ngettext_in(lang, "{n} actualité", "{n} actualités", n)
    elif kind == "event":
        text = ngettext_in(lang, "{n} événement", "{n} événements", n)
    elif kind == "testimony":
        text = ngettext_in(lang, "{n} témoignage", "{n} témoignages", n)
    else:
        text = ngettext_in(lang, "{n} page", "{n} pages", n)
    return text.format(n=n)


def closing_line(report: ImportReport, lang: str = "fr") -> str:
    """Return the last line of the report: what was imported, left out and missing."""
    kinds = ", ".join(_kind_count(lang, kind, n) for kind, n in report.counts().items())
    kinds = kinds or gettext_in(lang, "rien")
    missing = sum(1 for p in report.problems.problems if p.code == "AS262")
    codes = sum(1 for p in report.problems.problems if p.code == "AS263")
    files, moved = len(report.files), len(report.redirects)
    copied = ngettext_in(lang, "{n} fichier copié", "{n} fichiers copiés", files).format(n=files)
    redirects = ngettext_in(lang, "{n} redirection", "{n} redirections", moved).format(n=moved)
    text = gettext_in(
        lang,
        "Importé dans {site} : {kinds} ; {copied}, {redirects}. Laissés de côté : {skipped} ; "
        "fichiers introuvables : {missing} ; codes non convertis : {codes}. Les commentaires "
        "ne sont jamais importés. Ensuite : assosite build {site}",
    ).format(
        site=report.site,
        kinds=kinds,
        copied=copied,
        redirects=redirects,
        skipped=report.skipped(),
        missing=missing,
        codes=codes,
    )
    return french_typography(text) if lang == "fr" else text
