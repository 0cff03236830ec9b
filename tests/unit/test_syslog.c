/*
 * Unit tests for the syslog sink (lib/syslog.c): pauditSyslogWrite().
 *
 *   test_syslog        the socket transport: a receiver that restarts
 *                      between parts of a 200-part record loses no part;
 *                      the header ("<PRI>Mmm dd hh:mm:ss printaudit[PID]: "
 *                      at a fixed time) and SyslogMaxSize bounding header
 *                      and part together; SyslogMaxParts; receivers that
 *                      cannot be reached (path too long for sun_path, not
 *                      a datagram socket, no descriptor left, EMSGSIZE,
 *                      SyslogMaxSize too small), that come back in time
 *                      (restarting twice, interrupted, busy) and that do
 *                      not (missing, dead, gone midway, refusing every
 *                      part, stalled: an error at the 2-second deadline);
 *                      each allocation failing in turn
 *   test_syslog api    the syslog(3) transport (SyslogSocket syslog(3),
 *                      macOS's default), run as root in a private mount
 *                      namespace whose /dev/log is the test's own socket;
 *                      exits 77 (skipped) where that namespace cannot be
 *                      made
 *   test_syslog_plain  the same source against printaudit_lib: where that
 *                      has no syslog(3), an empty SyslogSocket is an error
 *
 * The restarts are made deterministic by linking with -Wl,--wrap=send and
 * --wrap=connect (the library is static): before each of the library's
 * send() calls the test takes what its receiver got, and at the chosen
 * part closes the receiver and binds a new one at the same path, so the
 * library's connected socket is the dead one and the kernel itself
 * answers the next send() with ECONNREFUSED.  The wrapped connect() keeps
 * the new socket away for a given number of attempts.  The same wrapper
 * stops reading (the kernel then answers EAGAIN), shrinks the library's
 * send buffer (EMSGSIZE) or answers EINTR.  --wrap=clock_gettime fixes the
 * header's time; --wrap=malloc, calloc and realloc fail the Nth of the
 * library's allocations.  Every receiver is an AF_UNIX datagram socket in
 * a private directory under /tmp.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#define TEST_ID  "0123456789abcdef0123456789abcdef"
#define TEST_MAX 1024			/* SyslogMaxSize: part 1 is the core */

extern ssize_t	__real_send(int fd, const void *buf, size_t len, int flags);
extern int	__real_connect(int fd, const struct sockaddr *addr, socklen_t len);
extern ssize_t	__wrap_send(int fd, const void *buf, size_t len, int flags);
extern int	__wrap_connect(int fd, const struct sockaddr *addr, socklen_t len);
extern int	__real_clock_gettime(clockid_t clock, struct timespec *ts);
extern int	__wrap_clock_gettime(clockid_t clock, struct timespec *ts);
extern void	*__real_malloc(size_t size);
extern void	*__real_calloc(size_t n, size_t size);
extern void	*__real_realloc(void *ptr, size_t size);
extern void	*__wrap_malloc(size_t size);
extern void	*__wrap_calloc(size_t n, size_t size);
extern void	*__wrap_realloc(void *ptr, size_t size);


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
 * 'nowSeconds()' - The monotonic clock, in seconds.
 */

static double
nowSeconds(void)
{
  struct timespec	ts;

  ck_assert_int_eq(__real_clock_gettime(CLOCK_MONOTONIC, &ts), 0);

  return (ts.tv_sec + ts.tv_nsec / 1e9);
}


/*
 * 'recordBig()' - A record with noptions options (6400: about 200 parts of 1024 bytes).
 */

static json_t *				/* O - New record */
recordBig(int noptions)			/* I - Options */
{
  unit_job_t	t;
  char		*options, *p;
  json_t	*record;
  int		i;


  ck_assert_ptr_nonnull((options = malloc((size_t)noptions * 32 + 1)));
  for (i = 0, p = options; i < noptions; i ++)
    p += sprintf(p, "%soption%d=value%d", i ? " " : "", i, i);

  unitJob(&t, options, "restart test", NULL);
  unitJobArg(&t, 2, "alice");
  unitJobURI(&t, "socket://10.0.0.5:9100");
  t.job.printer            = "hq";
  t.job.content_type       = NULL;
  t.job.final_content_type = NULL;
  t.job.now.tv_sec         = 1795000000;
  t.job.now.tv_nsec        = 0;
  strcpy(t.job.event_id, TEST_ID);

  record = unitJobRecord(&t);
  free(options);
  unitJobFree(&t);

  return (record);
}


/*
 * 'msgsJoin()' - Check the messages (header, size, priority, numbering) and
 *                join them back into a record with pauditRecordJoinParts().
 */

static json_t *				/* O - New record */
msgsJoin(const msgs_t *msgs,		/* I - Messages */
         size_t       max,		/* I - SyslogMaxSize */
         int          pri,		/* I - Expected priority */
         pid_t        pid,		/* I - Expected PID */
         size_t       *omitted)		/* O - event.parts_omitted of part 1, 0 if none */
{
  char			prefix[64], tag[48], *text = NULL;
  const char		**bodies;
  size_t		i, plen, n, *lens, len;
  json_t		*part, *event, *record = NULL;
  json_error_t		jerr;
  paudit_error_t	error;
  paudit_status_t	status;
  const char		*body;


  ck_assert_uint_ge(msgs->count, 1);
  snprintf(prefix, sizeof(prefix), "<%d>", pri);
  snprintf(tag, sizeof(tag), " printaudit[%d]: {", (int)pid);
  plen     = strlen(prefix);
  *omitted = 0;
  ck_assert_ptr_nonnull((bodies = calloc(msgs->count, sizeof(char *))));
  ck_assert_ptr_nonnull((lens = calloc(msgs->count, sizeof(size_t))));

  for (i = 0; i < msgs->count; i ++)
  {
    unitCheck(strlen(msgs->text[i]) <= max, "message %zu: %zu bytes > %zu", i + 1,
              strlen(msgs->text[i]), max);
    unitCheck(!strncmp(msgs->text[i], prefix, plen), "message %zu: not %s: %.40s", i + 1,
              prefix, msgs->text[i]);
    unitCheck((body = strstr(msgs->text[i], tag)) != NULL &&
              body - msgs->text[i] == (ptrdiff_t)(plen + 15),
              "message %zu: no \"Mmm dd hh:mm:ss%s\" header: %.60s", i + 1, tag,
              msgs->text[i]);
    body     += strlen(tag) - 1;
    bodies[i] = body;
    lens[i]   = strlen(body);

    part = json_loads(body, 0, &jerr);
    unitCheck(part != NULL, "message %zu is not JSON: %s", i + 1, jerr.text);
    event = json_object_get(part, "event");
    unitCheck(!strcmp(json_string_value(json_object_get(event, "id")), TEST_ID),
              "message %zu: another event.id", i + 1);

    if (msgs->count > 1 || json_object_get(event, "part"))
    {
      // Sent in order: the join takes any order, the sink must not.
      n = (size_t)json_integer_value(json_object_get(event, "part"));
      unitCheck(n == i + 1, "message %zu is part %zu", i + 1, n);
      unitCheck((size_t)json_integer_value(json_object_get(event, "parts")) == msgs->count,
                "message %zu: event.parts %lld of %zu messages", i + 1,
                (long long)json_integer_value(json_object_get(event, "parts")), msgs->count);
    }
    json_decref(part);
  }

  // The library's join (lib/split.c), as every reader of the parts joins them.
  pauditErrorClear(&error);
  status = pauditRecordJoinParts(bodies, lens, msgs->count, &record, &text, &len, omitted,
                                 &error);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "the parts do not join: %s", error.text);
  ck_assert_ptr_nonnull(record);
  unitCheck(len == strlen(text), "joined text of %zu bytes, %zu expected", strlen(text), len);
  free(text);
  free(bodies);
  free(lens);

  return (record);
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
  int		flaps;			/* Restarts again, this many times, at each
					 * new connection's first send */
  int		refused;		/* send() failures with ECONNREFUSED seen */
  int		other_errors;		/* Other send() failures */
  size_t	stall_after;		/* Stop reading once this many are in, 0 never */
  int		stall_ms;		/* ... for this long, -1 for good */
  double	stall_start;		/* When it stopped reading, 0 not yet */
  int		busy;			/* send() failures with EAGAIN seen */
  size_t	eintr_after;		/* Interrupt sends once this many are in, 0 never */
  int		eintr;			/* ... this many times */
  size_t	shrink_after;		/* Shrink the sender's SO_SNDBUF once this many
					 * are in, 0 never */
  int		inside;			/* In a wrapper: allocations are the test's */
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


  rx.inside ++;
  if (rx.stall_after && rx.msgs.count >= rx.stall_after)
  {
    // A receiver that stops reading: the kernel queues what it can, then
    // answers EAGAIN.
    if (!rx.stall_start)
      rx.stall_start = nowSeconds();
    if (rx.stall_ms >= 0 && nowSeconds() - rx.stall_start >= rx.stall_ms / 1000.0)
      rx.stall_after = 0;			// Reading again
  }
  if (!rx.stall_after || rx.msgs.count < rx.stall_after)
    rxDrain();

  if (rx.msgs.count == rx.restart_after && (!rx.restarted || (rx.flaps > 0 && rx.fd >= 0)))
  {
    // The receiver restarts between two parts: nothing queued is lost (it
    // was taken just now), and the library's socket now points at a
    // closed one.  A flapping receiver does it again at once.
    if (rx.restarted)
      rx.flaps --;
    rx.restarted = 1;
    close(rx.fd);
    rx.fd = -1;
    if (!rx.leave_dead)
      unlink(rx.path);
    if (!rx.away_connects)
      rxAwayEnd();
  }

  if (rx.shrink_after && rx.msgs.count == rx.shrink_after)
  {
    // The smallest send buffer the kernel allows (about 4.5 KiB): a larger
    // datagram is refused with EMSGSIZE.
    int	one = 1;

    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &one, sizeof(one)), 0);
  }

  rx.inside --;

  if (rx.eintr > 0 && rx.eintr_after && rx.msgs.count == rx.eintr_after)
  {
    // A signal before anything was sent.
    rx.eintr --;
    errno = EINTR;
    return (-1);
  }

  if ((sent = __real_send(fd, buf, len, flags)) < 0)
  {
    err = errno;
    if (err == ECONNREFUSED)
      rx.refused ++;
    else if (err == EAGAIN || err == EWOULDBLOCK)
      rx.busy ++;
    else
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
 * The clock and the allocator, where a test takes them over (the library
 * is linked with -Wl,--wrap=clock_gettime and --wrap=malloc, calloc and
 * realloc)...
 */

static time_t	fake_now;		/* CLOCK_REALTIME's seconds, 0 the real clock */

static struct
{
  size_t	fail_at;		/* Fail this allocation (1-based), 0 never */
  size_t	count;			/* Allocations since armed, the test's not counted */
  int		failed;			/* One was made to fail */
} chaos;


int
__wrap_clock_gettime(clockid_t       clock,	/* I - Clock */
                     struct timespec *ts)	/* O - Time */
{
  if (clock == CLOCK_REALTIME && fake_now)
  {
    ts->tv_sec  = fake_now;
    ts->tv_nsec = 0;
    return (0);
  }

  return (__real_clock_gettime(clock, ts));
}


/*
 * 'chaosFail()' - Whether to fail this allocation.
 */

static int				/* O - 1 to fail it */
chaosFail(void)
{
  if (!chaos.fail_at || rx.inside || ++ chaos.count != chaos.fail_at)
    return (0);

  chaos.failed = 1;
  errno        = ENOMEM;

  return (1);
}


void *
__wrap_malloc(size_t size)		/* I - Bytes */
{
  return (chaosFail() ? NULL : __real_malloc(size));
}


void *
__wrap_calloc(size_t n,			/* I - Elements */
              size_t size)		/* I - Bytes each */
{
  return (chaosFail() ? NULL : __real_calloc(n, size));
}


void *
__wrap_realloc(void   *ptr,		/* I - Block or NULL */
               size_t size)		/* I - Bytes */
{
  return (chaosFail() ? NULL : __real_realloc(ptr, size));
}


/*
 * 'rxStart()' - A receiver in a new private directory: bound at dir/log.sock
 *               if bound, else only the path; no restarts, no stalls.
 */

static void
rxStart(char *dir,			/* IO - "/tmp/paudit-syslog.XXXXXX" */
        int  bound)			/* I - Bind the socket */
{
  msgsFree(&rx.msgs);
  memset(&rx, 0, sizeof(rx));
  rx.fd            = -1;
  rx.restart_after = SIZE_MAX;
  fake_now         = 0;
  memset(&chaos, 0, sizeof(chaos));

  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(rx.path, sizeof(rx.path), "%s/log.sock", dir);
  if (bound)
    rxBind();
}


/*
 * 'rxStop()' - Close the receiver and remove what rxStart() made.
 */

static void
rxStop(const char *dir)			/* I - Its directory */
{
  if (rx.fd >= 0)
    close(rx.fd);
  rx.fd = -1;
  unlink(rx.path);
  ck_assert_msg(rmdir(dir) == 0, "rmdir %s: %s", dir, strerror(errno));
  msgsFree(&rx.msgs);
  fake_now = 0;
  memset(&chaos, 0, sizeof(chaos));
}


/*
 * 'syslogSend()' - pauditSyslogWrite() to path; then rx.msgs holds all the
 *                  receiver got.
 */

static paudit_status_t			/* O - Status */
syslogSend(const char     *path,	/* I - SyslogSocket, NULL for syslog(3) */
           size_t         max,		/* I - SyslogMaxSize */
           size_t         max_parts,	/* I - SyslogMaxParts */
           int            facility,	/* I - SyslogFacility */
           const json_t   *record,	/* I - Record */
           paudit_error_t *error,	/* O - Error */
           double         *seconds)	/* O - Time taken, or NULL */
{
  paudit_config_t	config;
  paudit_status_t	status;
  char			*text;
  size_t		len, fail_at = chaos.fail_at;
  double		start;


  chaos.fail_at = 0;			// Only pauditSyslogWrite()'s allocations
  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  free(config.syslog_socket);
  config.syslog_socket = NULL;
  if (path)
    ck_assert_ptr_nonnull((config.syslog_socket = strdup(path)));
  config.syslog_max       = max;
  config.syslog_max_parts = max_parts;
  config.syslog_facility  = facility;

  pauditErrorClear(error);
  start         = nowSeconds();
  chaos.fail_at = fail_at;
  chaos.count   = 0;
  chaos.failed  = 0;
  status        = pauditSyslogWrite(&config, record, text, len, error);
  chaos.fail_at = 0;
  if (seconds)
    *seconds = nowSeconds() - start;

  rx.stall_after = 0;			// Take what is queued
  rxDrain();

  free(text);
  pauditConfigClear(&config);

  return (status);
}


/*
 * 'msgPart()' - Part number of a received message (its header checked).
 */

static size_t				/* O - event.part, 0 for a whole record */
msgPart(const char *msg,		/* I - Message */
        int        pri,			/* I - Expected priority */
        size_t     *parts)		/* O - event.parts, 0 for a whole record */
{
  char		prefix[64];
  const char	*body;
  json_t	*part, *event;
  json_error_t	jerr;
  size_t	n;


  snprintf(prefix, sizeof(prefix), "<%d>", pri);
  unitCheck(!strncmp(msg, prefix, strlen(prefix)), "not %s: %.40s", prefix, msg);
  snprintf(prefix, sizeof(prefix), " printaudit[%d]: {", (int)getpid());
  unitCheck((body = strstr(msg, prefix)) != NULL, "no%s: %.60s", prefix, msg);
  part = json_loads(body + strlen(prefix) - 1, 0, &jerr);
  unitCheck(part != NULL, "not JSON: %s", jerr.text);
  event  = json_object_get(part, "event");
  n      = (size_t)json_integer_value(json_object_get(event, "part"));
  *parts = (size_t)json_integer_value(json_object_get(event, "parts"));
  json_decref(part);

  return (n);
}


/*
 * 'msgsPrefix()' - Check that the messages are parts 1 to count, in order,
 *                  of a record of more parts.
 */

static void
msgsPrefix(const msgs_t *msgs,		/* I - Messages */
           int          pri)		/* I - Expected priority */
{
  size_t	i, n, parts, first_parts = 0;


  for (i = 0; i < msgs->count; i ++)
  {
    n = msgPart(msgs->text[i], pri, &parts);
    unitCheck(n == i + 1, "message %zu is part %zu", i + 1, n);
    if (i == 0)
      first_parts = parts;
    unitCheck(parts == first_parts, "message %zu: event.parts %zu, not %zu", i + 1, parts,
              first_parts);
  }
  unitCheck(first_parts > msgs->count, "all %zu parts arrived", msgs->count);
}


/*
 * 'expectError()' - Check an error text.
 */

static void expectError(const paudit_error_t *error, const char *fmt, ...)
		        __attribute__((format(printf, 2, 3)));

static void
expectError(const paudit_error_t *error,/* I - Error */
            const char           *fmt,	/* I - Expected text, printf-style */
            ...)			/* I - Its arguments */
{
  char		want[1024];
  va_list	ap;


  va_start(ap, fmt);
  vsnprintf(want, sizeof(want), fmt, ap);
  va_end(ap);
  ck_assert_str_eq(error->text, want);
}


/*
 * The header: "<PRI>Mmm dd hh:mm:ss printaudit[PID]: ", in UTC, and
 * SyslogMaxSize bounds header and part together.
 */

typedef struct header_case_s
{
  time_t	now;			/* CLOCK_REALTIME */
  int		facility;		/* SyslogFacility */
  const char	*stamp;			/* What the header says */
} header_case_t;

static const header_case_t header_cases[] =
{
  { 1772694489, LOG_KERN,   "Mar  5 07:08:09" },	// 2026-03-05: one-digit day, <5>
  { 1798243199, LOG_LPR,    "Dec 25 23:59:59" },	// the default facility, <53>
  { 1798761600, LOG_LOCAL7, "Jan  1 00:00:00" },	// the largest priority, <189>
  { 1791627010, LOG_LOCAL3, "Oct 10 10:10:10" },
};


START_TEST(test_syslog_header)
{
  const header_case_t	*c = header_cases + _i;
  paudit_error_t	error;
  json_t		*record, *joined;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX", header[128], *text;
  size_t		len, hlen, omitted, i;


  rxStart(dir, 1);
  record = recordBig(60);
  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  hlen = (size_t)snprintf(header, sizeof(header), "<%d>%s printaudit[%d]: ",
                          c->facility | LOG_NOTICE, c->stamp, (int)getpid());

  // Header and record exactly SyslogMaxSize: one message, the record as is.
  fake_now = c->now;
  ck_assert_int_eq(syslogSend(rx.path, hlen + len, 64, c->facility, record, &error, NULL),
                   PAUDIT_STATUS_OK);
  ck_assert_str_eq(error.text, "");
  ck_assert_uint_eq(rx.msgs.count, 1);
  ck_assert_uint_eq(strlen(rx.msgs.text[0]), hlen + len);
  ck_assert_msg(!strncmp(rx.msgs.text[0], header, hlen), "header %.*s, not %s", (int)hlen,
                rx.msgs.text[0], header);
  ck_assert_msg(!memcmp(rx.msgs.text[0] + hlen, text, len), "the body is not the record");
  msgsFree(&rx.msgs);

  // One byte less: split, every message within SyslogMaxSize, each with
  // the same header.
  fake_now = c->now;
  ck_assert_int_eq(syslogSend(rx.path, hlen + len - 1, 64, c->facility, record, &error, NULL),
                   PAUDIT_STATUS_OK);
  ck_assert_uint_ge(rx.msgs.count, 2);
  for (i = 0; i < rx.msgs.count; i ++)
    ck_assert_msg(!strncmp(rx.msgs.text[i], header, hlen), "message %zu: header %.*s", i + 1,
                  (int)hlen, rx.msgs.text[i]);
  joined = msgsJoin(&rx.msgs, hlen + len - 1, c->facility | LOG_NOTICE, getpid(), &omitted);
  ck_assert_uint_eq(omitted, 0);
  unitAssertJSON(joined, record, "the parts join to the record");

  json_decref(joined);
  json_decref(record);
  free(text);
  rxStop(dir);
}
END_TEST


/*
 * Receivers that cannot be reached, at once...
 */

START_TEST(test_syslog_path_long)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX", *slash, longer[4200];
  size_t		n, parts;
  double		seconds;


  // The longest path a sockaddr_un holds (107 bytes and its nul) works.
  rxStart(dir, 0);
  slash = rx.path + strlen(dir);
  n     = sizeof(rx.path) - 1 - strlen(dir) - 1;
  *slash = '/';
  memset(slash + 1, 's', n);
  slash[1 + n] = '\0';
  ck_assert_uint_eq(strlen(rx.path), 107);
  rxBind();

  record = recordBig(3);
  ck_assert_int_eq(syslogSend(rx.path, 65536, 64, LOG_LPR, record, &error, NULL),
                   PAUDIT_STATUS_OK);
  ck_assert_str_eq(error.text, "");
  ck_assert_uint_eq(rx.msgs.count, 1);
  ck_assert_uint_eq(msgPart(rx.msgs.text[0], LOG_LPR | LOG_NOTICE, &parts), 0);

  // One more byte, or thousands: refused before any socket is made.
  snprintf(longer, sizeof(longer), "%sx", rx.path);
  ck_assert_int_eq(syslogSend(longer, 65536, 64, LOG_LPR, record, &error, &seconds),
                   PAUDIT_STATUS_IO);
  expectError(&error, "Syslog socket path %s is too long", longer);
  memset(longer + 108, 'x', sizeof(longer) - 109);
  longer[sizeof(longer) - 1] = '\0';
  ck_assert_int_eq(syslogSend(longer, 65536, 64, LOG_LPR, record, &error, &seconds),
                   PAUDIT_STATUS_IO);
  ck_assert_msg(!strncmp(error.text, "Syslog socket path /tmp/paudit-syslog.", 38),
                "error: %s", error.text);
  ck_assert_uint_eq(rx.msgs.count, 1);
  ck_assert_double_lt(seconds, 1.0);

  json_decref(record);
  rxStop(dir);
}
END_TEST


typedef enum refuse_kind_e		/* What is at the path */
{
  REFUSE_STREAM,			/* A stream socket, listening */
  REFUSE_SEQPACKET,			/* A seqpacket socket, listening */
  REFUSE_NOTDIR				/* Its directory is a regular file */
} refuse_kind_t;

static const struct
{
  refuse_kind_t	kind;
  int		err;			/* What connect() says */
} refuse_cases[] =
{
  { REFUSE_STREAM,    EPROTOTYPE },
  { REFUSE_SEQPACKET, EPROTOTYPE },
  { REFUSE_NOTDIR,    ENOTDIR },
};


START_TEST(test_syslog_refused_at_once)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX", file[200], path[256];
  struct sockaddr_un	addr;
  int			fd = -1;
  double		seconds;


  // An error that waiting would not cure is reported at once, not after
  // the 2-second deadline.
  rxStart(dir, 0);
  snprintf(file, sizeof(file), "%s/file", dir);
  snprintf(path, sizeof(path), "%s", rx.path);
  if (refuse_cases[_i].kind == REFUSE_NOTDIR)
  {
    ck_assert_int_ge((fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)), 0);
    snprintf(path, sizeof(path), "%s/log.sock", file);
  }
  else
  {
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, rx.path, strlen(rx.path) + 1);
    ck_assert_int_ge((fd = socket(AF_UNIX, refuse_cases[_i].kind == REFUSE_STREAM ?
                                  SOCK_STREAM : SOCK_SEQPACKET, 0)), 0);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
    ck_assert_int_eq(listen(fd, 5), 0);
  }

  record = recordBig(3);
  ck_assert_int_eq(syslogSend(path, 65536, 64, LOG_LPR, record, &error, &seconds),
                   PAUDIT_STATUS_IO);
  expectError(&error, "Unable to reach syslog receiver %s: %s", path,
              strerror(refuse_cases[_i].err));
  ck_assert_msg(seconds < 1.0, "%.3f s to give up", seconds);

  close(fd);
  unlink(file);
  json_decref(record);
  rxStop(dir);
}
END_TEST


START_TEST(test_syslog_no_fd)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";
  struct rlimit		old, none;
  paudit_status_t	status;


  // No file descriptor left for the socket.
  rxStart(dir, 1);
  record = recordBig(3);
  ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &old), 0);
  none          = old;
  none.rlim_cur = 0;
  ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &none), 0);
  status = syslogSend(rx.path, 65536, 64, LOG_LPR, record, &error, NULL);
  ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &old), 0);

  ck_assert_int_eq(status, PAUDIT_STATUS_IO);
  expectError(&error, "Unable to create syslog socket: %s", strerror(EMFILE));
  ck_assert_uint_eq(rx.msgs.count, 0);

  json_decref(record);
  rxStop(dir);
}
END_TEST


START_TEST(test_syslog_msgsize)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";


  // A message larger than the socket takes (EMSGSIZE, from part 3 on):
  // an error at once, with the two parts sent before it.
  rxStart(dir, 1);
  rx.shrink_after = 2;
  record = recordBig(6400);
  ck_assert_int_eq(syslogSend(rx.path, 16384, 1000, LOG_LOCAL3, record, &error, NULL),
                   PAUDIT_STATUS_IO);
  expectError(&error, "Unable to send to syslog receiver %s: %s", rx.path, strerror(EMSGSIZE));
  ck_assert_uint_eq(rx.msgs.count, 2);
  msgsPrefix(&rx.msgs, LOG_LOCAL3 | LOG_NOTICE);
  ck_assert_int_eq(rx.other_errors, 1);

  json_decref(record);
  rxStop(dir);
}
END_TEST


START_TEST(test_syslog_max_small)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";


  // Not even part 1 cut down to the event fits beside the header: nothing
  // sent, and why.
  rxStart(dir, 1);
  record = recordBig(600);
  ck_assert_int_eq(syslogSend(rx.path, 100, 64, LOG_LPR, record, &error, NULL),
                   PAUDIT_STATUS_IO);
  ck_assert_str_eq(error.text, "SyslogMaxSize 100 is too small for this record");
  ck_assert_uint_eq(rx.msgs.count, 0);

  json_decref(record);
  rxStop(dir);
}
END_TEST


/*
 * 'cappedCheck()' - Check a record of 6400 options sent in at most
 *                   cap parts: part 1 is the record without options and
 *                   counts the parts left out, the slices a prefix of the
 *                   options' text.
 */

/*
 * 'msgsSlices()' - The slices of parts 2..N, in order, as the library
 *                  reads them (pauditPartRead()).
 *
 * O - New string; free() it.
 */

static char *
msgsSlices(const msgs_t *msgs)		/* I - Messages, checked by msgsJoin() */
{
  paudit_buf_t		slices = { NULL, 0, 0, 0 };
  paudit_part_t		p;
  paudit_error_t	error;
  json_t		*part;
  json_error_t		jerr;
  const char		*body;
  size_t		i;


  for (i = 1; i < msgs->count; i ++)
  {
    ck_assert_ptr_nonnull((body = strstr(msgs->text[i], "]: {")));
    part = json_loads(body + 3, 0, &jerr);
    unitCheck(part != NULL, "message %zu is not JSON: %s", i + 1, jerr.text);
    pauditErrorClear(&error);
    unitCheck(pauditPartRead(part, &p, &error) == PAUDIT_STATUS_OK, "message %zu: %s", i + 1,
              error.text);
    unitCheck(p.slice != NULL, "message %zu: no slice", i + 1);
    ck_assert_int_eq(pauditBufAppend(&slices, p.slice, p.slice_len), 0);
    json_decref(part);
  }
  ck_assert_int_eq(pauditBufAppend(&slices, "", 1), 0);

  return (slices.data);
}


static void
cappedCheck(const msgs_t *msgs,		/* I - Messages */
            pid_t        pid,		/* I - The sender */
            size_t       min_omitted)	/* I - At least this many left out */
{
  json_t	*record, *joined, *event;
  size_t	omitted, len;
  char		*prefix;
  char		*whole;


  joined = msgsJoin(msgs, TEST_MAX, LOG_LOCAL3 | LOG_NOTICE, pid, &omitted);
  ck_assert_uint_ge(omitted, min_omitted);

  // The slices are a prefix of the options' text; the rest is the record's.
  record = recordBig(6400);
  ck_assert_ptr_nonnull((whole = pauditJSONNew(json_object_get(record, "options"), &len)));
  prefix = msgsSlices(msgs);
  ck_assert_ptr_nonnull(prefix);
  ck_assert_uint_lt(strlen(prefix), len);
  ck_assert_msg(!strncmp(whole, prefix, strlen(prefix)), "not a prefix of the options");
  // The joined record is part 1 without options; it keeps the count.
  ck_assert_ptr_null(json_object_get(joined, "options"));
  event = json_object_get(joined, "event");
  ck_assert_uint_eq((size_t)json_integer_value(json_object_get(event, "parts_omitted")), omitted);
  ck_assert_int_eq(json_object_del(event, "parts_omitted"), 0);
  ck_assert_int_eq(json_object_del(record, "options"), 0);
  unitAssertJSON(joined, record, "part 1 is the record without options");

  free(prefix);
  free(whole);
  json_decref(joined);
  json_decref(record);
}


static const size_t capped_cases[] = { 2, 5, 64 };


START_TEST(test_syslog_capped)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";


  // SyslogMaxParts: about 200 parts needed, exactly the cap sent.
  rxStart(dir, 1);
  record = recordBig(6400);
  ck_assert_int_eq(syslogSend(rx.path, TEST_MAX, capped_cases[_i], LOG_LOCAL3, record, &error,
                              NULL), PAUDIT_STATUS_OK);
  ck_assert_str_eq(error.text, "");
  ck_assert_uint_eq(rx.msgs.count, capped_cases[_i]);
  cappedCheck(&rx.msgs, getpid(), 200 - 64);

  json_decref(record);
  rxStop(dir);
}
END_TEST


/*
 * Receivers that come back in time...
 */

typedef enum back_kind_e		/* How the receiver misbehaves */
{
  BACK_FLAPPING,			/* Restarts twice in a row */
  BACK_INTERRUPTED,			/* Sends interrupted (EINTR) three times */
  BACK_BUSY				/* Stops reading for 300 ms */
} back_kind_t;


START_TEST(test_syslog_back)
{
  back_kind_t		kind = (back_kind_t)_i;
  paudit_error_t	error;
  json_t		*record, *joined;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";
  size_t		omitted;
  double		seconds;


  rxStart(dir, 1);
  switch (kind)
  {
    case BACK_FLAPPING :
        rx.restart_after = 50;
        rx.flaps         = 1;
        break;
    case BACK_INTERRUPTED :
        rx.eintr_after = 10;
        rx.eintr       = 3;
        break;
    case BACK_BUSY :
        rx.stall_after = 5;
        rx.stall_ms    = 300;
        break;
  }

  record = recordBig(6400);
  ck_assert_int_eq(syslogSend(rx.path, TEST_MAX, 1000, LOG_LOCAL3, record, &error, &seconds),
                   PAUDIT_STATUS_OK);
  ck_assert_str_eq(error.text, "");
  ck_assert_int_eq(rx.other_errors, 0);
  joined = msgsJoin(&rx.msgs, TEST_MAX, LOG_LOCAL3 | LOG_NOTICE, getpid(), &omitted);
  ck_assert_uint_eq(omitted, 0);
  unitAssertJSON(joined, record, "the parts join to the record");

  switch (kind)
  {
    case BACK_FLAPPING :
        // Reconnected at once, then again after a pause.
        ck_assert_int_eq(rx.refused, 2);
        ck_assert_int_eq(rx.flaps, 0);
        ck_assert_msg(seconds >= 0.045, "%.3f s: no pause before the second reconnection",
                      seconds);
        break;
    case BACK_INTERRUPTED :
        ck_assert_int_eq(rx.eintr, 0);
        ck_assert_int_eq(rx.refused, 0);
        break;
    case BACK_BUSY :
        ck_assert_int_ge(rx.busy, 1);
        ck_assert_int_eq(rx.refused, 0);
        ck_assert_msg(seconds >= 0.3, "%.3f s", seconds);
        break;
  }

  json_decref(joined);
  json_decref(record);
  rxStop(dir);
}
END_TEST


/*
 * Receivers that do not come back: the 2-second deadline...
 */

static void
deadlineCheck(double seconds)		/* I - Time taken */
{
  ck_assert_msg(seconds >= 1.95 && seconds < 4.0, "gave up after %.3f s, not 2 s", seconds);
}


typedef enum away_kind_e		/* What is at the path */
{
  AWAY_MISSING,				/* Nothing */
  AWAY_DEAD,				/* A socket nobody reads */
  AWAY_FILE				/* A regular file */
} away_kind_t;

static const struct
{
  away_kind_t	kind;
  int		err;			/* What connect() says */
} away_cases[] =
{
  { AWAY_MISSING, ENOENT },
  { AWAY_DEAD,    ECONNREFUSED },
  { AWAY_FILE,    ECONNREFUSED },
};


START_TEST(test_syslog_unreachable)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";
  int			fd;
  double		seconds;


  // A receiver that may be restarting is waited for, until the deadline.
  rxStart(dir, away_cases[_i].kind == AWAY_DEAD);
  if (away_cases[_i].kind == AWAY_DEAD)
  {
    close(rx.fd);
    rx.fd = -1;
  }
  else if (away_cases[_i].kind == AWAY_FILE)
  {
    ck_assert_int_ge((fd = open(rx.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)), 0);
    close(fd);
  }

  record = recordBig(3);
  ck_assert_int_eq(syslogSend(rx.path, 65536, 64, LOG_LPR, record, &error, &seconds),
                   PAUDIT_STATUS_IO);
  expectError(&error, "Unable to reach syslog receiver %s: %s", rx.path,
              strerror(away_cases[_i].err));
  deadlineCheck(seconds);

  json_decref(record);
  rxStop(dir);
}
END_TEST


START_TEST(test_syslog_gone_midway)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";
  double		seconds;


  // Gone after part 50 for good: parts 1 to 50 and an error at the deadline.
  rxStart(dir, 1);
  rx.restart_after = 50;
  rx.away_connects = INT_MAX;
  record = recordBig(6400);
  ck_assert_int_eq(syslogSend(rx.path, TEST_MAX, 1000, LOG_LOCAL3, record, &error, &seconds),
                   PAUDIT_STATUS_IO);
  expectError(&error, "Unable to reach syslog receiver %s: %s", rx.path, strerror(ENOENT));
  deadlineCheck(seconds);
  ck_assert_uint_eq(rx.msgs.count, 50);
  msgsPrefix(&rx.msgs, LOG_LOCAL3 | LOG_NOTICE);
  ck_assert_int_eq(rx.refused, 1);

  json_decref(record);
  rxStop(dir);
}
END_TEST


START_TEST(test_syslog_refusing)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";
  double		seconds;


  // A receiver that takes every connection and restarts before every part
  // from part 11 on: retried every 50 ms (not in a busy loop) until the
  // deadline.
  rxStart(dir, 1);
  rx.restart_after = 10;
  rx.flaps         = INT_MAX;
  record = recordBig(6400);
  ck_assert_int_eq(syslogSend(rx.path, TEST_MAX, 1000, LOG_LOCAL3, record, &error, &seconds),
                   PAUDIT_STATUS_IO);
  expectError(&error, "Unable to send to syslog receiver %s: %s", rx.path,
              strerror(ECONNREFUSED));
  deadlineCheck(seconds);
  ck_assert_uint_eq(rx.msgs.count, 10);
  msgsPrefix(&rx.msgs, LOG_LOCAL3 | LOG_NOTICE);
  ck_assert_msg(rx.refused >= 5 && rx.refused <= 2000 / 50 + 2, "%d sends refused in %.3f s",
                rx.refused, seconds);
  ck_assert_int_eq(rx.other_errors, 0);

  json_decref(record);
  rxStop(dir);
}
END_TEST


START_TEST(test_syslog_stalled)
{
  paudit_error_t	error;
  json_t		*record;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";
  double		seconds;


  // A receiver that stops reading after part 5: what the kernel queued,
  // in order, and an error at the deadline.
  rxStart(dir, 1);
  rx.stall_after = 5;
  rx.stall_ms    = -1;
  record = recordBig(6400);
  ck_assert_int_eq(syslogSend(rx.path, TEST_MAX, 1000, LOG_LOCAL3, record, &error, &seconds),
                   PAUDIT_STATUS_IO);
  expectError(&error, "Syslog receiver %s did not accept the record within 2000 ms", rx.path);
  deadlineCheck(seconds);
  ck_assert_int_ge(rx.busy, 2);
  ck_assert_uint_gt(rx.msgs.count, 5);
  msgsPrefix(&rx.msgs, LOG_LOCAL3 | LOG_NOTICE);

  json_decref(record);
  rxStop(dir);
}
END_TEST


/*
 * Out of memory...
 */

START_TEST(test_syslog_nomem)
{
  paudit_error_t	error;
  paudit_status_t	status;
  json_t		*record, *joined;
  char			dir[] = "/tmp/paudit-syslog.XXXXXX";
  size_t		n, omitted;


  // Each of the library's allocations in turn fails: "Out of memory",
  // never a crash or a leak, and _NOMEM when nothing could be sent.
  // Messages of 4096 bytes: the buffer for header and part grows too.
  rxStart(dir, 1);
  record = recordBig(600);
  for (n = 1; n < 10000; n ++)
  {
    msgsFree(&rx.msgs);
    chaos.fail_at = n;
    status        = syslogSend(rx.path, 4096, 64, LOG_LOCAL3, record, &error, NULL);
    if (!chaos.failed)
      break;

    ck_assert_msg(status != PAUDIT_STATUS_OK, "allocation %zu failed unseen", n);
    ck_assert_msg(!strcmp(error.text, "Out of memory"), "allocation %zu: %s", n, error.text);
    if (n == 1)
      ck_assert_int_eq(status, PAUDIT_STATUS_NOMEM);	// the header
    if (rx.msgs.count)
      msgsPrefix(&rx.msgs, LOG_LOCAL3 | LOG_NOTICE);
  }

  ck_assert_msg(n > 2 && n < 10000, "%zu allocations", n - 1);
  ck_assert_int_eq(status, PAUDIT_STATUS_OK);
  ck_assert_uint_ge(rx.msgs.count, 3);
  joined = msgsJoin(&rx.msgs, 4096, LOG_LOCAL3 | LOG_NOTICE, getpid(), &omitted);
  unitAssertJSON(joined, record, "the parts join to the record");

  json_decref(joined);
  json_decref(record);
  rxStop(dir);
}
END_TEST


#ifndef PAUDIT_SYSLOG_API
START_TEST(test_syslog_no_api)
{
  paudit_error_t	error;
  json_t		*record;


  // No SyslogSocket in a build without syslog(3): an error, not a crash.
  record = recordBig(3);
  ck_assert_int_eq(syslogSend(NULL, 65536, 64, LOG_LPR, record, &error, NULL),
                   PAUDIT_STATUS_IO);
  ck_assert_str_eq(error.text, "No SyslogSocket, and this build does not offer syslog(3)");

  json_decref(record);
}
END_TEST
#endif /* !PAUDIT_SYSLOG_API */


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

  json_decref(record);
  free(text);
  pauditConfigClear(&config);

  // closelog(): nothing of syslog(3)'s is left open for the backend.
  // exit(), not _exit(): the leak checker and gcov see this process too.
  exit(before == after ? 0 : 15);
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
  fflush(NULL);				// The child's exit() flushes its copies
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


  // The same record as 6400 options would need about 200 parts; capped at 5.
  apiRun(5, 6400, &msgs, &pid);
  ck_assert_uint_eq(msgs.count, 5);
  cappedCheck(&msgs, pid, 150);
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
#ifdef PAUDIT_SYSLOG_API
  int	api = 1;			// test_syslog: the syslog(3) transport too
#else
  int	api = 0;			// test_syslog_plain
#endif /* PAUDIT_SYSLOG_API */


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
  else if (!api)
  {
    // test_syslog_plain: the library without syslog(3).
    tc = tcase_create("plain");
#ifndef PAUDIT_SYSLOG_API
    tcase_add_test(tc, test_syslog_no_api);
#endif /* !PAUDIT_SYSLOG_API */
  }
  else
  {
    tc = tcase_create("restart");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_syslog_restart, 0, (int)UNIT_COUNT(restart_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_syslog_header, 0, (int)UNIT_COUNT(header_cases));
    tcase_add_test(tc, test_syslog_path_long);
    tcase_add_loop_test(tc, test_syslog_refused_at_once, 0, (int)UNIT_COUNT(refuse_cases));
    tcase_add_test(tc, test_syslog_no_fd);
    tcase_add_test(tc, test_syslog_msgsize);
    tcase_add_test(tc, test_syslog_max_small);
    tcase_add_loop_test(tc, test_syslog_capped, 0, (int)UNIT_COUNT(capped_cases));
    tcase_add_loop_test(tc, test_syslog_back, BACK_FLAPPING, BACK_BUSY + 1);
    tcase_add_test(tc, test_syslog_nomem);
    suite_add_tcase(s, tc);

    tc = tcase_create("deadline");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_syslog_unreachable, 0, (int)UNIT_COUNT(away_cases));
    tcase_add_test(tc, test_syslog_gone_midway);
    tcase_add_test(tc, test_syslog_refusing);
    tcase_add_test(tc, test_syslog_stalled);
  }
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
