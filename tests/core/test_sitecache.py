"""What every page shows alike comes from the cache (lms.core.sitecache), and an editor's change shows at once.

The site, its settings and logo, the footer's pages, the catalogue's address, the accessibility statement's
link and the root page of Wagtail's routing are read from the database once, not on every request; saving,
publishing, unpublishing, moving or deleting any of them is seen by the very next request."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import StandardPage
from lms.accessibility.services import statement_page_ensure
from lms.core import sitecache
from lms.core.models import SiteSettings
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SITE_CONTENT_TABLES = ("wagtailcore_site", "core_sitesettings", "wagtailimages_image", "home_standardpage")


@pytest.fixture
def site_with_footer(home_page):
    statement_page_ensure(parent=home_page, feedback_email="tillganglighet@example.se")
    about = StandardPage(title="Om tjänsten", slug="om", show_in_menus=True)
    home_page.add_child(instance=about)
    about.save_revision().publish()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made on first use, which is a write
    return home_page


def _footer(response) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', response.content.decode(), re.S).group(0)


def test_the_second_request_reads_no_site_content_from_the_database(client, site_with_footer):
    client.force_login(PersonFactory().user)
    first = client.get("/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second.status_code == 200
    read = [q["sql"] for q in queries.captured_queries if any(f'"{t}"' in q["sql"] for t in SITE_CONTENT_TABLES)]
    assert read == []
    assert len(queries) < len(_queries_without_cache(client))
    assert _footer(second) == _footer(first)
    assert "Om tjänsten" in _footer(second) and "Tillgänglighetsredogörelse" in _footer(second)


def _queries_without_cache(client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    return queries.captured_queries


def test_settings_saved_show_on_the_next_request(client, site_with_footer):
    client.get("/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.site_name = "Ekbacka lär sig"
    site_settings.save()
    assert "Ekbacka lär sig" in client.get("/").content.decode()


def test_a_page_published_unpublished_or_deleted_changes_the_footer_at_once(client, site_with_footer):
    assert "Om tjänsten" in _footer(client.get("/"))
    privacy = StandardPage(title="Personuppgifter", slug="personuppgifter", show_in_menus=True)
    site_with_footer.add_child(instance=privacy)
    privacy.save_revision().publish()
    assert "Personuppgifter" in _footer(client.get("/"))

    privacy.unpublish()
    assert "Personuppgifter" not in _footer(client.get("/"))

    StandardPage.objects.get(slug="om").delete()
    assert "Om tjänsten" not in _footer(client.get("/"))


def test_a_renamed_page_is_routed_by_its_new_slug(client, site_with_footer):
    assert client.get("/om/").status_code == 200
    about = StandardPage.objects.get(slug="om")
    about.slug = "om-tjansten"
    about.save_revision().publish()
    assert client.get("/om/").status_code == 404
    assert client.get("/om-tjansten/").status_code == 200


def test_the_version_moves_at_the_write_and_again_at_commit(django_capture_on_commit_callbacks):
    before = sitecache.content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sitecache.content_changed()
    at_write = sitecache.content_version()
    assert at_write != before
    for callback in callbacks:
        callback()
    assert sitecache.content_version() not in (before, at_write)


def test_without_a_working_cache_every_page_still_works(client, site_with_footer, settings):
    """Production ignores the cache's errors: every read is a miss (the dummy cache behaves alike)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(PersonFactory().user)
    assert "Om tjänsten" in _footer(client.get("/"))
    assert client.get("/om/").status_code == 200


def test_each_read_gets_its_own_copy(db):
    """The process keeps entries pickled: a request that changes what it read changes nothing for the next."""
    first = sitecache.cached("a-list", None, lambda: {"items": [1, 2]})
    first["items"].append(3)
    assert sitecache.cached("a-list", None, lambda: {"items": []}) == {"items": [1, 2]}


def test_every_migrate_retires_every_versioned_cache(db):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from lms.accounts.permission_cache import permissions_cache
    from lms.reports.caching import reports_cache

    caches = (sitecache.site_content, permissions_cache, reports_cache)
    before = [versioned.version() for versioned in caches]
    core = apps.get_app_config("core")
    post_migrate.send(sender=core, app_config=core, verbosity=0, interactive=False, using="default", apps=apps)
    after = [versioned.version() for versioned in caches]
    assert all(b != a for b, a in zip(before, after, strict=True))


def test_the_cached_route_follows_unpublishing_and_view_restrictions(client, site_with_footer):
    from wagtail.models import PageViewRestriction

    assert client.get("/om/").status_code == 200
    about = StandardPage.objects.get(slug="om")
    restriction = PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/om/")
    assert response.status_code == 302 and "login" in response["Location"]  # Wagtail's sign-in for private pages
    restriction.delete()
    assert client.get("/om/").status_code == 200
    about.unpublish()
    assert client.get("/om/").status_code == 404
