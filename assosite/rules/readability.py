"""French readability: the Kandel & Moles (1958) adaptation of Flesch's reading ease.

    L = 207 − 1,015 × (mots / phrases) − 73,6 × (syllabes / mots)

Reference: L. Kandel et A. Moles, « Application de l'indice de Flesch à la langue
française », Cahiers Études de Radio-Télévision, n° 19, 1958, p. 253–274. Higher is
easier: about 60 and more for a general audience, under 30 for specialists.

Syllables are counted the way the formula's users count them by hand, on the written
word: groups of vowels (``eau`` and ``oi`` are one), with a final mute ``e``/``es``
dropped when the word has another vowel group.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœÆæ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿŒœÆæ]+)*")
_VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿœæ]+")
_MUTE_E = re.compile(r"[^aeiouyàâäéèêëîïôöùûü](e|es)$")
_SENTENCE_END = re.compile(r"[.!?…]+(?:\s|$)|\n\s*\n")


@dataclass(frozen=True, slots=True)
class TextStats:
    """Counts of a text and its Kandel & Moles score.

    Attributes:
        words: number of words.
        sentences: number of sentences (at least 1 for a text with words).
        syllables: number of syllables.
    """

    words: int
    sentences: int
    syllables: int

    @property
    def score(self) -> float:
        """The Kandel & Moles reading ease (higher is easier)."""
        if not self.words:
            return 100.0
        return 207 - 1.015 * (self.words / self.sentences) - 73.6 * (self.syllables / self.words)


def words(text: str) -> list[str]:
    """Return the words of ``text`` (« aujourd'hui » and « porte-monnaie » count as one)."""
    return _WORD.findall(text)


@functools.lru_cache(maxsize=65536)  # a site's vocabulary repeats: count each word once
def syllables(word: str) -> int:
    """Return the number of written syllables of a French word (at least 1)."""
    lowered = word.lower().replace("’", "'")
    count = len(_VOWELS.findall(lowered))
    if count > 1 and _MUTE_E.search(lowered):
        count -= 1
    return max(count, 1)


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences (ends: . ! ? … or a blank line)."""
    return [sentence for sentence, _ in sentence_words(text)]


def sentence_words(text: str) -> list[tuple[str, list[str]]]:
    """Return each sentence of ``text`` with its words (the words are found once)."""
    found = ((part.strip(), words(part)) for part in _SENTENCE_END.split(text))
    return [(sentence, its_words) for sentence, its_words in found if its_words]


@functools.lru_cache(maxsize=256)  # several rules read the same text's counts
def analyse(text: str) -> TextStats:
    """Count words, sentences and syllables of ``text``."""
    parts = sentence_words(text)
    found = [word for _, its_words in parts for word in its_words]
    return TextStats(
        words=len(found),
        sentences=len(parts) or 1,
        syllables=sum(syllables(w) for w in found),
    )
