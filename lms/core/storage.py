"""Private files: stored outside MEDIA_ROOT and handed out only by views that check who asks.

MEDIA_ROOT is served to anyone (by the web server in production), so files holding personal
data — certificate PDFs, report exports — live in LMS_PRIVATE_MEDIA_ROOT instead, by default
``private_media`` beside MEDIA_ROOT. They have no URL.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


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


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's hashed, compressed static files, with each file's URL worked out once per process.

    The manifest never changes while a process runs, but Django looks a name up, splits, quotes and
    joins it again at every ``{% static %}``: about 60 times on an admin page, some 4 % of its time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
