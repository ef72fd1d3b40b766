#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# in build-fuzz/ and runs each for a bounded time on its checked-in seed corpus.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default 20 s, every target)
#
# New inputs go to build-fuzz/corpus/<target>/ (the checked-in fuzz/corpus/ stays as it is);
# a crash leaves its input in build-fuzz/artifacts/<target>/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
build=${REPLICALL_FUZZ_BUILD_DIR:-$PWD/build-fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_sidecar fuzz_users_config fuzz_filter fuzz_job_import fuzz_schedule
             fuzz_answers fuzz_target_tus fuzz_target_json)
fi

# libFuzzer comes with clang's runtime; install the two Debian packages when missing.
for package in clang libclang-rt-14-dev; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        sudo_cmd=()
        [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$package"
    fi
done

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
# Qt's logging macros trip clang's pedantic check on empty variadic arguments: noise only.
flags+=" -fno-omit-frame-pointer -g"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$flags" \
    -DREPLICALL_FUZZ=ON -DREPLICALL_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}" -j"${REPLICALL_FUZZ_JOBS:-2}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen
# The target fuzzers keep a data directory in the temporary folder; keep it in the build.
export TMPDIR="$build/tmp"
rm -rf "$TMPDIR"
mkdir -p "$TMPDIR"
failed=()
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"
    artifacts="$build/artifacts/$target/"
    mkdir -p "$corpus" "$artifacts"
    echo "== $target for ${seconds}s"
    if ! "$build/fuzz/$target" "$corpus" "fuzz/corpus/$target" -max_total_time="$seconds" \
        -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts" \
        -print_final_stats=1 2>"$build/$target.log"; then
        failed+=("$target")
        tail -n 40 "$build/$target.log"
    else
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/$target.log" | tr '\n' ' '
        echo
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]} (inputs in $build/artifacts/)"
    exit 1
fi
echo "all ${#targets[@]} fuzz targets ran ${seconds}s each without a finding"
