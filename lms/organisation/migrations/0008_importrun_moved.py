from django.db import migrations


class Migration(migrations.Migration):
    """ImportRun now lives in lms.imports (its migration 0001 took over the table): gone from this app's
    state only."""

    dependencies = [
        ("organisation", "0007_staffscope_signinidentity_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ImportRun")]),
    ]
