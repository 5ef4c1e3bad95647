"""Training together: a course taken as a group at a workplace meeting, led by a manager, and who was there.

A ``GroupSession`` is one showing of one course for one unit on one day. While it is open the leader
presents the lessons and enters the polls' show of hands; confirming it records who was present
(``SessionAttendance``) and completes each one's enrolment with ``CompletionRoute.GROUP_SESSION``
(services.session_confirm). Once confirmed, only HR corrects it, with a reason (services.session_correct).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from lms.access.rule import RowAccess
from lms.courses.models import CoursePage, Enrolment
from lms.organisation.models import OrgUnit, Person


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed")


class GroupSession(models.Model):
    """One course taken together by a unit's people on one day, led by one person."""

    # The unit's rows; the leader sees their own sessions too (a leader without the view permission).
    row_access = RowAccess(unit_path="org_unit__path", also_for="leader")

    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="group_sessions", verbose_name=_("course")
    )
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="group_sessions", verbose_name=_("unit")
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # an erased leader's sessions stay, without the name
        null=True,
        related_name="led_group_sessions",
        verbose_name=_("leader"),
    )
    held_on = models.DateField(_("held on"))
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN)
    # The polls' show of hands: {poll block id: {choice id: count}}; a poll skipped is absent. Counts only.
    poll_counts = models.JSONField(_("show of hands"), default=dict, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["org_unit", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=SessionStatus.OPEN, confirmed_at__isnull=True)
                | Q(status=SessionStatus.CONFIRMED, confirmed_at__isnull=False),
                name="groupsession_confirmed_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course.title} – {self.org_unit.name} {self.held_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN


class SessionAttendance(models.Model):
    """A person present at a confirmed session, and the enrolment it completed (None: it completed
    none, the person had completed the course already in this cycle)."""

    row_access = RowAccess(
        unit_path="person__org_unit__path", permission="group_training.view_groupsession", also_for="session__leader"
    )

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="group_attendances")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="group_attendances"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="attendance_once_per_session")]

    def __str__(self) -> str:
        return f"{self.person} – {self.session}"


class GroupSessionTerms(models.Model):
    """What a group session counts as for one course: by default the whole course; where the course
    keeps its quiz individual, the session counts as the lessons done and each person still takes the
    quiz. Edited in the course's editor (registered in its "Completion and certificate" group)."""

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="group_session_terms", verbose_name=_("course")
    )
    quiz_required_after_session = models.BooleanField(
        _("quiz still required after a group session"),
        default=False,
        help_text=_("If ticked, a group session counts as the lessons done; each person still passes the quiz."),
    )

    class Meta:
        verbose_name = _("group session terms")
        verbose_name_plural = _("group session terms")
        constraints = [models.UniqueConstraint(fields=["course"], name="one_group_terms_per_course")]

    def __str__(self) -> str:
        return str(self.course)
