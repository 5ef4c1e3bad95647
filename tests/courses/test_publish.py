"""No dead ends: a course is not published before it has a lesson (the editor's Publish button, approval,
scheduling, the bulk action), the catalogue lists no live course without a live lesson, and a new
course starts with the default certificate template."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Revision

from lms.access.roles import EDITORS_GROUP, MODERATORS_GROUP
from lms.certificates.models import CertificateTemplate, CourseCertificate
from lms.courses.forms import NO_LESSON_MESSAGE, NO_QUIZ_MESSAGE
from lms.courses.models import CoursePage
from lms.courses.selectors import catalogue_courses
from tests.factories import UserFactory
from tests.helpers import submitted

from .factories import add_lesson, make_catalogue, make_course

pytestmark = pytest.mark.django_db


def in_group(name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def moderator(client):
    user = in_group(MODERATORS_GROUP)
    client.force_login(user)
    return user


def edit(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url).context["form"]
    return client.post(url, submitted(form, **changes))


def refusal_shown(response) -> bool:
    """The editor comes back with the message (in Swedish, the admin's language here)."""
    with translation.override("sv"):
        message = str(NO_LESSON_MESSAGE)
    return response.status_code == 200 and message in response.content.decode()


def draft_course(title="Tom kurs"):
    course, _lessons = make_course(lessons=0, title=title)
    course.save_revision().publish()
    course.unpublish()
    course.refresh_from_db()
    return course


def draft_saved_message(response, title: str) -> str:
    """The warning the editor sees after Publish was turned into Save draft (Swedish, the admin's language)."""
    shown = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(shown) == 1, shown
    assert shown[0].startswith(f"”{title}” sparades som utkast och publicerades inte.")
    return shown[0]


def test_publishing_a_course_without_lessons_saves_the_draft_and_says_what_is_missing(client, moderator):
    course = draft_course()
    revisions = Revision.page_revisions.filter(object_id=str(course.pk))
    before = revisions.count()

    response = edit(client, course, title="Ny titel", **{"action-publish": "publish"})

    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[course.pk])
    message = draft_saved_message(response, "Ny titel")
    assert "behöver först en lektion" in message and "kunskapstest" not in message
    course.refresh_from_db()
    assert not course.live and course.draft_title == "Ny titel"  # saved: a draft's page row holds its latest
    assert revisions.count() == before + 1


def test_a_course_that_ends_with_a_quiz_is_not_published_before_its_quiz(client, moderator):
    course = draft_course()
    add_lesson(course, "Lektion 1")
    response = edit(client, course, ends_with_quiz="on", **{"action-publish": "publish"})
    assert response.status_code == 302
    message = draft_saved_message(response, course.title)
    assert "avslutas med ett kunskapstest" in message and "behöver först en lektion" not in message
    course.refresh_from_db()
    assert not course.live

    # Unticked, the same course is published.
    response = edit(client, course, ends_with_quiz=None, **{"action-publish": "publish"})
    course.refresh_from_db()
    assert course.live and not course.ends_with_quiz


def test_scheduling_a_course_that_ends_with_a_quiz_before_its_quiz_is_a_validation_error(client, moderator):
    course = draft_course()
    add_lesson(course, "Lektion 1")
    later = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    response = edit(client, course, ends_with_quiz="on", go_live_at=later, **{"action-publish": "publish"})
    assert response.status_code == 200
    with translation.override("sv"):
        assert response.context["form"].errors["ends_with_quiz"] == [str(NO_QUIZ_MESSAGE)]
    assert not Revision.page_revisions.filter(object_id=str(course.pk), approved_go_live_at__isnull=False).exists()


def test_a_live_quiz_lets_the_course_be_published(client, moderator):
    from lms.quizzes.models import QuizPage

    course = draft_course()
    add_lesson(course, "Lektion 1")
    course.add_child(instance=QuizPage(title="Kunskapstest", slug="test", pass_mark=80))
    response = edit(client, course, ends_with_quiz="on", **{"action-publish": "publish"})
    assert response.status_code == 302 and not [
        m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"
    ]
    course.refresh_from_db()
    assert course.live


def test_a_course_with_only_a_draft_lesson_is_refused_too(client, moderator):
    course = draft_course()
    add_lesson(course, "Utkast", live=False)
    draft_saved_message(edit(client, course, **{"action-publish": "publish"}), course.title)
    course.refresh_from_db()
    assert not course.live


def test_publishing_a_course_with_a_live_lesson_works(client, moderator):
    course = draft_course()
    add_lesson(course, "Lektion 1")
    response = edit(client, course, **{"action-publish": "publish"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.live


def test_saving_a_draft_of_an_empty_course_works(client, moderator):
    course = draft_course()
    response = edit(client, course, title="Fortfarande utkast")
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.draft_title == "Fortfarande utkast" and not course.live


def test_an_editor_who_may_not_publish_saves_a_draft(client):
    """Wagtail saves a draft when someone without the right to publish sends Publish: not refused."""
    client.force_login(in_group(EDITORS_GROUP))
    course = draft_course()
    response = edit(client, course, title="Utkast av redaktör", **{"action-publish": "publish"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.draft_title == "Utkast av redaktör" and not course.live


def test_scheduling_needs_a_lesson_that_goes_live_no_later(client, moderator):
    course = draft_course()
    lesson = add_lesson(course, "Lektion 1", live=False)
    monday = timezone.now() + timedelta(days=3)
    lesson.go_live_at = monday
    lesson.save_revision().publish()  # scheduled, not live yet
    lesson.refresh_from_db()
    assert not lesson.live

    as_typed = lambda moment: timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")  # noqa: E731
    too_early = as_typed(monday - timedelta(days=1))
    assert refusal_shown(edit(client, course, go_live_at=too_early, **{"action-publish": "publish"}))

    same_time = as_typed(monday + timedelta(minutes=1))
    response = edit(client, course, go_live_at=same_time, **{"action-publish": "publish"})
    assert response.status_code == 302
    assert Revision.page_revisions.filter(object_id=str(course.pk), approved_go_live_at__isnull=False).exists()


def test_publishing_a_new_course_saves_it_as_a_draft_and_says_what_is_missing(client, moderator):
    index = make_catalogue()
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk])
    form = client.get(url).context["form"]
    fields = {"title": "Helt ny kurs", "slug": "helt-ny-kurs", "summary": "Om något.", "ends_with_quiz": "on"}

    response = client.post(url, submitted(form, **fields, **{"action-publish": "publish"}))

    course = CoursePage.objects.get(slug="helt-ny-kurs")
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[course.pk])
    assert not course.live and course.has_unpublished_changes
    message = draft_saved_message(response, "Helt ny kurs")
    assert "behöver först en lektion" in message and "avslutas med ett kunskapstest" in message


def bulk_publish(client, pages, include_descendants=False):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    query = "&".join(f"id={page.pk}" for page in pages) + "&next=/admin/pages/"
    data = {"include_descendants": "on"} if include_descendants else {}
    return client.post(f"{url}?{query}", data, follow=True)


def test_bulk_publish_refuses_an_empty_course_and_publishes_nothing(client, moderator):
    empty = draft_course("Tom kurs")
    other = draft_course("Annan kurs")
    add_lesson(other, "Lektion 1")
    response = bulk_publish(client, [empty, other])
    assert "Ingenting publicerades" in response.content.decode() and "Tom kurs" in response.content.decode()
    assert not CoursePage.objects.filter(pk__in=[empty.pk, other.pk], live=True).exists()

    bulk_publish(client, [other])
    other.refresh_from_db()
    assert other.live


def test_bulk_publish_with_subpages_may_publish_the_course_with_its_draft_lessons(client, moderator):
    course = draft_course()
    add_lesson(course, "Utkast", live=False)
    bulk_publish(client, [course], include_descendants=True)
    course.refresh_from_db()
    assert course.live and course.get_children().live().count() == 1


def test_the_catalogue_lists_no_live_course_without_a_live_lesson(home_page):
    index = make_catalogue()
    _course, lessons = make_course(lessons=1, title="Värdegrund i skolan")
    make_course(lessons=1, title="Värdegrund i vården")
    assert len(catalogue_courses(index=index, query="Värdegrund")) == 2

    lessons[0].unpublish()  # the course stays live, but leads nowhere

    assert [c.title for c in catalogue_courses(index=index)] == ["Värdegrund i vården"]
    assert [c.title for c in catalogue_courses(index=index, query="Värdegrund")] == ["Värdegrund i vården"]


def template(name):
    return CertificateTemplate.objects.create(name=name, body="{name} har genomfört {course}.")


def test_default_certificate_template_is_the_one_most_courses_give():
    assert CertificateTemplate.default_for_new_courses() is None
    oldest, common = template("Första"), template("Vanligast")
    assert CertificateTemplate.default_for_new_courses() == oldest
    make_course(title="A", certificate_template=common)
    make_course(title="B", certificate_template=common)
    make_course(title="C", certificate_template=oldest)
    assert CertificateTemplate.default_for_new_courses() == common


def test_a_new_course_starts_with_the_default_certificate_template(client, moderator):
    standard = template("Standardintyg")
    index = make_catalogue()
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk])

    response = client.get(url)
    form = response.context["form"]
    (certificate,) = form.formsets["certificate_terms"].forms  # the certificates app's panel, in the editor
    assert certificate["template"].value() == standard.pk
    assert "Standardintyg" in str(certificate["template"])  # the chooser shows it chosen

    fields = {"title": "Med intyg", "slug": "med-intyg", "summary": "Om intyg."}
    client.post(url, submitted(form, **fields))
    course = CoursePage.objects.get(slug="med-intyg")
    assert CourseCertificate.objects.get(course=course).template == standard


def test_an_existing_course_without_template_keeps_none(client, moderator):
    template("Standardintyg")
    course = draft_course()
    form = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).context["form"]
    assert form.formsets["certificate_terms"].forms == []


def test_the_certificate_chosen_in_the_editor_goes_live_with_the_course(client, moderator):
    first, second = template("Första"), template("Andra")
    course, _lessons = make_course(title="Med intyg", lessons=1, certificate_template=first)
    course.save_revision().publish()
    prefix = "certificate_terms-0-"
    edit(client, course, **{f"{prefix}template": second.pk, f"{prefix}validity_months": "24"})  # a draft
    assert CourseCertificate.objects.get(course=course).template == first  # the live course's stays

    edit(client, course, **{"action-publish": "publish"})
    terms = CourseCertificate.objects.get(course=course)
    assert (terms.template, terms.validity_months) == (second, 24)

    edit(client, course, **{f"{prefix}DELETE": "1", "action-publish": "publish"})
    assert not CourseCertificate.objects.filter(course=course).exists()  # no certificate now


def test_approving_an_empty_course_in_the_editor_is_refused(client, moderator):
    course = draft_course()
    editor = in_group(EDITORS_GROUP)
    course.save_revision(user=editor)
    course.get_workflow().start(course, editor)

    approve = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    assert refusal_shown(edit(client, course, **approve))
    course.refresh_from_db()
    assert not course.live and course.current_workflow_state is not None

    add_lesson(course, "Lektion 1")
    assert edit(client, course, **approve).status_code == 302
    course.refresh_from_db()
    assert course.live
