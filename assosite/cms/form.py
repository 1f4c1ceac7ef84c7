"""The form of each content type: its fields, French labels and hints, widgets and limits.

One :class:`Field` per front matter key the form fills, in the order a volunteer
writes them. The keys are the reader's own (``reading/items.py``: a test checks that
each is one it accepts, and that each is in ``docs/contenu.md``); the labels and hints
are French, marked for the catalogue, and say what ``docs/contenu.md`` says in fewer
words. Limits come from the site's ``[editorial]`` budgets, so changing a budget
changes the form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assosite.config.site import EditorialSection
from assosite.problems.catalogue import N_

DATETIME_FORMAT = "YYYY-MM-DD HH:mm"
DATE_FORMAT = "YYYY-MM-DD"
# What the reader accepts as a link: a web address or a page of the site.
LINK_PATTERN = r"^(https?://\S+|/\S*)$"


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a form.

    Attributes:
        name: the front matter key (``body`` is the text after the header).
        label: its French name in the form (marked for the catalogue).
        hint: one French sentence under the field; ``{…}`` are filled from ``limits``.
        widget: the Decap CMS widget.
        required: the form refuses to save without it.
        options: the widget's own settings (``format``, ``options``, ``max``…).
        pattern: a regular expression the value must match and the French message
            shown when it does not (``{…}`` filled from ``limits``), or empty.
        limits: which ``[editorial]`` budgets the hint and pattern name.
        fields: the fields of an ``object`` widget.
    """

    name: str
    label: str
    hint: str
    widget: str = "string"
    required: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    pattern: tuple[str, str] = ("", "")
    limits: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True, slots=True)
class Form:
    """The form of one content type.

    Attributes:
        kind: ``news``, ``event``, ``testimony`` or ``page``.
        folder: its folder under ``content/``.
        label, singular: the type's French names (plural, one item).
        description: one French sentence at the top of its list.
        slug: how a new file is named (Decap CMS's template).
        summary: how an item shows in the list (Decap CMS's template).
        sortable: the fields the list can be sorted by.
        fields: the fields, in order.
    """

    kind: str
    folder: str
    label: str
    singular: str
    description: str
    slug: str
    summary: str
    sortable: tuple[str, ...]
    fields: tuple[Field, ...]


_DATETIME = {"format": DATETIME_FORMAT, "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}
_DATE = {"format": DATE_FORMAT, "date_format": "DD/MM/YYYY", "time_format": False}

TITLE = Field(
    "title",
    N_("Titre"),
    N_("Court et précis, sans majuscules partout : {title_max_length} caractères au plus."),
    required=True,
    pattern=(
        r"^.{1,{title_max_length}}$",
        N_("Le titre dépasse {title_max_length} caractères : raccourcissez-le."),
    ),
    limits=("title_max_length",),
)


def _summary(required: bool) -> Field:
    return Field(
        "summary",
        N_("Chapô"),
        N_(
            "Une phrase qui dit l'essentiel, lue dans les listes, les flux et les aperçus : "
            "{summary_max_length} caractères au plus."
        ),
        widget="text",
        required=required,
        pattern=(
            r"^[\s\S]{0,{summary_max_length}}$",
            N_("Le chapô dépasse {summary_max_length} caractères : gardez l'essentiel."),
        ),
        limits=("summary_max_length",),
    )


def _image(name: str = "image", alt: str = "image_alt") -> tuple[Field, ...]:
    if name == "image":  # an illustration may have a caption and a credit under it
        return (*_picture(name, alt), *CAPTION)
    return _picture(name, alt)


CAPTION = (
    Field(
        "image_caption",
        N_("Légende"),
        N_("Facultative. Ce qui se passe sur la photo, où, quand ; affichée sous la photo."),
    ),
    Field(
        "image_credit",
        N_("Crédit"),
        N_("Facultatif. Qui a pris la photo : affiché après la légende, « Photo : … »."),
    ),
)


def _picture(name: str, alt: str) -> tuple[Field, Field]:
    return (
        Field(
            name,
            N_("Photo") if name == "photo" else N_("Image"),
            N_("Facultative. Une photo en JPEG, PNG ou WebP ; elle est allégée à la publication."),
            widget="image",
            options={"choose_url": False},
        ),
        Field(
            alt,
            N_("Description de l'image"),
            N_(
                "Obligatoire avec une image : ce qu'elle montre, en une phrase, pour les "
                "personnes qui ne la voient pas."
            ),
        ),
    )


TAGS = Field(
    "tags",
    N_("Étiquettes"),
    N_("Quelques mots-clés séparés par des virgules : {max_tags} au plus."),
    widget="list",
    options={"max": "{max_tags}"},
    limits=("max_tags",),
)
STATUS = Field(
    "status",
    N_("État"),
    N_("« Brouillon » : vérifié à chaque construction, mais jamais publié."),
    widget="select",
    options={
        "options": [
            {"label": N_("Publié"), "value": "published"},
            {"label": N_("Brouillon"), "value": "draft"},
        ],
        "default": "published",
    },
)


def _body(hint: str, budget: str) -> Field:
    return Field("body", N_("Texte"), hint, widget="markdown", limits=(budget,))


LOCATION = Field(
    "location",
    N_("Lieu"),
    N_("Où l'événement a lieu ; laissez vide pour un événement seulement en ligne."),
    widget="object",
    options={"collapsed": False},
    fields=(
        Field("name", N_("Nom du lieu"), N_("« Maison des associations »")),
        Field("address", N_("Adresse"), N_("Numéro et rue : « 12 rue des Lilas »")),
        Field(
            "postal_code",
            N_("Code postal"),
            N_("Cinq chiffres : « 69004 »"),
            pattern=(r"^(\d{5})?$", N_("Un code postal a cinq chiffres.")),
        ),
        Field("city", N_("Ville"), N_("« Lyon »")),
    ),
)


def _link(name: str, label: str, hint: str) -> Field:
    return Field(
        name,
        label,
        hint,
        pattern=(
            LINK_PATTERN,
            N_("Une adresse web complète (https://…) ou une page du site (/contact/)."),
        ),
    )


FORMS: tuple[Form, ...] = (
    Form(
        kind="news",
        folder="news",
        label=N_("Actualités"),
        singular=N_("Actualité"),
        description=N_("Ce qui s'est passé, ce qui change : une actualité, une idée."),
        slug="{{year}}-{{month}}-{{day}}-{{slug}}",
        summary="{{date | date('DD/MM/YYYY')}} — {{title}}",
        sortable=("date", "title"),
        fields=(
            TITLE,
            Field(
                "date",
                N_("Date de publication"),
                N_("Jour et heure de la publication."),
                widget="datetime",
                required=True,
                options={**_DATETIME, "default": "{{now}}"},
            ),
            _summary(required=True),
            *_image(),
            TAGS,
            STATUS,
            _body(
                N_(
                    "Des phrases courtes, un intertitre tous les trois paragraphes : "
                    "{words_news} mots au plus."
                ),
                "words_news",
            ),
        ),
    ),
    Form(
        kind="event",
        folder="events",
        label=N_("Événements"),
        singular=N_("Événement"),
        description=N_("L'agenda : une date, un lieu, ce qu'on y fait."),
        slug="{{fields.start | date('YYYY-MM-DD')}}-{{slug}}",
        summary="{{start | date('DD/MM/YYYY HH:mm')}} — {{title}}",
        sortable=("start", "title"),
        fields=(
            TITLE,
            _summary(required=True),
            Field(
                "start",
                N_("Début"),
                N_("Jour et heure du début, à l'heure du site ({timezone})."),
                widget="datetime",
                required=True,
                options=_DATETIME,
                limits=("timezone",),
            ),
            Field(
                "end",
                N_("Fin"),
                N_("Facultative ; après le début."),
                widget="datetime",
                options=_DATETIME,
            ),
            LOCATION,
            _link("online", N_("Lien pour suivre en ligne"), N_("Facultatif : https://…")),
            _link(
                "registration",
                N_("Lien pour s'inscrire"),
                N_("Facultatif : une adresse web ou une page du site comme /contact/."),
            ),
            Field(
                "price",
                N_("Prix"),
                N_("En toutes lettres : « Gratuit », « 5 € ; gratuit pour les adhérents »."),
            ),
            Field(
                "accessibility",
                N_("Accessibilité du lieu"),
                N_("Accès de plain-pied, toilettes adaptées, boucle magnétique…"),
            ),
            *_image(),
            Field(
                "cancelled",
                N_("Annulé"),
                N_("L'événement reste visible, marqué « Annulé »."),
                widget="boolean",
                options={"default": False},
            ),
            Field(
                "postponed",
                N_("Reporté"),
                N_("L'événement reste visible, marqué « Reporté »."),
                widget="boolean",
                options={"default": False},
            ),
            TAGS,
            STATUS,
            _body(
                N_("Des phrases courtes : {words_event} mots au plus."),
                "words_event",
            ),
        ),
    ),
    Form(
        kind="testimony",
        folder="testimonies",
        label=N_("Témoignages"),
        singular=N_("Témoignage"),
        description=N_("La parole des membres, publiée seulement avec leur accord écrit."),
        slug="{{slug}}",
        summary="{{name}} — {{title}}",
        sortable=("title",),
        fields=(
            TITLE,
            Field("name", N_("Prénom"), N_("Prénom ou pseudonyme de la personne.")),
            Field("role", N_("Rôle"), N_("Bénévole, adhérente, bénéficiaire, partenaire…")),
            Field(
                "consent",
                N_("Date de l'accord"),
                N_(
                    "Le jour où la personne a accepté la publication, par écrit : sans accord, "
                    "pas de publication."
                ),
                widget="datetime",
                required=True,
                options=_DATE,
            ),
            Field(
                "consent_expires",
                N_("Fin de l'accord"),
                N_("Facultative : le témoignage est alors retiré tout seul."),
                widget="datetime",
                options=_DATE,
            ),
            Field(
                "quote",
                N_("Citation"),
                N_("Une phrase courte pour l'accueil et les aperçus."),
                widget="text",
            ),
            *_image("photo", "photo_alt"),
            STATUS,
            _body(
                N_("Les mots de la personne, relus avec elle : {words_testimony} mots au plus."),
                "words_testimony",
            ),
        ),
    ),
    Form(
        kind="page",
        folder="pages",
        label=N_("Pages"),
        singular=N_("Page"),
        description=N_("Les pages de l'association : qui nous sommes, adhérer, contact."),
        slug="{{slug}}",
        summary="{{title}}",
        sortable=("title",),
        fields=(
            TITLE,
            _summary(required=False),
            Field(
                "menu",
                N_("Place dans le menu"),
                N_("Facultative : 1 en premier ; sans numéro, la page n'est pas dans le menu."),
                widget="number",
                options={"value_type": "int", "min": 1},
            ),
            Field(
                "menu_label",
                N_("Nom dans le menu"),
                N_("Plus court que le titre : « Adhérer » ; par défaut, le titre."),
            ),
            *_image(),
            STATUS,
            Field("body", N_("Texte"), N_("Des phrases courtes et des intertitres."), "markdown"),
        ),
    ),
)


def limits(editorial: EditorialSection, timezone: str) -> dict[str, Any]:
    """Return the values that hints and patterns name: the budgets and the time zone."""
    return {**asdict(editorial), "timezone": timezone}
