"""Elected representatives: the political bodies, their terms of office and who holds which
assignment (uppdrag) in them.

**Bodies beside the tree, not in it.** A ``Body`` (the council, the executive committee, a
committee, a company's board, a joint body) is a model of its own that points at the ``OrgUnit``
it governs (the council and the executive committee: the municipality; a committee: its
administration; a board: its company). It is not an ``OrgUnit`` of kind ``COMMITTEE``, because:

- the tree is where *people are placed* and what the reports roll up: an ``OrgUnit`` holds
  employees, its units below it, and HR's import rewrites it from the HR system's export. Bodies
  come from the register of elected representatives, hold no employees and have no units below
  them; as nodes they would put politicians beside the staff of the administration they govern,
  double the roll-up's counts for a person who is both, and be deleted by a full HR import;
- a politician holds several assignments at once and often an employment too, while a ``Person``
  sits in exactly one unit. Assignments are many-to-many over time (with terms, roles and end
  dates); the tree cannot say that;
- the link to the governed unit keeps what the tree is good for: a body's rows are scoped by the
  unit it governs (a user limited to an administration sees its committee), and reports can place
  a body where it belongs in the group.

``OrgUnitKind.COMMITTEE`` stays what it is: the organisational side of a committee (its office)
as the HR system knows it.

**Terms per body.** A ``Term`` (mandatperiod) is one body's period of office for one election:
the council's from 15 October of the election year, the executive committee's and the other
bodies' from 1 January after, each to the day before the next one starts (``default_term_dates``;
editable). Terms of the same body may not overlap.

**Assignments.** An ``Assignment`` links a ``Person`` to a body through one of its terms, with a
role, from and to dates inside the term, and a reason when it ended early. The body is the term's
(no second foreign key that could disagree). The same person may not hold the same role in the
same body twice at the same time; ``clean`` says so in words and ``services`` checks it under a
lock on the body, so two imports cannot both slip through.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess
from lms.organisation.models import OrgUnit, Person

FIRST_ELECTION_YEAR = 2026  # general elections every four years from here on (and back)
TERM_YEARS = 4


def election_day(year: int) -> date:
    """The second Sunday of September (the Elections Act, 2005:837)."""
    first = date(year, 9, 1)
    first_sunday = first + timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + timedelta(days=7)


def is_election_year(year: int) -> bool:
    return (year - FIRST_ELECTION_YEAR) % TERM_YEARS == 0


def latest_election_year(on: date) -> int:
    """The year of the latest general election on or before ``on``."""
    year = on.year - (on.year - FIRST_ELECTION_YEAR) % TERM_YEARS
    return year if election_day(year) <= on else year - TERM_YEARS


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Municipal council")
    EXECUTIVE = "executive", _("Municipal executive committee")
    COMMITTEE = "committee", _("Committee")
    COMPANY_BOARD = "company_board", _("Company board")
    JOINT = "joint", _("Joint body")


def default_term_dates(kind: str, election_year: int) -> tuple[date, date]:
    """A term's usual first and last day: the council's from 15 October of the election year
    (kommunallagen 5 kap. 9 §), every other body's from 1 January after; to the day before the
    next term of the same kind starts."""
    if kind == BodyKind.COUNCIL:
        start = date(election_year, 10, 15)
    else:
        start = date(election_year + 1, 1, 1)
    return start, start.replace(year=start.year + TERM_YEARS) - timedelta(days=1)


class Body(models.Model):
    """A political body of the municipal group (see the module's docstring: beside the tree,
    pointing at the unit it governs)."""

    # Scoped by the unit the body governs: a user limited to an administration sees its committee.
    # Wound up (is_active), never deleted: bodies hold the history of their terms.
    row_access = RowAccess(unit_path="org_unit__path", actions=("add", "change", "view"))

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("The body's code in the register of elected representatives; imports match bodies by it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="political_bodies",
        verbose_name=_("governs"),
        help_text=_("The part of the group the body is responsible for, e.g. the administration of a committee."),
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Untick when the body is wound up."))

    class Meta:
        verbose_name = _("political body")
        verbose_name_plural = _("political bodies")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class TermQuerySet(models.QuerySet):
    def current(self, on: date):
        return self.filter(starts_on__lte=on, ends_on__gte=on)

    def coming(self, on: date):
        return self.filter(starts_on__gt=on)


class Term(models.Model):
    """One body's term of office (mandatperiod) after one general election."""

    # Edited, never deleted: a term holds its assignments' history.
    row_access = RowAccess(unit_path="body__org_unit__path", actions=("add", "change", "view"))

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="terms", verbose_name=_("political body"))
    election_year = models.PositiveSmallIntegerField(
        _("election year"), help_text=_("The year of the general election the term follows, e.g. 2026.")
    )
    starts_on = models.DateField(
        _("first day"), help_text=_("The council's term starts on 15 October, other bodies' on 1 January after.")
    )
    ends_on = models.DateField(_("last day"))

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["body__name", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="term_ends_after_start"),
            models.UniqueConstraint(fields=["body", "election_year"], name="term_one_per_body_and_election"),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.label}" if self.body_id else self.label

    @property
    def label(self) -> str:
        """'2026–2030'."""
        return f"{self.election_year}–{self.election_year + TERM_YEARS}" if self.election_year else ""

    label.fget.short_description = _("Term")

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The last day must come after the first day.")
        if self.election_year and self.starts_on and self.starts_on < election_day(self.election_year):
            errors["starts_on"] = _("A term cannot start before its election (%(day)s).") % {
                "day": date_format(election_day(self.election_year), "Y-m-d")
            }
        if not errors and self.body_id and self.starts_on and self.ends_on:
            other = (
                Term.objects.filter(body_id=self.body_id, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
                .exclude(pk=self.pk)
                .first()
            )
            if other is not None:
                errors["starts_on"] = _(
                    "%(body)s already has the term %(term)s (%(start)s to %(end)s), which overlaps these dates."
                ) % {
                    "body": self.body,
                    "term": other.label,
                    "start": date_format(other.starts_on, "Y-m-d"),
                    "end": date_format(other.ends_on, "Y-m-d"),
                }
        if errors:
            raise ValidationError(errors)


class AssignmentRole(models.TextChoices):
    MEMBER = "member", _("Member")
    SUBSTITUTE = "substitute", _("Substitute")
    CHAIR = "chair", _("Chair")
    FIRST_VICE_CHAIR = "first_vice_chair", _("First vice chair")
    SECOND_VICE_CHAIR = "second_vice_chair", _("Second vice chair")


# A chair or vice chair is a member elected to lead: "members" includes them.
MEMBER_ROLES = (
    AssignmentRole.MEMBER,
    AssignmentRole.CHAIR,
    AssignmentRole.FIRST_VICE_CHAIR,
    AssignmentRole.SECOND_VICE_CHAIR,
)
CHAIR_ROLES = (AssignmentRole.CHAIR, AssignmentRole.FIRST_VICE_CHAIR, AssignmentRole.SECOND_VICE_CHAIR)

# The reason a requirement names for an assignment: "as member of the municipal council".
ROLE_REASONS = {
    AssignmentRole.MEMBER: _("as member of %(body)s"),
    AssignmentRole.SUBSTITUTE: _("as substitute in %(body)s"),
    AssignmentRole.CHAIR: _("as chair of %(body)s"),
    AssignmentRole.FIRST_VICE_CHAIR: _("as first vice chair of %(body)s"),
    AssignmentRole.SECOND_VICE_CHAIR: _("as second vice chair of %(body)s"),
}


class EndReason(models.TextChoices):
    RESIGNED = "resigned", _("Resigned")
    NO_LONGER_ELIGIBLE = "ineligible", _("No longer eligible")
    WITHDRAWN = "withdrawn", _("Assignment withdrawn")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other reason")


class AssignmentQuerySet(models.QuerySet):
    def current(self, on: date):
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class Assignment(models.Model):
    """A person's assignment (uppdrag) in a political body for (part of) one term."""

    # Rows about a person: scoped, like every record about them, by where the person is placed,
    # not by the body (a limited HR user must not read the council's whole membership through it).
    row_access = RowAccess(unit_path="person__org_unit__path")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="political_assignments", verbose_name=_("person")
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("term of office")
    )
    role = models.CharField(_("role"), max_length=20, choices=AssignmentRole.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), help_text=_("The term's last day, unless the assignment ended early."))
    end_reason = models.CharField(_("reason for ending early"), max_length=20, choices=EndReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["term__body__name", "role", "person__user__last_name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="assignment_ends_after_start"),
            # The database's guard against the plainest overlap (the same row twice); the rest is clean's.
            models.UniqueConstraint(
                fields=["person", "term", "role", "starts_on"], name="assignment_once_per_person_term_role_start"
            ),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.term}"

    @property
    def body(self) -> Body:
        return self.term.body

    @staticmethod
    def overlap_message(assignment: "Assignment", clash: "Assignment") -> str:
        return _("%(person)s is already %(role)s in %(body)s from %(start)s to %(end)s; the dates overlap.") % {
            "person": assignment.person,
            "role": clash.get_role_display().lower(),
            "body": clash.term.body,
            "start": date_format(clash.starts_on, "Y-m-d"),
            "end": date_format(clash.ends_on, "Y-m-d"),
        }

    @property
    def reason(self) -> str:
        """'as member of the municipal council' (for the learner's list of what is required)."""
        return ROLE_REASONS[self.role] % {"body": self.term.body.name}

    def clean(self):
        errors = {}
        term = self.term if self.term_id else None
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The assignment cannot end before it starts.")
        if term is not None and self.starts_on and self.ends_on:
            if self.starts_on < term.starts_on or self.ends_on > term.ends_on:
                errors["starts_on"] = _(
                    "The assignment must lie within its term %(term)s of %(body)s (%(start)s to %(end)s)."
                ) % {
                    "term": term.label,
                    "body": term.body,
                    "start": date_format(term.starts_on, "Y-m-d"),
                    "end": date_format(term.ends_on, "Y-m-d"),
                }
            elif self.end_reason and self.ends_on == term.ends_on:
                errors["end_reason"] = _("Give a reason only when the assignment ends before its term does.")
        if not errors and term is not None and self.person_id and self.role and self.starts_on and self.ends_on:
            clash = (
                Assignment.objects.filter(
                    person_id=self.person_id,
                    term__body_id=term.body_id,
                    role=self.role,
                    starts_on__lte=self.ends_on,
                    ends_on__gte=self.starts_on,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                errors["role"] = self.overlap_message(self, clash)
        if errors:
            raise ValidationError(errors)
