"""The site in real Chromium: banner, dismissal, redline, XSS and axe-core accessibility checks.

One browser per module; each test opens its own context, so local storage starts empty.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kpversion import Store
from kpversion.site.build import build_site
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
        self.tab.add_script_tag(path=str(AXE))
        result = self.tab.evaluate("async () => await axe.run(document)")
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 760})
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
    assert "sell or rent" in tab.locator("ol.changes").inner_text()


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


@pytest.mark.parametrize(
    "path", ["policy/index.html", "policy/compare/2024-01-01...2024-03-01/index.html", "host"]
)
def test_axe_finds_no_serious_violations(page: Page, site: tuple[str, Store], path: str) -> None:
    url, _ = site
    tab = page.open(f"{url}-host.html" if path == "host" else f"{url}/{path}")
    if path == "host":
        banner(tab).wait_for()
    assert page.serious_violations() == []


def test_screenshots(
    page: Page, web: tuple[str, Path], bundled: Path, request: pytest.FixtureRequest
) -> None:
    """Screenshots for the README; rewritten in docs/img/ under --update-golden."""
    store = Store(bundled)
    old = store.latest("privacy-statement")
    assert old is not None
    text = old.text().replace("We do not sell or rent", "We may sell or rent")
    text = text.replace("session cookies to help", "session and analytics cookies to help")
    today = dt.date.today()
    new = "2026-12-01"
    add_material(
        store,
        "privacy-statement",
        str(old.version),
        new,
        text,
        summary="We may now sell or rent personal information, and we use analytics cookies.",
        published=today.isoformat(),
        effective=(today + dt.timedelta(days=30)).isoformat(),
    )
    url = publish_site(web, "shots", store)
    host = HOST_PAGE.replace("/policy/", "/privacy-statement/").format(site="shots")
    (web[1] / "shots-host.html").write_text(host)
    target = IMG if request.config.getoption("--update-golden") else web[1]
    target.mkdir(parents=True, exist_ok=True)
    page.open(f"{url}/privacy-statement/index.html").screenshot(path=target / "statement.png")
    compare = f"{url}/privacy-statement/compare/{old.version}...{new}/index.html"
    page.open(compare).screenshot(path=target / "compare.png", full_page=True)
    tab = page.open(f"{url}-host.html")
    banner(tab).wait_for()
    tab.set_viewport_size({"width": 1000, "height": 300})
    tab.screenshot(path=target / "banner.png")
    assert all((target / f"{name}.png").stat().st_size > 5000 for name in ("statement", "compare"))
    shutil.rmtree(web[1] / "shots")
