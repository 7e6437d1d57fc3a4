#!/usr/bin/env python3
"""`reclam serve` on a bench ledger: the front door under wrk, the staff workspace, a move.

    bench/serve-bench.py --reclam BIN --ledger DIR --results DIR --move-id ID --log-id ID [--runs N]

Called by bench/run for each ledger size; writes RESULTS/serve.json. The ledger is at its
generated tip when called and is put back there (`git reset --hard`, `git clean`) at the end.

What it does, in order:
1. One set-up commit (with the git CLI): a `serve:` section in reclam.yml whose rate limit is
   out of the way (100 000 a minute), a staff user in users.yml (`reclam user add`), and a status
   token's hash (`status_token_sha256`) in 200 case files spread over the ledger.
2. Starts `reclam serve --listen 127.0.0.1:0` there.
3. The status page `/suivi/<token>` under wrk (one thread, 4 connections, 10 s): the 200 right
   tokens in turn, then 200 wrong tokens of the same shape; latency percentiles from wrk.
4. The staff workspace, signed in, one request at a time (Python's http.client, keep-alive):
   the case list's first page, the page of the case `reclam log` is timed on, the move form.
5. A move through the web (the acknowledgement of the case `reclam ack` is timed on), `--runs`
   times, the ledger reset to the set-up commit before each: the time of the POST alone.
6. Submissions under wrk (one thread, 4 connections, 20 s; 10 s above 10 000 cases): each
   request posts the form (urlencoded, with a CSRF token and its cookie fetched before, known
   learners' addresses in turn); committed submissions are counted in git afterwards.
"""

import argparse
import hashlib
import http.client
import json
import os
import pathlib
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

PASSWORD = "bench-password-1234"


def git(ledger, *args, check=True):
    return subprocess.run(["git", "-C", ledger, *args], check=check, capture_output=True, text=True).stdout.strip()


def percentile(values, q):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(times):
    return {"runs": len(times), "mean": statistics.fmean(times), "p50": percentile(times, 0.5), "p99": percentile(times, 0.99),
            "min": min(times), "max": max(times)}


def setup(a, ledger):
    """The set-up commit; returns the 200 tokens."""
    config = pathlib.Path(ledger, "reclam.yml")
    text = config.read_text()
    if "\nserve:" not in text:
        text += ("\nserve:\n  actor: \"Formulaire web <reclamations@example.org>\"\n"
                 "  privacy_url: https://example.org/confidentialite\n  rate_limit: 100000/minute\n")
        config.write_text(text)
    subprocess.run([a.reclam, "user", "add", "bench", "--name", "Bench", "--email", "bench@example.org", "--role", "staff"],
                   cwd=ledger, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    paths = sorted(p for p in git(ledger, "ls-files", "cases").splitlines() if p.endswith(".md") and not p.endswith("/learner.md"))
    step = max(1, len(paths) // 200)
    tokens = []
    for path in paths[::step][:200]:
        token = secrets.token_urlsafe(32)
        full = pathlib.Path(ledger, path)
        body = full.read_text()
        # After the id line of the front-matter.
        body = re.sub(r"^(id: .*\n)", lambda m: m.group(1) + f"status_token_sha256: {hashlib.sha256(token.encode()).hexdigest()}\n",
                      body, count=1, flags=re.M)
        full.write_text(body)
        tokens.append(token)
    git(ledger, "add", "-A")
    git(ledger, "commit", "-q", "-m", "bench: serve settings, a staff user, status tokens")
    return tokens


class Server:
    def __init__(self, reclam, ledger, log):
        self.log = open(log, "w")
        self.process = subprocess.Popen([reclam, "serve", "--listen", "127.0.0.1:0"], cwd=ledger, stdout=subprocess.DEVNULL,
                                        stderr=self.log)
        deadline = time.time() + 120
        self.url = None
        while time.time() < deadline and self.process.poll() is None:
            found = re.search(r"on http://127\.0\.0\.1:(\d+)", pathlib.Path(log).read_text())
            if found:
                self.port = int(found.group(1))
                self.url = f"http://127.0.0.1:{self.port}"
                break
            time.sleep(0.05)
        if not self.url:
            raise SystemExit(f"reclam serve did not start: {pathlib.Path(log).read_text()}")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Client:
    """One keep-alive connection with a cookie jar."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.cookies = {}

    def request(self, method, path, fields=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - start
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, data.decode("utf-8", "replace"), elapsed, dict((k.lower(), v) for k, v in response.getheaders())


def csrf_of(page):
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    return found.group(1) if found else ""


# What both wrk scripts do with the answers: count the status codes, and write the figures as
# JSON to $BENCH_OUT.
WRK_REPORT = r"""
response = function(status, headers, body) codes[status] = (codes[status] or 0) + 1 end
done = function(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  local counts = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("codes")) do counts[tostring(code)] = (counts[tostring(code)] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do parts[#parts + 1] = string.format('"%s": %d', code, n) end
  out:write(string.format('{"requests": %d, "seconds": %f, "p50": %f, "p90": %f, "p99": %f, "mean": %f, "max": %f, "errors": %d, "codes": {%s}}',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e6, latency:percentile(90) / 1e6,
    latency:percentile(99) / 1e6, latency.mean / 1e6, latency.max / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    table.concat(parts, ", ")))
  out:close()
end
"""

WRK_STATUS = r"""
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local i = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) codes = {} end
request = function()
  i = i % #tokens + 1
  return wrk.format("GET", "/suivi/" .. tokens[i])
end
""" + WRK_REPORT

WRK_SUBMIT = r"""
local csrf = os.getenv("BENCH_CSRF")
local learners = tonumber(os.getenv("BENCH_LEARNERS"))
local i = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) codes = {} end
local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
request = function()
  i = i + 1
  local email = string.format("stg-%06d@example.org", (i * 7919) % learners + 1)
  local body = "csrf=" .. enc(csrf) .. "&complainant=learner&name=" .. enc("Jeanne Dupont") .. "&email=" .. enc(email)
    .. "&phone=" .. enc("06 12 34 56 78") .. "&training=" .. enc("Bureautique") .. "&session=" .. enc("Novembre 2026")
    .. "&happened=" .. enc("La salle B12 n'était pas chauffée lundi matin.\nNous avions froid toute la journée.")
    .. "&request=" .. enc("Un rattrapage de la journée.") .. "&consent=yes"
  return wrk.format("POST", "/", {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "reclam_csrf=" .. csrf}, body)
end
""" + WRK_REPORT


def wrk(script, url, seconds, env, work, name, connections=4):
    lua = pathlib.Path(work, f"{name}.lua")
    lua.write_text(script)
    out = pathlib.Path(work, f"{name}.json")
    environment = dict(os.environ, BENCH_OUT=str(out), **env)
    run = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "-s", str(lua), url],
                         env=environment, capture_output=True, text=True)
    pathlib.Path(work, f"{name}.txt").write_text(run.stdout + run.stderr)
    try:
        return json.loads(out.read_text())
    except (OSError, ValueError):
        return {"error": (run.stdout + run.stderr)[-2000:]}


def timed(client, path, runs, expect=200):
    times, statuses = [], set()
    for _ in range(runs):
        status, _, elapsed, _ = client.request("GET", path)
        statuses.add(status)
        times.append(elapsed)
    result = summary(times)
    result["status"] = sorted(statuses)
    result["ok"] = statuses == {expect}
    return result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reclam", required=True)
    p.add_argument("--ledger", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--move-id", required=True)
    p.add_argument("--log-id", required=True)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--cases", type=int, required=True)
    a = p.parse_args()
    ledger = a.ledger
    results = pathlib.Path(a.results)
    base = git(ledger, "rev-parse", "HEAD")
    out = {"cases": a.cases}
    work = tempfile.mkdtemp(prefix="serve-bench-")
    server = None
    try:
        tokens = setup(a, ledger)
        served = git(ledger, "rev-parse", "HEAD")
        learners = len([d for d in os.listdir(pathlib.Path(ledger, "cases")) if d.startswith("stg-")])
        server = Server(a.reclam, ledger, results / "serve.log")
        out["start"] = time.time()

        # Status page: one warm-up request, then right and wrong tokens under wrk.
        client = Client(server.port)
        first = client.request("GET", "/suivi/" + tokens[0])
        out["status_first"] = {"status": first[0], "seconds": first[2]}
        token_file = pathlib.Path(work, "tokens.txt")
        token_file.write_text("\n".join(tokens) + "\n")
        out["status_right"] = wrk(WRK_STATUS, server.url, 10, {"BENCH_TOKENS": str(token_file)}, work, "status-right")
        wrong = pathlib.Path(work, "wrong.txt")
        wrong.write_text("\n".join(secrets.token_urlsafe(32) for _ in tokens) + "\n")
        out["status_wrong"] = wrk(WRK_STATUS, server.url, 10, {"BENCH_TOKENS": str(wrong)}, work, "status-wrong")

        # Staff workspace, signed in.
        staff = Client(server.port)
        _, page, _, _ = staff.request("GET", "/equipe/connexion")
        status, _, _, _ = staff.request("POST", "/equipe/connexion",
                                        {"csrf": csrf_of(page), "user": "bench", "password": PASSWORD})
        out["signed_in"] = status == 303
        runs = a.runs
        out["case_list"] = timed(staff, "/equipe/dossiers", runs)
        out["case_page"] = timed(staff, f"/equipe/dossiers/{a.log_id}", runs)
        out["move_form"] = timed(staff, f"/equipe/dossiers/{a.move_id}/agir/acknowledged", runs)

        # A move through the web, from the set-up commit each time.
        times, statuses = [], set()
        for _ in range(runs):
            git(ledger, "reset", "-q", "--hard", served)
            _, form, _, _ = staff.request("GET", f"/equipe/dossiers/{a.move_id}/agir/acknowledged")
            version = re.search(r'name="version" value="([^"]+)"', form)
            fields = {"csrf": csrf_of(form), "version": version.group(1) if version else "", "note": "", "at": ""}
            status, _, elapsed, _ = staff.request("POST", f"/equipe/dossiers/{a.move_id}/agir/acknowledged", fields)
            statuses.add(status)
            times.append(elapsed)
        out["web_move"] = summary(times) | {"status": sorted(statuses), "ok": statuses == {303}}
        moved = git(ledger, "log", "-1", "--format=%s")
        out["web_move"]["commit"] = moved
        git(ledger, "reset", "-q", "--hard", served)

        # Submissions: a CSRF token and its cookie from the form, then wrk posting.
        form_client = Client(server.port)
        _, page, _, _ = form_client.request("GET", "/")
        before = int(git(ledger, "rev-list", "--count", "HEAD"))
        seconds = 20 if a.cases <= 10000 else 10
        submit = wrk(WRK_SUBMIT, server.url, seconds, {"BENCH_CSRF": csrf_of(page), "BENCH_LEARNERS": str(learners)}, work, "submit")
        after = int(git(ledger, "rev-list", "--count", "HEAD"))
        submit["commits"] = after - before
        submit["per_second"] = (after - before) / submit["seconds"] if submit.get("seconds") else None
        out["submit"] = submit
        # The status page right after the submissions (the server's index sees new commits).
        out["status_after_submissions"] = timed(Client(server.port), "/suivi/" + tokens[1], 5)
    finally:
        if server:
            server.stop()
        git(ledger, "reset", "-q", "--hard", base, check=False)
        git(ledger, "clean", "-q", "-fd", "--", "cases", "outbox", check=False)
        (results / "serve.json").write_text(json.dumps(out, indent=1))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
