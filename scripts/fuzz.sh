#!/bin/sh
# Fuzz the parsing library with libFuzzer (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer), in its own build directory (build-fuzz).
#
#   scripts/fuzz.sh                     every target, FUZZ_SECONDS each
#   FUZZ_SECONDS=600 scripts/fuzz.sh fuzz_uri fuzz_record
#
# For each target, every input kept in fuzz/regressions/<target>/ is
# replayed first; a target whose regressions fail is not fuzzed (fix it
# first). Then the target runs for FUZZ_SECONDS (default 30) on a copy of
# fuzz/corpus/<target>/, so the repository is never written to, except
# that an input that makes it fail (crash, violated property, leak, timeout,
# out of memory) is copied into fuzz/regressions/<target>/ and replayed from
# then on. Exits 1 if anything failed, after a summary of executions.
#
# Environment: FUZZ_SECONDS, FUZZ_SEED (libFuzzer's -seed: a fixed one fixes
# its random choices, but a timed run still depends on the machine's speed
# and on ASLR; unset, each run explores anew), FUZZ_BUILD_DIR (default build-fuzz),
# FUZZ_TIMEOUT (seconds per input, default 25), FUZZ_RSS_MB (default 2048),
# FUZZ_CC (default clang).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$top/build-fuzz}
seconds=${FUZZ_SECONDS:-30}
timeout=${FUZZ_TIMEOUT:-25}
rss=${FUZZ_RSS_MB:-2048}
all="fuzz_options fuzz_uri fuzz_config fuzz_record"
targets=${*:-$all}
jobs=$(nproc 2>/dev/null || echo 2)

for value in "$seconds" "$timeout" "$rss"; do
  case $value in
    ''|*[!0-9]*) echo "fuzz.sh: FUZZ_SECONDS, FUZZ_TIMEOUT and FUZZ_RSS_MB are whole numbers" >&2
                 exit 2 ;;
  esac
done
for target in $targets; do
  case " $all " in
    *" $target "*) ;;
    *) echo "fuzz.sh: unknown target $target (targets: $all)" >&2; exit 2 ;;
  esac
done

# Longest input per target: options and configs past the 4096-byte value
# limit, URIs short, jobs long enough to need several syslog parts.
max_len() {
  case $1 in
    fuzz_uri)    echo 1024 ;;
    fuzz_record) echo 16384 ;;
    *)           echo 8192 ;;
  esac
}

# Show why a run failed: the violated property or the sanitizer's report,
# with the stack frames of printaudit's code (not libFuzzer's or libc's).
show_failure() {
  pattern='^==== PROPERTY VIOLATED|^==[0-9]+== ?(ERROR|WARNING)|runtime error:|^ALARM:'
  if grep -q -E "$pattern" "$1"; then
    grep -m1 -A80 -E "$pattern" "$1" |
      awk -v top=" $top/" '/^ *#[0-9]+ / { if (index($0, top)) print; next }
                          /^(SUMMARY|MS:|Base64:|artifact_prefix|NOTE:| +Combine|stat::|0x)/ || /^$/ { next }
                          { print }' |
      head -n 16 | sed 's/^/    /'
  else
    tail -n 20 "$1" | sed 's/^/    /'
  fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/printaudit-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

echo "=== building fuzz targets in $build"
if ! CC=${FUZZ_CC:-clang} cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
       -DPRINTAUDIT_SANITIZE=address,undefined -DPRINTAUDIT_FUZZ=ON \
       -DPRINTAUDIT_TESTS=OFF -DPRINTAUDIT_WERROR=ON >"$tmp/configure.log" 2>&1; then
  cat "$tmp/configure.log" >&2
  exit 1
fi
# shellcheck disable=SC2086 # one argument per target
cmake --build "$build" -j "$jobs" --target $targets >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log" >&2; exit 1; }

export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
failed=0
summary="$tmp/summary"
printf '%-14s %11s %14s %10s  %s\n' target regressions executions exec/s result >"$summary"

for target in $targets; do
  bin="$build/fuzz/$target"
  regressions="$top/fuzz/regressions/$target"
  work="$tmp/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  set -- -timeout="$timeout" -rss_limit_mb="$rss"

  # 1. Regressions: every kept input, one run each (whole: no -max_len).
  replayed=0
  bad=0
  for input in "$regressions"/*; do
    [ -f "$input" ] || continue
    replayed=$((replayed + 1))
    if ! "$bin" "$@" -artifact_prefix="$work/replay-" "$input" >"$work/replay.log" 2>&1; then
      bad=$((bad + 1))
      echo "=== $target: FAILS on regression ${input#"$top"/}"
      show_failure "$work/replay.log"
    fi
  done
  if [ "$bad" -gt 0 ]; then
    failed=1
    printf '%-14s %11s %14s %10s  %s\n' "$target" "$bad/$replayed bad" - - \
      "FAIL: regressions (not fuzzed)" >>"$summary"
    continue
  fi

  # 2. Fuzzing, on a copy of the seeds.
  if [ -d "$top/fuzz/corpus/$target" ]; then
    cp -R "$top/fuzz/corpus/$target/." "$work/corpus/"
  fi
  echo "=== $target: fuzzing for ${seconds}s"
  set -- "$@" -max_len="$(max_len "$target")"
  if [ -f "$top/fuzz/dict/$target.dict" ]; then
    set -- "$@" -dict="$top/fuzz/dict/$target.dict"
  fi
  if [ -n "${FUZZ_SEED:-}" ]; then
    set -- "$@" -seed="$FUZZ_SEED"
  fi
  status=0
  "$bin" "$@" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/fuzz.log" 2>&1 || status=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/fuzz.log" | tail -n 1)
  kept=""
  for artifact in "$work/artifacts"/crash-* "$work/artifacts"/leak-* \
                  "$work/artifacts"/timeout-* "$work/artifacts"/oom-*; do
    [ -f "$artifact" ] || continue
    mkdir -p "$regressions"
    cp "$artifact" "$regressions/"
    kept="$kept fuzz/regressions/$target/$(basename "$artifact")"
  done

  if [ "$status" -ne 0 ] || [ -n "$kept" ]; then
    failed=1
    echo "=== $target: FAILED (exit $status); input kept:${kept:- none}"
    show_failure "$work/fuzz.log"
    result="FAIL:${kept:- exit $status}"
  else
    result=ok
  fi
  printf '%-14s %11s %14s %10s  %s\n' "$target" "$replayed ok" "${execs:-?}" "${rate:-?}" \
    "$result" >>"$summary"
done

echo "=== fuzzing summary (${seconds}s per target)"
cat "$summary"
if [ "$failed" -ne 0 ]; then
  echo "Replay one input: $build/fuzz/<target> fuzz/regressions/<target>/<file>"
  exit 1
fi
