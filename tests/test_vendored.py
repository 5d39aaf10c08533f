"""The vendored jsdiff is the file its record names: package, version, licence and sha256."""

from __future__ import annotations

import hashlib
import json

from kpversion.site.templating import STATIC

from .conftest import REPO


def test_the_vendored_word_diff_matches_its_record() -> None:
    record = json.loads((STATIC / "vendored.json").read_text())["diff.min.js"]
    data = (STATIC / "diff.min.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == record["sha256"]
    assert record["package"] == "diff" and record["licence"] == "BSD-3-Clause"
    licence = (STATIC / record["licence_file"]).read_text()
    assert licence.startswith("BSD 3-Clause License")
    installed = REPO / "build/npm/node_modules/diff"
    if installed.is_dir():  # `make vendor` installed it: the copy is byte-exact
        package = json.loads((installed / "package.json").read_text())
        if package["version"] == record["version"]:
            assert (installed / record["file"]).read_bytes() == data
