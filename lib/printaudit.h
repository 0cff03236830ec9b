/*
 * printaudit: the public interface of the parsing library.
 *
 * The library turns what cupsd hands a backend (argv, a few environment
 * variables, the options string) into one audit record (schema
 * "printaudit/1"), serializes it, and writes it to the sinks.  It never
 * prints and never exits: every function returns a status or NULL and
 * fills a caller-owned paudit_error_t.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef PRINTAUDIT_H
#  define PRINTAUDIT_H
#  include <stddef.h>
#  include <time.h>
#  include <sys/types.h>
#  include <jansson.h>

#  define PAUDIT_SCHEMA       "printaudit/1"
#  define PAUDIT_MAX_VALUE    4096	/* Longest value kept in a record, bytes */
#  define PAUDIT_MAX_SCHEME   63	/* Longest backend scheme */
#  define PAUDIT_EVENT_ID_LEN 32	/* Hex digits in event.id */


/*
 * Status and errors...
 */

typedef enum paudit_status_e		/* Status of a library call */
{
  PAUDIT_STATUS_OK = 0,			/* Success */
  PAUDIT_STATUS_NOMEM,			/* Out of memory */
  PAUDIT_STATUS_INVALID,		/* Bad input: URI, argument, value */
  PAUDIT_STATUS_CONFIG,			/* Bad configuration line */
  PAUDIT_STATUS_INSECURE,		/* Config file owned by non-root or writable */
  PAUDIT_STATUS_IO			/* A file or socket operation failed */
} paudit_status_t;

typedef struct paudit_error_s		/* Caller-owned error; the first error wins */
{
  int	line;				/* Config line number, 0 if none */
  char	text[512];			/* Message, "" if none */
} paudit_error_t;

extern void	pauditErrorClear(paudit_error_t *error);


/*
 * Options (argv[5])...
 */

/* Lossless reading of a cupsd options string.  Every option becomes a key
 * of the returned object with its exact name; values are strings as given,
 * bare names true, "noNAME" is NAME false, duplicates an array in order,
 * macOS typed keys decoded, job-password* "<redacted>", values over
 * PAUDIT_MAX_VALUE bytes cut and their "options.NAME" appended to
 * truncated (a JSON array, may be NULL).  Linear in strlen(s).
 * O - New object; json_decref() it.  NULL on ENOMEM. */
extern json_t	*pauditOptionsNew(const char *s, json_t *truncated);


/*
 * Device URIs...
 */

typedef struct paudit_uri_s		/* A device URI split into parts */
{
  char	*clean;				/* URI without password, owned */
  char	*sanitized;			/* URI without userinfo, as cupsd gives
					 * a backend argv[0], owned */
  char	scheme[PAUDIT_MAX_SCHEME + 1];	/* Scheme */
  char	*host;				/* Host (percent-decoded) or NULL, owned */
  int	port;				/* Port, or -1 when none is known */
} paudit_uri_t;

/* Split uri; on success the caller clears *parts with pauditURIClear().
 * The scheme must match [A-Za-z][A-Za-z0-9+.-]* and be at most 63 bytes.
 * O - PAUDIT_STATUS_OK, _INVALID or _NOMEM */
extern paudit_status_t pauditURISplit(const char *uri, paudit_uri_t *parts,
			             paudit_error_t *error);
extern void	pauditURIClear(paudit_uri_t *parts);


/*
 * Records...
 */

typedef struct paudit_job_s		/* What cupsd gave the backend, borrowed */
{
  int			argc;		/* 6 or more */
  char * const		*argv;		/* Backend argv: uri job-id user title copies options [file] */
  const paudit_uri_t	*uri;		/* Original URI (after "printaudit:"),
					 * split by pauditURISplit() */
  const char		*printer;	/* $PRINTER or NULL */
  const char		*printer_info;	/* $PRINTER_INFO or NULL */
  const char		*printer_location; /* $PRINTER_LOCATION or NULL */
  const char		*content_type;	/* $CONTENT_TYPE or NULL */
  const char		*final_content_type; /* $FINAL_CONTENT_TYPE or NULL */
  const char		*hostname;	/* This host's name or NULL */
  struct timespec	now;		/* Time of the event (CLOCK_REALTIME) */
  char			event_id[PAUDIT_EVENT_ID_LEN + 1]; /* Hex id */
} paudit_job_t;

/* Fill job->event_id from the system's random source.
 * O - PAUDIT_STATUS_OK or _IO */
extern paudit_status_t pauditEventId(char id[PAUDIT_EVENT_ID_LEN + 1]);

/* Build the audit record for a job.
 * O - New record; json_decref() it.  NULL with error set on failure. */
extern json_t	*pauditRecordNew(const paudit_job_t *job, paudit_error_t *error);

/* The same facts under Elastic Common Schema names ("JsonFormat ecs"):
 * @timestamp, event.*, host.name, user.name, related.user, file.name,
 * file.mime_type, source.address, url.original, destination.address and
 * .port, network.protocol, message; the rest under "printaudit.*".  A
 * job.end record (pauditOutcomeNew()) gets its own ECS form.  record is
 * not changed and stays the caller's; the new record shares some of its
 * values by reference.
 * O - New record; json_decref() it (record too).  NULL on ENOMEM. */
extern json_t	*pauditRecordECSNew(const json_t *record);


/*
 * Outcome records (job.end), written by the notifier...
 */

typedef struct paudit_outcome_s		/* What cupsd says of an ended job, borrowed */
{
  int			job_id;		/* job-id */
  const char		*uuid;		/* job-uuid or NULL */
  int			state;		/* IPP job-state: 7, 8 or 9 */
  long long		impressions;	/* job-impressions-completed, -1 unknown */
  long long		media_sheets;	/* job-media-sheets-completed, -1 unknown */
  time_t		processing;	/* time-at-processing, 0 if none */
  time_t		completed;	/* time-at-completed, 0 if none */
  const char		*user;		/* job-originating-user-name or NULL */
  const char		*title;		/* job-name or NULL (LogTitles applied) */
  const char		*printer;	/* printer-name or NULL */
  const char		*hostname;	/* This host's name or NULL */
  struct timespec	now;		/* Time of the record (CLOCK_REALTIME) */
  char			event_id[PAUDIT_EVENT_ID_LEN + 1]; /* Hex id */
} paudit_outcome_t;

/* "completed" (9), "aborted" (8), "canceled" (7); NULL for any other
 * state.  O - Static string or NULL */
extern const char *pauditOutcomeStateName(int ipp_state);

/* Build the job.end record: same envelope as job.start, then job.id,
 * .uuid, .state, .impressions_completed, .media_sheets_completed,
 * .processing, .completed, .user, .title and printer.name.
 * O - New record; json_decref() it.  NULL with error set on failure. */
extern json_t	*pauditOutcomeNew(const paudit_outcome_t *outcome,
		                  paudit_error_t *error);


/*
 * Serialization...
 */

/* Compact one-line JSON of value; C0, DEL, C1, U+2028/9 escaped.
 * O - New string; free() it.  NULL on ENOMEM or invalid value. */
extern char	*pauditJSONNew(const json_t *value, size_t *len);


/*
 * The syslog split form (split.c): splitting and joining, one home...
 *
 * A record longer than a message is sent as part 1, the record without
 * "options" (or "printaudit.options" in the ECS form) with
 * event.part 1 and event.parts N, and continuation parts
 *
 *   {"schema":"printaudit/1","event":{"action":"job.continued","id":"...",
 *    "part":2,"parts":N},"options_slice":"..."}
 *
 * whose "options_slice" strings, joined in order, are the compact JSON of
 * the options.  When even the record without options is too long, part 1
 * has its strings cut ("event.abbreviated":true) and the continuation
 * parts carry "record_slice" strings that join to the whole record's text.
 * SyslogMaxParts may cap the parts sent: part 1 then says how many were
 * left out ("event.parts_omitted") and the slices join to a prefix only.
 */

#  define PAUDIT_PARTS_MAX	999999	/* Most parts: numbered in 6 digits */
#  define PAUDIT_PART_ID_MAX	64	/* Longest event.id a reader accepts */
#  define PAUDIT_PART_ACTION	"job.continued"
					/* event.action of parts 2..N */
#  define PAUDIT_KEY_PART	"part"	/* event.part: 1..N */
#  define PAUDIT_KEY_PARTS	"parts"	/* event.parts: N, the parts sent */
#  define PAUDIT_KEY_PARTS_OMITTED "parts_omitted"
					/* event.parts_omitted (part 1, capped) */
#  define PAUDIT_KEY_ABBREVIATED "abbreviated"
					/* event.abbreviated (part 1, cut short) */
#  define PAUDIT_KEY_OPTIONS_SLICE "options_slice"
					/* Slice of the options' JSON */
#  define PAUDIT_KEY_RECORD_SLICE "record_slice"
					/* Slice of the whole record's JSON */

/* Called once per syslog message part; return 0 to go on. */
typedef int	(*paudit_part_cb_t)(const char *message, size_t len, void *data);

/* Split a record for a transport whose messages hold at most max bytes:
 * the whole record when it fits (text, len: its serialization), else
 * parts as above, all with the same event.id.
 * O - PAUDIT_STATUS_OK, _NOMEM, _INVALID (max too small) or _IO (cb failed) */
extern paudit_status_t pauditRecordSplit(const json_t *record, const char *text,
                                        size_t len, size_t max,
                                        paudit_part_cb_t cb, void *data);

/* pauditRecordSplit() with at most max_parts messages (2 to
 * PAUDIT_PARTS_MAX; 0 for no limit).  A record that needs more is sent as
 * its first max_parts parts: event.parts is max_parts and part 1 carries
 * event.parts_omitted, the number of parts left out, so its slices join
 * to a prefix only.
 * O - PAUDIT_STATUS_OK, _NOMEM, _INVALID (max or max_parts bad) or _IO */
extern paudit_status_t pauditRecordSplit2(const json_t *record, const char *text,
                                         size_t len, size_t max,
                                         size_t max_parts,
                                         paudit_part_cb_t cb, void *data);

typedef enum paudit_part_kind_e		/* What a part carries */
{
  PAUDIT_PART_CORE,			/* Part 1: the record without options,
					 * maybe abbreviated; no slice */
  PAUDIT_PART_OPTIONS,			/* An "options_slice" (parts 2..N) */
  PAUDIT_PART_RECORD			/* A "record_slice" (parts 2..N) */
} paudit_part_kind_t;

typedef struct paudit_part_s		/* One part message, read */
{
  const char		*id;		/* event.id (borrowed from the message) */
  size_t		part,		/* event.part, 1..parts */
			parts;		/* event.parts, 1..PAUDIT_PARTS_MAX */
  paudit_part_kind_t	kind;		/* What it carries */
  const char		*slice;		/* Its slice (borrowed), NULL for a core */
  size_t		slice_len;	/* Length of slice */
} paudit_part_t;

/* Whether a parsed message is a part of a split record (has event.part). */
extern int	pauditPartIs(const json_t *message);

/* Read and check a part message: event.id of 1 to PAUDIT_PART_ID_MAX
 * letters and digits, event.part and event.parts in range, and exactly
 * what its number allows (part 1 a core, parts 2..N one slice).
 * O - PAUDIT_STATUS_OK, or _INVALID with error set */
extern paudit_status_t pauditPartRead(const json_t *message,
                                     paudit_part_t *part,
                                     paudit_error_t *error);

/* Assemble the record of a complete group of parts: core, part 1's text;
 * kind, what parts 2..N carry (PAUDIT_PART_CORE when there are none);
 * slices, their slices joined in part order.  The record comes back as it
 * was split: options where they were (under "printaudit" in the ECS
 * form), event.part and event.parts gone, *text its compact JSON.  A
 * record SyslogMaxParts capped (*omitted > 0: parts left out) is part 1
 * itself without options; its slices join to a prefix only.
 * O - PAUDIT_STATUS_OK (json_decref(*record), free(*text)), _NOMEM, or
 *     _INVALID with error set */
extern paudit_status_t pauditRecordJoin(const char *core, size_t core_len,
                                       paudit_part_kind_t kind,
                                       const char *slices,
                                       size_t slices_len, json_t **record,
                                       char **text, size_t *len,
                                       size_t *omitted,
                                       paudit_error_t *error);

/* The record of the messages one record was sent as, in any order (or a
 * single whole record): pauditPartRead() on each, then pauditRecordJoin().
 * The messages must be all the parts of one event.id, each once.
 * O - As pauditRecordJoin() */
extern paudit_status_t pauditRecordJoinParts(const char * const *messages,
                                            const size_t *lens, size_t count,
                                            json_t **record, char **text,
                                            size_t *len, size_t *omitted,
                                            paudit_error_t *error);


/*
 * Configuration (printaudit.conf)...
 */

typedef enum paudit_onfail_e		/* OnLogFailure */
{
  PAUDIT_ONFAIL_PRINT,			/* Report and print */
  PAUDIT_ONFAIL_STOP			/* JsonLog failure stops the queue */
} paudit_onfail_t;

typedef enum paudit_format_e		/* JsonFormat */
{
  PAUDIT_FORMAT_PRINTAUDIT,		/* Schema printaudit/1 */
  PAUDIT_FORMAT_ECS			/* Elastic Common Schema names */
} paudit_format_t;

typedef enum paudit_titles_e		/* LogTitles */
{
  PAUDIT_TITLES_ON,			/* Titles as given */
  PAUDIT_TITLES_OFF,			/* Titles removed */
  PAUDIT_TITLES_HASH			/* Titles as HMAC-SHA-256 (hex) */
} paudit_titles_t;

typedef struct paudit_config_s		/* Settings; strings owned */
{
  int			syslog;		/* Syslog on? */
  int			syslog_facility; /* LOG_LPR, ... (already shifted) */
  char			*syslog_socket;	/* Receiver socket path, or NULL:
					 * the syslog(3) function */
  size_t		syslog_max;	/* Longest syslog message */
  size_t		syslog_max_parts; /* Most messages per record */
  char			*json_log;	/* JSON Lines path or NULL */
  paudit_onfail_t	on_failure;	/* OnLogFailure */
  paudit_format_t	format;		/* JsonFormat */
  char			*outcome_log;	/* OutcomeLog (the notifier's JSON Lines) or NULL */
  paudit_titles_t	titles;		/* LogTitles */
  char			*title_key;	/* TitleKeyFile: the HMAC key for LogTitles hash */
} paudit_config_t;

/* Defaults: syslog on, lpr, /dev/log (syslog(3) when built with
 * PAUDIT_SYSLOG_API, as on macOS), 4000 bytes (900 on macOS), 64 parts,
 * no JsonLog, no OutcomeLog, LogTitles on, TitleKeyFile
 * <serverroot>/printaudit.key (set by the caller; NULL here). */
extern paudit_status_t pauditConfigInit(paudit_config_t *config);

/* Read path into config.  A missing file is not an error when
 * missing_ok.  When secure, refuse a file not owned by root or writable
 * by group or others (checked on the open file).  Errors name the file
 * and line: "Unknown directive Foo on line 3 of /etc/cups/printaudit.conf".
 * O - PAUDIT_STATUS_OK, _CONFIG, _INSECURE, _IO or _NOMEM */
extern paudit_status_t pauditConfigLoad(paudit_config_t *config,
                                       const char *path, int missing_ok,
                                       int secure, paudit_error_t *error);
extern void	pauditConfigClear(paudit_config_t *config);

/* pauditConfigInit() and pauditConfigLoad() of the file the environment
 * names, as the backend and the notifier find it: $PRINTAUDIT_CONF if set
 * (it must exist), else <ServerRoot>/printaudit.conf (may be missing), the
 * ServerRoot being $CUPS_SERVERROOT when it is absolute, else serverroot
 * (the compiled-in one).  secure as for pauditConfigLoad().  On error,
 * config is cleared (nothing to free) and error says why.
 * O - PAUDIT_STATUS_OK, _CONFIG, _INSECURE, _INVALID, _IO or _NOMEM;
 *     on OK, free config's strings with pauditConfigClear() */
extern paudit_status_t pauditConfigLoadDefault(paudit_config_t *config,
                                              const char *serverroot,
                                              int secure,
                                              paudit_error_t *error);

/* The CUPS User and Group from cups-files.conf; user and group hold the
 * defaults on input and keep them when the file or a line is missing.
 * O - PAUDIT_STATUS_OK, _IO, _CONFIG (file or a value too large) or _NOMEM */
extern paudit_status_t pauditCupsIdentityLoad(const char *path, char *user,
                                             size_t usersize, char *group,
                                             size_t groupsize,
                                             paudit_error_t *error);

/* The uid and gid for CUPS User and Group values, read as cupsd reads them
 * (scheduler/conf.c): a value that starts with a digit is a number (its
 * leading digits, as atoi() reads them) and is never looked up as a name;
 * anything else is a name for getpwnam() or getgrnam().  A User that is
 * uid 0, by number or by name, is refused as cupsd refuses it.  path only
 * names the file in messages.
 * O - PAUDIT_STATUS_OK, _CONFIG (unknown name, bad number) or _INSECURE (root) */
extern paudit_status_t pauditCupsIdentityResolve(const char *path,
                                                const char *user,
                                                const char *group, uid_t *uid,
                                                gid_t *gid,
                                                paudit_error_t *error);

typedef enum paudit_rootrule_e		/* Whose cupsd decides a backend's identity */
{
  PAUDIT_ROOTRULE_CUPS,			/* OpenPrinting CUPS: root unless S_IWGRP|S_IWOTH|S_IXOTH */
  PAUDIT_ROOTRULE_APPLE			/* Apple's cupsd: root unless S_IWGRP|S_IRWXO */
} paudit_rootrule_t;

#  ifdef __APPLE__
#    define PAUDIT_ROOTRULE_PLATFORM PAUDIT_ROOTRULE_APPLE
#  else
#    define PAUDIT_ROOTRULE_PLATFORM PAUDIT_ROOTRULE_CUPS
#  endif

/* cupsd's rule (scheduler/job.c): 1 if a backend file of this mode runs as
 * root, 0 if it runs as the CUPS User and Group. */
extern int	pauditBackendAsRoot(mode_t mode, paudit_rootrule_t rule);


/*
 * LogTitles...
 */

/* Apply LogTitles to a record (job.start or job.end, before any ECS
 * conversion and serialization): on leaves it; off makes job.title and
 * job.document_name null and removes the options that repeat a title
 * (job-name, document-name, document-name-supplied,
 * com.apple.print.JobInfo.PMJobName); hash replaces each of their strings
 * by HMAC-SHA-256 under the key in config->title_key (64 hex digits).
 * Fails closed: when the key cannot be read the titles are removed as
 * with off, and the status says why.
 * O - PAUDIT_STATUS_OK, _IO, _INSECURE, _CONFIG (key) or _NOMEM */
extern paudit_status_t pauditRecordTitles(json_t *record,
                                         const paudit_config_t *config,
                                         paudit_error_t *error);

/* Read a TitleKeyFile: a regular file of root's, no group/other access,
 * 16 to 1024 bytes.  O - PAUDIT_STATUS_OK, _IO, _INSECURE or _CONFIG */
extern paudit_status_t pauditTitleKeyLoad(const char *path, unsigned char *key,
                                         size_t keysize, size_t *keylen,
                                         paudit_error_t *error);

/* HMAC-SHA-256 (RFC 2104, FIPS 180-4) of data under key, lower-case hex. */
extern void	pauditHMACSHA256(const unsigned char *key, size_t keylen,
		                 const void *data, size_t len, char hex[65]);


/*
 * Sinks...
 */

/* Send a record to the syslog receiver (ident "printaudit", NOTICE),
 * split as pauditRecordSplit2() does with config->syslog_max_parts.
 * Through a socket, the whole record is bounded by a 2-second deadline
 * within which a receiver that restarts is reconnected to and the part it
 * refused sent again.  With syslog_socket NULL, through syslog(3), which
 * reports no failure (only in builds with PAUDIT_SYSLOG_API; elsewhere
 * _IO).
 * O - PAUDIT_STATUS_OK, _IO (error says why) or _NOMEM */
extern paudit_status_t pauditSyslogWrite(const paudit_config_t *config,
                                        const json_t *record, const char *text,
                                        size_t len, paudit_error_t *error);

/* Append text and a newline to the JSON Lines file at path in one write
 * under an exclusive lock; a failed write leaves the file as it was.
 * No symbolic link is followed in any component of path.  The lock is
 * "<path>.lock" (created 0600), never path itself, and no wait for it is
 * longer than 2 seconds.  The file written is the one path names under
 * the lock (a rotation in between is followed); a partial last line (a
 * killed writer's) is ended first; SIGTERM, SIGINT, SIGHUP and SIGPIPE
 * wait until the line is written.  When the caller is root (euid 0),
 * path, its lock file and every directory above it must be root's and
 * not writable by group or others (the lock file not readable either; a
 * root-owned sticky directory may be an ancestor, not the file's own).
 * O - PAUDIT_STATUS_OK or _IO (error says why) */
extern paudit_status_t pauditJSONLogWrite(const char *path, const char *text,
                                         size_t len, paudit_error_t *error);

/* What pauditDeliver() says to do with the job. */
typedef enum paudit_deliver_e
{
  PAUDIT_DELIVER_PRINT,			/* Print the job */
  PAUDIT_DELIVER_STOP			/* Do not print it (OnLogFailure stop) */
} paudit_deliver_t;

/* Called with each failure's message (one line, nul-terminated, valid
 * only during the call). */
typedef void	(*paudit_report_cb_t)(const char *message, void *data);

/* Serialize record, write it to the JsonLog (if config->json_log) and to
 * syslog (if config->syslog), and apply OnLogFailure: STOP only under
 * OnLogFailure stop, when there is no record (record NULL, or it cannot
 * be serialized) or the JsonLog was not written; the record is then not
 * sent to syslog either.  A syslog failure never stops a job.  Each
 * failure is passed to cb (may be NULL) in that order, then, for STOP,
 * why the job is not printed.  record is not changed and stays the
 * caller's.
 * O - PAUDIT_DELIVER_PRINT or PAUDIT_DELIVER_STOP */
extern paudit_deliver_t pauditDeliver(const paudit_config_t *config,
                                      const json_t *record,
                                      paudit_report_cb_t cb, void *data);

/* Serialize record and write it to the JSON Lines file jsonlog (if not
 * NULL; the notifier passes config->outcome_log) and to syslog (if
 * config->syslog), with no OnLogFailure policy: each sink is tried
 * whatever the other did, each failure passed to cb (may be NULL), the
 * file's first.  record is not changed and stays the caller's (NULL:
 * nothing is written).
 * O - 0 if record was written to every sink configured, -1 if not */
extern int	pauditWriteSinks(const paudit_config_t *config,
		                 const char *jsonlog, const json_t *record,
		                 paudit_report_cb_t cb, void *data);

#endif /* !PRINTAUDIT_H */
