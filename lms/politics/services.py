"""Writes of the elected representatives: terms and assignments. Every write checks the model's
rules (clean) under a lock on the body, so two writers cannot both add an overlapping term or
assignment, and tells the apps above which people changed, on commit."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Assignment, Body, Term, default_term_dates, is_election_year
from .signals import assignments_changed


def _lock_body(body_id: int) -> None:
    # Serialises the overlap checks of one body (a no-op lock on SQLite, whose writes are serial anyway).
    list(Body.objects.select_for_update().filter(pk=body_id).values_list("pk"))


def announce_changed(person_ids) -> None:
    """Tell the apps above, once committed, whose assignments changed."""
    ids = sorted(set(person_ids))
    if ids:
        transaction.on_commit(lambda: assignments_changed.send(sender=Assignment, person_ids=ids))


@transaction.atomic
def body_save(*, body: Body) -> Body:
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def term_save(*, term: Term) -> Term:
    if term.body_id:
        _lock_body(term.body_id)
    term.full_clean()
    term.save()
    announce_changed(Assignment.objects.filter(term=term).values_list("person_id", flat=True))
    return term


@transaction.atomic
def terms_create_for_election(*, election_year: int, bodies=None) -> list[Term]:
    """The term after ``election_year``'s election for every active body that has none, with the
    usual dates of its kind (editable afterwards)."""
    if not is_election_year(election_year):
        raise ValueError(f"{election_year} is not a general election year")
    created = []
    for body in bodies if bodies is not None else Body.objects.filter(is_active=True):
        if Term.objects.filter(body=body, election_year=election_year).exists():
            continue
        starts_on, ends_on = default_term_dates(body.kind, election_year)
        created.append(
            term_save(term=Term(body=body, election_year=election_year, starts_on=starts_on, ends_on=ends_on))
        )
    return created


@transaction.atomic
def assignment_save(*, assignment: Assignment) -> Assignment:
    """Make or change an assignment; the 'to' date defaults to the term's last day."""
    term = assignment.term
    _lock_body(term.body_id)
    if assignment.ends_on is None:
        assignment.ends_on = term.ends_on
    if assignment.starts_on is None:
        assignment.starts_on = term.starts_on
    previous = None
    if assignment.pk:
        previous = Assignment.objects.filter(pk=assignment.pk).values_list("person_id", flat=True).first()
    assignment.full_clean()
    assignment.save()
    announce_changed({assignment.person_id, previous} - {None})
    return assignment


@transaction.atomic
def assignments_create_many(*, assignments: list[Assignment]) -> list[Assignment]:
    """Many new assignments at once (the demo, a new term's lists): each checked by the model's
    rules against the stored ones and the others in the list, then written in bulk, and the apps
    above told once."""
    for body_id in sorted({a.term.body_id for a in assignments}):
        _lock_body(body_id)
    seen: dict[tuple, list[Assignment]] = {}
    for assignment in assignments:
        assignment.starts_on = assignment.starts_on or assignment.term.starts_on
        assignment.ends_on = assignment.ends_on or assignment.term.ends_on
        assignment.full_clean()
        key = (assignment.person_id, assignment.term.body_id, assignment.role)
        for other in seen.get(key, []):
            if other.starts_on <= assignment.ends_on and other.ends_on >= assignment.starts_on:
                raise ValidationError({"role": Assignment.overlap_message(assignment, other)})
        seen.setdefault(key, []).append(assignment)
    created = Assignment.objects.bulk_create(assignments, batch_size=1000)
    announce_changed(a.person_id for a in assignments)
    return created


@transaction.atomic
def assignment_end(*, assignment: Assignment, ends_on: date, reason: str) -> Assignment:
    """End an assignment early (resignation, withdrawal…); its history stays."""
    assignment.ends_on = ends_on
    assignment.end_reason = reason
    return assignment_save(assignment=assignment)


@transaction.atomic
def assignment_delete(*, assignment: Assignment) -> None:
    """Remove an assignment entered by mistake (one that ended is ended, not deleted)."""
    person_id = assignment.person_id
    assignment.delete()
    announce_changed([person_id])
