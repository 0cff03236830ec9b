# shellcheck shell=bash
#
# part-2-instructions.sh: part 2, instructions of the shim up to its exec.
# Sourced by bench/run.sh (with bench/lib-bench.sh); defines part2, which
# measures, and summary2, which says what it found against its targets.
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

cg_run() {				# cg_run TAG SERVERBIN COMMAND URI SERVERROOT
  local tag=$1 sb=$2 cmd=$3 uri=$4 sr=$5 out
  rm -f "$W/cg/$tag".out*
  out=$(timeout 300 "$LAUNCH" -1 -e "$W/env/$sb.env" -o "$FIXTURE" -f "$W/jobs/job-4k" -t 240 \
    -E "$W/cg/$tag.stderr" "$tag" "$cmd" "$uri" "$sr" -- \
    /usr/bin/valgrind --tool=callgrind --trace-children=no --vgdb=no --dump-before=execv --dump-before=fexecve \
    --callgrind-out-file="$W/cg/$tag.out") || die "callgrind run $tag failed"
  printf '%s\n' "$out" >"$W/cg/$tag.status"
}

cg_part() {				# cg_part TAG 1|final: instructions of that part
  local f=$W/cg/$1.out
  [[ $2 == 1 ]] && f=$f.1
  [[ -s $f ]] || { echo 0; return; }
  "$PY" "$HERE/cgsum.py" total "$f"
}

part2() {
  section "2. Instructions of the shim's process up to its exec (callgrind, --trace-children=no)"
  say "macOS fixture options, job 150 allen.golbig test 1, both sinks on, environment as cupsd gives it."
  say "callgrind writes nothing once a process has exec'd, so backend/socket is made unrunnable"
  say "(0644: EACCES; 0700/0755 non-programs: ENOEXEC): the exec fails at the very end, the shim"
  say "writes one ERROR line and exits.  --dump-before=execv/fexecve also cuts the profile at the exec:"
  say "'to exec' is everything before the exec; 'total' adds the failed exec, the ERROR line and exit."
  local i tag uri="socket://127.0.0.1:$PORT" to_exec total runs=()
  for ((i = 1; i <= CG_REPEAT; i++)); do
    cg_run "pa-both-eacces-$i" sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
    runs+=("$(cg_part "pa-both-eacces-$i" 1)")
  done
  grep -q '^ERROR: printaudit: Unable to run backend' "$W/cg/pa-both-eacces-1.stderr" ||
    die "the shim did not report the failed exec: $(cat "$W/cg/pa-both-eacces-1.stderr")"
  cg_run pa-syslog-eacces sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-syslog"
  cg_run pa-json-eacces sb-eacces "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-json"
  cg_run pa-both-noexec700 sb-noexec700 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
  cg_run pa-both-noexec755 sb-noexec755 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
  cg_run pa-both-true700 sb-true700 "$SB/backend/printaudit" "printaudit:$uri" "$W/sr-both"
  cg_run bare-eacces sb-eacces "$SB/backend/bare" "bare:$uri" "$W/sr-base"
  cg_run bare-static-eacces sb-eacces "$SB/backend/bare-static" "bare-static:$uri" "$W/sr-base"
  cg_run bin-true sb-eacces /bin/true "$uri" "$W/sr-base"

  to_exec=$(printf '%s\n' "${runs[@]}" | median)
  total=$(cg_part pa-both-eacces-1 final)
  total=$((total + runs[0]))
  local lo hi
  lo=$(printf '%s\n' "${runs[@]}" | sort -n | head -1)
  hi=$(printf '%s\n' "${runs[@]}" | sort -n | tail -1)
  result p2.to_exec "$to_exec"
  printf '  %-52s %12s %12s\n' "run" "to exec" "total"
  row() { printf '  %-52s %12s %12s\n' "$1" "$2" "$3"; }
  local t1 tf
  for tag in pa-both-eacces-1 pa-syslog-eacces pa-json-eacces pa-both-noexec700 pa-both-noexec755 \
             pa-both-true700 bare-eacces bare-static-eacces bin-true; do
    t1=$(cg_part "$tag" 1)
    tf=$(cg_part "$tag" final)
    case $tag in
      pa-both-eacces-1)  desc="printaudit, both sinks, socket 0644 (root path)" ;;
      pa-syslog-eacces)  desc="printaudit, syslog only, socket 0644" ;;
      pa-json-eacces)    desc="printaudit, JsonLog only, socket 0644" ;;
      pa-both-noexec700) desc="printaudit, both sinks, socket 0700 (root path)" ;;
      pa-both-noexec755) desc="printaudit, both sinks, socket 0755 (drops to lp)" ;;
      pa-both-true700)   desc="printaudit, both sinks, real exec of a 0700 backend" ;;
      bare-eacces)       desc="bare shim, socket 0644" ;;
      bare-static-eacces) desc="bare shim linked statically, socket 0644" ;;
      bin-true)          desc="/bin/true (no exec: whole process)" ;;
    esac
    if [[ $tag == bin-true ]]; then
      row "$desc" "-" "$(commas "$tf")"
      result "p2.$tag" "$tf"
    elif [[ $tag == pa-both-noexec755 || $tag == pa-both-true700 ]]; then
      # After the drop the final profile cannot be written (valgrind made
      # the file as root); after a real exec there is none.
      row "$desc" "$(commas "$t1")" "-"
      result "p2.$tag" "$t1"
    else
      row "$desc" "$(commas "$t1")" "$(commas $((t1 + tf)))"
      result "p2.$tag" "$t1"
    fi
  done
  say "  repeatability of the first row over $CG_REPEAT runs: $(commas "$lo") .. $(commas "$hi")"
  result p2.total "$total"
  result p2.lo "$lo"
  result p2.hi "$hi"

  say ""
  say "  Where printaudit's instructions go, to the exec, against the bare shim's (callgrind_annotate):"
  "$PY" "$HERE/cgsum.py" compare "$W/cg/pa-both-eacces-1.out.1" "$W/cg/bare-eacces.out.1" "$SRC" |
    tee "$W/cg/report.txt"
  say "  The drop path (0755 backend: cups-files.conf, getpwnam, getgrnam, setgroups...) against the"
  say "  root path (0644), by part and by the functions that grew most:"
  "$PY" "$HERE/cgsum.py" compare "$W/cg/pa-both-noexec755.out.1" "$W/cg/pa-both-eacces-1.out.1" "$SRC" \
    "0755" "0644" | tee -a "$W/cg/report.txt"
  "$PY" "$HERE/cgsum.py" diff "$W/cg/pa-both-noexec755.out.1" "$W/cg/pa-both-eacces-1.out.1" "$SRC" 10 |
    tee -a "$W/cg/report.txt"
  say "  Functions (both sinks, 0644, to the exec):"
  "$PY" "$HERE/cgsum.py" report "$W/cg/pa-both-eacces-1.out.1" "$SRC" 15 | tee -a "$W/cg/report.txt"
  say "  Profiles: $W/cg/*.out* (kept with BENCH_KEEP=1); callgrind_annotate FILE shows them."
}

summary2() {
  local r
  # Issue 12's target is the path socket and ipp take under cupsd: a 0755
  # backend, so the shim drops to lp (the root path is shown beside it).
  r=$(get p2.pa-both-noexec755)
  check le "$r" 200000 -- "instructions up to the exec, macOS fixture, both sinks, 0755 backend (drop to lp) = $(commas "$r")" \
    "(target <= 200,000)"
  r=$(get p2.to_exec)
  check le "$r" 200000 -- "  the same for a 0644 backend (root path) = $(commas "$r")" \
    "(total with the ERROR line and exit $(commas "$(get p2.total)"))"
}
