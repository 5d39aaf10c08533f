from __future__ import annotations

from pathlib import Path

import pytest

from kpversion.config import load_statement_settings, load_tree_settings
from kpversion.errors import ConfigError


def test_unknown_key_gets_a_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "kpversion.toml"
    path.write_text('site_titel = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_tree_settings(path)
    assert info.value.message == f"{path}: unknown setting 'site_titel'; did you mean 'site_title'?"


def test_statement_settings_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "statement.toml"
    path.write_text('title = "T"\nkind = "legal"\n')
    with pytest.raises(ConfigError, match="kind must be one of privacy, general"):
        load_statement_settings(path)
    path.write_text('title = "T"\nnotice_days = "thirty"\n')
    with pytest.raises(ConfigError, match="notice_days' must be a non-negative integer"):
        load_statement_settings(path)
    path.write_text('kind = "privacy"\n')
    with pytest.raises(ConfigError, match="missing required setting 'title'"):
        load_statement_settings(path)


def test_defaults_and_values(tmp_path: Path) -> None:
    path = tmp_path / "statement.toml"
    path.write_text('title = "T"\nregimes = ["FTC"]\nnotice_days = 45\n')
    settings = load_statement_settings(path)
    assert settings.regimes == ("FTC",)
    assert settings.notice_days == 45
    assert settings.version_line == "Last reviewed/updated: {date}"
    assert load_tree_settings(tmp_path / "absent.toml").notice_days == 30


def test_bad_toml_and_bad_regex(tmp_path: Path) -> None:
    path = tmp_path / "kpversion.toml"
    path.write_text("site_title = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_tree_settings(path)
    path.write_text('chrome_patterns = ["(unclosed"]\n')
    with pytest.raises(ConfigError, match="not a valid regex"):
        load_tree_settings(path)


def test_every_setting_is_documented() -> None:
    from dataclasses import fields

    from kpversion.config import StatementSettings, TreeSettings

    page = (Path(__file__).resolve().parents[1] / "docs/configuration.md").read_text()
    for cls in (TreeSettings, StatementSettings):
        for spec in fields(cls):
            assert f"| `{spec.name}` |" in page, f"{cls.__name__}.{spec.name} is undocumented"
