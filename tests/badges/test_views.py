"""The badge beside a certificate, for whoever may have it: the person (Mina intyg, a path's page) and staff
within their part of the group, nobody else; the public verification page (paste or upload), which answers
everything with a message and shows no more than the credential holds."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.badges import credentials
from lms.badges.sources import COURSE, source_by_key
from lms.certificates import services as certificate_services
from lms.certificates.models import RenderStatus
from lms.paths import services as path_services
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.helpers import body

from .helpers import payload_of

pytestmark = pytest.mark.django_db


def download_url(certificate) -> str:
    kind = "course" if certificate._meta.model_name == "certificate" else "path"
    return reverse("badges:download", args=[kind, certificate.pk])


def test_the_person_downloads_their_badge(client, course_certificate, schema_validator):
    client.force_login(course_certificate.person.user)
    response = client.get(download_url(course_certificate))
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    assert f"open-badge-{course_certificate.display_code}.jwt" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert list(schema_validator.iter_errors(payload_of(response.content.decode()))) == []


def test_my_certificates_offers_the_badge_beside_the_pdf(client, course_certificate):
    type(course_certificate).objects.filter(pk=course_certificate.pk).update(
        render_status=RenderStatus.RENDERED, pdf="certificates/x.pdf"
    )
    client.force_login(course_certificate.person.user)
    page = body(client.get(reverse("certificates:mine")))
    assert f'href="{download_url(course_certificate)}"' in page and "Ladda ner som Open Badge" in page


def test_the_path_page_offers_the_badge_beside_the_pdf(client, path_certificate):
    path_services.path_certificate_render(certificate=path_certificate)
    client.force_login(path_certificate.person.user)
    page = body(client.get(path_certificate.path.url))
    assert f'href="{download_url(path_certificate)}"' in page


@pytest.mark.parametrize("kind", ["course", "path"])
def test_strangers_get_404_and_anonymous_the_login(client, course_certificate, path_certificate, kind):
    certificate = course_certificate if kind == "course" else path_certificate
    url = download_url(certificate)
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("badges:download", args=["nothing", certificate.pk])).status_code == 404


def test_staff_within_their_part_of_the_group_only(client, home_page):
    from lms.certificates import services
    from tests.certificates.factories import complete, make_certificate_course

    root = OrgUnitFactory(name="Kommunen")
    inside_unit, outside_unit = OrgUnitFactory(parent=root), OrgUnitFactory(parent=root)
    course, lessons = make_certificate_course()
    inside = services.certificate_issue(enrolment=complete(PersonFactory(org_unit=inside_unit), lessons))
    outside = services.certificate_issue(enrolment=complete(PersonFactory(org_unit=outside_unit), lessons))
    client.force_login(hr_user(scope=inside_unit))
    assert client.get(download_url(inside)).status_code == 200
    assert client.get(download_url(outside)).status_code == 404


def test_a_revoked_certificate_has_no_badge_to_download(client, course_certificate):
    certificate_services.certificate_revoke(certificate=course_certificate, reason="Fel kurs")
    client.force_login(course_certificate.person.user)
    assert client.get(download_url(course_certificate)).status_code == 404


def post(client, **data):
    return client.post(reverse("badges:verify"), data)


def test_the_page_verifies_a_pasted_badge_and_shows_only_what_it_says(client, course_certificate):
    token = credentials.badge_for(COURSE, course_certificate)
    response = post(client, credential=token)
    page = body(response)
    assert response.status_code == 200 and 'data-status="valid"' in page
    assert "Anna Lindqvist" in page and "Demokrati i vardagen" in page
    assert "anna.lindqvist@kommun.example.se" not in page
    certificate_services.certificate_revoke(certificate=course_certificate, reason="Hemlig anledning")
    page = body(post(client, credential=token))
    assert 'data-status="revoked"' in page and "Hemlig anledning" not in page


def test_the_page_reads_an_uploaded_file(client, path_certificate):
    token = credentials.badge_for(source_by_key("path"), path_certificate)
    upload = SimpleUploadedFile("open-badge.jwt", token.encode(), content_type="application/octet-stream")
    page = body(post(client, file=upload))
    assert 'data-status="valid"' in page and "Introduktion" in page


def test_a_changed_badge_is_refused_and_says_nothing_of_itself(client, course_certificate):
    header, payload, signature = credentials.badge_for(COURSE, course_certificate).split(".")
    changed = f"{header}.{payload[:-4]}AAAA.{signature}"
    page = body(post(client, credential=changed))
    assert 'data-status="bad_signature"' in page or 'data-status="unreadable"' in page
    assert "Anna Lindqvist" not in page


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "Klistra in intyget eller välj dess fil."),
        ({"credential": "x" * 40000}, "för långt"),
    ],
)
def test_bad_input_gets_a_message_not_an_error(client, data, message):
    response = post(client, **data)
    assert response.status_code == 400 and message in body(response)


def test_a_binary_or_oversized_file_is_refused(client, settings):
    settings.LMS_OPEN_BADGE_MAX_BYTES = 1000
    binary = SimpleUploadedFile("bild.png", b"\x89PNG\r\n\x1a\n\xff\xfe" * 10)
    assert "inte text" in body(post(client, file=binary))
    large = SimpleUploadedFile("stor.jwt", b"e" * 2000)
    assert post(client, file=large).status_code == 400


def test_garbage_is_answered_plainly(client):
    for text in ("hej", '{"@context": []}', "a.b.c", "eyJhbGciOiJub25lIn0.e30."):
        response = post(client, credential=text)
        assert response.status_code == 200 and 'data-testid="badge-verdict"' in body(response)


def test_the_page_is_rate_limited(client, settings):
    settings.LMS_CERTIFICATE_VERIFY_RATE = "2/m"
    statuses = [post(client, credential="hej").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
