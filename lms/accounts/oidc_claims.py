"""What one single sign-on says (its claims, read as the settings say) and why a sign-in fails
(``SignInFailure``). The backend (oidc.py) checks the tokens; oidc_accounts.py finds, makes and links
the account."""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- Why a sign-in failed: what the person reads, what the log says -----------------------


class SignInFailure(Exception):
    """A failed SSO sign-in: ``reason`` picks the message the person sees, ``cause`` goes to the log."""

    CANCELLED = "cancelled"
    EXPIRED = "expired"
    PROVIDER = "provider"
    UNVERIFIABLE = "unverifiable"
    NO_ACCOUNT = "no_account"
    UNVERIFIED_EMAIL = "unverified_email"
    UNTRUSTED_LINK = "untrusted_link"
    ASK_HR = "ask_hr"
    INACTIVE = "inactive"
    NOT_SET_UP = "not_set_up"
    UNKNOWN = "unknown"

    MESSAGES = {
        CANCELLED: _("You cancelled signing in with your organisation account."),
        EXPIRED: _("The sign-in with your organisation account had expired or was already used. Please try again."),
        PROVIDER: _(
            "Your organisation's sign-in service could not be reached or refused the request, so you were not "
            "signed in. Try again later, or sign in with your password. Contact IT support if it keeps happening."
        ),
        UNVERIFIABLE: _(
            "The answer from your organisation's sign-in service could not be verified, so you were not signed "
            "in. Contact IT support if it keeps happening."
        ),
        NO_ACCOUNT: _(
            "There is no account on the platform for your organisation account. Ask HR to add you, or sign in "
            "with your password."
        ),
        UNVERIFIED_EMAIL: _(
            "Your organisation account's e-mail address is not verified, so it cannot be used to find your "
            "account. Ask HR to add your employee number to your profile."
        ),
        UNTRUSTED_LINK: _(
            "Your organisation account was linked to your account on the platform by an e-mail address that "
            "your organisation's sign-in service has not verified. Such links are no longer accepted, so you "
            "were not signed in. Ask HR to add your employee number to your profile, or sign in with your password."
        ),
        ASK_HR: _(
            "Your organisation account matches a profile on the platform that could not be linked safely, so "
            "you were not signed in and no new account was made. Ask HR to check your profile (employee number "
            "and e-mail address)."
        ),
        INACTIVE: _("Your account on the platform is not active. Contact HR if you think this is wrong."),
        NOT_SET_UP: _(
            "Your account could not be created because signing in with an organisation account is not fully "
            "set up. Contact IT support."
        ),
        UNKNOWN: _("Signing in with your organisation account did not work. Try again, or sign in with your password."),
    }

    def __init__(self, reason: str, cause: str):
        super().__init__(f"{reason}: {cause}")
        self.reason = reason
        self.cause = cause

    @property
    def message(self):
        return self.MESSAGES[self.reason]


# --- Claims ----------------------------------------------------------------------------


def merge_claims(id_token_claims: dict, userinfo: dict) -> dict:
    """The claims of one sign-in: the ID token's, completed by userinfo's.

    The ID token wins where both carry a claim: it is signed by the provider and was checked here for
    issuer, audience, expiry and this browser's nonce, while userinfo is an unsigned answer fetched with
    the access token. Userinfo only adds what the ID token lacks: most providers send the profile and
    the e-mail there in the code flow, and Entra ID sends groups and optional claims (employee id) only
    in the ID token. The two must be about the same subject (checked by the caller).

    ``email_verified`` vouches for the address next to it only: userinfo's is dropped when the e-mail
    taken is the ID token's and userinfo's was another address.
    """
    merged = {**userinfo, **id_token_claims}
    id_token_email = str(id_token_claims.get("email") or "").lower()
    if id_token_email and "email_verified" not in id_token_claims:
        if str(userinfo.get("email") or "").lower() != id_token_email:
            merged.pop("email_verified", None)
    return merged


def is_true(value) -> bool:
    """``email_verified`` as a boolean; some providers send the string "true"."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


USERNAME_BASE_LENGTH = 130  # of the 150 a username may have: room for "-99" or "-<subject hash>"


def username_from_claim(value: str, user_model) -> str:
    """A claim (``preferred_username``, an e-mail, a display name) made into a valid username, or "":
    lower case, spaces as dots, only the characters Django's username validator allows."""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    text = re.sub(r"\s+", ".", text)
    text = re.sub(r"[^\w.@+-]", "", text)
    text = re.sub(r"\.{2,}", ".", text).strip(".-+@")[:USERNAME_BASE_LENGTH].rstrip(".-+@")
    try:
        getattr(user_model, "username_validator", UnicodeUsernameValidator())(text)
    except ValidationError:
        return ""
    return text


def trusting_unverified_email() -> bool:
    return bool(getattr(settings, "LMS_OIDC_TRUST_EMAIL", False))


@dataclass(frozen=True)
class SignInClaims:
    """The claims of one sign-in (``merge_claims``), read as the settings name them."""

    claims: dict

    def get(self, name: str, default=None):
        return self.claims.get(name, default)

    @property
    def subject(self) -> str:
        return str(self.claims.get(getattr(settings, "LMS_OIDC_SUBJECT_CLAIM", "sub")) or "").strip()

    @property
    def employee_number(self) -> str:
        claim = getattr(settings, "LMS_OIDC_EMPLOYEE_NUMBER_CLAIM", "")
        return str(self.claims.get(claim) or "").strip() if claim else ""

    @property
    def email(self) -> str:
        return str(self.claims.get("email") or "").strip()

    @property
    def email_verified(self) -> bool:
        return is_true(self.claims.get("email_verified"))

    @property
    def email_trusted(self) -> bool:
        return self.email_verified or trusting_unverified_email()

    def describe(self) -> str:
        return f"subject {self.subject or '–'} / employee number {self.employee_number or '–'} / e-mail {self.email or '–'}"
