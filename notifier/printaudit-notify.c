/*
 * printaudit-notify: the CUPS notifier that records how jobs end.
 *
 * Installed as <serverbin>/notifier/printaudit (root:root 0755).  cupsd
 * starts it, as the CUPS user (lp), for the subscription whose recipient
 * is "printaudit://" (printaudit-wire creates it) and writes every event
 * of that subscription to its stdin as an IPP message.  It stays resident
 * and reads until EOF (the subscription was cancelled): a notifier that
 * exits between events makes cupsd lose the events written meanwhile.
 *
 * For each job-completed event (job-state completed, canceled or aborted)
 * of a printer wired through printaudit (device URI "printaudit:..."), it
 * asks cupsd for the job's uuid, times and counts (Get-Job-Attributes:
 * events carry none of them) and writes one job.end record to syslog and
 * to the OutcomeLog of printaudit.conf, never to the JsonLog (root's).
 *
 * Exactly one job.end per job: several subscriptions mean several
 * notifier processes that all get the same event, so each record is
 * claimed first in a small state file in the CUPS user's own directory
 * ($CUPS_CACHEDIR/printaudit-notify.state), under an exclusive lock:
 * "<job-id> <job-uuid> <time-at-completed>" written once.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <cups/cups.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PRINTAUDIT_SERVERROOT
#  define PRINTAUDIT_SERVERROOT "/etc/cups"
#endif
#ifndef PRINTAUDIT_CACHEDIR
#  define PRINTAUDIT_CACHEDIR "/var/cache/cups"
#endif

#define STATE_NAME     "printaudit-notify.state"
#define STATE_MAX      65536		/* State file bytes before it is trimmed */
#define STATE_KEEP     32768		/* Bytes kept when trimmed */
#define PIPE_WANT      1048576		/* Event pipe asked for (Linux's pipe-max-size) */

typedef struct notify_job_s		/* What the event and cupsd said of a job */
{
  int		id;			/* notify-job-id */
  int		state;			/* job-state */
  char		printer[256];		/* printer-name */
  char		uuid[256];		/* job-uuid or "" */
  char		user[1024];		/* job-originating-user-name or "" */
  char		title[8192];		/* job-name or "" */
  int		have_user,		/* user disclosed? */
		have_title;		/* title disclosed? */
  long long	impressions,		/* job-impressions-completed or -1 */
		sheets;			/* job-media-sheets-completed or -1 */
  time_t	processing,		/* time-at-processing or 0 */
		completed;		/* time-at-completed or 0 */
} notify_job_t;

typedef struct notify_input_s		/* Standard input, as ippReadIO() reads it */
{
  int		fd;			/* File descriptor */
  size_t	bytes;			/* Bytes of this event read so far */
  int		eof;			/* read() said end of file */
  int		err;			/* errno of a failed read(), or 0 */
} notify_input_t;


/*
 * 'report()' - One message line for cupsd's error_log ("ERROR: ..."),
 *              as lib's pauditMessage() writes them for every program.
 */

#define report(...) pauditMessage("printaudit-notify", __VA_ARGS__)


/*
 * 'copy_string()' - Copy an IPP string attribute into a buffer.
 */

static int				/* O - 1 if present and copied, 0 if not */
copy_string(ipp_t      *ipp,		/* I - Message */
            const char *name,		/* I - Attribute */
            char       *buf,		/* O - Value */
            size_t     bufsize)		/* I - Size of buf */
{
  ipp_attribute_t	*attr = ippFindAttribute(ipp, name, IPP_TAG_ZERO);
  const char		*value;


  buf[0] = '\0';
  if (!attr || ippGetCount(attr) < 1 || (value = ippGetString(attr, 0, NULL)) == NULL)
    return (0);
  snprintf(buf, bufsize, "%s", value);

  return (1);
}


/*
 * 'get_integer()' - An integer or enum attribute, or def.
 */

static long long			/* O - Value or def */
get_integer(ipp_t      *ipp,		/* I - Message */
            const char *name,		/* I - Attribute */
            long long  def)		/* I - Default */
{
  ipp_attribute_t *attr = ippFindAttribute(ipp, name, IPP_TAG_ZERO);

  if (!attr || ippGetCount(attr) < 1 ||
      (ippGetValueTag(attr) != IPP_TAG_INTEGER && ippGetValueTag(attr) != IPP_TAG_ENUM))
    return (def);

  return (ippGetInteger(attr, 0));
}


/*
 * 'local_uri()' - "ipp://localhost/" or "ipp://localhost/printers/NAME";
 *                 cupsd only reads the path.
 */

static void
local_uri(char       *uri,		/* O - URI */
          size_t     urisize,		/* I - Size of uri */
          const char *printer)		/* I - Printer name or NULL */
{
  http_uri_status_t status;

  if (printer)
    status = httpAssembleURIf(HTTP_URI_CODING_ALL, uri, (int)urisize, "ipp", NULL,
                              "localhost", 0, "/printers/%s", printer);
  else
    status = httpAssembleURI(HTTP_URI_CODING_ALL, uri, (int)urisize, "ipp", NULL,
                             "localhost", 0, "/");
  if (status < HTTP_URI_STATUS_OK)
    uri[0] = '\0';
}


/*
 * 'printer_wired()' - Is the printer's device URI "printaudit:..."?
 */

static int				/* O - 1 wired, 0 not, -1 unknown */
printer_wired(const char *printer)	/* I - printer-name */
{
  static const char * const want[] = { "device-uri" };
  char		uri[1024];
  ipp_t		*request, *response;
  ipp_attribute_t *attr;
  const char	*device;
  int		wired = -1;


  local_uri(uri, sizeof(uri), printer);
  if (!uri[0])
    return (-1);

  request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 1, NULL, want);

  response = cupsDoRequest(CUPS_HTTP_DEFAULT, request, "/");
  if (response && ippGetStatusCode(response) <= IPP_STATUS_OK_EVENTS_COMPLETE)
  {
    attr = ippFindAttribute(response, "device-uri", IPP_TAG_URI);
    device = attr ? ippGetString(attr, 0, NULL) : NULL;
    wired = device && !strncasecmp(device, "printaudit:", 11);
  }
  else
    report("ERROR", "Get-Printer-Attributes of %s failed: %s", printer, cupsLastErrorString());
  ippDelete(response);

  return (wired);
}


/*
 * 'get_job()' - What cupsd says of a job now (Get-Job-Attributes).
 */

static void
get_job(notify_job_t *job,		/* IO - Job: id in, the rest out */
        char         *error,		/* O - Why cupsd said nothing, or "" */
        size_t       errorsize)		/* I - Size of error */
{
  static const char * const want[] =
  {
    "job-uuid", "job-state", "time-at-processing", "time-at-completed",
    "job-impressions-completed", "job-media-sheets-completed",
    "job-originating-user-name", "job-name"
  };
  char		uri[256];
  ipp_t		*request, *response;
  long long	value;


  local_uri(uri, sizeof(uri), NULL);
  request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job->id);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                (int)(sizeof(want) / sizeof(want[0])), NULL, want);

  response = cupsDoRequest(CUPS_HTTP_DEFAULT, request, "/");
  if (!response || ippGetStatusCode(response) > IPP_STATUS_OK_EVENTS_COMPLETE)
  {
    snprintf(error, errorsize, "Get-Job-Attributes of job %d failed: %s", job->id, cupsLastErrorString());
    ippDelete(response);
    return;
  }

  copy_string(response, "job-uuid", job->uuid, sizeof(job->uuid));
  // Private values come back as a name "" or not at all: both are null.
  job->have_user  = copy_string(response, "job-originating-user-name", job->user, sizeof(job->user)) &&
                    job->user[0];
  job->have_title = copy_string(response, "job-name", job->title, sizeof(job->title)) &&
                    job->title[0];
  if ((value = get_integer(response, "job-impressions-completed", -1)) >= 0)
    job->impressions = value;
  job->sheets     = get_integer(response, "job-media-sheets-completed", -1);
  job->processing = (time_t)get_integer(response, "time-at-processing", 0);
  job->completed  = (time_t)get_integer(response, "time-at-completed", 0);
  ippDelete(response);
}


/*
 * 'state_path()' - The dedupe state file in the CUPS user's directory.
 */

static int				/* O - 0 on success */
state_path(char   *path,		/* O - Path */
           size_t pathsize)		/* I - Size of path */
{
  const char	*dir = getenv("PRINTAUDIT_NOTIFY_STATEDIR");
  int		n;


  if (!dir || dir[0] != '/')
    dir = getenv("CUPS_CACHEDIR");
  if (!dir || dir[0] != '/')
    dir = PRINTAUDIT_CACHEDIR;

  n = snprintf(path, pathsize, "%s/" STATE_NAME, dir);

  return (n < 0 || (size_t)n >= pathsize ? -1 : 0);
}


/*
 * 'state_claim()' - Claim a job's record in the locked state file.
 *
 * Returns the open, locked file in *fd when the key was not there yet (the
 * caller writes the record, then state_commit()); -1 in *fd otherwise.
 * With id ("<id> "), any line of that job counts as written.
 */

static int				/* O - 1 claimed, 0 already written, -1 error */
state_claim(const char *key,		/* I - "<id> <uuid> <completed>\n" */
            const char *id,		/* I - "<id> " or NULL */
            int        *fd)		/* O - Locked state file */
{
  char		path[1024], *text = NULL, *line;
  struct stat	info;
  ssize_t	got;
  size_t	keylen = strlen(key), idlen = id ? strlen(id) : 0, len = 0;
  int		found = 0;


  *fd = -1;
  if (state_path(path, sizeof(path)))
  {
    report("ERROR", "The state file path is too long");
    return (-1);
  }

  if ((*fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600)) < 0)
  {
    report("ERROR", "Unable to open %s: %s", path, strerror(errno));
    return (-1);
  }
  while (flock(*fd, LOCK_EX))
    if (errno != EINTR)
    {
      report("ERROR", "Unable to lock %s: %s", path, strerror(errno));
      goto fail;
    }

  if (fstat(*fd, &info) || !S_ISREG(info.st_mode) || info.st_uid != geteuid() ||
      (info.st_mode & (S_IWGRP | S_IWOTH)))
  {
    report("ERROR", "Refusing %s: not a regular file of this user, or writable by others", path);
    goto fail;
  }

  if (info.st_size > 0)
  {
    if (info.st_size > 4 * STATE_MAX || (text = malloc((size_t)info.st_size + 1)) == NULL)
    {
      report("ERROR", "%s is too large", path);
      goto fail;
    }
    while (len < (size_t)info.st_size)
    {
      if ((got = pread(*fd, text + len, (size_t)info.st_size - len, (off_t)len)) < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;
      len += (size_t)got;
    }
    text[len] = '\0';

    for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
      if (!strncmp(line, key, keylen) || (id && !strncmp(line, id, idlen)))
      {
        found = 1;
        break;
      }
    free(text);
  }

  if (found)
  {
    close(*fd);
    *fd = -1;
    return (0);
  }

  return (1);

fail:
  close(*fd);
  *fd = -1;
  return (-1);
}


/*
 * 'state_commit()' - Append the key, trim the file, unlock and close it.
 */

static void
state_commit(int        fd,		/* I - Locked state file */
             const char *key)		/* I - Key line */
{
  struct stat	info;
  char		*text;
  const char	*keep;
  ssize_t	got;
  size_t	len = strlen(key);


  if (lseek(fd, 0, SEEK_END) < 0 || write(fd, key, len) != (ssize_t)len)
    report("ERROR", "Unable to write the state file: %s", strerror(errno));

  // Keep the newest lines once the file grows: a job's events arrive
  // within seconds, so a few hundred keys are plenty.
  if (!fstat(fd, &info) && info.st_size > STATE_MAX &&
      (text = malloc((size_t)info.st_size + 1)) != NULL)
  {
    if ((got = pread(fd, text, (size_t)info.st_size, 0)) == (ssize_t)info.st_size)
    {
      text[got] = '\0';
      keep = text + got - STATE_KEEP;
      if ((keep = strchr(keep, '\n')) != NULL)
      {
        keep ++;
        len = (size_t)(text + got - keep);
        if (pwrite(fd, keep, len, 0) != (ssize_t)len || ftruncate(fd, (off_t)len))
          report("ERROR", "Unable to trim the state file: %s", strerror(errno));
      }
    }
    free(text);
  }

  close(fd);
}


/*
 * 'load_config()' - printaudit.conf, read at each record like the shim does.
 */

static int				/* O - 0 on success, -1 after an ERROR */
load_config(paudit_config_t *config)	/* O - Config */
{
  paudit_error_t	error;


  // Always checked: the file says where the CUPS user writes.
  pauditErrorClear(&error);
  if (pauditConfigLoadDefault(config, PRINTAUDIT_SERVERROOT, 1, &error))
  {
    report("ERROR", "%s", error.text);
    return (-1);
  }

  return (0);
}


/*
 * 'outcome_report()' - Report one of pauditWriteSinks()'s failures.
 */

static void
outcome_report(const char *message,	/* I - Message */
               void       *data)	/* I - Unused */
{
  (void)data;

  report("ERROR", "%s", message);
}


/*
 * 'write_outcome()' - Build the job.end record and write it to the sinks.
 */

static void
write_outcome(const paudit_config_t *config,/* I - Config */
              notify_job_t          *job)	/* I - Job */
{
  paudit_outcome_t	outcome;
  paudit_error_t	error;
  json_t		*record = NULL, *ecs = NULL;
  char			hostname[256];


  memset(&outcome, 0, sizeof(outcome));
  pauditErrorClear(&error);
  outcome.job_id       = job->id;
  outcome.uuid         = job->uuid[0] ? job->uuid : NULL;
  outcome.state        = job->state;
  outcome.impressions  = job->impressions;
  outcome.media_sheets = job->sheets;
  outcome.processing   = job->processing;
  outcome.completed    = job->completed;
  outcome.user         = job->have_user ? job->user : NULL;
  // The notifier runs as lp and cannot read the root-only title key:
  // with LogTitles hash the title is left to the job.start record.
  outcome.title        = job->have_title && config->titles == PAUDIT_TITLES_ON ? job->title : NULL;
  outcome.printer      = job->printer[0] ? job->printer : NULL;
  if (gethostname(hostname, sizeof(hostname)) == 0)
  {
    hostname[sizeof(hostname) - 1] = '\0';
    outcome.hostname = hostname;
  }
  clock_gettime(CLOCK_REALTIME, &outcome.now);

  if (pauditEventId(outcome.event_id))
    report("ERROR", "Unable to get a random event id: %s", strerror(errno));
  else if ((record = pauditOutcomeNew(&outcome, &error)) == NULL)
    report("ERROR", "Unable to build the job.end record: %s", error.text);
  else if (config->format == PAUDIT_FORMAT_ECS && (ecs = pauditRecordECSNew(record)) == NULL)
    report("ERROR", "Unable to build the ECS record: out of memory");
  else
  {
    // To the OutcomeLog, never the JsonLog (root's); no OnLogFailure: the
    // job has ended, each sink is tried.
    pauditWriteSinks(config, config->outcome_log, ecs ? ecs : record, outcome_report, NULL);
  }

  json_decref(ecs);
  json_decref(record);
}


/*
 * 'handle_event()' - One event: a job.end record if it ends a wired job.
 */

static void
handle_event(ipp_t *event)		/* I - Event message */
{
  notify_job_t		*job;
  paudit_config_t	config;
  char			event_name[64], key[512], id[32],
			error[1024] = "";	/* Get-Job-Attributes failure */
  int			fd, claimed;


  copy_string(event, "notify-subscribed-event", event_name, sizeof(event_name));
  if (strcmp(event_name, "job-completed"))
    return;

  if ((job = calloc(1, sizeof(notify_job_t))) == NULL)
  {
    report("ERROR", "Out of memory");
    return;
  }

  job->id          = (int)get_integer(event, "notify-job-id", 0);
  job->state       = (int)get_integer(event, "job-state", 0);
  job->impressions = get_integer(event, "job-impressions-completed", -1);
  job->sheets      = -1;
  copy_string(event, "printer-name", job->printer, sizeof(job->printer));

  if (job->id <= 0 || !pauditOutcomeStateName(job->state) || !job->printer[0])
    goto done;

  if (printer_wired(job->printer) != 1)
    goto done;

  if (load_config(&config))
  {
    report("ERROR", "No job.end record for job %d", job->id);
    goto done;
  }

  get_job(job, error, sizeof(error));

  // A job cupsd no longer has: purged as it ended, or purged after it ended
  // and was recorded (Purge-Jobs, "cancel -a -x", sends job-completed,
  // state canceled, again for every ended job it removes): a line of that
  // job in the state file tells the second.
  snprintf(key, sizeof(key), "%d %s %lld\n", job->id, job->uuid[0] ? job->uuid : "-",
           (long long)job->completed);
  snprintf(id, sizeof(id), "%d ", job->id);
  if ((claimed = state_claim(key, job->uuid[0] ? NULL : id, &fd)) != 0)
  {
    // Without the state file a record may be doubled, never lost.
    if (error[0])
      report("ERROR", "%s", error);
    write_outcome(&config, job);
    if (claimed == 1)
      state_commit(fd, key);
  }

  pauditConfigClear(&config);

done:
  free(job);
}


/*
 * 'read_input()' - ippReadIO() callback: read exactly bytes from stdin.
 *
 * ippReadIO() takes a short read for a broken message; a pipe may hand an
 * attribute over in pieces, so read until it is all there, the input ends
 * or read() fails, and note which.
 */

static ssize_t				/* O - Bytes read, 0 at EOF, -1 on error */
read_input(void        *context,	/* I - notify_input_t */
           ipp_uchar_t *buffer,		/* O - Bytes */
           size_t      bytes)		/* I - Bytes wanted */
{
  notify_input_t	*in = (notify_input_t *)context;
  size_t		done = 0;
  ssize_t		got;


  while (done < bytes)
  {
    if ((got = read(in->fd, buffer + done, bytes - done)) > 0)
      done += (size_t)got;
    else if (got == 0)
    {
      in->eof = 1;
      break;
    }
    else if (errno != EINTR)
    {
      in->err = errno;
      break;
    }
  }
  in->bytes += done;

  return (done > 0 || bytes == 0 ? (ssize_t)done : in->err ? -1 : 0);
}


/*
 * 'grow_pipe()' - Make room for a burst of events in cupsd's pipe.
 *
 * cupsd never waits for a notifier (the pipe is O_NONBLOCK on its side):
 * an event that does not fit is dropped ("Unable to send event"), or cut
 * short after the attributes that fit, and the next event then makes this
 * whole stream unreadable.  Ending many jobs at once (cancel -a, Cancel-
 * Jobs) writes all their job-completed events in one go while the notifier
 * waits for cupsd's answer about the first one: the default 64 KiB pipe
 * holds about 130 of them, 1 MiB about 2000.
 */

static void
grow_pipe(void)
{
#ifdef F_SETPIPE_SZ
  struct stat	info;
  int		size;


  if (fstat(0, &info) || !S_ISFIFO(info.st_mode))
    return;

  // Unprivileged processes may ask for up to /proc/sys/fs/pipe-max-size.
  for (size = PIPE_WANT; size > 65536; size /= 2)
    if (fcntl(0, F_SETPIPE_SZ, size) >= 0 || errno != EPERM)
      break;
#endif /* F_SETPIPE_SZ */
}


/*
 * 'main()' - Read event messages from stdin until EOF.
 */

int					/* O - Exit status */
main(int  argc,				/* I - Arguments */
     char *argv[])			/* I - recipient-uri [user-data] */
{
  ipp_t			*event;
  ipp_state_t		state;
  notify_input_t	in;


  (void)argc;
  (void)argv;

  // A vanished receiver must not kill us (SIGPIPE); cupsd's SIGTERM does.
  signal(SIGPIPE, SIG_IGN);
  setvbuf(stderr, NULL, _IOLBF, 0);
  grow_pipe();

  memset(&in, 0, sizeof(in));
  in.fd = 0;

  for (;;)
  {
    event    = ippNew();
    in.bytes = 0;
    while ((state = ippReadIO(&in, read_input, 1, NULL, event)) != IPP_STATE_DATA)
      if (state <= IPP_STATE_IDLE)
        break;

    if (state != IPP_STATE_DATA)
    {
      ippDelete(event);

      // The end of the input between events: the subscription is gone.
      if (!in.bytes && in.eof)
        break;

      // Nothing after a broken event can be read as events again: exit, and
      // cupsd starts a new notifier at its next event (EPIPE).
      if (in.err)
        report("ERROR", "Unable to read events from cupsd: %s; exiting (events already sent are lost)",
               strerror(in.err));
      else if (in.eof)
        report("ERROR", "An event from cupsd ends after %zu bytes; exiting (events already sent are lost)",
               in.bytes);
      else
        report("ERROR", "Unreadable event from cupsd after %zu bytes (one it could not write whole: "
               "\"Unable to send event\"); exiting (events already sent are lost)", in.bytes);
      return (1);
    }

    handle_event(event);
    ippDelete(event);
  }

  return (0);
}
