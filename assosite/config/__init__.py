"""The site configuration, ``assosite.toml``.

Its sections, their checks (every problem at its line) and the bundled resources
(themes, starters) found in any kind of install.
"""
