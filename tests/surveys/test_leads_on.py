"""Issue 34: an open survey is found where a learner looks (the home page, Mina kurser, the menu), not
only at /enkater/, and its end leads on: to the next survey, to the course it evaluates, to Mina kurser."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from lms.surveys.models import SurveyKind
from tests.courses.factories import make_course

from .factories import make_survey, make_survey_index

BASE = {"q-policy-known": "4", "q-speak-up": "yes", "q-channels": ["intranet"], "q-comment": ""}


@pytest.fixture
def learner(client, people):
    person = people["a"][0]
    client.force_login(person.user)
    return person


def waiting_block(html: str) -> str:
    assert 'data-testid="waiting"' in html
    return html.split('data-testid="waiting"', 1)[1].split("</ul>", 1)[0]


def test_an_open_survey_is_on_mina_kurser_the_home_page_and_in_the_menu(client, learner):
    survey = make_survey(title="Demokrati i vardagen")
    for url in (reverse("courses:my_courses"), "/"):
        html = client.get(url).content.decode()
        block = waiting_block(html)
        assert "Väntar på ditt svar" in html
        assert f'href="{survey.url}"' in block and "Svara på enkäten: Demokrati i vardagen" in block
        assert f'href="{make_survey_index().url}">Enkäter</a>' in html  # the menu

    assert client.post(survey.url, BASE).status_code == 302
    for url in (reverse("courses:my_courses"), "/"):
        assert 'data-testid="waiting"' not in client.get(url).content.decode()  # answered: gone


def test_a_survey_outside_the_learners_unit_is_not_offered(client, learner, group):
    make_survey(title="Bara B", audience_unit=group["adm_b"])
    assert 'data-testid="waiting"' not in client.get(reverse("courses:my_courses")).content.decode()


def test_the_end_of_a_survey_leads_to_the_next_one_and_to_mina_kurser(client, learner):
    first = make_survey(title="Första")
    second = make_survey(title="Andra")
    client.post(first.url, BASE)
    html = client.get(first.url).content.decode()
    steps = html.split('data-testid="next-steps"', 1)[1].split("</ul>", 1)[0]
    assert f'href="{second.url}"' in steps and "Nästa enkät: Andra" in strip_tags(
        steps
    )  # the title in a span with its lang
    assert reverse("courses:my_courses") in steps and "Tillbaka till Mina kurser" in steps


def test_the_end_of_a_course_evaluation_leads_back_to_its_course(client, learner):
    course, _lessons = make_course(title="Likabehandling")
    evaluation = make_survey(title="Vad tyckte du", kind=SurveyKind.COURSE_EVALUATION, course=course)
    html = client.get(evaluation.url).content.decode()  # not completed: refused, and still led on
    steps = html.split('data-testid="next-steps"', 1)[1].split("</ul>", 1)[0]
    assert f'href="{course.url}"' in steps and "Tillbaka till kursen Likabehandling" in strip_tags(steps)
