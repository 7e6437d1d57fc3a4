#!/usr/bin/env python3
"""A ledger of COPIES × the cases of a generated one, in a single commit: a stand-in for the
100 000-case ledger when its history (73 minutes and more to generate) is not there yet.

    bench/flat-ledger.py SOURCE DEST COPIES

Each copy renames the learners (`stg-NNNNNN` → `stg-K-NNNNNN`) and the case ids (the 4-character
suffix shifted through the id alphabet, K places; ids that would collide are skipped), and
rewrites every occurrence in the files. Everything else of SOURCE's work tree (reclam.yml,
templates) is copied as is; then `git init`, one commit, a commit-graph. What it cannot stand
in for: anything that walks the history (`log`, `audit`, `sync`), since there is one commit.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

source, dest, copies = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
if dest.exists():
    shutil.rmtree(dest)
dest.mkdir(parents=True)
for entry in source.iterdir():
    if entry.name in (".git", "cases"):
        continue
    (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, dest / entry.name)

folders = sorted(p for p in (source / "cases").iterdir() if p.is_dir())
ids = set()
for folder in folders:
    for f in folder.glob("*.md"):
        if f.name != "learner.md":
            ids.add(f.stem)


def shifted(case_id, k):
    date, suffix = case_id.split("-", 1)
    if any(c not in ALPHABET for c in suffix):
        return None
    return date + "-" + "".join(ALPHABET[(ALPHABET.index(c) + k) % len(ALPHABET)] for c in suffix)


ID = re.compile(r"\b[0-9]{8}-[0-9a-z]{4}\b")
taken = set()
written = 0
for k in range(copies):
    mapping = {}
    for case_id in sorted(ids):
        new = case_id if k == 0 else shifted(case_id, k)
        if new and new not in taken:
            mapping[case_id] = new
            taken.add(new)
    for folder in folders:
        learner = folder.name if k == 0 else folder.name.replace("stg-", f"stg-{k}-", 1)
        target = dest / "cases" / learner
        target.mkdir(parents=True, exist_ok=True)
        for f in folder.iterdir():
            if f.is_dir():
                continue
            if f.name != "learner.md" and f.stem not in mapping:
                continue
            text = f.read_text()
            if k:
                text = text.replace(folder.name, learner)
                text = ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
            name = f.name if f.name == "learner.md" else mapping[f.stem] + ".md"
            (target / name).write_text(text)
            written += 1

env = dict(os.environ)
subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
subprocess.run(["git", "commit", "-q", "-m", f"flat ledger: {copies} copies of {source.name}"], cwd=dest, check=True, env=env)
subprocess.run(["git", "commit-graph", "write", "--reachable", "--changed-paths"], cwd=dest, check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{written} files, {len(taken)} cases")
