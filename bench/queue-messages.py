#!/usr/bin/env python3
"""Fills outbox/ of the ledger in the current folder for `reclam send`'s benchmark.

    bench/queue-messages.py FIRST COUNT

FIRST is a case whose acknowledgement `reclam ack` wrote to outbox/FIRST-ack.eml; that message
is copied for the first COUNT cases (in id order), each with its case id, its learner's address
(the generated ledgers give learner L the address L@example.org) and a Message-ID of its own.
"""
import pathlib
import re
import sys

first, count = sys.argv[1], int(sys.argv[2])
template = pathlib.Path(f"outbox/{first}-ack.eml").read_text()
cases = sorted((p.stem, p.parent.name) for p in pathlib.Path("cases").glob("*/*.md") if p.name != "learner.md")
for n, (case, learner) in enumerate(cases[:count]):
    text = template.replace(first, case)
    text = re.sub(r"^To: .*$", f"To: <{learner}@example.org>", text, count=1, flags=re.M)
    text = re.sub(r"^Message-ID: <[^>]*>", f"Message-ID: <reclam.{case}.bench{n}@example.org>", text, count=1, flags=re.M)
    pathlib.Path(f"outbox/{case}-ack.eml").write_text(text)
