/*
 * printaudit unit tests: the job.end record (lib/outcome.c) and its ECS
 * form.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"

#define GOLDEN_ID "0123456789abcdef0123456789abcdef"


/*
 * 'outcomeInit()' - A job that completed with 3 impressions.
 */

static void
outcomeInit(paudit_outcome_t *o)	/* O - Outcome */
{
  memset(o, 0, sizeof(*o));
  o->job_id       = 150;
  o->uuid         = "urn:uuid:0cb6a68a-5fbb-3a19-7522-64b9aef4b512";
  o->state        = 9;
  o->impressions  = 3;
  o->media_sheets = 3;
  o->processing   = 1795383900;		// 2026-11-22T21:45:00Z
  o->completed    = 1795383902;
  o->user         = "allen.golbig";
  o->title        = "test";
  o->printer      = "Brother_HL_2270DW_series";
  o->hostname     = "printsrv1";
  o->now.tv_sec   = 1795383902;
  o->now.tv_nsec  = 123000000;
  memcpy(o->event_id, GOLDEN_ID, sizeof(o->event_id));
}


START_TEST(test_outcome_golden)
{
  static const char expect_text[] =
    "{\"schema\":\"printaudit/1\","
    "\"event\":{\"action\":\"job.end\",\"id\":\"" GOLDEN_ID "\"},"
    "\"time\":\"2026-11-22T21:45:02.123Z\",\"host\":{\"name\":\"printsrv1\"},"
    "\"job\":{\"id\":150,\"uuid\":\"urn:uuid:0cb6a68a-5fbb-3a19-7522-64b9aef4b512\","
    "\"state\":\"completed\",\"impressions_completed\":3,\"media_sheets_completed\":3,"
    "\"processing\":\"2026-11-22T21:45:00Z\",\"completed\":\"2026-11-22T21:45:02Z\","
    "\"user\":\"allen.golbig\",\"title\":\"test\"},"
    "\"printer\":{\"name\":\"Brother_HL_2270DW_series\"}}";
  paudit_outcome_t	o;
  paudit_error_t	error;
  json_t		*record, *expect = unitParse(expect_text);
  char			*text;
  size_t		len;


  outcomeInit(&o);
  pauditErrorClear(&error);
  ck_assert_ptr_nonnull((record = pauditOutcomeNew(&o, &error)));
  unitAssertJSON(record, expect, "job.end");

  // Serialized in this key order, as the contract shows it.
  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  ck_assert_str_eq(text, expect_text);
  free(text);
  json_decref(record);
  json_decref(expect);
}
END_TEST


START_TEST(test_outcome_nulls)
{
  // A job canceled while held: no uuid disclosed, no counts, never processed.
  paudit_outcome_t	o;
  paudit_error_t	error;
  json_t		*record, *job;


  outcomeInit(&o);
  o.state = 7;
  o.uuid = o.user = o.title = o.printer = o.hostname = NULL;
  o.impressions = o.media_sheets = -1;
  o.processing = 0;
  pauditErrorClear(&error);
  ck_assert_ptr_nonnull((record = pauditOutcomeNew(&o, &error)));
  job = json_object_get(record, "job");
  ck_assert_str_eq(json_string_value(json_object_get(job, "state")), "canceled");
  ck_assert(json_is_null(json_object_get(job, "uuid")));
  ck_assert(json_is_null(json_object_get(job, "impressions_completed")));
  ck_assert(json_is_null(json_object_get(job, "media_sheets_completed")));
  ck_assert(json_is_null(json_object_get(job, "processing")));
  ck_assert(json_is_null(json_object_get(job, "user")));
  ck_assert(json_is_null(json_object_get(job, "title")));
  ck_assert(json_is_null(json_object_get(json_object_get(record, "printer"), "name")));
  ck_assert(json_is_null(json_object_get(json_object_get(record, "host"), "name")));
  ck_assert_ptr_null(json_object_get(record, "truncated"));
  json_decref(record);
}
END_TEST


static const struct
{
  int		state;
  const char	*name;
} state_cases[] =
{
  { 7, "canceled" }, { 8, "aborted" }, { 9, "completed" },
  { 3, NULL }, { 4, NULL }, { 5, NULL }, { 6, NULL }, { 0, NULL }, { 10, NULL }
};


START_TEST(test_outcome_states)
{
  paudit_outcome_t	o;
  paudit_error_t	error;
  json_t		*record;


  outcomeInit(&o);
  o.state = state_cases[_i].state;
  pauditErrorClear(&error);
  record = pauditOutcomeNew(&o, &error);
  if (!state_cases[_i].name)
  {
    ck_assert_ptr_null(record);
    ck_assert_ptr_null(pauditOutcomeStateName(o.state));
    ck_assert(error.text[0]);
    return;
  }
  ck_assert_ptr_nonnull(record);
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(record, "job"), "state")),
                   state_cases[_i].name);
  json_decref(record);
}
END_TEST


START_TEST(test_outcome_sanitized)
{
  // A title with a control character, invalid UTF-8 and over 4096 bytes:
  // escaped, replaced and cut, and listed in truncated, as in job.start.
  paudit_outcome_t	o;
  paudit_error_t	error;
  json_t		*record, *title;
  char			*long_title = unitRepeat("a\x01\xff", "x", 5000, NULL);
  char			*text;
  size_t		len;


  outcomeInit(&o);
  o.title = long_title;
  pauditErrorClear(&error);
  ck_assert_ptr_nonnull((record = pauditOutcomeNew(&o, &error)));
  title = json_object_get(json_object_get(record, "job"), "title");
  ck_assert(json_is_string(title));
  ck_assert_uint_le(json_string_length(title), PAUDIT_MAX_VALUE);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(record, "truncated"), 0)),
                   "job.title");
  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  ck_assert_ptr_null(memchr(text, '\x01', len));
  ck_assert_ptr_nonnull(strstr(text, "a\\u0001\xef\xbf\xbdxxx"));
  free(text);
  json_decref(record);
  free(long_title);
}
END_TEST


START_TEST(test_outcome_ecs)
{
  paudit_outcome_t	o;
  paudit_error_t	error;
  json_t		*record, *ecs, *expect;


  outcomeInit(&o);
  pauditErrorClear(&error);
  ck_assert_ptr_nonnull((record = pauditOutcomeNew(&o, &error)));
  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  expect = unitParse(
    "{\"@timestamp\":\"2026-11-22T21:45:02.123Z\",\"ecs\":{\"version\":\"8.11.0\"},"
    "\"event\":{\"action\":\"job.end\",\"id\":\"" GOLDEN_ID "\",\"kind\":\"event\","
    "\"category\":[\"file\"],\"type\":[\"info\"],\"outcome\":\"success\","
    "\"module\":\"printaudit\",\"dataset\":\"printaudit.job\"},"
    "\"message\":\"job 150 completed on Brother_HL_2270DW_series, 3 impressions\","
    "\"host\":{\"name\":\"printsrv1\"},\"user\":{\"name\":\"allen.golbig\"},"
    "\"related\":{\"user\":[\"allen.golbig\"]},"
    "\"printaudit\":{\"schema\":\"printaudit/1\",\"job\":{\"id\":150,"
    "\"uuid\":\"urn:uuid:0cb6a68a-5fbb-3a19-7522-64b9aef4b512\",\"state\":\"completed\","
    "\"impressions_completed\":3,\"media_sheets_completed\":3,"
    "\"processing\":\"2026-11-22T21:45:00Z\",\"completed\":\"2026-11-22T21:45:02Z\","
    "\"title\":\"test\"},\"printer\":{\"name\":\"Brother_HL_2270DW_series\"}}}");
  unitAssertJSON(ecs, expect, "ECS job.end");
  json_decref(expect);
  json_decref(ecs);
  json_decref(record);
}
END_TEST


static Suite *
outcome_suite(void)
{
  Suite	*s = suite_create("outcome");
  TCase	*tc = tcase_create("core");


  tcase_add_test(tc, test_outcome_golden);
  tcase_add_test(tc, test_outcome_nulls);
  tcase_add_loop_test(tc, test_outcome_states, 0, (int)UNIT_COUNT(state_cases));
  tcase_add_test(tc, test_outcome_sanitized);
  tcase_add_test(tc, test_outcome_ecs);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  return (unitRun(outcome_suite()));
}
