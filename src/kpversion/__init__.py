"""kpversion: version control for privacy statements and other public policy pages.

The public API (docs/api.md): `from kpversion import Store, compare, publish, ...`. Each name
is imported from its module when first used, so `import kpversion` stays cheap and
`kpversion diff` does not pay for the store when it reads two files.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kpversion.change import (
        Change,
        ChangeKind,
        DiffResult,
        Direction,
        Override,
        Verdict,
    )
    from kpversion.compare import compare, rules_for
    from kpversion.dates import DateVersion
    from kpversion.diff import diff_texts
    from kpversion.errors import KpversionError
    from kpversion.materiality import classify, load_rules
    from kpversion.site.build import BuildReport, build_site
    from kpversion.store.tree import Revision, Statement, Store
    from kpversion.store.verify import verify_store
    from kpversion.workflows.backfill import BackfillRequest, BackfillResult, backfill
    from kpversion.workflows.check import check_store
    from kpversion.workflows.importing import ImportRequest, import_revision
    from kpversion.workflows.publish import Published, PublishRequest, publish
    from kpversion.workflows.status import status_report

EXPORTS = {
    "Store": "kpversion.store.tree",
    "Statement": "kpversion.store.tree",
    "Revision": "kpversion.store.tree",
    "DateVersion": "kpversion.dates",
    "compare": "kpversion.compare",
    "rules_for": "kpversion.compare",
    "diff_texts": "kpversion.diff",
    "classify": "kpversion.materiality",
    "load_rules": "kpversion.materiality",
    "DiffResult": "kpversion.change",
    "Change": "kpversion.change",
    "ChangeKind": "kpversion.change",
    "Verdict": "kpversion.change",
    "Direction": "kpversion.change",
    "Override": "kpversion.change",
    "import_revision": "kpversion.workflows.importing",
    "ImportRequest": "kpversion.workflows.importing",
    "publish": "kpversion.workflows.publish",
    "PublishRequest": "kpversion.workflows.publish",
    "Published": "kpversion.workflows.publish",
    "backfill": "kpversion.workflows.backfill",
    "BackfillRequest": "kpversion.workflows.backfill",
    "BackfillResult": "kpversion.workflows.backfill",
    "check_store": "kpversion.workflows.check",
    "verify_store": "kpversion.store.verify",
    "status_report": "kpversion.workflows.status",
    "build_site": "kpversion.site.build",
    "BuildReport": "kpversion.site.build",
    "KpversionError": "kpversion.errors",
}
"""Each public name and the module that defines it."""

# Written out, for type checkers; a test holds it equal to EXPORTS.
__all__ = [
    "BackfillRequest",
    "BackfillResult",
    "BuildReport",
    "Change",
    "ChangeKind",
    "DateVersion",
    "DiffResult",
    "Direction",
    "ImportRequest",
    "KpversionError",
    "Override",
    "PublishRequest",
    "Published",
    "Revision",
    "Statement",
    "Store",
    "Verdict",
    "backfill",
    "build_site",
    "check_store",
    "classify",
    "compare",
    "diff_texts",
    "import_revision",
    "load_rules",
    "publish",
    "rules_for",
    "status_report",
    "verify_store",
]


# `compare` names both the compare stage (kpversion/compare/) and its function. Importing a
# submodule sets the package's attribute to the module, so the stage is loaded here first
# (it is light: the change model) and the attribute then holds the function, as documented.
importlib.import_module("kpversion.compare")
globals()["compare"] = importlib.import_module("kpversion.compare").compare


def __getattr__(name: str) -> Any:
    module = EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kpversion' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
