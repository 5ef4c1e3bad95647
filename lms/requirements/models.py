"""Required training: who must take which course by when, reminders about it,
and training events (seminars, workshops) that count like an e-course."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.access.rule import RowAccess
from lms.courses.models import CoursePage, Enrolment
from lms.organisation.models import Audience, OrgUnit, Person
from lms.politics.models import Body

DAYS_PER_MONTH = 30  # for comparing a renewal period in months with a due period in days


class RequirementQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class AssignmentHolders(models.TextChoices):
    """Which holders of a political assignment (lms.politics) a requirement covers."""

    NONE = "", _("None")
    ALL = "all", _("Every holder of an assignment")
    MEMBERS_AND_SUBSTITUTES = "members_and_substitutes", _("Members and substitutes")
    MEMBERS = "members", _("Members (with chairs)")
    SUBSTITUTES = "substitutes", _("Substitutes")
    CHAIRS = "chairs", _("Chairs and vice chairs")


class Requirement(models.Model):
    """HR's decision that a course is required for some audiences in an org subtree, and/or for
    the holders of assignments in political bodies in their current term; due some days after
    assignment (for assignment holders: after their term started) or by a fixed date, and
    perhaps renewed every few months. A new term is a new cycle for its assignment holders."""

    row_access = RowAccess(unit_path="org_unit__path")

    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("course")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requirements",
        verbose_name=_("organisational unit"),
        help_text=_("Who is covered: the people of this unit. Empty: only the assignment holders chosen below."),
    )
    include_descendants = models.BooleanField(
        _("include units below"), default=True, help_text=_("Also everyone in the units below this one.")
    )
    for_staff = models.BooleanField(_("staff"), default=False)
    for_managers = models.BooleanField(_("managers"), default=False)
    for_politicians = models.BooleanField(_("elected politicians"), default=False)
    assignment_holders = models.CharField(
        _("holders of political assignments"),
        max_length=30,
        choices=AssignmentHolders.choices,
        default=AssignmentHolders.NONE,
        blank=True,
        help_text=_(
            "Also everyone holding such an assignment in the current term, wherever they are placed. "
            "Each new term starts a new cycle for them, due counted from the term's start."
        ),
    )
    bodies = models.ManyToManyField(
        Body,
        blank=True,
        related_name="requirements",
        verbose_name=_("political bodies"),
        help_text=_("Only assignments in these bodies. Empty: every body."),
    )
    due_days = models.PositiveSmallIntegerField(
        _("due within (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3650)],
        help_text=_("Days from assignment until the course must be done. Give this or a fixed date."),
    )
    due_date = models.DateField(
        _("fixed due date"), null=True, blank=True, help_text=_("One date for everyone. Give this or a number of days.")
    )
    renewal_months = models.PositiveSmallIntegerField(
        _("renew every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("A new cycle is assigned before the previous completion is this old. Empty: never renewed."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to stop requiring the course. Enrolments stay, marked as no longer required."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("The decision behind it, e.g. the council's action plan.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequirementQuerySet.as_manager()

    AUDIENCE_FIELDS = {
        Audience.STAFF: "for_staff",
        Audience.MANAGER: "for_managers",
        Audience.POLITICIAN: "for_politicians",
    }

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["course__title", "org_unit__path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_staff=True)
                | Q(for_managers=True)
                | Q(for_politicians=True)
                | ~Q(assignment_holders=""),
                name="requirement_has_an_audience",
            ),
            models.CheckConstraint(
                condition=Q(org_unit__isnull=False) | Q(for_staff=False, for_managers=False, for_politicians=False),
                name="requirement_audiences_need_a_unit",
            ),
            models.CheckConstraint(
                condition=Q(due_days__isnull=False, due_date__isnull=True)
                | Q(due_days__isnull=True, due_date__isnull=False),
                name="requirement_one_kind_of_due_date",
            ),
        ]

    def __str__(self) -> str:
        if self.org_unit_id is None:
            return f"{self.course} – {self.get_assignment_holders_display()}"
        return f"{self.course} – {self.org_unit}"

    @property
    def audiences(self) -> list[str]:
        return [aud for aud, field in self.AUDIENCE_FIELDS.items() if getattr(self, field)]

    def get_audiences_display(self) -> str:
        labels = dict(Audience.choices)
        return ", ".join(str(labels[a]) for a in self.audiences)

    def due_date_for(self, assigned_on: date) -> date:
        if self.due_date is not None:
            return self.due_date
        return assigned_on + timezone.timedelta(days=self.due_days)

    def clean(self):
        errors = {}
        if not self.audiences and not self.assignment_holders:
            errors["for_staff"] = _(
                "Choose at least one audience (staff, managers or elected politicians) "
                "or the holders of political assignments."
            )
        elif self.audiences and self.org_unit_id is None:
            errors["org_unit"] = _("Choose the unit whose staff, managers or politicians the course is required for.")
        if self.due_days is None and self.due_date is None:
            errors["due_days"] = _("Give either a number of days or a fixed due date.")
        elif self.due_days is not None and self.due_date is not None:
            errors["due_date"] = _("Give either a number of days or a fixed due date, not both.")
        elif self.due_date is not None and self.due_date < timezone.localdate() and self._state.adding:
            errors["due_date"] = _("The due date has already passed. Choose a date from today on.")
        elif self.due_days == 0:
            errors["due_days"] = _("Give at least one day to do the course.")
        if self.renewal_months is not None:
            due_period = self.due_days if self.due_days is not None else None
            if self.due_date is not None:
                due_period = (self.due_date - timezone.localdate()).days
            if self.renewal_months == 0:
                errors["renewal_months"] = _("Renewal must be at least one month, or empty for never.")
            elif due_period is not None and self.renewal_months * DAYS_PER_MONTH < due_period:
                errors["renewal_months"] = _(
                    "The renewal period (%(months)s months) is shorter than the time given to do the course "
                    "(%(days)s days): people would be asked to renew before they were due."
                ) % {"months": self.renewal_months, "days": due_period}
        if errors:
            raise ValidationError(errors)


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("Before the due date")
    ON_DUE = "on_due", _("On the due date")
    OVERDUE = "overdue", _("Weekly while overdue")
    MANAGER_DIGEST = "manager_digest", _("Manager's digest of overdue people")
    ASSIGNED = "assigned", _("New assignment")
    SURVEY = "survey", _("Survey not yet answered")  # sent for lms.surveys, which sits above this app


class MailTemplate(models.Model):
    """The text of one kind of reminder in one language, editable by HR.
    Placeholders: {name}, {course}, {due_date}, {course_url}, {weeks_overdue}, {people} (digest);
    {survey}, {survey_url}, {closes_on} (survey reminders)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LMS_INTERFACE_LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        pgettext_lazy("mail", "body"), help_text=_("Plain text. Placeholders in braces, e.g. {name} and {course}.")
    )

    class Meta:
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")
        constraints = [models.UniqueConstraint(fields=["kind", "language"], name="mailtemplate_one_per_kind_language")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"

    def clean(self):
        from .reminders import check_placeholders

        errors = {f: check_placeholders(getattr(self, f)) for f in ("subject", "body")}
        errors = {f: e for f, e in errors.items() if e}
        if errors:
            raise ValidationError(errors)


class ReminderLog(models.Model):
    """One mail per occasion: the unique key stops a retried task or a beat fired twice from sending again."""

    row_access = RowAccess(unit_path="recipient__org_unit__path", permission="requirements.view_requirement")

    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped (opted out)")

    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, null=True, related_name="+")
    occasion = models.CharField(max_length=40, help_text="e.g. the due date, the overdue week number, the ISO week")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    claimed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "enrolment", "occasion"],
                condition=Q(enrolment__isnull=False),
                name="reminder_once_per_enrolment",
            ),
            models.UniqueConstraint(  # manager digests have no enrolment
                fields=["kind", "recipient", "occasion"],
                condition=Q(enrolment__isnull=True),
                name="reminder_once_per_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.recipient_id} {self.occasion}"


class MailPreference(models.Model):
    """A person's choice about mails that are not mandatory (reminders for courses they chose themselves)."""

    row_access = RowAccess(unit_path="person__org_unit__path", permission="organisation.view_person")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="mail_preference")
    optional_reminders = models.BooleanField(_("reminders for courses I chose myself"), default=True)

    def __str__(self) -> str:
        return str(self.person)


class TrainingEvent(models.Model):
    """A seminar or workshop, in person or online. Attending counts as completing its course,
    so the figures show every competence-raising effort, not only e-learning."""

    title = models.CharField(_("title"), max_length=200)
    course = models.ForeignKey(
        CoursePage,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("counts for course"),
        help_text=_("Attending completes this course for the participant."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Room and address, if in person."))
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Link to the meeting, if online."))
    seats = models.PositiveSmallIntegerField(_("seats"), help_text=_("How many can sign up."))
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
        help_text=_("May record attendance besides HR."),
    )

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.title} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if not self.place and not self.online_url:
            raise ValidationError({"place": _("Give a place or an online link.")})


class Registration(models.Model):
    """A person signed up for an event, and whether they attended."""

    # The event's organiser records attendance: they see its registrations too.
    row_access = RowAccess(
        unit_path="person__org_unit__path", permission="requirements.view_trainingevent", also_for="event__organiser"
    )

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="event_registrations")
    registered_at = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(_("attended"), default=False)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="registration_once_per_event")]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"
