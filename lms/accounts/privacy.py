"""Accounts' section of the register extract: the organisation accounts (single sign-on) the account
signed in with; erasure deletes them (the registry: ``lms.access.privacy``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section
from lms.organisation.models import Person

from .models import SignInIdentity

ACCOUNTS_LABEL = pgettext_lazy("personal data", "Organisation accounts used to sign in")

KEY_LABELS = {
    "sign_in_identities": pgettext_lazy("personal data", "Organisation accounts used to sign in"),
    "issuer": pgettext_lazy("personal data", "Sign-in service"),
    "subject": pgettext_lazy("personal data", "Account identifier"),
    "last_used_at": pgettext_lazy("personal data", "Last used"),
    "linked_by_unverified_email": pgettext_lazy("personal data", "Linked by an unverified e-mail address"),
}


def accounts_section(person: Person) -> dict:
    """The organisation accounts (single sign-on) this account was signed in with."""
    return {
        "sign_in_identities": [
            {
                "issuer": i.issuer,
                "subject": i.subject,
                "created_at": iso(i.created_at),
                "last_used_at": iso(i.last_used_at),
                "linked_by_unverified_email": i.linked_by_unverified_email,
            }
            for i in SignInIdentity.objects.filter(user_id=person.user_id).order_by("created_at")
        ],
    }


def erase_sign_in_identities(person: Person) -> None:
    """The organisation accounts' identifiers (single sign-on links). A link is how sign-in finds the
    account, no public document: it goes, decision or not, as do the sessions and lockout rows
    (``lms.organisation.erasure._end_sign_in``)."""
    SignInIdentity.objects.filter(user_id=person.user_id).delete()


register_personal_data_section(
    "accounts", ACCOUNTS_LABEL, accounts_section, erase=erase_sign_in_identities, key_labels=KEY_LABELS
)
