# shellcheck shell=bash
#
# part-3-record.sh: part 3, building and serializing one record.
# Sourced by bench/run.sh (with bench/lib-bench.sh); defines part3, which
# measures, and summary3, which says what it found against its targets.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

part3() {
  section "3. Building and serializing one record (pauditRecordNew + pauditJSONNew), by options size"
  local q=""
  [[ $QUICK == 1 ]] && q=-q
  timeout 300 "$BUILD/bench/record-bench" $q -s "$W/records.tsv" "$FIXTURE" ||
    die "record-bench failed"
  local label us nsb p10
  while IFS=$'\t' read -r label _ _ us _ _ nsb _ p10; do
    result "p3.$label.us" "$us"
    result "p3.$label.nsb" "$nsb"
    result "p3.$label.p10" "$p10"
  done <"$W/records.tsv"

  say ""
  say "  The same with jansson's memory from an arena, as the shim has it (record-bench -A):"
  timeout 300 "$BUILD/bench/record-bench" $q -A -s "$W/records-arena.tsv" "$FIXTURE" ||
    die "record-bench -A failed"
  while IFS=$'\t' read -r label _ _ us _ _ nsb _ p10; do
    result "p3a.$label.us" "$us"
  done <"$W/records-arena.tsv"

  # Where the instructions of the largest record go.
  local size n
  say ""
  for size in fixture 1MiB; do
    if [[ $size == fixture ]]; then n=100; else n=1; fi
    timeout 300 valgrind --tool=callgrind --toggle-collect=profile_once \
      --callgrind-out-file="$W/cg/record-$size.out" "$BUILD/bench/record-bench" \
      -p "$size" -n "$n" "$FIXTURE" >"$W/cg/record-$size.bytes" 2>"$W/cg/record-$size.log" ||
      die "callgrind of record-bench -p $size failed"
    local ir bytes
    ir=$("$PY" "$HERE/cgsum.py" total "$W/cg/record-$size.out")
    bytes=$(cat "$W/cg/record-$size.bytes")
    say "  $size record (callgrind, mean of $n): $(commas $((ir / n))) instructions a record," \
        "$(calc '%.1f' "$ir / $n / $bytes") a byte of options"
    result "p3.$size.ir" $((ir / n))
  done
  say "  Functions of the 1 MiB record, build + serialization (free not counted):"
  "$PY" "$HERE/cgsum.py" report "$W/cg/record-1MiB.out" "$SRC" 12 | tee "$W/cg/record-report.txt"
}

summary3() {
  local r
  r=$(get p3.fixture.us)
  check le "$r" 10 -- "record build + serialization, macOS fixture = $r us CPU (target <= 10 us;" \
    "10th percentile $(get p3.fixture.p10) us)"
  r=$(get p3.1MiB.us)
  check le "$r" 6000 -- "1 MiB of options = $(calc '%.2f' "$r / 1000") ms CPU (target <= 6 ms;" \
    "10th percentile $(calc '%.2f' "$(get p3.1MiB.p10) / 1000") ms)"
  local a b c lo hi
  a=$(get p3.16KiB.nsb) b=$(get p3.256KiB.nsb) c=$(get p3.1MiB.nsb)
  lo=$(printf '%s\n' "$a" "$b" "$c" | sort -g | head -1)
  hi=$(printf '%s\n' "$a" "$b" "$c" | sort -g | tail -1)
  check le "$(calc '%.3f' "$hi / $lo")" 1.5 -- "time per byte flat: $a / $b / $c ns per byte at 16 KiB / 256 KiB / 1 MiB" \
    "(max/min $(calc '%.2f' "$hi / $lo"), target <= 1.5)"
}
