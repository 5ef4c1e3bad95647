"""The admin: templates (placeholder check, PDF preview), issued certificates, revocation, re-render."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.access.roles import ensure_roles
from lms.certificates.models import Certificate, CertificateRenderBatch, CertificateTemplate
from tests import factories
from tests.factories import UserFactory
from tests.helpers import status_and_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def hr_user():
    ensure_roles()
    return factories.hr_user(username="hr")


def template_post(**overrides):
    return {
        "name": "Ny mall",
        "heading": "Intyg",
        "body": "{name} har genomfört {course}.",
        "signatory_name": "Lena",
        "signatory_title": "HR",
        "accent_colour": "#00507a",
        **overrides,
    }


def test_template_with_unknown_placeholder_is_rejected_in_the_form(client, admin_user):
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_certificates_certificatetemplate:add")
    response = client.post(url, template_post(body="Grattis {namn} till {course}!"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "{namn}" in errors["body"][0]
    assert "{namn}" in response.content.decode()
    assert not CertificateTemplate.objects.filter(name="Ny mall").exists()
    response = client.post(url, template_post())
    assert response.status_code == 302
    assert CertificateTemplate.objects.filter(name="Ny mall").exists()


def test_template_preview_pdf(client, admin_user, home_page):
    template = CertificateTemplate.objects.create(**template_post())
    client.force_login(admin_user)
    listing = client.get(reverse("wagtailsnippets_certificates_certificatetemplate:list")).content.decode()
    preview = reverse("certificates_template_preview", args=[template.pk])
    assert preview in listing
    response = client.get(preview)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_template_preview_needs_permission(client, home_page):
    template = CertificateTemplate.objects.create(**template_post())
    client.force_login(UserFactory(username="nobody"))  # no admin access
    response = client.get(reverse("certificates_template_preview", args=[template.pk]))
    assert status_and_location(response) == (302, "/admin/login/")


def test_hr_sees_issued_certificates_with_render_status_filter(client, hr_user, certificate):
    client.force_login(hr_user)
    url = reverse("wagtailsnippets_certificates_certificate:list")
    response = client.get(url)
    assert response.status_code == 200
    assert certificate.display_code in response.content.decode()
    assert certificate.display_code not in client.get(url, {"render_status": "failed"}).content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(render_status="failed", render_error="OSError: boom")
    html = client.get(url, {"render_status": "failed"}).content.decode()
    assert certificate.display_code in html and "OSError: boom" in html
    # read-only: nobody edits or deletes a certificate by hand
    edit = client.get(reverse("wagtailsnippets_certificates_certificate:edit", args=[certificate.pk]))
    assert status_and_location(edit) == (302, "/admin/")  # Wagtail's "no permission": back to the dashboard


def test_hr_revokes_with_reason_in_audit_log(client, hr_user, certificate):
    client.force_login(hr_user)
    url = reverse("certificates_revoke", args=[certificate.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    response = client.post(url, {"reason": "Felaktigt utfärdat"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Felaktigt utfärdat" and certificate.revoked_by == hr_user
    entry = ModelLogEntry.objects.get(action="certificates.revoke")
    assert entry.object_id == str(certificate.pk) and entry.data == {"reason": "Felaktigt utfärdat"}


def test_revoke_needs_permission(client, certificate):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    client.force_login(user)
    response = client.post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "x"})
    assert status_and_location(response) == (302, "/admin/")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_rerender_command_counts_batch(certificate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rerender_certificates", "--all")
    batch = CertificateRenderBatch.objects.get()
    assert (batch.total, batch.done, batch.failed) == (1, 1, 0) and batch.finished
    certificate.refresh_from_db()
    assert certificate.render_attempts == 2 and certificate.render_batch is None


def test_rerender_bulk_action_and_progress_view(client, admin_user, certificate, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    url = (
        reverse("wagtail_bulk_action", args=("certificates", "certificate", "rerender"))
        + f"?id={certificate.pk}&next=/admin/"
    )
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    batch = CertificateRenderBatch.objects.get()
    assert (batch.total, batch.done) == (1, 1)
    html = client.get(reverse("certificates_batch", args=[batch.pk])).content.decode()
    assert "1 klara, 0 misslyckade av 1" in html
