"""HR's pages in the admin: the sessions held (by whom, with how many), completions split individual and
group per unit, one session's people, and its correction with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.rule import get_visible_or_404, user_may

from . import selectors, services
from .forms import person_ids
from .models import GroupSession


def _year(request) -> int:
    raw = request.GET.get("year", "")
    this_year = timezone.localdate().year
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year else this_year


def overview_view(request):
    if not user_may(request.user, GroupSession, "view"):
        raise PermissionDenied
    year = _year(request)
    return TemplateResponse(
        request,
        "group_training/admin/overview.html",
        {
            "header_title": _("Group sessions"),
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
            "sessions": selectors.sessions_of(user=request.user).filter(held_on__year=year)[:200],
            "split": selectors.completion_split(user=request.user, year=year),
        },
    )


def session_admin_view(request, pk: int):
    """One session's people; HR corrects it here: tick people to remove, search for people to add, give a reason."""
    session = get_visible_or_404(request.user, GroupSession.objects.select_related("course", "org_unit", "leader"), pk)
    may_correct = not session.is_open and user_may(request.user, GroupSession, "change")
    query = request.GET.get("q", "").strip()[:100]
    if request.method == "POST":
        if not may_correct:
            raise PermissionDenied
        add_ids, remove_ids = person_ids(request.POST.getlist("add")), person_ids(request.POST.getlist("remove"))
        if add_ids is None or remove_ids is None:
            messages.error(request, _("The list of people was not understood; nothing was changed."))
        else:
            try:
                services.session_correct(
                    session=session,
                    by=request.user,
                    reason=request.POST.get("reason", "")[:1000],
                    add_ids=add_ids,
                    remove_ids=remove_ids,
                )
            except services.SessionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The session is corrected."))
                return redirect("group_training_admin_session", pk=session.pk)
    attendances = selectors.session_attendances(user=request.user, session=session)
    present = {a.person_id for a in attendances}
    return TemplateResponse(
        request,
        "group_training/admin/session.html",
        {
            "header_title": str(session),
            "session": session,
            "attendances": attendances,
            "may_correct": may_correct,
            "query": query,
            "found": [p for p in selectors.people_search(user=request.user, query=query) if p.pk not in present],
        },
    )
