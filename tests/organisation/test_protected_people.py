"""Accounts that can do more than the acting user's are read-only for them: the admin form,
deactivation, erasure and the HR import refuse; a superuser, and the nightly command, may."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from lms.access.roles import EDITORS_GROUP
from lms.imports import services as import_services
from lms.imports.models import ImportRun, ImportRunStatus
from lms.organisation import demo, selectors, services
from lms.organisation.models import OrgUnitKind, Person
from tests import factories
from tests.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_user():
    return factories.hr_user(username="hr-user")


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


@pytest.fixture
def boss():
    """A person whose account is a superuser's."""
    person = PersonFactory(user__username="boss", user__email="boss@example.se", employee_number="9001")
    person.user.is_superuser = person.user.is_staff = True
    person.user.save()
    return person


def form_data(person: Person, **changes) -> dict:
    user = person.user
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "username": user.username,
        "org_unit": person.org_unit_id,
        "audience": person.audience,
        "employee_number": person.employee_number or "",
        "manager": person.manager_id or "",
        "language": person.language,
        "is_active": "on" if person.is_active else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


# --- The rule --------------------------------------------------------------------


def test_the_rule(hr_user, boss, admin_user):
    learner = PersonFactory()
    colleague = PersonFactory(user=factories.hr_user())
    editor = PersonFactory()
    editor.user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    extra_right = PersonFactory()
    extra_right.user.user_permissions.add(Permission.objects.get(codename="add_certificatetemplate"))

    def protected(person, actor=hr_user):
        return selectors.person_is_protected_from(person=person, actor=actor)

    assert not protected(learner) and not protected(colleague)  # nothing more than HR
    assert protected(boss) and protected(editor) and protected(extra_right)
    assert not any(protected(p, admin_user) for p in (learner, colleague, editor, extra_right, boss))
    hr_user.is_active = False  # an inactive account holds no rights at all
    assert protected(colleague)


# --- The admin ----------------------------------------------------------------------


def test_hr_cannot_change_a_superusers_email(hr_client, boss):
    url = f"/admin/organisation/people/edit/{boss.pk}/"
    page = hr_client.get(url)
    assert page.status_code == 200
    assert page.context["form"].protected and page.context["form"].fields["email"].disabled
    assert "Bara en superanvändare får ändra, avaktivera eller radera" in page.content.decode()

    response = hr_client.post(url, form_data(boss, email="hr@evil.example", first_name="Hacked"))
    assert response.status_code == 200
    assert "Bara en superanvändare" in " ".join(response.context["form"].non_field_errors())
    boss.user.refresh_from_db()
    assert boss.user.email == "boss@example.se" and boss.user.first_name != "Hacked"


def test_hr_cannot_deactivate_or_rename_an_editor(hr_client):
    editor = PersonFactory()
    editor.user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    response = hr_client.post(
        f"/admin/organisation/people/edit/{editor.pk}/", form_data(editor, is_active="", username="renamed")
    )
    assert response.status_code == 200
    editor.refresh_from_db()
    assert editor.is_active and editor.user.is_active and editor.user.username != "renamed"


def test_hr_still_edits_ordinary_people(hr_client):
    learner = PersonFactory()
    response = hr_client.post(
        f"/admin/organisation/people/edit/{learner.pk}/", form_data(learner, email="ny@example.se")
    )
    assert response.status_code == 302
    learner.user.refresh_from_db()
    assert learner.user.email == "ny@example.se"


def test_a_superuser_edits_a_superuser(admin_client, boss):
    response = admin_client.post(
        f"/admin/organisation/people/edit/{boss.pk}/", form_data(boss, email="boss2@example.se")
    )
    assert response.status_code == 302
    boss.user.refresh_from_db()
    assert boss.user.email == "boss2@example.se"


def test_hr_cannot_erase_a_superuser(hr_client, boss):
    page = hr_client.get(f"/admin/organisation/people/{boss.pk}/personal-data/")
    assert page.status_code == 200 and page.context["may_erase"] is False
    assert f"/admin/organisation/people/{boss.pk}/erase/" not in page.content.decode()
    for response in (
        hr_client.get(f"/admin/organisation/people/{boss.pk}/erase/"),
        hr_client.post(f"/admin/organisation/people/{boss.pk}/erase/", {"confirm": "yes"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == f"/admin/organisation/people/{boss.pk}/personal-data/"
    boss.refresh_from_db()
    boss.user.refresh_from_db()
    assert boss.erased_at is None and boss.user.is_superuser and boss.user.username == "boss"


def test_on_the_demo_hr_cannot_take_over_the_admin_account():
    """The reviewer's case: HR posts a new e-mail for the superuser `admin`."""
    demo.load()
    client = Client()
    assert client.login(request=HttpRequest(), username="hr", password=demo.DEMO_PASSWORD)
    admin = Person.objects.select_related("user").get(user__username="admin")
    response = client.post(f"/admin/organisation/people/edit/{admin.pk}/", form_data(admin, email="x@evil.example"))
    assert response.status_code == 200
    assert Person.objects.get(pk=admin.pk).user.email == admin.user.email


# --- The services -------------------------------------------------------------------


def test_services_refuse_an_actor_with_less_power(hr_user, boss):
    with pytest.raises(services.PersonProtected):
        services.person_update(person=boss, by=hr_user, email="hr@evil.example")
    with pytest.raises(services.PersonProtected):
        services.person_deactivate(person=boss, by=hr_user)
    with pytest.raises(services.PersonProtected):
        services.person_erase(person=boss, by=hr_user, reason="Begäran")
    boss.refresh_from_db()
    boss.user.refresh_from_db()
    assert boss.user.email == "boss@example.se" and boss.is_active and boss.erased_at is None
    # The platform itself (by=None: the nightly job, retention) may.
    services.person_update(person=boss, first_name="Sara")
    assert Person.objects.get(pk=boss.pk).user.first_name == "Sara"


# --- The HR import ------------------------------------------------------------------

HEADER = "employee number,first name,last name,e-mail,org unit code,audience,manager's employee number"


@pytest.fixture
def stored(boss):
    """The superuser and a learner as the HR system last exported them."""
    root = OrgUnitFactory(code="ROOT", kind=OrgUnitKind.MUNICIPALITY)
    unit = OrgUnitFactory(code="U1", parent=root)
    learner = PersonFactory(employee_number="1001", org_unit=unit, user__email="lena@example.se")
    services.person_update(person=boss, org_unit=unit)
    return {"boss": boss, "learner": learner}


def row(person: Person, **changes) -> str:
    values = {
        "number": person.employee_number,
        "first": person.user.first_name,
        "last": person.user.last_name,
        "email": person.user.email,
    } | changes
    return f"{values['number']},{values['first']},{values['last']},{values['email']},U1,staff,"


def csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_import_by_hr_may_not_change_a_protected_account(stored, hr_user):
    boss, learner = stored["boss"], stored["learner"]
    data = csv(row(boss, email="hr@evil.example"), row(learner, email="lena2@example.se"))
    with pytest.raises(import_services.ImportRefused) as refused:
        import_services.people_import(data=data, filename="x.csv", dry_run=False, user=hr_user)
    [bad] = refused.value.result.plan.bad_rows
    assert bad.code == "protected_account" and bad.key == "9001" and bad.line == 2
    with translation.override("en"):
        assert bad.message == (
            f"Only a superuser may change {boss.user.get_full_name()}: their account has rights in the platform "
            "that yours does not. Ask a superuser to import the file, or leave the row as it is stored."
        )
    assert Person.objects.get(pk=boss.pk).user.email == "boss@example.se"
    assert Person.objects.get(pk=learner.pk).user.email == "lena@example.se"  # nothing was imported


def test_import_by_hr_may_list_a_protected_account_unchanged(stored, hr_user):
    boss, learner = stored["boss"], stored["learner"]
    result = import_services.people_import(
        data=csv(row(boss), row(learner, email="lena2@example.se")), filename="x.csv", dry_run=False, user=hr_user
    )
    assert result.applied and result.counts["unchanged"] == 1 and result.counts["changed"] == 1


def test_a_full_import_by_hr_may_not_deactivate_a_protected_account(stored, hr_user):
    result = import_services.people_import(data=csv(row(stored["learner"])), filename="x.csv", full=True, user=hr_user)
    [bad] = result.plan.bad_rows
    assert bad.code == "protected_leaving" and bad.key == "9001" and bad.line == 0


def test_a_superuser_and_the_nightly_command_may(stored, admin_user, tmp_path):
    boss = stored["boss"]
    import_services.people_import(
        data=csv(row(boss, email="boss2@example.se")), filename="x.csv", dry_run=False, user=admin_user
    )
    assert Person.objects.get(pk=boss.pk).user.email == "boss2@example.se"
    path = tmp_path / "export.csv"
    path.write_bytes(csv(row(boss, email="boss3@example.se")))
    call_command("import_people", str(path), stdout=io.StringIO())
    assert Person.objects.get(pk=boss.pk).user.email == "boss3@example.se"


def test_the_admin_import_reports_the_protected_row(stored, hr_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("x.csv", csv(row(stored["boss"], email="hr@evil.example")), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post("/admin/organisation/imports/", {"file": upload, "kind": "people"})
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.INVALID
    page = hr_client.get(f"/admin/organisation/imports/{run.pk}/")
    assert "Bara en superanvändare får ändra" in page.content.decode() and not page.context["may_confirm"]
