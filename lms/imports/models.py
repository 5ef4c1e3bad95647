"""The HR import's runs: each upload, its dry run and, once HR confirms, its real run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess


class ImportRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    CHECKING = "checking", _("Checking the file")
    CHECKED = "checked", _("Checked: ready to import")
    INVALID = "invalid", _("Checked: cannot be imported")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One import of the HR system's export: the uploaded file, the dry run's
    report and, once HR confirms, the real run's. The file is kept in the
    database (not in public media: it is personal data, and a worker on another
    machine can read it) and cleared once the real run is done."""

    # A file of the whole group: only users who see the whole group see it.
    row_access = RowAccess(unit_path=None)

    KIND_CHOICES = [("people", _("People")), ("units", _("Organisational units"))]

    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES, default="people")
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"), editable=False, default=bytes)
    full = models.BooleanField(
        _("full export"),
        default=False,
        help_text=_("A full export lists everyone: people missing from it are deactivated."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ImportRunStatus.choices, default=ImportRunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    # When the real run was asked for: /healthz counts a confirmed import as late from here, not from
    # the upload (HR may read the dry run for a day before confirming).
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else self.filename

    @property
    def is_running(self) -> bool:
        return self.status in (ImportRunStatus.QUEUED, ImportRunStatus.CHECKING, ImportRunStatus.IMPORTING)
