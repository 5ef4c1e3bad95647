"""Admin wiring of quizzes: the statistics view and a button to it on quiz pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

import lms.core.converters  # noqa: F401 - registers <id:…>

from .admin_views import may_view_statistics, question_statistics_view
from .models import QuizPage


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [path("quizzes/<id:page_id>/statistics/", question_statistics_view, name="quizzes_statistics")]


def _statistics_button(page, user, priority):
    if page.specific_class is QuizPage and may_view_statistics(user):
        yield Button(
            _("Question statistics"),
            reverse("quizzes_statistics", args=[page.pk]),
            icon_name="table",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def statistics_listing_button(page, user, next_url=None):
    yield from _statistics_button(page, user, priority=55)


@hooks.register("register_page_header_buttons")
def statistics_header_button(page, user, view_name=None, next_url=None):
    yield from _statistics_button(page, user, priority=68)
