"""What the tests of `llosim serve` share: starting a server on a free port, calling its API,
and reporting in TAP (meson reads it; the Makefile counts its ok lines)."""
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

LLOSIM = os.environ.get("LLOSIM", "build/llosim")


class Server:
    """`llosim serve --port 0 ARGS`, stopped (SIGTERM) when the test ends."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([LLOSIM, "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.url = self.teacher = self.code = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("llosim serve ended: " + self.proc.stderr.read())
            self.lines.append(line)
            m = re.search(r"teacher:\s+(http://127\.0\.0\.1:\d+)/\?token=(\w+)", line)
            if m:
                self.url, self.teacher = m.group(1), m.group(2)
            m = re.search(r"join with code (\d+)", line)
            if m:
                self.code = m.group(1)
            m = re.match(r"open (http://127\.0\.0\.1:\d+)/", line)
            if m:
                self.url = m.group(1)
            if line.startswith("Ctrl-C stops"):
                break
        if not self.url:
            raise RuntimeError("no address printed: " + "".join(self.lines))
        self.port = int(self.url.rsplit(":", 1)[1])

    def call(self, method, path, token=None, data=None):
        """(status, body): JSON decoded when the answer is JSON."""
        req = urllib.request.Request(self.url + path, method=method, data=data)
        if token:
            req.add_header("X-Llosim-Token", token)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, body, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            status, body, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
        return status, json.loads(body) if ctype.startswith("application/json") else body

    def post(self, path, token=None):
        return self.call("POST", path, token)

    def get(self, path, token=None):
        return self.call("GET", path, token)

    def state(self, token=None):
        return self.get("/api/state?since=0", token)[1]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.proc.stdout.close()
        self.proc.stderr.close()


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        self.n += 1
        if not ok:
            self.failed += 1
        print(("ok %d - %s" if ok else "not ok %d - %s") % (self.n, what))
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
        sys.stdout.flush()
        return ok

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)
