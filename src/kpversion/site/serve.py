"""`kpversion serve`: the built site on 127.0.0.1, rebuilt when statements/ changes.

Standard library only: a threading http.server for the folder, and a thread that polls the
statements/ tree's file sizes and modification times (no inotify dependency, works everywhere).
"""

from __future__ import annotations

import datetime as dt
import functools
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


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site folder; no request log, banner.json may be read by other origins, and
    every response carries the pages' Content-Security-Policy and `nosniff`."""

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
        self.rebuild()
        handler = functools.partial(QuietHandler, directory=str(out))
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
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
