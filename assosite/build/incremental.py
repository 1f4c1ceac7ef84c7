"""Reuse the previous build when nothing it depends on has changed.

After a successful build, a *stamp* records the fingerprint of its inputs
(:mod:`assosite.build.fingerprint`), the instant until which the same inputs give the same
site (the next event that starts or ends, the next expiry, the next midnight), and
its problems. The next build with the same fingerprint before that instant, into an
output that still carries the same fingerprint, reports the same problems and leaves
the output alone: CI runs and previews that change nothing cost a hash, not a build.

Stamps live in ``.cache/assosite/builds/`` in the site folder, one per output folder,
never in the published output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from assosite.build.fingerprint import site_fingerprint
from assosite.problems.report import BuildReport, problem_data, problem_from_data

logger = logging.getLogger(__name__)

STAMP_VERSION = 1
MARKER_PREFIX = "assosite\n"


def build_fingerprint(
    root: Path,
    theme: Path,
    output: Path,
    options: dict[str, Any],
    known: dict[str, Any] | None = None,
) -> str:
    """Return the fingerprint of one build: the site's inputs plus how it is built.

    The output folder is left out of the inputs and of the fingerprint (two copies
    of a site built into two folders carry the same marker); each output folder has
    its own stamp.

    Args:
        root: the site folder.
        theme: the theme folder.
        output: the output folder (never an input, even inside the site).
        options: what else decides the output (site address, extra settings,
            federation layers).
        known: a preview server's memory of file digests (files not read again).
    """
    # The reference time is not part of it: what it decides is in the stamp's validity.
    how = {key: repr(value) for key, value in sorted(options.items())}
    extra = json.dumps(how, sort_keys=True).encode()
    return site_fingerprint(root, extra, skip=[output], theme=theme, known=known)


def _stamp_path(root: Path, output: Path) -> Path:
    name = hashlib.sha256(str(output).encode()).hexdigest()[:16]
    return root / ".cache" / "assosite" / "builds" / f"{name}.json"


def marker_text(fingerprint: str) -> str:
    """Return the text of the marker file written at the root of every output."""
    return f"{MARKER_PREFIX}{fingerprint}\n"


def reusable_report(
    root: Path, output: Path, marker: str, fingerprint: str, now: dt.datetime
) -> BuildReport | None:
    """Return the previous build's report when its output can be kept as it is.

    Args:
        root: the site folder.
        output: the output folder.
        marker: the name of the marker file at the root of the output.
        fingerprint: this build's fingerprint.
        now: this build's reference instant.

    Returns:
        The previous report (``reused`` set), or None when the site must be built.
    """
    try:
        stamp = json.loads(_stamp_path(root, output).read_text(encoding="utf-8"))
        written = (output / marker).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    if (
        stamp.get("version") != STAMP_VERSION
        or stamp.get("fingerprint") != fingerprint
        or written != marker_text(fingerprint)
        or now >= dt.datetime.fromisoformat(stamp["valid_until"])
    ):
        return None
    return BuildReport(
        problems=[problem_from_data(data) for data in stamp["problems"]],
        written=stamp["written"],
        items=stamp["items"],
        published=True,
        reused=True,
        valid_until=stamp["valid_until"],
    )


def save_stamp(
    root: Path, output: Path, fingerprint: str, report: BuildReport, valid_until: dt.datetime
) -> None:
    """Record a successful build so that an identical next one can be skipped."""
    path = _stamp_path(root, output)
    stamp = {
        "version": STAMP_VERSION,
        "fingerprint": fingerprint,
        "valid_until": valid_until.isoformat(),
        "written": report.written,
        "items": report.items,
        "problems": [problem_data(p) for p in report.problems],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stamp, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    except OSError as exc:  # a read-only site still builds; the next build is a full one
        logger.debug("cannot record the build in %s: %s", path, exc)
