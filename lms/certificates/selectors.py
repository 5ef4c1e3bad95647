"""Reads of certificates, and who may see them: the owner, and HR and administrators within the
part of the group they may see (the access rule, lms.access.rule)."""

from django.db.models import QuerySet

from lms.access.rule import get_visible_or_404, policy_for, visible_rows

from . import kinds
from .codes import normalise_code
from .models import Certificate


def can_view_certificate(user, certificate) -> bool:
    """The owner; staff whom the access rule lets see the certificate's row. Any kind of issued certificate
    (a course's, a path's: each model declares its row access)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return certificate.person.user_id == user.pk or policy_for(type(certificate)).is_visible(user, certificate)


def certificates_in_scope_of(*, user, queryset: QuerySet[Certificate] | None = None) -> QuerySet[Certificate]:
    """The certificates of the people ``user`` may see in the admin (``queryset`` narrowed, or all)."""
    return visible_rows(user, Certificate.objects.all() if queryset is None else queryset)


def certificate_in_scope_or_404(*, user, pk, queryset: QuerySet[Certificate] | None = None) -> Certificate:
    """The certificate if ``user`` may see its person; otherwise 404 (outside the scope it does not exist)."""
    return get_visible_or_404(user, Certificate.objects.all() if queryset is None else queryset, pk)


def can_revoke_certificate(user) -> bool:
    return policy_for(Certificate).user_has_permission(user, "revoke")


def certificates_of_user(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(person__user=user).select_related("course", "person").order_by("-issued_at")


def certificate_by_code(*, raw_code: str):
    """The certificate of any kind (``kinds.py``) with this code, or None."""
    code = normalise_code(raw_code)
    if code is None:
        return None
    found = (
        Certificate.objects.select_related("person__user", "course", "template", "enrolment").filter(code=code).first()
    )
    # Then the kinds the apps above issue (a learning path's certificate): codes are unique across them
    # in practice (80 random bits), and a course's certificate is looked at first.
    for kind in kinds.certificate_kinds():
        if found is not None:
            break
        found = kind.by_code(code)
    return found
