"""A path certificate is revoked as a course's certificate is: by HR within their part of the group, with a
reason, audit-logged, once; it then shows as revoked on the verification page, and so does its Open Badge."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.badges import credentials, verification
from lms.badges.sources import source_by_key
from lms.paths import services
from lms.paths.models import PathCertificate
from tests.certificates.factories import complete
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.helpers import body

from .factories import make_chain, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    root = OrgUnitFactory(name="Kommunen")
    inside_unit, outside_unit = OrgUnitFactory(parent=root), OrgUnitFactory(parent=root)
    chain = make_chain(2)
    path = make_path(*(course for course, _ in chain), title="Introduktion")
    made = {}
    for name, unit in (("inside", inside_unit), ("outside", outside_unit)):
        person = PersonFactory(org_unit=unit)
        for _course, lessons in chain:
            complete(person, lessons)
        made[name] = services.path_certificate_issue(person=person, path=path)
    return {"unit": inside_unit, **made}


def revoke_url(certificate) -> str:
    return reverse("paths_certificate_revoke", args=[certificate.pk])


def test_revoking_needs_a_reason_and_keeps_the_first(world):
    certificate = world["inside"]
    with pytest.raises(ValueError):
        services.path_certificate_revoke(certificate=certificate, reason="  ")
    first = services.path_certificate_revoke(certificate=certificate, reason="Fel person")
    again = services.path_certificate_revoke(certificate=certificate, reason="Annat skäl")
    assert again.revoked_at == first.revoked_at and again.revoked_reason == "Fel person"
    assert ModelLogEntry.objects.filter(action="certificates.revoke", object_id=str(certificate.pk)).count() == 1


def test_hr_revokes_within_their_scope_only(client, world):
    client.force_login(hr_user(scope=world["unit"]))
    assert client.get(revoke_url(world["outside"])).status_code == 404
    assert client.post(revoke_url(world["outside"]), {"reason": "x"}).status_code == 404
    assert client.post(revoke_url(world["inside"]), {"reason": ""}).status_code == 200  # the form again
    response = client.post(revoke_url(world["inside"]), {"reason": "Registrerad av misstag"})
    assert response.status_code == 302
    assert PathCertificate.objects.get(pk=world["inside"].pk).revoked_reason == "Registrerad av misstag"
    assert PathCertificate.objects.get(pk=world["outside"].pk).revoked_at is None
    listing_url = reverse("wagtailsnippets_paths_pathcertificate:list")
    assert f"{listing_url}?path={world['inside'].path_id}" in body(client.get(reverse("paths_report")))
    listing = body(client.get(listing_url, {"path": world["inside"].path_id}))
    assert world["inside"].display_code in listing and world["outside"].display_code not in listing


def test_others_may_not_revoke(client, world):
    client.force_login(UserFactory())
    assert client.post(revoke_url(world["inside"]), {"reason": "x"}).status_code in (302, 403)
    assert PathCertificate.objects.get(pk=world["inside"].pk).revoked_at is None


def test_a_revoked_path_certificate_and_its_badge_show_as_revoked(client, world):
    certificate = world["inside"]
    token = credentials.badge_for(source_by_key("path"), certificate)
    services.path_certificate_revoke(certificate=certificate, reason="Fel person")
    page = body(client.get(reverse("certificates:verify_code", args=[certificate.display_code])))
    assert "Intyget har återkallats" in page and "Fel person" not in page
    assert verification.verify(token).status == verification.REVOKED
