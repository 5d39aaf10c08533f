"""`kpversion serve`: the built site on 127.0.0.1, rebuilt when statements/ changes.

Standard library only: a threading http.server for the folder, and a thread that polls the
statements/ tree's file sizes and modification times (no inotify dependency, works everywhere).
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kpversion.errors import KpversionError
from kpversion.site.build import BuildReport, build_site
from kpversion.site.templating import CONTENT_SECURITY_POLICY
from kpversion.store.tree import Store

Fingerprint = tuple[tuple[str, int, int], ...]
OUTSIDE = ".kpversion-outside-the-site"
"""A name no build writes: a request that would leave the folder is answered as this, 404."""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site folder; no request log, banner.json may be read by other origins, and
    every response carries the pages' Content-Security-Policy and `nosniff`. A symbolic link
    that leads out of the folder is not followed: it answers 404."""

    # With nosniff, a browser takes each file as its Content-Type says: name every type served.
    extensions_map = {  # noqa: RUF012 (http.server's own class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".atom": "application/atom+xml",
        ".css": "text/css",
        ".html": "text/html",
        ".js": "text/javascript",
        ".json": "application/json",
        ".md": "text/markdown; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        translated = super().translate_path(path)
        root = os.path.realpath(self.directory)
        target = os.path.realpath(translated)
        if target != root and not target.startswith(root + os.sep):
            return os.path.join(root, OUTSIDE)
        return translated

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


class Preview:
    """A local preview server with a polling rebuild thread."""

    def __init__(
        self,
        store: Store,
        out: Path,
        port: int = 8000,
        interval: float = 1.0,
        *,
        today: Callable[[], dt.date],
        log: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.root = store.root
        self.out = out
        self.interval = interval
        self.log = log
        self.today = today
        self.stopping = threading.Event()
        self.fingerprint = fingerprint(store.folder)
        # Bind first: a busy port is one line at once, not an error after a whole build.
        self.server = bind(port, functools.partial(QuietHandler, directory=str(out)))
        self.rebuild()
        self.watcher = threading.Thread(target=self.watch, name="kpversion-watch", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def rebuild(self) -> BuildReport | None:
        try:
            report = build_site(Store(self.root), self.out, self.today())
        except KpversionError as exc:
            self.log(f"build failed: {exc.message}")
            return None
        if report.written or report.removed:
            self.log(f"rebuilt: {len(report.written)} written, {len(report.removed)} removed")
        return report

    def watch(self) -> None:
        while not self.stopping.wait(self.interval):
            current = fingerprint(Store(self.root).folder)
            if current != self.fingerprint:
                self.fingerprint = current
                self.rebuild()

    def start(self) -> None:
        """Serve and watch in background threads (for tests and embedding)."""
        self.watcher.start()
        threading.Thread(
            target=self.server.serve_forever, name="kpversion-serve", daemon=True
        ).start()

    def serve_forever(self) -> None:
        self.watcher.start()
        self.server.serve_forever()

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def bind(port: int, handler: Callable[..., QuietHandler]) -> ThreadingHTTPServer:
    """The server on 127.0.0.1:port; a port in use or refused is a one-line error."""
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            problem = "port already in use; give another --port, or --port 0 for a free one"
        else:
            problem = f"cannot serve here ({exc.strerror or exc})"
        raise KpversionError(problem, f"127.0.0.1:{port}") from None


def fingerprint(folder: Path) -> Fingerprint:
    """Every file under folder with its size and modification time."""
    entries = []
    for path in sorted(folder.rglob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            entries.append((str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
