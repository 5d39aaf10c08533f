"""kpversion: version control for privacy statements and other public policy pages."""

from __future__ import annotations

from kpversion.store import Revision, Statement, Store

__all__ = ["Revision", "Statement", "Store"]
