"""Make today's public figures now, as the nightly task does (after an upgrade that dropped the old
snapshot, or to publish at once after an import): the roll-up first, then the snapshot of /resultat/."""

from django.core.management.base import BaseCommand

from lms.reports import services


class Command(BaseCommand):
    help = "Recompute the roll-up and store today's public figures (/resultat/), as the nightly task does."

    def handle(self, *args, **options):
        services.summary_refresh()
        cells = services.public_snapshot_refresh()
        self.stdout.write(f"Public figures stored: {cells} cells.")
