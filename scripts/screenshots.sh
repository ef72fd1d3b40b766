#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of the desktop application for the docs: a demo archive, a
# local replicall-target, a job and one run (as scripts/demo.sh does), then
# `replicall --screenshot` on an Xvfb display saves the main window and the
# status page to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${REPLICALL_BUILD_DIR:-build}
desktop="$build_dir/app/desktop/replicall"
out=${REPLICALL_SCREENSHOT_DIR:-$PWD/docs/screenshots}
for program in "$desktop" "$build_dir/app/cli/replicall-cli" "$build_dir/app/target/replicall-target"; do
    [[ -x $program ]] || { echo "missing $program: build it first" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export REPLICALL_DEMO_DIR="$work/demo"
export REPLICALL_SECRET_BACKEND=file
echo "== Making a demo database (scripts/demo.sh)"
REPLICALL_BUILD_DIR="$build_dir" ./scripts/demo.sh >"$work/demo.log" 2>&1 \
    || { cat "$work/demo.log" >&2; exit 1; }

# Private settings and runtime folders: the user's own tray settings and
# running instance stay out of it.
export XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" "$out"
chmod 700 "$XDG_RUNTIME_DIR"
echo "== Taking screenshots into $out"
xvfb-run -a -s "-screen 0 1280x1024x24" \
    "$desktop" --db "$REPLICALL_DEMO_DIR/replicall.sqlite" --screenshot "$out"
ls -l "$out"/main-window.png "$out"/status-page.png
