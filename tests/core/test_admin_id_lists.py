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
        "/admin/snippets/choose/certificates/certificatetemplate/chosen-multiple/",
    ],
)
def test_a_bad_id_is_404_not_500(admin, url, bad):
    assert admin.get(url, {"id": bad}).status_code == 404
    assert admin.get(url, {"id": ["1", bad]}).status_code == 404


def test_good_ids_reach_the_bulk_action(admin, home_page):
    response = admin.get("/admin/bulk/wagtailcore/page/delete/", {"id": home_page.pk})
    assert response.status_code == 200 and home_page.title in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/admin/snippets/choose/certificates/certificatetemplate/chosen-multiple/", "/admin/choose-page/chosen-multiple/"],
)
def test_all_is_a_bulk_actions_word_a_chooser_answers_it_with_404(admin, url):
    assert admin.get(url, {"id": "all"}).status_code == 404


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_page_choosers_multiple_choice_refuses_bad_ids(admin, bad):
    assert admin.get("/admin/choose-page/chosen-multiple/", {"id": bad}).status_code == 404


@pytest.mark.parametrize("parent", ["abc", "9" * 25, "999999"])
def test_all_pages_below_a_parent_that_is_not_there_is_404(admin, parent):
    assert admin.get("/admin/bulk/wagtailcore/page/delete/", {"id": "all", "childOf": parent}).status_code == 404


def test_all_pages_below_a_real_parent_reach_the_bulk_action(admin, home_page):
    response = admin.get("/admin/bulk/wagtailcore/page/delete/", {"id": "all", "childOf": home_page.get_parent().pk})
    assert response.status_code == 200 and home_page.title in response.content.decode()


@pytest.mark.parametrize("ids", ["all", "abc", "9" * 25])
def test_the_admin_apis_find_takes_only_keys(admin, ids):
    assert admin.get("/admin/api/main/pages/find/", {"id": ids}).status_code == 404


def test_a_snippet_chooser_offers_no_create_step(admin):
    url = "/admin/snippets/choose/certificates/certificatetemplate/create/"
    assert admin.get(url).status_code == 404
    assert admin.post(url, {}).status_code == 404


def test_the_external_link_chooser_refuses_a_post_without_its_url(admin):
    url = "/admin/choose-external-link/"
    assert admin.post(url, {}).status_code == 400
    good = admin.post(url, {"external-link-chooser-url": "https://example.se/", "external-link-chooser-link_text": ""})
    assert good.status_code == 200
