"""Each versioned cache declares what retires it (``retired_by``, lms/core/sitecache.py), and the declaration is
complete and kept:

- every table a cache's computations read belongs to a model it declares (or to a cache it follows), found
  by rendering the pages that fill the caches with every computation's queries recorded: a newcomer who
  shows one more model in a cached part, and does not declare it, fails here;
- one test per cache changes a row of each declared model, by a save and by a bulk write (``update()``,
  a queryset ``delete()``, treebeard's raw-SQL moves, the roll-up's INSERT … SELECT), and the next request
  shows the change; a declared model without such a change here fails the test too.
"""

import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.users.models import UserProfile

from home.models import StandardPage
from lms.access.models import StaffScope
from lms.access.roles import HR_GROUP
from lms.accounts.permission_cache import permissions_cache
from lms.core import sitecache
from lms.core.models import SiteSettings
from lms.courses.models import Enrolment
from lms.courses.services import enrolment_assign
from lms.imports import units_plan
from lms.imports.services import _apply_units_plan
from lms.organisation.models import OrgUnit
from lms.reports.caching import reports_cache
from lms.reports.models import CompletionSummary, CourseTarget, SummaryRefresh
from lms.reports.services import summary_refresh
from tests import factories
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Rows that change only at migrate, which retires every versioned cache (sitecache.retire_everything).
UNCHANGING_TABLES = {"django_content_type"}


@pytest.fixture
def site(home_page):
    """The home page with a footer page, a logo in the settings, a course with a lesson and a unit."""
    from lms.accessibility.services import statement_page_ensure

    statement_page_ensure(parent=home_page, feedback_email="tillganglighet@example.se")
    about = StandardPage(title="Om tjänsten", slug="om", show_in_menus=True)
    home_page.add_child(instance=about)
    about.save_revision().publish()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = Image.objects.create(title="Logga", file=get_test_image_file())
    settings.save()
    unit = OrgUnitFactory(name="Förvaltningen")
    course, lessons = make_course(title="Demokrati", lessons=1)
    learner = PersonFactory(org_unit=unit)
    enrolment_assign(person=learner, course=course, due_date=date.today() + timedelta(days=30))
    summary_refresh()
    return {"home": home_page, "about": about, "course": course, "lesson": lessons[0], "unit": unit, "learner": learner}


def _get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _sidebar_props(client) -> dict:
    found = re.search(r'id="wagtail-sidebar-props" type="application/json">(.*?)</script>', _get(client, "/admin/"))
    return json.loads(found.group(1))


def _sidebar(client) -> str:
    return json.dumps(_sidebar_props(client))


def _explorer_start(client) -> int:
    """The page the sidebar's page explorer starts at (the last of its menu item's arguments)."""

    def items(node):
        if isinstance(node, dict):
            yield node
            yield from (found for value in node.values() for found in items(value))
        elif isinstance(node, list):
            yield from (found for value in node for found in items(value))

    explorer = next(
        item for item in items(_sidebar_props(client)) if item.get("_type", "").endswith("PageExplorerMenuItem")
    )
    return explorer["_args"][-1]


def _render_every_cached_part(client, site):
    hr = factories.hr_user(username="hr-all")
    editor = factories.hr_user(username="redaktor")
    GroupPagePermission.objects.create(group=_group("Redaktörer på om"), page=site["about"], permission_type="change")
    editor.groups.add(Group.objects.get(name="Redaktörer på om"))
    CourseTarget.objects.create(course=site["course"], percent=90, by_date=date.today() + timedelta(days=30))
    pages = ["/", "/om/", site["course"].url, site["lesson"].url, site["course"].get_parent().url]
    pages += [reverse("courses:my_courses"), "/ingen-sida/"]
    for user, urls in (
        (None, pages),
        (site["learner"].user, pages),
        (hr, [reverse("reports_overview"), "/admin/"]),
        (editor, ["/admin/"]),
    ):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            client.get(url)


def _group(name: str) -> Group:
    return Group.objects.get_or_create(name=name)[0]


def test_every_table_a_cache_reads_is_declared(client, site):
    cache.clear()
    with sitecache.recording_reads() as read:
        _render_every_cached_part(client, site)
    assert set(read) == {versioned.name for versioned in sitecache.VersionedCache.every}  # each one exercised
    print({name: sorted(tables) for name, tables in read.items()})
    undeclared = {
        versioned.name: read[versioned.name] - versioned.tables() - UNCHANGING_TABLES
        for versioned in sitecache.VersionedCache.every
    }
    assert undeclared == {versioned.name: set() for versioned in sitecache.VersionedCache.every}


def _declared(versioned) -> set:
    return {
        *versioned.models(),
        *(found for found in versioned.retired_by if isinstance(found, sitecache.VersionedCache)),
    }


def _changes_each_declared(versioned, changes: dict) -> None:
    """Run each change (which checks the next request itself); every declared model must have one."""
    assert set(changes) == set(versioned.models()), "a declared model without a change test, or a change of none"
    for change in changes.values():
        change()


def _footer(client) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', _get(client, "/"), re.S).group(0)


def test_site_content_shows_a_change_of_each_declared_model_on_the_next_request(client, site):
    from wagtail.images import get_image_model

    about, home = site["about"], site["home"]
    client.force_login(site["learner"].user)

    def pages():
        about.title = "Om oss"
        about.save_revision().publish()
        assert "Om oss" in _footer(client)
        Page.objects.filter(pk=about.pk).update(title="Om plattformen")  # a bulk update
        assert "Om plattformen" in _footer(client)
        StandardPage.objects.filter(pk=about.pk).delete()  # a queryset delete
        assert "Om plattformen" not in _footer(client) and client.get("/om/").status_code == 404

    def sites():
        other = home.add_child(instance=StandardPage(title="Annan startsida", slug="annan"))
        assert "Annan startsida" not in _get(client, "/")
        Site.objects.filter(is_default_site=True).update(root_page=other)
        assert "Annan startsida" in _get(client, "/")
        Site.objects.filter(is_default_site=True).update(root_page=home)
        assert "Annan startsida" not in _get(client, "/")

    def view_restrictions():
        course = site["course"]
        restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
        client.logout()
        assert client.get(course.url).status_code == 302  # Wagtail's sign-in for private pages
        PageViewRestriction.objects.filter(pk=restriction.pk).update(restriction_type="password", password="x")
        assert 'name="password"' in _get(client, course.url)
        PageViewRestriction.objects.filter(page=course).delete()
        assert 'name="password"' not in _get(client, course.url)
        client.force_login(site["learner"].user)

    def site_settings():
        found = SiteSettings.objects.get()
        found.site_name = "Ekbacka lär sig"
        found.save()
        assert "Ekbacka lär sig" in _get(client, "/")
        SiteSettings.objects.update(site_name="Ekbacka lär")
        assert "Ekbacka lär<" in _get(client, "/")

    def images():
        assert "site-header__logo" in _get(client, "/")
        get_image_model().objects.filter(title="Logga").delete()
        assert "site-header__logo" not in _get(client, "/")

    def renditions():
        settings = SiteSettings.objects.get()
        settings.logo = get_image_model().objects.create(title="Ny logga", file=get_test_image_file())
        settings.save()
        assert "site-header__logo" in _get(client, "/")
        rendition_model = get_image_model().get_rendition_model()
        rendition_model.objects.filter(image=settings.logo).update(file="images/annan.height-80.png")
        for rendition in rendition_model.objects.filter(image=settings.logo):
            rendition.purge_from_cache()  # Wagtail's own cache of renditions, which its writes purge
        assert "images/annan.height-80.png" in _get(client, "/")

    def locales():
        # The header's catalogue link is the source language's catalogue: with no source locale, none.
        catalogue = site["course"].get_parent().url
        assert f'href="{catalogue}"' in _get(client, "/")
        Locale.objects.filter(language_code="sv").update(language_code="sv-x-prov")  # a bulk update
        assert f'href="{catalogue}"' not in _get(client, "/")
        Locale.objects.filter(language_code="sv-x-prov").update(language_code="sv")
        assert f'href="{catalogue}"' in _get(client, "/")

    changes = {Page: pages, Site: sites, PageViewRestriction: view_restrictions, Locale: locales}
    changes |= {SiteSettings: site_settings, get_image_model(): images}
    changes[get_image_model().get_rendition_model()] = renditions
    _changes_each_declared(sitecache.site_content, changes)


def test_permissions_and_the_sidebar_show_a_change_of_each_declared_model_on_the_next_request(client, site):
    hr = factories.hr_user(username="hr-all")
    hr_group = Group.objects.get(name=HR_GROUP)
    view_reports = Permission.objects.get(codename="view_reports")
    client.force_login(hr)

    def reports_status() -> int:
        """200, or 302 without the permission (Wagtail sends the user to the admin's home page)."""
        return client.get(reverse("reports_overview")).status_code

    def groups():
        hr_group.permissions.remove(view_reports)
        group = Group.objects.create(name="Rapportläsare")
        group.permissions.add(view_reports)
        hr.groups.add(group)
        assert reports_status() == 200
        Group.objects.filter(pk=group.pk).delete()  # its memberships and grants go with it
        assert reports_status() == 302
        hr_group.permissions.add(view_reports)

    def permissions():
        Permission.objects.filter(pk=view_reports.pk).update(codename="view_reports_renamed")
        assert reports_status() == 302
        Permission.objects.filter(pk=view_reports.pk).update(codename="view_reports")
        assert reports_status() == 200

    def memberships():
        hr.groups.remove(hr_group)
        assert reports_status() == 302
        hr.groups.add(hr_group)
        assert reports_status() == 200

    def user_grants():
        hr_group.permissions.remove(view_reports)
        hr.user_permissions.add(view_reports)
        assert reports_status() == 200
        hr.user_permissions.remove(view_reports)
        assert reports_status() == 302
        hr_group.permissions.add(view_reports)

    def group_grants():
        hr_group.permissions.remove(view_reports)
        assert reports_status() == 302
        hr_group.permissions.add(view_reports)
        assert reports_status() == 200

    def page_permissions():
        assert "/admin/pages/" not in _sidebar(client)
        GroupPagePermission.objects.create(group=hr_group, page=site["home"], permission_type="change")
        assert "/admin/pages/" in _sidebar(client)
        GroupPagePermission.objects.filter(group=hr_group).delete()
        assert "/admin/pages/" not in _sidebar(client)

    def collection_permissions():
        assert "/admin/images/" not in _sidebar(client)
        collection = Collection.get_first_root_node().add_child(name="Loggor")
        add_image = Permission.objects.get(codename="add_image")
        GroupCollectionPermission.objects.create(group=hr_group, collection=collection, permission=add_image)
        assert "/admin/images/" in _sidebar(client)
        GroupCollectionPermission.objects.filter(group=hr_group).update(
            permission=Permission.objects.get(codename="add_document")
        )
        assert "/admin/images/" not in _sidebar(client) and "/admin/documents/" in _sidebar(client)

    def collections():
        Collection.objects.filter(name="Loggor").delete()  # the grant on it goes with it
        assert "/admin/documents/" not in _sidebar(client)

    def site_permissions():
        assert "/admin/settings/core/sitesettings/" not in _sidebar(client)
        change = Permission.objects.get(codename="change_sitesettings")
        GroupSitePermission.objects.create(group=hr_group, site=Site.objects.get(), permission=change)
        assert "/admin/settings/core/sitesettings/" in _sidebar(client)
        GroupSitePermission.objects.filter(group=hr_group).delete()
        assert "/admin/settings/core/sitesettings/" not in _sidebar(client)

    def staff_scopes():
        assert "/admin/organisation/imports/" in _sidebar(client)  # HR for the whole group may import
        StaffScope.objects.create(user=hr, org_unit=site["unit"])
        assert "/admin/organisation/imports/" not in _sidebar(client)  # limited to a subtree: no import
        StaffScope.objects.filter(user=hr).delete()
        assert "/admin/organisation/imports/" in _sidebar(client)

    def profiles():
        UserProfile.get_for_user(hr)
        UserProfile.objects.filter(user=hr).update(avatar="avatar_images/hr-bild.png")
        assert "avatar_images/hr-bild.png" in _sidebar(client)

    def the_page_tree():
        """The sidebar's page explorer starts at the closest page above all the user may edit."""
        one = site["home"].add_child(instance=StandardPage(title="Ett", slug="ett"))
        two = site["home"].add_child(instance=StandardPage(title="Två", slug="tva"))
        for page in (one, two):
            GroupPagePermission.objects.create(group=hr_group, page=page, permission_type="change")
        assert _explorer_start(client) == site["home"].pk
        Page.objects.get(pk=two.pk).move(Page.objects.get(pk=one.pk), "last-child")  # treebeard's raw SQL
        assert _explorer_start(client) == one.pk

    User = get_user_model()
    changes = {Group: groups, Permission: permissions, User.groups.through: memberships}
    changes |= {User.user_permissions.through: user_grants, Group.permissions.through: group_grants}
    changes |= {GroupPagePermission: page_permissions, GroupCollectionPermission: collection_permissions}
    changes |= {Collection: collections, GroupSitePermission: site_permissions, StaffScope: staff_scopes}
    changes |= {UserProfile: profiles, Page: the_page_tree}
    _changes_each_declared(permissions_cache, changes)


def test_hr_overview_shows_a_change_of_each_declared_model_on_the_next_request(client, site):

    client.force_login(factories.hr_user(username="hr-all"))
    course, unit = site["course"], site["unit"]

    def overview() -> str:
        return _get(client, reverse("reports_overview"))

    def completed_of_required() -> tuple[str, str]:
        return re.search(r"<dd>(\d+) (?:av|of) (\d+)</dd>", overview()).groups()

    def roll_up():
        assert completed_of_required() == ("0", "1")
        Enrolment.objects.update(started_at=timezone.now(), completed_at=timezone.now())
        assert completed_of_required() == ("0", "1")  # the figures are the roll-up's, as the page says
        summary_refresh()  # DELETE, then INSERT … SELECT in raw SQL
        assert completed_of_required() == ("1", "1")
        CompletionSummary.objects.update(required=F("required") + 1)  # a bulk update
        assert completed_of_required() == ("1", "2")

    def refresh_times():
        SummaryRefresh.objects.update(refreshed_at=timezone.make_aware(datetime(2026, 1, 2, 3, 4)))
        assert "2026-01-02 03:04" in overview()

    def targets():
        assert "90&#160;%" not in overview()
        CourseTarget.objects.create(course=course, percent=90, by_date=date.today() + timedelta(days=30))
        assert "90&#160;%" in overview()
        CourseTarget.objects.update(percent=75)
        assert "75&#160;%" in overview()

    def units():
        unit.name = "Stadsbyggnadsförvaltningen"
        unit.save()
        assert "Stadsbyggnadsförvaltningen" in overview()
        row = units_plan.UnitRow(line=2, code=unit.code, name="Miljöförvaltningen", kind=unit.kind, parent_code="")
        _apply_units_plan(units_plan.UnitsPlan(full=False, table=None, changes=[(row, {"name"})]))  # a bulk update
        assert "Miljöförvaltningen" in overview()

    def pages():
        course.title = "Demokratins grunder"
        course.save_revision().publish()
        assert "Demokratins grunder" in overview()
        Page.objects.filter(pk=course.pk).update(title="Demokrati i praktiken")
        assert "Demokrati i praktiken" in overview()

    changes = {CompletionSummary: roll_up, SummaryRefresh: refresh_times, CourseTarget: targets}

    def locales():
        source = Locale.objects.get(language_code="sv")
        source.language_code = "sv-x-prov"  # no source courses: the filter's course choices are empty
        source.save()
        assert ">Demokrati i praktiken</option>" not in overview()
        Locale.objects.filter(pk=source.pk).update(language_code="sv")  # a bulk update
        assert ">Demokrati i praktiken</option>" in overview()

    changes |= {OrgUnit: units, Page: pages, Locale: locales}
    _changes_each_declared(reports_cache, changes)
