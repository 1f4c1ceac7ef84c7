"""``assosite schedule``: is the nightly rebuild of the site really going to happen?

An agenda goes stale without a rebuild every night (past events move to the archive).
Each host needs something different, and each can stop it silently:

- **GitHub** disables a workflow's schedule in a repository without activity for 60
  days, a quiet association's normal state. Re-enabling the workflow through the API
  (``PUT …/actions/workflows/<file>/enable``, which the recipe's ``actions: write``
  permission allows) at every run keeps it; if that fails, the run's summary says so.
- **GitLab** runs a schedule only when someone created one (Build > Pipeline
  schedules). Its job token cannot list schedules: with ``ASSOSITE_GITLAB_TOKEN`` (a
  project token with ``read_api``) they are counted; otherwise the project's scheduled
  pipelines are read anonymously, which works on a public project.
- **Netlify** has no scheduler of its own for builds: the site's scheduled function
  (``netlify/functions/chaque-nuit.mjs``) calls the build hook whose address is in
  ``ASSOSITE_BUILD_HOOK``; without it, nothing calls the hook.

Findings never stop a publication: they are told, with how to fix them.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assosite.problems.catalogue import N_

# A scheduled pipeline older than this means the schedule stopped.
_STALE = dt.timedelta(days=2)

_TIMEOUT = 20  # seconds per API request


@dataclass(frozen=True, slots=True)
class Finding:
    """What ``assosite schedule`` found on this host.

    Attributes:
        host: ``github``, ``gitlab``, ``netlify`` or ``""`` (none recognised).
        ok: the nightly rebuild is in place (False: it is missing or stopped; None:
            it could not be checked).
        text: the French sentence (a gettext message id) with ``{…}`` placeholders.
        params: the values of the placeholders.
    """

    host: str
    ok: bool | None
    text: str
    params: dict[str, Any] = field(default_factory=dict)


def check_schedule(env: Mapping[str, str], now: dt.datetime | None = None) -> Finding:
    """Check (and on GitHub, keep) the nightly rebuild of the host running this job."""
    if env.get("GITHUB_ACTIONS") == "true":
        return _github(env)
    if env.get("GITLAB_CI") == "true":
        return _gitlab(env, now or dt.datetime.now(dt.UTC))
    if env.get("NETLIFY") == "true":
        if env.get("ASSOSITE_BUILD_HOOK", "").startswith("https://"):
            return Finding("netlify", True, N_("La reconstruction de nuit est réglée."))
        return Finding(
            "netlify",
            False,
            N_(
                "Aucune reconstruction de nuit : la variable ASSOSITE_BUILD_HOOK n'est pas "
                "réglée. Pour corriger : dans Netlify, Site configuration > Build & deploy > "
                "Build hooks, créez un lien, puis copiez son adresse dans une variable "
                "ASSOSITE_BUILD_HOOK (Environment variables)."
            ),
        )
    return Finding("", None, N_("Hébergeur non reconnu : rien à vérifier ici."))


def _request(url: str, method: str = "GET", headers: Mapping[str, str] | None = None) -> Any:
    """Return the JSON answer of an API request (None for an empty one)."""
    request = urllib.request.Request(url, method=method, headers=dict(headers or {}))
    with urllib.request.urlopen(request, timeout=_TIMEOUT) as answer:
        body = answer.read()
    return json.loads(body) if body.strip() else None


def _github(env: Mapping[str, str]) -> Finding:
    repository = env.get("GITHUB_REPOSITORY", "")
    reference = env.get("GITHUB_WORKFLOW_REF", "")  # owner/repo/.github/workflows/x.yml@ref
    workflow = Path(reference.split("@", 1)[0]).name
    token = env.get("GH_TOKEN") or env.get("GITHUB_TOKEN") or ""
    api = env.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    fix = {"workflow": workflow or "publier.yml"}
    if not (repository and workflow and token):
        return Finding("github", False, _GITHUB_FAILED, {**fix, "detail": "GH_TOKEN"})
    url = f"{api}/repos/{repository}/actions/workflows/{urllib.parse.quote(workflow)}/enable"
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
    }
    try:
        _request(url, "PUT", headers)
    except urllib.error.HTTPError as error:
        return Finding("github", False, _GITHUB_FAILED, {**fix, "detail": f"HTTP {error.code}"})
    except OSError as error:
        return Finding("github", None, _UNREACHABLE, {"detail": str(error)})
    return Finding(
        "github",
        True,
        N_("La construction de nuit ({workflow}) reste active : GitHub ne l'arrêtera pas."),
        fix,
    )


_GITHUB_FAILED = N_(
    "La construction de nuit ({workflow}) n'a pas pu être gardée active ({detail}) : "
    "GitHub l'arrête après 60 jours sans modification du dépôt. Pour corriger : donnez "
    "la permission « actions: write » à la recette et GH_TOKEN à l'étape « assosite "
    "schedule » ; si l'onglet Actions montre la recette désactivée, cliquez sur « Enable "
    "workflow »."
)
_UNREACHABLE = N_("La planification n'a pas pu être vérifiée : {detail}.")


def _gitlab(env: Mapping[str, str], now: dt.datetime) -> Finding:
    if env.get("CI_PIPELINE_SOURCE") == "schedule":
        return Finding("gitlab", True, N_("Cette construction est celle de la planification."))
    api = env.get("CI_API_V4_URL", "").rstrip("/")
    project = f"{api}/projects/" + urllib.parse.quote(env.get("CI_PROJECT_ID", ""), safe="")
    token = env.get("ASSOSITE_GITLAB_TOKEN", "")
    try:
        if token:
            schedules = _request(f"{project}/pipeline_schedules", headers={"PRIVATE-TOKEN": token})
            active = any(s.get("active") for s in schedules or [])
            return _GITLAB_PLANNED if active else Finding("gitlab", False, _GITLAB_MISSING)
        pipelines = _request(f"{project}/pipelines?source=schedule&per_page=1")
    except urllib.error.HTTPError as error:
        if error.code in {401, 403, 404}:
            return Finding("gitlab", None, _GITLAB_PRIVATE)
        return Finding("gitlab", None, _UNREACHABLE, {"detail": f"HTTP {error.code}"})
    except OSError as error:
        return Finding("gitlab", None, _UNREACHABLE, {"detail": str(error)})
    return _last_scheduled(pipelines, now)


def _last_scheduled(pipelines: list[dict[str, Any]] | None, now: dt.datetime) -> Finding:
    """Judge the project's most recent scheduled pipeline (none, too old, recent)."""
    if not pipelines:
        return Finding("gitlab", False, _GITLAB_MISSING)
    last = dt.datetime.fromisoformat(pipelines[0]["created_at"].replace("Z", "+00:00"))
    if now - last > _STALE:
        return Finding(
            "gitlab",
            False,
            N_(
                "La dernière construction planifiée date du {date} : la planification "
                "s'est arrêtée. Pour corriger : Build > Pipeline schedules, vérifiez qu'elle "
                "est active et que son propriétaire a toujours accès au projet."
            ),
            {"date": last.date().isoformat()},
        )
    return _GITLAB_PLANNED


_GITLAB_PLANNED = Finding("gitlab", True, N_("La reconstruction de nuit est planifiée."))
_GITLAB_MISSING = N_(
    "Aucune construction planifiée : l'agenda ne sera pas mis à jour chaque nuit. Pour "
    "corriger : Build > Pipeline schedules > New schedule, « tous les jours », branche "
    "principale, puis Create pipeline schedule."
)
_GITLAB_PRIVATE = N_(
    "La planification d'un projet privé ne peut pas être vérifiée sans jeton. Pour "
    "corriger : créez un jeton de projet (Settings > Access tokens, droit read_api) et "
    "donnez-le dans une variable ASSOSITE_GITLAB_TOKEN (Settings > CI/CD > Variables, "
    "masquée)."
)
