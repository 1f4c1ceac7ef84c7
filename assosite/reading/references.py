"""Find the file of ``content/`` that an image address or a link of an old site names.

Old sites wrote images as their own server saw them (``/assets/2017/02/photo.jpg``,
``/pub/affiche.jpg``, ``photo.jpg`` beside a Hugo bundle's ``index.md``) and linked
texts by file (Hugo ``ref``, Jekyll ``post_url``). Once the files are copied into
``content/``, these functions find them there.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from assosite.config.checks import is_inside

_LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|")
TEXT_SUFFIXES = (".md", ".markdown")


def _normal(parts: tuple[str, ...]) -> str:
    resolved: list[str] = []
    for part in parts:
        if part == "..":
            if resolved:
                resolved.pop()
        elif part not in (".", "/", ""):
            resolved.append(part)
    return "/".join(resolved)


def image_candidates(src: str, source: str) -> list[str] | None:
    """Return where, under ``content/``, an image address of a text may point, best first.

    ``images/x.jpg``, ``/images/x.jpg`` and ``{static}/images/x.jpg`` name
    ``images/x.jpg``; ``x.jpg`` is looked for beside the text first; ``/assets/x.jpg``
    also under ``images/`` and ``static/`` (where the old site's folders may have been
    copied). Web addresses and data URLs return None.

    Args:
        src: the address as written.
        source: the text's path relative to ``content/``.
    """
    for prefix in _LINK_PREFIXES:
        src = src.removeprefix(prefix)
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = PurePosixPath(unquote(parts.path))
    from_root = _normal(path.parts)
    if not from_root:
        return None
    beside = _normal((PurePosixPath(source).parent / path).parts)
    first = [from_root] if path.is_absolute() or path.parts[0] in ("images", "files") else []
    # Hugo serves static/images/x.jpg as /images/x.jpg: its static/ may be copied whole.
    found = [*first, beside, from_root, f"images/{from_root}", f"static/{from_root}"]
    if len(path.parts) > 2:
        found.append(_normal(("images", *path.parts[2:])))
    return list(dict.fromkeys(found))


def resolve_image(src: str, source: str, content_path: Path) -> str | None:
    """Return the ``content/``-relative path of an image of a text.

    The first candidate that exists wins; when none does, the first one is returned
    (and reported as missing). None for web addresses.
    """
    candidates = image_candidates(src, source)
    if candidates is None:
        return None
    for candidate in candidates:
        if is_inside(content_path, content_path / candidate):
            return candidate
    return candidates[0]


def find_text(reference: str, texts: tuple[str, ...]) -> str | None:
    """Return the text of ``content/`` that a reference of an old site names.

    Accepts a path (``news/fete.md``, ``/news/fete``), a bundle (``fete`` for
    ``fete/index.md``), a name (``fete.md``) or a Jekyll post
    (``2010-06-12-kermesse``, ``_posts/2010-06-12-kermesse.md``).

    Args:
        reference: as written in the shortcode or the Liquid tag.
        texts: every text of ``content/``, relative to it.
    """
    path = PurePosixPath(reference.strip().strip("/"))
    if not path.parts:
        return None
    wanted = path.with_suffix("") if path.suffix in TEXT_SUFFIXES else path
    exact = {f"{wanted}{s}" for s in TEXT_SUFFIXES} | {
        f"{wanted}/{name}{s}" for name in ("index", "_index") for s in TEXT_SUFFIXES
    }
    for text in texts:
        if text in exact:
            return text
    name = wanted.name
    for text in texts:
        candidate = PurePosixPath(text)
        stem = candidate.parent.name if candidate.stem in ("index", "_index") else candidate.stem
        if stem == name or stem.split(".")[0] == name:
            return text
    return None


def content_texts(content_path: Path) -> tuple[str, ...]:
    """Return every Markdown text of ``content/``, relative to it, sorted."""
    if not content_path.is_dir():
        return ()
    return tuple(
        sorted(
            path.relative_to(content_path).as_posix()
            for path in content_path.rglob("*")
            if path.suffix.lower() in TEXT_SUFFIXES and path.is_file()
        )
    )
