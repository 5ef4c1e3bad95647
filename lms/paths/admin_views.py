"""HR's report per learning path, in the reports' menu: within the viewer's part of the group, on the
page or as a spreadsheet (CSV or XLSX, on the reports' export base)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.reports.exports import FIGURE_COLUMNS, ReportSpreadsheet
from lms.reports.selectors import user_may_view_reports

from . import selectors


class PathReportSpreadsheet(ReportSpreadsheet):
    """The report per path: a row for each course of a path (in the path's order), then the whole path
    with its certificates. CSV cells a spreadsheet would run as formulas are quoted (ReportSpreadsheet)."""

    export_filename = "learning-paths"
    export_columns = [
        ("path", gettext_lazy("Learning path")),
        ("step", gettext_lazy("Step")),
        ("course", gettext_lazy("Course")),
        *FIGURE_COLUMNS[:3],  # required, completed, completion rate
        ("certificates", gettext_lazy("Path certificates issued")),
    ]

    @staticmethod
    def export_rows(rows: list[selectors.PathReportRow]) -> list[dict]:
        def figures(done: int, required: int) -> dict:
            return {"required": required, "completed": done, "percent": round(100 * done / required) if required else 0}

        out = []
        for row in rows:
            for step, (course, done) in enumerate(row.courses, start=1):
                out.append(
                    {"path": row.path.title, "step": step, "course": course.title, "certificates": ""}
                    | figures(done, row.required)
                )
            out.append(
                {"path": row.path.title, "step": "", "course": _("The whole path"), "certificates": row.certificates}
                | figures(row.completed, row.required)
            )
        return out


def path_report_view(request):
    if not user_may_view_reports(request.user):
        raise PermissionDenied
    rows = selectors.path_report(user=request.user)
    spreadsheet = PathReportSpreadsheet()
    export_format = request.GET.get("export")
    if export_format in spreadsheet.FORMATS:
        return spreadsheet.as_spreadsheet(spreadsheet.export_rows(rows), export_format)
    return TemplateResponse(
        request,
        "paths/admin/report.html",
        {"rows": rows, "csv_url": "?export=csv", "xlsx_url": "?export=xlsx"},
    )


def path_requirement_edit_view(request, pk: int | None = None):
    """Require a learning path (or change how): the requirements' form with the path for the course."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from lms.access.rule import get_visible_or_404, user_may
    from lms.requirements.models import Requirement

    from . import services
    from .forms import path_requirement_form_class
    from .models import PathRequirement

    if not user_may(request.user, Requirement, "change" if pk else "add"):
        raise PermissionDenied
    path_requirement = template = None
    if pk is not None:
        path_requirement = get_visible_or_404(request.user, PathRequirement.objects.all(), pk)
        template = path_requirement.course_requirements.order_by("pk").first()
    form_class = path_requirement_form_class()
    initial = {"path": path_requirement.path_id} if path_requirement else {}
    if template is not None:
        initial["bodies"] = list(template.bodies.all())
    form = form_class(request.POST or None, instance=template or Requirement(), for_user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.path_requirement_save(
                path=form.cleaned_data["path"],
                template=form.instance,
                bodies=form.cleaned_data.get("bodies"),
                path_requirement=path_requirement,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The learning path is required. Its courses are assigned shortly."))
            return redirect("paths_report")
    return TemplateResponse(
        request, "paths/admin/requirement_form.html", {"form": form, "path_requirement": path_requirement}
    )


def path_certificate_revoke_view(request, pk: int):
    """Revoke a path certificate with a reason: the certificates' own page and service."""
    from lms.access.rule import get_visible_or_404, user_may
    from lms.certificates.admin_views import revoke_page

    from .models import PathCertificate

    if not user_may(request.user, PathCertificate, "revoke"):
        raise PermissionDenied
    certificate = get_visible_or_404(request.user, PathCertificate.objects.select_related("person__user", "path"), pk)
    return revoke_page(request, certificate, done="wagtailsnippets_paths_pathcertificate:list")
