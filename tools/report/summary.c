/*
 * --summary for printaudit-report: jobs and pages per user, printer,
 * application or day.
 *
 * A job's pages are job.impressions x job.copies when both are known; a
 * job missing either adds no pages and is counted in "unknown_pages"
 * instead, so the totals never guess.  Days are UTC days, as the record's
 * "time" is UTC.  Only one group per key is held, never the records.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct summary_group_s		/* Totals of one key */
{
  char		*key;			/* Key (owned), NULL for an unknown one */
  long long	jobs,			/* Jobs */
		pages,			/* Known pages */
		unknown;		/* Jobs with unknown pages */
  report_time_t	first,			/* Earliest time */
		last;			/* Latest time */
  char		*first_text,		/* Earliest "time" as written (owned) */
		*last_text;		/* Latest "time" as written (owned) */
} summary_group_t;

struct report_summary_s
{
  report_by_t		by;		/* What the key is */
  report_map_t		*groups;	/* Key -> group */
  summary_group_t	*none;		/* Group of records without the key */
};

static const char * const summary_names[] =
{					/* Names of report_by_t values */
  "user", "printer", "application", "day"
};


/*
 * 'summary_group_free()' - Free a group.
 */

static void
summary_group_free(void *value)		/* I - summary_group_t */
{
  summary_group_t	*group = (summary_group_t *)value;


  if (group)
  {
    free(group->key);
    free(group->first_text);
    free(group->last_text);
    free(group);
  }
}


/*
 * 'reportSummaryBy()' - Parse a --summary argument.
 */

int					/* O - 0 on success, -1 if unknown */
reportSummaryBy(const char  *name,	/* I - "user", "printer", ... */
                report_by_t *by)	/* O - Key */
{
  size_t	i;


  for (i = 0; i < sizeof(summary_names) / sizeof(summary_names[0]); i ++)
  {
    if (!strcmp(name, summary_names[i]))
    {
      *by = (report_by_t)i;
      return (0);
    }
  }

  return (-1);
}


/*
 * 'reportSummaryNew()' - Create an empty summary.
 */

report_summary_t *			/* O - Summary; free with reportSummaryDelete() */
reportSummaryNew(report_by_t by)	/* I - Key */
{
  report_summary_t	*summary = calloc(1, sizeof(report_summary_t));


  if (!summary)
    return (NULL);

  summary->by = by;
  if ((summary->groups = reportMapNew()) == NULL)
  {
    free(summary);
    return (NULL);
  }

  return (summary);
}


/*
 * 'reportSummaryDelete()' - Free a summary.
 */

void
reportSummaryDelete(report_summary_t *summary)/* I - Summary or NULL */
{
  if (summary)
  {
    reportMapDelete(summary->groups, summary_group_free);
    summary_group_free(summary->none);
    free(summary);
  }
}


/*
 * 'summary_day()' - The UTC date "YYYY-MM-DD" of a time.
 */

static void
summary_day(const report_time_t *t,	/* I - Time */
            char                day[32])/* O - Date */
{
  long long	z = (t->sec >= 0 ? t->sec : t->sec - 86399) / 86400 + 719468,
		era = (z >= 0 ? z : z - 146096) / 146097,
		doe = z - era * 146097,
		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365,
		doy = doe - (365 * yoe + yoe / 4 - yoe / 100),
		mp = (5 * doy + 2) / 153,
		d = doy - (153 * mp + 2) / 5 + 1,
		m = mp < 10 ? mp + 3 : mp - 9,
		y = yoe + era * 400 + (m <= 2);


  snprintf(day, 32, "%04lld-%02d-%02d", y, (int)m, (int)d);
}


/*
 * 'summary_key()' - The key of a record, or NULL when it has none.
 */

static const char *
summary_key(const report_summary_t *summary,/* I - Summary */
            const report_record_t  *rec,/* I - Record */
            char                   day[32])/* O - Buffer for a day */
{
  switch (summary->by)
  {
    case REPORT_BY_USER :
        return (rec->user);
    case REPORT_BY_PRINTER :
        return (rec->printer);
    case REPORT_BY_APPLICATION :
        return (rec->application);
    case REPORT_BY_DAY :
        summary_day(&rec->time, day);
        return (day);
  }

  return (NULL);
}


/*
 * 'summary_group()' - The group of a key, new if needed.
 */

static summary_group_t *		/* O - Group or NULL on ENOMEM */
summary_group(report_summary_t *summary,/* I - Summary */
              const char       *key)	/* I - Key or NULL */
{
  summary_group_t	*group = key ? reportMapGet(summary->groups, key) : summary->none;


  if (group)
    return (group);

  if ((group = calloc(1, sizeof(summary_group_t))) == NULL ||
      (key && (group->key = strdup(key)) == NULL) ||
      (key && reportMapAdd(summary->groups, key, group)))
  {
    summary_group_free(group);
    return (NULL);
  }

  if (!key)
    summary->none = group;

  return (group);
}


/*
 * 'summary_text()' - Replace a kept time text.
 *
 * Records come mostly in time order, so the latest time changes with
 * almost every record: the old copy is reused when the new text fits.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
summary_text(char       **kept,		/* IO - Kept copy or NULL */
             const char *s)		/* I - New text */
{
  size_t	len = strlen(s);
  char		*text;


  if (*kept && strlen(*kept) >= len)
  {
    memcpy(*kept, s, len + 1);
    return (0);
  }

  if ((text = strdup(s)) == NULL)
    return (-1);
  free(*kept);
  *kept = text;

  return (0);
}


/*
 * 'summary_time()' - Keep the earliest and latest time.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
summary_time(summary_group_t       *group,/* I - Group */
             const report_record_t *rec)/* I - Record */
{
  if (!group->first_text || reportTimeCompare(&rec->time, &group->first) < 0)
  {
    if (summary_text(&group->first_text, rec->time_text))
      return (-1);
    group->first = rec->time;
  }

  if (!group->last_text || reportTimeCompare(&rec->time, &group->last) > 0)
  {
    if (summary_text(&group->last_text, rec->time_text))
      return (-1);
    group->last = rec->time;
  }

  return (0);
}


/*
 * 'reportSummaryAdd()' - Count one record.
 */

int					/* O - 0 on success, -1 on ENOMEM */
reportSummaryAdd(report_summary_t      *summary,/* I - Summary */
                 const report_record_t *rec)/* I - Record */
{
  char			day[32];
  summary_group_t	*group;
  long long		pages;


  if ((group = summary_group(summary, summary_key(summary, rec, day))) == NULL ||
      summary_time(group, rec))
    return (-1);

  group->jobs ++;

  // Pages as the job's row has them: counted by cupsd (job.end), else
  // declared (impressions x copies).
  if ((pages = rec->pages) < 0)
    group->unknown ++;
  else if (__builtin_add_overflow(group->pages, pages, &group->pages))
    group->pages = LLONG_MAX;

  return (0);
}


/*
 * 'summary_compare()' - Order: pages descending, then key (unknown last).
 */

static int
summary_compare(const void *a,		/* I - First group */
                const void *b)		/* I - Second group */
{
  const summary_group_t	*ga = *(const summary_group_t * const *)a,
			*gb = *(const summary_group_t * const *)b;


  if (ga->pages != gb->pages)
    return (ga->pages > gb->pages ? -1 : 1);
  if (!ga->key || !gb->key)
    return (!ga->key - !gb->key);

  return (strcmp(ga->key, gb->key));
}


/*
 * 'summary_sorted()' - Every group, sorted.
 */

static summary_group_t **		/* O - New array (free() it) or NULL */
summary_sorted(report_summary_t *summary,/* I - Summary */
               size_t           *count)	/* O - Groups */
{
  summary_group_t	**groups;
  size_t		n = reportMapCount(summary->groups);


  if ((groups = calloc(n + 1, sizeof(summary_group_t *))) == NULL)
    return (NULL);

  if (n)
  {
    void **values = reportMapValues(summary->groups);

    if (!values)
    {
      free(groups);
      return (NULL);
    }
    memcpy(groups, values, n * sizeof(summary_group_t *));
    free(values);
  }

  if (summary->none)
    groups[n ++] = summary->none;

  qsort(groups, n, sizeof(summary_group_t *), summary_compare);
  *count = n;

  return (groups);
}


/*
 * 'summary_write_csv()' - One group as a CSV row.
 */

static void
summary_write_csv(FILE                  *fp,/* I - Output */
                  const summary_group_t *group)/* I - Group */
{
  if (group->key)
    reportCSVField(fp, group->key, strlen(group->key));
  fprintf(fp, ",%lld,%lld,%lld,", group->jobs, group->pages, group->unknown);
  reportCSVField(fp, group->first_text, strlen(group->first_text));
  putc(',', fp);
  reportCSVField(fp, group->last_text, strlen(group->last_text));
  fputs("\r\n", fp);
}


/*
 * 'summary_write_json()' - One group as a JSON line.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
summary_write_json(FILE                  *fp,/* I - Output */
                   const char            *name,/* I - Key name */
                   const summary_group_t *group)/* I - Group */
{
  json_t	*object = json_object();
  char		*text = NULL;
  size_t	len;


  if (!object ||
      json_object_set_new(object, name, group->key ? json_string(group->key) : json_null()) ||
      json_object_set_new(object, "jobs", json_integer(group->jobs)) ||
      json_object_set_new(object, "pages", json_integer(group->pages)) ||
      json_object_set_new(object, "unknown_pages", json_integer(group->unknown)) ||
      json_object_set_new(object, "first", json_string(group->first_text)) ||
      json_object_set_new(object, "last", json_string(group->last_text)) ||
      (text = pauditJSONNew(object, &len)) == NULL)
  {
    json_decref(object);
    return (-1);
  }

  fwrite(text, 1, len, fp);
  putc('\n', fp);
  free(text);
  json_decref(object);

  return (0);
}


/*
 * 'summary_width()' - Widen a column to fit a cell.
 */

static void
summary_width(int        *width,	/* IO - Column width */
              const char *cell)		/* I - Cell or NULL ("-") */
{
  int	w = reportTableColumns(cell ? cell : "-");


  if (w > *width)
    *width = w;
}


/*
 * 'summary_write_table()' - Every group as an aligned table.
 *
 * The widths come from the data: the summary is in memory anyway.
 */

static void
summary_write_table(FILE            *fp,/* I - Output */
                    const char      *name,/* I - Key name */
                    summary_group_t **groups,/* I - Sorted groups */
                    size_t          count)/* I - Number of groups */
{
  static const char * const headers[] =
  { "", "JOBS", "PAGES", "UNKNOWN_PAGES", "FIRST", "LAST" };
  char		cells[6][64], header[32];
  int		widths[6], right[6] = { 0, 1, 1, 1, 0, 0 };
  size_t	i, j;


  for (j = 0; j < sizeof(header) - 1 && name[j]; j ++)
    header[j] = (char)(name[j] >= 'a' && name[j] <= 'z' ? name[j] - 'a' + 'A' : name[j]);
  header[j] = '\0';

  for (j = 0; j < 6; j ++)
    widths[j] = reportTableColumns(j ? headers[j] : header);

  for (i = 0; i < count; i ++)
  {
    summary_width(widths, groups[i]->key);
    snprintf(cells[1], sizeof(cells[1]), "%lld", groups[i]->jobs);
    snprintf(cells[2], sizeof(cells[2]), "%lld", groups[i]->pages);
    snprintf(cells[3], sizeof(cells[3]), "%lld", groups[i]->unknown);
    for (j = 1; j < 4; j ++)
      summary_width(widths + j, cells[j]);
    summary_width(widths + 4, groups[i]->first_text);
  }
  if (widths[0] > 40)
    widths[0] = 40;			// Longer keys are cut: use --csv
  widths[5] = 0;			// The last column is not padded

  for (j = 0; j < 6; j ++)
  {
    fputs(j ? "  " : "", fp);
    reportTableCell(fp, j ? headers[j] : header, widths[j], right[j]);
  }
  putc('\n', fp);

  for (i = 0; i < count; i ++)
  {
    snprintf(cells[1], sizeof(cells[1]), "%lld", groups[i]->jobs);
    snprintf(cells[2], sizeof(cells[2]), "%lld", groups[i]->pages);
    snprintf(cells[3], sizeof(cells[3]), "%lld", groups[i]->unknown);

    reportTableCell(fp, groups[i]->key, widths[0], 0);
    for (j = 1; j < 4; j ++)
    {
      fputs("  ", fp);
      reportTableCell(fp, cells[j], widths[j], 1);
    }
    fputs("  ", fp);
    reportTableCell(fp, groups[i]->first_text, widths[4], 0);
    fputs("  ", fp);
    reportTableCell(fp, groups[i]->last_text, 0, 0);
    putc('\n', fp);
  }
}


/*
 * 'reportSummaryWrite()' - Write the totals.
 */

int					/* O - 0 on success, -1 on ENOMEM */
reportSummaryWrite(report_summary_t *summary,/* I - Summary */
                   FILE             *fp,/* I - Output */
                   report_format_t  format)/* I - Format */
{
  const char		*name = summary_names[summary->by];
  summary_group_t	**groups;
  size_t		count = 0, i;
  int			status = 0;


  if ((groups = summary_sorted(summary, &count)) == NULL)
    return (-1);

  if (format == REPORT_FORMAT_TABLE)
    summary_write_table(fp, name, groups, count);
  else if (format == REPORT_FORMAT_CSV)
  {
    fprintf(fp, "%s,jobs,pages,unknown_pages,first,last\r\n", name);
    for (i = 0; i < count; i ++)
      summary_write_csv(fp, groups[i]);
  }
  else
  {
    for (i = 0; i < count && !status; i ++)
      status = summary_write_json(fp, name, groups[i]);
  }

  free(groups);

  return (status);
}


/*
 * 'reportSummaryTotals()' - Every line of a summary, for other writers.
 */

report_total_t *			/* O - New array (free() it) or NULL on ENOMEM */
reportSummaryTotals(report_summary_t *summary,/* I - Summary */
                    size_t           *count)/* O - Lines */
{
  summary_group_t	**groups;
  report_total_t	*totals;
  size_t		i;


  if ((groups = summary_sorted(summary, count)) == NULL)
    return (NULL);

  if ((totals = calloc(*count + 1, sizeof(report_total_t))) != NULL)
  {
    for (i = 0; i < *count; i ++)
    {
      totals[i].key     = groups[i]->key;
      totals[i].jobs    = groups[i]->jobs;
      totals[i].pages   = groups[i]->pages;
      totals[i].unknown = groups[i]->unknown;
      totals[i].first   = groups[i]->first_text;
      totals[i].last    = groups[i]->last_text;
    }
  }

  free(groups);

  return (totals);
}
