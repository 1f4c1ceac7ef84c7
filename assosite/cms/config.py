"""The ``config.yml`` of the admin page: the forms of :mod:`assosite.cms.form` for Decap CMS.

The same site settings always give the same bytes. The backend is the forge of
``[cms]`` (GitHub, or GitLab with PKCE: no secret, no Netlify Identity) or, for
``assosite serve --cms``, the local backend on 127.0.0.1 (Decap CMS's proxy backend).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from assosite.cms.form import FORMS, Field, Form, limits
from assosite.config.site import CmsSection, SiteConfig
from assosite.problems.catalogue import gettext_in

CONFIG_FILE = "config.yml"
MEDIA_FOLDER = "content/images"
GITLAB = "https://gitlab.com"
NETLIFY_OAUTH = "https://api.netlify.com"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def forge_backend(cms: CmsSection) -> dict[str, Any]:
    """Return Decap CMS's ``backend`` for the forge of ``[cms]``."""
    backend: dict[str, Any] = {"name": cms.backend, "repo": cms.repo, "branch": cms.branch}
    if cms.backend == "gitlab":
        base = (cms.base_url or GITLAB).rstrip("/")
        backend.update(
            auth_type="pkce",
            app_id=cms.app_id,
            base_url=base,
            auth_endpoint="oauth/authorize",
            api_root=cms.api_root or f"{base}/api/v4",
        )
    else:  # GitHub: without base_url, Decap CMS signs in through Netlify's OAuth client
        if cms.base_url:
            backend["base_url"] = cms.base_url.rstrip("/")
        if cms.api_root:
            backend["api_root"] = cms.api_root
    return backend


def local_backend(api: str, branch: str = "main") -> dict[str, Any]:
    """Return Decap CMS's proxy ``backend`` answering at ``api`` (``assosite serve --cms``)."""
    return {"name": "proxy", "proxy_url": api, "branch": branch}


def backend_origins(backend: dict[str, Any]) -> list[str]:
    """Return the origins outside the site the admin page talks to, for its CSP."""
    origins = []
    for key in ("base_url", "api_root"):
        if backend.get(key) and backend["name"] != "proxy":
            parts = urlsplit(backend[key])
            origins.append(f"{parts.scheme}://{parts.netloc}")
    if backend["name"] == "github":
        origins += [] if backend.get("api_root") else ["https://api.github.com"]
        origins += [] if backend.get("base_url") else [NETLIFY_OAUTH]
    return sorted(set(origins))


def repository_folder(root: Path) -> str:
    """Return the site folder's path inside its Git repository (empty at its top or outside).

    The forge's API names files from the top of the repository: a site in a sub-folder
    (a federation's member, a site beside other things) has its forms there too.
    """
    root = root.resolve()
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return root.relative_to(folder).as_posix().removeprefix(".")
    return ""


def _fill(text: str, values: dict[str, Any]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def _options(options: dict[str, Any], lang: str, values: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in options.items():
        if key == "options":
            # Each label read first: Babel before 2.19 took « "label" » in the call for a text.
            labels = [option["label"] for option in value]
            result[key] = [
                {"label": gettext_in(lang, label), "value": option["value"]}
                for label, option in zip(labels, value, strict=True)
            ]
        elif isinstance(value, str) and _PLACEHOLDER.fullmatch(value):
            result[key] = values[value[1:-1]]
        else:
            result[key] = value
    return result


def _field(spec: Field, lang: str, values: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "label": gettext_in(lang, spec.label),
        "name": spec.name,
        "widget": spec.widget,
        "required": spec.required,
        "hint": _fill(gettext_in(lang, spec.hint), values),
    }
    entry.update(_options(spec.options, lang, values))
    if spec.pattern[0]:
        entry["pattern"] = [
            _fill(spec.pattern[0], values),
            _fill(gettext_in(lang, spec.pattern[1]), values),
        ]
    if spec.fields:
        entry["fields"] = [_field(child, lang, values) for child in spec.fields]
    return entry


def _collection(form: Form, lang: str, values: dict[str, Any], top: str) -> dict[str, Any]:
    return {
        "name": form.kind,
        "label": gettext_in(lang, form.label),
        "label_singular": gettext_in(lang, form.singular),
        "description": gettext_in(lang, form.description),
        "folder": f"{top}content/{form.folder}",
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        "slug": form.slug,
        "summary": form.summary,
        "sortable_fields": list(form.sortable),
        # Decap CMS's preview knows nothing of the theme: the site's own is at serve.
        "editor": {"preview": False},
        "fields": [_field(spec, lang, values) for spec in form.fields],
    }


def editor_config(
    config: SiteConfig, backend: dict[str, Any], site_url: str = "", folder: str = ""
) -> dict[str, Any]:
    """Return Decap CMS's configuration for the site, in the site's language.

    Args:
        config: the site's configuration.
        backend: Decap CMS's ``backend`` (:func:`forge_backend`, :func:`local_backend`).
        site_url: where « back to the site » leads (default: the site's address).
        folder: the site's folder in its repository (:func:`repository_folder`).
    """
    top = f"{folder}/" if folder else ""
    lang = config.site.language
    values = limits(config.editorial, config.site.timezone)
    site_url = site_url or config.site.url
    settings: dict[str, Any] = {
        "backend": backend,
        "locale": lang,
        "site_url": site_url,
        "display_url": site_url,
    }
    if backend["name"] != "proxy" and config.cms.review:
        settings["publish_mode"] = "editorial_workflow"
    if config.site.logo:  # published at the same path from the site root; admin/ is one down
        settings["logo"] = {"src": f"../{config.site.logo}"}
    return settings | {
        "media_folder": top + MEDIA_FOLDER,
        "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(form, lang, values, top) for form in FORMS],
    }


def config_yaml(
    config: SiteConfig, backend: dict[str, Any], site_url: str = "", folder: str = ""
) -> str:
    """Return the configuration as the ``config.yml`` text Decap CMS reads."""
    settings = editor_config(config, backend, site_url, folder)
    return yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100)
