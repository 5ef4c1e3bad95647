"""Importing the register of elected representatives: a CSV or XLSX file of assignments
(first name, last name, e-mail, employee number if employed, body code or name, role, from, to),
through the HR import's own machinery (lms.imports.kinds / services; the file read by lms.core.tables): the same upload,
dry run, confirmation, one transaction and report with bad-row messages. This module only plans
such a file and applies a valid plan; it registers itself as the import kind "assignment".

People are matched by employee number when the row has one (then they must exist: employees come
from the HR system), otherwise by e-mail. Someone not found gets an account without an employee
number (audience: elected politician), placed in the unit their first body of the file governs.
A row is bad when its body is unknown, its role or dates cannot be read, no term of its body holds
its dates, or it overlaps another assignment of the same person, body and role (stored or in the
file). The 'to' date may be empty: the term's last day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy

from lms.core import table_plans
from lms.core.tables import Table, norm_heading
from lms.imports import kinds as hr
from lms.imports.rows import RowChecks, read_date
from lms.organisation import services as organisation_services
from lms.organisation.models import Audience, Person

from .models import Assignment, AssignmentRole, Body, Term
from .services import announce_changed

KIND = "assignment"  # ImportRun.kind (at most 10 characters)

COLUMNS = {
    "first_name": ["first name", "given name", "förnamn"],
    "last_name": ["last name", "surname", "family name", "efternamn"],
    "email": ["e mail", "email", "e post", "epost", "mail", "e postadress"],
    "employee_number": ["employee number", "anställningsnummer", "anstnr", "personalnummer"],
    "body": ["body", "body code", "organ", "organkod", "nämnd", "uppdrag i"],
    "role": ["role", "roll", "uppdrag"],
    "starts_on": ["from", "start", "starts on", "från", "fr o m", "from och med", "startdatum"],
    "ends_on": ["to", "end", "ends on", "till", "t o m", "till och med", "slutdatum"],
}
REQUIRED = ["first_name", "last_name", "email", "body", "role", "starts_on"]

ROLE_VALUES = {v: v for v in AssignmentRole.values} | {
    "ledamot": AssignmentRole.MEMBER,
    "member": AssignmentRole.MEMBER,
    "ersättare": AssignmentRole.SUBSTITUTE,
    "substitute": AssignmentRole.SUBSTITUTE,
    "ordförande": AssignmentRole.CHAIR,
    "chair": AssignmentRole.CHAIR,
    "1:e vice ordförande": AssignmentRole.FIRST_VICE_CHAIR,
    "förste vice ordförande": AssignmentRole.FIRST_VICE_CHAIR,
    "first vice chair": AssignmentRole.FIRST_VICE_CHAIR,
    "2:e vice ordförande": AssignmentRole.SECOND_VICE_CHAIR,
    "andre vice ordförande": AssignmentRole.SECOND_VICE_CHAIR,
    "second vice chair": AssignmentRole.SECOND_VICE_CHAIR,
}

ROW_ERRORS = {
    "unknown_body": gettext_lazy("Unknown political body “%(value)s”."),
    "unknown_role": gettext_lazy(
        "Unknown role “%(value)s” (use ledamot, ersättare, ordförande, 1:e vice ordförande or 2:e vice ordförande)."
    ),
    "bad_date": gettext_lazy("“%(value)s” is not a date (write it as YYYY-MM-DD)."),
    "ends_before_start": gettext_lazy("The assignment ends before it starts."),
    "no_term": gettext_lazy("%(body)s has no term of office that holds %(start)s to %(end)s."),
    "overlaps_stored": gettext_lazy("Already has this role in %(body)s from %(start)s to %(end)s: the dates overlap."),
    "overlaps_in_file": gettext_lazy("Overlaps line %(lines)s: the same person, body and role at the same time."),
    "unknown_employee": gettext_lazy("Unknown employee number %(value)s: employees come from the HR import."),
}
FIELD_LABELS = {
    "body": gettext_lazy("political body"),
    "role": gettext_lazy("role"),
    "starts_on": gettext_lazy("from"),
    "ends_on": gettext_lazy("to"),
}


@dataclass
class AssignmentRow:
    line: int
    key: str  # the employee number or e-mail, as the report names the row
    first_name: str
    last_name: str
    email: str
    employee_number: str
    body: Body
    role: str
    starts_on: date
    ends_on: date
    term: Term


@dataclass
class AssignmentsPlan(table_plans.Plan):
    kind = KIND
    creates: list[AssignmentRow] = field(default_factory=list)
    changes: list[tuple[AssignmentRow, int, dict]] = field(default_factory=list)  # row, assignment id, changes
    new_people: list[AssignmentRow] = field(default_factory=list)  # the first row of each person to create
    person_ids: dict[str, int] = field(default_factory=dict)  # row key -> existing person

    def _kind_counts(self) -> dict:
        return {"moved": 0, "reactivated": 0, "deactivated": 0, "new_people": len(self.new_people)}

    def _report_rows(self, sample: int) -> dict:
        def name(r):
            return f"{r.first_name} {r.last_name}"

        return {
            "created": [
                {"line": r.line, "key": r.key, "name": name(r), "unit": f"{r.body.name}: {r.role}", "audience": ""}
                for r in self.creates[:sample]
            ],
            "changed": [
                {"line": r.line, "key": r.key, "name": name(r), "changes": c} for r, _pk, c in self.changes[:sample]
            ],
            "deactivated": [],
        }


def plan_assignments(table: Table, *, full: bool = False, user=None) -> AssignmentsPlan:
    """Compare a file of assignments with what is stored. Nothing is written."""
    stored_in = {"first_name": (get_user_model(), "first_name"), "last_name": (get_user_model(), "last_name")}
    check = RowChecks.of(table, columns=COLUMNS, required=REQUIRED, stored_in=stored_in)
    plan = AssignmentsPlan(full=False, table=table)
    get, reject = check.get, check.reject

    bodies = {}
    for body in Body.objects.all():
        bodies[norm_heading(body.code)] = body
        bodies.setdefault(norm_heading(body.name), body)
    terms = defaultdict(list)
    for term in Term.objects.all():
        terms[term.body_id].append(term)
    by_number = dict(Person.objects.filter(employee_number__isnull=False).values_list("employee_number", "pk"))
    by_email = dict(Person.objects.annotate(email=Lower("user__email")).exclude(email="").values_list("email", "pk"))

    rows: list[AssignmentRow] = []
    for line, values in table.rows:
        email = get(values, "email").lower()
        number = get(values, "employee_number")
        key = number or email
        if check.refused(line, key, values):
            continue
        if not table_plans.valid_email(email):
            reject(line, key, "bad_email", value=email)
            continue
        body = bodies.get(norm_heading(get(values, "body")))
        if body is None:
            reject(line, key, "unknown_body", value=get(values, "body"))
            continue
        role = ROLE_VALUES.get(norm_heading(get(values, "role")))
        if role is None:
            reject(line, key, "unknown_role", value=get(values, "role"))
            continue
        starts_on = read_date(get(values, "starts_on"))
        ends_raw = get(values, "ends_on")
        ends_on = read_date(ends_raw) if ends_raw else None
        if starts_on is None or (ends_raw and ends_on is None):
            reject(line, key, "bad_date", value=get(values, "starts_on") if starts_on is None else ends_raw)
            continue
        if ends_on is not None and ends_on < starts_on:
            reject(line, key, "ends_before_start")
            continue
        term = next((t for t in terms[body.pk] if t.starts_on <= starts_on <= t.ends_on), None)
        if term is None or (ends_on is not None and ends_on > term.ends_on):
            reject(line, key, "no_term", body=body.name, start=str(starts_on), end=str(ends_on or "–"))
            continue
        if number and number not in by_number:
            reject(line, key, "unknown_employee", value=number)
            continue
        rows.append(
            AssignmentRow(
                line,
                key,
                get(values, "first_name"),
                get(values, "last_name"),
                email,
                number,
                body,
                role,
                starts_on,
                ends_on or term.ends_on,
                term,
            )
        )

    def person_of(row):
        return by_number.get(row.employee_number) if row.employee_number else by_email.get(row.email)

    # Overlaps within the file: the same person (by key), body and role.
    groups = defaultdict(list)
    for row in rows:
        groups[(row.key, row.body.pk, row.role)].append(row)
    for group in groups.values():
        for row in group:
            others = [
                o.line for o in group if o is not row and o.starts_on <= row.ends_on and o.ends_on >= row.starts_on
            ]
            if others:
                reject(row.line, row.key, "overlaps_in_file", lines=table_plans.shown_lines(others))

    # Against what is stored: the same assignment (same start) is changed, another overlapping one is bad.
    person_ids = {pid for row in rows if (pid := person_of(row))}
    stored = defaultdict(list)
    for a in Assignment.objects.filter(person_id__in=person_ids).select_related("term"):
        stored[(a.person_id, a.term.body_id, a.role)].append(a)
    seen_new = set()
    for row in rows:
        if row.line in check.bad:
            continue
        pid = person_of(row)
        same = None
        for a in stored.get((pid, row.body.pk, row.role), []) if pid else []:
            if a.term_id == row.term.pk and a.starts_on == row.starts_on:
                same = a
            elif a.starts_on <= row.ends_on and a.ends_on >= row.starts_on:
                reject(
                    row.line,
                    row.key,
                    "overlaps_stored",
                    body=row.body.name,
                    start=str(a.starts_on),
                    end=str(a.ends_on),
                )
        if row.line in check.bad:
            continue
        if pid:
            plan.person_ids[row.key] = pid
        elif row.key not in seen_new:
            seen_new.add(row.key)
            plan.new_people.append(row)
        if same is None:
            plan.creates.append(row)
        elif same.ends_on != row.ends_on:
            plan.changes.append((row, same.pk, {"ends_on": [str(same.ends_on), str(row.ends_on)]}))
        else:
            plan.unchanged += 1
    plan.bad_rows = check.bad_rows()
    return plan


def apply_assignments(plan: AssignmentsPlan) -> int:
    """Write a valid plan, inside the import's transaction: new people (accounts without employee
    numbers), new assignments in bulk, changed end dates; then required training is re-assigned
    for everyone touched (on commit)."""
    written = 0
    taken = set(get_user_model().objects.annotate(u=Lower("username")).values_list("u", flat=True))
    person_ids = dict(plan.person_ids)
    for row in plan.new_people:
        username = row.email if row.email not in taken else f"fv-{row.email}"[:150]
        taken.add(username)
        person = organisation_services.person_create(
            username=username,
            org_unit=row.body.org_unit,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            audience=Audience.POLITICIAN,
            employee_number=None,
        )
        person_ids[row.key] = person.pk
        written += 2  # the account and the person
    Assignment.objects.bulk_create(
        [
            Assignment(person_id=person_ids[r.key], term=r.term, role=r.role, starts_on=r.starts_on, ends_on=r.ends_on)
            for r in plan.creates
        ],
        batch_size=1000,
    )
    written += len(plan.creates)
    for row, pk, _changes in plan.changes:
        Assignment.objects.filter(pk=pk).update(ends_on=row.ends_on)
    written += len(plan.changes)
    announce_changed(person_ids[r.key] for r in [*plan.creates, *(c[0] for c in plan.changes)])
    return written


def register() -> None:
    hr.register_import_kind(
        KIND,
        label=gettext_lazy("Assignments of elected representatives"),
        plan=plan_assignments,
        apply=apply_assignments,
        row_errors=ROW_ERRORS,
        field_labels=FIELD_LABELS,
    )
