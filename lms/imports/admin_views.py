"""The HR import's admin views: upload → dry run → confirm. Each asks the access rule (lms.access.rule)
which runs the user may see; only users who see the whole group may import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.access.rule import policy_for, visible_rows
from lms.core import table_plans, tables
from lms.organisation import selectors as organisation_selectors
from lms.organisation.models import Person

from . import services
from .forms import ImportUploadForm
from .models import ImportRun, ImportRunStatus


def may_import(user) -> bool:
    """Importing adds people: Person's "add" action (its permission policy)."""
    return policy_for(Person).user_has_permission(user, "add")


def _import_refused(request) -> TemplateResponse | None:
    """403 with the reason for a user who sees only part of the group (a full import deactivates
    everyone missing from the file, across the whole group); None for everyone else."""
    if not may_import(request.user):
        raise PermissionDenied
    if not organisation_selectors.user_is_limited_to_a_subtree(request.user):
        return None
    return TemplateResponse(
        request,
        "imports/admin/import_refused.html",
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
        "imports/admin/import_index.html",
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
        "imports/admin/import_detail.html",
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
