from django.db import migrations


class Migration(migrations.Migration):
    """The certificate a course gives is the certificates app's row now (``CourseCertificate``), which
    its migration 0003 fills from these fields before they go (it runs before this one: ``run_before``
    there, so this app names nothing above it)."""

    dependencies = [
        ("courses", "0003_lesson_polls"),
    ]

    operations = [
        migrations.RemoveField(model_name="coursepage", name="certificate_template"),
        migrations.RemoveField(model_name="coursepage", name="certificate_validity_months"),
    ]
