#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Continuous replication latency: writes N calls one at a time into an archive
# watched by a running `replicall-cli daemon` and measures, per call, the time
# from its sidecar being renamed into place to its audio being stored at a
# replicall-target on 127.0.0.1. Prints p50, p99 and max. A benchmark, not a
# test: target p50 <= 1 s, p99 <= 2 s (docs/continuous.md).
#
#   REPLICALL_BUILD_DIR=build-automation bench/continuous_latency.sh [N] [AUDIO_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${REPLICALL_BUILD_DIR:-build}
cli="$PWD/$build_dir/app/cli/replicall-cli"
target="$PWD/$build_dir/app/target/replicall-target"
calls=${1:-50}
audio_bytes=${2:-160000} # ten seconds of 8 kHz 16-bit audio
for tool in "$cli" "$target"; do
    [[ -x $tool ]] || { echo "missing $tool: build it first" >&2; exit 1; }
done

work=$(mktemp -d /tmp/replicall-bench.XXXXXX)
export REPLICALL_DB="$work/replicall.sqlite"
export REPLICALL_SECRET_BACKEND=file
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$target" serve --data-dir "$work/target" --listen "127.0.0.1:$port" >"$work/target.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
    curl -s -o /dev/null -X OPTIONS "http://127.0.0.1:$port/api/replication/v1/uploads" && break
    sleep 0.1
done
"$target" token create --data-dir "$work/target" --name bench --tenants acme | tail -n 1 >"$work/token"
mkdir -p "$work/archive"
"$cli" job add --name bench --source "$work/archive" --target "http://127.0.0.1:$port" \
    --token-file "$work/token" --schedule continuous --data audio,metadata >/dev/null
"$cli" daemon 2>"$work/daemon.log" &
pids+=($!)
sleep 1

# Writes each call as a recorder does (audio, then sidecar renamed into
# place), waits until the target stores it, and prints the latency in ms.
python3 - "$work/archive" "$work/target" "$calls" "$audio_bytes" <<'PY'
import datetime, glob, json, os, statistics, sys, time
archive, target, calls, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
latencies = []
for i in range(calls):
    now = datetime.datetime.now(datetime.timezone.utc)
    day = os.path.join(archive, "acme", now.strftime("%Y/%m/%d"))
    os.makedirs(day, exist_ok=True)
    cid = f"bench-{i:05d}"
    with open(os.path.join(day, f".{cid}.wav"), "wb") as f:
        f.write(os.urandom(size))
    os.rename(os.path.join(day, f".{cid}.wav"), os.path.join(day, f"{cid}.wav"))
    sidecar = {"id": cid, "tenant": "acme", "start": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
               "durationMs": 10000, "direction": "inbound",
               "caller": {"number": "+4930123456", "name": ""},
               "callee": {"number": "201", "name": ""}, "audio": f"{cid}.wav"}
    with open(os.path.join(day, f".{cid}.json"), "w") as f:
        json.dump(sidecar, f)
    written = time.monotonic()
    os.rename(os.path.join(day, f".{cid}.json"), os.path.join(day, f"{cid}.json"))
    pattern = os.path.join(target, "acme", "*", "*", "*", f"{cid}.wav")
    while not glob.glob(pattern):
        if time.monotonic() - written > 30:
            sys.exit(f"{cid} did not reach the target within 30 s")
        time.sleep(0.005)
    latencies.append((time.monotonic() - written) * 1000)
    time.sleep(0.2)  # calls end one at a time
latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]
print(f"{calls} calls of {size} bytes, sidecar written -> verified at target:")
print(f"  p50 {pct(50):.0f} ms   p99 {pct(99):.0f} ms   max {latencies[-1]:.0f} ms   "
      f"mean {statistics.mean(latencies):.0f} ms")
PY
