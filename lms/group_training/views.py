"""The leader's pages: start a session, present it, take the show of hands, tick who was present, print
the certificates. Thin: who may do what is the access rule's (``user_may``, ``get_visible_or_404``), every
write a service's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.access.rule import get_visible_or_404, user_may

from . import printing, selectors, services
from .forms import SessionStartForm, hand_counts, person_ids
from .models import GroupSession


def _may_lead(user) -> None:
    if not user_may(user, GroupSession, "add"):
        raise PermissionDenied


def _session(request, session_id: int) -> GroupSession:
    return get_visible_or_404(request.user, GroupSession.objects.select_related("course", "org_unit"), session_id)


@login_required
def sessions_view(request):
    """The sessions the user leads or may see, and the form to start one."""
    _may_lead(request.user)
    form = SessionStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_start(leader=request.user, **form.cleaned_data)
        except services.SessionError as error:
            form.add_error(None, str(error))
        else:
            return redirect("group_training:present", session_id=session.pk, number=1)
    return render(
        request,
        "group_training/sessions.html",
        {"form": form, "sessions": selectors.sessions_of(user=request.user)[:50]},
    )


@login_required
def present_view(request, session_id: int, number: int):
    """One screen of the presentation, for a shared screen: course content only, never a name."""
    session = _session(request, session_id)
    slides = selectors.presentation_slides(course=session.course)
    if not 1 <= number <= len(slides) + 1:
        raise Http404
    slide = slides[number - 1] if number <= len(slides) else None  # the last screen: on to attendance
    choices = selectors.poll_choices(slide.block) if slide is not None and slide.kind == "poll" else []
    if request.method == "POST":
        if not choices:
            raise Http404
        counts = None if "skip" in request.POST else hand_counts(request.POST, [c for c, _text in choices])
        if counts is None and "skip" not in request.POST:
            messages.error(request, _("Enter a whole number for each answer, or skip the poll."))
        else:
            try:
                services.session_record_hands(session=session, poll_id=slide.block.id, counts=counts)
            except services.SessionError as error:
                messages.error(request, str(error))
            else:
                return redirect("group_training:present", session_id=session.pk, number=number + 1)
    counts = session.poll_counts.get(slide.block.id, {}) if choices else {}
    return render(
        request,
        "group_training/present.html",
        {
            "session": session,
            "slide": slide,
            "number": number,
            "count": len(slides),
            "choices": [(choice_id, text, counts.get(choice_id)) for choice_id, text in choices],
            "previous_url": reverse("group_training:present", args=[session.pk, number - 1]) if number > 1 else None,
            "next_url": reverse("group_training:present", args=[session.pk, number + 1])
            if number <= len(slides)
            else None,
        },
    )


@login_required
def attendance_view(request, session_id: int):
    """Tick who was present from the unit's people (and others found by name), then confirm."""
    session = _session(request, session_id)
    if not session.is_open:
        return redirect("group_training:session", session_id=session.pk)
    _may_lead(request.user)
    query = request.GET.get("q", "").strip()[:100]
    ticked: set[int] = set()
    if request.method == "POST":
        ids = person_ids(request.POST.getlist("present"))
        if ids is None:
            messages.error(request, _("The list of people was not understood; nothing was recorded."))
        else:
            ticked = set(ids)
            try:
                services.session_confirm(session=session, person_ids=ids, by=request.user)
            except services.SessionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The session is confirmed: the present people's course is completed."))
                return redirect("group_training:session", session_id=session.pk)
    return render(
        request,
        "group_training/attendance.html",
        {
            "session": session,
            "people": selectors.unit_people(user=request.user, session=session),
            "found": selectors.people_search(user=request.user, query=query, exclude_unit=session.org_unit),
            "query": query,
            "ticked": ticked,
        },
    )


@login_required
def session_view(request, session_id: int):
    """A session: its course, unit and day, and once confirmed who was present (as the user may see them)."""
    session = _session(request, session_id)
    return render(
        request,
        "group_training/session.html",
        {"session": session, "attendances": selectors.session_attendances(user=request.user, session=session)},
    )


@login_required
def certificates_pdf_view(request, session_id: int):
    """Every ready certificate of the present people the user may see, as one PDF to print (for people
    without a sign-in of their own)."""
    session = _session(request, session_id)
    pdf = printing.session_certificates_pdf(
        attendances=selectors.session_attendances(user=request.user, session=session)
    )
    if pdf is None:
        messages.info(request, _("No certificate is ready to print yet."))
        return redirect("group_training:session", session_id=session.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="intyg-grupptraff-{session.pk}.pdf"'
    return response
