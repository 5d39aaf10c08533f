"""In force means in force: a notice period cannot be bypassed by a later revision, `check`
reports a revision in force too early, `show --in-force` gives the text of a day, and the
site's current page and banner agree."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.site.build import build_site
from kpversion.workflows.check import check_store
from kpversion.workflows.publish import PublishRefused, PublishRequest, publish

from .statement_repo import FLIP, NOW, bundled_repo, edit_draft

Invoke = Callable[..., Result]
SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"
MATERIAL = PublishRequest(
    SLUG, version="2027-03-01", override="material", because="Counsel approved", editor="Ed"
)


@pytest.fixture
def pending(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    """A material revision published today, in force after its 30-day notice period, and a
    draft that only touches the date line (the bypass the issue describes)."""
    repo = bundled_repo(tmp_path, git_repo)
    edit_draft(repo, SLUG, *FLIP)
    done = publish(Store(repo), MATERIAL, NOW)
    assert done.revision.entry.effective == "2027-04-01"
    edit_draft(repo, SLUG, "March 1, 2027", "March 2, 2027")
    return repo


def test_a_later_revision_carrying_the_change_takes_effect_no_earlier(pending: Path) -> None:
    done = publish(Store(pending), PublishRequest(SLUG), NOW)
    assert done.verdict.value == "non-material"
    assert done.revision.entry.effective == "2027-04-01"
    record = done.record
    # The opt-in grandfathering of older data survives the non-material revision.
    assert [(c.version, c.governed_by) for c in record.cohorts] == [("2023-01-24", "2023-01-24")]
    assert record.cohorts[0].until == "opt-in consent is recorded"
    assert record.grandfathering == record.cohorts


def test_an_earlier_effective_date_is_refused(pending: Path) -> None:
    with pytest.raises(PublishRefused, match=(
        r"the text carries the material change of revision 2027-03-01, pending until "
        r"2027-04-01: effective 2027-03-02 would put it in force before its notice period "
        r"ends; give --effective 2027-04-01 or later"
    )):  # fmt: skip
        publish(Store(pending), PublishRequest(SLUG, effective="2027-03-02", because="x"), NOW)


def test_a_revision_that_reverts_the_change_may_take_effect_at_once(pending: Path) -> None:
    edit_draft(pending, SLUG, FLIP[1], FLIP[0])
    done = publish(Store(pending), PublishRequest(SLUG, override="non-material",
                                                   because="We dropped the sale"), NOW)  # fmt: skip
    assert done.revision.entry.effective == "2027-03-02"


def test_check_reports_a_revision_in_force_before_the_notice_period_ended(
    pending: Path, cli_invoke: Invoke
) -> None:
    # As a kpversion without this rule recorded it: the second revision effective at once.
    done = publish(Store(pending), PublishRequest(SLUG, git=False), NOW)
    ledger = pending / FOLDER / "ledger.jsonl"
    lines = ledger.read_text().splitlines()
    entry = json.loads(lines[-1])
    entry["effective"] = "2027-03-02"
    ledger.write_text("\n".join([*lines[:-1], json.dumps(entry, separators=(",", ":"))]) + "\n")
    result = cli_invoke("check", "--today", "2027-03-02", cwd=pending)
    assert result.exit_code == 3
    assert (
        f"{FOLDER}/revisions/{done.revision.version}.md: in force on 2027-03-02, before the notice "
        "period of revision 2027-03-01 ended (2027-04-01), whose material change it carries "
        "(the statement promises notice of material changes on the website; FTC Act §5)"
    ) in result.stdout.splitlines()


def test_check_reports_a_material_revision_with_a_short_unexplained_notice(
    tmp_path: Path,
) -> None:
    from kpversion.dates import DateVersion

    store = Store.init(tmp_path)
    store.create_statement("terms", {"title": "Terms", "kind": "general"})
    store.add_revision("terms", DateVersion.parse("2024-01-01"), "Be nice.\n", {})
    fields = {"published_at": "2024-02-01", "effective": "2024-02-05", "verdict": "material",
              "notice": {"title": "T", "summary": "S", "published": "2024-02-01",
                         "effective": "2024-02-05", "compare": ""}}  # fmt: skip
    store.add_revision("terms", DateVersion.parse("2024-02-01"), "Be kind.\n", fields)
    problems = [f.problem for f in check_store(store, dt.date(2024, 3, 1)).findings]
    assert (
        "in force on 2024-02-05, 4 days after its notice went up: before its notice period of "
        "30 days ended, with no reason recorded"
    ) in problems


def test_show_in_force_gives_the_text_of_a_day(pending: Path, cli_invoke: Invoke) -> None:
    before = cli_invoke("show", f"{SLUG}@2027-03-15", "--in-force", cwd=pending)
    assert before.exit_code == 0
    assert FLIP[0] in before.stdout
    assert before.stderr == (
        f"{SLUG}@2027-03-15: in force: version 2023-01-24 (effective 2023-01-24, published "
        "2023-01-24)\n"
    )
    after = cli_invoke("show", f"{SLUG}@2027-04-01", "--in-force", cwd=pending)
    assert FLIP[1] in after.stdout and "version 2027-03-01" in after.stderr
    none = cli_invoke("show", f"{SLUG}@2020-01-01", "--in-force", cwd=pending)
    assert none.exit_code == 1
    assert none.stderr == (
        f"{FOLDER}: no revision was in force on 2020-01-01 (the first takes effect 2023-01-24)\n"
    )


def test_the_current_page_and_the_banner_agree(pending: Path, tmp_path: Path) -> None:
    publish(Store(pending), PublishRequest(SLUG), NOW)
    build_site(Store(pending), tmp_path / "site", dt.date(2027, 3, 10))
    page = (tmp_path / "site" / SLUG / "index.html").read_text()
    banner = json.loads((tmp_path / "site" / SLUG / "banner.json").read_text())
    assert banner["in_force"] == {"version": "2023-01-24", "effective": "2023-01-24"}
    assert banner["next"] == {"version": "2027-03-02", "effective": "2027-04-01"}
    assert banner["notice"]["effective"] == "2027-04-01"
    assert "We do not sell or rent" in page  # the text in force today
    assert (
        "In force today: version 2023-01-24. Version <strong>2027-03-02</strong> takes effect on "
        '<time datetime="2027-04-01">2027-04-01</time>'
    ) in page
    build_site(Store(pending), tmp_path / "later", dt.date(2027, 4, 2))
    later = json.loads((tmp_path / "later" / SLUG / "banner.json").read_text())
    assert later["in_force"] == {"version": "2027-03-02", "effective": "2027-04-01"}
    assert later["next"] is None
    assert "We may sell or rent" in (tmp_path / "later" / SLUG / "index.html").read_text()
