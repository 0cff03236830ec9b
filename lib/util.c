/*
 * Buffers, errors and sanitized strings for printaudit.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/*
 * 'pauditBufReserve()' - Make room for more bytes (and a nul).
 */

int					/* O - 0 on success, -1 on ENOMEM */
pauditBufReserve(paudit_buf_t *buf,	/* I - Buffer */
                 size_t       more)	/* I - Bytes wanted */
{
  size_t	size;
  char		*data;


  if (buf->failed)
    return (-1);
  if (buf->data && more < buf->size - buf->len)
    return (0);

  if (more > SIZE_MAX / 2 - buf->len)
  {
    buf->failed = 1;
    return (-1);
  }

  for (size = buf->size ? buf->size : 1024; size <= buf->len + more; size *= 2);

  if ((data = realloc(buf->data, size)) == NULL)
  {
    buf->failed = 1;
    return (-1);
  }

  buf->data = data;
  buf->size = size;

  return (0);
}


/*
 * 'pauditBufAppend()' - Append bytes; the buffer stays nul-terminated.
 */

int					/* O - 0 on success, -1 on ENOMEM */
pauditBufAppend(paudit_buf_t *buf,	/* I - Buffer */
                const char   *s,	/* I - Bytes */
                size_t       len)	/* I - Length */
{
  if (len >= buf->size - buf->len && pauditBufReserve(buf, len))
    return (-1);

  memcpy(buf->data + buf->len, s, len);
  buf->len += len;
  buf->data[buf->len] = '\0';

  return (0);
}


/*
 * 'pauditBufPrintf()' - Append formatted text.
 */

int					/* O - 0 on success, -1 on error */
pauditBufPrintf(paudit_buf_t *buf,	/* I - Buffer */
                const char   *format,	/* I - printf format */
                ...)			/* I - Arguments */
{
  va_list	ap;
  int		n, tries;
  size_t	want = 64;


  // Format once into what is free; if that was too little, once more.
  for (tries = 0; tries < 2; tries ++)
  {
    if (pauditBufReserve(buf, want))
      return (-1);

    va_start(ap, format);
    n = vsnprintf(buf->data + buf->len, buf->size - buf->len, format, ap);
    va_end(ap);

    if (n < 0)
    {
      buf->failed = 1;
      return (-1);
    }
    if ((size_t)n < buf->size - buf->len)
      break;
    want = (size_t)n + 1;
  }

  if ((size_t)n >= buf->size - buf->len)
  {
    buf->failed = 1;
    return (-1);
  }
  buf->len += (size_t)n;

  return (0);
}


/*
 * 'pauditErrorClear()' - Reset an error.
 */

void
pauditErrorClear(paudit_error_t *error)	/* I - Error or NULL */
{
  if (error)
  {
    error->line    = 0;
    error->text[0] = '\0';
  }
}


/*
 * 'pauditErrorSet()' - Set an error unless one is already set.
 */

void
pauditErrorSet(paudit_error_t *error,	/* I - Error or NULL */
               int            line,	/* I - Line number or 0 */
               const char     *format,	/* I - printf format */
               ...)			/* I - Arguments */
{
  va_list	ap;


  if (!error || error->text[0])
    return;

  error->line = line;

  va_start(ap, format);
  vsnprintf(error->text, sizeof(error->text), format, ap);
  va_end(ap);
}


/*
 * 'pauditTruncatedAdd()' - Record that "prefix.name" (or "name") was cut.
 */

int					/* O - 0 on success, -1 on ENOMEM */
pauditTruncatedAdd(json_t     *truncated,/* I - Array or NULL */
                   const char *prefix,	/* I - "options", ... or NULL */
                   const char *name,	/* I - Key (valid UTF-8) */
                   size_t     namelen)	/* I - Length of key */
{
  paudit_buf_t	key = { NULL, 0, 0, 0 };
  int		status;


  if (!truncated)
    return (0);

  if ((prefix && (pauditBufAppend(&key, prefix, strlen(prefix)) ||
                  pauditBufAppend(&key, ".", 1))) ||
      pauditBufAppend(&key, name, namelen))
  {
    free(key.data);
    return (-1);
  }

  status = json_array_append_new(truncated, json_stringn_nocheck(key.data, key.len));
  free(key.data);

  return (status);
}


/*
 * 'pauditStringNew()' - A sanitized, length-limited JSON string.
 */

json_t *				/* O - New reference or NULL */
pauditStringNew(const char *s,		/* I - Bytes */
                size_t     len,		/* I - Length */
                const char *key,	/* I - "job.title", ... for truncated */
                json_t     *truncated)	/* I - Truncated array or NULL */
{
  char		*copy = NULL;
  size_t	copylen, keep;
  json_t	*value;


  if (!pauditUTF8Valid(s, len))
  {
    if ((copy = pauditUTF8New(s, len, &copylen)) == NULL)
      return (NULL);
    s   = copy;
    len = copylen;
  }

  if ((keep = pauditUTF8Prefix(s, len, PAUDIT_MAX_VALUE)) < len && key &&
      pauditTruncatedAdd(truncated, NULL, key, strlen(key)))
  {
    free(copy);
    return (NULL);
  }

  value = json_stringn_nocheck(s, keep);
  free(copy);

  return (value);
}


/*
 * 'pauditTimeUTC()' - Broken-down UTC time without the C library's locks
 *                     and time zone machinery (this runs on every job).
 *
 * Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
 */

int					/* O - 0 on success, -1 out of range */
pauditTimeUTC(time_t    t,		/* I - Seconds since the epoch */
              struct tm *tm)		/* O - Year, month, day, h, m, s */
{
  long long	days, secs, era, doe, yoe, doy, mp, year;


  days = (long long)t / 86400;
  secs = (long long)t % 86400;
  if (secs < 0)
  {
    secs += 86400;
    days --;
  }

  days += 719468;
  era   = (days >= 0 ? days : days - 146096) / 146097;
  doe   = days - era * 146097;
  yoe   = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy   = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp    = (5 * doy + 2) / 153;
  year  = yoe + era * 400 + (mp >= 10);

  if (year < 0 || year > 9999)
    return (-1);

  memset(tm, 0, sizeof(*tm));
  tm->tm_year = (int)year - 1900;
  tm->tm_mon  = (int)(mp < 10 ? mp + 2 : mp - 10);
  tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
  tm->tm_hour = (int)(secs / 3600);
  tm->tm_min  = (int)(secs / 60 % 60);
  tm->tm_sec  = (int)(secs % 60);

  return (0);
}
