"""The association's colours: ``theme/css/brand.css``, which overrides the theme's tokens.

The colours come from ``[brand]`` in ``assosite.toml``; the stylesheet is a file (not an
inline ``style``) so that a strict Content-Security-Policy needs no ``unsafe-inline``.
"""

from __future__ import annotations

from assosite.config.site import BrandSection
from assosite.model.colours import TEXT_MINIMUM, UI_MINIMUM, nearest_passing
from assosite.outputs.base import Output, SiteOutput

# The dark variant's surface (tokens.css): the lighter of the two dark backgrounds, so a
# colour that passes on it passes on the page background too.
DARK_SURFACE = "#1e1e1e"


def brand_css(brand: BrandSection) -> str:
    """Return the stylesheet that sets the brand colours as custom properties.

    In the dark variant, links and accents use a lighter shade of the same colours,
    computed to keep their contrast on the dark backgrounds.
    """
    dark_link = nearest_passing(brand.primary, DARK_SURFACE, TEXT_MINIMUM)
    dark_accent = nearest_passing(brand.accent, DARK_SURFACE, UI_MINIMUM)
    return (
        "/* Généré par assosite depuis [brand] dans assosite.toml : ne pas modifier. */\n"
        ":root {\n"
        f"  --as-color-primary: {brand.primary.lower()};\n"
        f"  --as-color-accent: {brand.accent.lower()};\n"
        "}\n\n"
        "@media (prefers-color-scheme: dark) {\n"
        "  :root {\n"
        f"    --as-color-link: {dark_link};\n"
        f"    --as-color-accent: {dark_accent};\n"
        "  }\n"
        "}\n"
    )


class BrandOutput(SiteOutput):
    """Write ``theme/css/brand.css`` into the output."""

    def write(self, output: Output) -> None:
        """Write the brand stylesheet beside the theme's own CSS."""
        target = output.folder / self.settings["THEME_STATIC_DIR"] / "css" / "brand.css"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(brand_css(output.state.config.brand), encoding="utf-8")
