"""The card cache: ``.cache/assosite/cards`` in the site, with a manifest of content hashes.

A card is drawn again only when the sha256 of its :class:`~assosite.outputs.cards.draw.CardSpec`
(texts, layout, colours, logo bytes, fonts, assosite version) changes; cached files
are named by that hash, so an unchanged card is copied, never re-rendered. Cards to
draw are spread over the CPUs (one process each) when there are enough of them.
This folder is the one place outside the output that a build writes to.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from assosite import __version__
from assosite.outputs.cards.draw import HEIGHT, WIDTH, CardSpec, encode_card, render_card
from assosite.system.processes import die_with_parent, pid_alive

CACHE_FOLDER = Path(".cache") / "assosite" / "cards"
MANIFEST = "manifest.json"
# Below this many cards, starting worker processes (about 0.4 s each: Python, Pillow and
# the fonts) costs more than drawing them here (measured with bench/bench_cards.py).
PARALLEL_FROM = 100
CHUNK = 16  # most cards a worker takes at once


@dataclass(frozen=True, slots=True)
class CachedCard:
    """A card file in the cache.

    Attributes:
        digest: the sha256 of the card's spec.
        file: the file's path (in the cache folder).
        width: width in pixels.
        height: height in pixels.
    """

    digest: str
    file: Path
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def extension(self) -> str:
        """``png`` or ``jpg``."""
        return self.file.suffix.lstrip(".")


@dataclass(frozen=True, slots=True)
class CacheRun:
    """What one build did with the cache.

    Attributes:
        cards: the card of each key (an output path without extension).
        rendered: how many cards were drawn (0 when nothing changed).
        reused: how many cards came from the cache.
    """

    cards: dict[str, CachedCard]
    rendered: int
    reused: int


def draw(spec: CardSpec) -> tuple[str, bytes, str]:
    """Render and encode one card; return (digest, file bytes, extension)."""
    data, extension = encode_card(render_card(spec))
    return spec.digest(), data, extension


def draw_into(spec: CardSpec, folder: Path) -> tuple[str, str]:
    """Draw one card into ``folder`` as ``<digest>.<extension>``; return both.

    Module-level so that worker processes can run it. The worker writes the file
    itself (through a temporary name, then a rename), so that thousands of cards
    never travel back to the build's process nor sit in its memory.
    """
    digest, data, extension = draw(spec)
    temporary = folder / f".{digest}.{os.getpid()}.tmp"
    temporary.write_bytes(data)
    temporary.replace(folder / f"{digest}.{extension}")
    return digest, extension


class CardCache:
    """The cards of one site, kept between builds.

    Args:
        root: the site folder (the cache lives in ``.cache/assosite/cards``).
        workers: processes to draw with (default: one per CPU).
    """

    def __init__(self, root: Path, workers: int | None = None) -> None:
        self.folder = root / CACHE_FOLDER
        self.workers = workers or os.cpu_count() or 1

    def update(self, specs: dict[str, CardSpec]) -> CacheRun:
        """Return a card for every spec, drawing only those whose hash is new.

        The manifest is rewritten, and cached files no card uses any more are
        deleted (only inside the cache folder).
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        self._remove_orphans()
        existing = {path.stem: path for path in self._files()}
        digests = {key: spec.digest() for key, spec in specs.items()}
        todo = {digests[key]: spec for key, spec in specs.items() if digests[key] not in existing}
        for digest, extension in self._draw(list(todo.values())):
            existing[digest] = self.folder / f"{digest}.{extension}"
        cards = {key: CachedCard(digest, existing[digest]) for key, digest in digests.items()}
        used = {card.file for card in cards.values()}
        for path in self._files():
            if path not in used:
                path.unlink()
        run = CacheRun(cards, rendered=len(todo), reused=len(set(digests.values())) - len(todo))
        self._write_manifest(run)
        return run

    def _remove_orphans(self) -> None:
        """Delete the half-written cards of a build that was killed (``.<digest>.<pid>.tmp``)."""
        for path in self.folder.glob(".*.tmp"):
            pid = path.suffixes[-2].lstrip(".") if len(path.suffixes) >= 2 else ""
            if not pid.isdigit() or not pid_alive(int(pid)):
                path.unlink(missing_ok=True)

    def _files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.suffix in (".png", ".jpg"))

    def _draw(self, specs: list[CardSpec]) -> list[tuple[str, str]]:
        folders = [self.folder] * len(specs)
        if len(specs) < PARALLEL_FROM or self.workers < 2:
            return list(map(draw_into, specs, folders))
        # "spawn": Pelican's process may hold threads and locks that fork would copy.
        # Small chunks: a build told to stop waits for one chunk at most.
        pool = ProcessPoolExecutor(
            self.workers,
            mp_context=get_context("spawn"),
            initializer=die_with_parent,
        )
        try:
            chunk = max(1, min(CHUNK, len(specs) // (self.workers * 4)))
            return list(pool.map(draw_into, specs, folders, chunksize=chunk))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _write_manifest(self, run: CacheRun) -> None:
        manifest = {
            "assosite": __version__,
            "rendered": run.rendered,
            "reused": run.reused,
            "cards": {
                key: {
                    "sha256": card.digest,
                    "file": card.file.name,
                    "width": card.width,
                    "height": card.height,
                }
                for key, card in sorted(run.cards.items())
            },
        }
        temporary = self.folder / f".{MANIFEST}.tmp"
        temporary.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.folder / MANIFEST)
