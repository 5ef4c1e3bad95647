"""Surveys for tests: the survey list under the home page, survey pages with one question of each kind."""

import factory
from django.utils import timezone

from home.demo import _home_page
from lms.surveys.models import SurveyIndexPage, SurveyKind, SurveyPage, SurveySeries


def make_survey_index() -> SurveyIndexPage:
    home = _home_page()
    index = SurveyIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=SurveyIndexPage(title="Enkäter", slug="enkater"))
    return index


QUESTIONS = [
    ("section", {"heading": "Om arbetsplatsen", "intro": ""}),
    (
        "agreement",
        {"key": "policy-known", "text": "Jag känner till likabehandlingspolicyn.", "help_text": "", "required": True},
    ),
    (
        "single_choice",
        {
            "key": "speak-up",
            "text": "Skulle du säga ifrån om en kollega kränktes?",
            "help_text": "",
            "required": False,
            "choices": [
                {"key": "yes", "label": "Ja"},
                {"key": "maybe", "label": "Kanske"},
                {"key": "no", "label": "Nej"},
            ],
        },
    ),
    (
        "multiple_choice",
        {
            "key": "channels",
            "text": "Var får du information?",
            "help_text": "",
            "required": False,
            "choices": [
                {"key": "intranet", "label": "Intranätet"},
                {"key": "manager", "label": "Chefen"},
                {"key": "colleagues", "label": "Kollegor"},
            ],
        },
    ),
    ("free_text", {"key": "comment", "text": "Något mer?", "help_text": "", "required": False}),
]


class SurveySeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveySeries
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Serie {n}")


def make_survey(*, title="Demokrati i vardagen", questions=None, **fields) -> SurveyPage:
    """A live survey open today for everyone, with one question of each kind (QUESTIONS)."""
    index = make_survey_index()
    fields.setdefault("kind", SurveyKind.ATTITUDE)
    fields.setdefault("opens_on", timezone.localdate())
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    survey = SurveyPage(title=title, slug=slug, questions=questions or QUESTIONS, **fields)
    return index.add_child(instance=survey)


def answers(policy="4", speak_up="yes", channels=("intranet",), comment="") -> dict:
    return {
        "policy-known": [policy],
        "speak-up": [speak_up] if speak_up else [],
        "channels": list(channels),
        "comment": comment,
    }


def release(survey, *, days_later: int = 0):
    """The night's release of ``survey``, as the worker makes it (``days_later``: a later night, since
    an open survey is released at most once a day)."""
    from datetime import timedelta

    from lms.surveys import services

    return services.survey_release(survey_id=survey.pk, now=timezone.now() + timedelta(days=days_later))
