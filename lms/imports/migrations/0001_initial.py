import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from lms.core.model_moves import content_type_move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisation", "0007_staffscope_signinidentity_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    # Organisation's 0008 drops the model from its state once this has taken it over; declared here so the
    # lower app names nothing above it.
    run_before = [("organisation", "0008_importrun_moved")]

    # ImportRun moves here from organisation (issue 28: the HR import in an app of its own): the model is
    # taken over as it is (state only, its table and rows kept), then its table and content type renamed.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("people", "People"), ("units", "Organisational units")],
                                default="people",
                                max_length=10,
                                verbose_name="kind",
                            ),
                        ),
                        ("filename", models.CharField(max_length=255, verbose_name="file name")),
                        ("content", models.BinaryField(default=bytes, verbose_name="file content")),
                        (
                            "full",
                            models.BooleanField(
                                default=False,
                                help_text="A full export lists everyone: people missing from it are deactivated.",
                                verbose_name="full export",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("checking", "Checking the file"),
                                    ("checked", "Checked: ready to import"),
                                    ("invalid", "Checked: cannot be imported"),
                                    ("importing", "Importing"),
                                    ("done", "Imported"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="progress (%)")),
                        ("counts", models.JSONField(blank=True, default=dict, verbose_name="counts")),
                        ("report", models.JSONField(blank=True, default=dict, verbose_name="report")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded at")),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="confirmed at")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished at")),
                        (
                            "confirmed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="confirmed by",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="uploaded by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "ordering": ["-created_at"],
                        "db_table": "organisation_importrun",
                    },
                )
            ]
        ),
        migrations.AlterModelTable(name="importrun", table=None),
        content_type_move("importrun", old_app="organisation", new_app="imports"),
    ]
