"""Admin views of the municipal group beyond the model viewsets: the HR import
(upload → dry run → confirm), a person's register extract and erasure. Each asks the access rule
(access.py) which rows the user may see."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.views.generic.models import InspectView

from lms.access import privacy, roles
from lms.access.rule import policy_for, visible_rows
from lms.core import table_plans, tables

from . import importing, selectors, services
from .models import ImportRun, ImportRunStatus, Person
from .retention import PEOPLE

# The actions on people these views need (Person's permission policy, access.py): importing adds
# people, the register extract is part of changing them, erasure has its own permission.
IMPORT_ACTION = "add"
EXTRACT_ACTION = "change"
ERASE_ACTION = "erase"


def may(user, action: str) -> bool:
    return policy_for(Person).user_has_permission(user, action)


def _require(request, action: str) -> None:
    if not may(request.user, action):
        raise PermissionDenied


# --- Import ---------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "The HR system's export as CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX. People: "
            "employee number, first name, last name, e-mail, org unit code, audience, manager's employee number, "
            "committee. Units: code, name, kind, parent code."
        ),
    )
    kind = forms.ChoiceField(label=gettext_lazy("The file lists"), choices=importing.kind_choices, initial="people")
    full = forms.BooleanField(
        label=gettext_lazy("Full export"),
        required=False,
        help_text=gettext_lazy(
            "Tick if the file lists everyone: people with an employee number who are missing from it are "
            "deactivated (never deleted). Leave unticked to change only the people listed."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            tables.check_size(upload.size)  # before reading it
        except tables.ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


def _import_refused(request) -> TemplateResponse | None:
    """403 with the reason for a user who sees only part of the group (a full import deactivates
    everyone missing from the file, across the whole group); None for everyone else."""
    _require(request, IMPORT_ACTION)
    if not selectors.user_is_limited_to_a_subtree(request.user):
        return None
    return TemplateResponse(
        request,
        "organisation/admin/import_refused.html",
        {"header_title": _("Import from the HR system")},
        status=403,
    )


def import_index_view(request):
    """Upload a file (its dry run starts at once) and see the latest imports."""
    if refused := _import_refused(request):
        return refused
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        run = services.import_run_create(
            user=request.user,
            filename=upload.name,
            data=upload.read(),
            kind=form.cleaned_data["kind"],
            full=form.cleaned_data["full"],
        )
        return redirect("organisation_imports:detail", pk=run.pk)
    runs = visible_rows(request.user, ImportRun.objects.defer("content", "report").select_related("created_by"))[:20]
    return TemplateResponse(
        request,
        "organisation/admin/import_index.html",
        {"form": form, "runs": runs, "header_title": _("Import from the HR system")},
    )


def _report_context(report: dict) -> dict:
    """The stored report with its messages in the reader's language."""
    if not report:
        return {}
    if "file_error" in report:
        error = report["file_error"]
        return {"file_error": tables.message(tables.FILE_ERRORS, error["code"], error["params"])}
    bad_rows = [
        {**row, "message": tables.message(table_plans.ROW_ERRORS, row["code"], row["params"])}
        for row in report.get("bad_rows", [])
    ]
    changed = [
        {**row, "description": table_plans.describe_report_row_change(row["changes"])}
        for row in report.get("changed", [])
    ]
    return {"bad_rows": bad_rows, "changed": changed}


def import_detail_view(request, pk: int):
    """The run's progress (refreshing while it runs), its report, and the confirm button."""
    if refused := _import_refused(request):
        return refused
    run = get_object_or_404(
        visible_rows(request.user, ImportRun.objects.defer("content").select_related("created_by", "confirmed_by")),
        pk=pk,
    )
    return TemplateResponse(
        request,
        "organisation/admin/import_detail.html",
        {
            "run": run,
            "report": run.report,
            "counts": run.counts,
            "may_confirm": run.status == ImportRunStatus.CHECKED,
            "header_title": run.filename,
            **_report_context(run.report),
        },
    )


@require_POST
def import_confirm_view(request, pk: int):
    if refused := _import_refused(request):
        return refused
    run = get_object_or_404(visible_rows(request.user, ImportRun.objects.defer("content")), pk=pk)
    if run.status != ImportRunStatus.CHECKED:
        messages.error(request, _("This file cannot be imported: check its report."))
    else:
        services.import_run_confirm(run=run, user=request.user)
    return redirect("organisation_imports:detail", pk=run.pk)


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
