"""What the members' fork server loads once, before it forks a child for each member.

A member's build imports Pelican, Pillow, lxml, Markdown, Jinja, icalendar and Babel
(about half a second) and reads the cards' fonts (a fifth of a second): loaded here,
in the fork server (:mod:`assosite.federation.children`), each child starts with them.
The server itself never builds anything.
"""

from __future__ import annotations

from assosite.outputs.cards.text import load_fonts
from assosite.plugin import run  # noqa: F401 (imported for its imports)

load_fonts()
