"""assosite as a Pelican namespace plugin: ``PLUGINS = ["assosite"]`` in ``pelicanconf.py``.

Installed by assosite's wheel next to Pelican's own ``pelican.plugins`` (the way the
pelican-plugins organisation ships its plugins); the code lives in ``assosite.plugin``.
"""

from assosite.plugin import register

__all__ = ["register"]
