"""Certificate PDF rendering: one certificate against a bare A4 page, and re-render throughput.

1. The median time to render one certificate (template with placeholders, QR code, four
   DejaVu faces, A4 landscape) against WeasyPrint rendering a bare one-page A4 document that
   loads the same fonts, sampled interleaved in one run. Target: at most 2×.
2. The throughput of re-rendering N certificates (default 500) with one and with two worker
   processes: a multiprocessing pool (fork) calling the same render function the Celery task
   calls (lms.certificates.rendering.render_pdf) and writing each PDF to a temporary folder,
   as the task writes it to storage. The database and broker are left out: they cost the same
   with one worker or two, and the render is what a re-render batch spends its time on.

    .venv/bin/python bench/certificate_render.py [--count 500] [--repeat 30]
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from common import interleaved_medians_ms, setup_django  # noqa: E402

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


def data(i: int = 0, code: str | None = None) -> rendering.CertificateData:
    return rendering.CertificateData(
        name=f"Anna Lindqvist {i}",
        course="Demokrati i vardagen",
        completed_on=date(2026, 3, 14),
        valid_until=date(2029, 3, 14),
        organisation="Ekbacka kommun",
        code=code or generate_code(),
    )


def render_one(args) -> int:
    i, folder = args
    pdf = rendering.render_pdf(template=TEMPLATE_OBJ, data=data(i))
    Path(folder, f"{i}.pdf").write_bytes(pdf)
    return len(pdf)


def throughput(count: int, processes: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(processes) as pool:
            pool.map(render_one, [(-1 - p, folder) for p in range(processes)])  # warm each process
            start = time.perf_counter()
            pool.map(render_one, [(i, folder) for i in range(count)], chunksize=4)
            elapsed = time.perf_counter() - start
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="certificates to re-render (default 500)")
    parser.add_argument("--repeat", type=int, default=30, help="samples for the single-render medians")
    args = parser.parse_args()

    fixed = data(code="7KQ4M2XD9RTFH3PA")
    medians = interleaved_medians_ms(
        {
            "certificate": lambda: rendering.render_pdf(template=TEMPLATE_OBJ, data=fixed),
            "bare": lambda: rendering.html_to_pdf(BARE),
        },
        repeat=args.repeat,
        warmup=3,
    )
    ratio = medians["certificate"] / medians["bare"]
    print(f"render one certificate:  {medians['certificate']:7.1f} ms (median of {args.repeat})")
    print(f"bare A4 page, same fonts:{medians['bare']:7.1f} ms")
    print(f"ratio: {ratio:.2f}× (target ≤ 2×) {'OK' if ratio <= 2 else 'OVER TARGET'}")

    print(f"\nre-render {args.count} certificates (multiprocessing pool, render + write PDF; cores: {os.cpu_count()})")
    one = throughput(args.count, 1)
    print(f"  1 process:   {one:6.1f} certificates/s ({args.count / one:6.1f} s)")
    two = throughput(args.count, 2)
    print(f"  2 processes: {two:6.1f} certificates/s ({args.count / two:6.1f} s), speed-up {two / one:.2f}×")


if __name__ == "__main__":
    main()
