"""Check the system libraries the site needs, and say clearly what is missing.

WeasyPrint renders certificates with Pango; without it the import fails deep
inside cffi with a long traceback. Here it is one line that names the package.
"""

import sys

problems = []
try:
    import weasyprint  # noqa: F401
except OSError as exc:
    problems.append(
        "WeasyPrint cannot load Pango (" + str(exc).splitlines()[0] + "). "
        "Install it: Debian/Ubuntu 'apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core', "
        "macOS 'brew install pango'."
    )

try:
    from weasyprint.text.fonts import FontConfiguration  # noqa: F401
except Exception:  # noqa: S110 - reported above when Pango is missing
    pass

if problems:
    for line in problems:
        print(f"Missing system package: {line}", file=sys.stderr)
    sys.exit(1)
