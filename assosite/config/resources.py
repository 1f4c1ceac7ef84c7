"""Find ``themes/``, ``starter/`` and ``federation-starter/`` in any kind of install.

They are found in a wheel, an editable install or a checkout.

A wheel carries them as ``assosite/_data/``; a checkout and an editable install have
them beside the package, at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def data_path(name: str) -> Path:
    """Return the folder ``themes`` or ``starter`` shipped with assosite.

    Raises:
        FileNotFoundError: when the installation is incomplete.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"assosite cannot find its '{name}' folder near {_PACKAGE}")


def theme_path(theme: str, site_root: Path | None = None) -> Path:
    """Return the folder of ``theme``: a bundled theme name or a folder of the site.

    Raises:
        FileNotFoundError: when no such theme exists.
    """
    bundled = data_path("themes") / theme
    if "/" not in theme and bundled.is_dir():
        return bundled
    if site_root is not None and (site_root / theme).is_dir():
        return (site_root / theme).resolve()
    raise FileNotFoundError(theme)


def starter_path() -> Path:
    """Return the starter site that ``assosite init`` copies."""
    return data_path("starter")


def federation_starter_path() -> Path:
    """Return the federation skeleton that ``assosite federation init`` copies."""
    return data_path("federation-starter")
