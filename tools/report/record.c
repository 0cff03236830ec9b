/*
 * Record fields, RFC 3339 times and filters for printaudit-report.
 *
 * Times are compared as UTC instants: a record's "time" is UTC ("Z"), a
 * filter may carry any offset, and a bare date is a UTC day.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <string.h>


/*
 * 'time_digits()' - Value of n decimal digits, or -1.
 */

static int
time_digits(const char *s,		/* I - Text */
            int        n)		/* I - Digits */
{
  int	value = 0;


  for (; n > 0; n --, s ++)
  {
    if (*s < '0' || *s > '9')
      return (-1);
    value = value * 10 + (*s - '0');
  }

  return (value);
}


/*
 * 'time_days()' - Days from 1970-01-01 to a civil date (proleptic Gregorian).
 */

static long long
time_days(int y,			/* I - Year */
          int m,			/* I - Month, 1-12 */
          int d)			/* I - Day, 1-31 */
{
  long long	era;
  int		yoe, doy, doe;


  y  -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (int)(y - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (era * 146097 + doe - 719468);
}


/*
 * 'time_date()' - Parse "YYYY-MM-DD" at s into days since the epoch.
 */

static int				/* O - 0 on success, -1 if invalid */
time_date(const char *s,		/* I - At least 10 bytes */
          long long  *days)		/* O - Days since 1970-01-01 */
{
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int	y = time_digits(s, 4),
	m = time_digits(s + 5, 2),
	d = time_digits(s + 8, 2);


  if (y < 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
      s[4] != '-' || s[7] != '-')
    return (-1);

  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return (-1);

  *days = time_days(y, m, d);

  return (0);
}


/*
 * 'reportDateParse()' - Parse "YYYY-MM-DD" as 00:00:00Z that day.
 */

int					/* O - 0 on success, -1 if invalid */
reportDateParse(const char    *s,	/* I - Date */
                report_time_t *t)	/* O - Start of the day */
{
  long long	days;


  if (strlen(s) != 10 || time_date(s, &days))
    return (-1);

  t->sec  = days * 86400;
  t->nsec = 0;

  return (0);
}


/*
 * 'time_offset()' - Parse "Z" or "+HH:MM"/"-HH:MM" filling s[0..len).
 */

static int				/* O - 0 on success, -1 if invalid */
time_offset(const char *s,		/* I - Zone text */
            size_t     len,		/* I - Length */
            long long  *seconds)	/* O - Seconds east of UTC */
{
  int	h, m;


  if (len == 1 && (*s == 'Z' || *s == 'z'))
  {
    *seconds = 0;
    return (0);
  }

  if (len != 6 || (*s != '+' && *s != '-') || s[3] != ':' ||
      (h = time_digits(s + 1, 2)) < 0 || h > 23 ||
      (m = time_digits(s + 4, 2)) < 0 || m > 59)
    return (-1);

  *seconds = (*s == '-' ? -1 : 1) * (h * 3600LL + m * 60LL);

  return (0);
}


/*
 * 'reportTimeParse()' - Parse an RFC 3339 date-time.
 */

int					/* O - 0 on success, -1 if invalid */
reportTimeParse(const char    *s,	/* I - Text */
                size_t        len,	/* I - Length */
                report_time_t *t)	/* O - Time */
{
  long long	days, offset;
  long		nsec = 0, scale = 100000000;
  size_t	i = 19;
  int		h, m, sec;


  if (len < 20 || time_date(s, &days) ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':' ||
      (h = time_digits(s + 11, 2)) < 0 || h > 23 ||
      (m = time_digits(s + 14, 2)) < 0 || m > 59 ||
      (sec = time_digits(s + 17, 2)) < 0 || sec > 60)
    return (-1);

  if (s[i] == '.')
  {
    // Fractional seconds: at least one digit, nanoseconds kept.
    for (i ++; i < len && s[i] >= '0' && s[i] <= '9'; i ++, scale /= 10)
      nsec += (s[i] - '0') * scale;
    if (i == 20)
      return (-1);
  }

  if (time_offset(s + i, len - i, &offset))
    return (-1);

  t->sec  = days * 86400 + h * 3600LL + m * 60LL + sec - offset;
  t->nsec = nsec;

  return (0);
}


/*
 * 'reportTimeCompare()' - Order two times.
 */

int					/* O - <0, 0, >0 */
reportTimeCompare(const report_time_t *a,/* I - First time */
                  const report_time_t *b)/* I - Second time */
{
  if (a->sec != b->sec)
    return (a->sec < b->sec ? -1 : 1);
  if (a->nsec != b->nsec)
    return (a->nsec < b->nsec ? -1 : 1);

  return (0);
}


/*
 * 'record_string()' - A string member of an object, or NULL.
 */

static const char *
record_string(json_t     *object,	/* I - Object (or anything) */
              const char *key)		/* I - Member */
{
  return (json_string_value(json_object_get(object, key)));
}


/*
 * 'record_count()' - A non-negative integer member, or -1.
 */

static long long
record_count(json_t     *object,	/* I - Object (or anything) */
             const char *key)		/* I - Member */
{
  json_t	*value = json_object_get(object, key);


  if (!json_is_integer(value) || json_integer_value(value) < 0)
    return (-1);

  return ((long long)json_integer_value(value));
}


/*
 * 'reportRecordInit()' - Read the fields of a record.
 */

int					/* O - 0 on success, -1 with error set */
reportRecordInit(report_record_t *rec,	/* O - Fields */
                 json_t          *json,	/* I - Record */
                 const char      *text,	/* I - Its JSON text or NULL */
                 size_t          len,	/* I - Length of text */
                 paudit_error_t  *error)/* O - Why not */
{
  json_t	*job = json_object_get(json, "job"),
		*printer = json_object_get(json, "printer"),
		*pa = json_object_get(json, "printaudit");
  const char	*schema = record_string(json, "schema");
  int		ecs = !schema && json_object_get(json, "ecs") && json_is_object(pa);


  // The ECS form (JsonFormat ecs) holds the same facts under other names.
  if (ecs)
  {
    schema  = record_string(pa, "schema");
    job     = json_object_get(pa, "job");
    printer = json_object_get(pa, "printer");
  }


  memset(rec, 0, sizeof(report_record_t));
  rec->json = json;
  rec->text = text;
  rec->len  = len;

  if (!schema || strcmp(schema, PAUDIT_SCHEMA))
  {
    pauditErrorSet(error, 0, "not a %s record", PAUDIT_SCHEMA);
    return (-1);
  }

  rec->time_text = record_string(json, ecs ? "@timestamp" : "time");
  if (!rec->time_text ||
      reportTimeParse(rec->time_text, strlen(rec->time_text), &rec->time))
  {
    pauditErrorSet(error, 0, "record without a valid \"time\"");
    return (-1);
  }

  rec->user        = ecs ? record_string(json_object_get(json, "user"), "name") :
                           record_string(job, "user");
  rec->title       = record_string(job, "title");
  rec->document    = record_string(job, "document_name");
  rec->application = record_string(job, "application");
  rec->color       = record_string(job, "color");
  rec->sides       = record_string(job, "sides");
  rec->impressions = record_count(job, "impressions");
  rec->copies      = record_count(job, "copies");
  rec->printer     = record_string(printer, "name");
  rec->host        = ecs ? record_string(json_object_get(json, "destination"), "address") :
                           record_string(printer, "host");
  rec->port        = ecs ? record_count(json_object_get(json, "destination"), "port") :
                           record_count(printer, "port");

  rec->action      = record_string(json_object_get(json, "event"), "action");
  rec->hostname    = record_string(json_object_get(json, "host"), "name");
  rec->uuid        = record_string(job, "uuid");
  rec->billing     = record_string(job, "billing");
  rec->info        = record_string(printer, "info");
  rec->location    = record_string(printer, "location");
  rec->job_id      = record_count(job, "id");
  rec->starts      = 0;
  rec->pages       = -1;

  if (!rec->document)
    rec->document = rec->title;

  if (rec->action && !strcmp(rec->action, "job.end"))
  {
    // The outcome: what cupsd counted (raw queues count copies, filtered
    // queues count pages).
    rec->outcome = record_string(job, "state");
    if ((rec->pages = record_count(job, "impressions_completed")) >= 0)
      rec->pages_source = "counted";
  }
  else
  {
    // What the job declared: impressions x copies.
    rec->has_start = 1;
    rec->starts    = 1;
    if (rec->impressions >= 0 && rec->copies >= 0 &&
        !__builtin_mul_overflow(rec->impressions, rec->copies, &rec->pages))
      rec->pages_source = "declared";
    else
      rec->pages = -1;
  }

  return (0);
}


/*
 * 'reportFilterSince()' - Set the start of the time window.
 */

int					/* O - 0 on success, -1 if invalid */
reportFilterSince(report_filter_t *filter,/* I - Filter */
                  const char      *value)/* I - RFC 3339 time or date */
{
  if (reportDateParse(value, &filter->since) &&
      reportTimeParse(value, strlen(value), &filter->since))
    return (-1);

  filter->has_since = 1;

  return (0);
}


/*
 * 'reportFilterUntil()' - Set the end of the time window.
 */

int					/* O - 0 on success, -1 if invalid */
reportFilterUntil(report_filter_t *filter,/* I - Filter */
                  const char      *value)/* I - RFC 3339 time or date */
{
  if (!reportDateParse(value, &filter->until))
  {
    // A date: through the end of that day, so before the next one.
    filter->until.sec   += 86400;
    filter->until_before = 1;
  }
  else if (!reportTimeParse(value, strlen(value), &filter->until))
    filter->until_before = 0;
  else
    return (-1);

  filter->has_until = 1;

  return (0);
}


/*
 * 'filter_same()' - Whether a wanted string matches a field.
 */

static int				/* O - 1 when no filter or equal */
filter_same(const char *want,		/* I - Filter value or NULL */
            const char *have)		/* I - Field or NULL */
{
  return (!want || (have && !strcmp(want, have)));
}


/*
 * 'reportFilterMatch()' - Whether a record passes the filters.
 */

int					/* O - 1 to keep, 0 to drop */
reportFilterMatch(const report_filter_t *filter,/* I - Filter */
                  const report_record_t *rec)/* I - Record */
{
  int	cmp;


  if (filter->has_since && reportTimeCompare(&rec->time, &filter->since) < 0)
    return (0);

  if (filter->has_until)
  {
    cmp = reportTimeCompare(&rec->time, &filter->until);
    if (cmp > 0 || (cmp == 0 && filter->until_before))
      return (0);
  }

  return (filter_same(filter->user, rec->user) &&
          filter_same(filter->printer, rec->printer) &&
          filter_same(filter->application, rec->application));
}
