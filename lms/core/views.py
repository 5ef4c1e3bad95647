"""Wagtail's images from the file store, under this site's /media/, when the store is a bucket.

The bucket is not public (lms/core/storage.py), so its images reach a browser through the site: the
pages ask no other host, and the bucket may stay on an inner network. Only images and their renditions
are served here: a Wagtail document has privacy rules of its own and goes through Wagtail's serve view
(``WAGTAILDOCS_SERVE_METHOD = "serve_view"``); private files live in another storage altogether.
A local MEDIA_ROOT is served by the web server in front (README), or by Django in development."""

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

# What Wagtail writes: originals and renditions (wagtail.images.models: upload_to, get_upload_to).
IMAGE_FOLDERS = ("original_images/", "images/")
# An SVG opened on its own could run script (README, beside the static files).
MEDIA_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@require_safe
def media_file_view(request, name: str):
    if not name.startswith(IMAGE_FOLDERS) or "\\" in name:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")  # StorageUnavailable: the middleware says "try again"
    except (FileNotFoundError, SuspiciousOperation):  # no such image, or a name outside the media
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    # A stored image is never changed under its name (a new upload or rendition gets a new one).
    response["Cache-Control"] = f"public, max-age={settings.LMS_MEDIA_MAX_AGE}"
    response["Content-Security-Policy"] = MEDIA_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response
