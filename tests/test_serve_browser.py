#!/usr/bin/python3
"""The page of `llosim serve` in a real browser: Debian's headless Chromium driven by Selenium.
It loads without console errors, a lever pulled on the page changes the run and shows a marker,
the ghost baseline is drawn, a bad value shows the loader's message, and in a classroom the
teacher's screen shows the votes of 30 groups (HTTP clients) and the outcome.

With SCREENSHOTS=DIR the screenshots are written there (docs/img/ holds the README's)."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import Server, Tap  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

t = Tap()
shots = os.environ.get("SCREENSHOTS")
profile = tempfile.mkdtemp(prefix="llosim-chromium-")


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    # The machine has no network: without these Chromium waits on its own network attempts.
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000", "--hide-scrollbars",
                 "--user-data-dir=" + profile):
        o.add_argument(flag)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def wait(what, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = what()
            if v:
                return v
        except Exception:  # the page may be between two renderings
            pass
        time.sleep(0.1)
    return None


def js(d, expr):
    return d.execute_script("return " + expr)


def console_errors(d):
    return [e for e in d.get_log("browser") if e["level"] == "SEVERE"]


def text(d, id_):
    return d.find_element(By.ID, id_).text


d = browser()
s = Server("--months", "120")
try:
    d.get(s.url + "/")
    t.check(wait(lambda: js(d, "window.llosimView && window.llosimView.state && window.llosimView.state.months")) == 120,
            "the page loads and reads the session")
    for _ in range(3):
        d.find_element(By.ID, "step").click()
        time.sleep(0.2)
    t.check(wait(lambda: "month 3 of 120" in text(d, "monthinfo")), "Step moves the run a month at a time",
            text(d, "monthinfo"))
    d.find_element(By.ID, "frontoffice").click()
    t.check(wait(lambda: "front office" in text(d, "history")), "the front office lever is listed", text(d, "history"))
    for _ in range(9):
        d.find_element(By.ID, "step").click()
        time.sleep(0.15)
    wait(lambda: "month 12 of 120" in text(d, "monthinfo"))
    d.find_element(By.ID, "trustshock").click()
    wait(lambda: "trust collapses" in text(d, "history"))
    d.execute_script("document.getElementById('speed').value = 40; document.getElementById('speed').dispatchEvent(new Event('change'))")
    d.find_element(By.ID, "run").click()
    t.check(wait(lambda: js(d, "window.llosimView.state.month") >= 40, 30), "Run runs",
            js(d, "window.llosimView.state.month"))
    d.find_element(By.ID, "pause").click()
    t.check(wait(lambda: js(d, "window.llosimView.markersDrawn") > 0), "a marker is drawn at the lever")
    t.check(wait(lambda: js(d, "window.llosimView.ghostPoints") >= 24 and js(d, "window.llosimView.runPoints") >= 24),
            "the ghost baseline is drawn beside the run",
            (js(d, "window.llosimView.ghostPoints"), js(d, "window.llosimView.runPoints")))
    # The front office cuts the front doors: fragmentation of the run falls below its ghost from month 3.
    frag = js(d, "window.llosimView.charts.agenda.data.datasets.filter(x => x.key === 'fragmentation_index')"
                 ".map(x => x.data.slice(0, 12).map(p => p.y))")
    t.check(frag and frag[0][:3] == frag[1][:3] and frag[0][5] < frag[1][5],
            "the lever changes the run and the ghost does not follow", frag)
    t.check(js(d, "document.querySelectorAll('#map path').length") == 4
            and js(d, "document.querySelectorAll('#network circle').length") == 6
            and js(d, "document.querySelectorAll('#money path').length") > 3,
            "the map, the network and the money flows are drawn")
    t.check(wait(lambda: "Worker " in text(d, "worker") and ("draw" in text(d, "worker") or "course" in text(d, "worker")
                                                            or "left" in text(d, "worker"))),
            "one worker is followed, with the terms of their decision", text(d, "worker"))
    errors = console_errors(d)
    t.check(errors == [], "no console errors", errors)
    widths = js(d, "[document.documentElement.scrollWidth, window.innerWidth]")
    t.check(widths[0] <= widths[1], "at 1400 pixels the page fits without scrolling sideways", widths)
    if shots:
        d.set_window_size(1400, 1300)
        time.sleep(1)
        d.save_screenshot(os.path.join(shots, "serve.png"))
        d.set_window_size(1400, 1000)
    d.find_element(By.CSS_SELECTOR, "details.lever summary").click()
    d.find_element(By.ID, "anypath").send_keys("training.dropout_share")
    d.find_element(By.ID, "anyvalue").send_keys("1.5")
    d.find_element(By.ID, "applyany").click()
    t.check(wait(lambda: "outside [0, 1]" in text(d, "message")) and
            d.find_element(By.ID, "message").get_attribute("class") == "error"
            and len(d.find_elements(By.CSS_SELECTOR, "#history li")) == 2,
            "a bad value shows the loader's message and pulls nothing", text(d, "message"))
    # The browser logs the refused request itself (status 400) and nothing else may appear.
    errors = [e for e in console_errors(d) if not ("/api/lever?" in e["message"] and "status of 400" in e["message"])]
    t.check(errors == [], "no console errors besides the refused lever's 400", errors)
finally:
    d.get("about:blank")  # stop the page's polling before its server goes
    d.get_log("browser")
    s.stop()

c = Server("--classroom", "--months", "24")
try:
    d.get("%s/?token=%s" % (c.url, c.teacher))
    t.check(wait(lambda: text(d, "joincode") == c.code), "the teacher's screen shows the join code")
    students = [c.post("/api/join?code=%s&seat=%s&name=g%d" % (c.code, seat, k))[1]["token"]
                for k, seat in enumerate(["West-Brabant", "employers", "workers", "education", "Zuidoost-Brabant"] * 6)]
    t.check(wait(lambda: text(d, "nstudents") == "30"), "30 seats taken", text(d, "nstudents"))
    d.find_element(By.ID, "run").click()
    t.check(wait(lambda: "Vote open" in text(d, "votebox"), 30), "a vote opens after a simulated year", text(d, "votebox"))
    for k, tok in enumerate(students):
        c.post("/api/vote?actor=%s" % ("workers" if k < 18 else "employers"), tok)
    t.check(wait(lambda: "30 voted" in text(d, "votebox")), "the teacher sees 30 votes", text(d, "votebox"))
    d.find_element(By.ID, "closevote").click()
    t.check(wait(lambda: "more say for workers" in text(d, "history")), "the outcome is pulled as a lever",
            text(d, "history"))
    if shots:
        d.set_window_size(1400, 1000)
        d.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.5)
        d.save_screenshot(os.path.join(shots, "classroom.png"))
    errors = console_errors(d)
    t.check(errors == [], "no console errors in the classroom", errors)
finally:
    c.stop()
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)
t.done()
