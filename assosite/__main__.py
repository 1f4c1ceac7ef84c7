"""Run the command line with ``python -m assosite``."""

from __future__ import annotations

from assosite.cli import main

if __name__ == "__main__":
    main()
