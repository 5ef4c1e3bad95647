"""The first install: an empty, migrated database becomes the platform. Safe to run again.

It makes the home page (in place of Wagtail's welcome page), the course catalogue, the about and
privacy pages with starter Swedish text, the accessibility statement (lms.accessibility: the
platform's own, true for this code; review it), the site settings, the roles
with their permissions, and the first administrator, whose password is asked for (or read from
DJANGO_SUPERUSER_PASSWORD when run without a terminal): never a fixed one. No demo people, no
demo accounts. /resultat/ and /intyg/verifiera/ are views and need no page.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from home.demo import site_pages
from lms.core.models import SiteSettings
from lms.courses.demo import CATALOGUE
from lms.courses.models import CourseIndexPage
from lms.organisation.roles import ensure_roles


class Command(BaseCommand):
    help = "Set up an empty, migrated database as the platform (pages, settings, roles, first administrator)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The municipal group, e.g. 'Ekbacka kommun'.")
        parser.add_argument("--hostname", default="localhost", help="The site's host name, e.g. utbildning.example.se.")
        parser.add_argument("--admin-username", help="The first administrator's username (asked for if left out).")
        parser.add_argument("--admin-email", help="The first administrator's e-mail address.")
        parser.add_argument(
            "--no-input", action="store_true", help="Ask nothing: the password comes from DJANGO_SUPERUSER_PASSWORD."
        )

    def handle(self, *args, **options):
        organisation = options["organisation"].strip()
        if not organisation:
            raise CommandError("--organisation must name the municipal group.")
        with transaction.atomic():
            home = site_pages()
            if not CourseIndexPage.objects.child_of(home).exists():
                index = CourseIndexPage(title=CATALOGUE["title"], slug=CATALOGUE["slug"], intro=CATALOGUE["intro"])
                home.add_child(instance=index)
                index.save_revision().publish()
            site = Site.objects.get(is_default_site=True)
            site.hostname = options["hostname"]
            site.save()
            settings = SiteSettings.for_site(site)
            settings.organisation_name = organisation
            settings.save()
            ensure_roles()
        self._first_administrator(options)
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"{organisation}: the platform is set up at {options['hostname']}."))

    def _first_administrator(self, options):
        from django.contrib.auth import get_user_model

        if get_user_model().objects.filter(is_superuser=True, is_active=True).exists():
            self.stdout.write("An administrator exists already: none created.")
            return
        args = []
        if options["admin_username"]:
            args += ["--username", options["admin_username"]]
        if options["admin_email"]:
            args += ["--email", options["admin_email"]]
        if options["no_input"]:
            args.append("--noinput")  # Django's createsuperuser reads DJANGO_SUPERUSER_PASSWORD
        call_command("createsuperuser", *args, stdout=self.stdout)
