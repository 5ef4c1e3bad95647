"""The first install: an empty, migrated database becomes the platform. Safe to run again.

It makes the home page (in place of Wagtail's welcome page), the course catalogue, the about and
privacy pages with starter Swedish text, the accessibility statement (lms.accessibility: the
platform's own, true for this code; review it), the site settings, the roles
with their permissions, and the first administrator, whose password is asked for (or read from
DJANGO_SUPERUSER_PASSWORD when run without a terminal): never a fixed one. No demo people, no
demo accounts. /resultat/ and /intyg/verifiera/ are views and need no page.

``--hostname`` is the site's address (Wagtail's default site), from which every absolute URL the
platform writes is made (lms/core/addresses.py): certificates' QR codes, verification links, mails.
It ends with an error, changing nothing, when no administrator could be made: a platform nobody can
sign in to is not set up.
"""

import os
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from home.demo import site_pages
from lms.access.roles import ensure_roles
from lms.core.addresses import base_url, site_address
from lms.core.checks import absolute_urls_check
from lms.core.models import SiteSettings
from lms.courses.demo import CATALOGUE
from lms.courses.models import CourseIndexPage


class Command(BaseCommand):
    help = "Set up an empty, migrated database as the platform (pages, settings, roles, first administrator)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The municipal group, e.g. 'Ekbacka kommun'.")
        parser.add_argument(
            "--hostname",
            help="The site's host name, e.g. utbildning.example.se (HTTPS), or its address, e.g. http://127.0.0.1:8000: "
            "every absolute URL the platform writes (certificates, mails) starts with it. "
            "Default: the host of WAGTAILADMIN_BASE_URL.",
        )
        parser.add_argument("--admin-username", help="The first administrator's username (asked for if left out).")
        parser.add_argument("--admin-email", help="The first administrator's e-mail address.")
        parser.add_argument(
            "--no-input", action="store_true", help="Ask nothing: the password comes from DJANGO_SUPERUSER_PASSWORD."
        )

    def handle(self, *args, **options):
        organisation = options["organisation"].strip()
        if not organisation:
            raise CommandError("--organisation must name the municipal group.")
        try:
            hostname, port = site_address(options["hostname"] or settings.WAGTAILADMIN_BASE_URL)
        except ValueError as exc:
            raise CommandError(f"--hostname: {exc}") from None
        self._check_an_administrator_can_be_made(options)  # before anything is written
        with transaction.atomic():
            home = site_pages()
            if not CourseIndexPage.objects.child_of(home).exists():
                index = CourseIndexPage(title=CATALOGUE["title"], slug=CATALOGUE["slug"], intro=CATALOGUE["intro"])
                home.add_child(instance=index)
                index.save_revision().publish()
            site = Site.objects.get(is_default_site=True)
            site.hostname, site.port = hostname, port
            site.save()
            site_settings = SiteSettings.for_site(site)
            site_settings.organisation_name = organisation
            site_settings.save()
            ensure_roles()
        self._first_administrator(options)
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        for error in absolute_urls_check(databases=["default"]):
            # Fine on a developer's machine; in production `check --deploy` fails on the same (README).
            self.stderr.write(f"Before going live: {error.msg} {error.hint}")
        self.stdout.write(self.style.SUCCESS(f"{organisation}: the platform is set up at {base_url()}/."))

    def _check_an_administrator_can_be_made(self, options) -> None:
        if _administrator_exists():
            return
        if options["no_input"]:
            # What Django's createsuperuser --noinput needs: each from its option or DJANGO_SUPERUSER_<FIELD>.
            given = {"username": options["admin_username"], "email": options["admin_email"]}
            fields = [get_user_model().USERNAME_FIELD, *get_user_model().REQUIRED_FIELDS, "password"]
            lacking = [f for f in fields if not (given.get(f) or os.environ.get(f"DJANGO_SUPERUSER_{f.upper()}"))]
            if lacking:
                raise CommandError(
                    "Without a terminal (--no-input) the first administrator needs --admin-username, "
                    "--admin-email and the password in DJANGO_SUPERUSER_PASSWORD "
                    f"(missing: {', '.join(lacking)}). " + HOW_TO_MAKE_ONE
                )
        elif not sys.stdin.isatty():
            raise CommandError("There is no terminal to ask for the first administrator's password. " + HOW_TO_MAKE_ONE)

    def _first_administrator(self, options):
        if _administrator_exists():
            self.stdout.write("An administrator exists already: none created.")
            return
        args = []
        if options["admin_username"]:
            args += ["--username", options["admin_username"]]
        if options["admin_email"]:
            args += ["--email", options["admin_email"]]
        if options["no_input"]:
            args.append("--noinput")  # Django's createsuperuser reads DJANGO_SUPERUSER_PASSWORD
        try:
            call_command("createsuperuser", *args, stdout=self.stdout, stderr=self.stderr)
        except CommandError as exc:
            raise CommandError(f"The first administrator was not made ({exc}). {HOW_TO_MAKE_ONE}") from None
        if not _administrator_exists():  # e.g. createsuperuser skipped it, or the answers were refused
            raise CommandError(f"No administrator exists: nobody can sign in. {HOW_TO_MAKE_ONE}")


HOW_TO_MAKE_ONE = (
    "Make one with 'manage.py createsuperuser', or run this command again with --admin-username NAME "
    "--admin-email ADDRESS --no-input and the password in DJANGO_SUPERUSER_PASSWORD."
)


def _administrator_exists() -> bool:
    return get_user_model().objects.filter(is_superuser=True, is_active=True).exists()
