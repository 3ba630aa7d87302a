"""Real-browser fixtures: Debian chromium driven by python playwright (ECOSYSTEM.md recipe).

conftest.py loads this module as a pytest plugin, so every test module can use the fixtures
``browser`` and ``open_page``; mark browser tests ``@pytest.mark.browser``. Without /usr/bin/chromium (or playwright) the
tests skip, unless RESDIFF_REQUIRE_BROWSER=1 (set by CI), where they fail: a CI run that
silently skipped every browser test would prove nothing.

``open_page(path)`` opens a local file offline and records what a report must never do:
console errors, page errors, dialogs (alert/confirm/prompt) and any request other than the
file itself (every such request is aborted, so nothing leaves the machine either way).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _unavailable(reason: str):
    if os.environ.get("RESDIFF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and RESDIFF_REQUIRE_BROWSER=1 makes browser tests mandatory")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per test module, closed after it: playwright's driver keeps a
    thread alive while it runs, and a test process with extra threads does not fork
    (resdiff.fork; tests/test_parallel.py)."""
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("python playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watched:
    """A page plus everything it did that a self-contained report must not do."""

    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert self.requests == []


@pytest.fixture
def open_page(browser):
    """open_page(path, width=1280, height=900) -> Watched, the file loaded and watched."""
    contexts = []

    def opener(path: Path, *, width: int = 1280, height: int = 900) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": height},
                                      offline=True, java_script_enabled=True)
        contexts.append(context)
        page = context.new_page()
        url = Path(path).resolve().as_uri()
        watched = Watched(page=page, url=url)
        page.on("console", lambda m: m.type == "error" and watched.console_errors.append(m.text))
        page.on("pageerror", lambda e: watched.page_errors.append(str(e)))

        def on_dialog(dialog):
            watched.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def on_request(request):
            if request.url.split("#")[0] != url:
                watched.requests.append(request.url)

        page.on("request", on_request)

        def route(route_request):
            if route_request.request.url.split("#")[0] == url:
                route_request.continue_()
            else:
                route_request.abort()

        context.route("**/*", route)
        page.goto(url)
        return watched

    yield opener
    for context in contexts:
        context.close()
