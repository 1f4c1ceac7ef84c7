"""Generate the starter site's pictures (logo and illustrations) with Pillow.

The images of starter/content/images/ are made by this script and released under CC0
(see content/images/LICENCE.md). Run it from the repository root:

    python starter/tools/make_images.py
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

IMAGES = Path(__file__).resolve().parent.parent / "content" / "images"
GREEN, EARTH, SKY, SUN = (29, 92, 77), (162, 70, 26), (196, 222, 236), (244, 196, 66)


def _background(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return image


def garden(rng: random.Random) -> Image.Image:
    """Rows of vegetables under a sky."""
    image = _background((1200, 800), SKY, (236, 242, 230))
    draw = ImageDraw.Draw(image)
    draw.ellipse((930, 70, 1070, 210), fill=SUN)
    draw.rectangle((0, 430, 1200, 800), fill=(120, 84, 52))
    for row in range(5):
        y = 470 + row * 65
        for x in range(40 + (row % 2) * 40, 1200, 80):
            leaf = (40 + rng.randint(0, 40), 120 + rng.randint(0, 60), 50)
            draw.ellipse((x, y - 35, x + 46, y + 10), fill=leaf)
            draw.line((x + 23, y + 10, x + 23, y + 30), fill=GREEN, width=4)
    return image


def orchard(rng: random.Random) -> Image.Image:
    """Young fruit trees with their stakes, under an autumn sun."""
    image = _background((1200, 800), (250, 226, 180), SKY)
    draw = ImageDraw.Draw(image)
    draw.ellipse((140, 90, 270, 220), fill=SUN)
    draw.rectangle((0, 520, 1200, 800), fill=(96, 128, 64))
    for index in range(6):
        x = 110 + index * 190 + rng.randint(-20, 20)
        top = 300 + rng.randint(-30, 30)
        draw.line((x, top + 60, x, 600), fill=(110, 76, 46), width=14)
        draw.line((x + 30, top + 120, x + 30, 610), fill=(200, 170, 120), width=6)
        crown = (40 + rng.randint(0, 30), 110 + rng.randint(0, 40), 50)
        draw.ellipse((x - 80, top - 40, x + 80, top + 110), fill=crown)
        for _ in range(5):
            fx, fy = x + rng.randint(-55, 55), top + rng.randint(-10, 80)
            draw.ellipse((fx - 9, fy - 9, fx + 9, fy + 9), fill=EARTH)
    return image


def tools(rng: random.Random) -> Image.Image:
    """A workbench with tools for the repair café."""
    image = _background((1200, 800), (236, 230, 220), (214, 200, 182))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 800), fill=(139, 94, 60))
    for index in range(7):
        x = 120 + index * 150
        draw.rectangle((x, 200, x + 24, 470), fill=(60, 60, 70))
        draw.rectangle((x - 30, 170 + rng.randint(-20, 20), x + 54, 220), fill=EARTH)
    draw.ellipse((520, 560, 760, 700), fill=(200, 200, 205), outline=(80, 80, 90), width=6)
    return image


def party(rng: random.Random) -> Image.Image:
    """Garlands and tables for a neighbourhood party."""
    image = _background((1200, 800), (36, 52, 92), (92, 72, 120))
    draw = ImageDraw.Draw(image)
    colours = [SUN, EARTH, (233, 120, 140), (120, 200, 160), (250, 250, 250)]
    for garland in range(3):
        base = 120 + garland * 110
        for x in range(0, 1200, 60):
            y = base + int(30 * ((x / 600 - 1) ** 2))
            draw.polygon([(x, y), (x + 40, y), (x + 20, y + 45)], fill=rng.choice(colours))
    for x in (150, 500, 850):
        draw.rectangle((x, 600, x + 250, 630), fill=(240, 236, 226))
        draw.rectangle((x + 20, 630, x + 36, 760), fill=(240, 236, 226))
        draw.rectangle((x + 214, 630, x + 230, 760), fill=(240, 236, 226))
    return image


def seeds(rng: random.Random) -> Image.Image:
    """Seed packets and pots on a table, for the seed swap."""
    image = _background((1200, 800), (246, 240, 226), (226, 214, 190))
    draw = ImageDraw.Draw(image)
    for index in range(9):
        x, y = 80 + (index % 5) * 220, 120 + (index // 5) * 300
        draw.rectangle((x, y, x + 150, y + 210), fill=(250, 250, 246), outline=GREEN, width=5)
        for _ in range(12):
            cx, cy = x + rng.randint(20, 130), y + rng.randint(100, 190)
            draw.ellipse((cx, cy, cx + 10, cy + 14), fill=EARTH)
    return image


def compost(rng: random.Random) -> Image.Image:
    """Compost bins made of wooden slats."""
    image = _background((1200, 800), (210, 230, 214), (170, 200, 170))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1200, 800), fill=(96, 70, 44))
    for bin_x in (150, 480, 810):
        for slat in range(6):
            y = 330 + slat * 50
            draw.rectangle((bin_x, y, bin_x + 260, y + 36), fill=(176 - slat * 6, 122, 74))
        draw.rectangle((bin_x - 12, 310, bin_x + 8, 640), fill=(120, 84, 52))
        draw.rectangle((bin_x + 252, 310, bin_x + 272, 640), fill=(120, 84, 52))
    for _ in range(40):
        x, y = rng.randint(0, 1180), rng.randint(0, 280)
        draw.ellipse((x, y, x + 14, y + 14), fill=(250, 250, 250))
    return image.filter(ImageFilter.SMOOTH)


def portrait(rng: random.Random) -> Image.Image:
    """An abstract portrait (no real person), for a testimony."""
    image = _background((400, 400), (220, 232, 226), (190, 214, 204))
    draw = ImageDraw.Draw(image)
    skin = rng.choice([(214, 170, 130), (168, 118, 84), (236, 200, 170), (120, 84, 60)])
    draw.ellipse((130, 80, 270, 220), fill=skin)
    draw.ellipse((70, 240, 330, 480), fill=rng.choice([GREEN, EARTH, (52, 80, 140)]))
    return image


LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <rect width="64" height="64" rx="12" fill="#ffffff"/>
  <circle cx="32" cy="32" r="26" fill="#1d5c4d"/>
  <path d="M32 14 L36 30 L52 32 L36 34 L32 50 L28 34 L12 32 L28 30 Z" fill="#f4c442"/>
  <circle cx="32" cy="32" r="5" fill="#a2461a"/>
</svg>
"""


def logo() -> Image.Image:
    """The mill's sails in the association's colours, as a PNG twin of logo.svg."""
    image = Image.new("RGB", (256, 256), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((24, 24, 232, 232), fill=GREEN)
    sails = [(128, 56), (144, 120), (208, 128), (144, 136), (128, 200), (112, 136),
             (48, 128), (112, 120)]
    draw.polygon(sails, fill=SUN)
    draw.ellipse((108, 108, 148, 148), fill=EARTH)
    return image


def main() -> None:
    """Write every starter image."""
    rng = random.Random(2026)
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, draw in (("jardin-potager", garden), ("repair-cafe", tools),
                       ("fete-de-quartier", party), ("troc-de-graines", seeds),
                       ("compost-collectif", compost)):
        draw(rng).save(IMAGES / f"{name}.jpg", "JPEG", quality=72, optimize=True,
                       progressive=True)
    for name in ("portrait-nadia", "portrait-jeanne"):
        portrait(rng).save(IMAGES / f"{name}.jpg", "JPEG", quality=75, optimize=True)
    (IMAGES / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    logo().save(IMAGES / "logo.png", "PNG", optimize=True)
    # Added later, with its own seed: the images above stay the same bytes.
    orchard(random.Random(2027)).save(
        IMAGES / "verger.jpg", "JPEG", quality=72, optimize=True, progressive=True
    )


if __name__ == "__main__":
    main()
