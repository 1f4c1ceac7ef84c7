"""Build the federation's portal as an assosite site, from what the members published.

The portal is a generated site folder (``.cache/assosite/portal`` in the federation):
an ``assosite.toml`` made from ``federation.toml``, the federation's own ``content/``
(pages, news, logo), the members' logos, and ``portal.json``: the directory and the
items each member's last successful build exported. It goes through the same
pipeline and theme as any site (:mod:`assosite.outputs.portal` adds its pages).
In the ``subpaths`` layout its files are laid over the federation's output entry by
entry, so the members' folders are never touched.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import tomli_w

from assosite.build.fingerprint import site_fingerprint
from assosite.build.site import MARKER, BuildOptions, build_site
from assosite.config.checks import CONFIG_NAME, is_inside
from assosite.config.site import merge_tables
from assosite.federation.config import FederationConfig, Member
from assosite.outputs.exports import Published, read_published
from assosite.outputs.portal import PORTAL_DATA, PORTAL_KEY, MemberCard
from assosite.problems.report import BuildReport, make_problem

STAGING = ".assosite-portal"
LOGOS = "images/membres"


def portal_root(config: FederationConfig) -> Path:
    """Return the folder where the portal's site is generated."""
    return config.root / ".cache" / "assosite" / "portal"


def portal_settings(config: FederationConfig) -> dict:
    """Return the portal's ``assosite.toml`` tables (the federation's identity)."""
    section = config.federation
    site = {
        "name": section.name,
        "url": section.url,
        "description": section.description,
        "language": section.language,
        "timezone": section.timezone,
    }
    if section.logo:
        site["logo"] = section.logo
    tables = merge_tables(config.defaults, config.identity)
    tables.pop("pelican", None)
    # The portal is a folder assosite writes under .cache: no /admin/ could edit it.
    tables.pop("cms", None)
    return merge_tables(tables, {"site": site})


def write_portal_site(config: FederationConfig, output: Path) -> Path:
    """Write the portal's site folder from ``federation.toml`` and the members' outputs.

    Args:
        config: the federation.
        output: the federation's output (where the members' folders are).

    Returns:
        The portal's site folder.
    """
    root = portal_root(config)
    if root.exists():
        shutil.rmtree(root)
    own = config.root / "content"
    if own.is_dir():
        shutil.copytree(own, root / "content", ignore=shutil.ignore_patterns(".*"))
    for folder in ("news", "events", "testimonies", "pages", "images"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    (root / CONFIG_NAME).write_text(tomli_w.dumps(portal_settings(config)), encoding="utf-8")
    members, items = [], []
    for member in config.members:
        published = read_published(output / config.folder(member))
        if published is None:
            continue  # never built successfully: not published, not listed
        card = _card(member, published, root)
        members.append(_as_dict(card))
        items += [{**data, "member": member.id} for data in published.items]
    document = {"version": 1, "members": members, "items": items}
    (root / PORTAL_DATA).write_text(
        json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return root


def _as_dict(card: MemberCard) -> dict:
    return {name: getattr(card, name) for name in MemberCard.__slots__}


def _card(member: Member, published: Published, root: Path) -> MemberCard:
    """Return the member's directory entry, its logo copied into the portal."""
    site = published.site
    logo = member.logo or site.get("logo", "")
    copied = ""
    source = member.path / "content" / logo
    if logo and is_inside(member.path / "content", source):
        copied = f"{LOGOS}/{member.id}{source.suffix.lower()}"
        (root / "content" / copied).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / "content" / copied)
    return MemberCard(
        id=member.id,
        name=member.name or site["name"],
        city=member.city,
        description=member.description or site.get("description", ""),
        url=member.url,
        logo=copied,
    )


def build_portal(
    config: FederationConfig,
    output: Path,
    now: dt.datetime,
    previous: tuple[list[str], str],
    key: str,
    *,
    address: tuple[str, bool] = ("", False),
) -> tuple[BuildReport | None, list[str], str]:
    """Build the portal into the federation's output, unless nothing it shows changed.

    Args:
        config: the federation.
        output: the federation's output folder.
        now: the reference instant, the same as the members'.
        previous: the top-level names the previous portal wrote and its fingerprint.
        key: what of ``now`` decides the build (the day), for the fingerprint.
        address: the preview address the portal is published at (``""``: none) and
            whether its links name ``index.html`` (offline).

    Returns:
        The portal's report (None when unchanged), the top-level names it owns in
        ``output``, and its fingerprint.

    Raises:
        AssositeError: the portal could not be built (its previous files stay).
    """
    root = write_portal_site(config, output)
    fingerprint = site_fingerprint(root, key.encode())
    entries, before = previous
    folder = config.portal_folder()
    owned = [folder] if folder else entries
    if fingerprint == before and owned and all((output / name).exists() for name in owned):
        return None, owned, fingerprint
    target = output / (folder or STAGING)
    options = BuildOptions(
        output=target,
        now=now,
        extra={PORTAL_KEY: str(root / PORTAL_DATA), "DIRECT_TEMPLATES": ["tags", "404"]},
        preview_url=address[0],
        offline=address[1],
    )
    report = build_site(root, options)
    if folder:
        return report, [folder], fingerprint
    members = {config.folder(m) for m in config.members}
    return report, overlay(target, output, entries, members, report), fingerprint


def overlay(
    staging: Path, output: Path, previous: list[str], members: set[str], report: BuildReport
) -> list[str]:
    """Move the portal's entries from ``staging`` into ``output``, one rename each.

    Entries of the previous portal that are gone are removed; members' folders are
    never replaced nor removed (a clash is reported as AS517).
    """
    names = []
    for entry in sorted(staging.iterdir()):
        if entry.name == MARKER:
            continue
        if entry.name in members:
            report.add(make_problem("AS517", "federation.toml", 0, value=entry.name))
            continue
        target, old = output / entry.name, output / f".{entry.name}.assosite-old"
        _remove(old)
        if target.exists():
            target.rename(old)
        entry.rename(target)
        _remove(old)
        names.append(entry.name)
    for name in set(previous) - set(names) - members:
        _remove(output / name)
    shutil.rmtree(staging)
    return names


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
