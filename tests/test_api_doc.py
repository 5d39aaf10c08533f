"""docs/api.md is true: its examples run as a doctest in an empty folder; the names it
documents are the package's exports."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

import kpversion

from .conftest import REPO

API = REPO / "docs" / "api.md"


def test_the_api_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    failures, tried = doctest.testfile(str(API), module_relative=False, optionflags=flags)
    assert tried > 30
    assert failures == 0


def test_every_export_resolves_and_is_documented() -> None:
    page = API.read_text(encoding="utf-8")
    assert kpversion.__all__ == sorted(kpversion.EXPORTS)
    for name, module in kpversion.EXPORTS.items():
        assert getattr(kpversion, name) is getattr(importlib.import_module(module), name)
        assert re.search(rf"`{name}`", page), f"{name} is not in docs/api.md"


def test_compare_is_the_function_even_after_its_stage_is_imported() -> None:
    importlib.import_module("kpversion.compare.comparison")
    from kpversion import compare

    assert callable(compare) and compare.__module__ == "kpversion.compare.comparison"


def test_unknown_names_fail_as_attributes_do() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = kpversion.Nope
