"""Wagtail's bulk actions and multiple choosers read ids from the query string: a bad one is a 404."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "9" * 25, "-1", "1.5"]


@pytest.fixture
def admin(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    "url",
    [
        "/admin/bulk/wagtailcore/page/delete/",
        "/admin/bulk/certificates/certificatetemplate/delete/",
        "/admin/bulk/certificates/certificate/rerender/",
        "/admin/bulk/wagtailimages/image/delete/",
        "/admin/snippets/choose/certificates/certificate/chosen-multiple/",
    ],
)
def test_a_bad_id_is_404_not_500(admin, url, bad):
    assert admin.get(url, {"id": bad}).status_code == 404
    assert admin.get(url, {"id": ["1", bad]}).status_code == 404


def test_good_ids_reach_the_bulk_action(admin, home_page):
    response = admin.get("/admin/bulk/wagtailcore/page/delete/", {"id": home_page.pk})
    assert response.status_code == 200 and home_page.title in response.content.decode()
