"""An HR user limited to one subtree (a StaffScope) sees only the certificates of the people in
it: in the list, search, exports and bulk actions (there is no chooser); revoking, downloading, inspecting or
re-rendering one outside it is 404 and changes nothing. Learners keep their own certificates."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.access.roles import EDITORS_GROUP
from lms.certificates import services
from lms.certificates.models import Certificate, CertificateRenderBatch
from tests.certificates.factories import complete, make_certificate_course
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.helpers import body

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_certificates_certificate:list"


@pytest.fixture
def world(home_page):
    root = OrgUnitFactory(name="Kommunen", kind="municipality")
    inside_unit = OrgUnitFactory(name="Avdelning D", parent=root)
    outside_unit = OrgUnitFactory(name="Förvaltning F", parent=root)
    course, lessons = make_certificate_course()
    inside = PersonFactory(user__first_name="Dora", user__last_name="Dahl", org_unit=inside_unit)
    outside = PersonFactory(user__first_name="Frida", user__last_name="Fjäll", org_unit=outside_unit)
    return {
        "unit": inside_unit,
        "inside": services.certificate_issue(enrolment=complete(inside, lessons)),
        "outside": services.certificate_issue(enrolment=complete(outside, lessons)),
    }


@pytest.fixture
def scoped_user(world):
    """HR and editor (so re-rendering is allowed), limited to the unit D."""
    user = hr_user(username="hr-d", scope=world["unit"])
    user.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    return user


@pytest.fixture
def scoped(client, scoped_user):
    client.force_login(scoped_user)
    return client


def test_the_list_search_and_export_show_only_the_scope(scoped, world):
    inside, outside = world["inside"], world["outside"]
    html = scoped.get(reverse(LIST)).content.decode()
    assert inside.display_code in html and outside.display_code not in html
    assert outside.display_code not in scoped.get(reverse(LIST), {"q": "Fjäll"}).content.decode()
    rows = list(csv.reader(io.StringIO(body(scoped.get(reverse(LIST), {"export": "csv"})).lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == [inside.display_code]


def test_certificates_have_no_chooser_at_all(scoped, world):
    """Nothing chooses a certificate, so the chooser that listed every verification code is gone."""
    assert scoped.get("/admin/snippets/choose/certificates/certificate/").status_code == 404
    assert (
        scoped.get(f"/admin/snippets/choose/certificates/certificate/chosen/{world['outside'].pk}/").status_code == 404
    )


def test_an_editor_with_template_rights_sees_no_issued_certificate(client, world):
    """Editing templates does not grant seeing certificates: the re-render bulk action with
    ``id=all`` (which listed every holder and code) is a 404, and so are the list and the rows."""
    editor = UserFactory(username="redaktor")
    editor.groups.add(Group.objects.get(name="Editors"))
    assert editor.has_perm("certificates.change_certificatetemplate")
    client.force_login(editor)
    rerender = client.get("/admin/bulk/certificates/certificate/rerender/?id=all")
    assert rerender.status_code == 404
    one = client.get(f"/admin/bulk/certificates/certificate/rerender/?id={world['outside'].pk}")
    assert one.status_code == 404
    # Wagtail's admin answers "no permission" by sending the user to the dashboard with a message.
    assert client.get(reverse(LIST))["Location"] == "/admin/"
    inspect = reverse("wagtailsnippets_certificates_certificate:inspect", args=[world["inside"].pk])
    assert client.get(inspect).status_code == 404  # the row does not exist for them


def test_unscoped_hr_and_superusers_see_every_certificate(client, admin_client, world):
    client.force_login(hr_user(username="hr-all"))
    for c in (client, admin_client):
        html = c.get(reverse(LIST)).content.decode()
        assert world["inside"].display_code in html and world["outside"].display_code in html
        assert c.get(reverse("certificates_revoke", args=[world["outside"].pk])).status_code == 200


def test_every_url_of_a_certificate_outside_the_scope_is_404(scoped, world):
    outside = world["outside"]
    for name in ("inspect", "history", "usage", "edit", "delete"):
        url = reverse(f"wagtailsnippets_certificates_certificate:{name}", args=[outside.pk])
        assert scoped.get(url).status_code == 404, name
    revoke = reverse("certificates_revoke", args=[outside.pk])
    assert scoped.get(revoke).status_code == 404
    assert scoped.post(revoke, {"reason": "Fel"}).status_code == 404
    outside.refresh_from_db()
    assert outside.revoked_at is None
    services.certificate_render(certificate=outside)
    assert scoped.get(reverse("certificates:download", args=[outside.pk])).status_code == 404


def test_inside_the_scope_as_before_and_learners_keep_their_own(client, scoped, world):
    inside = services.certificate_render(certificate=world["inside"])
    assert scoped.get(reverse("wagtailsnippets_certificates_certificate:inspect", args=[inside.pk])).status_code == 200
    assert scoped.get(reverse("certificates:download", args=[inside.pk])).status_code == 200
    assert scoped.post(reverse("certificates_revoke", args=[inside.pk]), {"reason": "Fel"}).status_code == 302
    outside = services.certificate_render(certificate=world["outside"])
    client.force_login(outside.person.user)  # the owner, outside every scope
    assert client.get(reverse("certificates:download", args=[outside.pk])).status_code == 200


def bulk_url(action: str, *certificates, all_: bool = False) -> str:
    ids = "id=all" if all_ else "&".join(f"id={c.pk}" for c in certificates)
    return reverse("wagtail_bulk_action", args=("certificates", "certificate", action)) + f"?{ids}&next=/admin/"


def test_bulk_actions_reach_only_the_scope(scoped, world, django_capture_on_commit_callbacks):
    inside, outside = world["inside"], world["outside"]
    assert scoped.get(bulk_url("rerender", outside)).status_code == 404
    assert scoped.post(bulk_url("rerender", outside)).status_code == 404
    assert not CertificateRenderBatch.objects.exists()
    page = scoped.get(bulk_url("delete", outside))
    assert page.status_code == 404
    page = scoped.get(bulk_url("rerender", inside, outside)).content.decode()
    assert inside.display_code in page and outside.display_code not in page
    for url in (bulk_url("rerender", inside, outside), bulk_url("rerender", all_=True)):
        with django_capture_on_commit_callbacks(execute=True):
            assert scoped.post(url).status_code == 302
    assert [batch.total for batch in CertificateRenderBatch.objects.order_by("pk")] == [1, 1]
    outside.refresh_from_db()
    assert outside.render_batch is None and outside.render_attempts == 0
    assert Certificate.objects.count() == 2
