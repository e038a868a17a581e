#!/usr/bin/python3
"""The HTTP API of `llosim serve`: levers as timeline events, the loader's messages for bad ones,
rewind and fork, export reproduced byte for byte by `llosim run`, the classroom's seats, lock and
vote, and the server's limits (loopback only, no files, bounded bodies, a rate budget)."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import LLOSIM, Server, Tap  # noqa: E402

t = Tap()
tmp = tempfile.mkdtemp(prefix="llosim-serve-")


def steps(s, n, token=None):
    for _ in range(n):
        s.post("/api/step", token)


def column(state, key, which="run"):
    k = state["keys"].index(key)
    return [row[k] for row in state[which]]


bad = subprocess.run([LLOSIM, "serve", "--port", "0", "--set", "workers.leave_rat=0.1"], capture_output=True, text=True,
                     timeout=60)
t.check(bad.returncode == 2 and "did you mean workers.leave_rate" in bad.stderr, "a bad scenario is refused before serving",
        bad.stderr)

s = Server("--months", "36")
try:
    status, page = s.get("/")
    t.check(status == 200 and b"chart.min.js" in page, "the page is served by the binary")
    status, js = s.get("/chart.min.js")
    t.check(status == 200 and b"Chart.js v3.9" in js, "Debian's Chart.js 3.9 is served by the binary")
    t.check(s.get("/../../etc/passwd")[0] == 404 and s.get("/api/output/../../etc/passwd")[0] == 404
            and s.get("/cli/web/app.js")[0] == 404, "no path reaches a file on the server")
    listening = open("/proc/net/tcp").read().splitlines()[1:]
    local = [line.split()[1] for line in listening if line.split()[3] == "0A"]
    t.check(("0100007F:%04X" % s.port) in local, "without --classroom it listens on 127.0.0.1 only", local)

    st = s.state()
    t.check(st["month"] == 0 and st["months"] == 36 and st["scale"] == 0.01,
            "set up after the burn-in, at 1:100 by default", st["month"])
    steps(s, 6)
    st = s.state()
    t.check(st["month"] == 6 and st["run"] == st["ghost"], "six steps; without levers the ghost is the run")

    # The followed worker: the terms of the decision add up to the model's own probability.
    import math
    decided = []
    for slot in range(0, 4000, 97):
        s.post("/api/follow?slot=%d" % slot)
        s.post("/api/step")
        w = s.state()["worker"]
        if w and w["seen"] and not (w["in_course"] or w["never_learner"] or w["nothing_in_reach"]):
            decided.append(w)
        if len(decided) == 5:
            break
    s.post("/api/rewind?month=6")
    ok = len(decided) == 5
    for w in decided:
        logit = sum(v for _, v in w["terms"])
        ok = ok and abs(1 / (1 + math.exp(-logit)) - w["probability"]) <= 1e-5 * w["probability"] + 1e-9
        ok = ok and w["wanted"] == (w["draw"] < w["probability"]) and (w["started"] <= w["wanted"])
    t.check(ok, "a followed worker's terms add up to the probability of their decision", decided[:2])
    t.check(s.state()["month"] == 6, "rewound after following")

    # A bad value gets the loader's own message, as in a scenario file, and changes nothing.
    status, ans = s.post("/api/lever?set=orchestrators.temporary_staff_share&value=1.5")
    cfg = os.path.join(tmp, "bad.cfg")
    with open(cfg, "w") as f:
        f.write('@include "%s"\nrun = { months = 36; };\ntimeline = ( { month = 6; '
                'set = "orchestrators.temporary_staff_share"; value = 1.5; } );\n'
                % os.path.abspath("scenarios/baseline.cfg"))
    check = subprocess.run([LLOSIM, "check", cfg], capture_output=True, text=True)
    t.check(status == 400 and "outside [0, 1]" in ans["error"] and ans["error"] in check.stderr,
            "a bad lever gets the message a scenario file gets", (ans, check.stderr))
    status, ans = s.post("/api/lever?set=orchestrators.front_offce&value=1")
    t.check(status == 400 and "did you mean orchestrators.front_office" in ans["error"], "a misspelt lever: the nearest name",
            ans)
    status, ans = s.post("/api/lever?set=run.scale&value=0.5")
    t.check(status == 400 and "cannot change during a run" in ans["error"], "a setting fixed at build is refused", ans)
    status, ans = s.post("/api/lever?set=training.dropout_share&value=0.1%3B%20%7D")
    t.check(status == 400, "a value cannot smuggle in more of the file", ans)
    t.check(s.state()["levers"] == [], "bad levers change nothing")

    status, ans = s.post("/api/lever?set=orchestrators.front_office&value=1&label=front%20office")
    t.check(status == 200 and "month 6" in ans["message"], "the front office opens at the current month", ans)
    steps(s, 6)
    status, ans = s.post("/api/lever?shock=trust&delta=-0.3&label=trust%20collapses")
    t.check(status == 200, "a trust collapse", ans)
    steps(s, 6)
    st = s.state()
    t.check([lv["month"] for lv in st["levers"]] == [6, 12] and st["levers"][1]["label"] == "trust collapses",
            "levers are recorded with their months", st["levers"])
    frag, frag_ghost = column(st, "fragmentation_index"), column(st, "fragmentation_index", "ghost")
    trust, trust_ghost = column(st, "trust_in_orchestrator"), column(st, "trust_in_orchestrator", "ghost")
    t.check(frag[:6] == frag_ghost[:6] and frag[6] < frag_ghost[6], "the front office lowers fragmentation from its month",
            (frag[:8], frag_ghost[:8]))
    t.check(trust[12] < trust_ghost[12] - 0.1, "the trust collapse shows against the ghost", (trust[12], trust_ghost[12]))

    # Rewind and fork: the trust collapse is undone, a technology shock takes its place.
    status, ans = s.post("/api/rewind?month=10")
    st = s.state()
    t.check(status == 200 and st["month"] == 10 and [lv["month"] for lv in st["levers"]] == [6],
            "rewind replays to month 10 and drops the later lever", st["levers"])
    t.check(column(st, "fragmentation_index") == frag[:10], "the replay repeats the run exactly")
    t.check(st["restored_from"] == 0, "rewinding to month 10 restores the state held at month 0", st["restored_from"])
    status, ans = s.post("/api/lever?shock=technology&months=12&obsolescence_factor=3&sectors=care,manufacturing")
    t.check(status == 200, "a technology shock in two sectors", ans)
    status, ans = s.post("/api/lever?shock=technology&months=12&obsolescence_factor=3&sectors=carre")
    t.check(status == 400 and "care" in ans["error"], "an unknown sector is refused by name", ans)
    status, ans = s.post("/api/lever?shock=recession&months=6&job_loss_factor=1.4&job_finding_factor=0.6")
    t.check(status == 200, "a recession", ans)
    before = s.state()["now"]
    status, ans = s.post("/api/lever?set=providers.competition&value=joint&label=joint%20offer")
    now = s.state()["now"]
    t.check(status == 200 and now["providers.competition"] == '"joint"', "the competition rule is a lever, by name",
            (ans, now))
    t.check(all(now[k] == before[k] for k in before if k != "providers.competition"),
            "setting the rule leaves the other settings in force as they were", (before, now))
    steps(s, 14)

    # Export: llosim run of the exported scenario repeats the session's outputs byte for byte.
    status, exported = s.get("/api/export")
    path = os.path.join(tmp, "session.cfg")
    with open(path, "wb") as f:
        f.write(exported)
    out = os.path.join(tmp, "run")
    run = subprocess.run([LLOSIM, "run", path, "-q", "-o", out], capture_output=True, text=True)
    t.check(run.returncode == 0, "llosim run of the export", run.stderr)
    for name in ("timeseries.csv", "groups.csv", "network.csv"):
        status, session_csv = s.get("/api/output/" + name)
        with open(os.path.join(out, name), "rb") as f:
            ran = f.read()
        t.check(status == 200 and session_csv == ran and len(ran) > 1000,
                "export reproduces the session's %s byte for byte" % name, (len(session_csv), len(ran)))
    t.check(b'shock = "technology"' in exported and b"months = 24" in exported, "the export holds the levers and the months")

    steps(s, 12)
    # A rewind into a later year restores that year's state and replays only the months since:
    # the history it rewrites is the same, month for month.
    full = s.state()
    status, ans = s.post("/api/rewind?month=30")
    st = s.state()
    t.check(status == 200 and st["restored_from"] == 24 and st["month"] == 30,
            "rewinding to month 30 restores the state held at month 24", (ans, st["restored_from"], st["month"]))
    t.check(st["run"] == full["run"][:30], "the restored history repeats the run exactly")
    steps(s, 6)
    t.check(s.state()["run"] == full["run"], "and goes on exactly as before")
    status, ans = s.post("/api/run")
    t.check(status == 400 and "ended at month 36" in ans["error"] and not s.state()["running"],
            "past the run's last month Run is refused", ans)

    # Reset forgets the levers.
    s.post("/api/reset")
    st = s.state()
    t.check(st["month"] == 0 and st["levers"] == [], "set up again: month 0, no levers")

    # Limits.
    status, ans = s.call("POST", "/api/step", data=b"x" * 5000)
    t.check(status == 413, "a request body is refused", status)
    t.check(s.post("/api/nothing")[0] == 404 and s.call("PUT", "/api/step")[0] == 405, "unknown calls and methods")
    t.check(s.post("/api/vote?actor=employers")[0] == 400, "no vote outside a classroom")
finally:
    s.stop()

# A budget of 5 requests a second (10 saved up): 100 requests in a row meet it however slow the
# machine is, unless they take 18 seconds.
r = Server("--months", "12", "--rate", "5")
try:
    codes = []
    for _ in range(100):
        codes.append(r.get("/api/nothing")[0])
        if codes[-1] == 429:
            break
    t.check(codes[-1] == 429 and set(codes[:10]) == {404}, "a flood of requests meets the rate limit", codes)
finally:
    r.stop()

# The classroom: seats, the teacher's lock, the yearly vote of 30 groups.
c = Server("--classroom", "--months", "30")
try:
    t.check(c.teacher and c.code and len(c.code) == 4, "the classroom prints a join code and the teacher's address",
            c.lines)
    status, ans = c.post("/api/join?code=0000x&seat=employers")
    t.check(status == 400 and "join code" in ans["error"], "a wrong join code is refused", ans)
    status, ans = c.post("/api/join?code=%s&seat=harbour" % c.code)
    t.check(status == 400 and "seat" in ans["error"], "an unknown seat is refused", ans)
    seats = ["West-Brabant", "Midden-Brabant", "Noordoost-Brabant", "Zuidoost-Brabant",
             "employers", "workers", "education", "municipality", "intermediaries"]
    students = []
    for k in range(30):
        status, ans = c.post("/api/join?code=%s&seat=%s&name=group%d" % (c.code, seats[k % len(seats)], k))
        students.append(ans.get("token"))
    t.check(all(students) and len(set(students)) == 30, "30 groups take seats")
    status, ans = c.post("/api/step", students[0])
    t.check(status == 403, "a student cannot step while the controls are locked", ans)
    status, ans = c.post("/api/lever?set=orchestrators.front_office&value=1&label=open%20a%20front%20office", students[4])
    st = c.state(c.teacher)
    t.check(status == 202 and st["levers"] == [] and st["classroom"]["proposals"][0]["label"] == "open a front office",
            "a locked student's lever becomes a proposal the teacher sees", (status, ans, st["classroom"]))
    t.check(c.post("/api/step")[0] == 403 and c.post("/api/lock?locked=0", students[0])[0] == 403,
            "without the teacher's token nobody controls the run")
    t.check(c.post("/api/speed?value=0", c.teacher)[0] == 200 and c.post("/api/run", c.teacher)[0] == 200, "the teacher runs")
    for _ in range(600):
        st = c.state(c.teacher)
        if not st["running"]:
            break
    cls = st["classroom"]
    t.check(st["month"] == 12 and cls["vote_open"] and cls["vote_year"] == 1, "the run pauses for a vote after a year",
            (st["month"], cls))
    votes = ["employers"] * 14 + ["workers"] * 9 + ["education"] * 7
    answers = [c.post("/api/vote?actor=%s" % v, tok)[0] for v, tok in zip(votes, students)]
    t.check(answers == [200] * 30, "30 groups vote", answers)
    st = c.state(c.teacher)
    t.check(st["classroom"]["votes"] == [0, 0, 14, 9, 7] and st["classroom"]["voted"] == 30, "the teacher sees the votes",
            st["classroom"])
    mine = c.state(students[1])["classroom"]
    t.check(mine["my_vote"] == "employers" and "votes" not in mine, "a student sees their own vote, not the others'", mine)
    t.check(c.post("/api/vote/close", students[0])[0] == 403, "only the teacher closes the vote")
    status, ans = c.post("/api/vote/close", c.teacher)
    st = c.state(c.teacher)
    t.check(status == 200 and len(st["levers"]) == 1 and st["levers"][0]["month"] == 12
            and "employers" in st["levers"][0]["label"], "the outcome becomes a lever at the table", (ans, st["levers"]))
    status, exported = c.get("/api/export", c.teacher)
    t.check(b'set = "governance.agency"; value = [0.2, 0.175, 0.2833, 0.175, 0.1667]' in exported,
            "half the table's weight follows the votes", exported[-400:])
    t.check(c.post("/api/lock?locked=0", c.teacher)[0] == 200 and c.post("/api/step", students[0])[0] == 200,
            "once the teacher unlocks, students may step")
finally:
    c.stop()
t.done()
