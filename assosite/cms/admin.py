"""The admin page ``/admin/``: its HTML, its Content-Security-Policy and Decap CMS's files.

Decap CMS is shipped in ``decap/`` at one exact version (``docs/dev/update_decap.py``
fetches it and writes ``SHA256SUMS``); the page loads it from the site itself, from a
folder named after the version, so nothing is requested from another origin and a
new version never meets an old file in a browser's cache. It is the site's only page
with JavaScript: its own policy allows that script and the forge's API, nothing else;
it is never indexed.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

from assosite.cms.config import (
    CONFIG_FILE,
    backend_origins,
    config_yaml,
    forge_backend,
    repository_folder,
)
from assosite.config.site import SiteConfig, load_config
from assosite.problems.catalogue import N_, gettext_in
from assosite.problems.errors import ConfigError
from assosite.problems.report import BuildReport, Severity, make_problem

ADMIN_FOLDER = "admin"
DECAP = Path(__file__).parent / "decap"

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="referrer" content="same-origin">
<title>{title}</title>
<link href="{config}" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript><p>{noscript}</p></noscript>
<script src="{script}"></script>
</body>
</html>
"""


@functools.cache
def decap_files() -> tuple[str, tuple[str, ...]]:
    """Return the shipped Decap CMS version and its files, as ``SHA256SUMS`` lists them."""
    lines = (DECAP / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    version = lines[0].split()[-1]
    return version, tuple(line.split(maxsplit=1)[1] for line in lines[1:] if line.strip())


def policy(backend: dict[str, Any]) -> str:
    """Return the admin page's Content-Security-Policy for ``backend``.

    Decap CMS evaluates its configuration schema (``unsafe-eval``), runs two
    WebAssembly modules and styles its components inline; it talks to the forge's API
    and shows the photos it uploads from ``blob:`` addresses.
    """
    forge = " ".join(backend_origins(backend))
    extra = f" {forge}" if forge else ""
    # The volunteers' pictures on the forge (GitHub serves them from another origin).
    avatars = " https://avatars.githubusercontent.com" if backend["name"] == "github" else ""
    return (
        "default-src 'self'; "
        "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:{extra}{avatars}; "
        f"connect-src 'self' blob:{extra}; "
        "font-src 'self' data:; "
        "frame-src 'self' blob:; "
        "object-src 'none'; base-uri 'self'; "
        f"form-action 'self'{extra}"
    )


def admin_page(config: SiteConfig, backend: dict[str, Any]) -> str:
    """Return the HTML of ``/admin/``."""
    lang = config.site.language
    version, _ = decap_files()
    title = gettext_in(lang, N_("Éditer le site « {name} »")).format(name=config.site.name)
    noscript = gettext_in(
        lang,
        N_(
            "L'édition en ligne a besoin de JavaScript, que le reste du site n'utilise "
            "pas : activez-le pour cette page."
        ),
    )
    return _PAGE.format(
        lang=lang,
        policy=html.escape(policy(backend)),
        title=html.escape(title),
        config=CONFIG_FILE,
        noscript=html.escape(noscript),
        script=f"decap/{version}/decap-cms.js",
    )


def admin_files(
    config: SiteConfig, backend: dict[str, Any], site_url: str = "", folder: str = ""
) -> dict[str, bytes | Path]:
    """Return what ``/admin/`` holds: path inside it → bytes, or the shipped file to copy.

    ``site_url`` is where « back to the site » leads (a preview's address); ``folder``
    the site's folder in its repository.
    """
    return {
        "index.html": admin_page(config, backend).encode("utf-8"),
        CONFIG_FILE: config_yaml(config, backend, site_url, folder).encode("utf-8"),
        **shipped_files(),
    }


@functools.cache
def shipped_files() -> dict[str, Path]:
    """Return Decap CMS's files by their path inside ``/admin/`` (the same for every site)."""
    version, names = decap_files()
    return {f"decap/{version}/{name}": DECAP / name for name in names}


def site_config_yaml(site: Path) -> tuple[str, BuildReport]:
    """Return the ``config.yml`` the build publishes for ``site`` (``assosite cms``).

    Raises:
        ConfigError: ``assosite.toml`` has errors, or ``[cms]`` names no forge (AS184).
    """
    config, problems = load_config(site)
    report = BuildReport(list(problems))
    if config is None or any(p.severity == Severity.ERROR for p in problems):
        raise ConfigError(report=report)
    if not config.cms.backend:
        report.add(make_problem("AS184", "assosite.toml", 0))
        raise ConfigError(report=report)
    backend = forge_backend(config.cms)
    return config_yaml(config, backend, folder=repository_folder(config.root)), report
