"""A tiny OpenID Connect provider for tests: http.server in a thread on 127.0.0.1.

Discovery, JWKS, authorize (answers at once for ``next_claims``, or with ``authorize_error``), token
(RS256 ID tokens signed with PyJWT and a fresh RSA key, PKCE checked; ``token_error`` makes it refuse),
userinfo (the same claims, or ``userinfo_claims`` when set) and an end-session endpoint. No network.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from jwt.algorithms import RSAAlgorithm


class FakeProvider:
    def __init__(self, client_id: str = "lms-test", client_secret: str = "s3cret"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.next_claims: dict = {}
        self.audience: str | None = None  # None: our client id; set to test a token for someone else
        self.userinfo_claims: dict | None = None  # None: the same claims as the ID token
        self.authorize_error: str = ""  # e.g. "access_denied": the person cancelled at the provider
        self.token_error: tuple[int, str] | None = None  # e.g. (401, "invalid_client")
        self.requests: list[str] = []  # the paths asked for, in order
        self.codes: dict = {}
        self.tokens: dict = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/logout",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [jwk | {"kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def id_token(self, claims: dict, nonce: str) -> str:
        now = int(time.time())
        payload = {
            "iss": self.url,
            "aud": self.audience or self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **claims,
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                provider.requests.append(url.path)
                if url.path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery)
                if url.path == "/jwks":
                    return self._json(provider.jwks())
                if url.path == "/authorize":
                    if query.get("client_id") != provider.client_id:
                        return self._json({"error": "unauthorized_client"}, 400)
                    if provider.authorize_error:
                        answer = {"error": provider.authorize_error, "state": query["state"]}
                        self.send_response(302)
                        self.send_header("Location", query["redirect_uri"] + "?" + urlencode(answer))
                        self.end_headers()
                        return None
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {
                        "claims": dict(provider.next_claims),
                        "nonce": query.get("nonce", ""),
                        "redirect_uri": query["redirect_uri"],
                        "challenge": query.get("code_challenge"),
                    }
                    self.send_response(302)
                    target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                    self.send_header("Location", target)
                    self.end_headers()
                    return None
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json({"error": "invalid_token"}, 401)
                    claims = provider.tokens[token]
                    return self._json(provider.userinfo_claims if provider.userinfo_claims is not None else claims)
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlparse(self.path).path != "/token":
                    return self._json({"error": "not_found"}, 404)
                provider.requests.append("/token")
                if provider.token_error:
                    status, error = provider.token_error
                    return self._json({"error": error, "error_description": "refused by the test"}, status)
                grant = provider.codes.pop(form.get("code", ""), None)
                if (
                    grant is None
                    or form.get("client_id") != provider.client_id
                    or form.get("client_secret") != provider.client_secret
                    or form.get("redirect_uri") != grant["redirect_uri"]
                ):
                    return self._json({"error": "invalid_grant"}, 400)
                if grant["challenge"]:
                    verifier = form.get("code_verifier", "").encode()
                    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
                    if expected != grant["challenge"]:
                        return self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = grant["claims"]
                return self._json(
                    {
                        "access_token": access_token,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(grant["claims"], grant["nonce"]),
                    }
                )

        return Handler


def configure_sso_by_discovery(settings, monkeypatch, *, provider_url: str, client_id: str, client_secret: str):
    """The site set up for a provider by its discovery URL alone, as the README tells: explicit endpoints
    unset, both backends on, matching by subject and employee number; tests change what they need after."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    cache.clear()  # the discovery document is cached by its URL
    settings.LMS_SSO_ENABLED = True
    settings.OIDC_OP_DISCOVERY_URL = f"{provider_url}/.well-known/openid-configuration"
    for name in (
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
        "OIDC_OP_LOGOUT_ENDPOINT",
        "OIDC_OP_ISSUER",
        "OIDC_RP_SIGN_ALGO",
    ):
        setattr(settings, name, "")
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = client_secret
    settings.AUTHENTICATION_BACKENDS = [
        "lms.accounts.oidc.OrganisationOIDCBackend",
        "lms.accounts.backends.CachedModelBackend",
    ]
    settings.LMS_OIDC_TRUST_EMAIL = False
    settings.LMS_OIDC_SINGLE_LOGOUT = True
    settings.LMS_OIDC_SUBJECT_CLAIM = "sub"
    settings.LMS_OIDC_EMPLOYEE_NUMBER_CLAIM = "employee_number"
