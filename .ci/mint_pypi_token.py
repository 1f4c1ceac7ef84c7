"""Exchange GitLab's OIDC token for a short-lived PyPI upload token (trusted publishing).

PyPI's trusted publishing for GitLab CI/CD: the job asks for an ID token whose audience
is ``pypi`` (``id_tokens: PYPI_ID_TOKEN``), and PyPI's ``/_/oidc/mint-token`` endpoint
turns it into an API token valid for a few minutes, for this project only. No password
is stored anywhere. Prints the token (the job passes it to twine).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request

ENDPOINT = os.environ.get("PYPI_MINT_URL", "https://pypi.org/_/oidc/mint-token")


def main() -> int:
    """Print the PyPI token minted from ``$PYPI_ID_TOKEN``."""
    identity = os.environ.get("PYPI_ID_TOKEN", "")
    if not identity:
        print("PYPI_ID_TOKEN is missing: add id_tokens to the job", file=sys.stderr)
        return 1
    request = urllib.request.Request(
        ENDPOINT,
        data=json.dumps({"token": identity}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        print(json.loads(answer.read())["token"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
