#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (and
# LeakSanitizer) in build-asan/, then run by ctest.
#
#   scripts/test-sanitized.sh [CTEST_ARGS...]        e.g. -R tst_target -j2
set -euo pipefail
cd "$(dirname "$0")/.."
build=${REPLICALL_ASAN_BUILD_DIR:-$PWD/build-asan}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DREPLICALL_SANITIZE=ON >/dev/null
cmake --build "$build" -j"${REPLICALL_ASAN_JOBS:-2}"

# Leaks are reported; suppressions cover only allocations inside system libraries that
# live until exit (each one explained in the file).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure "$@"
