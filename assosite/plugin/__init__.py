"""Pelican plugin entry point: connects Pelican's signals to assosite's steps. No logic here.

Enable it from a plain ``pelicanconf.py`` with ``PLUGINS = ["assosite.plugin"]``; the
``assosite`` command enables it itself.

This package is the only one that imports Pelican, and the list below is all of
Pelican that assosite uses: a new use is added here in the same change
(``tests/test_architecture.py`` checks that every Pelican name imported, every signal
connected and every setting set or read is listed, and that nothing listed is unused).
The suite runs against the oldest and the newest Pelican 4.x that ``pyproject.toml``
allows (``.ci/run``).

Imports:
    ``pelican.Pelican``: one run of a build (``run()``; ``settings``, ``path``,
        ``theme``, ``output_path``), in ``run.py``.
    ``pelican.signals``: the signals below.
    ``pelican.settings.read_settings``: Pelican's defaults under assosite's settings.
    ``pelican.settings.DEFAULT_CONFIG``: Pelican's defaults, to tell a plain
        ``pelicanconf.py``'s own choices from them.
    ``pelican.paginator.PaginationRule``: the addresses of the news list's pages.
    ``pelican.readers.BaseReader``: the base of assosite's reader (``read()``).
    ``pelican.contents.Author``, ``pelican.contents.Tag``: an item's author and tags.
    ``pelican.contents.Content``: its memos of each object's HTML and summary
        (``get_content.cache``, ``get_summary.cache``), emptied before a preview build.
    ``pelican.generators.Generator``: the base of assosite's output generators
        (``context``, ``settings``, ``output_path``, ``get_template()``).
    ``pelican.generators.ArticlesGenerator``, ``pelican.generators.PagesGenerator``,
        ``pelican.generators.StaticGenerator``: created and read (``generate_context()``)
        by ``assosite check``; their lists are read and filtered by the handlers
        (``articles``, ``hidden_articles``, ``drafts``, ``pages``, ``hidden_pages``,
        ``staticfiles``, each also in ``context``).
    ``pelican.writers.Writer``: the base of the preview's and the parallel build's
        writers (``write_file(name, template, context, ..., **variables)``,
        ``output_path``, ``settings``).
    ``pelican.log.LimitFilter``: its memory of messages already logged is emptied at
        the start of each run (Pelican has no public way to do it).

Signals:
    ``signals.initialized``: the build's state (``handlers.setup``).
    ``signals.readers_init``: assosite's reader for Markdown (``Readers.reader_classes``).
    ``signals.generator_init``: ``_()`` in the templates (the generator's Jinja ``env``);
        in a preview, the articles and pages generators' content cache hooks
        (``get_cached_data``, ``cache_data``, ``path``) keep content objects between
        builds (``preview.keep_contents``).
    ``signals.article_generator_context``, ``signals.page_generator_context``: each
        file's metadata becomes a typed item, or ``status = "skip"``.
    ``signals.article_generator_pretaxonomy``, ``signals.page_generator_finalized``:
        duplicate and reserved addresses are dropped.
    ``signals.static_generator_finalized``: originals assosite re-encodes, and files
        linked from outside the site, are not copied.
    ``signals.all_generators_finalized``: editorial rules, lists, navigation, home.
    ``signals.get_generators``: assosite's output generators (after Pelican's own).
    ``signals.get_writer``: the preview's or the parallel build's writer.
    ``signals.article_generator_write_article``, ``signals.article_writer_finalized``:
        a large build queues the item pages Pelican's ``generate_articles`` writes,
        then forks.
    ``signals.finalized``: the parallel build waits for its second process.

Settings (set in ``settings.py`` unless a site's ``[pelican]`` table sets them; read
where the build needs them):
    ``PATH`` ``OUTPUT_PATH`` ``SITENAME`` ``SITEURL`` ``THEME`` ``TIMEZONE``
    ``DEFAULT_LANG`` ``PLUGINS`` ``ARTICLE_PATHS`` ``PAGE_PATHS`` ``STATIC_PATHS``
    ``STATIC_EXCLUDE_SOURCES`` ``FILENAME_METADATA`` ``PATH_METADATA``
    ``USE_FOLDER_AS_CATEGORY`` ``DEFAULT_DATE`` ``SLUGIFY_SOURCE`` ``DIRECT_TEMPLATES``
    ``PAGINATED_TEMPLATES`` ``TAGS_SAVE_AS`` ``TAGS_URL`` ``TAG_URL`` ``TAG_SAVE_AS``
    ``ARTICLE_URL`` ``ARTICLE_SAVE_AS`` ``PAGE_URL`` ``PAGE_SAVE_AS``
    ``ARTICLE_TRANSLATION_ID`` ``PAGE_TRANSLATION_ID``
    ``ARTICLE_LANG_SAVE_AS`` ``PAGE_LANG_SAVE_AS`` ``FEED_ATOM`` ``FEED_RSS``
    ``FEED_ALL_ATOM`` ``FEED_ALL_RSS`` ``CATEGORY_FEED_ATOM`` ``CATEGORY_FEED_RSS``
    ``AUTHOR_FEED_ATOM`` ``AUTHOR_FEED_RSS`` ``TAG_FEED_ATOM`` ``TAG_FEED_RSS``
    ``TRANSLATION_FEED_ATOM`` ``TRANSLATION_FEED_RSS`` ``CATEGORY_SAVE_AS``
    ``CATEGORIES_SAVE_AS`` ``AUTHOR_SAVE_AS`` ``AUTHORS_SAVE_AS`` ``ARCHIVES_SAVE_AS``
    ``YEAR_ARCHIVE_SAVE_AS`` ``MONTH_ARCHIVE_SAVE_AS`` ``DAY_ARCHIVE_SAVE_AS``
    ``DRAFT_SAVE_AS`` ``DRAFT_PAGE_SAVE_AS`` ``DRAFT_LANG_SAVE_AS``
    ``DRAFT_PAGE_LANG_SAVE_AS`` ``DEFAULT_PAGINATION`` ``PAGINATION_PATTERNS``
    ``MARKDOWN`` ``FORMATTED_FIELDS`` ``TYPOGRIFY`` ``JINJA_ENVIRONMENT``
    ``JINJA_FILTERS`` ``JINJA_GLOBALS`` ``RELATIVE_URLS`` ``DELETE_OUTPUT_DIRECTORY``
    ``OUTPUT_RETENTION`` ``CACHE_CONTENT`` ``LOAD_CONTENT_CACHE``
    ``CONTENT_CACHING_LAYER`` ``CACHE_PATH`` ``THEME_STATIC_DIR`` ``IGNORE_FILES``
    ``LOCALE``

Objects Pelican hands over:
    content objects (``Article``, ``Page``): copied by the preview (``_context``,
        ``settings``, ``metadata`` and ``translations`` set anew); ``url``, ``save_as``,
        ``template``,
        ``content`` (the HTML with Pelican's links resolved), ``date``, ``modified``,
        ``tags``, ``settings``, and every metadata key the handlers set (``item``,
        ``kind``...), read by ``outputs/`` and the preview's signatures;
    ``Tag``: ``name``, ``slug``, ``url``; a pagination page: ``object_list``;
    ``Static``: ``relative_source_path``;
    the templates' context: ``articles``, ``pages``, ``tags``, ``staticfiles``, and
        each page's variables (``article``, ``page``, ``articles_page``...), which the
        theme's templates read like those of any Pelican theme.
"""

from __future__ import annotations

from pelican import signals

from assosite.plugin import handlers


def register() -> None:
    """Connect assosite to Pelican's signals."""
    signals.initialized.connect(handlers.setup)
    signals.readers_init.connect(handlers.add_reader)
    signals.generator_init.connect(handlers.install_translations)
    signals.generator_init.connect(handlers.keep_contents)
    signals.article_generator_context.connect(handlers.read_item)
    signals.page_generator_context.connect(handlers.read_item)
    signals.article_generator_pretaxonomy.connect(handlers.drop_duplicate_articles)
    signals.page_generator_finalized.connect(handlers.drop_duplicate_pages)
    signals.all_generators_finalized.connect(handlers.finalize)
    signals.get_generators.connect(handlers.output_generators)
    signals.get_writer.connect(handlers.writer_class)
    signals.article_generator_write_article.connect(handlers.announce_item_page)
    signals.article_writer_finalized.connect(handlers.start_item_writer)
    signals.finalized.connect(handlers.join_writers)
    signals.static_generator_finalized.connect(handlers.drop_raw_images)
