"""Admin wiring of quizzes: the statistics and recount views with buttons to them on quiz pages, the
recount's audit-log action, one quiz per course explained instead of refused, and a warning when a
quiz's rules let learners collect the answers."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button

import lms.core.converters  # noqa: F401 - registers <id:…>
from lms.languages.admin_views import translation_checked
from lms.languages.selectors import source_of

from .admin_views import may_recount, may_view_statistics, question_statistics_view, quiz_recount_view
from .models import QuizPage
from .services import RECOUNTED


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [
        path("quizzes/<id:page_id>/statistics/", question_statistics_view, name="quizzes_statistics"),
        path("quizzes/<id:page_id>/recount/", quiz_recount_view, name="quizzes_recount"),
    ]


def _statistics_button(page, user, priority):
    if page.specific_class is not QuizPage:
        return
    # A translated quiz's figures are its source's: attempts name the source page (lms.languages).
    source = source_of(page)
    quiz_id = source.pk if source is not None else page.pk
    if may_view_statistics(user):
        yield Button(
            _("Question statistics"),
            reverse("quizzes_statistics", args=[quiz_id]),
            icon_name="table",
            priority=priority,
        )
    if may_recount(user):
        yield Button(
            _("Recount results"),
            reverse("quizzes_recount", args=[quiz_id]),
            icon_name="resubmit",
            priority=priority + 1,
        )


@hooks.register("register_log_actions")
def register_quiz_log_actions(actions):
    actions.register_action(RECOUNTED, _("Recount quiz results"), _("Quiz results recounted by the grading method"))


@hooks.register("register_page_listing_more_buttons")
def statistics_listing_button(page, user, next_url=None):
    yield from _statistics_button(page, user, priority=55)


@hooks.register("register_page_header_buttons")
def statistics_header_button(page, user, view_name=None, next_url=None):
    yield from _statistics_button(page, user, priority=68)


@hooks.register("before_create_page")
def one_quiz_per_course(request, parent_page, page_class):
    """A course has one quiz. Asked for a second, send the editor to the existing one and say why:
    it is often a draft saved automatically when someone began adding a quiz and left."""
    if page_class is not QuizPage:
        return None
    existing = QuizPage.objects.child_of(parent_page).first()
    if existing is None:
        return None
    names = {"course": parent_page.get_admin_display_title(), "quiz": existing.get_admin_display_title()}
    if existing.live:
        message = gettext("“%(course)s” already has a quiz, “%(quiz)s”. A course has one quiz: edit it here.")
    else:
        message = gettext(
            "“%(course)s” already has a quiz, “%(quiz)s”, saved as a draft (perhaps automatically, when someone "
            "began adding it). A course has one quiz: carry on with this one, or delete it to start again."
        )
    if existing.permissions_for_user(request.user).can_edit():
        edit_url = reverse("wagtailadmin_pages:edit", args=[existing.pk])
        messages.warning(request, message % names, buttons=[messages.button(edit_url, gettext("Edit the quiz"))])
        return redirect(edit_url)
    messages.warning(request, message % names)
    return redirect("wagtailadmin_explore", parent_page.pk)


def _warn_if_answers_leak(request, page):
    # Autosave posts ask for JSON; its messages would pile up for the next page the editor opens.
    if not isinstance(page.specific_deferred, QuizPage) or not request.accepts("text/html"):
        return
    warning = page.specific.answer_leak_warning()
    if warning:
        messages.warning(request, warning)


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_if_answers_leak(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_if_answers_leak(request, page)


@hooks.register("register_admin_viewset")
def register_quizzes_page_views():
    # A translation's approval refused with the reason when its source's questions changed meanwhile.
    return translation_checked(QuizPage)
