"""Re-render certificate PDFs through Celery, e.g. after a template changed."""

from django.core.management.base import BaseCommand, CommandError

from lms.certificates import services


class Command(BaseCommand):
    help = "Re-render certificate PDFs through Celery (one task each, counted in a re-render batch)."

    def add_arguments(self, parser):
        parser.add_argument("--template", type=int, help="Only certificates made from this template (id).")
        parser.add_argument("--course", type=int, help="Only certificates of this course (page id).")
        parser.add_argument("--all", action="store_true", help="Every certificate.")

    def handle(self, *args, template=None, course=None, all=False, **options):  # noqa: A002 - the option's name
        if not (template or course or all):
            raise CommandError("Say which certificates: --template ID, --course ID or --all.")
        qs = services.certificates_for_rerender(template_id=template, course_id=course)
        batch = services.certificate_rerender_batch(certificates=qs, description="rerender_certificates command")
        self.stdout.write(f"Queued {batch.total} certificates in re-render batch {batch.pk}.")
        return None
