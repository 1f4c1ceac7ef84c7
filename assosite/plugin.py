"""Pelican plugin entry point: connects Pelican's signals to assosite's steps. No logic here.

Enable it from a plain ``pelicanconf.py`` with ``PLUGINS = ["assosite.plugin"]``; the
``assosite`` command enables it itself.
"""

from __future__ import annotations

from pelican import signals

from assosite import imagestore, pipeline


def register() -> None:
    """Connect assosite to Pelican's signals."""
    signals.initialized.connect(pipeline.setup)
    signals.readers_init.connect(pipeline.add_reader)
    signals.generator_init.connect(pipeline.install_translations)
    signals.article_generator_context.connect(pipeline.read_item)
    signals.page_generator_context.connect(pipeline.read_item)
    signals.article_generator_pretaxonomy.connect(pipeline.drop_duplicate_articles)
    signals.page_generator_finalized.connect(pipeline.drop_duplicate_pages)
    signals.all_generators_finalized.connect(pipeline.finalize)
    signals.get_generators.connect(pipeline.output_generators)
    signals.get_writer.connect(pipeline.writer_class)
    signals.finalized.connect(pipeline.join_writers)
    signals.static_generator_finalized.connect(imagestore.drop_raw_images)
