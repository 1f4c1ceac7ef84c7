"""Split a content file into its header and its Markdown body, with the line of every key.

Front matter is split with python-frontmatter's handlers and parsed so that the line
of every key is known. A file without front matter falls back to Pelican's native
``Key: value`` header. Reading never raises for a volunteer's mistake: problems travel
with the result (:class:`SourceHeader`) and the content step reports them.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from assosite.config.site import find_key_lines
from assosite.problems.catalogue import N_
from assosite.problems.report import Problem, make_problem


@dataclass(frozen=True, slots=True)
class SourceHeader:
    """What the reader found in one file, before any validation.

    Attributes:
        path: the file, relative to the site folder.
        fields: the header's values as written (YAML/TOML types, or strings).
        lines: the 1-based line of each key (nested keys as ``location.name``).
        texts: the text exactly as typed for YAML scalars (``Non`` stays ``Non``).
        fmt: ``yaml``, ``toml``, ``pelican`` (native ``Key: value``) or ``none``.
        problems: what went wrong while reading.
        body: the Markdown text under the header (the editorial rules read it).
        body_line: the line of the file where ``body`` starts.
    """

    path: str
    fields: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    fmt: str = "none"
    problems: tuple[Problem, ...] = ()
    body: str = ""
    body_line: int = 1

    def line(self, key: str) -> int:
        """Return the line of ``key``, or 1 (the header's start) when it is absent."""
        return self.lines.get(key, 1)


# libyaml's loader when PyYAML was built with it (about ten times faster), else Python's.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineYAMLHandler(frontmatter.YAMLHandler):
    """YAML front matter that also keeps each key's line and typed text."""

    def load_with_lines(
        self, fm: str, offset: int
    ) -> tuple[Any, dict[str, int], dict[str, str], list[tuple[str, int, int]]]:
        loader = _SAFE_LOADER(fm)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_aliases(node)
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
        lines: dict[str, int] = {}
        texts: dict[str, str] = {}
        duplicates: list[tuple[str, int, int]] = []
        if isinstance(node, yaml.MappingNode):
            _walk_mapping(node, "", offset, lines=lines, texts=texts, duplicates=duplicates)
        return data, lines, texts, duplicates


MOST_VALUES = 10_000  # values a header may hold once its YAML aliases are expanded


class AliasError(yaml.MarkedYAMLError):
    """A YAML alias that contains itself, or aliases that expand to too many values."""


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a self-containing alias or an alias bomb before anything is built from it.

    The node graph is walked as the values would be expanded, counting them, so that a
    few lines of ``&a``/``*a`` cost at most :data:`MOST_VALUES` steps.

    Raises:
        AliasError: at the node where it happens.
    """
    count = 0
    stack: list[tuple[yaml.Node, tuple[int, ...]]] = [(root, ())]
    while stack:
        node, ancestors = stack.pop()
        count += 1
        if id(node) in ancestors or count > MOST_VALUES:
            raise AliasError(problem="alias", problem_mark=node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            continue
        inside = (*ancestors, id(node))
        stack.extend((child, inside) for child in children)


def _walk_mapping(
    node: yaml.MappingNode,
    prefix: str,
    offset: int,
    *,
    lines: dict[str, int],
    texts: dict[str, str],
    duplicates: list[tuple[str, int, int]],
) -> None:
    for key_node, value_node in node.value:
        key = f"{prefix}{key_node.value}"
        line = key_node.start_mark.line + offset
        if key in lines:
            duplicates.append((key, line, lines[key]))
        lines[key] = line
        if isinstance(value_node, yaml.ScalarNode):
            texts[key] = value_node.value
        elif isinstance(value_node, yaml.MappingNode):
            _walk_mapping(
                value_node, f"{key}.", offset, lines=lines, texts=texts, duplicates=duplicates
            )
        elif isinstance(value_node, yaml.SequenceNode):
            # Each entry of a list has its line too (``repeat.except.1``).
            for index, entry in enumerate(value_node.value):
                lines.setdefault(f"{key}.{index}", entry.start_mark.line + offset)
                if isinstance(entry, yaml.ScalarNode):
                    texts.setdefault(f"{key}.{index}", entry.value)


class _TOMLHandler(frontmatter.default_handlers.BaseHandler):
    """TOML front matter between ``+++`` lines, parsed with the standard library."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


_YAML = _LineYAMLHandler()
_TOML = _TOMLHandler()


# Characters XML (pages, feeds) cannot carry: C0 controls but tab and new line, and
# the two non-characters; a form feed or an escape copied from a PDF is one of them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode_source(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8 (with or without BOM) and normalise line endings.

    Returns:
        The text (None when it is not UTF-8) and the problems.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        detail = f"octet {raw[exc.start]:#04x}"
        return None, [make_problem("AS224", path, line, detail=detail)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CONTROL.search(text):
        return text, []
    line = text.count("\n", 0, _CONTROL.search(text).start()) + 1
    count = len(_CONTROL.findall(text))
    return _CONTROL.sub("", text), [make_problem("AS244", path, line, count=count)]


def split_source(text: str, path: str) -> tuple[SourceHeader, str, int]:
    r"""Split a decoded file into its header and its Markdown body.

    Args:
        text: the file's text, with ``\\n`` line endings.
        path: the file relative to the site folder, for problems.

    Returns:
        The header, the body, and the 1-based line where the body starts.
    """
    if not text.strip():
        return SourceHeader(path, problems=(make_problem("AS212", path, 0),)), "", 1
    stripped = text.lstrip("\n")
    skipped = len(text) - len(stripped)
    for handler, fmt in ((_YAML, "yaml"), (_TOML, "toml")):
        if handler.detect(stripped):
            return _split_front_matter(handler, fmt, stripped, skipped, path)
    return _native_header(text, path)


def _split_front_matter(
    handler: Any, fmt: str, text: str, skipped: int, path: str
) -> tuple[SourceHeader, str, int]:
    fences = list(handler.FM_BOUNDARY.finditer(text))
    if len(fences) < 2:
        problem = make_problem("AS222", path, skipped + 1, fence=handler.START_DELIMITER)
        return SourceHeader(path, fmt=fmt, problems=(problem,)), "", 1
    # The same split as the handler's, with lines counted on the text itself: the
    # fence pattern (``^-{3,}\s*$``) may swallow the blank lines that follow it.
    opening, closing = fences[0], fences[1]
    fm, body = text[opening.end() : closing.start()], text[closing.end() :]
    offset = skipped + text.count("\n", 0, opening.end()) + 1
    body_line = skipped + text.count("\n", 0, closing.end()) + 1
    header = _parse_yaml(fm, offset, path) if fmt == "yaml" else _parse_toml(fm, offset, path)
    return header, body, body_line


def _parse_yaml(fm: str, offset: int, path: str) -> SourceHeader:
    try:
        data, lines, texts, duplicates = _YAML.load_with_lines(fm, offset)
    except yaml.MarkedYAMLError as exc:
        return SourceHeader(path, fmt="yaml", problems=(_yaml_problem(exc, fm, offset, path),))
    except yaml.YAMLError as exc:  # errors without a position
        problem = make_problem("AS201", path, offset, detail=str(exc))
        return SourceHeader(path, fmt="yaml", problems=(problem,))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problem = make_problem("AS226", path, offset + 1)
        return SourceHeader(path, fmt="yaml", problems=(problem,))
    problems = tuple(
        make_problem("AS223", path, line, key=key, other=other) for key, line, other in duplicates
    )
    fields = {str(k).lower(): v for k, v in data.items()}
    lines = {k.lower(): v for k, v in lines.items()}
    texts = {k.lower(): v for k, v in texts.items()}
    return SourceHeader(path, fields, lines, texts, "yaml", problems)


def _yaml_problem(exc: yaml.MarkedYAMLError, fm: str, offset: int, path: str) -> Problem:
    if isinstance(exc, AliasError):
        line = offset + (exc.problem_mark.line if exc.problem_mark else 0)
        return make_problem("AS245", path, line, limit=MOST_VALUES)
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in str(exc.problem):
        mark = exc.context_mark  # an unclosed quote: point where it opens
    line = (mark.line + offset) if mark else offset
    fm_lines = fm.split("\n")
    text_line = fm_lines[mark.line] if mark and mark.line < len(fm_lines) else ""
    if "\t" in text_line or "'\\t'" in str(exc.problem):
        return make_problem("AS221", path, line)
    if "mapping values are not allowed" in str(exc.problem) and ":" in text_line:
        key, _, value = text_line.partition(":")
        quoted = value.strip().replace('"', '\\"')
        return make_problem(
            "AS227", path, line, key=key.strip(), example=f'{key.strip()}: "{quoted}"'
        )
    detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    return make_problem("AS201", path, line, detail=_yaml_detail(detail))


# PyYAML's words for the usual mistakes, said for a volunteer (French, translated when
# the message is shown); any other detail is PyYAML's own.
_YAML_WORDS = {
    "mapping values are not allowed here": N_(
        "un « : » de trop sur la ligne (mettez la valeur entre guillemets)"
    ),
    "could not find expected ':'": N_("il manque « : » après le nom de l'information"),
    "found unexpected end of stream": N_("un guillemet ou un crochet n'est pas fermé"),
    "found undefined alias": N_("un « * » en début de valeur (mettez la valeur entre guillemets)"),
    "expected <block end>, but found": N_("l'indentation n'est pas régulière"),
}


def _yaml_detail(detail: str) -> str:
    for english, french in _YAML_WORDS.items():
        if english in detail:
            return french
    return detail


def _parse_toml(fm: str, offset: int, path: str) -> SourceHeader:
    try:
        data = _TOML.load(fm)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        line = offset + int(match.group(1)) - 1 if match else offset
        detail = re.sub(r"\s*\(at .*?\)", "", str(exc))
        problem = make_problem("AS201", path, line, detail=detail)
        return SourceHeader(path, fmt="toml", problems=(problem,))
    lines = {
        ".".join(key).lower(): offset + number - 1 for key, number in find_key_lines(fm).items()
    }
    fields = {k.lower(): v for k, v in data.items()}
    return SourceHeader(path, fields, lines, {}, "toml")


_NATIVE_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_NATIVE_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")


def _native_header(text: str, path: str) -> tuple[SourceHeader, str, int]:
    """Read Pelican's ``Key: value`` header (as Markdown's meta extension does)."""
    fields: dict[str, Any] = {}
    lines: dict[str, int] = {}
    text_lines = text.split("\n")
    key = ""
    number = 0
    for number, line in enumerate(text_lines, start=1):
        if not line.strip():
            break
        if match := _NATIVE_KEY.match(line):
            key = match.group("key").lower()
            fields[key] = match.group("value").strip()
            lines[key] = number
        elif key and (more := _NATIVE_MORE.match(line)):
            fields[key] = f"{fields[key]} {more.group('value').strip()}".strip()
        else:
            return SourceHeader(path, fmt="none"), text, 1
    else:
        number += 1
    if not fields:
        return SourceHeader(path, fmt="none"), text, 1
    body = "\n".join(text_lines[number:])
    return SourceHeader(path, fields, lines, {}, "pelican"), body, number + 1


def read_header(raw: bytes, path: str) -> tuple[SourceHeader, str, int]:
    """Decode and split one file: its header (with its body), the body, the body's line."""
    text, problems = decode_source(raw, path)
    if text is None:
        return SourceHeader(path, problems=tuple(problems)), "", 1
    header, body, body_line = split_source(text, path)
    problems = (*problems, *header.problems)
    return (
        dataclasses.replace(header, body=body, body_line=body_line, problems=problems),
        body,
        body_line,
    )


def site_relative(root: Path, source_path: str | Path) -> str:
    """Return ``source_path`` relative to the site folder, with ``/`` separators."""
    source = Path(source_path)
    if source.is_absolute() and source.is_relative_to(root):  # Pelican's usual case
        return source.relative_to(root).as_posix()
    try:
        return source.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return source.as_posix()
