"""Old addresses keep working: Netlify's ``_redirects`` and a small page at each old address.

Two sources, one output:

- ``redirects.txt`` beside ``assosite.toml`` (``assosite import`` writes it): one old
  address and its new address per line, ``#`` for comments. Each becomes a line of
  ``_redirects`` and, for an address without ``?``, a page that sends the visitor on
  (a ``<meta http-equiv="refresh">`` and a link, no JavaScript). Addresses with ``?``
  (WordPress's ``/?p=123``) can only be redirected by the host: ``_redirects`` only.
- the ``aliases`` of a text (or ``redirect_from``, or a literal ``permalink``), for a
  site copied by hand from Hugo or Jekyll: a page rendered with the theme's
  ``redirect`` template (meta refresh, canonical link, plain link), and a forced line
  of ``_redirects``. An old address that is already a page of the site is reported
  (AS237) and left to that page.

An address that is a page of the site is never replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html
from lxml.html import builder as E

from assosite.outputs.base import Output, SiteOutput
from assosite.problems.catalogue import site_word
from assosite.problems.report import Problem, make_problem

REDIRECTS_NAME = "redirects.txt"
REDIRECTS_FILE = "_redirects"
_MOVED = site_word("Cette page a déménagé")
_GO = site_word("Aller à la nouvelle adresse")


@dataclass(frozen=True, slots=True)
class Redirect:
    """One old address and where it now is.

    Attributes:
        source: the old address, from the site root (``/2019/04/fete/``, ``/?p=12``).
        target: the new address, from the site root or absolute.
        line: the line of ``redirects.txt``.
    """

    source: str
    target: str
    line: int


def parse_redirects(text: str) -> tuple[list[Redirect], list[Problem]]:
    """Return the redirects of a ``redirects.txt`` text and a problem per bad line."""
    rules: list[Redirect] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        words = line.split()
        if len(words) != 2 or not words[0].startswith("/") or not _is_target(words[1]):
            problems.append(make_problem("AS269", REDIRECTS_NAME, number, value=raw.strip()))
            continue
        if words[0] not in seen:
            seen.add(words[0])
            rules.append(Redirect(words[0], words[1], number))
    return rules, problems


def _is_target(value: str) -> bool:
    return value.startswith(("/", "http://", "https://"))


def netlify_rules(rules: list[Redirect]) -> str:
    """Return the ``_redirects`` text: permanent redirects, query strings as Netlify's."""
    lines = []
    for rule in rules:
        parts = urlsplit(rule.source)
        if parts.query:
            # Netlify matches query parameters as ``key=value`` after the path; the
            # home page exists, so the rule must be forced (``301!``).
            query = " ".join(parts.query.split("&"))
            lines.append(f"{parts.path or '/'} {query} {rule.target} 301!")
        else:
            lines.append(f"{rule.source} {rule.target} 301")
    return "\n".join(lines) + "\n" if lines else ""


def redirect_page(target: str, lang: str, translate: Callable[[str], str] = str) -> bytes:
    """Return a small accessible page that sends the visitor to ``target``.

    Args:
        target: the new address.
        lang: the site's language (``lang`` of the page).
        translate: the theme's ``gettext`` for the site's language.
    """
    words = translate(_MOVED)
    go = translate(_GO)
    doc = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.TITLE(words),
            E.META(name="robots", content="noindex"),
            E.META(**{"http-equiv": "refresh", "content": f"0; url={target}"}),
            E.LINK(rel="canonical", href=target),
        ),
        E.BODY(E.E.main(E.H1(words), E.P(E.A(go, href=target)))),
        lang=lang,
    )
    return lxml_html.tostring(doc, doctype="<!DOCTYPE html>", encoding="utf-8") + b"\n"


def page_path(source: str) -> str | None:
    """Return the output file of an old address (None when it has a query string)."""
    parts = urlsplit(source)
    if parts.query or parts.fragment or ".." in parts.path.split("/"):
        return None
    path = parts.path.strip("/")
    if not path:
        return None
    if path.rsplit("/", 1)[-1].endswith((".html", ".htm", ".php")):
        return path
    return f"{path}/index.html"


def alias_file(alias: str) -> str:
    """Return the file of an old address (``/2019/fete/`` → ``2019/fete/index.html``)."""
    path = PurePosixPath(alias.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0].strip("/"))
    if path.suffix.lower() in (".html", ".htm"):
        return path.as_posix()
    return f"{path.as_posix()}/index.html" if path.parts else ""


class RedirectsOutput(SiteOutput):
    """Writes ``_redirects`` and the pages of the site's old addresses."""

    def write(self, output: Output) -> None:
        """Write the rules and pages of ``redirects.txt``, then those of the aliases."""
        self._file(output)
        self._aliases(output)

    def _file(self, output: Output) -> None:
        """Write ``_redirects`` and the pages of ``redirects.txt``, when the site has one."""
        config = output.state.config
        source = config.root / REDIRECTS_NAME
        if not source.is_file():
            return
        rules, problems = parse_redirects(source.read_text(encoding="utf-8-sig"))
        output.state.report.extend(problems)
        if not rules:
            return
        (output.folder / REDIRECTS_FILE).write_text(netlify_rules(rules), encoding="utf-8")
        taken = self._site_pages()
        translations = output.state.translations
        translate = translations.gettext if translations is not None else str
        for rule in rules:
            name = page_path(rule.source)
            if name is None or name in taken:
                continue
            target = output.folder / name
            if target.exists() or not target.resolve().is_relative_to(output.folder.resolve()):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            address = output.site_url + rule.target if rule.target.startswith("/") else rule.target
            target.write_bytes(redirect_page(address, config.site.language, translate))

    def _site_pages(self) -> set[str]:
        """Return the files of the site's own pages (written now or by the item writer)."""
        taken = {"index.html"}
        for key in ("articles", "pages", "hidden_pages", "hidden_articles"):
            for content in self.context.get(key, ()):
                save_as = getattr(content, "save_as", "")
                if save_as:
                    taken.add(str(Path(save_as).as_posix()))
        return taken

    def _aliases(self, output: Output) -> None:
        """Write a page at each old address of a published text, and its rule."""
        contents = [*self.context.get("articles", []), *self.context.get("pages", [])]
        taken = {_page_file(c.url) for c in contents}
        lines = []
        for content in sorted(contents, key=lambda c: c.item.source if hasattr(c, "item") else ""):
            item = getattr(content, "item", None)
            for alias in getattr(item, "aliases", ()):
                name = alias_file(alias)
                if not name or name == _page_file(content.url):
                    continue  # the old address is still the text's own
                if name in taken or (output.folder / name).exists():
                    header = output.state.headers.get(item.source)
                    line = header.line("aliases") if header is not None else 0
                    output.state.report.add(make_problem("AS237", item.source, line, value=alias))
                    continue
                taken.add(name)
                self._page(output, name, content)
                # Forced (!): the page written here would otherwise shadow the rule.
                lines.append(f"{alias} /{content.url} 301!")
        if lines:
            _append_redirects(output, lines)

    def _page(self, output: Output, name: str, content: Any) -> None:
        output.render(
            name,
            "redirect",
            target=f"{output.site_url}/{content.url}",
            target_path=content.url,
            title=content.item.title,
            url=name.removesuffix("index.html"),
        )


def _page_file(url: str) -> str:
    return f"{url}index.html" if url.endswith("/") or not url else url


def _append_redirects(output: Output, lines: list[str]) -> None:
    """Add the redirects after those the site already has (its own rules come first)."""
    target = output.folder / REDIRECTS_FILE
    before = target.read_text(encoding="utf-8") if target.is_file() else ""
    if before and not before.endswith("\n"):
        before += "\n"
    target.write_text(before + "\n".join(lines) + "\n", encoding="utf-8")
