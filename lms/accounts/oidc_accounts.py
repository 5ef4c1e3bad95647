"""The account a single sign-on signs in to: found (``match_account``), made (``create_account``),
linked (``link``) and given the roles its group claims map to (``sync_groups``). The order of
matching and its refusals are the module docstring of oidc.py's; each function argues its part."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from lms.organisation import services
from lms.organisation.models import OrgUnit, Person

from .models import SignInIdentity
from .oidc_claims import (
    USERNAME_BASE_LENGTH,
    SignInClaims,
    SignInFailure,
    is_true,
    trusting_unverified_email,
    username_from_claim,
)

logger = logging.getLogger(__name__)


def match_account(claims: SignInClaims, *, issuer: str):
    """The existing account these claims are, and how it was found; (None, "") for nobody.
    Raises SignInFailure when someone has an account that these claims may not sign in to."""
    identity = SignInIdentity.objects.filter(issuer=issuer, subject=claims.subject).select_related("user").first()
    if identity is not None:
        if identity.linked_by_unverified_email and not trusting_unverified_email():
            return _confirm_unverified_link(identity, claims)
        return identity.user, "subject"
    number = claims.employee_number
    if number:
        person = Person.objects.filter(employee_number=number).select_related("user").first()
        if person is not None:
            # HR's employee number, set by the organisation in its own directory: it decides, even
            # when the account was linked to an earlier organisation account (re-linked, audited).
            return person.user, "employee number"
    return _match_by_email(claims, issuer=issuer)


def _match_by_email(claims: SignInClaims, *, issuer: str):
    """The one account with the claims' e-mail, when the provider vouches for it (or the setting trusts it)."""
    email = claims.email
    if not email:
        return None, ""
    users = list(get_user_model().objects.filter(email__iexact=email).select_related("person")[:2])
    if not users:
        return None, ""
    description = claims.describe()
    if not claims.email_trusted:
        # Matching on an e-mail the provider does not vouch for is the known account takeover; and
        # making a new account would give this person a second one.
        raise SignInFailure(SignInFailure.UNVERIFIED_EMAIL, f"unverified e-mail of an existing account ({description})")
    if len(users) > 1:
        raise SignInFailure(SignInFailure.ASK_HR, f"several accounts have the e-mail ({description})")
    user = users[0]
    number = claims.employee_number
    profile_number = getattr(getattr(user, "person", None), "employee_number", None)
    if number and profile_number and profile_number != number:
        raise SignInFailure(SignInFailure.ASK_HR, f"the e-mail's account has another employee number ({description})")
    if SignInIdentity.objects.filter(user=user, issuer=issuer).exclude(subject=claims.subject).exists():
        # An address given to someone new (reused mailboxes) must not take over the old account.
        raise SignInFailure(
            SignInFailure.ASK_HR, f"the e-mail's account is linked to another organisation account ({description})"
        )
    return user, "e-mail"


def _confirm_unverified_link(identity: SignInIdentity, claims: SignInClaims):
    """A link that only an unverified e-mail made, now that LMS_OIDC_TRUST_EMAIL is off: it signs in
    only when a claim we trust names the same account (then it becomes an ordinary link, ``link``)."""
    user = identity.user
    number = claims.employee_number
    if number and Person.objects.filter(employee_number=number, user=user).exists():
        return user, "employee number"
    email = claims.email
    if email and claims.email_verified and email.lower() == (user.email or "").lower():
        return user, "e-mail"
    raise SignInFailure(
        SignInFailure.UNTRUSTED_LINK,
        f"account {user.pk} was linked by an unverified e-mail and LMS_OIDC_TRUST_EMAIL is off ({claims.describe()})",
    )


def _refuse_a_second_account(claims: SignInClaims) -> None:
    """Nobody who already has an account gets another one: a safety net behind ``match_account``, which
    has matched or refused every such case already."""
    number = claims.employee_number
    email = claims.email
    if number and Person.objects.filter(employee_number=number).exists():
        raise SignInFailure(SignInFailure.ASK_HR, f"employee number {number} already has a profile")
    if email and get_user_model().objects.filter(email__iexact=email).exists():
        raise SignInFailure(SignInFailure.ASK_HR, "the e-mail already has an account")


def new_username(claims: SignInClaims, email: str, *, issuer: str) -> str:
    """The new account's username: the name the person signs in with at the provider
    (``preferred_username``), else the (trusted) e-mail, else the display name (``name``), else
    one made from the employee number or the subject; unique, with -2, -3… when taken.
    A ``preferred_username`` that is an address but not the account's trusted e-mail gives only
    its part before the @: the account must not look like the owner of an address nobody vouched for."""
    User = get_user_model()
    subject_hash = hashlib.sha256(f"{issuer} {claims.subject}".encode()).hexdigest()[:12]
    preferred = str(claims.get("preferred_username") or "").strip()
    if "@" in preferred and preferred.lower() != email.lower():
        preferred = preferred.split("@", 1)[0]
    number = claims.employee_number
    base = (
        username_from_claim(preferred, User)
        or username_from_claim(email, User)
        or username_from_claim(str(claims.get("name") or ""), User)
        or (f"sso-{number}" if number else f"sso-{subject_hash}").lower()[:USERNAME_BASE_LENGTH]
    )
    field = f"{User.USERNAME_FIELD}__istartswith"
    taken = {name.lower() for name in User.objects.filter(**{field: base}).values_list("username", flat=True)}
    for candidate in (base, *(f"{base}-{n}" for n in range(2, 100))):
        if candidate not in taken:
            return candidate
    return f"{base}-{subject_hash}"


def create_account(claims: SignInClaims, *, issuer: str):
    """A new account for someone who has none (only when OIDC_CREATE_USER), with a Person in
    LMS_OIDC_DEFAULT_UNIT_CODE when LMS_OIDC_CREATE_PERSON."""
    description = claims.describe()
    if not getattr(settings, "OIDC_CREATE_USER", False):
        raise SignInFailure(SignInFailure.NO_ACCOUNT, f"no account for {description}; OIDC_CREATE_USER is off")
    _refuse_a_second_account(claims)
    # An e-mail the provider does not vouch for is not stored: it would match this account later.
    email = claims.email if claims.email_trusted else ""
    names = {
        "first_name": str(claims.get("given_name") or "")[:150],
        "last_name": str(claims.get("family_name") or "")[:150],
    }
    username = new_username(claims, email, issuer=issuer)
    if getattr(settings, "LMS_OIDC_CREATE_PERSON", False):
        unit_code = getattr(settings, "LMS_OIDC_DEFAULT_UNIT_CODE", "")
        unit = OrgUnit.objects.filter(code=unit_code).first() if unit_code else None
        if unit is None:  # start-up checks it too (checks.py); the unit may have been removed since
            raise SignInFailure(
                SignInFailure.NOT_SET_UP, f"LMS_OIDC_DEFAULT_UNIT_CODE {unit_code!r} names no unit ({description})"
            )
        person = services.person_create(
            username=username,
            org_unit=unit,
            email=email,
            employee_number=claims.employee_number or None,
            **names,
        )
        return person.user
    user = get_user_model().objects.create_user(username, email=email, **names)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def link(user, claims: SignInClaims, how: str, *, issuer: str) -> None:
    """Remember the organisation account, so that the next sign-in finds this account by it; marked
    when only an unverified e-mail (trusted by LMS_OIDC_TRUST_EMAIL) made the link."""
    subject = claims.subject
    unverified = how == "e-mail" and not claims.email_verified
    data = {"matched_by": how, **({"unverified_email": True} if unverified else {})}
    identity = SignInIdentity.objects.filter(user=user, issuer=issuer).first()
    now = timezone.now()
    if identity is None:
        SignInIdentity.objects.create(
            user=user, issuer=issuer, subject=subject, last_used_at=now, linked_by_unverified_email=unverified
        )
        log(instance=user, action="lms.oidc.linked", user=user, data=data)
    elif identity.subject != subject:
        identity.subject, identity.last_used_at, identity.linked_by_unverified_email = subject, now, unverified
        identity.save(update_fields=["subject", "last_used_at", "linked_by_unverified_email"])
        log(instance=user, action="lms.oidc.linked", user=user, data={**data, "relinked": True})
    elif identity.linked_by_unverified_email and how != "subject":
        # A trusted claim (employee number, verified e-mail) named the same account: an ordinary link now.
        SignInIdentity.objects.filter(pk=identity.pk).update(last_used_at=now, linked_by_unverified_email=False)
        log(instance=user, action="lms.oidc.linked", user=user, data={**data, "confirmed": True})
    else:
        SignInIdentity.objects.filter(pk=identity.pk).update(last_used_at=now)


# --- Roles from group claims --------------------------------------------------------


def _groups_overage(claims: SignInClaims, claim: str) -> str:
    """Entra ID's "group overage": too many groups for the token, so instead of the list either a link to
    fetch them (``_claim_names``) or, where the token travels in a URL, ``hasgroups: true``; "" if not."""
    if claim in (claims.get("_claim_names") or {}):
        return "_claim_names"
    if claim not in claims.claims and is_true(claims.get("hasgroups")):
        return "hasgroups"
    return ""


def sync_groups(user, claims: SignInClaims) -> None:
    """Keep the mapped groups (LMS_OIDC_GROUP_MAP) in step with the claim; other groups are left alone.
    Without the list (an overage), the roles are left as they are rather than taken away."""
    mapping = getattr(settings, "LMS_OIDC_GROUP_MAP", {}) or {}
    if not mapping:
        return
    claim = getattr(settings, "LMS_OIDC_GROUPS_CLAIM", "groups")
    signal = _groups_overage(claims, claim)
    if signal:
        logger.warning(
            "SSO: the %r claim of user %s was too large for the token (%s); roles left as they are",
            claim,
            user.pk,
            signal,
        )
        return
    claimed = claims.get(claim) or []
    if isinstance(claimed, str):
        claimed = [claimed]
    wanted = {mapping[c] for c in claimed if c in mapping}
    managed = set(mapping.values())
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if not added and not removed:
        return
    with transaction.atomic():
        if added:
            user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in added])
        if removed:
            user.groups.remove(*Group.objects.filter(name__in=removed))
        log(instance=user, action="lms.oidc.roles", user=user, data={"added": added, "removed": removed})
