"""French typography of a text's words: no-break spaces where French wants them.

French puts a space before « ; : ! ? », inside « », and between a number and its unit;
a line must never break there (« Venez nombreux / ! »). Volunteers type ordinary
spaces: they become no-break ones, narrow before « ; ! ? » and inside « », ordinary
width before « : » and before a unit (the Imprimerie nationale's rules, as most French
publishers apply them). Only spaces already typed change: nothing is added or removed,
and code, addresses and attributes are never touched (see :func:`french_spacing`).
"""

from __future__ import annotations

import re

NARROW = "\u202f"
NO_BREAK = "\u00a0"

_RULES = (
    (re.compile(r"(?<=\S) +(?=[;!?](?:\W|$))"), NARROW),  # « Bonjour ! »
    (re.compile(r"(?<=\S) +(?=:(?:\s|$))"), NO_BREAK),  # « Horaires : »
    (re.compile(r"(?<=«) +"), NARROW),  # « le jardin »
    (re.compile(r" +(?=»)"), NARROW),
    (re.compile(r"(?<=\d) +(?=(?:€|%|\$|£|°C|km|kg|m²)(?:\W|$))"), NO_BREAK),  # 5 €, 10 %
)


def french_spacing(text: str) -> str:
    """Return ``text`` with its typed spaces made no-break where French wants them."""
    for pattern, space in _RULES:
        text = pattern.sub(space, text)
    return text
