# shellcheck shell=bash
#
# part-1-jobs.sh: part 1, per-job wall and CPU time, as cupsd starts backends.
# Sourced by bench/run.sh (with bench/lib-bench.sh); defines part1, which
# measures, and summary1, which says what it found against its targets.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

part1() {
  section "1. Per-job wall and CPU time, as cupsd starts backends (paired, alternating rounds)"
  say "Variants: direct = the socket backend; bare = bench/bare-shim.c then socket;"
  say "pa-syslog / pa-json / pa-both = printaudit with that sink then socket; beh = beh:/1/0/5/socket."
  say "Job: the macOS fixture options, job 150 allen.golbig test 1, file as argv[6]; receiver 127.0.0.1:$PORT."
  local uri="socket://127.0.0.1:$PORT" size rounds warm label file before jobs before_sys
  local -a variants=(
    direct "$SB/backend/socket" "$uri" "$W/sr-base"
    bare "$SB/backend/bare" "bare:$uri" "$W/sr-base"
    pa-syslog "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-syslog"
    pa-json "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-json"
    pa-both "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
    beh "$SB/backend/beh" "beh:/1/0/5/$uri" "$W/sr-base"
  )
  e2e_syslog_sync
  before_sys=$(syslog_records)
  jobs=0
  for size in 4k 50m; do
    if [[ $size == 4k ]]; then
      rounds=$ROUNDS_4K warm=3 label=4KiB file=$W/jobs/job-4k
    else
      rounds=$ROUNDS_50M warm=1 label=50MiB file=$W/jobs/job-50m
    fi
    say ""
    say "-- $label: $rounds rounds (+$warm warm-up) x 6 variants; ratios are to direct, same round"
    before=$(received)
    timeout 1200 "$LAUNCH" -e "$W/env/sb.env" -o "$FIXTURE" -f "$file" -n "$rounds" -w "$warm" \
      -t 120 -l "$label" -s "$W/jobs.tsv" -r "$W/jobs-raw.tsv" "${variants[@]}" ||
      die "launch failed for $label (see above)"
    jobs=$((jobs + (rounds + warm) * 6))
    # Every job reached the receiver whole.
    local got bad
    got=$(($(received) - before))
    bad=$(tail -n "$got" "$W/recv/log" | awk -v n="$(stat -c %s "$file")" '$1 != n' | wc -l)
    [[ $got == $(((rounds + warm) * 6)) && $bad == 0 ]] ||
      die "$label: the receiver got $got connections ($bad not $(stat -c %s "$file") bytes)"
  done

  # And every printaudit job left its record in its sinks.
  e2e_syslog_sync
  local per=$(((ROUNDS_4K + 3) + (ROUNDS_50M + 1)))
  local sys=$(($(syslog_records) - before_sys)) js bo
  js=$(jsonl_records "$W/audit-json.jsonl")
  bo=$(jsonl_records "$W/audit-both.jsonl")
  say ""
  say "records: syslog $sys (expected $((2 * per))), JsonLog-only file $js, both-sinks file $bo (expected $per each)"
  [[ $sys == $((2 * per)) && $js == "$per" && $bo == "$per" ]] || die "records are missing"

  # The shim's own process, on its own: exec to its failed exec and exit
  # (backend/socket 0644, as in part 2), against the bare shim's and
  # /bin/true's: what printaudit adds to a job, without the socket
  # backend's noise.
  say ""
  say "-- the shim's process alone, exec to its (failed) exec and exit; ratios are to /bin/true"
  timeout 600 "$LAUNCH" -a -e "$W/env/sb-eacces.env" -o "$FIXTURE" -f "$W/jobs/job-4k" \
    -n "$ROUNDS_SHIM" -w 5 -t 30 -l shim -s "$W/jobs.tsv" \
    true /bin/true "$uri" "$W/sr-base" \
    bare "$SB/backend/bare" "bare:$uri" "$W/sr-base" \
    bare-static "$SB/backend/bare-static" "bare-static:$uri" "$W/sr-base" \
    pa-syslog "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-syslog" \
    pa-json "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-json" \
    pa-both "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both" ||
    die "launch failed for the shim alone"

  local f
  for v in true bare bare-static pa-syslog pa-json pa-both; do
    f=$(awk -F'\t' -v n="$v" '$1 == "shim" && $2 == n { print $4, $7, $14 }' "$W/jobs.tsv")
    read -r wall cpu faults <<<"$f"
    result "p1.shim.$v.wall" "$wall"
    result "p1.shim.$v.cpu" "$cpu"
    result "p1.shim.$v.faults" "$faults"
  done
  for size in 4KiB 50MiB; do
    for v in direct bare pa-syslog pa-json pa-both beh; do
      f=$(awk -F'\t' -v l="$size" -v n="$v" '$1 == l && $2 == n { print $4, $7, $8, $11, $13 }' "$W/jobs.tsv")
      read -r wall cpu rwall rcpu r10 <<<"$f"
      result "p1.$size.$v.r10" "$r10"
      result "p1.$size.$v.ci" "$(awk -F'\t' -v l="$size" -v n="$v" '$1 == l && $2 == n { print $9 " .. " $10 }' "$W/jobs.tsv")"
      result "p1.$size.$v.wall" "$wall"
      result "p1.$size.$v.cpu" "$cpu"
      result "p1.$size.$v.rwall" "$rwall"
      result "p1.$size.$v.rcpu" "$rcpu"
    done
  done

  # printaudit against the exec-only shim, round by round at 4 KiB: the
  # difference of their wall-time ratios to direct in the same round.
  local d med lo hi
  for v in pa-syslog pa-json pa-both; do
    d=$(awk -F'\t' -v v="$v" '$1 == "4KiB" { w[$2, $3] = $4; r[$2] = 1 }
      END { for (i in r) if (w[i, "direct"] > 0) print (w[i, v] - w[i, "bare"]) / w[i, "direct"] }' \
      "$W/jobs-raw.tsv" | paired_median)
    read -r med lo hi _ <<<"$d"
    result "p1.4KiB.$v.dbare" "$med"
    result "p1.4KiB.$v.dbare.ci" "$lo .. $hi"
  done
  say ""
  say "-- 4 KiB, round by round: (printaudit - bare shim) / direct, medians (95% interval):"
  say "   syslog $(get p1.4KiB.pa-syslog.dbare) ($(get p1.4KiB.pa-syslog.dbare.ci));" \
      "JsonLog $(get p1.4KiB.pa-json.dbare) ($(get p1.4KiB.pa-json.dbare.ci));" \
      "both $(get p1.4KiB.pa-both.dbare) ($(get p1.4KiB.pa-both.dbare.ci))"
}

summary1() {
  local v r pr br ok
  say "  Per job, medians; 'x direct' is the median of the paired ratios to direct;"
  say "  'p10 x' compares the fastest tenth of each (what a machine without other work shows)."
  printf '  %-10s | %-39s | %-39s\n' "" "4 KiB job" "50 MiB job"
  printf '  %-10s | %9s %9s %9s %9s | %9s %9s %9s %9s\n' variant "wall ms" "x direct" "p10 x" \
    "CPU x" "wall ms" "x direct" "p10 x" "CPU x"
  for v in direct bare pa-syslog pa-json pa-both beh; do
    printf '  %-10s | %9.3f %9.3f %9.3f %9.3f | %9.1f %9.3f %9.3f %9.3f\n' "$v" \
      "$(get "p1.4KiB.$v.wall")" "$(get "p1.4KiB.$v.rwall")" "$(get "p1.4KiB.$v.r10")" \
      "$(get "p1.4KiB.$v.rcpu")" "$(get "p1.50MiB.$v.wall")" "$(get "p1.50MiB.$v.rwall")" \
      "$(get "p1.50MiB.$v.r10")" "$(get "p1.50MiB.$v.rcpu")"
  done
  say ""
  say "  The shim's process alone (exec to failed exec and exit), medians, wall / CPU ms:"
  say "    /bin/true $(get p1.shim.true.wall) / $(get p1.shim.true.cpu);" \
      "bare shim $(get p1.shim.bare.wall) / $(get p1.shim.bare.cpu)" \
      "(static: $(get p1.shim.bare-static.wall) / $(get p1.shim.bare-static.cpu));" \
      "printaudit syslog $(get p1.shim.pa-syslog.wall) / $(get p1.shim.pa-syslog.cpu)," \
      "JsonLog $(get p1.shim.pa-json.wall) / $(get p1.shim.pa-json.cpu)," \
      "both $(get p1.shim.pa-both.wall) / $(get p1.shim.pa-both.cpu)"
  say "  Minor page faults of that process (medians; with cups-exec's before it): /bin/true" \
      "$(get p1.shim.true.faults), bare shim $(get p1.shim.bare.faults) (static:" \
      "$(get p1.shim.bare-static.faults)), printaudit syslog $(get p1.shim.pa-syslog.faults)," \
      "JsonLog $(get p1.shim.pa-json.faults), both $(get p1.shim.pa-both.faults)"
  say ""
  pr=$(get p1.4KiB.pa-both.rwall)
  br=$(get p1.4KiB.beh.rwall)
  ok=1
  le "$pr" 1.10 && lt "$pr" "$br" || ok=0
  if ((ok)); then v=PASS; else v=MISS; fi
  verdict "$v" "printaudit (both sinks)/direct wall at 4 KiB = $pr (95% CI $(get p1.4KiB.pa-both.ci);" \
    "target <= 1.10 and below beh's $br, CI $(get p1.4KiB.beh.ci))"
  r=$(get p1.4KiB.pa-both.dbare)
  check le "$r" 0.02 -- "per job at 4 KiB, printaudit (both sinks) above the exec-only shim, paired in each" \
    "round: (pa-both - bare)/direct = $r (95% CI $(get p1.4KiB.pa-both.dbare.ci); target <= 0.02;" \
    "ratios to direct $pr and $(get p1.4KiB.bare.rwall))"
  verdict info "  at 50 MiB: $(get p1.50MiB.pa-both.rwall) (beh $(get p1.50MiB.beh.rwall));" \
    "p10 ratios at 4 KiB: printaudit $(get p1.4KiB.pa-both.r10), beh $(get p1.4KiB.beh.r10)"
}
