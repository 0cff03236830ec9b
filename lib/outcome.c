/*
 * The outcome record ("job.end") of schema "printaudit/1".
 *
 * The notifier (notifier/printaudit-notify.c) collects what cupsd says
 * about a job that ended; this file turns it into a record with the same
 * envelope, sanitizing and size rules as the job.start record, so the
 * same sinks and splitting apply.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <string.h>


/*
 * 'out_string()' - A sanitized string value, or null for NULL.
 */

static json_t *
out_string(const char *s,		/* I - String or NULL */
           const char *key,		/* I - Record key for truncated */
           json_t     *truncated)	/* I - Truncated array */
{
  return (s ? pauditStringNew(s, strlen(s), key, truncated) : json_null());
}


/*
 * 'out_count()' - A count, or null when negative (unknown).
 */

static json_t *
out_count(long long n)			/* I - Count or -1 */
{
  return (n < 0 ? json_null() : json_integer((json_int_t)n));
}


/*
 * 'out_time()' - RFC 3339 of seconds since the epoch, null when <= 0.
 */

static json_t *
out_time(time_t t)			/* I - Seconds or 0 */
{
  return (t <= 0 ? json_null() : pauditRFC3339New(t, -1));
}


/*
 * 'out_set()' - Steal value into object[key]; NULL value is a failure.
 */

static int				/* O - 0 on success */
out_set(json_t     *object,		/* I - Object */
        const char *key,		/* I - Key */
        json_t     *value)		/* I - Value, stolen */
{
  return (!value || json_object_set_new_nocheck(object, key, value));
}


/*
 * 'pauditOutcomeStateName()' - The job.state name of an IPP job-state.
 */

const char *				/* O - "completed", ... or NULL */
pauditOutcomeStateName(int ipp_state)	/* I - IPP job-state enum */
{
  switch (ipp_state)
  {
    case 7 :
        return ("canceled");
    case 8 :
        return ("aborted");
    case 9 :
        return ("completed");
    default :
        return (NULL);
  }
}


/*
 * 'pauditOutcomeNew()' - Build the job.end record of a job.
 */

json_t *				/* O - New record or NULL */
pauditOutcomeNew(const paudit_outcome_t *outcome,/* I - What cupsd said */
                 paudit_error_t         *error)	/* O - Error */
{
  json_t	*record = NULL, *truncated = NULL, *o;
  const char	*state;


  if (!outcome || (state = pauditOutcomeStateName(outcome->state)) == NULL)
  {
    pauditErrorSet(error, 0, "Not a job state that ends a job");
    return (NULL);
  }

  if ((truncated = json_array()) == NULL || (record = json_object()) == NULL)
    goto nomem;

  if (out_set(record, "schema", json_string_nocheck(PAUDIT_SCHEMA)) ||
      out_set(record, "event", (o = json_object())) ||
      out_set(o, "action", json_string_nocheck("job.end")) ||
      out_set(o, "id", json_string_nocheck(outcome->event_id)) ||
      out_set(record, "time", pauditRFC3339New(outcome->now.tv_sec, outcome->now.tv_nsec / 1000000)) ||
      out_set(record, "host", (o = json_object())) ||
      out_set(o, "name", out_string(outcome->hostname, "host.name", truncated)) ||
      out_set(record, "job", (o = json_object())) ||
      out_set(o, "id", json_integer(outcome->job_id)) ||
      out_set(o, "uuid", out_string(outcome->uuid, "job.uuid", truncated)) ||
      out_set(o, "state", json_string_nocheck(state)) ||
      out_set(o, "impressions_completed", out_count(outcome->impressions)) ||
      out_set(o, "media_sheets_completed", out_count(outcome->media_sheets)) ||
      out_set(o, "processing", out_time(outcome->processing)) ||
      out_set(o, "completed", out_time(outcome->completed)) ||
      out_set(o, "user", out_string(outcome->user, "job.user", truncated)) ||
      out_set(o, "title", out_string(outcome->title, "job.title", truncated)) ||
      out_set(record, "printer", (o = json_object())) ||
      out_set(o, "name", out_string(outcome->printer, "printer.name", truncated)))
    goto nomem;

  if (json_array_size(truncated) && json_object_set_nocheck(record, "truncated", truncated))
    goto nomem;

  json_decref(truncated);

  return (record);

nomem:
  json_decref(record);
  json_decref(truncated);
  pauditErrorSet(error, 0, "Out of memory");

  return (NULL);
}
