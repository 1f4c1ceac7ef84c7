"""``assosite import``: bring a WordPress, Hugo, Jekyll or Pelican site into an assosite site.

:func:`import_site` reads the old site (``wordpress.py`` for an export file,
``static.py`` for a folder of Markdown), converts each text (``convert.py``), writes
the content files, images and redirects into the site (``writing.py``) and returns
what it did (``report.py``). The site must exist (``assosite init``); nothing is
replaced without ``force``, and the same old site always gives the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from assosite.config.site import load_config
from assosite.importers.report import ImportReport
from assosite.importers.static import STATIC_TOOLS, StaticOptions, StaticSource
from assosite.importers.wordpress import WordPressOptions, WordPressSource
from assosite.importers.writing import SiteWriter, relink, unique_slugs
from assosite.model.urls import site_paths
from assosite.problems.errors import AssositeError, ConfigError
from assosite.problems.report import BuildReport, make_problem

TOOLS = ("wordpress", *STATIC_TOOLS)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the command line says about one import.

    Attributes:
        uploads: WordPress: a local copy of ``wp-content/uploads``.
        download: WordPress: fetch the files that are not in ``uploads``.
        force: replace files of the site that differ.
        mapping: folder of the old site → kind (``posts=news``), over the usual names.
    """

    uploads: Path | None = None
    download: bool = False
    force: bool = False
    mapping: tuple[tuple[str, str], ...] = ()


def import_site(tool: str, source: Path, site: Path, options: ImportOptions) -> ImportReport:
    """Import the old site ``source`` (made with ``tool``) into the assosite site ``site``.

    Args:
        tool: ``wordpress``, ``hugo``, ``jekyll`` or ``pelican``.
        source: the export file (WordPress) or the old site's folder.
        site: the assosite site to write into.
        options: files, force and folder mapping.

    Returns:
        What was imported, copied, skipped and reported.

    Raises:
        ConfigError: ``site`` is not an assosite site (AS109) or its settings are wrong.
        AssositeError: the export cannot be read at all (AS264).
    """
    config, problems = load_config(site)
    if config is None:
        raise ConfigError(report=BuildReport(problems=list(problems)))
    report = ImportReport(source=source.as_posix(), site=site.as_posix())
    if tool == "wordpress":
        try:
            reader = WordPressSource(
                source,
                source.as_posix(),
                WordPressOptions(
                    uploads=options.uploads,
                    download=options.download,
                    summary_budget=config.editorial.summary_max_length,
                    timezone=config.site.timezone,
                ),
                report,
            )
        except (OSError, etree.XMLSyntaxError) as exc:
            problem = make_problem("AS264", source.name, 0, detail=str(exc))
            raise AssositeError(report=BuildReport(problems=[problem])) from exc
    else:
        reader = StaticSource(
            tool,
            source,
            StaticOptions(
                mapping=dict(options.mapping),
                summary_budget=config.editorial.summary_max_length,
                timezone=config.site.timezone,
            ),
            report,
        )
    paths = site_paths(config.site.language)
    items = relink(unique_slugs(reader.items()), paths, reader.rewriter.base)
    writer = SiteWriter(site, paths, report, options.force)
    writer.write_items(items)
    writer.write_assets(reader.assets)
    writer.write_redirects(items)
    return report
