"""The library imports without click: hide click and import every core module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import kpversion

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(kpversion.__path__, "kpversion.")
    if not m.name.startswith("kpversion.cli")
)

SCRIPT = """
import sys
class HideClick:
    def find_spec(self, name, path=None, target=None):
        if name == "click" or name.startswith("click."):
            raise ImportError("click is hidden")
sys.meta_path.insert(0, HideClick())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
assert "click" not in sys.modules
from kpversion import Store
print("ok", len(sys.argv) - 1)
"""


def test_every_core_module_imports_without_click() -> None:
    assert "kpversion.store.tree" in CORE and "kpversion.text.convert" in CORE
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *CORE], capture_output=True, text=True, cwd=Path.cwd()
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(CORE)}"
