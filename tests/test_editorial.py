"""Editorial rules: each one triggers where it should, at the right line, and only there."""

from __future__ import annotations

import difflib
import random
from types import SimpleNamespace

import pytest
from helpers import BASE_CONFIG

from assosite.rules.editorial import Document, similar_titles
from assosite.rules.readability import analyse, syllables

W, S = "warning", "suggestion"
LONG_SENTENCE = " ".join(["mot"] * 32) + "."
HARD_SENTENCE = (
    "L'institutionnalisation incontestablement problématique des réglementations "
    "intercommunales contemporaines complexifie considérablement l'appréhension "
    "administrative des responsabilités associatives."
)
HARD_TEXT = " ".join([HARD_SENTENCE] * 6)


def news(
    title="Une actualité",
    body="Un texte court.",
    extra="",
    date="2026-11-01",
    summary="Une phrase.",
) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsummary: {summary}\n{extra}---\n\n{body}\n"


def event(extra="", start="2027-03-14 18:00") -> str:
    return f"---\ntitle: Fête\nsummary: Venez.\nstart: {start}\n{extra}---\n\nTexte.\n"


def md_testimony(extra="") -> str:
    return f"---\ntitle: Témoignage\ndate: 2026-10-01\nconsent: 2026-01-01\n{extra}---\n\nTexte.\n"


N = "content/news/2026-11-01-a.md"
E = "content/events/a.md"
T = "content/testimonies/a.md"
LOCATION = "location: Salle des fêtes, Lyon\n"

# rule code → (files that trigger it, expected (path, line, severity), files that do not)
CASES = {
    "AS301": ({N: news(title="Très " * 25 + "long")}, [(N, 2, W)], {N: news()}),
    "AS302": ({N: news(summary="Long " * 45)}, [(N, 4, W)], {N: news()}),
    "AS303": ({N: news(body="mot " * 520)}, [(N, 7, W)], {N: news(body="mot " * 480)}),
    "AS304": (
        {N: news(body="Début.\n\n" + LONG_SENTENCE)},
        [(N, 9, S)],
        {N: news(body="Une phrase. " * 10)},
    ),
    "AS305": (
        {N: news(body=HARD_TEXT)},
        [(N, 7, S)],
        {N: news(body="Le chat dort au jardin. Il fait beau. " * 10)},
    ),
    "AS306": (
        {N: news(title="GRANDE FÊTE DU JARDIN")},
        [(N, 2, W)],
        {N: news(title="Grande fête du jardin de l'AMAP")},
    ),
    "AS307": ({N: news(title="Fête !!!")}, [(N, 2, W)], {N: news(title="Fête !")}),
    "AS308": (
        {
            N: news(
                body="Texte.\n\nPour venir, [cliquez ici](/contact/).\n"
                "Voir https://exemple.org/plan."
            )
        },
        [(N, 9, W), (N, 10, W)],
        {N: news(body="Lisez [le plan d'accès](/contact/).")},
    ),
    "AS309": (
        {N: news(extra="image: images/photo.jpg\nimage_alt: photo.jpg\n")},
        [(N, 6, W)],
        {N: news(extra="image: images/photo.jpg\nimage_alt: Des bénévoles au jardin\n")},
    ),
    "AS310": (
        {N: news(body="# Titre\n\nTexte.\n\n#### Trop bas")},
        [(N, 7, W), (N, 11, W)],
        {N: news(body="## Partie\n\nTexte.\n\n### Sous-partie")},
    ),
    "AS311": (
        {N: news(extra="tags: [a, b, c, d, e, f]\n")},
        [(N, 5, W)],
        {N: news(extra="tags: [a, b]\n")},
    ),
    "AS312": (
        {N: news(extra="tags: [seule]\n")},
        [(N, 5, S)],
        {
            N: news(extra="tags: [jardin]\n"),
            "content/news/2026-10-01-b.md": news(
                title="Autre", extra="tags: [jardin]\n", date="2026-10-01"
            ),
        },
    ),
    "AS313": (
        {
            N: news(extra="tags: [Fête]\n"),
            "content/news/2026-10-01-b.md": news(
                title="B", extra="tags: [fete]\n", date="2026-10-01"
            ),
            "content/news/2026-09-01-c.md": news(
                title="C", extra="tags: [fete]\n", date="2026-09-01"
            ),
        },
        [(N, 5, W)],
        {
            N: news(extra="tags: [fête]\n"),
            "content/news/2026-10-01-b.md": news(
                title="B", extra="tags: [fête]\n", date="2026-10-01"
            ),
        },
    ),
    "AS314": (
        {
            N: news(title="La fête du jardin"),
            "content/news/2026-10-01-b.md": news(title="La fête du jardin !", date="2026-10-01"),
        },
        [(N, 2, W)],
        {
            N: news(title="La fête du jardin"),
            "content/news/2026-10-01-b.md": news(title="Le repair café", date="2026-10-01"),
        },
    ),
    "AS315": (
        {
            f"content/news/2026-11-0{i}-n{i}.md": news(title=f"N{i}", date=f"2026-11-0{i}")
            for i in range(1, 5)
        },
        [("content/news/2026-11-04-n4.md", 3, W)],
        {
            f"content/news/2026-11-0{i}-n{i}.md": news(title=f"N{i}", date=f"2026-11-0{i}")
            for i in range(1, 4)
        },
    ),
    "AS316": ({N: news(date="2026-06-01")}, [("content/news", 0, S)], {N: news()}),
    "AS317": ({E: event()}, [(E, 1, W)], {E: event(LOCATION)}),
    "AS318": (
        {E: event(LOCATION + "pinned: true\n", start="2026-01-01 18:00")},
        [(E, 6, W)],
        {E: event(LOCATION + "pinned: true\n")},
    ),
    "AS319": (
        {T: md_testimony("consent_expires: 2026-12-10\n")},
        [(T, 5, W)],
        {T: md_testimony("consent_expires: 2027-06-01\n")},
    ),
    "AS320": (
        {"content/pages/a.md": "---\ntitle: Page\nmodified: 2023-01-01\n---\nTexte.\n"},
        [("content/pages/a.md", 3, S)],
        {"content/pages/a.md": "---\ntitle: Page\nmodified: 2026-01-01\n---\nTexte.\n"},
    ),
}


def _found(report, code):
    return sorted((p.path, p.line, str(p.severity)) for p in report.problems if p.code == code)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers_at_the_right_line(code, make_site, check) -> None:
    """The rule reports its code, path, line and default severity."""
    files, expected, _ = CASES[code]
    assert _found(check(make_site(files)), code) == sorted(expected)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet_on_good_content(code, make_site, check) -> None:
    """The same kind of content, written well, gives nothing for that rule."""
    _, _, files = CASES[code]
    assert _found(check(make_site(files)), code) == []


def test_every_rule_of_the_catalogue_is_tested() -> None:
    """Each AS3xx code of the catalogue has a case here."""
    from assosite.problems import messages  # noqa: PLC0415

    assert {c for c in messages.CATALOGUE if c.startswith("AS3")} == set(CASES)


def test_severity_can_be_changed_or_turned_off(make_site, check) -> None:
    """[editorial.severity] raises a rule to error or turns it off."""
    files, _, _ = CASES["AS306"]
    strict = BASE_CONFIG + '[editorial.severity]\nAS306 = "error"\nAS307 = "off"\n'
    report = check(
        make_site(
            {**files, "content/news/2026-10-01-b.md": news(title="Fête !!!", date="2026-10-01")},
            config=strict,
        )
    )
    assert _found(report, "AS306") == [(N, 2, "error")]
    assert _found(report, "AS307") == []


def test_thresholds_come_from_the_configuration(make_site, check) -> None:
    """[editorial] words_news lowers the word budget."""
    config = BASE_CONFIG + "[editorial]\nwords_news = 10\n"
    report = check(make_site({N: news(body="mot " * 12)}, config=config))
    assert [p.params["limit"] for p in report.problems if p.code == "AS303"] == [10]


def test_readability_formula_on_known_texts() -> None:
    """Kandel & Moles: 207 − 1,015 × mots/phrases − 73,6 × syllabes/mots."""
    simple = analyse("Le chat dort. Il fait beau.")
    assert (simple.words, simple.sentences, simple.syllables) == (6, 2, 6)
    assert round(simple.score, 3) == 130.355  # 207 − 1.015 × 3 − 73.6 × 1
    text = "Les bénévoles réparent une bicyclette ancienne."
    stats = analyse(text)  # les(1) bé-né-vo-les(3) ré-pa-rent(3) une(1) bi-cy-clet-te(3) …
    assert (stats.words, stats.sentences) == (6, 1)
    assert stats.syllables == 1 + 3 + 3 + 1 + 3 + 2
    assert round(stats.score, 2) == round(207 - 1.015 * 6 - 73.6 * 13 / 6, 2)
    assert analyse(HARD_TEXT).score < 50 < analyse("Le chat dort au jardin. Il fait beau.").score


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("maison", 2),
        ("chocolat", 3),
        ("oiseau", 2),
        ("beaucoup", 2),
        ("jardin", 2),
        ("fête", 1),
        ("le", 1),
        ("aujourd'hui", 3),
        ("été", 2),
        ("bénévoles", 3),
    ],
)
def test_french_syllables(word, count) -> None:
    """Written syllables: vowel groups, a final mute e dropped."""
    assert syllables(word) == count


def test_starter_triggers_no_editorial_finding(tmp_path, check) -> None:
    """The starter site is a model: not even a suggestion."""
    from assosite.scaffold.site import init_site  # noqa: PLC0415

    report = check(init_site(tmp_path / "starter"))
    assert report.problems == []


def test_cached_findings_are_the_findings(make_site, check) -> None:
    """A second check reads the findings kept in .cache and finds exactly the same;
    a changed threshold or a changed text is never answered from the cache."""
    files = {
        N: news(title="GRANDE FÊTE DU JARDIN", body="Début.\n\n" + LONG_SENTENCE),
        "content/news/2026-11-02-b.md": news(title="Grande fête du jardin", date="2026-11-02"),
    }
    site = make_site(files)
    first = _problems(check(site))
    assert (site / ".cache" / "assosite" / "editorial.json").is_file()
    assert _problems(check(site)) == first
    assert {"AS304", "AS306", "AS314"} <= {code for code, *_ in first}
    config = BASE_CONFIG + "\n[editorial]\nsentence_max_words = 40\n"
    (site / "assosite.toml").write_text(config, encoding="utf-8")
    assert "AS304" not in {code for code, *_ in _problems(check(site))}
    (site / N).write_text(news(title="Une fête au jardin"), encoding="utf-8")
    assert "AS306" not in {code for code, *_ in _problems(check(site))}


def _problems(report):
    return sorted((p.code, p.path, p.line, str(p.severity)) for p in report.problems)


class _Header:
    def line(self, key: str) -> int:
        return 2


def _titled(titles: dict[str, str]) -> list:
    return [
        Document(SimpleNamespace(source=source, title=title), _Header(), "")
        for source, title in titles.items()
    ]


def test_similar_titles_finds_near_copies_by_either_end_and_skips_series() -> None:
    """A copy with a typo, a word added or a first word changed is found; a series is not."""
    words = ["jardin", "fete", "atelier", "velo", "repas", "marche", "quartier", "voisins"]
    words += ["recolte", "compost"]  # without accents: the rule compares titles without
    rng = random.Random(3)
    titles = {f"a/{n:04d}.md": " ".join(rng.sample(words, 6)) for n in range(300)}
    copies = {}
    for number, title in enumerate(list(titles.values())[::30]):
        copies[f"b/{number}-typo.md"] = title[:15] + "x" + title[16:]
        copies[f"b/{number}-more.md"] = title + " bis"
        copies[f"b/{number}-first.md"] = "la " + title
        copies[f"b/{number}-year.md"] = title + " 2027"  # with « … 2026 » below: a series
        copies[f"b/{number}-year0.md"] = title + " 2026"
    found = {f.path for f in similar_titles(_titled({**titles, **copies}), None, None)}
    everything = sorted({**titles, **copies}.items())
    brute = set()
    for index, (source, title) in enumerate(everything):
        for _, other in everything[:index]:
            series = title != other and title.rstrip("0123456789") == other.rstrip("0123456789")
            ratio = difflib.SequenceMatcher(None, other, title).ratio()
            if not series and (title == other or ratio >= 0.9):
                brute.add(source)
                break
    assert found == brute
    assert {f"b/{n}-{kind}.md" for n in range(10) for kind in ("typo", "more", "first")} <= found
