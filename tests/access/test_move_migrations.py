"""StaffScope (to lms.access) and SignInIdentity (to lms.accounts) keep their rows, their foreign keys and
the groups' permissions on them across the state-only move (access 0001, accounts 0001, organisation 0007):
migrated back to before the move, given rows, migrated forward (PostgreSQL, as in production)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from lms.access.models import StaffScope
from lms.accounts.models import SignInIdentity

BEFORE_THE_MOVE = [("organisation", "0006_import_run_confirmed_at"), ("access", None), ("accounts", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_move(require_postgres):
    """The database as it was before the move; migrated forward again whatever the test did."""
    executor = migrate(BEFORE_THE_MOVE)
    try:
        yield executor.loader.project_state(BEFORE_THE_MOVE[0]).apps
    finally:
        migrate(leaves())


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
    content_type, _ = ContentType.objects.get_or_create(app_label="organisation", model="staffscope")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_staffscope", defaults={"name": "Can view staff scope"}
    )
    group = Group.objects.create(name="Scope readers")
    group.permissions.add(permission)
    user.groups.add(group)
    return user.pk, unit.pk, permission.pk


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
    # The same permission row, now under the new app label, still held by the group.
    permission = Permission.objects.get(pk=permission_id)
    assert (permission.content_type.app_label, permission.codename) == ("access", "view_staffscope")
    assert list(Group.objects.get(name="Scope readers").permissions.all()) == [permission]
    assert get_user_model().objects.get(pk=user_id).has_perm("access.view_staffscope")
    assert not ContentType.objects.filter(app_label="organisation", model__in=["staffscope", "signinidentity"]).exists()
    # The foreign keys are still enforced by the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffScope.objects.create(user_id=user_id + 1000, org_unit_id=unit_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignInIdentity.objects.create(user_id=user_id + 1000, issuer="x", subject="y")
