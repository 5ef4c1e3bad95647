"""Writes of the HR import: the upload, the dry run, the confirmation and the real run of an ``ImportRun``,
and the application of a valid plan in one transaction. People and units are written set-based here (bulk
writes in batches); what follows a change of people (``people_changed``) and the audit log of staff
accounts' sign-in details are organisation's (``lms.organisation.services``)."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from lms.access import roles
from lms.core import tables
from lms.organisation import selectors as organisation_selectors
from lms.organisation import services as organisation_services
from lms.organisation.models import OrgUnit, Person

from . import kinds, people_plan, units_plan
from .models import ImportRun, ImportRunStatus

IMPORT_BATCH = 2000


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do): the plan, and the rows it wrote."""

    plan: people_plan.PeoplePlan | units_plan.UnitsPlan
    dry_run: bool
    applied: bool = False
    rows_written: int = 0

    @property
    def counts(self) -> dict:
        return self.plan.counts

    def report(self) -> dict:
        return self.plan.report() | {
            "dry_run": self.dry_run,
            "applied": self.applied,
            "rows_written": self.rows_written,
        }


class ImportRefused(Exception):
    """A real run over a file with bad rows: nothing was changed."""

    def __init__(self, result: ImportResult):
        self.result = result
        super().__init__(f"{len(result.plan.bad_rows)} bad rows; nothing was imported")


def people_import(
    *,
    data: bytes,
    filename: str = "",
    fmt: str = "auto",
    full: bool = False,
    dry_run: bool = True,
    kind: str = "people",
    user=None,
    run: ImportRun | None = None,
) -> ImportResult:
    """Import people (or units, ``kind="units"``) from an HR export.

    ``user`` is who runs it: the audit log names them, and a row may not change a person
    who is protected from them (selectors.protected_user_ids); such rows are bad rows.
    ``user=None`` is the nightly job run by the operator (``manage.py import_people``),
    which may change anyone, as the HR system is the source of truth for names and e-mail.

    A dry run only reads. A real run plans again and applies the plan in one
    transaction, set-based (bulk writes in batches, never a query per row); it
    refuses a file with any bad row (``ImportRefused``) and changes nothing.
    People missing from a ``full`` export are deactivated, never deleted.
    File-level problems raise ``tables.ImportFileError`` before any write.
    """
    table = tables.read_table(data, filename=filename, fmt=fmt)
    if kind == "auto":
        kind = kinds.detect_kind(table.headers)
    if dry_run:
        result = ImportResult(plan=_plan(table, kind=kind, full=full, user=user), dry_run=True)
        _import_sign_in_record(plan=result.plan, user=user)
        return result
    with transaction.atomic():
        plan = _plan(table, kind=kind, full=full, user=user)
        result = ImportResult(plan=plan, dry_run=False)
        if not plan.is_valid:
            # Nothing is written but the refusals' audit-log entries, kept by leaving without an error.
            _import_sign_in_record(plan=plan, user=user)
        else:
            _apply_plan(plan, kind=kind, result=result)
            _import_sign_in_changes_record(plan=plan, user=user)
            log(
                instance=run or _import_log_anchor(filename=filename, kind=kind, full=full, user=user, result=result),
                action="lms.import",
                user=user if getattr(user, "is_authenticated", False) else None,
                data={"filename": filename, "kind": kind, "full": full, "counts": plan.counts},
            )
    if not result.applied:
        raise ImportRefused(result)
    return result


def _apply_plan(plan, *, kind: str, result: ImportResult) -> None:
    if kind in kinds.IMPORT_KINDS:
        result.rows_written = kinds.IMPORT_KINDS[kind].apply(plan)
    elif kind == "units":
        result.rows_written = _apply_units_plan(plan)
    else:
        result.rows_written, changed_ids = _apply_people_plan(plan)
        if changed_ids:
            organisation_services.announce_people_changed(changed_ids)
    result.applied = True


def _plan(table: tables.Table, *, kind: str, full: bool, user) -> people_plan.PeoplePlan | units_plan.UnitsPlan:
    if kind in kinds.IMPORT_KINDS:
        return kinds.IMPORT_KINDS[kind].plan(table, full=full, user=user)
    if kind == "units":
        return units_plan.plan_units(table, full=full)
    if user is None:
        return people_plan.plan_people(table, full=full)
    protected = set(organisation_selectors.protected_user_ids(actor=user).values_list("pk", flat=True))
    locked = set(roles.sign_in_locked_ids(actor=user).values_list("pk", flat=True))
    return people_plan.plan_people(table, full=full, protected_user_ids=protected, sign_in_locked_user_ids=locked)


def _import_sign_in_record(*, plan, user) -> None:
    """The audit log of a people import's sign-in details: each staff account whose e-mail address a
    row would change, refused (a bad row) or, for an applied plan, changed."""
    if not isinstance(plan, people_plan.PeoplePlan):
        return
    refused = [b.params["person_id"] for b in plan.bad_rows if b.code == "staff_sign_in"]
    for person in Person.objects.filter(pk__in=refused).select_related("user"):
        organisation_services.sign_in_change_record(
            user=person.user, by=user, fields=["email"], via="import", allowed=False
        )


def _import_sign_in_changes_record(*, plan, user) -> None:
    if not isinstance(plan, people_plan.PeoplePlan):
        return
    changed = [c.existing.user_id for c in plan.changes if "email" in c.changes]
    staff = roles.staff_account_ids().filter(pk__in=changed) if changed else []
    for account in get_user_model().objects.filter(pk__in=staff):
        organisation_services.sign_in_change_record(user=account, by=user, fields=["email"], via="import", allowed=True)


def _import_log_anchor(*, filename: str, kind: str, full: bool, user, result: ImportResult) -> ImportRun:
    """Imports outside the admin (the nightly command) get an ImportRun too, so the audit log points somewhere."""
    return ImportRun.objects.create(
        kind=kind,
        filename=filename[:255],
        full=full,
        status=ImportRunStatus.DONE,
        progress=100,
        counts=result.counts,
        report=result.report(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
        confirmed_by=user if getattr(user, "is_authenticated", False) else None,
        finished_at=timezone.now(),
    )


def _batches(items: list, size: int = IMPORT_BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _unusable_password() -> str:
    """What ``make_password(None)`` makes (unusable, a random suffix so no two accounts share one), from one
    read of the system's randomness instead of forty: 60,000 new accounts took 6 s of CPU that way."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)  # 40 characters, as Django's suffix


def _apply_people_plan(plan: people_plan.PeoplePlan) -> tuple[int, list[int]]:
    """Write a valid people plan. Returns (rows written, ids of people who joined, moved,
    changed audience or were (de)activated)."""
    User = get_user_model()
    now = timezone.now()
    written = 0
    announce: list[int] = []
    person_ids = dict(plan.person_ids)  # employee number -> person id, new people added below

    # New accounts, all at once; their passwords are unusable (SSO, or a password reset by e-mail).
    if plan.creates:
        users = [
            User(
                username=plan.usernames[row.employee_number],
                email=row.email,
                first_name=row.first_name,
                last_name=row.last_name,
                password=_unusable_password(),
                is_active=True,
                date_joined=now,
            )
            for row in plan.creates
        ]
        User.objects.bulk_create(users, batch_size=IMPORT_BATCH)
        if any(u.pk is None for u in users):  # a backend that cannot return ids from a bulk insert
            ids = dict(User.objects.filter(username__in=[u.username for u in users]).values_list("username", "pk"))
            for u in users:
                u.pk = ids[u.username]
        written += len(users)
        user_ids = {row.employee_number: u.pk for row, u in zip(plan.creates, users, strict=True)}

        # New people level by level down the manager hierarchy, so every manager id is known at insert time.
        pending = list(plan.creates)
        while pending:
            ready = [r for r in pending if not r.manager_number or r.manager_number in person_ids]
            if not ready:  # cannot happen for a validated plan (cycles are bad rows)
                raise RuntimeError("manager hierarchy could not be ordered")
            people = [
                Person(
                    user_id=user_ids[r.employee_number],
                    org_unit_id=plan.unit_ids[r.unit_code],
                    audience=r.audience,
                    employee_number=r.employee_number,
                    manager_id=person_ids.get(r.manager_number) if r.manager_number else None,
                    hr_content_language=r.content_language or "",
                )
                for r in ready
            ]
            Person.objects.bulk_create(people, batch_size=IMPORT_BATCH)
            if any(p.pk is None for p in people):
                ids = dict(
                    Person.objects.filter(employee_number__in=[p.employee_number for p in people]).values_list(
                        "employee_number", "pk"
                    )
                )
                for p in people:
                    p.pk = ids[p.employee_number]
            for p in people:
                person_ids[p.employee_number] = p.pk
                announce.append(p.pk)
            written += len(people)
            ready_lines = {r.line for r in ready}
            pending = [r for r in pending if r.line not in ready_lines]

    # Changed people: only the rows that differ, with only the fields that differ.
    user_changes = [c for c in plan.changes if c.user_changed]
    if user_changes:
        fields = sorted({f for c in user_changes for f in c.changes} & {"first_name", "last_name", "email"})
        users = [
            User(pk=c.existing.user_id, first_name=c.row.first_name, last_name=c.row.last_name, email=c.row.email)
            for c in user_changes
        ]
        User.objects.bulk_update(users, fields, batch_size=IMPORT_BATCH // 2)
        written += len(users)
    person_fields = {"org_unit", "audience", "manager", "is_active", "content_language"}
    person_changes = [c for c in plan.changes if person_fields & set(c.changes)]
    if person_changes:
        people = []
        for c in person_changes:
            people.append(
                Person(
                    pk=c.existing.person_id,
                    org_unit_id=c.org_unit_id,
                    audience=c.row.audience,
                    manager_id=person_ids.get(c.row.manager_number) if c.row.manager_number else None,
                    is_active=True,
                    deactivated_at=None,
                    # The HR file's language only: the person's own choice (content_language) is never touched.
                    hr_content_language=c.row.content_language
                    if c.row.content_language is not None
                    else c.existing.hr_content_language,
                    updated_at=now,
                )
            )
            if c.reactivate or "org_unit" in c.changes or "audience" in c.changes:
                announce.append(c.existing.person_id)
        Person.objects.bulk_update(
            people,
            ["org_unit", "audience", "manager", "is_active", "deactivated_at", "hr_content_language", "updated_at"],
            batch_size=IMPORT_BATCH // 2,
        )
        written += len(people)
    reactivated_users = [c.existing.user_id for c in plan.changes if c.reactivate]
    for chunk in _batches(reactivated_users):
        written += User.objects.filter(pk__in=chunk).update(is_active=True)

    # Leavers in a full export: deactivated (never deleted), their history stays in every figure.
    for chunk in _batches(plan.deactivations):
        written += Person.objects.filter(pk__in=[e.person_id for e in chunk], is_active=True).update(
            is_active=False, deactivated_at=now, updated_at=now
        )
        written += User.objects.filter(pk__in=[e.user_id for e in chunk]).update(is_active=False)
        announce.extend(e.person_id for e in chunk)
    return written, announce


def _apply_units_plan(plan: units_plan.UnitsPlan) -> int:
    """Create, rename and move units, parents first. Hundreds of units: one treebeard call each is fine."""
    written = 0
    for row in plan.creates:
        parent = OrgUnit.objects.filter(code=row.parent_code).first() if row.parent_code else None
        organisation_services.org_unit_create(name=row.name, code=row.code, kind=row.kind, parent=parent)
        written += 1
    for row, changes in plan.changes:
        if "name" in changes or "kind" in changes:
            written += OrgUnit.objects.filter(code=row.code).update(name=row.name, kind=row.kind)
    for row in plan.moves:
        unit = OrgUnit.objects.get(code=row.code)  # fresh: an earlier move may have changed its path
        if row.parent_code:
            unit.move(OrgUnit.objects.get(code=row.parent_code), "last-child")
        else:
            unit.move(OrgUnit.get_last_root_node(), "last-sibling")
        written += 1
    return written


# --- Import runs from the admin (dry run, then confirm) ----------------------------


@transaction.atomic
def import_run_create(*, user, filename: str, data: bytes, kind: str = "people", full: bool = False) -> ImportRun:
    """Store an upload and queue its dry run (on commit). The size is checked first, before anything is kept."""
    tables.check_size(len(data))
    run = ImportRun.objects.create(
        kind=kind, filename=filename[:255], content=data, full=full, created_by=user, status=ImportRunStatus.QUEUED
    )
    from .tasks import import_run_check_task

    transaction.on_commit(lambda: import_run_check_task.delay(run.pk))
    return run


def _run_update(run: ImportRun, **fields) -> None:
    """Progress of a run, written at once (outside any import transaction) so the page can show it."""
    for name, value in fields.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**fields)


def import_run_check(*, run_id: int) -> ImportRun:
    """The dry run of an uploaded file: its report, and whether it may be imported."""
    run = ImportRun.objects.get(pk=run_id)
    _run_update(run, status=ImportRunStatus.CHECKING, progress=10)
    try:
        result = people_import(
            data=bytes(run.content),
            filename=run.filename,
            kind=run.kind,
            full=run.full,
            user=_run_user(run.created_by),
        )
    except tables.ImportFileError as exc:
        _run_update(
            run,
            status=ImportRunStatus.INVALID,
            progress=100,
            report={"file_error": {"code": exc.code, "params": exc.params}},
            finished_at=timezone.now(),
        )
        return run
    except Exception:
        _run_failed_unexpectedly(run)
        raise
    status = ImportRunStatus.CHECKED if result.plan.is_valid else ImportRunStatus.INVALID
    _run_update(run, status=status, progress=100, counts=result.counts, report=result.report())
    return run


def _run_user(user):
    """An upload from the admin is always someone's: if their account is gone, nobody's rights."""
    return user if user is not None else AnonymousUser()


def _run_failed_unexpectedly(run: ImportRun) -> None:
    """A bug or a lost database connection: the transaction rolled back, so say so, and stop the page refreshing."""
    _run_update(
        run,
        status=ImportRunStatus.FAILED,
        progress=100,
        report={"file_error": {"code": "internal", "params": {}}},
        finished_at=timezone.now(),
    )


@transaction.atomic
def import_run_confirm(*, run: ImportRun, user) -> ImportRun:
    """HR confirms a checked run: the real run is queued (on commit). Twice is harmless."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ImportRunStatus.CHECKED:
        return run
    run.status = ImportRunStatus.IMPORTING
    run.progress = 0
    run.confirmed_by = user
    run.confirmed_at = timezone.now()
    run.save(update_fields=["status", "progress", "confirmed_by", "confirmed_at"])
    from .tasks import import_run_apply_task

    transaction.on_commit(lambda: import_run_apply_task.delay(run.pk))
    return run


def import_run_apply(*, run_id: int) -> ImportRun:
    """The real run of a confirmed file; the upload is cleared afterwards (it is personal data)."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportRunStatus.IMPORTING:
        return run
    _run_update(run, progress=10)
    try:
        result = people_import(
            data=bytes(run.content),
            filename=run.filename,
            kind=run.kind,
            full=run.full,
            dry_run=False,
            user=_run_user(run.confirmed_by),
            run=run,
        )
    except tables.ImportFileError as exc:
        _run_update(
            run,
            status=ImportRunStatus.FAILED,
            progress=100,
            report={"file_error": {"code": exc.code, "params": exc.params}},
            finished_at=timezone.now(),
        )
        return run
    except ImportRefused as exc:  # the data changed since the dry run and rows are bad now
        _run_update(
            run,
            status=ImportRunStatus.FAILED,
            progress=100,
            counts=exc.result.counts,
            report=exc.result.report(),
            finished_at=timezone.now(),
        )
        return run
    except Exception:
        _run_failed_unexpectedly(run)
        raise
    _run_update(
        run,
        status=ImportRunStatus.DONE,
        progress=100,
        counts=result.counts,
        report=result.report(),
        content=b"",
        finished_at=timezone.now(),
    )
    return run
