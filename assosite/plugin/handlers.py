"""The steps assosite adds to a Pelican build, one function per signal.

read each file into a typed item (or skip it and report why) → drop duplicate
addresses → run the editorial rules and sort the lists → add assosite's output
generators. Handlers never raise for a content problem: they record a Problem and
set ``status = "skip"``: the file is left out, the others build.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

import lxml.html
from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.contents import Author, Tag
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import DEFAULT_CONFIG

from assosite.cache.results import ResultCache
from assosite.cache.texts import TextCache
from assosite.config.checks import LANGUAGES
from assosite.config.site import SECTIONS, config_from_data
from assosite.images.library import library_of
from assosite.model.urls import site_paths
from assosite.model.validity import valid_until
from assosite.outputs.calendars import calendar_past
from assosite.outputs.listings import Home, collect, home_events, link_neighbours, navigation
from assosite.outputs.state import STATE_KEY, BuildState, state_of
from assosite.plugin import parallel, preview
from assosite.plugin.generators import GENERATORS
from assosite.plugin.preview import PreviewWriter, page_base
from assosite.plugin.reader import MARKDOWN_EXTENSIONS, SOURCE_KEY, AssositeReader
from assosite.plugin.settings import pelican_overrides
from assosite.problems.catalogue import theme_translations
from assosite.problems.errors import ConfigError
from assosite.problems.report import BuildReport, format_problem, make_problem
from assosite.reading import isolation, shortcodes
from assosite.reading.foreign import SITE_NOTES
from assosite.reading.items import folder_kind, parse_item
from assosite.rules import editorial

# Settings a plain ``pelicanconf.py`` may not own: assosite sets them when they still
# have Pelican's default value (a site's own choice always wins).
_KEEP_FROM_PELICANCONF = {
    "PATH",
    "OUTPUT_PATH",
    "SITEURL",
    "SITENAME",
    "PLUGINS",
    "ASSOSITE_ROOT",
    "THEME",
    # A site's own theme links with SITEURL: it stays absolute unless the site asks.
    "RELATIVE_URLS",
}


def setup(pelican: Any) -> None:
    """Make sure the build has its state; build it from ``ASSOSITE_*`` settings if not.

    ``assosite build`` creates the state before Pelican starts; a plain ``pelican``
    run reaches this point without one.
    """
    settings = pelican.settings
    if state_of(settings) is None and _enabled(settings):
        _state_from_pelicanconf(pelican)
    if state_of(settings) is not None:
        if state_of(settings).preview is not None:
            preview.forget_memos()  # the last build's objects are not kept alive
        _prepare_reading(settings, state_of(settings))


def _prepare_reading(settings: dict[str, Any], state: BuildState) -> None:
    """Process the content images, then open the reader's cache, before any file is read.

    Texts show the images' final names and sizes, so the cache of texts is keyed by
    them too (and by what else changes a text's HTML: Markdown settings, the site's
    address, sanitising): a changed photo never leaves a text with its old name.
    """
    library = library_of(settings)
    if library is not None and not library.processed:
        library.process(state.report)
    if state.federated:
        return  # a member's .cache is written by its author: nothing is unpickled from it
    images = library.digest() if library is not None else ""
    # The language too: a French site's texts get French no-break spaces.
    language = settings.get("DEFAULT_LANG")
    inputs = (settings["MARKDOWN"], settings["SITEURL"], state.trust_html, images, language)
    # A copied text with shortcodes also depends on the other texts' names and on the
    # _includes/ files: only such texts are keyed by them (see reader.cache_bytes).
    state.links_digest = shortcodes.inputs_digest(state.parse_context)
    state.texts = TextCache(state.root, *inputs)
    parallel.parse_ahead(settings, state)


def _state_from_pelicanconf(pelican: Any) -> None:
    """Build the state of a plain ``pelican`` run from its ``ASSOSITE_*`` settings.

    The site's own choices win: a setting it changed from Pelican's default is kept, its
    own theme stays (assosite's templates only fill in those it lacks) unless it sets
    ``ASSOSITE_THEME = True``, and its own ``ARTICLE_URL``/``PAGE_URL`` place the items
    unless it sets ``ASSOSITE_URLS = True``.
    """
    settings = pelican.settings
    root = Path(settings["PATH"]).resolve().parent
    config, problems = config_from_data(root, _data_from_pelicanconf(settings))
    if config is None:
        for problem in problems:
            _pelican_logger().error(
                format_problem(problem, _report_language(settings.get("DEFAULT_LANG")))
            )
        raise ConfigError(
            "assosite: " + "; ".join(p.message()[0] for p in problems), BuildReport(problems)
        )
    state = BuildState(config=config, report=BuildReport(list(problems)), plain_pelican=True)
    overrides = pelican_overrides(config, Path(settings["OUTPUT_PATH"]))
    own_addresses = not settings.get("ASSOSITE_URLS") and any(
        settings.get(key) != DEFAULT_CONFIG.get(key) for key in _ITEM_ADDRESSES
    )
    for key, value in overrides.items():
        if key in _KEEP_FROM_PELICANCONF or (own_addresses and key in _ITEM_ADDRESSES):
            continue
        if settings.get(key) == DEFAULT_CONFIG.get(key):
            settings[key] = value
    if settings.get("ASSOSITE_THEME") or _is_default_theme(settings.get("THEME", "")):
        settings["THEME"] = pelican.theme = overrides["THEME"]
    else:
        state.fallback_theme = Path(overrides["THEME"])
    state.own_addresses = own_addresses
    settings[STATE_KEY] = state


# Where a plain Pelican site puts its items (kept when it set any of them itself).
_ITEM_ADDRESSES = ("ARTICLE_URL", "ARTICLE_SAVE_AS", "PAGE_URL", "PAGE_SAVE_AS")


def _report_language(language: str | None) -> str:
    """Return the language of the problems a plain Pelican run logs (the site's, or fr)."""
    return language if language in LANGUAGES else "fr"


def _pelican_logger() -> logging.Logger:
    """Return assosite's logger under Pelican's: ``pelican --fatal`` stops on its errors.

    Created on first use, after Pelican's logging module has installed its logger class.
    """
    return logging.getLogger("pelican.plugins.assosite")


def log_problems(state: BuildState) -> None:
    """Hand the problems found since the last call to Pelican's logger, at their severity.

    Only in a plain ``pelican`` run (``assosite build`` shows its own report). Under
    ``pelican --fatal errors`` the first error stops the run, with its ``file:line``.
    """
    if not state.plain_pelican:
        return
    problems = state.report.problems[state.logged :]
    state.logged = len(state.report.problems)
    language = _report_language(state.config.site.language)
    logger = _pelican_logger()
    # Pelican 4.11's logger stops on .error()/.warning() calls only (not on .log()).
    say = {"error": logger.error, "warning": logger.warning, "suggestion": logger.info}
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.code)):
        say[str(problem.severity)](format_problem(problem, language))


def _is_default_theme(theme: str) -> bool:
    """Return True when the site kept Pelican's default theme (it has no assosite templates)."""
    return not theme or Path(theme).resolve() == Path(DEFAULT_CONFIG["THEME"]).resolve()


def _enabled(settings: dict[str, Any]) -> bool:
    """Return True when this Pelican build lists assosite among its plugins.

    Signal handlers stay connected for the whole process, so a later build without
    assosite still calls them: they must then do nothing.
    """
    return any("assosite" in str(name) for name in settings.get("PLUGINS") or [])


def _data_from_pelicanconf(settings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Turn ``ASSOSITE_<TABLE>_<KEY>`` settings into assosite.toml-like tables."""
    data: dict[str, dict[str, Any]] = {
        "site": {
            "name": settings.get("SITENAME", ""),
            "url": settings.get("SITEURL") or "http://localhost:8000",
            "language": settings.get("DEFAULT_LANG", "fr"),
            "timezone": settings.get("TIMEZONE", "Europe/Paris"),
        },
    }
    for key, value in settings.items():
        if not key.startswith("ASSOSITE_") or key in (STATE_KEY, "ASSOSITE_ROOT"):
            continue
        rest = key.removeprefix("ASSOSITE_").lower()
        for table in SECTIONS:
            if rest.startswith(table + "_"):
                data.setdefault(table, {})[rest.removeprefix(table + "_")] = value
    return data


def install_translations(generator: Any) -> None:
    """Give the generator's templates ``_()`` in the site language (Babel catalogue)."""
    state = state_of(generator.settings)
    env = getattr(generator, "env", None)
    if state is None or env is None:
        return
    env.install_gettext_translations(_translations(state, generator.settings), newstyle=True)
    if state.fallback_theme is not None:
        # A plain Pelican site's own theme: its templates first, assosite's for the rest.
        fallback = FileSystemLoader(str(state.fallback_theme / "templates"))
        env.loader = ChoiceLoader([env.loader, fallback])


def keep_contents(generator: Any) -> None:
    """In a preview, keep the articles and pages from one build to the next.

    See :func:`assosite.plugin.preview.keep_contents`.
    """
    state = state_of(generator.settings)
    if state is None or state.preview is None:
        return
    if isinstance(generator, ArticlesGenerator | PagesGenerator):
        preview.keep_contents(generator, note_read)


def _translations(state: BuildState, settings: dict[str, Any]) -> Any:
    """Return the theme's catalogue for the site language, read once per build."""
    if state.translations is None:
        theme = state.fallback_theme or Path(settings["THEME"])
        state.translations = theme_translations(theme, state.config.site.language)
    return state.translations


def add_reader(readers: Any) -> None:
    """Read Markdown files with assosite's reader (front matter and line numbers).

    Pelican's signals live as long as the process: a later Pelican build that did not
    enable assosite (no build state) keeps Pelican's own reader.
    """
    if state_of(readers.settings) is None:
        return
    for extension in MARKDOWN_EXTENSIONS:
        readers.reader_classes[extension] = AssositeReader


def read_item(generator: Any, metadata: dict[str, Any]) -> None:
    """Validate one file into a typed item; skip it (and report why) when it is invalid.

    Pelican swallows a handler's exception into a vague log line, so a bug here is
    kept in the state and raised again once Pelican returns (exit code 3).
    """
    header = metadata.get(SOURCE_KEY)
    state = state_of(generator.settings)
    if header is None or state is None:
        return
    try:
        _read_item(generator, metadata, header, state)
    except Exception as exc:  # noqa: BLE001 (re-raised by build.py after Pelican)
        state.crashes.append(exc)
        metadata["status"] = "skip"


def note_read(state: BuildState, header: Any, problems: Any) -> None:
    """Count one file read, keep its header and report its problems.

    The preview calls it too for a content object it keeps from its last build
    (:func:`assosite.plugin.preview.keep_contents`): the report is the same.
    """
    state.files_read += 1
    if state.progress is not None:
        state.progress("read", state.files_read)
    state.headers[header.path] = header
    for problem in problems:
        if problem.code in SITE_NOTES:
            state.notes.add(problem)  # reported once for the whole site (finalize)
        else:
            state.report.add(problem)


def _read_item(generator: Any, metadata: dict[str, Any], header: Any, state: BuildState) -> None:
    # Relative to Pelican's PATH: a plain Pelican site may name its content folder freely.
    content = Path(generator.settings["PATH"]).resolve()
    relative = (state.root / header.path).relative_to(content)
    source = relative.as_posix()
    item, problems = parse_item(header, folder_kind(source), state.parse_context, source)
    note_read(state, header, problems)
    if state.preview is not None:
        state.preview.read[header.path] = tuple(problems)
    if item is None or item.status == "draft":
        metadata["status"] = "skip"  # drafts are checked, never written
        return
    settings = generator.settings
    if not state.own_addresses:  # else the site's ARTICLE_URL and PAGE_URL place it
        url = site_paths(state.config.site.language).item_url(item.kind, item.slug)
        metadata.update(url=url, save_as=f"{url}index.html")
    metadata.update(
        title=item.title,
        slug=item.slug,
        status=item.status,
        template=item.kind,
        item=item,
        kind=item.kind,
        tags=[Tag(tag, settings) for tag in item.tags],
        summary=html.escape(item.summary),
    )
    for key in ("date", "modified"):
        if getattr(item, key) is not None:
            metadata[key] = getattr(item, key)
    if item.author:
        metadata["author"] = Author(item.author, settings)


def _drop_duplicates(contents: list[Any], state: BuildState, taken: dict[str, Any]) -> list[Any]:
    """Keep the first content of each address (by file name); report the others."""
    kept = []
    for content in sorted(contents, key=lambda c: c.item.source if hasattr(c, "item") else ""):
        item = getattr(content, "item", None)
        if item is None:
            kept.append(content)
            continue
        other = taken.get(content.url)
        if other is not None:
            header = state.headers[item.source]
            key = "slug" if "slug" in header.lines else "title"
            state.report.add(
                make_problem(
                    "AS211",
                    item.source,
                    header.line(key),
                    url="/" + content.url,
                    other=other.item.source,
                    example=f"{item.slug}-2",
                )
            )
            continue
        taken[content.url] = content
        kept.append(content)
    return kept


def drop_duplicate_articles(generator: Any) -> None:
    """Report and drop news, events and testimonies whose address is already taken."""
    state = state_of(generator.settings)
    if state is None:
        return
    taken: dict[str, Any] = {}
    for name in ("articles", "hidden_articles", "drafts"):
        setattr(generator, name, _drop_duplicates(getattr(generator, name), state, taken))
    generator.articles.sort(key=lambda a: a.date, reverse=True)


def drop_duplicate_pages(generator: Any) -> None:
    """Report and drop pages whose address is taken or reserved by the site's lists."""
    state = state_of(generator.settings)
    if state is None:
        return
    reserved = site_paths(state.config.site.language).reserved()
    pages = []
    for page in generator.pages:
        item = getattr(page, "item", None)
        first = page.url.split("/")[0]
        if item is not None and first in reserved:
            header = state.headers[item.source]
            state.report.add(
                make_problem(
                    "AS225",
                    item.source,
                    header.line("slug" if "slug" in header.lines else "title"),
                    value=first,
                    url=f"/{first}/",
                    example=f"{first}-asso",
                )
            )
            continue
        pages.append(page)
    taken: dict[str, Any] = {}
    for name, kept in (("pages", pages), ("hidden_pages", generator.hidden_pages)):
        setattr(generator, name, _drop_duplicates(kept, state, taken))
        generator.context[name] = getattr(generator, name)


def finalize(generators: list[Any]) -> None:
    """Run the editorial rules and prepare the lists, the navigation and the home page."""
    if not generators:
        return
    state = state_of(generators[0].settings)
    if state is None:
        return
    contents = []
    for generator in generators:
        contents += getattr(generator, "articles", []) + getattr(generator, "pages", [])
    state.report.extend(state.notes.problems())
    listings = collect(contents, state.now)
    link_neighbours(listings)
    published = [c for c in contents if hasattr(c, "item")]
    state.report.items = len(published)
    state.valid_until = valid_until(
        (c.item for c in published),
        state.now,
        state.config.site.timezone,
        calendar_past(state.config.calendar.past_months),
    )
    documents = [_document(c, state) for c in published if not c.item.is_expired(state.now)]
    if state.texts is not None:
        # Every file was read: what was not is gone or changed. A preview does not read
        # the files it kept (see assosite.plugin.preview): the next build prunes.
        state.texts.save(prune=state.preview is None)
    findings = _editorial_cache(state)
    state.report.extend(
        editorial.run(documents, state.config.editorial, state.now, findings, state.kept)
    )
    findings.save()
    if state.progress is not None:
        state.progress("write", state.files_read)
    budget = state.config.editorial
    state.generators = generators
    context = generators[0].context
    context["assosite"] = state.config
    context["assosite_listings"] = listings
    context["assosite_now"] = state.now  # a repeating event shows its next date
    gettext = _translations(state, generators[0].settings).gettext
    nav = navigation(listings, site_paths(state.config.site.language), gettext)
    context["nav"] = [*nav[:1], *state.extra_nav, *nav[1:]]  # a portal adds its own lists
    if state.preview is not None:
        state.preview_base = page_base(context, generators[0].settings)
    context["home"] = Home(
        events=home_events(listings.upcoming, budget.home_events),
        news=listings.news[: budget.home_news],
        testimonies=listings.testimonies[: budget.home_testimonies],
    )
    log_problems(state)  # a plain pelican run: before anything is written


def _editorial_cache(state: BuildState) -> ResultCache:
    """Return the editorial findings of earlier builds (a preview keeps them loaded)."""
    path = state.root / ".cache" / "assosite" / "editorial.json"
    if state.preview is None:
        return ResultCache(path)
    if state.preview.findings is None or state.preview.findings.path != path:
        state.preview.findings = ResultCache(path)
    return state.preview.findings


def _document(content: Any, state: BuildState) -> editorial.Document:
    """Bundle a published item with its file's lines and its plain text.

    A preview makes it once while the item, its header and its HTML stay the same.
    """
    html_text = content.content or ""
    header = state.headers[content.item.source]

    def make() -> tuple[str, Any, editorial.Document]:
        text = lxml.html.fromstring(html_text).text_content() if html_text.strip() else ""
        return html_text, header, editorial.Document(content.item, header, text)

    made = state.kept("document", content.item, make)
    if made[0] != html_text or made[1] is not header:  # a link's target moved
        made = make()
    return made[2]


def writer_class(pelican: Any) -> type | None:
    """Return the writer of the build (None: Pelican's).

    A preview's writer keeps unchanged pages; a large build's leaves the item pages
    to a second process (:mod:`assosite.plugin.parallel`).
    """
    state = state_of(pelican.settings)
    if state is None:
        return None
    if state.preview is not None:
        return PreviewWriter
    return parallel.start(pelican, state.generators)


def announce_item_page(generator: Any, content: Any) -> None:
    """Pelican is about to write ``content``'s page: a large build queues it."""
    parallel.announce(generator, content)


def start_item_writer(generator: Any, writer: Any) -> None:
    """Pelican's articles generator is done: a large build forks to render item pages."""
    del generator  # the writer's settings carry the build state
    parallel.fork(writer)


def join_writers(pelican: Any) -> None:
    """Wait for the process writing the item pages, if there is one.

    A plain ``pelican`` run then logs the problems found while writing, and raises a
    bug caught in a handler (``assosite build`` does both itself).
    """
    parallel.join(pelican)
    state = state_of(pelican.settings)
    if state is not None and state.plain_pelican:
        log_problems(state)
        if state.crashes:
            raise state.crashes[0]


def output_generators(pelican: Any) -> list[type]:
    """Return assosite's output generators: images, lists, brand, SEO, feeds, calendars, cards.

    Also a federation member's exported items and a portal's pages (each writes
    nothing in other builds).
    """
    return list(GENERATORS)


def drop_raw_images(generator: Any) -> None:
    """Keep Pelican from copying the originals that assosite re-encodes or refuses.

    A file linked from outside the site (a symbolic link in ``content/``) is never
    copied either: it is reported (AS246) and left out.
    """
    library = library_of(generator.settings)
    state = state_of(generator.settings)
    root = Path(generator.settings["PATH"]).resolve().parent
    kept = []
    for static in generator.staticfiles:
        relative = Path(static.relative_source_path).as_posix()
        source = Path(generator.settings["PATH"]) / static.relative_source_path
        if (target := isolation.outside_link(source, root)) is not None:
            if state is not None:
                path = f"content/{relative}"
                state.report.add(make_problem("AS246", path, 0, target=target))
            continue
        if library is not None and library.processed and library.handles(relative):
            continue
        kept.append(static)
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept
