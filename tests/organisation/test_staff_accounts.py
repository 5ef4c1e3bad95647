"""A staff account's e-mail address, username and password are changed only by a superuser, on every
path: the people form, the HR import, Wagtail's own user views, bulk actions, erasure. HR still edits
learners. Roles, which make an account a staff account, are given and taken only by a superuser too.
Every change and every refusal is in the audit log."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import ModelLogEntry

from lms.access import roles
from lms.access.models import StaffScope
from lms.access.roles import EDITORS_GROUP, HR_GROUP, MODERATORS_GROUP
from lms.imports import services as import_services
from lms.imports.models import ImportRun, ImportRunStatus
from lms.organisation import services
from lms.organisation.models import OrgUnitKind, Person
from tests import factories
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory

from .test_protected_people import form_data

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def hr_user():
    return factories.hr_user(username="hr-user")


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


@pytest.fixture
def colleague():
    """Another HR officer: the same group as the acting HR user, so not "protected" by the older rule."""
    return PersonFactory(user=factories.hr_user(username="kollega", email="kollega@example.se"), employee_number="2001")


def entries(action: str):
    return list(ModelLogEntry.objects.filter(action=action).order_by("pk"))


# --- Who is a staff account ----------------------------------------------------------------


def test_a_staff_account_is_any_role_a_scope_admin_access_or_a_superuser():
    learner = PersonFactory().user
    in_groups = {name: UserFactory() for name in (HR_GROUP, EDITORS_GROUP, MODERATORS_GROUP, "Unit democracy planners")}
    for name, user in in_groups.items():
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    scoped = UserFactory()
    StaffScope.objects.create(user=scoped, org_unit=OrgUnitFactory())
    admin_access = UserFactory()
    admin_access.user_permissions.add(Permission.objects.get(codename="access_admin"))
    flagged = UserFactory(is_staff=True)
    superuser = UserFactory(is_superuser=True)
    former_hr = in_groups[HR_GROUP]
    staff = [*in_groups.values(), scoped, admin_access, flagged, superuser]
    assert set(roles.staff_account_ids().values_list("pk", flat=True)) == {u.pk for u in staff}
    assert not roles.is_staff_account(learner)
    former_hr.is_active = False  # a deactivated account keeps its groups: still one
    former_hr.save()
    assert roles.is_staff_account(former_hr)


# --- The people form -----------------------------------------------------------------------


def test_hr_cannot_change_another_hr_officers_email_and_the_attempt_is_logged(hr_client, hr_user, colleague):
    url = f"/admin/organisation/people/edit/{colleague.pk}/"
    page = hr_client.get(url)
    form = page.context["form"]
    assert form.fields["email"].disabled and form.fields["username"].disabled and not form.protected
    assert "Bara en superanvändare får ändra e-postadressen" in page.content.decode()

    response = hr_client.post(url, form_data(colleague, email="hr@evil.example"))
    assert response.status_code == 200
    assert "Bara en superanvändare får ändra e-postadressen" in " ".join(response.context["form"].non_field_errors())
    colleague.user.refresh_from_db()
    assert colleague.user.email == "kollega@example.se"
    [entry] = entries(services.SIGN_IN_REFUSED)
    assert entry.user_id == hr_user.pk and entry.object_id == str(colleague.pk)
    assert entry.data == {"fields": ["email"], "via": "people_edit", "staff_account": True}
    assert not entries(services.SIGN_IN_CHANGED)


def test_hr_cannot_rename_another_hr_officers_account(hr_client, colleague):
    response = hr_client.post(
        f"/admin/organisation/people/edit/{colleague.pk}/", form_data(colleague, username="kollega2")
    )
    assert response.status_code == 200
    assert Person.objects.get(pk=colleague.pk).user.username == "kollega"
    assert entries(services.SIGN_IN_REFUSED)[0].data["fields"] == ["username"]


def test_hr_still_changes_a_colleagues_unit_as_a_browser_posts_it(hr_client, colleague):
    """A browser posts nothing for the disabled fields: the rest of the record saves as before."""
    unit = OrgUnitFactory()
    data = form_data(colleague, org_unit=unit.pk)
    del data["email"], data["username"]
    response = hr_client.post(f"/admin/organisation/people/edit/{colleague.pk}/", data)
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.org_unit == unit and colleague.user.email == "kollega@example.se"
    assert not entries(services.SIGN_IN_REFUSED) and not entries(services.SIGN_IN_CHANGED)


def test_a_superuser_changes_a_staff_accounts_email_and_it_is_logged(admin_client, admin_user, colleague):
    response = admin_client.post(
        f"/admin/organisation/people/edit/{colleague.pk}/", form_data(colleague, email="ny.kollega@example.se")
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=colleague.pk).user.email == "ny.kollega@example.se"
    [entry] = entries(services.SIGN_IN_CHANGED)
    assert entry.user_id == admin_user.pk
    assert entry.data == {"fields": ["email"], "via": "people_edit", "staff_account": True}


def test_hr_still_changes_a_learners_email_and_it_is_logged(hr_client, hr_user):
    learner = PersonFactory()
    page = hr_client.get(f"/admin/organisation/people/edit/{learner.pk}/")
    assert not page.context["form"].fields["email"].disabled
    response = hr_client.post(
        f"/admin/organisation/people/edit/{learner.pk}/", form_data(learner, email="ny@example.se")
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=learner.pk).user.email == "ny@example.se"
    [entry] = entries(services.SIGN_IN_CHANGED)
    assert entry.user_id == hr_user.pk and entry.data["staff_account"] is False


def test_the_service_refuses_too(hr_user, colleague, admin_user):
    with pytest.raises(services.SignInProtected):
        services.person_update(person=colleague, by=hr_user, email="hr@evil.example")
    with pytest.raises(services.SignInProtected):
        services.person_update(person=colleague, by=hr_user, username="kollega2")
    colleague.user.refresh_from_db()
    assert (colleague.user.email, colleague.user.username) == ("kollega@example.se", "kollega")
    services.person_update(person=colleague, by=hr_user, email="kollega@example.se", first_name="Kim")  # no change
    services.person_update(person=colleague, by=admin_user, email="k2@example.se")
    assert Person.objects.get(pk=colleague.pk).user.email == "k2@example.se"


def test_hr_cannot_erase_another_hr_officer(hr_client, hr_user, colleague):
    page = hr_client.get(f"/admin/organisation/people/{colleague.pk}/personal-data/")
    assert page.context["may_erase"] is False
    response = hr_client.post(
        f"/admin/organisation/people/{colleague.pk}/erase/", {"confirm": "yes", "reason": "Begäran"}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.erased_at is None and colleague.user.username == "kollega" and colleague.user.is_active
    with pytest.raises(services.SignInProtected):
        services.person_erase(person=colleague, by=hr_user, reason="Begäran")


# --- The HR import -------------------------------------------------------------------------

HEADER = "employee number,first name,last name,e-mail,org unit code,audience,manager's employee number"


@pytest.fixture
def stored(colleague):
    root = OrgUnitFactory(code="ROOT", kind=OrgUnitKind.MUNICIPALITY)
    unit = OrgUnitFactory(code="U1", parent=root)
    learner = PersonFactory(employee_number="1001", org_unit=unit, user__email="lena@example.se")
    services.person_update(person=colleague, org_unit=unit)
    return {"colleague": colleague, "learner": learner}


def row(person: Person, **changes) -> str:
    values = {"first": person.user.first_name, "last": person.user.last_name, "email": person.user.email} | changes
    return f"{person.employee_number},{values['first']},{values['last']},{values['email']},U1,staff,"


def csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_an_import_row_changing_a_staff_accounts_email_is_refused_and_nothing_changes(stored, hr_user):
    colleague, learner = stored["colleague"], stored["learner"]
    data = csv(row(colleague, email="hr@evil.example"), row(learner, email="lena2@example.se"))
    with pytest.raises(import_services.ImportRefused) as refused:
        import_services.people_import(data=data, filename="x.csv", dry_run=False, user=hr_user)
    [bad] = refused.value.result.plan.bad_rows
    assert bad.code == "staff_sign_in" and bad.key == "2001" and bad.line == 2
    with translation.override("en"):
        assert bad.message == (
            f"Only a superuser may change the e-mail address of {colleague.user.get_full_name()}: the account "
            "holds staff rights in the platform (a role, a staff scope or admin access), and a password reset "
            "goes to that address. Ask a superuser to import the file, or keep the stored address "
            "kollega@example.se in the row."
        )
    assert Person.objects.get(pk=colleague.pk).user.email == "kollega@example.se"
    assert Person.objects.get(pk=learner.pk).user.email == "lena@example.se"  # nothing was imported
    [entry] = entries(services.SIGN_IN_REFUSED)
    assert entry.object_id == str(colleague.pk) and entry.user_id == hr_user.pk
    assert entry.data == {"fields": ["email"], "via": "import", "staff_account": True}
    assert not entries("lms.import")


def test_an_import_may_change_a_staff_accounts_name_and_list_its_email_unchanged(stored, hr_user):
    colleague = stored["colleague"]
    result = import_services.people_import(
        data=csv(row(colleague, first="Kim")), filename="x.csv", dry_run=False, user=hr_user
    )
    assert result.applied and result.counts["changed"] == 1
    assert Person.objects.get(pk=colleague.pk).user.first_name == "Kim"
    assert not entries(services.SIGN_IN_REFUSED) and not entries(services.SIGN_IN_CHANGED)


def test_a_superusers_import_changes_a_staff_accounts_email_and_it_is_logged(stored, admin_user):
    colleague = stored["colleague"]
    import_services.people_import(
        data=csv(row(colleague, email="k2@example.se")), filename="x.csv", dry_run=False, user=admin_user
    )
    assert Person.objects.get(pk=colleague.pk).user.email == "k2@example.se"
    [entry] = entries(services.SIGN_IN_CHANGED)
    assert entry.user_id == admin_user.pk and entry.data["via"] == "import"


def test_the_admin_import_page_shows_the_refused_row(stored, hr_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("x.csv", csv(row(stored["colleague"], email="hr@evil.example")), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post("/admin/organisation/imports/", {"file": upload, "kind": "people"})
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.INVALID
    page = hr_client.get(f"/admin/organisation/imports/{run.pk}/")
    html = page.content.decode()
    assert "Bara en superanvändare får ändra e-postadressen" in html and not page.context["may_confirm"]
    assert len(entries(services.SIGN_IN_REFUSED)) == 1  # the dry run logged the refusal


# --- Wagtail's own user views and bulk actions ------------------------------------------------


@pytest.fixture
def user_admin(client):
    """Not HR: an account that may edit users in Wagtail's Settings → Users, but is no superuser."""
    user = UserFactory(username="user-admin")
    group = Group.objects.create(name="User administrators")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_user", "add_user"]))
    user.groups.add(group)
    client.force_login(user)
    return client


def user_edit_data(user, **changes) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": list(user.groups.values_list("pk", flat=True)),
    }
    return data | changes


def test_hr_cannot_reach_wagtails_user_views(hr_client, colleague):
    response = hr_client.get(f"/admin/users/edit/{colleague.user_id}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert colleague.user.get_full_name() not in hr_client.get("/admin/").content.decode()  # no message about it


def test_wagtails_user_edit_refuses_a_staff_accounts_email_and_password(user_admin, colleague):
    url = f"/admin/users/edit/{colleague.user_id}/"
    assert "Bara en superanvändare får ändra e-postadressen" in user_admin.get(url, follow=True).content.decode()
    before = colleague.user.password
    for changes in ({"email": "hr@evil.example"}, {"password1": "Nytt-losen-123", "password2": "Nytt-losen-123"}):
        response = user_admin.post(url, user_edit_data(colleague.user, **changes))
        assert response.status_code == 302 and response["Location"] == url
    colleague.user.refresh_from_db()
    assert colleague.user.email == "kollega@example.se" and colleague.user.password == before
    assert [e.data["fields"] for e in entries(services.SIGN_IN_REFUSED)] == [["email"], ["password"]]
    assert {e.data["via"] for e in entries(services.SIGN_IN_REFUSED)} == {"user_edit"}


def test_wagtails_user_edit_changes_a_learners_email_and_a_superuser_a_staff_accounts(
    user_admin, client, admin_user, colleague
):
    learner = PersonFactory()
    response = user_admin.post(
        f"/admin/users/edit/{learner.user_id}/", user_edit_data(learner.user, email="ny@example.se")
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=learner.pk).user.email == "ny@example.se"
    client.force_login(admin_user)
    response = client.post(
        f"/admin/users/edit/{colleague.user_id}/", user_edit_data(colleague.user, email="k2@example.se")
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=colleague.pk).user.email == "k2@example.se"
    assert [(e.data["via"], e.data["staff_account"]) for e in entries(services.SIGN_IN_CHANGED)] == [
        ("user_edit", False),
        ("user_edit", True),
    ]


SIGN_IN_FIELDS = {"email", "username", "password", "password1", "password2"}


def test_no_bulk_action_on_accounts_or_people_can_change_sign_in_details():
    """The bulk actions that exist (Wagtail's on users: active state, role, delete; none on people) have
    no field for an e-mail address, username or password: a new one that had would fail here."""
    actions = [
        *bulk_action_registry.get_bulk_actions_for_model(User._meta.app_label, User._meta.model_name),
        *bulk_action_registry.get_bulk_actions_for_model("organisation", "person"),
    ]
    assert actions  # Wagtail's user actions are registered
    for action in actions:
        fields = set(action.form_class.base_fields) if action.form_class is not None else set()
        assert not fields & SIGN_IN_FIELDS, action


def test_hr_cannot_use_wagtails_bulk_actions_on_accounts(hr_client, colleague):
    response = hr_client.post(
        f"/admin/bulk/{User._meta.app_label}/{User._meta.model_name}/set_active_state/?id={colleague.user_id}",
        {"mark_as_active": "False"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Person.objects.get(pk=colleague.pk).user.is_active


# --- Roles: only a superuser gives or takes them -------------------------------------------------
#
# Roles decide which accounts are staff accounts. Else a user administrator could take a staff account's
# roles, change its e-mail as a learner's and give them back, or change a learner's e-mail and then make
# it staff. Every refusal changes nothing, says why and is in the audit log.
ADD_URL = "/admin/users/new/"
ROLES_REFUSED_TEXT = "Bara en superanvändare får ge eller ta roller"


def refusals() -> list[tuple[str, list[str]]]:
    return [
        (e.data["via"], e.data["fields"])
        for e in ModelLogEntry.objects.filter(action=services.ROLES_REFUSED).order_by("pk")
    ]


def edit_url(user) -> str:
    return f"/admin/users/edit/{user.pk}/"


def test_taking_a_staff_accounts_roles_to_change_its_email_and_giving_them_back_is_refused(user_admin, colleague):
    url = edit_url(colleague.user)
    hr = Group.objects.get(name=HR_GROUP)

    response = user_admin.post(url, user_edit_data(colleague.user, groups=[]), follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert ROLES_REFUSED_TEXT in response.content.decode()
    assert list(colleague.user.groups.all()) == [hr] and roles.is_staff_account(colleague.user)

    response = user_admin.post(url, user_edit_data(colleague.user, groups=[], email="hr@evil.example"))
    assert response.status_code == 302 and response["Location"] == url
    response = user_admin.post(url, user_edit_data(colleague.user, email="hr@evil.example"))
    assert response.status_code == 302 and response["Location"] == url
    colleague.user.refresh_from_db()
    assert colleague.user.email == "kollega@example.se" and list(colleague.user.groups.all()) == [hr]
    assert refusals() == [("user_edit", ["groups"]), ("user_edit", ["groups"])]
    assert [e.data["fields"] for e in ModelLogEntry.objects.filter(action=services.SIGN_IN_REFUSED)] == [["email"]]


def test_a_learners_email_may_change_but_the_account_is_not_then_made_staff(user_admin):
    learner = PersonFactory()
    url = edit_url(learner.user)
    response = user_admin.post(url, user_edit_data(learner.user, email="min@example.se"))
    assert response.status_code == 302 and response["Location"] == "/admin/users/"
    hr = Group.objects.get(name=HR_GROUP)
    response = user_admin.post(url, user_edit_data(learner.user, groups=[hr.pk]))
    assert response.status_code == 302 and response["Location"] == url
    response = user_admin.post(url, user_edit_data(learner.user, is_superuser="on"))
    assert response.status_code == 302 and response["Location"] == url
    user = User.objects.get(pk=learner.user_id)
    assert not roles.is_staff_account(user) and not user.is_superuser
    assert refusals() == [("user_edit", ["groups"]), ("user_edit", ["is_superuser"])]


def test_a_superuser_still_gives_and_takes_roles(client, admin_user, colleague):
    client.force_login(admin_user)
    response = client.post(edit_url(colleague.user), user_edit_data(colleague.user, groups=[]))
    assert response.status_code == 302 and response["Location"] == "/admin/users/"
    assert not Person.objects.get(pk=colleague.pk).user.groups.exists()
    assert refusals() == []


def test_a_new_account_with_a_role_is_a_superusers_to_make(user_admin):
    hr = Group.objects.get(name=HR_GROUP)
    data = {
        "username": "ny-hr",
        "email": "ny-hr@example.se",
        "first_name": "Ny",
        "last_name": "Handläggare",
        "password1": "Ett-langt-losen-42",
        "password2": "Ett-langt-losen-42",
        "is_active": "on",
    }
    response = user_admin.post(ADD_URL, data | {"groups": [hr.pk]}, follow=True)
    assert response.redirect_chain == [(ADD_URL, 302)] and ROLES_REFUSED_TEXT in response.content.decode()
    assert not User.objects.filter(username="ny-hr").exists()
    assert refusals() == [("user_create", ["groups"])]
    response = user_admin.post(ADD_URL, data)
    assert response.status_code == 302
    assert not roles.is_staff_account(User.objects.get(username="ny-hr"))


def test_the_bulk_assign_role_is_a_superusers(user_admin, client, admin_user):
    learner = PersonFactory()
    hr = Group.objects.get(name=HR_GROUP)
    url = f"/admin/bulk/{User._meta.app_label}/{User._meta.model_name}/assign_role/?id={learner.user_id}&next=/admin/users/"
    response = user_admin.post(url, {"role": hr.pk}, follow=True)
    assert response.redirect_chain == [("/admin/users/", 302)] and ROLES_REFUSED_TEXT in response.content.decode()
    assert not User.objects.get(pk=learner.user_id).groups.exists()
    assert refusals() == [("bulk_action", ["groups"])]

    client.force_login(admin_user)
    response = client.post(url, {"role": hr.pk})
    assert response.status_code == 302
    assert list(User.objects.get(pk=learner.user_id).groups.all()) == [hr]
