"""Editing in the browser: the forms, ``config.yml``, ``/admin/`` and the local backend."""

from __future__ import annotations

import hashlib
import http.client
import json
import subprocess
import threading
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from helpers import BASE_CONFIG, NODE_MODULES, free_port, require_tool

from assosite.build.serve import _listen
from assosite.build.site import BuildOptions, build_site, check_site
from assosite.cli import cli
from assosite.cms.admin import DECAP, decap_files
from assosite.cms.config import editor_config, forge_backend, local_backend
from assosite.cms.form import FORMS
from assosite.cms.local import LocalBackend
from assosite.config.site import load_config
from assosite.federation.runner import FederationOptions, run_federation
from assosite.reading.items import COMMON_KEYS, LOCATION_KEYS, OWN_KEYS

ROOT = Path(__file__).parent.parent
GITLAB = (
    '\n[cms]\nbackend = "gitlab"\nrepo = "jardins/site"\n'
    'base_url = "https://framagit.org"\napp_id = "abc"\n'
)
EVENT = (
    "---\ntitle: Atelier vélo\nsummary: On répare ensemble.\nstart: 2027-05-15 14:00\n"
    "end: 2027-05-15 17:00\n---\nVenez avec votre vélo.\n"
)


def _config(site: Path):
    config, problems = load_config(site)
    assert config is not None, problems
    return config


def _collection(config: dict, kind: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == kind)


def _field(collection: dict, name: str) -> dict:
    return next(f for f in collection["fields"] if f["name"] == name)


def test_every_field_is_a_key_the_reader_accepts_and_the_docs_explain() -> None:
    docs = (ROOT / "docs" / "contenu.md").read_text(encoding="utf-8")
    for form in FORMS:
        for spec in form.fields:
            if spec.name == "body":
                continue
            assert spec.name in COMMON_KEYS + OWN_KEYS[form.kind], (form.kind, spec.name)
            assert f"| `{spec.name}` |" in docs, spec.name
            for child in spec.fields:
                assert child.name in LOCATION_KEYS
        assert [s.name for s in form.fields][-1] == "body"
        assert form.fields[0].name == "title" and form.fields[0].required


def test_the_config_follows_the_site_folders_budgets_and_time_zone(make_site) -> None:
    config = BASE_CONFIG + 'timezone = "Indian/Reunion"\n'
    config += "\n[editorial]\ntitle_max_length = 60\nsummary_max_length = 150\nmax_tags = 3\n"
    site = make_site(config=config)
    decap = editor_config(_config(site), local_backend("http://127.0.0.1:1/api/v1"))
    assert [c["folder"] for c in decap["collections"]] == [
        "content/news",
        "content/events",
        "content/testimonies",
        "content/pages",
    ]
    assert decap["media_folder"] == "content/images" and decap["public_folder"] == "images"
    assert "logo" not in decap  # the site has none
    news, event = _collection(decap, "news"), _collection(decap, "event")
    title = _field(news, "title")
    assert title["required"] is True
    assert title["pattern"][0] == "^.{1,60}$" and "60" in title["pattern"][1]
    assert "60 caractères" in title["hint"]
    assert _field(news, "summary")["pattern"][0] == r"^[\s\S]{0,150}$"
    assert _field(news, "tags")["max"] == 3
    assert "Indian/Reunion" in _field(event, "start")["hint"]
    assert _field(event, "start")["format"] == "YYYY-MM-DD HH:mm"
    assert _field(event, "end")["required"] is False
    location = _field(event, "location")
    assert [f["name"] for f in location["fields"]] == list(LOCATION_KEYS)
    status = _field(news, "status")
    assert [o["value"] for o in status["options"]] == ["published", "draft"]
    consent = _field(_collection(decap, "testimony"), "consent")
    assert consent["required"] is True and consent["time_format"] is False
    assert event["slug"].startswith("{{fields.start | date('YYYY-MM-DD')}}")


def test_an_english_site_gets_english_forms(make_site) -> None:
    site = make_site(config=BASE_CONFIG + 'language = "en"\n')
    decap = editor_config(_config(site), local_backend("http://127.0.0.1:1/api/v1"))
    assert decap["locale"] == "en"
    event = _collection(decap, "event")
    assert event["label"] == "Events"
    assert _field(event, "title")["label"] == "Title"
    assert "characters" in _field(event, "title")["hint"]


def test_the_forge_backends(make_site) -> None:
    site = make_site(config=BASE_CONFIG + GITLAB)
    backend = forge_backend(_config(site).cms)
    assert backend == {
        "name": "gitlab",
        "repo": "jardins/site",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc",
        "base_url": "https://framagit.org",
        "auth_endpoint": "oauth/authorize",
        "api_root": "https://framagit.org/api/v4",
    }
    review = editor_config(
        _config(make_site(config=BASE_CONFIG + GITLAB + "review = true\n", name="review")),
        backend,
    )
    assert review["publish_mode"] == "editorial_workflow"
    assert "publish_mode" not in editor_config(_config(site), backend)
    github = (
        BASE_CONFIG
        + '\n[cms]\nbackend = "github"\nrepo = "a/b"\nbase_url = "https://auth.mon-asso.fr"\n'
    )
    backend = forge_backend(_config(make_site(config=github, name="gh")).cms)
    assert backend == {
        "name": "github",
        "repo": "a/b",
        "branch": "main",
        "base_url": "https://auth.mon-asso.fr",
    }


@pytest.mark.parametrize(
    ("section", "code"),
    [
        ('backend = "gitlub"\nrepo = "a/b"\napp_id = "x"', "AS181"),
        ('backend = "gitlab"\nrepo = "a/b"', "AS183"),
        ('backend = "github"', "AS183"),
        ('backend = "gitlab"\nrepo = "a b"\napp_id = "x"', "AS182"),
        (
            'backend = "gitlab"\nrepo = "a/b"\napp_id = "x"\nbase_url = "http://git.asso.fr"',
            "AS180",
        ),
    ],
)
def test_cms_settings_are_checked_at_their_line(make_site, section, code) -> None:
    site = make_site(config=BASE_CONFIG + "\n[cms]\n" + section + "\n")
    _, problems = load_config(site)
    assert [p.code for p in problems] == [code]
    assert problems[0].line > BASE_CONFIG.count("\n")


def test_the_build_publishes_admin_only_when_cms_names_a_forge(make_site) -> None:
    site = make_site({"content/events/2027-05-15-atelier.md": EVENT}, config=BASE_CONFIG)
    build_site(site, BuildOptions())
    assert not (site / "output" / "admin").exists()

    (site / "assosite.toml").write_text(BASE_CONFIG + GITLAB, encoding="utf-8")
    build_site(site, BuildOptions())
    admin = site / "output" / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    version, names = decap_files()
    assert f'<script src="decap/{version}/decap-cms.js"></script>' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "connect-src &#x27;self&#x27; blob: https://framagit.org" in page
    for name in names:
        assert (admin / "decap" / version / name).read_bytes() == (DECAP / name).read_bytes()
    published = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert published == editor_config(_config(site), forge_backend(_config(site).cms))
    assert "admin" not in (site / "output" / "sitemap.xml").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["cms", str(site)])
    assert result.exit_code == 0, result.output
    assert result.output == (admin / "config.yml").read_text(encoding="utf-8")


def test_assosite_cms_says_when_no_forge_is_set(make_site) -> None:
    result = CliRunner().invoke(cli, ["cms", str(make_site())])
    assert result.exit_code == 1
    assert "AS184" in result.output and "assosite serve --cms" in result.output


def test_the_shipped_decap_cms_is_the_one_its_checksums_name() -> None:
    version, names = decap_files()
    assert version.count(".") == 2
    lines = (DECAP / "SHA256SUMS").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((DECAP / name).read_bytes()).hexdigest() == digest, name
    shipped = {p.name for p in DECAP.iterdir()} - {"SHA256SUMS", "LICENSE"}
    assert shipped == set(names) and "decap-cms.js" in shipped


# -- the local backend ---------------------------------------------------------------


@pytest.fixture
def backend(make_site) -> LocalBackend:
    site = make_site({"content/events/2027-05-15-atelier.md": EVENT})
    return LocalBackend(_config(site))


def _persist(path: str, raw: str, assets: list | None = None) -> dict:
    entry = {"slug": "x", "path": path, "raw": raw}
    options = {"commitMessage": "Create", "useWorkflow": False, "status": ""}
    return {
        "action": "persistEntry",
        "params": {"entry": entry, "assets": assets or [], "options": options},
    }


def test_the_local_backend_lists_reads_and_saves_entries(backend) -> None:
    status, entries = backend.answer(
        {
            "action": "entriesByFolder",
            "params": {"folder": "content/events", "extension": "md", "depth": 1},
        }
    )
    assert status == 200
    assert [e["file"]["path"] for e in entries] == ["content/events/2027-05-15-atelier.md"]
    assert entries[0]["data"] == EVENT
    raw = EVENT.replace("Atelier vélo", "Atelier couture")
    assert backend.answer(_persist("content/events/2027-06-01-couture.md", raw)) == (
        200,
        {"message": "entry persisted"},
    )
    saved = backend.root / "content/events/2027-06-01-couture.md"
    assert saved.read_text(encoding="utf-8") == raw
    report = check_site(backend.root)
    assert report.errors == 0, report.problems


def test_the_local_backend_refuses_an_entry_the_build_would_not_publish(backend) -> None:
    photo = {"path": "content/images/velo.jpg", "content": "aGVsbG8=", "encoding": "base64"}
    raw = EVENT.replace(
        "start: 2027-05-15 14:00", "start: 2027-05-15 14:00\nimage: images/velo.jpg"
    )
    status, answer = backend.answer(
        _persist("content/events/2027-06-02-sans-texte.md", raw, [photo])
    )
    assert status == 422
    assert "Pas enregistré" in answer["error"] and "AS207" in answer["error"]
    assert not (backend.root / "content/events/2027-06-02-sans-texte.md").exists()
    assert (backend.root / "content/images/velo.jpg").read_bytes() == b"hello"  # nothing lost


@pytest.mark.parametrize(
    "path",
    ["content/../assosite.toml", "assosite.toml", "/etc/passwd", "content/lien/x.md", ""],
)
def test_the_local_backend_writes_nothing_outside_content(backend, tmp_path, path) -> None:
    (backend.root / "content" / "lien").symlink_to(tmp_path, target_is_directory=True)
    before = (backend.root / "assosite.toml").read_bytes()
    asset = {"path": path, "content": "aGVsbG8=", "encoding": "base64"}
    status, answer = backend.answer(
        {"action": "persistMedia", "params": {"asset": asset, "options": {"commitMessage": "x"}}}
    )
    assert status in (400, 403), answer
    assert (backend.root / "assosite.toml").read_bytes() == before
    assert not (tmp_path / "x.md").exists()
    status, _ = backend.answer({"action": "getEntry", "params": {"path": path or "x"}})
    assert status in (400, 403)


def test_the_local_backend_answers_only_its_own_admin_page(make_site) -> None:
    site = make_site()
    port = free_port()
    server = _listen(port, site, site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    body = json.dumps({"action": "info", "params": {}})

    def post(headers: dict[str, str]) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", "/api/v1", body, {"Content-Type": "application/json", **headers})
        status = connection.getresponse().status
        connection.close()
        return status

    try:
        assert post({}) == 200
        assert post({"Origin": f"http://127.0.0.1:{port}"}) == 200
        assert post({"Origin": "https://exemple.org"}) == 403
        assert post({"Host": f"rebinding.example:{port}"}) == 403
        assert post({"Content-Type": "text/plain"}) == 403
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/admin/config.yml")
        answer = connection.getresponse()
        decap = yaml.safe_load(answer.read())
        assert answer.getheader("Content-Type") == "text/yaml; charset=utf-8"
        assert decap["backend"] == local_backend(f"http://127.0.0.1:{port}/api/v1")
    finally:
        server.shutdown()
        server.server_close()


def test_the_config_is_valid_for_sveltia_cms_too(make_site) -> None:
    """Sveltia CMS reads the same configuration and ships its JSON schema: it accepts ours.

    Only ``locale`` is left out: Sveltia CMS follows the browser's language instead.
    """
    schema_file = NODE_MODULES / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"
    require_tool(schema_file.is_file(), "Sveltia CMS's schema")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for config in (
        BASE_CONFIG + GITLAB,
        BASE_CONFIG + '\n[cms]\nbackend = "github"\nrepo = "a/b"\n',
    ):
        site = make_site(config=config, name=str(len(config)))
        decap = editor_config(_config(site), forge_backend(_config(site).cms))
        assert [e.message for e in validator.iter_errors(decap)] == [
            "Additional properties are not allowed ('locale' was unexpected)"
        ]
        del decap["locale"]
        assert [e.message for e in validator.iter_errors(decap)] == []


def test_a_federation_member_s_forms_name_its_folder_in_the_repository(tmp_path) -> None:
    root = tmp_path / "federation"
    for member in ("alpha", "beta"):
        site = root / "membres" / member
        (site / "content" / "news").mkdir(parents=True)
        (site / "assosite.toml").write_text(
            f'[site]\nname = "Membre {member}"\ndescription = "Le membre {member}."\n',
            encoding="utf-8",
        )
    (root / "federation.toml").write_text(
        '[federation]\nname = "Réseau"\nurl = "https://reseau.example"\n'
        'description = "Un réseau."\n\n[association]\nlegal_name = "Réseau"\n'
        'publication_director = "Camille Martin"\n\n'
        '[defaults.cms]\nbackend = "gitlab"\nrepo = "reseau/sites"\napp_id = "abc"\n'
        "review = true\n\n"
        '[[members]]\nid = "alpha"\npath = "membres/alpha"\n\n'
        '[[members]]\nid = "beta"\npath = "membres/beta"\n',
        encoding="utf-8",
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    report = run_federation(root, FederationOptions())
    assert all(result.status != "failed" for result in report.results), report
    for member in ("alpha", "beta"):
        decap = yaml.safe_load((root / "output" / member / "admin" / "config.yml").read_text())
        assert decap["media_folder"] == f"membres/{member}/content/images"
        assert decap["collections"][0]["folder"] == f"membres/{member}/content/news"
        assert decap["backend"]["repo"] == "reseau/sites"
        assert decap["publish_mode"] == "editorial_workflow"
    assert not (root / "output" / "admin").exists()  # the portal is written by assosite
