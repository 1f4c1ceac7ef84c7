"""WCAG contrast of colours, and the nearest colour that reaches a contrast target.

Formulas from WCAG 2.2 (relative luminance, contrast ratio); the adjustment keeps the
hue and saturation and only moves lightness, so the suggestion still looks like the
association's colour.
"""

from __future__ import annotations

import colorsys

WHITE = "#ffffff"
TEXT_MINIMUM = 4.5
UI_MINIMUM = 3.0


def _channels(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a ``#rrggbb`` colour (0 to 1)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in (red, green, blue))


def nearest_passing(colour: str, background: str, minimum: float) -> str:
    """Return the colour closest in lightness to ``colour`` with ``minimum`` contrast.

    Lightness moves away from the background's (darker on a light background,
    lighter on a dark one) in small steps; hue and saturation stay.
    """
    if contrast_ratio(colour, background) >= minimum:
        return colour.lower()
    hue, lightness, saturation = colorsys.rgb_to_hls(*_channels(colour))
    step = -0.005 if relative_luminance(background) > 0.18 else 0.005
    while 0.0 <= lightness <= 1.0:
        lightness += step
        candidate = _hex(*colorsys.hls_to_rgb(hue, min(max(lightness, 0.0), 1.0), saturation))
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return "#000000" if step < 0 else "#ffffff"
