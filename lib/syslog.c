/*
 * The syslog sink: a sender that can neither hang nor fail silently,
 * through the receiver's datagram socket; and, where there is no socket
 * (macOS 12 and later), through syslog(3).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#ifndef MSG_NOSIGNAL
#  define MSG_NOSIGNAL 0
#endif

#define SYSLOG_TIMEOUT_MS 2000		/* Whole record, waits and retries included */
#define SYSLOG_RETRY_MS   50		/* Pause between reconnections */

typedef struct syslog_ctx_s		/* One record on its way to syslog */
{
  int			fd;		/* Connected datagram socket or -1 */
  const char		*path;		/* Receiver, for messages */
  paudit_buf_t		msg;		/* Header + part */
  size_t		header;		/* Bytes of header */
  struct timespec	deadline;	/* When to give up */
  int			retried;	/* Reconnected since the last part sent */
  paudit_error_t	*error;		/* Error */
} syslog_ctx_t;

static int	syslog_open(const char *path, const struct timespec *deadline,
		            paudit_error_t *error);


/*
 * 'syslog_ms_left()' - Milliseconds until the deadline, at least 0.
 */

static int
syslog_ms_left(const struct timespec *deadline)
{
  struct timespec	now;
  long long		ms;

  clock_gettime(CLOCK_MONOTONIC, &now);
  ms = (deadline->tv_sec - now.tv_sec) * 1000LL +
       (deadline->tv_nsec - now.tv_nsec) / 1000000;

  return (ms < 0 ? 0 : (int)ms);
}


/*
 * 'syslog_reconnect()' - Replace a socket whose receiver went away.
 *
 * A receiver that restarts closes the socket ours is connected to: send()
 * then fails with ECONNREFUSED (or ENOTCONN, EPIPE), and only a new socket
 * connected to the path reaches the new receiver.  The first reconnection
 * is at once; a receiver that keeps refusing is retried every 50 ms until
 * the record's deadline.
 */

static int				/* O - 0 on success, -1 with error set */
syslog_reconnect(syslog_ctx_t *ctx,	/* I - Context */
                 int          err)	/* I - Why the last send failed */
{
  int	ms;


  // Nothing is lost whatever close() says: the receiver of this socket
  // is gone.
  close(ctx->fd);
  ctx->fd = -1;

  if (ctx->retried)
  {
    if ((ms = syslog_ms_left(&ctx->deadline)) == 0)
    {
      pauditErrorSet(ctx->error, 0, "Unable to send to syslog receiver %s: %s", ctx->path,
                     strerror(err));
      return (-1);
    }
    poll(NULL, 0, ms > SYSLOG_RETRY_MS ? SYSLOG_RETRY_MS : ms);
  }
  ctx->retried = 1;

  return ((ctx->fd = syslog_open(ctx->path, &ctx->deadline, ctx->error)) < 0 ? -1 : 0);
}


/*
 * 'syslog_part()' - Send one message: header + part, waiting if busy.
 */

static int				/* O - 0 on success, -1 on failure */
syslog_part(const char *part,		/* I - JSON part */
            size_t     len,		/* I - Length */
            void       *data)		/* I - syslog_ctx_t */
{
  syslog_ctx_t	*ctx = (syslog_ctx_t *)data;
  struct pollfd	pfd;
  int		ms;


  ctx->msg.len = ctx->header;
  if (pauditBufAppend(&ctx->msg, part, len))
  {
    pauditErrorSet(ctx->error, 0, "Out of memory");
    return (-1);
  }

  for (;;)
  {
    if (send(ctx->fd, ctx->msg.data, ctx->msg.len, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
    {
      ctx->retried = 0;
      return (0);
    }

    if (errno == EINTR)
      continue;
    if (errno == ECONNREFUSED || errno == ENOTCONN || errno == ECONNRESET || errno == EPIPE)
    {
      // The receiver restarted: this part was not taken; send it again.
      if (syslog_reconnect(ctx, errno))
        return (-1);
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS)
      break;

    // The receiver is busy or stalled: wait, but never past the deadline.
    if ((ms = syslog_ms_left(&ctx->deadline)) == 0)
    {
      pauditErrorSet(ctx->error, 0, "Syslog receiver %s did not accept the record within %d ms",
                     ctx->path, SYSLOG_TIMEOUT_MS);
      return (-1);
    }
    pfd.fd      = ctx->fd;
    pfd.events  = POLLOUT;
    pfd.revents = 0;
    if (poll(&pfd, 1, ms > 100 ? 100 : ms) < 0 && errno != EINTR)
      break;
  }

  pauditErrorSet(ctx->error, 0, "Unable to send to syslog receiver %s: %s", ctx->path, strerror(errno));

  return (-1);
}


/*
 * 'syslog_header()' - "<PRI>Mmm dd hh:mm:ss printaudit[PID]: ".
 */

static int				/* O - 0 on success, -1 on ENOMEM */
syslog_header(paudit_buf_t    *buf,	/* I - Buffer */
              int             pri,	/* I - Facility | severity */
              const struct tm *tm)	/* I - Time */
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  char		text[64], digits[24], *p = text, *d;
  unsigned	value;


  *p++ = '<';
  for (value = (unsigned)pri, d = digits; d == digits || value; value /= 10)
    *d++ = (char)('0' + value % 10);
  while (d > digits)
    *p++ = *--d;
  *p++ = '>';
  memcpy(p, months + 3 * tm->tm_mon, 3);
  p += 3;
  *p++ = ' ';
  *p++ = tm->tm_mday < 10 ? ' ' : (char)('0' + tm->tm_mday / 10);
  *p++ = (char)('0' + tm->tm_mday % 10);
  *p++ = ' ';
  *p++ = (char)('0' + tm->tm_hour / 10);
  *p++ = (char)('0' + tm->tm_hour % 10);
  *p++ = ':';
  *p++ = (char)('0' + tm->tm_min / 10);
  *p++ = (char)('0' + tm->tm_min % 10);
  *p++ = ':';
  *p++ = (char)('0' + tm->tm_sec / 10);
  *p++ = (char)('0' + tm->tm_sec % 10);
  memcpy(p, " printaudit[", 12);
  p += 12;
  for (value = (unsigned)getpid(), d = digits; d == digits || value; value /= 10)
    *d++ = (char)('0' + value % 10);
  while (d > digits)
    *p++ = *--d;
  memcpy(p, "]: ", 3);
  p += 3;

  return (pauditBufAppend(buf, text, (size_t)(p - text)));
}


/*
 * 'syslog_open()' - A non-blocking datagram socket connected to path.
 */

static int				/* O - Socket or -1 */
syslog_open(const char            *path,	/* I - Receiver */
            const struct timespec *deadline,	/* I - When to give up */
            paudit_error_t        *error)	/* O - Error */
{
  struct sockaddr_un	addr;
  int			fd;


  memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof(addr.sun_path))
  {
    pauditErrorSet(error, 0, "Syslog socket path %s is too long", path);
    return (-1);
  }
  memcpy(addr.sun_path, path, strlen(path) + 1);

#ifdef SOCK_CLOEXEC
  fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
#else
  if ((fd = socket(AF_UNIX, SOCK_DGRAM, 0)) >= 0 && fcntl(fd, F_SETFD, FD_CLOEXEC))
  {
    close(fd);
    fd = -1;
  }
#endif
  if (fd < 0)
  {
    pauditErrorSet(error, 0, "Unable to create syslog socket: %s", strerror(errno));
    return (-1);
  }

  // A receiver that is restarting has no socket for a moment: try again
  // until the deadline rather than lose the record.
  while (connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
  {
    if ((errno != ENOENT && errno != ECONNREFUSED && errno != EINTR) ||
        syslog_ms_left(deadline) == 0)
    {
      pauditErrorSet(error, 0, "Unable to reach syslog receiver %s: %s", path, strerror(errno));
      close(fd);
      return (-1);
    }
    if (errno != EINTR)
      poll(NULL, 0, SYSLOG_RETRY_MS);
  }

  return (fd);
}


#ifdef PAUDIT_SYSLOG_API
/*
 * 'syslog_api_part()' - Send one message through syslog(3).
 *
 * Only in builds that offer syslog(3) (macOS's default): elsewhere its
 * three libc symbols would cost every job their lookup at start-up.
 */

static int				/* O - 0 (syslog(3) reports nothing) */
syslog_api_part(const char *part,	/* I - JSON part */
                size_t     len,		/* I - Length (at most 65536) */
                void       *data)	/* I - syslog_ctx_t */
{
  (void)data;

  syslog(LOG_NOTICE, "%.*s", (int)len, part);

  return (0);
}
#endif /* PAUDIT_SYSLOG_API */


/*
 * 'pauditSyslogWrite()' - Send a record to the syslog receiver.
 */

paudit_status_t				/* O - Status */
pauditSyslogWrite(const paudit_config_t *config,/* I - Config */
                  const json_t          *record,/* I - Record */
                  const char            *text,	/* I - Serialized record */
                  size_t                len,	/* I - Length */
                  paudit_error_t        *error)	/* O - Error */
{
  syslog_ctx_t		ctx;
  struct timespec	now;
  struct tm		tm;
  paudit_status_t	status;


  memset(&ctx, 0, sizeof(ctx));
  ctx.fd    = -1;
  ctx.path  = config->syslog_socket;
  ctx.error = error;

  // RFC 3164 header, formatted by hand (this runs on every job); the time
  // is UTC: receivers on Linux stamp messages with their own clock.
  // syslog(3) writes its own, as long: SyslogMaxSize bounds both alike.
  // clock_gettime(), which the shim calls anyway, not time(): one libc
  // symbol less for the dynamic loader to look up on every job.
  clock_gettime(CLOCK_REALTIME, &now);
  if (pauditTimeUTC(now.tv_sec, &tm) || syslog_header(&ctx.msg, config->syslog_facility | LOG_NOTICE, &tm))
  {
    free(ctx.msg.data);
    pauditErrorSet(error, 0, "Out of memory");
    return (PAUDIT_STATUS_NOMEM);
  }
  ctx.header = ctx.msg.len;

  if (!ctx.path)
  {
#ifdef PAUDIT_SYSLOG_API
    // syslog(3): on macOS the unified log, written in-process (no socket
    // to wait for); closed again so that nothing is left to the backend.
    openlog("printaudit", LOG_PID | LOG_NDELAY, config->syslog_facility);
    status = pauditRecordSplit2(record, text, len, config->syslog_max - ctx.header,
                                config->syslog_max_parts, syslog_api_part, &ctx);
    closelog();
#else
    free(ctx.msg.data);
    pauditErrorSet(error, 0, "No SyslogSocket, and this build does not offer syslog(3)");
    return (PAUDIT_STATUS_IO);
#endif
  }
  else
  {
    clock_gettime(CLOCK_MONOTONIC, &ctx.deadline);
    ctx.deadline.tv_sec += SYSLOG_TIMEOUT_MS / 1000;

    if ((ctx.fd = syslog_open(ctx.path, &ctx.deadline, error)) < 0)
    {
      free(ctx.msg.data);
      return (PAUDIT_STATUS_IO);
    }

    status = pauditRecordSplit2(record, text, len, config->syslog_max - ctx.header,
                                config->syslog_max_parts, syslog_part, &ctx);
  }

  if (status == PAUDIT_STATUS_INVALID)
    pauditErrorSet(error, 0, "SyslogMaxSize %zu is too small for this record", config->syslog_max);
  else if (status == PAUDIT_STATUS_NOMEM)
    pauditErrorSet(error, 0, "Out of memory");

  if (ctx.fd >= 0 && close(ctx.fd) && status == PAUDIT_STATUS_OK)
  {
    pauditErrorSet(error, 0, "Unable to close syslog socket: %s", strerror(errno));
    status = PAUDIT_STATUS_IO;
  }
  free(ctx.msg.data);

  return (status == PAUDIT_STATUS_OK ? status : status == PAUDIT_STATUS_NOMEM ? status : PAUDIT_STATUS_IO);
}
