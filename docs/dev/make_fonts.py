"""Write the theme's web fonts: Noto Sans (assosite/fonts) subset to French, as WOFF2.

Usage: python docs/dev/make_fonts.py   (needs the ``brotli`` module: pip install brotli)

The site and the sharing cards use the same Noto Sans (SIL Open Font License, beside the
files in assosite/fonts/OFL.txt). The subset keeps what French text and the theme show:
Basic Latin, Latin-1 (« », é, ç, no-break space), œ, Œ, Ÿ, the dashes, quotes and
apostrophes, the ellipsis, the narrow no-break space and the euro sign. Each file's name
carries a short hash of its bytes, so a browser may keep it for a year; the
``@font-face`` rules of themes/default/static/css/tokens.css name these files.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).parent.parent.parent
SOURCES = {
    400: ROOT / "assosite/fonts/NotoSans-Regular.ttf",
    700: ROOT / "assosite/fonts/NotoSans-Bold.ttf",
}
TARGET = ROOT / "themes/default/static/fonts"
TOKENS = ROOT / "themes/default/static/css/tokens.css"
FRENCH = [
    *range(0x20, 0x7F),  # Basic Latin
    *range(0xA0, 0x100),  # Latin-1: no-break space, « », accented letters
    0x152, 0x153, 0x178,  # Œ œ Ÿ
    0x2009, 0x2010, 0x2011, 0x2013, 0x2014,  # thin space, hyphens, en and em dashes
    0x2018, 0x2019, 0x201C, 0x201D, 0x201E,  # quotes and the typographic apostrophe
    0x2022, 0x2026, 0x2039, 0x203A,  # bullet, ellipsis, ‹ ›
    0x202F, 0x20AC,  # narrow no-break space, €
]  # fmt: skip
FEATURES = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]


def subset_font(source: Path) -> bytes:
    """Return ``source`` subset to French, unhinted, as WOFF2 bytes (same input, same bytes)."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # names, version, licence
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=FRENCH)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer, reorderTables=False)
    return buffer.getvalue()


def main() -> None:
    """Write the WOFF2 files and point tokens.css's @font-face rules at them."""
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("noto-sans-*.woff2"):
        old.unlink()
    tokens = TOKENS.read_text(encoding="utf-8")
    for weight, source in SOURCES.items():
        data = subset_font(source)
        name = f"noto-sans-{weight}-{hashlib.sha256(data).hexdigest()[:8]}.woff2"
        (TARGET / name).write_bytes(data)
        tokens = re.sub(rf"noto-sans-{weight}-[0-9a-f]{{8}}\.woff2", name, tokens)
        print(f"{name}: {len(data)} bytes")  # noqa: T201
    TOKENS.write_text(tokens, encoding="utf-8")


if __name__ == "__main__":
    main()
