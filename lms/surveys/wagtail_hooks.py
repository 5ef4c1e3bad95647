"""Admin wiring: the survey results area (a menu item for those who may see results), and the
survey series as a snippet."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from lms.access.rule import policy_for
from lms.core.spreadsheets import SafeSnippetViewSet
from lms.languages.admin_views import translation_checked

from . import admin_views
from .models import AnswerSet, SurveyPage, SurveySeries

app_name = "surveys_admin"
urlpatterns = [
    path("", admin_views.survey_list_view, name="list"),
    path("<id:survey_id>/", admin_views.SurveyResultsView.as_view(), name="results"),
    path("<id:survey_id>/remind/", admin_views.survey_remind_view, name="remind"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("survey-results/", include((urlpatterns, app_name), namespace=app_name))]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_for(AnswerSet).may_see_any(request.user)


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(_("Survey results"), reverse("surveys_admin:list"), icon_name="clipboard-list", order=900)


class SurveySeriesViewSet(SafeSnippetViewSet):
    model = SurveySeries
    icon = "list-ul"
    menu_label = _("Survey series")
    list_display = ["name"]


register_snippet(SurveySeriesViewSet)


@hooks.register("register_admin_viewset")
def register_surveys_page_views():
    # A translation's approval refused with the reason when its source's questions changed meanwhile.
    return translation_checked(SurveyPage)
