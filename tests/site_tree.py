"""Statement trees for the site tests: real stores with revisions, notices and records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpversion import Store
from kpversion.change import Change, ChangeKind, DiffResult, Direction, Side, Verdict
from kpversion.dates import DateVersion
from kpversion.records.retroactivity import RecordInput, build_record

XSS = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    '[click](javascript:alert(1)) <a href="javascript:alert(1)">raw</a> '
    '"\'><svg onload=alert(1)> <img src=y onerror="window.xssRan=1">'
)

TEXT_V1 = """# Privacy Statement

## Sharing

We do not sell or rent personal information about visitors to this site.

## Cookies

We use session cookies to keep you signed in.

Last reviewed/updated: January 1, 2024
"""

TEXT_V2 = TEXT_V1.replace("We do not sell or rent", "We may sell or rent").replace(
    "January 1, 2024", "March 1, 2024"
)

TEXT_V3 = TEXT_V2.replace(
    "We use session cookies", "We use session and persistent cookies"
).replace("March 1, 2024", "June 1, 2024")


def notice(old: str, new: str, published: str, effective: str, summary: str) -> dict[str, str]:
    return {
        "title": f"Changes effective {effective}",
        "summary": summary,
        "published": published,
        "effective": effective,
        "compare": f"{old}...{new}",
    }


def add_material(
    store: Store,
    slug: str,
    old: str,
    new: str,
    text: str,
    *,
    published: str,
    effective: str,
    summary: str = "We may now sell personal information.",
) -> None:
    """A material revision with its notice meta, notice file and record, as publish writes them."""
    fields = {
        "published_at": published,
        "effective": effective,
        "verdict": "material",
        "notice": notice(old, new, published, effective, summary),
    }
    store.add_revision(slug, DateVersion.parse(new), text, fields)
    folder = store.folder / slug
    (folder / "notices").mkdir(exist_ok=True)
    (folder / "notices" / f"{new}.md").write_text(
        f"# Changes effective {effective}\n\n{summary}\n", encoding="utf-8"
    )
    write_record(store, slug, old, new, published, effective)


def write_record(
    store: Store, slug: str, old: str, new: str, published: str, effective: str
) -> None:
    """A record built by kpversion.retroactivity from a hand-classified change (no classifier)."""
    change = Change(
        ChangeKind.MODIFIED,
        ("Privacy Statement", "Sharing"),
        ("Privacy Statement", "Sharing"),
        "We do not sell or rent",
        "We may sell or rent",
        verdict=Verdict.MATERIAL,
        direction=Direction.MORE_PERMISSIVE,
        category="third-party-sharing",
        rules=("A11",),
        reason="negation removed",
    )
    previous = store.revision(slug, old)
    revision = store.revision(slug, new)
    source = RecordInput(
        slug=slug,
        title="Privacy Statement",
        url="",
        regimes=("FTC", "CCPA"),
        entities=(),
        previous=(old, previous.entry.sha256, RETROACTIVE),
        version=new,
        sha256=revision.entry.sha256,
        text=revision.text(),
        published=dt.date.fromisoformat(published),
        effective=dt.date.fromisoformat(effective),
        notice_days=30,
        review_months=12,
        history=((old, previous.entry.effective),),
        editor="Test Editor",
        now=dt.datetime.fromisoformat(f"{published}T09:00:00+00:00"),
    )
    result = DiffResult(Side(f"{slug}@{old}", ""), Side(f"{slug}@{new}", ""), (change,))
    path = store.folder / slug / "records" / f"{new}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(build_record(source, result).to_json(), encoding="utf-8")


RETROACTIVE = "Any revised statement applies to information we already have about you."


def make_tree(root: Path, today: dt.date | None = None) -> Store:
    """Two statements: `policy` with three revisions (the second material), and `empty`."""
    today = today or dt.date(2024, 3, 10)
    store = Store.init(root, site_title="Example policies")
    store.create_statement("policy", {"title": "Privacy Statement", "banner_days": 30})
    store.add_revision("policy", DateVersion.parse("2024-01-01"), TEXT_V1, {})
    published = (today - dt.timedelta(days=9)).isoformat()
    effective = (today + dt.timedelta(days=21)).isoformat()
    add_material(
        store,
        "policy",
        "2024-01-01",
        "2024-03-01",
        TEXT_V2,
        published=published,
        effective=effective,
    )
    store.create_statement("empty", {"title": "Terms"})
    return store
