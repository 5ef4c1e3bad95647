"""The demo's surveys: an evaluation per course, the attitude survey at two points answered by about
half the group, the earlier point published; the README's accounts have answered nothing."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from lms.courses.models import CoursePage
from lms.languages.selectors import in_source_language
from lms.organisation.demo import DEMO_ACCOUNTS
from lms.organisation.models import Person
from lms.surveys import results
from lms.surveys.demo import SERIES
from lms.surveys.models import AnswerSet, Participation, PendingAnswerSet, SurveyKind, SurveyPage, SurveyRelease


def test_the_demo_has_its_surveys_answered_by_about_half(demo):
    courses = set(in_source_language(CoursePage.objects.live()).values_list("pk", flat=True))  # not translations
    evaluated = set(
        SurveyPage.objects.live().filter(kind=SurveyKind.COURSE_EVALUATION).values_list("course_id", flat=True)
    )
    assert courses and evaluated == courses
    before, after = SurveyPage.objects.filter(series__name=SERIES).order_by("opens_on")
    assert before.closes_on < timezone.localdate() and before.publish_results
    assert after.is_open_on(timezone.localdate())
    active = Person.objects.filter(is_active=True).count()
    for survey in (before, after):
        answered = AnswerSet.objects.filter(survey=survey).count()
        assert answered == Participation.objects.filter(survey=survey).count()
        assert 0.3 * active < answered < 0.7 * active, (survey, answered, active)
    # Loaded through the release, as a worker makes it: nothing of the series waits (the demo is shared:
    # another demo test's learner may have answered a course evaluation), the closed point had its closing release.
    assert not PendingAnswerSet.objects.filter(survey__in=(before, after)).exists()
    assert SurveyRelease.objects.filter(survey=before, closing=True).exists()
    assert SurveyRelease.objects.filter(survey=after, closing=False).exists()
    accounts = [username for username, *_rest in DEMO_ACCOUNTS]
    assert not Participation.objects.filter(person__user__username__in=accounts).exists()

    hr = get_user_model().objects.get(username="hr")
    found = results.survey_results(user=hr, survey=after)
    assert found.earlier_survey == before and not found.hidden
    client = Client()
    client.force_login(hr)
    assert client.get(f"/admin/survey-results/{after.pk}/").status_code == 200
    assert before.title in client.get("/resultat/").content.decode()
