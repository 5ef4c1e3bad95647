"""The platform's own address: every absolute URL it writes is made here.

Certificates' QR codes and verification links, the mails (certificate ready, reminders, survey reminders,
accessibility feedback, password resets) and anything else that leaves the site with a link in it take
their address from ``base_url()``: the default Wagtail site's (Settings → Sites), which
``manage.py setup_platform --hostname`` sets. Not the request's host (a mail is often written by a worker
with no request, and a Host header is the client's word) and not a second setting that could disagree.

Wagtail's own links outside the admin (its notification mails) read the setting WAGTAILADMIN_BASE_URL;
the deploy check (lms/core/checks.py) fails when either points at this machine or they disagree.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    """``https://utbildning.example.se``: the default site's address, without a trailing slash.

    Before any site exists (an empty database) the setting's is the best there is."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is None:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return site.root_url


def absolute_url(path: str, *, base: str | None = None) -> str:
    """The absolute URL of a path on this site (``/intyg/verifiera/…`` → ``https://…/intyg/verifiera/…``).
    ``base``: ``base_url()`` read once by a caller that makes many (one query each otherwise)."""
    if not path.startswith("/"):
        raise ValueError(f"a path on this site starts with '/': {path!r}")
    return (base if base is not None else base_url()) + path


def page_absolute_url(page, *, base: str | None = None) -> str | None:
    """A Wagtail page's absolute URL on the default site's address; None for a page no site serves."""
    parts = page.get_url_parts()
    if parts is None:
        return None
    return absolute_url(parts[2], base=base)


def site_address(url: str) -> tuple[str, int]:
    """The host name and port Wagtail's ``Site`` needs for ``url``; a bare host name means HTTPS.

    ``utbildning.example.se`` and ``https://utbildning.example.se`` → (``utbildning.example.se``, 443);
    ``http://127.0.0.1:8000`` → (``127.0.0.1``, 8000). Wagtail writes port 443 as https://, 80 as http://
    and any other port as http://host:port."""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a host name or an http(s) address: {url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"the site's address is a host name only, with no path: {url!r}")
    if parts.scheme == "https" and parts.port not in (None, 443):
        raise ValueError(f"HTTPS only on port 443 (Wagtail's sites know no other): {url!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def is_this_machine(url: str) -> bool:
    """Whether ``url`` points at the machine that reads it (localhost, 127.0.0.1, ::1, 0.0.0.0, no host):
    useless in a mail or on a certificate."""
    host = (urlsplit(url if "://" in url else f"//{url}").hostname or "").rstrip(".").lower()
    if host in ("", "localhost") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
