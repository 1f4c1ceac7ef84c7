"""Make one content image light and safe: upright, without metadata, resized, re-encoded.

:func:`encode_image` turns a volunteer's photo into a few widths in a modern format
(WebP by default) plus the original format as fallback. The orientation is applied
first (``ImageOps.exif_transpose``), the colours are converted to sRGB, and only the
pixels are written back: no EXIF, GPS position, XMP, IPTC, ICC profile or comment
survives. It takes and returns plain data, so it runs in worker processes; the same
input always gives the same bytes.
"""

from __future__ import annotations

import io
import json
import warnings
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from assosite import __version__

# Bump when the processing changes in a way that changes the output bytes.
ENCODER_VERSION = "1"
# Files assosite re-encodes, and image formats browsers cannot show (never published).
PROCESSED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
UNSUPPORTED_SUFFIXES = (".heic", ".heif", ".tif", ".tiff", ".bmp", ".avif", ".jxl")
DEFAULT_SIZE = (1200, 800)
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif"}
MIME_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "avif": "image/avif"}
_FALLBACKS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp"}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True, slots=True)
class ImageSpec:
    """How content images are published (the ``[images]`` table of ``assosite.toml``).

    Attributes:
        widths: the widths written besides the full size (never wider than the image).
        max_size: the longest side of the full size; larger photos are downscaled.
        modern: ``webp``, ``avif`` or ``none`` (the original format only).
        quality: lossy quality, 1 to 100 (JPEG, WebP, AVIF).
    """

    widths: tuple[int, ...] = (480, 960, 1600)
    max_size: int = 2400
    modern: str = "webp"
    quality: int = 80

    def fingerprint(self) -> str:
        """Return what, besides the source bytes, decides the output bytes."""
        data = {**asdict(self), "assosite": __version__, "encoder": ENCODER_VERSION}
        return json.dumps({**data, "pillow": PIL.__version__}, sort_keys=True)


@dataclass(frozen=True, slots=True)
class Rendition:
    """One written file of an image.

    Attributes:
        width: its width in pixels.
        height: its height in pixels.
        fmt: ``jpeg``, ``png``, ``webp`` or ``avif``.
        file: its name in the cache folder.
        size: its size in bytes.
    """

    width: int
    height: int
    fmt: str
    file: str
    size: int


@dataclass(frozen=True, slots=True)
class ProcessedImage:
    """A content image once processed.

    Attributes:
        key: the sha256 of the source bytes and the :class:`ImageSpec` fingerprint.
        width: width of the full size (upright, downscaled to ``max_size``).
        height: height of the full size.
        fallback: the format every browser shows (the original one).
        renditions: every written file, narrowest first, fallback format last.
    """

    key: str
    width: int
    height: int
    fallback: str
    renditions: tuple[Rendition, ...]

    def of_format(self, fmt: str) -> tuple[Rendition, ...]:
        """Return the renditions in ``fmt``, narrowest first."""
        return tuple(r for r in self.renditions if r.fmt == fmt)

    @property
    def full(self) -> Rendition:
        """The widest rendition in the fallback format (published at the original path)."""
        return self.of_format(self.fallback)[-1]


def target_widths(width: int, spec: ImageSpec) -> tuple[int, ...]:
    """Return the widths to write for a full size of ``width``: never an upscale."""
    return (*sorted({w for w in spec.widths if w < width}), width)


def encode_image(source: Path, key: str, spec: ImageSpec, folder: Path) -> ProcessedImage:
    """Write the renditions of ``source`` into ``folder`` and describe them.

    Args:
        source: the volunteer's file.
        key: the image's cache key (names the written files).
        spec: widths, maximum size, formats and quality.
        folder: the cache folder.

    Returns:
        The processed image.

    Raises:
        OSError: the file cannot be read or decoded (corrupt, truncated, too large).
        ValueError: the file is not a JPEG, PNG or WebP image.
    """
    full, fallback, lossless = _clean_pixels(source, spec.max_size)
    formats = [fallback]
    if spec.modern not in ("none", fallback):
        formats.insert(0, spec.modern)
    renditions = []
    for width in target_widths(full.width, spec):
        height = max(1, round(full.height * width / full.width))
        image = full if width == full.width else _resize(full, width, height)
        for fmt in formats:  # one resize serves every format
            data = _encode(image, fmt, spec.quality, lossless)
            name = f"{key[:16]}-{width}.{EXTENSIONS[fmt]}"
            _write_atomic(folder / name, data)
            renditions.append(Rendition(width, height, fmt, name, len(data)))
    renditions.sort(key=lambda r: (r.fmt == fallback, r.width))  # fallback last
    return ProcessedImage(key, full.width, full.height, fallback, tuple(renditions))


def _clean_pixels(source: Path, max_size: int) -> tuple[Image.Image, str, bool]:
    """Return the upright, sRGB, metadata-free pixels, their format and losslessness."""
    with warnings.catch_warnings():
        # Up to Pillow's hard limit (about 180 megapixels) a photo is accepted.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(source) as opened:
                fallback = _FALLBACKS.get(opened.format or "")
                if fallback is None:
                    raise ValueError(opened.format or "?")
                opened.load()
                image = ImageOps.exif_transpose(opened)
        except (UnidentifiedImageError, SyntaxError, Image.DecompressionBombError) as exc:
            raise OSError(str(exc)) from exc
    image = _to_srgb(image)
    image = image.convert(_clean_mode(image))
    if max(image.size) > max_size:
        scale = max_size / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = _resize(image, *size)
    image.info = {}  # nothing but pixels from here on
    return image, fallback, fallback == "png"


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert pixels with an ICC profile to sRGB (the web's colour space)."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError):
        return image  # an unreadable profile: keep the pixels as they are


def _clean_mode(image: Image.Image) -> str:
    """Return the mode to write in: grey, colour, with or without transparency."""
    transparent = "A" in image.mode or "transparency" in image.info
    if image.mode in ("L", "LA") and not (image.mode == "L" and transparent):
        return image.mode
    return "RGBA" if transparent else "RGB"


def _resize(image: Image.Image, width: int, height: int) -> Image.Image:
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(image: Image.Image, fmt: str, quality: int, lossless: bool) -> bytes:
    """Encode pixels alone: no ``exif``, ``icc_profile`` or ``xmp`` is passed."""
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "png":
        image.save(buffer, "PNG", optimize=True)
    elif fmt == "webp":
        # A PNG is a drawing or a screenshot: lossless WebP keeps it sharp and smaller.
        # Photos: method 2 (measured on phone-like photos at 1600, 960 and 480 px:
        # 29 ms and 70.5 KiB an image, against 67 ms and 67.5 KiB at method 4, 16 ms
        # and 79.4 KiB at method 0).
        method = 4 if lossless else 2
        image.save(buffer, "WEBP", quality=quality, lossless=lossless, method=method)
    else:
        # One thread: processes already run in parallel, and the bytes stay the same.
        image.save(buffer, "AVIF", quality=quality, speed=6, max_threads=1)
    return buffer.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)


def svg_size(file: Path) -> tuple[int, int]:
    """Return an SVG's ``width``/``height`` (or its ``viewBox``), else a 3:2 default."""
    try:
        root = ET.parse(file).getroot()
    except (OSError, ET.ParseError):
        return DEFAULT_SIZE
    width, height = root.get("width", ""), root.get("height", "")
    if width.rstrip("px").isdigit() and height.rstrip("px").isdigit():
        return int(width.rstrip("px")), int(height.rstrip("px"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        return round(float(box[2])), round(float(box[3]))
    return DEFAULT_SIZE


def header_size(file: Path) -> tuple[int, int]:
    """Return the size of an image that is published as it is (SVG, GIF…)."""
    if file.suffix.lower() == ".svg":
        return svg_size(file)
    try:
        with Image.open(file) as image:
            return image.size
    except (OSError, UnidentifiedImageError, SyntaxError):
        return DEFAULT_SIZE
