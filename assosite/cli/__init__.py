"""The ``assosite`` command: options, help texts, output and exit codes. No business logic.

Exit codes: 0 success; 1 content or configuration errors (warnings too with
``--strict``); 2 usage error; 3 internal error (one sentence, the traceback only
with ``--debug``).
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assosite import __version__
from assosite.build.site import BuildOptions, build_site, check_site
from assosite.cli.texts import use_language
from assosite.config.site import load_config
from assosite.federation.report import FederationReport, format_closing, format_table, status_word
from assosite.problems.catalogue import N_, gettext_in, ngettext_in
from assosite.problems.errors import AssositeError
from assosite.problems.report import BuildReport, format_problem, format_summary
from assosite.scaffold.federation import init_federation
from assosite.scaffold.hosting import check_schedule
from assosite.scaffold.install import (
    CONSTRAINTS,
    locked_versions,
    resolved_versions,
    write_constraints,
    write_install_files,
)
from assosite.scaffold.site import TYPE_FOLDERS, init_site, new_item

if TYPE_CHECKING:
    from assosite.importers.report import ImportReport

# The federation runner and the importers (BeautifulSoup, markdownify, lxml) are
# imported by their commands only: ``assosite build`` with nothing changed stays quick.
# The tools ``assosite import`` knows (importers.TOOLS, which a test keeps equal).
IMPORT_TOOLS = ("wordpress", "hugo", "jekyll", "pelican")

INTERNAL_ERROR = N_("Erreur interne d'assosite — relancez avec --debug et signalez-la.")
_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}


def environment_language() -> str:
    """Return ``fr`` or ``en`` from ``ASSOSITE_LANG``, then ``LANG``; French by default."""
    env = os.environ.get("ASSOSITE_LANG", "").lower()
    if env in ("fr", "en"):
        return env
    return "en" if os.environ.get("LANG", "").lower().startswith("en") else "fr"


def pick_language(option: str | None) -> str:
    """Return ``fr`` or ``en``: ``--lang``, then ``ASSOSITE_LANG``, then ``LANG``."""
    return option or environment_language()


# click writes some of its texts when the commands below are declared (a path's kind,
# the --version help): it speaks the environment's language from the start.
use_language(environment_language())


def help_text(text: str) -> str:
    """Return a help text in the environment's language (help is written at import)."""
    return gettext_in(environment_language(), text)


def _switch_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang`` is read first (eager): click's own texts follow it from there on."""
    del ctx, param
    use_language(pick_language(value))
    return value


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--lang`` and ``--debug`` and turn failures into messages and exit codes."""

    @click.option(
        "--lang",
        type=click.Choice(["fr", "en"]),
        default=None,
        is_eager=True,
        callback=_switch_language,
        help=help_text(
            "Langue des messages (fr par défaut ; ASSOSITE_LANG ou LANG peuvent choisir en)."
        ),
    )
    @click.option(
        "--debug",
        is_flag=True,
        help=help_text("Affiche les détails techniques (et la trace Python d'une erreur interne)."),
    )
    @functools.wraps(func)
    def wrapper(*args: Any, lang: str | None, debug: bool, **kwargs: Any) -> Any:
        lang = pick_language(lang)
        try:
            return func(*args, lang=lang, debug=debug, **kwargs)
        except AssositeError as exc:
            if exc.report is not None:
                show_report(exc.report, lang, strict=kwargs.get("strict", False))
            elif str(exc):
                click.echo(str(exc), err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception:  # noqa: BLE001 (the one place that turns bugs into exit 3)
            if debug:
                traceback.print_exc()
            click.echo(gettext_in(lang, INTERNAL_ERROR), err=True)
            sys.exit(3)

    return wrapper


def show_report(
    report: BuildReport, lang: str, *, strict: bool = False, check: bool = False
) -> None:
    """Print every problem (coloured on a terminal) and the closing summary."""
    for problem in report.sorted():
        text = format_problem(problem, lang)
        first, _, rest = text.partition("\n")
        colour = _SEVERITY_COLOURS[str(problem.severity)]
        click.echo(click.style(first, fg=colour, bold=True) + "\n" + rest + "\n")
    if check and report.problems:
        counts = ", ".join(f"{code} ×{n}" for code, n in report.counts_by_code().items())
        click.echo(gettext_in(lang, "Par règle\u00a0: ") + counts)
    click.echo(format_summary(report, lang, strict=strict, check=check))


_PROGRESS_WORDS = {
    "read": N_("Lecture des fichiers :"),
    "write": N_("Écriture des pages après lecture de"),
}


class _Progress:
    """Shows, on a terminal, what a build is doing once it lasts more than two seconds.

    The build reports its phase and count; a small ticker thread repaints one status
    line every half second, so the writing phase (which reports rarely) shows too.
    """

    def __init__(self, lang: str) -> None:
        self.enabled = sys.stderr.isatty()
        self.started = time.monotonic()
        self.words = {k: gettext_in(lang, v) for k, v in _PROGRESS_WORDS.items()}
        self.status = ("read", 0, 0)
        self.shown = False
        self.stop = threading.Event()
        if self.enabled:
            threading.Thread(target=self._tick, daemon=True).start()

    def __call__(self, phase: str, done: int, total: int) -> None:
        self.status = (phase, done, total)

    def _tick(self) -> None:
        while not self.stop.wait(0.5):
            seconds = time.monotonic() - self.started
            if seconds < 2:
                continue
            phase, done, total = self.status
            click.echo(
                f"\r{self.words[phase]} {done}/{total} ({seconds:.0f} s)", nl=False, err=True
            )
            self.shown = True

    def close(self) -> None:
        self.stop.set()
        if self.shown:
            click.echo("\r\033[K", nl=False, err=True)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=help_text(
        "Assosite : des sites d'association accessibles, légers et sans traceur.\n"
        "\n"
        "Commencez par « assosite init mon-site », puis « assosite serve mon-site »."
    ),
)
@click.version_option(
    __version__, prog_name="assosite", help=help_text("Affiche la version et quitte.")
)
def cli() -> None:
    """The ``assosite`` command group (its help text is the decorator's)."""


_VENDOR = click.option(
    "--vendor/--no-vendor",
    default=None,
    help=help_text(
        "Copie la roue de cet assosite dans vendor/ et la nomme dans requirements.txt "
        "(--no-vendor : nomme la version publiée). Par défaut : copie sauf si assosite "
        "vient d'un dépôt de paquets."
    ),
)


@cli.command(help=help_text("Crée un nouveau site dans DIRECTORY à partir du site de départ."))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help=help_text(
        "Copie même si le dossier contient déjà des fichiers (ceux du site de "
        "départ sont remplacés, les autres gardés)."
    ),
)
@_VENDOR
@lang_option
def init(directory: Path, force: bool, vendor: bool | None, lang: str, debug: bool) -> None:
    """``assosite init``: copy the starter site and say how it installs assosite."""
    init_site(directory, force=force)
    _show_install(write_install_files(directory, vendor), lang)
    text = gettext_in(lang, "Site créé dans {directory}. Ensuite : assosite serve {directory}")
    click.echo(text.format(directory=directory))


def _show_install(written: list[str], lang: str) -> None:
    """Say which files tell the publishing recipes what to install."""
    text = gettext_in(lang, "Installation pour la publication : {files}")
    click.echo(text.format(files=", ".join(written)))


@cli.command(
    help=help_text(
        "Fige dans constraints.txt les versions des paquets dont assosite a besoin, "
        "pour que le site ne change pas d'une construction à l'autre."
    )
)
@click.argument("site", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".")
@click.option(
    "--upgrade",
    is_flag=True,
    help=help_text(
        "Prend les versions les plus récentes permises (pip les cherche sur le dépôt de "
        "paquets) au lieu de celles installées ici."
    ),
)
@click.option(
    "--vendor/--no-vendor",
    default=None,
    help=help_text(
        "Réécrit aussi requirements.txt pour cet assosite : sa roue dans vendor/ "
        "(--vendor) ou sa version publiée (--no-vendor)."
    ),
)
@lang_option
def lock(site: Path, upgrade: bool, vendor: bool | None, lang: str, debug: bool) -> None:
    """``assosite lock``: pin the site's dependencies (installed or newest versions)."""
    if vendor is not None:
        _show_install(write_install_files(site, vendor), lang)
    versions = resolved_versions() if upgrade else locked_versions()
    write_constraints(site, versions)
    text = ngettext_in(
        lang,
        "{count} version figée dans {file}.",
        "{count} versions figées dans {file}.",
        len(versions),
    )
    click.echo(text.format(count=len(versions), file=CONSTRAINTS))


@cli.command(
    help=help_text("Crée un fichier de contenu TYPE (news, event, testimony, page) intitulé TITLE.")
)
@click.argument("kind", metavar="TYPE", type=click.Choice(sorted(TYPE_FOLDERS)))
@click.argument("title")
@click.option(
    "--site",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help=help_text("Dossier du site."),
)
@click.option("--start", help=help_text("Début d'un événement, par exemple « 2026-03-14 18:30 »."))
@click.option(
    "--repeat",
    help=help_text(
        "Un événement qui se répète, par exemple « premier samedi du mois » ou « tous les mardis »."
    ),
)
@lang_option
def new(
    kind: str, title: str, site: Path, start: str | None, repeat: str | None, lang: str, debug: bool
) -> None:
    """``assosite new``: write a content file from its template."""
    config, _ = load_config(site)
    timezone = config.site.timezone if config else "Europe/Paris"
    path = new_item(site, kind, title, timezone=timezone, start=start, repeat=repeat)
    shown = path.relative_to(site).as_posix()
    click.echo(gettext_in(lang, "Fichier créé : {path}").format(path=shown))


@cli.command(
    help=help_text(
        "Vérifie que l'hébergeur reconstruira le site chaque nuit (et, sur GitHub, garde "
        "la construction de nuit active). À lancer dans la recette de publication."
    )
)
@lang_option
def schedule(lang: str, debug: bool) -> None:
    """``assosite schedule``: check (and on GitHub, keep) the host's nightly rebuild."""
    finding = check_schedule(os.environ)
    text = gettext_in(lang, finding.text).format(**finding.params)
    if finding.ok is False and finding.host == "github":
        click.echo(f"::warning::{text}")
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as file:
                file.write(f"> [!WARNING]\n> {text}\n")
        return
    if finding.ok is False:
        text = gettext_in(lang, "Attention : {text}").format(text=text)
    click.echo(text)


_SITE = click.argument(
    "site", type=click.Path(file_okay=False, exists=True, path_type=Path), default="."
)


def _layers(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options a federation gives each member's build or check."""
    _file = click.Path(dir_okay=False, path_type=Path)
    for option in (
        click.option(
            "--defaults",
            type=_file,
            help=help_text("Réglages TOML sous ceux du site (le site gagne)."),
        ),
        click.option(
            "--overrides", type=_file, help=help_text("Réglages TOML par-dessus ceux du site.")
        ),
        click.option(
            "--report-json",
            type=_file,
            help=help_text("Écrit aussi le rapport JSON dans ce fichier."),
        ),
        click.option(
            "--federated",
            is_flag=True,
            hidden=True,
            help=help_text(
                "Membre d'une fédération : réglages de données seulement, rien hors du site."
            ),
        ),
        click.option(
            "--code-cache",
            type=click.Path(file_okay=False, path_type=Path),
            hidden=True,
            help=help_text("Dossier où garder les gabarits compilés (celui de la fédération)."),
        ),
        click.option(
            "--trust-html",
            is_flag=True,
            hidden=True,
            help=help_text(
                "Avec --federated : garde le HTML du Markdown tel quel (sinon il est nettoyé)."
            ),
        ),
    ):
        func = option(func)
    return func


def _address_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--offline`` and ``--preview-url`` (where and how the site is published)."""
    for option in (
        click.option(
            "--offline",
            is_flag=True,
            help=help_text(
                "Pour ouvrir le site depuis le disque (clé USB, fichier) : les liens "
                "nomment les fichiers index.html."
            ),
        ),
        click.option(
            "--preview-url",
            metavar="URL",
            help=help_text(
                "Adresse d'une prévisualisation : ses pages demandent à ne pas être "
                "indexées et gardent l'adresse du site comme adresse canonique (sur "
                "Netlify, lue dans CONTEXT et DEPLOY_PRIME_URL)."
            ),
        ),
    ):
        func = option(func)
    return func


def _layer_options(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "defaults": options["defaults"],
        "overrides": options["overrides"],
        "federated": options["federated"],
        "trust_html": options["trust_html"],
        "code_cache": options["code_cache"],
    }


def _write_json(path: Path | None, report: BuildReport, lang: str, strict: bool) -> None:
    if path is not None:
        path.write_text(report.to_json(lang, strict), encoding="utf-8")


@cli.command(
    help=help_text(
        "Affiche la configuration de l'édition en ligne (admin/config.yml), faite des "
        "formulaires d'assosite et de la section [cms] : « assosite build » la publie."
    )
)
@_SITE
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help=help_text("L'écrit dans ce fichier plutôt qu'à l'écran."),
)
@lang_option
def cms(site: Path, output: Path | None, lang: str, debug: bool) -> None:
    """``assosite cms``: show the admin page's configuration for the site."""
    from assosite.cms.admin import site_config_yaml  # noqa: PLC0415 (see the imports)

    try:
        text, report = site_config_yaml(site)
    except AssositeError as exc:
        if exc.report is None:
            raise
        show_report(exc.report, lang, check=True)
        sys.exit(exc.exit_code)
    if report.problems:
        show_report(report, lang, check=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@cli.command(help=help_text("Construit le site SITE (le dossier courant par défaut)."))
@_SITE
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help=help_text("Dossier de sortie (par défaut : output/ dans le site)."),
)
@click.option(
    "--strict",
    is_flag=True,
    help=help_text("Les avertissements bloquent aussi la publication (code de sortie 1)."),
)
@click.option(
    "--ignore-cache",
    is_flag=True,
    help=help_text("Reconstruit tout, même si rien n'a changé depuis la dernière construction."),
)
@_address_options
@_layers
@lang_option
def build(
    site: Path,
    output: Path | None,
    strict: bool,
    ignore_cache: bool,
    offline: bool,
    preview_url: str | None,
    lang: str,
    debug: bool,
    **layers: Any,
) -> None:
    """``assosite build``: build the site."""
    progress = _Progress(lang)
    options = BuildOptions(
        output=output,
        strict=strict,
        progress=progress,
        reuse=not ignore_cache,
        offline=offline,
        preview_url=preview_url,
        **_layer_options(layers),
    )
    try:
        report = build_site(site, options)
    except AssositeError as exc:
        if exc.report is not None:
            _write_json(layers["report_json"], exc.report, lang, strict)
        raise
    finally:
        progress.close()
    _write_json(layers["report_json"], report, lang, strict)
    show_report(report, lang, strict=strict)
    sys.exit(1 if report.failed(strict) else 0)


@cli.command(help=help_text("Vérifie le contenu et la configuration sans construire le site."))
@_SITE
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=help_text("text pour les personnes, json pour les outils."),
)
@click.option(
    "--strict", is_flag=True, help=help_text("Les avertissements donnent aussi le code 1.")
)
@_layers
@lang_option
def check(
    site: Path, output_format: str, strict: bool, lang: str, debug: bool, **layers: Any
) -> None:
    """``assosite check``: check the site, build nothing."""
    try:
        report = check_site(site, options=BuildOptions(**_layer_options(layers)))
    except AssositeError as exc:
        if exc.report is not None:
            _write_json(layers["report_json"], exc.report, lang, strict)
        if output_format != "json" or exc.report is None:
            raise
        click.echo(exc.report.to_json(lang, strict))
        sys.exit(exc.exit_code)
    _write_json(layers["report_json"], report, lang, strict)
    if output_format == "json":
        click.echo(report.to_json(lang, strict))
    else:
        show_report(report, lang, strict=strict, check=True)
    sys.exit(1 if report.failed(strict) else 0)


@cli.command(
    help=help_text(
        "Construit le site, l'affiche sur 127.0.0.1 et le reconstruit à chaque modification."
    )
)
@_SITE
@click.option(
    "--port",
    "-p",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help=help_text("Port de l'aperçu sur 127.0.0.1."),
)
@click.option(
    "--cms",
    is_flag=True,
    help=help_text(
        "Ouvre aussi l'édition dans le navigateur, sur /admin/ de l'aperçu : les contenus créés "
        "y sont enregistrés dans le dossier content/ du site."
    ),
)
@lang_option
def serve(site: Path, port: int, cms: bool, lang: str, debug: bool) -> None:
    """``assosite serve``: build, show and rebuild on change."""
    from assosite.build.serve import serve_site  # noqa: PLC0415 (watchfiles loads only here)

    def on_build(report: BuildReport) -> None:
        show_report(report, lang)

    serve_site(
        site,
        port,
        on_build=on_build,
        on_error=lambda exc: _show_error(exc, lang),
        lang=lang,
        cms=cms,
    )


def _show_error(exc: AssositeError, lang: str) -> None:
    if exc.report is not None:
        show_report(exc.report, lang)


@cli.group(
    help=help_text(
        "Construit et vérifie tous les sites membres d'une fédération (federation.toml)."
    )
)
def federation() -> None:
    """The ``assosite federation`` group (its help text is the decorator's)."""


_FEDERATION = click.argument(
    "root", type=click.Path(file_okay=False, exists=True, path_type=Path), default="."
)


def _shard(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise click.BadParameter("i/n, 1 ≤ i ≤ n (1/2)")
    return int(index), int(count)


def _member_progress(lang: str) -> Callable[[Any], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(result: Any, done: int, total: int) -> None:
        line = f"\r\033[K[{done}/{total}] {result.id} : {status_word(result.status, lang)}"
        click.echo(line, nl=False, err=True)
        if done == total:
            click.echo("\r\033[K", nl=False, err=True)

    return show


def _show_federation(report: FederationReport, lang: str) -> None:
    problems = report.all_problems()
    if problems.problems:
        show_report(problems, lang)
    click.echo(format_table(report, lang))
    click.echo(format_closing(report, lang))
    sys.exit(1 if report.failed() else 0)


_MEMBER_OPTIONS = (
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1),
        help=help_text("Membres construits en même temps (par défaut : un par processeur)."),
    ),
    click.option(
        "--only", help=help_text("Seulement ces membres : identifiants séparés par des virgules.")
    ),
    click.option(
        "--shard",
        callback=_shard,
        help=help_text(
            "Seulement la part i sur n des membres (i/n, pour répartir les membres "
            "entre plusieurs machines)."
        ),
    ),
)


def _member_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in _MEMBER_OPTIONS:
        func = option(func)
    return func


def _only(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


@federation.command(
    "build",
    help=help_text(
        "Construit chaque membre (un processus chacun) puis le portail de la fédération ROOT."
    ),
)
@_FEDERATION
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help=help_text("Dossier de sortie (par défaut : output/ dans la fédération)."),
)
@_member_options
@click.option(
    "--portal-only",
    is_flag=True,
    help=help_text("Reconstruit seulement le portail, à partir des sorties des membres déjà là."),
)
@_address_options
@lang_option
def federation_build(
    root: Path,
    output: Path | None,
    jobs: int | None,
    only: str | None,
    shard: tuple[int, int] | None,
    portal_only: bool,
    offline: bool,
    preview_url: str | None,
    lang: str,
    debug: bool,
) -> None:
    """``assosite federation build``: every member, then the portal."""
    from assosite.federation.runner import (  # noqa: PLC0415 (see the imports)
        FederationOptions,
        run_federation,
    )

    options = FederationOptions(
        output=output,
        offline=offline,
        preview_url=preview_url,
        jobs=jobs,
        only=_only(only),
        shard=shard,
        portal=True if portal_only else None,
        members=not portal_only,
        progress=_member_progress(lang),
    )
    _show_federation(run_federation(root, options), lang)


@federation.command(
    "check",
    help=help_text("Vérifie federation.toml et le contenu de chaque membre sans rien construire."),
)
@_FEDERATION
@_member_options
@lang_option
def federation_check(
    root: Path,
    jobs: int | None,
    only: str | None,
    shard: tuple[int, int] | None,
    lang: str,
    debug: bool,
) -> None:
    """``assosite federation check``: check every member."""
    from assosite.federation.runner import (  # noqa: PLC0415 (see the imports)
        FederationOptions,
        run_federation,
    )

    options = FederationOptions(
        jobs=jobs, only=_only(only), shard=shard, check=True, progress=_member_progress(lang)
    )
    _show_federation(run_federation(root, options), lang)


@federation.command(
    "init", help=help_text("Crée dans DIRECTORY une fédération d'exemple avec trois membres.")
)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help=help_text("Copie même si le dossier contient déjà des fichiers.")
)
@_VENDOR
@lang_option
def federation_init(
    directory: Path, force: bool, vendor: bool | None, lang: str, debug: bool
) -> None:
    """``assosite federation init``: copy the example federation."""
    init_federation(directory, force=force)
    _show_install(write_install_files(directory, vendor), lang)
    text = gettext_in(
        lang, "Fédération créée dans {directory}. Ensuite : assosite federation build {directory}"
    )
    click.echo(text.format(directory=directory))


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM (a CI job cancelled, a service stopped) unwinds like Ctrl+C: clean-up runs."""
    del frame
    raise SystemExit(128 + signum)


_MAP_KINDS = {
    "news": "news",
    "actualites": "news",
    "event": "event",
    "events": "event",
    "agenda": "event",
    "page": "page",
    "pages": "page",
    "testimony": "testimony",
    "testimonies": "testimony",
    "temoignages": "testimony",
}


def _folder_map(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """Read ``--map posts=news,agenda=events`` into (folder, kind) pairs."""
    del ctx, param
    pairs = []
    for part in (value or "").split(","):
        if not part.strip():
            continue
        folder, sep, kind = part.partition("=")
        if not sep or not folder.strip() or kind.strip().lower() not in _MAP_KINDS:
            text = gettext_in(
                environment_language(),
                "« {value} » : écrivez dossier=type, par exemple « posts=news,agenda=events » "
                "(types : news, events, pages, testimonies).",
            )
            raise click.BadParameter(text.format(value=part.strip()))
        pairs.append((folder.strip().strip("/"), _MAP_KINDS[kind.strip().lower()]))
    return tuple(pairs)


def _show_import(report: ImportReport, lang: str) -> None:
    from assosite.importers.report import closing_line  # noqa: PLC0415 (see the imports)

    for problem in report.problems.sorted():
        text = format_problem(problem, lang)
        first, _, rest = text.partition("\n")
        colour = _SEVERITY_COLOURS[str(problem.severity)]
        click.echo(click.style(first, fg=colour, bold=True) + "\n" + rest + "\n")
    click.echo(closing_line(report, lang))


@cli.command(
    "import",
    help=help_text(
        "Importe un site OUTIL (wordpress, hugo, jekyll, pelican) depuis SOURCE.\n"
        "\n"
        "SOURCE est le fichier d'export de WordPress (Outils > Exporter) ou le dossier du "
        "site Hugo, Jekyll ou Pelican. Rien n'est remplacé sans --force ; relancer l'import "
        "donne les mêmes fichiers."
    ),
)
@click.argument("tool", metavar="OUTIL", type=click.Choice(IMPORT_TOOLS))
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help=help_text("Dossier du site assosite où importer (créé avec « assosite init »)."),
)
@click.option(
    "--new",
    "new_site",
    is_flag=True,
    help=help_text(
        "Crée d'abord le site (comme « assosite init », sans les actualités, événements "
        "et témoignages d'exemple)."
    ),
)
@click.option(
    "--uploads",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help=help_text(
        "WordPress : copie locale du dossier wp-content/uploads (les images et documents)."
    ),
)
@click.option(
    "--download",
    is_flag=True,
    help=help_text(
        "WordPress : télécharge depuis l'ancien site les fichiers absents de --uploads."
    ),
)
@click.option(
    "--map",
    "mapping",
    callback=_folder_map,
    help=help_text(
        "Dossiers de l'ancien site et leur type, par exemple « posts=news,agenda=events »."
    ),
)
@click.option(
    "--force",
    is_flag=True,
    help=help_text("Remplace les fichiers du site qui existent déjà et diffèrent."),
)
@click.option(
    "--report-json",
    type=click.Path(dir_okay=False, path_type=Path),
    help=help_text("Écrit aussi le rapport de l'import en JSON dans ce fichier."),
)
@lang_option
def import_command(
    tool: str,
    source: Path,
    site: Path,
    new_site: bool,
    uploads: Path | None,
    download: bool,
    mapping: tuple[tuple[str, str], ...],
    force: bool,
    report_json: Path | None,
    lang: str,
    debug: bool,
) -> None:
    """``assosite import``: bring another tool's site into an assosite site."""
    from assosite.importers import ImportOptions, import_site  # noqa: PLC0415 (see the imports)

    if new_site:
        init_site(site, force=force, samples=False)
        _show_install(write_install_files(site), lang)
    options = ImportOptions(uploads=uploads, download=download, force=force, mapping=mapping)
    report = import_site(tool, source, site, options)
    if report_json is not None:
        report_json.write_text(report.to_json(lang), encoding="utf-8")
    _show_import(report, lang)


def main() -> None:
    """Entry point of the ``assosite`` command (click's language is set at import)."""
    signal.signal(signal.SIGTERM, _terminated)
    cli()
