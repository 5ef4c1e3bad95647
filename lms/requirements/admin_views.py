"""Recording attendance at a training event, in the Wagtail admin (HR or the event's organiser)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.access.rule import user_may, visible_rows

from . import services
from .models import TrainingEvent


def may_record_attendance(user, event: TrainingEvent) -> bool:
    return user_may(user, TrainingEvent, "change") or (event.organiser_id == user.pk)


def attendance_view(request, event_id: int):
    event = get_object_or_404(TrainingEvent.objects.select_related("course"), pk=event_id)
    if not may_record_attendance(request.user, event):
        raise PermissionDenied
    registrations = event.registrations.select_related("person__user", "person__org_unit").order_by(
        "person__user__last_name", "person__user__first_name"
    )
    # The access rule (Registration.row_access): a user limited to part of the group sees and
    # records only the people in it, even as the event's organiser; other organisers see everyone.
    registrations = list(visible_rows(request.user, registrations))
    if request.method == "POST":
        valid_ids = {r.person_id for r in registrations}
        try:
            chosen = {int(v) for v in request.POST.getlist("attended")}
        except ValueError:
            chosen = None
        if chosen is None or not chosen <= valid_ids:
            messages.error(request, _("The list did not match the event's registrations. Nothing was saved."))
        else:
            completed = services.event_record_attendance(event=event, attended_person_ids=chosen, among=valid_ids)
            messages.success(
                request,
                _("Attendance saved. %(count)s course completions recorded.") % {"count": completed},
            )
            return redirect("requirements_attendance", event_id=event.pk)
    return TemplateResponse(
        request,
        "requirements/admin/attendance.html",
        {"event": event, "registrations": registrations, "header_title": event.title},
    )
