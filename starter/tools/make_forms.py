"""Generate the starter site's printable forms (content/files/*.pdf) with chromium.

The membership and donation forms are written here in HTML and printed to tagged PDF
by Debian's chromium through Playwright (the tools of tests/test_browser.py), so that
they stay text, readable by screen readers. Run it from the repository root:

    python starter/tools/make_forms.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

FILES = Path(__file__).resolve().parent.parent / "content" / "files"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
STYLE = """
body { font-family: sans-serif; font-size: 12pt; line-height: 1.5; margin: 2cm; }
h1 { font-size: 18pt; }
p.line { border-bottom: 1px solid #000; padding-top: 1.2em; }
"""
ASSOCIATION = "Association Les Jardins du Vieux Moulin, 3 chemin du Vieux Moulin, 49170 Montbrisac"
FORMS = {
    "bulletin-adhesion.pdf": (
        "Bulletin d'adhésion",
        [
            "Je souhaite adhérer à l'association pour un an.",
            "Cotisation : 10 €, ou 2 € pour les personnes aux revenus modestes (sans justificatif).",
        ],
        ["Nom et prénom", "Adresse", "Téléphone ou courriel", "Montant versé", "Date et signature"],
    ),
    "bulletin-de-don.pdf": (
        "Bulletin de don",
        [
            "Je fais un don à l'association, par chèque à son ordre ou en espèces contre un reçu.",
            "Un reçu fiscal vous est envoyé : 66 % du don est déductible de l'impôt sur le revenu.",
        ],
        ["Nom et prénom", "Adresse (pour le reçu fiscal)", "Montant du don", "Date et signature"],
    ),
}


def _html(title: str, paragraphs: list[str], lines: list[str]) -> str:
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    fields = "".join(f'<p class="line">{line} :</p>' for line in lines)
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body><h1>{title}</h1><p>{ASSOCIATION}</p>"
        f"{text}{fields}<p>À remettre lors d'un atelier ou à envoyer à l'adresse ci-dessus.</p>"
        "</body></html>"
    )


def main() -> None:
    """Write each form of FORMS into content/files/."""
    FILES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for name, (title, paragraphs, lines) in FORMS.items():
            page.set_content(_html(title, paragraphs, lines))
            page.pdf(path=str(FILES / name), format="A4", tagged=True)
        browser.close()


if __name__ == "__main__":
    main()
