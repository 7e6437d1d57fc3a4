#!/usr/bin/env python3
"""Writes one case file, just under the 1 MiB limit of a ledger file, whose front-matter is
shaped to make a reader slow if any of its steps is not linear (docs/PERFORMANCE.md,
"Pathological files"). The case is at stage 'received' so that `reclam ack` can move it.

    gen-pathological.py KIND PATH

KIND:
  flow-list   `tags: [t00000, t00001, …]`: a flow list of 100 000 words on one line
  many-keys   100 000 keys `x00000: v` (each one an unknown field: 100 000 warnings)
  long-key    one key of 1 000 000 characters (an unknown field: "did you mean" on it)

Other shapes, not in the bench but kept for the next time someone looks for a slow path:
long-value, long-quoted, many-steps, block-list, commented (the flow list behind a comment,
so that libyaml reads it), long-body-line, many-body-lines.
"""
import sys

LIMIT = 1 << 20

HEAD = """---
id: {id}
learner: stg-000001
title: Fichier pathologique
received: 2026-10-05T09:00:00+02:00
channel: email
complainant: learner
kind: complaint
stage: received
"""

BODY = """---
## Réclamation

Un fichier fait pour mesurer la lecture.
"""


def main():
    kind, path = sys.argv[1], sys.argv[2]
    case_id = path.rsplit("/", 1)[-1].removesuffix(".md")
    head = HEAD.format(id=case_id)
    body = BODY
    if kind == "flow-list":
        middle = "tags: [" + ", ".join(f"t{i:05d}" for i in range(100_000)) + "]\n"
    elif kind == "many-keys":
        middle = "".join(f"x{i:05d}: v\n" for i in range(100_000))
    elif kind == "long-key":
        middle = "k" * 1_000_000 + ": v\n"
    elif kind == "long-value":
        middle = "title: " + "é" * 500_000 + "\n"
    elif kind == "long-quoted":
        middle = 'title: "' + "ab, " * 250_000 + '"\n'
    elif kind == "many-steps":
        middle = "steps:\n" + "".join(
            f"  - {{stage: acknowledged, at: 2026-10-05T10:00:00+02:00, by: Émilie n{i}}}\n" for i in range(12_000))
    elif kind == "block-list":
        middle = "tags:\n" + "".join(f"  - t{i:05d}\n" for i in range(90_000))
    elif kind == "commented":
        middle = "# a comment: libyaml reads this file\ntags: [" + ", ".join(f"t{i:05d}" for i in range(100_000)) + "]\n"
    elif kind == "long-body-line":
        middle = ""
        body = BODY + "é" * 500_000 + "\n"
    elif kind == "many-body-lines":
        middle = ""
        body = BODY + "\n" * 1_000_000
    else:
        sys.exit(f"unknown kind {kind!r}")
    text = head + middle + body
    size = len(text.encode())
    if size > LIMIT:
        sys.exit(f"{kind}: {size} bytes, over the 1 MiB limit")
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
