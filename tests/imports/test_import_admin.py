"""The HR import in Wagtail's admin: upload → dry run (Celery) → report → confirm → real run (Celery)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from lms.imports.models import ImportRun, ImportRunStatus
from lms.organisation.models import OrgUnitKind, Person
from tests import factories
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "Anställningsnummer;Förnamn;Efternamn;E-post;Enhetskod;Målgrupp;Chefens anställningsnummer"
GOOD = f"{HEADER}\n1001;Karin;Berg;karin@example.se;U1;chef;\n1002;Anna;Lind;anna@example.se;U1;medarbetare;1001\n"
BAD = f"{HEADER}\n1001;Karin;Berg;karin@example.se;NOPE;chef;\n"


@pytest.fixture
def units():
    root = OrgUnitFactory(code="ROOT", kind=OrgUnitKind.MUNICIPALITY)
    return OrgUnitFactory(code="U1", parent=root)


@pytest.fixture
def hr_user():
    return factories.hr_user(username="hr-user")


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def upload(client, content: str, *, full: bool = False, name: str = "export.csv"):
    data = {"file": SimpleUploadedFile(name, content.encode("utf-8"), "text/csv"), "kind": "people"}
    if full:
        data["full"] = "on"
    return client.post("/admin/organisation/imports/", data)


def test_upload_dry_run_confirm(hr_client, hr_user, units, django_capture_on_commit_callbacks):
    index = hr_client.get("/admin/organisation/imports/")
    assert index.status_code == 200 and 'type="file"' in index.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(hr_client, GOOD)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/organisation/imports/{run.pk}/"
    assert run.status == ImportRunStatus.CHECKED and run.counts["created"] == 2 and run.created_by == hr_user
    assert Person.objects.count() == 0  # only checked so far

    page = hr_client.get(f"/admin/organisation/imports/{run.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "http-equiv" not in html  # finished: no refresh
    assert "Karin Berg" in html and f"/admin/organisation/imports/{run.pk}/confirm/" in html
    assert page.context["counts"]["created"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(f"/admin/organisation/imports/{run.pk}/confirm/")
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRunStatus.DONE and run.confirmed_by == hr_user
    assert bytes(run.content) == b""  # the upload (personal data) is cleared after the import
    assert Person.objects.count() == 2
    assert Person.objects.get(employee_number="1002").manager.employee_number == "1001"
    entry = ModelLogEntry.objects.get(action="lms.import")
    assert entry.user == hr_user and entry.object_id == str(run.pk) and entry.data["counts"]["created"] == 2

    # Confirming again does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(f"/admin/organisation/imports/{run.pk}/confirm/")
    assert Person.objects.count() == 2 and ModelLogEntry.objects.filter(action="lms.import").count() == 1


def test_while_running_the_page_refreshes_itself(hr_client, units):
    upload(hr_client, GOOD)  # on-commit callbacks not run: the dry run is still queued
    run = ImportRun.objects.get()
    html = hr_client.get(f"/admin/organisation/imports/{run.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html and "<progress" in html


def test_bad_rows_are_shown_and_cannot_be_confirmed(hr_client, units, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(hr_client, BAD)
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.INVALID
    page = hr_client.get(f"/admin/organisation/imports/{run.pk}/")
    html = page.content.decode()
    assert "NOPE" in html and "confirm/" not in html
    assert page.context["bad_rows"][0]["line"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(f"/admin/organisation/imports/{run.pk}/confirm/")
    assert Person.objects.count() == 0


def test_a_bad_file_gets_a_clear_message(hr_client, units, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(hr_client, "förnamn;efternamn\nA;B\n")
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.INVALID
    page = hr_client.get(f"/admin/organisation/imports/{run.pk}/")
    assert page.context["file_error"].startswith(("Missing columns", "Kolumner saknas"))


def test_too_large_upload_is_refused_by_the_form(hr_client, units, settings):
    settings.LMS_IMPORT_MAX_BYTES = 100
    response = upload(hr_client, GOOD * 10)
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert ImportRun.objects.count() == 0


def test_the_import_is_hr_only(client, units):
    user = UserFactory(username="editor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    response = client.get("/admin/organisation/imports/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = upload(client, GOOD)
    assert response.status_code == 302 and ImportRun.objects.count() == 0


def test_menu_and_person_list_link_to_the_new_views(hr_client, units):
    from tests.factories import PersonFactory

    person = PersonFactory(org_unit=units)
    dashboard = hr_client.get("/admin/")
    assert dashboard.status_code == 200 and "/admin/organisation/imports/" in dashboard.content.decode()
    listing = hr_client.get("/admin/organisation/people/")
    assert f"/admin/organisation/people/{person.pk}/personal-data/" in listing.content.decode()


def test_an_unexpected_error_fails_the_run_and_changes_nothing(
    hr_client, units, monkeypatch, django_capture_on_commit_callbacks
):
    from lms.imports import services

    with django_capture_on_commit_callbacks(execute=True):
        upload(hr_client, GOOD)
    run = ImportRun.objects.get()

    def broken(plan):
        Person.objects.all().update(audience="manager")  # a write that must be rolled back
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_apply_people_plan", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        hr_client.post(f"/admin/organisation/imports/{run.pk}/confirm/")
    run.refresh_from_db()
    assert run.status == ImportRunStatus.FAILED and not run.is_running
    assert Person.objects.count() == 0
    page = hr_client.get(f"/admin/organisation/imports/{run.pk}/")
    assert page.context["file_error"] and "http-equiv" not in page.content.decode()
