# shellcheck shell=bash
#
# part-4-rss.sh: part 4, peak RSS of the shim before its exec.
# Sourced by bench/run.sh (with bench/lib-bench.sh); defines part4, which
# measures, and summary4, which says what it found against its targets.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

rss_run() {				# rss_run TAG SERVERBIN COMMAND URI SERVERROOT OPTIONSFILE: KiB
  local tag=$1 sb=$2 cmd=$3 uri=$4 sr=$5 opts=$6 i vals=()
  for ((i = 1; i <= RSS_REPEAT; i++)); do
    timeout 60 "$LAUNCH" -1 -e "$W/env/$sb.env" -o "$opts" -f "$W/jobs/job-4k" -t 30 \
      -E "$W/rss/$tag.stderr" "$tag" "$cmd" "$uri" "$sr" -- \
      /usr/bin/time -f %M -o "$W/rss/$tag.$i" >/dev/null || die "RSS run $tag failed"
    vals+=("$(tail -n 1 "$W/rss/$tag.$i")")
  done
  printf '%s\n' "${vals[@]}" | median
}

part4() {
  section "4. Peak RSS of the shim's process (before its exec: the exec fails, as in part 2)"
  local uri="socket://127.0.0.1:$PORT" pa pa755 bare tru big
  "$BUILD/bench/record-bench" -g 131000 >"$W/jobs/options-128k"
  pa=$(rss_run pa-both sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" "$FIXTURE")
  pa755=$(rss_run pa-both-755 sb-noexec755 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" "$FIXTURE")
  bare=$(rss_run bare sb-eacces "$SB/backend/bare" "bare:$uri" "$W/sr-base" "$FIXTURE")
  tru=$(rss_run true sb-eacces /bin/true "$uri" "$W/sr-base" "$FIXTURE")
  big=$(rss_run pa-both-128k sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" "$W/jobs/options-128k")
  printf '  %-62s %8s\n' "process (median of $RSS_REPEAT, /usr/bin/time %M)" "KiB"
  printf '  %-62s %8s\n' "printaudit, both sinks, macOS fixture, socket 0644 (root path)" "$pa"
  printf '  %-62s %8s\n' "printaudit, both sinks, macOS fixture, socket 0755 (drops to lp)" "$pa755"
  printf '  %-62s %8s\n' "bare shim, macOS fixture" "$bare"
  printf '  %-62s %8s\n' "/bin/true, same arguments" "$tru"
  printf '  %-62s %8s\n' "printaudit, both sinks, 131,000-byte options (argv's limit)" "$big"
  printf '  %-62s %8s\n' "printaudit - bare shim (macOS fixture)" "$((pa - bare))"
  result p4.pa "$pa"
  result p4.pa755 "$pa755"
  result p4.bare "$bare"
  result p4.true "$tru"
  result p4.big "$big"
}

summary4() {
  local r
  r=$(($(get p4.pa) - $(get p4.bare)))
  check le "$r" 2048 -- "peak RSS before the exec: printaudit $(get p4.pa) KiB - bare shim $(get p4.bare) KiB = $r KiB (target <= 2048)"
}
