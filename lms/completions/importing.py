"""Historical completions through the HR import: a CSV or XLSX file of completions (employee number,
course, completion date, optional score, source and whether to issue a certificate), with the HR
import's upload, dry run, confirmation, one transaction and report (``lms.imports.kinds``; the file
read by ``lms.core.tables``). This module plans such a file and applies a valid plan; it registers
itself as the import kind "completion".

A row is bad when its person (by employee number) or course (by its slug or title) is unknown, its
date cannot be read or lies ahead, its score is not a percentage, or the same person and course
appear twice. Nothing is written while any row is bad.

What a good row does depends on the person's latest cycle of the course:
- none: a first cycle, completed on the given day;
- open: that cycle is completed on the given day (unless an earlier cycle was completed on or after it);
- completed before the given day: a new cycle, completed on the given day;
- completed on or after it: nothing (a rerun of the same file, or a completion already covered).
So a rerun writes nothing, and renewals are counted from the imported day by the requirements' own
assignment, which runs once the import has committed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lms.core import table_plans
from lms.core.tables import Table, norm_heading
from lms.courses.models import CoursePage
from lms.imports import kinds as hr
from lms.imports.rows import RowChecks, read_date
from lms.languages.selectors import in_source_language
from lms.organisation.models import Person

from . import services
from .models import CompletionRecord

KIND = "completion"  # ImportRun.kind (at most 10 characters)

COLUMNS = {
    "employee_number": ["employee number", "anställningsnummer", "anstnr", "anst nr", "personalnummer"],
    "course": ["course", "course slug", "kurs", "kursnamn", "utbildning"],
    "completed_on": [
        "completion date",
        "completed on",
        "completed",
        "date",
        "datum",
        "genomförd",
        "genomförandedatum",
        "slutförd",
    ],
    "score": ["score", "result", "resultat", "poäng"],
    "source": ["source", "källa"],
    "certificate": ["certificate", "issue certificate", "intyg", "utfärda intyg"],
}
REQUIRED = ["employee_number", "course", "completed_on"]
YES = {"ja", "yes", "j", "y", "1", "x", "true", "sant"}
NO = {"", "nej", "no", "n", "0", "false", "falskt"}
EARLIEST = date(1970, 1, 1)

ROW_ERRORS = {
    "unknown_person": gettext_lazy("Unknown employee number %(value)s: nobody in the platform has it."),
    "erased_person": gettext_lazy("The person with employee number %(value)s has been erased."),
    "unknown_course": gettext_lazy("Unknown course “%(value)s” (give its title or the last part of its address)."),
    "ambiguous_course": gettext_lazy("“%(value)s” names more than one course: give the last part of its address."),
    "bad_completion_date": gettext_lazy("“%(value)s” is not a date (write it as YYYY-MM-DD)."),
    "future_date": gettext_lazy("The completion date %(value)s lies in the future."),
    "too_early_date": gettext_lazy("The completion date %(value)s is before 1970."),
    "bad_score": gettext_lazy("The score “%(value)s” is not a percentage from 0 to 100."),
    "bad_yes_no": gettext_lazy("“%(value)s” is neither ja nor nej."),
    "duplicate_completion": gettext_lazy("The same person and course appear more than once (lines %(lines)s)."),
}
FIELD_LABELS = {
    "course": gettext_lazy("course"),
    "completed_on": gettext_lazy("completion date"),
    "score": gettext_lazy("score"),
    "source": gettext_lazy("source"),
    "certificate": gettext_lazy("certificate"),
}


@dataclass
class CompletionRow:
    line: int
    key: str  # the employee number, as the report names the row
    person_id: int
    course: CoursePage
    completed_on: date
    score: Decimal | None
    source: str
    certificate: bool


@dataclass
class CompletionsPlan(table_plans.Plan):
    kind = KIND
    creates: list[tuple[CompletionRow, int]] = field(default_factory=list)  # row, the new cycle's number
    changes: list[tuple[CompletionRow, int]] = field(default_factory=list)  # row, the open enrolment completed
    user: object = None  # who runs the import: the records name them

    def _kind_counts(self) -> dict:
        return {"moved": 0, "reactivated": 0, "deactivated": 0}

    def _report_rows(self, sample: int) -> dict:
        def shown(row):
            return {"line": row.line, "key": row.key, "name": row.course.title, "unit": str(row.completed_on)}

        return {
            "created": [{**shown(r), "audience": ""} for r, _cycle in self.creates[:sample]],
            "changed": [
                {**shown(r), "changes": {"completed_on": ["", str(r.completed_on)]}} for r, _pk in self.changes[:sample]
            ],
            "deactivated": [],
        }


def _score(text: str) -> Decimal | None | bool:
    """The score as a percentage, None when empty, False when it is not one."""
    text = text.strip().rstrip("%").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return False
    return value.quantize(Decimal("0.01")) if value.is_finite() and 0 <= value <= 100 else False


def _courses() -> dict[str, CoursePage | None]:
    """Courses by slug and by title (None: a title more than one course has); the source pages only, as a
    translation keeps its source's slug and is the same course."""
    found: dict[str, CoursePage | None] = {}
    by_title: dict[str, list[CoursePage]] = defaultdict(list)
    for course in in_source_language(CoursePage.objects.only("pk", "title", "slug")):
        found[norm_heading(course.slug)] = course
        by_title[norm_heading(course.title)].append(course)
    for title, courses in by_title.items():
        found.setdefault(title, courses[0] if len(courses) == 1 else None)
    return found


def plan_completions(table: Table, *, full: bool = False, user=None) -> CompletionsPlan:
    """Compare a file of completions with what is stored. Nothing is written."""
    check = RowChecks.of(table, columns=COLUMNS, required=REQUIRED, stored_in={"source": (CompletionRecord, "source")})
    plan = CompletionsPlan(full=False, table=table, user=user)
    get, reject = check.get, check.reject
    today = timezone.localdate()

    courses = _courses()
    people = {
        number: (pk, erased is not None)
        for number, pk, erased in Person.objects.filter(employee_number__isnull=False).values_list(
            "employee_number", "pk", "erased_at"
        )
    }

    rows: list[CompletionRow] = []
    for line, values in table.rows:
        number = get(values, "employee_number")
        if check.refused(line, number, values):
            continue
        person = people.get(number)
        if person is None:
            reject(line, number, "unknown_person", value=number)
            continue
        if person[1]:
            reject(line, number, "erased_person", value=number)
            continue
        course_text = get(values, "course")
        course_key = norm_heading(course_text)
        if course_key not in courses:
            reject(line, number, "unknown_course", value=course_text)
            continue
        if courses[course_key] is None:
            reject(line, number, "ambiguous_course", value=course_text)
            continue
        completed_on = read_date(get(values, "completed_on"))
        if completed_on is None:
            reject(line, number, "bad_completion_date", value=get(values, "completed_on"))
            continue
        if completed_on > today:
            reject(line, number, "future_date", value=str(completed_on))
            continue
        if completed_on < EARLIEST:
            reject(line, number, "too_early_date", value=str(completed_on))
            continue
        score = _score(get(values, "score"))
        if score is False:
            reject(line, number, "bad_score", value=get(values, "score"))
            continue
        certificate = norm_heading(get(values, "certificate"))
        if certificate not in YES | NO:
            reject(line, number, "bad_yes_no", value=get(values, "certificate"))
            continue
        rows.append(
            CompletionRow(
                line,
                number,
                person[0],
                courses[course_key],
                completed_on,
                score,
                get(values, "source"),
                certificate in YES,
            )
        )

    # The same person and course twice: which one is meant cannot be told, so both are bad.
    lines = defaultdict(list)
    for row in rows:
        lines[(row.person_id, row.course.pk)].append(row.line)
    for row in rows:
        others = [n for n in lines[(row.person_id, row.course.pk)] if n != row.line]
        if others:
            reject(row.line, row.key, "duplicate_completion", lines=table_plans.shown_lines(others))

    stored = services.latest_cycles(pairs={(r.person_id, r.course.pk) for r in rows if r.line not in check.bad})
    for row in rows:
        if row.line in check.bad:
            continue
        target = services.completion_target(stored.get((row.person_id, row.course.pk)), row.completed_on)
        if target is None:
            plan.unchanged += 1
        elif target.enrolment_id is None:
            plan.creates.append((row, target.cycle))
        else:
            plan.changes.append((row, target.enrolment_id))
    plan.bad_rows = check.bad_rows()
    return plan


def apply_completions(plan: CompletionsPlan) -> int:
    """Write a valid plan inside the import's transaction: new completed cycles and completed open
    ones in bulk, each with its record; then, on commit, certificates where the file asked for them
    and the requirements' assignment for the courses touched (renewals from the imported days)."""
    items = [
        services.HistoricalCompletion(
            person_id=row.person_id,
            course_id=row.course.pk,
            cycle=cycle,
            enrolment_id=None,
            completed_on=row.completed_on,
            score=row.score,
            source=row.source,
            certificate=row.certificate,
        )
        for row, cycle in plan.creates
    ] + [
        services.HistoricalCompletion(
            person_id=row.person_id,
            course_id=row.course.pk,
            cycle=None,
            enrolment_id=pk,
            completed_on=row.completed_on,
            score=row.score,
            source=row.source,
            certificate=row.certificate,
        )
        for row, pk in plan.changes
    ]
    user = plan.user if getattr(plan.user, "is_authenticated", False) else None
    with transaction.atomic():
        return services.historical_completions_store(items=items, by=user)


def register() -> None:
    hr.register_import_kind(
        KIND,
        label=gettext_lazy("Historical completions"),
        plan=plan_completions,
        apply=apply_completions,
        row_errors=ROW_ERRORS,
        field_labels=FIELD_LABELS,
    )
