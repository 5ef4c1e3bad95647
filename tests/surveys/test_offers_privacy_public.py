"""The course evaluation offered after completion, the register extract and erasure, /resultat/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.access import privacy
from lms.organisation import services as organisation_services
from lms.surveys import services
from lms.surveys.models import Answer, AnswerSet, Participation
from tests.certificates.factories import complete
from tests.courses.factories import make_course

from .factories import answers, make_survey, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated_course(people):
    course, lessons = make_course(title="Likabehandling", lessons=2)
    survey = make_survey(title="Vad tyckte du om kursen", kind="course_evaluation", course=course)
    return course, lessons, survey


def test_the_evaluation_is_offered_once_the_course_is_completed_and_until_answered(client, people, evaluated_course):
    course, lessons, survey = evaluated_course
    person = people["a"][0]
    client.force_login(person.user)
    with pytest.raises(services.SurveyRefused, match="slutfört kursen"):
        services.survey_answer(survey=survey, person=person, answers=answers())
    assert survey.url not in client.get(course.url).content.decode()
    complete(person, lessons)
    for url in (course.url, "/mina-kurser/"):
        assert f'href="{survey.url}"' in client.get(url).content.decode(), url
    services.survey_answer(survey=survey, person=person, answers=answers())
    for url in (course.url, "/mina-kurser/"):
        assert f'href="{survey.url}"' not in client.get(url).content.decode(), url


def test_the_survey_list_shows_open_attitude_surveys_not_yet_answered(client, people, evaluated_course):
    open_one = make_survey(title="Öppen")
    answered = make_survey(title="Besvarad")
    make_survey(
        title="Stängd",
        opens_on=timezone.localdate() - timedelta(days=9),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    person = people["a"][0]
    services.survey_answer(survey=answered, person=person, answers=answers())
    client.force_login(person.user)
    page = client.get(open_one.get_parent().url).content.decode()
    assert "Öppen" in page and "Besvarad" not in page and "Stängd" not in page and "Vad tyckte du" not in page


def test_the_extract_says_which_surveys_were_answered_never_what(people):
    survey = make_survey(title="Arbetsmiljö 2026")
    person = people["a"][0]
    services.survey_answer(survey=survey, person=person, answers=answers(comment="Min hemliga åsikt"))
    extract = privacy.person_extract(person)
    section = next(s for s in extract["sections"] if s["key"] == "surveys")
    assert section["data"] == {"surveys_answered": [{"survey": "Arbetsmiljö 2026"}]}
    assert "Min hemliga åsikt" not in str(extract)


def test_erasure_removes_has_answered_and_keeps_the_anonymous_answers(people, django_capture_on_commit_callbacks):
    survey = make_survey()
    person, other = people["a"][:2]
    for p in (person, other):
        services.survey_answer(survey=survey, person=p, answers=answers())
    release(survey)
    before = sorted(Answer.objects.values_list("id", "question_key", "value"))
    organisation_services.person_deactivate(person=person)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.person_erase(person=person)
    assert list(Participation.objects.values_list("person_id", flat=True)) == [other.pk]
    assert (
        AnswerSet.objects.count() == 2 and sorted(Answer.objects.values_list("id", "question_key", "value")) == before
    )


def test_published_results_of_closed_surveys_appear_on_the_public_page(client, people):
    today = timezone.localdate()
    published = make_survey(
        title="Publicerad",
        publish_results=True,
        opens_on=today - timedelta(days=20),
        closes_on=today + timedelta(days=1),
    )
    small = make_survey(
        title="För få svar",
        publish_results=True,
        opens_on=today - timedelta(days=20),
        closes_on=today + timedelta(days=1),
    )
    unpublished = make_survey(
        title="Inte publicerad", opens_on=today - timedelta(days=20), closes_on=today + timedelta(days=1)
    )
    for person in people["a"]:
        services.survey_answer(survey=published, person=person, answers=answers(policy="5"))
        services.survey_answer(survey=unpublished, person=person, answers=answers())
    for person in people["a"][:4]:
        services.survey_answer(survey=small, person=person, answers=answers())
    for survey in (published, small, unpublished):
        release(survey)
    assert "Publicerad" not in client.get("/resultat/").content.decode()  # still open: not yet
    type(published).objects.filter(pk__in=[published.pk, small.pk, unpublished.pk]).update(
        closes_on=today - timedelta(days=1)
    )
    for survey in (published, small, unpublished):
        release(survey)  # the closing release
    page = client.get("/resultat/").content.decode()
    assert "Resultat per " in page
    assert "Publicerad" in page and "Jag känner till likabehandlingspolicyn." in page and "100" in page
    assert "För få svar" not in page and "Inte publicerad" not in page
    assert "Något mer?" not in page  # free text is never public
