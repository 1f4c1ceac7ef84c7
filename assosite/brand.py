"""The association's colours: ``theme/css/brand.css``, which overrides the theme's tokens.

The colours come from ``[brand]`` in ``assosite.toml``; the stylesheet is a file (not an
inline ``style``) so that a strict Content-Security-Policy needs no ``unsafe-inline``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from assosite.config import BrandSection
from assosite.state import state_of


def brand_css(brand: BrandSection) -> str:
    """Return the stylesheet that sets the brand colours as custom properties."""
    return (
        "/* Généré par assosite depuis [brand] dans assosite.toml : ne pas modifier. */\n"
        ":root {\n"
        f"  --as-color-primary: {brand.primary.lower()};\n"
        f"  --as-color-accent: {brand.accent.lower()};\n"
        "}\n"
    )


class BrandGenerator(Generator):
    """Write ``theme/css/brand.css`` into the output."""

    def generate_output(self, writer: Any) -> None:
        """Write the brand stylesheet beside the theme's own CSS."""
        state = state_of(self.settings)
        if state is None:
            return
        target = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / "css" / "brand.css"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(brand_css(state.config.brand), encoding="utf-8")
