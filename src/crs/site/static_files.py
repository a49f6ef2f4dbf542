"""Collecting the static files into the data directory, no more often and no slower than needed.

WhiteNoise compresses every collected file with gzip and with brotli at its best
quality, which takes seconds a megabyte: collecting took 40 s of the minute `crs serve
--demo` took to start, most of it on django-ninja's Swagger UI and Redoc bundles (which
the site never serves from the collected files), on source maps, and on second copies
(every file is kept under its own name and under its hashed name). So: ninja's files are
not collected, source maps are not compressed (only a developer's browser tools fetch
them), only the hashed copies are, and a collection whose inputs have not changed since
the last one is not redone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage

# django-ninja's Swagger UI and Redoc: the API's docs page serves the Swagger UI files it
# needs from ninja's package itself (crs.api.docs), never from the collected files.
IGNORE = ("ninja/*",)
STAMP = ".crs-collected"


class CollectedStatic(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, compressing only the files under their hashed names: those are
    the names the pages link to (`{% static %}` reads the manifest). A file asked for by its
    own name is still served, uncompressed."""

    def compress_files(self, paths):
        renamed = {name for name, hashed in self.hashed_files.items() if hashed != name}
        yield from super().compress_files([path for path in paths if path not in renamed])


def inputs_fingerprint() -> str:
    """A hash of everything a collection is made from: each file the finders give (name and
    bytes) and the settings that shape the output."""
    digest = hashlib.sha256()
    options = {
        "storage": settings.STORAGES["staticfiles"]["BACKEND"],
        "url": settings.STATIC_URL,
        "skip": list(getattr(settings, "WHITENOISE_SKIP_COMPRESS_EXTENSIONS", None) or []),
        "ignore": list(IGNORE),
    }
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    found = {}
    for finder in get_finders():
        for path, storage in finder.list(list(IGNORE)):
            prefix = getattr(storage, "prefix", None) or ""
            found.setdefault(f"{prefix}/{path}" if prefix else path, storage.path(path))
    for name in sorted(found):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(Path(found[name]).read_bytes()).digest())
    return digest.hexdigest()


def collect() -> bool:
    """Collect the static files unless the last collection was made from the same inputs;
    say whether it collected."""
    root = Path(settings.STATIC_ROOT)
    stamp = root / STAMP
    fingerprint = inputs_fingerprint()
    manifest = root / "staticfiles.json"
    if stamp.is_file() and manifest.is_file() and stamp.read_text() == fingerprint:
        return False
    stamp.unlink(missing_ok=True)  # an interrupted collection is never taken for a whole one
    # A list of its own: collectstatic adds its default patterns to the one it is given.
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=list(IGNORE))
    stamp.write_text(fingerprint)
    return True
