"""Files that carry personal data out of crs (backups, exports, subject access answers, the
policy review's case list) are readable by their owner only, whatever the umask: on a
shared machine a 0644 backup is every user's copy of the force's records."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

PRIVATE = 0o600


def reserve(path: str | os.PathLike) -> Path:
    """Create (or truncate) `path` as a private file, for a library that opens the path
    itself: an existing file keeps the mode it has when reopened for writing."""
    os.close(_open(path))
    return Path(path)


def open_private(path: str | os.PathLike, mode: str = "w", **kwargs) -> IO:
    """open() for writing, the file private from its first byte ('w' or 'wb')."""
    if mode not in ("w", "wb"):
        raise ValueError(f"open_private writes a new file: mode 'w' or 'wb', not {mode!r}")
    return os.fdopen(_open(path), mode, **kwargs)


def _open(path) -> int:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    os.fchmod(fd, PRIVATE)  # the file may have existed with a wider mode
    return fd
