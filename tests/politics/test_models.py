"""Bodies, terms and assignments: the calendar of elections and terms, and the rules against bad
input (overlaps, an assignment outside its term), with clear messages and nothing saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from lms.politics import selectors, services
from lms.politics.models import (
    Assignment,
    AssignmentRole,
    BodyKind,
    EndReason,
    Term,
    default_term_dates,
    election_day,
    latest_election_year,
)
from tests.factories import PersonFactory

from .factories import AssignmentFactory, BodyFactory, TermFactory

pytestmark = pytest.mark.django_db


def test_elections_are_on_the_second_sunday_of_september():
    assert election_day(2026) == date(2026, 9, 13)
    assert election_day(2030) == date(2030, 9, 8)
    assert election_day(2022) == date(2022, 9, 11)


def test_latest_election_year():
    assert latest_election_year(date(2026, 9, 12)) == 2022
    assert latest_election_year(date(2026, 9, 13)) == 2026
    assert latest_election_year(date(2030, 10, 16)) == 2030


def test_default_term_dates_by_kind():
    assert default_term_dates(BodyKind.COUNCIL, 2026) == (date(2026, 10, 15), date(2030, 10, 14))
    assert default_term_dates(BodyKind.EXECUTIVE, 2026) == (date(2027, 1, 1), date(2030, 12, 31))
    assert default_term_dates(BodyKind.COMMITTEE, 2030) == (date(2031, 1, 1), date(2034, 12, 31))


def test_terms_for_an_election_and_the_current_and_coming_terms():
    council = BodyFactory(kind=BodyKind.COUNCIL, name="Kommunfullmäktige")
    committee = BodyFactory(kind=BodyKind.COMMITTEE)
    services.terms_create_for_election(election_year=2022)
    created = services.terms_create_for_election(election_year=2026)
    assert {(t.body, t.label) for t in created} == {(council, "2026–2030"), (committee, "2026–2030")}
    assert services.terms_create_for_election(election_year=2026) == []  # again: nothing new

    on = date(2026, 11, 1)  # the council's new term has begun, the committee's has not
    assert selectors.current_term(body=council, on=on).election_year == 2026
    assert selectors.current_term(body=committee, on=on).election_year == 2022
    assert selectors.coming_term(body=committee, on=on).starts_on == date(2027, 1, 1)
    assert selectors.coming_term(body=council, on=on) is None
    with pytest.raises(ValueError):
        services.terms_create_for_election(election_year=2027)


def test_overlapping_terms_of_one_body_are_refused_with_a_message():
    term = TermFactory(body__name="Kommunfullmäktige", body__kind=BodyKind.COUNCIL)
    overlapping = Term(body=term.body, election_year=2030, starts_on=date(2030, 10, 1), ends_on=date(2034, 10, 14))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.term_save(term=overlapping)
    assert error.value.message_dict["starts_on"] == [
        "Kommunfullmäktige already has the term 2026–2030 (2026-10-15 to 2030-10-14), which overlaps these dates."
    ]
    assert Term.objects.count() == 1


def test_a_term_cannot_start_before_its_election_nor_end_before_it_starts():
    body = BodyFactory()
    with pytest.raises(ValidationError) as error:
        services.term_save(
            term=Term(body=body, election_year=2026, starts_on=date(2026, 9, 1), ends_on=date(2030, 1, 1))
        )
    assert "starts_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.term_save(
            term=Term(body=body, election_year=2026, starts_on=date(2027, 1, 1), ends_on=date(2027, 1, 1))
        )
    assert "ends_on" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):  # and the database says so too
        Term.objects.create(body=body, election_year=2026, starts_on=date(2027, 1, 1), ends_on=date(2026, 1, 1))
    assert not Term.objects.exists()


def test_an_assignment_runs_the_whole_term_unless_told_otherwise():
    assignment = AssignmentFactory(term__body__kind=BodyKind.COUNCIL)
    assert (assignment.starts_on, assignment.ends_on) == (date(2026, 10, 15), date(2030, 10, 14))


def test_a_person_holds_several_assignments_and_an_employment():
    person = PersonFactory(employee_number="E-1")  # employed
    council = AssignmentFactory(person=person, term__body__kind=BodyKind.COUNCIL)
    committee = AssignmentFactory(person=person, role=AssignmentRole.CHAIR)
    substitute = AssignmentFactory(person=person, role=AssignmentRole.SUBSTITUTE, term=committee.term)
    on = date(2027, 2, 1)
    assert set(selectors.assignments_of(person=person, on=on)) == {council, committee, substitute}
    with translation.override("sv"):
        assert council.reason == f"som ledamot i {council.term.body.name}"


def test_the_same_role_twice_at_once_in_one_body_is_refused():
    first = AssignmentFactory()
    again = Assignment(
        person=first.person, term=first.term, role=AssignmentRole.MEMBER, starts_on=date(2028, 1, 1), ends_on=None
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.assignment_save(assignment=again)
    assert error.value.message_dict["role"] == [
        f"{first.person} is already member in {first.term.body} from 2027-01-01 to 2030-12-31; the dates overlap."
    ]
    assert Assignment.objects.count() == 1


def test_the_same_role_again_after_the_first_ended_is_allowed():
    first = AssignmentFactory()
    services.assignment_end(assignment=first, ends_on=date(2027, 6, 30), reason=EndReason.RESIGNED)
    again = AssignmentFactory(person=first.person, term=first.term, starts_on=date(2028, 1, 1))
    assert again.ends_on == first.term.ends_on
    assert Assignment.objects.count() == 2


def test_an_assignment_outside_its_term_is_refused():
    term = TermFactory()
    person = PersonFactory()
    for starts_on, ends_on in [(date(2026, 12, 31), None), (date(2027, 1, 1), date(2031, 1, 1))]:
        with translation.override("en"), pytest.raises(ValidationError) as error:
            services.assignment_save(
                assignment=Assignment(
                    person=person, term=term, role=AssignmentRole.MEMBER, starts_on=starts_on, ends_on=ends_on
                )
            )
        assert error.value.message_dict["starts_on"] == [
            f"The assignment must lie within its term 2026–2030 of {term.body} (2027-01-01 to 2030-12-31)."
        ]
    assert not Assignment.objects.exists()


def test_an_end_reason_only_for_an_early_end():
    assignment = AssignmentFactory()
    assignment.end_reason = EndReason.RESIGNED
    with pytest.raises(ValidationError) as error:
        services.assignment_save(assignment=assignment)
    assert "end_reason" in error.value.message_dict


def test_assignments_changed_is_sent_on_commit(django_capture_on_commit_callbacks):
    from lms.politics.signals import assignments_changed

    seen = []

    def listener(sender, person_ids, **kwargs):
        seen.append(person_ids)

    assignments_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assignment = AssignmentFactory()
    finally:
        assignments_changed.disconnect(listener)
    assert seen == [[assignment.person_id]]
