# The two commands (see README.md): `make run` and `make test`.
# On a fresh machine with only Python 3.11 and make, they install everything
# else themselves: a pinned uv in .tools/, then the locked environment in .venv/.

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3.11

.PHONY: run test lint format setup docs bench clean

run: setup
	.venv/bin/crs assess examples/cases/youth-victim-refuses.json --format text

test: setup lint
	.venv/bin/python -m pytest

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Regenerate the files made from the code (a test fails when they are stale).
docs: setup
	.venv/bin/python -m crs.docs

bench: setup
	.venv/bin/crs bench

setup: .venv/.synced

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	touch $@

clean:
	rm -rf .venv $(TOOLS) .pytest_cache .ruff_cache
