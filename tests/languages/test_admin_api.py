"""wagtail-localize's snippet chooser API answers within the access rule (lms/languages/admin_views.py):
its own view would list any snippet model's rows, e.g. certificates with their holders, to any admin user."""

import pytest
from django.contrib.auth.models import Group

from lms.access.roles import EDITORS_GROUP
from lms.certificates.models import Certificate
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import UserFactory, hr_user

pytestmark = pytest.mark.django_db

API = "/admin/localize/api/snippets"


def test_no_certificate_is_listed_to_an_editor_or_hr(client, home_page, django_capture_on_commit_callbacks):
    course, lessons = make_certificate_course()
    with django_capture_on_commit_callbacks(execute=True):  # the certificate is issued on commit
        complete(make_learner(), lessons)
    certificate = Certificate.objects.get()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    for user in (editor, hr_user()):
        client.force_login(user)
        for url in (f"{API}/certificates/certificate/", f"{API}/certificates/certificate/{certificate.pk}/"):
            response = client.get(url)
            assert response.status_code == 404, (user, url)
            assert certificate.display_code not in response.content.decode()


def test_a_translatable_snippet_is_listed_to_those_who_may_change_it_and_no_one_else(client, home_page):
    from django.contrib.auth.models import Permission

    from lms.certificates.models import CertificateTemplate

    make_certificate_course()
    template = CertificateTemplate.objects.get()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    response = client.get(f"{API}/certificates/certificatetemplate/")
    assert response.status_code == 200 and [row["id"] for row in response.json()] == [template.pk]
    # Someone who may open the admin but not the templates: none of them.
    other = UserFactory()
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    response = client.get(f"{API}/certificates/certificatetemplate/")
    assert response.status_code == 200 and response.json() == []
    assert client.get(f"{API}/certificates/certificatetemplate/{template.pk}/").status_code == 404
