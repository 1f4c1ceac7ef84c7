"""``assosite init`` (copy the starter site) and ``assosite new`` (a file from a template).

A site may replace a built-in template with its own ``templates/<type>.md``.

Neither ever overwrites a file: ``init`` needs ``--force`` to copy into a folder that
is not empty (and then only writes the starter's own files), ``new`` refuses an
existing file.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from assosite.config.resources import starter_path
from assosite.model.urls import slugify
from assosite.problems.errors import AssositeError
from assosite.problems.report import BuildReport, make_problem

# Kept out of a new site: maintenance scripts of the starter and build leftovers.
_NOT_COPIED = shutil.ignore_patterns("tools", "__pycache__", "output", ".cache", "*.pyc")

_SAMPLE_FOLDERS = ("news", "events", "testimonies")

TYPE_FOLDERS = {"news": "news", "event": "events", "testimony": "testimonies", "page": "pages"}


def refuse(code: str, value: str) -> AssositeError:
    """Return the error that refuses to write ``value`` (problem ``code``)."""
    return AssositeError(report=BuildReport([make_problem(code, value, 0, value=value)]))


def init_site(target: Path, force: bool = False, samples: bool = True) -> Path:
    """Copy the starter site into ``target``.

    Args:
        target: the new site folder.
        force: copy even when ``target`` holds files (the starter's files win,
            the others are kept).
        samples: copy the starter's sample news, events and testimonies too (a site
            that receives another site's content, ``assosite import --new``, has none).

    Returns:
        The site folder.

    Raises:
        AssositeError: ``target`` is not empty and ``force`` is False (AS130).
    """
    return copy_skeleton(starter_path(), target, force, _NOT_COPIED if samples else _no_samples)


def _no_samples(directory: str, names: list[str]) -> set[str]:
    """Leave out the sample items of the starter (its pages stay: the settings link them)."""
    ignored = set(_NOT_COPIED(directory, names))
    folder = Path(directory)
    if folder.parent.name == "content" and folder.name in _SAMPLE_FOLDERS:
        ignored |= {name for name in names if name.endswith(".md")}
    return ignored


def copy_skeleton(
    source: Path, target: Path, force: bool = False, ignore: Callable[..., Any] = _NOT_COPIED
) -> Path:
    """Copy the folder ``source`` (a starter) into ``target``, never over a folder with files.

    Raises:
        AssositeError: ``target`` is not empty and ``force`` is False (AS130).
    """
    if target.exists() and any(target.iterdir()) and not force:
        raise refuse("AS130", str(target))
    shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)
    return target


_TEMPLATES = {
    "news": """\
---
# Un titre court et précis (moins de 90 caractères), sans majuscules partout.
title: "$title"
# Date de publication : elle classe l'actualité.
date: $today
# Le chapô : une seule phrase qui dit l'essentiel (moins de 200 caractères).
summary: ""
# Deux ou trois mots-clés au plus, déjà utilisés sur le site si possible.
tags: []
# Une image ? Placez-la dans content/images/ et décrivez ce qu'elle montre.
# image: images/mon-image.jpg
# image_alt: "Des bénévoles plantent des tomates au jardin"
# image_caption: "La première récolte de la saison"
# image_credit: "Jeanne Martin"
---

Un seul message par actualité : dites l'essentiel dans le premier paragraphe.

## Ce qu'il faut retenir

Des phrases courtes, des liens qui disent où ils mènent.
""",
    "event": """\
---
# Le nom de l'événement, court et précis.
title: "$title"
# Une phrase qui donne envie de venir (moins de 200 caractères).
summary: ""
# Début et fin : « 2026-03-14 18:30 » ; une date seule pour toute la journée.
start: $start
end:
# Un événement qui se répète : « premier samedi du mois », « tous les mardis »…
$repeat
# Le lieu : nom, adresse, code postal et ville.
location:
  name: ""
  address: ""
  postal_code: ""
  city: ""
# Accessibilité du lieu : accès de plain-pied, toilettes adaptées, boucle magnétique…
accessibility: ""
price: "Gratuit"
# registration: https://exemple.org/inscription
tags: []
---

Présentez le programme en quelques lignes : ce qu'on y fera, pour qui, comment venir.
""",
    "testimony": """\
---
title: "$title"
date: $today
# Prénom ou pseudonyme, et rôle : bénévole, adhérente, bénéficiaire, partenaire…
name: ""
role: ""
# Sans l'accord écrit de la personne, pas de publication : indiquez la date de cet accord.
consent:
# Date de fin de l'accord (au plus tard) : le témoignage sera alors retiré du site.
consent_expires:
# Une phrase courte pour l'accueil et les aperçus.
quote: ""
---

Les mots de la personne, à la première personne, relus et validés par elle.
""",
    "page": """\
---
title: "$title"
summary: ""
# Position dans le menu principal (1 en premier) ; supprimez la ligne pour ne pas l'y mettre.
# menu: 5
---

Le contenu de la page.
""",
}


def _template(site: Path, kind: str) -> string.Template:
    """Return the site's own template (``templates/<type>.md``) or the built-in one.

    Templates use ``$title``, ``$today``, ``$start`` and ``$repeat``, like Hugo's archetypes.
    """
    own = site / "templates" / f"{kind}.md"
    if own.is_file():
        return string.Template(own.read_text(encoding="utf-8"))
    return string.Template(_TEMPLATES[kind])


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def new_item(
    site: Path,
    kind: str,
    title: str,
    *,
    timezone: str = "Europe/Paris",
    start: str | None = None,
    repeat: str | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Create a content file from the template of ``kind`` and return its path.

    ``repeat`` (« premier samedi du mois ») makes an event a repeating one: it fills
    ``$repeat``, or follows the ``start:`` line of a site's template without it.

    Raises:
        AssositeError: the file already exists (AS131).
    """
    now = (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(timezone))
    today = now.date().isoformat()
    slug = slugify(title)
    name = f"{slug}.md" if kind == "page" else f"{today}-{slug}.md"
    path = site / "content" / TYPE_FOLDERS[kind] / name
    if path.exists():
        raise refuse("AS131", path.relative_to(site).as_posix())
    template = _template(site, kind)
    line = f'repeat: "{_quoted(repeat)}"' if repeat else "# repeat: premier samedi du mois"
    if repeat and "$repeat" not in template.template:
        template = string.Template(
            re.sub(r"(?m)^(start:.*)$", r"\1\n$repeat", template.template, count=1)
        )
    text = template.safe_substitute(
        title=_quoted(title), today=today, start=start or f"{today} 18:00", repeat=line
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
