"""Refuse to release when the version tag is not the package's version (``v0.2.0`` = 0.2.0).

Usage: ``python .ci/check_tag.py TAG`` (the release workflows pass the pushed tag).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def main(tag: str) -> int:
    """Return 0 when ``tag`` is ``v`` + the version in pyproject.toml and assosite/__init__.py."""
    root = Path(__file__).resolve().parent.parent
    declared = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    code = (root / "assosite" / "__init__.py").read_text("utf-8")
    if f'__version__ = "{declared}"' not in code:
        print(f"pyproject.toml says {declared}, assosite/__init__.py does not", file=sys.stderr)
        return 1
    if tag != f"v{declared}":
        print(f"tag {tag!r} is not v{declared}, the version in pyproject.toml", file=sys.stderr)
        return 1
    print(f"releasing assosite {declared}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
