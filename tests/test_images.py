"""Content images: published upright, without metadata, in several widths, cached by hash."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from helpers import TINY_JPEG
from PIL import ExifTags, Image, ImageCms

from assosite.build.site import BuildOptions, build_site
from assosite.images.markup import content_reference
from assosite.problems.errors import ConfigError
from assosite.problems.report import Severity
from assosite.scaffold.site import init_site

E, W = Severity.ERROR, Severity.WARNING
CONFIG = """\
[site]
name = "Les Amis du Test"
url = "https://test.example"

[images]
widths = [200, 400]
max_size = 600
"""
NEWS = """---
title: {title}
date: 2026-03-01
summary: Une phrase qui dit l'essentiel.
image: {image}
image_alt: Des voisins autour d'une table.
---
Le texte de l'actualité.

{body}
"""
RED, BLUE = (220, 20, 20), (20, 20, 220)


def news(title: str, image: str, body: str = "") -> str:
    return NEWS.format(title=title, image=image, body=body)


def phone_photo(size: tuple[int, int] = (800, 400), orientation: int = 6) -> bytes:
    """A JPEG like a phone's: GPS position, orientation tag, XMP, ICC profile, comment.

    The stored pixels are red on the left half and blue on the right half; with
    orientation 6 (turn 90° clockwise to display) the upright photo is red on top.
    """
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPS 48.85</x:xmpmeta>'
    image.save(buffer, "JPEG", exif=exif, icc_profile=icc, xmp=xmp, comment=b"Rue des Lilas")
    return buffer.getvalue()


def metadata_of(path: Path) -> list[str]:
    """Return the kinds of metadata a published file still carries."""
    found = []
    with Image.open(path) as image:
        if image.getexif():
            found.append("exif")
        found += [key for key in ("exif", "xmp", "icc_profile", "comment") if image.info.get(key)]
        found += [key for key in image.info if key.startswith(("XML:", "Raw profile"))]
    data = path.read_bytes()
    found += [
        marker.decode() for marker in (b"Exif\x00", b"eXIf", b"EXIF", b"GPS") if marker in data
    ]
    return found


def photo_site(make_site, body: str = "", extra: dict | None = None) -> Path:
    """A site with one news item illustrated by a phone photo (GPS, rotated)."""
    files = {
        "content/images/fete.jpg": phone_photo(),
        "content/news/2026-03-01-fete.md": news("La fête du jardin", "images/fete.jpg", body),
    }
    return make_site({**files, **(extra or {})}, config=CONFIG)


def published_images(output: Path, stem: str = "") -> list[Path]:
    """Return the published raster files (whose name starts with ``stem``)."""
    return sorted(
        p for p in (output / "images").rglob(stem + "*") if p.suffix in (".jpg", ".png", ".webp")
    )


def test_source_photo_really_carries_gps_and_orientation(tmp_path) -> None:
    """The test photo has what a phone writes, and metadata_of sees it (tests can fail)."""
    source = tmp_path / "phone.jpg"
    source.write_bytes(phone_photo())
    with Image.open(source) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert image.getexif()[ExifTags.Base.Orientation] == 6
    assert set(metadata_of(source)) >= {"exif", "xmp", "icc_profile", "comment", "GPS"}


def test_published_photos_carry_no_metadata_and_are_upright(make_site, build) -> None:
    """No EXIF, GPS, XMP, ICC or comment survives; the rotated photo comes out upright."""
    report, output = build(photo_site(make_site))
    assert report.problems == []
    files = published_images(output, "fete")
    assert len(files) == 5  # two widths in WebP and in JPEG, plus the copy at fete.jpg
    for path in files:
        assert metadata_of(path) == [], path.name
        with Image.open(path) as published:
            image = published.convert("RGB")
            width, height = image.size
            assert height > width, path.name  # 800×400 stored, turned a quarter
            top, bottom = image.getpixel((width // 2, 5)), image.getpixel((width // 2, height - 5))
            assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], path.name


def test_photos_are_downscaled_and_written_in_each_width_and_format(make_site, build) -> None:
    """max_size caps the longest side; each smaller width in WebP and JPEG, never upscaled."""
    _, output = build(photo_site(make_site))
    sizes = {}
    for path in published_images(output, "fete"):
        with Image.open(path) as image:
            sizes[path.name] = (image.format, image.size)
    assert sizes["fete.jpg"] == ("JPEG", (300, 600))
    names = {re.sub(r"-[0-9a-f]{8}\.", ".", name): value for name, value in sizes.items()}
    assert names == {
        "fete.jpg": ("JPEG", (300, 600)),
        "fete-200.jpg": ("JPEG", (200, 400)),
        "fete-300.jpg": ("JPEG", (300, 600)),
        "fete-200.webp": ("WEBP", (200, 400)),
        "fete-300.webp": ("WEBP", (300, 600)),
    }


def test_pages_use_picture_with_srcset_sizes_width_and_height(make_site, build) -> None:
    """Main image and text image: WebP source, fallback srcset, sizes, width, height, alt."""
    body = "![Le potager au printemps](images/potager.png)"
    potager = io.BytesIO()
    Image.new("RGB", (500, 250), (30, 120, 60)).save(potager, "PNG")
    site = photo_site(make_site, body, {"content/images/potager.png": potager.getvalue()})
    report, output = build(site)
    assert report.problems == []
    page = lxml.html.parse(output / "actualites/fete/index.html")
    pictures = {}
    for picture in page.iter("picture"):
        img = picture.find(".//img")  # libxml2 nests it in <source>, an HTML5 void element
        pictures[img.get("src").rsplit("/", 1)[-1].split("-")[0]] = (picture, img)
    for stem, size, fallback in (("fete", (300, 600), "jpg"), ("potager", (500, 250), "png")):
        picture, img = pictures[stem]
        source = picture.find(".//source")
        assert source.get("type") == "image/webp" and source.get("sizes")
        assert re.fullmatch(
            rf"(\S+/images/{stem}-\d+-[0-9a-f]{{8}}\.webp \d+w(, )?)+", source.get("srcset")
        )
        assert re.fullmatch(
            rf"(\S+/images/{stem}-\d+-[0-9a-f]{{8}}\.{fallback} \d+w(, )?)+", img.get("srcset")
        )
        assert img.get("sizes") and img.get("alt")
        assert (int(img.get("width")), int(img.get("height"))) == size
    assert pictures["fete"][1].get("loading") is None  # the page's main image loads at once
    assert pictures["potager"][1].get("loading") == "lazy"
    assert pictures["potager"][1].get("alt") == "Le potager au printemps"


def test_text_images_may_be_written_in_every_usual_way(tmp_path) -> None:
    """images/x, /images/x, {static}/images/x and ../images/x name the same file."""
    source = "news/2026-03-01-fete.md"
    for src in ("images/x.jpg", "/images/x.jpg", "{static}/images/x.jpg", "../images/x.jpg"):
        assert content_reference(src, source, tmp_path) == "images/x.jpg", src
    assert content_reference("https://example.org/x.jpg", source, tmp_path) is None
    assert content_reference("data:image/png;base64,AAAA", source, tmp_path) is None


def test_old_site_image_addresses_are_found_where_they_were_copied(tmp_path) -> None:
    """/assets/… under content/ or content/images/, and a bundle's photo beside its text."""
    for relative in (
        "assets/2017/02/a.jpg",
        "images/2010/b.jpg",
        "news/fete/c.jpg",
        "static/images/e.jpg",
    ):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(TINY_JPEG)
    bundle = "news/fete/index.md"
    assert content_reference("/assets/2017/02/a.jpg", bundle, tmp_path) == "assets/2017/02/a.jpg"
    assert content_reference("/assets/2010/b.jpg", bundle, tmp_path) == "images/2010/b.jpg"
    assert content_reference("c.jpg", bundle, tmp_path) == "news/fete/c.jpg"
    assert content_reference("/pub/d.jpg", bundle, tmp_path) == "pub/d.jpg"  # missing
    assert content_reference("/images/e.jpg", bundle, tmp_path) == "static/images/e.jpg"


def test_second_build_encodes_nothing_and_a_changed_photo_is_encoded_again(
    make_site, build
) -> None:
    """The cache is keyed by content: unchanged photos are reused, a changed one is redone."""
    site = photo_site(make_site)
    first, _ = build(site)
    assert (first.images_encoded, first.images_reused) == (2, 0)  # fete.jpg, photo.jpg
    second, _ = build(site, reuse=False)  # a real build: the image cache answers
    assert (second.images_encoded, second.images_reused) == (0, 2)
    (site / "content/images/fete.jpg").write_bytes(phone_photo(orientation=1))
    third, output = build(site)
    assert (third.images_encoded, third.images_reused) == (1, 1)
    with Image.open(output / "images/fete.jpg") as image:
        assert image.size == (600, 300)  # orientation 1: stays landscape


def test_changed_settings_encode_again(make_site, build) -> None:
    """Other widths or quality give other files: the cache does not serve stale ones."""
    site = photo_site(make_site)
    build(site)
    (site / "assosite.toml").write_text(CONFIG + "quality = 60\n", encoding="utf-8")
    report, _ = build(site)
    assert report.images_encoded == 2


def test_same_photos_give_byte_identical_files(make_site, build) -> None:
    """Two builds from an empty cache publish the same bytes under the same names."""
    site = photo_site(make_site)

    def images_after_cold_build() -> dict[str, str]:
        shutil.rmtree(site / ".cache", ignore_errors=True)
        _, output = build(site)
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in published_images(output)
        }

    assert images_after_cold_build() == images_after_cold_build()


def test_missing_text_image_is_an_error_at_its_line(make_site, build) -> None:
    """A text image that does not exist: AS240 at the Markdown line; the rest builds."""
    body = "Un paragraphe.\n\n![Le verger](images/verger.jpg)"
    site = photo_site(make_site, body)
    (site / "content/news/2026-03-02-autre.md").write_text(
        news("Une autre nouvelle", "images/photo.jpg"), encoding="utf-8"
    )
    report, output = build(site)
    found = [(p.code, p.path, p.line, p.severity) for p in report.problems]
    assert found == [("AS240", "content/news/2026-03-01-fete.md", 12, E)]
    assert not (output / "actualites/fete/index.html").exists()
    assert (output / "actualites/autre/index.html").is_file()


def test_check_reports_a_missing_text_image_too(make_site, check) -> None:
    """assosite check sees the missing text image exactly as the build does."""
    site = photo_site(make_site, "![Le verger](images/verger.jpg)")
    found = [(p.code, p.path, p.line) for p in check(site).problems]
    assert found == [("AS240", "content/news/2026-03-01-fete.md", 10)]


def test_corrupt_and_unsupported_images_are_reported_and_left_out(make_site, build) -> None:
    """A broken JPEG (AS241) and a HEIC photo (AS242) are warnings; the rest is published."""
    broken = phone_photo()[:600]
    body = "![Une photo abîmée](images/abimee.jpg) et la suite du texte."
    site = photo_site(
        make_site,
        body,
        {"content/images/abimee.jpg": broken, "content/images/iphone.heic": b"\x00" * 64},
    )
    report, output = build(site)
    found = sorted((p.code, p.path, p.line, p.severity) for p in report.problems)
    assert found == [
        ("AS241", "content/images/abimee.jpg", 0, W),
        ("AS242", "content/images/iphone.heic", 0, W),
    ]
    assert report.published
    names = {p.name for p in (output / "images").iterdir()}
    assert "abimee.jpg" not in names and "iphone.heic" not in names and "fete.jpg" in names
    page = (output / "actualites/fete/index.html").read_text(encoding="utf-8")
    assert "abimee" not in page and "et la suite du texte." in page


def test_svg_and_other_files_are_copied_as_they_are(make_site, build) -> None:
    """SVG and documents are published byte for byte; an SVG gets its own size."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>'
    site = photo_site(
        make_site,
        "![Schéma](images/schema.svg)",
        {"content/images/schema.svg": svg, "content/files/statuts.pdf": b"%PDF-1.4 statuts"},
    )
    _, output = build(site)
    assert (output / "images/schema.svg").read_bytes() == svg
    assert (output / "files/statuts.pdf").read_bytes() == b"%PDF-1.4 statuts"
    img = lxml.html.parse(output / "actualites/fete/index.html").find(".//img[@alt='Schéma']")
    assert img.get("src").endswith("/images/schema.svg") and img.get("srcset") is None
    assert (img.get("width"), img.get("height")) == ("40", "20")


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('widths = [480, "grand"]', "AS150"),
        ("widths = [480, 90000]", "AS150"),
        ('format = "gif"', "AS151"),
        ("quality = 0", "AS152"),
        ("max_size = 100", "AS152"),
        ("widths = 480", "AS103"),
    ],
)
def test_image_settings_are_checked_at_their_line(make_site, check, line, code) -> None:
    """A wrong [images] setting is an error at its line of assosite.toml."""
    config = '[site]\nname = "Test"\nurl = "https://test.example"\n\n[images]\n' + line + "\n"
    site = make_site(config=config)
    with pytest.raises(ConfigError) as caught:
        check(site)
    found = [(p.code, p.path, p.line, p.severity) for p in caught.value.report.problems]
    assert found == [(code, "assosite.toml", 6, E)]


def test_built_starter_publishes_no_image_metadata(tmp_path) -> None:
    """Every raster image of the built starter is re-encoded and carries no metadata."""
    site = init_site(tmp_path / "site")
    report = build_site(site, BuildOptions(strict=True))
    assert report.problems == []
    files = published_images(site / "output")
    assert len(files) > len(list((site / "content/images").glob("*.jpg")))
    assert {p.name: metadata_of(p) for p in files} == {p.name: [] for p in files}


def test_cached_text_shows_the_new_name_of_a_changed_photo(make_site, build) -> None:
    """Texts come from the reader's cache when unchanged; a changed photo is still shown
    under its new name inside them, never the old one."""
    site = photo_site(make_site, body="![Les semis du printemps](images/fete.jpg)")
    _, output = build(site)
    page = output / "actualites" / "fete" / "index.html"
    old = set(re.findall(r"fete-\d+-([0-9a-f]{8})\.", page.read_text(encoding="utf-8")))
    (site / "content/images/fete.jpg").write_bytes(phone_photo(orientation=1))
    build(site)
    new = set(re.findall(r"fete-\d+-([0-9a-f]{8})\.", page.read_text(encoding="utf-8")))
    assert len(old) == 1 and len(new) == 1 and old != new
