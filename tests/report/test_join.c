/*
 * printaudit-report unit tests: joining split records (join.c) and a job's records (jobs.c).
 *
 * $PRINTAUDIT_TEST_DATA names tests/data (set by ctest).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include "unit.h"


/*
 * Joining split records...
 */

typedef struct parts_s			/* Parts of split records */
{
  char		*text[64];		/* Messages */
  size_t	count;			/* Number of messages */
} parts_t;

typedef struct incomplete_s		/* What the callback saw */
{
  int		calls;			/* Calls */
  char		id[65];			/* Last event.id */
  size_t	have, parts;		/* Last counts */
  long long	line;			/* Last first line */
} incomplete_t;

/*
 * 'parts_add()' - Keep one split message (a paudit_part_cb_t).
 */

static int				/* O - 0 */
parts_add(const char *message,		/* I - One message */
          size_t     len,		/* I - Length */
          void       *data)		/* I - parts_t */
{
  parts_t	*parts = (parts_t *)data;


  ck_assert_uint_lt(parts->count, UNIT_COUNT(parts->text));
  ck_assert_uint_le(len, 900);
  parts->text[parts->count] = strndup(message, len);
  ck_assert_ptr_nonnull(parts->text[parts->count]);
  parts->count ++;

  return (0);
}

/*
 * 'parts_free()' - Free the kept messages.
 */

static void
parts_free(parts_t *parts)		/* I - Parts */
{
  while (parts->count > 0)
    free(parts->text[-- parts->count]);
}

/*
 * 'incomplete_cb()' - Remember what the joiner gave up.
 */

static void
incomplete_cb(const char     *id,	/* I - event.id */
              report_where_t first,	/* I - First part */
              size_t         have,	/* I - Parts held */
              size_t         parts,	/* I - Parts in all */
              void           *data)	/* I - incomplete_t */
{
  incomplete_t	*seen = (incomplete_t *)data;


  seen->calls ++;
  snprintf(seen->id, sizeof(seen->id), "%s", id);
  seen->have  = have;
  seen->parts = parts;
  seen->line  = first.line;
}


/*
 * 'split_record()' - Split a record (event.id set to id) at 900 bytes.
 */

static char *				/* O - Compact text of the record; free() it */
split_record(json_t     *record,	/* I - Record */
             const char *id,		/* I - event.id */
             parts_t    *parts)		/* O - Parts */
{
  char		*text;
  size_t	len;


  ck_assert_int_eq(json_object_set_new(json_object_get(record, "event"), "id", json_string(id)), 0);
  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  memset(parts, 0, sizeof(parts_t));
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 900, parts_add, parts), PAUDIT_STATUS_OK);
  ck_assert_uint_ge(parts->count, 3);

  return (text);
}


/*
 * 'feed()' - Give the joiner one message.
 */

static report_join_status_t
feed(report_join_t *join,		/* I - Joiner */
     const char    *message,		/* I - Message */
     long long     line,		/* I - Line number */
     char          **joined)		/* O - Joined text when complete */
{
  report_message_t	msg;
  report_where_t	where = { "test", line };
  report_join_status_t	status;
  json_t		*record;
  paudit_error_t	error;
  size_t		len;


  ck_assert_int_eq(reportMessageParse(&msg, message, strlen(message)), REPORT_KIND_PART);
  pauditErrorClear(&error);
  status = reportJoinAdd(join, &msg, where, &record, joined, &len, &error);
  if (status == REPORT_JOIN_COMPLETE)
  {
    ck_assert_ptr_nonnull(record);
    ck_assert_uint_eq(len, strlen(*joined));
    json_decref(record);
  }
  reportMessageClear(&msg);

  return (status);
}

START_TEST(test_join_orders)
{
  // Every part order gives back the identical record: in order, reversed,
  // and interleaved with another record.
  json_t	*record;
  char		*a, *b, *joined = NULL, *scratch;
  size_t	len, i, n;
  parts_t	pa, pb;
  report_join_t	*join;
  incomplete_t	seen = { 0 };


  record = unitLoadRecord("macos-textedit-socket.record.json", &scratch, &len);
  free(scratch);
  a = split_record(record, "0123456789abcdef0123456789abcdef", &pa);
  b = split_record(record, "fedcba9876543210fedcba9876543210", &pb);
  ck_assert_uint_eq(pa.count, pb.count);
  n = pa.count;

  join = reportJoinNew(16, 1 << 20, incomplete_cb, &seen);
  for (i = 0; i < n; i ++)
    ck_assert_int_eq(feed(join, pa.text[i], (long long)i + 1, &joined),
                     i + 1 < n ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  unitAssertSame(joined, a);
  free(joined);

  for (i = n; i > 0; i --)
    ck_assert_int_eq(feed(join, pa.text[i - 1], (long long)i, &joined),
                     i > 1 ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  unitAssertSame(joined, a);
  free(joined);

  for (i = 0; i < 2 * n; i ++)
  {
    report_join_status_t status = feed(join, (i % 2 ? pb : pa).text[i / 2], (long long)i, &joined);

    ck_assert_int_eq(status, i / 2 + 1 < n ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
    if (status == REPORT_JOIN_COMPLETE)
    {
      unitAssertSame(joined, i % 2 ? b : a);
      free(joined);
    }
  }

  ck_assert_uint_eq(reportJoinPendingBytes(join), 0);
  ck_assert_uint_eq(reportJoinFlush(join), 0);
  ck_assert_int_eq(seen.calls, 0);

  reportJoinDelete(join);
  parts_free(&pa);
  parts_free(&pb);
  free(a);
  free(b);
  json_decref(record);
}
END_TEST

START_TEST(test_join_record_slices)
{
  // A core too long for a message: part 1 is cut short (abbreviated), the
  // other parts have record slices; and a "truncated" array after
  // "options" comes back in its place.
  json_t	*record, *truncated;
  char		*text, *joined = NULL, *title, *fix;
  size_t	len, i;
  parts_t	parts;
  report_join_t	*join;


  record = unitLoadRecord("macos-textedit-socket.record.json", &text, &len);
  free(text);
  title = malloc(4097);
  memset(title, 'T', 4096);
  title[4096] = '\0';
  ck_assert_int_eq(json_object_set_new(json_object_get(record, "job"), "title", json_string(title)), 0);
  truncated = json_pack("[s]", "job.title");
  ck_assert_int_eq(json_object_set_new(record, "truncated", truncated), 0);
  free(title);

  text = split_record(record, "00000000000000000000000000000001", &parts);
  ck_assert_ptr_nonnull(strstr(parts.text[0], "\"part\":1,"));
  ck_assert_ptr_nonnull(strstr(parts.text[0], "\"abbreviated\":true"));
  ck_assert_ptr_null(strstr(parts.text[0], "\"record_slice\""));
  ck_assert_ptr_nonnull(strstr(parts.text[1], "\"record_slice\""));
  ck_assert_ptr_nonnull(strstr(text, "},\"truncated\":[\"job.title\"]}"));

  join = reportJoinNew(16, 1 << 20, NULL, NULL);
  for (i = parts.count; i > 0; i --)
    ck_assert_int_eq(feed(join, parts.text[i - 1], (long long)i, &joined),
                     i > 1 ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  unitAssertSame(joined, text);
  free(joined);
  free(text);
  parts_free(&parts);

  // Options slices with "truncated" after them.
  json_decref(record);
  record = unitLoadRecord("macos-textedit-socket.record.json", &text, &len);
  free(text);
  ck_assert_int_eq(json_object_set_new(record, "truncated", json_pack("[s]", "job.title")), 0);
  text = split_record(record, "00000000000000000000000000000002", &parts);
  ck_assert_ptr_nonnull(strstr(text, "},\"truncated\":[\"job.title\"]}"));
  ck_assert_ptr_null(strstr(parts.text[0], "\"record_slice\""));
  ck_assert_ptr_null(strstr(parts.text[0], "\"options\""));
  ck_assert_ptr_nonnull(strstr(parts.text[1], "\"options_slice\""));
  for (i = 0; i < parts.count; i ++)
    ck_assert_int_eq(feed(join, parts.text[i], (long long)i, &joined),
                     i + 1 < parts.count ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  unitAssertSame(joined, text);
  free(joined);

  // An abbreviated part 1 cannot take options slices.
  fix = unitReplaceOnce(parts.text[0], ",\"parts\":", ",\"abbreviated\":true,\"parts\":");
  ck_assert_ptr_nonnull(fix);
  for (i = 0; i < parts.count; i ++)
    ck_assert_int_eq(feed(join, i ? parts.text[i] : fix, (long long)i, &joined),
                     i + 1 < parts.count ? REPORT_JOIN_PENDING : REPORT_JOIN_ERROR);
  free(fix);
  free(text);
  parts_free(&parts);

  // A form never released (record slices from part 1 on, no core) is a
  // bad part 1; its slice alone cannot complete the record.
  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  for (i = 0; i < 2; i ++)
  {
    json_t *part = json_pack("{s:s, s:{s:s, s:s, s:i, s:i}, s:s%}", "schema", PAUDIT_SCHEMA,
                             "event", "action", i ? "job.continued" : "job.start",
                             "id", "00000000000000000000000000000003", "part", (int)i + 1,
                             "parts", 2, "record_slice", text + (i ? len / 2 : 0),
                             i ? len - len / 2 : len / 2);
    char   *message;
    size_t mlen;

    ck_assert_ptr_nonnull(part);
    ck_assert_ptr_nonnull(message = pauditJSONNew(part, &mlen));
    ck_assert_int_eq(feed(join, message, 40 + (long long)i, &joined),
                     i ? REPORT_JOIN_PENDING : REPORT_JOIN_ERROR);
    free(message);
    json_decref(part);
  }
  ck_assert_uint_eq(reportJoinFlush(join), 1);
  free(text);

  reportJoinDelete(join);
  json_decref(record);
}
END_TEST

START_TEST(test_join_errors)
{
  json_t	*record;
  char		*text, *joined = NULL, *bad;
  size_t	len, i;
  parts_t	parts;
  report_join_t	*join;
  incomplete_t	seen = { 0 };


  record = unitLoadRecord("macos-textedit-socket.record.json", &text, &len);
  free(text);
  text = split_record(record, "0123456789abcdef0123456789abcdef", &parts);
  join = reportJoinNew(16, 1 << 20, incomplete_cb, &seen);

  // A part twice is an error; the record still completes.
  ck_assert_int_eq(feed(join, parts.text[1], 10, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(feed(join, parts.text[1], 11, &joined), REPORT_JOIN_ERROR);
  ck_assert_int_eq(feed(join, parts.text[0], 12, &joined), REPORT_JOIN_PENDING);
  for (i = 2; i < parts.count; i ++)
    ck_assert_int_eq(feed(join, parts.text[i], 12 + (long long)i, &joined),
                     i + 1 < parts.count ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  unitAssertSame(joined, text);
  free(joined);

  // Parts that disagree on event.parts; part numbers out of range.
  ck_assert_int_eq(feed(join, parts.text[1], 20, &joined), REPORT_JOIN_PENDING);
  bad = strdup(parts.text[2]);
  memcpy(strstr(bad, "\"parts\":") + 8, "9", 1);
  ck_assert_int_eq(feed(join, bad, 21, &joined), REPORT_JOIN_ERROR);
  memcpy(strstr(bad, "\"part\":") + 7, "0", 1);
  ck_assert_int_eq(feed(join, bad, 22, &joined), REPORT_JOIN_ERROR);
  free(bad);

  // What never completes is reported once, with where it started.
  ck_assert_uint_gt(reportJoinPendingBytes(join), 0);
  ck_assert_uint_eq(reportJoinFlush(join), 1);
  ck_assert_int_eq(seen.calls, 1);
  ck_assert_str_eq(seen.id, "0123456789abcdef0123456789abcdef");
  ck_assert(seen.have == 1 && seen.parts == parts.count && seen.line == 20);
  ck_assert_uint_eq(reportJoinPendingBytes(join), 0);

  reportJoinDelete(join);
  parts_free(&parts);
  free(text);
  json_decref(record);
}
END_TEST

START_TEST(test_join_bounds)
{
  json_t	*record;
  char		*a, *b, *joined = NULL;
  size_t	len, i, bound;
  parts_t	pa, pb;
  report_join_t	*join;
  incomplete_t	seen = { 0 };


  record = unitLoadRecord("macos-textedit-socket.record.json", &a, &len);
  free(a);
  a = split_record(record, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &pa);
  b = split_record(record, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", &pb);

  // One record pending at most: a second one pushes the first out.
  join = reportJoinNew(1, 1 << 20, incomplete_cb, &seen);
  ck_assert_int_eq(feed(join, pa.text[0], 1, &joined), REPORT_JOIN_PENDING);
  for (i = 0; i < pb.count; i ++)
    ck_assert_int_eq(feed(join, pb.text[i], 2 + (long long)i, &joined),
                     i + 1 < pb.count ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  unitAssertSame(joined, b);
  free(joined);
  ck_assert_int_eq(seen.calls, 1);
  ck_assert_str_eq(seen.id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  ck_assert(seen.have == 1 && seen.line == 1);
  reportJoinDelete(join);

  // A byte bound smaller than two parts: the oldest goes first.
  memset(&seen, 0, sizeof(seen));
  bound = strlen(pa.text[0]) + strlen(pb.text[0]) + strlen(pb.text[1]) / 2;
  join  = reportJoinNew(16, bound, incomplete_cb, &seen);
  ck_assert_int_eq(feed(join, pa.text[0], 1, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(feed(join, pb.text[0], 2, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(feed(join, pb.text[1], 3, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(seen.calls, 1);
  ck_assert_str_eq(seen.id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  ck_assert_uint_le(reportJoinPendingBytes(join), bound);
  ck_assert_uint_eq(reportJoinFlush(join), 1);
  ck_assert_str_eq(seen.id, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  ck_assert(seen.have == 2 && seen.line == 2);
  reportJoinDelete(join);

  parts_free(&pa);
  parts_free(&pb);
  free(a);
  free(b);
  json_decref(record);
}
END_TEST

/*
 * Joining a job's records (jobs.c)...
 */

typedef struct jobs_rows_s		/* Rows seen by jobs_row() */
{
  char	text[16][96];			/* "id user outcome pages source starts" */
  int	count;				/* Rows */
} jobs_rows_t;

static int
jobs_row(const report_record_t *row,	/* I - Row */
         void                  *data)	/* I - jobs_rows_t */
{
  jobs_rows_t	*rows = (jobs_rows_t *)data;


  ck_assert_int_lt(rows->count, 16);
  snprintf(rows->text[rows->count ++], sizeof(rows->text[0]), "%lld %s %s %lld %s %lld",
           row->job_id, row->user ? row->user : "-", row->outcome ? row->outcome : "-",
           row->pages, row->pages_source ? row->pages_source : "-", row->starts);
  return (0);
}

static void
jobs_add(report_jobs_t *jobs,		/* I - Joiner */
         int           end,		/* I - job.end (else job.start) */
         int           id,		/* I - job.id */
         const char    *user)		/* I - job.user or NULL */
{
  report_record_t	rec;
  char			uuid[64];
  paudit_error_t	error = { 0, "" };
  json_t		*json;


  snprintf(uuid, sizeof(uuid), "urn:uuid:%d", id);
  if (end)
    json = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:i, s:s, s:s, s:i, s:n}}",
                     "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00Z",
                     "event", "action", "job.end", "host", "name", "h",
                     "job", "id", id, "uuid", uuid, "state", "completed",
                     "impressions_completed", id * 10, "user");
  else
    json = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:i, s:s, s:s?, s:i, s:i}}",
                     "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00Z",
                     "event", "action", "job.start", "host", "name", "h",
                     "job", "id", id, "uuid", uuid, "user", user, "impressions", id,
                     "copies", 2);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, &error), 0);
  ck_assert_int_eq(reportJobsAdd(jobs, &rec), 0);
  json_decref(json);			// The joiner keeps copies
}

START_TEST(test_jobs_join)
{
  jobs_rows_t	rows;
  report_jobs_t	*jobs;


  memset(&rows, 0, sizeof(rows));
  jobs = reportJobsNew(100, 1024 * 1024, jobs_row, &rows);
  jobs_add(jobs, 0, 1, "alice");
  jobs_add(jobs, 0, 1, "alice-retry");	// A retry: the first is shown
  jobs_add(jobs, 0, 2, "bob");
  ck_assert_int_eq(rows.count, 0);
  jobs_add(jobs, 1, 1, NULL);		// Written at its job.end
  ck_assert_int_eq(rows.count, 1);
  ck_assert_str_eq(rows.text[0], "1 alice completed 10 counted 2");
  jobs_add(jobs, 1, 3, NULL);		// No job.start: waits
  ck_assert_int_eq(rows.count, 1);
  ck_assert_int_eq(reportJobsFlush(jobs), 0);
  ck_assert_int_eq(rows.count, 3);
  ck_assert_str_eq(rows.text[1], "2 bob - 4 declared 1");
  ck_assert_str_eq(rows.text[2], "3 - completed 30 counted 0");
  ck_assert_int_eq(reportJobsEvicted(jobs), 0);
  ck_assert_uint_eq(reportJobsPendingBytes(jobs), 0);
  reportJobsDelete(jobs);
}
END_TEST

START_TEST(test_jobs_bounds)
{
  jobs_rows_t	rows;
  report_jobs_t	*jobs;
  int		i;


  // At most 2 jobs wait: the oldest is written as it is.
  memset(&rows, 0, sizeof(rows));
  jobs = reportJobsNew(2, 1024 * 1024, jobs_row, &rows);
  jobs_add(jobs, 0, 1, "a");
  jobs_add(jobs, 0, 2, "b");
  jobs_add(jobs, 0, 3, "c");
  ck_assert_int_eq(rows.count, 1);
  ck_assert_str_eq(rows.text[0], "1 a - 2 declared 1");
  jobs_add(jobs, 1, 2, NULL);
  ck_assert_str_eq(rows.text[1], "2 b completed 20 counted 1");
  jobs_add(jobs, 1, 1, NULL);		// Too late: a row of its own
  ck_assert_int_eq(reportJobsFlush(jobs), 0);
  ck_assert_int_eq(rows.count, 4);
  ck_assert_str_eq(rows.text[2], "3 c - 6 declared 1");
  ck_assert_str_eq(rows.text[3], "1 - completed 10 counted 0");
  ck_assert_int_eq(reportJobsEvicted(jobs), 1);
  reportJobsDelete(jobs);

  // The byte bound: nothing may wait.
  memset(&rows, 0, sizeof(rows));
  jobs = reportJobsNew(100, 1, jobs_row, &rows);
  for (i = 1; i <= 5; i ++)
  {
    jobs_add(jobs, 0, i, "u");
    ck_assert_int_eq(rows.count, i);
    ck_assert_uint_eq(reportJobsPendingBytes(jobs), 0);
  }
  // Without any job.end (no notifier) there was nothing to wait for.
  ck_assert_int_eq(reportJobsEvicted(jobs), 0);
  jobs_add(jobs, 1, 9, NULL);		// Cannot wait either: 6 written early
  ck_assert_int_eq(reportJobsEvicted(jobs), 6);
  reportJobsDelete(jobs);

  // Jobs still waiting when the joiner is deleted are freed.
  jobs = reportJobsNew(100, 1024 * 1024, jobs_row, &rows);
  jobs_add(jobs, 0, 7, "u");
  jobs_add(jobs, 1, 8, NULL);
  ck_assert_uint_gt(reportJobsPendingBytes(jobs), 0);
  reportJobsDelete(jobs);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-join");
  TCase	*tc = tcase_create("join");


  tcase_add_test(tc, test_join_orders);
  tcase_add_test(tc, test_join_record_slices);
  tcase_add_test(tc, test_join_errors);
  tcase_add_test(tc, test_join_bounds);
  tcase_add_test(tc, test_jobs_join);
  tcase_add_test(tc, test_jobs_bounds);
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
