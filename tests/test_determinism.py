"""Two builds of the same input give byte-identical output trees."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import file_hashes

from assosite.scaffold.site import init_site


def test_two_builds_in_two_processes_are_byte_identical(tmp_path) -> None:
    """Same content and SOURCE_DATE_EPOCH, different hash seeds: identical files."""
    site = init_site(tmp_path / "site")
    trees = []
    for seed, output in (("1", "out-a"), ("2", "out-b")):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "assosite", "build", str(site), "--output",
             str(tmp_path / output), "--strict"],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        trees.append(file_hashes(tmp_path / output))
    assert len(trees[0]) > 100
    assert trees[0] == trees[1]


def test_source_date_epoch_decides_what_is_upcoming(tmp_path) -> None:
    """SOURCE_DATE_EPOCH is the build's "now": a later one moves events to the archive."""
    site = init_site(tmp_path / "site")
    counts = []
    for epoch in ("1795000000", "1900000000"):  # 2026-11 and 2030-03
        env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
        output = tmp_path / f"out-{epoch}"
        subprocess.run(
            [sys.executable, "-m", "assosite", "build", str(site), "--output", str(output)],
            check=True,
            capture_output=True,
            env=env,
        )
        agenda = (output / "agenda" / "index.html").read_text(encoding="utf-8")
        counts.append(agenda.count('class="as-card'))
    assert counts[0] > counts[1] >= 1
