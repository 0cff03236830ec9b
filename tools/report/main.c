/*
 * printaudit-report: list and summarize printaudit audit records.
 *
 * Usage: printaudit-report [OPTIONS] [FILE...]
 *
 * Reads JSON Lines files, syslog files, "journalctl -o json" or "-o cat"
 * output or macOS "log show --style ndjson" output (FILE "-" or none:
 * standard input), joins split syslog messages and each job's job.start
 * and job.end records, and writes a table, CSV, JSON Lines (records as
 * read) or a summary.  From "journalctl -o json", only records sent
 * by a trusted uid (journald's _UID: 0 and the CUPS user lp by default)
 * are used; the others are reported and dropped.  A line that is not a record is reported on stderr with
 * its file and line number and counted, never fatal.  Exit status: 0 when
 * the input was read, 1 on a usage error, an unreadable file or a write
 * error.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROGRAM "printaudit-report"
#define MAX_TRUSTED 64			/* Most --trusted-uid options */

typedef struct report_s			/* State of one run */
{
  report_format_t	format;		/* Output format */
  report_filter_t	filter;		/* What to keep */
  report_summary_t	*summary;	/* --summary totals, or NULL */
  report_html_t		*html;		/* --html report, or NULL */
  report_join_t		*join;		/* Pending split records */
  report_jobs_t		*jobs;		/* Jobs waiting for their job.end */
  long long		skipped,	/* Lines reported and skipped */
			incomplete,	/* Split records never completed */
			untrusted;	/* Journal records from other uids */
  long long		trusted[MAX_TRUSTED];
					/* Uids trusted in journal entries */
  int			num_trusted;	/* Number of trusted uids */
  int			failed;		/* A file could not be read, or ENOMEM */
} report_t;


/*
 * 'warn_at()' - Report a problem with a line on stderr.
 *
 * The message may quote input (jansson's errors do): control characters
 * are escaped so that no input reaches the terminal raw.
 */

static void
warn_at(report_where_t where,		/* I - File and line */
        const char     *format,		/* I - printf format */
        ...)				/* I - Arguments */
  __attribute__((format(printf, 2, 3)));

static void
warn_at(report_where_t where,		/* I - File and line */
        const char     *format,		/* I - printf format */
        ...)				/* I - Arguments */
{
  va_list		ap;
  char			text[1024];
  const unsigned char	*p;
  int			n;
  unsigned		cp;
  size_t		len;


  n = snprintf(text, sizeof(text), "%s:%lld: ", where.file, where.line);
  if (n < 0 || (size_t)n >= sizeof(text))
    n = 0;
  va_start(ap, format);
  vsnprintf(text + n, sizeof(text) - (size_t)n, format, ap);
  va_end(ap);

  fputs(PROGRAM ": ", stderr);
  for (p = (const unsigned char *)text; *p; p ++)
  {
    if ((len = pauditControlLen(p, SIZE_MAX, &cp)) == 1)
      fprintf(stderr, "\\x%02x", cp);
    else if (len == 2)
    {
      fprintf(stderr, "\\u%04x", cp);
      p ++;
    }
    else
      putc(*p, stderr);
  }
  putc('\n', stderr);
}


/*
 * 'report_html_skip()' - List a skipped line in the --html page, if any.
 */

static void
report_html_skip(report_t       *report,/* I - Run */
                 report_where_t where,	/* I - File and line */
                 const char     *format,/* I - printf format */
                 ...)			/* I - Arguments */
  __attribute__((format(printf, 3, 4)));


/*
 * 'usage()' - Show the help text.
 */

static void
usage(FILE *fp)				/* I - stdout for --help, else stderr */
{
  fputs("Usage: " PROGRAM " [OPTIONS] [FILE...]\n"
        "List or summarize printaudit audit records (schema " PAUDIT_SCHEMA ").\n"
        "\n"
        "FILEs are JSON Lines files, syslog files, 'journalctl -o json' or '-o cat'\n"
        "output or macOS 'log show --style ndjson' output; none or '-' reads\n"
        "standard input.  Split syslog messages are joined back into their records,\n"
        "and a job's job.start records (one per backend run) with its job.end: one\n"
        "row per job, with its outcome and the pages cupsd counted, else declared.\n"
        "Only 'journalctl -t printaudit -o json' tells who sent a record: from it,\n"
        "records not sent by a trusted uid are reported and dropped.\n"
        "\n"
        "Output (default: a table):\n"
        "  --csv               CSV (RFC 4180) with a header line\n"
        "  --json              JSON Lines, one whole record per line, as read (not joined)\n"
        "  --summary BY        jobs and pages per BY: user, printer, application or day\n"
        "  --html              one self-contained HTML page: totals, charts, tables\n"
        "\n"
        "Filters (all must match):\n"
        "  --since TIME        records at or after TIME\n"
        "  --until TIME        records at or before TIME (a date: through its end)\n"
        "  --user NAME         job.user is NAME\n"
        "  --printer NAME      printer.name is NAME\n"
        "  --application NAME  job.application is NAME\n"
        "\n"
        "Journal entries (journalctl -o json):\n"
        "  --trusted-uid USER  trust records sent by USER (a name or uid); may be\n"
        "                      repeated; default: 0 and the uid of lp, if it exists\n"
        "TIME is RFC 3339 (2026-11-22T21:45:00Z, 2026-11-22T22:45:00+01:00) or a\n"
        "date (2026-11-22, a UTC day).\n"
        "\n"
        "  --help              show this help\n"
        "\n"
        "Lines that are not records are reported on stderr and counted.\n"
        "Exit status: 0 when the input was read, 1 on a usage error or an\n"
        "unreadable file.  See printaudit-report(1).\n", fp);
}


/*
 * 'usage_error()' - Report a usage error.
 */

static int				/* O - -1 */
usage_error(const char *format,		/* I - printf format */
            ...)			/* I - Arguments */
  __attribute__((format(printf, 1, 2)));

static int				/* O - -1 */
usage_error(const char *format,		/* I - printf format */
            ...)			/* I - Arguments */
{
  va_list	ap;


  fputs(PROGRAM ": ", stderr);
  va_start(ap, format);
  vfprintf(stderr, format, ap);
  va_end(ap);
  fputs("\n" PROGRAM ": try '" PROGRAM " --help'\n", stderr);

  return (-1);
}


/*
 * 'set_once()' - Set a string option given at most once.
 */

static int				/* O - 0 on success, -1 on usage error */
set_once(const char **value,		/* IO - Option value */
         const char *name,		/* I - Option name */
         const char *arg)		/* I - Argument */
{
  if (*value)
    return (usage_error("%s given twice", name));

  *value = arg;

  return (0);
}


/*
 * 'add_trusted()' - Add a --trusted-uid value: a uid or a user name.
 */

static int				/* O - 0 on success, -1 on usage error */
add_trusted(report_t   *report,		/* I - Settings */
            const char *arg)		/* I - Uid or user name */
{
  struct passwd	*pw;
  char		*end;
  long long	uid;


  if (report->num_trusted >= MAX_TRUSTED)
    return (usage_error("--trusted-uid given more than %d times", MAX_TRUSTED));

  if (*arg >= '0' && *arg <= '9')
  {
    errno = 0;
    uid   = strtoll(arg, &end, 10);
    if (errno || *end || uid > 0xFFFFFFFFLL)
      return (usage_error("--trusted-uid '%s': not a uid", arg));
  }
  else if ((pw = getpwnam(arg)) != NULL)
    uid = (long long)pw->pw_uid;
  else
    return (usage_error("--trusted-uid '%s': no such user", arg));

  report->trusted[report->num_trusted ++] = uid;

  return (0);
}


/*
 * 'is_trusted()' - Whether a journal entry's _UID is trusted.
 */

static int				/* O - 1 if trusted */
is_trusted(const report_t *report,	/* I - Settings */
           long long      uid)		/* I - _UID, -1 if none */
{
  int	i;


  for (i = 0; uid >= 0 && i < report->num_trusted; i ++)
    if (report->trusted[i] == uid)
      return (1);

  return (0);
}


/*
 * 'parse_args()' - Read the command line.
 */

static int				/* O - 0 to run, 1 for --help, -1 on error */
parse_args(int      argc,		/* I - Arguments */
           char     *argv[],		/* I - Arguments */
           report_t *report,		/* O - Settings */
           int      *first)		/* O - Index of the first file */
{
  static const struct option options[] =
  {
    { "csv",         no_argument,       NULL, 'c' },
    { "json",        no_argument,       NULL, 'j' },
    { "summary",     required_argument, NULL, 'S' },
    { "html",        no_argument,       NULL, 'H' },
    { "since",       required_argument, NULL, 's' },
    { "until",       required_argument, NULL, 'u' },
    { "user",        required_argument, NULL, 'U' },
    { "printer",     required_argument, NULL, 'P' },
    { "application", required_argument, NULL, 'A' },
    { "trusted-uid", required_argument, NULL, 'T' },
    { "help",        no_argument,       NULL, 'h' },
    { NULL,          0,                 NULL, 0 }
  };
  const char	*summary = NULL, *since = NULL, *until = NULL;
  report_by_t	by = REPORT_BY_USER;
  int		opt, status = 0, format_set = 0;


  opterr = 0;
  while (!status && (opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
  {
    switch (opt)
    {
      case 'c' :
      case 'j' :
          if (format_set && report->format != (opt == 'c' ? REPORT_FORMAT_CSV : REPORT_FORMAT_JSON))
            return (usage_error("%s", "--csv and --json exclude each other"));
          format_set     = 1;
          report->format = opt == 'c' ? REPORT_FORMAT_CSV : REPORT_FORMAT_JSON;
          break;
      case 'S' :
          status = set_once(&summary, "--summary", optarg);
          if (!status && reportSummaryBy(optarg, &by))
            return (usage_error("--summary '%s': use user, printer, application or day", optarg));
          break;
      case 's' :
          status = set_once(&since, "--since", optarg);
          if (!status && reportFilterSince(&report->filter, optarg))
            return (usage_error("--since '%s': not an RFC 3339 time or YYYY-MM-DD date", optarg));
          break;
      case 'u' :
          status = set_once(&until, "--until", optarg);
          if (!status && reportFilterUntil(&report->filter, optarg))
            return (usage_error("--until '%s': not an RFC 3339 time or YYYY-MM-DD date", optarg));
          break;
      case 'U' :
          status = set_once(&report->filter.user, "--user", optarg);
          break;
      case 'P' :
          status = set_once(&report->filter.printer, "--printer", optarg);
          break;
      case 'A' :
          status = set_once(&report->filter.application, "--application", optarg);
          break;
      case 'H' :
          if (!report->html && (report->html = reportHTMLNew()) == NULL)
            return (usage_error("%s", "out of memory"));
          break;
      case 'T' :
          status = add_trusted(report, optarg);
          break;
      case 'h' :
          return (1);
      case ':' :
          return (usage_error("%s needs a value", argv[optind - 1]));
      default :
          return (usage_error("unknown option '%s'", argv[optind - 1]));
    }
  }

  if (!status && report->html && (summary || format_set))
    return (usage_error("%s", "--html excludes --csv, --json and --summary"));

  if (!status && report->num_trusted == 0)
  {
    // Default: root (the backend runs as root) and the CUPS user lp (a
    // notifier's job.end records), if there is one.
    struct passwd *pw = getpwnam("lp");

    report->trusted[report->num_trusted ++] = 0;
    if (pw && pw->pw_uid != 0)
      report->trusted[report->num_trusted ++] = (long long)pw->pw_uid;
  }

  if (!status && summary && (report->summary = reportSummaryNew(by)) == NULL)
    return (usage_error("%s", "out of memory"));

  *first = optind;

  return (status);
}


/*
 * 'incomplete_cb()' - Report a split record that never completed.
 */

static void
incomplete_cb(const char     *id,	/* I - event.id */
              report_where_t first,	/* I - Where its first part was read */
              size_t         have,	/* I - Parts read */
              size_t         parts,	/* I - Parts in all */
              void           *data)	/* I - report_t */
{
  report_t	*report = (report_t *)data;


  warn_at(first, "split record of event %s incomplete: %zu of %zu parts", id, have, parts);
  report->incomplete ++;
  report_html_skip(report, first, "split record of event %s incomplete: %zu of %zu parts", id, have, parts);
}


/*
 * 'handle_record()' - Filter a whole record and write or count it.
 */

static void
handle_record(report_t       *report,	/* I - Run */
              report_where_t where,	/* I - Where it was read */
              json_t         *json,	/* I - Record */
              const char     *text,	/* I - Its JSON text */
              size_t         len)	/* I - Length */
{
  report_record_t	rec;
  paudit_error_t	error;
  int			status;


  pauditErrorClear(&error);
  if (reportRecordInit(&rec, json, text, len, &error))
  {
    warn_at(where, "%s", error.text);
    report->skipped ++;
    report_html_skip(report, where, "%s", error.text);
    return;
  }

  if (report->format == REPORT_FORMAT_JSON && !report->summary)
  {
    // JSON Lines: every record as read, unjoined.
    if (reportFilterMatch(&report->filter, &rec) &&
        reportOutputRecord(stdout, report->format, &rec))
      status = -1;
    else
      status = 0;
  }
  else
    status = reportJobsAdd(report->jobs, &rec);

  if (status)
  {
    warn_at(where, "out of memory");
    report->failed = 1;
  }
}


/*
 * 'handle_row()' - Filter one job's row and write or count it.
 */

static int				/* O - 0, or -1 on ENOMEM */
handle_row(const report_record_t *row,	/* I - A job's joined records */
           void                  *data)	/* I - report_t */
{
  report_t	*report = (report_t *)data;


  if (!reportFilterMatch(&report->filter, row))
    return (0);

  if (report->summary)
    return (reportSummaryAdd(report->summary, row));
  else if (report->html)
    return (reportHTMLAdd(report->html, row));
  else
    return (reportOutputRecord(stdout, report->format, row));
}


/*
 * 'handle_part()' - Hold a split part; handle its record once complete.
 */

static void
handle_part(report_t               *report,/* I - Run */
            report_where_t         where,/* I - Where it was read */
            const report_message_t *msg)/* I - Part message */
{
  json_t		*record;
  char			*text;
  size_t		len;
  paudit_error_t	error;
  report_join_status_t	status;


  pauditErrorClear(&error);
  status = reportJoinAdd(report->join, msg, where, &record, &text, &len, &error);

  if (status == REPORT_JOIN_COMPLETE)
  {
    if (error.text[0])
      warn_at(where, "%s", error.text);
    handle_record(report, where, record, text, len);
    json_decref(record);
    free(text);
  }
  else if (status == REPORT_JOIN_ERROR)
  {
    warn_at(where, "%s", error.text);
    report->skipped ++;
    report_html_skip(report, where, "%s", error.text);
  }
  else if (status == REPORT_JOIN_NOMEM)
  {
    warn_at(where, "out of memory");
    report->failed = 1;
  }
}


/*
 * 'handle_line()' - One input line.
 */

static void
handle_line(report_t       *report,	/* I - Run */
            report_where_t where,	/* I - Where it was read */
            const char     *line,	/* I - Line */
            size_t         len)		/* I - Length */
{
  report_message_t	msg;
  char			why[128];	/* Why a journal entry is dropped */


  if ((msg.kind = reportMessageParse(&msg, line, len)) != REPORT_KIND_ERROR &&
      msg.journal && !is_trusted(report, msg.uid))
  {
    // Anyone can send "printaudit" messages (logger -t printaudit):
    // journald's _UID says who did.  A part is dropped too, so that no
    // forged part can complete or change a real record.  The --html page
    // lists what stderr says (an entry without _UID has no uid to name).
    if (msg.uid < 0)
      snprintf(why, sizeof(why), "journal entry without _UID: dropped");
    else
      snprintf(why, sizeof(why), "%s sent by uid %lld, not a trusted uid: dropped",
               msg.kind == REPORT_KIND_PART ? "split record part" : "record", msg.uid);
    warn_at(where, "%s", why);
    report_html_skip(report, where, "%s", why);
    report->untrusted ++;
    reportMessageClear(&msg);
    return;
  }

  switch (msg.kind)
  {
    case REPORT_KIND_RECORD :
        handle_record(report, where, msg.json, msg.text, msg.len);
        break;
    case REPORT_KIND_PART :
        handle_part(report, where, &msg);
        break;
    case REPORT_KIND_ERROR :
        warn_at(where, "%s", msg.error.text);
        report->skipped ++;
        report_html_skip(report, where, "%s", msg.error.text);
        break;
    case REPORT_KIND_BLANK :
    case REPORT_KIND_TRAILER :
        break;
  }

  reportMessageClear(&msg);
}


/*
 * 'read_fd()' - Handle every line of one input.
 */

static void
read_fd(report_t   *report,		/* I - Run */
        int        fd,			/* I - Input */
        const char *name)		/* I - Its name for messages */
{
  report_reader_t	*reader = reportReaderNew(fd, REPORT_MAX_LINE);
  report_read_t		got;
  report_where_t	where = { name, 0 };
  const char		*line;
  size_t		len;


  if (!reader)
  {
    fprintf(stderr, PROGRAM ": %s: out of memory\n", name);
    report->failed = 1;
    return;
  }

  while ((got = reportReaderNext(reader, &line, &len)) != REPORT_READ_EOF)
  {
    where.line = reportReaderLine(reader);

    if (got == REPORT_READ_ERROR)
    {
      fprintf(stderr, PROGRAM ": %s: %s\n", name, strerror(errno));
      report->failed = 1;
      break;
    }
    else if (got == REPORT_READ_TOOLONG)
    {
      warn_at(where, "line longer than %d bytes", REPORT_MAX_LINE);
      report->skipped ++;
      report_html_skip(report, where, "line longer than %d bytes", REPORT_MAX_LINE);
    }
    else
      handle_line(report, where, line, len);
  }

  reportReaderDelete(reader);
}


/*
 * 'read_file()' - Handle one FILE argument.
 */

static void
read_file(report_t   *report,		/* I - Run */
          const char *path)		/* I - File name or "-" */
{
  int	fd;


  if (!strcmp(path, "-"))
  {
    read_fd(report, 0, "(standard input)");
    return;
  }

  if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
  {
    fprintf(stderr, PROGRAM ": %s: %s\n", path, strerror(errno));
    report->failed = 1;
    return;
  }

  read_fd(report, fd, path);
  close(fd);
}


/*
 * 'finish()' - Report what was never completed, write the summary, count.
 */

static int				/* O - Exit status */
finish(report_t *report,		/* I - Run */
       char     *files[],		/* I - FILE arguments */
       int      nfiles)			/* I - Number of them */
{
  report_html_info_t	info = { &report->filter, files, nfiles, 0, 0 };


  reportJoinFlush(report->join);
  if (reportJobsFlush(report->jobs))
  {
    fputs(PROGRAM ": out of memory\n", stderr);
    report->failed = 1;
  }
  // Journal entries dropped as untrusted are skipped lines too: the page
  // lists them with the others, so its count takes them in.
  info.skipped    = report->skipped + report->untrusted;
  info.incomplete = report->incomplete;

  if (report->html && reportHTMLWrite(report->html, stdout, &info))
  {
    fputs(PROGRAM ": out of memory\n", stderr);
    report->failed = 1;
  }

  if (report->summary && reportSummaryWrite(report->summary, stdout, report->format))
  {
    fputs(PROGRAM ": out of memory\n", stderr);
    report->failed = 1;
  }

  if (fflush(stdout) || ferror(stdout))
  {
    fprintf(stderr, PROGRAM ": write error: %s\n", strerror(errno));
    report->failed = 1;
  }

  if (report->skipped)
    fprintf(stderr, PROGRAM ": %lld line%s skipped\n", report->skipped,
            report->skipped == 1 ? "" : "s");
  if (report->incomplete)
    fprintf(stderr, PROGRAM ": %lld split record%s incomplete\n",
            report->incomplete, report->incomplete == 1 ? "" : "s");
  if (reportJobsEvicted(report->jobs))
    fprintf(stderr, PROGRAM ": %lld job%s written without waiting longer for %s job.end "
            "(at most %d jobs or %d MiB wait)\n",
            reportJobsEvicted(report->jobs), reportJobsEvicted(report->jobs) == 1 ? "" : "s",
            reportJobsEvicted(report->jobs) == 1 ? "its" : "their", REPORT_MAX_JOBS,
            REPORT_MAX_JOB_BYTES / (1024 * 1024));
  if (report->untrusted)
    fprintf(stderr, PROGRAM ": %lld journal entr%s from untrusted uids dropped\n",
            report->untrusted, report->untrusted == 1 ? "y" : "ies");

  return (report->failed ? 1 : 0);
}


/*
 * 'main()' - Read the arguments, the input, and report.
 */

int					/* O - Exit status */
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Arguments */
{
  report_t	report;
  int		first = 1, i, status;


  memset(&report, 0, sizeof(report));

  if ((status = parse_args(argc, argv, &report, &first)) != 0)
  {
    if (status > 0)
      usage(stdout);
    reportSummaryDelete(report.summary);
    reportHTMLDelete(report.html);
    return (status > 0 ? 0 : 1);
  }

  if ((report.join = reportJoinNew(REPORT_MAX_GROUPS, REPORT_MAX_PENDING,
                                   incomplete_cb, &report)) == NULL ||
      (report.jobs = reportJobsNew(REPORT_MAX_JOBS, REPORT_MAX_JOB_BYTES,
                                   handle_row, &report)) == NULL)
  {
    reportJoinDelete(report.join);
    fputs(PROGRAM ": out of memory\n", stderr);
    reportSummaryDelete(report.summary);
    reportHTMLDelete(report.html);
    return (1);
  }

  if (!isatty(1))
    setvbuf(stdout, NULL, _IOFBF, 1024 * 1024);

  // Only --json writes whole records; every other output reads a few
  // fields of each.
  reportMessageLean(report.format != REPORT_FORMAT_JSON || report.summary != NULL);

  if (!report.summary && !report.html)
    reportOutputHeader(stdout, report.format);

  if (first >= argc)
    read_file(&report, "-");
  for (i = first; i < argc; i ++)
    read_file(&report, argv[i]);

  status = finish(&report, argv + first, argc - first);

  reportJoinDelete(report.join);
  reportJobsDelete(report.jobs);
  reportSummaryDelete(report.summary);
  reportHTMLDelete(report.html);

  return (status);
}


/*
 * 'report_html_skip()' - List a skipped line in the --html page, if any.
 */

static void
report_html_skip(report_t       *report,/* I - Run */
                 report_where_t where,	/* I - File and line */
                 const char     *format,/* I - printf format */
                 ...)			/* I - Arguments */
{
  va_list	ap;
  char		why[1024];


  if (!report->html)
    return;

  va_start(ap, format);
  vsnprintf(why, sizeof(why), format, ap);
  va_end(ap);

  if (reportHTMLSkipped(report->html, where, why))
    report->failed = 1;
}
