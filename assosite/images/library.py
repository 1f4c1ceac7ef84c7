"""The content images of one build: processed once per content hash, in parallel, published.

:class:`ImageLibrary` finds the JPEG, PNG and WebP files under ``content/images`` and
``content/files``, re-encodes those whose hash is not in the cache
(``.cache/assosite/images`` in the site, with a ``manifest.json``) across the CPUs,
and publishes their renditions under names that carry a short hash (so browsers may
keep them forever), plus one clean copy at the original path for plain links. Pelican
never copies the originals (:func:`drop_raw_images`). A corrupt or unsupported file
is reported and left out; the others are published.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from assosite.cache.files import place_file
from assosite.images.process import (
    EXTENSIONS,
    PROCESSED_SUFFIXES,
    UNSUPPORTED_SUFFIXES,
    ImageSpec,
    ProcessedImage,
    Rendition,
    encode_image,
    header_size,
)
from assosite.problems.report import BuildReport, make_problem
from assosite.system.processes import die_with_parent

logger = logging.getLogger(__name__)

LIBRARY_KEY = "ASSOSITE_IMAGE_LIBRARY"  # the private setting that carries the library
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class _Job:
    """One image to encode (plain data: it crosses to a worker process)."""

    path: str
    source: Path
    key: str
    spec: ImageSpec
    folder: Path


def _run_job(job: _Job) -> ProcessedImage | str:
    """Encode one image; return its description, or why it could not be read."""
    try:
        return encode_image(job.source, job.key, job.spec, job.folder)
    except (OSError, ValueError) as exc:
        return str(exc) or type(exc).__name__


class ImageLibrary:
    """The processed content images of one build, by path relative to ``content/``.

    Args:
        content_path: the site's ``content/`` folder.
        cache_path: the cache folder (``.cache/assosite/images`` in the site).
        spec: widths, maximum size, formats and quality.
        folders: the folders of ``content/`` whose images are published.
    """

    def __init__(
        self, content_path: Path, cache_path: Path, spec: ImageSpec, folders: tuple[str, ...]
    ) -> None:
        self.content_path = content_path
        self.cache_path = cache_path
        self.spec = spec
        self.folders = folders
        self.images: dict[str, ProcessedImage] = {}
        self.refused: set[str] = set()
        self.encoded: list[str] = []
        self.processed = False

    def process(self, report: BuildReport) -> None:
        """Process every content image (cached ones are not re-encoded); report failures."""
        self.cache_path.mkdir(parents=True, exist_ok=True)
        cached = _read_manifest(self.cache_path)
        fingerprint = self.spec.fingerprint()
        jobs = []
        for path in self._sources(report):
            source = self.content_path / path
            digest = hashlib.sha256(source.read_bytes())
            digest.update(fingerprint.encode())
            key = digest.hexdigest()
            known = cached.get(key)
            if known is not None and self._is_cached(known):
                self.images[path] = known
            else:
                jobs.append(_Job(path, source, key, self.spec, self.cache_path))
        for job, result in zip(jobs, _run_all(jobs), strict=True):
            if isinstance(result, str):
                self.refused.add(job.path)
                report.add(make_problem("AS241", f"content/{job.path}", 0, detail=result))
            else:
                self.images[job.path] = result
                self.encoded.append(job.path)
        _write_manifest(self.cache_path, self.images, cached)
        report.images_encoded = len(self.encoded)
        report.images_reused = len(self.images) - len(self.encoded)
        self.processed = True

    def _sources(self, report: BuildReport) -> list[str]:
        """Return the files to encode; report those in a format browsers cannot show."""
        paths = []
        for folder in self.folders:
            for file in sorted((self.content_path / folder).rglob("*")):
                suffix = file.suffix.lower()
                path = file.relative_to(self.content_path).as_posix()
                if not file.is_file() or any(p.startswith(".") for p in file.parts[-1:]):
                    continue
                if suffix in UNSUPPORTED_SUFFIXES:
                    self.refused.add(path)
                    report.add(make_problem("AS242", f"content/{path}", 0, suffix=suffix))
                elif suffix in PROCESSED_SUFFIXES:
                    paths.append(path)
        return paths

    def _is_cached(self, image: ProcessedImage) -> bool:
        return all((self.cache_path / r.file).is_file() for r in image.renditions)

    def digest(self) -> str:
        """Return a hash of what texts show of the images (names, sizes, refusals)."""
        seen = sorted((path, image.key) for path, image in self.images.items())
        return hashlib.sha256(repr((seen, sorted(self.refused))).encode()).hexdigest()

    def handles(self, path: str) -> bool:
        """Return True when ``path`` is re-encoded or refused here (never copied raw)."""
        return path in self.images or path in self.refused

    def get(self, path: str) -> ProcessedImage | None:
        """Return the processed image at ``path`` (relative to ``content/``), if any."""
        return self.images.get(_normal(path))

    def is_refused(self, path: str) -> bool:
        """Return True when ``path`` is corrupt or unsupported (not published)."""
        return _normal(path) in self.refused

    def size(self, path: str) -> tuple[int, int]:
        """Return the published (width, height) of ``content/<path>``."""
        image = self.get(path)
        if image is not None:
            return image.width, image.height
        return header_size(self.content_path / path)

    def publish(self, output: Path) -> None:
        """Copy every rendition into ``output``, plus the clean copy at each original path."""
        for path, image in sorted(self.images.items()):
            for rendition in image.renditions:
                target = output / published_name(path, image, rendition)
                target.parent.mkdir(parents=True, exist_ok=True)
                place_file(self.cache_path / rendition.file, target)
            place_file(self.cache_path / image.full.file, output / path)


def published_name(path: str, image: ProcessedImage, rendition: Rendition) -> str:
    """Return where a rendition is published: ``images/fete-960-3fa1c2d4.webp``."""
    source = PurePosixPath(path)
    name = f"{source.stem}-{rendition.width}-{image.key[:8]}.{EXTENSIONS[rendition.fmt]}"
    return str(source.with_name(name))


def _normal(path: str) -> str:
    return PurePosixPath(path.lstrip("/")).as_posix()


def _run_all(jobs: list[_Job]) -> list[ProcessedImage | str]:
    """Encode the jobs across the CPUs, in order (one job runs in this process)."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        return [_run_job(job) for job in jobs]
    # Not "fork": the build may run threads (the progress ticker, a preview server).
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent) as pool:
        return list(pool.map(_run_job, jobs))


def _read_manifest(folder: Path) -> dict[str, ProcessedImage]:
    """Return the cached images by key; an unreadable manifest is an empty cache."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if data.get("version") != MANIFEST_VERSION:
            return {}
        return {key: _from_dict(entry) for key, entry in data["images"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.debug("image cache manifest ignored: %s", exc)
        return {}


def _from_dict(entry: dict[str, Any]) -> ProcessedImage:
    renditions = tuple(Rendition(**r) for r in entry["renditions"])
    return ProcessedImage(
        entry["key"], entry["width"], entry["height"], entry["fallback"], renditions
    )


def _write_manifest(
    folder: Path, images: dict[str, ProcessedImage], cached: dict[str, ProcessedImage]
) -> None:
    """Save the images of this build and delete the files of the others."""
    kept = {image.key: image for image in images.values()}
    kept_files = {r.file for image in kept.values() for r in image.renditions}
    for key, image in cached.items():
        for rendition in image.renditions if key not in kept else ():
            if rendition.file not in kept_files:
                (folder / rendition.file).unlink(missing_ok=True)
    data = {
        "version": MANIFEST_VERSION,
        "images": {key: asdict(image) for key, image in sorted(kept.items())},
    }
    text = json.dumps(data, indent=1, sort_keys=True)
    manifest = folder / MANIFEST
    if manifest.is_file() and manifest.read_text(encoding="utf-8") == text:
        return  # nothing changed: a build that changes nothing writes nothing
    partial = folder / (MANIFEST + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(manifest)


def library_of(settings: dict[str, Any]) -> ImageLibrary | None:
    """Return the image library stored in ``settings``, if any."""
    return settings.get(LIBRARY_KEY)
