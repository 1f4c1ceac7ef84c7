"""Generate a realistic French association site of N items, for assosite and plain Pelican.

The same texts are written twice: with YAML front matter for assosite, and with
Pelican's native ``Key: value`` headers for plain Pelican, so both build the same content.
One item in ten is illustrated by one of a few generated photos (the same files for
both, in ``images/``), as association sites reuse their pictures.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

WORDS = [
    "jardin",
    "partagé",
    "bénévoles",
    "quartier",
    "atelier",
    "réparation",
    "solidarité",
    "rencontre",
    "fête",
    "adhérents",
    "entraide",
    "récolte",
    "semis",
    "compost",
    "voisins",
    "enfants",
    "familles",
    "assemblée",
    "projet",
    "municipalité",
    "subvention",
    "association",
    "rue",
    "place",
    "marché",
    "échange",
    "convivialité",
    "repas",
    "printemps",
    "automne",
    "hiver",
    "été",
    "légumes",
    "outils",
    "vélo",
    "couture",
    "cuisine",
    "lecture",
    "musique",
]

CONFIG = """[site]
name = "Les Jardins du Banc d'Essai"
url = "https://banc.example"
description = "Un site généré pour mesurer assosite."
"""


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, paragraphs: int) -> str:
    blocks = []
    for index in range(paragraphs):
        if index and index % 2 == 0:
            blocks.append(f"## {_sentence(rng)[:-1][:50]}")
        blocks.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))))
    return "\n\n".join(blocks) + "\n"


PHOTOS = 12


def _photo(rng: random.Random, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A JPEG of soft shapes, about as heavy to encode as a photo of that size."""
    image = Image.new("RGB", size, tuple(rng.randint(60, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        r = rng.randint(40, 300)
        draw.ellipse(
            (x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3))
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def write_corpus(root: Path, items: int, seed: int = 7, photos: int = PHOTOS) -> tuple[Path, Path]:
    """Write the assosite site and the plain Pelican content of ``items`` items.

    ``photos`` generated photos illustrate one item in ten (none when 0).

    Returns:
        (assosite site folder, Pelican content folder).
    """
    rng = random.Random(seed)
    site = root / "assosite-site"
    plain = root / "pelican-content"
    start = dt.datetime(2024, 1, 1, 10, 0)
    for index in range(items):
        kind = ("news", "events", "testimonies")[index % 3]
        when = start + dt.timedelta(days=index % 1500, hours=index % 7)
        title = f"{_sentence(rng)[:60].rstrip('.')} {index}"
        summary = _sentence(rng)
        tags = rng.sample(["jardin", "fête", "atelier", "entraide", "quartier"], 2)
        body = _body(rng, rng.randint(3, 6))
        name = f"{when:%Y-%m-%d}-item-{index}.md"
        extra = {
            "news": "",
            "events": f"start: {when:%Y-%m-%d %H:%M}\n"
            f"end: {when + dt.timedelta(hours=2):%Y-%m-%d %H:%M}\n"
            "location: Maison des associations, Lyon\n",
            "testimonies": "name: Camille\nrole: bénévole\nconsent: 2024-01-01\n",
        }[kind]
        if photos and index % 10 == 0:
            photo = f"images/photo-{index // 10 % photos}.jpg"
            body = f"![Une photo de l'atelier {index}]({{static}}/{photo})\n\n{body}"
        front = (
            f'---\ntitle: "{title}"\ndate: {when:%Y-%m-%d %H:%M}\nsummary: "{summary}"\n'
            f"tags: [{', '.join(tags)}]\n{extra}---\n\n"
        )
        _write(site / "content" / kind / name, front + body)
        header = (
            f"Title: {title}\nDate: {when:%Y-%m-%d %H:%M}\nSummary: {summary}\n"
            f"Tags: {', '.join(tags)}\nCategory: {kind}\n\n"
        )
        _write(plain / kind / name, header + body)
    for number in range(min(photos, (items + 9) // 10)):
        data = _photo(rng)
        for folder in (site / "content" / "images", plain / "images"):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"photo-{number}.jpg").write_bytes(data)
    _write(site / "assosite.toml", CONFIG)
    for folder in ("pages", "images"):
        (site / "content" / folder).mkdir(parents=True, exist_ok=True)
    return site, plain


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


HUGO = Path(__file__).parent / "hugo"


def write_hugo(plain: Path, target: Path) -> Path:
    """Write a Hugo site of the same texts as the plain Pelican content ``plain``.

    The configuration and the minimal templates come from ``bench/hugo``; each text
    gets a YAML header with the same title, date, summary and tags, and its images
    are served from ``static/``.

    Returns:
        The Hugo site folder.
    """
    shutil.copytree(HUGO, target, dirs_exist_ok=True)
    for source in sorted(plain.glob("*/*.md")):
        header, body = source.read_text(encoding="utf-8").split("\n\n", 1)
        keys = dict(line.split(": ", 1) for line in header.splitlines())
        when = dt.datetime.strptime(keys["Date"], "%Y-%m-%d %H:%M")
        tags = ", ".join(f'"{tag}"' for tag in keys["Tags"].split(", "))
        front = (
            f'---\ntitle: "{keys["Title"]}"\ndate: {when:%Y-%m-%dT%H:%M:%S}\n'
            f'summary: "{keys["Summary"]}"\ntags: [{tags}]\n---\n\n'
        )
        body = body.replace("{static}/", "/")
        _write(target / "content" / source.parent.name / source.name, front + body)
    images = plain / "images"
    if images.is_dir():
        shutil.copytree(images, target / "static" / "images", dirs_exist_ok=True)
    return target
