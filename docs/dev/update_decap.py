"""Fetch one exact version of Decap CMS from npm into ``assosite/cms/decap/``.

Usage: python docs/dev/update_decap.py 3.16.3

The tarball is checked against the sha512 integrity npm publishes for it, then only
what the admin page loads is kept (``decap-cms.js``, its chunks and WebAssembly files,
no source maps), with ``SHA256SUMS`` listing every file: ``tests/test_cms.py`` checks
the shipped files against it, and ``assosite/cms/admin.py`` reads the version from it.
Commit the folder; review the CHANGELOG of the new version first.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

TARGET = Path(__file__).resolve().parents[2] / "assosite" / "cms" / "decap"
REGISTRY = "https://registry.npmjs.org/decap-cms/"
KEEP = re.compile(r"^package/dist/((\d+\.)?decap-cms\.js|[0-9a-f]{20}\.wasm)$")
LICENCE = """\
Decap CMS {version} (https://decapcms.org), from the npm package decap-cms, is distributed
under the MIT License:

Copyright (c) 2016 Netlify, Inc. and the Decap CMS contributors

Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
"""


def main(version: str) -> None:
    """Download, verify and unpack decap-cms ``version`` into the package."""
    with urllib.request.urlopen(REGISTRY + version, timeout=60) as answer:
        dist = json.load(answer)["dist"]
    with urllib.request.urlopen(dist["tarball"], timeout=300) as answer:
        tarball = answer.read()
    algorithm, expected = dist["integrity"].split("-", 1)
    if algorithm != "sha512" or base64.b64encode(hashlib.sha512(tarball).digest()).decode() != (
        expected
    ):
        sys.exit(f"decap-cms {version}: the tarball does not match npm's integrity")
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    sums = []
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            match = KEEP.match(member.name)
            if not match or not member.isfile():
                continue
            data = archive.extractfile(member).read()  # type: ignore[union-attr]
            (TARGET / match.group(1)).write_bytes(data)
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {match.group(1)}")
    (TARGET / "LICENSE").write_text(LICENCE.format(version=version), encoding="utf-8")
    (TARGET / "SHA256SUMS").write_text(
        f"# decap-cms {version}\n" + "\n".join(sums) + "\n", encoding="utf-8"
    )
    sys.stdout.write(f"decap-cms {version}: {len(sums)} files in {TARGET}\n")


if __name__ == "__main__":
    main(sys.argv[1])
