"""The surveys app's section of a person's register extract, and its part of erasure.

The extract says which surveys the person has answered, never what: their answers are stored
without them (models.py) and cannot be found from them. Erasure removes the "has answered" rows
and leaves the anonymous answers, which belong to no one.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import register_personal_data_section

from .models import Participation, SurveyPage

SURVEYS_LABEL = pgettext_lazy("personal data", "Surveys you have answered")

KEY_LABELS = {
    "surveys_answered": pgettext_lazy(
        "personal data", "Surveys answered (your answers are anonymous and not stored with you)"
    ),
    "survey": pgettext_lazy("personal data", "Survey"),
}


def surveys_section(person) -> dict:
    titles = (
        Participation.objects.filter(person=person)
        .order_by("survey__title", "survey_id")
        .values_list("survey__title", flat=True)
    )
    return {"surveys_answered": [{"survey": title} for title in titles]}


def erase_surveys(person) -> None:
    """Runs inside ``person_erase``'s transaction. The answers stay: nothing links them to anyone.
    The surveys are locked first, as a release does, so a release that renumbers their
    participations cannot write this person's back after the delete."""
    surveys = Participation.objects.filter(person=person).values("survey_id")
    list(SurveyPage.objects.select_for_update(of=("self",)).filter(pk__in=surveys).values_list("pk", flat=True))
    Participation.objects.filter(person=person).delete()


register_personal_data_section("surveys", SURVEYS_LABEL, surveys_section, erase=erase_surveys, key_labels=KEY_LABELS)
