#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "Prove it": Replicall against rclone (to `rclone serve webdav`) and
# tus-js-client (to @tus/server with @tus/file-store) on the same data in the
# same run, everything on 127.0.0.1. Prints one aligned table; see
# docs/performance.md for what the numbers mean and for the targets.
#
# Usage: bench/run.sh            (REPLICALL_BUILD_DIR defaults to build-bench,
#                                 a Release build of replicall-cli and -target)
# Sizes can be lowered for a quick look: SMALL_COUNT, LARGE_COUNT, LARGE_MIB,
# HUGE_MIB, NOOP_COUNT, WORKERS. BENCH_WORK picks the work folder (on disk:
# the targets' fsync is part of what is measured); the million-call no-op
# archive goes to BENCH_NOOP_DIR (default /dev/shm, see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

small_count=${SMALL_COUNT:-5000}
small_bytes=$((64 * 1024))
large_count=${LARGE_COUNT:-20}
large_mib=${LARGE_MIB:-50}
huge_mib=${HUGE_MIB:-500}
noop_count=${NOOP_COUNT:-1000000}
workers=${WORKERS:-8}
build_dir=${REPLICALL_BUILD_DIR:-$root/build-bench}
cli="$build_dir/app/cli/replicall-cli"
target_bin="$build_dir/app/target/replicall-target"
qnam_bin="$build_dir/bench/replicall-qnam-floor"
step_timeout=${STEP_TIMEOUT:-900} # seconds: no step may hang the bench

# ---------------------------------------------------------------- prerequisites
need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "bench/run.sh: '$1' is missing: $2" >&2
        exit 2
    }
}
need rclone "install Debian's rclone: apt-get install -y rclone"
need node "install Node.js 20 (Debian: apt-get install -y nodejs npm)"
need npm "install npm (Debian: apt-get install -y npm)"
need python3 "install python3"
need curl "install curl"
need sqlite3 "install sqlite3 (apt-get install -y sqlite3)"
need timeout "install coreutils"
[[ -x /usr/bin/time ]] || {
    echo "bench/run.sh: /usr/bin/time is missing: apt-get install -y time" >&2
    exit 2
}
for bin in "$cli" "$target_bin" "$qnam_bin"; do
    [[ -x $bin ]] || {
        echo "bench/run.sh: $bin is missing; build it first:" >&2
        echo "  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DREPLICALL_BUILD_TESTS=OFF" >&2
        echo "  cmake --build build-bench --target replicall-cli replicall-target replicall-qnam-floor -j2" >&2
        exit 2
    }
done
npm ci --prefix bench --no-audit --no-fund --silent >/dev/null

work=${BENCH_WORK:-$(mktemp -d /var/tmp/replicall-bench.XXXXXX)}
noop_parent=${BENCH_NOOP_DIR:-/dev/shm}
[[ -d $noop_parent && -w $noop_parent ]] || noop_parent=$work
noop_dir=$(mktemp -d "$noop_parent/replicall-bench-noop.XXXXXX")
mkdir -p "$work"
export REPLICALL_SECRET_BACKEND=file
results="$work/results.txt" # name=value lines, read back for the table
: >"$results"
bench_start=$SECONDS

# --------------------------------------------------------------- servers, trap
server_pids=()
stop_server() { # PID of the /usr/bin/time wrapper: stop its child, let it report
    local wrapper=$1 child
    kill -0 "$wrapper" 2>/dev/null || return 0
    child=$(pgrep -P "$wrapper" || true)
    if [[ -n $child ]]; then kill -TERM "$child" 2>/dev/null || true; fi
    for _ in $(seq 100); do kill -0 "$wrapper" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$wrapper" "$child" 2>/dev/null || true
    wait "$wrapper" 2>/dev/null || true
}
cleanup() {
    local pid
    for pid in "${server_pids[@]}"; do [[ -z $pid ]] || stop_server "$pid"; done
    rm -rf "$noop_dir"
    [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_http() { # URL: until anything answers, at most 10 s
    for _ in $(seq 100); do
        curl -s -o /dev/null -X OPTIONS "$1" && return 0
        sleep 0.1
    done
    echo "bench/run.sh: nothing answers at $1" >&2
    exit 1
}
# start_server NAME CMD...: runs CMD under /usr/bin/time (its peak memory goes
# to $work/NAME.rss) and sets $server_pid.
start_server() {
    local name=$1
    shift
    /usr/bin/time -f '%M' -o "$work/$name.rss" "$@" >"$work/$name.log" 2>&1 &
    server_pid=$!
    server_pids+=("$server_pid")
}
finish_server() { # NAME PID [SERVER_NAME]: stop it, record its peak memory (KiB)
    stop_server "$2"
    server_pids=("${server_pids[@]/$2/}")
    echo "$1.target_rss=$(tail -n 1 "$work/${3:-$1}.rss")" >>"$results"
}

# measure NAME CMD...: runs the client under /usr/bin/time; records wall
# seconds, user+sys CPU seconds and peak memory.
measure() {
    local name=$1
    shift
    # What earlier steps wrote (the data sets; tus-node and rclone never fsync)
    # would otherwise be written back during this step, on its CPU time.
    sync
    if ! timeout "$step_timeout" /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" \
        >"$work/$name.out" 2>&1; then
        echo "bench/run.sh: $name failed:" >&2
        tail -n 20 "$work/$name.out" >&2
        exit 1
    fi
    read -r wall user sys rss <"$work/$name.time"
    {
        echo "$name.wall=$wall"
        echo "$name.cpu=$(python3 -c "print($user + $sys)")"
        echo "$name.rss=$rss"
    } >>"$results"
    echo "   $name: ${wall} s wall, ${user} s user + ${sys} s sys, ${rss} KiB max RSS"
}

# ------------------------------------------------------------------ Replicall
# replicall_target NAME: a fresh replicall-target with a token for the bench's
# tenants; sets $target_url, $token_file, $server_pid.
replicall_target() {
    local name=$1 port
    port=$(free_port)
    mkdir -p "$work/$name.data"
    "$target_bin" token create --data-dir "$work/$name.data" --name bench \
        --tenants acme,globex | tail -n 1 >"$work/$name.token"
    start_server "$name" "$target_bin" serve --data-dir "$work/$name.data" \
        --listen "127.0.0.1:$port"
    target_url="http://127.0.0.1:$port"
    token_file="$work/$name.token"
    wait_http "$target_url/api/replication/v1/uploads"
}
# replicall_job DB NAME ARCHIVE MODE CHUNK [DATA]
replicall_job() {
    REPLICALL_DB=$1 "$cli" job add --name "$2" --source "$3" --target "$target_url" \
        --token-file "$token_file" --parallel "$workers" --chunk-size "$5" --mode "$4" \
        --data "${6:-audio,metadata,users}" >/dev/null
}
replicall_run() { # NAME DB JOB: one timed `replicall-cli run`
    measure "$1" env REPLICALL_DB="$2" "$cli" run "$3" --json
    python3 - "$work/$1.out" "$1" >>"$results" <<'EOF'
import json, sys
text = open(sys.argv[1]).read()
summary = json.loads(text[text.index("{"):])
if summary["status"] not in ("succeeded",):
    sys.exit(f"bench/run.sh: {sys.argv[2]} ended {summary['status']}: {summary['message']}")
print(f"{sys.argv[2]}.uploaded={summary['uploaded']}")
print(f"{sys.argv[2]}.skipped={summary['skipped']}")
EOF
}

# best_of NAME ROUNDS: NAME's figures become those of its fastest round NAME.N.
best_of() {
    python3 - "$results" "$1" "$2" >>"$results" <<'EOF'
import sys
path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
r = dict(line.strip().split("=", 1) for line in open(path) if "=" in line)
walls = [float(r[f"{name}.{n}.wall"]) for n in range(1, rounds + 1)]
best = walls.index(min(walls)) + 1
print(f"   {name}: rounds {', '.join(f'{w:.2f} s' for w in walls)}; round {best} counts",
      file=sys.stderr)
prefix = f"{name}.{best}."
for key, value in r.items():
    if key.startswith(prefix):
        print(f"{name}.{key[len(prefix):]}={value}")
EOF
}

# ---------------------------------------------------------------- the others
# qnam_upload NAME ARCHIVE: the same audio to a fresh replicall-target through a
# bare QNetworkAccessManager (bench/qnam_floor.cpp): the floor of the sender's CPU.
qnam_upload() {
    local name=$1
    replicall_target "$name-target"
    local pid=$server_pid
    find "$2" -name '*.wav' | sort >"$work/$name.list"
    measure "$name" env ARCHIVE_ROOT="$2" "$qnam_bin" "$target_url" "$token_file" \
        "$work/$name.list" "$workers"
    finish_server "$name" "$pid" "$name-target"
}
rclone_copy() { # NAME ARCHIVE
    local name=$1 port
    port=$(free_port)
    mkdir -p "$work/$name.data"
    start_server "$name" rclone serve webdav "$work/$name.data" --addr "127.0.0.1:$port" \
        --config /dev/null
    local pid=$server_pid
    wait_http "http://127.0.0.1:$port/"
    measure "$name" rclone copy "$2" :webdav: --webdav-url "http://127.0.0.1:$port" \
        --config /dev/null --transfers "$workers" --checkers "$workers"
    finish_server "$name" "$pid"
}
tus_upload() { # NAME ARCHIVE
    local name=$1 port
    port=$(free_port)
    mkdir -p "$work/$name.data"
    find "$2" -name '*.wav' | sort >"$work/$name.list"
    start_server "$name" node bench/tus_server.mjs "$work/$name.data" "$port"
    local pid=$server_pid
    wait_http "http://127.0.0.1:$port/files"
    measure "$name" node bench/tus_client.mjs "http://127.0.0.1:$port/files" \
        "$work/$name.list" "$workers"
    finish_server "$name" "$pid"
}

# ------------------------------------------------------------------- the runs
echo "== Work folder $work; million-call archive in $noop_dir"
echo "== Disk: synced write rate (dd oflag=direct conv=fdatasync, 512 MiB)"
dd_out=$(dd if=/dev/zero of="$work/dd.bin" bs=8M count=64 oflag=direct conv=fdatasync 2>&1 | tail -n 1)
rm -f "$work/dd.bin"
echo "   $dd_out"
echo "disk.mibs=$(echo "$dd_out" | python3 -c '
import re, sys
m = re.search(r"copied, ([0-9.]+) s", sys.stdin.read())
print(f"{512 / float(m.group(1)):.1f}")')" >>"$results"

echo "== Writing the data sets"
python3 bench/make_archive.py "$work/small" "$small_count" "$small_bytes" 500
python3 bench/make_archive.py "$work/large" "$large_count" $((large_mib * 1024 * 1024)) 10
python3 bench/make_archive.py "$work/huge" 1 $((huge_mib * 1024 * 1024))
python3 bench/make_archive.py "$noop_dir/archive" "$noop_count" 0 2000
sleep 2.5 # the indexer takes a folder as settled only after 2 s without change

echo "== Small set: $small_count x 64 KiB"
replicall_target small-target
pid=$server_pid
replicall_job "$work/small.sqlite" small "$work/small" incremental 8M
replicall_run replicall.small "$work/small.sqlite" small
replicall_run replicall.noop_incremental "$work/small.sqlite" small
replicall_job "$work/small.sqlite" small-full "$work/small" full 8M
replicall_run replicall.full_first "$work/small.sqlite" small-full
replicall_run replicall.noop_full "$work/small.sqlite" small-full
finish_server replicall.small "$pid" small-target
qnam_upload qnam.small "$work/small"
tus_upload tus.small "$work/small"
rclone_copy rclone.small "$work/small"

# A few seconds each, so a stall of this VM's disk in one of them would decide
# the comparison: every tool runs twice, in turns, and its faster round counts.
echo "== Large set: $large_count x $large_mib MiB, two rounds"
for round in 1 2; do
    replicall_target "large-target-$round"
    pid=$server_pid
    replicall_job "$work/large-$round.sqlite" large "$work/large" incremental 8M
    replicall_run "replicall.large.$round" "$work/large-$round.sqlite" large
    finish_server "replicall.large.$round" "$pid" "large-target-$round"
    qnam_upload "qnam.large.$round" "$work/large"
    tus_upload "tus.large.$round" "$work/large"
    rclone_copy "rclone.large.$round" "$work/large"
done
for tool in replicall qnam tus rclone; do
    best_of "$tool.large" 2
done

echo "== Sender memory, flat in workers x chunk size: the large set at 64M chunks"
replicall_target large64-target
pid=$server_pid
replicall_job "$work/large64.sqlite" large64 "$work/large" incremental 64M
replicall_run replicall.large64 "$work/large64.sqlite" large64
finish_server replicall.large64 "$pid" large64-target

echo "== Target memory while receiving one $huge_mib MiB upload"
replicall_target huge-target
pid=$server_pid
replicall_job "$work/huge.sqlite" huge "$work/huge" incremental 8M
replicall_run replicall.huge "$work/huge.sqlite" huge
finish_server replicall.huge "$pid" huge-target

echo "== No-op over $noop_count metadata-only calls"
replicall_target noop-target
pid=$server_pid
noop_db="$work/noop.sqlite"
# The catalog is the source's, shared by the jobs on it: a job whose scope
# matches no tenant indexes the archive through the real indexer and sends
# nothing.
REPLICALL_DB=$noop_db "$cli" job add --name index-only --source "$noop_dir/archive" \
    --target "$target_url" --token-file "$token_file" --tenants nobody --data metadata >/dev/null
replicall_run replicall.noop_index "$noop_db" index-only
# The ledger of the measured job is filled as LedgerStore::recordSkipped
# would fill it for a run that found every call held at the target: one row
# per catalogued call with its metadata hash (docs/performance.md says why
# the million calls are not sent through HTTP here).
replicall_job "$noop_db" noop "$noop_dir/archive" incremental 8M metadata
sqlite3 "$noop_db" <<'SQL'
INSERT INTO ledger (job_id, recording_id, tenant, day, audio_sha256, audio_size,
                    audio_mtime_ns, metadata_sha256, target_path, replicated_at)
SELECT (SELECT id FROM jobs WHERE name = 'noop'), id, tenant, day, '', audio_size,
       audio_mtime_ns, metadata_sha256, '', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM recordings;
SQL
replicall_run replicall.noop_1m "$noop_db" noop
finish_server replicall.noop "$pid" noop-target

# ------------------------------------------------------------------- the table
echo
python3 bench/report.py "$results" "$small_count" "$small_bytes" "$large_count" "$large_mib" \
    "$noop_count" "$workers"
echo
echo "bench/run.sh took $((SECONDS - bench_start)) s"
