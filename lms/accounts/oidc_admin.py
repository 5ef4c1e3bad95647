"""A person's single sign-on links (``SignInIdentity``) in the people admin: listed on the person's
inspect page, each with a remove action.

Who may see and remove them is the access rule's (``SignInIdentity.row_access``: HR, in their part
of the group); a person whose account can do more than the actor's is left alone, as everywhere in
the people admin. Removing a link is undone by the next sign-in only where a trusted claim finds the
account again (the employee number, a verified e-mail, or an unverified one while
LMS_OIDC_TRUST_EMAIL is on): e.g. to cut off an organisation account that was linked by mistake.
The removal is in the audit log, on the person."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from lms.access.rule import get_visible_or_404, policy_for, visible_rows
from lms.organisation import selectors
from lms.organisation.models import Person

from .models import SignInIdentity

REMOVE_ACTION = "delete"


def sign_in_identity_remove(*, identity: SignInIdentity, person: Person, by) -> None:
    """Remove one single sign-on link of ``person``'s account, audit-logged on the person."""
    with transaction.atomic():
        data = {"issuer": identity.issuer, "linked_by_unverified_email": identity.linked_by_unverified_email}
        identity.delete()
        log(instance=person, action="lms.oidc.unlinked", user=by, data=data)


def sign_in_identities_of(*, person: Person, user):
    """The person's links that ``user`` may see, oldest first."""
    return visible_rows(user, SignInIdentity.objects.filter(user_id=person.user_id)).order_by("created_at", "pk")


def may_remove(*, person: Person, user) -> bool:
    return policy_for(SignInIdentity).user_has_permission(
        user, REMOVE_ACTION
    ) and not selectors.person_is_protected_from(person=person, actor=user)


def sign_in_identities_section(request, person: Person) -> str:
    """The person's links for their inspect page, each with a remove button for who may remove it."""
    context = {
        "person": person,
        "sign_in_identities": sign_in_identities_of(person=person, user=request.user),
        "may_remove_sign_in_identities": may_remove(person=person, user=request.user),
    }
    return render_to_string("accounts/admin/sign_in_identities.html", context, request=request)


@require_POST
def sign_in_identity_remove_view(request, pk: int, identity_pk: int):
    person = selectors.person_in_scope_or_404(user=request.user, pk=pk)
    identity = get_visible_or_404(request.user, SignInIdentity.objects.filter(user_id=person.user_id), identity_pk)
    if not may_remove(person=person, user=request.user):
        raise PermissionDenied
    sign_in_identity_remove(identity=identity, person=person, by=request.user)
    messages.success(
        request,
        _("The link to the organisation account at %(issuer)s was removed.") % {"issuer": identity.issuer},
    )
    return redirect("person:inspect", person.pk)
