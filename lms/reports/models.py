"""State of the reports area: the roll-up of completion counts, who may see which part of the
group, HR's targets, the daily public snapshot and background exports.

The figures themselves are defined once, in ``selectors.py``. Nothing here is written by
another app: the roll-up and the snapshot are recomputed from enrolments by ``services.py``.
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess
from lms.core.storage import private_storage
from lms.courses.models import CoursePage
from lms.organisation.models import Audience, OrgUnit

from . import disclosure


class CompletionSummary(models.Model):
    """Counts of current required enrolments of the active people sitting directly in one unit,
    per course and audience (see selectors.py for the definitions). Rolled up the tree at read
    time by path, so a 400-unit group is a few thousand rows however many people it has.
    Replaced as a whole by ``services.summary_refresh`` (one INSERT … SELECT … GROUP BY)."""

    # Counts, never a person; declared so the reports narrow them by the rule (never in an admin view).
    row_access = RowAccess(unit_path="org_unit__path", permission="reports.view_reports", actions=())

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    required = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    in_progress = models.PositiveIntegerField(default=0)
    not_started = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    cert_valid = models.PositiveIntegerField(default=0)
    cert_expiring = models.PositiveIntegerField(default=0)
    cert_expired = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("completion summary")
        verbose_name_plural = _("completion summaries")
        # The reports area's permission lives here: HR's role grants "reports.view_reports".
        permissions = [("view_reports", _("Can view completion reports"))]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "course", "audience"], name="summary_one_per_unit_course")
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id}/{self.course_id}/{self.audience}"


class SummaryRefresh(models.Model):
    """When the roll-up (and the public snapshot) were last recomputed; shown on the pages."""

    key = models.CharField(max_length=30, unique=True)
    refreshed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("summary refresh")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.key} {self.refreshed_at:%Y-%m-%d %H:%M}"


class CourseTarget(models.Model):
    """A goal HR sets: e.g. 90 % of staff have completed the course by a date."""

    # A target for the whole group (no unit) is seen only by those who see the whole group.
    row_access = RowAccess(unit_path="org_unit__path", permission="reports.view_reports")

    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("course"))
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text=_("Empty: everyone required to take the course."),
    )
    percent = models.PositiveSmallIntegerField(
        _("target (%)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of the people required who should have completed the course."),
    )
    by_date = models.DateField(_("by date"), help_text=_("When the target should be reached (YYYY-MM-DD)."))
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisational unit"),
        help_text=_("Empty: the whole municipal group. Otherwise this unit and the units below it."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("e.g. the council decision behind it."))

    class Meta:
        verbose_name = _("course target")
        verbose_name_plural = _("course targets")
        ordering = ["by_date", "course__title"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=1, percent__lte=100), name="coursetarget_percent_range")
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.percent} % {self.by_date:%Y-%m-%d}"


class PublicCell(models.Model):
    """What the public page shows of one group and course on a snapshot date: the counts, or why
    not (disclosure.py). A hidden cell keeps no counts; a banded one (everyone or no one, nearly)
    keeps the group's size but not its completions, so no page or PDF can print them."""

    class Reason(models.TextChoices):
        SMALL = disclosure.Reason.SMALL, _("fewer than five")
        REVEALS = disclosure.Reason.REVEALS, _("would reveal another group")
        OVERLAP = disclosure.Reason.OVERLAP, _("overlapping assignments")

    class Band(models.TextChoices):
        LOW = disclosure.LOW, _("at most")
        HIGH = disclosure.HIGH, _("at least")

    snapshot_date = models.DateField(db_index=True)
    is_total = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0, help_text="Order on the page.")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    course_title = models.CharField(max_length=255)
    suppressed = models.BooleanField(default=False)
    reason = models.CharField(max_length=10, choices=Reason.choices, blank=True)
    band = models.CharField(max_length=4, choices=Band.choices, blank=True)
    required = models.PositiveIntegerField(null=True, blank=True)
    completed = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True
        default_permissions = ()

    @classmethod
    def counts_rule(cls, name: str) -> models.CheckConstraint:
        """Hidden: a reason and no counts. Banded: the size only. Otherwise both counts."""
        return models.CheckConstraint(
            condition=Q(suppressed=True, required__isnull=True, completed__isnull=True) & ~Q(reason="")
            | Q(suppressed=False, reason="", required__isnull=False)
            & (Q(band="", completed__isnull=False) | ~Q(band="") & Q(completed__isnull=True)),
            name=name,
        )

    @property
    def rate(self) -> float | None:
        if self.suppressed or self.band or not self.required:
            return None
        return self.completed / self.required

    @property
    def band_percent(self) -> int | None:
        return disclosure.band_percent(self.required, self.band) if self.band else None


class PublicFigure(PublicCell):
    """One row of the public page: completion of a required course in one administration or
    company (or the whole group) on the snapshot date (``services.public_snapshot_refresh``)."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    unit_name = models.CharField(max_length=200)
    unit_kind = models.CharField(max_length=20)

    class Meta(PublicCell.Meta):
        verbose_name = _("public figure")
        verbose_name_plural = _("public figures")
        constraints = [
            models.UniqueConstraint(fields=["snapshot_date", "org_unit", "course"], name="publicfigure_once_per_day"),
            PublicCell.counts_rule("publicfigure_hidden_or_banded_has_no_counts"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_date} {self.unit_name} {self.course_title}"


class PublicBodyFigure(PublicCell):
    """One cell of the elected bodies' table on the public page: the current holders of
    assignments in one body (or in any body: the total) and their completion of a course required
    of holders, on the snapshot date. Made by the same nightly job as ``PublicFigure``."""

    body_name = models.CharField(max_length=200, blank=True)

    class Meta(PublicCell.Meta):
        verbose_name = _("public figure of a body")
        verbose_name_plural = _("public figures of bodies")
        constraints = [PublicCell.counts_rule("publicbodyfigure_hidden_or_banded_has_no_counts")]

    def __str__(self) -> str:
        return f"{self.snapshot_date} {self.body_name} {self.course_title}"


EXPORTS_FOLDER = "reports/exports"


def export_file_name(instance, filename: str) -> str:
    """A random folder per job in private storage: the file is only handed out by the download view."""
    return f"{EXPORTS_FOLDER}/{secrets.token_urlsafe(24)}/{filename}"


class ExportJob(models.Model):
    """A large export written by a Celery worker, downloaded when ready by the user who asked."""

    # The file names people: only the user who asked for it sees it.
    row_access = RowAccess(unit_path=None, permission="reports.view_reports", owner="user")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    report = models.CharField(max_length=30, help_text="Which report, e.g. 'enrolments' or 'overdue'.")
    params = models.JSONField(default=dict, blank=True, help_text="The report's filters when the job was made.")
    export_format = models.CharField(max_length=4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    # Exports list named people: private storage, never MEDIA_ROOT (served to anyone).
    file = models.FileField(upload_to=export_file_name, storage=private_storage, max_length=300, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        default_permissions = ()
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.report}.{self.export_format} ({self.status})"

    @property
    def kept_until(self):
        """When the daily clean-up deletes the job and its file (services.export_jobs_expire)."""
        return self.created_at + timedelta(days=settings.LMS_REPORTS_EXPORT_KEEP_DAYS)

    @property
    def percent_done(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, int(100 * self.rows_done / self.rows_total))
