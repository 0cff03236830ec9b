/*
 * printaudit-report unit tests: parsing input lines (message.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include "unit.h"


/*
 * Messages...
 */

#define REC "{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.start\",\"id\":\"ab\"},\"time\":\"2026-11-22T21:45:00.123Z\"}"
#define REC_ESCAPED "{\\\"schema\\\":\\\"printaudit/1\\\",\\\"event\\\":{\\\"action\\\":\\\"job.start\\\",\\\"id\\\":\\\"ab\\\"},\\\"time\\\":\\\"2026-11-22T21:45:00.123Z\\\"}"

typedef struct message_case_s
{
  const char	*line;			/* Input line */
  report_kind_t	kind;			/* Expected kind */
  const char	*text;			/* Expected text, or error substring */
} message_case_t;

static const message_case_t message_cases[] =
{
  { REC, REPORT_KIND_RECORD, REC },
  { REC "\r", REPORT_KIND_RECORD, REC },
  { "  " REC "  ", REPORT_KIND_RECORD, REC },
  { "Dec  1 21:18:03 printsrv1 printaudit[123]: " REC, REPORT_KIND_RECORD, REC },
  { "2026-11-22T21:45:00.123456+00:00 printsrv1 printaudit[9]: " REC, REPORT_KIND_RECORD, REC },
  { "{\"timestamp\":\"2026-11-22 22:45:00.123456+0100\",\"eventMessage\":\"" REC_ESCAPED
    "\",\"processID\":12}", REPORT_KIND_RECORD, REC },
  { "{\"eventMessage\":\"printaudit: " REC_ESCAPED "\"}", REPORT_KIND_RECORD, REC },
  { "{\"count\":42,\"finished\":1}", REPORT_KIND_TRAILER, NULL },
  { "", REPORT_KIND_BLANK, NULL },
  { " \t\r", REPORT_KIND_BLANK, NULL },
  { "Filtering the log data using \"process == printaudit\"", REPORT_KIND_ERROR, "no JSON object" },
  { "{\"schema\":\"printaudit/1\",", REPORT_KIND_ERROR, "not JSON" },
  { REC " trailing", REPORT_KIND_ERROR, "not JSON" },
  { "{\"schema\":\"printaudit/2\",\"event\":{}}", REPORT_KIND_ERROR, "unknown schema \"printaudit/2\"" },
  { "{\"schema\":\"a\\nb\",\"event\":{}}", REPORT_KIND_ERROR, "unknown schema \"a\\x0ab\"" },
  { "{\"schema\":1}", REPORT_KIND_ERROR, "no \"schema\"" },
  { "{\"foo\":1}", REPORT_KIND_ERROR, "no \"schema\"" },
  { "{\"@timestamp\":\"2026-11-22T21:45:00.123Z\",\"ecs\":{\"version\":\"8.11\"}}",
    REPORT_KIND_ERROR, "no \"schema\"" },
  { "{\"ecs\":{},\"event\":{\"id\":\"x\"},\"printaudit\":{\"schema\":\"printaudit/1\"}}",
    REPORT_KIND_RECORD, "{\"ecs\":{},\"event\":{\"id\":\"x\"},\"printaudit\":{\"schema\":\"printaudit/1\"}}" },
  { "{\"ecs\":{},\"event\":{\"id\":\"x\",\"part\":1,\"parts\":2},\"printaudit\":{\"schema\":\"printaudit/1\"}}",
    REPORT_KIND_PART, "{\"ecs\":{},\"event\":{\"id\":\"x\",\"part\":1,\"parts\":2},\"printaudit\":{\"schema\":\"printaudit/1\"}}" },
  { "{\"eventMessage\":\"hello\"}", REPORT_KIND_ERROR, "no JSON object" },
  { "{\"schema\":\"printaudit/1\"}", REPORT_KIND_ERROR, "without \"event\"" },
  { "{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.continued\",\"id\":\"ab\",\"part\":2,"
    "\"parts\":2},\"options_slice\":\"{}\"}", REPORT_KIND_PART, NULL },
  { "{\"schema\":\"printaudit/1\",\"s\":\"\xff\"}", REPORT_KIND_ERROR, "not JSON" }
};

START_TEST(test_message)
{
  const message_case_t	*c = message_cases + _i;
  report_message_t	msg;
  report_kind_t		kind = reportMessageParse(&msg, c->line, strlen(c->line));


  ck_assert_msg(kind == c->kind && msg.kind == kind, "%s: kind %d, expected %d (%s)",
                c->line, (int)kind, (int)c->kind, msg.error.text);
  if (kind == REPORT_KIND_RECORD)
  {
    ck_assert_msg(msg.len == strlen(c->text) && !memcmp(msg.text, c->text, msg.len),
                  "%s: text %.*s", c->line, (int)msg.len, msg.text);
    ck_assert(json_is_object(msg.json));
  }
  else if (kind == REPORT_KIND_ERROR)
    ck_assert_msg(strstr(msg.error.text, c->text) != NULL, "%s: error \"%s\", expected \"%s\"",
                  c->line, msg.error.text, c->text);
  reportMessageClear(&msg);
}
END_TEST


/*
 * Entries of "journalctl -o json": every field a string, a field that is
 * not printable UTF-8 an array of bytes, one over 4096 bytes null, one
 * given twice an array of values; _UID is kept for the trust check.
 */

#define JOURNAL_HEAD "{\"__CURSOR\":\"s=0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e;i=1a2b;b=9f8e7d6c5b4a39281706f5e4d3c2b1a0;m=2d4c1b0;t=5f6e7d8c9bab0;x=7c6b5a4938271605\"," \
  "\"__REALTIME_TIMESTAMP\":\"1763847900123456\",\"__MONOTONIC_TIMESTAMP\":\"47497648\"," \
  "\"_BOOT_ID\":\"9f8e7d6c5b4a39281706f5e4d3c2b1a0\",\"_MACHINE_ID\":\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\"," \
  "\"_HOSTNAME\":\"printsrv1\",\"PRIORITY\":\"5\",\"SYSLOG_FACILITY\":\"6\",\"_TRANSPORT\":\"syslog\"," \
  "\"SYSLOG_IDENTIFIER\":\"printaudit\",\"SYSLOG_PID\":\"4242\",\"_PID\":\"4242\",\"_GID\":\"0\"," \
  "\"_COMM\":\"printaudit\",\"SYSLOG_TIMESTAMP\":\"Nov 22 21:45:00 \","

typedef struct journal_case_s
{
  const char	*line;			/* journalctl -o json line */
  report_kind_t	kind;			/* Expected kind */
  long long	uid;			/* Expected uid */
  const char	*text;			/* Expected text, or error part */
} journal_case_t;

static const journal_case_t journal_cases[] =
{
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, 0, REC },
  { JOURNAL_HEAD "\"_UID\":\"7\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, 7, REC },
  { JOURNAL_HEAD "\"_UID\":\"1000\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, 1000, REC },
  { JOURNAL_HEAD "\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  { JOURNAL_HEAD "\"_UID\":\"0x0\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  { JOURNAL_HEAD "\"_UID\":\"-1\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  { JOURNAL_HEAD "\"_UID\":0,\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  // Bytes: {"schema":"printaudit/1","event":{"id":"x"},"time":"t"}
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,34,115,99,104,101,109,97,34,58,34,112,114,105,110,116,"
    "97,117,100,105,116,47,49,34,44,34,101,118,101,110,116,34,58,123,34,105,100,34,58,34,120,34,125,"
    "44,34,116,105,109,101,34,58,34,116,34,125]}", REPORT_KIND_RECORD, 0,
    "{\"schema\":\"printaudit/1\",\"event\":{\"id\":\"x\"},\"time\":\"t\"}" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,34,115,34,58,34,255,34,125]}", REPORT_KIND_ERROR, 0, "not JSON" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,300]}", REPORT_KIND_ERROR, 0, "not an array of bytes" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,0,125]}", REPORT_KIND_ERROR, 0, "NUL byte" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":null}", REPORT_KIND_ERROR, 0, "--all" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[\"a\",\"b\"]}", REPORT_KIND_ERROR, 0, "several MESSAGE values" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":{}}", REPORT_KIND_ERROR, 0, "not text" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":\"hello\"}", REPORT_KIND_ERROR, 0, "no JSON object" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":\"{\\\"schema\\\":\\\"printaudit/1\\\",\\\"event\\\":{\\\"action\\\":"
    "\\\"job.continued\\\",\\\"id\\\":\\\"ab\\\",\\\"part\\\":2,\\\"parts\\\":2},\\\"options_slice\\\":\\\"{}\\\"}\"}",
    REPORT_KIND_PART, 0, NULL },
};

START_TEST(test_message_journal)
{
  const journal_case_t	*c = journal_cases + _i;
  report_message_t	msg;
  report_kind_t		kind = reportMessageParse(&msg, c->line, strlen(c->line));


  ck_assert_msg(kind == c->kind && msg.kind == kind, "#%d: kind %d, expected %d (%s)",
                _i, (int)kind, (int)c->kind, msg.error.text);
  ck_assert_msg(msg.journal, "#%d: not read as a journal entry", _i);
  ck_assert_msg(msg.uid == c->uid, "#%d: uid %lld, expected %lld", _i, msg.uid, c->uid);
  if (kind == REPORT_KIND_RECORD)
    ck_assert_msg(msg.len == strlen(c->text) && !memcmp(msg.text, c->text, msg.len),
                  "#%d: text %.*s", _i, (int)msg.len, msg.text);
  else if (kind == REPORT_KIND_ERROR)
    ck_assert_msg(strstr(msg.error.text, c->text) != NULL, "#%d: error \"%s\", expected \"%s\"",
                  _i, msg.error.text, c->text);
  reportMessageClear(&msg);

  // Other inputs carry no uid.
  ck_assert_int_eq(reportMessageParse(&msg, REC, strlen(REC)), REPORT_KIND_RECORD);
  ck_assert(!msg.journal && msg.uid == -1);
  reportMessageClear(&msg);
}
END_TEST


/*
 * Lean records (scan.c): taken only when jansson reads the text alike.
 */

#define LEAN_HEAD "{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.start\",\"id\":\"ab\"}," \
  "\"time\":\"2026-11-22T21:45:00.123Z\","

typedef struct lean_case_s
{
  const char	*text;			/* Record text */
  size_t	len;			/* Its length, 0 for strlen() */
  int		lean;			/* 1 if it must be read lean, 0 if left to jansson */
} lean_case_t;

static const lean_case_t lean_cases[] =
{
  { LEAN_HEAD "\"job\":{\"user\":\"u\",\"title\":\"T\",\"id\":7,\"copies\":2,\"impressions\":3}}", 0, 1 },
  { " " LEAN_HEAD "\"job\":{}}", 0, 0 },		// Not at its '{'
  { "{ \"schema\" : \"printaudit/1\" ,\r\n\t\"event\" : { } , \"time\" : \"2026-11-22T21:45:00Z\" } ", 0, 1 },
  // Strings: escapes, UTF-8
  { LEAN_HEAD "\"job\":{\"title\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\tz\"}}", 0, 1 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\u0041\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\u0000\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\x\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac \xf0\x9d\x84\x9e \x7f\"}}", 0, 1 },
  { LEAN_HEAD "\"job\":{\"title\":\"\xff\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"\xc0\xaf\"}}", 0, 0 },		// Overlong
  { LEAN_HEAD "\"job\":{\"title\":\"\xe0\x80\xaf\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"\xed\xa0\x80\"}}", 0, 0 },		// Surrogate
  { LEAN_HEAD "\"job\":{\"title\":\"\xf4\x90\x80\x80\"}}", 0, 0 },	// Above U+10FFFF
  { LEAN_HEAD "\"job\":{\"title\":\"\xe2\x82\"}}", 0, 0 },		// Cut
  { LEAN_HEAD "\"options\":{\"x\":\"\xe2\x82\"}}", 0, 0 },		// Skipped, still checked
  { LEAN_HEAD "\"job\":{\"title\":\"a\tb\"}}", 0, 0 },			// Control character
  { LEAN_HEAD "\"job\":{\"title\":\"a\0b\"}}", sizeof(LEAN_HEAD "\"job\":{\"title\":\"a\0b\"}}") - 1, 0 },
  { LEAN_HEAD "\"job\":{\"ti\\/tle\":\"x\",\"title\":\"y\"}}", 0, 1 },	// Escaped name
  { LEAN_HEAD "\"job\":{\"\":\"x\"},\"\":1}", 0, 1 },
  // Repeated names: the last wins
  { LEAN_HEAD "\"job\":{\"user\":\"a\",\"user\":\"b\"},\"job\":{\"user\":\"c\",\"title\":\"t\"}}", 0, 1 },
  { LEAN_HEAD "\"schema\":\"printaudit/2\",\"job\":{}}", 0, 0 },
  { LEAN_HEAD "\"time\":\"2026-11-23T00:00:00Z\",\"time\":null}", 0, 1 },
  // Numbers
  { LEAN_HEAD "\"job\":{\"copies\":-0,\"id\":123456789012345678,\"impressions\":-5}}", 0, 1 },
  { LEAN_HEAD "\"job\":{\"id\":1234567890123456789}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"id\":99999999999999999999}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":01}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":1.5}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":1.}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":-}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":+1}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":2,\"x\":[1.25,-0.5,0,-7]}}", 0, 1 },
  { LEAN_HEAD "\"options\":{\"x\":1e999}}", 0, 0 },
  { LEAN_HEAD "\"options\":{\"x\":1E5}}", 0, 0 },
  { LEAN_HEAD "\"options\":{\"x\":12abc}}", 0, 0 },
  // Literals
  { LEAN_HEAD "\"job\":{\"color\":null,\"sides\":true,\"user\":false},\"x\":[true,false,null]}", 0, 1 },
  { LEAN_HEAD "\"x\":truex}", 0, 0 },
  { LEAN_HEAD "\"x\":nul}", 0, 0 },
  { LEAN_HEAD "\"x\":True}", 0, 0 },
  // Structure
  { LEAN_HEAD "\"job\":{},}", 0, 0 },
  { LEAN_HEAD "\"x\":[1,]}", 0, 0 },
  { LEAN_HEAD "\"x\":[]}", 0, 1 },
  { LEAN_HEAD "\"x\":{}}", 0, 1 },
  { LEAN_HEAD "\"x\":[[{\"a\":[{}]}]]}", 0, 1 },
  { LEAN_HEAD "\"job\":{}} x", 0, 0 },
  { LEAN_HEAD "\"job\":{}}}", 0, 0 },
  { LEAN_HEAD "\"job\":{}", 0, 0 },
  { LEAN_HEAD "\"job\" {}}", 0, 0 },
  { LEAN_HEAD "job:{}}", 0, 0 },
  { LEAN_HEAD "\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", 0, 0 },
  // Not for the lean path: ECS, split parts, kept members of other types
  { LEAN_HEAD "\"ecs\":{}}", 0, 0 },
  { LEAN_HEAD "\"event\":{\"id\":\"x\",\"part\":1,\"parts\":2}}", 0, 0 },
  { LEAN_HEAD "\"job\":\"x\"}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"user\":{\"name\":\"u\"}}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"user\":[\"u\"]}}", 0, 0 },
  { "{\"schema\":\"printaudit/1\",\"time\":\"2026-11-22T21:45:00Z\"}", 0, 0 },
  { "{\"schema\":\"printaudit/1\",\"event\":[],\"time\":\"2026-11-22T21:45:00Z\"}", 0, 0 },
  { "[1]", 0, 0 },
  { "", 0, 0 }
};


/*
 * 'lean_same()' - Assert that two records' fields are the same.
 */

static void
lean_same(int                   i,	/* I - Case */
          const report_record_t *a,	/* I - Read lean */
          const report_record_t *b)	/* I - Read by jansson */
{
  const char * const	sa[] = { a->time_text, a->user, a->title, a->document, a->printer,
				 a->host, a->application, a->color, a->sides, a->action,
				 a->hostname, a->uuid, a->billing, a->outcome,
				 a->pages_source, a->info, a->location };
  const char * const	sb[] = { b->time_text, b->user, b->title, b->document, b->printer,
				 b->host, b->application, b->color, b->sides, b->action,
				 b->hostname, b->uuid, b->billing, b->outcome,
				 b->pages_source, b->info, b->location };
  size_t		j;


  for (j = 0; j < UNIT_COUNT(sa); j ++)
    ck_assert_msg((!sa[j] && !sb[j]) || (sa[j] && sb[j] && !strcmp(sa[j], sb[j])),
                  "#%d: field %d: \"%s\", jansson \"%s\"", i, (int)j,
                  sa[j] ? sa[j] : "(null)", sb[j] ? sb[j] : "(null)");
  ck_assert_msg(a->port == b->port && a->impressions == b->impressions &&
                a->copies == b->copies && a->job_id == b->job_id && a->pages == b->pages &&
                a->starts == b->starts && a->has_start == b->has_start &&
                !reportTimeCompare(&a->time, &b->time), "#%d: numbers differ", i);
}


START_TEST(test_scan_record)
{
  const lean_case_t	*c = lean_cases + _i;
  size_t		len = c->len ? c->len : strlen(c->text);
  json_t		*lean = reportScanRecord(c->text, len),
			*full = json_loadb(c->text, len, 0, NULL);
  report_record_t	a, b;
  paudit_error_t		error;
  int			ra, rb;


  // Never take what jansson refuses.
  if (!full)
    ck_assert_msg(lean == NULL, "#%d: taken, but not JSON to jansson", _i);
  ck_assert_msg((lean != NULL) == c->lean, "#%d: %s", _i, lean ? "taken" : "left to jansson");

  if (lean)
  {
    ra = reportRecordInit(&a, lean, c->text, len, &error);
    rb = reportRecordInit(&b, full, c->text, len, &error);
    ck_assert_msg(ra == rb, "#%d: %d, jansson %d", _i, ra, rb);
    if (!ra)
      lean_same(_i, &a, &b);
  }

  json_decref(lean);
  json_decref(full);
}
END_TEST


START_TEST(test_scan_golden)
{
  char			*text;
  paudit_error_t		error;
  size_t		len;
  json_t		*full = unitLoadRecord("macos-textedit-socket.record.json", &text, &len),
			*lean = reportScanRecord(text, len);
  report_record_t	a, b;


  // The shim's own record, every field set, is read lean and alike.
  ck_assert_ptr_nonnull(lean);
  ck_assert_int_eq(reportRecordInit(&a, lean, text, len, &error), 0);
  ck_assert_int_eq(reportRecordInit(&b, full, text, len, &error), 0);
  ck_assert_ptr_nonnull(a.user);
  ck_assert_ptr_nonnull(a.host);
  ck_assert(a.job_id > 0 && a.port > 0 && a.copies > 0);
  lean_same(0, &a, &b);
  ck_assert_ptr_null(json_object_get(lean, "options"));	// Never built

  json_decref(lean);
  json_decref(full);
  free(text);
}
END_TEST


START_TEST(test_message_lean)
{
  report_message_t	msg, full;
  report_kind_t		kind;
  const char		*line;


  // Every message case reads alike with lean records.
  line = _i < (int)UNIT_COUNT(message_cases) ? message_cases[_i].line :
         journal_cases[_i - (int)UNIT_COUNT(message_cases)].line;

  reportMessageLean(0);
  kind = reportMessageParse(&full, line, strlen(line));
  reportMessageLean(1);
  ck_assert_int_eq(reportMessageParse(&msg, line, strlen(line)), kind);
  reportMessageLean(0);

  ck_assert_str_eq(msg.error.text, full.error.text);
  ck_assert(msg.len == full.len && msg.uid == full.uid && msg.journal == full.journal);
  ck_assert(!msg.len || !memcmp(msg.text, full.text, msg.len));
  if (kind == REPORT_KIND_RECORD || kind == REPORT_KIND_PART)
    ck_assert(json_is_object(msg.json));
  reportMessageClear(&msg);
  reportMessageClear(&full);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-message");
  TCase	*tc = tcase_create("message");


  tcase_add_loop_test(tc, test_message, 0, (int)UNIT_COUNT(message_cases));
  tcase_add_loop_test(tc, test_message_journal, 0, (int)UNIT_COUNT(journal_cases));
  tcase_add_loop_test(tc, test_message_lean, 0, (int)(UNIT_COUNT(message_cases) + UNIT_COUNT(journal_cases)));
  tcase_add_loop_test(tc, test_scan_record, 0, (int)UNIT_COUNT(lean_cases));
  tcase_add_test(tc, test_scan_golden);
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
