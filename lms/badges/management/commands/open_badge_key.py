"""Print a new entry for LMS_OPEN_BADGE_KEYS (``kid:key``): append it to the setting to rotate keys."""

from django.core.management.base import BaseCommand, CommandError

from lms.badges.keys import new_entry


class Command(BaseCommand):
    help = (
        "Print a new Open Badge signing key as an LMS_OPEN_BADGE_KEYS entry. Append it (comma-separated) after "
        "the keys already there: the newest signs, the older ones keep verifying the badges they signed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kid", required=True, help="The key's id, e.g. 2027-01 (letters, digits, '.', '_', '-').")
        parser.add_argument(
            "--type",
            choices=["rsa", "p256"],
            default="rsa",
            help="rsa (RS256, the default: every Open Badges 3.0 verifier supports it) or p256 (ES256).",
        )

    def handle(self, *args, kid, type, **options):
        try:
            self.stdout.write(new_entry(kid, kind=type))
        except ValueError as error:
            raise CommandError(str(error)) from None
