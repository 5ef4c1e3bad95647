"""Single sign-on with the organisation's OpenID Connect provider (mozilla-django-oidc).

On only when ``settings.LMS_SSO_ENABLED`` (OIDC_RP_CLIENT_ID etc. in the environment, see
config/settings/sso.py); local passwords keep working. The provider's endpoints, issuer and
algorithms come from its discovery document or from explicit settings (oidc_config.py).

- Claims: the verified ID token's, completed by the userinfo endpoint's (``merge_claims``). Entra ID
  puts groups and optional claims such as an employee id only in the ID token.
- Matching, in this order: the stored subject (``SignInIdentity``: the issuer and
  LMS_OIDC_SUBJECT_CLAIM, "sub" or Entra's "oid", saved at the first sign-in); the employee-number
  claim (LMS_OIDC_EMPLOYEE_NUMBER_CLAIM, via the Person imported from HR); the e-mail, only when the
  provider vouches for it (``email_verified``) or LMS_OIDC_TRUST_EMAIL says to trust it. A link made
  by an unverified e-mail under that setting is marked (``linked_by_unverified_email``) and signs in
  only while the setting is on, or when the employee number or a verified e-mail confirms it.
- New accounts only when OIDC_CREATE_USER, and never for someone who already has an account: an
  e-mail or employee number that belongs to an account we may not match refuses with a message for
  HR. A new account gets a Person in LMS_OIDC_DEFAULT_UNIT_CODE when LMS_OIDC_CREATE_PERSON, and a
  username from ``preferred_username``, the e-mail or ``name`` (``username_from_claim``).
- Group claims map to the platform's groups (LMS_OIDC_GROUP_MAP); every change is in the audit log.
  Without the list (Entra's overage: ``_claim_names`` or ``hasgroups``) the roles are left alone.
- ID tokens are checked for signature, algorithm, audience (our client id), issuer (always),
  expiry and nonce; mozilla-django-oidc itself skips the audience and the issuer.
- Every failure of the exchange (the provider's errors, an unreachable or wrong JWKS, an expired or
  used code, a stale state, the person cancelling) ends on the sign-in page with a message saying
  what happened and a log line with the cause (``SignInFailure``), never a 500 or a bare 400.
- Signing out also ends the provider's session (its end_session_endpoint) unless LMS_OIDC_SINGLE_LOGOUT
  is off.
"""

import hashlib
import logging
import re
import unicodedata
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.auth.views import LogoutView
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from wagtail.admin.views.account import LogoutView as WagtailLogoutView
from wagtail.log_actions import log

from . import services
from .backends import CachedAccountMixin
from .models import OrgUnit, Person, SignInIdentity
from .oidc_config import ProviderUnavailable, provider_config

logger = logging.getLogger(__name__)

ID_TOKEN_SESSION_KEY = "oidc_id_token"  # noqa: S105 (a session key, not a secret) for single logout


def sso_enabled() -> bool:
    return bool(getattr(settings, "LMS_SSO_ENABLED", False))


# --- Why a sign-in failed: what the person reads, what the log says -----------------------


class SignInFailure(Exception):
    """A failed SSO sign-in: ``reason`` picks the message the person sees, ``cause`` goes to the log."""

    CANCELLED = "cancelled"
    EXPIRED = "expired"
    PROVIDER = "provider"
    UNVERIFIABLE = "unverifiable"
    NO_ACCOUNT = "no_account"
    UNVERIFIED_EMAIL = "unverified_email"
    UNTRUSTED_LINK = "untrusted_link"
    ASK_HR = "ask_hr"
    INACTIVE = "inactive"
    NOT_SET_UP = "not_set_up"
    UNKNOWN = "unknown"

    MESSAGES = {
        CANCELLED: _("You cancelled signing in with your organisation account."),
        EXPIRED: _("The sign-in with your organisation account had expired or was already used. Please try again."),
        PROVIDER: _(
            "Your organisation's sign-in service could not be reached or refused the request, so you were not "
            "signed in. Try again later, or sign in with your password. Contact IT support if it keeps happening."
        ),
        UNVERIFIABLE: _(
            "The answer from your organisation's sign-in service could not be verified, so you were not signed "
            "in. Contact IT support if it keeps happening."
        ),
        NO_ACCOUNT: _(
            "There is no account on the platform for your organisation account. Ask HR to add you, or sign in "
            "with your password."
        ),
        UNVERIFIED_EMAIL: _(
            "Your organisation account's e-mail address is not verified, so it cannot be used to find your "
            "account. Ask HR to add your employee number to your profile."
        ),
        UNTRUSTED_LINK: _(
            "Your organisation account was linked to your account on the platform by an e-mail address that "
            "your organisation's sign-in service has not verified. Such links are no longer accepted, so you "
            "were not signed in. Ask HR to add your employee number to your profile, or sign in with your password."
        ),
        ASK_HR: _(
            "Your organisation account matches a profile on the platform that could not be linked safely, so "
            "you were not signed in and no new account was made. Ask HR to check your profile (employee number "
            "and e-mail address)."
        ),
        INACTIVE: _("Your account on the platform is not active. Contact HR if you think this is wrong."),
        NOT_SET_UP: _(
            "Your account could not be created because signing in with an organisation account is not fully "
            "set up. Contact IT support."
        ),
        UNKNOWN: _("Signing in with your organisation account did not work. Try again, or sign in with your password."),
    }

    def __init__(self, reason: str, cause: str):
        super().__init__(f"{reason}: {cause}")
        self.reason = reason
        self.cause = cause

    @property
    def message(self):
        return self.MESSAGES[self.reason]


def _token_endpoint_error(response) -> tuple[str, str]:
    """The OAuth error code and description of a token endpoint's error answer (RFC 6749, 5.2)."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return str(body.get("error") or "unknown"), str(body.get("error_description") or "")


# --- Claims ----------------------------------------------------------------------------


def merge_claims(id_token_claims: dict, userinfo: dict) -> dict:
    """The claims of one sign-in: the ID token's, completed by userinfo's.

    The ID token wins where both carry a claim: it is signed by the provider and was checked here for
    issuer, audience, expiry and this browser's nonce, while userinfo is an unsigned answer fetched with
    the access token. Userinfo only adds what the ID token lacks: most providers send the profile and
    the e-mail there in the code flow, and Entra ID sends groups and optional claims (employee id) only
    in the ID token. The two must be about the same subject (checked by the caller).

    ``email_verified`` vouches for the address next to it only: userinfo's is dropped when the e-mail
    taken is the ID token's and userinfo's was another address.
    """
    merged = {**userinfo, **id_token_claims}
    id_token_email = str(id_token_claims.get("email") or "").lower()
    if id_token_email and "email_verified" not in id_token_claims:
        if str(userinfo.get("email") or "").lower() != id_token_email:
            merged.pop("email_verified", None)
    return merged


def _is_true(value) -> bool:
    """``email_verified`` as a boolean; some providers send the string "true"."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


USERNAME_BASE_LENGTH = 130  # of the 150 a username may have: room for "-99" or "-<subject hash>"


def username_from_claim(value: str, user_model) -> str:
    """A claim (``preferred_username``, an e-mail, a display name) made into a valid username, or "":
    lower case, spaces as dots, only the characters Django's username validator allows."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    text = re.sub(r"\s+", ".", text)
    text = re.sub(r"[^\w.@+-]", "", text)
    text = re.sub(r"\.{2,}", ".", text).strip(".-+@")[:USERNAME_BASE_LENGTH].rstrip(".-+@")
    try:
        getattr(user_model, "username_validator", UnicodeUsernameValidator())(text)
    except ValidationError:
        return ""
    return text


# --- The backend -------------------------------------------------------------------------


class OrganisationOIDCBackend(CachedAccountMixin, OIDCAuthenticationBackend):
    """Signs people in with the organisation account; see the module docstring. Permissions and the
    signed-in user are read as by the password backend (backends.py)."""

    def __init__(self, *args, **kwargs):
        # The library reads and checks its settings here. Django makes a backend for every request of
        # a signed-in person (get_user), so the provider's configuration is read only when signing in.
        self.UserModel = get_user_model()

    def _configure(self) -> None:
        self.config = provider_config()
        self.OIDC_OP_TOKEN_ENDPOINT = self.config.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = self.config.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = self.config.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = self.config.signing_algorithms[0]
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only the SSO callback passes a nonce; a password sign-in never reaches the provider.
        if request is None or "nonce" not in kwargs or not request.GET.get("code"):
            return None
        try:
            self._configure()
            return super().authenticate(request, **kwargs)
        except SignInFailure as failure:
            request.lms_oidc_failure = failure
        except ProviderUnavailable as exc:
            request.lms_oidc_failure = SignInFailure(SignInFailure.PROVIDER, str(exc))
        except requests.RequestException as exc:  # the JWKS or userinfo endpoint unreachable or failing
            request.lms_oidc_failure = SignInFailure(SignInFailure.PROVIDER, f"{type(exc).__name__}: {exc}")
        except (SuspiciousOperation, jwt.PyJWTError) as exc:  # a token that does not verify
            request.lms_oidc_failure = SignInFailure(SignInFailure.UNVERIFIABLE, f"{type(exc).__name__}: {exc}")
        except (ValueError, KeyError, TypeError) as exc:  # an answer that is not the JSON it should be
            request.lms_oidc_failure = SignInFailure(SignInFailure.PROVIDER, f"malformed answer: {exc!r}")
        except IntegrityError as exc:  # the same first sign-in twice at once: the other one won
            request.lms_oidc_failure = SignInFailure(SignInFailure.UNKNOWN, f"concurrent sign-in: {exc}")
        return None

    # --- The exchange with the provider -------------------------------------------------

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.HTTPError as exc:
            error, description = _token_endpoint_error(exc.response)
            # invalid_grant: the code expired, was already used, or was made for another sign-in.
            reason = SignInFailure.EXPIRED if error == "invalid_grant" else SignInFailure.PROVIDER
            status = exc.response.status_code if exc.response is not None else "?"
            raise SignInFailure(reason, f"token endpoint answered {status} {error}: {description}") from None

    def verify_token(self, token, **kwargs):
        """The ID token's claims, once its algorithm, signature, audience, issuer, expiry and nonce hold."""
        if not token:
            raise SuspiciousOperation("The token endpoint sent no ID token.")
        alg = jwt.get_unverified_header(token).get("alg")
        if alg not in self.config.signing_algorithms:
            raise SuspiciousOperation(f"ID token signed with {alg!r}, not one of {self.config.signing_algorithms}.")
        key = self.OIDC_RP_CLIENT_SECRET if alg.startswith("HS") else self.retrieve_matching_jwk(token)
        payload = jwt.decode(
            token,
            key,
            algorithms=[alg],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=self.config.issuer,
            options={"require": ["exp", "iat", "aud", "iss", "sub"]},
        )
        if self.get_settings("OIDC_USE_NONCE", True) and kwargs.get("nonce") != payload.get("nonce"):
            raise SuspiciousOperation("The ID token's nonce is not this sign-in's.")
        return payload

    def store_tokens(self, access_token, id_token):
        # Kept on the request; the callback view puts it in the session once the person is signed in.
        self.request.lms_oidc_id_token = id_token

    def get_userinfo(self, access_token, id_token, payload):
        """The claims of this sign-in: the verified ID token's, completed by userinfo's (merge_claims)."""
        userinfo = {}
        if self.config.userinfo_endpoint and access_token:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if not isinstance(userinfo, dict):
                raise ValueError("the userinfo answer is not an object")
            # OpenID Connect Core 5.3.2: an answer about another subject must not be used.
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo answer is about another subject than the ID token.")
        return merge_claims(payload, userinfo)

    # --- Matching and creating accounts -------------------------------------------------

    def _employee_number(self, claims) -> str:
        claim = self.get_settings("LMS_OIDC_EMPLOYEE_NUMBER_CLAIM", "")
        return str(claims.get(claim) or "").strip() if claim else ""

    def _subject(self, claims) -> str:
        return str(claims.get(self.get_settings("LMS_OIDC_SUBJECT_CLAIM", "sub")) or "").strip()

    def _email(self, claims) -> str:
        return str(claims.get("email") or "").strip()

    def _trusting_unverified_email(self) -> bool:
        return bool(self.get_settings("LMS_OIDC_TRUST_EMAIL", False))

    def _email_trusted(self, claims) -> bool:
        return _is_true(claims.get("email_verified")) or self._trusting_unverified_email()

    def verify_claims(self, claims):
        return bool(self._subject(claims))

    def describe_user_by_claims(self, claims):
        return (
            f"subject {self._subject(claims) or '–'} / employee number {self._employee_number(claims) or '–'}"
            f" / e-mail {self._email(claims) or '–'}"
        )

    def get_or_create_user(self, access_token, id_token, payload):
        try:  # the library would turn this into a silent None
            claims = self.get_userinfo(access_token, id_token, payload)
        except SuspiciousOperation as exc:
            raise SignInFailure(SignInFailure.UNVERIFIABLE, str(exc)) from None
        if not self.verify_claims(claims):
            claim = self.get_settings("LMS_OIDC_SUBJECT_CLAIM", "sub")
            raise SignInFailure(SignInFailure.UNVERIFIABLE, f"the claims carry no {claim!r} to match on")
        with transaction.atomic():
            user, how = self._match(claims)
            if user is None:
                user, how = self.create_user(claims), "created"
            if not user.is_active:
                raise SignInFailure(SignInFailure.INACTIVE, f"account {user.pk} is inactive")
            self._link(user, claims, how)
            self.update_user(user, claims)
        return user

    def _match(self, claims):
        """The existing account these claims are, and how it was found; (None, "") for nobody.
        Raises SignInFailure when someone has an account that these claims may not sign in to."""
        subject = self._subject(claims)
        identity = (
            SignInIdentity.objects.filter(issuer=self.config.issuer, subject=subject).select_related("user").first()
        )
        if identity is not None:
            if identity.linked_by_unverified_email and not self._trusting_unverified_email():
                return self._confirm_unverified_link(identity, claims)
            return identity.user, "subject"
        number = self._employee_number(claims)
        if number:
            person = Person.objects.filter(employee_number=number).select_related("user").first()
            if person is not None:
                # HR's employee number, set by the organisation in its own directory: it decides, even
                # when the account was linked to an earlier organisation account (re-linked, audited).
                return person.user, "employee number"
        email = self._email(claims)
        if not email:
            return None, ""
        users = list(self.UserModel.objects.filter(email__iexact=email).select_related("person")[:2])
        if not users:
            return None, ""
        description = self.describe_user_by_claims(claims)
        if not self._email_trusted(claims):
            # Matching on an e-mail the provider does not vouch for is the known account takeover; and
            # making a new account would give this person a second one.
            raise SignInFailure(
                SignInFailure.UNVERIFIED_EMAIL, f"unverified e-mail of an existing account ({description})"
            )
        if len(users) > 1:
            raise SignInFailure(SignInFailure.ASK_HR, f"several accounts have the e-mail ({description})")
        user = users[0]
        profile_number = getattr(getattr(user, "person", None), "employee_number", None)
        if number and profile_number and profile_number != number:
            raise SignInFailure(
                SignInFailure.ASK_HR, f"the e-mail's account has another employee number ({description})"
            )
        linked = SignInIdentity.objects.filter(user=user, issuer=self.config.issuer).exclude(subject=subject)
        if linked.exists():
            # An address given to someone new (reused mailboxes) must not take over the old account.
            raise SignInFailure(
                SignInFailure.ASK_HR, f"the e-mail's account is linked to another organisation account ({description})"
            )
        return user, "e-mail"

    def _confirm_unverified_link(self, identity, claims):
        """A link that only an unverified e-mail made, now that LMS_OIDC_TRUST_EMAIL is off: it signs in
        only when a claim we trust names the same account (then it becomes an ordinary link, _link)."""
        user = identity.user
        number = self._employee_number(claims)
        if number and Person.objects.filter(employee_number=number, user=user).exists():
            return user, "employee number"
        email = self._email(claims)
        if email and _is_true(claims.get("email_verified")) and email.lower() == (user.email or "").lower():
            return user, "e-mail"
        raise SignInFailure(
            SignInFailure.UNTRUSTED_LINK,
            f"account {user.pk} was linked by an unverified e-mail and LMS_OIDC_TRUST_EMAIL is off "
            f"({self.describe_user_by_claims(claims)})",
        )

    def _refuse_a_second_account(self, claims) -> None:
        """Nobody who already has an account gets another one: a safety net behind _match, which has
        matched or refused every such case already."""
        number = self._employee_number(claims)
        email = self._email(claims)
        if number and Person.objects.filter(employee_number=number).exists():
            raise SignInFailure(SignInFailure.ASK_HR, f"employee number {number} already has a profile")
        if email and self.UserModel.objects.filter(email__iexact=email).exists():
            raise SignInFailure(SignInFailure.ASK_HR, "the e-mail already has an account")

    def _new_username(self, claims, email: str) -> str:
        """The new account's username: the name the person signs in with at the provider
        (``preferred_username``), else the (trusted) e-mail, else the display name (``name``), else
        one made from the employee number or the subject; unique, with -2, -3… when taken.
        A ``preferred_username`` that is an address but not the account's trusted e-mail gives only
        its part before the @: the account must not look like the owner of an address nobody vouched for."""
        subject_hash = hashlib.sha256(f"{self.config.issuer} {self._subject(claims)}".encode()).hexdigest()[:12]
        preferred = str(claims.get("preferred_username") or "").strip()
        if "@" in preferred and preferred.lower() != email.lower():
            preferred = preferred.split("@", 1)[0]
        number = self._employee_number(claims)
        base = (
            username_from_claim(preferred, self.UserModel)
            or username_from_claim(email, self.UserModel)
            or username_from_claim(str(claims.get("name") or ""), self.UserModel)
            or (f"sso-{number}" if number else f"sso-{subject_hash}").lower()[:USERNAME_BASE_LENGTH]
        )
        field = f"{self.UserModel.USERNAME_FIELD}__istartswith"
        taken = {
            name.lower() for name in self.UserModel.objects.filter(**{field: base}).values_list("username", flat=True)
        }
        for candidate in (base, *(f"{base}-{n}" for n in range(2, 100))):
            if candidate not in taken:
                return candidate
        return f"{base}-{subject_hash}"

    def create_user(self, claims):
        description = self.describe_user_by_claims(claims)
        if not self.get_settings("OIDC_CREATE_USER", False):
            raise SignInFailure(SignInFailure.NO_ACCOUNT, f"no account for {description}; OIDC_CREATE_USER is off")
        self._refuse_a_second_account(claims)
        # An e-mail the provider does not vouch for is not stored: it would match this account later.
        email = self._email(claims) if self._email_trusted(claims) else ""
        names = {
            "first_name": str(claims.get("given_name") or "")[:150],
            "last_name": str(claims.get("family_name") or "")[:150],
        }
        username = self._new_username(claims, email)
        if self.get_settings("LMS_OIDC_CREATE_PERSON", False):
            unit_code = self.get_settings("LMS_OIDC_DEFAULT_UNIT_CODE", "")
            unit = OrgUnit.objects.filter(code=unit_code).first() if unit_code else None
            if unit is None:  # start-up checks it too (checks.py); the unit may have been removed since
                raise SignInFailure(
                    SignInFailure.NOT_SET_UP, f"LMS_OIDC_DEFAULT_UNIT_CODE {unit_code!r} names no unit ({description})"
                )
            person = services.person_create(
                username=username,
                org_unit=unit,
                email=email,
                employee_number=self._employee_number(claims) or None,
                **names,
            )
            return person.user
        user = self.UserModel.objects.create_user(username, email=email, **names)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return user

    def _link(self, user, claims, how: str) -> None:
        """Remember the organisation account, so that the next sign-in finds this account by it; marked
        when only an unverified e-mail (trusted by LMS_OIDC_TRUST_EMAIL) made the link."""
        subject = self._subject(claims)
        unverified = how == "e-mail" and not _is_true(claims.get("email_verified"))
        data = {"matched_by": how, **({"unverified_email": True} if unverified else {})}
        identity = SignInIdentity.objects.filter(user=user, issuer=self.config.issuer).first()
        now = timezone.now()
        if identity is None:
            SignInIdentity.objects.create(
                user=user,
                issuer=self.config.issuer,
                subject=subject,
                last_used_at=now,
                linked_by_unverified_email=unverified,
            )
            log(instance=user, action="lms.oidc.linked", user=user, data=data)
        elif identity.subject != subject:
            identity.subject, identity.last_used_at, identity.linked_by_unverified_email = subject, now, unverified
            identity.save(update_fields=["subject", "last_used_at", "linked_by_unverified_email"])
            log(instance=user, action="lms.oidc.linked", user=user, data={**data, "relinked": True})
        elif identity.linked_by_unverified_email and how != "subject":
            # A trusted claim (employee number, verified e-mail) named the same account: an ordinary link now.
            SignInIdentity.objects.filter(pk=identity.pk).update(last_used_at=now, linked_by_unverified_email=False)
            log(instance=user, action="lms.oidc.linked", user=user, data={**data, "confirmed": True})
        else:
            SignInIdentity.objects.filter(pk=identity.pk).update(last_used_at=now)

    def update_user(self, user, claims):
        self._sync_groups(user, claims)
        return user

    # --- Roles from group claims --------------------------------------------------------

    def _sync_groups(self, user, claims) -> None:
        """Keep the mapped groups in step with the claim; other groups are left alone."""
        mapping = self.get_settings("LMS_OIDC_GROUP_MAP", {}) or {}
        if not mapping:
            return
        claim = self.get_settings("LMS_OIDC_GROUPS_CLAIM", "groups")
        # Entra ID's "group overage": too many groups for the token, so instead of the list either a
        # link to fetch them (``_claim_names``) or, where the token travels in a URL, ``hasgroups: true``.
        # Without the list, the roles are left as they are rather than taken away.
        if claim in (claims.get("_claim_names") or {}):
            signal = "_claim_names"
        elif claim not in claims and _is_true(claims.get("hasgroups")):
            signal = "hasgroups"
        else:
            signal = ""
        if signal:
            logger.warning(
                "SSO: the %r claim of user %s was too large for the token (%s); roles left as they are",
                claim,
                user.pk,
                signal,
            )
            return
        claimed = claims.get(claim) or []
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


# --- Single logout ------------------------------------------------------------------------


def provider_logout_url(request) -> str:
    """Where to send the browser to end the provider's session too ("" for nowhere): its
    end_session_endpoint with the ID token as hint and our post-logout address. Also usable as
    mozilla-django-oidc's OIDC_OP_LOGOUT_URL_METHOD."""
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    if not (sso_enabled() and id_token and getattr(settings, "LMS_OIDC_SINGLE_LOGOUT", True)):
        return ""
    try:
        endpoint = provider_config().end_session_endpoint
    except ProviderUnavailable as exc:
        logger.warning("SSO: signed out here only, the provider's session stays: %s", exc)
        return ""
    if not endpoint:
        return ""
    params = {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
        "client_id": settings.OIDC_RP_CLIENT_ID,
    }
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


class ProviderSignOutMixin:
    """A sign-out view that, after a single sign-on, ends the provider's session too (single logout):
    on a shared computer the next "sign in with your organisation account" must ask who is there."""

    def post(self, request, *args, **kwargs):
        provider_url = provider_logout_url(request)  # read before the session ends
        response = super().post(request, *args, **kwargs)
        if not provider_url:
            return response
        # A page that moves on at once, not a redirect: the site's CSP (form-action 'self') would stop
        # the browser from following a sign-out form's redirect to the provider.
        return render(request, "organisation/signing_out.html", {"provider_url": provider_url})


class SignOutView(ProviderSignOutMixin, LogoutView):
    """The site's sign-out (/konto/logga-ut/)."""


class AdminSignOutView(ProviderSignOutMixin, WagtailLogoutView):
    """Wagtail's admin sign-out (its message and session cookie handling kept), served at
    /admin/logout/ ahead of Wagtail's own (config/urls.py), so the admin's "Log out" ends the
    provider's session as the site's does. The provider sends the browser back to the site's
    post-logout address, the one already registered there."""


# --- Views: 404 while SSO is off, settings read per request --------------------------------


def _failure_redirect(request, failure: SignInFailure) -> HttpResponseRedirect:
    logger.warning("SSO sign-in failed (%s): %s", failure.reason, failure.cause)
    messages.error(request, failure.message)
    return HttpResponseRedirect(resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE))


class SSOSignInView(OIDCAuthenticationRequestView):
    """Starts the sign-in at the provider."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads settings here; we do it per request

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_config().authorization_endpoint
        except ProviderUnavailable as exc:
            return _failure_redirect(request, SignInFailure(SignInFailure.PROVIDER, str(exc)))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().dispatch(request, *args, **kwargs)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the person back here with a code, or with an error."""

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        error = request.GET.get("error")
        if error:
            reason = SignInFailure.CANCELLED if error == "access_denied" else SignInFailure.PROVIDER
            description = request.GET.get("error_description", "")[:300]
            request.lms_oidc_failure = SignInFailure(reason, f"the provider answered {error}: {description}")
        elif "oidc_states" not in request.session:
            request.lms_oidc_failure = SignInFailure(SignInFailure.EXPIRED, "no sign-in was started in this session")
        try:
            return super().get(request)
        except SuspiciousOperation as exc:  # the library's "state not found": stale, tampered or reloaded
            request.lms_oidc_failure = SignInFailure(SignInFailure.EXPIRED, str(exc))
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        id_token = getattr(self.request, "lms_oidc_id_token", None)
        if id_token and getattr(settings, "LMS_OIDC_SINGLE_LOGOUT", True):
            self.request.session[ID_TOKEN_SESSION_KEY] = id_token
        return response

    def login_failure(self):
        failure = getattr(self.request, "lms_oidc_failure", None)
        if failure is None:
            failure = SignInFailure(SignInFailure.UNKNOWN, "the callback had no code and no error")
        return _failure_redirect(self.request, failure)
