"""The summary of a text that has none: the part before ``<!--more-->``, or its first paragraph.

Hugo, Jekyll and WordPress mark the end of a text's teaser with ``<!--more-->``;
without it, they take the beginning of the text. assosite does the same, then keeps
whole sentences within the summary budget (``[editorial] summary_max_length``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "output_format": "html5",
}


@functools.cache
def _markdown() -> Any:
    """Return the Markdown instance of summaries, made once (its extensions load once).

    Markdown is imported here: a build that finds nothing changed never needs it.
    """
    from markdown import Markdown  # noqa: PLC0415

    return Markdown(**_MARKDOWN)


def summary_from_text(body: str, budget: int) -> str:
    """Return a summary taken from a Markdown text, within ``budget`` characters.

    Args:
        body: the Markdown text (shortcodes already turned into Markdown).
        budget: the longest summary, in characters (0: no limit).

    Returns:
        The text before ``<!--more-->``, else the first paragraph, cut after the
        last whole sentence that fits; "" when the text has no paragraph.
    """
    teaser = _MORE.split(body, maxsplit=1)
    html = _markdown().reset().convert(teaser[0] if len(teaser) > 1 else body)
    if not html.strip():
        return ""
    import lxml.html  # noqa: PLC0415 (lxml loads only for a text without summary)

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return ""
    text = " ".join(paragraphs) if len(teaser) > 1 else paragraphs[0]
    return cut(text, budget)


def cut(text: str, budget: int) -> str:
    """Return ``text`` cut after its last whole sentence within ``budget`` characters.

    A first sentence longer than the budget is cut after a word, with « … ».
    """
    if not budget or len(text) <= budget:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        longer = f"{kept} {sentence}".strip()
        if len(longer) > budget:
            break
        kept = longer
    if kept:
        return kept
    words = text[: budget - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{words}…"
