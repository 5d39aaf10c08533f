"""kpversion: version control for privacy statements and other public policy pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kpversion.store.tree import Revision, Statement, Store

__all__ = ["Revision", "Statement", "Store"]


def __getattr__(name: str) -> Any:
    # Lazy, so `kpversion diff` does not pay for the store when it reads two files.
    if name in __all__:
        from kpversion.store import tree as store

        return getattr(store, name)
    raise AttributeError(f"module 'kpversion' has no attribute {name!r}")
