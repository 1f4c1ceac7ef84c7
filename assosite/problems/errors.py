"""Expected failures of assosite, each with its exit code and a message for volunteers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assosite.problems.report import BuildReport


class AssositeError(Exception):
    """A failure the user can fix; shown without a traceback.

    Attributes:
        exit_code: the process exit code the command line uses.
        report: the problems that explain the failure, when there are some.
    """

    exit_code = 1

    def __init__(self, message: str = "", report: BuildReport | None = None) -> None:
        super().__init__(message)
        self.report = report


class ConfigError(AssositeError):
    """The site configuration (``assosite.toml``) cannot be used."""


class ContentError(AssositeError):
    """Content files have errors (or warnings under ``--strict``)."""


class BuildError(AssositeError):
    """The build could not run to its end (theme, output folder, Pelican)."""
