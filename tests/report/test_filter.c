/*
 * printaudit-report unit tests: filters and the fields of a record (record.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include "unit.h"


/*
 * Filters...
 */

typedef struct filter_case_s
{
  const char	*since, *until;		/* --since, --until or NULL */
  const char	*user, *printer, *app;	/* Exact filters or NULL */
  const char	*time;			/* Record time */
  int		keep;			/* Expected result */
} filter_case_t;

static const filter_case_t filter_cases[] =
{
  { NULL, NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  // A date for --until means through the end of that day (UTC).
  { NULL, "2026-11-22", NULL, NULL, NULL, "2026-11-22T23:59:59.999Z", 1 },
  { NULL, "2026-11-22", NULL, NULL, NULL, "2026-11-23T00:00:00.000Z", 0 },
  { NULL, "2026-11-22", NULL, NULL, NULL, "2026-11-22T00:00:00.000Z", 1 },
  // A date for --since is the start of that day.
  { "2026-11-22", NULL, NULL, NULL, NULL, "2026-11-22T00:00:00.000Z", 1 },
  { "2026-11-22", NULL, NULL, NULL, NULL, "2026-11-21T23:59:59.999Z", 0 },
  // RFC 3339 bounds are inclusive, at any offset.
  { "2026-11-22T21:45:00.123Z", NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  { "2026-11-22T21:45:00.124Z", NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { "2026-11-22T21:45:00.1231Z", NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, "2026-11-22T21:45:00.123Z", NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  { NULL, "2026-11-22T21:45:00.122Z", NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, "2026-11-22T22:45:00+01:00", NULL, NULL, NULL, "2026-11-22T21:45:00.000Z", 1 },
  { NULL, "2026-11-22T22:44:59+01:00", NULL, NULL, NULL, "2026-11-22T21:45:00.000Z", 0 },
  { "2026-11-22", "2026-11-22", NULL, NULL, NULL, "2026-11-22T12:00:00.000Z", 1 },
  // Exact matches; a null field never matches.
  { NULL, NULL, "alice", NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, "Alice", NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, "alic", NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, NULL, "lab", NULL, "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, NULL, "lab2", NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, NULL, NULL, "TextEdit", "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, NULL, NULL, "textedit", "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, "alice", "lab", "TextEdit", "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, "alice", "lab", "Preview", "2026-11-22T21:45:00.123Z", 0 }
};

START_TEST(test_filter)
{
  const filter_case_t	*c = filter_cases + _i;
  report_filter_t	filter;
  report_record_t	rec;
  paudit_error_t	error = { 0, "" };
  json_t		*json;


  memset(&filter, 0, sizeof(filter));
  ck_assert(!c->since || !reportFilterSince(&filter, c->since));
  ck_assert(!c->until || !reportFilterUntil(&filter, c->until));
  filter.user        = c->user;
  filter.printer     = c->printer;
  filter.application = c->app;

  json = json_pack("{s:s, s:s, s:{s:s, s:s, s:n}, s:{s:s}}", "schema", PAUDIT_SCHEMA,
                   "time", c->time, "job", "user", "alice", "application", "TextEdit",
                   "title", "printer", "name", "lab");
  ck_assert_ptr_nonnull(json);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, &error), 0);
  ck_assert_msg(reportFilterMatch(&filter, &rec) == c->keep, "case %d: expected %s", _i,
                c->keep ? "kept" : "dropped");
  json_decref(json);
}
END_TEST

START_TEST(test_filter_values)
{
  report_filter_t	filter;


  memset(&filter, 0, sizeof(filter));
  ck_assert_int_eq(reportFilterSince(&filter, "2026-11-22T21:45:00Z"), 0);
  ck_assert_int_eq(reportFilterSince(&filter, "last week"), -1);
  ck_assert_int_eq(reportFilterUntil(&filter, "2026-11-31"), -1);
  ck_assert_int_eq(reportFilterUntil(&filter, "2026-11-30"), 0);
  ck_assert(filter.until_before && filter.until.sec == 1796083200LL);
}
END_TEST


/*
 * Record fields...
 */

START_TEST(test_record_fields)
{
  report_record_t	rec;
  char			address[64];
  paudit_error_t	error = { 0, "" };
  json_t		*json;


  json = json_pack("{s:s, s:s, s:{s:s, s:s, s:n, s:i, s:i}, s:{s:s, s:s, s:i}}",
                   "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00.123Z",
                   "job", "user", "u", "title", "T", "document_name", "impressions", 4,
                   "copies", 2, "printer", "name", "p", "host", "fe80::1", "port", 9100);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, &error), 0);
  ck_assert_str_eq(rec.document, "T");		// title when no document_name
  ck_assert(rec.impressions == 4 && rec.copies == 2 && rec.port == 9100);
  ck_assert_ptr_null(rec.application);
  ck_assert_str_eq(reportAddress(&rec, address, sizeof(address)), "[fe80::1]:9100");
  json_decref(json);

  json = json_pack("{s:s, s:s, s:{s:s, s:s, s:i}, s:{s:s, s:n}}",
                   "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00.123Z",
                   "job", "title", "T", "document_name", "D", "impressions", -3,
                   "printer", "host", "h", "port");
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, &error), 0);
  ck_assert_str_eq(rec.document, "D");
  ck_assert(rec.impressions == -1 && rec.copies == -1 && rec.port == -1);
  ck_assert_str_eq(reportAddress(&rec, address, sizeof(address)), "h");
  json_decref(json);

  json = json_pack("{s:s, s:s}", "schema", PAUDIT_SCHEMA, "time", "2026-11-22");
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, &error), -1);
  ck_assert_ptr_nonnull(strstr(error.text, "time"));
  json_decref(json);

  json = json_pack("{s:s, s:s}", "schema", "printaudit/2", "time", "2026-11-22T21:45:00Z");
  pauditErrorClear(&error);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, &error), -1);
  ck_assert_str_eq(error.text, "not a " PAUDIT_SCHEMA " record");
  json_decref(json);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-filter");
  TCase	*tc = tcase_create("filter");


  tcase_add_loop_test(tc, test_filter, 0, (int)UNIT_COUNT(filter_cases));
  tcase_add_test(tc, test_filter_values);
  tcase_add_test(tc, test_record_fields);
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
