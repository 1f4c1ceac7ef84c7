"""Map a validated :class:`~assosite.config.site.SiteConfig` to Pelican settings.

Defaults live here, in one place. assosite switches off Pelican's own feeds and
archive pages, reads content from ``content/news|events|testimonies|pages``, copies
``content/images``, ``content/files`` and any other folder of ``content/`` (an old
site's ``assets/``) as static files (photos are re-encoded by
:mod:`assosite.images.library` instead), and passes ``[pelican]``
through last so that advanced users can adjust the rest.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican.paginator import PaginationRule
from pelican.settings import read_settings

from assosite.config.resources import theme_path
from assosite.config.site import SiteConfig
from assosite.images.library import LIBRARY_KEY, ImageLibrary
from assosite.images.markup import Pictures
from assosite.images.process import ImageSpec
from assosite.model.amounts import after_tax_reduction, format_amount
from assosite.model.dates import DateFormatter
from assosite.model.urls import SiteAddress, address_lines, site_paths, tel_uri
from assosite.outputs.cards.social import social_card
from assosite.outputs.feeds import FeedLinks
from assosite.outputs.links import ADDRESS_KEY, Downloads, PageLinks
from assosite.outputs.seo import StructuredData
from assosite.problems.catalogue import site_word, theme_translations

CONTENT_FOLDERS = ("news", "events", "testimonies", "pages")
STATIC_FOLDERS = ("images", "files")

_NO_FEEDS = dict.fromkeys(
    (
        "FEED_ATOM",
        "FEED_RSS",
        "FEED_ALL_ATOM",
        "FEED_ALL_RSS",
        "CATEGORY_FEED_ATOM",
        "CATEGORY_FEED_RSS",
        "AUTHOR_FEED_ATOM",
        "AUTHOR_FEED_RSS",
        "TAG_FEED_ATOM",
        "TAG_FEED_RSS",
        "TRANSLATION_FEED_ATOM",
        "TRANSLATION_FEED_RSS",
    )
)
_NO_ARCHIVES = dict.fromkeys(
    (
        "CATEGORY_SAVE_AS",
        "CATEGORIES_SAVE_AS",
        "AUTHOR_SAVE_AS",
        "AUTHORS_SAVE_AS",
        "ARCHIVES_SAVE_AS",
        "YEAR_ARCHIVE_SAVE_AS",
        "MONTH_ARCHIVE_SAVE_AS",
        "DAY_ARCHIVE_SAVE_AS",
        "DRAFT_SAVE_AS",
        "DRAFT_PAGE_SAVE_AS",
        "DRAFT_LANG_SAVE_AS",
        "DRAFT_PAGE_LANG_SAVE_AS",
    ),
    "",
)


MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}


def _bytecode_cache(folder: Path | None) -> dict[str, Any]:
    """Return Jinja's setting that keeps compiled templates in ``folder``/jinja.

    Templates are keyed by name and source, so a changed template is compiled again.
    """
    if folder is None:
        return {}
    jinja = folder / "jinja"
    try:
        jinja.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only site builds without it
        return {}
    return {"bytecode_cache": FileSystemBytecodeCache(str(jinja))}


def pelican_overrides(
    config: SiteConfig,
    output: Path,
    site_url: str | None = None,
    code_cache: Path | None = None,
    *,
    preview_url: str = "",
    offline: bool = False,
) -> dict[str, Any]:
    """Return the Pelican settings that make a site an assosite site.

    Pages link relatively (``RELATIVE_URLS``: Pelican gives each page the way to the
    site root as ``SITEURL``); ``address`` in the templates holds the absolute ones.

    Args:
        config: the validated configuration.
        output: where Pelican writes (a temporary folder during a build).
        site_url: replaces ``site.url`` (``assosite serve`` uses the local address).
        code_cache: where compiled templates are kept between builds (they are code:
            never a folder a federation member controls); None keeps none.
        preview_url: the address of a deploy preview ("": none); its pages ask not
            to be indexed and keep the site's address as canonical.
        offline: links name the folders' ``index.html`` (a copy opened from disk).

    Returns:
        Settings to pass to ``pelican.settings.read_settings(override=…)``.
    """
    paths = site_paths(config.site.language)
    theme = theme_path(config.site.theme, config.root)
    words = theme_translations(theme, config.site.language).gettext
    dates = DateFormatter(config.site.language, config.site.timezone, words)
    url = (site_url if site_url is not None else config.site.url).rstrip("/")
    markdown = config.pelican.get("MARKDOWN", MARKDOWN)
    images = image_library(config)
    address = SiteAddress(url, preview_url.rstrip("/"), offline, noindex=bool(preview_url))
    links = PageLinks(address, Pictures(images))
    return {
        "PATH": str(config.content_path),
        "OUTPUT_PATH": str(output),
        "SITENAME": config.site.name,
        "SITEURL": url,
        "THEME": str(theme),
        "TIMEZONE": config.site.timezone,
        "DEFAULT_LANG": config.site.language,
        "PLUGINS": ["assosite.plugin"],
        "ARTICLE_PATHS": ["news", "events", "testimonies"],
        "PAGE_PATHS": ["pages"],
        "STATIC_PATHS": [*STATIC_FOLDERS, *copied_folders(config.content_path)],
        "STATIC_EXCLUDE_SOURCES": True,
        "FILENAME_METADATA": "",
        "PATH_METADATA": "",
        "USE_FOLDER_AS_CATEGORY": False,
        "DEFAULT_DATE": "fs",
        "SLUGIFY_SOURCE": "basename",
        "DIRECT_TEMPLATES": ["index", "tags", "404"],
        "PAGINATED_TEMPLATES": {"news_list": None},
        "TAGS_SAVE_AS": f"{paths.tags}/index.html",
        "TAGS_URL": f"{paths.tags}/",
        "TAG_URL": f"{paths.tags}/{{slug}}/",
        "TAG_SAVE_AS": f"{paths.tags}/{{slug}}/index.html",
        "ARTICLE_URL": "{slug}/",
        "ARTICLE_SAVE_AS": "{slug}/index.html",
        "PAGE_URL": "{slug}/",
        "PAGE_SAVE_AS": "{slug}/index.html",
        # Items are told apart by their address, not grouped as translations by slug
        # (a news item and an event may share a slug: /actualites/x/, /agenda/x/).
        "ARTICLE_TRANSLATION_ID": None,
        "PAGE_TRANSLATION_ID": None,
        "ARTICLE_LANG_SAVE_AS": "",
        "PAGE_LANG_SAVE_AS": "",
        **_NO_FEEDS,
        **_NO_ARCHIVES,
        "DEFAULT_PAGINATION": config.editorial.news_per_page,
        "PAGINATION_PATTERNS": [
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
        ],
        "MARKDOWN": markdown,
        "FORMATTED_FIELDS": [],
        "TYPOGRIFY": False,
        "JINJA_ENVIRONMENT": {
            "trim_blocks": True,
            "lstrip_blocks": True,
            "extensions": ["jinja2.ext.i18n"],
            "autoescape": True,
            **_bytecode_cache(code_cache),
        },
        "JINJA_FILTERS": {
            **dates.filters(),
            "page_html": links.page_html,
            "tel_uri": tel_uri,
            "address_lines": address_lines,
            "format_amount": functools.partial(format_amount, language=config.site.language),
            "after_tax_reduction": after_tax_reduction,
        },
        "JINJA_GLOBALS": {
            "paths": paths,
            # French puts a no-break space before a colon; English does not.
            "colon": words(site_word("\u00a0:")),
            "json_ld": StructuredData(config, url),
            "feed_links": FeedLinks(paths, words),
            "social_card": social_card,
            "address": address,
            "link_to": links.link_to,
            "picture": links.picture,
            "image_size": links.pictures.image_size,
            "download_label": Downloads(config.content_path, config.site.language),
        },
        "RELATIVE_URLS": True,
        "DELETE_OUTPUT_DIRECTORY": False,
        "OUTPUT_RETENTION": [],
        # assosite's reader keeps its own cache of texts (assosite.cache.texts, one SQLite
        # row per text): Pelican's single pickle of every text doubles a large site's memory.
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "CONTENT_CACHING_LAYER": "reader",
        "CACHE_PATH": str(config.root / ".cache" / "assosite" / "pelican"),
        "THEME_STATIC_DIR": "theme",
        "IGNORE_FILES": [".*", "#*", "*~"],
        "LOCALE": ["C.UTF-8", "C"],
        "ASSOSITE_ROOT": str(config.root),
        LIBRARY_KEY: images,
        ADDRESS_KEY: address,
        **config.pelican,
    }


def copied_folders(content_path: Path) -> list[str]:
    """Return the other folders of ``content/``, published as they are.

    An old site's ``assets/``, ``pub/`` or ``wp-content/`` copied into ``content/``
    keeps its documents at their addresses (its photos are re-encoded like the
    others). Folders starting with ``.`` or ``_`` (``_includes/``) are not published.
    """
    if not content_path.is_dir():
        return []
    known = {*CONTENT_FOLDERS, *STATIC_FOLDERS}
    return sorted(
        folder.name
        for folder in content_path.iterdir()
        if folder.is_dir() and folder.name not in known and not folder.name.startswith((".", "_"))
    )


def image_library(config: SiteConfig) -> ImageLibrary:
    """Return the (not yet processed) images of one build, cached in the site."""
    section = config.images
    spec = ImageSpec(
        widths=tuple(sorted(set(section.widths))),
        max_size=section.max_size,
        modern=section.format,
        quality=section.quality,
    )
    cache = config.root / ".cache" / "assosite" / "images"
    # Every folder of content/: a Hugo bundle keeps its photos beside its text, an old
    # site's /assets/ folder is copied as it was.
    return ImageLibrary(config.content_path, cache, spec, (".",))


def pelican_settings(
    config: SiteConfig,
    output: Path,
    site_url: str | None = None,
    extra: dict[str, Any] | None = None,
    code_cache: Path | None = None,
    *,
    preview_url: str = "",
    offline: bool = False,
) -> dict[str, Any]:
    """Return complete Pelican settings (Pelican's defaults plus assosite's).

    Args:
        config: the validated configuration.
        output: where Pelican writes.
        site_url: replaces ``site.url`` when given.
        extra: settings applied last (tests, the build's private state).
        code_cache: where compiled templates are kept (see :func:`pelican_overrides`).
        preview_url: a deploy preview's address (see :func:`pelican_overrides`).
        offline: links name the folders' ``index.html``.
    """
    overrides = pelican_overrides(
        config, output, site_url, code_cache, preview_url=preview_url, offline=offline
    )
    overrides.update(extra or {})
    return read_settings(path=None, override=overrides)
