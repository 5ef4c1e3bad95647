"""Reading a badge as any verifier would: the JWT's parts, and its signature against a JWKS."""

import base64
import json

import jwt


def payload_of(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def header_of(token: str) -> dict:
    return jwt.get_unverified_header(token)


def verify_with_jwks(token: str, jwks: dict) -> dict:
    """Check the signature with the published key the header names (as the offline script does)."""
    kid = header_of(token)["kid"]
    found = [k for k in jwks["keys"] if k["kid"] == kid]
    assert found, f"no published key {kid}"
    key = jwt.PyJWK(found[0])
    return jwt.decode(token, key.key, algorithms=[found[0]["alg"]], options={"verify_exp": False, "verify_nbf": False})
