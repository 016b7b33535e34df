"""The workbench in a real browser: draft the seed, read its sources, download the Word file;
review two drafts; search the archive. Every page is screenshotted and checked with axe-core.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from drafter.facts.load import load_fact_base
from drafter.harvest.files import read_rejections
from drafter.web.app import create_app
from drafter.web.workspace import Workbench
from tests.web.browser import accessibility_violations, chromium, screenshot, serving
from tests.web.conftest import CODE, FIGURES, SEED_TEXT, TODAY
from tests.web.test_draft_page import GAP_TEXT


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    driver = chromium(tmp_path / "downloads")
    yield driver
    driver.quit()


@pytest.fixture
def site(bench: Workbench) -> Iterator[str]:
    with serving(create_app(bench, clock=lambda: TODAY)) as url:
        yield url


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def _check(driver: Any, name: str) -> None:
    """Screenshot the page and fail on any accessibility violation."""
    screenshot(driver, name)
    assert accessibility_violations(driver) == [], name


def _wait_until(driver: Any, condition: Any) -> None:
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # While a form post loads the next page, an element of the last one may go stale.
    ignored = (NoSuchElementException, StaleElementReferenceException)
    WebDriverWait(driver, 10, ignored_exceptions=ignored).until(lambda _: condition())


def _wait_for(path: Path, seconds: float = 10) -> Path:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.exists(), f"{path.name} was not downloaded"
    return path


def test_draft_the_seed_read_its_sources_and_download_word(
    browser: Any, site: str, tmp_path: Path
) -> None:
    browser.get(site)
    _check(browser, "draft-form")
    browser.find_element(_by("ID"), "draft-button").click()
    _wait_until(browser, lambda: browser.title.startswith("Error:"))
    summary = browser.find_element(_by("CLASS_NAME"), "govuk-error-summary")
    assert "Paste a question, upload a question file, or give a UIN" in summary.text
    _check(browser, "draft-form-error")
    browser.find_element(_by("ID"), "question").send_keys(SEED_TEXT)
    browser.find_element(_by("ID"), "draft-button").click()
    _wait_until(browser, lambda: browser.title.startswith("Draft answer"))
    first = browser.find_element(_by("ID"), "paragraph-1")
    assert "responsibility for auditing" in first.text
    link = first.find_element(_by("CSS_SELECTOR"), 'a[href*="parallelparliament.co.uk"]')
    assert not link.is_displayed()
    first.find_element(_by("CLASS_NAME"), "govuk-details__summary").click()
    assert link.is_displayed()
    assert link.text == "Written answer 139156: Police: Monitoring"
    copy = browser.find_element(_by("ID"), "copy-answer")
    assert copy.is_displayed()  # the module script ran under the Content-Security-Policy
    _check(browser, "draft")
    browser.find_element(_by("PARTIAL_LINK_TEXT"), "Word (.docx)").click()
    saved = _wait_for(tmp_path / "downloads" / "draft.docx")
    time.sleep(0.3)  # Chromium renames the file into place when it is complete
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert "The responsibility for auditing the use of police systems" in text


def test_a_gap_is_shown_with_where_to_start(browser: Any, site: str) -> None:
    browser.get(site)
    browser.find_element(_by("ID"), "question").send_keys(GAP_TEXT)
    browser.find_element(_by("ID"), "draft-button").click()
    _wait_until(browser, lambda: browser.title.startswith("Draft answer"))
    marker = browser.find_element(_by("CSS_SELECTOR"), ".workbench-gap")
    assert "[To complete" in marker.text and "To complete" in marker.text
    marker.find_element(_by("LINK_TEXT"), "what to start from").click()
    assert "dog handler" in browser.find_element(_by("ID"), "gap-1").text
    _check(browser, "draft-with-gap")


def test_review_two_drafts(browser: Any, site: str) -> None:
    from selenium.webdriver.support.ui import Select

    browser.get(f"{site}/review")
    _check(browser, "review-form")
    Select(browser.find_element(_by("ID"), "old")).select_by_value("37301-2024.md")
    Select(browser.find_element(_by("ID"), "new")).select_by_value("37301-2025.md")
    browser.find_element(_by("ID"), "compare-button").click()
    _wait_until(browser, lambda: browser.title.startswith("Changes from"))
    redline = browser.find_element(_by("ID"), "redline")
    assert redline.find_elements(_by("TAG_NAME"), "ins")
    assert redline.find_elements(_by("TAG_NAME"), "del")
    _check(browser, "review")


def test_search_the_archive_and_open_an_answer(browser: Any, site: str) -> None:
    browser.get(f"{site}/archive")
    browser.find_element(_by("ID"), "q").send_keys("vetting")
    browser.find_element(_by("ID"), "archive-search").click()
    _wait_until(browser, lambda: browser.find_elements(_by("ID"), "results"))
    hits = browser.find_elements(_by("CSS_SELECTOR"), "#hits li")
    assert hits and "Police: Vetting" in hits[0].text
    _check(browser, "archive-search")
    hits[0].find_element(_by("TAG_NAME"), "a").click()
    _wait_until(browser, lambda: browser.title.startswith("UIN "))
    assert browser.find_element(_by("ID"), "refer-button")
    _check(browser, "archive-answer")


def test_the_fact_base_pages(browser: Any, site: str) -> None:
    browser.get(f"{site}/facts?flag=stale")
    _check(browser, "facts-stale")
    browser.get(f"{site}/facts")
    browser.find_element(_by("PARTIAL_LINK_TEXT"), "systems.auditing-local").click()
    _wait_until(browser, lambda: browser.title.startswith("systems.auditing-local"))
    assert "block 'responsibility'" in browser.find_element(_by("ID"), "uses").text
    _check(browser, "fact")


def test_accept_one_candidate_and_reject_another(browser: Any, harvested: Workbench) -> None:
    from selenium.webdriver.support.ui import Select

    with serving(create_app(harvested, clock=lambda: TODAY)) as url:
        browser.get(f"{url}/facts")
        _check(browser, "facts-with-candidates")
        files = browser.find_element(_by("ID"), "candidates-files")
        assert files.text == "vetting.yaml: 2 candidates"
        files.find_element(_by("LINK_TEXT"), "vetting.yaml").click()
        _wait_until(browser, lambda: browser.title.startswith("Candidate facts in vetting.yaml"))
        assert "Contradiction" in browser.find_element(_by("TAG_NAME"), "main").text
        _check(browser, "candidates")
        Select(browser.find_element(_by("ID"), "into-2")).select_by_value("vetting.yaml")
        browser.find_element(_by("ID"), "accept-2").click()
        _wait_until(browser, lambda: browser.find_elements(_by("ID"), "done"))
        assert f"Accepted {CODE} into vetting.yaml." in browser.find_element(_by("ID"), "done").text
        browser.find_element(_by("ID"), "reject-1").click()
        _wait_until(browser, lambda: "Rejected" in browser.find_element(_by("ID"), "done").text)
        assert "No candidates are left in vetting.yaml." in browser.page_source
        _check(browser, "candidates-done")
    assert CODE in load_fact_base(harvested.facts).facts
    rejected = read_rejections(harvested.facts / "candidates" / "vetting.yaml")
    assert [item.id for item in rejected] == [FIGURES]
