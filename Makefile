# The two commands (see README.md): `make run` and `make test`.
# On a fresh machine with only Python 3.11 and make, they install everything
# else themselves: a pinned uv in .tools/, then the locked environment in .venv/.

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3.11

# The Django tests run a second time on PostgreSQL (pytest-django creates and
# drops its own test database there). CRS_SKIP_POSTGRES=1 skips that leg on a
# machine without PostgreSQL; CI never sets it.
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
DJANGO_TESTS := tests/cases tests/accounts tests/audit tests/web tests/api tests/reminders \
	tests/dashboard tests/scrutiny tests/exchange tests/retention
# Debian's Chromium drives the browser tests (tests/browser, SQLite leg only) and
# `crs screenshots`; scripts/install-chromium installs it as root, or says what to run.
# CRS_SKIP_BROWSER=1 skips both the install and the browser tests; CI never sets it.
CHROMIUM := $(or $(CRS_CHROMIUM),/usr/bin/chromium)

.PHONY: run example test test-postgres chromium screenshots lint format setup docs bench clean vendor

run: setup
	.venv/bin/crs serve --demo

# The decision engine alone: assess an example case and explain the decision.
example: setup
	.venv/bin/crs assess examples/cases/youth-victim-refuses.json --format text

test: setup lint chromium
	.venv/bin/python -m pytest
	$(MAKE) test-postgres

test-postgres: setup
ifeq ($(CRS_SKIP_POSTGRES),1)
	@echo "CRS_SKIP_POSTGRES=1: the PostgreSQL leg of the tests is skipped"
else
	@.venv/bin/python -c "import psycopg, sys; psycopg.connect('$(PG_URL)', connect_timeout=5).close()" \
	  || { echo "PostgreSQL is not reachable at $(PG_URL): start it, set PG_URL, or set CRS_SKIP_POSTGRES=1"; exit 1; }
	DATABASE_URL=$(PG_URL) .venv/bin/python -m pytest -p no:cacheprovider $(DJANGO_TESTS)
endif

# The system packages: Pango and fonts for the PDFs (WeasyPrint), always; Chromium unless
# CRS_SKIP_BROWSER=1. Installs only what is missing (root needed only then).
chromium:
	@CRS_CHROMIUM=$(CHROMIUM) CRS_SKIP_BROWSER=$(CRS_SKIP_BROWSER) scripts/install-system-packages

# Regenerate docs/screenshots/ from the demo force.
screenshots: setup chromium
	.venv/bin/crs screenshots

# lint-imports checks the layers (pyproject.toml [tool.importlinter], docs/decisions/0013).
lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

format: setup
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Regenerate the files made from the code (a test fails when they are stale).
docs: setup
	.venv/bin/python -m crs.docs

bench: setup
	.venv/bin/crs bench

# Refresh the vendored GOV.UK Frontend and htmx (needs node and npm; the result is committed,
# so no other target and no fresh machine needs them). See docs/decisions/0005.
vendor:
	scripts/vendor-frontend

setup: .venv/.synced

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	touch $@

clean:
	rm -rf .venv $(TOOLS) .pytest_cache .ruff_cache
