"""The card cache: ``.cache/assosite/cards`` in the site, with a manifest of content hashes.

A card is drawn again only when the sha256 of its :class:`~assosite.outputs.cards.draw.CardSpec`
(texts, layout, colours, logo bytes, fonts, assosite version) changes; cached files
are named by that hash, so an unchanged card is copied, never re-rendered. Cards to
draw are shared with worker processes when there are many and CPUs are idle.
This folder is the one place outside the output that a build writes to.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from assosite import __version__
from assosite.outputs.cards.draw import (
    HEIGHT,
    WIDTH,
    CardSpec,
    encode_card,
    release_memory,
    render_card,
)
from assosite.system.processes import die_with_parent, pid_alive

CACHE_FOLDER = Path(".cache") / "assosite" / "cards"
MANIFEST = "manifest.json"
# Below this many cards, starting worker processes (about 0.4 s each: Python, Pillow and
# the fonts) costs more than drawing them here (measured with bench/bench_cards.py).
PARALLEL_FROM = 100
_SUFFIXES = (".png", ".jpg")


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


def _spare_cpus(cpus: int) -> int:
    """Return how many worker processes the machine's load leaves room for (0 or more).

    The load average counts this build itself: on an idle machine of 2 CPUs it is
    about 1, and one worker helps; on a busy one, workers would only share the
    same CPUs and slow everything down (measured: 15 % more CPU per card).
    """
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float(cpus)
    return max(0, min(cpus - 1, int(cpus - max(load, 1.0))))


def _take(counter: Any, total: int, busy: Any = None, number: int = 0) -> int | None:
    """Return the next card index to draw and count it taken, or None when all are.

    A worker passes its ``busy`` flag, raised in the same step, so that the build
    knows it is drawing.
    """
    with counter.get_lock():
        index = counter.value
        if index >= total:
            return None
        counter.value = index + 1
        if busy is not None:
            busy[number] = 1
        return index


def _help(specs: list[CardSpec], folder: Path, counter: Any, busy: Any, number: int) -> None:
    """In a worker process: draw the next card not yet taken, until none is left."""
    die_with_parent()
    while (index := _take(counter, len(specs), busy, number)) is not None:
        draw_into(specs[index], folder)
        busy[number] = 0


def _drawn(folder: Path, spec: CardSpec) -> tuple[str, str]:
    """Return the digest and extension of a card in ``folder``, drawn here if a worker died."""
    digest = spec.digest()
    for extension in ("png", "jpg"):
        if (folder / f"{digest}.{extension}").exists():
            return digest, extension
    return draw_into(spec, folder)


def _stop(workers: list[Any], counter: Any, busy: Any, total: int) -> None:
    """Stop the workers once no card is left to take (or the build is stopping).

    Workers not drawing are starting or done: they are stopped at once (none holds
    the lock while this process does); the others finish their card, then find none.
    """
    with counter.get_lock():
        counter.value = total
        for number, worker in enumerate(workers):
            if not busy[number]:
                worker.terminate()
                worker.join()
    for worker in workers:
        worker.join(timeout=60)
        if worker.is_alive():
            worker.kill()
            worker.join()


class CardCache:
    """The cards of one site, kept between builds.

    Args:
        root: the site folder (the cache lives in ``.cache/assosite/cards``).
        workers: processes to draw with, this one included (default: one, plus one
            per CPU that the machine's load leaves idle).
    """

    def __init__(self, root: Path, workers: int | None = None) -> None:
        self.folder = root / CACHE_FOLDER
        self.workers = workers

    def update(self, specs: dict[str, CardSpec], digests: dict[str, str] | None = None) -> CacheRun:
        """Return a card for every spec, drawing only those whose hash is new.

        The manifest is rewritten, and cached files no card uses any more are
        deleted (only inside the cache folder).

        Args:
            specs: the cards, by key.
            digests: each spec's :meth:`~CardSpec.digest`, when already known.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        self._remove_orphans()
        existing = {name.partition(".")[0]: name for name in self._names()}
        if digests is None:
            digests = {key: spec.digest() for key, spec in specs.items()}
        todo = {digests[key]: spec for key, spec in specs.items() if digests[key] not in existing}
        for digest, extension in self._draw(list(todo.values())):
            existing[digest] = f"{digest}.{extension}"
        release_memory()  # the pages are written next, with all the memory they need
        files = {digest: self.folder / existing[digest] for digest in set(digests.values())}
        cards = {key: CachedCard(digest, files[digest]) for key, digest in digests.items()}
        used = {existing[digest] for digest in files}
        for name in self._names():
            if name not in used:
                (self.folder / name).unlink()
        run = CacheRun(cards, rendered=len(todo), reused=len(set(digests.values())) - len(todo))
        self._write_manifest(run)
        return run

    def _remove_orphans(self) -> None:
        """Delete the half-written cards of a build that was killed (``.<digest>.<pid>.tmp``)."""
        for path in self.folder.glob(".*.tmp"):
            pid = path.suffixes[-2].lstrip(".") if len(path.suffixes) >= 2 else ""
            if not pid.isdigit() or not pid_alive(int(pid)):
                path.unlink(missing_ok=True)

    def _names(self) -> list[str]:
        """Return the names of the card files in the cache (no Path each: thousands)."""
        return sorted(
            name for name in os.listdir(self.folder) if os.path.splitext(name)[1] in _SUFFIXES
        )

    def _draw(self, specs: list[CardSpec]) -> list[tuple[str, str]]:
        """Draw ``specs`` here, helped by worker processes when CPUs are idle.

        This process draws too, taking the next card from the same counter as the
        workers: a worker still starting (or never scheduled on a busy machine)
        takes nothing, so the drawing never waits for it and is never slower than
        one process alone. Workers start only for CPUs that the load leaves free.
        """
        if self.workers is not None:
            helpers = self.workers - 1
        elif len(specs) >= PARALLEL_FROM:
            helpers = _spare_cpus(os.cpu_count() or 1)
        else:
            helpers = 0
        if helpers == 0:
            return [draw_into(spec, self.folder) for spec in specs]
        # "spawn": Pelican's process may hold threads and locks that fork would copy.
        context = get_context("spawn")
        counter = context.Value("i", 0)  # the next card to draw; its lock guards it
        busy = context.Array("b", helpers)  # a worker drawing a card right now
        workers = [
            context.Process(target=_help, args=(specs, self.folder, counter, busy, index))
            for index in range(helpers)
        ]
        for worker in workers:
            worker.start()
        try:
            while (index := _take(counter, len(specs))) is not None:
                draw_into(specs[index], self.folder)
        finally:
            _stop(workers, counter, busy, len(specs))
        return [_drawn(self.folder, spec) for spec in specs]

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
