"""The site's one stylesheet: the theme's CSS and the association's colours, named by hash.

The colours come from ``[brand]`` in ``assosite.toml`` (``brand.css``, which overrides
the theme's tokens). The theme's stylesheets and these colours are joined, in the
cascade's order, into ``theme/assets/site.<hash>.css``: one request per page instead
of six, and a name that changes with its content, so that a browser may keep it for a
year (``theme/assets/`` holds only such files; the fonts it names are in
``theme/fonts/``, named by hash too). It is a file (not an inline ``style``) so that a
strict Content-Security-Policy needs no ``unsafe-inline``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import rcssmin

from assosite.config.site import BrandSection
from assosite.model.colours import TEXT_MINIMUM, UI_MINIMUM, nearest_passing
from assosite.outputs.base import Output, SiteOutput
from assosite.outputs.state import state_of

# The dark variant's surface (tokens.css): the lighter of the two dark backgrounds, so a
# colour that passes on it passes on the page background too.
DARK_SURFACE = "#1e1e1e"
# The template variable that names the stylesheet (from the site root).
STYLESHEET_KEY = "assosite_stylesheet"
# The theme's stylesheets in the cascade's order; brand.css comes after the tokens and
# print.css last, for print only.
BEFORE_BRAND = ("tokens.css",)
AFTER_BRAND = ("base.css", "layout.css", "components.css")
PRINT = "print.css"


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


def site_css(css_folder: Path, brand: str) -> str:
    """Return the theme's stylesheets of ``css_folder`` and ``brand`` as one stylesheet.

    A file the theme does not have is left out; ``print.css`` is wrapped in
    ``@media print``. Comments and spaces are taken out (rcssmin): pages stay light.
    """

    def read(name: str) -> list[str]:
        path = css_folder / name
        return [path.read_text(encoding="utf-8")] if path.is_file() else []

    parts = [text for name in BEFORE_BRAND for text in read(name)]
    parts.append(brand)
    parts += [text for name in AFTER_BRAND for text in read(name)]
    parts += [f"@media print {{\n{text}}}\n" for text in read(PRINT)]
    return rcssmin.cssmin("\n".join(parts)) + "\n"


def stylesheet_name(css: str) -> str:
    """Return ``site.<hash>.css``: the first 10 hex digits of the text's SHA-256."""
    return f"site.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:10]}.css"


class BrandOutput(SiteOutput):
    """Write ``theme/css/brand.css`` and the site's one stylesheet into the output."""

    def _css(self) -> tuple[str, str]:
        state = state_of(self.settings)
        brand = brand_css(state.config.brand)
        return brand, site_css(Path(self.settings["THEME"]) / "static" / "css", brand)

    def prepare(self) -> None:
        """Name the stylesheet for the templates (its hash is known before any page)."""
        _, css = self._css()
        folder = self.settings["THEME_STATIC_DIR"]
        self.context[STYLESHEET_KEY] = f"{folder}/assets/{stylesheet_name(css)}"

    def write(self, output: Output) -> None:
        """Write the brand stylesheet and the joined one beside the theme's own CSS."""
        brand, css = self._css()
        theme = output.folder / self.settings["THEME_STATIC_DIR"]
        files = (("css", "brand.css", brand), ("assets", stylesheet_name(css), css))
        for folder, name, text in files:
            (theme / folder).mkdir(parents=True, exist_ok=True)
            (theme / folder / name).write_text(text, encoding="utf-8")
