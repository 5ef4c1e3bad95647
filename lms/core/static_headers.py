"""The headers of every static file, for whitenoise (``WHITENOISE_ADD_HEADERS_FUNCTION``, set in the settings,
so nothing here may need Django's apps loaded)."""

from django.conf import settings


def static_file_headers(headers, path: str, url: str) -> None:
    """The site's Content-Security-Policy and the Permissions-Policy on every static file, as
    ``lms.core.middleware`` gives every page. Whitenoise works them out once per file when it starts, so
    it serves ahead of every middleware but SecurityMiddleware: a static file that passed through the two
    policy middlewares, once per request, lost 10-20 % of its throughput (bench/load.py)."""
    from csp.utils import build_policy

    headers.setdefault("Content-Security-Policy", build_policy())
    if settings.LMS_PERMISSIONS_POLICY:
        headers.setdefault("Permissions-Policy", settings.LMS_PERMISSIONS_POLICY)
