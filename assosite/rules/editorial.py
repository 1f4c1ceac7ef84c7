"""Editorial rules over all published items: one small function per rule, each → Findings.

Rules read the typed item and the file's Markdown (for lines), never the written HTML
files, so ``assosite check`` and ``assosite build`` report the same findings. Each
rule has a stable code (AS3xx), a default severity from the message catalogue, and
thresholds in ``[editorial]``; ``[editorial.severity]`` changes a rule's severity or
turns it ``off``. The guide for volunteers is docs/guide-editorial.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from assosite.cache.results import ResultCache, cache_key
from assosite.config.site import EditorialSection
from assosite.model.urls import slugify
from assosite.problems import messages
from assosite.problems.report import Problem, Severity
from assosite.rules.readability import analyse, sentence_words


@dataclass(frozen=True, slots=True)
class Document:
    """One published item with what the rules need to point at lines.

    Attributes:
        item: the typed item.
        header: the reader's result (key lines, Markdown body and its first line).
        text: the item's text without markup (for counts).
    """

    item: Any
    header: Any
    text: str

    def line(self, key: str) -> int:
        """Return the line of ``key`` in the file (1, the header, when absent)."""
        return self.header.line(key)

    def body_lines(self) -> Iterator[tuple[int, str]]:
        """Yield (line, text) of the Markdown body, outside fenced code blocks."""
        fenced = False
        for index, text in enumerate(self.header.body.split("\n")):
            if text.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
                continue
            if not fenced:
                yield self.header.body_line + index, text


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found: its code, where, and the values for the message."""

    code: str
    path: str
    line: int
    params: dict[str, Any]


def _at(doc: Document, code: str, at: str, **params: Any) -> Finding:
    return Finding(code, doc.item.source, doc.line(at), params)


# -- rules on one item ----------------------------------------------------------------


def title_length(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS301: a title longer than ``title_max_length`` characters."""
    if cfg.title_max_length and len(doc.item.title) > cfg.title_max_length:
        yield _at(doc, "AS301", "title", length=len(doc.item.title), limit=cfg.title_max_length)


def summary_length(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS302: a summary longer than ``summary_max_length`` characters."""
    if cfg.summary_max_length and len(doc.item.summary) > cfg.summary_max_length:
        yield _at(
            doc, "AS302", "summary", length=len(doc.item.summary), limit=cfg.summary_max_length
        )


def word_budget(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS303: a text over its type's word budget (news 500, event 300, testimony 200)."""
    budget = getattr(cfg, f"words_{doc.item.kind}", 0)
    count = analyse(doc.text).words
    if budget and count > budget:
        yield Finding(
            "AS303", doc.item.source, doc.header.body_line + 1, {"words": count, "limit": budget}
        )


def _paragraphs(doc: Document) -> Iterator[tuple[int, str]]:
    """Yield (first line, text) of each paragraph, links reduced to their text."""
    start, lines = 0, []
    for number, text in [*doc.body_lines(), (0, "")]:
        if text.strip() and not text.lstrip().startswith(("#", "|", ">", "<")):
            start = start or number
            lines.append(_LINK.sub(r"\1", text))
        elif lines:
            yield start, " ".join(lines)
            start, lines = 0, []


def long_sentences(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS304: a sentence of more than ``sentence_max_words`` words."""
    if not cfg.sentence_max_words:
        return
    for line, paragraph in _paragraphs(doc):
        for sentence, its_words in sentence_words(paragraph):
            count = len(its_words)
            if count > cfg.sentence_max_words:
                yield Finding(
                    "AS304",
                    doc.item.source,
                    line,
                    {
                        "words": count,
                        "limit": cfg.sentence_max_words,
                        "start": " ".join(sentence.split()[:6]) + " …",
                    },
                )


def readability(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS305: a Kandel & Moles reading ease under ``readability_min`` (texts of 50+ words)."""
    stats = analyse(doc.text)
    if stats.words >= 50 and stats.score < cfg.readability_min:
        yield Finding(
            "AS305",
            doc.item.source,
            doc.header.body_line + 1,
            {"score": round(stats.score), "limit": cfg.readability_min},
        )


def capital_title(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS306: a title written in capitals."""
    letters = [c for c in doc.item.title if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        yield _at(doc, "AS306", "title", value=doc.item.title)


def _emoji(text: str) -> int:
    return sum(1 for c in text if ord(c) >= 0x1F000 or 0x2600 <= ord(c) <= 0x27BF)


def shouting(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS307: piles of exclamation marks (!!) or of emoji (more than 2) in a title or summary."""
    for key in ("title", "summary"):
        text = getattr(doc.item, key)
        if "!!" in text.replace(" ", "") or _emoji(text) > 2:
            yield _at(doc, "AS307", key, key=key, value=text)


_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(<\"'=\]])\bhttps?://[^\s)>\]]+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")
VAGUE_LINKS = {
    "ici",
    "cliquez ici",
    "clique ici",
    "cliquer ici",
    "en savoir plus",
    "lire la suite",
    "la suite",
    "plus",
    "lien",
    "ce lien",
    "voir",
    "voir ici",
    "click here",
    "here",
    "read more",
    "more",
    "link",
}


def vague_links(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS308: a link whose text does not say where it leads (« cliquez ici », a bare URL)."""
    for line, text in doc.body_lines():
        if "](" not in text and "http" not in text:
            continue  # no link on this line (most lines): skip the patterns
        for label, _ in _LINK.findall(text):
            clean = label.strip().strip(".!:…").lower()
            if clean in VAGUE_LINKS or clean.startswith(("http://", "https://", "www.")):
                yield Finding("AS308", doc.item.source, line, {"value": label.strip()})
        for url in [*_AUTOLINK.findall(text), *_BARE_URL.findall(_LINK.sub("", text))]:
            yield Finding("AS308", doc.item.source, line, {"value": url})


_FILE_NAME = re.compile(
    r"(\.(jpe?g|png|gif|webp|svg|avif)$)|^(img|dsc|pxl|image|photo)[_-]?\d+", re.IGNORECASE
)
MEANINGLESS_ALT = {
    "image",
    "photo",
    "img",
    "illustration",
    "picture",
    "logo",
    "visuel",
    "sans titre",
    "untitled",
    "alt",
    "texte alternatif",
}


def _meaningless(alt: str) -> bool:
    clean = alt.strip().lower()
    return clean in MEANINGLESS_ALT or bool(_FILE_NAME.search(clean))


def meaningless_alt(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS309: an image text alternative that says nothing (« image », a file name)."""
    for key in ("image_alt", "photo_alt"):
        alt = getattr(doc.item, key, "")
        if alt and _meaningless(alt):
            yield _at(doc, "AS309", key, value=alt)
    for line, text in doc.body_lines():
        for alt, _ in _IMAGE.findall(text):
            if alt and _meaningless(alt):
                yield Finding("AS309", doc.item.source, line, {"value": alt})


def headings(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS310: a level-1 heading in the text, or a skipped heading level."""
    previous = 1  # the page title is the only h1
    for line, text in doc.body_lines():
        match = re.match(r"^(#{1,6})\s+\S", text)
        if not match:
            continue
        level = len(match.group(1))
        if level == 1 or level > previous + 1:
            yield Finding(
                "AS310",
                doc.item.source,
                line,
                {"level": level, "expected": min(previous + 1, 2) if level == 1 else previous + 1},
            )
        previous = level


def too_many_tags(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS311: more than ``max_tags`` tags."""
    if cfg.max_tags and len(doc.item.tags) > cfg.max_tags:
        yield _at(doc, "AS311", "tags", count=len(doc.item.tags), limit=cfg.max_tags)


def no_place(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS317: an event with neither a place nor an online link."""
    item = doc.item
    if item.kind == "event" and item.location is None and not item.online:
        yield Finding("AS317", item.source, 1, {})


def pinned_past_event(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS318: an event that is over but still pinned."""
    item = doc.item
    if item.kind == "event" and item.pinned and item.is_past(now):
        yield _at(doc, "AS318", "pinned")


def consent_ending(doc: Document, cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS319: a testimony whose consent ends within ``consent_warning_days`` days."""
    item = doc.item
    ends = getattr(item, "consent_expires", None)
    if item.kind == "testimony" and ends is not None:
        days = (ends - now.date()).days
        if 0 < days <= cfg.consent_warning_days:
            yield _at(doc, "AS319", "consent_expires", value=ends.isoformat(), days=days)


ITEM_RULES: tuple[Callable[[Document, EditorialSection, dt.datetime], Iterator[Finding]], ...] = (
    title_length, summary_length, word_budget, long_sentences, readability, capital_title,
    shouting, vague_links, meaningless_alt, headings, too_many_tags, no_place,
    pinned_past_event, consent_ending,
)  # fmt: skip
# Rules that read the clock; the others depend on the item and its text alone, so
# their findings can be kept from one build to the next (see ``run``'s cache).
TIMED_RULES = (pinned_past_event, consent_ending)


# -- rules over the whole site --------------------------------------------------------


def tags_across_site(
    docs: list[Document], cfg: EditorialSection, now: dt.datetime
) -> Iterator[Finding]:
    """AS312: a tag used only once; AS313: one tag written several ways (Fête / fete)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for tag in doc.item.tags:
            spellings[slugify(tag)][tag] += 1
    for doc in docs:
        for tag in doc.item.tags:
            variants = spellings[slugify(tag)]
            usual = variants.most_common(1)[0][0]
            if sum(variants.values()) == 1:
                yield _at(doc, "AS312", "tags", value=tag)
            elif tag != usual:
                yield _at(doc, "AS313", "tags", value=tag, other=usual)


def _normalised(title: str) -> str:
    text = unicodedata.normalize("NFKD", title.casefold())
    return " ".join("".join(c for c in text if c.isalnum() or c.isspace()).split())


_DIGITS = re.compile(r"\d+")


_ENDS = 2  # titles are compared when they begin or end with these many same words
_RECENT = 64  # the latest titles of one beginning or ending that a title is compared with


@dataclass(frozen=True, slots=True)
class _Title:
    """A title as the similar-titles rule compares it."""

    text: str
    undated: str
    letters: Counter[str]
    doc: Document


def similar_titles(
    docs: list[Document], cfg: EditorialSection, now: dt.datetime
) -> Iterator[Finding]:
    """AS314: two items with the same or nearly the same title.

    A title is compared with the earlier ones (in file order) that are the same, or
    that begin or end with the same two words (the latest 64 of each), so the rule
    grows linearly with the number of items: a near copy keeps one end intact.
    """
    same: dict[str, Document] = {}
    ends: dict[str, list[_Title]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d.item.source):
        text = _normalised(doc.item.title)
        title = _Title(text, _DIGITS.sub("", text), Counter(text), doc)
        words = text.split(" ")
        keys = ("<" + " ".join(words[:_ENDS]), ">" + " ".join(words[-_ENDS:]))
        other = same.get(text) or _near_copy(title, [ends[key][-_RECENT:] for key in keys])
        if other is not None:
            yield _at(doc, "AS314", "title", other=other.item.source)
        same.setdefault(text, doc)
        for key in dict.fromkeys(keys):
            ends[key].append(title)


def _near_copy(title: _Title, groups: list[list[_Title]]) -> Document | None:
    """Return the first earlier item whose title is nearly ``title`` (ratio ≥ 0.9), or None."""
    matcher = None
    size = len(title.text)
    seen: set[int] = set()
    for other in sorted((o for group in groups for o in group), key=lambda o: o.doc.item.source):
        if id(other) in seen or other.undated == title.undated:
            continue  # « Fête de quartier 2025 » and « … 2027 »: a series, not a copy
        seen.add(id(other))
        total = size + len(other.text)
        if 2 * min(size, len(other.text)) < 0.9 * total:
            continue  # lengths too far apart for a ratio of 0.9
        # SequenceMatcher.quick_ratio's upper bound, with Counter's C code
        if 2 * sum((title.letters & other.letters).values()) < 0.9 * total:
            continue
        if matcher is None:  # b is indexed once, and only for a title that may match
            matcher = difflib.SequenceMatcher(None, b=title.text)
        matcher.set_seq1(other.text)
        if matcher.ratio() >= 0.9:
            return other.doc
    return None


def rhythm(docs: list[Document], cfg: EditorialSection, now: dt.datetime) -> Iterator[Finding]:
    """AS315: more than ``news_per_week`` news items published within 7 days."""
    news = sorted((d for d in docs if d.item.kind == "news"), key=lambda d: d.item.date)
    first = 0  # the oldest news item less than 7 days before the current one
    for index, doc in enumerate(news):
        while doc.item.date - news[first].item.date >= dt.timedelta(days=7):
            first += 1
        count = index + 1 - first
        if cfg.news_per_week and count > cfg.news_per_week:
            yield _at(doc, "AS315", "date", count=count, limit=cfg.news_per_week)


def stale_content(
    docs: list[Document], cfg: EditorialSection, now: dt.datetime
) -> Iterator[Finding]:
    """AS316: no news for ``stale_news_months``; AS320: a page not reviewed for long."""
    news = [d.item.date for d in docs if d.item.kind == "news"]
    if news and cfg.stale_news_months:
        last = max(news)
        if now - last > dt.timedelta(days=round(30.44 * cfg.stale_news_months)):
            yield Finding(
                "AS316",
                "content/news",
                0,
                {"value": last.date().isoformat(), "months": cfg.stale_news_months},
            )
    for doc in docs:
        reviewed = doc.item.modified or doc.item.date
        if doc.item.kind != "page" or reviewed is None or not cfg.stale_page_months:
            continue
        if now - reviewed > dt.timedelta(days=round(30.44 * cfg.stale_page_months)):
            yield _at(
                doc,
                "AS320",
                "modified" if doc.item.modified else "date",
                value=reviewed.date().isoformat(),
                months=cfg.stale_page_months,
            )


SITE_RULES: tuple[
    Callable[[list[Document], EditorialSection, dt.datetime], Iterator[Finding]], ...
] = (tags_across_site, similar_titles, rhythm, stale_content)


def run(
    docs: Iterable[Document],
    settings: EditorialSection,
    now: dt.datetime,
    cache: ResultCache | None = None,
    kept: Callable[..., Any] | None = None,
) -> list[Problem]:
    """Apply every rule to every published item and to the site as a whole.

    Args:
        docs: the published items with their files' lines.
        settings: the ``[editorial]`` thresholds and severities.
        now: the build's reference instant.
        cache: findings of earlier builds, by item and text (the rules that read the
            clock always run).
        kept: ``kept(kind, source, compute)``, a preview's memory of what was computed
            from the very same document in its last build (its cache key).

    Returns:
        The problems, with the severity chosen in ``[editorial.severity]`` (rules set
        to ``off`` give none).
    """
    docs = list(docs)
    findings = []
    for doc in docs:
        findings += _text_findings(doc, settings, now, cache, kept)
        findings += [f for rule in TIMED_RULES for f in rule(doc, settings, now)]
    for rule in SITE_RULES:
        findings += _site_findings(rule, docs, settings, now, cache)
    problems = []
    for found in findings:
        level = settings.severity.get(found.code, messages.default_severity(found.code))
        if level != "off":
            problems.append(
                Problem(found.code, Severity(level), found.path, found.line, found.params)
            )
    return problems


def _text_findings(
    doc: Document,
    settings: EditorialSection,
    now: dt.datetime,
    cache: ResultCache | None,
    kept: Callable[..., Any] | None = None,
) -> list[Finding]:
    """Return the findings of the rules that do not read the clock, from the cache if known."""
    rules = [rule for rule in ITEM_RULES if rule not in TIMED_RULES]
    if cache is None:
        return [f for rule in rules for f in rule(doc, settings, now)]
    header = doc.header

    def make_key() -> str:
        return cache_key(settings, doc.item, header.body, header.body_line, header.lines, doc.text)

    key = kept("editorial", doc, make_key) if kept is not None else make_key()
    return _cached(cache, key, lambda: [f for rule in rules for f in rule(doc, settings, now)])


def _site_findings(
    rule: Callable[[list[Document], EditorialSection, dt.datetime], Iterator[Finding]],
    docs: list[Document],
    settings: EditorialSection,
    now: dt.datetime,
    cache: ResultCache | None,
) -> list[Finding]:
    """Return a site rule's findings; those of similar titles are kept while titles are."""
    if rule is not similar_titles or cache is None:
        return list(rule(docs, settings, now))
    titles = sorted((d.item.source, d.item.title, d.line("title")) for d in docs)
    return _cached(cache, cache_key("AS314", titles), lambda: list(rule(docs, settings, now)))


def _cached(cache: ResultCache, key: str, compute: Callable[[], list[Finding]]) -> list[Finding]:
    """Return the findings stored under ``key``, or compute and store them."""
    stored = cache.get(key)
    if stored is not None:
        return [Finding(*values) for values in stored]
    found = compute()
    cache.put(key, [[f.code, f.path, f.line, f.params] for f in found])
    return found
