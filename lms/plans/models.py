"""The democracy plan and its follow-up.

A council's action plan (``Plan``) holds numbered commitments in three groups (``Commitment``);
each commitment is followed by indicators (``Indicator``): measured by the platform (course
completion from the reports' roll-up, attendance at training events) or entered (figures with
their source and date, e.g. turnout per voting district). ``IndicatorValue`` holds each figure
over time, entered or recorded from a measurement.

Beside the plan, every unit chooses each year one of the focus areas (``FocusArea``, editable
content), names its democracy guide and plans its activities (``UnitYearPlan``, ``Activity``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess
from lms.core.storage import private_storage
from lms.courses.models import CoursePage
from lms.organisation.models import Audience, OrgUnit, Person

YEAR_HELP = _("A year, e.g. 2027.")


class Plan(models.Model):
    """A council's action plan for democracy development, decided for a period of years."""

    name = models.CharField(_("name"), max_length=200)
    decision_reference = models.CharField(
        _("council decision"), max_length=100, help_text=_("The council's reference, e.g. KF § 45.")
    )
    decision_date = models.DateField(_("decided on"))
    start_year = models.PositiveSmallIntegerField(_("from year"), help_text=YEAR_HELP)
    end_year = models.PositiveSmallIntegerField(_("to year"), help_text=YEAR_HELP)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="plan_period_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start_year}–{self.end_year}"

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The period must end in or after the year it starts.")})

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class CommitmentGroup(models.TextChoices):
    INTERNAL = "internal", _("Internal commitments")
    EXTERNAL = "external", _("External commitments")
    COMMUNICATIVE = "communicative", _("Communicative commitments")


class Commitment(models.Model):
    """One numbered commitment of the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    group = models.CharField(_("group"), max_length=20, choices=CommitmentGroup.choices)
    text = models.TextField(_("commitment"))

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="commitment_number_once_per_plan")]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_text}"

    @property
    def short_text(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"


class IndicatorCombine(models.TextChoices):
    """How several figures of one date (e.g. one per voting district) make the indicator's value."""

    LOWEST = "lowest", _("The lowest (every part must reach the target)")
    AVERAGE = "average", _("The average")


class Indicator(models.Model):
    """How a commitment is followed: a kind of measurement (``measurements.py``) and a target."""

    row_access = RowAccess(unit_path=None)  # group-wide figures, followed by the coordinator

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("commitment")
    )
    name = models.CharField(_("name"), max_length=200)
    # The kinds are a registry (measurements.py), not choices here: a kind added later needs no migration.
    kind = models.CharField(_("kind"), max_length=40)
    courses = models.ManyToManyField(
        CoursePage,
        blank=True,
        related_name="+",
        verbose_name=_("courses"),
        help_text=_("For measured kinds: the course or courses counted."),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of the group"),
        help_text=_("For measured kinds: counted in this unit and those below it. Empty: the whole group."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text=_("For measured kinds: only this audience. Empty: everyone."),
    )
    survey = models.ForeignKey(
        "surveys.SurveyPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("survey"),
        help_text=_("For the survey kind: the attitude survey whose question is counted."),
    )
    question_key = models.CharField(
        _("question key"),
        max_length=40,
        blank=True,
        help_text=_("For the survey kind: the key of an agreement question of the survey."),
    )
    unit_label = models.CharField(_("unit of the figure"), max_length=20, default="%", help_text=_("e.g. % or people."))
    combine = models.CharField(
        _("several figures of one date"),
        max_length=10,
        choices=IndicatorCombine.choices,
        default=IndicatorCombine.AVERAGE,
        help_text=_("For entered figures given per part, e.g. per voting district."),
    )
    target_value = models.DecimalField(_("target"), max_digits=9, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"), help_text=YEAR_HELP)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where entered figures come from, e.g. the election authority."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["commitment__plan", "commitment__number", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from .measurements import ENTERED, measurement_kinds

        if self.kind and self.kind not in measurement_kinds():
            raise ValidationError({"kind": _("Unknown kind of indicator.")})
        plan = self.commitment.plan if self.commitment_id else None
        if plan is not None and self.target_year and not plan.covers(self.target_year):
            raise ValidationError(
                {
                    "target_year": _("The target year must be within the plan's period, %(start)s–%(end)s.")
                    % {"start": plan.start_year, "end": plan.end_year}
                }
            )
        from .measurements import SURVEY_AGREEMENT, survey_question_error

        if self.kind == SURVEY_AGREEMENT:
            error = survey_question_error(self.survey, self.question_key)
            if error:
                raise ValidationError({"question_key" if self.survey_id else "survey": error})
        if self.kind == ENTERED and self.org_unit_id:
            raise ValidationError({"org_unit": _("Entered figures are not counted per unit: leave it empty.")})

    @property
    def is_entered(self) -> bool:
        from .measurements import ENTERED

        return self.kind == ENTERED


class IndicatorValue(models.Model):
    """One figure of an indicator on a date: entered (with its source), imported from a CSV, or
    recorded from the platform's measurement. ``part`` names what it is a figure of when the
    indicator has several per date (a voting district); empty for one figure."""

    row_access = RowAccess(unit_path=None, permission="plans.view_indicator")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    part = models.CharField(_("part"), max_length=100, blank=True, help_text=_("e.g. the voting district."))
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2)
    measured_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "measured_on", "part"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "part", "measured_on"], name="indicator_value_once_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.part} {self.measured_on}: {self.value}"


class FocusArea(models.Model):
    """One of the areas every unit works on for a year (e.g. citizen dialogue). Editable content."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class UnitYearPlan(models.Model):
    """A unit's choice for a year: its focus area and its democracy guide. One per unit and year."""

    # The unit's manager (a staff scope on the unit) and the guide named here edit it.
    row_access = RowAccess(unit_path="org_unit__path", also_for="guide__user")

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"), help_text=YEAR_HELP)
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="unit_plans", verbose_name=_("focus area")
    )
    guide = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guided_unit_plans",
        verbose_name=_("democracy guide"),
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit's focus area for a year")
        verbose_name_plural = _("units' focus areas")
        ordering = ["-year", "org_unit__path"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "year"], name="unit_chooses_once_per_year")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}: {self.focus_area}"

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("org_unit", "year"):
            return ValidationError(
                _("%(unit)s has already chosen its focus area for %(year)s: change that choice instead.")
                % {"unit": self.org_unit, "year": self.year},
                code="unique_together",
            )
        return super().unique_error_message(model_class, unique_check)


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(models.Model):
    """Something a unit does in its year's plan, serving a commitment."""

    row_access = RowAccess(unit_path="unit_plan__org_unit__path", also_for="unit_plan__guide__user")

    unit_plan = models.ForeignKey(
        UnitYearPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("unit and year")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="activities", verbose_name=_("focus area")
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="activities", verbose_name=_("commitment served")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    evaluation = models.TextField(
        _("evaluation"), blank=True, help_text=_("A few sentences on how it went. Required when done.")
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="activity_ends_after_start"),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(evaluation=""), name="activity_done_has_evaluation"
            ),
        ]
        indexes = [models.Index(fields=["commitment", "status"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The activity must end on or after the day it starts.")
        if self.status == ActivityStatus.DONE and not self.evaluation.strip():
            errors["evaluation"] = _("Write a short evaluation when the activity is done.")
        if self.commitment_id and self.starts_on and self.ends_on:
            plan = self.commitment.plan
            if not (plan.covers(self.starts_on.year) and plan.covers(self.ends_on.year)):
                errors["starts_on"] = _("The activity must take place within the plan's period, %(start)s–%(end)s.") % {
                    "start": plan.start_year,
                    "end": plan.end_year,
                }
        if self.unit_plan_id and self.starts_on and self.starts_on.year != self.unit_plan.year:
            errors.setdefault(
                "starts_on",
                _("The activity must start in %(year)s, its unit's plan year.") % {"year": self.unit_plan.year},
            )
        if errors:
            raise ValidationError(errors)


def council_report_file_name(report, filename: str) -> str:
    return f"plans/council-reports/{report.plan_id}/{filename}"


class MadeReport(models.Model):
    """A document made in the background (``services.made_report_request`` / ``made_report_render``) from
    the figures of the day and texts written in the admin: its status and progress while it is made, who
    asked and when it was ready. The report to the council and the active-measures annex are such reports."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class CouncilReport(MadeReport):
    """The yearly follow-up to the council: a PDF made in the background (``services.council_report_render``)
    from the plan's figures, the units' focus areas and activities, the training figures, and the
    introduction and conclusion written here. Kept in the admin as the archive of what was reported."""

    row_access = RowAccess(unit_path=None)  # the whole group's report

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="council_reports", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the report follows up."))
    introduction = models.TextField(_("opening text"))
    conclusion = models.TextField(_("conclusion"))
    file = models.FileField(
        upload_to=council_report_file_name, storage=private_storage, max_length=300, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("report to the council")
        verbose_name_plural = _("reports to the council")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.plan.name} {self.year}"

    def clean(self):
        if self.plan_id and self.year and not self.plan.covers(self.year):
            raise ValidationError(
                {
                    "year": _("The year must be within the plan's period, %(start)s–%(end)s.")
                    % {"start": self.plan.start_year, "end": self.plan.end_year}
                }
            )
