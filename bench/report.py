#!/usr/bin/env python3
"""Turns the results of bench/run into Markdown: ledgers, times, ratios, peak memory, targets.

    bench/report.py --dir /work/bench-ledgers --sizes "1000 10000" --out latest.md [--doc docs/PERFORMANCE.md]

With --doc, the text between `<!-- bench:results:begin -->` and `<!-- bench:results:end -->`
in that file is replaced by the report.
"""

import argparse
import datetime as dt
import json
import os
import pathlib
import platform
import re
import subprocess

BASELINES = [
    ("read", "read every case file", "`find cases -name '*.md' -print0 | xargs -0 cat`"),
    ("git-status", "git status", "`git status`"),
    ("git-commit", "git add + commit", "`git add F && git commit` of the file `reclam ack` writes"),
    ("git-commit-fsync", "git add + commit, fsync", "the same with `git -c core.fsync=all commit` (as durable as reclam)"),
    ("git-log-path", "git log of one case", "`git log --raw -- cases/…/ID.md`"),
    ("git-log-all", "git log of cases/", "`git log --raw -M -- cases` (what `audit` reads)"),
    ("startup", "reclam startup", "`reclam --version`"),
    ("git-fetch-status", "git fetch + status", "`git fetch && git status` in a clone of the ledger, nothing to fetch"),
]
# name, label, baseline
COMMANDS = [
    ("check", "`reclam check`", "read"),
    ("list", "`reclam list`", "read"),
    ("sla", "`reclam sla`", "read"),
    ("report", "`reclam report`", "read"),
    ("register", "`reclam register`", "read"),
    ("log", "`reclam log ID`", "git-log-path"),
    ("audit", "`reclam audit`", "git-log-all"),
    ("move", "`reclam ack ID` (one move, committed)", "git-commit"),
    ("sync-noop", "`reclam sync`, nothing to do", "git-fetch-status"),
    ("sync-100-in", "`reclam sync`, 100 commits in", "git-fetch-status"),
]
LABEL = {k: v for k, v, *_ in BASELINES} | {k: v for k, v, _ in COMMANDS}


def sh(*cmd, cwd=None):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=60).stdout.strip()
    except Exception:
        return ""


def load(results: pathlib.Path, name: str):
    r = {"name": name}
    if (results / f"{name}.na").exists():
        r["na"] = (results / f"{name}.na").read_text().strip()
        return r
    if (results / f"{name}.timeout").exists():
        r["timeout"] = float((results / f"{name}.timeout").read_text().strip())
        r["na"] = f"stopped after {r['timeout']:.0f} s"
        return r
    try:
        h = json.loads((results / f"{name}.json").read_text())["results"][0]
        r.update(mean=h["mean"], stddev=h.get("stddev") or 0.0, min=h["min"], max=h["max"], runs=len(h["times"]),
                 exit=sorted(set(h.get("exit_codes") or [])))
    except Exception:
        r["na"] = "not measured"
        return r
    t = results / f"{name}.time"
    if t.exists():
        text = t.read_text()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        if m:
            r["rss"] = int(m.group(1)) / 1024
    return r


def fmt_time(s):
    if s is None:
        return "n/a"
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.0095 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def fmt_n(n):
    return f"{n:,}".replace(",", "\u202f")


def machine(root, reclam):
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except Exception:
        pass
    cpu = ""
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", pathlib.Path("/proc/cpuinfo").read_text()).group(1)
    except Exception:
        pass
    osname = ""
    try:
        osname = re.search(r'PRETTY_NAME="(.*)"', pathlib.Path("/etc/os-release").read_text()).group(1)
    except Exception:
        pass
    head = sh("git", "-C", root, "rev-parse", "--short", "HEAD")
    dirty = sh("git", "-C", root, "--no-optional-locks", "status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift")
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores (nproc {sh('nproc')})"),
        ("Memory", mem),
        ("System", f"{osname}, Linux {platform.release()}"),
        ("Swift", sh("swift", "--version").splitlines()[0] if sh("swift", "--version") else ""),
        ("git", sh("git", "--version")),
        ("libgit2", sh("dpkg-query", "-W", "-f=${Version}", "libgit2-dev")),
        ("hyperfine", sh("hyperfine", "--version")),
        ("reclam", f"commit {head}{' with uncommitted changes in Sources/' if dirty else ''}, release build"),
    ]


PATHOLOGICAL = [
    ("flow-list", "a flow list of 100 000 words on one line: `tags: [t00000, t00001, …]`"),
    ("many-keys", "100 000 keys `x00000: v` (100 000 unknown fields)"),
    ("long-key", "a key of 1 000 000 characters (libyaml refuses keys over 1 024: a syntax error)"),
]


def pathological(base: pathlib.Path):
    """The section on pathological files, and its rows of the targets table."""
    res = base / "results" / "pathological"
    if not res.exists():
        return [], []
    out = ["### Pathological files\n",
           "One case file each, under the 1 MiB limit, alone in a ledger (`bench/gen-pathological.py`); "
           "`reclam ack` is refused on the file that does not parse.\n",
           "| file | bytes | `reclam check` | `reclam ack ID` | peak memory (check, ack) |",
           "|---|---|---|---|---|"]
    targets = []
    for kind, label in PATHOLOGICAL:
        c, m = load(res, f"{kind}-check"), load(res, f"{kind}-ack")
        size = (res / f"{kind}.bytes").read_text().strip() if (res / f"{kind}.bytes").exists() else "?"

        def cell(r):
            if "mean" not in r:
                return r.get("na", "n/a")
            return f"{fmt_time(r['mean'])} ± {fmt_time(r['stddev'])} (exit {', '.join(map(str, r['exit']))})"

        rss = ", ".join(f"{r['rss']:.0f} MB" if "rss" in r else "n/a" for r in (c, m))
        out.append(f"| {label} | {fmt_n(int(size)) if size.isdigit() else size} | {cell(c)} | {cell(m)} | {rss} |")
        if "mean" in c:
            targets.append(f"| `check` of {kind}: at most 0.5 s | {fmt_time(c['mean'])} | {'met' if c['mean'] <= 0.5 else '**missed**'} |")
        else:
            targets.append(f"| `check` of {kind}: at most 0.5 s | n/a | not measured |")
    out.append("")
    return out, targets


def serve_section(base: pathlib.Path, sizes, data):
    """The section on `reclam serve` (bench/serve-bench.py), and its rows of the targets table."""
    runs = {}
    for n in sizes:
        f = base / "results" / str(n) / "serve.json"
        if f.exists():
            try:
                runs[n] = json.loads(f.read_text())
            except ValueError:
                pass
    if not runs:
        return [], []
    shown = [n for n in sizes if n in runs]
    out = ["### `reclam serve`\n",
           "`bench/serve-bench.py` on each ledger, after one set-up commit (a `serve:` section with the rate limit out of the "
           "way, a staff user, a status token in 200 cases). The front door under `wrk` (1 thread, 4 connections; "
           "latencies from wrk); the staff pages one request at a time, signed in, on one keep-alive connection "
           "(mean, and p99 of the runs); the move through the web is the POST of its form, the ledger reset before each run, "
           "against `reclam ack` on the same case (the table above).\n",
           "| measure | " + " | ".join(f"{fmt_n(n)} cases" for n in shown) + " |",
           "|---|" + "---|" * len(shown)]

    def wrk_cell(r):
        if not r or "p50" not in r:
            return "n/a" + (f" ({r.get('error', '')[:80]})" if r else "")
        codes = ", ".join(f"{k}: {v}" for k, v in sorted(r.get("codes", {}).items()))
        return f"p50 {fmt_time(r['p50'])}, p99 {fmt_time(r['p99'])} ({fmt_n(r['requests'])} requests; {codes})"

    def seq_cell(r):
        if not r or "mean" not in r:
            return "n/a"
        return f"{fmt_time(r['mean'])} (p99 {fmt_time(r['p99'])}, {r['runs']} runs{'' if r.get('ok') else ', status ' + str(r.get('status'))})"

    rows = [
        ("status page, right token (`GET /suivi/<token>`)", lambda r: wrk_cell(r.get("status_right"))),
        ("status page, wrong token", lambda r: wrk_cell(r.get("status_wrong"))),
        ("status page, first request (the server's index made)",
         lambda r: fmt_time(r.get("status_first", {}).get("seconds")) if r.get("status_first") else "n/a"),
        ("status page after the submissions (index brought up to date)", lambda r: seq_cell(r.get("status_after_submissions"))),
        ("submissions (`POST /`), committed per second", lambda r: (
            f"{r['submit']['per_second']:.1f}/s ({r['submit']['commits']} commits in {r['submit']['seconds']:.0f} s; "
            f"p50 {fmt_time(r['submit']['p50'])}, p99 {fmt_time(r['submit']['p99'])})")
         if r.get("submit", {}).get("per_second") is not None else wrk_cell(r.get("submit"))),
        ("staff: case list, first page (`/equipe/dossiers`)", lambda r: seq_cell(r.get("case_list"))),
        ("staff: a case page (`/equipe/dossiers/ID`, the case `log` is timed on)", lambda r: seq_cell(r.get("case_page"))),
        ("staff: a move's form", lambda r: seq_cell(r.get("move_form"))),
        ("staff: a move through the web (POST, committed)", lambda r: seq_cell(r.get("web_move"))),
    ]
    for label, f in rows:
        out.append(f"| {label} | " + " | ".join(f(runs[n]) for n in shown) + " |")
    ratios = []
    for n in shown:
        w, m = runs[n].get("web_move", {}).get("mean"), data.get(n, {}).get("move", {}).get("mean")
        ratios.append(f"{w / m:.2f}× ({fmt_time(w)} vs {fmt_time(m)})" if w and m else "n/a")
    out.append("| staff: move through the web ÷ `reclam ack ID` | " + " | ".join(ratios) + " |")
    out.append("")

    targets = []

    def target(label, n, value, limit, text):
        if n not in runs:
            targets.append(f"| {label} | size not run | not measured |")
        elif value is None:
            targets.append(f"| {label} | n/a | not measured |")
        else:
            targets.append(f"| {label} | {text} | {'met' if value <= limit else '**missed**'} |")

    r = runs.get(10000, {})
    sub = r.get("submit", {}).get("per_second")
    if 10000 in runs and sub is not None:
        targets.append(f"| submissions, 10 000 cases: at least 50 committed per second | {sub:.1f}/s | {'met' if sub >= 50 else '**missed**'} |")
    else:
        targets.append("| submissions, 10 000 cases: at least 50 committed per second | " + ("n/a" if 10000 in runs else "size not run") + " | not measured |")
    p99 = r.get("status_right", {}).get("p99")
    target("status page, 10 000 cases: p99 at most 150 ms", 10000, p99, 0.150, fmt_time(p99) if p99 else "")
    r = runs.get(100000, {})
    v = r.get("case_list", {}).get("mean")
    target("staff case list's first page, 100 000 cases: at most 300 ms", 100000, v, 0.300, fmt_time(v) if v else "")
    v = r.get("case_page", {}).get("mean")
    target("staff case page, 100 000 cases: at most 100 ms", 100000, v, 0.100, fmt_time(v) if v else "")
    w, m = r.get("web_move", {}).get("mean"), data.get(100000, {}).get("move", {}).get("mean")
    target("move through the web, 100 000 cases: at most 1.5× `reclam ack`", 100000, (w / m) if w and m else None, 1.5,
           f"{w / m:.2f}× ({fmt_time(w)} vs {fmt_time(m)})" if w and m else "")
    return out, targets


def send_section(base: pathlib.Path):
    """`reclam send` of 1 000 messages (bench/run's send_bench)."""
    res = base / "results" / "send"
    if not res.exists():
        return [], []
    r = load(res, "send-1000")
    check = {}
    try:
        check = json.loads((res / "send-check.json").read_text())
    except (OSError, ValueError):
        pass
    queued = (res / "queued.txt").read_text().strip() if (res / "queued.txt").exists() else "?"
    out = ["### `reclam send`\n",
           f"{queued} messages queued in `outbox/` of a clone of the 1 000-case ledger, sent to `Tests/smtp-server.py` "
           "(aiosmtpd) on 127.0.0.1 without TLS; the server fsyncs each message before its 250. One commit at the end.\n",
           "| measure | |", "|---|---|"]
    if "mean" in r:
        rate = int(queued) / r["mean"] if queued.isdigit() else None
        out.append(f"| `reclam send`, all of them | {fmt_time(r['mean'])} ± {fmt_time(r['stddev'])} ({r['runs']} runs; exit "
                   f"{', '.join(map(str, r['exit']))}; peak {r.get('rss', 0):.0f} MB) |")
        out.append(f"| messages per second | {rate:.0f}/s |" if rate else "| messages per second | n/a |")
    else:
        out.append(f"| `reclam send` | {r.get('na', 'n/a')} |")
        rate = None
    if check:
        out.append(f"| received by the server (last run) | {check.get('received')} on {check.get('connections')} connection(s) |")
    out.append("")
    if rate is None:
        targets = ["| `send`: at least 50 messages per second on one connection | n/a | not measured |"]
    else:
        one = check.get("connections") == 1
        targets = [f"| `send`: at least 50 messages per second on one connection | {rate:.0f}/s on {check.get('connections', '?')} "
                   f"connection(s) | {'met' if rate >= 50 and one else '**missed**'} |"]
    return out, targets


def write(a, out):
    text = "\n".join(out)
    pathlib.Path(a.out).write_text(text)
    if a.doc:
        doc = pathlib.Path(a.doc)
        begin, end = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"
        current = doc.read_text() if doc.exists() else f"# Performance\n\n{begin}\n{end}\n"
        if begin in current and end in current:
            head, rest = current.split(begin, 1)
            _, tail = rest.split(end, 1)
            doc.write_text(f"{head}{begin}\n{text}\n{end}{tail}")
        else:
            print(f"{doc}: markers {begin} … {end} not found; not updated")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--sizes", required=True)
    p.add_argument("--root", required=True)
    p.add_argument("--reclam", default="reclam")
    p.add_argument("--out", required=True)
    p.add_argument("--doc")
    a = p.parse_args()
    base = pathlib.Path(a.dir)
    sizes = [int(s) for s in a.sizes.split()]
    data, info = {}, {}
    for n in sizes:
        res = base / "results" / str(n)
        data[n] = {name: load(res, name) for name in [b[0] for b in BASELINES] + [c[0] for c in COMMANDS]}
        for extra in ["log-50k", "git-log-path-50k"]:
            if (res / f"{extra}.json").exists() or (res / f"{extra}.na").exists():
                data[n][extra] = load(res, extra)
        meta = json.loads((res / "meta.json").read_text())
        read = lambda f: (res / f).read_text().strip() if (res / f).exists() else "?"
        gen = base / f"ledger-{n}.seconds"
        info[n] = dict(meta=meta, commits=int(read("commits.txt")), files=read("files.txt"), tree=read("worktree-size.txt"),
                       git=read("git-size.txt"), gen=gen.read_text().strip() if gen.exists() else "?")

    out = []
    load_before = (base / "results" / "load-before.txt").read_text().strip() if (base / "results" / "load-before.txt").exists() else ""
    load_after = (base / "results" / "load-after.txt").read_text().strip() if (base / "results" / "load-after.txt").exists() else ""
    finished = base / "results" / "load-after.txt"
    when = dt.datetime.fromtimestamp(finished.stat().st_mtime).astimezone() if finished.exists() else dt.datetime.now().astimezone()
    out.append(f"Run of {when.strftime('%Y-%m-%d %H:%M %z')} "
               f"(`make bench`, `BENCH_SIZES=\"{a.sizes}\"`).\n")
    out.append("| machine | |\n|---|---|")
    for k, v in machine(a.root, a.reclam):
        out.append(f"| {k} | {v} |")
    m = re.search(r"load average: (.*)", load_before)
    m2 = re.search(r"load average: (.*)", load_after)
    if m or m2:
        out.append(f"| Load average | before {m.group(1) if m else '?'}; after {m2.group(1) if m2 else '?'} |")
    out.append("")
    patho, patho_targets = pathological(base)
    sent, send_targets = send_section(base)
    patho += sent
    patho_targets += send_targets
    if not sizes:
        out += patho + ["### Targets\n", "| target | measured | |", "|---|---|---|"] + patho_targets + [""]
        write(a, out)
        return

    out.append("### Ledgers\n")
    out.append("| cases | learners | files in cases/ | commits | work tree | .git | generated in |")
    out.append("|---|---|---|---|---|---|---|")
    for n in sizes:
        i = info[n]
        out.append(f"| {fmt_n(n)} | {fmt_n(i['meta']['learners'])} | {fmt_n(int(i['files'])) if i['files'].isdigit() else i['files']} "
                   f"| {fmt_n(i['commits'])} | {i['tree']} | {i['git']} | {i['gen']} s |")
    mm = info[sizes[-1]]["meta"]
    out.append(f"\nCase files of {fmt_n(mm['file_bytes_min'])}–{fmt_n(mm['file_bytes_max'])} bytes (median "
               f"{fmt_n(mm['file_bytes_median'])}), bodies of {fmt_n(mm['body_bytes_min'])}–{fmt_n(mm['body_bytes_max'])} bytes. "
               "Stages: " + ", ".join(f"{k} {fmt_n(v)}" for k, v in mm["stages"].items()) + f" (of {fmt_n(mm['cases'])}).\n")

    out.append("### Time, and ratio to the baseline\n")
    out.append("Mean of the timed runs (after one warm-up run); in brackets the ratio to the baseline named in the "
               "second column, and for the reading commands the ratio to `reclam check`.\n")
    header = "| command | baseline | " + " | ".join(f"{fmt_n(n)} cases" for n in sizes) + " |"
    out.append(header)
    out.append("|---|---|" + "---|" * len(sizes))
    for name, label, how in BASELINES:
        cells = [(f"> {fmt_time(data[n][name]['timeout'])} (stopped)" if "timeout" in data[n][name]
                  else fmt_time(data[n][name].get("mean"))) for n in sizes]
        out.append(f"| {label}: {how.replace('|', chr(92) + '|')} | — | " + " | ".join(cells) + " |")
    for name, label, basename in COMMANDS:
        cells = []
        for n in sizes:
            r = data[n][name]
            if "timeout" in r:
                cells.append(f"> {fmt_time(r['timeout'])} (stopped)")
                continue
            if "mean" not in r:
                cells.append("n/a")
                continue
            b = data[n][basename].get("mean")
            cell = fmt_time(r["mean"]) + (f" ({r['mean'] / b:.1f}×" if b else " (")
            c = data[n]["check"].get("mean")
            if basename == "read" and name != "check" and c:
                cell += f"; {r['mean'] / c:.2f}× check"
            f = data[n].get("git-commit-fsync", {}).get("mean")
            if name == "move" and f:
                cell += f"; {r['mean'] / f:.2f}× with fsync"
            cells.append(cell + ")")
        out.append(f"| {label} | {LABEL[basename]} | " + " | ".join(cells) + " |")
    if any("log-50k" in data[n] for n in sizes):
        n = next(n for n in sizes if "log-50k" in data[n])
        r, g = data[n]["log-50k"], data[n].get("git-log-path-50k", {})
        if "mean" in r:
            out.append(f"| `reclam log ID` at 50 000 commits (the {fmt_n(n)}-case ledger reset to its 50 000th commit) | "
                       f"git log of one case ({fmt_time(g.get('mean'))}) | "
                       + " | ".join((f"{fmt_time(r['mean'])}" + (f" ({r['mean'] / g['mean']:.1f}×)" if g.get("mean") else "")) if m == n else ""
                                    for m in sizes) + " |")
    out.append("")

    out.append("### Peak memory (maximum resident set size, one run under `/usr/bin/time -v`)\n")
    out.append("| command | " + " | ".join(f"{fmt_n(n)} cases" for n in sizes) + " |")
    out.append("|---|" + "---|" * len(sizes))
    for name, label, _ in COMMANDS:
        out.append(f"| {label} | " + " | ".join(
            (f"{data[n][name]['rss']:.0f} MB" if "rss" in data[n][name] else "n/a") for n in sizes) + " |")
    out.append("")

    # Details: spread and exit status.
    out.append("<details><summary>Spread (σ, min–max, runs) and exit status</summary>\n")
    out.append("| cases | command | mean ± σ | min … max | runs | exit |")
    out.append("|---|---|---|---|---|---|")
    for n in sizes:
        for name in [b[0] for b in BASELINES] + [c[0] for c in COMMANDS]:
            r = data[n][name]
            if "mean" not in r:
                out.append(f"| {fmt_n(n)} | {LABEL[name]} | n/a ({r.get('na', '')}) | | | |")
                continue
            out.append(f"| {fmt_n(n)} | {LABEL[name]} | {fmt_time(r['mean'])} ± {fmt_time(r['stddev'])} | "
                       f"{fmt_time(r['min'])} … {fmt_time(r['max'])} | {r['runs']} | {', '.join(map(str, r['exit']))} |")
    out.append("\n</details>\n")
    served, serve_targets = serve_section(base, sizes, data)
    out += served
    out += patho

    out.append("### Targets\n")
    out.append("| target | measured | |")
    out.append("|---|---|---|")

    def mean(n, name):
        return data.get(n, {}).get(name, {}).get("mean")

    def row(target, measured, ok):
        out.append(f"| {target} | {measured} | {'met' if ok else ('**missed**' if ok is False else 'not measured')} |")

    if 10000 in sizes and mean(10000, "check"):
        c, r = mean(10000, "check"), mean(10000, "read")
        row("`check`, 10 000 cases: under 0.3 s", fmt_time(c), c < 0.3)
        row("`check`, 10 000 cases: within 3× of reading the files", f"{c / r:.1f}× ({fmt_time(c)} vs {fmt_time(r)})", c <= 3 * r)
    else:
        row("`check`, 10 000 cases: under 0.3 s, within 3× of reading", "size not run", None)
    if 100000 in sizes and mean(100000, "check"):
        row("`check`, 100 000 cases: under 2 s", fmt_time(mean(100000, "check")), mean(100000, "check") < 2)
    else:
        row("`check`, 100 000 cases: under 2 s", "size not run", None)
    big = max(sizes)
    small = min(sizes)
    mv, gc = mean(big, "move"), mean(big, "git-commit")
    gf = mean(big, "git-commit-fsync")
    durable = f"; {mv / gf:.2f}× git with `core.fsync=all` ({fmt_time(gf)})" if mv and gf else ""
    if mv and gc and big < 100000:
        row("move, 100 000 cases: at most ½ of `git add` + `git commit`",
            f"size not run; {mv / gc:.2f}× at {fmt_n(big)} cases ({fmt_time(mv)} vs {fmt_time(gc)}){durable}", None)
    elif mv and gc:
        row(f"move, {fmt_n(big)} cases: at most ½ of `git add` + `git commit`",
            f"{mv / gc:.2f}× ({fmt_time(mv)} vs {fmt_time(gc)}){durable}", mv <= 0.5 * gc)
    else:
        row("move: at most ½ of `git add` + `git commit`", "n/a", None)
    if mv and mean(small, "move") and big != small and big >= 100000:
        m1 = mean(small, "move")
        row(f"move, {fmt_n(big)} cases: at most 1.5× its time on {fmt_n(small)}", f"{mv / m1:.2f}× ({fmt_time(mv)} vs {fmt_time(m1)})",
            mv <= 1.5 * m1)
    for name, limit in [("sla", 1.5), ("list", 1.5), ("register", 1.5), ("report", 2.0)]:
        worst = None
        for n in sizes:
            if mean(n, name) and mean(n, "check"):
                q = mean(n, name) / mean(n, "check")
                if worst is None or q > worst[0]:
                    worst = (q, n)
        if worst:
            row(f"`{name}` within {limit}× of `check`", f"{worst[0]:.2f}× at worst ({fmt_n(worst[1])} cases)", worst[0] <= limit)
        else:
            row(f"`{name}` within {limit}× of `check`", "n/a", None)
    sn, gs = mean(big, "sync-noop"), mean(big, "git-fetch-status")
    if sn and gs:
        row(f"`sync` with nothing to do, {fmt_n(big)} cases: at most 2× `git fetch` + `git status`",
            f"{sn / gs:.2f}× ({fmt_time(sn)} vs {fmt_time(gs)})", sn <= 2 * gs if big >= 100000 else None)
    else:
        row("`sync` with nothing to do: at most 2× `git fetch` + `git status`", "n/a", None)
    at50k = [n for n in sizes if mean(n, "log-50k")]
    logged = [n for n in sizes if info[n]["commits"] >= 50000 and mean(n, "log")]
    if at50k:
        n = at50k[0]
        m, g = mean(n, "log-50k"), mean(n, "git-log-path-50k")
        row("`log ID` on 50 000 commits: under 0.5 s",
            f"{fmt_time(m)}" + (f" (`git log -- PATH`: {fmt_time(g)})" if g else ""), m < 0.5)
    elif logged:
        n = logged[0]
        row(f"`log ID` on ≥ 50 000 commits: under 0.5 s", f"{fmt_time(mean(n, 'log'))} on {fmt_n(info[n]['commits'])} commits",
            mean(n, "log") < 0.5)
    else:
        biggest = max(sizes)
        got = mean(biggest, "log")
        row("`log ID` on 50 000 commits: under 0.5 s",
            f"largest history run: {fmt_n(info[biggest]['commits'])} commits, {fmt_time(got)}" if got else "n/a", None)
    if 100000 in sizes:
        worst = max(((data[100000][c[0]].get("rss") or 0, c[1]) for c in COMMANDS), default=(0, ""))
        row("peak memory, 100 000 cases: under 300 MB", f"{worst[0]:.0f} MB ({worst[1]})", worst[0] < 300)
    else:
        worst = max(((data[big][c[0]].get("rss") or 0, c[1]) for c in COMMANDS), default=(0, ""))
        row("peak memory, 100 000 cases: under 300 MB", f"size not run; {worst[0]:.0f} MB at {fmt_n(big)} ({worst[1]})", None)
    out += serve_targets
    out += patho_targets
    out.append("")
    write(a, out)


if __name__ == "__main__":
    main()
