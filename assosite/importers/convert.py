"""Turn another tool's text into assosite's Markdown: HTML, shortcodes, Liquid, summaries.

HTML (WordPress) goes through BeautifulSoup, where images, captions and embeds are
rewritten, then through markdownify (a well-kept HTML to Markdown converter, see
docs/dev/importers.md). Markdown from Hugo, Jekyll or Pelican keeps its text; only the
template codes (``{{< figure >}}``, ``{% include %}``, ``[caption]``…) and the image
paths change. A code with no equivalent is removed and reported (AS263), never left
in a page.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment
from markdownify import MarkdownConverter

from assosite.importers.report import ImportReport

# Gutenberg block delimiters and WordPress's "read more" marker.
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
MORE = re.compile(r"<!--\s*more\s*-->")
_BLOCKS = "p|ul|ol|h[1-6]|blockquote|table|div|figure|pre|hr|dl|iframe|form|section"
_BLOCK_TAG = re.compile(rf"^\s*<({_BLOCKS}|!--)\b", re.IGNORECASE)
_WP_SHORTCODE = re.compile(
    r"\[(?P<name>[a-z][a-z0-9_-]*)(?P<attrs>(?:\s[^\]]*)?)\]"
    r"(?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.DOTALL,
)
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.MULTILINE)
_PLAYERS = {
    "youtube.com": "la vidéo sur YouTube",
    "youtu.be": "la vidéo sur YouTube",
    "vimeo.com": "la vidéo sur Vimeo",
    "dailymotion.com": "la vidéo sur Dailymotion",
    "soundcloud.com": "le son sur SoundCloud",
    "twitter.com": "le message sur X (Twitter)",
    "x.com": "le message sur X (Twitter)",
    "facebook.com": "la publication sur Facebook",
    "instagram.com": "la publication sur Instagram",
}
_MEDIA = ("caption", "wp_caption", "gallery", "embed", "video", "audio")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a text comes from, for the report: the old site's file and line."""

    path: str
    line: int


# What a source gives the converter to find an image: the reference as written and
# where it was written; the answer is the path in content/ (None: missing, reported).
ResolveImage = Callable[[str, Place], str | None]


def _is_shortcode(match: re.Match[str], text: str) -> bool:
    """Tell a WordPress code from Markdown's ``[text](link)`` and ``[1]`` notes."""
    if text[match.end() : match.end() + 1] in ("(", "[", ":"):
        return False
    return match.group("name") in _MEDIA or bool(
        (match.group("attrs") or "").strip() or match.group("inner") is not None
    )


def shortcode_attributes(text: str) -> dict[str, str]:
    """Return the ``key="value"`` attributes of a shortcode (positional ones as ``0``, ``1``…)."""
    try:
        words = shlex.split(text.replace("\u201c", '"').replace("\u201d", '"'))
    except ValueError:
        words = text.split()
    values: dict[str, str] = {}
    for index, word in enumerate(words):
        key, sep, value = word.partition("=")
        if sep and key:
            values[key.lower()] = value
        else:
            values[str(index)] = word
    return values


def figure_html(src: str, alt: str, caption: str = "") -> str:
    """Return an image with its caption as HTML (the converter turns it into Markdown)."""
    soup = BeautifulSoup("", "html.parser")
    figure = soup.new_tag("figure")
    figure.append(soup.new_tag("img", attrs={"src": src, "alt": alt}))
    if caption:
        cap = soup.new_tag("figcaption")
        cap.string = caption
        figure.append(cap)
    return str(figure)


def embed_words(url: str) -> tuple[str, str]:
    """Return the address to link to for an embedded player, and words that say where."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    match = re.match(r"/embed/([\w-]+)", parts.path)
    if match and "youtube" in host:
        url = f"https://www.youtube.com/watch?v={match.group(1)}"
    for known, name in _PLAYERS.items():
        if host == known or host.endswith("." + known):
            return url, f"Voir {name}"
    return url, f"Voir sur {host}" if host else url


def link_html(url: str, text: str = "") -> str:
    """Return a paragraph with one link (embeds, videos and sounds become links)."""
    if not text:
        url, text = embed_words(url)
    soup = BeautifulSoup("", "html.parser")
    para = soup.new_tag("p")
    anchor = soup.new_tag("a", attrs={"href": url})
    anchor.string = text
    para.append(anchor)
    return str(para)


def autop(text: str) -> str:
    """Add paragraphs to classic-editor WordPress text (as WordPress shows it).

    Blank lines separate paragraphs and a single line break is a ``<br>``; blocks
    that already are HTML (lists, headings, tables…) are kept as they are.
    """
    if re.search(r"<p[\s>]", text, re.IGNORECASE):
        return text
    # Block tags stand on their own, as WordPress's wpautop() puts them.
    text = re.sub(rf"(</(?:{_BLOCKS})>)", r"\1\n\n", text, flags=re.IGNORECASE)
    text = re.sub(rf"(<(?:{_BLOCKS})\b)", r"\n\n\1", text, flags=re.IGNORECASE)
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    out = []
    for chunk in chunks:
        if _BLOCK_TAG.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br />\n") + "</p>")
    return "\n\n".join(out)


def _caption(attrs: dict[str, str], inner: str) -> str | None:
    """Return a ``[caption]`` as a figure: the image with its alt text, then the caption."""
    soup = BeautifulSoup(inner, "html.parser")
    img = soup.find("img")
    if img is None:
        return None
    for tag in soup.find_all(["a", "img"]):
        tag.extract()
    caption = attrs.get("caption") or soup.get_text(" ", strip=True)
    alt = str(img.get("alt", "")).strip() or caption
    return figure_html(str(img.get("src", "")), alt, caption)


class _Converter(MarkdownConverter):
    """markdownify with the captions of figures kept as a line of their own."""

    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""

    def convert_figure(self, el, text, parent_tags):
        return f"\n\n{text.strip()}\n\n"


def html_to_markdown(html: str) -> str:
    """Return Markdown for HTML that was already cleaned (ATX headings, ``-`` bullets)."""
    converter = _Converter(
        heading_style="ATX", bullets="-", escape_underscores=False, table_infer_header=True
    )
    text = converter.convert(html)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _demote_headings(soup: BeautifulSoup) -> None:
    """Start a text's headings at level 2: the page's title is its only level 1."""
    levels = [int(tag.name[1]) for tag in soup.find_all(re.compile(r"^h[1-6]$"))]
    shift = 2 - min(levels) if levels and min(levels) < 2 else 0
    if shift:
        for tag in soup.find_all(re.compile(r"^h[1-6]$")):
            tag.name = f"h{min(6, int(tag.name[1]) + shift)}"


class Rewriter:
    """Rewrites one site's texts: template codes, images and links, with a report.

    Args:
        report: where what could not be converted goes.
        resolve: finds an image (or a file) and returns its path in ``content/``.
        links: old addresses (or source files) and the new address of each.
    """

    def __init__(
        self,
        report: ImportReport,
        resolve: ResolveImage,
        links: dict[str, str] | None = None,
        attachments: dict[str, tuple[str, str]] | None = None,
        base: str = "",
    ) -> None:
        self.report = report
        # The old site's address: a missing image keeps a link to where it was.
        self.base = base
        # The text being converted, as written: problems point at the line of a code.
        self._source = ""
        self.resolve = resolve
        self.links = links or {}
        # WordPress attachments by id: (address of the file, alt text).
        self.attachments = attachments or {}

    def _at(self, place: Place, written: str) -> Place:
        """Return the place of ``written`` in the text being converted (its start if not found)."""
        index = self._source.find(written) if written else -1
        if index < 0:
            return place
        return Place(place.path, place.line + self._source.count("\n", 0, index))

    # -- WordPress ---------------------------------------------------------------------

    def wordpress(self, html: str, place: Place, children: tuple[str, ...] = ()) -> str:
        """Return the Markdown of a WordPress post's HTML.

        Args:
            html: the post's ``content:encoded``.
            place: the item in the export, for the report.
            children: ids of the attachments of the post (a ``[gallery]`` without ids).
        """
        self._source = html
        html = _BLOCK_COMMENT.sub("", html)
        html = autop(MORE.sub("", html))
        html = _URL_LINE.sub(lambda m: link_html(m.group(1)), html)
        html = self._wp_shortcodes(html, place, children)
        try:
            return self.html(html, place)
        finally:
            self._source = ""

    def _wp_shortcodes(self, html: str, place: Place, children: tuple[str, ...]) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group("name")
            if not _is_shortcode(match, html):
                return match.group(0)
            attrs = shortcode_attributes(match.group("attrs") or "")
            inner = match.group("inner") or ""
            at = self._at(place, match.group(0))
            converted = self._wp_shortcode(name, attrs, inner, children, at)
            if converted is None:
                self.report.problem("AS263", at.path, at.line, value=f"[{name}]")
                return inner
            return converted

        previous = None
        while previous != html:  # codes inside codes ([caption] around [embed])
            previous, html = html, _WP_SHORTCODE.sub(replace, html)
        return html

    def _wp_shortcode(
        self,
        name: str,
        attrs: dict[str, str],
        inner: str,
        children: tuple[str, ...],
        place: Place,
    ) -> str | None:
        if name in ("caption", "wp_caption"):
            return _caption(attrs, inner)
        if name == "gallery":
            ids = [i.strip() for i in attrs.get("ids", "").split(",") if i.strip()] or children
            found = [self.attachments[i] for i in ids if i in self.attachments]
            return "".join(figure_html(url, alt) for url, alt in found) or None
        if name == "embed":
            url = (inner or attrs.get("src", "") or attrs.get("0", "")).strip()
            return link_html(url) if url.startswith(("http://", "https://")) else None
        if name in ("video", "audio"):
            return self._media(name, attrs, place)
        return None

    def _media(self, name: str, attrs: dict[str, str], place: Place) -> str | None:
        """Return a ``[video]`` or ``[audio]`` as a link to its file (copied when found)."""
        keys = ("src", "mp4", "webm", "ogv", "mp3", "ogg", "m4a", "wav")
        url = next((attrs[k] for k in keys if attrs.get(k)), "")
        if not url:
            return None
        local = self.resolve(url, place)
        words = "Voir la vidéo" if name == "video" else "Écouter le son"
        file_name = url.rsplit("/", 1)[-1]
        return link_html("{static}/" + local if local else url, f"{words} « {file_name} »")

    # -- HTML to Markdown ----------------------------------------------------------------

    def html(self, html: str, place: Place) -> str:
        """Return the Markdown of HTML, with images found, embeds as links, links renewed."""
        soup = BeautifulSoup(html, "html.parser")
        for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
            node.extract()
        for tag in soup.find_all(["script", "style", "noscript"]):
            tag.decompose()
        for frame in soup.find_all(["iframe", "embed", "object"]):
            src = frame.get("src") or frame.get("data") or ""
            frame.replace_with(BeautifulSoup(link_html(src), "html.parser") if src else "")
        _demote_headings(soup)
        for img in soup.find_all("img"):
            self._image_tag(img, place)
        for anchor in soup.find_all("a"):
            self._link_tag(anchor, place)
        return html_to_markdown(str(soup))

    def _image_tag(self, img, place: Place) -> None:
        src = str(img.get("src", "")).strip()
        alt = " ".join(str(img.get("alt", "")).split())
        local = self.resolve(src, self._at(place, src)) if src else None
        if local is None:
            # The text keeps a link to where the image was, so nothing is lost.
            soup = BeautifulSoup("", "html.parser")
            href = urljoin(self.base + "/", src) if self.base else src
            anchor = soup.new_tag("a", attrs={"href": href})
            anchor.string = f"Image : {alt}" if alt else "Image"
            img.replace_with(anchor)
            return
        img.attrs = {"src": local, "alt": alt}
        parent = img.parent
        # A thumbnail linked to its full size: the image alone (assosite serves sizes).
        if (
            parent is not None
            and parent.name == "a"
            and len(parent.find_all(True)) == 1
            and not parent.get_text(strip=True)
            and self._is_image_link(str(parent.get("href", "")))
        ):
            parent.replace_with(img)

    def _is_image_link(self, href: str) -> bool:
        return bool(
            re.search(r"\.(jpe?g|png|gif|webp|svg)$", href.split("?", maxsplit=1)[0], re.I)
        ) or ("attachment_id=" in href)

    def _link_tag(self, anchor, place: Place) -> None:
        href = str(anchor.get("href", ""))
        new = self.links.get(href) or self.links.get(href.rstrip("/") + "/")
        if new:
            anchor["href"] = new
        elif re.search(r"/wp-content/uploads/", href):
            local = self.resolve(href, self._at(place, href))
            if local:
                anchor["href"] = "{static}/" + local

    # -- Markdown from static site tools ----------------------------------------------

    def markdown(self, text: str, place: Place, codes: Callable[[str, Place], str]) -> str:
        """Return Markdown with the tool's template codes converted and images found.

        Args:
            text: the body of the file.
            place: the file, for the report.
            codes: the tool's own conversion (Hugo shortcodes, Liquid…).
        """
        self._source = text
        try:
            text = MORE.sub("", text)
            text = codes(text, place)
            text = self._wp_shortcodes(text, place, ())
            return demote_markdown_headings(self._markdown_images(text, place))
        finally:
            self._source = ""

    def _markdown_images(self, text: str, place: Place) -> str:
        def image(match: re.Match[str]) -> str:
            alt, src = match.group(1), match.group(2)
            local = self.resolve(src, self._at(place, src))
            if local is None:
                href = urljoin(self.base + "/", src) if self.base else src
                return f"[Image : {alt}]({href})" if alt else f"[Image]({href})"
            return f"![{alt}]({local})"

        def document(match: re.Match[str]) -> str:
            words, href = match.group(1), match.group(2)
            local = self.resolve(href, self._at(place, href)) if _is_document(href) else None
            return f"[{words}]({{static}}/{local})" if local else match.group(0)

        text = re.sub(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", image, text)
        text = re.sub(r"(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)", document, text)
        if "<img" in text or "<figure" in text:
            text = re.sub(
                r"<figure\b.*?</figure>|<img\b[^>]*>",
                lambda m: "\n\n" + self.html(m.group(0), place).strip() + "\n\n",
                text,
                flags=re.DOTALL | re.IGNORECASE,
            )
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def strip_codes(html: str) -> str:
    """Return WordPress HTML without its block comments and bracket codes (for summaries)."""
    html = _BLOCK_COMMENT.sub("", html)
    return _WP_SHORTCODE.sub(
        lambda m: "" if m.group("name") in _MEDIA else m.group("inner") or "", html
    )


def _is_document(href: str) -> bool:
    """Return True for a link to a file of the old site (``/docs/statuts.pdf``)."""
    parts = urlsplit(href)
    suffix = PurePosixPath(parts.path).suffix.lower()
    return not (parts.scheme or parts.netloc) and suffix not in ("", ".html", ".htm", ".md", ".php")


def demote_markdown_headings(text: str) -> str:
    """Start a Markdown text's ``#`` headings at level 2 (outside code blocks)."""
    lines = text.split("\n")
    fenced = False
    headings = []
    for number, line in enumerate(lines):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and (match := re.match(r"^(#{1,6})\s", line)):
            headings.append((number, len(match.group(1))))
    if not headings or min(level for _, level in headings) > 1:
        return text
    for number, level in headings:
        if level < 6:
            lines[number] = "#" + lines[number]
    return "\n".join(lines)
