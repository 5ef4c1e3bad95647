"""Completions that happened outside the platform: the evidence behind an enrolment completed
``historical`` (imported from another system or a paper list) or ``manual`` (marked by a manager or HR).

The enrolment itself says *that* it is completed and *how* (``Enrolment.completed_via``, shared with
every route); this app keeps *why we believe it*: the date given, the score and the source if any,
the reason, who recorded it and when. One record per enrolment."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess
from lms.courses.models import Enrolment


class CompletionRecord(models.Model):
    """The evidence of one completion earned elsewhere. Written only by ``services`` (the import's
    kind, the manual form), never edited: a wrong record is corrected by HR in the enrolment's
    history, not silently overwritten."""

    # Rows about people: scoped by the person's unit. Never added or edited in Wagtail's generic
    # views: marking has its own form and permission (``mark_completion``), importing the HR import.
    row_access = RowAccess(unit_path="enrolment__person__org_unit__path", actions=("view",))

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="completion_record", verbose_name=_("enrolment")
    )
    completed_on = models.DateField(_("completed on"), help_text=_("The day given in the file or the form."))
    score = models.DecimalField(_("score (percent)"), max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    certificate_requested = models.BooleanField(_("certificate requested"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("completion from elsewhere")
        verbose_name_plural = _("completions from elsewhere")
        ordering = ["-recorded_at", "-pk"]
        permissions = [("mark_completion", _("Can mark a completion by hand"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="completionrecord_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} ({self.completed_on})"
