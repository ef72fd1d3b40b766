#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the whole test suite through CTest. Each test that needs a receiving
# server starts a real replicall-target on 127.0.0.1 and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${REPLICALL_BUILD_DIR:-build}
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 600 "$@"
