"""Replacing a file whole: the new bytes go to a temporary file beside it, are flushed to disk,
and are renamed over it, so a reader sees the old file or the new one, never a mix.

The one mechanism under the store's atomic writes (which add the file's name to errors and
sync its folder) and the rules cache's (which must never let an error of the system through).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def replace_file(path: Path, data: bytes, prefix: str) -> None:
    """Write data to path atomically; the temporary file (named prefix...) never stays."""
    # Imported here: tempfile (and the random it loads) costs about 4 ms of every start-up,
    # and most commands (a diff reading the cached rules) never write a file.
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        # The temporary file goes; an error removing it must not hide the one that failed.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
