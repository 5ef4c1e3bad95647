"""Where files live: Django's storages, chosen by the environment (``config.env.file_storages``).

Two kinds of file, each a storage alias in ``STORAGES``:

- ``default``: public media, Wagtail's images (and their renditions) and documents. A local folder
  (``MEDIA_ROOT``) by default, or the bucket's ``media/`` prefix (``MediaBucketStorage``).
- ``private``: files naming people (certificate PDFs, report exports, council reports). A local folder
  outside ``MEDIA_ROOT`` (``LMS_PRIVATE_MEDIA_ROOT``) by default, or the bucket's ``private/`` prefix
  (or a bucket of its own). They have no URL: only the download views hand them out, after the access rule.

Nothing in the bucket is public and no object gets an ACL (Garage and Ceph RGW ignore or refuse them):
every file reaches a browser through this site (private files streamed by their views, images by
``lms.core.views.media_file_view``), so the bucket may stay on an inner network. A bucket that cannot be
reached raises ``StorageUnavailable``, an ``OSError`` as a failing disk would (Wagtail's image tags already
treat those as a missing image); a request that meets it gets "temporarily unavailable" (503) from
``StorageUnavailableMiddleware``, and work that could not store its file is asked for again by the
waiting-work sweep.
"""

import logging
from contextlib import contextmanager
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)

PRIVATE = "private"  # the STORAGES alias of private files


class StorageUnavailable(OSError):  # noqa: N818 - an OSError, named like FileNotFoundError's kin
    """The storage could not be reached or refused to answer: try again later. Not "no such file"."""


class PrivateStorage(FileSystemStorage):
    """Private files in a local folder. Deleting a file also removes its folder once empty (certificates
    and exports each have a folder of their own), so nothing is left that names anyone."""

    def __init__(self, **kwargs):
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

    def delete(self, name):
        super().delete(name)
        folder = Path(self.path(name)).parent
        if folder != Path(self.location):
            try:
                folder.rmdir()
            except OSError:  # not empty, or gone already
                pass


@contextmanager
def _bucket_errors(name: str):
    """The bucket's failures as a disk's: 404 is FileNotFoundError, anything else StorageUnavailable."""
    try:
        yield
    except ClientError as err:
        status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 404:
            raise FileNotFoundError(f"no such file in the bucket: {name}") from err
        raise StorageUnavailable(f"the bucket refused {name!r} ({status}): {err}") from err
    except BotoCoreError as err:  # connection refused, timeouts, DNS, credentials missing
        raise StorageUnavailable(f"the bucket cannot be reached ({name!r}): {err}") from err


class BucketStorage(S3Storage):
    """django-storages' S3 storage (any S3-compatible server: Ceph RGW, SeaweedFS, Garage), its errors
    as ``OSError``s. A file opened for reading is fetched at once, so a bucket that fails does so
    where the file is opened (in the view, before any byte of a response is sent), not halfway
    through a download."""

    def _open(self, name, mode="rb"):
        with _bucket_errors(name):
            handle = super()._open(name, mode)
            if "r" in mode:
                handle.file  # noqa: B018 - fetches the object (django-storages does it at first read)
            return handle

    def _save(self, name, content):
        with _bucket_errors(name):
            return super()._save(name, content)

    def delete(self, name):
        with _bucket_errors(name):
            return super().delete(name)

    def exists(self, name):
        with _bucket_errors(name):
            return super().exists(name)

    def listdir(self, name):
        with _bucket_errors(name):
            return super().listdir(name)

    def size(self, name):
        with _bucket_errors(name):
            return super().size(name)

    def get_modified_time(self, name):
        with _bucket_errors(name):
            return super().get_modified_time(name)


class MediaBucketStorage(BucketStorage):
    """Public media in the bucket, addressed under this site's ``MEDIA_URL``: pages ask no other host
    (the bucket is not public) and the URL is the same on every node and for as long as the file lives."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"


class PrivateBucketStorage(BucketStorage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL; send them from a view that checks permissions.")


class _PrivateStorage(LazyObject):
    """``storages["private"]``, looked up when first used and again after STORAGES changes (as Django's
    ``default_storage`` is), so a FileField's storage follows the settings."""

    def _setup(self):
        self._wrapped = storages[PRIVATE]


_private_storage = _PrivateStorage()


@receiver(setting_changed)
def _settings_changed(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT", "LMS_PRIVATE_MEDIA_ROOT"):
        _private_storage._wrapped = empty


def private_storage():
    """The private files' storage; a callable so migrations record the reference, not the folder."""
    return _private_storage


def is_local(storage) -> bool:
    """Whether a storage keeps its files in this machine's folders (then the web server may serve media)."""
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        storage = storage._wrapped
    return isinstance(storage, FileSystemStorage)


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
