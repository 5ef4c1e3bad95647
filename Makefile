# The two commands of the README. Both install what they need into .venv and are safe to run again.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?= --reuse-db
# pytest-xdist: one worker per core; each builds its own test database, demo and live servers once.
PYTEST_WORKERS ?= auto

.PHONY: run test test-fast install check-system translations lint worker beat oidc-provider runtime

run: install translations runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:8000 (admin: http://127.0.0.1:8000/admin/). Demo accounts: README.md."
	$(PY) manage.py runserver 127.0.0.1:8000

test: install translations oidc-provider runtime
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The inner loop: everything but the browser tests and those that need real Redis, workers or PostgreSQL.
test-fast: install translations runtime
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS) -m "not browser and not redis and not postgres"

# The certified OpenID provider the single sign-on browser tests run against (npm, pinned by its lock file);
# without npm those tests are skipped locally and fail in CI.
oidc-provider: tests/oidc_provider/node_modules/.installed
tests/oidc_provider/node_modules/.installed: tests/oidc_provider/package-lock.json
	@if command -v npm >/dev/null; then cd tests/oidc_provider && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: the single sign-on tests against a real provider will be skipped (Debian: apt-get install npm)."; fi

# The players of SCORM and H5P packages (lms/packages), from npm, pinned by frontend/package-lock.json
# (install scripts off: a runtime package runs nothing on this machine), copied where collectstatic and
# whitenoise find them (static/vendor/, not committed). Never a CDN.
RUNTIME := static/vendor/.installed
runtime: $(RUNTIME)
$(RUNTIME): frontend/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: the package lessons need it (Debian: apt-get install npm)."; exit 1; }
	cd frontend && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -rf static/vendor && mkdir -p static/vendor/scorm-again static/vendor/h5p-standalone
	cp frontend/node_modules/scorm-again/dist/scorm12.min.js frontend/node_modules/scorm-again/dist/scorm2004.min.js \
	   frontend/node_modules/scorm-again/dist/cross-frame-api.min.js frontend/node_modules/scorm-again/dist/cross-frame-lms.min.js frontend/node_modules/scorm-again/LICENSE \
	   frontend/node_modules/scorm-again/dist/scorm12.min.js.map frontend/node_modules/scorm-again/dist/scorm2004.min.js.map \
	   frontend/node_modules/scorm-again/dist/cross-frame-api.min.js.map frontend/node_modules/scorm-again/dist/cross-frame-lms.min.js.map \
	   static/vendor/scorm-again/
	cp -R frontend/node_modules/h5p-standalone/dist/main.bundle.js frontend/node_modules/h5p-standalone/dist/frame.bundle.js \
	   frontend/node_modules/h5p-standalone/dist/styles frontend/node_modules/h5p-standalone/dist/fonts \
	   frontend/node_modules/h5p-standalone/dist/images frontend/node_modules/h5p-standalone/LICENSE* static/vendor/h5p-standalone/
	@touch $@

install: $(VENV)/.installed check-system

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) scripts/check_python.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: install python3-venv (Debian: apt-get install python3-venv)."; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

check-system:
	@$(PY) scripts/check_system.py

# Only when a catalogue is newer than its compiled file (or has none): the command starts Django (4 s).
translations:
	@stale=$$(find home lms locale -path '*/LC_MESSAGES/*.po' | while read -r po; do [ "$${po%.po}.mo" -nt "$$po" ] || echo "$$po"; done); \
	if [ -n "$$stale" ]; then $(PY) manage.py compile_translations; fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# With CELERY_BROKER_URL set (e.g. redis://127.0.0.1:6379/0): a real worker and the scheduler.
worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO
beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO
