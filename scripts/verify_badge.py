"""Verify an Open Badge from this platform offline, with nothing but its published keys.

    curl -o jwks.json https://utbildning.example.se/intyg/open-badges/nycklar/   # once, kept anywhere
    python3 scripts/verify_badge.py open-badge-7KQ4-M2XD-9RTF-H3PA.jwt jwks.json

Needs PyJWT and cryptography (`pip install PyJWT cryptography`), no Django and no network. Checks the
signature with the key the badge names (its header's ``kid``), that the JWT's claims mirror the credential
(Open Badges 3.0 §8.2) and its dates; prints who, what, by whom and until when. Whether the certificate has
been revoked since only the issuer can say: the credential's ``credentialStatus.id`` is where to ask (a
1EdTech revocation list naming the credential once revoked). Exit status: 0 valid, 1 not valid, 2 unusable
input."""

import json
import sys
import time
from datetime import UTC, datetime

import jwt

ALGORITHMS = {"RSA": "RS256", "EC": "ES256"}  # the key decides the algorithm, never the badge


def local_kid(kid: str) -> str:
    return kid.rstrip("/").rsplit("/", 1)[-1]


def find_key(jwks: dict, kid: str) -> dict | None:
    """The key the header names: by its whole URL, else by its last segment (a site that moved)."""
    keys = jwks.get("keys", [])
    return next((k for k in keys if k.get("kid") == kid), None) or next(
        (k for k in keys if local_kid(str(k.get("kid", ""))) == local_kid(kid)), None
    )


def mirrored(payload: dict) -> bool:
    try:
        stamp = lambda text: int(datetime.fromisoformat(text).timestamp())  # noqa: E731
        ok = (
            payload["iss"] == payload["issuer"]["id"]
            and payload["jti"] == payload["id"]
            and payload["sub"] == payload["credentialSubject"]["id"]
            and payload["nbf"] == stamp(payload["validFrom"])
        )
        if "validUntil" in payload or "exp" in payload:
            ok = ok and payload.get("exp") == stamp(payload["validUntil"])
        return ok
    except (KeyError, TypeError, ValueError):
        return False


def verify(token: str, jwks: dict, now: float | None = None) -> tuple[bool, str, dict]:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return False, "not an Open Badge (not a compact JWS)", {}
    jwk = find_key(jwks, str(header.get("kid", "")))
    if jwk is None:
        return False, "signed with a key these published keys do not hold: not issued by this platform", {}
    algorithm = ALGORITHMS.get(jwk.get("kty"))
    if algorithm is None or header.get("alg") != algorithm:
        return False, "the signature's algorithm is not the key's", {}
    try:
        payload = jwt.decode(
            token, jwt.PyJWK(jwk).key, algorithms=[algorithm], options={"verify_exp": False, "verify_nbf": False}
        )
    except jwt.InvalidSignatureError:
        return False, "the signature does not match: the badge was changed after it was signed", {}
    except jwt.InvalidTokenError as error:
        return False, f"not a readable Open Badge ({error})", {}
    if not mirrored(payload):
        return False, "signed, but its claims do not mirror the credential", payload
    now = time.time() if now is None else now
    if now < payload["nbf"]:
        return False, "not valid yet", payload
    if "exp" in payload and now >= payload["exp"]:
        return False, "expired", payload
    return True, "valid signature and dates", payload


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as fh:
            token = fh.read().strip()
        with open(argv[2], encoding="utf-8") as fh:
            jwks = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"cannot read the input: {error}", file=sys.stderr)
        return 2
    ok, message, payload = verify(token, jwks)
    print(("VALID: " if ok else "NOT VALID: ") + message)
    if payload:
        subject = payload.get("credentialSubject", {})
        names = [i.get("identityHash") for i in subject.get("identifier", []) if i.get("identityType") == "name"]
        day = lambda ts: datetime.fromtimestamp(ts, UTC).date().isoformat()  # noqa: E731
        print(f"  who:      {', '.join(names)}")
        print(f"  what:     {subject.get('achievement', {}).get('name', '')}")
        print(f"  issuer:   {payload.get('issuer', {}).get('name', '')} ({payload.get('iss', '')})")
        print(f"  from:     {day(payload['nbf'])} (UTC)" if "nbf" in payload else "")
        print(f"  until:    {day(payload['exp'])} (UTC)" if "exp" in payload else "  until:    no end date")
        print(f"  revoked?: ask {payload.get('credentialStatus', {}).get('id', '(no status given)')}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
