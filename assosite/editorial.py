"""Editorial rules over all published items: one small function per rule, each → Problems.

The editorial issue completes the catalogue; the rules read the typed items only,
so ``assosite check`` and ``assosite build`` report exactly the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from assosite.config import EditorialSection
from assosite.report import Problem, make_problem
from assosite.schemas import Item


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found: its code, the key it is about, the message values."""

    code: str
    key: str
    params: dict[str, Any]


def title_length(item: Item, settings: EditorialSection) -> Iterator[Finding]:
    """AS301: a title longer than ``title_max_length`` characters."""
    limit = settings.title_max_length
    if limit and len(item.title) > limit:
        yield Finding("AS301", "title", {"length": len(item.title), "limit": limit})


RULES: tuple[Callable[[Item, EditorialSection], Iterator[Finding]], ...] = (title_length,)


def run(
    items: Iterable[Item], settings: EditorialSection, line_of: Callable[[Item, str], int]
) -> list[Problem]:
    """Apply every rule to every item.

    Args:
        items: the published items.
        settings: the ``[editorial]`` settings.
        line_of: returns the line of a key in an item's file.

    Returns:
        The problems, in item order.
    """
    return [
        make_problem(found.code, item.source, line_of(item, found.key), **found.params)
        for item in items
        for rule in RULES
        for found in rule(item, settings)
    ]
