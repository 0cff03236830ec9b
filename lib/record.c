/*
 * Building the audit record (schema "printaudit/1") for printaudit.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#ifdef __linux__
#  include <sys/random.h>
#endif


/*
 * 'pauditEventId()' - A random 128-bit event id in hex.
 */

paudit_status_t				/* O - Status */
pauditEventId(char id[PAUDIT_EVENT_ID_LEN + 1])
{
  static const char	hex[] = "0123456789abcdef";
  unsigned char		bytes[PAUDIT_EVENT_ID_LEN / 2];
  size_t		i;


#ifdef __APPLE__
  arc4random_buf(bytes, sizeof(bytes));
#else
  ssize_t		got;

  do
    got = getrandom(bytes, sizeof(bytes), 0);
  while (got < 0 && errno == EINTR);
  if (got != (ssize_t)sizeof(bytes))
    return (PAUDIT_STATUS_IO);
#endif

  for (i = 0; i < sizeof(bytes); i ++)
  {
    id[2 * i]     = hex[bytes[i] >> 4];
    id[2 * i + 1] = hex[bytes[i] & 15];
  }
  id[PAUDIT_EVENT_ID_LEN] = '\0';

  return (PAUDIT_STATUS_OK);
}


/*
 * 'rec_string()' - A sanitized string value, or null for NULL.
 */

static json_t *
rec_string(const char *s,		/* I - String or NULL */
           const char *key,		/* I - Record key for truncated */
           json_t     *truncated)	/* I - Truncated array */
{
  return (s ? pauditStringNew(s, strlen(s), key, truncated) : json_null());
}


/*
 * 'rec_count()' - A non-negative integer argument, or null.
 */

static json_t *
rec_count(const char *s)		/* I - Decimal text or NULL */
{
  long long	value = 0;


  if (!s || *s < '0' || *s > '9')
    return (json_null());

  // What strtoll() accepts here is digits only (no sign, no space): read
  // them directly, stopping once past the range.
  for (; *s >= '0' && *s <= '9'; s ++)
    if ((value = value * 10 + (*s - '0')) > 0x7fffffffLL)
      return (json_null());
  if (*s)
    return (json_null());

  return (json_integer((json_int_t)value));
}


/*
 * 'pauditRFC3339New()' - UTC time as RFC 3339, with milliseconds if ms >= 0.
 */

json_t *				/* O - New string, null if out of range */
pauditRFC3339New(time_t t,			/* I - Seconds since the epoch */
            long   ms)			/* I - Milliseconds or -1 */
{
  struct tm	tm;
  char		text[32], *p = text;
  int		i, fields[6];


  if (pauditTimeUTC(t, &tm))
    return (json_null());

  // "YYYY-MM-DDThh:mm:ss[.mmm]Z", formatted by hand: this runs on every job.
  fields[0] = tm.tm_year + 1900;
  fields[1] = tm.tm_mon + 1;
  fields[2] = tm.tm_mday;
  fields[3] = tm.tm_hour;
  fields[4] = tm.tm_min;
  fields[5] = tm.tm_sec;

  *p++ = (char)('0' + fields[0] / 1000);
  *p++ = (char)('0' + fields[0] / 100 % 10);
  for (i = 0; i < 6; i ++)
  {
    *p++ = (char)('0' + fields[i] / 10 % 10);
    *p++ = (char)('0' + fields[i] % 10);
    if (i < 5)
      *p++ = "--T::"[i];
  }
  if (ms >= 0 && ms < 1000)
  {
    *p++ = '.';
    *p++ = (char)('0' + ms / 100);
    *p++ = (char)('0' + ms / 10 % 10);
    *p++ = (char)('0' + ms % 10);
  }
  *p++ = 'Z';

  return (json_stringn_nocheck(text, (size_t)(p - text)));
}


/*
 * 'rec_option()' - The text of an option (first value if repeated).
 */

static const char *			/* O - Text or NULL */
rec_option(json_t     *options,		/* I - Options */
           const char *name)		/* I - Name */
{
  json_t *value = json_object_get(options, name);

  if (json_is_array(value))
    value = json_array_get(value, 0);

  return (json_string_value(value));
}


/*
 * 'rec_media()' - job.media: the first usable media name.
 */

static json_t *
rec_media(json_t *options)		/* I - Options */
{
  static const char * const sources[] =
  {
    "media", "PageSize", "PageRegion",
    "com.apple.print.PageToPaperMappingMediaName"
  };
  const char	*value;
  size_t	i;


  for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i ++)
  {
    if ((value = rec_option(options, sources[i])) == NULL || !*value)
      continue;
    if (strspn(value, "0123456789") == strlen(value))
      continue;				// "media=0" names nothing
    return (json_string_nocheck(value));
  }

  return (json_null());
}


/*
 * 'rec_sides()' - job.sides from sides, Duplex or PMDuplexing.
 */

static json_t *
rec_sides(json_t *options)		/* I - Options */
{
  static const char * const names[] =
  { "one-sided", "two-sided-long-edge", "two-sided-short-edge" };
  static const char * const duplex[] =
  { "None", "DuplexNoTumble", "DuplexTumble" };
  const char	*value;
  json_t	*macos;
  json_int_t	number = 0;
  size_t	i;


  if ((value = rec_option(options, "sides")) != NULL && *value)
    return (json_string_nocheck(value));

  if ((value = rec_option(options, "Duplex")) != NULL)
    for (i = 0; i < 3; i ++)
      if (!strcmp(value, duplex[i]))
        return (json_string_nocheck(names[i]));

  macos = json_object_get(options, "com.apple.print.PrintSettings.PMDuplexing");
  if (json_is_array(macos))
    macos = json_array_get(macos, 0);
  if (json_is_integer(macos))
    number = json_integer_value(macos);
  if (number >= 1 && number <= 3)
    return (json_string_nocheck(names[number - 1]));

  return (json_null());
}


/*
 * 'rec_color()' - job.color from print-color-mode or ColorModel.
 */

static json_t *
rec_color(json_t *options)		/* I - Options */
{
  static const char * const mono_modes[] =
  { "monochrome", "bi-level", "process-monochrome", "process-bi-level",
    "auto-monochrome" };
  static const char * const color_modes[] = { "color", "highlight" };
  static const char * const mono_models[] =
  { "Gray", "Grayscale", "KGray", "Mono", "Monochrome", "Black" };
  static const char * const color_models[] =
  { "RGB", "CMYK", "CMY", "RGBW", "Color" };
  const char	*value;
  size_t	i;


  if ((value = rec_option(options, "print-color-mode")) != NULL)
  {
    for (i = 0; i < sizeof(mono_modes) / sizeof(mono_modes[0]); i ++)
      if (!strcmp(value, mono_modes[i]))
        return (json_string_nocheck("monochrome"));
    for (i = 0; i < sizeof(color_modes) / sizeof(color_modes[0]); i ++)
      if (!strcmp(value, color_modes[i]))
        return (json_string_nocheck("color"));
  }

  if ((value = rec_option(options, "ColorModel")) != NULL)
  {
    for (i = 0; i < sizeof(mono_models) / sizeof(mono_models[0]); i ++)
      if (!strcasecmp(value, mono_models[i]))
        return (json_string_nocheck("monochrome"));
    for (i = 0; i < sizeof(color_models) / sizeof(color_models[0]); i ++)
      if (!strcasecmp(value, color_models[i]))
        return (json_string_nocheck("color"));
  }

  return (json_null());
}


/*
 * 'rec_first_string()' - The first non-empty option of a list, or null.
 */

static json_t *
rec_first_string(json_t             *options,/* I - Options (values already cut) */
                 const char * const *names)/* I - Names, NULL-terminated */
{
  const char	*value;


  for (; *names; names ++)
    if ((value = rec_option(options, *names)) != NULL && *value)
      return (json_string_nocheck(value));

  return (json_null());
}


/*
 * 'rec_created()' - job.created from time-at-creation.
 */

static json_t *
rec_created(json_t *options)		/* I - Options */
{
  const char	*value = rec_option(options, "time-at-creation");
  json_t	*seconds = rec_count(value);
  json_t	*created;


  if (!json_is_integer(seconds))
    return (seconds);

  created = pauditRFC3339New((time_t)json_integer_value(seconds), -1);
  json_decref(seconds);

  return (created);
}


/*
 * 'rec_setn()' - Steal value into object[key]; NULL value is a failure.
 */

static int				/* O - 0 on success */
rec_setn(json_t     *object,		/* I - Object */
         const char *key,		/* I - Key */
         size_t     keylen,		/* I - Length */
         json_t     *value)		/* I - Value, stolen */
{
  return (!value || json_object_setn_new_nocheck(object, key, keylen, value));
}


/*
 * 'rec_set()' - rec_setn() for a string literal key (no strlen()).
 */

#define rec_set(object, key, value) rec_setn((object), "" key, sizeof(key) - 1, (value))


/*
 * 'rec_job()' - The "job" object.
 */

static json_t *
rec_job(const paudit_job_t *job,	/* I - Job */
        json_t             *options,	/* I - Options */
        json_t             *truncated)	/* I - Truncated array */
{
  static const char * const document[] =
  { "document-name-supplied", "com.apple.print.JobInfo.PMJobName", NULL };
  static const char * const application[] =
  { "com.apple.print.JobInfo.PMApplicationName", NULL };
  static const char * const uuid[] = { "job-uuid", NULL };
  static const char * const origin[] = { "job-originating-host-name", NULL };
  static const char * const billing[] = { "job-billing", "job-account-id", NULL };
  json_t *o = json_object();

  if (!o ||
      rec_set(o, "id", rec_count(job->argv[1])) ||
      rec_set(o, "user", rec_string(job->argv[2], "job.user", truncated)) ||
      rec_set(o, "title", rec_string(job->argv[3], "job.title", truncated)) ||
      rec_set(o, "copies", rec_count(job->argv[4])) ||
      rec_set(o, "file", rec_string(job->argc > 6 ? job->argv[6] : NULL,
                                    "job.file", truncated)) ||
      rec_set(o, "uuid", rec_first_string(options, uuid)) ||
      rec_set(o, "originating_host", rec_first_string(options, origin)) ||
      rec_set(o, "document_name", rec_first_string(options, document)) ||
      rec_set(o, "created", rec_created(options)) ||
      rec_set(o, "impressions", rec_count(rec_option(options, "job-impressions"))) ||
      rec_set(o, "application", rec_first_string(options, application)) ||
      rec_set(o, "media", rec_media(options)) ||
      rec_set(o, "sides", rec_sides(options)) ||
      rec_set(o, "color", rec_color(options)) ||
      rec_set(o, "billing", rec_first_string(options, billing)))
  {
    json_decref(o);
    return (NULL);
  }

  return (o);
}


/*
 * 'rec_printer()' - The "printer" object.
 */

static json_t *
rec_printer(const paudit_job_t *job,	/* I - Job */
            const paudit_uri_t *uri,	/* I - Split device URI */
            json_t             *truncated)/* I - Truncated array */
{
  json_t *o = json_object();

  if (!o ||
      rec_set(o, "name", rec_string(job->printer, "printer.name", truncated)) ||
      rec_set(o, "info", rec_string(job->printer_info, "printer.info", truncated)) ||
      rec_set(o, "location", rec_string(job->printer_location, "printer.location", truncated)) ||
      rec_set(o, "uri", rec_string(uri->clean, "printer.uri", truncated)) ||
      rec_set(o, "backend", json_string_nocheck(uri->scheme)) ||
      rec_set(o, "host", rec_string(uri->host, "printer.host", truncated)) ||
      rec_set(o, "port", uri->port >= 0 ? json_integer(uri->port) : json_null()))
  {
    json_decref(o);
    return (NULL);
  }

  return (o);
}


/*
 * 'pauditRecordNew()' - Build the audit record for a job.
 */

json_t *				/* O - New record or NULL */
pauditRecordNew(const paudit_job_t *job,/* I - Job */
                paudit_error_t     *error)/* O - Error */
{
  json_t	*record = NULL, *options = NULL, *truncated = NULL, *o;


  if (!job || job->argc < 6 || !job->argv || !job->uri)
  {
    pauditErrorSet(error, 0, "Missing job arguments or device URI");
    return (NULL);
  }

  if ((truncated = json_array()) == NULL ||
      (options = pauditOptionsNew(job->argv[5], truncated)) == NULL ||
      (record = json_object()) == NULL)
    goto nomem;

  if (rec_set(record, "schema", json_string_nocheck(PAUDIT_SCHEMA)) ||
      rec_set(record, "event", (o = json_object())) ||
      rec_set(o, "action", json_string_nocheck("job.start")) ||
      rec_set(o, "id", json_string_nocheck(job->event_id)) ||
      rec_set(record, "time", pauditRFC3339New(job->now.tv_sec, job->now.tv_nsec / 1000000)) ||
      rec_set(record, "host", (o = json_object())) ||
      rec_set(o, "name", rec_string(job->hostname, "host.name", truncated)) ||
      rec_set(record, "job", rec_job(job, options, truncated)) ||
      rec_set(record, "printer", rec_printer(job, job->uri, truncated)) ||
      rec_set(record, "document", (o = json_object())) ||
      rec_set(o, "content_type", rec_string(job->content_type, "document.content_type", truncated)) ||
      rec_set(o, "final_content_type", rec_string(job->final_content_type, "document.final_content_type", truncated)) ||
      json_object_setn_nocheck(record, "options", sizeof("options") - 1, options))
    goto nomem;

  if (json_array_size(truncated) &&
      json_object_setn_nocheck(record, "truncated", sizeof("truncated") - 1, truncated))
    goto nomem;

  json_decref(options);
  json_decref(truncated);

  return (record);

nomem:
  json_decref(record);
  json_decref(options);
  json_decref(truncated);
  pauditErrorSet(error, 0, "Out of memory");

  return (NULL);
}
