"""The old addresses of texts (``aliases``): a small page at each, leading to the new one.

A site copied from Hugo or Jekyll keeps its links alive: every old address written in
``aliases`` (or ``redirect_from``, or a literal ``permalink``) gets a page that sends
the visitor on with a meta refresh, a canonical link and a plain link (no script),
and a line in Netlify's ``_redirects`` file, so that Netlify answers with a real
permanent redirect. An old address that is already a page of the site is reported
(AS237) and left to that page.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from assosite.outputs.base import Output, SiteOutput
from assosite.problems.report import make_problem

REDIRECTS_FILE = "_redirects"


def alias_file(alias: str) -> str:
    """Return the file of an old address (``/2019/fete/`` → ``2019/fete/index.html``)."""
    path = PurePosixPath(alias.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0].strip("/"))
    if path.suffix.lower() in (".html", ".htm"):
        return path.as_posix()
    return f"{path.as_posix()}/index.html" if path.parts else ""


class RedirectsOutput(SiteOutput):
    """Writes a page at each old address of a published text, and ``_redirects``."""

    def write(self, output: Output) -> None:
        """Write the pages of the old addresses and Netlify's list of redirects."""
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
