"""The admin's "Väntande arbete": what the workers still owe, and how long it has waited."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import selectors


def waiting_work_view(request):
    if not selectors.may_view_waiting_work(request.user):
        raise PermissionDenied
    sections = selectors.waiting_work_for(request.user)
    return TemplateResponse(request, "operations/admin/waiting_work.html", {"sections": sections})
