/*
 * Table, CSV and JSON Lines output for printaudit-report.
 *
 * The table streams: its columns have fixed widths, a longer value is cut
 * and ends with REPORT_CUT_MARK (CSV and JSON Lines carry every value
 * whole).  Control characters from records are never written raw to a
 * table: they are shown as escapes.  CSV follows RFC 4180 (CRLF line
 * ends; a field with a comma, quote, CR or LF is quoted, quotes doubled),
 * and a field that a spreadsheet would take for a formula starts with "'".
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <stdlib.h>
#include <string.h>

typedef struct output_column_s		/* One table column */
{
  const char	*table,			/* Table header */
		*csv;			/* CSV header */
  int		width,			/* Width, 0 for the last column */
		right;			/* Right-aligned? */
} output_column_t;

static const output_column_t output_columns[] =
{
  { "TIME",        "time",            24, 0 },
  { "USER",        "user",            12, 0 },
  { "DOCUMENT",    "document",        24, 0 },
  { "PRINTER",     "printer",         20, 0 },
  { "ADDRESS",     "printer_address", 22, 0 },
  { "APPLICATION", "application",     14, 0 },
  { "PAGES",       "pages",            5, 1 },
  { "COUNT",       "pages_source",     8, 0 },
  { "COPIES",      "copies",           6, 1 },
  { "COLOR",       "color",           10, 0 },
  { "SIDES",       "sides",           20, 0 },
  { "BILLING",     "billing",         12, 0 },
  { "OUTCOME",     "outcome",          9, 0 },
  { "JOB",         "job_id",           0, 0 }
};

#define OUTPUT_COLUMNS (sizeof(output_columns) / sizeof(output_columns[0]))


/*
 * 'cell_token()' - The shown form of the character at s.
 *
 * Control characters (C0, DEL, C1) and U+2028/U+2029 become escapes; any
 * other character is itself and one column wide.
 */

static size_t				/* O - Bytes of s consumed */
cell_token(const char *s,		/* I - Text (nul-terminated) */
           char       out[12],		/* O - Shown form, nul-terminated */
           int        *cols)		/* O - Columns it takes */
{
  const unsigned char	*p = (const unsigned char *)s;
  size_t		n;
  unsigned		cp;


  if ((n = pauditControlLen(p, SIZE_MAX, &cp)) == 1)
  {
    if (cp == '\n' || cp == '\t' || cp == '\r')
      snprintf(out, 12, "\\%c", cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r');
    else
      snprintf(out, 12, "\\x%02x", cp);
    *cols = (int)strlen(out);
    return (1);
  }

  if (n == 2)
  {
    snprintf(out, 12, "\\u%04x", cp);
    *cols = 6;
    return (2);
  }

  if ((n = pauditLineSepLen(p, SIZE_MAX, &cp)) != 0)
  {
    snprintf(out, 12, "\\u%04x", cp);
    *cols = 6;
    return (n);
  }

  for (n = 1; n < 4 && (p[n] & 0xC0) == 0x80; n ++);
  memcpy(out, s, n);
  out[n] = '\0';
  *cols  = 1;

  return (n);
}


/*
 * 'reportTableColumns()' - Columns a text takes in a table.
 */

int					/* O - Columns */
reportTableColumns(const char *s)	/* I - Text */
{
  char	token[12];
  int	cols, total = 0;


  while (*s)
  {
    s     += cell_token(s, token, &cols);
    total += cols;
  }

  return (total);
}


/*
 * 'cell_plain()' - Length of s if it is all printable ASCII, else -1.
 */

static int
cell_plain(const char *s)		/* I - Text */
{
  const char	*p;


  for (p = s; *p >= 0x20 && *p < 0x7F; p ++);

  return (*p || p - s > 65535 ? -1 : (int)(p - s));
}


/*
 * 'reportTableCell()' - Write one table cell.
 */

void
reportTableCell(FILE       *fp,		/* I - Output */
                const char *s,		/* I - Value or NULL */
                int        width,	/* I - Width, 0 for no limit */
                int        right)	/* I - Right-aligned? */
{
  char	token[12];
  int	cols, used = 0, total, room;


  if (!s)
    s = "-";

  if ((total = cell_plain(s)) >= 0 && (width <= 0 || total <= width))
  {
    // The usual case: nothing to escape, nothing to cut.
    fprintf(fp, right ? "%*s" : "%-*s", width > 0 ? width : 0, s);
    return;
  }

  total = reportTableColumns(s);
  room  = width > 0 && total > width ? width - 1 : total;

  if (right && width > total)
    fprintf(fp, "%*s", width - total, "");

  while (*s)
  {
    size_t n = cell_token(s, token, &cols);

    if (used + cols > room)
      break;
    fputs(token, fp);
    used += cols;
    s    += n;
  }

  if (width > 0 && total > width)
  {
    fputs(REPORT_CUT_MARK, fp);
    used ++;
  }

  if (!right && width > used)
    fprintf(fp, "%*s", width - used, "");
}


/*
 * 'reportCSVField()' - Write one CSV field.
 *
 * User names and titles come from remote clients: a field that starts
 * with '=', '+', '-', '@', TAB or CR would be a formula to a spreadsheet
 * (CSV injection), so it gets a leading "'" as OWASP recommends; the
 * value itself is otherwise written whole.
 */

void
reportCSVField(FILE       *fp,		/* I - Output */
               const char *s,		/* I - Value */
               size_t     len)		/* I - Length */
{
  const char	*p, *q, *end = s + len;
  int		formula = len > 0 && strchr("=+-@\t\r", s[0]) != NULL;


  if (!memchr(s, ',', len) && !memchr(s, '\"', len) &&
      !memchr(s, '\n', len) && !memchr(s, '\r', len))
  {
    if (formula)
      putc('\'', fp);
    fwrite(s, 1, len, fp);
    return;
  }

  putc('\"', fp);
  if (formula)
    putc('\'', fp);
  for (p = s; p < end; p = q + 1)
  {
    if ((q = memchr(p, '\"', (size_t)(end - p))) == NULL)
    {
      fwrite(p, 1, (size_t)(end - p), fp);
      break;
    }
    fwrite(p, 1, (size_t)(q - p) + 1, fp);
    putc('\"', fp);
  }
  putc('\"', fp);
}


/*
 * 'reportAddress()' - The printer's "host:port".
 */

char *					/* O - buf, or NULL when the host is unknown */
reportAddress(const report_record_t *rec,/* I - Record */
              char                  *buf,/* O - Buffer */
              size_t                bufsize)/* I - Size of buffer */
{
  int	v6;


  if (!rec->host)
    return (NULL);

  v6 = strchr(rec->host, ':') != NULL;
  if (rec->port < 0)
    snprintf(buf, bufsize, v6 ? "[%s]" : "%s", rec->host);
  else
    snprintf(buf, bufsize, v6 ? "[%s]:%lld" : "%s:%lld", rec->host, rec->port);

  return (buf);
}


/*
 * 'output_count()' - A count as text, or NULL when unknown.
 */

static const char *
output_count(long long value,		/* I - Count or -1 */
             char      buf[32])		/* O - Buffer */
{
  if (value < 0)
    return (NULL);

  snprintf(buf, 32, "%lld", value);

  return (buf);
}


/*
 * 'reportOutputHeader()' - Write the column headers.
 */

int					/* O - 0 */
reportOutputHeader(FILE            *fp,	/* I - Output */
                   report_format_t format)/* I - Format */
{
  size_t	i;


  for (i = 0; format != REPORT_FORMAT_JSON && i < OUTPUT_COLUMNS; i ++)
  {
    if (format == REPORT_FORMAT_CSV)
      fprintf(fp, "%s%s", i ? "," : "", output_columns[i].csv);
    else
    {
      if (i)
        fputs("  ", fp);
      reportTableCell(fp, output_columns[i].table, output_columns[i].width,
                      output_columns[i].right);
    }
  }

  if (format != REPORT_FORMAT_JSON)
    fputs(format == REPORT_FORMAT_CSV ? "\r\n" : "\n", fp);

  return (0);
}


/*
 * 'output_json()' - Write a record as one JSON line.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
output_json(FILE                  *fp,	/* I - Output */
            const report_record_t *rec)	/* I - Record */
{
  char		*text;
  size_t	len;


  if (rec->text)
  {
    fwrite(rec->text, 1, rec->len, fp);
    putc('\n', fp);
    return (0);
  }

  if ((text = pauditJSONNew(rec->json, &len)) == NULL)
    return (-1);

  fwrite(text, 1, len, fp);
  putc('\n', fp);
  free(text);

  return (0);
}


/*
 * 'reportOutputRecord()' - Write one record.
 */

int					/* O - 0 on success, -1 on ENOMEM */
reportOutputRecord(FILE                  *fp,/* I - Output */
                   report_format_t       format,/* I - Format */
                   const report_record_t *rec)/* I - Record */
{
  char		address[PAUDIT_MAX_VALUE + 32], pages[32], copies[32], job[32];
  const char	*cells[OUTPUT_COLUMNS];
  size_t	i;


  if (format == REPORT_FORMAT_JSON)
    return (output_json(fp, rec));

  cells[0] = rec->time_text;
  cells[1] = rec->user;
  cells[2] = rec->document;
  cells[3] = rec->printer;
  cells[4] = reportAddress(rec, address, sizeof(address));
  cells[5] = rec->application;
  cells[6]  = output_count(rec->pages, pages);
  cells[7]  = rec->pages >= 0 ? rec->pages_source : NULL;
  cells[8]  = output_count(rec->copies, copies);
  cells[9]  = rec->color;
  cells[10] = rec->sides;
  cells[11] = rec->billing;
  cells[12] = rec->outcome;
  cells[13] = output_count(rec->job_id, job);

  for (i = 0; i < OUTPUT_COLUMNS; i ++)
  {
    if (format == REPORT_FORMAT_CSV)
    {
      if (i)
        putc(',', fp);
      if (cells[i])
        reportCSVField(fp, cells[i], strlen(cells[i]));
    }
    else
    {
      if (i)
        fputs("  ", fp);
      reportTableCell(fp, cells[i], output_columns[i].width, output_columns[i].right);
    }
  }

  fputs(format == REPORT_FORMAT_CSV ? "\r\n" : "\n", fp);

  return (0);
}
