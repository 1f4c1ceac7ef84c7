"""Read ``federation.toml`` into a validated :class:`FederationConfig`, every problem at its line.

The file is data, never code. ``[federation]`` says who the federation is and how it
builds; ``[association]``, ``[hosting]``, ``[brand]`` and ``[links]`` are the portal's
own identity (the keys of ``assosite.toml``); ``[defaults.*]`` are ``assosite.toml``
tables every member inherits (its own keys win); each ``[[members]]`` gives an id, the
site folder, the public address, directory details and per-member ``defaults`` and
``overrides`` (which win over the member's own file). The checks are the ones of
``assosite.toml`` (:class:`~assosite.config.checks.Checker`), pointed at this file.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assosite.config.checks import CONFIG_NAME, Checker
from assosite.config.site import SECTIONS, find_key_lines, merge_tables, syntax_problem
from assosite.config.site import _field as setting
from assosite.model.urls import site_paths, slugify
from assosite.problems.catalogue import N_
from assosite.problems.report import Problem, make_problem

FEDERATION_NAME = "federation.toml"
LAYOUTS = ("subpaths", "separate")
PORTAL_FOLDER = "portail"  # the portal's folder in the "separate" layout
# Folders the portal writes at the top of the output: no member may take their name.
PORTAL_NAMES = frozenset({"membres", "members", "reseau", "network", PORTAL_FOLDER})
_IDENTITY = ("association", "hosting", "brand", "links", "editorial", "feeds", "calendar")
_MEMBER_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


@dataclass(frozen=True, slots=True)
class FederationSection:
    """``[federation]``: who the federation is and how its members are built."""

    name: str = setting(example='"Réseau des Jardins Partagés"', required=True)
    """Name of the federation, shown on the portal."""
    url: str = setting(example='"https://reseau-jardins.fr"', required=True, check="url")
    """Public address of the portal; members live under it in the ``subpaths`` layout."""
    description: str = setting(example='"Les jardins partagés de la région, ensemble."')
    """One sentence that says what the federation does."""
    logo: str = setting(example='"images/logo.svg"', check="content_file")
    """Logo of the federation, relative to the federation's ``content/`` folder."""
    language: str = setting("fr", example='"fr"', check="language")
    """Language of the portal: ``fr`` or ``en``."""
    timezone: str = setting("Europe/Paris", example='"Europe/Paris"', check="timezone")
    """IANA time zone of the portal."""
    layout: str = setting("subpaths", example='"subpaths"', check="layout")
    """``subpaths`` (portal at the root, each member in ``<id>/``) or ``separate``."""
    trust_member_html: bool = setting(False, example="false", kind=bool)
    """Keep the raw HTML of members' Markdown (``false``: sanitised, the safe default)."""
    timeout: int = setting(300, example="300", kind=int)
    """Seconds a member's build may take before it is stopped and reported."""


@dataclass(frozen=True, slots=True)
class Member:
    """One member site of the federation.

    Attributes:
        id: short name, also the member's folder in the output.
        path: the member's site folder (absolute).
        source: ``path`` as written, relative to the federation folder.
        url: the member's public address, without a trailing slash.
        name: name in the portal's directory (default: the site's own name).
        city: town shown in the directory.
        description: one sentence for the directory (default: the site's own).
        logo: logo relative to the member's ``content/`` (default: the site's own).
        defaults: ``assosite.toml`` tables under the member's own (its keys win).
        overrides: ``assosite.toml`` tables over the member's own (they win).
        line: the line of the member's ``[[members]]`` in ``federation.toml``.
    """

    id: str
    path: Path
    source: str
    url: str
    name: str = ""
    city: str = ""
    description: str = ""
    logo: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True, slots=True)
class FederationConfig:
    """The validated ``federation.toml``.

    Attributes:
        root: the federation folder.
        federation: the ``[federation]`` section.
        identity: the portal's own ``assosite.toml`` tables (association, hosting…).
        defaults: the tables every member inherits.
        members: the members, in the file's order.
    """

    root: Path
    federation: FederationSection
    identity: dict[str, dict[str, Any]]
    defaults: dict[str, dict[str, Any]]
    members: tuple[Member, ...]

    def member_defaults(self, member: Member) -> dict[str, Any]:
        """Return what ``member`` inherits: the federation's defaults, then its own."""
        return merge_tables(self.defaults, member.defaults)

    def member_overrides(self, member: Member) -> dict[str, Any]:
        """Return what the federation imposes on ``member``: its overrides and address."""
        return merge_tables(member.overrides, {"site": {"url": member.url}})

    def folder(self, member: Member) -> str:
        """Return the member's folder in the federation's output."""
        return member.id

    def portal_folder(self) -> str:
        """Return the portal's folder in the output (``""``: the output itself)."""
        return "" if self.federation.layout == "subpaths" else PORTAL_FOLDER


class FederationChecker(Checker):
    """The checks of ``assosite.toml``, plus the federation's own settings."""

    def line(self, *path: str) -> int:
        """Return the line of ``path``, else the line where its block starts."""
        return super().line(*path) or self.lines.get((), 0)

    def sub(self, prefix: tuple[str, ...]) -> FederationChecker:
        """Return a checker for the tables under ``prefix`` (lines without the prefix)."""
        lines = _lines_under(self.lines, prefix)
        lines[()] = self.line(*prefix)
        return FederationChecker(self.root, lines, path=self.path, federated=self.federated)

    def check_layout(self, table: str, key: str, value: str) -> bool:
        """Accept ``subpaths`` or ``separate``."""
        if value in LAYOUTS:
            return True
        self.wrong(
            (table, key),
            value,
            N_("« subpaths » ou « separate »"),
            '"subpaths"',
        )
        return False

    def tables(self, data: Any, prefix: tuple[str, ...]) -> dict[str, dict[str, Any]]:
        """Check ``assosite.toml`` tables where no key is required; return the valid ones."""
        if not isinstance(data, dict):
            self.wrong(prefix, data, N_("une table"), "{ }")
            return {}
        valid: dict[str, dict[str, Any]] = {}
        for table, values in data.items():
            if table == "pelican":
                valid[table] = self.pelican(values)
            elif table not in SECTIONS:
                self.unknown(prefix, table, [*SECTIONS, "pelican"])
            elif not isinstance(values, dict):
                self.wrong((*prefix, table), values, N_("une table"), "{ }")
            else:
                valid[table] = self._partial(table, SECTIONS[table], values)
        return valid

    def _partial(self, table: str, cls: type, values: dict[str, Any]) -> dict[str, Any]:
        specs = {spec.name: spec for spec in dataclasses.fields(cls)}
        checked = {}
        for key, value in values.items():
            if key not in specs:
                self.unknown((table,), key, list(specs))
            elif (result := self.value(table, specs[key], {key: value})) is not None:
                checked[key] = result
        return checked


def _lines_under(lines: dict[tuple[str, ...], int], prefix: tuple[str, ...]) -> dict:
    size = len(prefix)
    return {key[size:]: n for key, n in lines.items() if key[:size] == prefix and key[size:]}


def load_federation(root: Path) -> tuple[FederationConfig | None, list[Problem]]:
    """Read and validate ``root/federation.toml``.

    Returns:
        The configuration (None when an error makes it unusable) and every problem.
    """
    path = root / FEDERATION_NAME
    if not path.is_file():
        return None, [make_problem("AS510", FEDERATION_NAME, 0, value=str(root))]
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [syntax_problem(exc, "AS511", FEDERATION_NAME)]
    return federation_from_data(root.resolve(), data, text)


def federation_from_data(
    root: Path, data: dict[str, Any], text: str
) -> tuple[FederationConfig | None, list[Problem]]:
    """Validate the parsed ``federation.toml`` (``text`` gives the lines)."""
    lines = find_key_lines(text)
    checker = FederationChecker(root, lines, path=FEDERATION_NAME, federated=True)
    allowed = ["federation", *_IDENTITY, "defaults", "members"]
    for table in data:
        if table not in allowed:
            checker.unknown((), table, allowed)
    section = checker.section("federation", FederationSection, data.get("federation", {}))
    identity = checker.tables({k: v for k, v in data.items() if k in _IDENTITY}, ())
    defaults_checker = checker.sub(("defaults",))
    defaults = defaults_checker.tables(data.get("defaults", {}), ())
    problems = [*checker.problems, *defaults_checker.problems]
    members: list[Member] = []
    if section is not None:
        problems += _members(root, data.get("members", []), text, section, members)
    if section is None or any(p.severity == "error" for p in problems):
        return None, problems
    config = FederationConfig(root, section, identity, defaults, tuple(members))
    return config, problems


def _member_blocks(text: str) -> list[dict[tuple[str, ...], int]]:
    """Return the key lines of each ``[[members]]`` block, keyed without ``members``."""
    all_lines = text.split("\n")
    header = re.compile(r"\s*\[\[\s*members\s*\]\]")
    starts = [n for n, line in enumerate(all_lines) if header.match(line)]
    blocks = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(all_lines)
        block = find_key_lines("\n".join(all_lines[start:end]))
        lines = {key: n + start for key, n in _lines_under(block, ("members",)).items()}
        lines[()] = start + 1
        blocks.append(lines)
    return blocks


def _members(
    root: Path, entries: Any, text: str, section: FederationSection, members: list[Member]
) -> list[Problem]:
    """Check each ``[[members]]`` entry; append the valid ones to ``members``."""
    if not isinstance(entries, list) or not entries:
        return [make_problem("AS518", FEDERATION_NAME, 0)]
    problems: list[Problem] = []
    blocks = _member_blocks(text)
    reserved = PORTAL_NAMES | set(site_paths(section.language).reserved())
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        lines = blocks[index] if index < len(blocks) else {}
        checker = FederationChecker(root, lines, path=FEDERATION_NAME, federated=True)
        member = _member(checker, entry, section, reserved, seen)
        problems += checker.problems
        if member is not None and not any(p.severity == "error" for p in checker.problems):
            members.append(member)
    return problems


_MEMBER_TEXTS = ("id", "path", "url", "name", "city", "description", "logo")
_MEMBER_KEYS = (*_MEMBER_TEXTS, "defaults", "overrides")


def _member(
    checker: FederationChecker,
    entry: Any,
    section: FederationSection,
    reserved: set[str] | frozenset[str],
    seen: dict[str, int],
) -> Member | None:
    texts = _member_texts(checker, entry)
    if texts is None or not _valid_id(checker, texts["id"], reserved, seen):
        return None
    folder = (checker.root / texts["path"]).resolve()
    if not folder.is_relative_to(checker.root) or not (folder / CONFIG_NAME).is_file():
        checker.add("AS515", ("path",), value=texts["path"])
        return None
    url = _member_url(checker, texts["url"], texts["id"], section)
    layers = {}
    for name in ("defaults", "overrides"):
        sub = checker.sub((name,))
        layers[name] = sub.tables(entry.get(name, {}), ())
        checker.problems += sub.problems
    if url is None:
        return None
    return Member(
        id=texts["id"],
        path=folder,
        source=texts["path"],
        url=url,
        name=texts["name"],
        city=texts["city"],
        description=texts["description"],
        logo=texts["logo"],
        defaults=layers["defaults"],
        overrides=layers["overrides"],
        line=checker.line(),
    )


def _member_texts(checker: FederationChecker, entry: Any) -> dict[str, str] | None:
    """Return the member's text settings, or None when one is unusable (reported)."""
    if not isinstance(entry, dict):
        checker.wrong(("members",), entry, N_("une table [[members]]"), "…")
        return None
    for key in entry:
        if key not in _MEMBER_KEYS:
            checker.unknown(("members",), key, list(_MEMBER_KEYS))
    texts = {}
    for key in _MEMBER_TEXTS:
        value = entry.get(key, "")
        if not isinstance(value, str):
            checker.wrong((key,), value, N_("un texte entre guillemets"), '"…"')
            return None
        texts[key] = value.strip()
    for key in ("id", "path"):
        if not texts[key]:
            checker.add("AS104", (), key=key, table="members", example='"lyon"')
            return None
    return texts


def _valid_id(
    checker: FederationChecker,
    member_id: str,
    reserved: set[str] | frozenset[str],
    seen: dict[str, int],
) -> bool:
    """Accept a member id made of lowercase letters, digits and hyphens, unique, not reserved."""
    if not _MEMBER_ID.fullmatch(member_id):
        checker.add("AS512", ("id",), value=member_id, example=slugify(member_id) or "lyon")
        return False
    if member_id in reserved:
        checker.add("AS514", ("id",), value=member_id, example=f"{member_id}-asso")
        return False
    if member_id in seen:
        checker.add("AS513", ("id",), value=member_id, other=seen[member_id])
        return False
    seen[member_id] = checker.line("id")
    return True


def _member_url(
    checker: FederationChecker, url: str, member_id: str, section: FederationSection
) -> str | None:
    """Return the member's address: its own, or ``<federation url>/<id>`` under the portal."""
    base = section.url.rstrip("/")
    expected = f"{base}/{member_id}"
    if not url:
        if section.layout == "separate":
            checker.add("AS104", (), key="url", table="members", example=f'"{expected}"')
            return None
        return expected
    if not checker.check_url("members", "url", url):
        return None
    url = url.rstrip("/")
    if section.layout == "subpaths" and url.startswith(base + "/") and url != expected:
        checker.add("AS516", ("url",), value=url, example=expected)
        return None
    return url
