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
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-message");
  TCase	*tc = tcase_create("message");


  tcase_add_loop_test(tc, test_message, 0, (int)UNIT_COUNT(message_cases));
  tcase_add_loop_test(tc, test_message_journal, 0, (int)UNIT_COUNT(journal_cases));
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
