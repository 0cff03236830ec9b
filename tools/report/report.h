/*
 * printaudit-report: definitions shared by the report tool's modules.
 *
 * The tool reads audit records (schema "printaudit/1") line by line from
 * JSON Lines files, syslog files, journalctl output (-o cat, or -o json
 * with the sender's trusted _UID) or macOS NDJSON, joins
 * split syslog messages, filters the records and writes a table, CSV, JSON
 * Lines or a summary.  Its modules follow the library's rules: they never
 * print to stderr and never exit; main.c does both.  Names carry the
 * "report" prefix (as cupsd's carry "cupsd"): they are the tool's own, not
 * the library's.
 *
 *   reader.c   buffered line reader with a line-length cap
 *   message.c  a line to a JSON message (syslog prefix, macOS NDJSON)
 *   record.c   a record's fields, times, filters
 *   scan.c     a lean first reading of whole records (fields rows show)
 *   join.c     joining split syslog messages, bounded memory
 *   jobs.c     joining a job's job.start and job.end records, bounded
 *   output.c   table, CSV and JSON Lines writers
 *   summary.c  --summary aggregation
 *   html.c     --html: one self-contained page of totals, charts, tables
 *   map.c      insertion-ordered string map
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef PRINTAUDIT_REPORT_H
#  define PRINTAUDIT_REPORT_H
#  include "printaudit-private.h"
#  include <stdio.h>

#  define REPORT_MAX_LINE	(16 * 1024 * 1024)
					/* Longest input line, bytes */
#  define REPORT_MAX_GROUPS	1024	/* Most split records pending at once */
#  define REPORT_MAX_PENDING	(64 * 1024 * 1024)
					/* Most bytes held by pending parts */
#  define REPORT_MAX_JOBS	65536	/* Most jobs waiting for their job.end */
#  define REPORT_MAX_JOB_BYTES	(4 * 1024 * 1024)
					/* Most bytes held by waiting jobs */


/*
 * Ordered map (map.c)...
 */

typedef struct report_map_s report_map_t;
					/* String keys, insertion order */
typedef void	(*report_free_cb_t)(void *value);

/* O - New empty map; free with reportMapDelete().  NULL on ENOMEM. */
extern report_map_t	*reportMapNew(void);

/* Free the map, calling free_cb (may be NULL) on every value. */
extern void	reportMapDelete(report_map_t *map, report_free_cb_t free_cb);

/* O - Value for key (borrowed), or NULL. */
extern void	*reportMapGet(report_map_t *map, const char *key);

/* Add key (copied) with value at the end of the order; key must be new.
 * O - 0 on success, -1 on ENOMEM */
extern int	reportMapAdd(report_map_t *map, const char *key, void *value);

/* Remove key.  O - Its value (now the caller's), or NULL. */
extern void	*reportMapRemove(report_map_t *map, const char *key);

/* O - Oldest entry's value (borrowed) and key (borrowed), or NULL. */
extern void	*reportMapFirst(report_map_t *map, const char **key);

/* O - Number of entries */
extern size_t	reportMapCount(const report_map_t *map);

/* Values in insertion order.  O - New array of reportMapCount() values
 * (borrowed); free() it.  NULL on ENOMEM or when the map is empty. */
extern void	**reportMapValues(report_map_t *map);


/*
 * Line reader (reader.c)...
 */

typedef struct report_reader_s report_reader_t;
					/* Buffered reader over one fd */

typedef enum report_read_e		/* What reportReaderNext() found */
{
  REPORT_READ_LINE,			/* A line (without its newline) */
  REPORT_READ_TOOLONG,			/* A line over the cap, skipped */
  REPORT_READ_EOF,			/* End of input */
  REPORT_READ_ERROR			/* read() failed; errno says why */
} report_read_t;

/* A reader of fd (not closed by the reader), lines at most cap bytes.
 * O - New reader; free with reportReaderDelete().  NULL on ENOMEM. */
extern report_reader_t	*reportReaderNew(int fd, size_t cap);
extern void	reportReaderDelete(report_reader_t *reader);

/* Next line: *line (borrowed, valid until the next call) and *len; the
 * line's number, from 1, is reportReaderLine(). */
extern report_read_t	reportReaderNext(report_reader_t *reader,
			                 const char **line, size_t *len);
extern long long	reportReaderLine(const report_reader_t *reader);


/*
 * Messages: one input line as JSON (message.c)...
 */

typedef enum report_kind_e		/* What a line holds */
{
  REPORT_KIND_BLANK,			/* Only whitespace */
  REPORT_KIND_TRAILER,			/* macOS "log show" end line */
  REPORT_KIND_RECORD,			/* A whole record */
  REPORT_KIND_PART,			/* One part of a split record */
  REPORT_KIND_ERROR			/* Not JSON, or not ours */
} report_kind_t;

typedef struct report_message_s		/* One parsed line, owns its JSON */
{
  report_kind_t	kind;			/* What the line holds */
  json_t	*outer;			/* The line's JSON (owned) */
  json_t	*json;			/* The message (borrowed from outer or owned) */
  int		owned;			/* json is owned (macOS eventMessage) */
  const char	*text;			/* Message text as read (borrowed) */
  size_t	len;			/* Length of text */
  char		*bytes;			/* MESSAGE given as bytes (owned) or NULL */
  int		journal;		/* Read from a "journalctl -o json" entry */
  long long	uid;			/* Its trusted _UID, -1 if none */
  paudit_error_t error;			/* Why, for REPORT_KIND_ERROR */
} report_message_t;

/* Parse a line: the JSON from its first '{' (a syslog prefix before it is
 * allowed), the record in a macOS NDJSON object's "eventMessage", or the
 * record in a "journalctl -o json" entry's MESSAGE (a string, or an array
 * of bytes), with msg->journal set and msg->uid its _UID.
 * text must stay valid while the message is used.  Clear with
 * reportMessageClear(). */
extern report_kind_t	reportMessageParse(report_message_t *msg,
			                   const char *line, size_t len);
extern void	reportMessageClear(report_message_t *msg);
/* Lean messages: a printaudit/1 record's JSON holds only the members that
 * reportRecordInit() reads (see reportScanRecord()); for every output but
 * --json, which writes whole records.  Off by default. */
extern void	reportMessageLean(int lean);

/* The members of a record that reportRecordInit() reads, checked and
 * built without jansson's parser; NULL when the text is not surely a
 * valid printaudit/1 record that jansson reads alike (then parse it with
 * json_loadb()) (scan.c). */
extern json_t	*reportScanRecord(const char *text, size_t len);


/*
 * Records, times and filters (record.c)...
 */

typedef struct report_time_s		/* A point in time, UTC */
{
  long long	sec;			/* Seconds since the epoch */
  long		nsec;			/* Nanoseconds */
} report_time_t;

typedef struct report_record_s		/* Fields of one record, all borrowed */
{
  json_t	*json;			/* The record */
  const char	*text;			/* Its JSON text, or NULL */
  size_t	len;			/* Length of text */
  report_time_t	time;			/* Parsed "time" */
  const char	*time_text,		/* "time" as written */
		*user,			/* job.user or NULL */
		*title,			/* job.title or NULL */
		*document,		/* job.document_name, else job.title */
		*printer,		/* printer.name or NULL */
		*host,			/* printer.host or NULL */
		*application,		/* job.application or NULL */
		*color,			/* job.color or NULL */
		*sides,			/* job.sides or NULL */
		*action,		/* event.action ("job.start", "job.end") or NULL */
		*hostname,		/* host.name (the writer's host) or NULL */
		*uuid,			/* job.uuid or NULL */
		*billing,		/* job.billing (job.start) or NULL */
		*outcome,		/* job.state of the job.end, or NULL */
		*pages_source,		/* "counted" (job.end), "declared" or NULL */
		*info,			/* printer.info or NULL */
		*location;		/* printer.location or NULL */
  long long	port,			/* printer.port or -1 */
		impressions,		/* job.impressions or -1 */
		copies,			/* job.copies or -1 */
		job_id,			/* job.id or -1 */
		pages,			/* Pages printed (see pages_source) or -1 */
		starts;			/* job.start records of the job (rows) */
  int		has_start;		/* A job.start (or a record of no kind) is in it */
} report_record_t;

/* Fill rec from a record: schema "printaudit/1" and a valid "time" are
 * required, every other field may be missing or null.
 * O - 0 on success, -1 with error set */
extern int	reportRecordInit(report_record_t *rec, json_t *json,
		                 const char *text, size_t len,
		                 paudit_error_t *error);

/* Parse an RFC 3339 time (s[0..len)): "2026-11-22T21:45:00.123Z",
 * "2026-11-22 22:45:00+01:00".  O - 0 on success, -1 if invalid */
extern int	reportTimeParse(const char *s, size_t len, report_time_t *t);

/* Parse a date "YYYY-MM-DD" as 00:00:00 UTC that day.
 * O - 0 on success, -1 if invalid */
extern int	reportDateParse(const char *s, report_time_t *t);

/* O - <0, 0, >0 as a is before, at, after b */
extern int	reportTimeCompare(const report_time_t *a, const report_time_t *b);

typedef struct report_filter_s		/* What to keep; strings borrowed */
{
  int		has_since,		/* --since given */
		has_until,		/* --until given */
		until_before;		/* until is exclusive (a date's next day) */
  report_time_t	since,			/* Keep time >= since */
		until;			/* Keep time <= until (< if until_before) */
  const char	*user,			/* Keep job.user == user, or NULL */
		*printer,		/* Keep printer.name == printer, or NULL */
		*application;		/* Keep job.application == this, or NULL */
} report_filter_t;

/* Set filter->since from an --since value (RFC 3339 or date).
 * O - 0 on success, -1 if invalid */
extern int	reportFilterSince(report_filter_t *filter, const char *value);

/* Set filter->until from an --until value; a date means through the end
 * of that day.  O - 0 on success, -1 if invalid */
extern int	reportFilterUntil(report_filter_t *filter, const char *value);

/* O - 1 if rec passes every filter, else 0 */
extern int	reportFilterMatch(const report_filter_t *filter,
		                  const report_record_t *rec);


/*
 * Joining split syslog messages (join.c)...
 */

typedef struct report_join_s report_join_t;
					/* Pending split records */

typedef struct report_where_s		/* Where a line was read */
{
  const char	*file;			/* File name (borrowed, lives long) */
  long long	line;			/* Line number */
} report_where_t;

/* Called for a split record that cannot be completed: evicted to keep
 * memory bounded, or still pending at the end of input. */
typedef void	(*report_incomplete_cb_t)(const char *id, report_where_t first,
		                          size_t have, size_t parts,
		                          void *data);

typedef enum report_join_status_e	/* Result of reportJoinAdd() */
{
  REPORT_JOIN_PENDING,			/* Part held, record not complete */
  REPORT_JOIN_COMPLETE,			/* Record joined */
  REPORT_JOIN_ERROR,			/* Bad part; error says why */
  REPORT_JOIN_NOMEM			/* Out of memory */
} report_join_status_t;

/* O - New joiner; free with reportJoinDelete().  NULL on ENOMEM.
 * At most max_groups records and max_bytes bytes are held; beyond that
 * the oldest pending record is dropped through cb. */
extern report_join_t	*reportJoinNew(size_t max_groups, size_t max_bytes,
			               report_incomplete_cb_t cb, void *data);
extern void	reportJoinDelete(report_join_t *join);

/* Add one part (msg->kind == REPORT_KIND_PART); lib/split.c reads and
 * assembles, this only groups.  On COMPLETE, *record is the joined record
 * (json_decref() it) and *text its compact JSON (free() it), *len its
 * length, and error may hold a warning (a record SyslogMaxParts capped).
 * The message itself is not kept.  error is set only if still clear. */
extern report_join_status_t reportJoinAdd(report_join_t *join,
			                  const report_message_t *msg,
			                  report_where_t where,
			                  json_t **record, char **text,
			                  size_t *len, paudit_error_t *error);

/* Report every pending record through the callback and forget it.
 * O - Number reported */
extern size_t	reportJoinFlush(report_join_t *join);

/* O - Bytes held by pending parts */
extern size_t	reportJoinPendingBytes(const report_join_t *join);


/*
 * Joining a job's records (jobs.c)...
 *
 * A job is one row: its job.start records (several when the backend was
 * retried; the first is shown) and its job.end, joined on host.name,
 * job.id and job.uuid.  A job is written when its job.end is read after
 * a job.start, else when it is the oldest of too many waiting jobs, else
 * at the end of input, in the order its first record was read.
 */

typedef struct report_jobs_s report_jobs_t;
					/* Jobs waiting for their other records */

/* Called with every row (borrowed, valid during the call). */
typedef int	(*report_row_cb_t)(const report_record_t *row, void *data);

/* O - New joiner; free with reportJobsDelete().  NULL on ENOMEM.  At most
 * max_jobs jobs and max_bytes bytes wait; beyond that the oldest is
 * written as it is. */
extern report_jobs_t	*reportJobsNew(size_t max_jobs, size_t max_bytes,
			               report_row_cb_t cb, void *data);
extern void	reportJobsDelete(report_jobs_t *jobs);

/* Add one record (its fields are copied).
 * O - 0, or -1 on ENOMEM or when the callback failed */
extern int	reportJobsAdd(report_jobs_t *jobs, const report_record_t *rec);

/* Write every waiting job.  O - 0, or -1 as reportJobsAdd() */
extern int	reportJobsFlush(report_jobs_t *jobs);

/* O - Jobs written early to keep memory bounded (their job.end, if any
 * came later, is a row of its own); 0 when no job.end was read at all */
extern long long	reportJobsEvicted(const report_jobs_t *jobs);

/* O - Bytes held by waiting jobs */
extern size_t	reportJobsPendingBytes(const report_jobs_t *jobs);


/*
 * Output (output.c)...
 */

typedef enum report_format_e		/* Output format */
{
  REPORT_FORMAT_TABLE,			/* Aligned columns for people */
  REPORT_FORMAT_CSV,			/* RFC 4180 */
  REPORT_FORMAT_JSON			/* JSON Lines */
} report_format_t;

/* Table cells are cut to their column's width; "~" marks a cut. */
#  define REPORT_CUT_MARK "~"

/* Write the column headers (none for JSON Lines). */
extern int	reportOutputHeader(FILE *fp, report_format_t format);

/* Write one record.  O - 0 on success, -1 on ENOMEM */
extern int	reportOutputRecord(FILE *fp, report_format_t format,
		                   const report_record_t *rec);

/* Write s[0..len) as one CSV field (quoted when needed). */
extern void	reportCSVField(FILE *fp, const char *s, size_t len);

/* Write s as a table cell of width columns: control characters escaped
 * ("\n", "\x1b"), cut with REPORT_CUT_MARK when too wide, padded (left
 * aligned, or right aligned when right); NULL is "-". */
extern void	reportTableCell(FILE *fp, const char *s, int width, int right);

/* O - Columns s takes as a table cell (escapes counted, no cut) */
extern int	reportTableColumns(const char *s);

/* printer.host and printer.port as "host:port" ("[v6]:port"), "host",
 * or "" when the host is unknown.  O - buf */
extern char	*reportAddress(const report_record_t *rec, char *buf,
		               size_t bufsize);


/*
 * Summaries (summary.c)...
 */

typedef enum report_by_e		/* --summary BY */
{
  REPORT_BY_USER,
  REPORT_BY_PRINTER,
  REPORT_BY_APPLICATION,
  REPORT_BY_DAY
} report_by_t;

typedef struct report_summary_s report_summary_t;
					/* Totals per key */

/* O - 0 and *by set for "user", "printer", "application", "day"; else -1 */
extern int	reportSummaryBy(const char *name, report_by_t *by);

/* O - New summary; free with reportSummaryDelete().  NULL on ENOMEM. */
extern report_summary_t	*reportSummaryNew(report_by_t by);
extern void	reportSummaryDelete(report_summary_t *summary);

/* Count one record.  O - 0 on success, -1 on ENOMEM */
extern int	reportSummaryAdd(report_summary_t *summary,
		                 const report_record_t *rec);

/* Write the totals, by pages descending, then key.
 * O - 0 on success, -1 on ENOMEM */
extern int	reportSummaryWrite(report_summary_t *summary, FILE *fp,
		                   report_format_t format);

typedef struct report_total_s		/* One line of a summary, borrowed */
{
  const char	*key;			/* Value, NULL when unknown */
  long long	jobs,			/* Jobs */
		pages,			/* Known pages */
		unknown;		/* Jobs with unknown pages */
  const char	*first,			/* Earliest "time" as written */
		*last;			/* Latest "time" as written */
} report_total_t;

/* Every line, in reportSummaryWrite()'s order; the strings are the
 * summary's.  O - New array of *count lines (free() it), NULL on ENOMEM */
extern report_total_t	*reportSummaryTotals(report_summary_t *summary,
			                     size_t *count);


/*
 * HTML report (html.c)...
 */

typedef struct report_html_s report_html_t;
					/* Totals, charts and tables for --html */

typedef struct report_html_info_s	/* About the run, for the page */
{
  const report_filter_t	*filter;	/* Filters given */
  char * const		*files;		/* FILE arguments (none: stdin) */
  int			nfiles;		/* Number of files */
  long long		skipped,	/* Lines skipped */
			incomplete;	/* Split records never completed */
} report_html_info_t;

/* O - New, empty report; free with reportHTMLDelete().  NULL on ENOMEM. */
extern report_html_t	*reportHTMLNew(void);
extern void	reportHTMLDelete(report_html_t *html);

/* Count one record (a job.end record counts its outcome only).
 * O - 0 on success, -1 on ENOMEM */
extern int	reportHTMLAdd(report_html_t *html, const report_record_t *rec);

/* Note a skipped input line (html may be NULL: nothing is done); the
 * first REPORT_HTML_MAX_SKIPS are listed.  O - 0, or -1 on ENOMEM */
extern int	reportHTMLSkipped(report_html_t *html, report_where_t where,
		                  const char *why);

/* Write the page.  O - 0 on success, -1 on ENOMEM */
extern int	reportHTMLWrite(report_html_t *html, FILE *fp,
		                const report_html_info_t *info);

#  define REPORT_HTML_MAX_SKIPS	200	/* Skipped lines listed on the page */
#  define REPORT_HTML_LATEST	100	/* Latest jobs listed on the page */

#endif /* !PRINTAUDIT_REPORT_H */
