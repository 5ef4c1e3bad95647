"""The keys that sign Open Badges, from the environment (``LMS_OPEN_BADGE_KEYS``), and their public half.

Several keys, each with its id (``kid``), oldest first: the last one signs, every one is published (the JWKS
at ``badges:jwks``, each alone at ``badges:key``), so a badge signed before a new key was added still
verifies. An entry is ``kid:base64(PKCS#8 DER private key)``; an RSA key signs RS256 (the one algorithm
Open Badges 3.0 requires every verifier to support), a P-256 key ES256. The algorithm follows the key,
never a credential's header.

Without the setting (development and tests only: production refuses to start, config/settings/production.py)
one P-256 key is derived from SECRET_KEY, so nothing secret is kept in the repository and a development
site's badges keep verifying across restarts."""

import base64
import binascii
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

KID = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
RSA_MIN_BITS = 2048


@dataclass(frozen=True)
class BadgeKey:
    kid: str
    private_key: object  # cryptography's RSAPrivateKey or EllipticCurvePrivateKey (P-256)

    @property
    def alg(self) -> str:
        return "RS256" if isinstance(self.private_key, rsa.RSAPrivateKey) else "ES256"

    @property
    def public_key(self):
        return self.private_key.public_key()

    def public_jwk(self) -> dict:
        """The public key as a JWK (RFC 7517): never ``d`` or any other private member."""
        algorithm = RSAAlgorithm if self.alg == "RS256" else ECAlgorithm
        jwk = json.loads(algorithm.to_jwk(self.public_key))
        return {**jwk, "kid": self.kid, "alg": self.alg, "use": "sig"}


def parse_entry(entry: str, position: int) -> BadgeKey:
    """One ``kid:base64`` entry; a clear error naming its position (never the key) when it is wrong."""
    kid, sep, encoded = entry.strip().partition(":")
    where = f"LMS_OPEN_BADGE_KEYS entry {position}"
    if not sep or not KID.match(kid):
        raise ImproperlyConfigured(f"{where}: write it as kid:key, the kid of letters, digits, '.', '_' or '-'.")
    try:
        key = serialization.load_der_private_key(base64.b64decode(encoded.strip(), validate=True), password=None)
    except (ValueError, TypeError, binascii.Error):
        raise ImproperlyConfigured(f"{where} ({kid}): the key is not base64 of a PKCS#8 DER private key.") from None
    if isinstance(key, rsa.RSAPrivateKey):
        if key.key_size < RSA_MIN_BITS:
            raise ImproperlyConfigured(f"{where} ({kid}): an RSA key needs at least {RSA_MIN_BITS} bits.")
    elif not (isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1)):
        raise ImproperlyConfigured(f"{where} ({kid}): only RSA (RS256) and P-256 (ES256) keys sign Open Badges.")
    return BadgeKey(kid=kid, private_key=key)


def derived_development_key(secret_key: str) -> BadgeKey:
    """A P-256 key from SECRET_KEY: the same on every start, different on every site."""
    seed = hmac.new(secret_key.encode(), b"lms.badges.development-key", hashlib.sha256).digest()
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256's group order
    private_key = ec.derive_private_key(int.from_bytes(seed) % (order - 1) + 1, ec.SECP256R1())
    public = private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return BadgeKey(kid="dev-" + hashlib.sha256(public).hexdigest()[:12], private_key=private_key)


@cache
def _keys(entries: tuple[str, ...], secret_key: str) -> tuple[BadgeKey, ...]:
    if not entries:
        return (derived_development_key(secret_key),)
    keys = tuple(parse_entry(entry, n) for n, entry in enumerate(entries, start=1))
    kids = [k.kid for k in keys]
    if len(set(kids)) != len(kids):
        raise ImproperlyConfigured("LMS_OPEN_BADGE_KEYS: two entries have the same kid.")
    return keys


def published_keys() -> tuple[BadgeKey, ...]:
    """Every key, oldest first (parsed once per setting's value)."""
    return _keys(tuple(e for e in settings.LMS_OPEN_BADGE_KEYS if e.strip()), settings.SECRET_KEY)


def signing_key() -> BadgeKey:
    """The newest key: the one that signs."""
    return published_keys()[-1]


def key_by_kid(kid: str) -> BadgeKey | None:
    return next((k for k in published_keys() if k.kid == kid), None)


def new_entry(kid: str, *, kind: str = "rsa") -> str:
    """A new ``kid:key`` entry for the setting: RSA 3072 (RS256) or P-256 (ES256)."""
    if not KID.match(kid):
        raise ValueError("a kid is 1-40 letters, digits, '.', '_' or '-'")
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=3072)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return f"{kid}:{base64.b64encode(der).decode()}"
