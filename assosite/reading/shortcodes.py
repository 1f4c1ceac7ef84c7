"""Hugo shortcodes and Jekyll Liquid in a copied text, turned into Markdown or removed.

``{{< figure >}}`` becomes an image with its alt text and caption; ``youtube`` and
``vimeo`` a plain link to the video (no frame, no script, no tracker); ``ref``,
``relref``, ``post_url`` and ``link`` a link to the text they name; ``{% include %}``
of a file found in ``_includes/`` its text; ``{{ site.baseurl }}`` nothing (addresses
start at the site's root); ``highlight`` a fenced code block. Anything else is
removed with a warning at its line: nothing of it is ever printed on a page. A
replacement takes no more lines than what it replaces, so the lines of the text stay
those of the file.
"""

from __future__ import annotations

import hashlib
import html
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from assosite.problems.report import Problem, make_problem
from assosite.reading.fields import ParseContext
from assosite.reading.references import find_text

_TAG = re.compile(
    r"\{\{<\s*(?P<hugo>.*?)\s*>\}\}"
    r"|\{\{%\s*(?P<hugo_md>.*?)\s*%\}\}"
    r"|\{%-?\s*(?P<liquid>.*?)\s*-?%\}"
    r"|\{\{-?\s*(?P<expr>.*?)\s*-?\}\}"
    # WordPress's own codes, as exporters leave them in Markdown.
    r"|\[(?P<wp>caption|wp_caption|gallery|embed|video|audio|playlist)(?P<wp_args>\s[^\]]*)?\]"
    r"(?:(?P<wp_inner>.*?)\[/(?P=wp)\])?",
    re.DOTALL | re.IGNORECASE,
)
_WP_ADDRESS = re.compile(r"""(?:src|mp4|mp3|url)=["']?(?P<url>https?://[^"'\s\]]+)""")
# A link whose address could not be found keeps its text only.
_DEAD = "\x00dead\x00"
_DEAD_LINK = re.compile(r"\[([^\]]*)\]\(\s*" + re.escape(_DEAD) + r"\s*\)")
_ROOT_EXPRS = ("site.baseurl", "site.url", "base_url", "site.base_url", ".Site.BaseURL")
_FILTERS = re.compile(
    r"""^["'](?P<value>[^"']*)["']\s*\|\s*(relative_url|absolute_url|prepend:.*)$"""
)
_VIDEOS = {
    "youtube": ("https://www.youtube.com/watch?v={id}", "YouTube"),
    "vimeo": ("https://vimeo.com/{id}", "Vimeo"),
}
_VIDEO_TEXT = {"fr": "Voir la vidéo sur {site}", "en": "Watch the video on {site}"}
_BLOCKS = {"comment": "endcomment", "raw": "endraw", "highlight": "endhighlight"}
_QUIET = ("else", "elsif", "elif", "when", "break", "continue")


@dataclass(slots=True)
class _Text:
    """One text being translated: where it comes from, what was found."""

    path: str
    source: str
    body_line: int
    ctx: ParseContext
    title: str
    problems: list[Problem] = field(default_factory=list)
    depth: int = 0

    def line_of(self, body: str, offset: int) -> int:
        return self.body_line + body.count("\n", 0, offset)

    def warn(self, code: str, body: str, offset: int, value: str) -> None:
        self.problems.append(make_problem(code, self.path, self.line_of(body, offset), value=value))


def translate(
    body: str, path: str, source: str, body_line: int, *, ctx: ParseContext, title: str = ""
) -> tuple[str, list[Problem]]:
    """Return ``body`` with its shortcodes and Liquid turned into Markdown, and the problems.

    Args:
        body: the Markdown text.
        path: the file relative to the site folder (for problems).
        source: the file relative to ``content/`` (links and images beside it).
        body_line: the line of the file where ``body`` starts.
        ctx: the site's texts, includes and language.
        title: the item's title (``{{ page.title }}``).
    """
    if "{{" not in body and "{%" not in body and "[" not in body:
        return body, []
    text = _Text(path, source, body_line, ctx, title)
    return _translate(body, text), text.problems


def _translate(body: str, text: _Text) -> str:
    out: list[str] = []
    position = 0
    while match := _TAG.search(body, position):
        out.append(body[position : match.start()])
        replacement, position = _replace(match, body, text)
        # Never more lines than the original: the lines after it keep their number.
        lines = body.count("\n", match.start(), position)
        if replacement.count("\n") > lines:
            replacement = " ".join(replacement.split("\n"))
        out.append(replacement + "\n" * (lines - replacement.count("\n")))
    out.append(body[position:])
    result = "".join(out)
    return _DEAD_LINK.sub(r"\1", result).replace(_DEAD, "")


def _replace(match: re.Match[str], body: str, text: _Text) -> tuple[str, int]:
    """Return the Markdown of one tag and where the text goes on after it."""
    end = match.end()
    if match.group("hugo") is not None or match.group("hugo_md") is not None:
        inner = match.group("hugo") if match.group("hugo") is not None else match.group("hugo_md")
        if inner.startswith("/*"):  # Hugo's escape: {{</* figure */>}} is shown as written
            return "", end
        return _hugo(inner, match, body, text)
    if match.group("liquid") is not None:
        return _liquid(match.group("liquid"), match, body, text)
    if match.group("wp") is not None:
        return _wordpress(match, body, text), end
    return _expression(match.group("expr"), match, body, text), end


def _wordpress(match: re.Match[str], body: str, text: _Text) -> str:
    """``[caption]`` keeps its image and words; ``[embed]``, ``[video]``, ``[audio]`` a link.

    ``[gallery]`` and ``[playlist]`` name files by their WordPress number, which a copied
    text cannot resolve: removed with a warning.
    """
    name = match.group("wp").lower()
    inner = (match.group("wp_inner") or "").strip()
    if name in ("caption", "wp_caption") and inner:
        return inner
    address = inner if re.fullmatch(r"https?://\S+", inner) else ""
    if not address and (found := _WP_ADDRESS.search(match.group("wp_args") or "")):
        address = found.group("url")
    if name in ("embed", "video", "audio") and address:
        return f"<{address}>"
    text.warn("AS232", body, match.start(), match.group(0)[:80])
    return ""


def _split(inner: str) -> tuple[str, list[str], dict[str, str]]:
    """Return the name, positional and named arguments of ``name a "b c" key="v"``."""
    try:
        words = shlex.split(inner)
    except ValueError:
        words = inner.split()
    if not words:
        return "", [], {}
    positional, named = [], {}
    for word in words[1:]:
        key, equals, value = word.partition("=")
        if equals and re.fullmatch(r"[\w-]+", key):
            named[key.lower()] = value
        else:
            positional.append(word)
    return words[0].lower(), positional, named


def _hugo(inner: str, match: re.Match[str], body: str, text: _Text) -> tuple[str, int]:
    name, positional, named = _split(inner)
    end = match.end()
    if name.startswith("/"):
        return "", end  # the end of a pair whose start was already reported
    if name == "figure":
        return _figure(named, match, body), end
    if name in _VIDEOS:
        return _video(name, positional, named, text), end
    if name in ("ref", "relref"):
        target = positional[0] if positional else named.get("path", "")
        return _link_to(target, match, body, text), end
    if name == "highlight":
        closing = re.compile(r"\{\{[<%]\s*/highlight\s*[>%]\}\}")
        return _fenced(positional, closing, match, body)
    text.warn("AS232", body, match.start(), match.group(0)[:60])
    return "", end


def _figure(named: dict[str, str], match: re.Match[str], body: str) -> str:
    src = named.get("src", "")
    caption = named.get("caption") or named.get("title", "")
    alt = named.get("alt") or caption
    image = f"![{_escape_alt(alt)}]({src})"
    alone = _alone_on_its_line(match, body)
    if caption and alone:
        caption = html.escape(caption, quote=False)
        return f'<figure markdown="span">{image}<figcaption>{caption}</figcaption></figure>'
    return image


def _escape_alt(alt: str) -> str:
    return alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _alone_on_its_line(match: re.Match[str], body: str) -> bool:
    before = body[: match.start()].rsplit("\n", 1)[-1]
    after = body[match.end() :].split("\n", 1)[0]
    return not before.strip() and not after.strip()


def _video(name: str, positional: list[str], named: dict[str, str], text: _Text) -> str:
    address, site = _VIDEOS[name]
    video = named.get("id") or (positional[0] if positional else "")
    words = named.get("title") or _VIDEO_TEXT.get(text.ctx.language, _VIDEO_TEXT["en"]).format(
        site=site
    )
    return f"[{_escape_alt(words)}]({address.format(id=video)})"


def _link_to(target: str, match: re.Match[str], body: str, text: _Text) -> str:
    """Return a link to the text that ``target`` names, resolved by Pelican at writing."""
    reference, _, fragment = target.partition("#")
    found = find_text(reference, text.ctx.texts)
    if found is None:
        text.warn("AS233", body, match.start(), target)
        return _DEAD
    return "{filename}/" + found + (f"#{fragment}" if fragment else "")


def _fenced(
    positional: list[str], closing: re.Pattern[str], match: re.Match[str], body: str
) -> tuple[str, int]:
    """Return a fenced code block for a highlight pair (its code kept as written)."""
    end = closing.search(body, match.end())
    if end is None:
        return "", match.end()
    code = body[match.end() : end.start()].strip("\n")
    language = positional[0] if positional else ""
    return f"```{language}\n{code}\n```", end.end()


def _liquid(inner: str, match: re.Match[str], body: str, text: _Text) -> tuple[str, int]:
    name, positional, named = _split(inner)
    end = match.end()
    if name in ("comment", "raw"):
        closing = re.search(r"\{%-?\s*" + _BLOCKS[name] + r"\s*-?%\}", body[end:])
        if closing is None:
            return "", end
        kept = body[end : end + closing.start()] if name == "raw" else ""
        return kept, end + closing.end()
    if name == "highlight":
        return _fenced(positional, re.compile(r"\{%-?\s*endhighlight\s*-?%\}"), match, body)
    if name in ("post_url", "link"):
        replacement = _link_to(positional[0] if positional else "", match, body, text)
    elif name in ("include", "include_relative"):
        replacement = _include(positional, named, match, body, text)
    else:
        replacement = ""
        if not name.startswith("end") and name not in _QUIET:
            text.warn("AS232", body, match.start(), match.group(0)[:60])
    return replacement, end


def _include(
    positional: list[str], named: dict[str, str], match: re.Match[str], body: str, text: _Text
) -> str:
    """Return the text of an included file, with its ``{{ include.x }}`` values."""
    name = positional[0] if positional else ""
    found = _include_file(name, text)
    if found is None or text.depth >= 3:
        text.warn("AS234", body, match.start(), name)
        return ""
    included = found.read_text(encoding="utf-8", errors="replace").strip("\n")
    for key, value in named.items():
        pattern = r"\{\{-?\s*include\." + re.escape(key) + r"\s*-?\}\}"
        included = re.sub(pattern, lambda _, value=value: value, included)
    inner = _Text(text.path, text.source, text.line_of(body, match.start()), text.ctx, text.title)
    inner.depth = text.depth + 1
    result = _translate(included, inner)
    # An ``{{ include.x }}`` the text did not give is the include's own business: quiet.
    text.problems.extend(
        p for p in inner.problems if p.code != "AS232" or "include." not in str(p.params)
    )
    return result


def _include_file(name: str, text: _Text) -> Path | None:
    if not name or ".." in Path(name).parts or Path(name).is_absolute():
        return None
    for folder in (text.ctx.content_path / Path(text.source).parent, *text.ctx.includes):
        candidate = folder / name
        # resolve(): a link inside _includes/ must not lead out of it (federation members).
        if candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve()):
            return candidate
    return None


def _expression(expr: str, match: re.Match[str], body: str, text: _Text) -> str:
    """Return the value of a Liquid ``{{ … }}`` that a copied text may hold."""
    expr = expr.strip()
    if expr in _ROOT_EXPRS:
        return ""
    if filtered := _FILTERS.match(expr):
        return filtered.group("value")
    if expr in ("site.title", "site.name", ".Site.Title"):
        return text.ctx.site_name
    if expr in ("page.title", ".Title"):
        return text.title
    text.warn("AS232", body, match.start(), match.group(0)[:60])
    return ""


def has_commands(raw: bytes) -> bool:
    """Return True when a file's bytes may hold a shortcode or Liquid."""
    return b"{{" in raw or b"{%" in raw


def inputs_digest(ctx: ParseContext) -> str:
    """Return a hash of what translated texts depend on: the texts' names, the includes."""
    digest = hashlib.sha256(repr(ctx.texts).encode())
    for folder in ctx.includes:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(path.as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
