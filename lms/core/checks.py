"""Deploy checks (``manage.py check --deploy``): absolute URLs must not point at this machine.

Certificates carry their verification address in a QR code and mails carry links: written with
``http://127.0.0.1:8000`` they are useless for good, so production refuses to pass the check. Without
``--database default`` only the setting is checked (CI has no database for it); with it, the default
Wagtail site too, which is where the platform's own addresses come from (lms/core/addresses.py)."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from .addresses import is_this_machine

HINT = (
    "Set WAGTAILADMIN_BASE_URL=https://<the site's host name> in the environment and run "
    "'manage.py setup_platform --organisation … --hostname <the site's host name>' (README, Going live)."
)


@register(Tags.security, deploy=True)
def absolute_urls_check(app_configs=None, databases=None, **kwargs):
    errors = []
    admin_base = settings.WAGTAILADMIN_BASE_URL or ""
    if is_this_machine(admin_base):
        errors.append(
            Error(
                f"WAGTAILADMIN_BASE_URL is {admin_base!r}: links in mails would point at this machine.",
                hint=HINT,
                id="core.E001",
            )
        )
    if databases and "default" in databases:
        errors += _site_errors(admin_base)
    return errors


def _site_errors(admin_base: str) -> list[Error]:
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: nothing written, nothing to check
        return []
    if site is None:
        return [Error("No default site: certificates and mails would have no address.", hint=HINT, id="core.E002")]
    if is_this_machine(site.root_url):
        return [
            Error(
                f"The default site's address is {site.root_url}: certificates' QR codes, verification links and "
                "mails would point at this machine.",
                hint=HINT,
                id="core.E002",
            )
        ]
    if admin_base.rstrip("/") != site.root_url:
        return [
            Error(
                f"The default site's address {site.root_url} and WAGTAILADMIN_BASE_URL {admin_base!r} differ: "
                "the platform's links and Wagtail's would go to different places.",
                hint=HINT,
                id="core.E003",
            )
        ]
    return []
