"""French typography of a text's words: no-break spaces where French wants them.

French puts a space before « ; : ! ? », inside « », and between a number and its unit;
a line must never break there (« Venez nombreux / ! »), nor inside a time (« 21 h 30 »)
or a date (« 5 décembre »). Volunteers type ordinary spaces: they become no-break ones,
narrow before « ; ! ? » and inside « », ordinary width before « : », before a unit and
inside times and dates (the Imprimerie nationale's rules, as most French publishers
apply them). Only spaces already typed change: nothing is added or removed,
and code, addresses and attributes are never touched (see :func:`french_spacing`).
"""

from __future__ import annotations

import re

NARROW = "\u202f"
NO_BREAK = "\u00a0"

_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    "|janv\\.|févr\\.|avr\\.|juil\\.|sept\\.|oct\\.|nov\\.|déc\\."
)
_RULES = (
    (re.compile(r"(?<=\S) +(?=[;!?](?:\W|$))"), NARROW),  # « Bonjour ! »
    (re.compile(r"(?<=\S) +(?=:(?:\s|$))"), NO_BREAK),  # « Horaires : »
    (re.compile(r"(?<=«) +"), NARROW),  # « le jardin »
    (re.compile(r" +(?=»)"), NARROW),
    (re.compile(r"(?<=\d) +(?=(?:€|%|\$|£|°C|km|kg|m²)(?:\W|$))"), NO_BREAK),  # 5 €, 10 %
    (re.compile(r"\b(\d{1,2}) +(?=h(?:[ \u00a0]?\d{2})?\b)"), "\\1" + NO_BREAK),  # 21 h
    (re.compile(r"(\d\u00a0h) +(?=\d{2}\b)"), "\\1" + NO_BREAK),  # 21 h 30
    (re.compile(rf"\b(\d{{1,2}}|1er) +(?=(?:{_MONTHS})(?:\W|$))"), "\\1" + NO_BREAK),  # 5 mai
)


def french_spacing(text: str) -> str:
    """Return ``text`` with its typed spaces made no-break where French wants them."""
    for pattern, space in _RULES:
        text = pattern.sub(space, text)
    return text
