"""`import`: versions refused as publish refuses them, the text's own version-line style and
title kept, formats it cannot read refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.errors import InputError
from kpversion.workflows.importing import ImportRequest, import_revision

Invoke = Callable[..., Result]
NOW = dt.datetime(2027, 3, 2, 10, tzinfo=dt.UTC)


def page(tmp_path: Path, text: str, name: str = "page.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_version_after_today_is_refused_as_publish_refuses_it(
    tmp_path: Path, cli_invoke: Invoke
) -> None:
    cli_invoke("init", cwd=tmp_path)
    source = page(tmp_path, "# Terms\n\nBe nice.\n")
    result = cli_invoke("import", str(source), "--statement", "t", "--version", "9999-12-31")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{source}: version 9999-12-31 (--version) is after today")
    assert not (tmp_path / "statements/t").exists()


def test_an_impossible_date_is_reported_as_such(tmp_path: Path) -> None:
    store = Store.init(tmp_path)
    source = page(tmp_path, "# Terms\n\nLast updated: February 30, 2024\n\nBe nice.\n")
    with pytest.raises(InputError, match=r"states an impossible date \('February 30, 2024'\)"):
        import_revision(store, ImportRequest(source, "t"), NOW)


def test_the_texts_version_line_style_and_h1_title_are_kept(tmp_path: Path) -> None:
    store = Store.init(tmp_path)
    text = "Cookies\n=======\n\n```\n# not a title\n```\n\nEffective date: March 3, 2024\n"
    import_revision(store, ImportRequest(page(tmp_path, text), "cookies"), NOW)
    settings = Store(tmp_path).statement("cookies").settings
    assert settings.title == "Cookies"
    assert (settings.version_line, settings.date_style) == ("Effective date: {effective}", "long")


@pytest.mark.parametrize("suffix", [".rst", ".RST", ".docx"])
def test_formats_read_wrongly_as_text_are_refused(tmp_path: Path, suffix: str) -> None:
    store = Store.init(tmp_path)
    source = page(tmp_path, "Privacy\n=======\n\n.. note:: x\n", f"privacy{suffix}")
    with pytest.raises(InputError) as caught:
        import_revision(store, ImportRequest(source, "p", version="2024-01-01"), NOW)
    assert "is not supported: convert it to Markdown" in caught.value.message
    assert "\n" not in caught.value.message
