"""Private files: stored outside MEDIA_ROOT and handed out only by views that check who asks.

MEDIA_ROOT is served to anyone (by the web server in production), so files holding personal
data — certificate PDFs, report exports — live in LMS_PRIVATE_MEDIA_ROOT instead, by default
``private_media`` beside MEDIA_ROOT. They have no URL.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    # Read the settings each time, so tests (and override_settings) move the folder too.
    @property
    def base_location(self):
        configured = getattr(settings, "LMS_PRIVATE_MEDIA_ROOT", None)
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private_media")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no public URL; send them from a view that checks permissions.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The one instance; a callable so migrations record the reference, not the folder."""
    return _private_storage
