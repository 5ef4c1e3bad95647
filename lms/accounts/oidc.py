"""Single sign-on with the organisation's OpenID Connect provider (mozilla-django-oidc).

On only when ``settings.LMS_SSO_ENABLED`` (OIDC_RP_CLIENT_ID etc. in the environment, see
config/settings/sso.py); local passwords keep working. The provider's endpoints, issuer and
algorithms come from its discovery document or from explicit settings (oidc_config.py).

- Claims: the verified ID token's, completed by the userinfo endpoint's (``merge_claims``). Entra ID
  puts groups and optional claims such as an employee id only in the ID token.
The backend here checks the exchange and the tokens; what the claims say and why a sign-in fails
are oidc_claims.py's, finding, making and linking the account oidc_accounts.py's.

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

import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import LogoutView
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from . import oidc_accounts
from .backends import CachedAccountMixin
from .oidc_claims import SignInClaims, SignInFailure, merge_claims
from .oidc_config import ProviderUnavailable, provider_config

logger = logging.getLogger(__name__)

ID_TOKEN_SESSION_KEY = "oidc_id_token"  # noqa: S105 (a session key, not a secret) for single logout


def sso_enabled() -> bool:
    return bool(getattr(settings, "LMS_SSO_ENABLED", False))


def _token_endpoint_error(response) -> tuple[str, str]:
    """The OAuth error code and description of a token endpoint's error answer (RFC 6749, 5.2)."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return str(body.get("error") or "unknown"), str(body.get("error_description") or "")


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

    # --- The account ----------------------------------------------------------------------

    def verify_claims(self, claims):
        return bool(SignInClaims(claims).subject)

    def describe_user_by_claims(self, claims):
        return SignInClaims(claims).describe()

    def get_or_create_user(self, access_token, id_token, payload):
        try:  # the library would turn this into a silent None
            claims = self.get_userinfo(access_token, id_token, payload)
        except SuspiciousOperation as exc:
            raise SignInFailure(SignInFailure.UNVERIFIABLE, str(exc)) from None
        if not self.verify_claims(claims):
            claim = self.get_settings("LMS_OIDC_SUBJECT_CLAIM", "sub")
            raise SignInFailure(SignInFailure.UNVERIFIABLE, f"the claims carry no {claim!r} to match on")
        with transaction.atomic():
            user, how = oidc_accounts.match_account(SignInClaims(claims), issuer=self.config.issuer)
            if user is None:
                user, how = self.create_user(claims), "created"
            if not user.is_active:
                raise SignInFailure(SignInFailure.INACTIVE, f"account {user.pk} is inactive")
            oidc_accounts.link(user, SignInClaims(claims), how, issuer=self.config.issuer)
            self.update_user(user, claims)
        return user

    def create_user(self, claims):
        return oidc_accounts.create_account(SignInClaims(claims), issuer=self.config.issuer)

    def update_user(self, user, claims):
        oidc_accounts.sync_groups(user, SignInClaims(claims))
        return user


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
        return render(request, "accounts/signing_out.html", {"provider_url": provider_url})


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
