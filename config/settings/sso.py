"""Single sign-on (OpenID Connect) and personal-data settings. Imported by base.py.

SSO is on only when the provider is configured in the environment
(OIDC_RP_CLIENT_ID and the endpoints); local passwords keep working either way.
"""

from config.env import ConfigurationError, env

# --- Single sign-on (OpenID Connect, mozilla-django-oidc) ------------------------
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
# The provider's issuer ("iss" of its ID tokens); checked when set.
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
LOGIN_REDIRECT_URL_FAILURE = "/konto/logga-in/"

LMS_SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
if LMS_SSO_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ConfigurationError(f"OIDC_RP_CLIENT_ID is set, so single sign-on also needs {', '.join(_missing)}.")
    AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",  # refuses locked password sign-ins; lets SSO through
        "lms.organisation.oidc.OrganisationOIDCBackend",
        "django.contrib.auth.backends.ModelBackend",  # local passwords remain
    ]

# Who may sign in for the first time through SSO, and how accounts are matched.
OIDC_CREATE_USER = env.bool("LMS_OIDC_CREATE_USERS", default=False)
# A claim carrying the HR employee number (e.g. "employee_number"); matched before the e-mail when set.
LMS_OIDC_EMPLOYEE_NUMBER_CLAIM = env.str("LMS_OIDC_EMPLOYEE_NUMBER_CLAIM", default="")
# A new SSO user also gets a Person in this unit (its code) when allowed; else they wait for the HR import.
LMS_OIDC_CREATE_PERSON = env.bool("LMS_OIDC_CREATE_PERSON", default=False)
LMS_OIDC_DEFAULT_UNIT_CODE = env.str("LMS_OIDC_DEFAULT_UNIT_CODE", default="")
# Group claims mapped to the platform's groups, e.g. LMS_OIDC_GROUP_MAP="lms-hr=HR,lms-editors=Editors".
# Groups named here are kept in step with the claim at every sign-in; other groups are left alone.
LMS_OIDC_GROUPS_CLAIM = env.str("LMS_OIDC_GROUPS_CLAIM", default="groups")
LMS_OIDC_GROUP_MAP = env.dict("LMS_OIDC_GROUP_MAP", default={})

# --- Personal data --------------------------------------------------------------
# People who left are anonymised this many days after their deactivation (task anonymise_leavers).
LMS_RETENTION_DAYS_AFTER_LEAVING = env.int("LMS_RETENTION_DAYS_AFTER_LEAVING", default=730)
# Uploaded HR files (personal data) are cleared this many days after upload if never imported.
LMS_IMPORT_KEEP_UPLOAD_DAYS = env.int("LMS_IMPORT_KEEP_UPLOAD_DAYS", default=7)
# Larger HR files are refused before they are parsed.
LMS_IMPORT_MAX_BYTES = env.int("LMS_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
