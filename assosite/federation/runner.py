"""Build (or check) every member of a federation, each in its own child process, then the portal.

Pelican keeps state for the whole process, so each member's build runs in its own
child process (:mod:`~assosite.federation.children`), over a pool sized to the CPUs; one member's
configuration error, content error, crash or timeout is reported and never stops the
others, and its previous output stays (the child only
swaps its folder in on success). A member whose inputs did not change since its last
successful build (:func:`~assosite.build.fingerprint.site_fingerprint`, recorded in the
output's manifest) and whose build is still valid (no event of its started or ended,
no midnight passed since: see :mod:`assosite.build.incremental`) is not rebuilt.
``--shard i/n`` splits the members across CI runners: member ``k`` (in ``id``
order) goes to shard ``k mod n + 1``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import tomli_w

from assosite.build.fingerprint import site_fingerprint
from assosite.build.site import MARKER, BuildOptions, check_output, reference_time
from assosite.federation.children import FAILED, SUCCEEDED, MemberJob, run_members
from assosite.federation.config import FEDERATION_NAME, FederationConfig, Member, load_federation
from assosite.federation.portal import build_portal
from assosite.federation.report import FederationReport, MemberResult, Status
from assosite.problems.errors import AssositeError, ConfigError
from assosite.problems.report import BuildReport, Problem, Severity, make_problem

# What each member's last build and the portal's were, one file each in this folder of
# the output: parts built on several CI runners merge by copying their folders together.
MANIFEST = ".assosite-federation"


@dataclass(frozen=True, slots=True)
class FederationOptions:
    """How to build a federation.

    Attributes:
        output: the output folder (default: ``output/`` in the federation folder).
        jobs: how many members build at once (default: the number of CPUs).
        only: build only these member ids.
        shard: ``(i, n)``: build only the i-th of n shares of the members.
        now: the reference instant of every member (default: the current time).
        check: check the members instead of building them (no output, no portal).
        portal: build the portal (default: unless ``only`` or ``shard`` is given).
        members: build the members (False: only the portal, from existing outputs).
        progress: called with (result, done, total) as each member finishes.
    """

    output: Path | None = None
    jobs: int | None = None
    only: tuple[str, ...] = ()
    shard: tuple[int, int] | None = None
    now: dt.datetime | None = None
    check: bool = False
    portal: bool | None = None
    members: bool = True
    progress: Callable[[MemberResult, int, int], None] | None = None


def select_members(
    members: tuple[Member, ...], only: tuple[str, ...], shard: tuple[int, int] | None
) -> tuple[list[Member], list[Problem]]:
    """Return the members to build: those named in ``only``, then those of ``shard``.

    Shards are deterministic, never overlap and together cover every member.
    """
    known = {m.id: m for m in members}
    problems = []
    for name in only:
        if name not in known:
            hint = difflib.get_close_matches(name, list(known), n=1)
            problems.append(
                make_problem(
                    "AS519",
                    FEDERATION_NAME,
                    0,
                    value=name,
                    allowed=", ".join(known),
                    hint=hint[0] if hint else "",
                )
            )
    chosen = [m for m in members if not only or m.id in only]
    if shard is not None:
        index, count = shard
        order = sorted(m.id for m in chosen)
        mine = {name for k, name in enumerate(order) if k % count == index - 1}
        chosen = [m for m in chosen if m.id in mine]
    return chosen, problems


def run_federation(root: Path, options: FederationOptions | None = None) -> FederationReport:
    """Build or check the federation in ``root``.

    Returns:
        Every member's result, the federation's problems and the portal's report.

    Raises:
        ConfigError: ``federation.toml`` is unusable, or ``--only`` names an unknown member.
        BuildError: the output folder is unsafe.
    """
    options = options or FederationOptions()
    root = root.resolve()
    config, problems = load_federation(root)
    if config is None:
        raise ConfigError(report=BuildReport(problems))
    members, unknown = select_members(config.members, options.only, options.shard)
    if unknown:
        raise ConfigError(report=BuildReport([*problems, *unknown]))
    now = options.now or reference_time()
    report = FederationReport(problems=list(problems))
    output = (options.output or root / "output").resolve()
    if not options.check:
        check_output(root, output, BuildReport(problems=[]))
        output.mkdir(parents=True, exist_ok=True)
        (output / MARKER).write_text("assosite\n", encoding="utf-8")
        report.output = str(output)
    manifest = read_manifest(output)
    if options.members:
        report.results = _run_members(config, members, output, now, options, manifest)
    build_the_portal = options.portal
    if build_the_portal is None:
        build_the_portal = not options.only and options.shard is None
    if build_the_portal and not options.check:
        _portal(config, output, now, manifest, report)
    if not options.check:
        _write_manifest(output, manifest)
    return report


def _reference_key(config: FederationConfig, now: dt.datetime) -> str:
    """Return what of ``now`` decides the portal: the day (or the exact reproducible time)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return now.isoformat()
    return now.astimezone(ZoneInfo(config.federation.timezone)).date().isoformat()


def _run_members(  # noqa: PLR0917 (one call site, the steps of a run)
    config: FederationConfig,
    members: list[Member],
    output: Path,
    now: dt.datetime,
    options: FederationOptions,
    manifest: dict[str, Any],
) -> list[MemberResult]:
    results: dict[str, MemberResult] = {}
    known = manifest.setdefault("members", {})
    with tempfile.TemporaryDirectory(prefix="assosite-federation-") as scratch:
        jobs: list[tuple[Member, MemberJob, str]] = []
        for member in members:
            job, layers = _member_job(config, member, output, Path(scratch), now, options.check)
            fingerprint = site_fingerprint(member.path, layers, skip=[output])
            previous = known.get(member.id, {})
            folder = output / config.folder(member)
            if (
                not options.check
                and previous.get("fingerprint") == fingerprint
                and now < _instant(previous.get("valid_until"))
                and (folder / MARKER).is_file()
            ):
                results[member.id] = MemberResult(
                    member.id, Status.UNCHANGED, previous.get("items", 0), published=True
                )
                continue
            jobs.append((member, job, fingerprint))
        total, done = len(members), len(results)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(now.timestamp()))}
        workers = max(1, min(options.jobs or os.cpu_count() or 1, len(jobs) or 1))
        timeout = config.federation.timeout
        runs = run_members([j for _, j, _ in jobs], env, timeout, workers)
        with contextlib.closing(runs):  # stopped early: its children are killed
            for index, code, seconds in runs:
                member, job, fingerprint = jobs[index]
                result = _result(config, member, job, code, seconds)
                results[member.id] = result
                if result.status == Status.BUILT:
                    known[member.id] = {
                        "fingerprint": fingerprint,
                        "items": result.items,
                        "valid_until": result.valid_until,
                    }
                done += 1
                if options.progress is not None:
                    options.progress(result, done, total)
    return [results[m.id] for m in members]


def _member_job(  # noqa: PLR0917 (one call site, the parts of a job)
    config: FederationConfig,
    member: Member,
    output: Path,
    scratch: Path,
    now: dt.datetime,
    check: bool,
) -> tuple[MemberJob, bytes]:
    """Return the member's build and the bytes of the settings it is given."""
    defaults = config.member_defaults(member)
    overrides = config.member_overrides(member)
    trust = config.federation.trust_member_html
    options = BuildOptions(
        output=None if check else output / config.folder(member),
        now=now,
        defaults=defaults,
        overrides=overrides,
        federated=True,
        trust_html=trust,
        # Compiled templates are shared by the members, in the federation's own cache
        # (never in a member's folder, which its author controls).
        code_cache=config.root / ".cache" / "assosite",
    )
    job = MemberJob(
        site=member.path,
        options=options,
        check=check,
        result=scratch / f"{member.id}.report.json",
        stderr=scratch / f"{member.id}.stderr",
    )
    layers = tomli_w.dumps(defaults).encode() + b"\0" + tomli_w.dumps(overrides).encode()
    return job, layers + f"\0{trust}".encode()


def _result(
    config: FederationConfig, member: Member, job: MemberJob, code: int | None, seconds: float
) -> MemberResult:
    """Turn a member child's exit code and JSON report into its result."""
    if code is None:
        problem = make_problem("AS531", member.source, 0, seconds=config.federation.timeout)
        return MemberResult(member.id, Status.TIMEOUT, seconds=seconds, problems=(problem,))
    data = _read_json(job.result)
    if data is None or code not in (SUCCEEDED, FAILED):
        stderr = job.stderr
        lines = stderr.read_text("utf-8", "replace").strip().splitlines() if stderr.exists() else []
        detail = lines[-1] if lines else f"exit code {code}"
        problem = make_problem("AS530", member.source, 0, detail=detail)
        return MemberResult(member.id, Status.CRASHED, seconds=seconds, problems=(problem,))
    problems = tuple(_problem(member, p) for p in data.get("problems", []))
    status = Status.CHECKED if job.check else Status.BUILT
    if code != SUCCEEDED:
        status = Status.FAILED
    return MemberResult(
        member.id,
        status,
        items=data.get("items", 0),
        seconds=seconds,
        problems=problems,
        published=bool(data.get("published")),
        valid_until=data.get("valid_until", ""),
    )


def _instant(text: str | None) -> dt.datetime:
    """Read a member's ``valid_until``; a missing or unreadable one is already past."""
    try:
        return dt.datetime.fromisoformat(text or "")
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _problem(member: Member, data: dict[str, Any]) -> Problem:
    """Return a member's problem with its path given from the federation folder."""
    path = f"{member.source.rstrip('/')}/{data['path']}"
    return Problem(data["code"], Severity(data["severity"]), path, data["line"], data["params"])


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_manifest(output: Path) -> dict[str, Any]:
    """Return what the output's earlier builds recorded: ``members`` (by id) and ``portal``.

    Each member's record and the portal's are separate files of :data:`MANIFEST`, so
    the outputs of ``--shard`` runs merge by copying (later files win, as
    ``download-artifact`` with ``merge-multiple`` does).
    """
    manifest: dict[str, Any] = {"members": {}}
    folder = output / MANIFEST
    for path in sorted(folder.glob("*.member.json")) if folder.is_dir() else []:
        data = _read_json(path)
        if isinstance(data, dict) and data.get("version") == 1:
            manifest["members"][path.name.removesuffix(".member.json")] = data["build"]
    portal = _read_json(folder / "portal.json")
    if isinstance(portal, dict) and portal.get("version") == 1:
        manifest["portal"] = portal["build"]
    return manifest


def _write_manifest(output: Path, manifest: dict[str, Any]) -> None:
    """Write each record of ``manifest`` in its own file (see :func:`read_manifest`)."""
    folder = output / MANIFEST
    folder.mkdir(exist_ok=True)
    records = {f"{m}.member.json": data for m, data in manifest.get("members", {}).items()}
    if manifest.get("portal"):
        records["portal.json"] = manifest["portal"]
    for name, data in records.items():
        text = json.dumps({"version": 1, "build": data}, indent=1, sort_keys=True)
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            temporary = path.with_suffix(".tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)


def _portal(
    config: FederationConfig,
    output: Path,
    now: dt.datetime,
    manifest: dict[str, Any],
    report: FederationReport,
) -> None:
    """Build the portal unless nothing it shows changed; record what it owns."""
    previous = manifest.get("portal", {})
    entries = [e for e in previous.get("entries", []) if e and "/" not in e and e[0] != "."]
    try:
        previous_build = (entries, previous.get("fingerprint", ""))
        key = _reference_key(config, now)
        portal_report, names, fingerprint = build_portal(config, output, now, previous_build, key)
    except AssositeError as exc:
        report.problems += exc.report.problems if exc.report else []
        report.problems.append(make_problem("AS532", FEDERATION_NAME, 0))
        return
    report.portal = portal_report
    report.portal_rebuilt = portal_report is not None
    if portal_report is not None:
        report.problems += portal_report.problems  # paths: the federation's content/
    manifest["portal"] = {"fingerprint": fingerprint, "entries": names}
