"""Site views of required training: events and sign-up, the manager's view, mail preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.courses.selectors import course_visible_to
from lms.organisation.selectors import person_for_user

from . import selectors, services
from .models import MailPreference, TrainingEvent


def _person_or_404(request):
    person = person_for_user(request.user)
    if person is None:
        raise Http404(_("Your account has no learner profile."))
    return person


@login_required
def events_view(request):
    person = person_for_user(request.user)
    events = [
        e for e in selectors.upcoming_events() if person is None or course_visible_to(person=person, course=e.course)
    ]
    return render(
        request,
        "requirements/events.html",
        {"events": events, "registered": selectors.registered_event_ids(person=person) if person else set()},
    )


@require_POST
@login_required
def event_sign_up_view(request, event_id: int):
    person = _person_or_404(request)
    event = get_object_or_404(TrainingEvent, pk=event_id, course__live=True)
    if not course_visible_to(person=person, course=event.course):
        raise Http404(_("The event is not available to you."))
    try:
        services.event_sign_up(event=event, person=person)
    except services.SignUpError as exc:
        reason = {"full": _("Sorry, the event is full."), "started": _("The event has already started.")}
        messages.error(request, reason.get(str(exc), _("You could not be signed up.")))
    else:
        messages.success(request, _("You are signed up for %(event)s.") % {"event": event.title})
    return redirect("requirements:events")


@require_POST
@login_required
def event_cancel_view(request, event_id: int):
    person = _person_or_404(request)
    event = get_object_or_404(TrainingEvent, pk=event_id, starts_at__gt=timezone.now())
    services.event_cancel(event=event, person=person)
    messages.success(request, _("Your sign-up is cancelled."))
    return redirect("requirements:events")


@login_required
def team_view(request):
    """A manager's people: what is required of them, due, overdue and done."""
    person = _person_or_404(request)
    rows = selectors.team_status(manager=person)
    if not rows and person.audience != "manager":
        raise Http404(_("You have no people to follow."))
    return render(request, "requirements/team.html", {"rows": rows})


@login_required
def required_view(request):
    """Everything required of the signed-in person, in one list, with why (their unit and
    audience, their political assignments)."""
    person = _person_or_404(request)
    return render(request, "requirements/required.html", {"rows": selectors.required_of(person=person)})


@login_required
def mail_preferences_view(request):
    person = _person_or_404(request)
    if request.method == "POST":
        services.mail_preference_set(person=person, optional_reminders=request.POST.get("optional_reminders") == "on")
        messages.success(request, _("Your choice is saved."))
        return redirect("requirements:mail_preferences")
    pref = MailPreference.objects.filter(person=person).first()
    return render(
        request, "requirements/mail_preferences.html", {"optional_reminders": pref.optional_reminders if pref else True}
    )
