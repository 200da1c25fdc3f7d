"""Browser tests: a real uvicorn server on a private SQLite file, driven by Debian's Chromium.

Chromium comes from apt (/usr/bin/chromium); Playwright never downloads a browser here.
"""
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from sqlmodel import Session

from app.demo.seed import seed_demo
from helpers import app_on, migrated_engine, required

CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium keeps calling home, which this machine's closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@contextmanager
def serving(engine) -> Iterator[str]:
    """The app on `engine`, served by uvicorn on a free local port in a background thread."""
    app = app_on(engine)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_engine(tmp_path_factory):
    engine = migrated_engine(f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_engine) -> Iterator[str]:
    with serving(live_engine) as url:
        yield url


@pytest.fixture(scope="session")
def demo_engine(tmp_path_factory):
    """A new SQLite file, migrated, with reference data and the demo data set (`python -m app seed demo`
    at its default size: 300 SMEs, 100 requests, the upcoming Kunming forum and the demo accounts)."""
    engine = migrated_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    with Session(engine) as session:
        report = seed_demo(session=session)
        session.commit()
    assert report.created and report.forums == 1, report
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_server(demo_engine) -> Iterator[str]:
    """The demo database served by its own uvicorn server, apart from live_server's."""
    with serving(demo_engine) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if required("REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (REQUIRE_BROWSER=1) but /usr/bin/chromium is missing")
        pytest.skip("Debian chromium is not installed here; .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@contextmanager
def open_page(browser, base_url: str, device: dict) -> Iterator:
    """A page in a fresh browser context (its own cookies) on `base_url`, as DESKTOP or PHONE."""
    context = browser.new_context(base_url=base_url, **device)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server):
    with open_page(browser, live_server, DESKTOP) as page:
        yield page


@pytest.fixture
def phone(browser, live_server):
    with open_page(browser, live_server, PHONE) as page:
        yield page


DEVICES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture
def viewport() -> str:
    """"desktop" (1280 px) or "phone" (390 px): parametrize a test on it to run it on both."""
    return "desktop"


@pytest.fixture
def demo_page(browser, demo_server, viewport):
    """A page on the demo data's server, on the device `viewport` names."""
    with open_page(browser, demo_server, DEVICES[viewport]) as page:
        yield page
