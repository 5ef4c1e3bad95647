"""What the public verification page (and anyone with the code) learns of a credential: whether this
platform signed it, whether it was changed since, whether its certificate is revoked or expired.

Only what the credential itself says is shown back (the name, what was completed, the dates, the issuer):
the certificate's row is asked for its revocation alone, never for anything the credential does not hold.
Every input gives an answer, never an error: garbage, JSON without a proof, a token of another issuer."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import jwt
from django.urls import Resolver404, resolve
from django.utils import timezone

from lms.certificates.selectors import certificate_by_code

from . import keys
from .credentials import credential_id, jwt_claims
from .sources import source_of

COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
CREDENTIAL_TYPES = {"OpenBadgeCredential", "AchievementCredential"}

# The outcomes, most to least trustworthy; the template words each.
VALID = "valid"
REVOKED = "revoked"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
UNKNOWN = "unknown"  # signed by us, but no certificate of ours answers to it any more
BAD_SIGNATURE = "bad_signature"  # our key's id, but the signature does not hold: changed since signing
NOT_OURS = "not_ours"  # signed by a key this platform does not publish
MALFORMED = "malformed"  # signed by us, but not a well-formed Open Badge
UNSIGNED = "unsigned"  # a credential's JSON without the signature around it
UNREADABLE = "unreadable"


@dataclass
class Verdict:
    status: str
    facts: dict = field(default_factory=dict)  # what the credential says, for a verified signature only

    @property
    def signature_ok(self) -> bool:
        return self.status in {VALID, REVOKED, EXPIRED, NOT_YET_VALID, UNKNOWN}


def local_kid(kid) -> str | None:
    """A header's ``kid`` is the key's URL (…/nycklar/<kid>/); the key is known by its last segment, so a
    site that moved to another address still verifies what it signed before."""
    if not isinstance(kid, str) or not kid:
        return None
    return kid.rstrip("/").rsplit("/", 1)[-1]


def facts_of(credential: dict) -> dict:
    """The credential's own statements, as the page shows them (dates in the site's time zone)."""
    subject = credential.get("credentialSubject") or {}
    names = [
        i.get("identityHash")
        for i in subject.get("identifier") or []
        if isinstance(i, dict) and i.get("identityType") == "name" and not i.get("hashed")
    ]
    achievement = subject.get("achievement") or {}
    until = credential.get("validUntil")
    return {
        "name": names[0] if names else "",
        "achievement": achievement.get("name", ""),
        "description": achievement.get("description", ""),
        "issuer": (credential.get("issuer") or {}).get("name", ""),
        "valid_from": timezone.localdate(datetime.fromisoformat(credential["validFrom"])),
        # validUntil is the start of the first day it is no longer valid: show the last valid day.
        "valid_until": timezone.localdate(datetime.fromisoformat(until) - timedelta(seconds=1)) if until else None,
    }


def status_code_of(credential: dict) -> str | None:
    """The certificate code in the credential's status URL (ours: badges:status)."""
    status = credential.get("credentialStatus")
    if not isinstance(status, dict) or not isinstance(status.get("id"), str):
        return None
    try:
        match = resolve(urlsplit(status["id"]).path)
    except Resolver404:
        return None
    return match.kwargs.get("code") if match.view_name == "badges:status" else None


def well_formed(payload: dict) -> bool:
    """An Open Badge whose JWT claims mirror its members (Open Badges 3.0 §8.2.6)."""
    try:
        types = payload["type"]
        if not isinstance(types, list) or "VerifiableCredential" not in types or not CREDENTIAL_TYPES & set(types):
            return False
        expected = jwt_claims(payload)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return all(payload.get(claim) == value for claim, value in expected.items()) and (
        "exp" in expected or "exp" not in payload
    )


def verify(text: str, *, now: datetime | None = None) -> Verdict:
    token = (text or "").strip()
    if token.startswith("{"):
        return Verdict(UNSIGNED)
    if not COMPACT_JWS.match(token):
        return Verdict(UNREADABLE)
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return Verdict(UNREADABLE)
    key = keys.key_by_kid(local_kid(header.get("kid")) or "")
    if key is None:
        return Verdict(NOT_OURS)
    if header.get("alg") != key.alg:  # the key decides the algorithm, never the token
        return Verdict(BAD_SIGNATURE)
    try:
        payload = jwt.decode(
            token,
            key.public_key,
            algorithms=[key.alg],
            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_aud": False},
        )
    except jwt.InvalidSignatureError:
        return Verdict(BAD_SIGNATURE)
    except jwt.InvalidTokenError:
        return Verdict(MALFORMED)
    if not well_formed(payload):
        return Verdict(MALFORMED)
    facts = facts_of(payload)
    code = status_code_of(payload)
    row = certificate_by_code(raw_code=code) if code else None
    source = source_of(row) if row is not None else None
    if source is None or credential_id(source, row.code) != payload["id"]:
        return Verdict(UNKNOWN, facts)
    now = now or timezone.now()
    if row.revoked_at is not None:
        return Verdict(REVOKED, facts)
    if "exp" in payload and now.timestamp() >= payload["exp"]:
        return Verdict(EXPIRED, facts)
    if now.timestamp() < payload["nbf"]:
        return Verdict(NOT_YET_VALID, facts)
    return Verdict(VALID, facts)
