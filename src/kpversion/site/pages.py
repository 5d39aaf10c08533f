"""A page of the site: where it goes, the hash of everything its bytes depend on, and how to
make them. A page whose key is unchanged is not rendered again."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kpversion.site.templating import PACKAGE


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, the hash of its inputs, and how to make its bytes."""

    path: str
    key: str
    render: Callable[[], bytes]


def input_key(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def code_digest() -> str:
    """kpversion's source as this process loaded it: new diff rules or page code change every
    page's key. Cached, so a long-running `serve` keeps the digest of the code it runs."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".json", ".yaml"):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
