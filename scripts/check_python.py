"""Stop early, with one clear line, if the Python that will build the venv is too old."""

import sys

if sys.version_info < (3, 11):
    sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}. Set PYTHON=python3.12 (or similar).")
