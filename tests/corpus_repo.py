"""Build a git repository from a corpus manifest: one commit per revision, with the manifest's
author and committer dates, messages and paths (so renames happen), via `git fast-import`."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

IDENTITY = b"Corpus Author <corpus@example.org>"


def build_repo(manifest_folder: Path, target: Path) -> list[dict[str, object]]:
    """Create target as a repository holding manifest_folder's history; returns the manifest."""
    entries: list[dict[str, object]] = json.loads((manifest_folder / "manifest.json").read_text())
    target.mkdir(parents=True)
    _git(target, "init", "-q", "-b", "main")
    stream = b"".join(_commit(manifest_folder, entries, i) for i in range(len(entries)))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=target, input=stream, check=True)
    _git(target, "checkout", "-q", "main")
    return entries


def _commit(folder: Path, entries: list[dict[str, object]], index: int) -> bytes:
    entry = entries[index]
    body = str(entry.get("body") or "")
    message = str(entry["subject"]) + (f"\n\n{body}" if body else "") + "\n"
    data = (folder / str(entry["file"])).read_bytes()
    lines = [
        b"commit refs/heads/main",
        b"mark :%d" % (index + 1),
        b"author " + IDENTITY + b" " + _date(str(entry["author_date"])),
        b"committer " + IDENTITY + b" " + _date(str(entry["committer_date"])),
        *_data(message.encode("utf-8")),
    ]
    if index:
        lines.append(b"from :%d" % index)
        previous = str(entries[index - 1]["path"])
        if previous != entry["path"]:
            lines.append(b"D " + previous.encode())
    lines += [b"M 100644 inline " + str(entry["path"]).encode(), *_data(data), b""]
    return b"\n".join(lines) + b"\n"


def _data(payload: bytes) -> list[bytes]:
    return [b"data %d" % len(payload), payload]


def _date(iso: str) -> bytes:
    moment = dt.datetime.fromisoformat(iso)
    offset = moment.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return f"{int(moment.timestamp())} {zone}".encode()


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)
