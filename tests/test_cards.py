"""Social cards: layouts, text fitting, fonts, contrast, cache, meta tags, the starter's cards."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from helpers import BASE_CONFIG, NOW, read_file, read_manifest
from PIL import Image, ImageChops

from assosite.build.site import BuildOptions, build_site
from assosite.model.colours import contrast_ratio
from assosite.outputs.cards.cache import CACHE_FOLDER, CardCache, draw
from assosite.outputs.cards.draw import (
    HEIGHT,
    PHOTO_LEFT,
    WIDTH,
    CardSpec,
    card_colours,
    encode_card,
    render_card,
)
from assosite.outputs.cards.text import (
    BOLD,
    FALLBACKS,
    FONT_DIR,
    REGULAR,
    TextBox,
    clean,
    fit,
    runs,
    width,
)
from assosite.problems.errors import ConfigError
from assosite.scaffold.site import init_site

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden" / "cards"
LOGO = (ROOT / "starter" / "content" / "images" / "logo.png").read_bytes()
FRENCH = "àâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ«»’‘“”…–—€\u00a0\u202f"
COMMON = {"footer": "Les Jardins du Vieux Moulin", "logo": LOGO}
LAYOUT_SPECS = {
    "news": CardSpec(
        "news",
        "Actualité",
        "Le compost collectif a un an : 1,2 tonne de déchets évités 🌱",
        "Retour sur une année de compostage partagé, avec les bénévoles et les voisins.",
        ("12 juin 2027",),
        **COMMON,
    ),
    "event": CardSpec(
        "event",
        "Événement",
        "Fête du jardin",
        "",
        ("samedi 12 juin 2027, de 14 h à 18 h", "Jardin du Vieux Moulin, Montbrisac"),
        "Annulé",
        **COMMON,
    ),
    "testimony": CardSpec(
        "testimony",
        "Témoignage",
        "«\u202fAu jardin, j’ai trouvé des voisins et des amis.\u202f»",
        "",
        ("Jeanne, bénévole",),
        **COMMON,
    ),
    "page": CardSpec(
        "page", "Page", "Adhérer", "Rejoignez l'association pour 10 € par an.", (), **COMMON
    ),
    "news-photo": CardSpec(
        "news",
        "Actualité",
        "Le repair café a réparé son millième objet",
        "Grille-pain, vélos, lampes : le compte est tenu depuis 2019.",
        ("14 novembre 2025",),
        **COMMON,
        photo=(ROOT / "starter" / "content" / "images" / "repair-cafe.jpg").read_bytes(),
    ),
    "site": CardSpec(
        "site",
        "",
        "Les Jardins du Vieux Moulin",
        "Jardins partagés, repair café et entraide de voisinage à Montbrisac.",
        footer="demo.assosite.fr",
        logo=LOGO,
    ),
}


def _pixels_match(first: Image.Image, second: Image.Image) -> bool:
    if first.size != second.size:
        return False
    difference = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
    return all(high <= 1 for _, high in difference.getextrema())


@pytest.mark.parametrize("layout", sorted(LAYOUT_SPECS))
def test_each_layout_matches_its_golden_card(layout, request) -> None:
    """Each layout draws the same pixels as its golden card (±1 per channel)."""
    image = render_card(LAYOUT_SPECS[layout])
    golden = GOLDEN / f"{layout}.png"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        data, extension = encode_card(image)
        if extension == "png":
            golden.write_bytes(data)
        else:  # a photo card's JPEG is lossy: its golden keeps the drawn pixels
            image.save(golden, optimize=True)
    with Image.open(golden) as expected:
        assert _pixels_match(image, expected)


def test_card_is_1200_by_630_palette_png_under_200_kb() -> None:
    """A card is 1200×630, a palette PNG without metadata, far under 200 KB."""
    data, extension = encode_card(render_card(LAYOUT_SPECS["news"]))
    with Image.open(io.BytesIO(data)) as image:
        assert (image.size, image.mode, extension) == ((WIDTH, HEIGHT), "P", "png")
        assert "exif" not in image.info
    assert len(data) <= 200_000


def test_a_photo_sits_beside_the_text_and_the_text_stays_on_the_brand_colour() -> None:
    """With a photo: the right panel shows it, the text column (narrower) only the card's
    own colours, so every text keeps its 4.5:1; the card is a JPEG without metadata."""
    spec = LAYOUT_SPECS["news-photo"]
    image = render_card(spec)
    plain = render_card(replace(spec, photo=b"")).convert("RGB")
    panel = image.crop((PHOTO_LEFT, 0, WIDTH, HEIGHT - 130))
    assert len(panel.getcolors(1 << 16) or range(1 << 16)) > 200  # a photo, not a flat colour
    column = image.crop((0, 0, PHOTO_LEFT, HEIGHT))
    colours = {colour for _, colour in plain.getcolors(1 << 16)}
    assert {colour for _, colour in column.getcolors(1 << 16)} <= colours
    assert image.getpixel((PHOTO_LEFT - 2, 300)) == _rgb(spec.primary)
    data, extension = encode_card(image)
    with Image.open(io.BytesIO(data)) as card:
        assert (card.size, card.format, extension) == ((WIDTH, HEIGHT), "JPEG", "jpg")
        assert "exif" not in card.info
    assert len(data) <= 200_000


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_same_spec_gives_the_same_bytes_in_and_out_of_a_worker() -> None:
    """Drawing a spec twice, in this process or through a worker function, gives equal bytes."""
    spec = LAYOUT_SPECS["event"]
    assert draw(spec)[1] == draw(spec)[1] == encode_card(render_card(spec))[0]


def test_a_300_character_title_shrinks_then_ends_with_an_ellipsis() -> None:
    """A very long title is set at the minimum size, cut with « … », no line overflowing."""
    box = TextBox(1056, 240, BOLD, 64, 38)
    fitted = fit(("Une fête de quartier très attendue " * 9)[:300], box)
    assert fitted.cut and fitted.size == 38
    assert fitted.lines[-1].endswith("…")
    assert fitted.height <= box.height
    assert all(width(line, BOLD, fitted.size) <= box.width for line in fitted.lines)


def test_a_60_letter_word_is_broken_with_a_hyphen_and_never_overflows() -> None:
    """One word wider than the card is broken between letters, with a hyphen."""
    word = "Anticonstitutionnellement" * 2 + "abcdefghij"
    assert len(word) == 60
    box = TextBox(500, 300, BOLD, 64, 38)
    fitted = fit(word, box)
    assert len(fitted.lines) > 1
    assert all(line.endswith("-") for line in fitted.lines[:-1])
    assert "".join(line.rstrip("-") for line in fitted.lines) == word
    assert all(width(line, BOLD, fitted.size) <= box.width for line in fitted.lines)


def test_a_title_of_spaces_draws_no_text_and_no_error() -> None:
    """A blank title gives an empty block; the card is still drawn."""
    assert fit("   \u00a0  ", TextBox(1056, 240, BOLD, 64, 38)).lines == ()
    blank = CardSpec("news", "Actualité", "     ", **COMMON)
    assert render_card(blank).size == (WIDTH, HEIGHT)


def test_french_marks_never_start_a_line() -> None:
    """« : », « ? » and « » » stay with the word before them, even after a plain space."""
    fitted = fit("Venez nombreux ? Oui : « le jardin » !", TextBox(260, 400, BOLD, 40, 40))
    assert not any(line[0] in ":;!?»" for line in fitted.lines)


def test_bundled_fonts_cover_french_text() -> None:
    """Noto Sans (regular and bold) has a glyph for every French character (cmap)."""
    for name in (REGULAR, BOLD):
        cmap = TTFont(FONT_DIR / name).getBestCmap()
        letters = FRENCH + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'!?:;"
        assert [c for c in letters if ord(c) not in cmap] == []


def test_emoji_and_symbols_get_a_glyph_from_a_fallback_font() -> None:
    """Emoji come from Noto Emoji, other symbols from Noto Sans Symbols 2: no tofu."""
    emoji, symbols = FALLBACKS
    assert runs("Fête 🌱🎉", REGULAR) == (("Fête ", REGULAR), ("🌱🎉", emoji))
    assert runs("♻", REGULAR)[0][1] in FALLBACKS
    assert runs("🯅", REGULAR) == (("🯅", symbols),)
    for char in "🌱🎉❤🙂🍅":
        assert ord(char) in TTFont(FONT_DIR / emoji).getBestCmap()


def test_characters_no_font_covers_are_left_out() -> None:
    """A character without a glyph in any bundled font is dropped, never drawn as a box."""
    assert clean("Fête 日本 du jardin") == "Fête du jardin"


@pytest.mark.parametrize(
    ("primary", "accent"),
    [
        ("#1d5c4d", "#a2461a"),
        ("#f5d547", "#ffe9a8"),
        ("#777777", "#0055aa"),
        ("#ffffff", "#000000"),
    ],
)
def test_every_card_text_keeps_a_contrast_of_4_5(primary, accent) -> None:
    """Whatever the brand colours, each text colour has 4.5:1 with its background."""
    for ink, background in card_colours(primary, accent).text_pairs():
        assert contrast_ratio(ink, background) >= 4.5, (ink, background)


def _cache_run(tmp_path: Path, specs: dict[str, CardSpec]) -> int:
    return CardCache(tmp_path, workers=1).update(specs).rendered


def test_cache_draws_only_the_cards_whose_title_logo_or_colour_changed(tmp_path) -> None:
    """An unchanged card is not drawn again; a changed title, logo, colour or photo always is."""
    specs = dict(LAYOUT_SPECS)
    assert _cache_run(tmp_path, specs) == 6
    assert _cache_run(tmp_path, specs) == 0
    news = specs["news"]
    changes = {
        "title": {"title": news.title + " !"},
        "logo": {"logo": LOGO + b"\0"},
        "colour": {"primary": "#123456"},
        "photo": {"photo": LAYOUT_SPECS["news-photo"].photo},
    }
    for change in changes.values():
        specs["news"] = CardSpec(**{**_fields(news), **change})
        assert _cache_run(tmp_path, specs) == 1
    assert read_manifest(tmp_path)["rendered"] == 1
    assert len(list((tmp_path / CACHE_FOLDER).glob("*.png"))) == 4  # the news has a photo now
    assert len(list((tmp_path / CACHE_FOLDER).glob("*.jpg"))) == 2


def test_cards_drawn_with_a_worker_are_the_files_drawn_alone(tmp_path) -> None:
    """Cards shared between this process and a worker are the very files drawn by one."""
    specs = {
        f"{layout}-{number}": CardSpec(**{**_fields(spec), "title": f"{spec.title} {number}"})
        for layout, spec in LAYOUT_SPECS.items()
        for number in range(12)
    }
    alone = CardCache(tmp_path / "alone", workers=1).update(specs)
    shared = CardCache(tmp_path / "shared", workers=2).update(specs)
    assert shared.rendered == alone.rendered == len(specs)
    for key, card in alone.cards.items():
        assert shared.cards[key].file.name == card.file.name
        assert shared.cards[key].file.read_bytes() == card.file.read_bytes()
    assert not list((tmp_path / "shared" / CACHE_FOLDER).glob(".*.tmp"))


def _fields(spec: CardSpec) -> dict:
    return {name: getattr(spec, name) for name in CardSpec.__slots__}


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("property") or values.get("name")):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")


def _meta(page: Path) -> dict[str, str]:
    parser = _Meta()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.meta


FULL_SET = (
    "og:title",
    "og:description",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "og:type",
    "og:url",
    "og:site_name",
    "og:locale",
    "twitter:card",
)


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    """The starter, built once (its cache is then warm)."""
    site = init_site(tmp_path_factory.mktemp("cards") / "site")
    build_site(site, BuildOptions(now=NOW))
    return site


def test_every_starter_page_has_the_full_meta_set_and_a_real_card(starter) -> None:
    """Each page has every og:/twitter: tag; each og:image exists, 1200×630, ≤ 200 KB."""
    output = starter / "output"
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        meta = _meta(page)
        assert [key for key in FULL_SET if not meta.get(key)] == [], page
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:image"].startswith("https://demo.assosite.fr/")
        card = output / meta["og:image"].removeprefix("https://demo.assosite.fr/")
        with Image.open(card) as image:
            assert image.size == (1200, 630) == (int(meta["og:image:width"]), 630)
        assert card.stat().st_size <= 200_000


def test_starter_cards_say_what_they_show(starter) -> None:
    """An event's card alt text names its title and date; items are articles, lists websites."""
    output = starter / "output"
    event = _meta(output / "agenda/2027-06-12-week-end-portes-ouvertes/index.html")
    assert event["og:type"] == "article" and event["og:locale"] == "fr_FR"
    assert event["og:image"].endswith("/cards/agenda/2027-06-12-week-end-portes-ouvertes.png")
    assert event["og:image:alt"].startswith("Carte de partage : Week-end portes ouvertes")
    assert "samedi 12\u00a0juin 2027" in event["og:image:alt"]
    home = _meta(output / "index.html")
    assert home["og:type"] == "website" and home["og:image"].endswith("/cards/site.png")
    assert _meta(output / "404.html")["og:image"].endswith("/cards/site.png")


def test_starter_items_with_a_photo_or_portrait_share_it_on_their_card(starter) -> None:
    """A news item's photo and a testimony's portrait are on their cards (JPEG); an item
    without one keeps the flat card (PNG)."""
    output = starter / "output"
    photo = _meta(output / "actualites/le-compost-collectif/index.html")["og:image"]
    portrait = _meta(output / "temoignages/jeanne-adherente-depuis-dix-ans/index.html")["og:image"]
    plain = _meta(output / "actualites/ete-au-jardin/index.html")["og:image"]
    assert photo.endswith("/cards/actualites/le-compost-collectif.jpg")
    assert portrait.endswith("/cards/temoignages/jeanne-adherente-depuis-dix-ans.jpg")
    assert plain.endswith("/cards/actualites/ete-au-jardin.png")
    with Image.open(output / photo.removeprefix("https://demo.assosite.fr/")) as card:
        assert card.size == (WIDTH, HEIGHT) and card.format == "JPEG"


def test_second_starter_build_renders_no_card_and_gives_identical_bytes(starter, tmp_path) -> None:
    """Nothing changed: zero cards drawn; a fresh copy (cold cache) gives the same bytes."""
    first = {
        p.relative_to(starter / "output"): p.read_bytes()
        for p in (starter / "output/cards").rglob("*.*")
    }
    build_site(starter, BuildOptions(now=NOW, reuse=False))  # a real build, card cache warm
    assert read_manifest(starter)["rendered"] == 0
    copy = tmp_path / "copy"
    shutil.copytree(starter, copy, ignore=shutil.ignore_patterns(".cache", "output"))
    build_site(copy, BuildOptions(now=NOW))
    assert read_manifest(copy)["rendered"] == len(set(first.values()))
    second = {
        p.relative_to(copy / "output"): p.read_bytes() for p in (copy / "output/cards").rglob("*.*")
    }
    assert first == second


NEWS = """---
title: {title}
summary: Une journée de fête au jardin.
date: 2026-06-01
{extra}---
Texte.
"""


def test_card_image_replaces_the_card_and_card_false_falls_back_to_the_site(
    make_site, build
) -> None:
    """card_image is shared as it is, with its alt; card: false shares the site's card."""
    png = io.BytesIO()
    Image.new("RGB", (1000, 500), "#336699").save(png, "PNG")
    site = make_site(
        {
            "content/images/affiche.png": png.getvalue(),
            "content/news/2026-06-01-affiche.md": NEWS.format(
                title="Fête du jardin",
                extra="card_image: images/affiche.png\ncard_image_alt: L'affiche de la fête\n",
            ),
            "content/news/2026-06-02-sans-carte.md": NEWS.format(
                title="Atelier vélo", extra="card: false\n"
            ),
        }
    )
    report, output = build(site)
    assert report.problems == []
    own = _meta(output / "actualites/affiche/index.html")
    assert own["og:image"] == "https://test.example/images/affiche.png"
    assert (own["og:image:width"], own["og:image:height"]) == ("1000", "500")
    assert own["og:image:alt"] == "L'affiche de la fête"
    assert _meta(output / "actualites/sans-carte/index.html")["og:image"].endswith(
        "/cards/site.png"
    )
    assert not (output / "cards/actualites/sans-carte.png").exists()


@pytest.mark.parametrize(
    ("extra", "code", "severity"),
    [
        ("card_image: images/logo.svg\ncard_image_alt: Logo\n", "AS230", "warning"),
        ("card_image: images/photo.jpg\n", "AS231", "error"),
        ("card_image: images/absente.jpg\ncard_image_alt: Rien\n", "AS208", "error"),
        ("card: peut-être\n", "AS205", "error"),
    ],
)
def test_bad_card_keys_are_reported_at_their_line(make_site, extra, code, severity) -> None:
    """A wrong card_image or card value is reported at its line, with its code."""
    path = "content/news/2026-06-01-fete.md"
    site = make_site(
        {
            "content/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            path: NEWS.format(title="Fête du jardin", extra=extra),
        }
    )
    _, problems = read_file(site, path)
    assert [(p.code, p.path, p.line, str(p.severity)) for p in problems] == [
        (code, path, 5, severity)
    ]


def test_a_check_reports_a_bad_card_image(make_site, check) -> None:
    """The same problem in a whole check: a card image without its alt text is AS231."""
    path = "content/news/2026-06-01-fete.md"
    extra = "card_image: images/photo.jpg\n"
    site = make_site({path: NEWS.format(title="Fête du jardin", extra=extra)})
    found = [(p.code, p.path, p.line, str(p.severity)) for p in check(site).problems]
    assert ("AS231", path, 5, "error") in found


def test_cards_settings_are_checked_and_can_turn_cards_off(make_site, build) -> None:
    """[cards] logo must be a raster image (AS140); enabled = false draws no card."""
    svg = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    bad = make_site(
        {"content/images/logo.svg": svg},
        config=BASE_CONFIG + '\n[cards]\nlogo = "images/logo.svg"\n',
        name="bad",
    )
    with pytest.raises(ConfigError) as caught:
        build(bad)
    problems = [(p.code, p.path, p.line) for p in caught.value.report.problems]
    assert ("AS140", "assosite.toml", 7) in problems
    off = make_site(
        {"content/news/2026-06-01-fete.md": NEWS.format(title="Fête du jardin", extra="")},
        config=BASE_CONFIG + "\n[cards]\nenabled = false\n",
        name="off",
    )
    report, output = build(off)
    assert report.problems == []
    assert not (output / "cards").exists()
    meta = _meta(output / "actualites/fete/index.html")
    assert "og:image" not in meta and meta["twitter:card"] == "summary"
    assert read_manifest(off) == {}
