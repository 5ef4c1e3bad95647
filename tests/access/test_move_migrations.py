"""StaffScope (to lms.access) and SignInIdentity (to lms.accounts) keep their rows, their foreign keys and
the groups' permissions on them across the state-only move (access 0001, accounts 0001, organisation 0007):
migrated back to before the move, given rows, migrated forward (PostgreSQL, as in production)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from lms.access.models import StaffScope
from lms.accounts.models import SignInIdentity
from tests.model_moves import (
    assert_the_group_keeps_its_permission,
    database_before,
    group_permission_before_the_move,
    leaves,
    migrate,
)

BEFORE_THE_MOVE = [("organisation", "0006_import_run_confirmed_at"), ("access", None), ("accounts", None)]


@pytest.fixture
def before_the_move(require_postgres):
    with database_before(BEFORE_THE_MOVE) as old:
        yield old


def rows_before_the_move(old):
    """A unit, a user with a staff scope and a sign-in link, and a group allowed to view staff scopes.
    The moved models as they were (``old``); users, groups and permissions are as ever."""
    user = get_user_model().objects.create(username="scoped", email="scoped@example.se")
    unit = old.get_model("organisation", "OrgUnit").objects.create(
        name="Kommunen", code="K", kind="municipality", path="0001", depth=1, numchild=0
    )
    old.get_model("organisation", "StaffScope").objects.create(user_id=user.pk, org_unit_id=unit.pk)
    old.get_model("organisation", "SignInIdentity").objects.create(
        user_id=user.pk, issuer="https://login.example.se", subject="object-1", linked_by_unverified_email=True
    )
    permission_id = group_permission_before_the_move(
        user, model="staffscope", codename="view_staffscope", group="Scope readers"
    )
    return user.pk, unit.pk, permission_id


@pytest.mark.django_db(transaction=True)
def test_rows_keys_and_permissions_survive_the_move(before_the_move):
    user_id, unit_id, permission_id = rows_before_the_move(before_the_move)

    migrate(leaves())

    scope = StaffScope.objects.get(user_id=user_id)
    identity = SignInIdentity.objects.get(user_id=user_id)
    assert (scope.org_unit.pk, scope.org_unit.code, scope.user.username) == (unit_id, "K", "scoped")
    assert (identity.issuer, identity.subject, identity.linked_by_unverified_email) == (
        "https://login.example.se",
        "object-1",
        True,
    )
    assert (StaffScope._meta.db_table, SignInIdentity._meta.db_table) == (
        "access_staffscope",
        "accounts_signinidentity",
    )
    user = get_user_model().objects.get(pk=user_id)
    assert_the_group_keeps_its_permission(permission_id, app_label="access", group="Scope readers", user=user)
    assert not ContentType.objects.filter(app_label="organisation", model="signinidentity").exists()
    # The foreign keys are still enforced by the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffScope.objects.create(user_id=user_id + 1000, org_unit_id=unit_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignInIdentity.objects.create(user_id=user_id + 1000, issuer="x", subject="y")
