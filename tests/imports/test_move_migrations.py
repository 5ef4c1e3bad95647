"""ImportRun (to lms.imports) keeps its rows, its foreign keys and the groups' permissions on it across the
state-only move (imports 0001, organisation 0008): migrated back to before the move, given rows, migrated
forward (PostgreSQL, as in production)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from lms.imports.models import ImportRun, ImportRunStatus
from tests.model_moves import (
    assert_the_group_keeps_its_permission,
    database_before,
    group_permission_before_the_move,
    leaves,
    migrate,
)

BEFORE_THE_MOVE = [("organisation", "0007_staffscope_signinidentity_moved"), ("imports", None)]


@pytest.fixture
def before_the_move(require_postgres):
    with database_before(BEFORE_THE_MOVE) as old:
        yield old


def rows_before_the_move(old):
    """A user who uploaded and confirmed a run, and a group (theirs) allowed to view import runs. The moved
    model as it was (``old``); users, groups and permissions are as ever."""
    user = get_user_model().objects.create(username="hr", email="hr@example.se")
    run = old.get_model("organisation", "ImportRun").objects.create(
        kind="units",
        filename="enheter.csv",
        content=b"code;name",
        full=True,
        status="checked",
        progress=100,
        counts={"created": 2},
        report={"created": [{"code": "K"}]},
        created_by_id=user.pk,
        confirmed_by_id=user.pk,
    )
    permission_id = group_permission_before_the_move(
        user, model="importrun", codename="view_importrun", group="Import readers"
    )
    return user.pk, run.pk, permission_id


@pytest.mark.django_db(transaction=True)
def test_rows_keys_and_permissions_survive_the_move(before_the_move):
    user_id, run_id, permission_id = rows_before_the_move(before_the_move)

    migrate(leaves())

    run = ImportRun.objects.get(pk=run_id)
    assert (run.kind, run.filename, bytes(run.content), run.full, run.status) == (
        "units",
        "enheter.csv",
        b"code;name",
        True,
        ImportRunStatus.CHECKED,
    )
    assert (run.counts, run.report, run.created_by.username, run.confirmed_by_id) == (
        {"created": 2},
        {"created": [{"code": "K"}]},
        "hr",
        user_id,
    )
    assert ImportRun._meta.db_table == "imports_importrun"
    user = get_user_model().objects.get(pk=user_id)
    assert_the_group_keeps_its_permission(permission_id, app_label="imports", group="Import readers", user=user)
    # A new run gets the next id (the table's sequence came along), and the foreign keys are still enforced.
    assert ImportRun.objects.create(filename="next.csv").pk > run_id
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportRun.objects.create(filename="x.csv", created_by_id=user_id + 1000)
