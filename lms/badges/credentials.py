"""An Open Badges 3.0 credential (an ``OpenBadgeCredential``, W3C VC Data Model 2.0) for a certificate, and
its proof as a VC-JWT (Open Badges 3.0 §8.2: the credential's members are the JWT payload, with ``iss``,
``jti``, ``sub``, ``nbf`` and ``exp`` mirroring them; the header's ``kid`` a URL that gives the key).

Made when asked, never stored: the same certificate and key give the same credential (its ids derive
from the certificate's code; its dates from the certificate), so nothing personal is kept for it, and
after a key rotation a new download is simply signed with the new key while old copies still verify.

Who the credential is about (``credentialSubject``): their name, as printed on the PDF and shown on the
public verification page, as an ``IdentityObject`` of type ``name`` (plain: a verifier compares it with an
identity document), and a per-credential ``urn:uuid`` id (VC-JWT needs a ``sub``) that links it to
nothing else. No e-mail, employee number or unit: a work address ends with the job the credential must
outlive, and its hash is guessable from the name (docs/architecture.md, "Open Badges")."""

import uuid
from datetime import UTC, datetime, time, timedelta

import jwt
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.certificates.services import organisation_name
from lms.core.addresses import absolute_url, base_url
from lms.languages.content import as_language, interface_language

from . import keys
from .sources import BadgeSource

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
STATUS_TYPE = "1EdTechRevocationList"
# Fixed forever: the credential and subject ids of every badge already handed out derive from it.
NAMESPACE = uuid.UUID("6b0c2f7e-5d1a-4f0e-9a57-3c2b8e41d9a0")
MEDIA_TYPE = "application/vc+jwt"


def credential_id(source: BadgeSource, code: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{source.key}:{code}')}"


def subject_id(source: BadgeSource, code: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'subject:{source.key}:{code}')}"


def issuer_id(base: str | None = None) -> str:
    return absolute_url(reverse("badges:issuer"), base=base)


def key_url(kid: str, base: str | None = None) -> str:
    return absolute_url(reverse("badges:key", args=[kid]), base=base)


def status_url(code: str, base: str | None = None) -> str:
    return absolute_url(reverse("badges:status", args=[code]), base=base)


def start_of(day) -> datetime:
    """Midnight at the start of ``day`` in the site's time zone, in UTC."""
    return timezone.make_aware(datetime.combine(day, time.min)).astimezone(UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def page_address(page, base: str) -> str:
    """The page's address on this site (lms.core.addresses: the platform writes its own); a page that is no
    longer routable (unpublished since) names the issuer instead."""
    parts = page.get_url_parts()
    return absolute_url(parts[2], base=base) if parts and parts[2] else issuer_id(base)


def issuer_profile(base: str | None = None) -> dict:
    """The platform as issuer (an Open Badges ``Profile``), also served alone at its id."""
    base = base if base is not None else base_url()
    return {"id": issuer_id(base), "type": ["Profile"], "name": organisation_name(), "url": base + "/"}


def credential_for(source: BadgeSource, row) -> dict:
    """The unsigned credential of a certificate row (of ``source``'s kind), in the certificate's language as
    its PDF is: what was completed by its title there (a course's certificate: ``printed_course``), the
    narrative in the interface language nearest it. A kind without a language is in the site's."""
    base = base_url()
    page = row.subject_page
    printed = getattr(row, "printed_course", page)  # the course in the certificate's language where translated
    language = as_language(getattr(row, "language", ""))
    valid_from = start_of(row.completed_on)
    with translation.override(interface_language(language.code).code):
        facts = {"label": str(row.subject_label), "organisation": organisation_name(), "code": row.display_code}
        if getattr(row, "is_registered", False):
            narrative = _("%(label)s completed elsewhere and registered by %(organisation)s (certificate %(code)s).")
        else:
            narrative = _("%(label)s completed on the training platform of %(organisation)s (certificate %(code)s).")
        achievement = {
            "id": page_address(page, base),
            "type": ["Achievement"],
            "achievementType": source.achievement_type,
            "name": row.subject_title,
            "description": printed.summary or row.subject_title,
            "criteria": {"narrative": narrative % facts},
            "inLanguage": language.code,
        }
    credential = {
        "@context": CONTEXT,
        "id": credential_id(source, row.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": row.subject_title,
        "issuer": issuer_profile(base),
        "validFrom": stamp(valid_from),
        "awardedDate": stamp(row.issued_at),
        "credentialSubject": {
            "id": subject_id(source, row.code),
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": row.person.full_name,
                }
            ],
            "achievement": achievement,
        },
        "credentialStatus": {"id": status_url(row.code, base), "type": STATUS_TYPE},
        "credentialSchema": [{"id": SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if row.valid_until is not None:  # valid through that day: until the next one starts
        credential["validUntil"] = stamp(start_of(row.valid_until + timedelta(days=1)))
    return credential


def jwt_claims(credential: dict) -> dict:
    """The registered claims VC-JWT requires, each mirroring the credential's own member."""
    claims = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": int(datetime.fromisoformat(credential["validFrom"]).timestamp()),
    }
    if "validUntil" in credential:
        claims["exp"] = int(datetime.fromisoformat(credential["validUntil"]).timestamp())
    return claims


def sign(credential: dict, key: keys.BadgeKey | None = None) -> str:
    """The credential as a compact JWS, signed with the newest key (or ``key``)."""
    key = key or keys.signing_key()
    return jwt.encode(
        {**credential, **jwt_claims(credential)},
        key.private_key,
        algorithm=key.alg,
        headers={"kid": key_url(key.kid), "typ": "JWT"},
    )


def badge_for(source: BadgeSource, row) -> str:
    return sign(credential_for(source, row))
