#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Counterpart authors
# SPDX-License-Identifier: MIT
#
# The two set-up commands of the README:
#   ./dev.sh        install what is missing, build, open the workbench on the ShopFlow sample
#                   (without a display: say so and print the CLI audit of the sample instead)
#   ./dev.sh test   install what is missing, build, run every test through CTest, then build
#                   the core again under AddressSanitizer + UBSan and run its suites there
#   ./dev.sh fuzz [SECONDS]   build the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/
#                   and run each for SECONDS (default 30) from its seeds; any finding fails
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${BUILD_DIR:-build}
PACKAGES=(qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite
          nlohmann-json3-dev libsimdjson-dev libsqlite3-dev libcurl4-openssl-dev libxkbcommon-dev libgl-dev cmake ninja-build g++
          python3 xvfb xauth x11-utils imagemagick poppler-utils fonts-dejavu-core)
# ./dev.sh fuzz only: clang and its libFuzzer and sanitizer runtimes.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)

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

# The core and its tests again under AddressSanitizer + UBSan (no GUI, no benchmarks), and the
# core suites run under them: a finding stops the test, and the run fails.
sanitize() {
    local dir=${SANITIZE_BUILD_DIR:-build-asan}
    # -O1 -g1: the sanitizers' usual level, and 40 % less compile time than -O2 -g.
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOUNTERPART_SANITIZE=ON \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
          -DCOUNTERPART_BUILD_GUI=OFF -DCOUNTERPART_BUILD_BENCHMARKS=OFF >/dev/null
    cmake --build "$dir" --parallel "$(nproc)"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)" -L core
}

# Each fuzz target (tests/fuzz) for a bounded time, from a fresh copy of its seeds, with its
# dictionary. libFuzzer stops at the first crash, leak, timeout or sanitizer report and exits
# non-zero; so does this. Prints executions, coverage and peak RSS per target.
fuzz() {
    local seconds=${1:-30} dir=${FUZZ_BUILD_DIR:-build-fuzz}
    CXX=clang++ CC=clang cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCOUNTERPART_FUZZ=ON \
          -DCOUNTERPART_BUILD_GUI=OFF -DCOUNTERPART_BUILD_TESTS=OFF \
          -DCOUNTERPART_BUILD_BENCHMARKS=OFF >/dev/null
    cmake --build "$dir" --parallel "$(nproc)"
    local work status=0
    work=$(mktemp -d)
    while IFS='|' read -r target dict seeds; do
        mkdir -p "$work/$target"
        # The seeds are copied: libFuzzer adds what it finds to the first corpus folder.
        for s in $seeds; do
            if [ -d "$s" ]; then cp "$s"/* "$work/$target/"; else cp "$s" "$work/$target/"; fi
        done
        local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
                    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$target-")
        [ -n "$dict" ] && args+=(-dict="$dict")
        echo "== $target (${seconds} s)"
        if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
             UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
             "$dir/tests/fuzz/$target" "${args[@]}" "$work/$target" 2>"$work/$target.log"; then
            tail -n 60 "$work/$target.log"
            echo "$target: a finding (input kept in $work)" >&2
            status=1
            continue
        fi
        grep -E "^(#[0-9]+.*DONE|stat::(number_of_executed_units|peak_rss_mb))" "$work/$target.log" \
            | tr '\n' ' '
        echo
    done <"$dir/tests/fuzz/targets.txt"
    [ $status -eq 0 ] && rm -rf "$work"
    return $status
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
    install_missing "${FUZZ_PACKAGES[@]}"
    fuzz "${2:-30}"
    ;;
*)
    echo "usage: ./dev.sh [run|test|fuzz [SECONDS]]" >&2
    exit 2
    ;;
esac
