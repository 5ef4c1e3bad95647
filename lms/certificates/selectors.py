"""Reads of certificates, and who may see them (one place, so HR scoping can be added here)."""

from django.db.models import QuerySet

from lms.organisation.roles import user_is_hr

from .codes import normalise_code
from .models import Certificate


def can_view_certificate(user, certificate: Certificate) -> bool:
    """The owner, HR and administrators. HR is not yet scoped to an org subtree; when it is,
    only this function changes."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or certificate.person.user_id == user.pk:
        return True
    return user_is_hr(user)


def can_revoke_certificate(user) -> bool:
    return user.is_active and user.has_perm("certificates.revoke_certificate")


def certificates_of_user(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(person__user=user).select_related("course").order_by("-issued_at")


def certificate_by_code(*, raw_code: str) -> Certificate | None:
    code = normalise_code(raw_code)
    if code is None:
        return None
    return Certificate.objects.select_related("person__user", "course").filter(code=code).first()
