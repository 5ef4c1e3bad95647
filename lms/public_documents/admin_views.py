"""HR produces a completion list for a public-document request: the form, then the file, logged.
Within the access rule: the reports' scope (only the units the user sees, only their rows)."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.reports import selectors as report_selectors

from . import selectors, services
from .exports import CompletionListSpreadsheet, completion_list_pdf
from .forms import PublicDocumentRequestForm


def public_document_request_view(request):
    scope = report_selectors.scope_for_user(user=request.user)  # PermissionDenied without the reports
    form = PublicDocumentRequestForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sheet = CompletionListSpreadsheet(withheld=data["withheld"])
        rows = selectors.completion_list_rows(
            scope=scope, unit=data["unit"], course=data["course"], fields=sheet.fields
        )
        title = selectors.completion_list_title(course=data["course"], unit=data["unit"])
        export_format = data["export_format"]
        # The file first: the entry says what was handed out only once there is something to hand out.
        if export_format == "pdf":
            content = completion_list_pdf(sheet=sheet, rows=rows, title=title, reference=data["reference"])
            response = HttpResponse(content, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{sheet.export_filename}.pdf"'
        else:
            response = sheet.as_spreadsheet(rows, export_format)
        services.public_document_request_record(
            user=request.user,
            scope=scope,
            reference=data["reference"],
            requested_by=data["requested_by"],
            course=data["course"],
            unit=data["unit"],
            withheld=data["withheld"],
            export_format=export_format,
            rows=len(rows),
            contents=title,
        )
        response["Cache-Control"] = "no-store"
        return response
    return TemplateResponse(
        request,
        "public_documents/admin/request_form.html",
        {"form": form, "header_title": _("Public-document request")},
    )
