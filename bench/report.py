#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints bench/run.sh's results (name=value lines) as one aligned table.

Usage: report.py RESULTS SMALL_COUNT SMALL_BYTES LARGE_COUNT LARGE_MIB NOOP_COUNT WORKERS
"""
import sys

MIB = 1024 * 1024
GIB = 1024 * MIB


def main():
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    r = {}
    for line in open(sys.argv[1]):
        key, _, value = line.strip().partition("=")
        if key:
            r[key] = float(value)
    small_n, small_b = int(sys.argv[2]), int(sys.argv[3])
    large_n, large_mib = int(sys.argv[4]), int(sys.argv[5])
    noop_n, workers = int(sys.argv[6]), int(sys.argv[7])
    sets = {"small": (small_n, small_n * small_b), "large": (large_n, large_n * large_mib * MIB)}

    def get(key):
        return r.get(key, float("nan"))

    rows = []
    for set_name, (count, size) in sets.items():
        for tool in ("replicall", "qnam", "tus", "rclone"):
            name = f"{tool}.{set_name}"
            wall, cpu = get(name + ".wall"), get(name + ".cpu")
            rows.append({
                "name": name, "tool": tool, "set": set_name,
                "rec_s": count / wall, "mib_s": size / MIB / wall,
                "cpu_rec": cpu / count * 1000, "cpu_gib": cpu / (size / GIB),
                "rss": get(name + ".rss") / 1024, "trss": get(name + ".target_rss") / 1024,
            })
    head = f"{'run':<24}{'rec/s':>9}{'MiB/s':>9}{'CPU ms/rec':>12}{'CPU s/GiB':>11}" \
           f"{'sender MiB':>12}{'target MiB':>12}"
    print(f"Same data, same run, 127.0.0.1, {workers} parallel uploads; CPU = client user+sys")
    print(f"small = {small_n} x {small_b // 1024} KiB, large = {large_n} x {large_mib} MiB")
    print(head)
    print("-" * len(head))
    for row in rows:
        print(f"{row['name']:<24}{row['rec_s']:>9.1f}{row['mib_s']:>9.1f}{row['cpu_rec']:>12.3f}"
              f"{row['cpu_gib']:>11.2f}{row['rss']:>12.1f}{row['trss']:>12.1f}")
    print("-" * len(head))
    by = {row["name"]: row for row in rows}
    for set_name in sets:
        ours = by[f"replicall.{set_name}"]
        for other in ("tus", "rclone"):
            theirs = by[f"{other}.{set_name}"]
            # The CPU column is theirs over ours: above 1, Replicall spends less.
            print(f"{'replicall/' + other + ' ' + set_name:<24}{ours['rec_s'] / theirs['rec_s']:>8.2f}x"
                  f"{ours['mib_s'] / theirs['mib_s']:>8.2f}x"
                  f"{theirs['cpu_rec'] / ours['cpu_rec']:>11.2f}x{'(their CPU/ours)':>22}")
    print("qnam = the same audio files through a bare QNetworkAccessManager (one request each,")
    print("       no hashing, no state): the floor of Replicall's sender CPU")
    print()
    print(f"{'Replicall no-op re-runs':<40}{'seconds':>10}")
    print(f"{'  incremental, ' + str(small_n) + ' held':<40}{get('replicall.noop_incremental.wall'):>10.2f}")
    print(f"{'  full (batched lookups), ' + str(small_n) + ' held':<40}{get('replicall.noop_full.wall'):>10.2f}")
    print(f"{'  incremental, ' + str(noop_n) + ' held':<40}{get('replicall.noop_1m.wall'):>10.2f}")
    print(f"{'  (first index of ' + str(noop_n) + ', not a no-op)':<40}{get('replicall.noop_index.wall'):>10.2f}")
    print()
    print(f"{'Memory (max RSS)':<40}{'MiB':>10}")
    print(f"{'  sender, large set, 8M chunks':<40}{get('replicall.large.rss') / 1024:>10.1f}")
    print(f"{'  sender, large set, 64M chunks':<40}{get('replicall.large64.rss') / 1024:>10.1f}")
    print(f"{'  target, one large upload':<40}{get('replicall.huge.target_rss') / 1024:>10.1f}")
    print(f"{'  sender, 1M no-op':<40}{get('replicall.noop_1m.rss') / 1024:>10.1f}")
    print()
    print(f"{'Disk, synced write rate (dd)':<40}{get('disk.mibs'):>10.1f} MiB/s")
    print()
    print_targets(by, get, small_n, noop_n)


def print_targets(by, get, small_n, noop_n):
    """The speed targets of the issue this bench answers, each held or not."""
    small, large = by["replicall.small"], by["replicall.large"]
    disk = get("disk.mibs")
    rclone_large = by["rclone.large"]["mib_s"]
    # Large files: as fast as rclone, or within 10 % of the disk where that is lower.
    large_goal = rclone_large if rclone_large <= disk else None
    large_ok = large["mib_s"] >= rclone_large or (
        disk < rclone_large and large["mib_s"] >= 0.9 * disk)
    rss8, rss64 = get("replicall.large.rss") / 1024, get("replicall.large64.rss") / 1024
    target_mb = get("replicall.huge.target_rss") * 1024 / 1e6
    rows = [
        ("recordings/s, 64 KiB set", ">= 800", f"{small['rec_s']:.0f}", small["rec_s"] >= 800),
        ("x tus-node, 64 KiB set", ">= 3", f"{small['rec_s'] / by['tus.small']['rec_s']:.2f}",
         small["rec_s"] >= 3 * by["tus.small"]["rec_s"]),
        ("x rclone, 64 KiB set", ">= 25", f"{small['rec_s'] / by['rclone.small']['rec_s']:.1f}",
         small["rec_s"] >= 25 * by["rclone.small"]["rec_s"]),
        ("sender CPU ms per small recording", "<= 0.4",
         f"{small['cpu_rec']:.3f} (qnam {by['qnam.small']['cpu_rec']:.3f})",
         small["cpu_rec"] <= 0.4),
        ("sender CPU s per GiB, large set", "<= 1.3",
         f"{large['cpu_gib']:.2f} (qnam {by['qnam.large']['cpu_gib']:.2f})",
         large["cpu_gib"] <= 1.3),
        ("large set MiB/s", f">= {large_goal:.0f} (rclone)" if large_goal is not None
         else f">= {0.9 * disk:.0f} (90 % of disk)", f"{large['mib_s']:.0f}", large_ok),
        (f"incremental no-op, {small_n} held, s", "<= 0.5",
         f"{get('replicall.noop_incremental.wall'):.2f}",
         get("replicall.noop_incremental.wall") <= 0.5),
        (f"incremental no-op, {noop_n} held, s", "<= 2", f"{get('replicall.noop_1m.wall'):.2f}",
         get("replicall.noop_1m.wall") <= 2),
        (f"full-mode no-op, {small_n} held, s", "<= 1", f"{get('replicall.noop_full.wall'):.2f}",
         get("replicall.noop_full.wall") <= 1),
        # Flat: eight times the chunk size may not make the sender half again as big.
        ("sender MiB, 8 workers, 8M / 64M chunks", "<= 64, flat", f"{rss8:.0f} / {rss64:.0f}",
         rss8 <= 64 and rss64 <= 64 and rss64 <= 1.5 * rss8),
        ("target MB receiving the large upload", "<= 100", f"{target_mb:.0f}", target_mb <= 100),
    ]
    head = f"{'Targets':<40}{'goal':>20}{'measured':>26}  held"
    print(head)
    print("-" * len(head))
    for name, goal, measured, held in rows:
        print(f"{'  ' + name:<40}{goal:>20}{measured:>26}  {'yes' if held else 'NO'}")
    print("  (continuous mode, call end to verified: bench/continuous_latency.sh)")


if __name__ == "__main__":
    main()
