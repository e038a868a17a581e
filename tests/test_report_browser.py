#!/usr/bin/python3
"""report.html of `llosim compare` in a real browser: Debian's headless Chromium driven by
Selenium. The page is opened from disk with the network off; it must render without console
errors, load nothing but what it holds (its plots are data: URLs, its map inline SVG), show every
plot, the summary table first, the four regions on the map, and fit the window's width.

With SCREENSHOTS=DIR a screenshot of its top is written there as report.png (docs/img/ holds the
README's)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import LLOSIM, Tap  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

t = Tap()
shots = os.environ.get("SCREENSHOTS")
tmp = tempfile.mkdtemp(prefix="llosim-report-")
profile = os.path.join(tmp, "chromium")
out = os.path.join(tmp, "compare")

# A tiny comparison of the test fixture with its one-stop front office, one thread.
proc = subprocess.run([LLOSIM, "compare", "tests/fixture.cfg", "tests/compare/front-office.cfg", "--replicates", "3",
                       "--scale", "0.005", "--months", "36", "--set", "run.burn_in_months=12", "--threads", "1", "-q",
                       "-o", out], capture_output=True, text=True)
t.check(proc.returncode == 0, "llosim compare made a report", proc.stderr)


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000", "--hide-scrollbars",
                 "--user-data-dir=" + profile):
        o.add_argument(flag)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def js(d, expr):
    return d.execute_script("return " + expr)


d = browser()
try:
    # The network off: anything the page fetched from outside would fail and show.
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": 0,
                                                           "uploadThroughput": 0})
    d.get("file://" + os.path.join(out, "report.html"))
    end = time.time() + 20
    while time.time() < end and js(d, "document.readyState") != "complete":
        time.sleep(0.1)
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
    t.check(errors == [], "report.html renders without console errors", errors)
    fetched = js(d, "performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('data:'))")
    t.check(fetched == [], "report.html loads nothing from outside itself", fetched)
    images = js(d, "Array.from(document.images).map(i => [i.alt, i.complete && i.naturalWidth > 0])")
    t.check(len(images) >= 10 and all(ok for _, ok in images), "every plot is shown (%d)" % len(images),
            [alt for alt, ok in images if not ok])
    first = js(d, "document.querySelector('h2').id")
    t.check(first == "summary", "the summary comes first", first)
    rows = js(d, "document.querySelectorAll('table.summary tr').length")
    t.check(rows == 3, "the summary table has a header, the base and the alternative", rows)
    regions = js(d, "Array.from(document.querySelectorAll('svg.map path.region')).map(p => p.dataset.region)")
    t.check(sorted(regions) == ["Midden-Brabant", "Noordoost-Brabant", "West-Brabant", "Zuidoost-Brabant"],
            "the map shows the four regions", regions)
    box = js(d, "(() => { const b = document.querySelector('svg.map').getBoundingClientRect(); return [b.width, b.height]; })()")
    t.check(box[0] > 300 and box[1] > 200, "the map is drawn at a readable size", box)
    wide = js(d, "document.documentElement.scrollWidth <= window.innerWidth")
    t.check(wide, "the page fits the window's width", js(d, "document.documentElement.scrollWidth"))
    if shots:
        d.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.3)
        d.save_screenshot(os.path.join(shots, "report.png"))
finally:
    d.quit()
    shutil.rmtree(tmp, ignore_errors=True)
t.done()
