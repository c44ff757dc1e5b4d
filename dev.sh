#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Counterpart authors
# SPDX-License-Identifier: MIT
#
# The two set-up commands of the README:
#   ./dev.sh        install what is missing, build, open the workbench on the ShopFlow sample
#                   (without a display: say so and print the CLI audit of the sample instead)
#   ./dev.sh test   install what is missing, build, run every test through CTest, then build
#                   the core again with clang under AddressSanitizer + UBSan (build-asan/), run
#                   its suites there and fuzz each libFuzzer target for 30 s (any finding fails)
#   ./dev.sh fuzz [SECONDS]   the same sanitizer build, then each target for SECONDS (default 30)
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${BUILD_DIR:-build}
PACKAGES=(qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite
          nlohmann-json3-dev libsimdjson-dev libsqlite3-dev libcurl4-openssl-dev libxkbcommon-dev libgl-dev cmake ninja-build g++
          python3 xvfb xauth x11-utils imagemagick poppler-utils fonts-dejavu-core
          clang libclang-rt-14-dev)

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing Debian packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Line tables only (-g1): backtraces and perf keep file and line, and the build takes a quarter
# less time than with full debug information.
build() {
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

# The core, its tests and the fuzz targets again under AddressSanitizer + UBSan, with clang (no
# GUI, no benchmarks), in one build: the core suites run there, then every fuzz target fuzzes.
sanitize_build() {
    local dir=$1
    # -O1 -g1: the sanitizers' usual level, and 40 % less compile time than -O2 -g.
    CXX=clang++ CC=clang cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCOUNTERPART_FUZZ=ON \
          -DCOUNTERPART_BUILD_GUI=OFF -DCOUNTERPART_BUILD_BENCHMARKS=OFF >/dev/null
    cmake --build "$dir" --parallel "$(nproc)"
}

# A finding stops the test (no recovery), and the run fails.
sanitize() {
    local dir=${SANITIZE_BUILD_DIR:-build-asan}
    sanitize_build "$dir"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)" -L core
    fuzz "$dir" "${COUNTERPART_FUZZ_SECONDS:-30}"
}

# Each fuzz target (tests/fuzz) for a bounded time, from a fresh copy of its seeds, with its
# dictionary, two at a time on two cores. libFuzzer stops at the first crash, leak, timeout or
# sanitizer report and exits non-zero; so does this. Prints executions, coverage and peak RSS.
fuzz() {
    local dir=$1 seconds=$2 work status=0
    work=$(mktemp -d)
    local jobs=() names=()
    while IFS='|' read -r target dict seeds; do
        mkdir -p "$work/$target"
        # The seeds are copied: libFuzzer adds what it finds to the first corpus folder.
        for s in $seeds; do
            if [ -d "$s" ]; then cp "$s"/* "$work/$target/"; else cp "$s" "$work/$target/"; fi
        done
        local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
                    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$target-")
        [ -n "$dict" ] && args+=(-dict="$dict")
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            "$dir/tests/fuzz/$target" "${args[@]}" "$work/$target" >"$work/$target.log" 2>&1 &
        jobs+=($!); names+=("$target")
        if [ ${#jobs[@]} -ge "$(nproc)" ]; then
            fuzz_wait "$work" "${jobs[0]}" "${names[0]}" || status=1
            jobs=("${jobs[@]:1}"); names=("${names[@]:1}")
        fi
    done <"$dir/tests/fuzz/targets.txt"
    while [ ${#jobs[@]} -gt 0 ]; do
        fuzz_wait "$work" "${jobs[0]}" "${names[0]}" || status=1
        jobs=("${jobs[@]:1}"); names=("${names[@]:1}")
    done
    [ $status -eq 0 ] && rm -rf "$work"
    return $status
}

fuzz_wait() {
    local work=$1 pid=$2 target=$3
    if ! wait "$pid"; then
        tail -n 60 "$work/$target.log"
        echo "$target: a finding (the input is kept in $work)" >&2
        return 1
    fi
    local runs cov rss
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/$target.log")
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$work/$target.log" | tail -n 1)
    echo "fuzz $target: $runs runs, $cov, peak RSS $rss MB, no finding"
}

case "${1:-run}" in
run)
    install_missing
    build
    sample=sample_projects/shopflow-judge
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD_DIR/app/counterpart" ]; then
        exec "$BUILD_DIR/app/counterpart" "$sample"
    fi
    echo "No display found (DISPLAY is not set), so the workbench cannot open here."
    echo "This is the CLI audit of $sample instead:"
    echo
    status=0
    "$BUILD_DIR/app/counterpart-cli" audit --project "$sample" --table-name baseline || status=$?
    echo
    echo "(exit status $status: 0 APPROVED, 1 BLOCKED, 2 error)"
    ;;
test)
    install_missing
    build
    export QTEST_DISABLE_STACK_DUMP=1
    if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
        XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"; export XDG_RUNTIME_DIR
    fi
    ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)"
    [ "${COUNTERPART_SKIP_SANITIZERS:-}" = 1 ] || sanitize
    ;;
fuzz)
    install_missing
    sanitize_build "${SANITIZE_BUILD_DIR:-build-asan}"
    fuzz "${SANITIZE_BUILD_DIR:-build-asan}" "${2:-30}"
    ;;
*)
    echo "usage: ./dev.sh [run|test|fuzz [SECONDS]]" >&2
    exit 2
    ;;
esac
