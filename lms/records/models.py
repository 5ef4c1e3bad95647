"""The records-management plan's retention decisions (gallringsbeslut) and the log of their runs.

Neither model holds rows about people or units: a decision is about a record type, a run counts
rows. They are group-wide settings for those who keep the plan (no ``row_access``)."""

from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .registry import RetentionEvent, record_type


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


def period_text(amount: int, unit: str) -> str:
    if unit == PeriodUnit.YEARS:
        return ngettext("%(n)s year", "%(n)s years", amount) % {"n": amount}
    if unit == PeriodUnit.MONTHS:
        return ngettext("%(n)s month", "%(n)s months", amount) % {"n": amount}
    return ngettext("%(n)s day", "%(n)s days", amount) % {"n": amount}


class RetentionDecisionQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(in_force=True)


class RetentionDecision(models.Model):
    """One decision of the records-management plan (informationshanteringsplan) for one record type:
    keep permanently (gallras ej), or keep for a period after an event and then dispose. At most one
    decision per record type is in force; a new decision replaces the old one, which stays for the
    run log (decisions are never deleted once applied)."""

    reference = models.CharField(
        _("decision reference"), max_length=100, help_text=_("The decision's reference number, e.g. KS 2026/123 § 4.")
    )
    decided_on = models.DateField(_("decision date"), help_text=_("YYYY-MM-DD"))
    decided_by = models.CharField(
        _("deciding body"), max_length=200, help_text=_("The committee or board that took the decision.")
    )
    record_type = models.CharField(_("record type"), max_length=50)
    keep_permanently = models.BooleanField(
        _("keep permanently"), default=False, help_text=_("Never disposed of (gallras ej).")
    )
    keep_for = models.IntegerField(
        _("keep for"), null=True, blank=True, help_text=_("How long the records are kept after the event below.")
    )
    keep_unit = models.CharField(_("period unit"), max_length=10, choices=PeriodUnit.choices, blank=True)
    counted_from = models.CharField(_("counted from"), max_length=20, choices=RetentionEvent.choices, blank=True)
    in_force = models.BooleanField(
        _("in force"), default=True, help_text=_("Only a decision in force is applied; one per record type.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = RetentionDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention decision")
        verbose_name_plural = _("retention decisions")
        ordering = ["record_type", "-decided_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type"], condition=Q(in_force=True), name="retention_one_decision_in_force_per_type"
            ),
            models.CheckConstraint(
                condition=(
                    Q(keep_permanently=True, keep_for__isnull=True, keep_unit="", counted_from="")
                    | (Q(keep_permanently=False, keep_for__gte=0) & ~Q(keep_unit="") & ~Q(counted_from=""))
                ),
                name="retention_permanent_or_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.record_type_label})"

    @property
    def record_type_label(self) -> str:
        declared = record_type(self.record_type)
        return str(declared.label) if declared is not None else self.record_type

    def describe(self) -> str:
        """What the decision says, in words: "kept permanently" / "kept 2 years after …"."""
        if self.keep_permanently:
            return str(_("kept permanently (gallras ej)"))
        return str(_("kept %(period)s %(event)s")) % {
            "period": period_text(self.keep_for, self.keep_unit),
            "event": RetentionEvent(self.counted_from).label,
        }

    def cutoff(self, now: datetime) -> datetime:
        """Rows whose event happened before this moment have been kept long enough."""
        return now - relativedelta(**{self.keep_unit: self.keep_for})

    def clean(self):
        errors: dict[str, list] = {}
        declared = record_type(self.record_type)
        if self.record_type and declared is None:
            errors["record_type"] = [_("There is no record type with this name.")]
        if self.keep_permanently:
            if self.keep_for is not None or self.keep_unit or self.counted_from:
                errors["keep_permanently"] = [
                    _("A decision to keep permanently has no period: leave the period and the event empty.")
                ]
        else:
            if self.keep_for is None:
                errors["keep_for"] = [_("Give how long the records are kept, or tick “keep permanently”.")]
            elif self.keep_for < 0:
                errors["keep_for"] = [_("The period cannot be negative.")]
            if not self.keep_unit:
                errors["keep_unit"] = [_("Choose days, months or years.")]
            if not self.counted_from:
                errors["counted_from"] = [_("Choose the event the period is counted from.")]
            elif declared is not None and self.counted_from not in declared.events:
                errors["counted_from"] = [
                    _("This record type cannot be counted from that event. Choose one of: %(events)s.")
                    % {"events": ", ".join(str(RetentionEvent(e).label) for e in declared.events)}
                ]
        if self.in_force and self.record_type:
            other = RetentionDecision.objects.in_force().filter(record_type=self.record_type).exclude(pk=self.pk)
            if other.exists():
                errors.setdefault("in_force", []).append(
                    _(
                        "Another decision for this record type is in force (%(reference)s). Take it out of force "
                        "first: only one decision per record type can apply."
                    )
                    % {"reference": other.first().reference}
                )
        if errors:
            raise ValidationError(errors)


class RunStatus(models.TextChoices):
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RetentionRun(models.Model):
    """One decision applied once by the nightly job: which decision, which record type, how many rows
    were deleted or anonymised, when. The decision's reference is copied so the log reads the same
    whatever happens to the decision later."""

    decision = models.ForeignKey(
        RetentionDecision, on_delete=models.PROTECT, related_name="runs", verbose_name=_("decision")
    )
    decision_reference = models.CharField(_("decision reference"), max_length=100)
    record_type = models.CharField(_("record type"), max_length=50)
    disposal = models.CharField(_("disposal"), max_length=10)
    cutoff = models.DateTimeField(_("event before"))
    rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DONE)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision_reference}: {self.rows}"

    @property
    def record_type_label(self) -> str:
        declared = record_type(self.record_type)
        return str(declared.label) if declared is not None else self.record_type
