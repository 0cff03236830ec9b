/*
 * Joining a job's job.start and job.end records for printaudit-report.
 *
 * The shim writes a job.start for every backend run (a retried job has
 * several); the notifier writes one job.end when the job ends; a job
 * canceled before any backend ran has only a job.end.  Records are joined
 * on host.name, job.id and job.uuid into one row per job.  A job waits
 * here until its job.end is read after a job.start (the usual order in
 * one log), or until it is the oldest of too many waiting jobs, or until
 * the end of input: memory stays bounded by max_jobs and max_bytes
 * whatever the input.  Only the fields a row shows are kept, copied.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct jobs_entry_s		/* One waiting job */
{
  report_record_t	start,		/* First job.start (if have_start) */
			end;		/* Its job.end (if have_end) */
  char			*start_blob,	/* Strings of start */
			*end_blob;	/* Strings of end */
  int			have_start,	/* A job.start was read */
			have_end;	/* A job.end was read */
  long long		starts;		/* job.start records read */
  size_t		bytes;		/* Bytes held */
} jobs_entry_t;

struct report_jobs_s			/* Waiting jobs */
{
  report_map_t		*map;		/* Key to jobs_entry_t, oldest first */
  size_t		max_jobs,	/* Most waiting jobs */
			max_bytes,	/* Most bytes held */
			bytes;		/* Bytes held */
  report_row_cb_t	cb;		/* Row callback */
  void			*data;		/* Its data */
  long long		evicted,	/* Jobs written early */
			ends,		/* job.end records read */
			seq;		/* Records that cannot be joined */
};

static const size_t jobs_strings[] =	/* String fields of a record */
{
  offsetof(report_record_t, time_text),
  offsetof(report_record_t, user),
  offsetof(report_record_t, title),
  offsetof(report_record_t, document),
  offsetof(report_record_t, printer),
  offsetof(report_record_t, host),
  offsetof(report_record_t, application),
  offsetof(report_record_t, color),
  offsetof(report_record_t, sides),
  offsetof(report_record_t, action),
  offsetof(report_record_t, hostname),
  offsetof(report_record_t, uuid),
  offsetof(report_record_t, billing),
  offsetof(report_record_t, outcome),
  offsetof(report_record_t, info),
  offsetof(report_record_t, location)
};

#define JOBS_NSTRINGS (sizeof(jobs_strings) / sizeof(jobs_strings[0]))


/*
 * 'jobs_string()' - A string field of a record.
 */

static const char **
jobs_string(report_record_t *rec,	/* I - Record */
            size_t          i)		/* I - Field index */
{
  return ((const char **)(void *)((char *)rec + jobs_strings[i]));
}


/*
 * 'jobs_copy()' - Copy a record's fields; the strings go in one block.
 */

static int				/* O - 0, or -1 on ENOMEM */
jobs_copy(report_record_t       *dst,	/* O - Copy */
          char                  **blob,	/* O - Its strings (free()) */
          size_t                *bytes,	/* IO - Bytes held */
          const report_record_t *src)	/* I - Record */
{
  size_t	i, total = 0, len;
  char		*p;
  const char	**s;


  *dst = *src;
  dst->json = NULL;
  dst->text = NULL;
  dst->len  = 0;

  for (i = 0; i < JOBS_NSTRINGS; i ++)
    if (*(s = jobs_string(dst, i)) != NULL)
      total += strlen(*s) + 1;

  if ((p = *blob = malloc(total ? total : 1)) == NULL)
    return (-1);

  for (i = 0; i < JOBS_NSTRINGS; i ++)
  {
    if (*(s = jobs_string(dst, i)) == NULL)
      continue;
    // "counted"/"declared" are static; every other string is copied.
    len = strlen(*s) + 1;
    memcpy(p, *s, len);
    *s = p;
    p += len;
  }

  *bytes += total;			// The record itself is in the entry

  return (0);
}


/*
 * 'jobs_free()' - Free a waiting job.
 */

static void
jobs_free(void *value)			/* I - jobs_entry_t */
{
  jobs_entry_t	*entry = (jobs_entry_t *)value;


  if (entry)
  {
    free(entry->start_blob);
    free(entry->end_blob);
    free(entry);
  }
}


/*
 * 'jobs_emit()' - Write a job's row and free it.
 */

static int				/* O - Callback's status */
jobs_emit(report_jobs_t *jobs,		/* I - Joiner */
          jobs_entry_t  *entry)		/* I - Job, no longer in the map */
{
  report_record_t	row;
  int			status;


  row = entry->have_start ? entry->start : entry->end;

  if (entry->have_start && entry->have_end)
  {
    row.action  = "job.end";
    row.outcome = entry->end.outcome;
    if (entry->end.pages >= 0)
    {
      row.pages        = entry->end.pages;
      row.pages_source = "counted";
    }
  }

  row.starts    = entry->starts;
  row.has_start = entry->have_start;

  jobs->bytes -= entry->bytes < jobs->bytes ? entry->bytes : jobs->bytes;
  status       = (jobs->cb)(&row, jobs->data);
  jobs_free(entry);

  return (status);
}


/*
 * 'reportJobsNew()' - Make a joiner.
 */

report_jobs_t *				/* O - Joiner or NULL */
reportJobsNew(size_t          max_jobs,	/* I - Most waiting jobs */
              size_t          max_bytes,/* I - Most bytes held */
              report_row_cb_t cb,	/* I - Row callback */
              void            *data)	/* I - Its data */
{
  report_jobs_t	*jobs = calloc(1, sizeof(report_jobs_t));


  if (!jobs)
    return (NULL);

  if ((jobs->map = reportMapNew()) == NULL)
  {
    free(jobs);
    return (NULL);
  }

  jobs->max_jobs  = max_jobs ? max_jobs : 1;
  jobs->max_bytes = max_bytes;
  jobs->cb        = cb;
  jobs->data      = data;

  return (jobs);
}


/*
 * 'reportJobsDelete()' - Free a joiner and its waiting jobs (not written).
 */

void
reportJobsDelete(report_jobs_t *jobs)	/* I - Joiner */
{
  if (jobs)
  {
    reportMapDelete(jobs->map, jobs_free);
    free(jobs);
  }
}


/*
 * 'reportJobsAdd()' - Add one record.
 */

int					/* O - 0, or -1 */
reportJobsAdd(report_jobs_t         *jobs,/* I - Joiner */
              const report_record_t *rec)/* I - Record */
{
  jobs_entry_t	*entry;
  char		*key;
  const char	*first;
  size_t	size;
  int		is_end = rec->action && !strcmp(rec->action, "job.end"),
		status = 0;


  // The key: host, job id and uuid.  A record with neither id nor uuid
  // cannot be joined: it waits alone, so that rows keep the input order.
  size = (rec->hostname ? strlen(rec->hostname) : 0) + (rec->uuid ? strlen(rec->uuid) : 0) + 64;
  if ((key = malloc(size)) == NULL)
    return (-1);

  if (rec->job_id < 0 && !rec->uuid)
    snprintf(key, size, "\001%lld", jobs->seq ++);
  else
    snprintf(key, size, "%s\037%lld\037%s", rec->hostname ? rec->hostname : "",
             rec->job_id, rec->uuid ? rec->uuid : "");

  if ((entry = reportMapGet(jobs->map, key)) == NULL)
  {
    if ((entry = calloc(1, sizeof(jobs_entry_t))) == NULL)
    {
      free(key);
      return (-1);
    }
    if (reportMapAdd(jobs->map, key, entry))
    {
      free(entry);
      free(key);
      return (-1);
    }
    entry->bytes = sizeof(jobs_entry_t) + strlen(key) + 64;
    jobs->bytes += entry->bytes;
  }

  if (is_end)
    jobs->ends ++;

  if (is_end && !entry->have_end)
  {
    size = entry->bytes;
    if (jobs_copy(&entry->end, &entry->end_blob, &entry->bytes, rec))
      status = -1;
    else
    {
      entry->have_end = 1;
      jobs->bytes    += entry->bytes - size;
      if (entry->have_start)
      {
        // The job is over: nothing more of it will follow its job.end.
        status = jobs_emit(jobs, reportMapRemove(jobs->map, key));
      }
    }
  }
  else if (!is_end && entry->have_start)
    entry->starts ++;			// A retry: the first job.start is shown
  else if (!is_end)
  {
    size = entry->bytes;
    if (jobs_copy(&entry->start, &entry->start_blob, &entry->bytes, rec))
      status = -1;
    else
    {
      entry->have_start = 1;
      entry->starts     = 1;
      jobs->bytes      += entry->bytes - size;
    }
  }
  // else a second job.end for the job: the first is kept.

  free(key);

  while (!status && reportMapCount(jobs->map) > 0 &&
         (reportMapCount(jobs->map) > jobs->max_jobs || jobs->bytes > jobs->max_bytes))
  {
    // Too many waiting: the oldest is written as it is.
    if (reportMapFirst(jobs->map, &first) == NULL)
      break;
    jobs->evicted ++;
    status = jobs_emit(jobs, reportMapRemove(jobs->map, first));
  }

  return (status);
}


/*
 * 'reportJobsFlush()' - Write every waiting job, oldest first.
 */

int					/* O - 0, or -1 */
reportJobsFlush(report_jobs_t *jobs)	/* I - Joiner */
{
  const char	*first;
  int		status = 0;


  while (reportMapCount(jobs->map) > 0 && reportMapFirst(jobs->map, &first))
    if (jobs_emit(jobs, reportMapRemove(jobs->map, first)))
      status = -1;

  jobs->bytes = 0;

  return (status);
}


/*
 * 'reportJobsEvicted()' - Jobs written early.
 */

long long				/* O - Count */
reportJobsEvicted(const report_jobs_t *jobs)/* I - Joiner */
{
  // Input without any job.end (no notifier) has nothing to wait for.
  return (jobs->ends ? jobs->evicted : 0);
}


/*
 * 'reportJobsPendingBytes()' - Bytes held.
 */

size_t					/* O - Bytes */
reportJobsPendingBytes(const report_jobs_t *jobs)/* I - Joiner */
{
  return (jobs->bytes);
}
