"""The admin's survey results, for HR and the democracy coordinator (``surveys.view_survey_results``),
within their part of the group (the access rule: answers by the unit kept with them). Counts only:
no view lists an answer with anything beside it, and none names who has or has not answered.
Every figure is the last release's (models.py), shown with its time: nothing here moves when one
person answers, not even how many have not answered."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.access.rule import policy_for, visible_rows
from lms.reports.exports import ReportSpreadsheet

from . import results, selectors, tasks
from .models import AnswerSet, SurveyPage, SurveyRelease


def release_line(release) -> str:
    """ "Results as of 2026-12-07 02:45", or that nothing has been released yet."""
    if release is None:
        return _("No results released yet")
    return _("Results as of %(when)s") % {"when": f"{timezone.localtime(release.released_at):%Y-%m-%d %H:%M}"}


def _require_results_permission(user) -> None:
    if not policy_for(AnswerSet).may_see_any(user):
        raise PermissionDenied


def survey_list_view(request):
    """Every survey, with how many answers the user may count."""
    _require_results_permission(request.user)
    counts = dict(
        visible_rows(request.user, AnswerSet.objects.filter(shown=True))
        .values_list("survey_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("survey_id", "n")
    )
    released = dict(
        SurveyRelease.objects.values_list("survey_id")
        .annotate(at=Max("released_at"))
        .order_by()
        .values_list("survey_id", "at")
    )
    surveys = selectors.surveys_in_source_language().select_related("course", "series").order_by("-opens_on", "title")
    return render(
        request,
        "surveys/admin/survey_list.html",
        {
            "rows": [(survey, counts.get(survey.pk, 0), released.get(survey.pk)) for survey in surveys],
            "header_title": _("Survey results"),
            "header_icon": "clipboard-list",
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": "", "label": _("Survey results")},
            ],
        },
    )


class SurveyResultsView(ReportSpreadsheet, WagtailAdminTemplateMixin, TemplateView):
    """One survey's results; ``?export=csv|xlsx`` downloads the same figures (never answer rows)."""

    template_name = "surveys/admin/results.html"
    header_icon = "clipboard-list"
    export_columns = [
        ("question", gettext_lazy("Question")),
        ("group", gettext_lazy("Group")),
        ("answered", gettext_lazy("Answered")),
        ("choice", gettext_lazy("Answer")),
        ("percent", gettext_lazy("Share (%)")),
        ("earlier_percent", gettext_lazy("Share at the earlier point (%)")),
    ]

    def dispatch(self, request, survey_id):
        _require_results_permission(request.user)
        self.survey = get_object_or_404(SurveyPage, pk=survey_id)
        return super().dispatch(request, survey_id)

    @cached_property
    def results(self) -> results.SurveyResults:
        return results.survey_results(user=self.request.user, survey=self.survey)

    def get_page_title(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("surveys_admin:list"), "label": _("Survey results")},
            {"url": "", "label": self.survey.title},
        ]

    def get_filename(self):
        release = self.results.release
        return f"survey-{self.survey.pk}-results" + (
            f"-{timezone.localtime(release.released_at):%Y-%m-%d-%H%M}" if release else ""
        )

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.export_rows(), request.GET["export"])
        return super().get(request, *args, **kwargs)

    def export_rows(self) -> list[dict]:
        blank = dict.fromkeys(self.list_export, "")
        return [{**blank, **row} for row in self._export_rows()]

    def _export_rows(self) -> list[dict]:
        rows = [{"question": release_line(self.results.release)}]
        hidden = _("hidden (fewer than %(n)d)") % {"n": results.MIN_GROUP}
        for question in self.results.questions:
            if question.kind == "free_text":
                continue
            if question.hidden:
                rows.append({"question": question.text, "group": _("Total"), "answered": hidden})
                continue
            earlier = question.earlier
            for choice in question.choices:
                row = {
                    "question": question.text,
                    "group": _("Total"),
                    "answered": question.answered,
                    "choice": choice.label,
                    "percent": choice.percent,
                }
                if earlier is not None:
                    row["earlier_percent"] = (
                        hidden
                        if earlier.hidden
                        else next((c.percent for c in earlier.choices if c.key == choice.key), "")
                    )
                rows.append(row)
            for row in [*question.by_unit, *question.by_audience]:
                if row.hidden:
                    rows.append({"question": question.text, "group": row.label, "answered": hidden})
                    continue
                for choice, percent in zip(question.choices, row.percents, strict=True):
                    rows.append(
                        {
                            "question": question.text,
                            "group": row.label,
                            "answered": row.answered,
                            "choice": choice.label,
                            "percent": percent,
                        }
                    )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = self.results
        context.update(
            survey=self.survey,
            results=found,
            min_group=results.MIN_GROUP,
            release_line=release_line(found.release),
            closed=self.survey.closes_on is not None and self.survey.closes_on < timezone.localdate(),
            may_remind=self.survey.live and self.survey.is_open_on(timezone.localdate()),
            csv_url=f"{self.request.path}?export=csv",
            xlsx_url=f"{self.request.path}?export=xlsx",
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.survey.pk]),
        )
        return context


@require_POST
def survey_remind_view(request, survey_id):
    """Mail everyone the user may see who has not answered (once a day at most); never say who, nor how many."""
    _require_results_permission(request.user)
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    if not survey.live or not survey.is_open_on(timezone.localdate()):
        messages.error(request, _("The survey is not open: nobody was reminded."))
        return redirect("surveys_admin:results", survey_id=survey.pk)
    user_id = request.user.pk
    transaction.on_commit(lambda: tasks.survey_remind_task.delay(survey.pk, user_id))
    # No count: how many have not answered moves with each answer (models.py).
    messages.success(
        request,
        _(
            "Reminders are on their way to those who have not answered. "
            "Those reminded today are not reminded again today."
        ),
    )
    return redirect("surveys_admin:results", survey_id=survey.pk)
