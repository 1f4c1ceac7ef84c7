"""Pelican plugin entry point: connects Pelican's signals to assosite's steps. No logic here.

Enable it from a plain ``pelicanconf.py`` with ``PLUGINS = ["assosite.plugin"]``; the
``assosite`` command enables it itself.
"""

from __future__ import annotations

from pelican import signals

from assosite.plugin import handlers


def register() -> None:
    """Connect assosite to Pelican's signals."""
    signals.initialized.connect(handlers.setup)
    signals.readers_init.connect(handlers.add_reader)
    signals.generator_init.connect(handlers.install_translations)
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
