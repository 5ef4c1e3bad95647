import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

TERMS = "certificate_terms"  # CourseCertificate's relation from the course, as revisions store it


def copy_course_links(apps, schema_editor):
    """Each course's template and validity become a ``CourseCertificate``, and every revision of a course
    says the same in the new shape, so a draft or an older revision published later keeps its choice."""
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseCertificate = apps.get_model("certificates", "CourseCertificate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")

    CourseCertificate.objects.bulk_create(
        CourseCertificate(course_id=pk, template_id=template_id, validity_months=months)
        for pk, template_id, months in CoursePage.objects.filter(certificate_template__isnull=False).values_list(
            "pk", "certificate_template_id", "certificate_validity_months"
        )
    )
    course_type = ContentType.objects.filter(app_label="courses", model="coursepage").first()
    if course_type is None:
        return
    for revision in Revision.objects.filter(content_type=course_type).iterator():
        content = revision.content
        if not isinstance(content, dict) or "certificate_template" not in content:
            continue
        template_id = content.pop("certificate_template")
        months = content.pop("certificate_validity_months", None)
        content[TERMS] = (
            []
            if template_id is None
            else [{"pk": None, "course": int(revision.object_id), "template": template_id, "validity_months": months}]
        )
        Revision.objects.filter(pk=revision.pk).update(content=content)


def copy_links_back(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseCertificate = apps.get_model("certificates", "CourseCertificate")
    for terms in CourseCertificate.objects.all():
        CoursePage.objects.filter(pk=terms.course_id).update(
            certificate_template_id=terms.template_id, certificate_validity_months=terms.validity_months
        )


class Migration(migrations.Migration):
    """The link from a course to its certificate template moves here from the course page (courses sit
    below certificates, so they may not point at them); courses' 0004 then removes the old fields."""

    dependencies = [
        ("certificates", "0002_certificate"),
        ("courses", "0003_lesson_polls"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]
    run_before = [("courses", "0004_certificate_fields_to_certificates")]

    operations = [
        migrations.CreateModel(
            name="CourseCertificate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "validity_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Empty: the certificate never expires.",
                        null=True,
                        verbose_name="certificate valid for (months)",
                    ),
                ),
                (
                    "course",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificate_terms",
                        to="courses.coursepage",
                        verbose_name="course",
                    ),
                ),
                (
                    "template",
                    models.ForeignKey(
                        help_text="The certificate learners get when they complete the course.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="courses",
                        to="certificates.certificatetemplate",
                        verbose_name="certificate template",
                    ),
                ),
            ],
            options={
                "verbose_name": "course's certificate",
                "verbose_name_plural": "courses' certificates",
                "constraints": [models.UniqueConstraint(fields=("course",), name="one_certificate_per_course")],
            },
        ),
        migrations.RunPython(copy_course_links, copy_links_back),
    ]
