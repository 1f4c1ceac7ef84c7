"""Every problem code: its default severity and its two French sentences; the summaries.

Each code has a default severity, a *what* sentence (quoting the volunteer's value) and
a *fix* sentence (with one valid example), written in French, the source language, and
marked with :func:`~assosite.problems.catalogue.coded` so that ``pybabel extract`` puts
them in the catalogue with the code as context. Other languages come from the gettext
catalogue (:mod:`assosite.problems.catalogue`). Codes are stable forever: AS1xx settings,
AS2xx content, AS3xx editorial rules, AS4xx theme and build, AS5xx federation.

Placeholders are filled with the problem's values. A few are prepared here, in the
reader's language: ``{did_you_mean}`` from the ``hint`` value (a near name), the values
of :data:`PHRASES` (French phrases marked with ``N_``, translated) and numbers (written
with the language's decimal sign).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal

from assosite.problems.catalogue import N_, coded, gettext_in, ngettext_in, translations


@dataclass(frozen=True, slots=True)
class Message:
    """The texts of one problem code, in French (the source language).

    Attributes:
        severity: default severity (``error``, ``warning`` or ``suggestion``).
        what: what is wrong, quoting the volunteer's value.
        fix: how to fix it, starting with « Pour corriger : ».
    """

    severity: str
    what: str
    fix: str


CATALOGUE: dict[str, Message] = {
    # AS1xx: site configuration (assosite.toml)
    "AS101": Message(
        "error",
        coded(
            "AS101",
            "Le fichier de configuration n'est pas du TOML valide (colonne {column}) : {detail}.",
        ),
        coded(
            "AS101",
            'Pour corriger : vérifiez les guillemets, les crochets et les signes « = » de cette ligne, par exemple « name = "Les Amis du Parc" ».',
        ),
    ),
    "AS102": Message(
        "warning",
        coded("AS102", "Le réglage « {key} » est inconnu dans la section [{table}].{did_you_mean}"),
        coded(
            "AS102",
            "Pour corriger : corrigez son nom ou supprimez la ligne ; réglages possibles : {allowed}.",
        ),
    ),
    "AS103": Message(
        "error",
        coded("AS103", "Le réglage « {key} » doit être {expected_kind}, pas « {value} »."),
        coded("AS103", "Pour corriger : écrivez par exemple « {key} = {example} »."),
    ),
    "AS104": Message(
        "error",
        coded("AS104", "Le réglage obligatoire « {key} » manque dans la section [{table}]."),
        coded(
            "AS104", "Pour corriger : ajoutez sous [{table}] une ligne comme « {key} = {example} »."
        ),
    ),
    "AS105": Message(
        "error",
        coded("AS105", "La langue « {value} » n'est pas prise en charge."),
        coded("AS105", 'Pour corriger : écrivez « language = "fr" » ou « language = "en" ».'),
    ),
    "AS106": Message(
        "error",
        coded("AS106", "Le fuseau horaire « {value} » est inconnu.{did_you_mean}"),
        coded(
            "AS106",
            'Pour corriger : donnez un nom de fuseau IANA, par exemple « timezone = "Europe/Paris" ».',
        ),
    ),
    "AS107": Message(
        "error",
        coded("AS107", "La couleur « {value} » de « {key} » n'est pas une couleur hexadécimale."),
        coded(
            "AS107",
            'Pour corriger : écrivez six chiffres hexadécimaux après un #, par exemple « {key} = "#1d5c4d" ».',
        ),
    ),
    "AS108": Message(
        "error",
        coded("AS108", "L'adresse « {value} » de « {key} » n'est pas une adresse web complète."),
        coded(
            "AS108",
            'Pour corriger : commencez par https://, par exemple « {key} = "https://mon-asso.fr" ».',
        ),
    ),
    "AS109": Message(
        "error",
        coded("AS109", "Le dossier « {site} » ne contient pas de fichier assosite.toml."),
        coded(
            "AS109",
            "Pour corriger : lancez la commande depuis le dossier du site, ou créez un site avec « assosite init mon-site ».",
        ),
    ),
    "AS110": Message(
        "error",
        coded("AS110", "Le fichier « {value} » indiqué par « {key} » n'existe pas dans content/."),
        coded(
            "AS110",
            'Pour corriger : placez le fichier dans content/images/ et écrivez « {key} = "images/logo.svg" ».',
        ),
    ),
    "AS111": Message(
        "error",
        coded(
            "AS111",
            "Le réglage Pelican « {key} » ne peut pas être changé dans [pelican] : {reason}.",
        ),
        coded(
            "AS111",
            "Pour corriger : supprimez cette ligne de [pelican] ; assosite règle « {key} » lui-même.",
        ),
    ),
    "AS112": Message(
        "error",
        coded(
            "AS112",
            "Le dossier de sortie « {output} » contient le site lui-même ; le remplacer effacerait vos fichiers.",
        ),
        coded(
            "AS112",
            "Pour corriger : choisissez un dossier à part, par exemple « --output output ».",
        ),
    ),
    "AS113": Message(
        "error",
        coded(
            "AS113",
            "Le dossier de sortie « {output} » contient déjà des fichiers qui ne viennent pas d'assosite ; il ne sera pas remplacé.",
        ),
        coded(
            "AS113",
            "Pour corriger : choisissez un dossier vide ou nouveau, par exemple « --output output ».",
        ),
    ),
    "AS120": Message(
        "error",
        coded(
            "AS120",
            "La couleur « {value} » de « {key} » n'a qu'un contraste de {ratio}:1 avec {background_name} ({background}) : il faut au moins {minimum}:1 pour que tout le monde puisse lire.",
        ),
        coded(
            "AS120",
            'Pour corriger : prenez une teinte proche mais plus contrastée, par exemple « {key} = "{suggestion}" » (contraste {suggestion_ratio}:1).',
        ),
    ),
    "AS130": Message(
        "error",
        coded(
            "AS130", "Le dossier « {value} » existe déjà et n'est pas vide : rien n'a été copié."
        ),
        coded(
            "AS130",
            "Pour corriger : choisissez un nouveau dossier, ou ajoutez --force pour y copier le site de départ (vos autres fichiers sont gardés).",
        ),
    ),
    "AS131": Message(
        "error",
        coded("AS131", "Le fichier « {value} » existe déjà : il n'a pas été remplacé."),
        coded(
            "AS131", "Pour corriger : choisissez un autre titre, ou modifiez le fichier existant."
        ),
    ),
    "AS132": Message(
        "error",
        coded(
            "AS132",
            "La copie d'assosite pour le dossier vendor/ du site n'a pas pu être préparée : {detail}.",
        ),
        coded(
            "AS132",
            "Pour corriger : installez assosite depuis son dossier ou sa roue (pip install .), puis relancez la commande ; ou utilisez --no-vendor pour nommer la version publiée.",
        ),
    ),
    "AS133": Message(
        "error",
        coded("AS133", "pip n'a pas pu trouver les versions les plus récentes : {detail}."),
        coded(
            "AS133",
            "Pour corriger : vérifiez la connexion au dépôt de paquets (PyPI), ou lancez assosite lock sans --upgrade pour figer les versions installées sur cette machine.",
        ),
    ),
    "AS140": Message(
        "error",
        coded(
            "AS140",
            "Le logo des cartes de partage « {value} » n'est pas une image PNG, JPEG ou WebP : les cartes ne peuvent pas le dessiner.",
        ),
        coded(
            "AS140",
            'Pour corriger : exportez le logo en PNG dans content/images/, puis écrivez « {key} = "images/logo.png" » dans [cards].',
        ),
    ),
    "AS150": Message(
        "error",
        coded(
            "AS150", "La largeur « {value} » de « {key} » n'est pas une largeur d'image possible."
        ),
        coded(
            "AS150",
            "Pour corriger : donnez des nombres entiers de pixels entre 16 et 8000, par exemple « widths = [480, 960, 1600] ».",
        ),
    ),
    "AS151": Message(
        "error",
        coded(
            "AS151",
            "Le format d'image « {value} » n'est pas connu (ou n'est pas disponible sur cet ordinateur).",
        ),
        coded(
            "AS151",
            'Pour corriger : écrivez « {key} = "webp" » (conseillé), « "avif" » ou « "none" » pour garder seulement le format d\'origine.',
        ),
    ),
    "AS152": Message(
        "error",
        coded(
            "AS152", "La valeur {value} de « {key} » est hors des limites : entre {low} et {high}."
        ),
        coded(
            "AS152",
            "Pour corriger : choisissez un nombre entre {low} et {high}, ou supprimez la ligne pour garder la valeur par défaut.",
        ),
    ),
    "AS160": Message(
        "error",
        coded("AS160", "Le fichier de réglages « {file} » ne peut pas être lu : {detail}."),
        coded(
            "AS160",
            'Pour corriger : vérifiez que le fichier existe et que c\'est du TOML valide, par exemple « [site] » puis « theme = "default" ».',
        ),
    ),
    "AS170": Message(
        "error",
        coded(
            "AS170",
            "La photo de l'accueil « {value} » n'a pas de texte alternatif : les personnes qui ne la voient pas ne sauront pas ce qu'elle montre.",
        ),
        coded(
            "AS170",
            'Pour corriger : ajoutez sous [home] une ligne qui décrit la photo, par exemple « image_alt = "Des bénévoles récoltent des tomates au jardin" ».',
        ),
    ),
    "AS171": Message(
        "error",
        coded(
            "AS171",
            "L'image « {value} » de « {key} » n'est pas une photo JPEG, PNG ou WebP.",
        ),
        coded(
            "AS171",
            'Pour corriger : enregistrez la photo en JPEG dans content/images/, puis écrivez « {key} = "images/photo.jpg" ».',
        ),
    ),
    "AS172": Message(
        "error",
        coded(
            "AS172",
            "Le lien de paiement « {value} » de « {key} » n'est pas une adresse sécurisée en https://.",
        ),
        coded(
            "AS172",
            'Pour corriger : copiez l\'adresse complète de la page de paiement, qui commence par https://, par exemple « {key} = "https://www.helloasso.com/associations/mon-asso/adhesions/adhesion-2027" ».',
        ),
    ),
    "AS173": Message(
        "error",
        coded(
            "AS173",
            "Le montant « {value} » de « {key} » n'est pas une somme en euros.",
        ),
        coded(
            "AS173",
            "Pour corriger : écrivez des nombres sans guillemets ni signe €, séparés par des virgules, par exemple « {key} = [10, 20, 50] ».",
        ),
    ),
    "AS180": Message(
        "error",
        coded(
            "AS180",
            "L'adresse « {value} » de « {key} » commence par http:// : les identifiants des bénévoles y passeraient en clair.",
        ),
        coded(
            "AS180",
            "Pour corriger : écrivez la même adresse avec https://.",
        ),
    ),
    "AS181": Message(
        "error",
        coded("AS181", "« {value} » n'est pas une forge que l'édition en ligne connaît."),
        coded(
            "AS181",
            'Pour corriger : écrivez backend = "gitlab" (GitLab.com, Framagit ou une autre instance GitLab) ou backend = "github" ; par exemple « backend = "{hint}" ».',
        ),
    ),
    "AS182": Message(
        "error",
        coded("AS182", "« {value} » n'est pas le nom d'un dépôt."),
        coded(
            "AS182",
            "Pour corriger : écrivez le propriétaire et le nom du dépôt séparés par une barre oblique, tels qu'ils apparaissent dans son adresse : « mon-asso/site ».",
        ),
    ),
    "AS183": Message(
        "error",
        coded(
            "AS183",
            "L'édition en ligne avec « {backend} » a besoin du réglage « {key} » dans [cms].",
        ),
        coded(
            "AS183",
            "Pour corriger : ajoutez « {key} » dans [cms] ; la page « Éditer en ligne » de la documentation dit où trouver sa valeur, ou retirez « backend » pour ne pas publier de page /admin/.",
        ),
    ),
    "AS184": Message(
        "error",
        coded(
            "AS184",
            "Aucune édition en ligne n'est réglée : la section [cms] ne nomme pas de forge.",
        ),
        coded(
            "AS184",
            'Pour corriger : ajoutez dans assosite.toml une section [cms] avec backend = "gitlab" ou "github" et le dépôt (repo = "mon-asso/site") ; pour éditer sur votre ordinateur, lancez « assosite serve --cms ».',
        ),
    ),
    # AS2xx: content files
    "AS201": Message(
        "error",
        coded("AS201", "L'en-tête du fichier est mal écrit : {detail}."),
        coded(
            "AS201",
            "Pour corriger : écrivez une information par ligne, sous la forme « clé: valeur », par exemple « title: Fête de quartier ».",
        ),
    ),
    "AS202": Message(
        "error",
        coded("AS202", "L'information obligatoire « {key} » ({label}) manque dans l'en-tête."),
        coded(
            "AS202",
            "Pour corriger : ajoutez dans l'en-tête, entre les lignes « --- », une ligne comme « {key}: {example} ».",
        ),
    ),
    "AS203": Message(
        "error",
        coded("AS203", "La date de fin « {end} » est avant la date de début « {start} »."),
        coded(
            "AS203",
            "Pour corriger : indiquez une fin après le début, par exemple « end: {example} ».",
        ),
    ),
    "AS204": Message(
        "error",
        coded("AS204", "La date « {value} » de « {key} » n'est pas une date valide."),
        coded(
            "AS204",
            "Pour corriger : écrivez l'année, le mois et le jour, puis l'heure si besoin, par exemple « {key}: 2026-03-14 18:30 ».",
        ),
    ),
    "AS205": Message(
        "error",
        coded("AS205", "« {key} » doit être {expected_kind}, pas « {value} »."),
        coded("AS205", "Pour corriger : écrivez par exemple « {key}: {example} »."),
    ),
    "AS206": Message(
        "warning",
        coded("AS206", "L'information « {key} » est inconnue et sera ignorée.{did_you_mean}"),
        coded(
            "AS206",
            "Pour corriger : corrigez son nom ou supprimez la ligne ; informations possibles : {allowed}.",
        ),
    ),
    "AS207": Message(
        "error",
        coded(
            "AS207",
            "L'image « {value} » n'a pas de texte alternatif : une personne aveugle ne saura pas ce qu'elle montre.",
        ),
        coded(
            "AS207",
            'Pour corriger : décrivez l\'image en une phrase avec « {alt_key}: Des bénévoles plantent des tomates » ; si elle est purement décorative, ajoutez « decorative: true » et « {alt_key}: "" ».',
        ),
    ),
    "AS208": Message(
        "error",
        coded("AS208", "L'image « {value} » est introuvable dans le dossier content/."),
        coded(
            "AS208",
            "Pour corriger : vérifiez le nom du fichier (majuscules, accents, extension) et placez-le dans content/images/, puis écrivez « {key}: images/nom-du-fichier.jpg ».",
        ),
    ),
    "AS209": Message(
        "error",
        coded(
            "AS209", "Ce témoignage n'a pas de date de consentement : il ne peut pas être publié."
        ),
        coded(
            "AS209",
            "Pour corriger : une fois l'accord de la personne obtenu, ajoutez la date de cet accord, par exemple « consent: 2026-03-01 ».",
        ),
    ),
    "AS210": Message(
        "warning",
        coded(
            "AS210", "Le consentement de ce témoignage a expiré le {value} : il n'est plus publié."
        ),
        coded(
            "AS210",
            "Pour corriger : demandez à nouveau l'accord de la personne et mettez à jour « consent » et « consent_expires », ou supprimez le fichier.",
        ),
    ),
    "AS211": Message(
        "error",
        coded(
            "AS211",
            "L'adresse « {url} » est déjà utilisée par « {other} » : ce fichier n'est pas publié.",
        ),
        coded(
            "AS211",
            "Pour corriger : donnez à l'un des deux un autre nom court, par exemple « slug: {example} ».",
        ),
    ),
    "AS212": Message(
        "suggestion",
        coded("AS212", "Le fichier est vide."),
        coded(
            "AS212",
            'Pour corriger : créez-le avec « assosite new news "Mon titre" », ou supprimez-le.',
        ),
    ),
    "AS213": Message(
        "error",
        coded("AS213", "Le type « {value} » est inconnu."),
        coded(
            "AS213",
            "Pour corriger : écrivez « type: news », « type: event », « type: testimony » ou « type: page ».",
        ),
    ),
    "AS214": Message(
        "warning",
        coded("AS214", "Ce fichier n'est dans aucun dossier de contenu : il n'est pas publié."),
        coded(
            "AS214",
            "Pour corriger : déplacez-le dans content/news/, content/events/, content/testimonies/ ou content/pages/.",
        ),
    ),
    "AS215": Message(
        "error",
        coded("AS215", "La valeur « {value} » de « {key} » n'est pas possible."),
        coded("AS215", "Pour corriger : choisissez parmi {allowed}."),
    ),
    "AS216": Message(
        "warning",
        coded(
            "AS216",
            "« {key} » donne un décalage horaire (« {value} ») mais pas « {other} » : « {other} » est lu à l'heure de {timezone}.",
        ),
        coded(
            "AS216",
            "Pour corriger : écrivez les deux dates de la même façon, sans décalage, par exemple « {key}: 2026-03-14 18:30 ».",
        ),
    ),
    "AS217": Message(
        "error",
        coded(
            "AS217",
            "Le début « {start} » et la fin « {end} » ne sont pas de la même sorte : l'un a une heure, l'autre non.",
        ),
        coded(
            "AS217",
            "Pour corriger : pour un événement sur la journée, donnez deux dates sans heure (« end: 2026-03-15 ») ; sinon, donnez une heure aux deux.",
        ),
    ),
    "AS218": Message(
        "error",
        coded("AS218", "L'adresse « {value} » de « {key} » n'est pas un lien valide."),
        coded(
            "AS218",
            "Pour corriger : écrivez une adresse complète qui commence par https://, ou une page du site qui commence par /, par exemple « {key}: https://exemple.org/inscription ».",
        ),
    ),
    "AS219": Message(
        "error",
        coded("AS219", "Le fuseau horaire « {value} » est inconnu.{did_you_mean}"),
        coded(
            "AS219",
            "Pour corriger : donnez un nom de fuseau IANA, par exemple « timezone: Europe/Paris » ou « timezone: America/Martinique ».",
        ),
    ),
    "AS220": Message(
        "warning",
        coded(
            "AS220",
            "Le titre contient des balises HTML (« {value} ») : elles seront affichées telles quelles.",
        ),
        coded("AS220", "Pour corriger : écrivez le titre en texte simple, sans « < » ni « > »."),
    ),
    "AS221": Message(
        "error",
        coded(
            "AS221",
            "L'en-tête contient une tabulation : les informations doivent être alignées avec des espaces.",
        ),
        coded("AS221", "Pour corriger : remplacez la tabulation de cette ligne par deux espaces."),
    ),
    "AS222": Message(
        "error",
        coded("AS222", "L'en-tête commence par « {fence} » mais n'est jamais fermé."),
        coded(
            "AS222",
            "Pour corriger : ajoutez une ligne « {fence} » seule à la fin de l'en-tête, avant le texte.",
        ),
    ),
    "AS223": Message(
        "warning",
        coded(
            "AS223",
            "L'information « {key} » est écrite deux fois dans l'en-tête (aussi ligne {other}) : seule la dernière compte.",
        ),
        coded("AS223", "Pour corriger : gardez une seule ligne « {key}: … »."),
    ),
    "AS224": Message(
        "error",
        coded("AS224", "Le fichier n'est pas enregistré en UTF-8 : {detail}."),
        coded(
            "AS224",
            "Pour corriger : dans votre éditeur, choisissez « Enregistrer sous… » puis l'encodage « UTF-8 ».",
        ),
    ),
    "AS225": Message(
        "error",
        coded("AS225", "L'adresse courte « {value} » est réservée par le site ({url})."),
        coded("AS225", "Pour corriger : choisissez un autre nom, par exemple « slug: {example} »."),
    ),
    "AS226": Message(
        "error",
        coded("AS226", "L'en-tête du fichier n'est pas une liste d'informations « clé: valeur »."),
        coded(
            "AS226",
            "Pour corriger : écrivez une information par ligne, par exemple « title: Fête de quartier ».",
        ),
    ),
    "AS227": Message(
        "error",
        coded("AS227", "Le « : » au milieu de « {key} » coupe la ligne en deux."),
        coded(
            "AS227",
            "Pour corriger : mettez la valeur entre guillemets droits, par exemple « {example} ».",
        ),
    ),
    "AS230": Message(
        "warning",
        coded(
            "AS230",
            "L'image de partage « {value} » n'est pas une image PNG, JPEG ou WebP : les réseaux sociaux ne l'affichent pas. La carte de partage dessinée par assosite est utilisée à sa place.",
        ),
        coded(
            "AS230",
            "Pour corriger : choisissez une photo JPEG ou PNG d'environ 1200 × 630 pixels, par exemple « card_image: images/fete.jpg », ou retirez la ligne « card_image ».",
        ),
    ),
    "AS231": Message(
        "error",
        coded(
            "AS231",
            "L'image de partage « {value} » n'a pas de texte alternatif : une personne aveugle ne saura pas ce que montre l'aperçu.",
        ),
        coded(
            "AS231",
            "Pour corriger : décrivez l'image en une phrase avec « card_image_alt: Des bénévoles plantent des tomates ».",
        ),
    ),
    "AS240": Message(
        "error",
        coded("AS240", "L'image « {value} » du texte est introuvable dans le dossier content/."),
        coded(
            "AS240",
            "Pour corriger : vérifiez le nom du fichier (majuscules, accents, extension), placez-le dans content/images/, puis écrivez « ![Description de l'image](images/nom-du-fichier.jpg) ».",
        ),
    ),
    "AS241": Message(
        "warning",
        coded(
            "AS241",
            "Cette image est abîmée ou illisible ({detail}) : elle n'est pas publiée, le reste du site l'est.",
        ),
        coded(
            "AS241",
            "Pour corriger : ouvrez-la sur votre ordinateur puis enregistrez-la de nouveau en JPEG (photo) ou en PNG (dessin), ou remplacez-la par une autre copie.",
        ),
    ),
    "AS242": Message(
        "warning",
        coded(
            "AS242",
            "Les images « {suffix} » ne s'affichent pas dans tous les navigateurs : celle-ci n'est pas publiée.",
        ),
        coded(
            "AS242",
            "Pour corriger : enregistrez-la en JPEG (photo) ou en PNG (dessin), par exemple avec « Exporter » sur votre téléphone ou votre ordinateur, puis changez le lien en conséquence.",
        ),
    ),
    "AS243": Message(
        "warning",
        coded(
            "AS243",
            "Le HTML « {value} » a été retiré de la page : le site n'a ni script, ni iframe, ni « onclick », ni lien « javascript: ».",
        ),
        coded(
            "AS243",
            "Pour corriger : écrivez ce passage en Markdown, par exemple « [le programme](https://exemple.fr/programme) » pour un lien, ou mettez un lien vers la vidéo ou la carte au lieu de l'intégrer.",
        ),
    ),
    "AS228": Message(
        "suggestion",
        coded("AS228", "Ce texte n'a pas de résumé : le début du texte est utilisé (« {value} »)."),
        coded(
            "AS228",
            "Pour corriger : écrivez en une phrase ce qu'il faut retenir, dans une ligne « summary: … » de l'en-tête.",
        ),
    ),
    "AS229": Message(
        "suggestion",
        coded("AS229", "« date » est lue comme la date de début de l'événement."),
        coded("AS229", "Pour corriger : renommez la ligne en « start: {value} »."),
    ),
    "AS232": Message(
        "warning",
        coded(
            "AS232",
            "« {value} » est une commande d'un autre outil (Hugo, Jekyll) qu'assosite ne connaît pas : elle est retirée du texte.",
        ),
        coded(
            "AS232",
            "Pour corriger : remplacez-la par du texte, un lien ou une image en Markdown, par exemple « ![Description de l'image](images/photo.jpg) ».",
        ),
    ),
    "AS233": Message(
        "warning",
        coded(
            "AS233",
            "Le lien vers « {value} » ne mène à aucun texte du dossier content/ : seul le texte du lien est gardé.",
        ),
        coded(
            "AS233",
            "Pour corriger : vérifiez le nom du fichier visé, ou écrivez l'adresse de la page, par exemple « [le compte rendu](/actualites/assemblee-generale/) ».",
        ),
    ),
    "AS234": Message(
        "warning",
        coded(
            "AS234",
            "Le fichier inclus « {value} » est introuvable dans _includes/ : il est retiré du texte.",
        ),
        coded(
            "AS234",
            "Pour corriger : copiez ce fichier dans le dossier _includes/ du site, ou remplacez la ligne par son texte.",
        ),
    ),
    "AS235": Message(
        "warning",
        coded(
            "AS235",
            "L'horaire « {value} » n'est pas compris : l'événement est annoncé sur la journée.",
        ),
        coded(
            "AS235",
            "Pour corriger : écrivez les heures de début et de fin, par exemple « horaire: 14h - 17h30 », ou l'heure dans « start: 2026-03-14 14:00 ».",
        ),
    ),
    "AS236": Message(
        "warning",
        coded(
            "AS236",
            "L'ancienne adresse « {value} » n'est pas une adresse de ce site : elle est ignorée.",
        ),
        coded(
            "AS236",
            "Pour corriger : écrivez une adresse qui commence par « / », par exemple « aliases: [/2019/04/fete/] ».",
        ),
    ),
    "AS237": Message(
        "warning",
        coded(
            "AS237",
            "L'ancienne adresse « {value} » est déjà celle d'une page du site : elle ne renvoie pas vers ce texte.",
        ),
        coded(
            "AS237",
            "Pour corriger : retirez-la de « aliases », ou changez l'adresse de l'autre page.",
        ),
    ),
    "AS250": Message(
        "suggestion",
        coded(
            "AS250",
            "Des fichiers ({count}) contiennent des informations d'autres outils qu'assosite ignore : {keys}.",
        ),
        coded(
            "AS250",
            "Pour corriger : rien n'est obligatoire ; vous pouvez supprimer ces lignes des en-têtes.",
        ),
    ),
    "AS251": Message(
        "suggestion",
        coded(
            "AS251",
            "Des fichiers ({count}) sont dans une autre langue que celle du site et ne sont pas publiés : {files}.",
        ),
        coded(
            "AS251",
            "Pour corriger : gardez la version dans la langue du site ; pour un texte dans une autre langue, ajoutez « lang: en » dans son en-tête et retirez la langue du nom du fichier.",
        ),
    ),
    "AS252": Message(
        "suggestion",
        coded(
            "AS252",
            "Des fichiers « _index.md » ({count}), pages de rubrique de Hugo, ne sont pas publiés : assosite fait ses propres listes ({files}).",
        ),
        coded(
            "AS252",
            "Pour corriger : rien n'est obligatoire ; mettez le texte utile dans une page de content/pages/.",
        ),
    ),
    "AS244": Message(
        "warning",
        coded(
            "AS244",
            "Le fichier contient {count} caractère(s) invisible(s) de contrôle (copiés d'un PDF ou d'un traitement de texte ?) : ils sont retirés.",
        ),
        coded(
            "AS244",
            "Pour corriger : recopiez le passage depuis un éditeur de texte simple, ou supprimez et retapez les espaces et sauts de ligne de cette ligne.",
        ),
    ),
    "AS245": Message(
        "error",
        coded(
            "AS245",
            "L'en-tête répète une valeur avec « & » et « * » (ancres YAML) qui se contient elle-même ou se déplie en plus de {limit} valeurs : ce fichier n'est pas publié.",
        ),
        coded(
            "AS245",
            "Pour corriger : écrivez chaque valeur en entier, sans « & » ni « * », par exemple « tags: [jardin, entraide] ».",
        ),
    ),
    "AS246": Message(
        "error",
        coded(
            "AS246",
            "Ce fichier est un lien (raccourci) vers « {target} », hors du dossier du site : il n'est pas publié.",
        ),
        coded(
            "AS246",
            "Pour corriger : copiez le fichier lui-même dans content/ à la place du lien, ou retirez le lien.",
        ),
    ),
    # AS3xx: editorial rules
    "AS301": Message(
        "warning",
        coded(
            "AS301",
            "Le titre fait {length} caractères : au-delà de {limit}, il est coupé dans les résultats de recherche et fatigue le lecteur.",
        ),
        coded(
            "AS301",
            "Pour corriger : gardez l'essentiel en moins de {limit} caractères et mettez le reste dans le résumé.",
        ),
    ),
    "AS302": Message(
        "warning",
        coded(
            "AS302",
            "Le résumé fait {length} caractères : au-delà de {limit}, ce n'est plus un chapô.",
        ),
        coded(
            "AS302",
            "Pour corriger : dites l'essentiel en une phrase de moins de {limit} caractères ; le détail va dans le texte.",
        ),
    ),
    "AS303": Message(
        "warning",
        coded(
            "AS303",
            "Le texte fait {words} mots, plus que les {limit} prévus pour ce type de contenu.",
        ),
        coded(
            "AS303",
            "Pour corriger : gardez un seul message et coupez le reste, ou faites-en un autre contenu.",
        ),
    ),
    "AS304": Message(
        "suggestion",
        coded(
            "AS304",
            "Une phrase de {words} mots commence ici (« {start} ») : au-delà de {limit} mots, beaucoup de lecteurs décrochent.",
        ),
        coded(
            "AS304",
            "Pour corriger : coupez-la en deux phrases, avec un seul verbe principal chacune.",
        ),
    ),
    "AS305": Message(
        "suggestion",
        coded(
            "AS305",
            "Le texte est difficile à lire : indice de lisibilité {score}, sous {limit} (formule de Kandel et Moles).",
        ),
        coded(
            "AS305",
            "Pour corriger : raccourcissez les phrases et préférez les mots courts et courants.",
        ),
    ),
    "AS306": Message(
        "warning",
        coded(
            "AS306",
            "Le titre « {value} » est en majuscules : il se lit mal et donne l'impression de crier.",
        ),
        coded(
            "AS306",
            "Pour corriger : écrivez-le en minuscules, avec une majuscule au début et aux noms propres.",
        ),
    ),
    "AS307": Message(
        "warning",
        coded("AS307", "« {key} » empile les points d'exclamation ou les émojis : « {value} »."),
        coded(
            "AS307",
            "Pour corriger : gardez un seul point d'exclamation et deux émojis au plus ; les lecteurs d'écran lisent chaque émoji.",
        ),
    ),
    "AS308": Message(
        "warning",
        coded(
            "AS308",
            "Le lien « {value} » ne dit pas où il mène : hors de la phrase, il ne veut rien dire.",
        ),
        coded(
            "AS308",
            "Pour corriger : mettez le lien sur les mots qui disent la destination, par exemple « [le programme de la fête](/agenda/fete/) ».",
        ),
    ),
    "AS309": Message(
        "warning",
        coded("AS309", "Le texte alternatif « {value} » ne décrit pas l'image."),
        coded(
            "AS309",
            "Pour corriger : dites en une phrase ce que montre l'image, par exemple « Des bénévoles plantent des pommiers ».",
        ),
    ),
    "AS310": Message(
        "warning",
        coded(
            "AS310",
            "Un intertitre de niveau {level} est ici, alors que le niveau attendu est {expected} : la page perd sa structure.",
        ),
        coded(
            "AS310",
            "Pour corriger : le titre de la page est le seul niveau 1 ; commencez les intertitres par « ## » et ne sautez pas de niveau.",
        ),
    ),
    "AS311": Message(
        "warning",
        coded(
            "AS311",
            "Ce contenu a {count} étiquettes : au-delà de {limit}, elles ne servent plus à trier.",
        ),
        coded("AS311", "Pour corriger : gardez les {limit} étiquettes les plus utiles."),
    ),
    "AS312": Message(
        "suggestion",
        coded(
            "AS312",
            "L'étiquette « {value} » n'est utilisée qu'ici : sa page ne regroupera qu'un contenu.",
        ),
        coded(
            "AS312",
            "Pour corriger : reprenez une étiquette déjà utilisée sur le site, ou retirez celle-ci.",
        ),
    ),
    "AS313": Message(
        "warning",
        coded(
            "AS313",
            "L'étiquette « {value} » est écrite autrement ailleurs (« {other} ») : le site en ferait deux pages.",
        ),
        coded("AS313", "Pour corriger : écrivez « {other} » partout."),
    ),
    "AS314": Message(
        "warning",
        coded(
            "AS314",
            "Ce titre est presque le même que celui de « {other} » : les lecteurs ne les distingueront pas.",
        ),
        coded(
            "AS314",
            "Pour corriger : donnez un titre qui dit ce qui est propre à ce contenu (date, lieu, nouveauté).",
        ),
    ),
    "AS315": Message(
        "warning",
        coded(
            "AS315",
            "{count} actualités sont publiées en 7 jours (au plus {limit} conseillées) : les dernières noient les premières.",
        ),
        coded(
            "AS315",
            "Pour corriger : étalez-les sur plusieurs semaines en changeant leur date, ou regroupez-les en une seule.",
        ),
    ),
    "AS316": Message(
        "suggestion",
        coded(
            "AS316",
            "Aucune actualité depuis le {value} (plus de {months} mois) : le site a l'air abandonné.",
        ),
        coded(
            "AS316",
            'Pour corriger : publiez une courte actualité sur la vie de l\'association, par exemple avec « assosite new news "Titre" ».',
        ),
    ),
    "AS317": Message(
        "warning",
        coded("AS317", "Cet événement n'a ni lieu ni lien en ligne : personne ne saura où aller."),
        coded(
            "AS317",
            "Pour corriger : ajoutez « location: » (nom, adresse, ville) ou « online: https://… ».",
        ),
    ),
    "AS318": Message(
        "warning",
        coded("AS318", "Cet événement est passé mais reste épinglé en tête des listes."),
        coded("AS318", "Pour corriger : supprimez la ligne « pinned: true »."),
    ),
    "AS319": Message(
        "warning",
        coded(
            "AS319",
            "Le consentement de ce témoignage prend fin le {value}, dans {days} jours : il sera alors retiré du site.",
        ),
        coded(
            "AS319",
            "Pour corriger : demandez à la personne si elle accepte de prolonger, puis mettez à jour « consent » et « consent_expires ».",
        ),
    ),
    "AS320": Message(
        "suggestion",
        coded(
            "AS320",
            "Cette page n'a pas été relue depuis le {value} (plus de {months} mois) : ses informations sont peut-être dépassées.",
        ),
        coded(
            "AS320",
            "Pour corriger : relisez-la, puis indiquez la date de relecture avec « modified: 2026-11-23 ».",
        ),
    ),
    # AS4xx: theme, templates and build
    "AS401": Message(
        "error",
        coded("AS401", "Le thème « {value} » est introuvable."),
        coded(
            "AS401",
            'Pour corriger : écrivez « theme = "default" » ou le chemin d\'un dossier de thème existant.',
        ),
    ),
    "AS402": Message(
        "error",
        coded("AS402", "Le gabarit n'a pas pu être affiché : {detail}."),
        coded(
            "AS402",
            "Pour corriger : vérifiez ce gabarit du thème ; relancez avec --debug pour plus de détails.",
        ),
    ),
    "AS403": Message(
        "warning",
        coded("AS403", "Pelican signale : {detail}"),
        coded("AS403", "Pour corriger : relancez avec --debug pour plus de détails."),
    ),
    "AS405": Message(
        "error",
        coded("AS405", "Pelican signale une erreur : {detail}"),
        coded(
            "AS405",
            "Pour corriger : relancez avec --debug pour plus de détails ; si le problème persiste, signalez-le.",
        ),
    ),
    "AS404": Message(
        "error",
        coded("AS404", "La construction n'a pas pu aller au bout : {detail}."),
        coded(
            "AS404",
            "Pour corriger : relancez avec --debug pour plus de détails ; si le problème persiste, signalez-le.",
        ),
    ),
    "AS410": Message(
        "warning",
        coded(
            "AS410",
            "Le logo « {value} » ne peut pas être lu comme une image : les cartes de partage sont dessinées sans logo.",
        ),
        coded(
            "AS410",
            'Pour corriger : exportez à nouveau le logo en PNG (256 × 256 pixels suffisent), puis indiquez-le avec « logo = "images/logo.png" » dans [cards].',
        ),
    ),
    "AS420": Message(
        "error",
        coded(
            "AS420",
            "Le port {port} de cet ordinateur est déjà utilisé : l'aperçu ne peut pas démarrer.",
        ),
        coded(
            "AS420",
            "Pour corriger : arrêtez l'autre aperçu (Ctrl+C dans sa fenêtre) ou choisissez un autre port, par exemple « assosite serve --port 8001 ».",
        ),
    ),
    # AS5xx: federations (federation.toml, members, portal)
    "AS501": Message(
        "error",
        coded(
            "AS501",
            "Le lien « {value} » mène à un fichier hors du dossier content/ du site : dans une fédération, un membre ne peut pas lire les fichiers des autres.",
        ),
        coded(
            "AS501",
            "Pour corriger : copiez le fichier dans content/images/ ou content/files/ de ce site, puis écrivez par exemple « {{static}}/files/programme.pdf ».",
        ),
    ),
    "AS502": Message(
        "warning",
        coded(
            "AS502",
            "Le HTML « {value} » a été retiré de la page : la fédération n'accepte ni script, ni iframe, ni « onclick », ni lien « javascript: ».",
        ),
        coded(
            "AS502",
            "Pour corriger : écrivez ce passage en Markdown, par exemple « [le programme](https://exemple.fr/programme) » pour un lien.",
        ),
    ),
    "AS503": Message(
        "error",
        coded(
            "AS503",
            "Le réglage Pelican « {key} » n'est pas accepté dans un site membre d'une fédération : il pourrait charger du code ou lire des fichiers hors du site.",
        ),
        coded(
            "AS503",
            "Pour corriger : supprimez cette ligne de [pelican] ; réglages acceptés : {allowed}.",
        ),
    ),
    "AS504": Message(
        "warning",
        coded(
            "AS504",
            "Le fichier « {value} » est ignoré : une fédération n'exécute jamais le code Python d'un membre.",
        ),
        coded(
            "AS504",
            "Pour corriger : mettez ces réglages dans assosite.toml (la section [pelican] pour ceux de Pelican), puis supprimez « {value} ».",
        ),
    ),
    "AS505": Message(
        "error",
        coded(
            "AS505",
            "Le thème « {value} » n'est pas accepté dans un site membre d'une fédération : un thème contient des gabarits, c'est-à-dire du code.",
        ),
        coded(
            "AS505",
            'Pour corriger : écrivez « theme = "{default}" » (le thème fourni avec assosite) ou supprimez la ligne ; les couleurs se règlent dans [brand].',
        ),
    ),
    "AS510": Message(
        "error",
        coded("AS510", "Le dossier « {value} » ne contient pas de fichier federation.toml."),
        coded(
            "AS510",
            "Pour corriger : lancez la commande depuis le dossier de la fédération, ou créez-en une avec « assosite federation init ma-federation ».",
        ),
    ),
    "AS511": Message(
        "error",
        coded(
            "AS511",
            "Le fichier federation.toml n'est pas du TOML valide (colonne {column}) : {detail}.",
        ),
        coded(
            "AS511",
            'Pour corriger : vérifiez les guillemets, les crochets et les signes « = » de cette ligne, par exemple « id = "lyon" ».',
        ),
    ),
    "AS512": Message(
        "error",
        coded(
            "AS512",
            "L'identifiant de membre « {value} » n'est pas valide : il ne doit contenir que des lettres minuscules sans accent, des chiffres et des tirets.",
        ),
        coded("AS512", 'Pour corriger : écrivez par exemple « id = "{example}" ».'),
    ),
    "AS513": Message(
        "error",
        coded("AS513", "L'identifiant de membre « {value} » est déjà pris à la ligne {other}."),
        coded("AS513", "Pour corriger : donnez à chaque membre son propre identifiant."),
    ),
    "AS514": Message(
        "error",
        coded(
            "AS514",
            "L'identifiant de membre « {value} » est réservé : le portail utilise déjà ce dossier.",
        ),
        coded(
            "AS514",
            'Pour corriger : choisissez un autre identifiant, par exemple « id = "{example}" ».',
        ),
    ),
    "AS515": Message(
        "error",
        coded(
            "AS515",
            "Le dossier de membre « {value} » est introuvable dans la fédération, ou ne contient pas de fichier assosite.toml.",
        ),
        coded(
            "AS515",
            'Pour corriger : indiquez le chemin du site depuis federation.toml, par exemple « path = "membres/lyon" », ou créez le site avec « assosite init membres/lyon ».',
        ),
    ),
    "AS516": Message(
        "error",
        coded(
            "AS516",
            "L'adresse « {value} » est sous celle du portail mais pas dans le dossier du membre.",
        ),
        coded(
            "AS516",
            "Pour corriger : écrivez « url = \"{example}\" », ou l'adresse d'un domaine propre au membre.",
        ),
    ),
    "AS517": Message(
        "error",
        coded(
            "AS517",
            "Le portail a une page « {value} » qui porte le nom du dossier d'un membre : elle n'a pas été publiée.",
        ),
        coded(
            "AS517",
            "Pour corriger : donnez à cette page du portail une autre adresse (« slug: {value}-reseau »).",
        ),
    ),
    "AS518": Message(
        "error",
        coded("AS518", "Le fichier federation.toml ne liste aucun membre."),
        coded(
            "AS518",
            'Pour corriger : ajoutez un bloc par membre : « [[members]] », puis « id = "lyon" » et « path = "membres/lyon" ».',
        ),
    ),
    "AS519": Message(
        "error",
        coded("AS519", "Le membre « {value} » demandé avec --only n'existe pas.{did_you_mean}"),
        coded("AS519", "Pour corriger : choisissez parmi {allowed}."),
    ),
    "AS530": Message(
        "error",
        coded(
            "AS530", "La construction de ce membre s'est arrêtée sur une erreur interne : {detail}."
        ),
        coded(
            "AS530",
            "Pour corriger : lancez « assosite build » dans son dossier avec --debug pour voir le détail ; sa version précédente reste en ligne.",
        ),
    ),
    "AS531": Message(
        "error",
        coded(
            "AS531",
            "La construction de ce membre a dépassé {seconds} secondes : elle a été arrêtée.",
        ),
        coded(
            "AS531",
            "Pour corriger : cherchez ce qui la ralentit (images très lourdes, milliers de pages) ou augmentez « timeout » dans [federation] ; sa version précédente reste en ligne.",
        ),
    ),
    "AS532": Message(
        "error",
        coded(
            "AS532", "Le portail n'a pas pu être construit : sa version précédente reste en ligne."
        ),
        coded(
            "AS532",
            "Pour corriger : corrigez les problèmes signalés juste avant, puis relancez « assosite federation build --portal-only ».",
        ),
    ),
    # AS26x: importing a site from WordPress, Hugo, Jekyll or Pelican (assosite import)
    "AS260": Message(
        "suggestion",
        coded(
            "AS260",
            "« {title} » n'est pas importé : il est « {value} » dans l'ancien site (brouillon, privé, protégé par un mot de passe ou à la corbeille).",
        ),
        coded(
            "AS260",
            "Pour corriger : rien à faire s'il ne doit pas être publié ; sinon publiez-le dans l'ancien site et importez de nouveau, ou créez-le avec « assosite new ».",
        ),
    ),
    "AS261": Message(
        "suggestion",
        coded(
            "AS261",
            "« {title} » n'est pas importé : les éléments « {value} » de l'ancien site n'ont pas d'équivalent dans le site.",
        ),
        coded(
            "AS261",
            "Pour corriger : rien à faire pour les menus et les révisions ; pour un autre contenu, recopiez-le dans une page avec « assosite new page ».",
        ),
    ),
    "AS262": Message(
        "warning",
        coded(
            "AS262",
            "Le fichier « {value} » (image ou document) est introuvable : il n'est pas copié dans le site (le texte garde un lien vers l'ancienne adresse).",
        ),
        coded(
            "AS262",
            "Pour corriger : indiquez le dossier wp-content/uploads copié depuis l'hébergement avec « --uploads », ou relancez avec « --download », ou placez le fichier dans content/images/ (ou content/files/) et changez le lien.",
        ),
    ),
    "AS263": Message(
        "warning",
        coded(
            "AS263",
            "Le code « {value} » de l'ancien site n'a pas d'équivalent : il est retiré du texte (son contenu éventuel est gardé).",
        ),
        coded(
            "AS263",
            "Pour corriger : relisez ce passage dans le fichier importé et remplacez-le à la main par un lien, une image ou du texte.",
        ),
    ),
    "AS264": Message(
        "warning",
        coded(
            "AS264",
            "Ce fichier de l'ancien site n'a pas pu être lu ({detail}) : il n'est pas importé, les autres le sont.",
        ),
        coded(
            "AS264",
            "Pour corriger : corrigez l'en-tête du fichier d'origine à cette ligne, puis relancez l'import.",
        ),
    ),
    "AS265": Message(
        "warning",
        coded(
            "AS265",
            "Le fichier « {value} » existe déjà dans le site : il n'est pas remplacé.",
        ),
        coded(
            "AS265",
            "Pour corriger : relancez l'import avec « --force » pour le remplacer, ou déplacez d'abord votre version.",
        ),
    ),
    "AS266": Message(
        "warning",
        coded(
            "AS266",
            "« {title} » n'est pas importé : il lui manque « {key} ».",
        ),
        coded(
            "AS266",
            "Pour corriger : donnez-lui « {key} » dans l'ancien site (dans l'en-tête du fichier, ou dans WordPress), par exemple « {key}: {example} », puis relancez l'import.",
        ),
    ),
    "AS267": Message(
        "suggestion",
        coded(
            "AS267",
            "{count} commentaires de l'ancien site ne sont pas importés : un site assosite n'a pas de commentaires.",
        ),
        coded(
            "AS267",
            "Pour corriger : rien à faire ; gardez le fichier d'export si vous voulez les conserver.",
        ),
    ),
    "AS268": Message(
        "warning",
        coded(
            "AS268",
            "L'illustration « {value} » n'a pas de texte alternatif dans l'ancien site : elle est copiée mais pas mise en illustration.",
        ),
        coded(
            "AS268",
            "Pour corriger : décrivez-la dans le fichier importé avec « image: {value} » et « image_alt: Ce que montre l'image ».",
        ),
    ),
    "AS269": Message(
        "warning",
        coded(
            "AS269",
            "La ligne « {value} » du fichier des redirections n'est pas une redirection : elle est ignorée.",
        ),
        coded(
            "AS269",
            "Pour corriger : écrivez l'ancienne adresse puis la nouvelle, séparées par une espace, par exemple « /2019/04/fete/ /actualites/fete/ ».",
        ),
    ),
    "AS270": Message(
        "error",
        coded("AS270", "La fréquence « {value} » de la répétition n'est pas comprise."),
        coded(
            "AS270",
            "Pour corriger : écrivez « every: week » (ou day, month, year ; en français : jour, semaine, mois, année), ou les jours dans « on: mardi ».",
        ),
    ),
    "AS271": Message(
        "error",
        coded("AS271", "Le jour « {value} » de la répétition n'est pas compris."),
        coded(
            "AS271",
            "Pour corriger : écrivez des jours de la semaine, un rang et un jour, ou un jour du mois, par exemple « on: premier samedi », « on: [mardi, jeudi] » ou « on: 15 ».",
        ),
    ),
    "AS272": Message(
        "error",
        coded(
            "AS272",
            "La règle de répétition « {value} » n'est pas comprise (à « {part} »).",
        ),
        coded(
            "AS272",
            "Pour corriger : écrivez une règle RFC 5545 avec FREQ=DAILY, WEEKLY, MONTHLY ou YEARLY et, au besoin, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT ou UNTIL, par exemple « rrule: FREQ=MONTHLY;BYDAY=1SA », ou bien « repeat: premier samedi du mois ».",
        ),
    ),
    "AS273": Message(
        "error",
        coded(
            "AS273", "La répétition « {rule} » ne donne aucune date : l'événement n'est pas publié."
        ),
        coded(
            "AS273",
            "Pour corriger : vérifiez que la fin de la répétition vient après « start » et que « except » n'enlève pas toutes les dates, par exemple « until: {example} ».",
        ),
    ),
    "AS274": Message(
        "error",
        coded(
            "AS274",
            "La répétition « {rule} » donne plus de {most} dates en {years} ans : l'événement n'est pas publié.",
        ),
        coded(
            "AS274",
            "Pour corriger : donnez-lui une fin, par exemple « until: {example} », ou répétez-la moins souvent, par exemple « every: week ».",
        ),
    ),
    "AS275": Message(
        "warning",
        coded(
            "AS275",
            "La date « {value} » de « {key} » n'est pas une date de la répétition : elle est ignorée.",
        ),
        coded(
            "AS275",
            "Pour corriger : indiquez une date que la répétition donne, par exemple « {example} ».",
        ),
    ),
    "AS276": Message(
        "error",
        coded("AS276", "« {key} » et « {other} » ne vont pas ensemble dans une même répétition."),
        coded(
            "AS276",
            "Pour corriger : gardez l'un des deux, par exemple « until: 2026-12-31 » sans « count », ou « rrule: {example} » sans « every » ni « on ».",
        ),
    ),
    "AS277": Message(
        "error",
        coded(
            "AS277",
            "Le jour « {value} » ne va pas avec « every: {every} » : un rang (« premier samedi ») ou un jour du mois (« 15 ») se compte dans le mois.",
        ),
        coded(
            "AS277",
            "Pour corriger : écrivez « every: month » avec « on: premier samedi », ou un jour seul avec « every: week », par exemple « on: samedi ».",
        ),
    ),
}

# Values that are French phrases chosen by assosite (marked with N_), shown translated.
PHRASES = frozenset({"expected_kind", "label", "background_name", "reason", "detail"})

SEVERITY_LABELS = {
    "error": N_("erreur"),
    "warning": N_("avertissement"),
    "suggestion": N_("suggestion"),
}


def default_severity(code: str) -> str:
    """Return the default severity of ``code``.

    Raises:
        KeyError: when the code is not in the catalogue (a bug in assosite).
    """
    return CATALOGUE[code].severity


def placeholders(text: str) -> set[str]:
    """Return the named placeholders used in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class _Params(dict):
    """Message parameters that render a missing optional placeholder as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, lang: str, params: dict[str, Any]) -> tuple[str, str]:
    """Return the (what, fix) sentences of ``code`` in ``lang``, filled with ``params``.

    The *fix* sentence starts with « Pour corriger : » / "To fix:" as the catalogue
    writes it.
    """
    message = CATALOGUE[code]
    texts = translations(lang)
    values = _Params({k: _display(k, v, lang) for k, v in params.items()})
    if params.get("hint"):
        values["did_you_mean"] = gettext_in(lang, " Vouliez-vous dire « {hint} » ?").format(
            hint=values["hint"]
        )
    what = texts.pgettext(code, message.what).format_map(values)
    fix = texts.pgettext(code, message.fix).format_map(values)
    if lang == "fr":
        return french_typography(what), french_typography(fix)
    return what, fix


_NBSP_BEFORE = re.compile(r" ([:;?!»])")
_NBSP_AFTER = re.compile(r"« ")


def french_typography(text: str) -> str:
    """Put a no-break space before « : ; ? ! » and inside French quotes.

    Volunteers' values keep their own spaces except around these signs, which is
    what French typography asks for and what screen readers handle well.
    """
    return _NBSP_AFTER.sub("«\u00a0", _NBSP_BEFORE.sub("\u00a0\\1", text))


def decimal(value: float, lang: str, pattern: str = "0.##") -> str:
    """Write a number with the decimal sign of ``lang``: « 3,21 » and "3.21"."""
    return format_decimal(value, format=pattern, locale=lang)


def _display(key: str, value: Any, lang: str) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return decimal(value, lang)
    if key in PHRASES and isinstance(value, str):
        return translations(lang).gettext(value)
    return str(value)


def severity_label(severity: str, lang: str) -> str:
    """Return the word for ``severity`` in ``lang``."""
    return translations(lang).gettext(SEVERITY_LABELS[str(severity)])


def _counts(lang: str, errors: int, warnings: int, suggestions: int) -> str:
    parts = [
        ngettext_in(lang, "{n} erreur", "{n} erreurs", errors).format(n=errors),
        ngettext_in(lang, "{n} avertissement", "{n} avertissements", warnings).format(n=warnings),
    ]
    if suggestions:
        parts.append(
            ngettext_in(lang, "{n} suggestion", "{n} suggestions", suggestions).format(
                n=suggestions
            )
        )
    return ", ".join(parts)


def summary(lang: str, **facts: Any) -> str:
    """Return the closing sentence of a build or a check.

    Args:
        lang: the reader's language (``fr``, ``en``).
        **facts: ``errors``, ``warnings``, ``suggestions``, ``files``, ``failed``,
            ``published``, ``reused``, ``check``, ``pages``, ``seconds``, ``output``.

    Returns:
        One or more sentences with plural forms (French typography in French).
    """
    counts = _counts(lang, facts["errors"], facts["warnings"], facts["suggestions"])
    problems = facts["errors"] or facts["warnings"]
    files, pages = facts["files"], facts["pages"]
    where = ngettext_in(lang, " dans {n} fichier", " dans {n} fichiers", files).format(n=files)
    where = where if files else ""
    if facts["check"]:
        text = (
            gettext_in(lang, "{counts}{where}.").format(counts=counts, where=where)
            if problems
            else gettext_in(lang, "Aucun problème trouvé.")
        )
    elif not facts["published"]:
        text = gettext_in(
            lang,
            "{counts}{where}. Rien n'a été publié ; la version précédente du site reste en ligne.",
        ).format(counts=counts, where=where)
    else:
        seconds = decimal(facts["seconds"], lang, "0.0")
        if facts.get("reused"):
            built = ngettext_in(
                lang,
                "Rien n'a changé depuis la dernière construction : {output} est à jour "
                "({n} page, vérifié en {seconds} s).",
                "Rien n'a changé depuis la dernière construction : {output} est à jour "
                "({n} pages, vérifié en {seconds} s).",
                pages,
            )
        else:
            built = ngettext_in(
                lang,
                "Site construit dans {output} : {n} page en {seconds} s.",
                "Site construit dans {output} : {n} pages en {seconds} s.",
                pages,
            )
        built = built.format(output=facts["output"], n=pages, seconds=seconds)
        if facts["failed"]:
            text = gettext_in(
                lang,
                "{counts}{where}. {built} Les fichiers en erreur ont été laissés de côté ; "
                "une publication automatique s'arrête ici et la version précédente reste "
                "en ligne.",
            ).format(counts=counts, where=where, built=built)
        elif problems:
            text = gettext_in(lang, "{built} {counts}{where}.").format(
                built=built, counts=counts, where=where
            )
        else:
            text = gettext_in(lang, "{built} Aucun problème.").format(built=built)
    return french_typography(text) if lang == "fr" else text
