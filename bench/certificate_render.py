"""Certificate PDF rendering: one certificate against a bare A4 page, and re-render throughput.

1. The median time to render one certificate (the demo template with placeholders, its QR code,
   the demo's SVG logo from the site settings, four DejaVu faces, A4 landscape, tagged PDF/A-2a and
   PDF/UA-1: ``lms.certificates.rendering.render_pdf``, the function the Celery task calls) against
   WeasyPrint rendering a bare one-page A4 document that loads the same fonts, sampled interleaved
   in one run. Target: at most 2×. The bare page is an untagged, plain PDF, as any WeasyPrint page.

   The baseline is WeasyPrint as it renders any document, ``HTML(string=…).write_pdf()``: it
   makes a font configuration for each document (Fontconfig's system fonts, the page's four
   @font-face rules), as the certificate renderer did before it kept one per process. So the
   bench also prints the bare page with one reused font configuration, the least any page with
   these fonts costs, and the certificate's ratio to that: what the certificate's own content
   (layout, QR code, text) costs, with no saving on the baseline's side.

2. The throughput of re-rendering N certificates (default 500) with one and with two workers.
   With CELERY_BROKER_URL (Redis) and a PostgreSQL DATABASE_URL: real Celery workers (prefork,
   concurrency 1, then 2) consume a re-render batch of N certificates queued by
   ``services.certificate_rerender_batch``, in a fresh test database (``test_`` + the name), each
   task locking the row, rendering, writing the PDF to a temporary folder and counting itself
   towards the batch; the time runs from queueing to the batch's last count. Without them: a
   multiprocessing pool calling ``render_pdf`` and writing each PDF to a temporary folder (the
   render alone, without the database and broker).

    .venv/bin/python bench/certificate_render.py [--count 500] [--repeat 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench_certs CELERY_BROKER_URL=redis://127.0.0.1:6379/11 \\
        .venv/bin/python bench/certificate_render.py
"""

import argparse
import contextlib
import io
import multiprocessing
import os
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from common import ROOT, interleaved_medians_ms, setup_django, test_database  # noqa: E402
from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

setup_django()

from lms.certificates import rendering  # noqa: E402
from lms.certificates.codes import generate_code  # noqa: E402
from lms.certificates.demo import TEMPLATE  # noqa: E402
from lms.certificates.models import CertificateTemplate  # noqa: E402

BARE = f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><style>
@font-face {{ font-family: "DejaVu Sans"; src: url("file://{rendering.FONT_DIR}/DejaVuSans.ttf"); }}
@font-face {{ font-family: "DejaVu Sans"; font-weight: bold; src: url("file://{rendering.FONT_DIR}/DejaVuSans-Bold.ttf"); }}
@font-face {{ font-family: "DejaVu Serif"; src: url("file://{rendering.FONT_DIR}/DejaVuSerif.ttf"); }}
@font-face {{ font-family: "DejaVu Serif"; font-weight: bold; src: url("file://{rendering.FONT_DIR}/DejaVuSerif-Bold.ttf"); }}
@page {{ size: A4; margin: 20mm; }} body {{ font-family: "DejaVu Sans"; }} h1 {{ font-family: "DejaVu Serif"; }}
</style></head><body><h1>Intyg</h1><p>Anna Lindqvist har genomfört <b>Demokrati i vardagen</b>.</p></body></html>"""

TEMPLATE_OBJ = CertificateTemplate(**TEMPLATE)
QUEUE = "bench-certificate-render"
# The bare page's own: its @font-face rules read the font files (the certificate's fetcher reads no files).
FETCHER = URLFetcher(allowed_protocols={"file", "data"})
BARE_BASE_URL = f"file://{rendering.FONT_DIR}/"


def data(i: int = 0, code: str | None = None) -> rendering.CertificateData:
    return rendering.CertificateData(
        name=f"Anna Lindqvist {i}",
        course="Demokrati i vardagen",
        completed_on=date(2026, 3, 14),
        valid_until=date(2029, 3, 14),
        organisation="Ekbacka kommun",
        code=code or generate_code(),
    )


def bare_page(font_config=None) -> bytes:
    """The bare page by WeasyPrint: a font configuration of its own unless one is given."""
    out = io.BytesIO()
    HTML(string=BARE, url_fetcher=FETCHER, base_url=BARE_BASE_URL).write_pdf(out, font_config=font_config)
    return out.getvalue()


@contextlib.contextmanager
def demo_site():
    """A test database with the demo's site settings (organisation, SVG logo), media in a temporary folder:
    the certificate is rendered as on the demo, logo included."""
    from django.test import override_settings

    from home import demo

    with test_database(), tempfile.TemporaryDirectory() as folder, override_settings(MEDIA_ROOT=folder):
        demo.load()
        yield


def untagged_certificate(fixed) -> bytes:
    """The same certificate as a plain, untagged PDF: what the tagging and PDF/A cost is the difference."""
    html = rendering.certificate_html(template=TEMPLATE_OBJ, data=fixed)
    return rendering.html_to_pdf(html, stylesheets=[rendering._renderer().stylesheet])


def single_render(repeat: int) -> None:
    fixed = data(code="7KQ4M2XD9RTFH3PA")
    reused = FontConfiguration()
    medians = interleaved_medians_ms(
        {
            "certificate": lambda: rendering.render_pdf(template=TEMPLATE_OBJ, data=fixed),
            "untagged": lambda: untagged_certificate(fixed),
            "bare": bare_page,
            "bare_reused": lambda: bare_page(reused),
        },
        repeat=repeat,
        warmup=3,
    )
    reused = None  # frees it: its copies of the @font-face fonts are removed now, not at interpreter exit
    ratio = medians["certificate"] / medians["bare"]
    like = medians["certificate"] / medians["bare_reused"]
    print(f"render one certificate:   {medians['certificate']:7.1f} ms (median of {repeat})")
    print(f"bare A4 page, same fonts: {medians['bare']:7.1f} ms (WeasyPrint as it renders any document)")
    print(f"ratio: {ratio:.2f}× (target ≤ 2×) {'OK' if ratio <= 2 else 'OVER TARGET'}")
    print(
        f"bare A4 page, same fonts, font configuration reused: {medians['bare_reused']:5.1f} ms; "
        f"certificate / that: {like:.2f}×"
    )
    extra = medians["certificate"] - medians["untagged"]
    print(
        f"the same certificate untagged (no PDF/UA, no PDF/A): {medians['untagged']:5.1f} ms; tagging and PDF/A "
        f"cost {extra:+.1f} ms ({extra / medians['untagged']:+.0%})"
    )


# --- Throughput: a multiprocessing pool (the render alone) ----------------------------------------


def render_one(args) -> int:
    i, folder = args
    pdf = rendering.render_pdf(template=TEMPLATE_OBJ, data=data(i))
    Path(folder, f"{i}.pdf").write_bytes(pdf)
    return len(pdf)


def pool_throughput(count: int, processes: int) -> float:
    from django.db import connection

    if connection.vendor != "sqlite":
        connection.close()  # each forked process opens its own; an in-memory SQLite database is copied by the fork
    with tempfile.TemporaryDirectory() as folder:
        ctx = multiprocessing.get_context("fork")
        pool = ctx.Pool(processes)
        try:
            pool.map(render_one, [(-1 - p, folder) for p in range(processes)])  # warm each process
            start = time.perf_counter()
            pool.map(render_one, [(i, folder) for i in range(count)], chunksize=4)
            elapsed = time.perf_counter() - start
        finally:
            pool.close()
            pool.join()
    return count / elapsed


# --- Throughput: real Celery workers --------------------------------------------------------------


def make_certificates(count: int) -> list[int]:
    """``count`` rendered certificates of the demo template, one course; their ready mails sent, their
    files not there (so every re-render writes a new file, and no run finds more files than another)."""
    from django.utils import timezone

    from bench.generate import make_courses, make_people, make_units
    from lms.certificates.models import Certificate, CourseCertificate, RenderStatus
    from lms.courses.models import Enrolment

    template = CertificateTemplate.objects.create(**TEMPLATE)
    (course,) = make_courses(1, lessons=1)
    CourseCertificate.objects.create(course=course, template=template)
    person_ids = make_people(make_units(50), count)
    now = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(person_id=pk, course_id=course.pk, started_at=now, completed_at=now) for pk in person_ids
    )
    enrolments = Enrolment.objects.filter(course=course).values_list("pk", "person_id")
    Certificate.objects.bulk_create(
        Certificate(
            enrolment_id=enrolment_id,
            person_id=person_id,
            course=course,
            template=template,
            code=generate_code(),
            completed_on=date(2026, 3, 14),
            valid_until=date(2029, 3, 14),
            render_status=RenderStatus.RENDERED,
            pdf="certificates/bench/not-there.pdf",
            ready_mail_sent_at=now,
        )
        for enrolment_id, person_id in enrolments
    )
    return list(Certificate.objects.filter(course=course).order_by("pk").values_list("pk", flat=True))


def database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextlib.contextmanager
def celery_worker(concurrency: int, broker: str, folder: str):
    """One ``celery worker`` (prefork, ``concurrency`` processes) on the test database, consuming QUEUE."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "MEDIA_ROOT": str(Path(folder, "media")),
        "LMS_PRIVATE_MEDIA_ROOT": str(Path(folder, "private")),
        "EMAIL_URL": "consolemail://",
    }
    command = [
        str(ROOT / ".venv/bin/celery"), "-A", "config", "worker", "--pool=prefork", f"--concurrency={concurrency}",
        "-Q", QUEUE, "-n", f"bench-certificates-{concurrency}@%h", "--loglevel=WARNING",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    log = open(Path(folder, f"worker-{concurrency}.log"), "w")  # noqa: SIM115 closed below
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield worker
    finally:
        worker.terminate()  # warm shutdown: the pool's processes end with it
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()


def run_batch(ids: list[int], worker, timeout: float = 900) -> tuple[float, int]:
    """Queue a re-render batch of ``ids`` and wait for its last count: (seconds, failed)."""
    from lms.certificates import services
    from lms.certificates.models import Certificate, CertificateRenderBatch

    start = time.perf_counter()
    batch = services.certificate_rerender_batch(certificates=Certificate.objects.filter(pk__in=ids))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, failed = CertificateRenderBatch.objects.filter(pk=batch.pk).values_list("done", "failed").get()
        if done + failed >= len(ids):
            return time.perf_counter() - start, failed
        if worker.poll() is not None:
            raise RuntimeError(f"the Celery worker stopped (exit {worker.returncode}); see its log")
        time.sleep(0.05)
    raise RuntimeError(f"the batch did not finish in {timeout:.0f} s ({done + failed} of {len(ids)})")


def celery_throughput(count: int, broker: str) -> None:
    from django.db import connection

    from config.celery_app import app

    app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue=QUEUE)
    with test_database(), tempfile.TemporaryDirectory() as folder:
        if connection.vendor != "postgresql":
            raise SystemExit("Celery workers need a shared database: set DATABASE_URL to PostgreSQL.")
        with app.connection_for_write() as conn:
            conn.default_channel.queue_declare(QUEUE, durable=True, auto_delete=False)
            conn.default_channel.queue_purge(QUEUE)  # nothing left from an interrupted run
        warmup = 8
        ids = make_certificates(2 * (count + warmup))
        print(
            f"\nre-render {count} certificates through Celery (broker {broker}, PostgreSQL "
            f"{connection.settings_dict['NAME']}; render, write PDF, count in batch; cores: {os.cpu_count()})"
        )
        rates = {}
        for concurrency in (1, 2):
            own = ids[(concurrency - 1) * (count + warmup) :][: count + warmup]  # each run its own certificates
            with celery_worker(concurrency, broker, folder) as worker:
                run_batch(own[:warmup], worker, timeout=120)  # start-up, and each process's first render
                seconds, failed = run_batch(own[warmup:], worker)
            rates[concurrency] = count / seconds
            note = f", {failed} FAILED (see the worker log)" if failed else ""
            speed_up = f", speed-up {rates[2] / rates[1]:.2f}×" if concurrency == 2 else ""
            label = "1 worker process: " if concurrency == 1 else "2 worker processes:"
            print(f"  {label} {rates[concurrency]:6.1f} certificates/s ({seconds:6.1f} s){speed_up}{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="certificates to re-render (default 500)")
    parser.add_argument("--repeat", type=int, default=30, help="samples for the single-render medians")
    args = parser.parse_args()

    broker = os.environ.get("CELERY_BROKER_URL", "")
    with demo_site():
        single_render(args.repeat)
        if not broker.startswith("redis://"):
            print(
                f"\nre-render {args.count} certificates (multiprocessing pool, render + write PDF; "
                f"cores: {os.cpu_count()}); for real Celery workers set CELERY_BROKER_URL=redis://… and a "
                "PostgreSQL DATABASE_URL"
            )
            one = pool_throughput(args.count, 1)
            print(f"  1 process:   {one:6.1f} certificates/s ({args.count / one:6.1f} s)")
            two = pool_throughput(args.count, 2)
            print(f"  2 processes: {two:6.1f} certificates/s ({args.count / two:6.1f} s), speed-up {two / one:.2f}×")
            return
    celery_throughput(args.count, broker)


if __name__ == "__main__":
    main()
