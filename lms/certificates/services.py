"""Every write of the certificates app: issuing, rendering, revoking, re-render batches."""

import hashlib
import logging
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.log_actions import log

from lms.core.addresses import absolute_url
from lms.courses.extensions import quiz_scores
from lms.courses.models import Enrolment
from lms.languages.content import source_language
from lms.languages.selectors import remembered_language

from . import rendering
from .codes import generate_code
from .models import (
    Certificate,
    CertificateRenderBatch,
    CertificateTemplate,
    CourseCertificate,
    RenderStatus,
    certificate_pdf_path,
)

logger = logging.getLogger(__name__)


def organisation_name() -> str:
    """The issuer printed on certificates: SiteSettings of the default site."""
    from wagtail.models import Site

    from lms.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).organisation_name if site else ""


def valid_until_for(*, completed_on: date, months: int | None) -> date | None:
    return completed_on + relativedelta(months=months) if months else None


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment) -> Certificate | None:
    """The certificate of a completed enrolment, creating it (pending render) if there is none.
    None when the enrolment is not completed or its course gives no certificate. Safe to call any
    number of times, from any number of workers at once: the enrolment row is locked and the
    OneToOne constraint backs it up. Issued in the language the course was completed in, else (a
    completion from elsewhere) the one the person reads courses in, else the source's."""
    enrolment = Enrolment.objects.select_for_update().select_related("person").get(pk=enrolment.pk)
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    terms = CourseCertificate.objects.filter(course_id=enrolment.course_id).first()
    if enrolment.completed_at is None or terms is None:
        return None
    completed_on = timezone.localdate(enrolment.completed_at)
    language = enrolment.completed_language or (remembered_language(enrolment.person) or source_language()).code
    for _attempt in range(3):  # a code collision at 80 bits is next to impossible; retry anyway
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    enrolment=enrolment,
                    person_id=enrolment.person_id,
                    course_id=enrolment.course_id,
                    template_id=terms.template_id,
                    code=generate_code(),
                    completed_on=completed_on,
                    language=language,
                    valid_until=valid_until_for(completed_on=completed_on, months=terms.validity_months),
                )
        except IntegrityError:
            if Certificate.objects.filter(enrolment=enrolment).exists():  # another database writer won
                return Certificate.objects.get(enrolment=enrolment)
    raise IntegrityError("could not find a free verification code")


def certificate_data(certificate: Certificate) -> rendering.CertificateData:
    course = certificate.printed_course  # its title in the certificate's language where translated
    return rendering.CertificateData(
        name=certificate.person.full_name,
        course=course.title,
        completed_on=certificate.completed_on,
        valid_until=certificate.valid_until,
        organisation=organisation_name(),
        code=certificate.code,
        registered=certificate.is_registered,
        score=quiz_scores(enrolment_ids=[certificate.enrolment_id]).get(certificate.enrolment_id),
        language=certificate.language,
        course_language=course.language.code,
    )


def certificate_render(*, certificate: Certificate, force: bool = False) -> Certificate:
    """Render the PDF and store it. Without ``force`` an already rendered certificate is left as
    it is, so duplicate deliveries do nothing; with it (re-render) the file is replaced in place.
    The row stays locked while rendering, so two workers never render the same certificate at once.
    A failure is recorded (status, error, attempts) and raised again for the task to retry.
    The ready e-mail goes out after the first successful render, once."""
    try:
        with transaction.atomic():
            cert = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("person__user", "course", "template__logo", "template__signature_image")
                .get(pk=certificate.pk)
            )
            if cert.render_status == RenderStatus.RENDERED and not force:
                return cert
            if cert.person.erased_at is not None:
                return cert  # erased: no PDF with an empty name is ever made again
            template = cert.template.in_language(cert.language)  # its translation where there is one
            pdf = rendering.render_pdf(template=template, data=certificate_data(cert))
            name = certificate_pdf_path(cert)
            storage = cert.pdf.storage
            if storage.exists(name):
                storage.delete(name)  # same name every time: a retry overwrites, never piles up
            cert.pdf.save(name, ContentFile(pdf), save=False)
            cert.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            cert.render_status = RenderStatus.RENDERED
            cert.render_error = ""
            cert.render_attempts = F("render_attempts") + 1
            cert.rendered_at = timezone.now()
            cert.save(
                update_fields=["pdf", "pdf_sha256", "render_status", "render_error", "render_attempts", "rendered_at"]
            )
            cert.refresh_from_db(fields=["render_attempts"])
    except Exception as exc:
        Certificate.objects.filter(pk=certificate.pk).exclude(render_status=RenderStatus.RENDERED).update(
            render_status=RenderStatus.FAILED
        )
        Certificate.objects.filter(pk=certificate.pk).update(
            render_error=f"{type(exc).__name__}: {exc}"[:2000], render_attempts=F("render_attempts") + 1
        )
        raise
    certificate_send_ready_mail(certificate=cert)
    return cert


@transaction.atomic
def certificate_send_ready_mail(*, certificate: Certificate) -> bool:
    """Tell the learner their certificate is ready, once: the row is claimed before sending and the
    claim rolls back if sending fails, so a retry sends it then, and a second delivery never does."""
    claimed = Certificate.objects.filter(
        pk=certificate.pk, ready_mail_sent_at__isnull=True, render_status=RenderStatus.RENDERED
    ).update(ready_mail_sent_at=timezone.now())
    if not claimed:
        return False
    cert = Certificate.objects.select_related("person__user", "course").get(pk=certificate.pk)
    email = cert.person.user.email
    if not email:
        return False
    from django.urls import reverse

    context = {
        "certificate": cert,
        "name": cert.person.full_name,
        "course": cert.subject_title,  # as the certificate prints it
        "my_certificates_url": absolute_url(reverse("certificates:mine")),
        "verification_url": rendering.verification_url(cert.code),
    }
    with translation.override(cert.person.language):
        subject = render_to_string("certificates/email/ready_subject.txt", context).strip()
        body = render_to_string("certificates/email/ready_body.txt", context)
    send_mail(subject, body, None, [email])
    return True


@transaction.atomic
def issued_certificate_revoke(*, certificate, reason: str, user=None):
    """Revoke a certificate of any kind (a row with ``IssuedCertificate``'s revocation fields: a course's
    here, a path's in lms.paths) with a reason, logged in Wagtail's audit log as "certificates.revoke".
    Revoking twice keeps the first revocation."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A reason is required to revoke a certificate.")
    cert = type(certificate).objects.select_for_update().get(pk=certificate.pk)
    if cert.revoked_at is not None:
        return cert
    cert.revoked_at = timezone.now()
    cert.revoked_reason = reason
    cert.revoked_by = user if user is not None and user.is_authenticated else None
    cert.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    log(instance=cert, action="certificates.revoke", user=cert.revoked_by, data={"reason": reason})
    return cert


def certificate_revoke(*, certificate: Certificate, reason: str, user=None) -> Certificate:
    return issued_certificate_revoke(certificate=certificate, reason=reason, user=user)


def certificate_rerender_batch(*, certificates, user=None, description: str = "") -> CertificateRenderBatch:
    """Queue a re-render of the certificates, one Celery task each, counted in a batch.
    The tasks are sent on commit, so a worker always finds the batch."""
    from .tasks import render_certificate

    ids = list(certificates.values_list("pk", flat=True))
    with transaction.atomic():
        batch = CertificateRenderBatch.objects.create(
            total=len(ids),
            created_by=user if user is not None and user.is_authenticated else None,
            description=description[:200],
        )
        Certificate.objects.filter(pk__in=ids).update(render_batch=batch)
        if user is not None and user.is_authenticated:
            log(instance=batch, action="certificates.rerender", user=user, data={"count": len(ids)})

        def enqueue():
            for pk in ids:
                render_certificate.delay(pk, batch.pk)

        transaction.on_commit(enqueue)
    return batch


@transaction.atomic
def render_batch_record(*, certificate_id: int, batch_id: int, ok: bool) -> bool:
    """Count one certificate's result towards its batch, exactly once (clearing the link claims it)."""
    claimed = Certificate.objects.filter(pk=certificate_id, render_batch_id=batch_id).update(render_batch=None)
    if not claimed:
        return False
    field = "done" if ok else "failed"
    CertificateRenderBatch.objects.filter(pk=batch_id).update(**{field: F(field) + 1})
    return True


def certificates_rerender_for_results(*, enrolment_ids, by=None) -> CertificateRenderBatch | None:
    """Print again, with the quiz result that now counts, the certificates in force of these enrolments
    (after a better attempt or a recount): a re-render batch, so progress shows and the waiting-work sweep
    finishes it if tasks are lost. None when none of them has a certificate in force."""
    certificates = certificates_for_rerender().filter(enrolment_id__in=list(enrolment_ids))
    if not certificates.exists():
        return None
    return certificate_rerender_batch(certificates=certificates, user=by, description="quiz result recounted")


def certificates_for_rerender(*, template_id: int | None = None, course_id: int | None = None):
    """Certificates still in force: a revoked one keeps the PDF it had, and so does an erased person's (a
    public document kept without a decision: a new PDF would have no name; certificate_render refuses too).
    ``template_id``: those printed from the template or any of its translations."""
    qs = Certificate.objects.filter(revoked_at__isnull=True, person__erased_at__isnull=True)
    if template_id is not None:
        key = CertificateTemplate.objects.filter(pk=template_id).values("translation_key")[:1]
        qs = qs.filter(template__translation_key=Subquery(key))
    if course_id is not None:
        qs = qs.filter(course_id=course_id)
    return qs
