"""Draw a social card (1200×630) from a :class:`CardSpec`, and encode it small and repeatable.

:func:`render_card` is pure: the same spec gives the same pixels. Every layout has
the association's colours, a type label, its text blocks fitted by
:mod:`assosite.outputs.cards.text`, and a white footer with the logo and the association's
name; an item's photo (or portrait), when it has one, fills a panel beside the text.
Text colours are chosen (and darkened or lightened when needed) to keep a contrast of
at least 4.5:1 with what is behind them (never the photo).
:func:`encode_card` writes a palette PNG, or a JPEG for a card with a photo (or when that
is smaller for a photo-like logo).
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass, fields
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from assosite import __version__
from assosite.model.colours import TEXT_MINIMUM, WHITE, contrast_ratio, nearest_passing
from assosite.outputs.cards import png as cardpng
from assosite.outputs.cards import text as cardtext
from assosite.outputs.cards.png import encode_png
from assosite.outputs.cards.text import BOLD, REGULAR, FittedText, TextBox, fit, font, runs

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FOOTER = 120
LOGO = 80
LAYOUTS = ("news", "event", "testimony", "page", "site")
STATUS_RED = "#b3261e"
# The bands of rows compressed apart (outputs/cards/png.py): the labels, the item's
# text, the stripe and footer; only the middle one differs between cards of a brand.
BANDS = (0, 114, HEIGHT - FOOTER - 20)
# Above this size a PNG is compared with a JPEG (photo-like logos); flat cards stay PNG.
JPEG_THRESHOLD = 100_000
JPEG_QUALITY = 85
# The photo panel: the right part of the card, above the accent stripe.
PHOTO_LEFT = 760
PHOTO_GAP = 40


@dataclass(frozen=True, slots=True)
class CardSpec:
    """Everything a card shows; its hash decides whether the card is drawn again.

    Attributes:
        layout: ``news``, ``event``, ``testimony``, ``page`` or ``site``.
        label: the type label (« Actualité », « Événement »…), empty for none.
        title: the main text (title, quote, or site name).
        text: the text under it (summary, description), may be empty.
        details: short lines at the bottom (date in words, place, attribution).
        status: a visible mark such as « Annulé » or « Reporté », or empty.
        footer: the text beside the logo (the association's name).
        primary: brand colour of the background (``#rrggbb``).
        accent: brand colour of the label and the stripe (``#rrggbb``).
        logo: the logo file's bytes (PNG, JPEG, WebP…), empty for none.
        fonts: the sha256 of the bundled fonts the card is drawn with.
        photo: the item's photo or portrait (JPEG, PNG, WebP bytes), drawn beside the
            text; empty for none.
    """

    layout: str
    label: str
    title: str
    text: str = ""
    details: tuple[str, ...] = ()
    status: str = ""
    footer: str = ""
    primary: str = "#1d5c4d"
    accent: str = "#a2461a"
    logo: bytes = b""
    fonts: str = ""
    photo: bytes = b""

    def digest(self) -> str:
        """Return the sha256 of every field, of assosite's version and of the drawing code."""
        hashed = hashlib.sha256(__version__.encode() + _code_digest())
        for value in (getattr(self, f.name) for f in fields(self)):  # no deep copy
            part = value if isinstance(value, bytes) else repr(value).encode()
            hashed.update(len(part).to_bytes(8, "big") + part)
        return hashed.hexdigest()


@functools.cache
def _code_digest() -> bytes:
    """Return the sha256 of the modules that draw cards (a new layout redraws them)."""
    hashed = hashlib.sha256()
    for module in (Path(__file__), Path(cardtext.__file__), Path(cardpng.__file__)):
        hashed.update(module.read_bytes())
    return hashed.digest()


@dataclass(frozen=True, slots=True)
class CardColours:
    """The colours of a card; each text colour keeps 4.5:1 on its background.

    Attributes:
        background: the card's background (the primary colour).
        ink: the title's colour on the background.
        soft: the colour of secondary text on the background.
        label_background: the label's background (the accent colour).
        label_ink: the label's text colour.
        footer_ink: the association's name on the white footer.
        status_ink: the « Annulé » / « Reporté » mark on white.
    """

    background: str
    ink: str
    soft: str
    label_background: str
    label_ink: str
    footer_ink: str
    status_ink: str

    def text_pairs(self) -> tuple[tuple[str, str], ...]:
        """Return every (text colour, background) pair drawn on a card."""
        return (
            (self.ink, self.background),
            (self.soft, self.background),
            (self.label_ink, self.label_background),
            (self.footer_ink, WHITE),
            (self.status_ink, WHITE),
        )


def card_colours(primary: str, accent: str) -> CardColours:
    """Return the card colours for a brand, adjusted to keep text readable."""
    ink = _ink(primary)
    return CardColours(
        background=primary,
        ink=ink,
        soft=nearest_passing(_mix(ink, primary, 0.14), primary, TEXT_MINIMUM),
        label_background=accent,
        label_ink=_ink(accent),
        footer_ink=nearest_passing(primary, WHITE, TEXT_MINIMUM),
        status_ink=nearest_passing(STATUS_RED, WHITE, TEXT_MINIMUM),
    )


def _ink(background: str) -> str:
    """Return white on a dark background, else a near-black that passes 4.5:1."""
    if contrast_ratio(WHITE, background) >= TEXT_MINIMUM:
        return WHITE
    return nearest_passing("#1a1a1a", background, TEXT_MINIMUM)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(first: str, second: str, amount: float) -> str:
    """Return ``first`` moved ``amount`` (0 to 1) of the way towards ``second``."""
    a, b = _rgb(first), _rgb(second)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def render_card(spec: CardSpec) -> Image.Image:
    """Draw the card described by ``spec``.

    What cards of a brand share (background, labels, stripe, footer, logo, name) is
    drawn once per process and copied; only the item's own text is drawn per card,
    straight in palette indices.

    Returns:
        A 1200×630 palette image (mode ``P``), the same pixels for the same spec; an
        RGB image when the card has a photo.
    """
    colours = card_colours(spec.primary, spec.accent)
    base, palette = _base(colours, spec.logo, spec.footer, spec.label, spec.status)
    indices = base.copy()
    top = 146 if spec.label or spec.status else 92
    _draw_body(_Painter(indices, colours, spec.logo), spec, colours, top)
    indices.putpalette(palette)  # the indices become the palette image, no copy
    photo = _photo(spec.photo)
    if photo is None:
        return indices
    card = indices.convert("RGB")
    card.paste(photo, (PHOTO_LEFT, 0))
    return card


def _text_width(spec: CardSpec) -> int:
    """Return the width of the text column: the whole card, or what the photo leaves."""
    if _photo(spec.photo) is None:
        return WIDTH - 2 * MARGIN
    return PHOTO_LEFT - PHOTO_GAP - MARGIN


@functools.lru_cache(maxsize=4)
def _photo(data: bytes) -> Image.Image | None:
    """Return the photo cropped to fill the panel beside the text, or None without one."""
    if not data:
        return None
    size = (WIDTH - PHOTO_LEFT, HEIGHT - FOOTER - 10)
    try:
        with Image.open(io.BytesIO(data)) as source:
            source.draft("RGB", size)  # a JPEG decodes at the smallest scale that covers
            picture = ImageOps.exif_transpose(source).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return ImageOps.fit(picture, size, Image.Resampling.LANCZOS, centering=(0.5, 0.3))


def release_memory() -> None:
    """Forget the parts and compressed bands kept for the next cards (after a build's cards)."""
    _base.cache_clear()
    _shades.cache_clear()
    cardpng.forget()


@functools.lru_cache(maxsize=16)
def _base(
    colours: CardColours, logo: bytes, footer: str, label: str, status: str
) -> tuple[Image.Image, list[int]]:
    """Return what every card with these colours, logo, footer and labels shows.

    Returns:
        The palette indices (a grey image, so that the text is pasted as indices)
        and the palette.
    """
    image = Image.new("RGB", (WIDTH, HEIGHT), colours.background)
    draw = ImageDraw.Draw(image)
    _draw_labels(draw, label, status, colours)
    _draw_footer(image, draw, footer, logo, colours)
    quantized = image.quantize(palette=_palette(colours, logo), dither=Image.Dither.NONE)
    palette = quantized.getpalette() or []
    return Image.frombytes("L", quantized.size, quantized.tobytes()), palette


class _Painter:
    """Draws text blocks into a palette card, as if drawn in RGB then quantised.

    Each block is rasterised into a grey mask (its coverage), and each coverage
    value is mapped to the palette index that quantising the blended colour gives
    (:func:`_shades`), so the pixels are those of the RGB drawing without the cost
    of quantising the whole card.

    Args:
        image: the card's palette indices (mode ``L``); its text area is the background.
        colours: the card's colours.
        logo: the logo's bytes (part of the palette).
    """

    def __init__(self, image: Image.Image, colours: CardColours, logo: bytes) -> None:
        self.image = image
        self.colours = colours
        self.logo = logo

    def block(self, block: FittedText, top: float, fill: str, left: float = MARGIN) -> float:
        """Draw a fitted block whose first line's top is at ``top``; return its bottom."""
        if not block.lines:
            return top + block.height
        # Room around the lines for accents, descenders and overhangs.
        pad = block.size // 2
        upper = max(0, int(top) - pad)
        lower = min(HEIGHT, int(top + block.height) + pad)
        start = max(0, int(left) - pad)
        lines = [(line, runs(line, block.face)) for line in block.lines]
        longest = max(sum(cardtext.width(p, n, block.size) for p, n in r) for _, r in lines)
        end = min(WIDTH, int(left + longest) + pad)
        coverage = Image.new("L", (end - start, lower - upper))
        draw = ImageDraw.Draw(coverage)
        baseline = top + block.size * 0.95 - upper
        for _, parts in lines:
            x = left - start
            for part, name in parts:
                draw.text((x, baseline), part, font=font(name, block.size), fill=255, anchor="ls")
                x += cardtext.width(part, name, block.size)
            baseline += block.line_height
        indexed = coverage.point(_shades(fill, self.colours, self.logo))
        self.image.paste(indexed, (start, upper), coverage.point(_COVERED, "1"))
        return top + block.height


_COVERED = [0] + [255] * 255


@functools.lru_cache(maxsize=32)
def _shades(ink: str, colours: CardColours, logo: bytes) -> list[int]:
    """Return, for each coverage 0–255 of ``ink`` on the background, its palette index."""
    strip = Image.new("RGB", (256, 1), colours.background)
    strip.paste(ink, (0, 0, 256, 1), Image.frombytes("L", (256, 1), bytes(range(256))))
    indexed = strip.quantize(palette=_palette(colours, logo), dither=Image.Dither.NONE)
    return list(indexed.tobytes())


def _draw_line(
    draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, block: FittedText, fill: str
) -> float:
    """Draw one line of ``block`` at its baseline, run by run; return the x where it ends."""
    x, y = xy
    for part, name in runs(text, block.face):
        used = font(name, block.size)
        draw.text((x, y), part, font=used, fill=fill, anchor="ls")
        x += cardtext.width(part, name, block.size)
    return x


def _pill(draw: ImageDraw.ImageDraw, left: float, text: str, background: str, ink: str) -> float:
    """Draw a rounded label at the top of the card; return its right edge."""
    block = fit(text, TextBox(WIDTH // 2, 40, BOLD, 26, 20, 1))
    if not block.lines:
        return left
    label = block.lines[0]
    right = left + 2 * 18 + sum(font(n, block.size).getlength(p) for p, n in runs(label, BOLD))
    draw.rounded_rectangle((left, 60, right, 108), radius=24, fill=background)
    _draw_line(draw, (left + 18, 94), label, block, ink)
    return right


def _draw_labels(draw: ImageDraw.ImageDraw, label: str, status: str, colours: CardColours) -> None:
    """Draw the type label and the status mark."""
    if not label and not status:
        return
    right = _pill(draw, MARGIN, label, colours.label_background, colours.label_ink)
    if status:
        start = right + 16 if label else MARGIN
        _pill(draw, start, status.upper(), WHITE, colours.status_ink)


def _draw_body(painter: _Painter, spec: CardSpec, colours: CardColours, top: int) -> None:
    """Draw the title, the text and the detail lines between the labels and the footer."""
    if spec.layout == "event":
        _draw_event(painter, spec, colours, top)
        return
    if spec.layout == "site":
        top = 170  # no label: the name and description sit in the middle
    bottom = HEIGHT - FOOTER - 40
    inner = _text_width(spec)
    details = [fit(line, TextBox(inner, 44, REGULAR, 30, 22, 1)) for line in spec.details]
    details_height = sum(d.height for d in details) + (20 if details else 0)
    room = bottom - top - details_height
    quote = spec.layout == "testimony"
    big = 76 if spec.layout == "site" else (50 if quote else 64)
    share = room if not spec.text else int(room * 0.68)
    title = fit(spec.title, TextBox(inner, share, BOLD, big, 34 if quote else 38, 5))
    y = painter.block(title, top, colours.ink)
    if spec.text:
        rest = room - title.height - 18
        text = fit(spec.text, TextBox(inner, max(rest, 0), REGULAR, 32, 24, 3))
        if rest >= text.line_height:
            painter.block(text, y + 18, colours.soft)
    y = bottom - sum(d.height for d in details)
    for block in details:
        y = painter.block(block, y, colours.soft)


def _draw_event(painter: _Painter, spec: CardSpec, colours: CardColours, top: int) -> None:
    """Draw an event: its title, then when (bold) and where, right under it."""
    inner = _text_width(spec)
    room = HEIGHT - FOOTER - 40 - top
    when = [fit(spec.details[0], TextBox(inner, 100, BOLD, 38, 26, 2))] if spec.details else []
    where = [fit(line, TextBox(inner, 90, REGULAR, 32, 24, 2)) for line in spec.details[1:]]
    below = sum(block.height + 12 for block in (*when, *where))
    title = fit(spec.title, TextBox(inner, room - below - 24, BOLD, 64, 38, 4))
    y = painter.block(title, top, colours.ink) + 24
    for block in when:
        y = painter.block(block, y, colours.ink) + 12
    for block in where:
        y = painter.block(block, y, colours.soft) + 12


def _draw_footer(
    image: Image.Image, draw: ImageDraw.ImageDraw, footer: str, logo: bytes, colours: CardColours
) -> None:
    """Draw the accent stripe, the white footer, the logo and the association's name."""
    top = HEIGHT - FOOTER
    draw.rectangle((0, top - 10, WIDTH, top), fill=colours.label_background)
    draw.rectangle((0, top, WIDTH, HEIGHT), fill=WHITE)
    left = MARGIN
    tile = _logo_tile(logo)
    if tile is not None:
        image.paste(tile, (MARGIN, top + (FOOTER - LOGO) // 2))
        left += LOGO + 24
    name = fit(footer, TextBox(WIDTH - left - MARGIN, 48, BOLD, 34, 22, 1))
    if name.lines:
        _draw_line(
            draw,
            (left, top + FOOTER // 2 + name.size * 0.36),
            name.lines[0],
            name,
            colours.footer_ink,
        )


@functools.lru_cache(maxsize=8)
def _logo_tile(logo: bytes) -> Image.Image | None:
    """Return the logo fitted in a white 80×80 square, or None without a usable logo."""
    if not logo:
        return None
    try:
        with Image.open(io.BytesIO(logo)) as source:
            picture = source.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    picture.thumbnail((LOGO, LOGO), Image.Resampling.LANCZOS)
    tile = Image.new("RGB", (LOGO, LOGO), WHITE)
    tile.paste(picture, ((LOGO - picture.width) // 2, (LOGO - picture.height) // 2), picture)
    return tile


@functools.lru_cache(maxsize=8)
def _palette(colours: CardColours, logo: bytes) -> Image.Image:
    """Return the card's palette: each text colour's anti-aliasing shades, then the logo's."""
    shades: list[tuple[int, int, int]] = []
    for ink, background in (*colours.text_pairs(), (colours.label_background, colours.background)):
        a, b = _rgb(ink), _rgb(background)
        shades += [
            tuple(round(x + (y - x) * s / 15) for x, y in zip(a, b, strict=True)) for s in range(16)
        ]
    tile = _logo_tile(logo)
    if tile is not None:
        quantized = tile.quantize(64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        flat = quantized.getpalette() or []
        used = sorted(index for _, index in quantized.getcolors(256) or [])
        shades += [tuple(flat[3 * i : 3 * i + 3]) for i in used]
    unique = list(dict.fromkeys(shades))[:256]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in unique for channel in colour])
    return palette


def encode_card(image: Image.Image) -> tuple[bytes, str]:
    """Return the card's file bytes and extension (``png`` or ``jpg``), no metadata.

    A palette PNG is written first; a JPEG is tried only when the PNG is large
    (a photo-like logo), and the smaller of the two wins.
    """
    if image.mode != "P":  # a photo: JPEG, far lighter than a PNG of it
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return jpeg.getvalue(), "jpg"
    png = encode_png(image, BANDS)
    if len(png) <= JPEG_THRESHOLD:
        return png, "png"
    jpeg = io.BytesIO()
    image.convert("RGB").save(jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True)
    if jpeg.tell() < len(png):
        return jpeg.getvalue(), "jpg"
    return png, "png"
