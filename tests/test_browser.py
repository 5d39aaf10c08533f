"""The site in real Chromium: banner, dismissal, redline, XSS and axe-core accessibility checks.

One browser per module; each test opens its own context, so local storage starts empty.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.site.build import build_site
from tests.demo_site import GITHUB, make_demo_site
from tests.site_tree import TEXT_V3, XSS, add_material, make_tree

from .conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "build/npm/node_modules/axe-core/axe.min.js"
IMG = REPO / "docs/img"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = json.dumps(
    {"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
     "resultTypes": ["violations"]}
)  # fmt: skip
"""WCAG 2.2 AA (and what 2.0 and 2.1 AA hold) and axe's best practices. Every rule runs on every
node either way; `resultTypes` only spares axe a selector for each node that passed (it then
names one per rule), which was most of its time on a large compare page (24 s of 29)."""
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<script src="/{site}/policy/banner.js" defer></script></head>
<body><main><h1>Welcome</h1><p>A page of the organization's own site.</p>
<p><a href="#more">Read more</a></p></main></body></html>
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt install chromium)"
    ),
    pytest.mark.skipif(
        not AXE.exists(), reason=f"{AXE} is absent (make system-deps installs axe-core)"
    ),
]


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        # Last-Modified has one-second resolution: a rebuild within the second of the last
        # fetch would be answered 304 Not Modified with the old banner.json.
        if "If-Modified-Since" in self.headers:
            del self.headers["If-Modified-Since"]
        return super().send_head()


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A local web server on 127.0.0.1 serving a folder: (base URL, folder)."""
    root = tmp_path_factory.mktemp("web")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def publish_site(web: tuple[str, Path], name: str, store: Store) -> str:
    """Build store's site into the web folder under name, with a host page beside it."""
    base, root = web
    build_site(store, root / name, dt.date.today())
    (root / f"{name}-host.html").write_text(HOST_PAGE.format(site=name))
    return f"{base}/{name}"


@pytest.fixture(scope="module")
def site(web: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Store]:
    store = make_tree(tmp_path_factory.mktemp("repo"), dt.date.today())
    return publish_site(web, "site", store), store


class Page:
    """A browser tab that records dialogs and every request it makes."""

    def __init__(self, context: Any) -> None:
        self.tab = context.new_page()
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.tab.on("dialog", self._dialog)
        self.tab.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Any:
        self.tab.goto(url)
        self.tab.wait_for_load_state("networkidle")
        return self.tab

    def serious_violations(self) -> list[str]:
        """axe's serious and critical violations (the context injects axe: add_init_script)."""
        result = self.tab.evaluate(f"async () => await axe.run(document, {AXE_OPTIONS})")
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 760}, bypass_csp=True)
    yield Page(context)
    context.close()


def banner(tab: Any) -> Any:
    return tab.locator("section.kpversion-banner")


def test_banner_shows_on_a_host_page_and_requests_only_its_own_site(
    page: Page, site: tuple[str, Store]
) -> None:
    url, _ = site
    tab = page.open(f"{url}-host.html")
    region = banner(tab)
    region.wait_for()
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == "Privacy Statement: notice of changes"
    link = region.get_by_role("link", name="See what changed")
    assert link.get_attribute("href") == f"{url}/policy/compare/2024-01-01...2024-03-01/"
    assert tab.evaluate("document.activeElement === document.body")
    origin = url.rsplit("/", 1)[0]
    assert page.requests and all(r.startswith(origin) for r in page.requests), page.requests
    link.click()
    tab.wait_for_load_state()
    assert tab.locator("del").count() >= 1


def test_banner_can_be_dismissed_with_the_keyboard_and_stays_dismissed(
    page: Page, site: tuple[str, Store]
) -> None:
    url, _ = site
    tab = page.open(f"{url}-host.html")
    banner(tab).wait_for()
    close = tab.get_by_role("button", name="Dismiss notice")
    for _ in range(5):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Dismiss notice":
            break
    assert close.evaluate("b => b === document.activeElement")
    tab.keyboard.press("Enter")
    assert banner(tab).count() == 0
    tab.reload()
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(200)
    assert banner(tab).count() == 0


def test_a_newer_notice_shows_again_after_a_dismissal(
    page: Page, web: tuple[str, Path], tmp_path: Path
) -> None:
    store = make_tree(tmp_path / "repo", dt.date.today())
    url = publish_site(web, "newer", store)
    tab = page.open(f"{url}-host.html")
    tab.get_by_role("button", name="Dismiss notice").click()
    today = dt.date.today()
    add_material(
        store,
        "policy",
        "2024-03-01",
        "2024-06-01",
        TEXT_V3,
        summary="Persistent cookies.",
        published=today.isoformat(),
        effective=(today + dt.timedelta(days=30)).isoformat(),
    )
    publish_site(web, "newer", store)
    tab.reload()
    banner(tab).wait_for()
    assert "Persistent cookies." in banner(tab).inner_text()
    stored = tab.evaluate("Object.keys(localStorage)")
    assert stored == ["kpversion-banner:policy:2024-03-01"]


def test_compare_page_shows_the_redline_and_the_change_list(
    page: Page, site: tuple[str, Store]
) -> None:
    url, _ = site
    tab = page.open(f"{url}/policy/compare/2024-01-01...2024-03-01/index.html")
    assert tab.locator(".redline del").first.text_content() == "deleted: do not"
    assert tab.locator(".redline ins").first.text_content() == "inserted: may"
    rows = tab.locator("table.change-list tbody tr")
    assert rows.count() >= 1
    assert "sell or rent" in " ".join(tab.locator("ol.changes").all_inner_texts())


def test_compare_any_two_versions(page: Page, site: tuple[str, Store], tmp_path: Path) -> None:
    url, _ = site
    tab = page.open(f"{url}/policy/compare/index.html")
    tab.get_by_label("Older version").select_option("2024-01-01")
    tab.get_by_label("Newer version").select_option("2024-03-01")
    tab.get_by_role("button", name="Compare").click()
    tab.wait_for_url("**/2024-01-01...2024-03-01/index.html")


def test_xss_payloads_run_no_script(page: Page, web: tuple[str, Path], tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo", dt.date.today())
    (store.folder / "policy/statement.toml").write_text(f"title = {json.dumps(XSS)}\n")
    today = dt.date.today()
    add_material(
        store,
        "policy",
        "2024-03-01",
        "2024-06-01",
        TEXT_V3 + "\n" + XSS + "\n",
        summary=XSS,
        published=today.isoformat(),
        effective=today.isoformat(),
    )
    url = publish_site(web, "xss", store)
    pages = ["", "2024-06-01/", "compare/2024-03-01...2024-06-01/", "archive/", "records/"]
    for path in pages:
        page.open(f"{url}/policy/{path}index.html")
    tab = page.open(f"{url}-host.html")
    banner(tab).wait_for()
    for link in tab.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.open(f"{url}/policy/compare/index.html?old=2024-01-01&new=2024-06-01")
    page.tab.locator("#any-result ins").first.wait_for()
    assert page.dialogs == []
    assert page.tab.evaluate("typeof window.xssRan") == "undefined"


def test_escape_dismisses_the_banner_and_focus_moves_on(
    page: Page, site: tuple[str, Store], web: tuple[str, Path]
) -> None:
    url, _ = site
    tab = page.open(f"{url}-host.html")
    banner(tab).wait_for()
    text = banner(tab).inner_text()
    effective = json.loads((web[1] / "site/policy/banner.json").read_text())["notice"]["effective"]
    assert text.count(effective) == 1 and "Effective" not in text, text  # said once, by the title
    banner(tab).get_by_role("link", name="See what changed").focus()
    tab.keyboard.press("Escape")
    assert banner(tab).count() == 0
    focused = tab.evaluate("document.activeElement.textContent")
    assert focused == "Read more"  # the next focusable element after the banner
    tab.reload()
    tab.wait_for_load_state("networkidle")
    assert banner(tab).count() == 0


def test_without_a_focusable_element_after_it_focus_goes_to_main(
    page: Page, site: tuple[str, Store], web: tuple[str, Path]
) -> None:
    url, _ = site
    (web[1] / "site-plain.html").write_text(HOST_PAGE.format(site="site").replace(
        '<p><a href="#more">Read more</a></p>', ""))  # fmt: skip
    tab = page.open(f"{url}-plain.html")
    banner(tab).wait_for()
    tab.get_by_role("button", name="Dismiss notice").focus()
    tab.keyboard.press("Escape")
    assert tab.evaluate("document.activeElement.tagName") == "MAIN"


Demo = tuple[str, Path, Store]
DEMO_HOST = HOST_PAGE.replace(
    '<script src="/{site}/policy/banner.js" defer>',
    '<script src="/demo/privacy-statement/banner.js" data-today="2024-09-15" defer>',
)


@pytest.fixture(scope="module")
def demo(web: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The three-statement site (tests/demo_site.py), served: its URL, folder and store."""
    store = make_demo_site(tmp_path_factory.mktemp("demo") / "repo")
    url = publish_site(web, "demo", store)
    (web[1] / "demo-host.html").write_text(DEMO_HOST)
    return url, web[1] / "demo", store


def html_pages(folder: Path) -> list[str]:
    """Every page of a built site (banner.html is a snippet for the host's own page)."""
    pages = [p for p in folder.rglob("*.html") if p.name != "banner.html"]
    return sorted(str(p.relative_to(folder)) for p in pages)


def any_pair(demo: Demo) -> str:
    """The compare-any page of two versions that are not consecutive."""
    return f"{demo[0]}/privacy-statement/compare/index.html?old=2023-01-24&new=2024-09-01"


def open_all(tab: Any) -> None:
    """Open every fold, so that what a reader can unfold is measured too."""
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def test_compare_any_two_versions_shows_sections_verdicts_and_the_change_table(
    page: Page, demo: Demo
) -> None:
    tab = page.open(any_pair(demo))
    result = tab.locator("#any-result")
    result.locator("table.change-list").wait_for(state="attached")
    assert tab.evaluate("document.activeElement.id") == "any-title"
    assert "What changed from 2023-01-24 to 2024-09-01" in result.locator("h2").first.inner_text()
    changes = result.locator("li.change")
    assert changes.count() >= 3  # two wording changes and the date line
    redlines = result.locator(".redline").all_text_contents()
    assert any("deleted: do not" in r and "inserted: may" in r for r in redlines), [
        r for r in redlines if "sell" in r
    ]
    assert any("inserted: and analytics" in r for r in redlines), redlines
    flip = result.locator("li.change", has_text="sell or rent")
    assert flip.get_attribute("data-verdict") == "material"
    assert "in 2024-09-01:" in flip.locator(".reason").inner_text()
    cookies = result.locator("li.change", has_text="analytics")
    assert "in 2024-05-01:" in cookies.locator(".reason").inner_text()
    sections = result.locator("section.cmp-section")
    assert result.locator("section.cmp-section.unchanged").count() >= 3
    assert sections.count() > result.locator("section.cmp-section.changed").count()
    rows = result.locator("table.change-list tbody tr")
    assert rows.count() == changes.count()
    result.get_by_label("non-material").uncheck()
    assert result.locator("li.change:not([hidden])").count() < changes.count()
    assert "Showing" in result.locator(".filter-status").inner_text()


def test_the_filter_and_the_table_of_contents_on_a_prebuilt_page(page: Page, demo: Demo) -> None:
    tab = page.open(f"{demo[0]}/privacy-statement/compare/2024-05-01...2024-09-01/index.html")
    form = tab.locator("form.filter")
    assert form.is_visible()  # compare.js shows it
    total = tab.locator("li.change").count()
    tab.get_by_label("material", exact=False).first.uncheck()
    assert tab.locator("li.change:not([hidden])").count() < total
    tab.locator(".toc a").first.click()
    assert tab.evaluate("location.hash").startswith("#s-")


LONG = " ".join(f"word{n}" for n in range(2500))


def test_a_long_paragraph_shows_its_word_changes_not_a_whole_replacement(
    page: Page, web: tuple[str, Path], tmp_path: Path
) -> None:
    store = Store.init(tmp_path / "repo", site_title="Long")
    store.create_statement("long", {"title": "Long"})
    texts = [LONG, LONG.replace("word1200 ", "changed1200 "), LONG.replace("word1200 ", "")]
    texts[2] = texts[2].replace("word2000 ", "word2000 added ")
    for day, text in zip(("2024-01-01", "2024-02-01", "2024-03-01"), texts, strict=True):
        store.add_revision("long", DateVersion.parse(day), f"# Long\n\n{text}\n", {})
    url = publish_site(web, "long", store)
    tab = page.open(f"{url}/long/compare/index.html?old=2024-01-01&new=2024-03-01")
    tab.locator("#any-result li.change").first.wait_for(state="attached")
    inserted = tab.locator("#any-result .redline ins").all_text_contents()
    deleted = tab.locator("#any-result .redline del").all_text_contents()
    assert inserted == ["inserted: added "], inserted
    assert deleted == ["deleted: word1200 "], deleted


def test_a_change_made_and_then_undone_is_not_shown(
    page: Page, web: tuple[str, Path], tmp_path: Path
) -> None:
    store = make_tree(tmp_path / "repo", dt.date.today())
    store.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3.replace(
        "We may sell or rent", "We do not sell or rent"), {})  # fmt: skip
    url = publish_site(web, "undone", store)
    tab = page.open(f"{url}/policy/compare/index.html?old=2024-01-01&new=2024-06-01")
    tab.locator("#any-result table.change-list").wait_for(state="attached")
    text = tab.locator("#any-result ol.changes").inner_text()
    assert "persistent" in text and "sell" not in text


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_no_page_scrolls_sideways(browser: Any, demo: Demo, width: int) -> None:
    url, folder, _ = demo
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    refused: list[str] = []  # the pages' own policy must let their own scripts run
    tab.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    wide = []
    for path in [*html_pages(folder), any_pair(demo)]:
        # "load", not "networkidle" (which idles 500 ms a page): only compare-any fetches
        # after load, and its result is waited for.
        tab.goto(path if path.startswith("http") else f"{url}/{path}", wait_until="load")
        if "?" in path:
            tab.locator("#any-result table.change-list").wait_for(state="attached")
        open_all(tab)
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide.append((path, scroll))
    context.close()
    assert wide == [] and refused == []
    assert tab is not None


@pytest.mark.slow
def test_axe_finds_no_serious_violations_on_any_page(browser: Any, demo: Demo) -> None:
    """axe-core, WCAG 2.2 AA and best practice, on every generated page of the demo site."""
    url, folder, _ = demo
    # axe is injected as an inline script, which the pages' own policy rightly refuses; the
    # context injects it into every page it opens, before the page's own scripts, so it is read
    # once, not sent again for each page.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(path=str(AXE))
    page = Page(context)
    tab = page.tab
    found = {}
    pages = [*html_pages(folder), any_pair(demo), "host"]
    # Every page of the demo, which holds the GitHub revisions only where the corpus is there.
    assert len(pages) >= (25 if GITHUB.is_dir() else 15)
    for path in pages:
        # "load", not "networkidle" (which idles 500 ms a page): only compare-any and the host
        # page's banner fetch after load, and both are waited for.
        if path == "host":
            tab.goto(f"{url}-host.html", wait_until="load")
            banner(tab).wait_for()
        else:
            tab.goto(path if path.startswith("http") else f"{url}/{path}", wait_until="load")
            if "?" in path:
                tab.locator("#any-result table.change-list").wait_for(state="attached")
        open_all(tab)
        violations = page.serious_violations()
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


def test_screenshots(
    page: Page, demo: Demo, web: tuple[str, Path], request: pytest.FixtureRequest
) -> None:
    """The pictures of README and docs/; rewritten in docs/img/ under --update-golden."""
    url, folder, store = demo
    target = IMG if request.config.getoption("--update-golden") else web[1] / "shots"
    target.mkdir(parents=True, exist_ok=True)
    tab = page.open(f"{url}/privacy-statement/index.html")
    tab.screenshot(path=target / "statement.png")
    tab.locator("section.notice").screenshot(path=target / "notice.png")
    compare = f"{url}/privacy-statement/compare/2024-05-01...2024-09-01/index.html"
    page.open(compare).screenshot(path=target / "compare.png", full_page=True)
    tab = page.open(any_pair(demo))
    tab.locator("#any-result table.change-list").wait_for(state="attached")
    tab.screenshot(path=target / "compare-any.png", full_page=True)
    rewrite = f"{url}/github-privacy/compare/2023-10-10...2024-02-01/index.html"
    if (folder / "github-privacy").is_dir():
        tab = page.open(rewrite)
        tab.set_viewport_size({"width": 1000, "height": 1400})
        tab.evaluate("document.getElementById('changes').scrollIntoView()")
        tab.screenshot(path=target / "compare-folded.png")
    tab = page.open(f"{url}-host.html")
    banner(tab).wait_for()
    tab.set_viewport_size({"width": 1000, "height": 300})
    tab.screenshot(path=target / "banner.png")
    from kpversion.site.notice_formats import NoticeRequest, find_notice

    (web[1] / "demo-mail.html").write_text(
        find_notice(store, NoticeRequest("privacy-statement")).html()
    )
    tab = page.open(f"{url}-mail.html")
    tab.set_viewport_size({"width": 700, "height": 900})
    tab.screenshot(path=target / "email.png", full_page=True)
    shots = ["statement", "notice", "compare", "compare-any", "banner", "email"]
    assert all((target / f"{name}.png").stat().st_size > 5000 for name in shots)
