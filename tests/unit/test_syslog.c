/*
 * Unit tests for the syslog sink (lib/syslog.c): pauditSyslogWrite().
 *
 *   test_syslog        the socket transport: a receiver that restarts
 *                      between parts of a 200-part record loses no part
 *   test_syslog api    the syslog(3) transport (SyslogSocket syslog(3),
 *                      macOS's default), run as root in a private mount
 *                      namespace whose /dev/log is the test's own socket;
 *                      exits 77 (skipped) where that namespace cannot be
 *                      made
 *
 * The restarts are made deterministic by linking with -Wl,--wrap=send and
 * --wrap=connect (the library is static): before each of the library's
 * send() calls the test takes what its receiver got, and at the chosen
 * part closes the receiver and binds a new one at the same path, so the
 * library's connected socket is the dead one and the kernel itself
 * answers the next send() with ECONNREFUSED.  The wrapped connect() keeps
 * the new socket away for a given number of attempts.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <dirent.h>
#include <unistd.h>

#define TEST_ID  "0123456789abcdef0123456789abcdef"
#define TEST_MAX 1024			/* SyslogMaxSize: part 1 is the core */

extern ssize_t	__real_send(int fd, const void *buf, size_t len, int flags);
extern int	__real_connect(int fd, const struct sockaddr *addr, socklen_t len);
extern ssize_t	__wrap_send(int fd, const void *buf, size_t len, int flags);
extern int	__wrap_connect(int fd, const struct sockaddr *addr, socklen_t len);


/*
 * Messages received...
 */

typedef struct msgs_s			/* Datagrams, in order */
{
  char		**text;			/* Messages, nul-terminated */
  size_t	count,			/* Number */
		alloc;			/* Allocated */
} msgs_t;


static void
msgsAdd(msgs_t     *msgs,		/* I - Messages */
        const char *data,		/* I - Datagram */
        size_t     len)			/* I - Length */
{
  if (msgs->count == msgs->alloc)
  {
    msgs->alloc = msgs->alloc ? 2 * msgs->alloc : 64;
    msgs->text  = realloc(msgs->text, msgs->alloc * sizeof(char *));
    ck_assert_ptr_nonnull(msgs->text);
  }
  ck_assert_ptr_nonnull((msgs->text[msgs->count] = malloc(len + 1)));
  memcpy(msgs->text[msgs->count], data, len);
  msgs->text[msgs->count][len] = '\0';
  msgs->count ++;
}


static void
msgsFree(msgs_t *msgs)			/* I - Messages */
{
  size_t	i;

  for (i = 0; i < msgs->count; i ++)
    free(msgs->text[i]);
  free(msgs->text);
  memset(msgs, 0, sizeof(*msgs));
}


/*
 * 'recordBig()' - A record with noptions options (6400: about 200 parts of 1024 bytes).
 */

static json_t *				/* O - New record */
recordBig(int noptions)			/* I - Options */
{
  paudit_job_t		job;
  paudit_uri_t		split;
  paudit_error_t	error;
  char			*argv[7], *options, *p;
  json_t		*record;
  int			i;


  ck_assert_ptr_nonnull((options = malloc((size_t)noptions * 32 + 1)));
  for (i = 0, p = options; i < noptions; i ++)
    p += sprintf(p, "%soption%d=value%d", i ? " " : "", i, i);

  static char	uri[] = "printaudit:socket://10.0.0.5:9100", id[] = "150", user[] = "alice",
		title[] = "restart test", copies[] = "1";

  argv[0] = uri;
  argv[1] = id;
  argv[2] = user;
  argv[3] = title;
  argv[4] = copies;
  argv[5] = options;
  argv[6] = NULL;

  memset(&job, 0, sizeof(job));
  job.argc       = 6;
  job.argv       = argv;
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditURISplit("socket://10.0.0.5:9100", &split, &error), PAUDIT_STATUS_OK);
  job.uri        = &split;
  job.printer    = "hq";
  job.hostname   = "printsrv1";
  job.now.tv_sec = 1795000000;
  strcpy(job.event_id, TEST_ID);

  pauditErrorClear(&error);
  record = pauditRecordNew(&job, &error);
  ck_assert_msg(record != NULL, "pauditRecordNew: %s", error.text);
  free(options);
  pauditURIClear(&split);

  return (record);
}


/*
 * 'msgsJoin()' - Check the messages (header, size, priority, numbering) and
 *                join their parts back into a record.
 */

static json_t *				/* O - New record */
msgsJoin(const msgs_t *msgs,		/* I - Messages */
         size_t       max,		/* I - SyslogMaxSize */
         int          pri,		/* I - Expected priority */
         pid_t        pid,		/* I - Expected PID */
         size_t       *omitted)		/* O - event.parts_omitted of part 1, 0 if none */
{
  char		prefix[64], *slices = NULL;
  size_t	i, plen, slen = 0, n;
  json_t	*core = NULL, *part, *event, *options;
  json_error_t	jerr;
  const char	*body, *slice;


  ck_assert_uint_ge(msgs->count, 1);
  snprintf(prefix, sizeof(prefix), "<%d>", pri);
  plen    = strlen(prefix);
  *omitted = 0;

  for (i = 0; i < msgs->count; i ++)
  {
    char	tag[48];

    unitCheck(strlen(msgs->text[i]) <= max, "message %zu: %zu bytes > %zu", i + 1,
              strlen(msgs->text[i]), max);
    unitCheck(!strncmp(msgs->text[i], prefix, plen), "message %zu: not %s: %.40s", i + 1,
              prefix, msgs->text[i]);
    snprintf(tag, sizeof(tag), " printaudit[%d]: {", (int)pid);
    unitCheck((body = strstr(msgs->text[i], tag)) != NULL &&
              body - msgs->text[i] == (ptrdiff_t)(plen + 15),
              "message %zu: no \"Mmm dd hh:mm:ss%s\" header: %.60s", i + 1, tag,
              msgs->text[i]);
    body += strlen(tag) - 1;

    part = json_loads(body, 0, &jerr);
    unitCheck(part != NULL, "message %zu is not JSON: %s", i + 1, jerr.text);
    event = json_object_get(part, "event");
    unitCheck(!strcmp(json_string_value(json_object_get(event, "id")), TEST_ID),
              "message %zu: another event.id", i + 1);

    if (msgs->count == 1 && !json_object_get(event, "part"))
      return (part);

    n = (size_t)json_integer_value(json_object_get(event, "part"));
    unitCheck(n == i + 1, "message %zu is part %zu", i + 1, n);
    unitCheck((size_t)json_integer_value(json_object_get(event, "parts")) == msgs->count,
              "message %zu: event.parts %lld of %zu messages", i + 1,
              (long long)json_integer_value(json_object_get(event, "parts")), msgs->count);

    if (i == 0)
    {
      *omitted = (size_t)json_integer_value(json_object_get(event, "parts_omitted"));
      json_object_del(event, "part");
      json_object_del(event, "parts");
      json_object_del(event, "parts_omitted");
      core = part;
      continue;
    }

    slice = json_string_value(json_object_get(part, "options_slice"));
    unitCheck(slice != NULL, "message %zu: no options_slice", i + 1);
    n      = strlen(slice);
    slices = realloc(slices, slen + n + 1);
    ck_assert_ptr_nonnull(slices);
    memcpy(slices + slen, slice, n + 1);
    slen += n;
    json_decref(part);
  }

  if (*omitted)
  {
    // A prefix only: keep it as a string to compare.
    ck_assert_int_eq(json_object_set_new(core, "options", json_string(slices)), 0);
  }
  else
  {
    options = json_loadb(slices, slen, 0, &jerr);
    unitCheck(options != NULL, "the options_slices do not join: %s", jerr.text);
    ck_assert_int_eq(json_object_set_new(core, "options", options), 0);
  }
  free(slices);

  return (core);
}


/*
 * The socket transport, with a receiver that restarts.
 */

static struct
{
  char		path[108];		/* Receiver socket */
  int		fd;			/* Receiver, -1 while away */
  msgs_t	msgs;			/* What it received */
  size_t	restart_after;		/* Restart once this many messages are in */
  int		away_connects;		/* Connection attempts the new socket is away for */
  int		leave_dead;		/* While away: the dead socket's file stays (ECONNREFUSED) */
  int		restarted;		/* Done */
  int		refused;		/* send() failures with ECONNREFUSED seen */
  int		other_errors;		/* Other send() failures */
} rx = { .fd = -1 };


static void
rxBind(void)
{
  struct sockaddr_un	addr;


  memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_UNIX;
  memcpy(addr.sun_path, rx.path, strlen(rx.path) + 1);
  ck_assert_int_ge((rx.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)), 0);
  ck_assert_msg(bind(rx.fd, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind %s: %s",
                rx.path, strerror(errno));
}


static void
rxDrain(void)
{
  char		buf[70000];
  ssize_t	got;


  if (rx.fd < 0)
    return;
  while ((got = recv(rx.fd, buf, sizeof(buf), 0)) >= 0)
    msgsAdd(&rx.msgs, buf, (size_t)got);
  ck_assert_msg(errno == EAGAIN || errno == EWOULDBLOCK, "recv: %s", strerror(errno));
}


static void
rxAwayEnd(void)
{
  unlink(rx.path);
  rxBind();
}


ssize_t
__wrap_send(int        fd,		/* I - Socket */
            const void *buf,		/* I - Data */
            size_t     len,		/* I - Length */
            int        flags)		/* I - Flags */
{
  ssize_t	sent;
  int		err;


  rxDrain();
  if (!rx.restarted && rx.msgs.count == rx.restart_after)
  {
    // The receiver restarts between two parts: nothing queued is lost (it
    // was taken just now), and the library's socket now points at a
    // closed one.
    rx.restarted = 1;
    close(rx.fd);
    rx.fd = -1;
    if (!rx.leave_dead)
      unlink(rx.path);
    if (!rx.away_connects)
      rxAwayEnd();
  }

  if ((sent = __real_send(fd, buf, len, flags)) < 0)
  {
    err = errno;
    if (err == ECONNREFUSED)
      rx.refused ++;
    else if (err != EAGAIN && err != EWOULDBLOCK)
      rx.other_errors ++;
    errno = err;
  }

  return (sent);
}


int
__wrap_connect(int                   fd,	/* I - Socket */
               const struct sockaddr *addr,	/* I - Address */
               socklen_t             len)	/* I - Length */
{
  int	status, err;


  status = __real_connect(fd, addr, len);
  err    = errno;
  if (status && rx.fd < 0 && rx.restarted && -- rx.away_connects <= 0)
    rxAwayEnd();
  errno = err;

  return (status);
}


typedef struct restart_case_s
{
  size_t	after;			/* Restart after this many parts */
  int		away;			/* Connections refused meanwhile */
  int		leave_dead;		/* Socket file left in place while away */
} restart_case_t;

static const restart_case_t restart_cases[] =
{
  { 1, 0, 0 },				// right after part 1
  { 100, 0, 0 },			// in the middle
  { 199, 0, 0 },			// before the last part
  { 100, 3, 0 },			// gone (ENOENT) for three connection attempts
  { 100, 3, 1 },			// dead (ECONNREFUSED on connect) for three
};


START_TEST(test_syslog_restart)
{
  const restart_case_t	*c = restart_cases + _i;
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	status;
  json_t		*record, *joined;
  char			*text, dir[] = "/tmp/paudit-syslog.XXXXXX";
  size_t		len, omitted;


  ck_assert_ptr_nonnull(mkdtemp(dir));
  msgsFree(&rx.msgs);
  snprintf(rx.path, sizeof(rx.path), "%s/log.sock", dir);
  rx.restart_after = c->after;
  rx.away_connects = c->away;
  rx.leave_dead    = c->leave_dead;
  rx.restarted     = rx.refused = rx.other_errors = 0;
  rxBind();

  record = recordBig(6400);
  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));

  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  free(config.syslog_socket);
  ck_assert_ptr_nonnull((config.syslog_socket = strdup(rx.path)));
  config.syslog_max       = TEST_MAX;
  config.syslog_max_parts = 1000;
  config.syslog_facility  = LOG_LOCAL3;

  pauditErrorClear(&error);
  status = pauditSyslogWrite(&config, record, text, len, &error);
  rxDrain();

  ck_assert_msg(status == PAUDIT_STATUS_OK, "case %d: status %d: %s (%zu messages)", _i,
                (int)status, error.text, rx.msgs.count);
  ck_assert_str_eq(error.text, "");
  ck_assert_msg(rx.restarted, "case %d: the receiver never restarted", _i);
  ck_assert_msg(rx.refused == 1, "case %d: %d sends refused, expected 1", _i, rx.refused);
  ck_assert_int_eq(rx.other_errors, 0);
  ck_assert_msg(rx.msgs.count >= 200, "case %d: %zu messages", _i, rx.msgs.count);

  joined = msgsJoin(&rx.msgs, TEST_MAX, LOG_LOCAL3 | LOG_NOTICE, getpid(), &omitted);
  ck_assert_uint_eq(omitted, 0);
  unitAssertJSON(joined, record, "the parts join to the record");

  json_decref(joined);
  json_decref(record);
  free(text);
  pauditConfigClear(&config);
  close(rx.fd);
  rx.fd = -1;
  unlink(rx.path);
  rmdir(dir);
  msgsFree(&rx.msgs);
}
END_TEST


/*
 * The syslog(3) transport, in a private mount namespace.
 */

typedef struct api_rx_s			/* The receiver thread's state */
{
  int		fd;			/* /dev/log */
  int		out;			/* Pipe to the test: length + message */
} api_rx_t;


static void *
apiReceive(void *data)			/* I - api_rx_t */
{
  api_rx_t	*arx = (api_rx_t *)data;
  char		buf[70000];
  ssize_t	got;
  unsigned	len;


  while ((got = recv(arx->fd, buf, sizeof(buf), 0)) >= 0)
  {
    if (got == 4 && !memcmp(buf, "STOP", 4))
      break;
    len = (unsigned)got;
    if (write(arx->out, &len, sizeof(len)) != sizeof(len) ||
        write(arx->out, buf, (size_t)got) != got)
      break;
  }

  return (NULL);
}


/*
 * 'apiOpenFds()' - Number of open file descriptors.
 */

static int
apiOpenFds(void)
{
  DIR	*dir = opendir("/proc/self/fd");
  int	count = 0;

  if (!dir)
    return (-1);
  while (readdir(dir))
    count ++;
  closedir(dir);

  return (count);
}


/*
 * 'apiChild()' - In a child: /dev/log is ours; write the record through
 *                syslog(3).  Exit status: 0, or what failed.
 */

static void
apiChild(int        out,		/* I - Pipe to the test */
         size_t     max_parts,		/* I - SyslogMaxParts */
         int        noptions)		/* I - Options in the record */
{
  struct sockaddr_un	addr;
  api_rx_t		arx;
  pthread_t		thread;
  paudit_config_t	config;
  paudit_error_t	error;
  json_t		*record;
  char			*text;
  size_t		len;
  int			stop, before, after;


  if (unshare(CLONE_NEWNS) ||
      mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
      mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k"))
    _exit(10);

  memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_UNIX;
  strcpy(addr.sun_path, "/dev/log");
  arx.out = out;
  if ((arx.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0 ||
      bind(arx.fd, (struct sockaddr *)&addr, sizeof(addr)) ||
      pthread_create(&thread, NULL, apiReceive, &arx))
    _exit(11);

  record = recordBig(noptions);
  if ((text = pauditJSONNew(record, &len)) == NULL ||
      pauditConfigInit(&config) != PAUDIT_STATUS_OK)
    _exit(12);
  free(config.syslog_socket);
  config.syslog_socket    = NULL;		// syslog(3)
  config.syslog_max       = TEST_MAX;
  config.syslog_max_parts = max_parts;
  config.syslog_facility  = LOG_LOCAL3;

  before = apiOpenFds();
  pauditErrorClear(&error);
  if (pauditSyslogWrite(&config, record, text, len, &error) != PAUDIT_STATUS_OK)
    _exit(13);
  after = apiOpenFds();

  // The end marker, then wait for the receiver to have passed everything on.
  if ((stop = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0 ||
      connect(stop, (struct sockaddr *)&addr, sizeof(addr)) ||
      send(stop, "STOP", 4, 0) != 4 || pthread_join(thread, NULL))
    _exit(14);

  // closelog(): nothing of syslog(3)'s is left open for the backend.
  _exit(before == after ? 0 : 15);
}


/*
 * 'apiRun()' - Run apiChild() and collect what /dev/log received.
 */

static void
apiRun(size_t max_parts,		/* I - SyslogMaxParts */
       int    noptions,			/* I - Options */
       msgs_t *msgs,			/* O - Messages */
       pid_t  *pid)			/* O - The child's PID */
{
  int		pipefd[2], status;
  unsigned	len;
  char		*buf;


  ck_assert_int_eq(pipe(pipefd), 0);
  ck_assert_int_ge((*pid = fork()), 0);
  if (*pid == 0)
  {
    close(pipefd[0]);
    apiChild(pipefd[1], max_parts, noptions);
  }
  close(pipefd[1]);

  memset(msgs, 0, sizeof(*msgs));
  while (read(pipefd[0], &len, sizeof(len)) == sizeof(len))
  {
    ck_assert_ptr_nonnull((buf = malloc(len)));
    ck_assert_int_eq(read(pipefd[0], buf, len), (ssize_t)len);
    msgsAdd(msgs, buf, len);
    free(buf);
  }
  close(pipefd[0]);

  ck_assert_int_eq(waitpid(*pid, &status, 0), *pid);
  ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                "the syslog(3) child failed: status 0x%x (10 namespace, 11 receiver, "
                "12 record, 13 write, 14 marker, 15 fds left open)", status);
}


START_TEST(test_syslog_api_split)
{
  msgs_t	msgs;
  pid_t		pid;
  json_t	*record, *joined;
  size_t	omitted;


  // About 20 parts of 1024 bytes: all sent, ident printaudit, the PID,
  // local3.notice, and they join to the record.
  apiRun(64, 600, &msgs, &pid);
  ck_assert_uint_ge(msgs.count, 10);
  ck_assert_uint_le(msgs.count, 64);
  record = recordBig(600);
  joined = msgsJoin(&msgs, TEST_MAX, LOG_LOCAL3 | LOG_NOTICE, pid, &omitted);
  ck_assert_uint_eq(omitted, 0);
  unitAssertJSON(joined, record, "syslog(3): the parts join to the record");
  json_decref(joined);
  json_decref(record);
  msgsFree(&msgs);
}
END_TEST


START_TEST(test_syslog_api_capped)
{
  msgs_t	msgs;
  pid_t		pid;
  json_t	*record, *joined;
  size_t	omitted, len;
  const char	*prefix;
  char		*whole;


  // The same record as 6400 options would need about 200 parts; capped at 5.
  apiRun(5, 6400, &msgs, &pid);
  ck_assert_uint_eq(msgs.count, 5);
  joined = msgsJoin(&msgs, TEST_MAX, LOG_LOCAL3 | LOG_NOTICE, pid, &omitted);
  ck_assert_uint_ge(omitted, 150);

  // The slices are a prefix of the options' text; the rest is the record's.
  record = recordBig(6400);
  ck_assert_ptr_nonnull((whole = pauditJSONNew(json_object_get(record, "options"), &len)));
  prefix = json_string_value(json_object_get(joined, "options"));
  ck_assert_ptr_nonnull(prefix);
  ck_assert_uint_lt(strlen(prefix), len);
  ck_assert_msg(!strncmp(whole, prefix, strlen(prefix)), "not a prefix of the options");
  ck_assert_int_eq(json_object_del(joined, "options"), 0);
  ck_assert_int_eq(json_object_del(record, "options"), 0);
  unitAssertJSON(joined, record, "syslog(3): part 1 is the record without options");

  free(whole);
  json_decref(joined);
  json_decref(record);
  msgsFree(&msgs);
}
END_TEST


/*
 * 'apiPossible()' - Whether a private mount namespace can be made here.
 */

static int
apiPossible(void)
{
  pid_t	pid;
  int	status;


  if (geteuid() != 0)
    return (0);
  if ((pid = fork()) == 0)
    _exit(unshare(CLONE_NEWNS) ? 1 : 0);

  return (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
}


int
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - "api" for the syslog(3) tests */
{
  Suite	*s = suite_create("syslog");
  TCase	*tc;


  if (argc > 1 && !strcmp(argv[1], "api"))
  {
    if (!apiPossible())
    {
      puts("skipped: the syslog(3) test needs root and a private mount namespace "
           "(unshare(CLONE_NEWNS)) for a /dev/log of its own");
      return (77);
    }
    tc = tcase_create("api");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_syslog_api_split);
    tcase_add_test(tc, test_syslog_api_capped);
  }
  else
  {
    tc = tcase_create("restart");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_syslog_restart, 0, (int)UNIT_COUNT(restart_cases));
  }
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
