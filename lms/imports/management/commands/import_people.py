"""Import people (or org units) from the HR system's export: the nightly job.

    manage.py import_people export.csv --full            # everyone; missing people are deactivated
    manage.py import_people changes.xlsx                 # only the people listed
    manage.py import_people units.csv --kind units       # the unit tree (code, name, kind, parent code)
    manage.py import_people export.csv --full --dry-run  # what would change, nothing written

Exit status 1 when the file cannot be read or has bad rows (nothing is changed then).

The command is the operator's system job, run as nobody: unlike an import from the admin it may change
every account, including superusers' and others with more rights than HR (see lms.organisation.selectors.protected_user_ids).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.core import table_plans, tables
from lms.imports import services


class Command(BaseCommand):
    help = "Import people or org units from the HR system's export (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--full", action="store_true", help="The file lists everyone: deactivate people missing from it."
        )
        parser.add_argument("--format", choices=["auto", "csv", "xlsx"], default="auto")
        parser.add_argument("--kind", choices=["auto", "people", "units"], default="auto")
        parser.add_argument("--show", type=int, default=20, help="How many rows of each list to print.")

    def handle(self, *args, path: Path, dry_run: bool, full: bool, format: str, kind: str, show: int, **options):
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        try:
            tables.check_size(size)  # before reading a byte of it
            data = path.read_bytes()
            result = services.people_import(
                data=data, filename=path.name, fmt=format, kind=kind, full=full, dry_run=dry_run
            )
        except tables.ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc}") from None
        except services.ImportRefused as exc:
            self._print(exc.result, show)
            raise CommandError(
                f"{len(exc.result.plan.bad_rows)} bad rows: nothing was imported. Correct the file and run again."
            ) from None
        self._print(result, show)
        if dry_run and not result.plan.is_valid:
            raise CommandError(f"{len(result.plan.bad_rows)} bad rows: this file would not be imported.")

    def _print(self, result: services.ImportResult, show: int) -> None:
        report = result.report()
        table = result.plan.table
        read_as = table.format.upper() + (
            f", {table.encoding}, separator {table.delimiter!r}" if table.encoding else ""
        )
        self.stdout.write(f"Read as {read_as}; {report['counts']['rows']} rows.")
        for row in report["bad_rows"][:show]:
            bad = table_plans.BadRow(line=row["line"], key=row["key"], code=row["code"], params=row["params"])
            self.stdout.write(self.style.ERROR(f"  line {bad.line} ({bad.key or '–'}): {bad.message}"))
        for row in report["created"][:show]:
            self.stdout.write(f"  + {row['key']} {row['name']} ({row['unit']})")
        for row in report["changed"][:show]:
            self.stdout.write(
                f"  ~ {row['key']} {row['name']}: {table_plans.describe_report_row_change(row['changes'])}"
            )
        for row in report["deactivated"][:show]:
            self.stdout.write(f"  - {row['key']} {row['name']}")
        counts = report["counts"]
        summary = (
            f"{counts['created']} created, {counts['changed']} changed ({counts['moved']} moved, "
            f"{counts['reactivated']} reactivated), {counts['deactivated']} deactivated, "
            f"{counts['unchanged']} unchanged, {counts['bad']} bad rows"
        )
        if result.dry_run:
            self.stdout.write(f"Dry run: {summary}. Nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}; {result.rows_written} rows written."))
