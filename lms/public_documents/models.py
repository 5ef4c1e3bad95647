"""Public-document requests (allmänna handlingar): what was handed out, to whom (if they said), when, by whom."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess
from lms.courses.models import CoursePage
from lms.organisation.models import OrgUnit


class WithheldField(models.TextChoices):
    """Columns of a completion list that the law may let the municipality withhold from a public
    document (after a secrecy assessment of the request)."""

    NAME = "name", _("Names")
    EMAIL = "email", _("E-mail addresses")
    EMPLOYEE_NUMBER = "employee_number", _("Employee numbers")
    AUDIENCE = "audience", _("Audience (employee, manager, elected representative)")


class PublicDocumentRequest(models.Model):
    """A request for a public document (allmän handling) answered with a completion list: the request's
    reference, who asked (only if they said), what was handed out without which fields, when, by whom.
    Written when the list is produced; never edited. ``org_unit`` is the unit the list covers (the
    requester's choice, or the whole of the HR user's scope): the access rule shows the entry to those
    who see that unit."""

    row_access = RowAccess(unit_path="org_unit__path", permission="reports.view_reports", actions=("view",))

    reference = models.CharField(_("request reference"), max_length=100)
    requested_by = models.CharField(_("requested by"), max_length=200, blank=True)
    course = models.ForeignKey(
        CoursePage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("course")
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisational unit"),
    )
    contents = models.CharField(_("handed out"), max_length=400)
    withheld = models.JSONField(_("withheld fields"), default=list, blank=True)
    export_format = models.CharField(_("format"), max_length=4)
    rows = models.PositiveIntegerField(_("rows"))
    handed_out_at = models.DateTimeField(_("handed out at"), auto_now_add=True)
    handed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed out by"),
    )

    class Meta:
        verbose_name = _("public-document request")
        verbose_name_plural = _("public-document requests")
        ordering = ["-handed_out_at", "-pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def withheld_labels(self) -> str:
        labels = dict(WithheldField.choices)
        return ", ".join(str(labels.get(key, key)) for key in self.withheld) or "–"
