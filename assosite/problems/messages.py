"""French and English texts of every problem code, and the closing summaries.

Each code has a default severity, a *what* sentence (quoting the volunteer's value) and
a *fix* sentence (with one valid example), in French and in English, with the same
named placeholders. Codes are stable forever: AS1xx settings, AS2xx content,
AS3xx editorial rules, AS4xx theme and build, AS5xx federation.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Message:
    """The texts of one problem code.

    Attributes:
        severity: default severity (``error``, ``warning`` or ``suggestion``).
        fr: French (what, fix).
        en: English (what, fix).
    """

    severity: str
    fr: tuple[str, str]
    en: tuple[str, str]


CATALOGUE: dict[str, Message] = {
    # AS1xx: site configuration (assosite.toml)
    "AS101": Message(
        "error",
        (
            "Le fichier de configuration n'est pas du TOML valide (colonne {column}) : {detail}.",
            'Pour corriger : vérifiez les guillemets, les crochets et les signes « = » de cette ligne, par exemple « name = "Les Amis du Parc" ».',
        ),
        (
            "The configuration file is not valid TOML (column {column}): {detail}.",
            'To fix: check the quotes, brackets and "=" signs on this line, for example \'name = "Les Amis du Parc"\'.',
        ),
    ),
    "AS102": Message(
        "warning",
        (
            "Le réglage « {key} » est inconnu dans la section [{table}].{hint_fr}",
            "Pour corriger : corrigez son nom ou supprimez la ligne ; réglages possibles : {allowed}.",
        ),
        (
            'The setting "{key}" is unknown in the [{table}] section.{hint_en}',
            "To fix: correct its name or delete the line; possible settings: {allowed}.",
        ),
    ),
    "AS103": Message(
        "error",
        (
            "Le réglage « {key} » doit être {expected_fr}, pas « {value} ».",
            "Pour corriger : écrivez par exemple « {key} = {example} ».",
        ),
        (
            'The setting "{key}" must be {expected_en}, not "{value}".',
            'To fix: write for example "{key} = {example}".',
        ),
    ),
    "AS104": Message(
        "error",
        (
            "Le réglage obligatoire « {key} » manque dans la section [{table}].",
            "Pour corriger : ajoutez sous [{table}] une ligne comme « {key} = {example} ».",
        ),
        (
            'The required setting "{key}" is missing from the [{table}] section.',
            'To fix: add under [{table}] a line such as "{key} = {example}".',
        ),
    ),
    "AS105": Message(
        "error",
        (
            "La langue « {value} » n'est pas prise en charge.",
            'Pour corriger : écrivez « language = "fr" » ou « language = "en" ».',
        ),
        (
            'The language "{value}" is not supported.',
            "To fix: write 'language = \"fr\"' or 'language = \"en\"'.",
        ),
    ),
    "AS106": Message(
        "error",
        (
            "Le fuseau horaire « {value} » est inconnu.{hint_fr}",
            'Pour corriger : donnez un nom de fuseau IANA, par exemple « timezone = "Europe/Paris" ».',
        ),
        (
            'The time zone "{value}" is unknown.{hint_en}',
            "To fix: give an IANA time zone name, for example 'timezone = \"Europe/Paris\"'.",
        ),
    ),
    "AS107": Message(
        "error",
        (
            "La couleur « {value} » de « {key} » n'est pas une couleur hexadécimale.",
            'Pour corriger : écrivez six chiffres hexadécimaux après un #, par exemple « {key} = "#1d5c4d" ».',
        ),
        (
            'The colour "{value}" of "{key}" is not a hexadecimal colour.',
            "To fix: write six hexadecimal digits after a #, for example '{key} = \"#1d5c4d\"'.",
        ),
    ),
    "AS108": Message(
        "error",
        (
            "L'adresse « {value} » de « {key} » n'est pas une adresse web complète.",
            'Pour corriger : commencez par https://, par exemple « {key} = "https://mon-asso.fr" ».',
        ),
        (
            'The address "{value}" of "{key}" is not a complete web address.',
            "To fix: start with https://, for example '{key} = \"https://my-association.org\"'.",
        ),
    ),
    "AS109": Message(
        "error",
        (
            "Le dossier « {site} » ne contient pas de fichier assosite.toml.",
            "Pour corriger : lancez la commande depuis le dossier du site, ou créez un site avec « assosite init mon-site ».",
        ),
        (
            'The folder "{site}" has no assosite.toml file.',
            'To fix: run the command from the site folder, or create a site with "assosite init my-site".',
        ),
    ),
    "AS110": Message(
        "error",
        (
            "Le fichier « {value} » indiqué par « {key} » n'existe pas dans content/.",
            'Pour corriger : placez le fichier dans content/images/ et écrivez « {key} = "images/logo.svg" ».',
        ),
        (
            'The file "{value}" given by "{key}" does not exist in content/.',
            "To fix: put the file in content/images/ and write '{key} = \"images/logo.svg\"'.",
        ),
    ),
    "AS111": Message(
        "error",
        (
            "Le réglage Pelican « {key} » ne peut pas être changé dans [pelican] : {reason_fr}.",
            "Pour corriger : supprimez cette ligne de [pelican] ; assosite règle « {key} » lui-même.",
        ),
        (
            'The Pelican setting "{key}" cannot be changed in [pelican]: {reason_en}.',
            'To fix: delete this line from [pelican]; assosite sets "{key}" itself.',
        ),
    ),
    "AS112": Message(
        "error",
        (
            "Le dossier de sortie « {output} » contient le site lui-même ; le remplacer effacerait vos fichiers.",
            "Pour corriger : choisissez un dossier à part, par exemple « --output output ».",
        ),
        (
            'The output folder "{output}" contains the site itself; replacing it would delete your files.',
            'To fix: choose a separate folder, for example "--output output".',
        ),
    ),
    "AS113": Message(
        "error",
        (
            "Le dossier de sortie « {output} » contient déjà des fichiers qui ne viennent pas d'assosite ; il ne sera pas remplacé.",
            "Pour corriger : choisissez un dossier vide ou nouveau, par exemple « --output output ».",
        ),
        (
            'The output folder "{output}" already holds files that assosite did not make; it will not be replaced.',
            'To fix: choose an empty or new folder, for example "--output output".',
        ),
    ),
    "AS120": Message(
        "error",
        (
            "La couleur « {value} » de « {key} » n'a qu'un contraste de {ratio_fr}:1 avec {background_fr} ({background}) : il faut au moins {minimum_fr}:1 pour que tout le monde puisse lire.",
            'Pour corriger : prenez une teinte proche mais plus contrastée, par exemple « {key} = "{suggestion}" » (contraste {suggestion_ratio_fr}:1).',
        ),
        (
            'The colour "{value}" of "{key}" has a contrast of only {ratio_en}:1 with {background_en} ({background}): at least {minimum_en}:1 is needed for everyone to read it.',
            "To fix: use a close but more contrasted shade, for example '{key} = \"{suggestion}\"' (contrast {suggestion_ratio_en}:1).",
        ),
    ),
    "AS130": Message(
        "error",
        (
            "Le dossier « {value} » existe déjà et n'est pas vide : rien n'a été copié.",
            "Pour corriger : choisissez un nouveau dossier, ou ajoutez --force pour y copier le site de départ (vos autres fichiers sont gardés).",
        ),
        (
            'The folder "{value}" already exists and is not empty: nothing was copied.',
            "To fix: choose a new folder, or add --force to copy the starter site into it (your other files are kept).",
        ),
    ),
    "AS131": Message(
        "error",
        (
            "Le fichier « {value} » existe déjà : il n'a pas été remplacé.",
            "Pour corriger : choisissez un autre titre, ou modifiez le fichier existant.",
        ),
        (
            'The file "{value}" already exists: it was not replaced.',
            "To fix: choose another title, or edit the existing file.",
        ),
    ),
    "AS140": Message(
        "error",
        (
            "Le logo des cartes de partage « {value} » n'est pas une image PNG, JPEG ou WebP : les cartes ne peuvent pas le dessiner.",
            'Pour corriger : exportez le logo en PNG dans content/images/, puis écrivez « {key} = "images/logo.png" » dans [cards].',
        ),
        (
            'The sharing card logo "{value}" is not a PNG, JPEG or WebP image: cards cannot draw it.',
            "To fix: export the logo as PNG into content/images/, then write '{key} = \"images/logo.png\"' in [cards].",
        ),
    ),
    "AS150": Message(
        "error",
        (
            "La largeur « {value} » de « {key} » n'est pas une largeur d'image possible.",
            "Pour corriger : donnez des nombres entiers de pixels entre 16 et 8000, par exemple « widths = [480, 960, 1600] ».",
        ),
        (
            'The width "{value}" in "{key}" is not a possible image width.',
            'To fix: give whole numbers of pixels between 16 and 8000, for example "widths = [480, 960, 1600]".',
        ),
    ),
    "AS151": Message(
        "error",
        (
            "Le format d'image « {value} » n'est pas connu (ou n'est pas disponible sur cet ordinateur).",
            'Pour corriger : écrivez « {key} = "webp" » (conseillé), « "avif" » ou « "none" » pour garder seulement le format d\'origine.',
        ),
        (
            'The image format "{value}" is not known (or not available on this computer).',
            "To fix: write '{key} = \"webp\"' (recommended), '\"avif\"' or '\"none\"' to keep the original format only.",
        ),
    ),
    "AS152": Message(
        "error",
        (
            "La valeur {value} de « {key} » est hors des limites : entre {low} et {high}.",
            "Pour corriger : choisissez un nombre entre {low} et {high}, ou supprimez la ligne pour garder la valeur par défaut.",
        ),
        (
            'The value {value} of "{key}" is out of range: between {low} and {high}.',
            "To fix: choose a number between {low} and {high}, or delete the line to keep the default.",
        ),
    ),
    "AS160": Message(
        "error",
        (
            "Le fichier de réglages « {file} » ne peut pas être lu : {detail}.",
            'Pour corriger : vérifiez que le fichier existe et que c\'est du TOML valide, par exemple « [site] » puis « theme = "default" ».',
        ),
        (
            'The settings file "{file}" cannot be read: {detail}.',
            'To fix: check that the file exists and is valid TOML, for example "[site]" then \'theme = "default"\'.',
        ),
    ),
    # AS2xx: content files
    "AS201": Message(
        "error",
        (
            "L'en-tête du fichier est mal écrit : {detail_fr}.",
            "Pour corriger : écrivez une information par ligne, sous la forme « clé: valeur », par exemple « title: Fête de quartier ».",
        ),
        (
            "The file header is badly written: {detail}.",
            'To fix: write one piece of information per line as "key: value", for example "title: Neighbourhood party".',
        ),
    ),
    "AS202": Message(
        "error",
        (
            "L'information obligatoire « {key} » ({label_fr}) manque dans l'en-tête.",
            "Pour corriger : ajoutez dans l'en-tête, entre les lignes « --- », une ligne comme « {key}: {example} ».",
        ),
        (
            'The required "{key}" ({label_en}) is missing from the header.',
            'To fix: add to the header, between the "---" lines, a line such as "{key}: {example}".',
        ),
    ),
    "AS203": Message(
        "error",
        (
            "La date de fin « {end} » est avant la date de début « {start} ».",
            "Pour corriger : indiquez une fin après le début, par exemple « end: {example} ».",
        ),
        (
            'The end date "{end}" is before the start date "{start}".',
            'To fix: give an end after the start, for example "end: {example}".',
        ),
    ),
    "AS204": Message(
        "error",
        (
            "La date « {value} » de « {key} » n'est pas une date valide.",
            "Pour corriger : écrivez l'année, le mois et le jour, puis l'heure si besoin, par exemple « {key}: 2026-03-14 18:30 ».",
        ),
        (
            'The date "{value}" of "{key}" is not a valid date.',
            'To fix: write the year, month and day, then the time if needed, for example "{key}: 2026-03-14 18:30".',
        ),
    ),
    "AS205": Message(
        "error",
        (
            "« {key} » doit être {expected_fr}, pas « {value} ».",
            "Pour corriger : écrivez par exemple « {key}: {example} ».",
        ),
        (
            '"{key}" must be {expected_en}, not "{value}".',
            'To fix: write for example "{key}: {example}".',
        ),
    ),
    "AS206": Message(
        "warning",
        (
            "L'information « {key} » est inconnue et sera ignorée.{hint_fr}",
            "Pour corriger : corrigez son nom ou supprimez la ligne ; informations possibles : {allowed}.",
        ),
        (
            '"{key}" is unknown and will be ignored.{hint_en}',
            "To fix: correct its name or delete the line; possible keys: {allowed}.",
        ),
    ),
    "AS207": Message(
        "error",
        (
            "L'image « {value} » n'a pas de texte alternatif : une personne aveugle ne saura pas ce qu'elle montre.",
            'Pour corriger : décrivez l\'image en une phrase avec « {alt_key}: Des bénévoles plantent des tomates » ; si elle est purement décorative, ajoutez « decorative: true » et « {alt_key}: "" ».',
        ),
        (
            'The image "{value}" has no text alternative: a blind person will not know what it shows.',
            'To fix: describe the image in one sentence with "{alt_key}: Volunteers planting tomatoes"; if it is purely decorative, add "decorative: true" and \'{alt_key}: ""\'.',
        ),
    ),
    "AS208": Message(
        "error",
        (
            "L'image « {value} » est introuvable dans le dossier content/.",
            "Pour corriger : vérifiez le nom du fichier (majuscules, accents, extension) et placez-le dans content/images/, puis écrivez « {key}: images/nom-du-fichier.jpg ».",
        ),
        (
            'The image "{value}" cannot be found in the content/ folder.',
            'To fix: check the file name (capitals, accents, extension), put it in content/images/, then write "{key}: images/file-name.jpg".',
        ),
    ),
    "AS209": Message(
        "error",
        (
            "Ce témoignage n'a pas de date de consentement : il ne peut pas être publié.",
            "Pour corriger : une fois l'accord de la personne obtenu, ajoutez la date de cet accord, par exemple « consent: 2026-03-01 ».",
        ),
        (
            "This testimony has no consent date: it cannot be published.",
            'To fix: once the person has agreed, add the date of their agreement, for example "consent: 2026-03-01".',
        ),
    ),
    "AS210": Message(
        "warning",
        (
            "Le consentement de ce témoignage a expiré le {value} : il n'est plus publié.",
            "Pour corriger : demandez à nouveau l'accord de la personne et mettez à jour « consent » et « consent_expires », ou supprimez le fichier.",
        ),
        (
            "The consent for this testimony expired on {value}: it is no longer published.",
            'To fix: ask the person again and update "consent" and "consent_expires", or delete the file.',
        ),
    ),
    "AS211": Message(
        "error",
        (
            "L'adresse « {url} » est déjà utilisée par « {other} » : ce fichier n'est pas publié.",
            "Pour corriger : donnez à l'un des deux un autre nom court, par exemple « slug: {example} ».",
        ),
        (
            'The address "{url}" is already used by "{other}": this file is not published.',
            'To fix: give one of them another short name, for example "slug: {example}".',
        ),
    ),
    "AS212": Message(
        "error",
        (
            "Le fichier est vide.",
            'Pour corriger : créez-le avec « assosite new news "Mon titre" », ou supprimez-le.',
        ),
        (
            "The file is empty.",
            "To fix: create it with 'assosite new news \"My title\"', or delete it.",
        ),
    ),
    "AS213": Message(
        "error",
        (
            "Le type « {value} » est inconnu.",
            "Pour corriger : écrivez « type: news », « type: event », « type: testimony » ou « type: page ».",
        ),
        (
            'The type "{value}" is unknown.',
            'To fix: write "type: news", "type: event", "type: testimony" or "type: page".',
        ),
    ),
    "AS214": Message(
        "warning",
        (
            "Ce fichier n'est dans aucun dossier de contenu : il n'est pas publié.",
            "Pour corriger : déplacez-le dans content/news/, content/events/, content/testimonies/ ou content/pages/.",
        ),
        (
            "This file is in no content folder: it is not published.",
            "To fix: move it to content/news/, content/events/, content/testimonies/ or content/pages/.",
        ),
    ),
    "AS215": Message(
        "error",
        (
            "La valeur « {value} » de « {key} » n'est pas possible.",
            "Pour corriger : choisissez parmi {allowed}.",
        ),
        ('The value "{value}" of "{key}" is not possible.', "To fix: choose one of {allowed}."),
    ),
    "AS216": Message(
        "warning",
        (
            "« {key} » donne un décalage horaire (« {value} ») mais pas « {other} » : « {other} » est lu à l'heure de {timezone}.",
            "Pour corriger : écrivez les deux dates de la même façon, sans décalage, par exemple « {key}: 2026-03-14 18:30 ».",
        ),
        (
            '"{key}" gives a UTC offset ("{value}") but "{other}" does not: "{other}" is read in {timezone} time.',
            'To fix: write both dates the same way, without an offset, for example "{key}: 2026-03-14 18:30".',
        ),
    ),
    "AS217": Message(
        "error",
        (
            "Le début « {start} » et la fin « {end} » ne sont pas de la même sorte : l'un a une heure, l'autre non.",
            "Pour corriger : pour un événement sur la journée, donnez deux dates sans heure (« end: 2026-03-15 ») ; sinon, donnez une heure aux deux.",
        ),
        (
            'The start "{start}" and the end "{end}" are not of the same kind: one has a time, the other does not.',
            'To fix: for an all-day event, give two dates without time ("end: 2026-03-15"); otherwise give both a time.',
        ),
    ),
    "AS218": Message(
        "error",
        (
            "L'adresse « {value} » de « {key} » n'est pas un lien valide.",
            "Pour corriger : écrivez une adresse complète qui commence par https://, ou une page du site qui commence par /, par exemple « {key}: https://exemple.org/inscription ».",
        ),
        (
            'The address "{value}" of "{key}" is not a valid link.',
            'To fix: write a complete address starting with https://, or a site page starting with /, for example "{key}: https://example.org/register".',
        ),
    ),
    "AS219": Message(
        "error",
        (
            "Le fuseau horaire « {value} » est inconnu.{hint_fr}",
            "Pour corriger : donnez un nom de fuseau IANA, par exemple « timezone: Europe/Paris » ou « timezone: America/Martinique ».",
        ),
        (
            'The time zone "{value}" is unknown.{hint_en}',
            'To fix: give an IANA time zone name, for example "timezone: Europe/Paris" or "timezone: America/Martinique".',
        ),
    ),
    "AS220": Message(
        "warning",
        (
            "Le titre contient des balises HTML (« {value} ») : elles seront affichées telles quelles.",
            "Pour corriger : écrivez le titre en texte simple, sans « < » ni « > ».",
        ),
        (
            'The title contains HTML tags ("{value}"): they will be shown as plain text.',
            'To fix: write the title as plain text, without "<" or ">".',
        ),
    ),
    "AS221": Message(
        "error",
        (
            "L'en-tête contient une tabulation : les informations doivent être alignées avec des espaces.",
            "Pour corriger : remplacez la tabulation de cette ligne par deux espaces.",
        ),
        (
            "The header contains a tab: information must be aligned with spaces.",
            "To fix: replace the tab on this line with two spaces.",
        ),
    ),
    "AS222": Message(
        "error",
        (
            "L'en-tête commence par « {fence} » mais n'est jamais fermé.",
            "Pour corriger : ajoutez une ligne « {fence} » seule à la fin de l'en-tête, avant le texte.",
        ),
        (
            'The header starts with "{fence}" but is never closed.',
            'To fix: add a line with only "{fence}" at the end of the header, before the text.',
        ),
    ),
    "AS223": Message(
        "warning",
        (
            "L'information « {key} » est écrite deux fois dans l'en-tête (aussi ligne {other}) : seule la dernière compte.",
            "Pour corriger : gardez une seule ligne « {key}: … ».",
        ),
        (
            '"{key}" is written twice in the header (also on line {other}): only the last one counts.',
            'To fix: keep a single "{key}: …" line.',
        ),
    ),
    "AS224": Message(
        "error",
        (
            "Le fichier n'est pas enregistré en UTF-8 : {detail}.",
            "Pour corriger : dans votre éditeur, choisissez « Enregistrer sous… » puis l'encodage « UTF-8 ».",
        ),
        (
            "The file is not saved as UTF-8: {detail}.",
            'To fix: in your editor, choose "Save as…" and the "UTF-8" encoding.',
        ),
    ),
    "AS225": Message(
        "error",
        (
            "L'adresse courte « {value} » est réservée par le site ({url}).",
            "Pour corriger : choisissez un autre nom, par exemple « slug: {example} ».",
        ),
        (
            'The short name "{value}" is reserved by the site ({url}).',
            'To fix: choose another name, for example "slug: {example}".',
        ),
    ),
    "AS226": Message(
        "error",
        (
            "L'en-tête du fichier n'est pas une liste d'informations « clé: valeur ».",
            "Pour corriger : écrivez une information par ligne, par exemple « title: Fête de quartier ».",
        ),
        (
            'The file header is not a list of "key: value" information.',
            'To fix: write one piece of information per line, for example "title: Neighbourhood party".',
        ),
    ),
    "AS227": Message(
        "error",
        (
            "Le « : » au milieu de « {key} » coupe la ligne en deux.",
            "Pour corriger : mettez la valeur entre guillemets droits, par exemple « {example} ».",
        ),
        (
            'The ":" in the middle of "{key}" splits the line in two.',
            "To fix: put the value between straight quotes, for example '{example}'.",
        ),
    ),
    "AS230": Message(
        "warning",
        (
            "L'image de partage « {value} » n'est pas une image PNG, JPEG ou WebP : les réseaux sociaux ne l'affichent pas. La carte de partage dessinée par assosite est utilisée à sa place.",
            "Pour corriger : choisissez une photo JPEG ou PNG d'environ 1200 × 630 pixels, par exemple « card_image: images/fete.jpg », ou retirez la ligne « card_image ».",
        ),
        (
            'The sharing image "{value}" is not a PNG, JPEG or WebP image: social networks do not show it. The sharing card drawn by assosite is used instead.',
            'To fix: choose a JPEG or PNG photo of about 1200 × 630 pixels, for example "card_image: images/party.jpg", or remove the "card_image" line.',
        ),
    ),
    "AS231": Message(
        "error",
        (
            "L'image de partage « {value} » n'a pas de texte alternatif : une personne aveugle ne saura pas ce que montre l'aperçu.",
            "Pour corriger : décrivez l'image en une phrase avec « card_image_alt: Des bénévoles plantent des tomates ».",
        ),
        (
            'The sharing image "{value}" has no text alternative: a blind person will not know what the preview shows.',
            'To fix: describe the image in one sentence with "card_image_alt: Volunteers planting tomatoes".',
        ),
    ),
    "AS240": Message(
        "error",
        (
            "L'image « {value} » du texte est introuvable dans le dossier content/.",
            "Pour corriger : vérifiez le nom du fichier (majuscules, accents, extension), placez-le dans content/images/, puis écrivez « ![Description de l'image](images/nom-du-fichier.jpg) ».",
        ),
        (
            'The image "{value}" in the text cannot be found in the content/ folder.',
            'To fix: check the file name (capitals, accents, extension), put it in content/images/, then write "![Description of the image](images/file-name.jpg)".',
        ),
    ),
    "AS241": Message(
        "warning",
        (
            "Cette image est abîmée ou illisible ({detail_fr}) : elle n'est pas publiée, le reste du site l'est.",
            "Pour corriger : ouvrez-la sur votre ordinateur puis enregistrez-la de nouveau en JPEG (photo) ou en PNG (dessin), ou remplacez-la par une autre copie.",
        ),
        (
            "This image is damaged or unreadable ({detail}): it is not published, the rest of the site is.",
            "To fix: open it on your computer and save it again as JPEG (photo) or PNG (drawing), or replace it with another copy.",
        ),
    ),
    "AS242": Message(
        "warning",
        (
            "Les images « {suffix} » ne s'affichent pas dans tous les navigateurs : celle-ci n'est pas publiée.",
            "Pour corriger : enregistrez-la en JPEG (photo) ou en PNG (dessin), par exemple avec « Exporter » sur votre téléphone ou votre ordinateur, puis changez le lien en conséquence.",
        ),
        (
            'Images in "{suffix}" do not show in every browser: this one is not published.',
            'To fix: save it as JPEG (photo) or PNG (drawing), for example with "Export" on your phone or computer, then update the link.',
        ),
    ),
    # AS3xx: editorial rules
    "AS301": Message(
        "warning",
        (
            "Le titre fait {length} caractères : au-delà de {limit}, il est coupé dans les résultats de recherche et fatigue le lecteur.",
            "Pour corriger : gardez l'essentiel en moins de {limit} caractères et mettez le reste dans le résumé.",
        ),
        (
            "The title is {length} characters long: beyond {limit}, it is cut in search results and tires the reader.",
            "To fix: keep the essentials in under {limit} characters and move the rest to the summary.",
        ),
    ),
    "AS302": Message(
        "warning",
        (
            "Le résumé fait {length} caractères : au-delà de {limit}, ce n'est plus un chapô.",
            "Pour corriger : dites l'essentiel en une phrase de moins de {limit} caractères ; le détail va dans le texte.",
        ),
        (
            "The summary is {length} characters long: beyond {limit}, it is no longer a standfirst.",
            "To fix: say the essentials in one sentence under {limit} characters; details go in the text.",
        ),
    ),
    "AS303": Message(
        "warning",
        (
            "Le texte fait {words} mots, plus que les {limit} prévus pour ce type de contenu.",
            "Pour corriger : gardez un seul message et coupez le reste, ou faites-en un autre contenu.",
        ),
        (
            "The text is {words} words long, more than the {limit} planned for this kind of content.",
            "To fix: keep one message and cut the rest, or make it another item.",
        ),
    ),
    "AS304": Message(
        "suggestion",
        (
            "Une phrase de {words} mots commence ici (« {start} ») : au-delà de {limit} mots, beaucoup de lecteurs décrochent.",
            "Pour corriger : coupez-la en deux phrases, avec un seul verbe principal chacune.",
        ),
        (
            'A {words}-word sentence starts here ("{start}"): beyond {limit} words, many readers lose track.',
            "To fix: split it into two sentences with one main verb each.",
        ),
    ),
    "AS305": Message(
        "suggestion",
        (
            "Le texte est difficile à lire : indice de lisibilité {score}, sous {limit} (formule de Kandel et Moles).",
            "Pour corriger : raccourcissez les phrases et préférez les mots courts et courants.",
        ),
        (
            "The text is hard to read: readability index {score}, under {limit} (Kandel and Moles formula).",
            "To fix: shorten the sentences and prefer short, common words.",
        ),
    ),
    "AS306": Message(
        "warning",
        (
            "Le titre « {value} » est en majuscules : il se lit mal et donne l'impression de crier.",
            "Pour corriger : écrivez-le en minuscules, avec une majuscule au début et aux noms propres.",
        ),
        (
            'The title "{value}" is in capitals: it is hard to read and feels like shouting.',
            "To fix: write it in lower case, with a capital at the start and for proper names.",
        ),
    ),
    "AS307": Message(
        "warning",
        (
            "« {key} » empile les points d'exclamation ou les émojis : « {value} ».",
            "Pour corriger : gardez un seul point d'exclamation et deux émojis au plus ; les lecteurs d'écran lisent chaque émoji.",
        ),
        (
            '"{key}" piles up exclamation marks or emoji: "{value}".',
            "To fix: keep one exclamation mark and two emoji at most; screen readers read every emoji aloud.",
        ),
    ),
    "AS308": Message(
        "warning",
        (
            "Le lien « {value} » ne dit pas où il mène : hors de la phrase, il ne veut rien dire.",
            "Pour corriger : mettez le lien sur les mots qui disent la destination, par exemple « [le programme de la fête](/agenda/fete/) ».",
        ),
        (
            'The link "{value}" does not say where it leads: out of its sentence, it means nothing.',
            'To fix: put the link on the words that name the destination, for example "[the party programme](/events/party/)".',
        ),
    ),
    "AS309": Message(
        "warning",
        (
            "Le texte alternatif « {value} » ne décrit pas l'image.",
            "Pour corriger : dites en une phrase ce que montre l'image, par exemple « Des bénévoles plantent des pommiers ».",
        ),
        (
            'The text alternative "{value}" does not describe the image.',
            'To fix: say in one sentence what the image shows, for example "Volunteers planting apple trees".',
        ),
    ),
    "AS310": Message(
        "warning",
        (
            "Un intertitre de niveau {level} est ici, alors que le niveau attendu est {expected} : la page perd sa structure.",
            "Pour corriger : le titre de la page est le seul niveau 1 ; commencez les intertitres par « ## » et ne sautez pas de niveau.",
        ),
        (
            "A level {level} heading is here where level {expected} is expected: the page loses its structure.",
            'To fix: the page title is the only level 1; start headings with "##" and do not skip levels.',
        ),
    ),
    "AS311": Message(
        "warning",
        (
            "Ce contenu a {count} étiquettes : au-delà de {limit}, elles ne servent plus à trier.",
            "Pour corriger : gardez les {limit} étiquettes les plus utiles.",
        ),
        (
            "This item has {count} tags: beyond {limit}, they no longer help sorting.",
            "To fix: keep the {limit} most useful tags.",
        ),
    ),
    "AS312": Message(
        "suggestion",
        (
            "L'étiquette « {value} » n'est utilisée qu'ici : sa page ne regroupera qu'un contenu.",
            "Pour corriger : reprenez une étiquette déjà utilisée sur le site, ou retirez celle-ci.",
        ),
        (
            'The tag "{value}" is used only here: its page will group a single item.',
            "To fix: use a tag the site already has, or remove this one.",
        ),
    ),
    "AS313": Message(
        "warning",
        (
            "L'étiquette « {value} » est écrite autrement ailleurs (« {other} ») : le site en ferait deux pages.",
            "Pour corriger : écrivez « {other} » partout.",
        ),
        (
            'The tag "{value}" is written differently elsewhere ("{other}"): the site would make two pages.',
            'To fix: write "{other}" everywhere.',
        ),
    ),
    "AS314": Message(
        "warning",
        (
            "Ce titre est presque le même que celui de « {other} » : les lecteurs ne les distingueront pas.",
            "Pour corriger : donnez un titre qui dit ce qui est propre à ce contenu (date, lieu, nouveauté).",
        ),
        (
            'This title is nearly the same as that of "{other}": readers will not tell them apart.',
            "To fix: give a title that says what is specific to this item (date, place, news).",
        ),
    ),
    "AS315": Message(
        "warning",
        (
            "{count} actualités sont publiées en 7 jours (au plus {limit} conseillées) : les dernières noient les premières.",
            "Pour corriger : étalez-les sur plusieurs semaines en changeant leur date, ou regroupez-les en une seule.",
        ),
        (
            "{count} news items are published within 7 days (at most {limit} advised): the latest drown the first ones.",
            "To fix: spread them over several weeks by changing their dates, or group them into one.",
        ),
    ),
    "AS316": Message(
        "suggestion",
        (
            "Aucune actualité depuis le {value} (plus de {months} mois) : le site a l'air abandonné.",
            'Pour corriger : publiez une courte actualité sur la vie de l\'association, par exemple avec « assosite new news "Titre" ».',
        ),
        (
            "No news since {value} (more than {months} months): the site looks abandoned.",
            "To fix: publish a short news item about the association's life, for example with 'assosite new news \"Title\"'.",
        ),
    ),
    "AS317": Message(
        "warning",
        (
            "Cet événement n'a ni lieu ni lien en ligne : personne ne saura où aller.",
            "Pour corriger : ajoutez « location: » (nom, adresse, ville) ou « online: https://… ».",
        ),
        (
            "This event has neither a place nor an online link: nobody will know where to go.",
            'To fix: add "location:" (name, address, city) or "online: https://…".',
        ),
    ),
    "AS318": Message(
        "warning",
        (
            "Cet événement est passé mais reste épinglé en tête des listes.",
            "Pour corriger : supprimez la ligne « pinned: true ».",
        ),
        (
            "This event is over but stays pinned at the top of the lists.",
            'To fix: delete the "pinned: true" line.',
        ),
    ),
    "AS319": Message(
        "warning",
        (
            "Le consentement de ce témoignage prend fin le {value}, dans {days} jours : il sera alors retiré du site.",
            "Pour corriger : demandez à la personne si elle accepte de prolonger, puis mettez à jour « consent » et « consent_expires ».",
        ),
        (
            "The consent for this testimony ends on {value}, in {days} days: it will then leave the site.",
            'To fix: ask the person whether they agree to extend it, then update "consent" and "consent_expires".',
        ),
    ),
    "AS320": Message(
        "suggestion",
        (
            "Cette page n'a pas été relue depuis le {value} (plus de {months} mois) : ses informations sont peut-être dépassées.",
            "Pour corriger : relisez-la, puis indiquez la date de relecture avec « modified: 2026-11-23 ».",
        ),
        (
            "This page has not been reviewed since {value} (more than {months} months): it may be out of date.",
            'To fix: read it again, then give the review date with "modified: 2026-11-23".',
        ),
    ),
    # AS4xx: theme, templates and build
    "AS401": Message(
        "error",
        (
            "Le thème « {value} » est introuvable.",
            'Pour corriger : écrivez « theme = "default" » ou le chemin d\'un dossier de thème existant.',
        ),
        (
            'The theme "{value}" cannot be found.',
            "To fix: write 'theme = \"default\"' or the path of an existing theme folder.",
        ),
    ),
    "AS402": Message(
        "error",
        (
            "Le gabarit n'a pas pu être affiché : {detail}.",
            "Pour corriger : vérifiez ce gabarit du thème ; relancez avec --debug pour plus de détails.",
        ),
        (
            "The template could not be rendered: {detail}.",
            "To fix: check this theme template; run again with --debug for details.",
        ),
    ),
    "AS403": Message(
        "warning",
        (
            "Pelican signale : {detail}",
            "Pour corriger : relancez avec --debug pour plus de détails.",
        ),
        ("Pelican reports: {detail}", "To fix: run again with --debug for details."),
    ),
    "AS405": Message(
        "error",
        (
            "Pelican signale une erreur : {detail}",
            "Pour corriger : relancez avec --debug pour plus de détails ; si le problème persiste, signalez-le.",
        ),
        (
            "Pelican reports an error: {detail}",
            "To fix: run again with --debug for details; if the problem persists, report it.",
        ),
    ),
    "AS404": Message(
        "error",
        (
            "La construction n'a pas pu aller au bout : {detail}.",
            "Pour corriger : relancez avec --debug pour plus de détails ; si le problème persiste, signalez-le.",
        ),
        (
            "The build could not finish: {detail}.",
            "To fix: run again with --debug for details; if the problem persists, report it.",
        ),
    ),
    "AS410": Message(
        "warning",
        (
            "Le logo « {value} » ne peut pas être lu comme une image : les cartes de partage sont dessinées sans logo.",
            'Pour corriger : exportez à nouveau le logo en PNG (256 × 256 pixels suffisent), puis indiquez-le avec « logo = "images/logo.png" » dans [cards].',
        ),
        (
            'The logo "{value}" cannot be read as an image: sharing cards are drawn without a logo.',
            "To fix: export the logo again as PNG (256 × 256 pixels is enough), then give it with 'logo = \"images/logo.png\"' in [cards].",
        ),
    ),
    # AS5xx: federations (federation.toml, members, portal)
    "AS501": Message(
        "error",
        (
            "Le lien « {value} » mène à un fichier hors du dossier content/ du site : dans une fédération, un membre ne peut pas lire les fichiers des autres.",
            "Pour corriger : copiez le fichier dans content/images/ ou content/files/ de ce site, puis écrivez par exemple « {{static}}/files/programme.pdf ».",
        ),
        (
            "The link \"{value}\" leads to a file outside the site's content/ folder: in a federation, a member cannot read other members' files.",
            'To fix: copy the file into this site\'s content/images/ or content/files/, then write for example "{{static}}/files/programme.pdf".',
        ),
    ),
    "AS502": Message(
        "warning",
        (
            "Le HTML « {value} » a été retiré de la page : la fédération n'accepte ni script, ni iframe, ni « onclick », ni lien « javascript: ».",
            "Pour corriger : écrivez ce passage en Markdown, par exemple « [le programme](https://exemple.fr/programme) » pour un lien.",
        ),
        (
            'The HTML "{value}" was removed from the page: the federation accepts no script, iframe, "onclick" or "javascript:" link.',
            'To fix: write this passage in Markdown, for example "[the programme](https://example.org/programme)" for a link.',
        ),
    ),
    "AS503": Message(
        "error",
        (
            "Le réglage Pelican « {key} » n'est pas accepté dans un site membre d'une fédération : il pourrait charger du code ou lire des fichiers hors du site.",
            "Pour corriger : supprimez cette ligne de [pelican] ; réglages acceptés : {allowed}.",
        ),
        (
            'The Pelican setting "{key}" is not accepted in a federation member: it could load code or read files outside the site.',
            "To fix: delete this line from [pelican]; accepted settings: {allowed}.",
        ),
    ),
    "AS504": Message(
        "warning",
        (
            "Le fichier « {value} » est ignoré : une fédération n'exécute jamais le code Python d'un membre.",
            "Pour corriger : mettez ces réglages dans assosite.toml (la section [pelican] pour ceux de Pelican), puis supprimez « {value} ».",
        ),
        (
            'The file "{value}" is ignored: a federation never runs a member\'s Python code.',
            'To fix: put these settings in assosite.toml (the [pelican] section for Pelican\'s), then delete "{value}".',
        ),
    ),
    "AS505": Message(
        "error",
        (
            "Le thème « {value} » n'est pas accepté dans un site membre d'une fédération : un thème contient des gabarits, c'est-à-dire du code.",
            'Pour corriger : écrivez « theme = "{default}" » (le thème fourni avec assosite) ou supprimez la ligne ; les couleurs se règlent dans [brand].',
        ),
        (
            'The theme "{value}" is not accepted in a federation member: a theme holds templates, that is code.',
            "To fix: write 'theme = \"{default}\"' (the theme that comes with assosite) or delete the line; colours are set in [brand].",
        ),
    ),
    "AS510": Message(
        "error",
        (
            "Le dossier « {value} » ne contient pas de fichier federation.toml.",
            "Pour corriger : lancez la commande depuis le dossier de la fédération, ou créez-en une avec « assosite federation init ma-federation ».",
        ),
        (
            'The folder "{value}" has no federation.toml file.',
            'To fix: run the command from the federation\'s folder, or create one with "assosite federation init my-federation".',
        ),
    ),
    "AS511": Message(
        "error",
        (
            "Le fichier federation.toml n'est pas du TOML valide (colonne {column}) : {detail}.",
            'Pour corriger : vérifiez les guillemets, les crochets et les signes « = » de cette ligne, par exemple « id = "lyon" ».',
        ),
        (
            "The federation.toml file is not valid TOML (column {column}): {detail}.",
            'To fix: check the quotes, brackets and "=" signs on this line, for example \'id = "lyon"\'.',
        ),
    ),
    "AS512": Message(
        "error",
        (
            "L'identifiant de membre « {value} » n'est pas valide : il ne doit contenir que des lettres minuscules sans accent, des chiffres et des tirets.",
            'Pour corriger : écrivez par exemple « id = "{example}" ».',
        ),
        (
            'The member id "{value}" is not valid: it may only hold lowercase letters without accents, digits and hyphens.',
            "To fix: write for example 'id = \"{example}\"'.",
        ),
    ),
    "AS513": Message(
        "error",
        (
            "L'identifiant de membre « {value} » est déjà pris à la ligne {other}.",
            "Pour corriger : donnez à chaque membre son propre identifiant.",
        ),
        (
            'The member id "{value}" is already taken on line {other}.',
            "To fix: give each member its own id.",
        ),
    ),
    "AS514": Message(
        "error",
        (
            "L'identifiant de membre « {value} » est réservé : le portail utilise déjà ce dossier.",
            'Pour corriger : choisissez un autre identifiant, par exemple « id = "{example}" ».',
        ),
        (
            'The member id "{value}" is reserved: the portal already uses this folder.',
            "To fix: choose another id, for example 'id = \"{example}\"'.",
        ),
    ),
    "AS515": Message(
        "error",
        (
            "Le dossier de membre « {value} » est introuvable dans la fédération, ou ne contient pas de fichier assosite.toml.",
            'Pour corriger : indiquez le chemin du site depuis federation.toml, par exemple « path = "membres/lyon" », ou créez le site avec « assosite init membres/lyon ».',
        ),
        (
            'The member folder "{value}" cannot be found in the federation, or has no assosite.toml file.',
            'To fix: give the site\'s path from federation.toml, for example \'path = "members/lyon"\', or create the site with "assosite init members/lyon".',
        ),
    ),
    "AS516": Message(
        "error",
        (
            "L'adresse « {value} » est sous celle du portail mais pas dans le dossier du membre.",
            "Pour corriger : écrivez « url = \"{example}\" », ou l'adresse d'un domaine propre au membre.",
        ),
        (
            "The address \"{value}\" is under the portal's but not in the member's folder.",
            "To fix: write 'url = \"{example}\"', or the address of the member's own domain.",
        ),
    ),
    "AS517": Message(
        "error",
        (
            "Le portail a une page « {value} » qui porte le nom du dossier d'un membre : elle n'a pas été publiée.",
            "Pour corriger : donnez à cette page du portail une autre adresse (« slug: {value}-reseau »).",
        ),
        (
            'The portal has a page "{value}" with the name of a member\'s folder: it was not published.',
            'To fix: give this portal page another address ("slug: {value}-network").',
        ),
    ),
    "AS518": Message(
        "error",
        (
            "Le fichier federation.toml ne liste aucun membre.",
            'Pour corriger : ajoutez un bloc par membre : « [[members]] », puis « id = "lyon" » et « path = "membres/lyon" ».',
        ),
        (
            "The federation.toml file lists no member.",
            'To fix: add one block per member: "[[members]]", then \'id = "lyon"\' and \'path = "members/lyon"\'.',
        ),
    ),
    "AS519": Message(
        "error",
        (
            "Le membre « {value} » demandé avec --only n'existe pas.{hint_fr}",
            "Pour corriger : choisissez parmi {allowed}.",
        ),
        (
            'The member "{value}" given to --only does not exist.{hint_en}',
            "To fix: choose among {allowed}.",
        ),
    ),
    "AS530": Message(
        "error",
        (
            "La construction de ce membre s'est arrêtée sur une erreur interne : {detail}.",
            "Pour corriger : lancez « assosite build » dans son dossier avec --debug pour voir le détail ; sa version précédente reste en ligne.",
        ),
        (
            "This member's build stopped on an internal error: {detail}.",
            'To fix: run "assosite build" in its folder with --debug to see the details; its previous version stays online.',
        ),
    ),
    "AS531": Message(
        "error",
        (
            "La construction de ce membre a dépassé {seconds} secondes : elle a été arrêtée.",
            "Pour corriger : cherchez ce qui la ralentit (images très lourdes, milliers de pages) ou augmentez « timeout » dans [federation] ; sa version précédente reste en ligne.",
        ),
        (
            "This member's build took more than {seconds} seconds: it was stopped.",
            'To fix: look for what slows it down (very heavy images, thousands of pages) or raise "timeout" in [federation]; its previous version stays online.',
        ),
    ),
    "AS532": Message(
        "error",
        (
            "Le portail n'a pas pu être construit : sa version précédente reste en ligne.",
            "Pour corriger : corrigez les problèmes signalés juste avant, puis relancez « assosite federation build --portal-only ».",
        ),
        (
            "The portal could not be built: its previous version stays online.",
            'To fix: fix the problems reported just above, then run "assosite federation build --portal-only" again.',
        ),
    ),
    # AS26x: importing a site from WordPress, Hugo, Jekyll or Pelican (assosite import)
    "AS260": Message(
        "suggestion",
        (
            "« {title} » n'est pas importé : il est « {value} » dans l'ancien site (brouillon, privé, protégé par un mot de passe ou à la corbeille).",
            "Pour corriger : rien à faire s'il ne doit pas être publié ; sinon publiez-le dans l'ancien site et importez de nouveau, ou créez-le avec « assosite new ».",
        ),
        (
            '"{title}" is not imported: it is "{value}" in the old site (draft, private, password-protected or in the trash).',
            'To fix: nothing to do if it must not be published; otherwise publish it in the old site and import again, or create it with "assosite new".',
        ),
    ),
    "AS261": Message(
        "suggestion",
        (
            "« {title} » n'est pas importé : les éléments « {value} » de l'ancien site n'ont pas d'équivalent dans le site.",
            "Pour corriger : rien à faire pour les menus et les révisions ; pour un autre contenu, recopiez-le dans une page avec « assosite new page ».",
        ),
        (
            '"{title}" is not imported: "{value}" items of the old site have no equivalent in the site.',
            'To fix: nothing to do for menus and revisions; for other content, copy it into a page with "assosite new page".',
        ),
    ),
    "AS262": Message(
        "warning",
        (
            "Le fichier « {value} » (image ou document) est introuvable : il n'est pas copié dans le site (le texte garde un lien vers l'ancienne adresse).",
            "Pour corriger : indiquez le dossier wp-content/uploads copié depuis l'hébergement avec « --uploads », ou relancez avec « --download », ou placez le fichier dans content/images/ (ou content/files/) et changez le lien.",
        ),
        (
            'The file "{value}" (image or document) cannot be found: it is not copied into the site (the text keeps a link to its old address).',
            'To fix: give the wp-content/uploads folder copied from the hosting with "--uploads", or run again with "--download", or put the file in content/images/ (or content/files/) and update the link.',
        ),
    ),
    "AS263": Message(
        "warning",
        (
            "Le code « {value} » de l'ancien site n'a pas d'équivalent : il est retiré du texte (son contenu éventuel est gardé).",
            "Pour corriger : relisez ce passage dans le fichier importé et remplacez-le à la main par un lien, une image ou du texte.",
        ),
        (
            'The code "{value}" of the old site has no equivalent: it is removed from the text (anything it wrapped is kept).',
            "To fix: read this passage of the imported file again and replace it by hand with a link, an image or text.",
        ),
    ),
    "AS264": Message(
        "warning",
        (
            "Ce fichier de l'ancien site n'a pas pu être lu ({detail}) : il n'est pas importé, les autres le sont.",
            "Pour corriger : corrigez l'en-tête du fichier d'origine à cette ligne, puis relancez l'import.",
        ),
        (
            "This file of the old site could not be read ({detail}): it is not imported, the others are.",
            "To fix: fix the header of the original file at this line, then run the import again.",
        ),
    ),
    "AS265": Message(
        "warning",
        (
            "Le fichier « {value} » existe déjà dans le site : il n'est pas remplacé.",
            "Pour corriger : relancez l'import avec « --force » pour le remplacer, ou déplacez d'abord votre version.",
        ),
        (
            'The file "{value}" already exists in the site: it is not replaced.',
            'To fix: run the import again with "--force" to replace it, or move your version first.',
        ),
    ),
    "AS266": Message(
        "warning",
        (
            "« {title} » n'est pas importé : il lui manque « {key} ».",
            "Pour corriger : donnez-lui « {key} » dans l'ancien site (dans l'en-tête du fichier, ou dans WordPress), par exemple « {key}: {example} », puis relancez l'import.",
        ),
        (
            '"{title}" is not imported: it has no "{key}".',
            'To fix: give it "{key}" in the old site (in the file header, or in WordPress), for example "{key}: {example}", then run the import again.',
        ),
    ),
    "AS267": Message(
        "suggestion",
        (
            "{count} commentaires de l'ancien site ne sont pas importés : un site assosite n'a pas de commentaires.",
            "Pour corriger : rien à faire ; gardez le fichier d'export si vous voulez les conserver.",
        ),
        (
            "{count} comments of the old site are not imported: an assosite site has no comments.",
            "To fix: nothing to do; keep the export file if you want to keep them.",
        ),
    ),
    "AS268": Message(
        "warning",
        (
            "L'illustration « {value} » n'a pas de texte alternatif dans l'ancien site : elle est copiée mais pas mise en illustration.",
            "Pour corriger : décrivez-la dans le fichier importé avec « image: {value} » et « image_alt: Ce que montre l'image ».",
        ),
        (
            'The illustration "{value}" has no text alternative in the old site: it is copied but not set as the illustration.',
            'To fix: describe it in the imported file with "image: {value}" and "image_alt: What the image shows".',
        ),
    ),
    "AS269": Message(
        "warning",
        (
            "La ligne « {value} » du fichier des redirections n'est pas une redirection : elle est ignorée.",
            "Pour corriger : écrivez l'ancienne adresse puis la nouvelle, séparées par une espace, par exemple « /2019/04/fete/ /actualites/fete/ ».",
        ),
        (
            'The line "{value}" of the redirects file is not a redirect: it is ignored.',
            'To fix: write the old address then the new one, separated by a space, for example "/2019/04/party/ /news/party/".',
        ),
    ),
}

SEVERITY_LABELS = {
    "fr": {"error": "erreur", "warning": "avertissement", "suggestion": "suggestion"},
    "en": {"error": "error", "warning": "warning", "suggestion": "suggestion"},
}

LANGUAGES = ("fr", "en")


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

    The *fix* sentence starts with « Pour corriger : » / "To fix:" as written in the
    catalogue.
    """
    message = CATALOGUE[code]
    what, fix = message.en if lang == "en" else message.fr
    values = _Params({k: _display(v) for k, v in params.items()})
    if "detail" in values and "detail_fr" not in values:
        values["detail_fr"] = values["detail"]  # a library's own words, not translated
    what, fix = what.format_map(values), fix.format_map(values)
    if lang == "en":
        return what, fix
    return french_typography(what), french_typography(fix)


_NBSP_BEFORE = re.compile(r" ([:;?!»])")
_NBSP_AFTER = re.compile(r"« ")


def french_typography(text: str) -> str:
    """Put a no-break space before « : ; ? ! » and inside French quotes.

    Volunteers' values keep their own spaces except around these signs, which is
    what French typography asks for and what screen readers handle well.
    """
    return _NBSP_AFTER.sub("«\u00a0", _NBSP_BEFORE.sub("\u00a0\\1", text))


def _display(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def severity_label(severity: str, lang: str) -> str:
    """Return the word for ``severity`` in ``lang``."""
    return SEVERITY_LABELS.get(lang, SEVERITY_LABELS["fr"])[str(severity)]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n <= 1 else many}"


def _counts(lang: str, errors: int, warnings: int, suggestions: int) -> str:
    if lang == "en":
        parts = [_plural(errors, "error", "errors"), _plural(warnings, "warning", "warnings")]
        if suggestions:
            parts.append(_plural(suggestions, "suggestion", "suggestions"))
    else:
        parts = [
            _plural(errors, "erreur", "erreurs"),
            _plural(warnings, "avertissement", "avertissements"),
        ]
        if suggestions:
            parts.append(_plural(suggestions, "suggestion", "suggestions"))
    return ", ".join(parts)


def summary(lang: str, **facts: Any) -> str:
    """Return the closing sentence of a build or a check.

    Args:
        lang: ``fr`` or ``en``.
        **facts: ``errors``, ``warnings``, ``suggestions``, ``files``, ``failed``,
            ``published``, ``reused``, ``check``, ``pages``, ``seconds``, ``output``.

    Returns:
        One or more sentences with plural forms (French typography in French).
    """
    text = (_summary_en if lang == "en" else _summary_fr)(facts)
    return text if lang == "en" else french_typography(text)


def _summary_en(facts: dict[str, Any]) -> str:
    counts = _counts("en", facts["errors"], facts["warnings"], facts["suggestions"])
    problems = facts["errors"] or facts["warnings"]
    where = f" in {_plural(facts['files'], 'file', 'files')}" if facts["files"] else ""
    if facts["check"]:
        return f"{counts}{where}." if problems else "No problem found."
    if not facts["published"]:
        return (
            f"{counts}{where}. Nothing was published; the previous version of the "
            "site stays online."
        )
    built = (
        f"Site built in {facts['output']}: {_plural(facts['pages'], 'page', 'pages')} "
        f"in {facts['seconds']:.1f} s."
    )
    if facts.get("reused"):
        built = (
            f"Nothing changed since the last build: {facts['output']} is up to date "
            f"({_plural(facts['pages'], 'page', 'pages')}, checked in {facts['seconds']:.1f} s)."
        )
    if facts["failed"]:
        return (
            f"{counts}{where}. {built} Files with errors were left out; an automatic "
            "deployment stops here and the previous version stays online."
        )
    return f"{built} {counts}{where}." if problems else f"{built} No problem."


def _summary_fr(facts: dict[str, Any]) -> str:
    counts = _counts("fr", facts["errors"], facts["warnings"], facts["suggestions"])
    problems = facts["errors"] or facts["warnings"]
    where = f" dans {_plural(facts['files'], 'fichier', 'fichiers')}" if facts["files"] else ""
    if facts["check"]:
        return f"{counts}{where}." if problems else "Aucun problème trouvé."
    if not facts["published"]:
        return (
            f"{counts}{where}. Rien n'a été publié ; la version précédente du site reste en ligne."
        )
    seconds = f"{facts['seconds']:.1f}".replace(".", ",")
    built = (
        f"Site construit dans {facts['output']} : "
        f"{_plural(facts['pages'], 'page', 'pages')} en {seconds} s."
    )
    if facts.get("reused"):
        built = (
            f"Rien n'a changé depuis la dernière construction : {facts['output']} est à jour "
            f"({_plural(facts['pages'], 'page', 'pages')}, vérifié en {seconds} s)."
        )
    if facts["failed"]:
        return (
            f"{counts}{where}. {built} Les fichiers en erreur ont été laissés de côté ; "
            "une publication automatique s'arrête ici et la version précédente reste "
            "en ligne."
        )
    return f"{built} {counts}{where}." if problems else f"{built} Aucun problème."
