"""The class report as a trainer uses it: opened in a real browser, a cell clicked, nothing fetched.

Drives Debian's Chromium (`apt-get install chromium`) with Playwright's Python package; on a machine
without either, the tests skip and the rest of the suite runs as usual.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_reports import CLOSE_BEFORE_JOIN, sample_class

from grader.reports.html import render_class_report

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def browser(tmp_path):
    """A fresh Chromium with an empty profile; every request it tries is recorded, and only file:// is allowed."""
    with sync_api.sync_playwright() as playwright:
        def open_context(**options):
            profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
            profile.mkdir()
            context = playwright.chromium.launch_persistent_context(
                str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS, **options,
            )
            context.requests = []
            context.on("request", lambda request: context.requests.append(request.url))
            context.route(re.compile(r"^(?!file://)"), lambda route: route.abort())
            opened.append(context)
            return context

        opened = []
        yield open_context
        for context in opened:
            context.close()


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render_class_report(sample_class()), encoding="utf-8")
    return path


def open_report(context, report: Path):
    page = context.pages[0] if context.pages else context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(report.as_uri())
    return page, problems


def test_a_trainer_opens_the_report_and_clicks_a_failing_cell(browser, report, tmp_path):
    context = browser(viewport={"width": 1280, "height": 900})
    page, problems = open_report(context, report)
    matrix = page.locator("#matrix")
    sync_api.expect(matrix).to_be_visible()
    for name in ("alice", "bob", "carol"):
        sync_api.expect(matrix.get_by_text(name, exact=True)).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^bob, exercise03 .*failed")).click()
    dialog = page.locator("#detail-dialog")
    sync_api.expect(dialog).to_be_visible()
    sync_api.expect(dialog).to_contain_text(CLOSE_BEFORE_JOIN)
    sync_api.expect(dialog).to_contain_text("line 14")
    page.keyboard.press("Escape")
    sync_api.expect(dialog).to_be_hidden()

    # From the keyboard: the hung cell opens with where each process was blocked.
    page.get_by_role("link", name=re.compile(r"^carol, exercise01 .*hung")).focus()
    page.keyboard.press("Enter")
    sync_api.expect(dialog).to_contain_text("the main process was stuck at line 17 (`p.join()`)")
    page.keyboard.press("Escape")

    screenshot = tmp_path / "report.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000 and screenshot.read_bytes().startswith(PNG)
    assert context.requests == [report.as_uri()], "the report fetched something besides itself"
    assert problems == [], "the page logged errors (a blocked load shows up here too)"


def test_without_javascript_a_cell_still_leads_to_its_details(browser, report):
    context = browser(java_script_enabled=False, color_scheme="dark")
    page, _ = open_report(context, report)
    page.get_by_role("link", name=re.compile(r"^bob, exercise03 ")).click()
    assert page.url.endswith("#c1-1")
    detail = page.locator("article#c1-1")
    sync_api.expect(detail).to_be_in_viewport()
    sync_api.expect(detail).to_contain_text(CLOSE_BEFORE_JOIN)
    assert context.requests == [report.as_uri()]
