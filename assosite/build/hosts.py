"""What the hosting service tells a build through its environment: a deploy preview's address.

Netlify builds a deploy preview (a merge request) and a branch deploy with
``CONTEXT=deploy-preview`` or ``CONTEXT=branch-deploy`` and gives their address in
``DEPLOY_PRIME_URL`` (docs.netlify.com, "Build environment variables"). Such a build
is published at that address: its pages ask search engines not to index them, and
their canonical address stays the site's own.
"""

from __future__ import annotations

from collections.abc import Mapping

NETLIFY_PREVIEWS = ("deploy-preview", "branch-deploy")


def preview_url(environ: Mapping[str, str]) -> str:
    """Return the address of the deploy preview being built, or ``""`` (a production build).

    Args:
        environ: the build's environment variables.
    """
    if environ.get("CONTEXT", "") in NETLIFY_PREVIEWS:
        return environ.get("DEPLOY_PRIME_URL", "").strip().rstrip("/")
    return ""
