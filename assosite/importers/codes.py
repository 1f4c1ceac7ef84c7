"""Template codes of static site tools turned into Markdown: Hugo shortcodes, Liquid, Pelican.

Each function takes a text and returns it with every code it knows converted (a
figure becomes an image with its caption, a video a link, a link to another page its
new address) and every other code removed and reported (AS263). What a paired code
wraps is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assosite.importers.convert import Place, shortcode_attributes
from assosite.importers.report import ImportReport

_HUGO = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)(.*?)\s*[>%]\}\}", re.DOTALL)
_HUGO_PAIR = (
    r"\{{\{{[<%]\s*{name}\b(?P<attrs>.*?)[>%]\}}\}}"
    r"(?P<inner>.*?)\{{\{{[<%]\s*/\s*{name}\s*[>%]\}}\}}"
)
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
_LIQUID_OUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
_PELICAN_LINK = re.compile(
    r"[{|](static|attach|filename|tag|category|author|index)[}|]([^)\s\"'>]*)"
)

_VIDEO_URLS = {
    "youtube": "https://www.youtube.com/watch?v={id}",
    "vimeo": "https://vimeo.com/{id}",
    "instagram": "https://www.instagram.com/p/{id}/",
}
_VIDEO_WORDS = {"youtube": "Vidéo sur YouTube", "vimeo": "Vidéo sur Vimeo"}


@dataclass(frozen=True, slots=True)
class CodeContext:
    """What converting one file's codes needs.

    Attributes:
        report: where unknown codes go.
        link: the new address of another file of the old site (None: unknown).
        values: the file's own front matter (Hugo's ``param``, Liquid's ``page.x``).
        tags_url: the address of a tag's page, from the tag (Pelican's ``{tag}``).
        body: the file's text as written, to find the line of a code.
    """

    report: ImportReport
    link: Callable[[str], str | None]
    values: dict[str, object]
    tags_url: Callable[[str], str]
    body: str = ""

    def line_of(self, place: Place, written: str) -> int:
        """Return the line of the file where ``written`` first is (the text's start if not)."""
        index = self.body.find(written)
        return place.line + (self.body[:index].count("\n") if index >= 0 else 0)


def _fenced(language: str, code: str) -> str:
    return f"\n\n```{language.strip()}\n{code.strip(chr(10))}\n```\n\n"


def _image(attrs: dict[str, str]) -> str:
    src = attrs.get("src") or attrs.get("image_path") or attrs.get("image") or attrs.get("0", "")
    caption = attrs.get("caption") or attrs.get("title") or ""
    alt = attrs.get("alt") or caption
    text = f"\n\n![{alt}]({src})\n\n"
    return text + (f"*{caption}*\n\n" if caption else "")


def _unknown(ctx: CodeContext, place: Place, code: str, written: str = "") -> str:
    line = ctx.line_of(place, written or code)
    ctx.report.problem("AS263", place.path, line, value=code)
    return ""


def hugo(text: str, place: Place, ctx: CodeContext) -> str:
    """Return Hugo text with its shortcodes converted (``figure``, ``youtube``, ``ref``…)."""
    text = re.sub(
        _HUGO_PAIR.format(name="highlight"),
        lambda m: _fenced(shortcode_attributes(m.group("attrs")).get("0", ""), m.group("inner")),
        text,
        flags=re.DOTALL,
    )

    def single(match: re.Match[str]) -> str:
        if match.group(2):
            return ""  # the end of a pair; its start was reported
        name, attrs = match.group(3), shortcode_attributes(match.group(4))
        converted = _hugo_code(name, attrs, ctx)
        if converted is None:
            return _unknown(ctx, place, "{{< " + name + " >}}", match.group(0))
        return converted

    return _HUGO.sub(single, text)


def _hugo_code(name: str, attrs: dict[str, str], ctx: CodeContext) -> str | None:
    """Return the Markdown of one Hugo shortcode, or None when it has no equivalent."""
    if name == "figure":
        return _image(attrs)
    if name in _VIDEO_URLS or name in ("gist", "tweet", "x"):
        return _media_link(name, attrs) or None
    if name in ("ref", "relref"):
        return ctx.link(attrs.get("0", "") or attrs.get("path", ""))
    if name == "param":
        value = ctx.values.get(attrs.get("0", ""))
        return str(value) if isinstance(value, str | int | float) else ""
    if name in ("rawhtml", "html", "raw"):
        return ""
    return None


def _media_link(name: str, attrs: dict[str, str]) -> str:
    ident = attrs.get("id") or attrs.get("0", "")
    if not ident:
        return ""
    if name in _VIDEO_URLS:
        url = _VIDEO_URLS[name].format(id=ident)
        words = _VIDEO_WORDS.get(name, url)
    elif name == "gist":
        url = f"https://gist.github.com/{ident}/{attrs.get('1', '')}".rstrip("/")
        words = url
    else:
        user = attrs.get("user") or attrs.get("0", "")
        status = attrs.get("id") or attrs.get("1", "")
        url = f"https://x.com/{user}/status/{status}"
        words = url
    return f"[{words}]({url})"


def liquid(text: str, place: Place, ctx: CodeContext) -> str:
    """Return Jekyll text with its Liquid converted (``highlight``, ``post_url``, ``include``…)."""
    text = re.sub(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", "", text, flags=re.S)
    text = re.sub(
        r"\{%-?\s*highlight\s+(\w*)[^%]*%\}(.*?)\{%-?\s*endhighlight\s*-?%\}",
        lambda m: _fenced(m.group(1), m.group(2)),
        text,
        flags=re.DOTALL,
    )
    raw: list[str] = []

    def keep_raw(match: re.Match[str]) -> str:
        raw.append(match.group(1))
        return f"\x00{len(raw) - 1}\x00"

    text = re.sub(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", keep_raw, text, flags=re.S)
    text = _LIQUID_TAG.sub(lambda m: _liquid_tag(m, place, ctx), text)
    text = _LIQUID_OUT.sub(lambda m: _liquid_output(m, place, ctx), text)
    # Text the site showed as it is ({% raw %}) becomes code, so it stays as it is.
    return re.sub(r"\x00(\d+)\x00", lambda m: f"`{raw[int(m.group(1))].strip()}`", text)


def _liquid_tag(match: re.Match[str], place: Place, ctx: CodeContext) -> str:
    name, rest = match.group(1), match.group(2).strip()
    if name in ("post_url", "link"):
        return ctx.link(rest.split()[0] if rest else "") or _unknown(ctx, place, match.group(0))
    if name == "include":
        words = rest.split(None, 1)
        attrs = shortcode_attributes(words[1]) if len(words) > 1 else {}
        include = words[0] if words else ""
        if any(k in attrs for k in ("image_path", "image", "src")) and "video" not in include:
            return _image(attrs)
        provider = attrs.get("provider") or next(
            (name for name in _VIDEO_URLS if name in include), ""
        )
        if provider in _VIDEO_URLS:
            return _media_link(provider, attrs) or _unknown(ctx, place, match.group(0))
    return _unknown(ctx, place, "{% " + name + " %}", match.group(0))


def _liquid_output(match: re.Match[str], place: Place, ctx: CodeContext) -> str:
    expression = match.group(1)
    value, _, filters = expression.partition("|")
    value = value.strip()
    if value in ("site.baseurl", "site.url"):
        return ""
    if value[:1] in ("'", '"') and any(f in filters for f in ("relative_url", "absolute_url")):
        return value.strip("'\"")
    if value.startswith("page."):
        found = ctx.values.get(value.removeprefix("page."))
        if isinstance(found, str | int | float):
            return str(found)
    return _unknown(ctx, place, "{{ " + expression.strip() + " }}", match.group(0))


def pelican(text: str, place: Place, ctx: CodeContext) -> str:
    """Return Pelican text with ``{filename}``, ``{static}``, ``{tag}``… links made plain."""

    def link(match: re.Match[str]) -> str:
        kind, target = match.group(1), match.group(2)
        if kind in ("static", "attach"):
            return target  # the image step finds the file from the page's folder
        if kind == "filename":
            return ctx.link(target) or _unknown(ctx, place, match.group(0))
        if kind == "tag":
            return ctx.tags_url(target)
        if kind == "index":
            return "/"
        return _unknown(ctx, place, match.group(0))

    return _PELICAN_LINK.sub(link, text)
