"""Write docs/problemes.md from the message catalogue (run after adding a code).

Usage: python docs/dev/make_problemes.py
"""

from __future__ import annotations

import re
from pathlib import Path

from assosite.problems import messages

HEADER = """# Les problèmes signalés par assosite

Chaque problème a un code stable : cherchez-le ici. AS1xx : configuration
(`assosite.toml`) ; AS2xx : fichiers de contenu ; AS3xx : règles éditoriales ; AS4xx :
thème et construction ; AS5xx : fédérations.

Une **erreur** empêche la publication (code de sortie 1) ; un **avertissement** est publié
et affiché, et bloque avec `--strict` ; une **suggestion** n'apparaît que dans
`assosite check`. Les « … » sont remplacés dans les messages par vos propres valeurs.
"""
LABELS = {"error": "erreur", "warning": "avertissement", "suggestion": "suggestion"}


def main() -> None:
    """Rewrite docs/problemes.md."""
    lines = [HEADER]
    for code, message in sorted(messages.CATALOGUE.items()):
        what, fix = (re.sub(r"\{\w+\}", "…", text) for text in (message.what, message.fix))
        lines += [f"## {code} ({LABELS[message.severity]})", "", what, "", fix, ""]
    path = Path(__file__).resolve().parents[1] / "problemes.md"
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
