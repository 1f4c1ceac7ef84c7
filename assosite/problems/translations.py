"""Interface words in the site's language: the theme's Babel catalogue, read at build time.

Templates are written in French and mark their words with ``_("…")`` (Jinja2's
``i18n`` extension); ``themes/<theme>/translations/<lang>/LC_MESSAGES/messages.po``
gives the other languages. The ``.po`` file is compiled in memory, so a theme
author edits text files only.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

SOURCE_LANGUAGE = "fr"


def load_translations(theme: Path, language: str) -> gettext.NullTranslations:
    """Return the translations of ``theme`` for ``language``.

    French (the templates' own language) and languages without a catalogue get
    null translations, which return the French text unchanged.
    """
    po = theme / "translations" / language / "LC_MESSAGES" / "messages.po"
    if language == SOURCE_LANGUAGE or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)
