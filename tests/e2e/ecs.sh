#!/usr/bin/env bash
# JsonFormat ecs: a job printed through cupsd is recorded in both sinks in
# the Elastic Common Schema form, valid against
# schema/printaudit-ecs.schema.json, with the job's facts under ECS names
# and the rest under printaudit.*, and with the same facts as the
# printaudit/1 record of the same job on the same queue.
set -euo pipefail
# shellcheck source=../lib/harness.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/harness.sh"

e2e_start
e2e_start_receiver sock
port=$(e2e_receiver_port sock)
uri="socket://127.0.0.1:$port"
e2e_add_queue office "printaudit:$uri"
printf 'ECS page\n' >"$E2E_DIR/page.txt"

# The same job twice: in the printaudit/1 form, then in the ECS form.
job1=$(e2e_print office -t "ECS report" -o media=A4 -o sides=two-sided-long-edge "$E2E_DIR/page.txt")
e2e_wait_job office "$job1" completed
e2e_write_printaudit_conf "Syslog on" "SyslogSocket $E2E_DIR/log.sock" \
  "JsonLog $E2E_DIR/audit.jsonl" "JsonFormat ecs"
job2=$(e2e_print office -t "ECS report" -o media=A4 -o sides=two-sided-long-edge "$E2E_DIR/page.txt")
e2e_wait_job office "$job2" completed

mapfile -t lines <"$E2E_DIR/audit.jsonl"
e2e_check_eq "two records in audit.jsonl" 2 "${#lines[@]}"
plain=${lines[0]} ecs=${lines[1]}
user=$(id -un)

e2e_expect "$ecs" "user.name=$(e2e_json_string "$user")" \
  "related.user=[$(e2e_json_string "$user")]" \
  'event.action="job.start"' 'event.kind="event"' 'event.module="printaudit"' \
  "url.original=\"$uri\"" 'destination.address="127.0.0.1"' "destination.port=$port" \
  'network.protocol="socket"' 'file.name="page.txt"' 'file.mime_type="text/plain"' \
  'source.address="localhost"' "printaudit.job.id=$job2" 'printaudit.job.title="ECS report"' \
  'printaudit.job.media="A4"' 'printaudit.job.sides="two-sided-long-edge"' \
  'printaudit.printer.name="office"' 'printaudit.options.media="A4"' \
  'printaudit.schema="printaudit/1"'
e2e_check "message names the user, the document and the printer" \
  grep -q "\"message\":\"$user printed \\\\\"page.txt\\\\\".*to office ($uri)\"" "$E2E_DIR/audit.jsonl"

# Same facts as the printaudit/1 record of the same job on the same queue.
facts=$("$E2E_PY" - "$plain" "$ecs" <<'PY'
import json, sys
p, e = json.loads(sys.argv[1]), json.loads(sys.argv[2])
same = [
    (p["job"]["user"], e["user"]["name"]),
    (p["printer"]["uri"], e["url"]["original"]),
    (p["printer"]["host"], e["destination"]["address"]),
    (p["printer"]["port"], e["destination"]["port"]),
    (p["document"]["content_type"], e["file"]["mime_type"]),
    (p["options"].keys() - {"job-uuid", "time-at-creation", "time-at-processing"},
     e["printaudit"]["options"].keys() - {"job-uuid", "time-at-creation", "time-at-processing"}),
]
for k in ("title", "copies", "media", "sides", "color", "document_name"):
    same.append((p["job"][k], e["printaudit"]["job"][k]))
print("same" if all(a == b for a, b in same) else "differ: %r" % [x for x in same if x[0] != x[1]])
PY
)
e2e_check_eq "the ECS record holds the printaudit/1 record's facts" same "$facts"

# Both sinks hold the ECS record; validate them all against its schema
# (the first job's printaudit/1 record is set aside for that).
e2e_syslog_sync
e2e_check_eq "syslog holds the same ECS record" "$ecs" \
  "$(grep -F "\"id\":$job2," "$E2E_DIR/syslog.out" | grep -F '"ecs":' | cut -f4 | sed 's/^ //')"
printf '%s\n' "$ecs" >"$E2E_DIR/audit.jsonl"
grep -v -F "\"id\":$job1," "$E2E_DIR/syslog.out" >"$E2E_DIR/syslog.ecs" || true
cat "$E2E_DIR/syslog.ecs" >"$E2E_DIR/syslog.out"	# Same file: rsyslogd keeps it open
E2E_SCHEMA=$PRINTAUDIT_SOURCE_DIR/schema/printaudit-ecs.schema.json
e2e_finish
