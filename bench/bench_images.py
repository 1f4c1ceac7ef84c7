"""Process content images cold (empty cache) and warm, and weigh what a visitor downloads.

Usage: python bench/bench_images.py [--photos 50] [--size 4000x3000]

Two sets: the starter's images, and generated phone-like photos (JPEG quality 92 with
GPS EXIF and an orientation tag). Each set is processed by :class:`ImageLibrary` as a
build does (across the CPUs), first with an empty cache, then again with the cache.
Prints images per second (wall time, all CPUs), the CPU time one image costs, the
bytes of the originals, of every published file, and of the files a visitor's browser
picks (WebP at 960 px for a phone, the widest WebP for a large screen).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import ExifTags, Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assosite.images.library import ImageLibrary  # noqa: E402
from assosite.images.process import ImageSpec, encode_image  # noqa: E402
from assosite.problems.report import BuildReport  # noqa: E402


def phone_photo(size: tuple[int, int], seed: int) -> bytes:
    """Return a photo-like JPEG: smooth shapes, fine grain, GPS and orientation tags."""
    rng = random.Random(seed)
    small = Image.new("RGB", (40, 30))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(40 * 30)])
    image = small.resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 24).convert("RGB")
    image = Image.blend(image, grain, 0.12)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6 if seed % 3 == 0 else 1
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (47.0, 28.0, 12.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def _run(content: Path, cache: Path) -> tuple[float, ImageLibrary]:
    library = ImageLibrary(content, cache, ImageSpec(), ("images",))
    started = time.perf_counter()
    library.process(BuildReport())
    return time.perf_counter() - started, library


def _cpu_per_image(content: Path, library: ImageLibrary) -> float:
    """Return the CPU seconds one image costs, encoded again in this process."""
    with tempfile.TemporaryDirectory(prefix="bench-cpu-") as folder:
        started = time.process_time()
        for path, image in library.images.items():
            encode_image(content / path, image.key, library.spec, Path(folder))
        return (time.process_time() - started) / max(1, len(library.images))


def _kib(n: float) -> str:
    return f"{n / 1024:,.0f} KiB".replace(",", " ")


def bench(name: str, content: Path) -> None:
    """Process ``content/images`` cold then warm; print speed and weights."""
    with tempfile.TemporaryDirectory(prefix="bench-images-") as scratch:
        cache = Path(scratch) / "cache"
        cold, library = _run(content, cache)
        warm, again = _run(content, cache)
    count = len(library.images)
    assert again.encoded == [], "a warm run re-encoded images"
    originals = sum((content / path).stat().st_size for path in library.images)
    published = sum(r.size for i in library.images.values() for r in i.renditions)
    published += sum(i.full.size for i in library.images.values())  # the clean copies
    phone = large = 0
    for image in library.images.values():
        webp = image.of_format("webp") or image.of_format(image.fallback)
        phone += next((r.size for r in webp if r.width >= min(960, image.width)), webp[-1].size)
        large += webp[-1].size
    print(f"{name}: {count} images, {os.cpu_count()} CPUs")
    print(f"  cold: {cold:6.2f} s  {count / cold:7.1f} images/s  ({len(library.encoded)} encoded)")
    print(f"  warm: {warm:6.2f} s  {count / warm:7.1f} images/s  ({len(again.encoded)} encoded)")
    print(f"  CPU per image (cold, one process): {_cpu_per_image(content, library) * 1000:.0f} ms")
    print(f"  originals:           {_kib(originals):>12}")
    print(f"  published (all):     {_kib(published):>12}")
    print(f"  a phone downloads:   {_kib(phone):>12}  ({phone / originals:.1%} of the originals)")
    print(f"  a large screen gets: {_kib(large):>12}  ({large / originals:.1%})")


def main() -> None:
    """Run both sets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--size", default="4000x3000")
    args = parser.parse_args()
    bench("starter", ROOT / "starter" / "content")
    size = tuple(int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as scratch:
        content = Path(scratch) / "content"
        (content / "images").mkdir(parents=True)
        for n in range(args.photos):
            (content / "images" / f"photo-{n:03d}.jpg").write_bytes(phone_photo(size, n))
        bench(f"generated {args.size} photos", content)
        shutil.rmtree(content)


if __name__ == "__main__":
    main()
