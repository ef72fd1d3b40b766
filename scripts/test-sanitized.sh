#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (and
# LeakSanitizer) in build-asan/, then run by ctest.
#
#   scripts/test-sanitized.sh [CTEST_ARGS...]        e.g. -R tst_target -j2
set -euo pipefail
cd "$(dirname "$0")/.."
build=${REPLICALL_ASAN_BUILD_DIR:-$PWD/build-asan}
# -g1: line tables are all a sanitizer report needs, and they build faster (CI builds this
# tree from scratch after the release one).
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DREPLICALL_SANITIZE=ON >/dev/null
cmake --build "$build" -j"${REPLICALL_ASAN_JOBS:-2}"

# Leaks fail a test (no suppressions are needed: Qt and the system libraries leave
# nothing LeakSanitizer reports). The quarantine of freed memory is kept small because
# tests that bound memory read the process's peak RSS, which ASan's default 256 MiB
# quarantine would fill. For a leak's whole stack through Qt (built without frame
# pointers) run the test again with ASAN_OPTIONS=...:fast_unwind_on_malloc=0 (slow).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:quarantine_size_mb=8:thread_local_quarantine_size_kb=64}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# As scripts/test.sh: the UI tests need no display.
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" --output-on-failure "$@"
