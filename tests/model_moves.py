"""What the tests of a model's move to another app share (tests/access, tests/imports): migrating the
database back to before the move and forward again, and a group holding a permission on the old model."""

from contextlib import contextmanager

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@contextmanager
def database_before(targets):
    """The database at ``targets`` (the first one's app state given); migrated forward again afterwards,
    whatever the test did."""
    executor = migrate(targets)
    try:
        yield executor.loader.project_state(targets[0]).apps
    finally:
        migrate(leaves())


def group_permission_before_the_move(user, *, model: str, codename: str, group: str) -> int:
    """A group of ``user``'s allowed ``codename`` on organisation's ``model`` (as before the move); the
    permission's id."""
    content_type, _ = ContentType.objects.get_or_create(app_label="organisation", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can view {model}"}
    )
    Group.objects.create(name=group).permissions.add(permission)
    user.groups.add(Group.objects.get(name=group))
    return permission.pk


def assert_the_group_keeps_its_permission(permission_id: int, *, app_label: str, group: str, user) -> None:
    """The same permission row, now under the new app label, still held by the group (and so the user)."""
    permission = Permission.objects.get(pk=permission_id)
    assert permission.content_type.app_label == app_label
    assert list(Group.objects.get(name=group).permissions.all()) == [permission]
    assert type(user).objects.get(pk=user.pk).has_perm(f"{app_label}.{permission.codename}")
    assert not ContentType.objects.filter(app_label="organisation", model=permission.content_type.model).exists()
