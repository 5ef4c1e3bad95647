"""The learner's side: the survey list and answering a survey (SurveyPage.serve calls these).
Works without JavaScript; every refusal is a message on the page, with nothing stored."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.organisation.selectors import person_for_user

from . import selectors, services
from .forms import SurveyAnswerForm


def survey_index_context(request, index) -> dict:
    person = person_for_user(request.user)
    return {"person": person, "surveys": selectors.surveys_for(person=person)}


def survey_serve(request, survey, serve, *args, **kwargs):
    """GET shows the survey (or why it cannot be answered); POST stores the answers or shows the
    form again with its errors (status 400) and nothing stored."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    person = person_for_user(request.user)
    if request.method != "POST":
        return serve(request, *args, **kwargs)
    refusal = selectors.refusal(survey=survey, person=person)
    if refusal is not None:
        return _render(request, survey, person, form=None, refusal=refusal, status=409)
    form = SurveyAnswerForm(request.POST, survey=survey)
    if not form.is_valid():
        return _render(request, survey, person, form=form, status=400)
    try:
        services.survey_answer(survey=survey, person=person, answers=form.answers())
    except services.SurveyRefused as refused:
        form.add_error(None, str(refused))
        return _render(request, survey, person, form=form, status=400)
    messages.success(
        request,
        _(
            "Thank you for answering! Your answers are stored without your name. They count in the results "
            "only at a later release, together with at least four others' from your group."
        ),
    )
    return redirect(survey.get_url(request))


def survey_context(request, survey, form=None, refusal=None) -> dict:
    person = person_for_user(request.user)
    if refusal is None and form is None:
        refusal = selectors.refusal(survey=survey, person=person)
    if refusal is None and form is None:
        form = SurveyAnswerForm(survey=survey)
    return {
        "person": person,
        "form": form,
        "refusal": refusal,
        # Where to go from here once the survey cannot (or need not) be answered: the next survey, if any.
        "next_survey": (
            next((s for s in selectors.surveys_for(person=person) if s.pk != survey.pk), None) if refusal else None
        ),
        "has_free_text": any(q["kind"] == "free_text" for q in survey.question_blocks()),
    }


def _render(request, survey, person, *, form, status, refusal=None):
    context = survey.get_context(request)
    context.update(survey_context(request, survey, form=form, refusal=refusal))
    return TemplateResponse(request, survey.get_template(request), context, status=status)
