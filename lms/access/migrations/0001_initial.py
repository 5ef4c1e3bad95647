import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from lms.core.model_moves import content_type_move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisation", "0006_import_run_confirmed_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # StaffScope moves here from organisation (issue 28: the access rule in an app of its own): the model
    # is taken over as it is (state only, its table and rows kept), then its table and content type renamed.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StaffScope",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        (
                            "org_unit",
                            models.ForeignKey(
                                help_text="The user sees this unit and the units below it, nothing else: in reports, "
                                "people, units and certificates.",
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="organisation.orgunit",
                                verbose_name="organisational unit",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="staff_scope",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "staff scope",
                        "verbose_name_plural": "staff scopes",
                        "db_table": "organisation_staffscope",
                    },
                )
            ]
        ),
        migrations.AlterModelTable(name="staffscope", table=None),
        content_type_move("staffscope", old_app="organisation", new_app="access"),
    ]
