#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job on embedded defaults: a demo recording archive, a local
# replicall-target on 127.0.0.1, a token, a job, one run. Prints what was
# replicated and where; stops the target at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${REPLICALL_BUILD_DIR:-build}
cli="$build_dir/app/cli/replicall-cli"
target="$build_dir/app/target/replicall-target"

work=${REPLICALL_DEMO_DIR:-$PWD/demo}
rm -rf "$work"
mkdir -p "$work"
export REPLICALL_DB="$work/replicall.sqlite"
export REPLICALL_SECRET_BACKEND=${REPLICALL_SECRET_BACKEND:-file}

echo "== Writing a demo archive of 200 calls to $work/archive"
"$cli" demo-archive --out "$work/archive" --calls 200 --days 7 --tenants acme,globex
# A recorder's file is taken only once it has been still for 2 s (DESIGN: a
# file still being written is never uploaded); let the newest demo calls settle.
sleep 2

echo "== Starting replicall-target on 127.0.0.1"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$target" serve --data-dir "$work/target" --listen "127.0.0.1:$port" >"$work/target.log" 2>&1 &
target_pid=$!
trap 'kill $target_pid 2>/dev/null; wait $target_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/replication/v1/uploads" -X OPTIONS && break
    sleep 0.1
done

echo "== Creating a replication token for tenants acme,globex"
"$target" token create --data-dir "$work/target" --name demo --tenants acme,globex \
    | tail -n 1 >"$work/token"
chmod 600 "$work/token"

echo "== Creating the job 'demo'"
"$cli" job add --name demo --source "$work/archive" --target "http://127.0.0.1:$port" \
    --token-file "$work/token" --parallel 4 --chunk-size 1M --mode incremental

echo "== Running it"
"$cli" run demo

echo "== Replicated to $work/target:"
audio=$(cd "$work/target" && find . -path ./.uploads -prune -o -type f -name '*.wav' -print | sort)
echo "$audio" | sed -n '1,10s|^\./|   |p'
echo "   ... $(echo "$audio" | grep -c .) audio files in all, metadata in $work/target/target.sqlite"
echo
"$cli" status demo
