"""Single sign-on with the organisation's OpenID Connect provider (mozilla-django-oidc).

On only when ``settings.LMS_SSO_ENABLED`` (OIDC_RP_CLIENT_ID etc. in the
environment, see config/settings/sso.py); local passwords keep working.

- Accounts are matched by an employee-number claim (LMS_OIDC_EMPLOYEE_NUMBER_CLAIM,
  via the Person imported from HR) and else by e-mail.
- New accounts only when OIDC_CREATE_USER; they get a Person in
  LMS_OIDC_DEFAULT_UNIT_CODE only when LMS_OIDC_CREATE_PERSON.
- Group claims map to the platform's groups (LMS_OIDC_GROUP_MAP); every change is
  written to Wagtail's audit log.
- ID tokens are checked for signature, audience (our client id), issuer (when
  OIDC_OP_ISSUER is set) and expiry; mozilla-django-oidc itself skips the audience.
"""

import logging

import jwt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from wagtail.log_actions import log

from . import services
from .models import OrgUnit, Person

logger = logging.getLogger(__name__)


def sso_enabled() -> bool:
    return bool(getattr(settings, "LMS_SSO_ENABLED", False))


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    """Signs people in with the organisation account; see the module docstring."""

    # --- Token checks -----------------------------------------------------------

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token's algorithm is not the one configured.")
        issuer = self.get_settings("OIDC_OP_ISSUER", "") or None
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                options={"require": ["exp", "iat", "aud"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from None

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:  # a bad token is a failed sign-in, not a server error
            logger.warning("OIDC sign-in refused: %s", exc)
            return None

    # --- Matching and creating accounts -----------------------------------------

    def _employee_number(self, claims) -> str:
        claim = self.get_settings("LMS_OIDC_EMPLOYEE_NUMBER_CLAIM", "")
        return str(claims.get(claim) or "").strip() if claim else ""

    def verify_claims(self, claims):
        return bool(claims.get("email") or self._employee_number(claims))

    def filter_users_by_claims(self, claims):
        number = self._employee_number(claims)
        if number:
            users = self.UserModel.objects.filter(person__employee_number=number)
            if users.exists():
                return users
        return super().filter_users_by_claims(claims)

    def describe_user_by_claims(self, claims):
        return f"employee number {self._employee_number(claims) or '–'} / e-mail {claims.get('email') or '–'}"

    @transaction.atomic
    def create_user(self, claims):
        email = (claims.get("email") or "").strip()
        number = self._employee_number(claims) or None
        username = (email or f"sso-{number}").lower()
        if self.UserModel.objects.filter(username__iexact=username).exists():
            username = self.get_username(claims)  # the library's hash of the e-mail: unique enough
        names = {"first_name": claims.get("given_name", "")[:150], "last_name": claims.get("family_name", "")[:150]}
        unit_code = self.get_settings("LMS_OIDC_DEFAULT_UNIT_CODE", "")
        unit = OrgUnit.objects.filter(code=unit_code).first() if unit_code else None
        if self.get_settings("LMS_OIDC_CREATE_PERSON", False) and unit is not None:
            if number and Person.objects.filter(employee_number=number).exists():
                number = None  # the number belongs to someone else's profile: do not steal it
            person = services.person_create(
                username=username, org_unit=unit, email=email, employee_number=number, **names
            )
            user = person.user
        else:
            user = self.UserModel.objects.create_user(username, email=email, **names)
            user.set_unusable_password()
            user.save(update_fields=["password"])
        self._sync_groups(user, claims)
        return user

    def update_user(self, user, claims):
        self._sync_groups(user, claims)
        return user

    # --- Roles from group claims ------------------------------------------------

    def _sync_groups(self, user, claims) -> None:
        """Keep the mapped groups in step with the claim; other groups are left alone."""
        mapping = self.get_settings("LMS_OIDC_GROUP_MAP", {}) or {}
        if not mapping:
            return
        claimed = claims.get(self.get_settings("LMS_OIDC_GROUPS_CLAIM", "groups")) or []
        if isinstance(claimed, str):
            claimed = [claimed]
        wanted = {mapping[c] for c in claimed if c in mapping}
        managed = set(mapping.values())
        current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
        added, removed = sorted(wanted - current), sorted(current - wanted)
        if not added and not removed:
            return
        with transaction.atomic():
            if added:
                user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in added])
            if removed:
                user.groups.remove(*Group.objects.filter(name__in=removed))
            log(instance=user, action="lms.oidc.roles", user=user, data={"added": added, "removed": removed})


# --- Views: 404 while SSO is off, settings read per request --------------------------


class SSOSignInView(OIDCAuthenticationRequestView):
    """Starts the sign-in at the provider."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads settings here; we do it per request

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        self.OIDC_OP_AUTH_ENDPOINT = settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().dispatch(request, *args, **kwargs)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the person back here with a code."""

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def login_failure(self):
        messages.error(
            self.request,
            _("Signing in with your organisation account did not work. Try again, or sign in with your password."),
        )
        return HttpResponseRedirect(self.failure_url)
