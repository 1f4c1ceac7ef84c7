"""``/admin/``: the page where volunteers edit the site in their browser (``[cms]``).

Written when ``[cms] backend`` names a forge (a federation's ``[defaults.cms]`` gives one
to each member). The forms name the files from the top of the site's Git repository
(a member's folder in the federation's). The page and its configuration come from
:mod:`assosite.cms`; Decap CMS's files are copied from the package. Nothing links to
the page and it is never indexed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from assosite.cms.admin import ADMIN_FOLDER, admin_files
from assosite.cms.config import forge_backend, repository_folder
from assosite.outputs.base import Output, SiteOutput


class AdminOutput(SiteOutput):
    """Write ``admin/index.html``, ``admin/config.yml`` and Decap CMS's files."""

    def write(self, output: Output) -> None:
        """Write the admin page when the site enables it."""
        config = output.state.config
        if not config.cms.backend:
            return
        folder = output.folder / ADMIN_FOLDER
        files = admin_files(
            config, forge_backend(config.cms), folder=repository_folder(config.root)
        )
        for name, content in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_bytes(content)
