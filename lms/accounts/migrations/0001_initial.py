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
    # Organisation's 0007 drops the model from its state once this has taken it over; declared here so the
    # lower app names nothing above it.
    run_before = [("organisation", "0007_staffscope_signinidentity_moved")]

    # SignInIdentity moves here from organisation (issue 28: accounts in an app of their own): the model is
    # taken over as it is (state only, its table and rows kept), then its table and content type renamed.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SignInIdentity",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        (
                            "issuer",
                            models.CharField(
                                help_text="The issuer of the ID tokens.", max_length=255, verbose_name="sign-in service"
                            ),
                        ),
                        (
                            "subject",
                            models.CharField(
                                help_text="Its sub or oid claim.", max_length=255, verbose_name="account identifier"
                            ),
                        ),
                        (
                            "linked_by_unverified_email",
                            models.BooleanField(
                                default=False,
                                help_text="Linked because the e-mail address matched while LMS_OIDC_TRUST_EMAIL was "
                                "on, although the sign-in service had not verified it. Such a link stops working when "
                                "the setting is turned off.",
                                verbose_name="linked by an unverified e-mail address",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("last_used_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sign_in_identities",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "sign-in identity",
                        "verbose_name_plural": "sign-in identities",
                        "db_table": "organisation_signinidentity",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("issuer", "subject"), name="sign_in_identity_unique_subject"
                            ),
                            models.UniqueConstraint(fields=("user", "issuer"), name="sign_in_identity_one_per_issuer"),
                        ],
                    },
                )
            ]
        ),
        migrations.AlterModelTable(name="signinidentity", table=None),
        content_type_move("signinidentity", old_app="organisation", new_app="accounts"),
    ]
