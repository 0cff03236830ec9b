/*
 * --html for printaudit-report: one self-contained page of totals,
 * charts and tables.
 *
 * The page needs nothing from elsewhere: no fonts, scripts, style sheets
 * or images are loaded (its charts are inline SVG drawn here), and it
 * carries its own Content-Security-Policy, so a browser enforces that it
 * loads nothing.  It reads without JavaScript (every table is written in
 * a sensible order); a small inline script only makes the tables
 * sortable.  It prints (a print style sheet).
 *
 * Every value that came from a record or the input (user names, titles,
 * printer names and info, applications, file names, error messages) goes
 * through html_text(): markup characters become entities and control
 * characters are shown escaped as the table shows them ("\n", "\x1b",
 * "\u0085", "\u2028"), in HTML and SVG text alike.  No value is ever
 * written into a URL, a script or a style.
 *
 * Memory is bounded by the number of distinct users, printers,
 * applications and days (the summaries of summary.c, one per key), plus
 * the REPORT_HTML_LATEST latest jobs and REPORT_HTML_MAX_SKIPS skipped
 * lines: never by the number of records.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HTML_CSP	"default-src 'none'; style-src 'unsafe-inline'; " \
			"script-src 'unsafe-inline'; img-src data:"
					/* The page's Content-Security-Policy */
#define HTML_TOP	10		/* Bars in a "top" chart */
#define HTML_MAX_SPAN	1000		/* Most days drawn as a continuous axis */
#define HTML_LABEL	28		/* Characters of a chart label */

enum					/* Summaries kept */
{
  HTML_USER, HTML_PRINTER, HTML_APPLICATION, HTML_DAY, HTML_NBY
};

enum					/* Job cells, as the CSV's columns */
{
  HTML_C_TIME, HTML_C_USER, HTML_C_DOCUMENT, HTML_C_PRINTER, HTML_C_ADDRESS,
  HTML_C_APPLICATION, HTML_C_COLOR, HTML_C_SIDES, HTML_C_OUTCOME, HTML_NCELLS
};

typedef struct html_job_s		/* One of the latest jobs */
{
  report_time_t	time;			/* Its time */
  long long	seq,			/* Order read (later wins a tie) */
		pages,			/* The job's pages (counted or declared) or -1 */
		copies;			/* job.copies or -1 */
  char		*cells[HTML_NCELLS];	/* Strings or NULL, in one allocation */
} html_job_t;

typedef struct html_printer_s		/* What the latest record says of a printer */
{
  char		*info,			/* printer.info (owned) or NULL */
		*location,		/* printer.location (owned) or NULL */
		*address;		/* host:port (owned) or NULL */
} html_printer_t;

typedef struct html_skip_s		/* One skipped line */
{
  char		*file;			/* File name, valid UTF-8 (owned) */
  long long	line;			/* Line number */
  char		*why;			/* Problem, valid UTF-8 (owned) */
} html_skip_t;

typedef struct html_split_s		/* A split of jobs and pages (colour, sides) */
{
  long long	jobs[4],		/* Jobs per class */
		pages[4];		/* Known pages per class */
} html_split_t;

struct report_html_s
{
  report_summary_t	*by[HTML_NBY];	/* Totals per user, printer, ... */
  report_map_t		*printers;	/* printer.name -> html_printer_t */
  long long		jobs,		/* Jobs */
			pages,		/* Known pages */
			unknown,	/* Jobs with unknown pages */
			seq,		/* Records counted */
			heat[7][24],	/* Pages per weekday (Monday 0) and hour */
			heat_jobs[7][24],/* Jobs per weekday and hour */
			ends[4],	/* job.end: completed, canceled, aborted, other */
			nends,		/* job.end records */
			nskipped;	/* Skipped lines */
  html_split_t		color,		/* color, monochrome, unknown */
			sides;		/* one-sided, long edge, short edge, unknown */
  html_job_t		latest[REPORT_HTML_LATEST];
					/* Min-heap of the latest jobs */
  size_t		nlatest;	/* Jobs in it */
  html_skip_t		skips[REPORT_HTML_MAX_SKIPS];
					/* The first skipped lines */
  size_t		nskips;		/* Lines in it */
};

static const char * const html_colors[] =
{					/* Chart colours, distinct in grey too */
  "#2b6cb0", "#dd6b20", "#38a169", "#a0aec0"
};

static const char * const html_days[] =
{ "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };


/*
 * 'html_printer_free()' - Free a printer's details.
 */

static void
html_printer_free(void *value)		/* I - html_printer_t */
{
  html_printer_t	*p = (html_printer_t *)value;


  if (p)
  {
    free(p->info);
    free(p->location);
    free(p->address);
    free(p);
  }
}


/*
 * 'reportHTMLNew()' - Create an empty HTML report.
 */

report_html_t *				/* O - Report; free with reportHTMLDelete() */
reportHTMLNew(void)
{
  report_html_t	*html = calloc(1, sizeof(report_html_t));
  int		i;


  if (!html)
    return (NULL);

  for (i = 0; i < HTML_NBY; i ++)
  {
    if ((html->by[i] = reportSummaryNew((report_by_t)(REPORT_BY_USER + i))) == NULL)
    {
      reportHTMLDelete(html);
      return (NULL);
    }
  }

  if ((html->printers = reportMapNew()) == NULL)
  {
    reportHTMLDelete(html);
    return (NULL);
  }

  return (html);
}


/*
 * 'reportHTMLDelete()' - Free an HTML report.
 */

void
reportHTMLDelete(report_html_t *html)	/* I - Report or NULL */
{
  size_t	i;


  if (!html)
    return;

  for (i = 0; i < HTML_NBY; i ++)
    reportSummaryDelete(html->by[i]);
  reportMapDelete(html->printers, html_printer_free);
  for (i = 0; i < html->nlatest; i ++)
    free(html->latest[i].cells[0]);
  for (i = 0; i < html->nskips; i ++)
  {
    free(html->skips[i].file);
    free(html->skips[i].why);
  }
  free(html);
}


/*
 * 'html_set()' - Keep a copy of a string when it changed.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
html_set(char       **value,		/* IO - Kept copy */
         const char *s)			/* I - New value or NULL */
{
  char	*copy = NULL;


  if ((!s && !*value) || (s && *value && !strcmp(s, *value)))
    return (0);

  if (s && (copy = strdup(s)) == NULL)
    return (-1);

  free(*value);
  *value = copy;

  return (0);
}


/*
 * 'html_printer()' - Keep what the latest record says of its printer.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
html_printer(report_html_t         *html,/* I - Report */
             const report_record_t *rec)/* I - Record */
{
  html_printer_t	*p;
  char			address[PAUDIT_MAX_VALUE + 32];


  if (!rec->printer)
    return (0);

  if ((p = reportMapGet(html->printers, rec->printer)) == NULL)
  {
    if ((p = calloc(1, sizeof(html_printer_t))) == NULL)
      return (-1);
    if (reportMapAdd(html->printers, rec->printer, p))
    {
      free(p);
      return (-1);
    }
  }

  return (html_set(&p->info, rec->info) ||
          html_set(&p->location, rec->location) ||
          html_set(&p->address, reportAddress(rec, address, sizeof(address))) ? -1 : 0);
}


/*
 * 'html_job_later()' - Whether job a is later than job b.
 */

static int
html_job_later(const html_job_t *a,	/* I - First job */
               const html_job_t *b)	/* I - Second job */
{
  int	cmp = reportTimeCompare(&a->time, &b->time);


  return (cmp > 0 || (cmp == 0 && a->seq > b->seq));
}


/*
 * 'html_heap_down()' - Restore the min-heap from slot i down.
 */

static void
html_heap_down(html_job_t *heap,	/* I - Heap */
               size_t     n,		/* I - Jobs in it */
               size_t     i)		/* I - Slot */
{
  html_job_t	tmp;
  size_t	child;


  while ((child = 2 * i + 1) < n)
  {
    if (child + 1 < n && html_job_later(heap + child, heap + child + 1))
      child ++;
    if (!html_job_later(heap + i, heap + child))
      break;
    tmp         = heap[i];
    heap[i]     = heap[child];
    heap[child] = tmp;
    i           = child;
  }
}


/*
 * 'html_latest()' - Keep a record if it is among the latest jobs.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
html_latest(report_html_t         *html,/* I - Report */
            const report_record_t *rec)	/* I - Record */
{
  html_job_t	job, tmp;
  const char	*cells[HTML_NCELLS];
  char		address[PAUDIT_MAX_VALUE + 32], *p;
  size_t	i, len[HTML_NCELLS], total = 0;


  job.time        = rec->time;
  job.seq         = html->seq;
  job.pages       = rec->pages;
  job.copies      = rec->copies;

  if (html->nlatest == REPORT_HTML_LATEST && !html_job_later(&job, html->latest))
    return (0);

  cells[HTML_C_TIME]        = rec->time_text;
  cells[HTML_C_USER]        = rec->user;
  cells[HTML_C_DOCUMENT]    = rec->document;
  cells[HTML_C_PRINTER]     = rec->printer;
  cells[HTML_C_ADDRESS]     = reportAddress(rec, address, sizeof(address));
  cells[HTML_C_APPLICATION] = rec->application;
  cells[HTML_C_COLOR]       = rec->color;
  cells[HTML_C_SIDES]       = rec->sides;
  cells[HTML_C_OUTCOME]     = rec->outcome;

  for (i = 0; i < HTML_NCELLS; i ++)
  {
    len[i] = cells[i] ? strlen(cells[i]) + 1 : 0;
    total += len[i];
  }

  // One allocation holds every string; cells[0] (the time) owns it.
  if ((p = malloc(total)) == NULL)
    return (-1);

  for (i = 0; i < HTML_NCELLS; i ++)
  {
    job.cells[i] = cells[i] ? memcpy(p, cells[i], len[i]) : NULL;
    p += len[i];
  }

  if (html->nlatest < REPORT_HTML_LATEST)
  {
    // Sift up.
    size_t n = html->nlatest ++;

    html->latest[n] = job;
    while (n > 0 && html_job_later(html->latest + (n - 1) / 2, html->latest + n))
    {
      tmp                           = html->latest[n];
      html->latest[n]               = html->latest[(n - 1) / 2];
      html->latest[(n - 1) / 2]     = tmp;
      n                             = (n - 1) / 2;
    }
  }
  else
  {
    free(html->latest[0].cells[0]);
    html->latest[0] = job;
    html_heap_down(html->latest, html->nlatest, 0);
  }

  return (0);
}


/*
 * 'html_class()' - Index of a value in a list, or the last index.
 */

static int
html_class(const char         *value,	/* I - Value or NULL */
           const char * const *names,	/* I - Known values */
           int                n)	/* I - Number of known values */
{
  int	i;


  for (i = 0; value && i < n; i ++)
    if (!strcmp(value, names[i]))
      return (i);

  return (n);
}


/*
 * 'reportHTMLAdd()' - Count one record.
 */

int					/* O - 0 on success, -1 on ENOMEM */
reportHTMLAdd(report_html_t         *html,/* I - Report */
              const report_record_t *rec)/* I - Record */
{
  static const char * const states[] = { "completed", "canceled", "aborted" };
  static const char * const colors[] = { "color", "monochrome" };
  static const char * const sides[] =
  { "one-sided", "two-sided-long-edge", "two-sided-short-edge" };
  long long	pages = 0, day, secs;
  int		c, s, wday, hour, i;


  if (rec->outcome)
  {
    // The job's outcome, from its job.end.
    html->ends[html_class(rec->outcome, states, 3)] ++;
    html->nends ++;
  }

  if (!rec->has_start)
    return (0);				// No job.start: an outcome only

  for (i = 0; i < HTML_NBY; i ++)
    if (reportSummaryAdd(html->by[i], rec))
      return (-1);

  if (html_printer(html, rec) || html_latest(html, rec))
    return (-1);

  html->seq ++;
  html->jobs ++;

  // Pages as summary.c counts them: the job's row's pages.
  if ((pages = rec->pages) < 0)
  {
    html->unknown ++;
    pages = 0;
  }
  else if (__builtin_add_overflow(html->pages, pages, &html->pages))
    html->pages = LLONG_MAX;

  // Weekday and hour, UTC; 1970-01-01 was a Thursday.
  day  = rec->time.sec >= 0 ? rec->time.sec / 86400 : (rec->time.sec - 86399) / 86400;
  secs = rec->time.sec - day * 86400;
  wday = (int)(((day + 3) % 7 + 7) % 7);
  hour = (int)(secs / 3600);
  html->heat_jobs[wday][hour] ++;
  if (__builtin_add_overflow(html->heat[wday][hour], pages, &html->heat[wday][hour]))
    html->heat[wday][hour] = LLONG_MAX;

  c = html_class(rec->color, colors, 2);
  s = html_class(rec->sides, sides, 3);
  html->color.jobs[c] ++;
  html->sides.jobs[s] ++;
  if (__builtin_add_overflow(html->color.pages[c], pages, &html->color.pages[c]))
    html->color.pages[c] = LLONG_MAX;
  if (__builtin_add_overflow(html->sides.pages[s], pages, &html->sides.pages[s]))
    html->sides.pages[s] = LLONG_MAX;

  return (0);
}


/*
 * 'reportHTMLSkipped()' - Note a skipped line.
 */

int					/* O - 0, or -1 on ENOMEM */
reportHTMLSkipped(report_html_t  *html,	/* I - Report or NULL */
                  report_where_t where,	/* I - File and line */
                  const char     *why)	/* I - Problem */
{
  html_skip_t	*skip;
  size_t	len;


  if (!html)
    return (0);

  html->nskipped ++;
  if (html->nskips >= REPORT_HTML_MAX_SKIPS)
    return (0);

  skip       = html->skips + html->nskips;
  skip->line = where.line;
  if ((skip->file = pauditUTF8New(where.file, strlen(where.file), &len)) == NULL ||
      (skip->why = pauditUTF8New(why, strlen(why), &len)) == NULL)
  {
    free(skip->file);
    skip->file = NULL;
    return (-1);
  }

  html->nskips ++;

  return (0);
}


/*
 * 'html_text()' - Write text escaped for HTML (element content, attribute
 *                 values and SVG text alike).
 *
 * s is valid UTF-8.  Markup characters become entities; control
 * characters (C0, DEL, C1) and U+2028/U+2029 are shown escaped, as the
 * table shows them.  At most max characters are written (0: all), a cut
 * ends with "...".
 */

static void
html_text(FILE       *fp,		/* I - Output */
          const char *s,		/* I - Text (valid UTF-8) */
          size_t     max)		/* I - Most characters, 0 for all */
{
  const unsigned char	*p = (const unsigned char *)s;
  size_t		n, clen, chars = 0;
  unsigned		cp;


  while (*p)
  {
    if (max && chars == max)
    {
      fputs("\xE2\x80\xA6", fp);	// U+2026
      return;
    }
    chars ++;

    switch (*p)
    {
      case '&' :
          fputs("&amp;", fp);
          p ++;
          continue;
      case '<' :
          fputs("&lt;", fp);
          p ++;
          continue;
      case '>' :
          fputs("&gt;", fp);
          p ++;
          continue;
      case '\"' :
          fputs("&quot;", fp);
          p ++;
          continue;
      case '\'' :
          fputs("&#39;", fp);
          p ++;
          continue;
      case '\n' :
          fputs("\\n", fp);
          p ++;
          continue;
      case '\t' :
          fputs("\\t", fp);
          p ++;
          continue;
      case '\r' :
          fputs("\\r", fp);
          p ++;
          continue;
      default :
          break;
    }

    if ((clen = pauditControlLen(p, SIZE_MAX, &cp)) != 0)
    {
      // C0 and DEL as \xHH, C1 as \uHHHH.
      fprintf(fp, clen == 1 ? "\\x%02x" : "\\u%04x", cp);
      p += clen;
    }
    else if ((clen = pauditLineSepLen(p, SIZE_MAX, &cp)) != 0)
    {
      fprintf(fp, "\\u%04x", cp);
      p += clen;
    }
    else
    {
      for (n = 1; n < 4 && (p[n] & 0xC0) == 0x80; n ++);
      fwrite(p, 1, n, fp);
      p += n;
    }
  }
}


/*
 * 'html_cell()' - Write one table cell: a value, or an unknown one.
 */

static void
html_cell(FILE       *fp,		/* I - Output */
          const char *s,		/* I - Value or NULL */
          const char *unknown)		/* I - Shown for NULL */
{
  if (!s)
  {
    fprintf(fp, "<td class=\"unk\">%s</td>", unknown);
    return;
  }

  fputs("<td>", fp);
  html_text(fp, s, 0);
  fputs("</td>", fp);
}


/*
 * 'html_num()' - Write one numeric table cell, or an unknown one.
 */

static void
html_num(FILE      *fp,			/* I - Output */
         long long value)		/* I - Value, -1 when unknown */
{
  if (value < 0)
    fputs("<td class=\"num unk\">-</td>", fp);
  else
    fprintf(fp, "<td class=\"num\">%lld</td>", value);
}


/*
 * 'html_percent()' - Share of a total, in tenths of a percent.
 */

static double
html_percent(long long part,		/* I - Part */
             long long total)		/* I - Total */
{
  return (total > 0 ? 100.0 * (double)part / (double)total : 0.0);
}


/*
 * 'html_head()' - Write the document's head and the page's title block.
 */

static void
html_head(FILE *fp)			/* I - Output */
{
  fputs("<!DOCTYPE html>\n"
        "<html lang=\"en\">\n"
        "<head>\n"
        "<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"" HTML_CSP "\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"printaudit-report\">\n"
        "<title>printaudit report</title>\n"
        "<style>\n"
        "body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:#1a202c;background:#fff;margin:0 auto;max-width:1100px;padding:16px 24px}\n"
        "h1{font-size:24px;margin:8px 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #e2e8f0;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}\n"
        ".meta{color:#4a5568;margin:2px 0}\n"
        ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}.card{border:1px solid #e2e8f0;border-radius:6px;padding:8px 14px;min-width:110px}\n"
        ".card .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}.card .k{color:#4a5568;font-size:12px}\n"
        "table{border-collapse:collapse;margin:6px 0 14px;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:4px 0}\n"
        "th,td{border-bottom:1px solid #e2e8f0;padding:3px 10px 3px 4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f7fafc}\n"
        "td.num,th.num{text-align:right}.unk{color:#718096;font-style:italic}th,td.num{white-space:nowrap}\n"
        "#t-jobs td:first-child,#t-jobs td:nth-child(5){white-space:nowrap}\n"
        "table.heat td{padding:2px 4px;font-size:12px}\n"
        "th button{all:inherit;cursor:pointer;padding:0}th[aria-sort=ascending] button::after{content:\" \\25B2\"}th[aria-sort=descending] button::after{content:\" \\25BC\"}\n"
        "svg{max-width:100%;height:auto;display:block;margin:6px 0}svg text{font:12px system-ui,sans-serif;fill:#1a202c}svg .axis{fill:#4a5568}\n"
        ".legend span{display:inline-block;width:11px;height:11px;margin:0 4px 0 12px;vertical-align:-1px}\n"
        "nav a{margin-right:12px}\n"
        ".chart{break-inside:avoid}\n"
        "@media print{body{max-width:none;padding:0;font-size:11px}nav{display:none}h2{break-after:avoid}table,.chart{break-inside:avoid}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}\n"
        "</style>\n"
        "</head>\n"
        "<body>\n", fp);
}


/*
 * 'html_utc()' - Write a time as RFC 3339 UTC.
 */

static void
html_utc(FILE   *fp,			/* I - Output */
         time_t t)			/* I - Time */
{
  struct tm	tm;
  char		text[64];


  if (gmtime_r(&t, &tm) && strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm))
    fputs(text, fp);
}


/*
 * 'html_filters()' - Write the run's inputs and filters.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
html_filters(FILE                     *fp,/* I - Output */
             const report_html_info_t *info)/* I - Run */
{
  const report_filter_t	*f = info->filter;
  const char		*names[] = { "--user", "--printer", "--application" },
			*values[3];
  char			*text;
  size_t		len;
  int			i, any = 0;


  fputs("<p class=\"meta\" id=\"inputs\">Input: ", fp);
  if (info->nfiles == 0)
    fputs("standard input", fp);
  for (i = 0; i < info->nfiles; i ++)
  {
    if ((text = pauditUTF8New(info->files[i], strlen(info->files[i]), &len)) == NULL)
      return (-1);
    fputs(i ? ", <code>" : "<code>", fp);
    html_text(fp, strcmp(text, "-") ? text : "standard input", 0);
    fputs("</code>", fp);
    free(text);
  }
  fputs("</p>\n<p class=\"meta\" id=\"filters\">Filters: ", fp);

  if (f->has_since)
  {
    fputs("<code>--since ", fp);
    html_utc(fp, (time_t)f->since.sec);
    fputs("</code> ", fp);
    any = 1;
  }
  if (f->has_until)
  {
    fputs(f->until_before ? "<code>before " : "<code>--until ", fp);
    html_utc(fp, (time_t)f->until.sec);
    fputs("</code> ", fp);
    any = 1;
  }

  values[0] = f->user;
  values[1] = f->printer;
  values[2] = f->application;
  for (i = 0; i < 3; i ++)
  {
    if (!values[i])
      continue;
    if ((text = pauditUTF8New(values[i], strlen(values[i]), &len)) == NULL)
      return (-1);
    fprintf(fp, "<code>%s ", names[i]);
    html_text(fp, text, 0);
    fputs("</code> ", fp);
    free(text);
    any = 1;
  }

  fputs(any ? "</p>\n" : "none</p>\n", fp);

  return (0);
}


/*
 * 'html_card()' - Write one total.
 */

static void
html_card(FILE       *fp,		/* I - Output */
          const char *id,		/* I - Element id */
          const char *label,		/* I - What it counts */
          long long  value)		/* I - Count */
{
  fprintf(fp, "<div class=\"card\"><div class=\"v\" id=\"%s\">%lld</div><div class=\"k\">%s</div></div>\n",
          id, value, label);
}


/*
 * 'html_known()' - Number of lines with a known key.
 */

static size_t
html_known(const report_total_t *totals,/* I - Lines */
           size_t               count)	/* I - Number of lines */
{
  size_t	i, n = 0;


  for (i = 0; i < count; i ++)
    n += totals[i].key != NULL;

  return (n);
}


/*
 * 'html_totals()' - Write the period and the totals.
 */

static void
html_totals(FILE                     *fp,/* I - Output */
            const report_html_t      *html,/* I - Report */
            const report_html_info_t *info,/* I - Run */
            report_total_t           **totals,/* I - Lines per summary */
            const size_t             *counts)/* I - Number of lines */
{
  const report_total_t	*days = totals[HTML_DAY];
  const char		*first = NULL, *last = NULL;
  report_time_t		t, tf = { 0, 0 }, tl = { 0, 0 };
  size_t		i;


  // The period: the earliest first and the latest last of all days.
  for (i = 0; i < counts[HTML_DAY]; i ++)
  {
    if (!reportTimeParse(days[i].first, strlen(days[i].first), &t) &&
        (!first || reportTimeCompare(&t, &tf) < 0))
    {
      first = days[i].first;
      tf    = t;
    }
    if (!reportTimeParse(days[i].last, strlen(days[i].last), &t) &&
        (!last || reportTimeCompare(&t, &tl) > 0))
    {
      last = days[i].last;
      tl   = t;
    }
  }

  fputs("<section id=\"totals\">\n<h2>Period and totals</h2>\n<p id=\"period\">", fp);
  if (first && last)
  {
    fputs("From <time id=\"period-first\">", fp);
    html_text(fp, first, 0);
    fputs("</time> to <time id=\"period-last\">", fp);
    html_text(fp, last, 0);
    fputs("</time> (UTC).", fp);
  }
  else
    fputs("No jobs.", fp);
  fputs("</p>\n<div class=\"cards\">\n", fp);

  html_card(fp, "total-jobs", "jobs", html->jobs);
  html_card(fp, "total-pages", "pages", html->pages);
  html_card(fp, "total-unknown", "jobs with unknown pages", html->unknown);
  html_card(fp, "total-users", "users", (long long)html_known(totals[HTML_USER], counts[HTML_USER]));
  html_card(fp, "total-printers", "printers", (long long)html_known(totals[HTML_PRINTER], counts[HTML_PRINTER]));
  html_card(fp, "total-applications", "applications",
            (long long)html_known(totals[HTML_APPLICATION], counts[HTML_APPLICATION]));
  if (html->nends)
  {
    // Outcomes exist only where job.end records were read.
    html_card(fp, "total-completed", "completed", html->ends[0]);
    html_card(fp, "total-canceled", "canceled", html->ends[1]);
    html_card(fp, "total-aborted", "aborted", html->ends[2]);
  }
  html_card(fp, "total-skipped", "input lines skipped", info->skipped + info->incomplete);
  fputs("</div>\n", fp);

  fputs("<p class=\"meta\">Pages are what cupsd counted (<code>job.end</code>'s "
        "<code>job.impressions_completed</code>: copies on raw queues, pages on filtered "
        "ones) where a job's <code>job.end</code> was read, else <code>job.impressions</code> "
        "&times; <code>job.copies</code> where both are known; other jobs add no pages and "
        "are counted as jobs with unknown pages. Days and hours are UTC.", fp);
  if (html->nends)
    fprintf(fp, " Outcomes come from %lld <code>job.end</code> record%s%s.", html->nends,
            html->nends == 1 ? "" : "s",
            html->ends[3] ? ", some with another state" : "");
  fputs("</p>\n</section>\n", fp);
}


/*
 * 'html_day_compare()' - Order lines by key (dates sort as text).
 */

static int
html_day_compare(const void *a,		/* I - First line */
                 const void *b)		/* I - Second line */
{
  return (strcmp(((const report_total_t *)a)->key, ((const report_total_t *)b)->key));
}


/*
 * 'html_day_number()' - Days since the epoch of a "YYYY-MM-DD" key.
 */

static long long
html_day_number(const char *key)	/* I - Day */
{
  report_time_t	t;


  if (reportDateParse(key, &t))
    return (0);

  return (t.sec / 86400);
}


/*
 * 'html_chart_days()' - Pages per day as a bar chart.
 *
 * days is in date order.  The axis runs from the first to the last day,
 * days without jobs included, unless that spans more than HTML_MAX_SPAN
 * days: then only the days with jobs are drawn, side by side.
 */

static void
html_chart_days(FILE                 *fp,/* I - Output */
                const report_total_t *days,/* I - Lines in date order */
                size_t               count)/* I - Number of lines */
{
  const double	left = 56, top = 12, pw = 830, ph = 200;
  long long	first, span, max = 0, x, next;
  double	bw, h;
  size_t	i;
  int		dense;


  if (!count)
  {
    fputs("<p>No jobs.</p>\n", fp);
    return;
  }

  first = html_day_number(days[0].key);
  span  = html_day_number(days[count - 1].key) - first + 1;
  dense = span > 0 && span <= HTML_MAX_SPAN;
  if (!dense)
    span = (long long)count;

  for (i = 0; i < count; i ++)
    if (days[i].pages > max)
      max = days[i].pages;

  bw = pw / (double)span;
  if (bw > 48)
    bw = 48;				// A few days: bars of a readable width

  fprintf(fp, "<svg id=\"chart-days\" role=\"img\" aria-labelledby=\"chart-days-title\" "
              "viewBox=\"0 0 900 256\" width=\"900\" height=\"256\" xmlns=\"http://www.w3.org/2000/svg\">\n"
              "<title id=\"chart-days-title\">Pages per day, %s to %s (table: Pages per day)</title>\n",
          days[0].key, days[count - 1].key);

  // Grid and y axis: 0, half and the maximum.
  for (i = 0; i < 3; i ++)
  {
    double y = top + ph - ph * (double)i / 2;

    fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e2e8f0\"/>"
                "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%lld</text>\n",
            left, y, left + bw * (double)span, y, left - 6, y + 4, max * (long long)i / 2);
  }

  for (i = 0; i < count; i ++)
  {
    x = dense ? html_day_number(days[i].key) - first : (long long)i;
    h = max > 0 ? ph * (double)days[i].pages / (double)max : 0;
    fprintf(fp, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">"
                "<title>", left + bw * (double)x + (bw > 3 ? 0.5 : 0), top + ph - h,
            bw > 3 ? bw - 1 : bw, h, html_colors[0]);
    html_text(fp, days[i].key, 0);
    fprintf(fp, ": %lld pages, %lld jobs</title></rect>\n", days[i].pages, days[i].jobs);
  }

  fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#4a5568\"/>\n",
          left, top + ph, left + bw * (double)span, top + ph);

  // Day labels ("MM-DD") under bars at least 80 units apart.
  for (next = 0, i = 0; i < count; i ++)
  {
    x = dense ? html_day_number(days[i].key) - first : (long long)i;
    if (x < next || strlen(days[i].key) != 10)
      continue;
    fprintf(fp, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
            left + bw * ((double)x + 0.5), top + ph + 16);
    html_text(fp, days[i].key + 5, 0);
    fputs("</text>", fp);
    next = x + (long long)(80.0 / bw) + 1;
  }

  fprintf(fp, "\n<text class=\"axis\" x=\"%.1f\" y=\"246\">Pages per UTC day, %s to %s%s</text>\n</svg>\n",
          left, days[0].key, days[count - 1].key, dense ? "" : " (days with jobs only)");
}


/*
 * 'html_chart_heat()' - Pages per weekday and hour as a heat map.
 */

static void
html_chart_heat(FILE                *fp,/* I - Output */
                const report_html_t *html)/* I - Report */
{
  long long	max = 0;
  int		d, h;


  for (d = 0; d < 7; d ++)
    for (h = 0; h < 24; h ++)
      if (html->heat[d][h] > max)
        max = html->heat[d][h];

  fputs("<svg id=\"chart-heat\" role=\"img\" aria-labelledby=\"chart-heat-title\" "
        "viewBox=\"0 0 780 190\" width=\"780\" height=\"190\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        "<title id=\"chart-heat-title\">Pages per weekday and hour, UTC (table: Pages per weekday and hour)</title>\n", fp);

  for (h = 0; h < 24; h += 2)
    fprintf(fp, "<text class=\"axis\" x=\"%d\" y=\"14\" text-anchor=\"middle\">%02d</text>", 50 + h * 30 + 15, h);
  fputs("\n", fp);

  for (d = 0; d < 7; d ++)
  {
    fprintf(fp, "<text class=\"axis\" x=\"40\" y=\"%d\" text-anchor=\"end\">%s</text>\n", 20 + d * 24 + 16, html_days[d]);
    for (h = 0; h < 24; h ++)
    {
      double f = max > 0 && html->heat[d][h] > 0 ?
                 0.12 + 0.88 * (double)html->heat[d][h] / (double)max : 0;

      fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"29\" height=\"23\" fill=\"%s\" fill-opacity=\"%.3f\">"
                  "<title>%s %02d:00-%02d:00: %lld pages, %lld jobs</title></rect>",
              50 + h * 30, 20 + d * 24, f > 0 ? html_colors[0] : "#edf2f7", f > 0 ? f : 1.0,
              html_days[d], h, h + 1, html->heat[d][h], html->heat_jobs[d][h]);
    }
    fputs("\n", fp);
  }

  fputs("</svg>\n", fp);
}


/*
 * 'html_chart_top()' - The first lines of a summary as a bar chart.
 */

static void
html_chart_top(FILE                 *fp,/* I - Output */
               const char           *id,/* I - Chart id */
               const char           *title,/* I - Chart title */
               const char           *table,/* I - Title of its table */
               const report_total_t *totals,/* I - Lines, pages descending */
               size_t               count)/* I - Number of lines */
{
  size_t	i, n = count < HTML_TOP ? count : HTML_TOP;
  long long	max = n ? totals[0].pages : 0;
  double	w;
  int		height = (int)n * 26 + 8;


  if (!n)
  {
    fputs("<p>No jobs.</p>\n", fp);
    return;
  }

  fprintf(fp, "<svg id=\"%s\" role=\"img\" aria-labelledby=\"%s-title\" viewBox=\"0 0 760 %d\" "
              "width=\"760\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">\n"
              "<title id=\"%s-title\">%s (table: %s)</title>\n",
          id, id, height, height, id, title, table);

  for (i = 0; i < n; i ++)
  {
    int y = 4 + (int)i * 26;

    w = max > 0 ? 400.0 * (double)totals[i].pages / (double)max : 0;
    fputs("<g><title>", fp);
    if (totals[i].key)
      html_text(fp, totals[i].key, 0);
    else
      fputs("unknown", fp);
    fprintf(fp, ": %lld pages, %lld jobs</title>"
                "<text x=\"232\" y=\"%d\" text-anchor=\"end\"%s>", totals[i].pages, totals[i].jobs,
            y + 16, totals[i].key ? "" : " class=\"axis\"");
    if (totals[i].key)
      html_text(fp, totals[i].key, HTML_LABEL);
    else
      fputs("unknown", fp);
    fprintf(fp, "</text><rect x=\"240\" y=\"%d\" width=\"%.2f\" height=\"20\" fill=\"%s\"/>"
                "<text x=\"%.2f\" y=\"%d\">%lld</text></g>\n",
            y + 2, w, html_colors[0], 246 + w, y + 16, totals[i].pages);
  }

  fputs("</svg>\n", fp);
}


/*
 * 'html_chart_split()' - Jobs and pages split into classes, as two 100%
 *                        bars, a legend and a table.
 */

static void
html_chart_split(FILE               *fp,/* I - Output */
                 const char         *id,/* I - Chart id */
                 const char         *title,/* I - Title */
                 const char * const *labels,/* I - Class labels */
                 int                n,	/* I - Number of classes */
                 const html_split_t *split)/* I - Counts */
{
  const long long	*rows[2] = { split->jobs, split->pages };
  const char		*names[2] = { "jobs", "pages" };
  long long		total;
  double		x, w;
  int			r, c;


  fprintf(fp, "<div class=\"chart\"><h3>%s</h3>\n"
              "<svg id=\"%s\" role=\"img\" aria-labelledby=\"%s-title\" viewBox=\"0 0 760 70\" "
              "width=\"760\" height=\"70\" xmlns=\"http://www.w3.org/2000/svg\">\n"
              "<title id=\"%s-title\">%s (table below)</title>\n", title, id, id, id, title);

  for (r = 0; r < 2; r ++)
  {
    for (total = 0, c = 0; c < n; c ++)
      total += rows[r][c];

    fprintf(fp, "<text x=\"52\" y=\"%d\" text-anchor=\"end\">%s</text>", 4 + r * 32 + 17, names[r]);
    if (total <= 0)
      fprintf(fp, "<rect x=\"60\" y=\"%d\" width=\"600\" height=\"24\" fill=\"#edf2f7\"/>", 4 + r * 32);
    for (x = 60, c = 0; c < n && total > 0; c ++)
    {
      w = 600.0 * (double)rows[r][c] / (double)total;
      fprintf(fp, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"24\" fill=\"%s\">"
                  "<title>%s: %lld %s (%.1f%%)</title></rect>",
              x, 4 + r * 32, w, html_colors[c], labels[c], rows[r][c], names[r],
              html_percent(rows[r][c], total));
      x += w;
    }
    fprintf(fp, "<text x=\"668\" y=\"%d\">%lld</text>\n", 4 + r * 32 + 17, total);
  }
  fputs("</svg>\n<p class=\"legend\">", fp);
  for (c = 0; c < n; c ++)
    fprintf(fp, "<span style=\"background:%s\"></span>%s", html_colors[c], labels[c]);
  fputs("</p>\n", fp);

  fprintf(fp, "<table id=\"t-%s\"><caption>%s</caption>\n<thead><tr><th scope=\"col\">Class</th>"
              "<th class=\"num\" scope=\"col\">Jobs</th><th class=\"num\" scope=\"col\">Jobs %%</th>"
              "<th class=\"num\" scope=\"col\">Pages</th><th class=\"num\" scope=\"col\">Pages %%</th></tr></thead>\n<tbody>\n",
          id, title);
  for (c = 0; c < n; c ++)
  {
    long long jobs = 0, pages = 0;
    int       k;

    for (k = 0; k < n; k ++)
    {
      jobs  += split->jobs[k];
      pages += split->pages[k];
    }
    fprintf(fp, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td><td class=\"num\">%.1f</td>"
                "<td class=\"num\">%lld</td><td class=\"num\">%.1f</td></tr>\n",
            labels[c], split->jobs[c], html_percent(split->jobs[c], jobs),
            split->pages[c], html_percent(split->pages[c], pages));
  }
  fputs("</tbody></table></div>\n", fp);
}


/*
 * 'html_table()' - A summary as a sortable table.
 */

static void
html_table(FILE                 *fp,	/* I - Output */
           report_html_t        *html,	/* I - Report (printer details) */
           const char           *id,	/* I - Table id */
           const char           *caption,/* I - Caption */
           const char           *name,	/* I - Key column header */
           const report_total_t *totals,/* I - Lines */
           size_t               count)	/* I - Number of lines */
{
  html_printer_t	*p;
  size_t		i;
  int			printers = !strcmp(id, "t-printers");


  fprintf(fp, "<table class=\"sortable\" id=\"%s\"><caption>%s</caption>\n<thead><tr>"
              "<th scope=\"col\">%s</th><th class=\"num\" scope=\"col\">Jobs</th>"
              "<th class=\"num\" scope=\"col\">Pages</th><th class=\"num\" scope=\"col\">Unknown pages</th>"
              "<th scope=\"col\">First</th><th scope=\"col\">Last</th>%s</tr></thead>\n<tbody>\n",
          id, caption, name,
          printers ? "<th scope=\"col\">Address</th><th scope=\"col\">Info</th><th scope=\"col\">Location</th>" : "");

  for (i = 0; i < count; i ++)
  {
    fputs("<tr>", fp);
    html_cell(fp, totals[i].key, "unknown");
    fprintf(fp, "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td>",
            totals[i].jobs, totals[i].pages, totals[i].unknown);
    html_cell(fp, totals[i].first, "-");
    html_cell(fp, totals[i].last, "-");
    if (printers)
    {
      p = totals[i].key ? reportMapGet(html->printers, totals[i].key) : NULL;
      html_cell(fp, p ? p->address : NULL, "-");
      html_cell(fp, p ? p->info : NULL, "-");
      html_cell(fp, p ? p->location : NULL, "-");
    }
    fputs("</tr>\n", fp);
  }

  fputs("</tbody></table>\n", fp);
}


/*
 * 'html_heat_table()' - The heat map's text equivalent.
 */

static void
html_heat_table(FILE                *fp,/* I - Output */
                const report_html_t *html)/* I - Report */
{
  int	d, h;


  fputs("<table class=\"heat\" id=\"t-heat\"><caption>Pages per weekday and hour (UTC)</caption>\n"
        "<thead><tr><th scope=\"col\">Day</th>", fp);
  for (h = 0; h < 24; h ++)
    fprintf(fp, "<th class=\"num\" scope=\"col\">%02d</th>", h);
  fputs("</tr></thead>\n<tbody>\n", fp);
  for (d = 0; d < 7; d ++)
  {
    fprintf(fp, "<tr><th scope=\"row\">%s</th>", html_days[d]);
    for (h = 0; h < 24; h ++)
      fprintf(fp, "<td class=\"num\">%lld</td>", html->heat[d][h]);
    fputs("</tr>\n", fp);
  }
  fputs("</tbody></table>\n", fp);
}


/*
 * 'html_job_compare()' - Order jobs latest first.
 */

static int
html_job_compare(const void *a,		/* I - First job */
                 const void *b)		/* I - Second job */
{
  const html_job_t	*ja = (const html_job_t *)a,
			*jb = (const html_job_t *)b;


  return (html_job_later(ja, jb) ? -1 : html_job_later(jb, ja) ? 1 : 0);
}


/*
 * 'html_jobs()' - The latest jobs, latest first.
 */

static void
html_jobs(FILE          *fp,		/* I - Output */
          report_html_t *html)		/* I - Report */
{
  static const char * const headers[] =
  {
    "Time", "User", "Document", "Printer", "Address", "Application",
    "<th class=\"num\" scope=\"col\">Pages</th><th class=\"num\" scope=\"col\">Copies</th>",
    "Colour", "Sides", "Outcome"
  };
  html_job_t	*job;
  size_t	i;


  // The heap is no longer needed as one: sort it in place.
  qsort(html->latest, html->nlatest, sizeof(html_job_t), html_job_compare);

  fprintf(fp, "<section id=\"jobs\">\n<h2>Latest jobs</h2>\n"
              "<p>The %zu latest of %lld jobs, latest first; every job: <code>printaudit-report --csv</code>.</p>\n"
              "<table class=\"sortable\" id=\"t-jobs\"><caption>Latest jobs</caption>\n<thead><tr>",
          html->nlatest, html->jobs);
  for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i ++)
  {
    if (headers[i][0] == '<')
      fputs(headers[i], fp);
    else
      fprintf(fp, "<th scope=\"col\">%s</th>", headers[i]);
  }
  fputs("</tr></thead>\n<tbody>\n", fp);

  for (i = 0; i < html->nlatest; i ++)
  {
    job = html->latest + i;
    fputs("<tr>", fp);
    html_cell(fp, job->cells[HTML_C_TIME], "-");
    html_cell(fp, job->cells[HTML_C_USER], "-");
    html_cell(fp, job->cells[HTML_C_DOCUMENT], "-");
    html_cell(fp, job->cells[HTML_C_PRINTER], "-");
    html_cell(fp, job->cells[HTML_C_ADDRESS], "-");
    html_cell(fp, job->cells[HTML_C_APPLICATION], "-");
    html_num(fp, job->pages);
    html_num(fp, job->copies);
    html_cell(fp, job->cells[HTML_C_COLOR], "-");
    html_cell(fp, job->cells[HTML_C_SIDES], "-");
    html_cell(fp, job->cells[HTML_C_OUTCOME], "-");
    fputs("</tr>\n", fp);
  }

  fputs("</tbody></table>\n</section>\n", fp);
}


/*
 * 'html_skips()' - The skipped input lines.
 */

static void
html_skips(FILE                *fp,	/* I - Output */
           const report_html_t *html)	/* I - Report */
{
  size_t	i;


  fputs("<section id=\"skipped\">\n<h2>Malformed input lines</h2>\n", fp);
  if (!html->nskipped)
  {
    fputs("<p id=\"skipped-none\">None: every line was a record, blank, or a part of one.</p>\n</section>\n", fp);
    return;
  }

  fprintf(fp, "<p>%lld line%s or split record%s could not be used", html->nskipped,
          html->nskipped == 1 ? "" : "s", html->nskipped == 1 ? "" : "s");
  if ((long long)html->nskips < html->nskipped)
    fprintf(fp, "; the first %zu are listed (printaudit-report lists them all on standard error)", html->nskips);
  fputs(".</p>\n<table id=\"t-skipped\"><caption>Malformed input lines</caption>\n"
        "<thead><tr><th scope=\"col\">File</th><th class=\"num\" scope=\"col\">Line</th>"
        "<th scope=\"col\">Problem</th></tr></thead>\n<tbody>\n", fp);

  for (i = 0; i < html->nskips; i ++)
  {
    fputs("<tr>", fp);
    html_cell(fp, html->skips[i].file, "-");
    fprintf(fp, "<td class=\"num\">%lld</td>", html->skips[i].line);
    html_cell(fp, html->skips[i].why, "-");
    fputs("</tr>\n", fp);
  }

  fputs("</tbody></table>\n</section>\n", fp);
}


/*
 * 'html_script()' - The inline script that makes tables sortable.
 *
 * It reads only the tables' own text; the page is whole without it.
 */

static void
html_script(FILE *fp)			/* I - Output */
{
  fputs("<script>\n"
        "(function () {\n"
        "  'use strict';\n"
        "  function value(row, i, num) {\n"
        "    var t = row.cells[i].textContent;\n"
        "    if (!num) return t;\n"
        "    var n = Number(t);\n"
        "    return isNaN(n) ? -1 : n;\n"
        "  }\n"
        "  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {\n"
        "    var heads = table.tHead.rows[0].cells;\n"
        "    Array.prototype.forEach.call(heads, function (th, i) {\n"
        "      var button = document.createElement('button');\n"
        "      button.type = 'button';\n"
        "      button.textContent = th.textContent;\n"
        "      th.textContent = '';\n"
        "      th.appendChild(button);\n"
        "      button.addEventListener('click', function () {\n"
        "        var desc = th.getAttribute('aria-sort') !== 'descending',\n"
        "            num = th.classList.contains('num'),\n"
        "            body = table.tBodies[0],\n"
        "            rows = Array.prototype.slice.call(body.rows);\n"
        "        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });\n"
        "        th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');\n"
        "        rows.sort(function (a, b) {\n"
        "          var x = value(a, i, num), y = value(b, i, num),\n"
        "              c = x < y ? -1 : x > y ? 1 : 0;\n"
        "          return desc ? -c : c;\n"
        "        });\n"
        "        rows.forEach(function (row) { body.appendChild(row); });\n"
        "      });\n"
        "    });\n"
        "  });\n"
        "  document.documentElement.setAttribute('data-sortable', 'yes');\n"
        "})();\n"
        "</script>\n", fp);
}


/*
 * 'reportHTMLWrite()' - Write the page.
 */

int					/* O - 0 on success, -1 on ENOMEM */
reportHTMLWrite(report_html_t            *html,/* I - Report */
                FILE                     *fp,/* I - Output */
                const report_html_info_t *info)/* I - Run */
{
  static const char * const color_labels[] = { "Colour", "Monochrome", "Unknown" };
  static const char * const sides_labels[] =
  { "One-sided", "Two-sided, long edge", "Two-sided, short edge", "Unknown or other" };
  report_total_t	*totals[HTML_NBY], *days = NULL;
  size_t		counts[HTML_NBY];
  int			i, status = -1;


  memset(totals, 0, sizeof(totals));
  for (i = 0; i < HTML_NBY; i ++)
    if ((totals[i] = reportSummaryTotals(html->by[i], counts + i)) == NULL)
      goto done;

  // Days in date order for the chart and its table.
  if ((days = calloc(counts[HTML_DAY] + 1, sizeof(report_total_t))) == NULL)
    goto done;
  memcpy(days, totals[HTML_DAY], counts[HTML_DAY] * sizeof(report_total_t));
  qsort(days, counts[HTML_DAY], sizeof(report_total_t), html_day_compare);

  html_head(fp);
  fputs("<header>\n<h1>printaudit report</h1>\n<p class=\"meta\">Generated ", fp);
  html_utc(fp, time(NULL));
  fputs(" by printaudit-report from printaudit audit records (schema " PAUDIT_SCHEMA ").</p>\n", fp);
  if (html_filters(fp, info))
    goto done;
  fputs("<nav><a href=\"#totals\">Totals</a><a href=\"#days\">Days</a><a href=\"#users\">Users</a>"
        "<a href=\"#printers\">Printers</a><a href=\"#applications\">Applications</a>"
        "<a href=\"#colour\">Colour and sides</a><a href=\"#jobs\">Latest jobs</a>"
        "<a href=\"#skipped\">Malformed lines</a></nav>\n</header>\n<main>\n", fp);

  html_totals(fp, html, info, totals, counts);

  fputs("<section id=\"days\">\n<h2>Pages per day</h2>\n<div class=\"chart\">\n", fp);
  html_chart_days(fp, days, counts[HTML_DAY]);
  fputs("</div>\n<div class=\"chart\"><h3>Pages per weekday and hour (UTC)</h3>\n", fp);
  html_chart_heat(fp, html);
  fputs("</div>\n", fp);
  html_table(fp, html, "t-days", "Pages per day", "Day", days, counts[HTML_DAY]);
  html_heat_table(fp, html);
  fputs("</section>\n", fp);

  fputs("<section id=\"users\">\n<h2>Users</h2>\n<div class=\"chart\">\n", fp);
  html_chart_top(fp, "chart-users", "Top users by pages", "Users", totals[HTML_USER], counts[HTML_USER]);
  fputs("</div>\n", fp);
  html_table(fp, html, "t-users", "Users", "User", totals[HTML_USER], counts[HTML_USER]);
  fputs("</section>\n", fp);

  fputs("<section id=\"printers\">\n<h2>Printers</h2>\n<div class=\"chart\">\n", fp);
  html_chart_top(fp, "chart-printers", "Top printers by pages", "Printers", totals[HTML_PRINTER],
                 counts[HTML_PRINTER]);
  fputs("</div>\n", fp);
  html_table(fp, html, "t-printers", "Printers", "Printer", totals[HTML_PRINTER], counts[HTML_PRINTER]);
  fputs("</section>\n", fp);

  fputs("<section id=\"applications\">\n<h2>Applications</h2>\n<div class=\"chart\">\n", fp);
  html_chart_top(fp, "chart-applications", "Top applications by pages", "Applications",
                 totals[HTML_APPLICATION], counts[HTML_APPLICATION]);
  fputs("</div>\n", fp);
  html_table(fp, html, "t-applications", "Applications", "Application", totals[HTML_APPLICATION],
             counts[HTML_APPLICATION]);
  fputs("</section>\n", fp);

  fputs("<section id=\"colour\">\n<h2>Colour and sides</h2>\n", fp);
  html_chart_split(fp, "colour", "Colour vs monochrome", color_labels, 3, &html->color);
  html_chart_split(fp, "sides", "Duplex vs simplex", sides_labels, 4, &html->sides);
  fputs("</section>\n", fp);

  html_jobs(fp, html);
  html_skips(fp, html);

  fputs("</main>\n", fp);
  html_script(fp);
  fputs("</body>\n</html>\n", fp);
  status = 0;

done:
  for (i = 0; i < HTML_NBY; i ++)
    free(totals[i]);
  free(days);

  return (status);
}
