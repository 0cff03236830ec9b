#!/usr/bin/env bash
# 10,000 direct invocations of the shim, 8 at a time (xargs -P 8), all
# appending to one JSON Lines file: no line torn, none lost, none mixed.
#
# One job in ten carries a 20 KB options string, so records of very
# different sizes (200 bytes to 20 KB, several pages) race each other.
# The real backend is the minimal spy, which leaves one file per job id
# (created with O_EXCL: a second run for one job would fail it).
# Checked: every invocation exited 0 with nothing on stderr; 10,000 backend
# runs, one per job id; the file has exactly 10,000 lines, each a whole
# record; 10,000 distinct event ids; job ids 1..10000 each once; each
# record's title and options.seq name its own job.
set -euo pipefail
# shellcheck source=lib-hostile.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-hostile.sh"

JOBS=${HOSTILE_DIRECT_JOBS:-10000}
PARALLEL=${HOSTILE_PARALLEL:-8}

hostile_init
e2e_require_shim
dir=$E2E_DIR
mkdir -p "$dir/sb/backend" "$dir/ran"
hostile_build_spy "$dir/sb/backend/nop" "$dir/ran" minimal
printf 'Syslog off\nJsonLog %s/audit.jsonl\n' "$dir" >"$dir/printaudit.conf"
chmod 0644 "$dir/printaudit.conf"
printf 'hostile document\n' >"$dir/doc"

# Six NUL-terminated arguments per job: job-id user title copies options file.
"$E2E_PY" - "$JOBS" "$dir" <<'EOF'
import sys
jobs, d = int(sys.argv[1]), sys.argv[2]
with open(d + "/args", "wb") as args, open(d + "/jobs.tsv", "w") as tsv:
    for i in range(1, jobs + 1):
        pad = "x" * (20000 if i % 10 == 0 else 10)
        args.write(("%d\0user%d\0direct %d\0001\0seq=%d pad=%s media=A4\0%s/doc\0"
                    % (i, i % 7, i, i, pad, d)).encode())
        tsv.write("direct\t%d\tdirect %d\n" % (i, i))
EOF

e2e_note "$JOBS invocations, $PARALLEL at a time: $PRINTAUDIT_BIN"
start=$(hostile_now)
status=0
env -i PATH=/usr/bin:/bin DEVICE_URI=printaudit:nop://127.0.0.1:9100/ PRINTER=direct \
  CONTENT_TYPE=text/plain CUPS_SERVERBIN="$dir/sb" CUPS_SERVERROOT="$dir" \
  PRINTAUDIT_CONF="$dir/printaudit.conf" \
  xargs -0 -n 6 -P "$PARALLEL" "$PRINTAUDIT_BIN" <"$dir/args" \
  >"$dir/stdout" 2>"$dir/stderr" || status=$?
elapsed=$(hostile_elapsed "$start")
e2e_note "elapsed: ${elapsed}s ($(awk -v n="$JOBS" -v t="$elapsed" 'BEGIN { printf "%.0f", n / t }') jobs/s)"

e2e_check_eq "every invocation exited 0 (xargs status)" 0 "$status"
e2e_check_eq "nothing on stderr" "" "$(head -c 600 "$dir/stderr")"
e2e_check_eq "the real backend ran once per job" "$JOBS" "$(find "$dir/ran" -type f | wc -l)"
e2e_check_eq "the backend runs are job ids 1..$JOBS" "" \
  "$(comm -3 <(seq 1 "$JOBS" | sort) <(find "$dir/ran" -type f -printf '%f\n' | sort) | head -n 5)"
e2e_check_eq "the JSON Lines file has $JOBS lines" "$JOBS" "$(wc -l <"$dir/audit.jsonl")"
hostile_check_records --jsonl "$dir/audit.jsonl" --jobs "$dir/jobs.tsv" --options
printf '# FIGURES: direct_jobs=%s parallel=%s seconds=%s\n' "$JOBS" "$PARALLEL" "$elapsed"
e2e_done
