"""``assosite schedule`` against a local stand-in for the GitHub and GitLab REST APIs.

The stand-in answers the few requests the command makes (a real HTTP server on
127.0.0.1), so that what the command sends (method, path, token) and what it concludes
from each answer are checked without a forge account.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading

import pytest
from click.testing import CliRunner

from assosite.cli import cli
from assosite.scaffold.hosting import check_schedule

NOW = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def api():
    """A local API: ``api.answers[(method, path)] = (status, body)``; requests are recorded."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            server.requests.append((self.command, self.path, dict(self.headers)))
            status, body = server.answers.get((self.command, self.path), (404, {"message": "?"}))
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_PUT = _answer

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.answers, server.requests = {}, []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join()
    server.server_close()


def _github_env(api, **extra) -> dict[str, str]:
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": "amis/site",
        "GITHUB_WORKFLOW_REF": "amis/site/.github/workflows/publier.yml@refs/heads/main",
        "GITHUB_API_URL": api.url,
        "GH_TOKEN": "jeton",
        **extra,
    }


def test_github_keeps_the_nightly_workflow_enabled(api) -> None:
    """One PUT .../workflows/publier.yml/enable with the job's token: the schedule stays."""
    api.answers["PUT", "/repos/amis/site/actions/workflows/publier.yml/enable"] = (204, None)
    finding = check_schedule(_github_env(api))
    assert finding.ok is True
    [(method, path, headers)] = api.requests
    assert (method, path) == ("PUT", "/repos/amis/site/actions/workflows/publier.yml/enable")
    assert headers["Authorization"] == "Bearer jeton"


def test_github_refusal_is_a_warning_in_the_run_summary(api, tmp_path) -> None:
    """Without actions: write (403), the run says it in its summary, and still succeeds."""
    api.answers["PUT", "/repos/amis/site/actions/workflows/publier.yml/enable"] = (403, {})
    summary = tmp_path / "summary.md"
    env = _github_env(api, GITHUB_STEP_SUMMARY=str(summary))
    result = CliRunner(env=env).invoke(cli, ["schedule"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("::warning::")
    assert "HTTP 403" in result.output
    assert "actions: write" in summary.read_text(encoding="utf-8")


def _gitlab_env(api, **extra) -> dict[str, str]:
    return {
        "GITLAB_CI": "true",
        "CI_API_V4_URL": f"{api.url}/api/v4",
        "CI_PROJECT_ID": "42",
        "CI_PIPELINE_SOURCE": "push",
        **extra,
    }


@pytest.mark.parametrize(
    ("pipelines", "ok"),
    [
        ([], False),  # no schedule ever ran
        ([{"id": 9, "created_at": "2026-11-20T03:17:05.000Z"}], False),  # it stopped
        ([{"id": 9, "created_at": "2026-12-03T03:17:05.000Z"}], True),
    ],
)
def test_gitlab_reads_the_last_scheduled_pipeline(api, pipelines, ok) -> None:
    """A public project: its scheduled pipelines tell whether the schedule exists and runs."""
    api.answers["GET", "/api/v4/projects/42/pipelines?source=schedule&per_page=1"] = (
        200,
        pipelines,
    )
    finding = check_schedule(_gitlab_env(api), NOW)
    assert finding.ok is ok
    if pipelines and not ok:
        assert finding.params == {"date": "2026-11-20"}


def test_gitlab_counts_schedules_with_a_project_token(api) -> None:
    """With ASSOSITE_GITLAB_TOKEN the schedules themselves are read (an inactive one counts not)."""
    path = "/api/v4/projects/42/pipeline_schedules"
    api.answers["GET", path] = (200, [{"id": 1, "active": False}])
    env = _gitlab_env(api, ASSOSITE_GITLAB_TOKEN="glpat-x")
    assert check_schedule(env, NOW).ok is False
    assert api.requests[-1][2]["Private-Token"] == "glpat-x"
    api.answers["GET", path] = (200, [{"id": 1, "active": False}, {"id": 2, "active": True}])
    assert check_schedule(env, NOW).ok is True


def test_gitlab_private_project_without_token_says_how_to_check(api) -> None:
    """A private project hides its pipelines (404): the answer says which token to add."""
    finding = check_schedule(_gitlab_env(api), NOW)
    assert finding.ok is None
    assert "ASSOSITE_GITLAB_TOKEN" in finding.text
    assert check_schedule(_gitlab_env(api, CI_PIPELINE_SOURCE="schedule"), NOW).ok is True


def test_netlify_needs_the_build_hook_variable() -> None:
    """The scheduled function calls ASSOSITE_BUILD_HOOK: without it, no nightly build."""
    assert check_schedule({"NETLIFY": "true"}).ok is False
    hook = {"NETLIFY": "true", "ASSOSITE_BUILD_HOOK": "https://api.netlify.com/build_hooks/x"}
    assert check_schedule(hook).ok is True
    result = CliRunner(env={"NETLIFY": "true", "ASSOSITE_LANG": "en"}).invoke(cli, ["schedule"])
    assert result.exit_code == 0
    assert "ASSOSITE_BUILD_HOOK" in result.output
