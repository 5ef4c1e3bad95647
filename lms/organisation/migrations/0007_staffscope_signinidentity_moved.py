from django.db import migrations


class Migration(migrations.Migration):
    """StaffScope now lives in lms.access, SignInIdentity in lms.accounts (their migrations 0001 took over
    the tables): gone from this app's state only. Accounts orders itself before this one
    (``run_before``), so organisation names nothing above it."""

    dependencies = [
        ("organisation", "0006_import_run_confirmed_at"),
        ("access", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="StaffScope"),
                migrations.DeleteModel(name="SignInIdentity"),
            ]
        ),
    ]
