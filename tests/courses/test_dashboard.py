"""The editors' panel on the admin home: a new course, drafts in moderation, courses that lead nowhere."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.access.roles import EDITORS_GROUP, HR_GROUP, MODERATORS_GROUP
from lms.certificates.models import CertificateTemplate
from lms.courses.wagtail_hooks import EditorPanel
from tests.factories import UserFactory

from .factories import add_lesson, make_catalogue, make_course

pytestmark = pytest.mark.django_db


def in_group(name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=name))
    return user


def panel(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id="courses-editor-section")


def links(section) -> dict[str, str]:
    return {a.get_text(strip=True): a["href"] for a in section.find_all("a", href=True) if "#" not in a["href"]}


def submit_for_moderation(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


@pytest.fixture
def courses():
    template = CertificateTemplate.objects.create(name="Standardintyg", body="{name}")
    complete, _ = make_course(title="Klar kurs", certificate_template=template)
    no_template, _ = make_course(title="Kurs utan intyg")
    no_quiz, _ = make_course(title="Kurs utan test", ends_with_quiz=True, certificate_template=template)
    emptied, emptied_lessons = make_course(title="Tömd kurs", lessons=1, certificate_template=template)
    emptied_lessons[0].unpublish()
    return {"complete": complete, "no_template": no_template, "no_quiz": no_quiz, "emptied": emptied}


@pytest.mark.parametrize("group", [EDITORS_GROUP, MODERATORS_GROUP])
def test_editors_and_moderators_see_what_needs_doing_with_links(client, courses, group):
    user = in_group(group)
    draft_lesson = add_lesson(courses["complete"], "Ny lektion", live=False)
    submit_for_moderation(draft_lesson, user)

    section = panel(client, user)

    assert section is not None
    found = links(section)
    index = make_catalogue()
    assert found["Ny kurs"] == reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk])
    assert found["Alla kurser"] == reverse("wagtailadmin_explore", args=[index.pk])
    edit = lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])  # noqa: E731
    assert found["Ny lektion"] == edit(draft_lesson)
    assert found["Kurs utan intyg"] == edit(courses["no_template"])
    assert found["Kurs utan test"] == edit(courses["no_quiz"])
    assert found["Tömd kurs"] == edit(courses["emptied"])
    assert "Klar kurs" not in found
    text = section.get_text(" ", strip=True)
    assert "Väntar på granskning" in text and "lektion" in text


def test_people_without_page_rights_do_not_see_it(client, courses):
    assert panel(client, in_group(HR_GROUP)) is None


def test_a_learner_never_reaches_the_dashboard(client, courses):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302


def test_an_editor_sees_only_the_courses_they_may_edit(client, courses):
    """The lists come from Wagtail's page permissions: rights on one course only, that course only."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Redaktör för en kurs")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=courses["no_template"], permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory()
    user.groups.add(group)
    found = links(panel(client, user))
    assert "Kurs utan intyg" in found and "Kurs utan test" not in found and "Tömd kurs" not in found
    assert "Ny kurs" not in found  # no right to add under the catalogue


def panel_queries(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        EditorPanel(user).render_html({})
    return len(queries)


def test_the_panel_takes_the_same_number_of_queries_however_many_courses(courses):
    editor = in_group(EDITORS_GROUP)
    panel_queries(editor)  # the process's own caches (content types) filled, as an earlier test may have
    editor = type(editor).objects.get(pk=editor.pk)  # fresh: no permissions cached yet
    few = panel_queries(editor)

    for n in range(6):
        course, lessons = make_course(title=f"Kurs {n}", ends_with_quiz=True)
        submit_for_moderation(lessons[0], editor)
        submit_for_moderation(course, editor)

    editor = type(editor).objects.get(pk=editor.pk)
    assert panel_queries(editor) == few
    assert few <= 7, few
