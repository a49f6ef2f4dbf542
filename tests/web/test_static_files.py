"""Gathering the static files for `crs serve`: not again when nothing changed, and only the
copies the pages link to compressed (it took 40 s of the demo's start)."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles.finders import AppDirectoriesFinder
from django.test import override_settings

from crs.site import static_files

# Compressible enough that WhiteNoise keeps the compressed copies.
CSS = "body { color: #0b0c0c; }\n" * 200


@pytest.fixture
def site(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text(CSS)
    root = tmp_path / "static"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "crs.site.static_files.CollectedStatic"},
    }
    with override_settings(
        STATIC_ROOT=root,
        STATICFILES_DIRS=[source],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STORAGES=storages,
    ):
        yield source, root


def test_the_static_files_are_gathered_once_while_nothing_changes(site):
    assert static_files.collect() is True
    assert static_files.collect() is False


def test_a_changed_static_file_is_gathered_again(site):
    source, root = site
    static_files.collect()
    (source / "site.css").write_text(CSS + "p { margin: 0; }\n")

    assert static_files.collect() is True
    assert "margin" in next(root.glob("site.*.css")).read_text()


def test_a_collection_left_half_done_is_done_again(site):
    _, root = site
    static_files.collect()
    (root / "staticfiles.json").unlink()

    assert static_files.collect() is True


def test_only_the_hashed_copy_the_pages_link_to_is_compressed(site):
    _, root = site
    static_files.collect()

    hashed = next(p for p in root.glob("site.*.css") if p.suffix == ".css")
    assert hashed.with_name(hashed.name + ".br").exists()
    assert hashed.with_name(hashed.name + ".gz").exists()
    assert (root / "site.css").exists()
    assert not (root / "site.css.br").exists()
    assert not (root / "site.css.gz").exists()


def test_ninjas_bundles_which_the_api_docs_read_from_the_package_are_left_out():
    shipped = {path for path, _ in AppDirectoriesFinder().list([])}
    gathered = {path for path, _ in AppDirectoriesFinder().list(list(static_files.IGNORE))}

    assert {"ninja/redoc.standalone.js", "ninja/swagger-ui-bundle.js"} <= shipped
    assert not {p for p in gathered if p.startswith("ninja/")}
    assert "crs/crs.css" in gathered
    assert "admin/css/base.css" in gathered
