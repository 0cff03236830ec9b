/*
 * printaudit unit tests: delivery and OnLogFailure (lib/sink.c).
 *
 * pauditDeliver() for each OnLogFailure value, each sink off, working or
 * failing, with and without a record.  No root needed: the syslog
 * receiver is a datagram socket of the test's own in a private temporary
 * directory, the JsonLog a file in it (0700, the test user's; as root the
 * directory is root's, as the JsonLog's checks want).  A failing syslog
 * is a stream socket at the path (the datagram connect() is refused at
 * once, EPROTOTYPE), a failing JsonLog a path in a missing directory.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define SINK_ID "0123456789abcdef0123456789abcdef"

typedef enum sink_state_e		/* One sink in a case */
{
  SINK_OFF,				/* Not configured */
  SINK_OK,				/* Configured, works */
  SINK_FAIL				/* Configured, fails */
} sink_state_t;

typedef struct sink_test_s		/* One case's environment */
{
  char		dir[64];		/* Private temporary directory */
  char		path[3][128];		/* Receiver, stream socket, JsonLog */
  int		receiver,		/* Datagram receiver or -1 */
		stream;			/* Stream socket (failing syslog) or -1 */
  int		reports;		/* Messages passed to the callback */
  char		last[512];		/* The last one */
  char		all[2048];		/* All of them, one a line */
} sink_test_t;


/*
 * 'sinkSocket()' - A socket of type bound at path.
 */

static int
sinkSocket(const char *path,		/* I - Path */
           int        type)		/* I - SOCK_DGRAM or SOCK_STREAM */
{
  struct sockaddr_un	addr;
  int			fd;


  memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_UNIX;
  ck_assert_uint_lt(strlen(path), sizeof(addr.sun_path));
  memcpy(addr.sun_path, path, strlen(path) + 1);
  ck_assert_int_ge((fd = socket(AF_UNIX, type, 0)), 0);
  ck_assert_msg(!bind(fd, (struct sockaddr *)&addr, sizeof(addr)), "bind %s: %s", path,
                strerror(errno));
  if (type == SOCK_STREAM)
    ck_assert_int_eq(listen(fd, 1), 0);

  return (fd);
}


/*
 * 'sinkReport()' - The callback: count and keep the messages.
 */

static void
sinkReport(const char *message,		/* I - Message */
           void       *data)		/* I - sink_test_t */
{
  sink_test_t	*t = (sink_test_t *)data;
  size_t	len = strlen(t->all);


  t->reports ++;
  snprintf(t->last, sizeof(t->last), "%s", message);
  snprintf(t->all + len, sizeof(t->all) - len, "%s\n", message);
}


/*
 * 'sinkReceived()' - Datagrams waiting at the receiver with the record's id.
 */

static int
sinkReceived(sink_test_t *t)		/* I - Case */
{
  char		buf[8192];
  ssize_t	n;
  int		count = 0;


  while ((n = recv(t->receiver, buf, sizeof(buf) - 1, MSG_DONTWAIT)) > 0)
  {
    buf[n] = '\0';
    ck_assert_msg(strstr(buf, SINK_ID) != NULL, "a datagram without the record: %s", buf);
    count ++;
  }

  return (count);
}


/*
 * 'sinkLines()' - Lines in the JsonLog with the record's id (-1: no file).
 */

static int
sinkLines(sink_test_t *t)		/* I - Case */
{
  char		*text, *line, *next;
  size_t	len;
  int		count = 0;


  if (access(t->path[2], F_OK))
    return (-1);

  text = unitReadFile(t->path[2], &len);
  for (line = text; *line; line = next)
  {
    if ((next = strchr(line, '\n')) == NULL)
      ck_abort_msg("JsonLog line without a newline: %s", line);
    *next++ = '\0';
    ck_assert_msg(strstr(line, SINK_ID) != NULL, "a JsonLog line without the record: %s", line);
    count ++;
  }
  free(text);

  return (count);
}


/*
 * 'sinkSetup()' - A case's directory, its two receivers and its file's path.
 */

static void
sinkSetup(sink_test_t *t,		/* O - Case */
          const char  *file)		/* I - Name of its JSON Lines file */
{
  memset(t, 0, sizeof(*t));
  unitTempDir(t->dir, sizeof(t->dir), "unit-sink");
  snprintf(t->path[0], sizeof(t->path[0]), "%s/log", t->dir);
  snprintf(t->path[1], sizeof(t->path[1]), "%s/stream", t->dir);
  snprintf(t->path[2], sizeof(t->path[2]), "%s/%s", t->dir, file);
  t->receiver = sinkSocket(t->path[0], SOCK_DGRAM);
  t->stream   = sinkSocket(t->path[1], SOCK_STREAM);
}


/*
 * 'sinkTeardown()' - Close the receivers and remove what the case made;
 *                    the directory must then be empty.
 */

static void
sinkTeardown(sink_test_t *t)		/* I - Case */
{
  char	lock[sizeof(t->path[2]) + 5];


  close(t->receiver);
  close(t->stream);
  unlink(t->path[0]);
  unlink(t->path[1]);
  unlink(t->path[2]);
  snprintf(lock, sizeof(lock), "%s.lock", t->path[2]);
  unlink(lock);
  ck_assert_msg(!rmdir(t->dir), "rmdir %s: %s", t->dir, strerror(errno));
}


/*
 * One case per OnLogFailure x JsonLog x syslog x record or none.
 */

START_TEST(test_sink_policy)
{
  int			i = _i;
  paudit_onfail_t	onfail = (i % 2) ? PAUDIT_ONFAIL_STOP : PAUDIT_ONFAIL_PRINT;
  sink_state_t		jsonlog = (sink_state_t)((i / 2) % 3),
			syslog = (sink_state_t)((i / 6) % 3);
  int			have_record = (i / 18) == 0;
  sink_test_t		t;
  paudit_config_t	config;
  paudit_deliver_t	result, expect;
  json_t		*record = NULL, *before = NULL;
  int			received, lines, reports = 0;
  char			what[160];


  snprintf(what, sizeof(what), "OnLogFailure %s, JsonLog %s, syslog %s, %s",
           onfail == PAUDIT_ONFAIL_STOP ? "stop" : "print",
           jsonlog == SINK_OFF ? "off" : jsonlog == SINK_OK ? "working" : "failing",
           syslog == SINK_OFF ? "off" : syslog == SINK_OK ? "working" : "failing",
           have_record ? "a record" : "no record");

  sinkSetup(&t, "printaudit.jsonl");

  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  config.on_failure = onfail;
  config.syslog     = syslog != SINK_OFF;
  free(config.syslog_socket);
  config.syslog_socket = strdup(syslog == SINK_FAIL ? t.path[1] : t.path[0]);
  ck_assert_ptr_nonnull(config.syslog_socket);
  if (jsonlog == SINK_OK)
    config.json_log = strdup(t.path[2]);
  else if (jsonlog == SINK_FAIL)
  {
    char path[160];

    snprintf(path, sizeof(path), "%s/missing/printaudit.jsonl", t.dir);
    config.json_log = strdup(path);
  }
  ck_assert(jsonlog == SINK_OFF || config.json_log);

  if (have_record)
  {
    record = unitParse("{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.start\","
                       "\"id\":\"" SINK_ID "\"},\"job\":{\"id\":150,\"title\":\"t\"},"
                       "\"options\":{\"media\":\"A4\"}}");
    ck_assert_ptr_nonnull((before = json_deep_copy(record)));
  }

  result = pauditDeliver(&config, record, sinkReport, &t);

  // The policy.
  expect = onfail == PAUDIT_ONFAIL_STOP && (!have_record || jsonlog == SINK_FAIL) ?
           PAUDIT_DELIVER_STOP : PAUDIT_DELIVER_PRINT;
  ck_assert_msg(result == expect, "%s: %s, expected %s", what,
                result == PAUDIT_DELIVER_STOP ? "stop" : "print",
                expect == PAUDIT_DELIVER_STOP ? "stop" : "print");

  // What each sink got: the JsonLog whenever it works; syslog when it
  // works, unless the job stops (it is recorded when it prints).
  received = sinkReceived(&t);
  lines    = sinkLines(&t);
  ck_assert_msg(received == (have_record && syslog == SINK_OK && result == PAUDIT_DELIVER_PRINT),
                "%s: %d syslog messages", what, received);
  ck_assert_msg(lines == (jsonlog == SINK_OK && have_record ? 1 : -1),
                "%s: JsonLog has %d lines", what, lines);

  // What was reported, in order: the JsonLog's failure, syslog's, why
  // the job stops.
  if (have_record && jsonlog == SINK_FAIL)
  {
    reports ++;
    ck_assert_msg(strstr(t.all, t.dir) != NULL, "%s: the JsonLog error does not name it: %s",
                  what, t.all);
  }
  if (have_record && syslog == SINK_FAIL && result == PAUDIT_DELIVER_PRINT)
  {
    reports ++;
    ck_assert_msg(strstr(t.all, "Unable to reach syslog receiver") != NULL,
                  "%s: no syslog error: %s", what, t.all);
  }
  if (result == PAUDIT_DELIVER_STOP)
  {
    reports ++;
    ck_assert_str_eq(t.last, "The job was not recorded and OnLogFailure is stop: not printing");
  }
  ck_assert_msg(t.reports == reports, "%s: %d messages, expected %d:\n%s", what, t.reports,
                reports, t.all);

  // The record is the caller's, unchanged.
  if (record)
    unitAssertJSON(record, before, "record after pauditDeliver()");

  json_decref(record);
  json_decref(before);
  pauditConfigClear(&config);
  sinkTeardown(&t);
}
END_TEST


/*
 * No callback: failures are not reported anywhere, the policy holds.
 */

START_TEST(test_sink_no_callback)
{
  paudit_config_t	config;


  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  config.syslog     = 0;
  config.on_failure = PAUDIT_ONFAIL_STOP;
  ck_assert_int_eq(pauditDeliver(&config, NULL, NULL, NULL), PAUDIT_DELIVER_STOP);
  config.on_failure = PAUDIT_ONFAIL_PRINT;
  ck_assert_int_eq(pauditDeliver(&config, NULL, NULL, NULL), PAUDIT_DELIVER_PRINT);
  pauditConfigClear(&config);
}
END_TEST


/*
 * pauditWriteSinks(): every sink tried, no OnLogFailure.  One case per
 * file x syslog x record or none, under OnLogFailure stop and with a
 * JsonLog configured that must not be written (the notifier's).
 */

START_TEST(test_write_sinks)
{
  int			i = _i;
  sink_state_t		file = (sink_state_t)(i % 3),
			syslog = (sink_state_t)((i / 3) % 3);
  int			have_record = (i / 9) == 0;
  sink_test_t		t;
  paudit_config_t	config;
  json_t		*record = NULL, *before = NULL;
  char			what[160], other[160], fail[160];
  int			result, expect, received, lines, reports = 0;


  snprintf(what, sizeof(what), "file %s, syslog %s, %s",
           file == SINK_OFF ? "off" : file == SINK_OK ? "working" : "failing",
           syslog == SINK_OFF ? "off" : syslog == SINK_OK ? "working" : "failing",
           have_record ? "a record" : "no record");

  sinkSetup(&t, "outcome.jsonl");
  snprintf(other, sizeof(other), "%s/printaudit.jsonl", t.dir);
  snprintf(fail, sizeof(fail), "%s/missing/outcome.jsonl", t.dir);

  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  config.on_failure = PAUDIT_ONFAIL_STOP;
  config.syslog     = syslog != SINK_OFF;
  free(config.syslog_socket);
  config.syslog_socket = strdup(syslog == SINK_FAIL ? t.path[1] : t.path[0]);
  config.json_log      = strdup(other);
  ck_assert_ptr_nonnull(config.syslog_socket);
  ck_assert_ptr_nonnull(config.json_log);

  if (have_record)
  {
    record = unitParse("{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.end\","
                       "\"id\":\"" SINK_ID "\"},\"job\":{\"id\":150}}");
    ck_assert_ptr_nonnull((before = json_deep_copy(record)));
  }

  result = pauditWriteSinks(&config, file == SINK_OFF ? NULL : file == SINK_OK ? t.path[2] : fail,
                            record, sinkReport, &t);

  expect = have_record && file != SINK_FAIL && syslog != SINK_FAIL ? 0 : -1;
  ck_assert_msg(result == expect, "%s: %d, expected %d", what, result, expect);

  // Each working sink has the record, whatever the other did.
  received = sinkReceived(&t);
  lines    = sinkLines(&t);
  ck_assert_msg(received == (have_record && syslog == SINK_OK), "%s: %d syslog messages",
                what, received);
  ck_assert_msg(lines == (have_record && file == SINK_OK ? 1 : -1), "%s: file has %d lines",
                what, lines);
  ck_assert_msg(access(other, F_OK) != 0, "%s: the JsonLog was written", what);

  // The file's failure, then syslog's; no word of OnLogFailure.
  if (have_record && file == SINK_FAIL)
  {
    reports ++;
    ck_assert_msg(strstr(t.all, "/missing/") != NULL, "%s: %s", what, t.all);
  }
  if (have_record && syslog == SINK_FAIL)
  {
    reports ++;
    ck_assert_msg(strstr(t.last, "Unable to reach syslog receiver") != NULL, "%s: %s", what, t.all);
  }
  ck_assert_msg(t.reports == reports, "%s: %d messages, expected %d:\n%s", what, t.reports,
                reports, t.all);

  if (record)
    unitAssertJSON(record, before, "record after pauditWriteSinks()");

  json_decref(record);
  json_decref(before);
  pauditConfigClear(&config);
  sinkTeardown(&t);
}
END_TEST


static Suite *
sink_suite(void)
{
  Suite	*s = suite_create("sink");
  TCase	*tc = tcase_create("core");

  tcase_add_loop_test(tc, test_sink_policy, 0, 36);
  tcase_add_test(tc, test_sink_no_callback);
  suite_add_tcase(s, tc);
  tc = tcase_create("write");
  tcase_add_loop_test(tc, test_write_sinks, 0, 18);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  return (unitRun(sink_suite()));
}
