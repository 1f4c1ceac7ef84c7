"""Run one site build (or one check) and return its :class:`~assosite.problems.report.BuildReport`.

The pipeline, top-down: read and validate ``assosite.toml`` → make sure the output
folder may be replaced → run Pelican with assosite's plugin into a staging folder
beside the output → swap the staging folder in when the build succeeded. A failed,
refused or interrupted build leaves the previous output exactly as it was, and
nothing outside the output folder (and its staging siblings) is written or deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from assosite.build.hosts import preview_url
from assosite.build.incremental import build_fingerprint, marker_text, reusable_report, save_stamp
from assosite.config.resources import theme_path
from assosite.config.site import load_config
from assosite.outputs.state import STATE_KEY, BuildState
from assosite.problems.errors import BuildError, ConfigError, ContentError
from assosite.problems.report import BuildReport, Severity, make_problem
from assosite.reading.isolation import ignored_code
from assosite.reading.items import stray_files

if TYPE_CHECKING:
    from assosite.plugin.preview import PreviewMemory

# Pelican and what the plugin loads with it (Pillow, lxml, icalendar…) are imported
# only once a build is decided: a build that finds nothing changed never loads them.

logger = logging.getLogger(__name__)

MARKER = ".assosite-output"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build.

    Attributes:
        output: the output folder (default: ``output/`` in the site).
        strict: warnings block the build too.
        site_url: replaces ``site.url`` (the preview server's address).
        now: the reference instant (default: the current time).
        progress: called with (phase, done, total) while building: phase ``read``
            per content file, then ``write`` once the pages are being written.
        extra: Pelican settings applied last (tests).
        reuse: keep the previous output when nothing it depends on has changed
            (see :mod:`assosite.build.incremental`); False rebuilds everything.
        preview: the preview server's memory: after a first full build, later builds
            write in place only the pages a change affects (see :mod:`assosite.plugin.preview`).
        defaults: ``assosite.toml`` tables (or a TOML file of them) under the site's
            own (the site's keys win): a federation's defaults.
        overrides: ``assosite.toml`` tables (or a TOML file of them) over the site's
            own (their keys win): what a federation imposes on a member.
        federated: the site is built as a federation member (data-only settings,
            nothing read outside its folder, its items exported for the portal).
        trust_html: keep raw HTML in Markdown as written; ``False`` (the default)
            sanitises it (nh3): no script, iframe, event handler or ``javascript:``.
        code_cache: where compiled templates are kept between builds (default: the
            site's ``.cache/assosite``; none for a federation member, unless its
            federation gives its own folder).
        preview_url: the address of the deploy preview this build is published at
            (its pages get ``noindex``, their canonical address stays ``site.url``);
            ``""``: none; None: the host's environment says (Netlify's
            ``CONTEXT`` and ``DEPLOY_PRIME_URL``, see :mod:`assosite.build.hosts`).
        offline: links to folders name their ``index.html``, for a copy of the
            site opened from disk (a USB key at a stand).
    """

    output: Path | None = None
    strict: bool = False
    site_url: str | None = None
    now: dt.datetime | None = None
    progress: Callable[[str, int, int], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    reuse: bool = True
    preview: PreviewMemory | None = None
    defaults: Path | dict[str, Any] | None = None
    overrides: Path | dict[str, Any] | None = None
    federated: bool = False
    trust_html: bool = False
    code_cache: Path | None = None
    preview_url: str | None = None
    offline: bool = False


def build_site(site: Path, options: BuildOptions | None = None) -> BuildReport:
    """Build the site in ``site`` and replace its output only on success.

    Args:
        site: the site folder (with ``assosite.toml`` and ``content/``).
        options: how to build.

    Returns:
        The report: problems, pages written, time, whether the output was replaced.

    Raises:
        ConfigError: ``assosite.toml`` is unusable (nothing was built).
        BuildError: the output folder is unsafe, or the theme failed.
        ContentError: ``--strict`` and the build has errors or warnings.
    """
    options = options or BuildOptions()
    if options.preview_url is None:
        options = dataclasses.replace(options, preview_url=preview_url(os.environ))
    started = time.perf_counter()
    site = site.resolve()
    report, state = _prepare(site, options)
    output = (options.output or site / "output").resolve()
    check_output(site, output, report)
    fingerprint = build_fingerprint(
        site,
        theme_path(state.config.site.theme, site),
        output,
        {
            "site_url": options.site_url,
            "preview_url": options.preview_url,
            "offline": options.offline,
            "extra": options.extra,
            "federated": options.federated,
            "trust_html": options.trust_html,
            "defaults": _bytes(options.defaults),
            "overrides": _bytes(options.overrides),
        },
        known=getattr(options.preview, "digests", None),
    )
    if options.reuse:
        previous = reusable_report(site, output, MARKER, fingerprint, state.now)
        if previous is not None:
            return _finish_reused(previous, options, output, site, started)
    memory = options.preview
    if memory is not None:
        from assosite.plugin.preview import inputs_key  # noqa: PLC0415 (see the imports)

        inputs = inputs_key(state.config, theme_path(state.config.site.theme, site))
        state.preview, state.memos = memory, memory.memos
        if memory.can_update(inputs) and (output / MARKER).exists():
            return _update_preview(
                site,
                output,
                fingerprint=fingerprint,
                state=state,
                options=options,
                report=report,
                started=started,
            )
        memory.start(inputs)
    staging = _fresh_staging(output)
    try:
        _build_into(staging, state, options, report)
        _finish_report(report, options, output, site, started)
        (staging / MARKER).write_text(marker_text(fingerprint), encoding="utf-8")
        _swap(staging, output)
    except BaseException:
        if memory is not None:
            memory.forget()
        raise
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return _published(site, output, fingerprint, state, report)


def _published(
    site: Path, output: Path, fingerprint: str, state: BuildState, report: BuildReport
) -> BuildReport:
    """Record a build whose output is in place: stamp, preview memory, report."""
    if state.preview is not None:
        state.preview.commit()
    report.published = True
    if state.valid_until is not None:
        report.valid_until = state.valid_until.isoformat()
        save_stamp(site, output, fingerprint, report, state.valid_until)
    return report


def _update_preview(
    site: Path,
    output: Path,
    *,
    fingerprint: str,
    state: BuildState,
    options: BuildOptions,
    report: BuildReport,
    started: float,
) -> BuildReport:
    """Update the preview's output in place, writing only the pages that changed.

    When a page of the last build is gone (an item deleted or unpublished), the
    result is thrown away and a full build replaces the output.
    """
    memory = state.preview
    memory.start(memory.inputs)
    try:
        _build_into(output, state, options, report)
        if not memory.has_vanished_pages():
            _finish_report(report, options, output, site, started)
    except BaseException:
        memory.forget()
        raise
    if memory.has_vanished_pages():
        memory.forget()
        return build_site(site, dataclasses.replace(options, reuse=False))
    (output / MARKER).write_text(marker_text(fingerprint), encoding="utf-8")
    return _published(site, output, fingerprint, state, report)


def _code_cache(state: BuildState, options: BuildOptions) -> Path | None:
    """Return where compiled templates are kept: never in a federation member's folder."""
    if options.code_cache is not None:
        return options.code_cache
    return None if state.federated else state.root / ".cache" / "assosite"


def _build_into(
    folder: Path, state: BuildState, options: BuildOptions, report: BuildReport
) -> None:
    """Run Pelican with assosite into ``folder`` and complete the report."""
    from assosite.plugin import parallel  # noqa: PLC0415 (see the imports)
    from assosite.plugin.run import run_pelican  # noqa: PLC0415
    from assosite.plugin.settings import pelican_settings  # noqa: PLC0415

    settings = pelican_settings(
        state.config,
        folder,
        options.site_url,
        {STATE_KEY: state, **options.extra},
        _code_cache(state, options),
        preview_url=options.preview_url or "",
        offline=options.offline,
    )
    try:
        run_pelican(settings, report)
    finally:
        parallel.stop(state)  # only when the build stopped before waiting for it
    if state.crashes:
        raise state.crashes[0]
    # Suggestions belong to ``assosite check``; a build shows what must be acted on.
    report.problems = [p for p in report.problems if p.severity != Severity.SUGGESTION]
    report.written = sum(1 for _ in folder.rglob("*.html"))


def _finish_reused(
    report: BuildReport, options: BuildOptions, output: Path, site: Path, started: float
) -> BuildReport:
    """Complete the report of a build that kept the previous output."""
    try:
        _finish_report(report, options, output, site, started)
    except ContentError:
        report.published = False  # this run publishes nothing: the output stays as it was
        raise
    return report


def _finish_report(
    report: BuildReport, options: BuildOptions, output: Path, site: Path, started: float
) -> None:
    """Record the duration and the output; under ``--strict``, a warning fails the build.

    Raises:
        ContentError: ``--strict`` (or a federation member's build) and the build
            has errors (or, with ``--strict``, warnings).
    """
    report.seconds = time.perf_counter() - started
    report.output = _display_path(output, site)
    # A federation member with errors keeps its previous output (like --strict does).
    if report.failed(options.strict) and (options.strict or options.federated):
        raise ContentError(report=report)


def _bytes(layer: Path | dict[str, Any] | None) -> bytes | None:
    """Return the bytes of a settings layer that decides the build (federation layers)."""
    if isinstance(layer, dict):
        return tomli_w.dumps(layer).encode()
    return layer.read_bytes() if layer is not None and layer.is_file() else None


def check_site(
    site: Path, now: dt.datetime | None = None, options: BuildOptions | None = None
) -> BuildReport:
    """Read and check every file exactly as a build would, without writing a site.

    Args:
        site: the site folder.
        now: the reference instant (default: the current time).
        options: how the build would run (defaults, federation member); ``now``
            is used when ``options`` is not given.

    Raises:
        ConfigError: ``assosite.toml`` is unusable.
    """
    from assosite.plugin.run import read_with_pelican  # noqa: PLC0415 (see the imports)
    from assosite.plugin.settings import pelican_settings  # noqa: PLC0415

    site = site.resolve()
    report, state = _prepare(site, options or BuildOptions(now=now))
    with tempfile.TemporaryDirectory(prefix="assosite-check-") as scratch:
        settings = pelican_settings(state.config, Path(scratch), None, {STATE_KEY: state})
        read_with_pelican(settings, report)
    if state.crashes:
        raise state.crashes[0]
    return report


def _prepare(site: Path, options: BuildOptions) -> tuple[BuildReport, BuildState]:
    config, problems = load_config(
        site, options.defaults, overrides=options.overrides, federated=options.federated
    )
    report = BuildReport(problems=list(problems))
    if options.federated:
        report.extend(ignored_code(site))
    if config is None:
        raise ConfigError(report=report)
    report.extend(stray_files(config.content_path, site))
    state = BuildState(
        config=config,
        report=report,
        now=options.now or reference_time(),
        federated=options.federated,
        trust_html=options.trust_html,
    )
    if options.progress is not None:
        total = sum(1 for _ in config.content_path.rglob("*.md"))
        report_progress = options.progress
        state.progress = lambda phase, done: report_progress(phase, done, total)
    return report, state


def reference_time() -> dt.datetime:
    """Return the build's "now": ``SOURCE_DATE_EPOCH`` when set, else the clock.

    Upcoming and past events, expiry and consent are decided against it; setting
    ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) makes a build repeatable.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def _display_path(path: Path, site: Path) -> str:
    try:
        return path.relative_to(site).as_posix() + "/"
    except ValueError:
        return str(path)


def check_output(site: Path, output: Path, report: BuildReport) -> None:
    """Refuse an output folder whose replacement would delete the user's files."""
    shown = _display_path(output, site)
    if site.is_relative_to(output) or output == Path(output.anchor):
        report.add(make_problem("AS112", "assosite.toml", 0, output=shown))
        raise BuildError(report=report)
    if output.exists() and (
        not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())
    ):
        report.add(make_problem("AS113", "assosite.toml", 0, output=shown))
        raise BuildError(report=report)


def _siblings(output: Path) -> tuple[Path, Path]:
    return (
        output.parent / f".{output.name}.assosite-new",
        output.parent / f".{output.name}.assosite-old",
    )


def _fresh_staging(output: Path) -> Path:
    """Return an empty staging folder beside ``output``, after an interrupted swap."""
    staging, old = _siblings(output)
    if old.exists() and not output.exists():
        old.rename(output)  # an earlier swap was interrupted: restore the output
    for leftover in (staging, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    return staging


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` in place of ``output`` with two renames."""
    _, old = _siblings(output)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    if old.exists():
        shutil.rmtree(old)
