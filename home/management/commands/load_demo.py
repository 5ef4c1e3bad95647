"""Build the demo: a fictional municipal group, its people, pages and courses. Safe to run again."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import import_string

# Each app's demo loader, in the order their data depends on each other.
DEMO_LOADERS = [
    "lms.organisation.demo.load",
    "lms.politics.demo.load",
    "home.demo.load",
    "lms.courses.demo.load",
    "lms.packages.demo.load",  # its course of package lessons, before certificates gives it a certificate
    "lms.quizzes.demo.load",
    "lms.languages.demo.load",  # a course, its lessons and quiz in easy Swedish and English; a Finnish reader
    "lms.certificates.demo.load",
    "lms.requirements.demo.load",
    "lms.paths.demo.load",  # the learning path for elected representatives, its three courses and certificate
    "lms.completions.demo.load",  # last year's seminar imported as historical completions; one marked by hand
    "lms.reports.demo.load",
    "lms.surveys.demo.load",
    "lms.plans.demo.load",
    "lms.group_training.demo.load",
    "lms.active_measures.demo.staff",  # the housing company's staff from the HR file (an employer of 25+)
    "lms.requirements.demo.settle",  # the nightly assignment over what the demos above added
    "lms.active_measures.demo.load",  # last year's annexes: they report on the settled demo, made on commit
    "lms.records.demo.load",
]


class Command(BaseCommand):
    help = "Build (or complete) the demo municipal group, its accounts, pages and courses. Idempotent."

    def handle(self, *args, **options):
        if not settings.LMS_DEMO_ALLOWED:
            # Its accounts have the README's public password, a superuser among them.
            raise CommandError("The demo is not for production: use 'manage.py setup_platform' (README, Going live).")
        # The demo's people get no mail (certificate ready, reminders): they are not real.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            for dotted in DEMO_LOADERS:
                result = import_string(dotted)(stdout=self.stdout)
                self.stdout.write(f"{dotted}: {result}")
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo ready. Accounts and passwords: see README.md."))
