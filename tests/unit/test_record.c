/*
 * printaudit unit tests: records, serialization and splitting
 * (lib/record.c, lib/json.c, lib/split.c).
 *
 * Expected records are written by hand from CONTRACT.md ("The record").
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


/*
 * Jobs...
 */

#define GOLDEN_URI	"socket://BRN30055C300D7A.local.:9100/"
#define GOLDEN_PRINTER	"Brother_HL_2270DW_series"
#define GOLDEN_ID	"9f1c2b7e0d4a4e1f8a3b5c6d7e8f9a0b"
#define GOLDEN_SEC	1795383900		/* 2026-11-22T21:45:00Z */
#define GOLDEN_NSEC	123000000

typedef struct test_job_s		/* A job and the argv it borrows */
{
  paudit_job_t	job;
  char		*argv[8];
  paudit_uri_t	uri;			/* job.uri */
} test_job_t;


/*
 * 'jobURI()' - Give the job a device URI (split, as the shim splits it).
 */

static void
jobURI(test_job_t *t,			/* I - Job */
       const char *uri)			/* I - Device URI */
{
  paudit_error_t	error;


  pauditURIClear(&t->uri);
  pauditErrorClear(&error);
  ck_assert_msg(pauditURISplit(uri, &t->uri, &error) == PAUDIT_STATUS_OK, "%s: %s", uri, error.text);
  t->job.uri = &t->uri;
}


/*
 * 'jobInit()' - The golden job (macOS TextEdit to a Brother on socket)
 *               with other options, title or file.
 */

static void
jobInit(test_job_t *t,			/* O - Job */
        const char *options,		/* I - argv[5] */
        const char *title,		/* I - argv[3] or NULL for "test" */
        const char *file)		/* I - argv[6] or NULL */
{
  memset(t, 0, sizeof(*t));
  t->argv[0] = strdup("printaudit:" GOLDEN_URI);
  t->argv[1] = strdup("150");
  t->argv[2] = strdup("allen.golbig");
  t->argv[3] = strdup(title ? title : "test");
  t->argv[4] = strdup("1");
  t->argv[5] = strdup(options);
  t->argv[6] = file ? strdup(file) : NULL;
  ck_assert(t->argv[0] && t->argv[1] && t->argv[2] && t->argv[3] &&
            t->argv[4] && t->argv[5] && (!file || t->argv[6]));

  t->job.argc               = file ? 7 : 6;
  t->job.argv               = t->argv;
  jobURI(t, GOLDEN_URI);
  t->job.printer            = GOLDEN_PRINTER;
  t->job.printer_info       = NULL;
  t->job.printer_location   = NULL;
  t->job.content_type       = "application/pdf";
  t->job.final_content_type = "printer/" GOLDEN_PRINTER;
  t->job.hostname           = "printsrv1";
  t->job.now.tv_sec         = GOLDEN_SEC;
  t->job.now.tv_nsec        = GOLDEN_NSEC;
  strcpy(t->job.event_id, GOLDEN_ID);
}


static void
jobFree(test_job_t *t)			/* I - Job */
{
  int	i;


  for (i = 0; i < 8; i ++)
    free(t->argv[i]);
  pauditURIClear(&t->uri);
}


/*
 * 'recordNew()' - Build a record and check that it was built.
 */

static json_t *				/* O - New record */
recordNew(const test_job_t *t)		/* I - Job */
{
  paudit_error_t	error;
  json_t		*record;


  pauditErrorClear(&error);
  record = pauditRecordNew(&t->job, &error);
  ck_assert_msg(record != NULL, "pauditRecordNew: %s", error.text);

  return (record);
}


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
  test_job_t	t;


  jobInit(&t, options, NULL, NULL);
  record = recordNew(&t);
  unitAssertJSON(record, expect, "macos-textedit-socket");

  json_decref(record);
  json_decref(expect);
  jobFree(&t);
  free(options);
}
END_TEST


START_TEST(test_record_absent_sources)
{
  // Nothing but argv and the URI: every other field is null.
  static const char expect_text[] =
    "{\"schema\":\"printaudit/1\","
    "\"event\":{\"action\":\"job.start\",\"id\":\"" GOLDEN_ID "\"},"
    "\"time\":\"2026-11-22T21:45:00.123Z\","
    "\"host\":{\"name\":null},"
    "\"job\":{\"id\":150,\"user\":\"allen.golbig\",\"title\":\"test\",\"copies\":1,"
    "\"file\":null,\"uuid\":null,\"originating_host\":null,\"document_name\":null,"
    "\"created\":null,\"impressions\":null,\"application\":null,\"media\":null,"
    "\"sides\":null,\"color\":null,\"billing\":null},"
    "\"printer\":{\"name\":null,\"info\":null,\"location\":null,"
    "\"uri\":\"" GOLDEN_URI "\",\"backend\":\"socket\","
    "\"host\":\"BRN30055C300D7A.local.\",\"port\":9100},"
    "\"document\":{\"content_type\":null,\"final_content_type\":null},"
    "\"options\":{}}";
  json_t	*expect = unitParse(expect_text), *record;
  test_job_t	t;


  jobInit(&t, "", NULL, NULL);
  t.job.printer            = NULL;
  t.job.content_type       = NULL;
  t.job.final_content_type = NULL;
  t.job.hostname           = NULL;
  record = recordNew(&t);
  unitAssertJSON(record, expect, "absent sources");

  json_decref(record);
  json_decref(expect);
  jobFree(&t);
}
END_TEST


START_TEST(test_record_environment)
{
  json_t	*record, *expect;
  test_job_t	t;


  jobInit(&t, "copies=3", NULL, "/var/spool/cups/d00150-001");
  free(t.argv[4]);
  t.argv[4]               = strdup("3");
  t.job.printer_info      = "Brother HL-2270DW";
  t.job.printer_location  = "Room 101";
  record = recordNew(&t);

  expect = unitParse("\"/var/spool/cups/d00150-001\"");
  unitAssertJSON(recordGet(record, "job.file"), expect, "job.file");
  json_decref(expect);
  ck_assert(json_is_integer(recordGet(record, "job.copies")));
  ck_assert_int_eq(json_integer_value(recordGet(record, "job.copies")), 3);
  ck_assert_str_eq(json_string_value(recordGet(record, "printer.info")), "Brother HL-2270DW");
  ck_assert_str_eq(json_string_value(recordGet(record, "printer.location")), "Room 101");

  json_decref(record);
  jobFree(&t);
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
  test_job_t		t;
  char			what[512];


  jobInit(&t, c->options, NULL, NULL);
  record = recordNew(&t);
  value  = recordGet(record, c->path);
  snprintf(what, sizeof(what), "%s from \"%s\"", c->path, c->options);
  ck_assert_msg(value != NULL, "%s: field missing", what);
  unitAssertJSON(value, expect, what);

  json_decref(record);
  json_decref(expect);
  jobFree(&t);
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
  { GOLDEN_SEC, GOLDEN_NSEC, "2026-11-22T21:45:00.123Z" },
  { GOLDEN_SEC, 999999999, "2026-11-22T21:45:00.999Z" },
  { 0, 0, "1970-01-01T00:00:00.000Z" },
  { 1676433636, 5000000, "2023-02-15T04:00:36.005Z" },
  { 951782400, 0, "2000-02-29T00:00:00.000Z" },
};

START_TEST(test_record_time)
{
  const time_case_t	*c = time_cases + _i;
  json_t		*record;
  test_job_t		t;


  jobInit(&t, "", NULL, NULL);
  t.job.now.tv_sec  = c->sec;
  t.job.now.tv_nsec = c->nsec;
  record = recordNew(&t);
  ck_assert_str_eq(json_string_value(json_object_get(record, "time")), c->expect);
  json_decref(record);
  jobFree(&t);
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
  test_job_t	t;


  jobInit(&t, "media=A4", title, NULL);
  record = recordNew(&t);
  value  = recordGet(record, "job.title");
  ck_assert(json_is_string(value));
  ck_assert_uint_eq(json_string_length(value), 4096);	// "T" + 1365 x 3
  ck_assert(!memcmp(json_string_value(value), title, 4096));
  ck_assert_msg(truncatedHas(record, "job.title"), "job.title not listed");
  ck_assert(!truncatedHas(record, "options.media"));

  json_decref(record);
  jobFree(&t);
  free(title);
}
END_TEST


START_TEST(test_record_long_option)
{
  char		*options = unitRepeat("media=A4 big=", "x", 5000, " small=1");
  json_t	*record, *value;
  test_job_t	t;


  jobInit(&t, options, NULL, NULL);
  record = recordNew(&t);
  value  = json_object_get(json_object_get(record, "options"), "big");
  ck_assert_uint_eq(json_string_length(value), 4096);
  ck_assert_msg(truncatedHas(record, "options.big"), "options.big not listed");
  ck_assert(!truncatedHas(record, "job.title"));

  json_decref(record);
  jobFree(&t);
  free(options);
}
END_TEST


/*
 * No credential in a record; control characters and bad bytes kept as text.
 */

START_TEST(test_record_no_credentials)
{
  json_t	*record;
  test_job_t	t;
  char		*text;


  jobInit(&t, "a=1 job-password=Pw0rdB job-password-encryption=Pw0rdC", NULL, NULL);
  jobURI(&t, "ipp://user:Pw0rdA@printer.example/ipp/print");
  record = recordNew(&t);
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
  jobFree(&t);
}
END_TEST


START_TEST(test_record_bad_bytes)
{
  json_t	*record, *expect;
  test_job_t	t;


  jobInit(&t, "", "a\nb\x1B[2J\xFF\x7F", NULL);
  free(t.argv[2]);
  t.argv[2] = strdup("bob\xC0\xAF");
  record = recordNew(&t);
  expect = unitParse("\"a\\nb\\u001b[2J\\ufffd\\u007f\"");
  unitAssertJSON(recordGet(record, "job.title"), expect, "job.title");
  json_decref(expect);
  expect = unitParse("\"bob\\ufffd\\ufffd\"");
  unitAssertJSON(recordGet(record, "job.user"), expect, "job.user");
  json_decref(expect);
  json_decref(record);
  jobFree(&t);
}
END_TEST


/*
 * pauditJSONNew(): compact, one line, control characters escaped.
 */

typedef struct escape_case_s
{
  const char	*bytes;			/* String value (valid UTF-8) */
  size_t	len;			/* Length (NUL allowed) */
  const char	*escape;		/* Expected escape, any case */
  const char	*escape2;		/* Accepted alternative or NULL */
} escape_case_t;

#define ECASE(b, e, e2) { b, sizeof(b) - 1, e, e2 }

static const escape_case_t escape_cases[] =
{
  ECASE("a\x7F" "b", "a\\u007fb", NULL),		// DEL
  ECASE("a\xC2\x80" "b", "a\\u0080b", NULL),		// C1 first
  ECASE("a\xC2\x85" "b", "a\\u0085b", NULL),		// NEL
  ECASE("a\xC2\x9B" "b", "a\\u009bb", NULL),		// CSI
  ECASE("a\xC2\x9F" "b", "a\\u009fb", NULL),		// C1 last
  ECASE("a\xE2\x80\xA8" "b", "a\\u2028b", NULL),	// LINE SEPARATOR
  ECASE("a\xE2\x80\xA9" "b", "a\\u2029b", NULL),	// PARAGRAPH SEPARATOR
  ECASE("a\x01" "b", "a\\u0001b", NULL),
  ECASE("a\x1B" "b", "a\\u001bb", NULL),		// ESC
  ECASE("a\x1F" "b", "a\\u001fb", NULL),
  ECASE("a\0b", "a\\u0000b", NULL),
  ECASE("a\nb", "a\\nb", "a\\u000ab"),
  ECASE("a\rb", "a\\rb", "a\\u000db"),
  ECASE("a\tb", "a\\tb", "a\\u0009b"),
  ECASE("a\"b", "a\\\"b", NULL),
  ECASE("a\\b", "a\\\\b", NULL),
  ECASE("\x1B[31m\xC2\x9B" "1m\xE2\x80\xA8\x7F", "\\u001b[31m\\u009b1m\\u2028\\u007f", NULL),
};


/*
 * 'checkSerialized()' - One line of JSON, no raw control characters,
 *                       parses back to value.
 */

static void
checkSerialized(const json_t *value,	/* I - Serialized value */
                const char   *text,	/* I - Its serialization */
                size_t       len,	/* I - Length */
                const char   *what)	/* I - Case */
{
  const unsigned char	*p = (const unsigned char *)text;
  json_error_t		jerr;
  json_t		*back;
  size_t		i;


  ck_assert_msg(text != NULL, "%s: NULL", what);
  ck_assert_msg(strlen(text) == len, "%s: length %zu, strlen %zu", what, len,
                strlen(text));
  for (i = 0; i < len; i ++)
  {
    unitCheck(p[i] >= 0x20 && p[i] != 0x7F, "%s: raw byte 0x%02X at %zu",
              what, p[i], i);
    unitCheck(!(p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F),
              "%s: raw C1 at %zu", what, i);
    unitCheck(!(p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
                (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)),
              "%s: raw U+2028/9 at %zu", what, i);
  }

  back = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
  ck_assert_msg(back != NULL, "%s: does not parse: %s", what, jerr.text);
  unitAssertJSON(back, value, what);
  json_decref(back);
}


START_TEST(test_json_escapes)
{
  const escape_case_t	*c = escape_cases + _i;
  json_t		*value = json_object();
  char			*text, want[128], want2[128];
  size_t		len = 0;


  ck_assert_int_eq(json_object_set_new(value, "k", json_stringn(c->bytes, c->len)), 0);
  text = pauditJSONNew(value, &len);
  checkSerialized(value, text, len, c->escape);

  snprintf(want, sizeof(want), "{\"k\":\"%s\"}", c->escape);
  snprintf(want2, sizeof(want2), "{\"k\":\"%s\"}", c->escape2 ? c->escape2 : c->escape);
  ck_assert_msg(!strcasecmp(text, want) || !strcasecmp(text, want2),
                "got %s, expected %s", text, want);
  free(text);
  json_decref(value);
}
END_TEST


START_TEST(test_json_escapes_in_keys)
{
  const escape_case_t	*c = escape_cases + _i;
  json_t		*value;
  char			*text, *key;
  size_t		len = 0;


  if (memchr(c->bytes, '\0', c->len))
    return;				// Object keys are C strings

  value = json_object();
  key   = strndup(c->bytes, c->len);
  ck_assert_int_eq(json_object_set_new(value, key, json_array()), 0);
  ck_assert_int_eq(json_array_append_new(json_object_get(value, key),
                                         json_stringn(c->bytes, c->len)), 0);
  text = pauditJSONNew(value, &len);
  checkSerialized(value, text, len, c->escape);
  free(text);
  free(key);
  json_decref(value);
}
END_TEST


/*
 * pauditJSONAppendString() reads plain bytes a word at a time: every byte
 * that needs a look, at every position of a word and at the end of the
 * string, alone and two in one word, among plain bytes next to them in
 * value ('!', '#', '[', ']', '~', ' ', UTF-8 other than C1 and U+2028/9).
 */

typedef struct word_case_s
{
  const char	*bytes;			/* Input */
  size_t	len;			/* Its length (NUL allowed) */
  const char	*escape;		/* Exact output */
} word_case_t;

#define WCASE(b, e) { b, sizeof(b) - 1, e }

static const word_case_t word_cases[] =
{
  WCASE("\"", "\\\""),
  WCASE("\\", "\\\\"),
  WCASE("\n", "\\n"),
  WCASE("\t", "\\t"),
  WCASE("\r", "\\r"),
  WCASE("\0", "\\u0000"),
  WCASE("\x01", "\\u0001"),
  WCASE("\x1F", "\\u001f"),
  WCASE("\x7F", "\\u007f"),
  WCASE("\xC2\x80", "\\u0080"),
  WCASE("\xC2\x9F", "\\u009f"),
  WCASE("\xE2\x80\xA8", "\\u2028"),
  WCASE("\xE2\x80\xA9", "\\u2029"),
  WCASE("\xC2\xA0", "\xC2\xA0"),			// Plain after 0xC2
  WCASE("\xE2\x80\xA7", "\xE2\x80\xA7"),		// Plain after 0xE2
  WCASE("\xE2\x82\xAC", "\xE2\x82\xAC"),
  WCASE("\xC3\xA9", "\xC3\xA9"),
  WCASE("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"),
  WCASE("\xC3\xA9\xC2\x85", "\xC3\xA9\\u0085"),		// C1 after a plain run
  WCASE("\xE2\x82\xAC\"", "\xE2\x82\xAC\\\""),
  WCASE("~ ", "~ "),
};

static const char word_filler[] = "a!#[]~ }Z!#[]~ a#]b!#[]~ }Z!#[]~ a#]";


/*
 * 'appendString()' - pauditJSONAppendString() into a new buffer; check it.
 */

static void
appendString(const char *in,		/* I - Input */
             size_t     inlen,		/* I - Its length */
             const char *want,		/* I - Exact output, quotes included */
             size_t     wantlen)	/* I - Its length */
{
  paudit_buf_t	buf = { NULL, 0, 0, 0 };


  ck_assert_int_eq(pauditJSONAppendString(&buf, in, inlen), 0);
  ck_assert_msg(buf.len == wantlen && !memcmp(buf.data, want, wantlen) &&
                buf.data[buf.len] == '\0',
                "input of %zu bytes: got %zu bytes \"%s\", want %zu \"%s\"",
                inlen, buf.len, buf.data, wantlen, want);
  free(buf.data);
}


START_TEST(test_json_escape_word_positions)
{
  const word_case_t	*c = word_cases + _i;
  char			in[128], want[128];
  size_t		pre, post, inlen, wantlen, elen = strlen(c->escape);


  // The byte at every offset of the first three words, with 0 to 17 plain
  // bytes after it (so the string ends inside and after a word).
  for (pre = 0; pre <= 17; pre ++)
    for (post = 0; post <= 17; post ++)
    {
      memcpy(in, word_filler, pre);
      memcpy(in + pre, c->bytes, c->len);
      memcpy(in + pre + c->len, word_filler + pre, post);
      inlen = pre + c->len + post;

      want[0] = '\"';
      memcpy(want + 1, word_filler, pre);
      memcpy(want + 1 + pre, c->escape, elen);
      memcpy(want + 1 + pre + elen, word_filler + pre, post);
      wantlen = 1 + pre + elen + post;
      want[wantlen ++] = '\"';
      want[wantlen]    = '\0';

      appendString(in, inlen, want, wantlen);
    }
}
END_TEST


START_TEST(test_json_escape_word_pairs)
{
  const word_case_t	*c = word_cases + _i,
			*d = word_cases + (_i + 5) % UNIT_COUNT(word_cases);
  char			in[128], want[128];
  size_t		i, j, n, m, elen = strlen(c->escape), dlen = strlen(d->escape);


  // Two bytes needing a look in one word (and in neighbouring ones): the
  // scan goes on after the first to find the second.
  for (i = 0; i < 16; i ++)
    for (j = i + (size_t)c->len; j < 24; j ++)
    {
      n = m = 0;
      memcpy(in, word_filler, i);
      n += i;
      memcpy(in + n, c->bytes, c->len);
      n += c->len;
      memcpy(in + n, word_filler, j - i - c->len);
      n += j - i - c->len;
      memcpy(in + n, d->bytes, d->len);
      n += d->len;
      memcpy(in + n, word_filler, 9);
      n += 9;

      want[m ++] = '\"';
      memcpy(want + m, word_filler, i);
      m += i;
      memcpy(want + m, c->escape, elen);
      m += elen;
      memcpy(want + m, word_filler, j - i - c->len);
      m += j - i - c->len;
      memcpy(want + m, d->escape, dlen);
      m += dlen;
      memcpy(want + m, word_filler, 9);
      m += 9;
      want[m ++] = '\"';
      want[m]    = '\0';

      appendString(in, n, want, m);
    }
}
END_TEST


START_TEST(test_json_compact)
{
  json_t	*value = unitParse("{\"a\": 1, \"b\": [true, null, \"x y\", 2.5], \"c\": {}}");
  char		*text;
  size_t	len = 0;


  text = pauditJSONNew(value, &len);
  ck_assert_ptr_nonnull(text);
  ck_assert_str_eq(text, "{\"a\":1,\"b\":[true,null,\"x y\",2.5],\"c\":{}}");
  ck_assert_uint_eq(len, strlen(text));
  free(text);
  json_decref(value);

  ck_assert_ptr_null(pauditJSONNew(NULL, &len));
}
END_TEST


START_TEST(test_json_golden_record)
{
  char		*options = unitReadFile(unitDataPath("macos-textedit-socket.options"), NULL);
  json_t	*record;
  test_job_t	t;
  char		*text;
  size_t	len = 0;


  jobInit(&t, options, "a\nb\x7F\xC2\x85\xE2\x80\xA8", NULL);
  record = recordNew(&t);
  text   = pauditJSONNew(record, &len);
  checkSerialized(record, text, len, "golden record");
  free(text);
  json_decref(record);
  jobFree(&t);
  free(options);
}
END_TEST


/*
 * pauditRecordSplit(): every part fits and is JSON on its own; the parts
 * give back the record.
 *
 * The form is described in printaudit.h; the parts are joined with
 * lib/split.c's own join (pauditRecordJoinParts), whose round trips
 * tests/unit/test_split.c checks in detail.  The independent reassembly,
 * the oracle for both halves, is the fuzz target's (fuzz/fuzz_record.c).
 */

/*
 * 'partEvent()' - Check a part's event and return its part number.
 */

static size_t				/* O - event.part */
partEvent(json_t     *part,		/* I - Parsed part */
          const char *id,		/* I - Expected event.id */
          size_t     parts)		/* I - Expected event.parts */
{
  json_t	*event = json_object_get(part, "event");
  const char	*schema = json_string_value(json_object_get(part, "schema")),
		*pid = json_string_value(json_object_get(event, "id"));


  unitCheck(schema && !strcmp(schema, PAUDIT_SCHEMA), "part: schema \"%s\"",
            schema ? schema : "(none)");
  unitCheck(pid && !strcmp(pid, id), "part: event.id \"%s\"", pid ? pid : "(none)");
  unitCheck(json_is_integer(json_object_get(event, "part")), "part: no event.part");
  unitCheck(json_integer_value(json_object_get(event, "parts")) == (json_int_t)parts,
            "part: event.parts is not %zu", parts);

  return ((size_t)json_integer_value(json_object_get(event, "part")));
}


/*
 * 'partsJoin()' - Check each part, then join them with lib/split.c's join.
 */

static json_t *				/* O - New record */
partsJoin(const unit_parts_t *parts,	/* I - Parts */
          const char    *id,		/* I - event.id */
          size_t        max)		/* I - Longest part */
{
  json_t		*part, *record;
  json_error_t		jerr;
  paudit_error_t	error;
  paudit_status_t	status;
  size_t		i, n, *lens, len, omitted;
  char			*text;
  const char		*v;
  int			record_slices;


  ck_assert_uint_ge(parts->count, 1);
  ck_assert_ptr_nonnull((lens = calloc(parts->count, sizeof(size_t))));

  for (i = 0; i < parts->count; i ++)
  {
    const unsigned char	*p = (const unsigned char *)parts->msgs[i];
    size_t		j;

    lens[i] = strlen(parts->msgs[i]);
    unitCheck(lens[i] <= max, "part %zu: %zu bytes > %zu", i + 1, lens[i], max);
    for (j = 0; j < lens[i]; j ++)
      unitCheck(p[j] >= 0x20 && p[j] != 0x7F, "part %zu: raw 0x%02X", i + 1, p[j]);
    part = json_loadb(parts->msgs[i], lens[i], 0, &jerr);
    unitCheck(part != NULL, "part %zu is not JSON: %s", i + 1, jerr.text);
    v = json_string_value(json_object_get(json_object_get(part, "event"), "id"));
    unitCheck(v && !strcmp(v, id), "part %zu: event.id \"%s\"", i + 1, v ? v : "(none)");

    if (parts->count > 1)
    {
      // Sent in order; part 1 the record without options (abbreviated
      // exactly when the others carry record slices).
      n = partEvent(part, id, parts->count);
      unitCheck(n == i + 1, "part %zu says it is part %zu", i + 1, n);
      v = json_string_value(json_object_get(json_object_get(part, "event"), "action"));
      unitCheck(v && !strcmp(v, i == 0 ? "job.start" : PAUDIT_PART_ACTION),
                "part %zu: action \"%s\"", i + 1, v ? v : "(none)");
      if (i == 0)
      {
        record_slices = strstr(parts->msgs[1], "\"" PAUDIT_KEY_RECORD_SLICE "\":") != NULL;
        unitCheck(!json_object_get(part, "options"), "core carries options");
        unitCheck(json_is_true(json_object_get(json_object_get(part, "event"), "abbreviated")) ==
                  record_slices, "core: event.abbreviated does not match the parts");
      }
    }
    json_decref(part);
  }

  pauditErrorClear(&error);
  status = pauditRecordJoinParts((const char * const *)parts->msgs, lens, parts->count, &record,
                                 &text, &len, &omitted, &error);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "joining %zu parts: status %d, %s", parts->count,
                (int)status, error.text);
  ck_assert_uint_eq(omitted, 0);
  ck_assert_uint_eq(strlen(text), len);

  free(text);
  free(lens);

  return (record);
}


/*
 * 'bigRecord()' - The golden record with many large options.
 */

static json_t *				/* O - New record */
bigRecord(int        noptions,		/* I - Large options to add */
          const char *title)		/* I - Title or NULL */
{
  static const char	unit[] = "q\"b\\s/\x01\x1F\x7F\xC2\x85\xE2\x80\xA8"
				 "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 \\u0041";
  char			*options = unitReadFile(unitDataPath("macos-textedit-socket.options"), NULL);
  json_t		*record, *opts;
  test_job_t		t;
  char			name[32], *value;
  int			i;


  jobInit(&t, options, title, NULL);
  record = recordNew(&t);
  opts   = json_object_get(record, "options");
  ck_assert_ptr_nonnull(opts);
  for (i = 0; i < noptions; i ++)
  {
    snprintf(name, sizeof(name), "big\"%d\\", i);
    value = unitRepeat(NULL, unit, (size_t)(i % 13) * 7 + 1, NULL);
    ck_assert_int_eq(json_object_set_new(opts, name, json_string(value)), 0);
    free(value);
  }
  jobFree(&t);
  free(options);

  return (record);
}


typedef struct split_case_s
{
  int		noptions;		/* Large options */
  size_t	title_len;		/* Title length, 0 for "test" */
  size_t	max;			/* Longest part */
  size_t	min_parts;		/* Parts at least */
  const char	*slice_key;		/* Expected kind of parts, NULL for one */
} split_case_t;

static const split_case_t split_cases[] =
{
  { 0,   0,    100000, 1, NULL },
  { 60,  0,    1000000, 1, NULL },
  { 60,  0,    4000, 2, "options_slice" },
  { 60,  0,    900, 3, "options_slice" },
  { 200, 0,    900, 3, "options_slice" },
  { 0,   0,    900, 2, "options_slice" },
  { 0,   0,    400, 2, "record_slice" },	// core alone > 400
  { 60,  1000, 4000, 2, "options_slice" },
  { 60,  4000, 900, 3, "record_slice" },	// core alone > 900
  { 60,  0,    300, 3, "record_slice" },
};

START_TEST(test_split)
{
  const split_case_t	*c = split_cases + _i;
  char			*title = NULL, *text;
  json_t		*record, *copy, *joined;
  unit_parts_t		parts;
  size_t		len = 0;
  paudit_status_t	status;
  char			what[64];


  if (c->title_len)
    title = unitRepeat(NULL, "t\"\\\x01", c->title_len / 4, NULL);
  record = bigRecord(c->noptions, title);
  copy   = json_deep_copy(record);
  text   = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);

  memset(&parts, 0, sizeof(parts));
  status = pauditRecordSplit(record, text, len, c->max, unitPartsCollect, &parts);
  snprintf(what, sizeof(what), "case %d (max %zu, %zu bytes)", _i, c->max, len);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "%s: status %d", what, (int)status);
  unitAssertJSON(record, copy, "record unchanged by splitting");

  ck_assert_msg(parts.count >= c->min_parts, "%s: %zu parts", what, parts.count);
  if (!c->slice_key)
  {
    ck_assert_uint_eq(parts.count, 1);
    ck_assert_str_eq(parts.msgs[0], text);
  }
  else
  {
    json_t *first = json_loads(parts.msgs[0], 0, NULL);

    ck_assert_ptr_nonnull(first);
    if (!strcmp(c->slice_key, "record_slice"))
    {
      json_t *second = json_loads(parts.msgs[1], 0, NULL);

      ck_assert_msg(json_is_true(json_object_get(json_object_get(first, "event"), "abbreviated")),
                    "%s: expected an abbreviated part 1", what);
      ck_assert_msg(json_object_get(second, "record_slice") != NULL,
                    "%s: expected record slices", what);
      json_decref(second);
    }
    else
      ck_assert_msg(json_object_get(first, "job") != NULL,
                    "%s: expected a core part", what);
    json_decref(first);
  }

  joined = partsJoin(&parts, GOLDEN_ID, c->max);
  unitAssertJSON(joined, record, what);

  json_decref(joined);
  unitPartsFree(&parts);
  json_decref(copy);
  json_decref(record);
  free(text);
  free(title);
}
END_TEST


START_TEST(test_split_errors)
{
  json_t		*record = bigRecord(60, NULL), *copy = json_deep_copy(record);
  char			*text;
  size_t		len = 0;
  unit_parts_t		parts;


  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);

  // Too small for anything.
  memset(&parts, 0, sizeof(parts));
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 10, unitPartsCollect, &parts),
                   PAUDIT_STATUS_INVALID);
  unitAssertJSON(record, copy, "record unchanged after INVALID");
  unitPartsFree(&parts);

  // The callback fails on the first, then on the second part.
  parts.fail_at = 1;
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 900, unitPartsCollect, &parts),
                   PAUDIT_STATUS_IO);
  ck_assert_uint_eq(parts.count, 0);
  unitPartsFree(&parts);

  parts.fail_at = 2;
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 900, unitPartsCollect, &parts),
                   PAUDIT_STATUS_IO);
  ck_assert_uint_eq(parts.count, 1);
  unitAssertJSON(record, copy, "record unchanged after IO");
  unitPartsFree(&parts);

  parts.fail_at = 1;
  ck_assert_int_eq(pauditRecordSplit(record, text, len, len, unitPartsCollect, &parts),
                   PAUDIT_STATUS_IO);
  unitPartsFree(&parts);

  free(text);
  json_decref(copy);
  json_decref(record);
}
END_TEST


START_TEST(test_split_sweep)
{
  // Every max from small to large over one record: parts always fit and
  // always give back the record.
  json_t		*record = bigRecord(12, NULL), *joined;
  char			*text;
  size_t		len = 0, max;
  unit_parts_t		parts;
  paudit_status_t	status;
  char			what[64];


  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  for (max = 256; max <= len + 16; max += 41)
  {
    memset(&parts, 0, sizeof(parts));
    status = pauditRecordSplit(record, text, len, max, unitPartsCollect, &parts);
    snprintf(what, sizeof(what), "max %zu of %zu", max, len);
    ck_assert_msg(status == PAUDIT_STATUS_OK, "%s: status %d", what, (int)status);
    joined = partsJoin(&parts, GOLDEN_ID, max);
    unitAssertJSON(joined, record, what);
    json_decref(joined);
    unitPartsFree(&parts);
  }
  free(text);
  json_decref(record);
}
END_TEST


/*
 * pauditRecordSplit2(): SyslogMaxParts.  Capped at M below the N parts a
 * record needs, the split sends exactly the first M parts of the uncapped
 * split, with event.parts M, and part 1 says event.parts_omitted N - M.
 */

typedef struct cap_case_s
{
  int		noptions;		/* Large options */
  size_t	title_len;		/* Title length, 0 for "test" */
  size_t	max;			/* Longest part */
  size_t	cap;			/* max_parts */
} cap_case_t;

static const cap_case_t cap_cases[] =
{
  { 200, 0,    900, 2 },
  { 200, 0,    900, 5 },
  { 200, 0,    512, 64 },
  { 60,  4000, 900, 2 },		// record_slice, abbreviated part 1
  { 60,  4000, 900, 4 },
  { 60,  0,    300, 3 },		// record_slice, part 1 the event alone
};


/*
 * 'partWithout()' - A part's JSON with event.parts and event.parts_omitted
 *                   removed.
 */

static json_t *				/* O - New object */
partWithout(const char *msg)		/* I - Part */
{
  json_t	*part = json_loads(msg, 0, NULL), *event;


  ck_assert_ptr_nonnull(part);
  event = json_object_get(part, "event");
  ck_assert_int_eq(json_object_del(event, "parts"), 0);
  json_object_del(event, "parts_omitted");

  return (part);
}


START_TEST(test_split_capped)
{
  const cap_case_t	*c = cap_cases + _i;
  char			*title = NULL, *text, what[96];
  json_t		*record, *copy, *first, *event, *a, *b;
  unit_parts_t		whole, capped;
  size_t		len = 0, i;


  if (c->title_len)
    title = unitRepeat(NULL, "t\"\\\x01", c->title_len / 4, NULL);
  record = bigRecord(c->noptions, title);
  copy   = json_deep_copy(record);
  text   = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  snprintf(what, sizeof(what), "case %d (max %zu, cap %zu, %zu bytes)", _i, c->max, c->cap, len);

  memset(&whole, 0, sizeof(whole));
  memset(&capped, 0, sizeof(capped));
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, c->max, 0, unitPartsCollect, &whole),
                   PAUDIT_STATUS_OK);
  ck_assert_msg(whole.count > c->cap, "%s: the record needs only %zu parts", what, whole.count);
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, c->max, c->cap, unitPartsCollect, &capped),
                   PAUDIT_STATUS_OK);
  unitAssertJSON(record, copy, "record unchanged by a capped split");
  ck_assert_msg(capped.count == c->cap, "%s: %zu parts", what, capped.count);

  // Part 1 says what was left out; every part numbers the parts sent.
  first = json_loads(capped.msgs[0], 0, NULL);
  ck_assert_ptr_nonnull(first);
  event = json_object_get(first, "event");
  ck_assert_msg(json_integer_value(json_object_get(event, "parts")) == (json_int_t)c->cap,
                "%s: part 1's event.parts", what);
  ck_assert_msg(json_integer_value(json_object_get(event, "parts_omitted")) ==
                (json_int_t)(whole.count - c->cap), "%s: part 1's event.parts_omitted", what);
  json_decref(first);

  // Otherwise the parts sent are the uncapped split's first ones.
  for (i = 0; i < capped.count; i ++)
  {
    ck_assert_msg(strlen(capped.msgs[i]) <= c->max, "%s: part %zu too long", what, i + 1);
    a = partWithout(capped.msgs[i]);
    b = partWithout(whole.msgs[i]);
    if (i > 0)
    {
      json_t *part = json_loads(capped.msgs[i], 0, NULL);

      ck_assert_ptr_nonnull(part);
      event = json_object_get(part, "event");
      ck_assert_msg(!json_object_get(event, "parts_omitted"), "%s: parts_omitted in part %zu",
                    what, i + 1);
      ck_assert_msg(json_integer_value(json_object_get(event, "parts")) == (json_int_t)c->cap,
                    "%s: part %zu's event.parts", what, i + 1);
      json_decref(part);
    }
    if (i > 0 || !json_object_get(json_object_get(a, "event"), "abbreviated"))
      unitAssertJSON(a, b, what);
    json_decref(a);
    json_decref(b);
  }

  // A cap the record stays under, or exactly meets, changes nothing.
  unitPartsFree(&capped);
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, c->max, whole.count, unitPartsCollect, &capped),
                   PAUDIT_STATUS_OK);
  ck_assert_uint_eq(capped.count, whole.count);
  for (i = 0; i < capped.count; i ++)
    ck_assert_str_eq(capped.msgs[i], whole.msgs[i]);

  unitPartsFree(&capped);
  unitPartsFree(&whole);
  json_decref(copy);
  json_decref(record);
  free(text);
  free(title);
}
END_TEST


START_TEST(test_split_cap_limits)
{
  json_t		*record = bigRecord(60, NULL);
  char			*text;
  size_t		len = 0;
  unit_parts_t		parts;


  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  memset(&parts, 0, sizeof(parts));

  // One part cannot hold a split record; parts are numbered in 6 digits.
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, 900, 1, unitPartsCollect, &parts),
                   PAUDIT_STATUS_INVALID);
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, 900, 1000000, unitPartsCollect, &parts),
                   PAUDIT_STATUS_INVALID);
  ck_assert_uint_eq(parts.count, 0);

  // A record that fits is one message whatever the cap.
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, len, 2, unitPartsCollect, &parts),
                   PAUDIT_STATUS_OK);
  ck_assert_uint_eq(parts.count, 1);
  ck_assert_str_eq(parts.msgs[0], text);

  unitPartsFree(&parts);
  free(text);
  json_decref(record);
}
END_TEST


static Suite *
record_suite(void)
{
  Suite	*s = suite_create("record");
  TCase	*tc = tcase_create("record"),
	*tc_json = tcase_create("json"),
	*tc_split = tcase_create("split");


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

  tcase_add_loop_test(tc_json, test_json_escapes, 0, (int)UNIT_COUNT(escape_cases));
  tcase_add_loop_test(tc_json, test_json_escapes_in_keys, 0, (int)UNIT_COUNT(escape_cases));
  tcase_add_loop_test(tc_json, test_json_escape_word_positions, 0, (int)UNIT_COUNT(word_cases));
  tcase_add_loop_test(tc_json, test_json_escape_word_pairs, 0, (int)UNIT_COUNT(word_cases));
  tcase_add_test(tc_json, test_json_compact);
  tcase_add_test(tc_json, test_json_golden_record);
  suite_add_tcase(s, tc_json);

  tcase_set_timeout(tc_split, 60);
  tcase_add_loop_test(tc_split, test_split, 0, (int)UNIT_COUNT(split_cases));
  tcase_add_test(tc_split, test_split_errors);
  tcase_add_test(tc_split, test_split_sweep);
  tcase_add_loop_test(tc_split, test_split_capped, 0, (int)UNIT_COUNT(cap_cases));
  tcase_add_test(tc_split, test_split_cap_limits);
  suite_add_tcase(s, tc_split);

  return (s);
}


int
main(void)
{
  return (unitRun(record_suite()));
}
