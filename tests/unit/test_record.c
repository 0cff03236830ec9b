/*
 * printaudit unit tests: records (lib/record.c).
 *
 * Expected records are written by hand from CONTRACT.md ("The record").
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


/*
 * 'recordGet()' - A value in a record by path ("job.media").
 */

static json_t *				/* O - Borrowed value or NULL */
recordGet(json_t     *record,		/* I - Record */
          const char *path)		/* I - "object.key" */
{
  char		object[64];
  const char	*dot = strchr(path, '.');


  ck_assert_ptr_nonnull(dot);
  ck_assert_uint_lt((size_t)(dot - path), sizeof(object));
  memcpy(object, path, (size_t)(dot - path));
  object[dot - path] = '\0';

  return (json_object_get(json_object_get(record, object), dot + 1));
}


/*
 * Golden record.
 */

START_TEST(test_record_golden)
{
  char		*options = unitReadFile(unitDataPath("macos-textedit-socket.options"), NULL);
  json_t	*expect = unitLoadJSON("macos-textedit-socket.record.json"),
		*record;
  unit_job_t	t;


  unitJob(&t, options, NULL, NULL);
  record = unitJobRecord(&t);
  unitAssertJSON(record, expect, "macos-textedit-socket");

  json_decref(record);
  json_decref(expect);
  unitJobFree(&t);
  free(options);
}
END_TEST


START_TEST(test_record_absent_sources)
{
  // Nothing but argv and the URI: every other field is null.
  static const char expect_text[] =
    "{\"schema\":\"printaudit/1\","
    "\"event\":{\"action\":\"job.start\",\"id\":\"" UNIT_GOLDEN_ID "\"},"
    "\"time\":\"2026-11-22T21:45:00.123Z\","
    "\"host\":{\"name\":null},"
    "\"job\":{\"id\":150,\"user\":\"allen.golbig\",\"title\":\"test\",\"copies\":1,"
    "\"file\":null,\"uuid\":null,\"originating_host\":null,\"document_name\":null,"
    "\"created\":null,\"impressions\":null,\"application\":null,\"media\":null,"
    "\"sides\":null,\"color\":null,\"billing\":null},"
    "\"printer\":{\"name\":null,\"info\":null,\"location\":null,"
    "\"uri\":\"" UNIT_GOLDEN_URI "\",\"backend\":\"socket\","
    "\"host\":\"BRN30055C300D7A.local.\",\"port\":9100},"
    "\"document\":{\"content_type\":null,\"final_content_type\":null},"
    "\"options\":{}}";
  json_t	*expect = unitParse(expect_text), *record;
  unit_job_t	t;


  unitJob(&t, "", NULL, NULL);
  t.job.printer            = NULL;
  t.job.content_type       = NULL;
  t.job.final_content_type = NULL;
  t.job.hostname           = NULL;
  record = unitJobRecord(&t);
  unitAssertJSON(record, expect, "absent sources");

  json_decref(record);
  json_decref(expect);
  unitJobFree(&t);
}
END_TEST


START_TEST(test_record_environment)
{
  json_t	*record, *expect;
  unit_job_t	t;


  unitJob(&t, "copies=3", NULL, "/var/spool/cups/d00150-001");
  free(t.argv[4]);
  t.argv[4]               = strdup("3");
  t.job.printer_info      = "Brother HL-2270DW";
  t.job.printer_location  = "Room 101";
  record = unitJobRecord(&t);

  expect = unitParse("\"/var/spool/cups/d00150-001\"");
  unitAssertJSON(recordGet(record, "job.file"), expect, "job.file");
  json_decref(expect);
  ck_assert(json_is_integer(recordGet(record, "job.copies")));
  ck_assert_int_eq(json_integer_value(recordGet(record, "job.copies")), 3);
  ck_assert_str_eq(json_string_value(recordGet(record, "printer.info")), "Brother HL-2270DW");
  ck_assert_str_eq(json_string_value(recordGet(record, "printer.location")), "Room 101");

  json_decref(record);
  unitJobFree(&t);
}
END_TEST


/*
 * job.media, job.sides, job.color: the first source with a usable value.
 */

typedef struct norm_case_s
{
  const char	*path;			/* Record field */
  const char	*options;		/* Options string */
  const char	*expect;		/* Expected value, JSON text */
} norm_case_t;

#define PMDUP "com.apple.print.PrintSettings.PMDuplexing..n."
#define PTPM  "com.apple.print.PageToPaperMappingMediaName"

static const norm_case_t norm_cases[] =
{
  { "job.media", "", "null" },
  { "job.media", "media=A4", "\"A4\"" },
  { "job.media", "media=iso_a4_210x297mm", "\"iso_a4_210x297mm\"" },
  { "job.media", "media=Custom.8.5x11in", "\"Custom.8.5x11in\"" },
  { "job.media", "media=4x6", "\"4x6\"" },
  { "job.media", "media=A4 PageSize=Letter", "\"A4\"" },
  { "job.media", "PageSize=Letter media=A4", "\"A4\"" },
  { "job.media", "PageSize=Letter", "\"Letter\"" },
  { "job.media", "PageSize=Letter PageRegion=A4", "\"Letter\"" },
  { "job.media", "PageRegion=A4 PageSize=Letter", "\"Letter\"" },
  { "job.media", "PageRegion=Legal", "\"Legal\"" },
  { "job.media", "PageRegion=Legal " PTPM "=A4", "\"Legal\"" },
  { "job.media", PTPM "=na_letter_8.5x11in", "\"na_letter_8.5x11in\"" },
  { "job.media", "media=0", "null" },
  { "job.media", "media=", "null" },
  { "job.media", "media=0 PageSize=A4", "\"A4\"" },
  { "job.media", "media= PageSize=A4", "\"A4\"" },
  { "job.media", "media=123 PageRegion=Legal", "\"Legal\"" },
  { "job.media", "media=0 PageSize= PageRegion=00 " PTPM "=Letter", "\"Letter\"" },
  { "job.media", "media=0 PageSize= PageRegion=00 " PTPM "=", "null" },

  { "job.sides", "", "null" },
  { "job.sides", "sides=one-sided", "\"one-sided\"" },
  { "job.sides", "sides=two-sided-short-edge", "\"two-sided-short-edge\"" },
  { "job.sides", "sides=two-sided-long-edge Duplex=None", "\"two-sided-long-edge\"" },
  { "job.sides", "Duplex=None sides=two-sided-long-edge", "\"two-sided-long-edge\"" },
  { "job.sides", "Duplex=None", "\"one-sided\"" },
  { "job.sides", "Duplex=DuplexNoTumble", "\"two-sided-long-edge\"" },
  { "job.sides", "Duplex=DuplexTumble", "\"two-sided-short-edge\"" },
  { "job.sides", PMDUP "=1", "\"one-sided\"" },
  { "job.sides", PMDUP "=2", "\"two-sided-long-edge\"" },
  { "job.sides", PMDUP "=3", "\"two-sided-short-edge\"" },
  { "job.sides", PMDUP "=7", "null" },
  { "job.sides", "Duplex=DuplexTumble " PMDUP "=1", "\"two-sided-short-edge\"" },
  { "job.sides", PMDUP "=2 Duplex=None", "\"one-sided\"" },
  { "job.sides", "Duplex=Bogus " PMDUP "=2", "\"two-sided-long-edge\"" },
  { "job.sides", "Duplex=Bogus", "null" },

  { "job.color", "", "null" },
  { "job.color", "print-color-mode=color", "\"color\"" },
  { "job.color", "print-color-mode=monochrome", "\"monochrome\"" },
  { "job.color", "print-color-mode=auto", "null" },
  { "job.color", "print-color-mode=monochrome ColorModel=RGB", "\"monochrome\"" },
  { "job.color", "ColorModel=RGB print-color-mode=monochrome", "\"monochrome\"" },
  { "job.color", "print-color-mode=color ColorModel=Gray", "\"color\"" },
  { "job.color", "ColorModel=Gray", "\"monochrome\"" },
  { "job.color", "ColorModel=Grayscale", "\"monochrome\"" },
  { "job.color", "ColorModel=KGray", "\"monochrome\"" },
  { "job.color", "ColorModel=Mono", "\"monochrome\"" },
  { "job.color", "ColorModel=Monochrome", "\"monochrome\"" },
  { "job.color", "ColorModel=Black", "\"monochrome\"" },
  { "job.color", "ColorModel=RGB", "\"color\"" },
  { "job.color", "ColorModel=CMYK", "\"color\"" },
  { "job.color", "ColorModel=CMY", "\"color\"" },
  { "job.color", "ColorModel=RGBW", "\"color\"" },
  { "job.color", "ColorModel=Color", "\"color\"" },
  { "job.color", "ColorModel=Bogus", "null" },

  { "job.created", "", "null" },
  { "job.created", "time-at-creation=1676433636", "\"2023-02-15T04:00:36Z\"" },
  { "job.created", "time-at-creation=951782400", "\"2000-02-29T00:00:00Z\"" },
  { "job.created", "time-at-creation=", "null" },
  { "job.created", "time-at-creation=abc", "null" },
  { "job.created", "time-at-processing=1676433636", "null" },

  { "job.impressions", "job-impressions=12", "12" },
  { "job.uuid", "job-uuid=urn:uuid:0cb6a68a-5fbb-3a19-7522-64b9aef4b512",
    "\"urn:uuid:0cb6a68a-5fbb-3a19-7522-64b9aef4b512\"" },
  { "job.originating_host", "job-originating-host-name=10.0.0.7", "\"10.0.0.7\"" },
  { "job.document_name", "document-name-supplied=report.pdf", "\"report.pdf\"" },
  { "job.application", "com.apple.print.JobInfo.PMApplicationName=Preview", "\"Preview\"" },
};


START_TEST(test_record_normalized)
{
  const norm_case_t	*c = norm_cases + _i;
  json_t		*record, *expect = unitParse(c->expect), *value;
  unit_job_t		t;
  char			what[512];


  unitJob(&t, c->options, NULL, NULL);
  record = unitJobRecord(&t);
  value  = recordGet(record, c->path);
  snprintf(what, sizeof(what), "%s from \"%s\"", c->path, c->options);
  ck_assert_msg(value != NULL, "%s: field missing", what);
  unitAssertJSON(value, expect, what);

  json_decref(record);
  json_decref(expect);
  unitJobFree(&t);
}
END_TEST


/*
 * time: the event's timestamp in UTC with milliseconds.
 */

typedef struct time_case_s
{
  time_t	sec;			/* Seconds */
  long		nsec;			/* Nanoseconds */
  const char	*expect;		/* Expected "time" */
} time_case_t;

static const time_case_t time_cases[] =
{
  { UNIT_GOLDEN_SEC, UNIT_GOLDEN_NSEC, "2026-11-22T21:45:00.123Z" },
  { UNIT_GOLDEN_SEC, 999999999, "2026-11-22T21:45:00.999Z" },
  { 0, 0, "1970-01-01T00:00:00.000Z" },
  { 1676433636, 5000000, "2023-02-15T04:00:36.005Z" },
  { 951782400, 0, "2000-02-29T00:00:00.000Z" },
};

START_TEST(test_record_time)
{
  const time_case_t	*c = time_cases + _i;
  json_t		*record;
  unit_job_t		t;


  unitJob(&t, "", NULL, NULL);
  t.job.now.tv_sec  = c->sec;
  t.job.now.tv_nsec = c->nsec;
  record = unitJobRecord(&t);
  ck_assert_str_eq(json_string_value(json_object_get(record, "time")), c->expect);
  json_decref(record);
  unitJobFree(&t);
}
END_TEST


/*
 * Long values are cut in the record and listed in "truncated".
 */

static int				/* O - 1 if listed */
truncatedHas(json_t     *record,	/* I - Record */
             const char *key)		/* I - "job.title" */
{
  json_t	*truncated = json_object_get(record, "truncated"), *item;
  size_t	i;


  ck_assert_msg(json_is_array(truncated), "no truncated array");
  json_array_foreach(truncated, i, item)
    if (json_is_string(item) && !strcmp(json_string_value(item), key))
      return (1);

  return (0);
}


START_TEST(test_record_long_title)
{
  char		*title = unitRepeat("T", "\xE2\x82\xAC", 1700, NULL);	// 5101 bytes
  json_t	*record, *value;
  unit_job_t	t;


  unitJob(&t, "media=A4", title, NULL);
  record = unitJobRecord(&t);
  value  = recordGet(record, "job.title");
  ck_assert(json_is_string(value));
  ck_assert_uint_eq(json_string_length(value), 4096);	// "T" + 1365 x 3
  ck_assert(!memcmp(json_string_value(value), title, 4096));
  ck_assert_msg(truncatedHas(record, "job.title"), "job.title not listed");
  ck_assert(!truncatedHas(record, "options.media"));

  json_decref(record);
  unitJobFree(&t);
  free(title);
}
END_TEST


START_TEST(test_record_long_option)
{
  char		*options = unitRepeat("media=A4 big=", "x", 5000, " small=1");
  json_t	*record, *value;
  unit_job_t	t;


  unitJob(&t, options, NULL, NULL);
  record = unitJobRecord(&t);
  value  = json_object_get(json_object_get(record, "options"), "big");
  ck_assert_uint_eq(json_string_length(value), 4096);
  ck_assert_msg(truncatedHas(record, "options.big"), "options.big not listed");
  ck_assert(!truncatedHas(record, "job.title"));

  json_decref(record);
  unitJobFree(&t);
  free(options);
}
END_TEST


/*
 * No credential in a record; control characters and bad bytes kept as text.
 */

START_TEST(test_record_no_credentials)
{
  json_t	*record;
  unit_job_t	t;
  char		*text;


  unitJob(&t, "a=1 job-password=Pw0rdB job-password-encryption=Pw0rdC", NULL, NULL);
  unitJobURI(&t, "ipp://user:Pw0rdA@printer.example/ipp/print");
  record = unitJobRecord(&t);
  text   = json_dumps(record, JSON_COMPACT);
  ck_assert_ptr_nonnull(text);
  ck_assert_msg(!strstr(text, "Pw0rd"), "credential in %s", text);
  ck_assert_str_eq(json_string_value(recordGet(record, "printer.uri")),
                   "ipp://user@printer.example/ipp/print");
  ck_assert_str_eq(json_string_value(recordGet(record, "printer.backend")), "ipp");
  ck_assert_str_eq(json_string_value(recordGet(record, "printer.host")), "printer.example");
  ck_assert_int_eq(json_integer_value(recordGet(record, "printer.port")), 631);
  free(text);
  json_decref(record);
  unitJobFree(&t);
}
END_TEST


START_TEST(test_record_bad_bytes)
{
  json_t	*record, *expect;
  unit_job_t	t;


  unitJob(&t, "", "a\nb\x1B[2J\xFF\x7F", NULL);
  free(t.argv[2]);
  t.argv[2] = strdup("bob\xC0\xAF");
  record = unitJobRecord(&t);
  expect = unitParse("\"a\\nb\\u001b[2J\\ufffd\\u007f\"");
  unitAssertJSON(recordGet(record, "job.title"), expect, "job.title");
  json_decref(expect);
  expect = unitParse("\"bob\\ufffd\\ufffd\"");
  unitAssertJSON(recordGet(record, "job.user"), expect, "job.user");
  json_decref(expect);
  json_decref(record);
  unitJobFree(&t);
}
END_TEST


static Suite *
record_suite(void)
{
  Suite	*s = suite_create("record");
  TCase	*tc = tcase_create("record");


  tcase_add_test(tc, test_record_golden);
  tcase_add_test(tc, test_record_absent_sources);
  tcase_add_test(tc, test_record_environment);
  tcase_add_loop_test(tc, test_record_normalized, 0, (int)UNIT_COUNT(norm_cases));
  tcase_add_loop_test(tc, test_record_time, 0, (int)UNIT_COUNT(time_cases));
  tcase_add_test(tc, test_record_long_title);
  tcase_add_test(tc, test_record_long_option);
  tcase_add_test(tc, test_record_no_credentials);
  tcase_add_test(tc, test_record_bad_bytes);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  return (unitRun(record_suite()));
}
