"""The summary (chapô) of an imported item: plain words, cut at a sentence within the budget.

An excerpt, the text before ``<!--more-->`` or the first paragraph gives the words;
:func:`cut_summary` keeps the whole sentences that fit in the site's
``summary_max_length``.
"""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from assosite.reading.summaries import cut


def html_text(html: str) -> str:
    """Return the words of HTML without its tags, on one line."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def plain_text(markdown_text: str) -> str:
    """Return the words of Markdown without any markup, on one line."""
    html = markdown.markdown(markdown_text)
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def first_paragraph(markdown_text: str) -> str:
    """Return the words of the first paragraph with text (not a heading nor an image)."""
    soup = BeautifulSoup(markdown.markdown(markdown_text), "html.parser")
    for para in soup.find_all("p"):
        words = " ".join(para.get_text(" ").split())
        if words and not words.startswith("Image :"):
            return words
    return ""


def cut_summary(text: str, budget: int) -> str:
    """Return the first sentences of ``text`` that fit in ``budget`` characters.

    The reader's own rule (:func:`assosite.reading.summaries.cut`), on the text's words:
    a first sentence longer than the budget is cut after a whole word, with « … ».
    """
    return cut(" ".join(text.split()), budget)
