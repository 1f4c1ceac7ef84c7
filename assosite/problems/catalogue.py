"""The message catalogue: every text assosite writes for a person, through gettext.

assosite's texts are written in French in the code, the source language. Other languages
come from gettext catalogues in ``assosite/locale``, which Babel reads and writes:

- ``assosite.pot`` holds every French text of the Python code (``pybabel extract``);
  ``<lang>/LC_MESSAGES/assosite.po`` translates it, compiled to ``assosite.mo`` for the
  wheel. A problem's two sentences carry its code as context (``msgctxt "AS203"``).
- ``fr/LC_MESSAGES/click.po`` translates click's own English texts (usage errors, the
  ``--help`` page) into French.
- The theme's words live with the theme (``themes/<theme>/translations``), so a theme
  carries its own; :func:`theme_translations` reads them.

``docs/dev/translations.md`` gives the commands that extract, update and compile them.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

SOURCE_LANGUAGE = "fr"
LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "assosite"
CLICK_DOMAIN = "click"


def N_(text: str) -> str:
    """Mark ``text`` for extraction; it is translated later, where it is shown."""
    return text


def site_word(text: str) -> str:
    """Mark ``text`` as a word of the site (the theme's catalogue), translated where shown."""
    return text


def coded(code: str, text: str) -> str:
    """Mark ``text`` as a sentence of the problem ``code`` (its gettext context)."""
    del code
    return text


class FrenchSource(gettext.NullTranslations):
    """The source language: texts unchanged, with French plural forms (0 and 1 are one)."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """Return the singular for 0 and 1, else the plural."""
        return msgid1 if n <= 1 else msgid2

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        """Like :meth:`ngettext`, with a context."""
        del context
        return self.ngettext(msgid1, msgid2, n)


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """Return assosite's own texts in ``language`` (French, the source, when unknown)."""
    if language == SOURCE_LANGUAGE:
        return FrenchSource()
    return gettext.translation(DOMAIN, LOCALE, [language], fallback=True)


@functools.cache
def click_translations(language: str) -> gettext.NullTranslations:
    """Return click's own texts in ``language`` (click writes English)."""
    return gettext.translation(CLICK_DOMAIN, LOCALE, [language], fallback=True)


def gettext_in(language: str, text: str) -> str:
    """Return ``text`` (French, marked with :func:`N_`) in ``language``."""
    return translations(language).gettext(text)


def ngettext_in(language: str, singular: str, plural: str, n: int) -> str:
    """Return the form of ``singular``/``plural`` that fits ``n``, in ``language``."""
    return translations(language).ngettext(singular, plural, n)


def theme_translations(theme: Path, language: str) -> gettext.NullTranslations:
    """Return the words of ``theme`` for ``language``, from its Babel ``.po`` file.

    Templates are written in French and mark their words with ``_("…")`` (Jinja2's
    ``i18n`` extension); ``themes/<theme>/translations/<lang>/LC_MESSAGES/messages.po``
    gives the other languages. The ``.po`` file is compiled in memory, so a theme
    author edits text files only; it is compiled once while it stays the same (the
    settings, the templates, the cards and the portal all ask for it). French and
    languages without a catalogue get null translations, which return the French text
    unchanged.
    """
    po = theme / "translations" / language / "LC_MESSAGES" / "messages.po"
    if language == SOURCE_LANGUAGE or not po.is_file():
        return gettext.NullTranslations()
    stat = po.stat()
    return _compiled(po.resolve(), language, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _compiled(po: Path, language: str, mtime_ns: int, size: int) -> gettext.NullTranslations:
    """Compile ``po`` (the file as it was at ``mtime_ns`` and ``size``)."""
    del mtime_ns, size  # part of the cache key only: an edited file is compiled again
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)
