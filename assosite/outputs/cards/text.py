"""Fit text in a box on a social card: bundled fonts, fallback per character, wrap, shrink, cut.

Text is drawn with the bundled Noto Sans; a character it lacks is drawn with Noto
Emoji, then Noto Sans Symbols 2. A character that none of them covers is dropped
(never drawn as a missing-glyph box), and so is a stray joiner or variation
selector. Fitting wraps at spaces (never at a no-break space), breaks a word that
is wider than the box with a hyphen, shrinks the size step by step down to a
minimum, and only then cuts the last line with an ellipsis.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont, features

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
REGULAR = "NotoSans-Regular.ttf"
BOLD = "NotoSans-Bold.ttf"
FALLBACKS = ("NotoEmoji-Regular.ttf", "NotoSansSymbols2-Regular.ttf")
ELLIPSIS = "…"
HYPHEN = "-"
LINE_HEIGHT = 1.22

# Characters that belong to the one before them (accents, joiners, emoji modifiers).
_JOINING = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}
_BREAKING_SPACES = " \t\n\r\u2002\u2003\u2009\u200a"
_CLOSING = ":;!?»”"
_SPACES = re.compile("[" + _BREAKING_SPACES + "]+")
_OPENING = ("«", "“")

_LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


def fonts_digest() -> str:
    """Return the sha256 of every bundled font file (part of each card's hash)."""
    return _fonts_digest()


@functools.cache
def _fonts_digest() -> str:
    digest = hashlib.sha256()
    for name in (REGULAR, BOLD, *FALLBACKS):
        digest.update((FONT_DIR / name).read_bytes())
    return digest.hexdigest()


@functools.cache
def coverage(name: str) -> frozenset[int]:
    """Return the code points that the bundled font ``name`` has a glyph for."""
    with TTFont(FONT_DIR / name, lazy=True) as font:
        return frozenset(font.getBestCmap())


def load_fonts() -> None:
    """Read every bundled font's characters now (a process that forks card drawers)."""
    for name in (REGULAR, BOLD, *FALLBACKS):
        coverage(name)


@functools.cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """Return the bundled font ``name`` at ``size`` pixels (loaded once per process)."""
    return ImageFont.truetype(FONT_DIR / name, size, layout_engine=_LAYOUT)


def _is_joining(char: str) -> bool:
    return (
        char in _JOINING
        or unicodedata.category(char).startswith("M")
        or 0x1F3FB <= ord(char) <= 0x1F3FF  # skin tones
        or 0xE0020 <= ord(char) <= 0xE007F  # tag characters of subdivision flags
    )


@functools.lru_cache(maxsize=4096)
def runs(text: str, face: str) -> tuple[tuple[str, str], ...]:
    """Split ``text`` into (text, font name) runs, each drawn with a font that covers it.

    Args:
        text: one line of text.
        face: the main font (``REGULAR`` or ``BOLD``).

    Returns:
        The runs in order; characters no bundled font covers are left out.
    """
    main = coverage(face)
    if all(ord(char) in main for char in text):  # the usual case: one run
        return ((text, face),) if text else ()
    chain = (face, *FALLBACKS)
    result: list[list[str]] = []
    for char in text:
        code = ord(char)
        if _is_joining(char) and result:
            if code in coverage(result[-1][1]):
                result[-1][0] += char
            continue
        name = next((n for n in chain if code in coverage(n)), None)
        if name is None:
            continue
        if result and result[-1][1] == name:
            result[-1][0] += char
        else:
            result.append([char, name])
    return tuple((part, name) for part, name in result)


@functools.lru_cache(maxsize=8192)
def width(text: str, face: str, size: int) -> float:
    """Return the advance width of ``text`` in pixels, fallback fonts included."""
    return sum(font(name, size).getlength(part) for part, name in runs(text, face))


def _line_width(words: list[str], face: str, size: int) -> float:
    """Return the width of words set on one line (each word measured once)."""
    return sum(width(word, face, size) for word in words) + width(" ", face, size) * (
        len(words) - 1
    )


def clean(text: str) -> str:
    """Return ``text`` on one line: spaces collapsed, uncovered characters left out."""
    kept = "".join(part for part, _ in runs(_SPACES.sub(" ", text), REGULAR))
    return _SPACES.sub(" ", kept).strip()


@dataclass(frozen=True, slots=True)
class TextBox:
    """Where and how a block of text may be set.

    Attributes:
        width: the widest a line may be, in pixels.
        height: the tallest the block may be, in pixels.
        face: the font (``REGULAR`` or ``BOLD``).
        size: the preferred size in pixels.
        minimum: the smallest size before cutting with an ellipsis.
        max_lines: the most lines, whatever the size.
    """

    width: int
    height: int
    face: str
    size: int
    minimum: int
    max_lines: int = 6


@dataclass(frozen=True, slots=True)
class FittedText:
    """A block of text as it will be drawn.

    Attributes:
        lines: the lines, top to bottom.
        face: the font.
        size: the size in pixels.
        cut: True when the text did not fit and ends with an ellipsis.
    """

    lines: tuple[str, ...]
    face: str
    size: int
    cut: bool = False

    @property
    def line_height(self) -> int:
        """Distance between two baselines, in pixels."""
        return round(self.size * LINE_HEIGHT)

    @property
    def height(self) -> int:
        """Height of the whole block, in pixels."""
        return self.line_height * len(self.lines)


def fit(text: str, box: TextBox) -> FittedText:
    """Return ``text`` wrapped at the largest size that fits ``box``, cut as a last resort.

    Sizes go down 2 pixels at a time from ``box.size`` to ``box.minimum``; at the
    minimum, lines that do not fit are dropped and the last kept line ends with an
    ellipsis. A line never overflows ``box.width``.
    """
    text = clean(text)
    if not text:
        return FittedText((), box.face, box.size)
    size = box.size
    while True:
        room = max(1, min(box.max_lines, box.height // round(size * LINE_HEIGHT)))
        lines = wrap(text, box.face, size, box.width)
        if len(lines) <= room:
            return FittedText(tuple(lines), box.face, size)
        if size - 2 < box.minimum:
            kept = [*lines[: room - 1], _ellipsize(lines[room - 1], box.face, size, box.width)]
            return FittedText(tuple(kept), box.face, size, cut=True)
        size -= 2


def wrap(text: str, face: str, size: int, limit: int) -> list[str]:
    """Break ``text`` into lines no wider than ``limit`` pixels, greedily.

    A word wider than a line is broken between two characters, with a hyphen.
    """
    lines: list[str] = []
    line: list[str] = []
    for token in _words(text):
        word = token
        if _line_width([*line, word], face, size) <= limit:
            line.append(word)
            continue
        if line:
            lines.append(" ".join(line))
        while width(word, face, size) > limit and len(_clusters(word)) > 1:
            head, word = _break_word(word, face, size, limit)
            lines.append(head)
        line = [word]
    if line:
        lines.append(" ".join(line))
    return lines


def _words(text: str) -> list[str]:
    """Split ``text`` at breaking spaces; French marks stay with their word.

    « : », « ; », « ! », « ? » and « » » never start a line, and « « » never ends
    one, even when typed after an ordinary space.
    """
    words: list[str] = []
    for word in _SPACES.split(text):
        if not word:
            continue
        if words and (word[0] in _CLOSING or words[-1] in _OPENING):
            words[-1] += "\u00a0" + word
        else:
            words.append(word)
    return words


def _clusters(text: str) -> list[str]:
    """Split ``text`` between characters, never inside a letter and its accents."""
    clusters: list[str] = []
    for char in text:
        if clusters and (_is_joining(char) or clusters[-1].endswith("\u200d")):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _break_word(word: str, face: str, size: int, limit: int) -> tuple[str, str]:
    """Return the longest head of ``word`` that fits with a hyphen, and the rest."""
    clusters = _clusters(word)
    count = len(clusters) - 1
    while count > 1 and width("".join(clusters[:count]) + HYPHEN, face, size) > limit:
        count -= 1
    return "".join(clusters[:count]) + HYPHEN, "".join(clusters[count:])


def _ellipsize(line: str, face: str, size: int, limit: int) -> str:
    """Return ``line`` shortened (whole words first) so that it fits with an ellipsis."""
    clusters = _clusters(line)
    while clusters and width("".join(clusters).rstrip(" ,;:.") + ELLIPSIS, face, size) > limit:
        text = "".join(clusters)
        cut = text.rfind(" ")
        clusters = _clusters(text[:cut]) if cut > len(text) // 2 else clusters[:-1]
    return "".join(clusters).rstrip(" ,;:.") + ELLIPSIS
