"""click's own texts (usage errors, the ``--help`` page) in the reader's language.

click writes its texts in English through the GNU gettext API: each of its modules
imports ``gettext.gettext`` as ``_`` (and ``ngettext``), which choose a catalogue from
the process's environment variables. assosite chooses its language itself (``--lang``,
``ASSOSITE_LANG``, ``LANG``; French by default), so it hands those modules the
translations of its own catalogue (``assosite/locale/<lang>/LC_MESSAGES/click.po``).
If a click release moves these names, ``tests/test_catalogue.py`` sees click speak
English again.
"""

from __future__ import annotations

import importlib

from assosite.problems.catalogue import click_translations

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
)


def use_language(language: str) -> None:
    """Make click write its own texts in ``language`` from now on, in this process."""
    texts = click_translations(language)
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module of another click release
            continue
        if hasattr(module, "_"):
            module._ = texts.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = texts.ngettext
