"""A learning path required like a course: HR's form (the requirements' own, with the path for the course)
makes one course requirement per course of the path, alike, assigned as any; a refusal changes nothing;
a course added to the path is required too, one taken out stops being; the scope is the access rule's."""

import pytest
from django.urls import reverse

from lms.courses.models import Enrolment
from lms.paths.models import LearningPathCourse, PathRequirement
from lms.requirements.models import Requirement
from tests.certificates.factories import make_certificate_course
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.helpers import status_and_location

from .factories import make_chain, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def path(home_page):
    return make_path(*(c for c, _ in make_chain(2)), title="Väg")


@pytest.fixture
def unit():
    return OrgUnitFactory()


def post(client, url, **fields):
    data = {"include_descendants": "on", "is_active": "on", "due_days": "30", "note": "", **fields}
    return client.post(url, data)


def test_hr_requires_a_path_and_its_courses_are_assigned(client, path, unit, django_capture_on_commit_callbacks):
    politician = PersonFactory(org_unit=unit, audience="politician")
    client.force_login(hr_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, reverse("paths_requirement_add"), path=path.pk, org_unit=unit.pk, for_politicians="on")
    assert status_and_location(response) == (302, reverse("paths_report"))
    (path_requirement,) = PathRequirement.objects.all()
    requirements = list(path_requirement.course_requirements.order_by("course__title"))
    assert [r.course.title for r in requirements] == ["Kurs 1", "Kurs 2"]
    assert all(r.for_politicians and r.due_days == 30 and r.org_unit == unit for r in requirements)
    assert Enrolment.objects.filter(person=politician, is_required=True).count() == 2
    # The report lists it, with a way to change it.
    text = client.get(reverse("paths_report")).content.decode()
    assert reverse("paths_requirement_edit", args=[path_requirement.pk]) in text


def test_a_refused_requirement_changes_nothing(client, path, unit):
    client.force_login(hr_user())
    response = post(client, reverse("paths_requirement_add"), path=path.pk, org_unit=unit.pk)  # no audience
    assert response.status_code == 200 and response.context["form"].errors
    assert not PathRequirement.objects.exists() and not Requirement.objects.exists()


def test_editing_changes_every_course_requirement(client, path, unit, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, reverse("paths_requirement_add"), path=path.pk, org_unit=unit.pk, for_staff="on")
        path_requirement = PathRequirement.objects.get()
        post(
            client,
            reverse("paths_requirement_edit", args=[path_requirement.pk]),
            path=path.pk,
            org_unit=unit.pk,
            for_staff="on",
            due_days="60",
        )
    assert set(Requirement.objects.values_list("due_days", flat=True)) == {60}
    assert Requirement.objects.count() == 2


def test_the_requirements_follow_the_paths_courses(client, path, unit, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, reverse("paths_requirement_add"), path=path.pk, org_unit=unit.pk, for_staff="on")
    first = path.path_courses.order_by("sort_order").first().course
    third, _ = make_certificate_course(title="Kurs 3")
    path.path_courses = [
        LearningPathCourse(course=row.course, sort_order=row.sort_order)
        for row in path.path_courses.exclude(course=first)
    ] + [LearningPathCourse(course=third, sort_order=9)]
    with django_capture_on_commit_callbacks(execute=True):
        path.save_revision().publish()
    active = set(Requirement.objects.filter(is_active=True).values_list("course__title", flat=True))
    assert active == {"Kurs 2", "Kurs 3"}
    assert Requirement.objects.get(course=first).is_active is False


def test_a_scoped_user_sees_and_sets_only_their_part(client, path, unit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(hr_user())
        post(client, reverse("paths_requirement_add"), path=path.pk, org_unit=unit.pk, for_staff="on")
    elsewhere = PathRequirement.objects.get()
    client.force_login(hr_user(scope=OrgUnitFactory()))
    assert client.get(reverse("paths_requirement_edit", args=[elsewhere.pk])).status_code == 404
    response = post(client, reverse("paths_requirement_add"), path=path.pk, org_unit=unit.pk, for_staff="on")
    assert "org_unit" in response.context["form"].errors  # a unit outside their scope is no choice
    assert PathRequirement.objects.count() == 1


def test_a_learner_may_not(client, path):
    from tests.certificates.factories import make_learner

    client.force_login(make_learner(username="elev").user)
    assert status_and_location(client.get(reverse("paths_requirement_add"))) == (302, "/admin/login/")
