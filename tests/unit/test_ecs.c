/*
 * printaudit unit tests: the ECS form of records (lib/ecs.c).
 *
 * The input records are given as JSON text, not built by lib/record.c,
 * so that each field of the mapping and each way a field can be missing
 * is tested on its own: job.start, job.end, the message, and that the
 * input record is left as it was.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


/*
 * The golden record (tests/data/macos-textedit-socket.record.json) and
 * its ECS form, field by field.
 */

START_TEST(test_ecs_job_start)
{
  json_t	*record = unitLoadJSON("macos-textedit-socket.record.json"),
		*before, *ecs, *expect, *options;


  ck_assert_ptr_nonnull((before = json_deep_copy(record)));
  ck_assert_ptr_nonnull((options = json_object_get(record, "options")));
  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));

  expect = unitParse(
    "{\"@timestamp\":\"2026-11-22T21:45:00.123Z\",\"ecs\":{\"version\":\"8.11.0\"},"
    "\"event\":{\"action\":\"job.start\",\"id\":\"9f1c2b7e0d4a4e1f8a3b5c6d7e8f9a0b\","
    "\"kind\":\"event\",\"category\":[\"file\"],\"type\":[\"access\"],"
    "\"module\":\"printaudit\",\"dataset\":\"printaudit.job\"},"
    "\"message\":\"allen.golbig printed \\\"test\\\", 1 copy of 1 page, from TextEdit, "
    "to Brother_HL_2270DW_series (socket://BRN30055C300D7A.local.:9100/)\","
    "\"host\":{\"name\":\"printsrv1\"},\"user\":{\"name\":\"allen.golbig\"},"
    "\"related\":{\"user\":[\"allen.golbig\"]},"
    "\"file\":{\"name\":\"test\",\"mime_type\":\"application/pdf\"},"
    "\"source\":{\"address\":\"localhost\"},"
    "\"url\":{\"original\":\"socket://BRN30055C300D7A.local.:9100/\"},"
    "\"destination\":{\"address\":\"BRN30055C300D7A.local.\",\"port\":9100},"
    "\"network\":{\"protocol\":\"socket\"},"
    "\"printaudit\":{\"schema\":\"printaudit/1\","
    "\"job\":{\"id\":150,\"title\":\"test\",\"copies\":1,"
    "\"uuid\":\"urn:uuid:0cb6a68a-5fbb-3a19-7522-64b9aef4b512\",\"impressions\":1,"
    "\"application\":\"TextEdit\",\"media\":\"Letter\",\"sides\":\"one-sided\","
    "\"color\":\"monochrome\",\"created\":\"2023-02-15T04:00:36Z\",\"file\":null,"
    "\"document_name\":\"test\",\"billing\":null},"
    "\"printer\":{\"name\":\"Brother_HL_2270DW_series\",\"info\":null,\"location\":null},"
    "\"document\":{\"final_content_type\":\"printer/Brother_HL_2270DW_series\"}}}");
  // The options object is the record's own, shared, not copied.
  ck_assert_ptr_eq(json_object_get(json_object_get(ecs, "printaudit"), "options"), options);
  json_object_del(json_object_get(ecs, "printaudit"), "options");
  unitAssertJSON(ecs, expect, "ECS job.start");
  json_decref(ecs);

  // The input record is not changed (and stays valid after the ECS one).
  unitAssertJSON(record, before, "record after pauditRecordECSNew()");

  json_decref(expect);
  json_decref(before);
  json_decref(record);
}
END_TEST


/*
 * Missing fields: every ECS field is there, null (related.user an empty
 * array), and the message says what is unknown.
 */

START_TEST(test_ecs_missing)
{
  json_t	*record = unitParse("{}"), *ecs, *expect;


  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  expect = unitParse(
    "{\"@timestamp\":null,\"ecs\":{\"version\":\"8.11.0\"},"
    "\"event\":{\"action\":\"job.start\",\"id\":null,"
    "\"kind\":\"event\",\"category\":[\"file\"],\"type\":[\"access\"],"
    "\"module\":\"printaudit\",\"dataset\":\"printaudit.job\"},"
    "\"message\":\"unknown user printed \\\"untitled\\\", to an unnamed printer\","
    "\"host\":{\"name\":null},\"user\":{\"name\":null},\"related\":{\"user\":[]},"
    "\"file\":{\"name\":null,\"mime_type\":null},\"source\":{\"address\":null},"
    "\"url\":{\"original\":null},\"destination\":{\"address\":null,\"port\":null},"
    "\"network\":{\"protocol\":null},"
    "\"printaudit\":{\"schema\":null,"
    "\"job\":{\"id\":null,\"title\":null,\"copies\":null,\"uuid\":null,\"impressions\":null,"
    "\"application\":null,\"media\":null,\"sides\":null,\"color\":null,\"created\":null,"
    "\"file\":null,\"document_name\":null,\"billing\":null},"
    "\"printer\":{\"name\":null,\"info\":null,\"location\":null},"
    "\"document\":{\"final_content_type\":null}}}");
  unitAssertJSON(ecs, expect, "ECS of an empty record");
  json_decref(ecs);
  json_decref(expect);
  json_decref(record);

  // Groups of the wrong type read as missing; no options, no truncated.
  record = unitParse("{\"job\":[1],\"printer\":\"x\",\"event\":{\"action\":\"job.start\"}}");
  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  ck_assert_str_eq(json_string_value(json_object_get(ecs, "message")),
                   "unknown user printed \"untitled\", to an unnamed printer");
  ck_assert_ptr_null(json_object_get(json_object_get(ecs, "printaudit"), "options"));
  ck_assert_ptr_null(json_object_get(json_object_get(ecs, "printaudit"), "truncated"));
  json_decref(ecs);
  json_decref(record);
}
END_TEST


/*
 * The message: document name before title, copies and pages in the
 * singular and plural, optional parts left out, cut at PAUDIT_MAX_VALUE
 * on a character boundary.
 */

static const struct
{
  const char	*record;		/* Input */
  const char	*message;		/* Expected message */
} message_cases[] =
{
  { "{\"job\":{\"user\":\"u\",\"title\":\"T\",\"document_name\":\"D\"}}",
    "u printed \"D\", to an unnamed printer" },
  { "{\"job\":{\"user\":\"u\",\"title\":\"T\",\"document_name\":null}}",
    "u printed \"T\", to an unnamed printer" },
  { "{\"job\":{\"user\":\"u\",\"title\":\"T\",\"copies\":3,\"impressions\":2}}",
    "u printed \"T\", 3 copies of 2 pages, to an unnamed printer" },
  { "{\"job\":{\"user\":\"u\",\"impressions\":1}}",
    "u printed \"untitled\" of 1 page, to an unnamed printer" },
  { "{\"job\":{\"user\":\"u\",\"copies\":\"2\",\"impressions\":null}}",
    "u printed \"untitled\", to an unnamed printer" },
  { "{\"job\":{\"application\":\"App\"},\"printer\":{\"name\":\"P\"}}",
    "unknown user printed \"untitled\", from App, to P" },
  { "{\"printer\":{\"name\":\"P\",\"uri\":\"ipp://h/q\"}}",
    "unknown user printed \"untitled\", to P (ipp://h/q)" },
  { "{\"printer\":{\"uri\":\"ipp://h/q\"}}",
    "unknown user printed \"untitled\", to an unnamed printer (ipp://h/q)" },
};

START_TEST(test_ecs_message)
{
  json_t	*record = unitParse(message_cases[_i].record), *ecs;


  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  ck_assert_str_eq(json_string_value(json_object_get(ecs, "message")),
                   message_cases[_i].message);
  json_decref(ecs);
  json_decref(record);
}
END_TEST


START_TEST(test_ecs_message_cut)
{
  // 4090 ASCII bytes, then 3-byte characters: the cut falls inside one.
  char		*title = unitRepeat(NULL, "a", 4080, NULL),
		*more = unitRepeat(title, "\xe2\x82\xac", 10, NULL);
  json_t	*record = json_pack("{s:{s:s,s:s}}", "job", "user", "u", "title", more),
		*ecs;
  const char	*message;
  size_t	len;


  ck_assert_ptr_nonnull(record);
  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  message = json_string_value(json_object_get(ecs, "message"));
  ck_assert_ptr_nonnull(message);
  len = strlen(message);
  ck_assert_uint_le(len, PAUDIT_MAX_VALUE);
  ck_assert_uint_gt(len, PAUDIT_MAX_VALUE - 3);
  ck_assert_uint_eq(pauditUTF8Prefix(message, len, len), len);
  ck_assert(!strncmp(message, "u printed \"aaa", 14));
  // The title itself is in full elsewhere.
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(json_object_get(ecs,
                   "printaudit"), "job"), "title")), more);
  json_decref(ecs);
  json_decref(record);
  free(title);
  free(more);
}
END_TEST


/*
 * options and truncated go under printaudit.*; the user in related.user.
 */

START_TEST(test_ecs_options_truncated)
{
  json_t	*record = unitParse(
    "{\"job\":{\"user\":\"u\"},\"options\":{\"media\":\"A4\"},\"truncated\":[\"job.title\"]}"),
		*ecs, *pa;


  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  pa = json_object_get(ecs, "printaudit");
  unitAssertJSON(json_object_get(pa, "options"), json_object_get(record, "options"), "options");
  unitAssertJSON(json_object_get(pa, "truncated"), json_object_get(record, "truncated"), "truncated");
  ck_assert_ptr_null(json_object_get(ecs, "options"));
  ck_assert_ptr_null(json_object_get(ecs, "truncated"));
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(json_object_get(ecs,
                   "related"), "user"), 0)), "u");
  json_decref(ecs);
  json_decref(record);
}
END_TEST


/*
 * job.end: its own form; event.outcome from job.state.
 */

static const struct
{
  const char	*state;			/* job.state or NULL */
  const char	*outcome;		/* event.outcome */
  const char	*message;		/* message */
} end_cases[] =
{
  { "completed", "success", "job 7 completed on P, 1 impression" },
  { "aborted", "failure", "job 7 aborted on P, 1 impression" },
  { "canceled", "unknown", "job 7 canceled on P, 1 impression" },
  { NULL, "unknown", "job 7 unknown on P, 1 impression" },
};

START_TEST(test_ecs_job_end)
{
  json_t	*record, *ecs, *pa, *before;


  record = json_pack("{s:s,s:{s:s,s:s},s:s,s:{s:i,s:o,s:i,s:s},s:{s:s},s:[s]}",
                     "schema", "printaudit/1",
                     "event", "action", "job.end", "id", "abc",
                     "time", "2026-11-22T21:45:02.123Z",
                     "job", "id", 7, "state",
                     end_cases[_i].state ? json_string(end_cases[_i].state) : json_null(),
                     "impressions_completed", 1, "title", "T",
                     "printer", "name", "P",
                     "truncated", "job.title");
  ck_assert_ptr_nonnull(record);
  ck_assert_ptr_nonnull((before = json_deep_copy(record)));
  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  unitAssertJSON(record, before, "job.end record after pauditRecordECSNew()");

  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(ecs, "event"), "action")), "job.end");
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(ecs, "event"), "id")), "abc");
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(ecs, "event"), "outcome")),
                   end_cases[_i].outcome);
  ck_assert_str_eq(json_string_value(json_object_get(ecs, "message")), end_cases[_i].message);
  ck_assert_str_eq(json_string_value(json_object_get(ecs, "@timestamp")), "2026-11-22T21:45:02.123Z");
  // No job.start fields, no user: null name, empty related.user.
  ck_assert_ptr_null(json_object_get(ecs, "file"));
  ck_assert_ptr_null(json_object_get(ecs, "url"));
  ck_assert(json_is_null(json_object_get(json_object_get(ecs, "user"), "name")));
  ck_assert_uint_eq(json_array_size(json_object_get(json_object_get(ecs, "related"), "user")), 0);
  pa = json_object_get(ecs, "printaudit");
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(pa, "job"), "title")), "T");
  ck_assert(json_is_null(json_object_get(json_object_get(pa, "job"), "uuid")));
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(pa, "printer"), "name")), "P");
  unitAssertJSON(json_object_get(pa, "truncated"), json_object_get(record, "truncated"), "truncated");
  json_decref(ecs);
  json_decref(before);
  json_decref(record);
}
END_TEST


START_TEST(test_ecs_job_end_missing)
{
  json_t	*record = unitParse("{\"event\":{\"action\":\"job.end\"}}"), *ecs;


  ck_assert_ptr_nonnull((ecs = pauditRecordECSNew(record)));
  ck_assert_str_eq(json_string_value(json_object_get(ecs, "message")),
                   "job 0 unknown on an unnamed printer");
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(ecs, "event"), "outcome")),
                   "unknown");
  ck_assert(json_is_null(json_object_get(ecs, "@timestamp")));
  ck_assert_ptr_null(json_object_get(json_object_get(ecs, "printaudit"), "truncated"));
  json_decref(ecs);
  json_decref(record);
}
END_TEST


static Suite *
ecs_suite(void)
{
  Suite	*s = suite_create("ecs");
  TCase	*tc = tcase_create("core");

  tcase_add_test(tc, test_ecs_job_start);
  tcase_add_test(tc, test_ecs_missing);
  tcase_add_loop_test(tc, test_ecs_message, 0, (int)UNIT_COUNT(message_cases));
  tcase_add_test(tc, test_ecs_message_cut);
  tcase_add_test(tc, test_ecs_options_truncated);
  tcase_add_loop_test(tc, test_ecs_job_end, 0, (int)UNIT_COUNT(end_cases));
  tcase_add_test(tc, test_ecs_job_end_missing);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  return (unitRun(ecs_suite()));
}
