"""The active-measures annex: an employer's yearly account of training as an active measure against
discrimination (diskrimineringslagen 3 kap.: employers with 25 or more employees document their active
measures every year; training and skills development is one of the areas).

*Employer.* Each company of the municipal group is its own employer, and so is the municipality (its
administrations and committees are not). The unit tree says this already: a unit of kind
``municipality`` or ``company`` is an employer; its staff are the people of its subtree, less the subtrees
of employers below it (the companies under the municipality). No field is added: HR's import sets the
kind, and a company that is not a company in the tree would be wrong in the public figures too.

*What concerns equal treatment* is chosen on the annex, not tagged on the course: the courses, the
attitude surveys and the democracy plan's commitments it reports (defaulting to the employer's previous
annex). The employer answers for what it counts as its measures; the choice is archived with the report,
so an archived annex still says what it counted after a course or survey is changed, and no editor of
courses has to know the law's areas.

*Draft and archived.* Like the report to the council, an annex is made in Celery from the figures of the
day and HR's texts (introduction, analysis, measures), made again whenever they are saved; HR archives it
when it is final, and an archived annex is never changed or made again.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess
from lms.core.storage import private_storage
from lms.courses.models import CoursePage
from lms.organisation.models import OrgUnit, OrgUnitKind
from lms.plans.models import Commitment, MadeReport
from lms.surveys.models import SurveyPage

EMPLOYER_KINDS = (OrgUnitKind.MUNICIPALITY, OrgUnitKind.COMPANY)
FIRST_YEAR = 2000


def annex_file_name(annex, filename: str) -> str:
    return f"active-measures/{annex.employer_id}/{filename}"


class Annex(MadeReport):
    """One employer's annex for one year: a tagged PDF and an XLSX of the same figures."""

    # HR sees the annexes of the employers inside their scope: a scope on a company sees that company's,
    # never the municipality's (whose unit lies above it).
    row_access = RowAccess(unit_path="employer__path")

    employer = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": EMPLOYER_KINDS},
        verbose_name=_("employer"),
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the annex accounts for."))
    introduction = models.TextField(_("introduction"))
    analysis = models.TextField(_("analysis"), blank=True)
    measures = models.TextField(_("measures ahead"), blank=True)
    courses = models.ManyToManyField(
        CoursePage,
        blank=True,
        related_name="+",
        verbose_name=_("courses on equal treatment and discrimination"),
    )
    surveys = models.ManyToManyField(
        SurveyPage, blank=True, related_name="+", verbose_name=_("attitude surveys that concern discrimination")
    )
    commitments = models.ManyToManyField(
        Commitment,
        blank=True,
        related_name="+",
        verbose_name=_("democracy plan commitments on equal treatment"),
    )
    pdf = models.FileField(
        upload_to=annex_file_name, storage=private_storage, max_length=300, blank=True, editable=False
    )
    xlsx = models.FileField(
        upload_to=annex_file_name, storage=private_storage, max_length=300, blank=True, editable=False
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("active-measures annex")
        verbose_name_plural = _("active-measures annexes")
        ordering = ["-year", "employer__path"]
        permissions = [("archive_annex", _("Can archive an active-measures annex"))]
        constraints = [models.UniqueConstraint(fields=["employer", "year"], name="annex_once_per_employer_and_year")]

    def __str__(self) -> str:
        return f"{self.employer.name} {self.year}" if self.employer_id else str(self.year)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self):
        errors = {}
        if self.employer_id and self.employer.kind not in EMPLOYER_KINDS:
            errors["employer"] = _("Only the municipality and the companies are employers.")
        this_year = timezone.localdate().year
        if self.year is not None and not FIRST_YEAR <= self.year <= this_year:
            errors["year"] = _("Choose a year from %(first)s to %(last)s: an annex accounts for a year begun.") % {
                "first": FIRST_YEAR,
                "last": this_year,
            }
        if errors:
            raise ValidationError(errors)

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("employer", "year"):
            return ValidationError(
                _("%(employer)s already has an annex for %(year)s: edit that one.")
                % {"employer": self.employer, "year": self.year},
                code="unique_together",
            )
        return super().unique_error_message(model_class, unique_check)
