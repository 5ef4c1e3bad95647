"""Single sign-on (OpenID Connect) and personal-data settings. Imported by base.py.

SSO is on only when the provider is configured in the environment
(OIDC_RP_CLIENT_ID and the endpoints); local passwords keep working either way.
"""

from config.env import ConfigurationError, env

# --- Single sign-on (OpenID Connect, mozilla-django-oidc; lms/accounts/oidc.py) -------
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
# The provider's discovery document (…/.well-known/openid-configuration): fills the endpoints, the
# issuer and the signing algorithms below that are not set (read at the first sign-in, then cached).
OIDC_OP_DISCOVERY_URL = env.str("OIDC_OP_DISCOVERY_URL", default="")
LMS_OIDC_DISCOVERY_CACHE_SECONDS = env.int("LMS_OIDC_DISCOVERY_CACHE_SECONDS", default=3600)
# Explicit endpoints win over the discovery document.
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")  # optional: claims from the ID token alone
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")  # the end_session_endpoint
# The provider's issuer ("iss" of its ID tokens): always checked; from the discovery document when unset.
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
# The ID token's signing algorithm; unset: the asymmetric ones the discovery document offers (else RS256).
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_TOKEN_USE_BASIC_AUTH = env.bool("OIDC_TOKEN_USE_BASIC_AUTH", default=False)  # else client_secret_post
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
LOGIN_REDIRECT_URL_FAILURE = "/konto/logga-in/"
# Signing out also ends the provider's session (its end_session_endpoint), so that the next person at a
# shared computer is not signed straight back in.
LMS_OIDC_SINGLE_LOGOUT = env.bool("LMS_OIDC_SINGLE_LOGOUT", default=True)
OIDC_OP_LOGOUT_URL_METHOD = "lms.accounts.oidc.provider_logout_url"

# Who may sign in for the first time through SSO, and how accounts are matched.
OIDC_CREATE_USER = env.bool("LMS_OIDC_CREATE_USERS", default=False)
# The claim that names the organisation account for good: "sub", or "oid" for Microsoft Entra ID.
# Stored at the first sign-in; later sign-ins match it first.
LMS_OIDC_SUBJECT_CLAIM = env.str("LMS_OIDC_SUBJECT_CLAIM", default="sub")
# A claim carrying the HR employee number (e.g. "employeeid"); matched before the e-mail when set.
LMS_OIDC_EMPLOYEE_NUMBER_CLAIM = env.str("LMS_OIDC_EMPLOYEE_NUMBER_CLAIM", default="")
# The e-mail claim matches an account only when the provider says email_verified=true, unless this
# trusts every e-mail the provider sends (only for a provider whose addresses only its administrators
# set, e.g. a single-tenant Entra ID: see README).
LMS_OIDC_TRUST_EMAIL = env.bool("LMS_OIDC_TRUST_EMAIL", default=False)
# A new SSO user also gets a Person in this unit (its code) when allowed; else they wait for the HR import.
LMS_OIDC_CREATE_PERSON = env.bool("LMS_OIDC_CREATE_PERSON", default=False)
LMS_OIDC_DEFAULT_UNIT_CODE = env.str("LMS_OIDC_DEFAULT_UNIT_CODE", default="")
# Group claims mapped to the platform's groups, e.g. LMS_OIDC_GROUP_MAP="lms-hr=HR,lms-editors=Editors".
# Groups named here are kept in step with the claim at every sign-in; other groups are left alone.
LMS_OIDC_GROUPS_CLAIM = env.str("LMS_OIDC_GROUPS_CLAIM", default="groups")
LMS_OIDC_GROUP_MAP = env.dict("LMS_OIDC_GROUP_MAP", default={})


def sso_configuration_problem(values: dict) -> str:
    """What is wrong with the SSO settings in ``values`` (this module's names), "" when nothing.
    Start-up stops on it; the unit code is checked against the database by organisation's checks.py."""
    if not values.get("OIDC_RP_CLIENT_ID"):
        return ""
    if not values.get("OIDC_RP_CLIENT_SECRET"):
        return "OIDC_RP_CLIENT_ID is set, so single sign-on also needs OIDC_RP_CLIENT_SECRET."
    if not values.get("OIDC_OP_DISCOVERY_URL"):
        needed = ["OIDC_OP_ISSUER", "OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT"]
        if not str(values.get("OIDC_RP_SIGN_ALGO") or "").startswith("HS"):
            needed.append("OIDC_OP_JWKS_ENDPOINT")
        missing = [name for name in needed if not values.get(name)]
        if missing:
            return (
                f"OIDC_RP_CLIENT_ID is set, so single sign-on needs OIDC_OP_DISCOVERY_URL, or else {', '.join(missing)}"
                " (the issuer is always checked)."
            )
    if values.get("LMS_OIDC_CREATE_PERSON") and not values.get("LMS_OIDC_DEFAULT_UNIT_CODE"):
        return "LMS_OIDC_CREATE_PERSON is on, so LMS_OIDC_DEFAULT_UNIT_CODE must name the unit new people go to."
    return ""


LMS_SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
if _problem := sso_configuration_problem(globals()):
    raise ConfigurationError(_problem)
if LMS_SSO_ENABLED:
    AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",  # refuses locked password sign-ins; lets SSO through
        "lms.accounts.oidc.OrganisationOIDCBackend",
        "lms.accounts.backends.CachedModelBackend",  # local passwords remain (ModelBackend)
    ]

# --- Personal data --------------------------------------------------------------
# How long people's names and HR import files are kept is no longer a setting: the records-management
# plan's retention decisions say it (lms/records; check records.W001 names the old variables if set).
# Larger HR files are refused before they are parsed.
LMS_IMPORT_MAX_BYTES = env.int("LMS_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
