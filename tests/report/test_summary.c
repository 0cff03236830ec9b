/*
 * printaudit-report unit tests: summaries (summary.c) and the ordered map (map.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include "unit.h"


/*
 * Summaries...
 */

/*
 * 'summary_add()' - Count a record made of the given fields.
 */

static void
summary_add(report_summary_t *summary,	/* I - Summary */
            const char       *time,	/* I - Record time */
            const char       *user,	/* I - job.user or NULL */
            int              impressions,/* I - job.impressions or -1 */
            int              copies)	/* I - job.copies or -1 */
{
  report_record_t	rec;
  paudit_error_t	error = { 0, "" };
  json_t		*json;


  json = json_pack("{s:s, s:s, s:{s:o, s:o, s:o}}", "schema", PAUDIT_SCHEMA, "time", time,
                   "job", "user", user ? json_string(user) : json_null(),
                   "impressions", impressions < 0 ? json_null() : json_integer(impressions),
                   "copies", copies < 0 ? json_null() : json_integer(copies));
  ck_assert_ptr_nonnull(json);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, &error), 0);
  ck_assert_int_eq(reportSummaryAdd(summary, &rec), 0);
  json_decref(json);
}

/*
 * 'summary_text()' - The summary as written in a format.
 */

static char *				/* O - Output; free() it */
summary_text(report_summary_t *summary,	/* I - Summary */
             report_format_t  format)	/* I - Format */
{
  unit_memout_t	m;


  unitMemoutOpen(&m);
  ck_assert_int_eq(reportSummaryWrite(summary, m.fp, format), 0);
  unitMemoutText(&m);

  return (m.data);
}

START_TEST(test_summary_user)
{
  report_summary_t	*summary;
  report_by_t		by;
  char			*text;


  ck_assert_int_eq(reportSummaryBy("user", &by), 0);
  ck_assert_int_eq(reportSummaryBy("host", &by), -1);
  summary = reportSummaryNew(REPORT_BY_USER);

  summary_add(summary, "2026-11-22T10:00:00.000Z", "alice", 2, 3);	// 6
  summary_add(summary, "2026-11-21T10:00:00.000Z", "alice", -1, 1);	// unknown
  summary_add(summary, "2026-11-23T10:00:00.000Z", "alice", 4, -1);	// unknown
  summary_add(summary, "2026-11-22T09:00:00.000Z", "bob", 1, 10);	// 10
  summary_add(summary, "2026-11-22T08:00:00.000Z", "carol", 6, 1);	// 6
  summary_add(summary, "2026-11-22T07:00:00.000Z", NULL, 5, 1);	// 5
  summary_add(summary, "2026-11-22T06:00:00.000Z", "dave", 0, 4);	// 0

  text = summary_text(summary, REPORT_FORMAT_CSV);
  ck_assert_str_eq(text,
                   "user,jobs,pages,unknown_pages,first,last\r\n"
                   "bob,1,10,0,2026-11-22T09:00:00.000Z,2026-11-22T09:00:00.000Z\r\n"
                   "alice,3,6,2,2026-11-21T10:00:00.000Z,2026-11-23T10:00:00.000Z\r\n"
                   "carol,1,6,0,2026-11-22T08:00:00.000Z,2026-11-22T08:00:00.000Z\r\n"
                   ",1,5,0,2026-11-22T07:00:00.000Z,2026-11-22T07:00:00.000Z\r\n"
                   "dave,1,0,0,2026-11-22T06:00:00.000Z,2026-11-22T06:00:00.000Z\r\n");
  free(text);

  text = summary_text(summary, REPORT_FORMAT_JSON);
  ck_assert_ptr_nonnull(strstr(text, "{\"user\":\"alice\",\"jobs\":3,\"pages\":6,\"unknown_pages\":2,"
                                     "\"first\":\"2026-11-21T10:00:00.000Z\","
                                     "\"last\":\"2026-11-23T10:00:00.000Z\"}\n"));
  ck_assert_ptr_nonnull(strstr(text, "{\"user\":null,\"jobs\":1,\"pages\":5,"));
  free(text);

  text = summary_text(summary, REPORT_FORMAT_TABLE);
  ck_assert_str_eq(text,
                   "USER   JOBS  PAGES  UNKNOWN_PAGES  FIRST                     LAST\n"
                   "bob       1     10              0  2026-11-22T09:00:00.000Z  2026-11-22T09:00:00.000Z\n"
                   "alice     3      6              2  2026-11-21T10:00:00.000Z  2026-11-23T10:00:00.000Z\n"
                   "carol     1      6              0  2026-11-22T08:00:00.000Z  2026-11-22T08:00:00.000Z\n"
                   "-         1      5              0  2026-11-22T07:00:00.000Z  2026-11-22T07:00:00.000Z\n"
                   "dave      1      0              0  2026-11-22T06:00:00.000Z  2026-11-22T06:00:00.000Z\n");
  free(text);

  reportSummaryDelete(summary);
}
END_TEST

START_TEST(test_summary_times)
{
  report_summary_t	*summary = reportSummaryNew(REPORT_BY_USER);
  char			*text;


  // The earliest and latest "time" as written, whatever their lengths
  // (a kept copy is reused when the next one fits).
  summary_add(summary, "2026-11-22T10:00:00.5Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T11:00:00Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T12:00:00.123456789Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T09:00:00.123456789Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T09:30:00+01:00", "a", 1, 1);
  summary_add(summary, "2026-11-22T12:30:00Z", "a", 1, 1);
  text = summary_text(summary, REPORT_FORMAT_CSV);
  ck_assert_str_eq(text,
                   "user,jobs,pages,unknown_pages,first,last\r\n"
                   "a,6,6,0,2026-11-22T09:30:00+01:00,2026-11-22T12:30:00Z\r\n");
  free(text);
  reportSummaryDelete(summary);
}
END_TEST


START_TEST(test_summary_day)
{
  report_summary_t	*summary = reportSummaryNew(REPORT_BY_DAY);
  char			*text;


  summary_add(summary, "2026-11-22T23:59:59.999Z", "a", 1, 1);
  summary_add(summary, "2026-11-23T00:30:00+01:00", "a", 2, 1);	// 2026-11-22 in UTC
  summary_add(summary, "2026-11-23T00:00:00.000Z", "a", 1, 1);
  summary_add(summary, "1969-12-31T23:00:00.000Z", "a", 1, 1);
  summary_add(summary, "2024-02-29T12:00:00.000Z", "a", 7, 1);
  text = summary_text(summary, REPORT_FORMAT_CSV);
  ck_assert_str_eq(text,
                   "day,jobs,pages,unknown_pages,first,last\r\n"
                   "2024-02-29,1,7,0,2024-02-29T12:00:00.000Z,2024-02-29T12:00:00.000Z\r\n"
                   "2026-11-22,2,3,0,2026-11-23T00:30:00+01:00,2026-11-22T23:59:59.999Z\r\n"
                   "1969-12-31,1,1,0,1969-12-31T23:00:00.000Z,1969-12-31T23:00:00.000Z\r\n"
                   "2026-11-23,1,1,0,2026-11-23T00:00:00.000Z,2026-11-23T00:00:00.000Z\r\n");
  free(text);
  reportSummaryDelete(summary);
}
END_TEST


/*
 * Ordered map...
 */

START_TEST(test_map)
{
  report_map_t	*map = reportMapNew();
  char		key[32];
  const char	*first;
  long		i;
  void		**values;


  ck_assert_ptr_nonnull(map);
  for (i = 0; i < 5000; i ++)
  {
    snprintf(key, sizeof(key), "k%ld", i);
    ck_assert_int_eq(reportMapAdd(map, key, (void *)(i + 1)), 0);
  }
  ck_assert_uint_eq(reportMapCount(map), 5000);
  for (i = 0; i < 5000; i += 2)
  {
    snprintf(key, sizeof(key), "k%ld", i);
    ck_assert_ptr_eq(reportMapRemove(map, key), (void *)(i + 1));
  }
  ck_assert_ptr_null(reportMapRemove(map, "k0"));
  ck_assert_ptr_null(reportMapGet(map, "k4"));
  ck_assert_ptr_eq(reportMapGet(map, "k4999"), (void *)5000);
  ck_assert_ptr_eq(reportMapFirst(map, &first), (void *)2);
  ck_assert_str_eq(first, "k1");
  values = reportMapValues(map);
  ck_assert_ptr_nonnull(values);
  for (i = 0; i < 2500; i ++)
    ck_assert_ptr_eq(values[i], (void *)(2 * i + 2));
  free(values);
  reportMapDelete(map, NULL);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-summary");
  TCase	*tc = tcase_create("summary");


  tcase_add_test(tc, test_summary_user);
  tcase_add_test(tc, test_summary_day);
  tcase_add_test(tc, test_summary_times);
  tcase_add_test(tc, test_map);
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
