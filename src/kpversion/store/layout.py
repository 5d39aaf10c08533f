"""Slug validation and safe joins: no path may leave statements/ or the output folder."""

from __future__ import annotations

import re
from pathlib import Path

from kpversion.errors import KpversionError

SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def check_slug(slug: str) -> str:
    """Return the slug if it is valid, else raise naming the problem."""
    if not SLUG_PATTERN.fullmatch(slug):
        raise KpversionError(
            f"invalid statement slug {slug!r}: use 1-64 of a-z, 0-9 and '-', starting with a "
            "letter or digit",
            f"statements/{slug}",
        )
    return slug


def safe_join(root: Path, *parts: str) -> Path:
    """Join parts under root, refusing any result outside root."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise KpversionError(f"path {'/'.join(parts)!r} leaves {root}")
    return target
