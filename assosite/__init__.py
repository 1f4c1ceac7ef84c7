"""assosite: accessible, light, tracker-free websites for associations, built on Pelican."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "register"]


def register() -> None:
    """Enable assosite in a plain Pelican build: ``PLUGINS = ["assosite"]`` (docs/pelican.md).

    The same as the ``pelican.plugins.assosite`` namespace package that the wheel
    installs; this one also works from a checkout or an editable install.
    """
    from assosite.plugin import register as connect  # noqa: PLC0415 (Pelican only when asked)

    connect()
