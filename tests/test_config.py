from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    with pytest.raises(ConfigError, match="notice_days' must be a whole number from 0 to 36500"):
        load_statement_settings(path)
    path.write_text('title = "T"\nbanner_days = 3000000\n')
    with pytest.raises(ConfigError, match="banner_days' must be a whole number"):
        load_statement_settings(path)
    path.write_text('title = "T"\nurl = "javascript:alert(1)//"\n')
    with pytest.raises(ConfigError, match="'url' must be an http:// or https:// URL"):
        load_statement_settings(path)
    path.write_text('kind = "privacy"\n')
    with pytest.raises(ConfigError, match="missing required setting 'title'"):
        load_statement_settings(path)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('base_url = "javascript:alert(document.domain)//"', "'base_url' must be an http"),
        ('base_url = "example.org/policies"', "'base_url' must be an http"),
        ('templates = "../../elsewhere"', "'templates' must be a folder inside statements/"),
        ('templates = "/proc/self"', "'templates' must be a folder inside statements/"),
    ],
)
def test_tree_settings_that_links_or_paths_could_misuse(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "kpversion.toml"
    path.write_text(line + "\n")
    with pytest.raises(ConfigError, match=problem):
        load_tree_settings(path)
    path.write_text('base_url = "https://example.org/policies/"\ntemplates = "theme"\n')
    assert load_tree_settings(path).base_url == "https://example.org/policies/"


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


@given(st.text())
def test_written_settings_read_back_whatever_the_text(title: str) -> None:
    import tomllib

    from kpversion.config import dump_toml

    assert tomllib.loads(dump_toml({"title": title})) == {"title": title}


def test_languages_and_the_feed_authority_are_checked(tmp_path: Path) -> None:
    from kpversion.config import statement_language, text_direction

    tree_path = tmp_path / "kpversion.toml"
    tree_path.write_text('language = "fr-CA"\nauthority = "acme.example,2019-05"\n')
    tree = load_tree_settings(tree_path)
    assert (tree.language, tree.authority) == ("fr-CA", "acme.example,2019-05")
    statement_path = tmp_path / "statement.toml"
    statement_path.write_text('title = "T"\nlanguage = "he"\ntranslations = ["t-en"]\n')
    statement = load_statement_settings(statement_path)
    assert statement_language(tree, statement) == "he" and text_direction("he") == "rtl"
    assert text_direction("fr-CA") == "ltr" and statement.translations == ("t-en",)
    statement_path.write_text('title = "T"\n')
    assert statement_language(tree, load_statement_settings(statement_path)) == "fr-CA"
    for bad in ('language = "english please"', 'authority = "example.org"'):
        tree_path.write_text(bad + "\n")
        with pytest.raises(ConfigError, match=r"language tag|RFC 4151"):
            load_tree_settings(tree_path)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('version_line = "{date}{date}"', "each at most once"),
        ('version_line = "Updated"', "each at most once"),
        ('date_order = "year-first"', "date_order must be one of month-first, day-first"),
    ],
)
def test_version_line_and_date_order_are_checked(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "statement.toml"
    path.write_text(f'title = "T"\n{line}\n')
    with pytest.raises(ConfigError, match=problem):
        load_statement_settings(path)
