"""Start-up checks of the single sign-on settings that need the database.

The settings alone are checked when they load (config/settings/sso.py stops start-up with one line).
Whether LMS_OIDC_DEFAULT_UNIT_CODE names a unit can only be told by the database, which may not exist
yet when the settings load: so it is a check tagged ``database``, which ``manage.py migrate`` and
``manage.py check --database default`` run (README: after each deploy). A fresh database, before its
first HR import, has no units to compare with and passes; the sign-in itself refuses to create anyone
when the unit is missing (oidc.py), never a user without a profile.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.database)
def check_sso_default_unit(app_configs=None, databases=None, **kwargs):
    if not databases or not getattr(settings, "LMS_SSO_ENABLED", False):
        return []
    if not (getattr(settings, "OIDC_CREATE_USER", False) and getattr(settings, "LMS_OIDC_CREATE_PERSON", False)):
        return []
    from lms.organisation.models import OrgUnit

    code = getattr(settings, "LMS_OIDC_DEFAULT_UNIT_CODE", "")
    errors = []
    for alias in databases:
        try:
            units = OrgUnit.objects.using(alias)
            if units.exists() and not units.filter(code=code).exists():
                errors.append(
                    Error(
                        f"LMS_OIDC_DEFAULT_UNIT_CODE {code!r} names no organisational unit, so single sign-on "
                        "could not give new people a profile.",
                        hint="Set it to the code of an existing unit (admin → Kommunkoncernen), or turn off "
                        "LMS_OIDC_CREATE_PERSON.",
                        id="accounts.E001",
                    )
                )
        except DatabaseError:  # no tables yet: migrate has not run
            continue
    return errors
