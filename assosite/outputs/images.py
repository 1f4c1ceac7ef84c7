"""Publish the content images: their renditions and clean copies, never the originals."""

from __future__ import annotations

from assosite.images.library import library_of
from assosite.outputs.base import Output, SiteOutput


class ImagesOutput(SiteOutput):
    """Publishes the content images, light and without private metadata.

    The images are processed before Pelican reads any Markdown file (texts and
    templates then get their final sizes and names); this output copies them.
    """

    def write(self, output: Output) -> None:
        """Copy the renditions and the clean copies into the output folder."""
        library = library_of(self.settings)
        if library is not None and library.processed:
            library.publish(output.folder)
