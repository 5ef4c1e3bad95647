from django.db import migrations


class Migration(migrations.Migration):
    """SiteSettings now lives in lms.core (its migration 0001 took over the table)."""

    dependencies = [
        ("home", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="SiteSettings")]),
    ]
