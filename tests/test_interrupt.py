"""A build killed or stopped at any moment leaves no process, no stray folder, a whole output.

Each build runs as ``assosite`` in its own session, so that every process it starts (card
workers, the second page writer, a federation's fork server and members) is found by
its session id once the build is gone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assosite.scaffold.federation import init_federation
from assosite.scaffold.site import init_site

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

ASSOSITE = str(Path(sys.executable).parent / "assosite")
NEWS = "---\ntitle: Nouvelle numéro {n}\ndate: 2026-02-{day:02d}\nsummary: {summary}\n---\n{body}\n"
KILLS = 20


def _session(leader: int) -> list[int]:
    """Return the live processes of the session ``leader`` started (zombies excepted)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, session = fields[0], int(fields[3])
        if session == leader and state != "Z":
            found.append(int(entry.name))
    return found


def _gone(leader: int, seconds: float = 15.0) -> list[int]:
    """Wait until no process of the session is left; return those still there."""
    deadline = time.monotonic() + seconds
    while (left := _session(leader)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def _start(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.Popen(
        [ASSOSITE, *args],
        cwd=cwd,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _tree(folder: Path) -> str:
    """One digest of every file's path and bytes under ``folder`` (empty when absent)."""
    digest = hashlib.sha256()
    if folder.exists():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _strays(site: Path) -> list[Path]:
    cards = site / ".cache" / "assosite" / "cards"
    staging = [p for p in site.iterdir() if p.name.startswith(".output.assosite-")]
    return staging + (list(cards.glob(".*.tmp")) if cards.exists() else [])


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """The starter with 150 more news: enough for the card pool and the second writer."""
    site = init_site(tmp_path_factory.mktemp("interrupt") / "site")
    body = "Un paragraphe de texte pour la page, avec quelques mots de plus. " * 20
    for n in range(150):
        (site / "content" / "news" / f"2026-02-01-nouvelle-{n}.md").write_text(
            NEWS.format(n=n, day=n % 28 + 1, summary=f"La nouvelle {n} en une phrase.", body=body),
            encoding="utf-8",
        )
    return site


def test_killed_builds_leave_no_process_and_a_whole_output(big_site) -> None:
    """SIGKILL at 20 moments of a cold build: 0 survivors, the old or the new output, 0 strays."""
    site = big_site
    started = time.monotonic()
    assert _start("build", cwd=site).wait() == 0
    duration = time.monotonic() - started
    before = _tree(site / "output")
    page = site / "content" / "news" / "2026-02-01-nouvelle-0.md"
    page.write_text(page.read_text("utf-8").replace("numéro 0", "numéro zéro"), "utf-8")
    seen = []
    for kill in range(KILLS):
        shutil.rmtree(site / ".cache", ignore_errors=True)  # cold: every card drawn again
        build = _start("build", cwd=site)
        time.sleep(duration * (kill + 1) / (KILLS + 1))
        build.send_signal(signal.SIGKILL)
        build.wait()
        left = _gone(build.pid)
        assert left == [], [Path(f"/proc/{p}/cmdline").read_bytes()[-150:] for p in left]
        seen.append(_tree(site / "output"))
    assert _start("build", cwd=site).wait() == 0
    after = _tree(site / "output")
    assert before != after
    assert set(seen) <= {before, after}
    assert _strays(site) == []


def test_sigterm_stops_a_build_cleanly(big_site) -> None:
    """SIGTERM mid-build: the build stops, the previous output stays, no staging folder."""
    site = big_site
    assert _start("build", cwd=site).wait() == 0
    before = _tree(site / "output")
    shutil.rmtree(site / ".cache", ignore_errors=True)
    (site / "content" / "news" / "2026-02-01-nouvelle-1.md").write_text(
        NEWS.format(n="un", day=2, summary="Une phrase.", body="Texte."), encoding="utf-8"
    )
    build = _start("build", cwd=site)
    staging = site / ".output.assosite-new"
    deadline = time.monotonic() + 60
    while not staging.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before it could be stopped"
    build.send_signal(signal.SIGTERM)
    assert build.wait(timeout=30) == 128 + signal.SIGTERM
    assert _gone(build.pid) == []
    assert not staging.exists()
    assert _tree(site / "output") == before
    assert _strays(site) == []


def test_killed_federation_leaves_no_member_running(tmp_path) -> None:
    """SIGKILL of a federation run while its members build: no member, no fork server left."""
    root = init_federation(tmp_path / "federation")
    run = _start("federation", "build", "--jobs", "2", cwd=root)
    deadline = time.monotonic() + 60
    while len(_session(run.pid)) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the run, its fork server and a member at least
    assert run.poll() is None, "the run ended before its members could be seen"
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert _gone(run.pid) == []


def test_federation_runs_never_fail_at_random() -> None:
    """The example federation built 8 times in one process: no member crashes for nothing."""
    bench = Path(__file__).parent.parent / "bench" / "stress_federation.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--runs", "8", "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed runs of 8" in done.stdout
