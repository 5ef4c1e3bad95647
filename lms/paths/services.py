"""Writes of learning paths: issuing and rendering path certificates, each in a transaction."""

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.certificates import rendering
from lms.certificates.codes import generate_code
from lms.certificates.models import RenderStatus
from lms.certificates.services import issued_certificate_revoke, organisation_name
from lms.courses.models import Enrolment
from lms.organisation.models import Person
from lms.requirements.models import Requirement

from . import selectors
from .models import LearningPathPage, PathCertificate, PathRequirement, path_certificate_pdf_path

logger = logging.getLogger(__name__)


@transaction.atomic
def path_certificate_issue(*, person: Person, path: LearningPathPage) -> PathCertificate | None:
    """The person's certificate for the path, made (pending render) if every published course of the
    path is completed and the path gives one; None otherwise. Safe to call any number of times at once:
    the unique constraint on (person, path) keeps it to one."""
    existing = PathCertificate.objects.filter(person=person, path=path).first()
    if existing is not None:
        return existing
    if path.certificate_template_id is None:
        return None
    course_ids = [c.pk for c in selectors.path_course_pages(path=path)]
    if not course_ids:
        return None
    completions = {}
    for course_id, completed_at in (
        Enrolment.objects.completed()
        .filter(person=person, course_id__in=course_ids)
        .values_list("course_id", "completed_at")
    ):
        if course_id not in completions or completed_at < completions[course_id]:
            completions[course_id] = completed_at  # a course's first completion counts
    if set(course_ids) - set(completions):
        return None
    completed_on = timezone.localdate(max(completions.values()))  # the day the path was done
    for _attempt in range(3):  # a code collision at 80 bits is next to impossible; retry anyway
        try:
            with transaction.atomic():
                return PathCertificate.objects.create(
                    person=person,
                    path=path,
                    template_id=path.certificate_template_id,
                    code=generate_code(),
                    completed_on=completed_on,
                )
        except IntegrityError:
            if (won := PathCertificate.objects.filter(person=person, path=path).first()) is not None:
                return won  # another writer issued it meanwhile
    raise IntegrityError("could not find a free verification code")


def path_certificate_data(certificate: PathCertificate) -> rendering.CertificateData:
    return rendering.CertificateData(
        name=certificate.person.full_name,
        course=certificate.path.title,  # the template's {course}: what was completed
        completed_on=certificate.completed_on,
        valid_until=certificate.valid_until,
        organisation=organisation_name(),
        code=certificate.code,
    )


def path_certificate_render(*, certificate: PathCertificate, force: bool = False) -> PathCertificate:
    """Render the PDF with the certificates' pipeline and store it; a rendered one is left alone unless
    ``force``. The row stays locked while rendering; a failure is recorded and raised for a retry."""
    try:
        with transaction.atomic():
            cert = (
                PathCertificate.objects.select_for_update(of=("self",))
                .select_related("person", "path", "template__logo", "template__signature_image")
                .get(pk=certificate.pk)
            )
            if (cert.is_ready and not force) or cert.person.erased_at is not None:
                return cert
            pdf = rendering.render_pdf(template=cert.template, data=path_certificate_data(cert))
            name = path_certificate_pdf_path(cert)
            if cert.pdf.storage.exists(name):
                cert.pdf.storage.delete(name)  # the same name every time: a retry overwrites
            cert.pdf.save(name, ContentFile(pdf), save=False)
            cert.render_status = RenderStatus.RENDERED
            cert.render_error = ""
            cert.rendered_at = timezone.now()
            cert.save(update_fields=["pdf", "render_status", "render_error", "rendered_at"])
    except Exception as exc:
        PathCertificate.objects.filter(pk=certificate.pk).exclude(render_status=RenderStatus.RENDERED).update(
            render_status=RenderStatus.FAILED, render_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    return cert


def path_certificate_revoke(*, certificate: PathCertificate, reason: str, user=None) -> PathCertificate:
    """Revoke with a reason, audit-logged, as a course's certificate is (the certificates' own service)."""
    return issued_certificate_revoke(certificate=certificate, reason=reason, user=user)


def path_certificates_issue_after(*, enrolment: Enrolment) -> list[PathCertificate]:
    """After a completion: the certificates of the paths it completed, issued and rendered."""
    issued = []
    for path in selectors.paths_completed_by(person=enrolment.person, course_id=enrolment.course_id):
        certificate = path_certificate_issue(person=enrolment.person, path=path)
        if certificate is not None:
            issued.append(path_certificate_render(certificate=certificate))
    return issued


# --- Path requirements ---------------------------------------------------------------------------------

# What a path requirement copies onto each of its course requirements (all but the course).
REQUIREMENT_FIELDS = (
    "org_unit_id",
    "include_descendants",
    "for_staff",
    "for_managers",
    "for_politicians",
    "assignment_holders",
    "due_days",
    "due_date",
    "renewal_months",
    "is_active",
    "note",
)


@transaction.atomic
def path_requirement_save(
    *, path: LearningPathPage, template: Requirement, bodies=None, path_requirement: PathRequirement | None = None
) -> PathRequirement:
    """Require the path as ``template`` says (an unsaved Requirement without a course: who, by when):
    one requirement per published course of the path, each saved (and assigned on commit) by the
    requirements' own service, which validates it; any refusal undoes them all."""
    if path_requirement is None:
        path_requirement = PathRequirement.objects.create(path=path, org_unit_id=template.org_unit_id)
    else:
        path_requirement.path = path
        path_requirement.org_unit_id = template.org_unit_id
        path_requirement.save(update_fields=["path", "org_unit"])
    _follow(path_requirement, template=template, bodies=bodies)
    return path_requirement


def _follow(path_requirement: PathRequirement, *, template: Requirement, bodies=None) -> None:
    """Each course of the path has a requirement like ``template``; those of courses no longer in it stop."""
    from lms.requirements.services import requirement_save

    existing = {r.course_id: r for r in path_requirement.course_requirements.all()}
    course_ids = [c.pk for c in selectors.path_course_pages(path=path_requirement.path)]
    for course_id in course_ids:
        requirement = existing.get(course_id) or Requirement(course_id=course_id)
        for name in REQUIREMENT_FIELDS:
            setattr(requirement, name, getattr(template, name))
        requirement_save(requirement=requirement, bodies=bodies)
        path_requirement.course_requirements.add(requirement)
    for course_id, requirement in existing.items():
        if course_id not in course_ids and requirement.is_active:
            requirement.is_active = False
            requirement_save(requirement=requirement)


@transaction.atomic
def path_requirements_follow(*, path: LearningPathPage) -> int:
    """After the path is published (its courses may have changed): its requirements follow. Each
    takes its fields from one of its own requirements (they are alike)."""
    count = 0
    for path_requirement in PathRequirement.objects.filter(path=path):
        template = path_requirement.course_requirements.order_by("pk").first()
        if template is None:
            continue
        bodies = list(template.bodies.all())
        _follow(path_requirement, template=template, bodies=bodies)
        count += 1
    return count
