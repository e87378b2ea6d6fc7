"""The dashboard in a real browser: Debian's headless Chromium driven by selenium against
`eventdesk serve` on 127.0.0.1 with the fixture store.

Outside network is blocked for the browser (a proxy on a closed loopback port, and no host
names resolve), and every request a page makes is recorded from Chromium's performance log:
each test asserts that all of them went to this server. Where chromium or chromedriver is
missing the tests are skipped on a developer's machine, and fail in CI (CI=1, set by
.ci/run), which installs both. Set EVENTDESK_SCREENSHOTS=DIR to keep the screenshots there
(`make screenshots` writes docs/screenshots/).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from web_support import free_port

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-default-apps",
                  "--disable-extensions", "--window-size=1280,1000",
                  # outside network blocked: every non-loopback request goes to a closed port
                  "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND, "
                  "EXCLUDE 127.0.0.1"]


def browser_binaries() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
    if chromium and driver:
        return chromium, driver
    message = ("chromium and chromium-driver are needed for the browser tests "
               "(apt-get install chromium chromium-driver; .ci/run does it)")
    if os.environ.get("CI") or os.environ.get("EVENTDESK_BROWSER_TESTS"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(web_db, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "eventdesk", "serve", "--db",
                                    str(web_db), "--port", str(port)], stdout=out,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(base + "/api/v1/stats", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
            if process.poll() is not None:
                pytest.fail(f"eventdesk serve stopped: {log.read_text()}")
        else:
            pytest.fail(f"eventdesk serve did not answer: {log.read_text()}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = browser_binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser, server, tmp_path):
    """Visit pages; at the end, every request must have gone to the server, and no page may
    have logged an error (a blocked fetch, a script error, a CSP violation)."""
    return Visitor(browser, server, tmp_path)


class Visitor:
    def __init__(self, driver, base: str, tmp: Path):
        self.driver, self.base = driver, base
        self.shots = Path(os.environ.get("EVENTDESK_SCREENSHOTS") or tmp)
        self.shots.mkdir(parents=True, exist_ok=True)
        self.drain()

    def open(self, path: str):
        self.driver.get(self.base + path)
        return self.driver

    def wait_for(self, css: str, count: int = 1, seconds: float = 20.0) -> list:
        from selenium.webdriver.common.by import By

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = self.driver.find_elements(By.CSS_SELECTOR, css)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{css!r}: fewer than {count} on {self.driver.current_url}; "
                             f"problem: {self.text('#problem')!r}")

    def text(self, css: str) -> str:
        from selenium.webdriver.common.by import By

        found = self.driver.find_elements(By.CSS_SELECTOR, css)
        return found[0].text if found else ""

    def screenshot(self, name: str, height: int = 1000) -> None:
        self.driver.set_window_size(1280, height)
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))
        self.driver.set_window_size(1280, 1000)

    def drain(self) -> list[str]:
        """URLs requested since the last call (from the performance log)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def check_local_only(self) -> list[str]:
        urls = self.drain()
        outside = [u for u in urls if not u.startswith(self.base + "/")]
        assert not outside, f"requests beyond this server: {outside}"
        errors = [e["message"] for e in self.driver.get_log("browser")
                  if e["level"] == "SEVERE"]
        assert not errors, errors
        return urls


def sized(element, least_width: int = 300, least_height: int = 100) -> bool:
    size = element.size
    return size["width"] >= least_width and size["height"] >= least_height


def event_api(base: str, event_id: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/v1/events/{event_id}", timeout=10) as response:
        return json.loads(response.read())


def test_overview_charts_click_through_to_the_evidence(page) -> None:
    page.open("/")
    bars = page.wait_for("#quad-chart svg rect.bar", 5)
    assert sized(page.wait_for("#quad-chart svg")[0], 600, 200)
    assert sized(page.wait_for("#type-chart svg")[0], 600, 100)
    assert len(page.wait_for("#type-chart svg rect.cell", 5)) >= 5
    assert "canonical events" in page.text("#totals")
    page.screenshot("overview", 1250)
    june = [b for b in bars if b.get_attribute("data-period") == "2025-06"]
    june[0].click()
    rows = page.wait_for("#events-table a.evidence-link")
    assert "since=2025-06-01" in page.driver.current_url
    dates = [r.text for r in page.wait_for("#events-table td.date")]
    assert all(d.startswith("2025-06") for d in dates)
    page.screenshot("events", 1000)
    target = next(r for r in rows if r.text == "ASSAULT" and event_api(
        page.base, r.get_attribute("href").rsplit("/", 1)[1])["event"]["trigger"]["text"]
        == "shelled")  # the body's report, not the headline's
    target.click()
    page.wait_for("#article-text .hl-trigger")
    event_id = page.driver.current_url.rsplit("/", 1)[1]
    event = event_api(page.base, event_id)["event"]
    sentence = "".join(e.text for e in page.wait_for("#article-text .hl-sentence"))
    assert " ".join(sentence.split()) == " ".join(event["sentence_text"].split())
    assert page.text("#article-text .hl-trigger") == event["trigger"]["text"] == "shelled"
    assert page.text("#article-text .hl-source") == "Russian forces"
    assert page.wait_for("#article-text .hl-source")[0].get_attribute("title").startswith(
        "source: RUSMIL")
    assert page.text("#article-text .hl-time") == "Tuesday"
    assert "assault.shelling" in page.text("#facts")
    page.screenshot("evidence", 1000)
    page.check_local_only()


def test_evidence_lists_the_other_reports_of_the_event(page) -> None:
    page.open("/events?type=CONSULT&since=2025-06-02&until=2025-06-02")
    for link in page.wait_for("#events-table a.evidence-link"):
        row = link.find_element("xpath", "./ancestor::tr")
        if row.find_elements("css selector", "td.num")[0].text == "2":
            link.click()
            break
    reports = page.wait_for("#mentions li", 2)
    assert len(reports) >= 2 and any("Lakeside Post" in r.text for r in reports)
    other = page.wait_for("#mentions li a")[0]
    other.click()
    page.wait_for("#mentions li.this")
    assert page.text("#mentions li.this").startswith("Harbor Wire") or \
        page.text("#mentions li.this").startswith("Lakeside Post")
    page.check_local_only()


def test_story_shows_plans_and_what_became_of_them(page) -> None:
    page.open("/story?a=RUS&b=UKR")
    planned = page.wait_for("#story li.planned")
    istanbul = next(li for li in planned if "planned for 2025-06-16" in li.text)
    assert "did not happen" in istanbul.text
    page.screenshot("story", 1100)
    istanbul.find_element("css selector", "a.outcome-link").click()
    assert page.text("#article-text .hl-trigger") == "called off"
    page.open("/story?a=RUSGOV&b=USAGOV")
    geneva = next(li for li in page.wait_for("#story li.planned") if "2025-06-02" in li.text)
    assert "happened" in geneva.find_element("css selector", ".followup").text
    page.check_local_only()


def test_network_draws_nodes_and_coloured_edges(page) -> None:
    page.open("/network")
    nodes = page.wait_for("#network svg circle.node", 6)
    assert sized(page.wait_for("#network svg")[0], 600, 400)
    edges = page.wait_for("#network svg path.edge", 5)
    kinds = {e.get_attribute("class") for e in edges}
    assert {"edge coop", "edge conflict"} <= kinds
    positions = {(n.get_attribute("cx"), n.get_attribute("cy")) for n in nodes}
    assert len(positions) == len(nodes)  # laid out, not piled up
    page.screenshot("network", 1100)
    labels = page.wait_for("#network svg text.label")
    next(label for label in labels if label.text == "RUS").click()
    page.wait_for("#events-table a.evidence-link")
    assert "actor=RUS" in page.driver.current_url
    page.check_local_only()


def test_map_draws_outlines_and_places(page) -> None:
    page.open("/map")
    countries = page.wait_for("#map svg path.country", 150)
    assert sized(page.wait_for("#map svg")[0], 600, 250)
    shaded = [c for c in countries if c.get_attribute("data-id") == "TUR"]
    assert shaded and "s" in shaded[0].get_attribute("class").split()[-1]
    places = page.wait_for("#map svg circle.place", 4)
    assert all(float(p.get_attribute("r")) > 0 for p in places)
    assert "places" in page.text("#map-summary")
    page.screenshot("map", 950)
    places[0].click()
    page.wait_for("#events-table a.evidence-link")
    assert "country=" in page.driver.current_url
    page.check_local_only()


def test_filters_reach_the_charts(page) -> None:
    page.open("/?dyad=RUS-UKR&by=year")
    page.wait_for("#quad-chart svg rect.bar")
    periods = {b.get_attribute("data-period") for b in page.wait_for("#quad-chart rect.bar")}
    assert periods == {"2025"}
    page.open("/?since=not-a-date")
    page.wait_for("#problem:not([hidden])")
    assert "dates look like" in page.text("#problem")
    page.drain()
    page.driver.get_log("browser")  # the 400 above is logged by the browser on purpose


def test_search_and_api_docs_pages(page) -> None:
    page.open("/search?q=ceasefire")
    marks = page.wait_for("#results mark", 3)
    assert all(m.text.lower() == "ceasefire" for m in marks)
    page.open("/api/docs")
    assert "/api/v1/series" in page.text("main")
    page.check_local_only()


def test_the_request_recorder_sees_outside_requests(page) -> None:
    """Negative control: a request for another host is recorded (and goes nowhere: the CSP
    and the blocked network stop it), so the assertion of the other tests can fail."""
    page.open("/search")
    page.drain()
    page.driver.execute_script("var i = new Image(); i.src = 'http://outside.invalid/x.png';"
                               "document.body.appendChild(i);")
    time.sleep(1.0)
    assert "http://outside.invalid/x.png" in page.drain()
    with pytest.raises(AssertionError, match="beyond this server"):
        page.driver.execute_script("var i = new Image(); i.src = 'http://outside.invalid/y';"
                                   "document.body.appendChild(i);")
        time.sleep(1.0)
        page.check_local_only()
    page.driver.get_log("browser")


def test_a_missing_browser_fails_in_ci_and_is_skipped_elsewhere(monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(Path, "exists", lambda self: False)
    monkeypatch.delenv("EVENTDESK_BROWSER_TESTS", raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium"):
        browser_binaries()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        browser_binaries()
