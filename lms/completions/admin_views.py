"""The admin's form for marking one completion by hand (the list of recorded completions is a
viewset in wagtail_hooks.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.access.rule import user_may

from . import services
from .forms import CompletionMarkForm
from .models import CompletionRecord


def may_mark(user) -> bool:
    return user_may(user, CompletionRecord, "mark_completion")


def completion_mark_view(request):
    if not may_mark(request.user):
        raise PermissionDenied
    form = CompletionMarkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.completion_mark(
                person=data["person"],
                course=data["course"],
                completed_on=data["completed_on"],
                reason=data["reason"],
                certificate=data["certificate"],
                by=request.user,
            )
        except services.CompletionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("%(person)s: %(course)s marked as completed on %(date)s.")
                % {"person": data["person"].full_name, "course": data["course"].title, "date": data["completed_on"]},
            )
            return redirect("completion_records:index")
    return TemplateResponse(
        request,
        "completions/admin/mark.html",
        {"form": form, "header_title": _("Mark a completion by hand")},
        status=400 if request.method == "POST" else 200,
    )
