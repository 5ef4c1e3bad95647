"""The follow-up pages of the admin: the overview of a plan for a year, one commitment (its
indicators against their targets over time, and the activities serving it), the units' choices
for a year (and those without one, for reminders), and the import of an indicator's figures.

Every read goes through selectors.py within the access rule; nobody checks a permission here."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.access.rule import get_visible_or_404, policy_for
from lms.core.tables import ImportFileError

from . import importing, selectors, services
from .charts import indicator_chart
from .forms import ValuesImportForm
from .models import ActivityStatus, Commitment, CouncilReport, Indicator, Plan

MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        return default
    return year if MIN_YEAR <= year <= MAX_YEAR else default


def _plan_or_404(request, plan_id=None) -> Plan:
    if not selectors.may_follow_plans(request.user):
        raise PermissionDenied
    if plan_id is not None:
        return get_object_or_404(Plan, pk=plan_id)
    plan = selectors.current_plan()
    if plan is None:
        raise Http404
    return plan


def overview_view(request, plan_id=None):
    plan = _plan_or_404(request, plan_id)
    today = timezone.localdate()
    year = _year(request, today.year if plan.covers(today.year) else plan.start_year)
    data = selectors.overview(request.user, plan=plan, year=year)
    return TemplateResponse(
        request,
        "plans/admin/overview.html",
        {
            "overview": data,
            "plan": plan,
            "year": year,
            "years": range(plan.start_year, plan.end_year + 1),
            "statuses": ActivityStatus.choices,
            "plans": Plan.objects.all(),
        },
    )


def commitment_view(request, commitment_id):
    if not selectors.may_follow_plans(request.user):
        raise PermissionDenied
    commitment = get_object_or_404(Commitment.objects.select_related("plan"), pk=commitment_id)
    year_given = "year" in request.GET
    year = _year(request, timezone.localdate().year) if year_given else None
    data = selectors.commitment_follow_up(request.user, commitment=commitment, year=year)
    charts = [
        (
            follow_up,
            indicator_chart(
                [(p.on, p.value) for p in follow_up.points],
                target=follow_up.indicator.target_value,
                percent=follow_up.indicator.unit_label.strip() == "%",
            ),
        )
        for follow_up in data.indicators
    ]
    return TemplateResponse(
        request,
        "plans/admin/commitment.html",
        {"follow_up": data, "commitment": commitment, "plan": commitment.plan, "charts": charts, "year": year},
    )


def units_view(request):
    if not selectors.may_follow_units(request.user):
        raise PermissionDenied
    year = _year(request, timezone.localdate().year)
    missing_only = request.GET.get("missing") == "1"
    data = selectors.units_overview(request.user, year=year, missing_only=missing_only, with_rows=True)
    return TemplateResponse(
        request, "plans/admin/units.html", {"units": data, "year": year, "missing_only": missing_only}
    )


def values_import_view(request, indicator_id):
    """Check a file of figures (nothing stored), or store them when confirmed and free of bad rows."""
    changeable = policy_for(Indicator).instances_user_has_permission_for(request.user, "change")
    indicator = get_visible_or_404(request.user, changeable.select_related("commitment"), indicator_id)
    if not indicator.is_entered:
        raise Http404
    plan = None
    file_error = None
    form = ValuesImportForm(request.POST or None, request.FILES or None, initial={"source": indicator.source})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = importing.plan_values(
                upload.read(),
                filename=upload.name,
                percent=indicator.unit_label.strip() == "%",
                default_source=form.cleaned_data["source"],
            )
        except ImportFileError as error:
            file_error = error  # shown in the reader's language
        if plan is not None and not plan.rows and not plan.bad_rows:
            file_error = gettext_lazy("The file has no rows of figures.")
        if plan is not None and plan.is_valid and form.cleaned_data["confirm"]:
            stored = services.indicator_values_import(indicator=indicator, plan=plan)
            messages.success(
                request, _("%(count)s figures stored for “%(name)s”.") % {"count": stored, "name": indicator}
            )
            return redirect(reverse("plans_commitment", args=[indicator.commitment_id]))
    return TemplateResponse(
        request,
        "plans/admin/values_import.html",
        {"indicator": indicator, "form": form, "plan": plan, "file_error": file_error},
    )


def council_report_status_view(request, report_id):
    """The report's progress, refreshing itself (no JavaScript) until the PDF is ready."""
    report = get_visible_or_404(request.user, CouncilReport.objects.select_related("plan"), report_id)
    return TemplateResponse(request, "plans/admin/council_report.html", {"report": report})


def council_report_download_view(request, report_id):
    return made_report_download(request, CouncilReport.objects.all(), report_id, content_type="application/pdf")


def made_report_download(request, queryset, report_id, *, field: str = "file", content_type: str):
    """A made report's file (``field``), once ready, to a user who may see the report (else 404)."""
    report = get_visible_or_404(
        request.user, queryset.filter(status=CouncilReport.Status.DONE).exclude(**{field: ""}), report_id
    )
    file = getattr(report, field)
    try:
        handle = file.open("rb")  # StorageUnavailable: "temporarily unavailable" (the middleware)
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=file.name.rsplit("/", 1)[-1], content_type=content_type)
