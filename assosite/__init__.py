"""assosite: accessible, light, tracker-free websites for associations, built on Pelican."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
