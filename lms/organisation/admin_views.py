"""Admin views of the municipal group beyond the model viewsets: a person's register extract and
erasure (the HR import's are lms.imports'). Each asks the access rule
(access.py) which rows the user may see."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.views.generic.models import InspectView

from lms.access import privacy, roles
from lms.access.rule import policy_for

from . import selectors, services
from .models import Person
from .retention import PEOPLE

# The actions on people these views need (Person's permission policy, lms.access.rule): the register
# extract is part of changing them, erasure has its own permission.
EXTRACT_ACTION = "change"
ERASE_ACTION = "erase"


def may(user, action: str) -> bool:
    return policy_for(Person).user_has_permission(user, action)


def _require(request, action: str) -> None:
    if not may(request.user, action):
        raise PermissionDenied


# --- Register extract and erasure -------------------------------------------------


def person_personal_data_view(request, pk: int):
    """HR produces a person's register extract: a page, or JSON with ?format=json."""
    _require(request, EXTRACT_ACTION)
    person = selectors.person_in_scope_or_404(
        user=request.user, pk=pk, queryset=Person.objects.select_related("user", "org_unit", "manager__user")
    )
    extract = privacy.person_extract(person)
    if request.GET.get("format") == "json":
        return personal_data_json_response(extract, filename=f"registerutdrag-{person.pk}.json")
    return TemplateResponse(
        request,
        "organisation/admin/personal_data.html",
        {
            "person": person,
            "sections": privacy.display_sections(extract),
            "retention": extract["retention"],
            "header_title": _("Register extract"),
            "may_erase": may(request.user, ERASE_ACTION)
            and person.erased_at is None
            and not selectors.person_is_protected_from(person=person, actor=request.user)
            and roles.may_change_sign_in(actor=request.user, user=person.user),
        },
    )


def personal_data_json_response(extract: dict, *, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(extract, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept by a proxy or the browser cache
    return response


def person_erase_view(request, pk: int):
    """Erasure with a confirmation step: GET explains what happens, POST (with the box ticked) erases."""
    _require(request, ERASE_ACTION)
    person = selectors.person_in_scope_or_404(
        user=request.user, pk=pk, queryset=Person.objects.select_related("user", "org_unit")
    )
    if person.erased_at is not None:
        messages.info(request, _("This person's personal data has already been erased."))
        return redirect("organisation_person_personal_data", pk=person.pk)
    if selectors.person_is_protected_from(person=person, actor=request.user):
        messages.error(request, services.PROTECTED_MESSAGE % {"name": person.full_name})
        return redirect("organisation_person_personal_data", pk=person.pk)
    if not roles.may_change_sign_in(actor=request.user, user=person.user):  # erasure rewrites sign-in details
        messages.error(request, services.sign_in_protected_message(person.user))
        return redirect("organisation_person_personal_data", pk=person.pk)
    error = ""
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()[:1000]
        if request.POST.get("confirm") != "yes":
            error = _("Tick the box to confirm the erasure.")
        elif not reason:
            error = str(services.ERASURE_REASON_REQUIRED)
        else:
            try:
                erased = services.person_erase(person=person, by=request.user, reason=reason)
            except (services.PersonProtected, services.SignInProtected) as exc:  # protected since the check above
                messages.error(request, str(exc))
                return redirect("organisation_person_personal_data", pk=person.pk)
            _tell_what_erasure_kept(request, erased)
            return redirect(reverse("organisation_person_personal_data", args=[person.pk]))
    retention = privacy.retention_rows(person)  # what erasure keeps and why: the register extract says the same
    return TemplateResponse(
        request,
        "organisation/admin/person_erase.html",
        {
            "person": person,
            "error": error,
            "retention": retention,
            "profile_kept": any(row["record_type"] == PEOPLE and row["kept_at_erasure"] for row in retention),
            "reason": reason,
            "header_title": _("Erase personal data"),
        },
    )


def _tell_what_erasure_kept(request, person: Person) -> None:
    """After an erasure: what it did, and which record types it kept and why (from its audit-log entry,
    so HR reads what was done, not a second reckoning)."""
    from wagtail.models import ModelLogEntry

    from lms.records.registry import record_type

    entry = ModelLogEntry.objects.filter(action="lms.erase", object_id=str(person.pk)).order_by("-pk").first()
    data = entry.data if entry is not None else {}
    without = [str(record_type(key).label) for key in data.get("kept_without_decision", []) if record_type(key)]
    by_decision = [
        str(record_type(key).label)
        for key in data.get("kept", {})
        if record_type(key) and key not in data.get("kept_without_decision", [])
    ]
    if person.erased_at is None:
        messages.warning(
            request,
            _("The account was closed and what may go was removed. The name and contact details are kept."),
        )
    else:
        messages.success(request, _("The personal data was erased. The person remains in the figures, anonymised."))
    if without:
        messages.warning(
            request,
            _(
                "Kept because no retention decision is in force (public documents; the Archives Act, GDPR article "
                "17.3 b): %(types)s."
            )
            % {"types": ", ".join(without)},
        )
    if by_decision:
        messages.info(request, _("Kept under a retention decision: %(types)s.") % {"types": ", ".join(by_decision)})


class PersonInspectView(InspectView):
    """Wagtail's inspect page of a person, with the sections apps above add below the fields (hook
    ``person_inspect_sections``: ``fn(request, person)`` returns HTML or None; accounts: single sign-on links)."""

    template_name = "organisation/admin/person_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = (fn(self.request, self.object) for fn in hooks.get_hooks("person_inspect_sections"))
        context["person_sections"] = [section for section in sections if section]
        return context
