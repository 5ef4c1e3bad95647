"""What WeasyPrint may read while it renders a PDF (certificates, the council report, public documents):
the platform's own files, never a path on the worker's disk and never the network.

An SVG logo is an editor's upload, and WeasyPrint follows the URLs inside it (``<image href>``,
``<use>``, CSS ``url()``) through this fetcher: with ``file:`` allowed, a logo could embed any image
file the worker can read. So every URL is one of:

- ``data:``: the images our templates embed themselves (the QR code, made in memory; the logo and
  signature, read once through the storage API and kept per process, rendering.image_data_uri). A
  ``data:`` URL carries its bytes and reads nothing; what an SVG inside one refers to comes back here.
- the site's own address (``WAGTAILADMIN_BASE_URL``, or ``STATIC_URL``/``MEDIA_URL`` where these are
  absolute, e.g. a bucket) followed by ``STATIC_URL``: the platform's static files, read through the
  staticfiles storage (after ``collectstatic``) or its finders (the code's own folders);
- the same followed by ``MEDIA_URL``: the file of a Wagtail image or of one of its renditions, read
  through Django's storage API (a local folder or an S3 bucket alike). Other media (documents) are not
  images, and the private storage has no URL at all.

Nothing is fetched over the network even for those: the bytes come from the storages. Anything else
is refused (``RefusedURL``); WeasyPrint then leaves that image out and renders the rest, and the
refusal is logged here with the URL. A logo is decoration: one that refers to something it may not
must not stop every learner's certificate (as a logo whose file is missing does not either).
"""

import logging
import mimetypes
import posixpath
from collections.abc import Callable
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A URL the renderer may not read; WeasyPrint leaves the resource out and goes on."""


def site_base_url() -> str:
    """The base URL of the rendered HTML: relative URLs in our templates are the site's own."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def _storage_name(url: str, prefix_url: str) -> str | None:
    """The file name under ``prefix_url`` (STATIC_URL or MEDIA_URL on the site's address) that ``url``
    names, or None. A name that climbs out (``..``) or is empty names nothing."""
    prefix = urlsplit(urljoin(site_base_url(), prefix_url))  # STATIC_URL may itself be absolute (a bucket)
    parts = urlsplit(url)
    same_origin = (parts.scheme.lower(), parts.netloc.lower()) == (prefix.scheme.lower(), prefix.netloc.lower())
    if not same_origin or not prefix.path.endswith("/") or not parts.path.startswith(prefix.path):
        return None
    name = unquote(parts.path[len(prefix.path) :])
    normalised = posixpath.normpath(name) if name else ""
    if not normalised or normalised != name or normalised.startswith(("/", "..")) or "\x00" in name:
        return None
    return name


def _read_static(name: str) -> bytes | None:
    """One of the platform's static files: the collected one if collected, else from the finders."""
    try:
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name, "rb") as fh:
                return fh.read()
    except (OSError, ValueError):  # a storage that refuses the name (SuspiciousFileOperation is one)
        return None
    path = finders.find(name)
    if not path or isinstance(path, list):
        return None
    with open(path, "rb") as fh:
        return fh.read()


def _is_wagtail_image_file(name: str) -> bool:
    from wagtail.images import get_image_model

    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    return image_model.objects.filter(file=name).exists() or rendition_model.objects.filter(file=name).exists()


def _read_image(name: str) -> bytes | None:
    """The file of a Wagtail image or rendition, through the storage API; None for any other file."""
    if not _is_wagtail_image_file(name):
        return None
    try:
        with default_storage.open(name, "rb") as fh:
            return fh.read()
    except (OSError, ValueError):
        return None


READERS: tuple[tuple[str, Callable[[str], bytes | None]], ...] = (
    ("STATIC_URL", _read_static),
    ("MEDIA_URL", _read_image),
)


class PlatformURLFetcher(URLFetcher):
    """WeasyPrint's fetcher limited to ``data:`` and the platform's own files (see the module)."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        for setting, read in READERS:
            name = _storage_name(url, getattr(settings, setting))
            if name is not None:
                data = read(name)
                if data is not None:
                    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body=data, headers={"Content-Type": mime})
                break
        logger.warning("PDF rendering: refused to read %s (only the platform's static files and images)", url[:300])
        raise RefusedURL(f"not the platform's own file: {url[:300]}")
