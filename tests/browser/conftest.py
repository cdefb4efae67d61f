"""Browser fixtures: Debian's Chromium driven by Playwright's sync API against `live_server`.

Never downloads a browser (no `playwright install`): /usr/bin/chromium comes from apt, with
fonts-wqy-microhei so Chinese text renders instead of boxes. Every test gets a fresh browser
context (no cookies or storage shared between tests).

Use in a test module (fixtures: `browser`, `page`, `phone_page`; helpers: `login`,
`assert_fits_width`, `screenshot`):

    from playwright.sync_api import expect
    from .conftest import login

    pytestmark = pytest.mark.browser

    def test_something(page, live_server, cast):
        login(page, live_server, cast.township_a_officer)
        page.goto(live_server.url + "/people/")
        expect(page.locator("h1")).to_contain_text(...)

`live_server` makes the test transactional, so records created by fixtures such as `cast` are
visible to the server thread. Use `expect(...)` (it waits) rather than reading the page once.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the
# synchronous ORM calls our fixtures make around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GONGHUI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Containers often have a tiny /dev/shm; Chromium then crashes on big pages.
    "--disable-dev-shm-usage",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOT_DIR = Path(
    os.environ.get("GONGHUI_SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "docs" / "screenshots")
)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).")
    from playwright.sync_api import sync_playwright

    # A fresh, throwaway profile directory for the whole session (removed afterwards).
    profile = tempfile.mkdtemp(prefix="gonghui-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            # Tests open their own contexts on this browser; the persistent one stays idle.
            yield context.browser
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    """A page in a fresh browser context at desktop size, in Chinese like our users' browsers."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(page):
    """The same, at the width of a common phone (390 px): grassroots officers work on phones."""
    page.set_viewport_size(PHONE)
    return page


def login(page, live_server, user, password=PASSWORD):
    """Log in through the real login form (so axes, CSRF and the session all take part)."""
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form button.primary")
    return page


def assert_fits_width(page):
    """The page needs no sideways scrolling at its current viewport (the phone test)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width}px wide in a {viewport}px viewport"


def screenshot(page, name, viewport):
    """Save docs/screenshots/<name>.png at the given viewport, the whole page long."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
