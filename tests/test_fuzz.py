"""Fuzzing the reader: generated files go through header, fields and the typed item.

Hypothesis builds front matter from the real grammar (YAML and TOML keys of each kind,
their edge values: dates at the limits, time zones, deep nesting, aliases, huge and
empty values, control characters, BOM, CR, NUL, invalid UTF-8) and bodies with
shortcodes and HTML. Invariants: no exception escapes; every problem has a known code,
a path and a line; a file is either an item or has an error.

The CI profile runs a few hundred examples with a fixed seed (deterministic); the long
one is ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py`` (10 000 each).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assosite.problems import messages
from assosite.reading.fields import ParseContext
from assosite.reading.header import read_header
from assosite.reading.items import folder_kind, parse_item

settings.register_profile(
    "ci",
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

KEYS = [
    "title", "summary", "date", "start", "end", "location", "tags", "image", "image_alt",
    "author", "authors", "name", "role", "consent", "menu", "slug", "status", "pinned",
    "online", "registration", "price", "expires", "modified", "timezone", "lang", "draft",
    "categories", "aliases", "permalink", "layout", "datefin", "lieu", "horaire", "weight",
    "description", "excerpt", "decorative", "cancelled", "all_day",
]  # fmt: skip
EDGE_TEXT = st.sampled_from([
    "", " ", "0", "-1", "²", "9999-12-31", "0001-01-01", "2026-02-30", "2026-03-29 02:30",
    "14/03/2026 18h30", "Europe/Paris", "Mars/Olympus", "true", "null", "~", "[]", "{}",
    "javascript:alert(1)", "//evil.example", "https://exemple.fr", "mailto:a@b.c",
    "\u202egnp.exe", "\x0c\x1b", "é" * 5000, "<script>x</script>", "{{< figure >}}",
    "{% include ../../etc/passwd %}", "*a", "&a", "'", '"', ":", "- a", "\t",
])  # fmt: skip
SCALAR = st.one_of(
    EDGE_TEXT,
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=20,
)  # fmt: skip
HEADER = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), VALUE, max_size=12)
BODY = st.lists(
    st.sampled_from([
        "Un paragraphe.", "<!--more-->", "# Titre", "{{< youtube abc >}}", "{% raw %}",
        "[caption]x[/caption]", "<iframe src=x>", "![](images/absente.jpg)", "\x00", "\r\n",
        "{static}/../../secret", "[lien](javascript:x)",
    ]) | st.text(max_size=30),
    max_size=8,
).map("\n".join)  # fmt: skip
FOLDERS = st.sampled_from(
    ["news/2026-03-01-x.md", "events/x.md", "testimonies/x.md", "pages/x.md", "autre/x.md"]
)


def _yaml(fields: dict) -> str:
    # JSON is YAML: every generated value is written, nothing lost by a YAML emitter.
    return "\n".join(
        f"{json.dumps(str(k))}: {json.dumps(v, default=str)}" for k, v in fields.items()
    )


def _check(path: str, raw: bytes, tmp_path: Path) -> None:
    header, _, _ = read_header(raw, path)
    kind = folder_kind(path.removeprefix("content/"))
    ctx = ParseContext(content_path=tmp_path / "content", now=NOW)
    item, problems = parse_item(header, kind, ctx)
    for problem in problems:
        assert problem.code in messages.CATALOGUE, problem
        assert problem.path == path, problem
        assert isinstance(problem.line, int) and problem.line >= 0, problem
        problem.message("fr"), problem.message("en")  # every message renders
    if item is None and kind is not None and header.fields.get("status") != "skip":
        assert problems, "a file that is not published says why"


@given(folder=FOLDERS, fields=HEADER, body=BODY)
def test_generated_yaml_files_never_crash_the_reader(tmp_path_factory, folder, fields, body):
    """JSON-written YAML headers of any shape, any body."""
    tmp_path = tmp_path_factory.getbasetemp()
    raw = f"---\n{_yaml(fields)}\n---\n{body}\n".encode("utf-8", "surrogatepass")
    _check(f"content/{folder}", raw, tmp_path)


PREFIXES = st.sampled_from([b"", b"\xef\xbb\xbf", b"---\n", b"+++\n", b"Title: "])


@given(folder=FOLDERS, raw=st.binary(max_size=400), prefix=PREFIXES)
def test_arbitrary_bytes_never_crash_the_reader(tmp_path_factory, folder, raw, prefix):
    """Invalid UTF-8, NUL, CR, BOM, half headers: problems, never exceptions."""
    _check(f"content/{folder}", prefix + raw, tmp_path_factory.getbasetemp())


@given(
    folder=FOLDERS,
    depth=st.integers(min_value=1, max_value=60),
    fan=st.integers(min_value=1, max_value=12),
)
def test_deep_nesting_and_alias_chains_are_bounded(tmp_path_factory, folder, depth, fan):
    """Nested lists and chains of aliases (bombs included) end as a problem, quickly."""
    nested = "[" * depth + "x" + "]" * depth
    chain = ["a0: &a0 [x, x]"]
    chain += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]" for i in range(1, 10)]
    raw = f"---\ntitle: T\nsummary: S.\ntags: {nested}\n" + "\n".join(chain) + "\n---\nT.\n"
    _check(f"content/{folder}", raw.encode(), tmp_path_factory.getbasetemp())


@pytest.mark.parametrize("toml", [True])
@given(folder=FOLDERS, fields=st.dictionaries(st.sampled_from(KEYS), EDGE_TEXT, max_size=8))
def test_generated_toml_files_never_crash_the_reader(tmp_path_factory, toml, folder, fields):
    """TOML headers with edge values."""
    lines = "\n".join(f"{k} = {json.dumps(v)}" for k, v in fields.items())
    raw = f"+++\n{lines}\n+++\nTexte.\n".encode()
    _check(f"content/{folder}", raw, tmp_path_factory.getbasetemp())
