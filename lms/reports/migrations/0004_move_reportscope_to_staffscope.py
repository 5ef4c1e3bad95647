"""The staff scope moves from reports (ReportScope) to organisation (StaffScope): rows are kept."""

from django.db import migrations


def copy_to_staff_scope(apps, schema_editor):
    ReportScope = apps.get_model("reports", "ReportScope")
    StaffScope = apps.get_model("organisation", "StaffScope")
    StaffScope.objects.bulk_create(
        [StaffScope(user_id=s.user_id, org_unit_id=s.org_unit_id) for s in ReportScope.objects.all()],
        ignore_conflicts=True,
    )


def copy_back(apps, schema_editor):
    ReportScope = apps.get_model("reports", "ReportScope")
    StaffScope = apps.get_model("organisation", "StaffScope")
    ReportScope.objects.bulk_create(
        [ReportScope(user_id=s.user_id, org_unit_id=s.org_unit_id) for s in StaffScope.objects.all()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0003_staffscope"),
        ("reports", "0003_scope_everywhere"),
    ]

    # It reads StaffScope under organisation's label, so it runs before the model moves to lms.access.
    run_before = [("organisation", "0007_staffscope_signinidentity_moved")]

    operations = [
        migrations.RunPython(copy_to_staff_scope, copy_back),
        migrations.DeleteModel(name="ReportScope"),
    ]
