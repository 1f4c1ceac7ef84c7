"""Write a palette image as a PNG, compressing the bands of rows that cards share only once.

Cards of one brand differ only in their middle rows (the item's text): the top
(background, labels) and the footer (stripe, logo, name) are the same on hundreds of
cards. Deflate, which is most of a card's cost, is run on each band of rows on its
own, and the compressed bytes of a band seen on a recent card are reused (compared
byte for byte, never by hash). Each band is compressed with a fresh run-length
compressor and ends byte-aligned, so the bands join into one valid zlib stream
whatever their order; the checksum of the whole is combined from the bands'.
Pillow reads the result like any PNG; the pixels are exactly the image's.
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The run-length strategy: flat colours compress well and three times faster than the
# default strategy (measured with bench/bench_cards.py); its output barely changes
# with the level.
_STRATEGY = zlib.Z_RLE
_RECENT = 8  # bands kept per position, most recent first
_ADLER_BASE = 65521
_recent: dict[tuple[int, bool], list[tuple[bytes, bytes, int]]] = {}


def encode_png(image: Image.Image, bands: tuple[int, ...]) -> bytes:
    """Return ``image`` (mode ``P``, 8 bits) as PNG bytes, without metadata.

    Args:
        image: the palette image.
        bands: the first row of each band, in increasing order (0 first); the rows
            of a band are compressed together and reused when a recent image had
            the very same rows at the same place.
    """
    width, height = image.size
    # Each row starts with its filter type, 0 (none): the image one column wider.
    filtered = Image.new("P", (width + 1, height))
    filtered.paste(image, (1, 0))  # palette to palette: the indices, as they are
    data, stride = filtered.tobytes(), width + 1
    starts = [row for row in bands if 0 <= row < height] or [0]
    ends = [*starts[1:], height]
    stream = bytearray(b"\x78\x01")
    checksum = 1
    for index, (first, last) in enumerate(zip(starts, ends, strict=True)):
        rows = data[first * stride : last * stride]
        compressed, adler = _band(rows, index, last == height)
        stream += compressed
        checksum = _adler_combine(checksum, adler, len(rows))
    stream += struct.pack(">I", checksum)
    palette = bytes(image.getpalette() or [0, 0, 0])
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", palette)
        + _chunk(b"IDAT", bytes(stream))
        + _chunk(b"IEND", b"")
    )


def forget() -> None:
    """Forget the recent bands (their memory is freed)."""
    _recent.clear()


def _band(rows: bytes, index: int, final: bool) -> tuple[bytes, int]:
    """Return the raw deflate bytes of one band and its Adler-32, from recent bands if seen."""
    recent = _recent.setdefault((index, final), [])
    for position, (seen, compressed, adler) in enumerate(recent):
        if seen == rows:  # a byte comparison stops at the first difference
            recent.insert(0, recent.pop(position))
            return compressed, adler
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, _STRATEGY)
    flush = zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH
    compressed = compressor.compress(rows) + compressor.flush(flush)
    adler = zlib.adler32(rows)
    recent.insert(0, (rows, compressed, adler))
    del recent[_RECENT:]
    return compressed, adler


def _adler_combine(first: int, second: int, length: int) -> int:
    """Return the Adler-32 of two byte strings joined, from each one's (zlib's adler32_combine)."""
    remainder = length % _ADLER_BASE
    low = first & 0xFFFF
    high = (remainder * low) % _ADLER_BASE
    low = (low + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    high = (high + (first >> 16) + (second >> 16) + _ADLER_BASE - remainder) % _ADLER_BASE
    return low | (high << 16)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
