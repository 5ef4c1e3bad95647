"""The annex's own pages in the admin: its progress (refreshing itself until its files are ready), its
files, and archiving. Every read through the access rule (``get_visible_or_404``: HR within the scope of
the employer); nobody checks a permission here by hand."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.access.rule import get_visible_or_404, user_may
from lms.plans.admin_views import made_report_download

from . import services
from .models import Annex

FILES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def annex_status_view(request, annex_id):
    annex = get_visible_or_404(request.user, Annex.objects.select_related("employer"), annex_id)
    return TemplateResponse(
        request,
        "active_measures/admin/annex.html",
        {
            "annex": annex,
            "may_change": not annex.is_archived and user_may(request.user, Annex, "change"),
            "may_archive": not annex.is_archived
            and annex.status == Annex.Status.DONE
            and user_may(request.user, Annex, "archive_annex"),
        },
    )


def annex_download_view(request, annex_id, kind):
    if kind not in FILES:
        raise Http404
    response = made_report_download(request, Annex.objects.all(), annex_id, field=kind, content_type=FILES[kind])
    services.annex_downloaded(annex=Annex.objects.get(pk=annex_id), by=request.user, what=kind)
    return response


@require_POST
def annex_archive_view(request, annex_id):
    annex = get_visible_or_404(request.user, Annex.objects.all(), annex_id)
    if not user_may(request.user, Annex, "archive_annex"):
        raise PermissionDenied
    try:
        services.annex_archive(annex=annex, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The annex is archived: it will not be changed or made again."))
    return redirect("active_measures_annex", annex.pk)
