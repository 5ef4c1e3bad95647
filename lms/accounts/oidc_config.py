"""The identity provider's configuration: explicit settings first, its discovery document for the rest.

``OIDC_OP_DISCOVERY_URL`` (``…/.well-known/openid-configuration``) fills the endpoints, the issuer and
the ID-token signing algorithms; any ``OIDC_OP_*`` / ``OIDC_RP_SIGN_ALGO`` setting that is set wins.

The document is fetched lazily, at the first SSO request, and kept in Django's cache
(``LMS_OIDC_DISCOVERY_CACHE_SECONDS``), not at start-up: a provider that is down for a minute must not
stop ``migrate``, a Celery worker or the password sign-in from starting, and a provider that moves an
endpoint or adds a signing algorithm is picked up without a restart. A provider that cannot be reached
fails that one sign-in with a message (``ProviderUnavailable``), like any other failure of the exchange.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# Algorithms an ID token may be signed with when the provider's list is taken: asymmetric only, never
# "none"; HS256 (signed with the client secret) only when OIDC_RP_SIGN_ALGO says so explicitly.
ASYMMETRIC_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})


class ProviderUnavailable(Exception):
    """The discovery document could not be had or makes no sense; the message says why (for the log)."""


@dataclass(frozen=True)
class ProviderConfig:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str
    signing_algorithms: tuple[str, ...]


def _discovery_cache_key(url: str) -> str:
    return "lms.oidc.discovery." + hashlib.sha256(url.encode()).hexdigest()[:32]


def fetch_discovery(url: str) -> dict:
    """The provider's discovery document, from the cache or from the provider."""
    key = _discovery_cache_key(url)
    document = cache.get(key)
    if document is not None:
        return document
    try:
        response = requests.get(
            url,
            timeout=getattr(settings, "OIDC_TIMEOUT", 10),
            verify=getattr(settings, "OIDC_VERIFY_SSL", True),
            proxies=getattr(settings, "OIDC_PROXY", None),
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"discovery document {url} could not be read: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("issuer"), str) or not document["issuer"]:
        raise ProviderUnavailable(f"discovery document {url} names no issuer")
    # OpenID Connect Discovery 1.0, section 4.3: the issuer is the URL the document was asked for,
    # without the well-known suffix. A document claiming another issuer is refused (mix-up attacks),
    # unless OIDC_OP_ISSUER names that issuer explicitly (e.g. Entra's "common" endpoint).
    expected = url.removesuffix("/.well-known/openid-configuration").rstrip("/")
    explicit_issuer = getattr(settings, "OIDC_OP_ISSUER", "")
    if document["issuer"].rstrip("/") != expected and document["issuer"] != explicit_issuer:
        raise ProviderUnavailable(f"discovery document {url} names another issuer: {document['issuer']}")
    cache.set(key, document, getattr(settings, "LMS_OIDC_DISCOVERY_CACHE_SECONDS", 3600))
    return document


def _signing_algorithms(document: dict) -> tuple[str, ...]:
    explicit = getattr(settings, "OIDC_RP_SIGN_ALGO", "")
    if explicit:
        return (explicit,)
    offered = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    return tuple(alg for alg in offered if alg in ASYMMETRIC_ALGORITHMS) or ("RS256",)


def provider_config() -> ProviderConfig:
    """The provider's endpoints, issuer and algorithms; raises ProviderUnavailable."""
    discovery_url = getattr(settings, "OIDC_OP_DISCOVERY_URL", "")
    document = fetch_discovery(discovery_url) if discovery_url else {}

    def pick(setting: str, key: str) -> str:
        return getattr(settings, setting, "") or document.get(key) or ""

    config = ProviderConfig(
        issuer=pick("OIDC_OP_ISSUER", "issuer"),
        authorization_endpoint=pick("OIDC_OP_AUTHORIZATION_ENDPOINT", "authorization_endpoint"),
        token_endpoint=pick("OIDC_OP_TOKEN_ENDPOINT", "token_endpoint"),
        userinfo_endpoint=pick("OIDC_OP_USER_ENDPOINT", "userinfo_endpoint"),
        jwks_uri=pick("OIDC_OP_JWKS_ENDPOINT", "jwks_uri"),
        end_session_endpoint=pick("OIDC_OP_LOGOUT_ENDPOINT", "end_session_endpoint"),
        signing_algorithms=_signing_algorithms(document),
    )
    needed = ["issuer", "authorization_endpoint", "token_endpoint"]
    if any(not alg.startswith("HS") for alg in config.signing_algorithms):
        needed.append("jwks_uri")  # an HS256 token is checked with the client secret instead
    missing = [name for name in needed if not getattr(config, name)]
    if missing:
        raise ProviderUnavailable(f"the provider's configuration lacks {', '.join(missing)}")
    return config
