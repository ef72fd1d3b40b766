#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a recording archive (docs/archive-format.md) for bench/run.sh.

Usage: make_archive.py OUT_DIR COUNT AUDIO_BYTES [PER_DAY]

AUDIO_BYTES 0 writes metadata-only calls (no audio file), the cheapest honest
source for the million-recording no-op. Audio is random bytes (nothing can
compress or deduplicate it) under a .wav name; the indexer does not parse it.
Audio files and folders are back-dated by an hour, as in a recorder's archive
that has settled, so the first scan (two seconds later) stores every folder as
done.
"""
import json
import os
import sys
import time

DIRECTIONS = ("inbound", "outbound", "internal")


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    out, count, audio_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    per_day = int(sys.argv[4]) if len(sys.argv) == 5 else 1000
    if count < 1 or audio_bytes < 0 or per_day < 1:
        sys.exit("make_archive.py: COUNT and PER_DAY must be >= 1, AUDIO_BYTES >= 0")
    past = time.time() - 3600
    tenants = ("acme", "globex")
    # One random block, varied per call by its index: unique content per file
    # without paying os.urandom for every byte.
    block = os.urandom(max(audio_bytes, 1))
    folders = set()
    day0 = time.mktime((2026, 1, 1, 0, 0, 0, 0, 0, 0))
    for i in range(count):
        tenant = tenants[i % len(tenants)]
        day = time.gmtime(day0 + (i // per_day) * 86400)
        folder = os.path.join(out, tenant, time.strftime("%Y/%m/%d", day))
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        rec_id = f"b-{i:07d}"
        start = time.strftime("%Y-%m-%dT%H:%M:%SZ",
                              time.gmtime(day0 + (i // per_day) * 86400 + (i % per_day) * 60 % 86400))
        audio_field = ""
        if audio_bytes:
            audio = os.path.join(folder, rec_id + ".wav")
            with open(audio, "wb") as f:
                f.write(i.to_bytes(8, "little"))
                f.write(block[8:])
            os.utime(audio, (past, past))
            audio_field = f', "audio": "{rec_id}.wav"'
        # Formatted by hand: json.dump per call would double the run time of
        # the million-call archive. Every value here is plain ASCII.
        with open(os.path.join(folder, rec_id + ".json"), "w") as f:
            f.write(f'{{"id": "{rec_id}", "tenant": "{tenant}", "start": "{start}", '
                    f'"durationMs": 4000, "direction": "{DIRECTIONS[i % 3]}", '
                    f'"caller": {{"number": "+49301{i:07d}", "name": "Bench Caller"}}, '
                    f'"callee": {{"number": "{200 + i % 50}", "name": "Bench Agent"}}, '
                    f'"users": ["u-{i % 50:03d}"], "groups": ["g-bench"], '
                    f'"categories": []{audio_field}}}')
    with open(os.path.join(out, "users.json"), "w") as f:
        json.dump({"tenants": [{"id": t, "name": t.upper()} for t in tenants],
                   "groups": [{"id": "g-bench", "tenant": "acme", "name": "Bench"}],
                   "users": []}, f)
    os.utime(os.path.join(out, "users.json"), (past, past))
    for dirpath, _, _ in os.walk(out, topdown=False):
        os.utime(dirpath, (past, past))


if __name__ == "__main__":
    main()
