/*
 * printaudit-report unit tests: the tool's modules (tools/report/).
 *
 * One Check suite with a test case per module; most cases are tables.
 * The split-record cases split real records with lib/'s
 * pauditRecordSplit() and join them back.  $PRINTAUDIT_TEST_DATA names
 * tests/data (set by ctest).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))


/*
 * Helpers...
 */

typedef struct memout_s			/* An in-memory FILE */
{
  FILE		*fp;			/* Stream */
  char		*data;			/* Text, after memout_text() */
  size_t	len;			/* Length */
} memout_t;

/*
 * 'memout_open()' - Open an in-memory output.
 */

static void
memout_open(memout_t *m)		/* O - Stream */
{
  memset(m, 0, sizeof(memout_t));
  m->fp = open_memstream(&m->data, &m->len);
  ck_assert_ptr_nonnull(m->fp);
}

/*
 * 'memout_text()' - Close the stream and return what was written.
 */

static char *				/* O - Text (owned by m) */
memout_text(memout_t *m)		/* I - Stream */
{
  ck_assert_int_eq(fclose(m->fp), 0);
  m->fp = NULL;

  return (m->data);
}

/*
 * 'memout_free()' - Free an in-memory output.
 */

static void
memout_free(memout_t *m)		/* I - Stream */
{
  if (m->fp)
    fclose(m->fp);
  free(m->data);
}


/*
 * 'assert_same()' - Fail with the first difference of two long texts.
 */

#define assert_same(a, b) assert_same_at((a), (b), __LINE__)

static void
assert_same_at(const char *actual,	/* I - Text under test */
               const char *expected,	/* I - Expected text */
               int        line)		/* I - Source line */
{
  size_t	i;


  ck_assert_ptr_nonnull(actual);
  for (i = 0; actual[i] && actual[i] == expected[i]; i ++);
  ck_assert_msg(actual[i] == expected[i], "line %d: texts differ at byte %zu:\n"
                "  actual:   ...%.60s\n  expected: ...%.60s", line, i,
                actual + (i > 20 ? i - 20 : 0), expected + (i > 20 ? i - 20 : 0));
}


/*
 * 'replace_once()' - A copy of s with the first "from" replaced by "to".
 */

static char *				/* O - New string (free() it), NULL if no "from" */
replace_once(const char *s,		/* I - Text */
             const char *from,		/* I - Text to replace */
             const char *to)		/* I - Replacement */
{
  const char	*at = strstr(s, from);
  char		*out;
  size_t	head, flen = strlen(from), tlen = strlen(to);


  if (!at || (out = malloc(strlen(s) - flen + tlen + 1)) == NULL)
    return (NULL);

  head = (size_t)(at - s);
  memcpy(out, s, head);
  memcpy(out + head, to, tlen);
  strcpy(out + head + tlen, at + flen);

  return (out);
}


/*
 * 'load_record()' - A record from tests/data, and its compact text.
 */

static json_t *				/* O - New reference */
load_record(const char *name,		/* I - File in tests/data */
            char       **text,		/* O - Compact text; free() it */
            size_t     *len)		/* O - Length */
{
  const char	*dir = getenv("PRINTAUDIT_TEST_DATA");
  char		path[4096];
  json_error_t	jerr;
  json_t	*record;


  ck_assert_msg(dir != NULL, "PRINTAUDIT_TEST_DATA is not set");
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  record = json_load_file(path, 0, &jerr);
  ck_assert_msg(record != NULL, "%s: %s", path, jerr.text);
  *text = pauditJSONNew(record, len);
  ck_assert_ptr_nonnull(*text);

  return (record);
}


/*
 * Times...
 */

typedef struct time_case_s
{
  const char	*text;			/* RFC 3339 text */
  int		ok;			/* Valid? */
  long long	sec;			/* Expected seconds */
  long		nsec;			/* Expected nanoseconds */
} time_case_t;

static const time_case_t time_cases[] =
{
  { "1970-01-01T00:00:00Z", 1, 0, 0 },
  { "1969-12-31T23:59:59Z", 1, -1, 0 },
  { "2000-01-01T00:00:00Z", 1, 946684800, 0 },
  { "2026-11-22T21:45:00.123Z", 1, 1795383900, 123000000 },
  { "2026-11-22t21:45:00.123z", 1, 1795383900, 123000000 },
  { "2026-11-22 22:45:00.123+01:00", 1, 1795383900, 123000000 },
  { "2026-11-22T16:45:00.123-05:00", 1, 1795383900, 123000000 },
  { "2026-11-23T03:15:00.123+05:30", 1, 1795383900, 123000000 },
  { "2026-11-22T21:45:00.123456789999Z", 1, 1795383900, 123456789 },
  { "2026-11-22T21:45:00.5Z", 1, 1795383900, 500000000 },
  { "2024-02-29T00:00:00Z", 1, 1709164800, 0 },
  { "2023-02-29T00:00:00Z", 0, 0, 0 },
  { "2026-04-31T00:00:00Z", 0, 0, 0 },
  { "2026-13-01T00:00:00Z", 0, 0, 0 },
  { "2026-00-01T00:00:00Z", 0, 0, 0 },
  { "2026-11-22T24:00:00Z", 0, 0, 0 },
  { "2026-11-22T21:60:00Z", 0, 0, 0 },
  { "2026-11-22T21:45:00", 0, 0, 0 },
  { "2026-11-22T21:45:00.Z", 0, 0, 0 },
  { "2026-11-22T21:45:00+0100", 0, 0, 0 },
  { "2026-11-22T21:45:00+24:00", 0, 0, 0 },
  { "2026-11-22T21:45:00Zjunk", 0, 0, 0 },
  { "2026-11-22X21:45:00Z", 0, 0, 0 },
  { "2026-11-22", 0, 0, 0 },
  { "", 0, 0, 0 },
  { "yesterday", 0, 0, 0 }
};

START_TEST(test_time_parse)
{
  const time_case_t	*c = time_cases + _i;
  report_time_t		t = { 42, 42 };
  int			status = reportTimeParse(c->text, strlen(c->text), &t);


  ck_assert_msg((status == 0) == c->ok, "%s: status %d, expected %s", c->text,
                status, c->ok ? "valid" : "invalid");
  if (c->ok)
  {
    ck_assert_msg(t.sec == c->sec, "%s: sec %lld, expected %lld", c->text, t.sec, c->sec);
    ck_assert_msg(t.nsec == c->nsec, "%s: nsec %ld, expected %ld", c->text, t.nsec, c->nsec);
  }
}
END_TEST

START_TEST(test_date_parse)
{
  report_time_t	t;


  ck_assert_int_eq(reportDateParse("2026-11-22", &t), 0);
  ck_assert(t.sec == 1795305600 && t.nsec == 0);
  ck_assert_int_eq(reportDateParse("2024-02-29", &t), 0);
  ck_assert(t.sec == 1709164800);
  ck_assert_int_eq(reportDateParse("2023-02-29", &t), -1);
  ck_assert_int_eq(reportDateParse("2026-11-22T00:00:00Z", &t), -1);
  ck_assert_int_eq(reportDateParse("2026-11-2", &t), -1);
  ck_assert_int_eq(reportDateParse("2026/11/22", &t), -1);
}
END_TEST


/*
 * Filters...
 */

typedef struct filter_case_s
{
  const char	*since, *until;		/* --since, --until or NULL */
  const char	*user, *printer, *app;	/* Exact filters or NULL */
  const char	*time;			/* Record time */
  int		keep;			/* Expected result */
} filter_case_t;

static const filter_case_t filter_cases[] =
{
  { NULL, NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  // A date for --until means through the end of that day (UTC).
  { NULL, "2026-11-22", NULL, NULL, NULL, "2026-11-22T23:59:59.999Z", 1 },
  { NULL, "2026-11-22", NULL, NULL, NULL, "2026-11-23T00:00:00.000Z", 0 },
  { NULL, "2026-11-22", NULL, NULL, NULL, "2026-11-22T00:00:00.000Z", 1 },
  // A date for --since is the start of that day.
  { "2026-11-22", NULL, NULL, NULL, NULL, "2026-11-22T00:00:00.000Z", 1 },
  { "2026-11-22", NULL, NULL, NULL, NULL, "2026-11-21T23:59:59.999Z", 0 },
  // RFC 3339 bounds are inclusive, at any offset.
  { "2026-11-22T21:45:00.123Z", NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  { "2026-11-22T21:45:00.124Z", NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { "2026-11-22T21:45:00.1231Z", NULL, NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, "2026-11-22T21:45:00.123Z", NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  { NULL, "2026-11-22T21:45:00.122Z", NULL, NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, "2026-11-22T22:45:00+01:00", NULL, NULL, NULL, "2026-11-22T21:45:00.000Z", 1 },
  { NULL, "2026-11-22T22:44:59+01:00", NULL, NULL, NULL, "2026-11-22T21:45:00.000Z", 0 },
  { "2026-11-22", "2026-11-22", NULL, NULL, NULL, "2026-11-22T12:00:00.000Z", 1 },
  // Exact matches; a null field never matches.
  { NULL, NULL, "alice", NULL, NULL, "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, "Alice", NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, "alic", NULL, NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, NULL, "lab", NULL, "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, NULL, "lab2", NULL, "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, NULL, NULL, "TextEdit", "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, NULL, NULL, "textedit", "2026-11-22T21:45:00.123Z", 0 },
  { NULL, NULL, "alice", "lab", "TextEdit", "2026-11-22T21:45:00.123Z", 1 },
  { NULL, NULL, "alice", "lab", "Preview", "2026-11-22T21:45:00.123Z", 0 }
};

START_TEST(test_filter)
{
  const filter_case_t	*c = filter_cases + _i;
  report_filter_t	filter;
  report_record_t	rec;
  char			error[256];
  json_t		*json;


  memset(&filter, 0, sizeof(filter));
  ck_assert(!c->since || !reportFilterSince(&filter, c->since));
  ck_assert(!c->until || !reportFilterUntil(&filter, c->until));
  filter.user        = c->user;
  filter.printer     = c->printer;
  filter.application = c->app;

  json = json_pack("{s:s, s:s, s:{s:s, s:s, s:n}, s:{s:s}}", "schema", PAUDIT_SCHEMA,
                   "time", c->time, "job", "user", "alice", "application", "TextEdit",
                   "title", "printer", "name", "lab");
  ck_assert_ptr_nonnull(json);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, error, sizeof(error)), 0);
  ck_assert_msg(reportFilterMatch(&filter, &rec) == c->keep, "case %d: expected %s", _i,
                c->keep ? "kept" : "dropped");
  json_decref(json);
}
END_TEST

START_TEST(test_filter_values)
{
  report_filter_t	filter;


  memset(&filter, 0, sizeof(filter));
  ck_assert_int_eq(reportFilterSince(&filter, "2026-11-22T21:45:00Z"), 0);
  ck_assert_int_eq(reportFilterSince(&filter, "last week"), -1);
  ck_assert_int_eq(reportFilterUntil(&filter, "2026-11-31"), -1);
  ck_assert_int_eq(reportFilterUntil(&filter, "2026-11-30"), 0);
  ck_assert(filter.until_before && filter.until.sec == 1796083200LL);
}
END_TEST


/*
 * Record fields...
 */

START_TEST(test_record_fields)
{
  report_record_t	rec;
  char			error[256], address[64];
  json_t		*json;


  json = json_pack("{s:s, s:s, s:{s:s, s:s, s:n, s:i, s:i}, s:{s:s, s:s, s:i}}",
                   "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00.123Z",
                   "job", "user", "u", "title", "T", "document_name", "impressions", 4,
                   "copies", 2, "printer", "name", "p", "host", "fe80::1", "port", 9100);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, error, sizeof(error)), 0);
  ck_assert_str_eq(rec.document, "T");		// title when no document_name
  ck_assert(rec.impressions == 4 && rec.copies == 2 && rec.port == 9100);
  ck_assert_ptr_null(rec.application);
  ck_assert_str_eq(reportAddress(&rec, address, sizeof(address)), "[fe80::1]:9100");
  json_decref(json);

  json = json_pack("{s:s, s:s, s:{s:s, s:s, s:i}, s:{s:s, s:n}}",
                   "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00.123Z",
                   "job", "title", "T", "document_name", "D", "impressions", -3,
                   "printer", "host", "h", "port");
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, error, sizeof(error)), 0);
  ck_assert_str_eq(rec.document, "D");
  ck_assert(rec.impressions == -1 && rec.copies == -1 && rec.port == -1);
  ck_assert_str_eq(reportAddress(&rec, address, sizeof(address)), "h");
  json_decref(json);

  json = json_pack("{s:s, s:s}", "schema", PAUDIT_SCHEMA, "time", "2026-11-22");
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, error, sizeof(error)), -1);
  ck_assert_ptr_nonnull(strstr(error, "time"));
  json_decref(json);

  json = json_pack("{s:s, s:s}", "schema", "printaudit/2", "time", "2026-11-22T21:45:00Z");
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, error, sizeof(error)), -1);
  json_decref(json);
}
END_TEST


/*
 * CSV and table cells...
 */

typedef struct text_case_s
{
  const char	*in;			/* Value */
  int		width, right;		/* Table cell */
  const char	*out;			/* Expected output */
} text_case_t;

static const text_case_t csv_cases[] =
{
  { "plain", 0, 0, "plain" },
  { "", 0, 0, "" },
  { " spaced ", 0, 0, " spaced " },
  { "a,b", 0, 0, "\"a,b\"" },
  { "say \"hi\"", 0, 0, "\"say \"\"hi\"\"\"" },
  { "\"", 0, 0, "\"\"\"\"" },
  { "l1\nl2", 0, 0, "\"l1\nl2\"" },
  { "cr\r", 0, 0, "\"cr\r\"" },
  { "\xc3\xbcn\xc3\xaf", 0, 0, "\xc3\xbcn\xc3\xaf" },
  { "semi;colon'quote", 0, 0, "semi;colon'quote" },
  // Formulas (CSV injection): a leading "'", as OWASP recommends
  { "=HYPERLINK(\"http://x/\",\"y\")", 0, 0, "\"'=HYPERLINK(\"\"http://x/\"\",\"\"y\"\")\"" },
  { "=1+1", 0, 0, "'=1+1" },
  { "+1", 0, 0, "'+1" },
  { "-2+3", 0, 0, "'-2+3" },
  { "@SUM(A1)", 0, 0, "'@SUM(A1)" },
  { "\tx", 0, 0, "'\tx" },
  { "\rx", 0, 0, "\"'\rx\"" },
  { "=a,b", 0, 0, "\"'=a,b\"" },
  { "a=b", 0, 0, "a=b" },
  { " =1", 0, 0, " =1" },
  { "'=1", 0, 0, "'=1" }
};

START_TEST(test_csv_field)
{
  const text_case_t	*c = csv_cases + _i;
  memout_t		m;


  memout_open(&m);
  reportCSVField(m.fp, c->in, strlen(c->in));
  ck_assert_str_eq(memout_text(&m), c->out);
  memout_free(&m);
}
END_TEST

static const text_case_t cell_cases[] =
{
  { "abc", 5, 0, "abc  " },
  { "abc", 5, 1, "  abc" },
  { "abcde", 5, 0, "abcde" },
  { "abcdef", 5, 0, "abcd" REPORT_CUT_MARK },
  { "abcdef", 5, 1, "abcd" REPORT_CUT_MARK },
  { "abc", 0, 0, "abc" },
  { NULL, 3, 0, "-  " },
  { "a\nb", 5, 0, "a\\nb " },
  { "a\tb", 4, 0, "a\\tb" },
  { "a\x1b[2J", 10, 0, "a\\x1b[2J  " },
  { "a\x7f", 5, 0, "a\\x7f" },
  { "ab\ncd", 4, 0, "ab" REPORT_CUT_MARK " " },
  { "x\xc2\x85y", 10, 0, "x\\u0085y  " },
  { "x\xe2\x80\xa8y", 10, 0, "x\\u2028y  " },
  { "h\xc3\xa9llo", 5, 0, "h\xc3\xa9llo" },
  { "h\xc3\xa9llo!", 5, 0, "h\xc3\xa9ll" REPORT_CUT_MARK },
  { "\xe6\x97\xa5\xe6\x9c\xac", 4, 0, "\xe6\x97\xa5\xe6\x9c\xac  " }
};

START_TEST(test_table_cell)
{
  const text_case_t	*c = cell_cases + _i;
  memout_t		m;


  memout_open(&m);
  reportTableCell(m.fp, c->in, c->width, c->right);
  ck_assert_str_eq(memout_text(&m), c->out);
  memout_free(&m);
}
END_TEST


/*
 * Line reader...
 */

typedef struct read_case_s
{
  report_read_t	what;			/* Expected result */
  const char	*line;			/* Expected line */
} read_case_t;

START_TEST(test_reader)
{
  static const char	input[] = "short\nexactly10c\nelevenchars\n\ncrlf\r\n"
                                  "0123456789abcdefghij0123456789\ntail";
  static const read_case_t expect[] =
  {
    { REPORT_READ_LINE, "short" },
    { REPORT_READ_LINE, "exactly10c" },
    { REPORT_READ_TOOLONG, NULL },
    { REPORT_READ_LINE, "" },
    { REPORT_READ_LINE, "crlf\r" },
    { REPORT_READ_TOOLONG, NULL },
    { REPORT_READ_LINE, "tail" },
    { REPORT_READ_EOF, NULL }
  };
  FILE			*fp = tmpfile();
  report_reader_t	*reader;
  const char		*line;
  size_t		len, i;
  report_read_t		got;


  ck_assert_ptr_nonnull(fp);
  ck_assert_int_eq(fwrite(input, 1, sizeof(input) - 1, fp), sizeof(input) - 1);
  ck_assert_int_eq(fflush(fp), 0);
  rewind(fp);
  reader = reportReaderNew(fileno(fp), 10);
  ck_assert_ptr_nonnull(reader);

  for (i = 0; i < COUNT(expect); i ++)
  {
    got = reportReaderNext(reader, &line, &len);
    ck_assert_msg(got == expect[i].what, "line %zu: got %d, expected %d", i + 1,
                  (int)got, (int)expect[i].what);
    if (got != REPORT_READ_EOF)
      ck_assert_int_eq(reportReaderLine(reader), (long long)i + 1);
    if (expect[i].line)
    {
      ck_assert_uint_eq(len, strlen(expect[i].line));
      ck_assert(!memcmp(line, expect[i].line, len));
    }
  }

  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_EOF);
  reportReaderDelete(reader);
  fclose(fp);
}
END_TEST

START_TEST(test_reader_big)
{
  // Lines longer than the buffer and the cap: skipped, then back in step.
  size_t		big = 5 * 1024 * 1024, i, len;
  FILE			*fp = tmpfile();
  report_reader_t	*reader;
  const char		*line;
  char			*data = malloc(big);


  ck_assert_ptr_nonnull(fp);
  ck_assert_ptr_nonnull(data);
  memset(data, 'x', big);
  for (i = 0; i < 3; i ++)
  {
    fprintf(fp, "line%zu\n", i);
    ck_assert_int_eq(fwrite(data, 1, i == 1 ? 2 * 1024 * 1024 : big, fp),
                     i == 1 ? 2 * 1024 * 1024 : big);
    putc('\n', fp);
  }
  fputs("end\n", fp);
  ck_assert_int_eq(fflush(fp), 0);
  rewind(fp);
  free(data);

  reader = reportReaderNew(fileno(fp), 3 * 1024 * 1024);
  ck_assert_ptr_nonnull(reader);
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_LINE);
  ck_assert(len == 5 && !memcmp(line, "line0", 5));
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_TOOLONG);
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_LINE);
  ck_assert(len == 5 && !memcmp(line, "line1", 5));
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_LINE);
  ck_assert_uint_eq(len, 2 * 1024 * 1024);
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_LINE);
  ck_assert(len == 5 && !memcmp(line, "line2", 5));
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_TOOLONG);
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_LINE);
  ck_assert(len == 3 && !memcmp(line, "end", 3));
  ck_assert_int_eq(reportReaderLine(reader), 7);
  ck_assert_int_eq(reportReaderNext(reader, &line, &len), REPORT_READ_EOF);
  reportReaderDelete(reader);
  fclose(fp);
}
END_TEST


/*
 * Messages...
 */

#define REC "{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.start\",\"id\":\"ab\"},\"time\":\"2026-11-22T21:45:00.123Z\"}"
#define REC_ESCAPED "{\\\"schema\\\":\\\"printaudit/1\\\",\\\"event\\\":{\\\"action\\\":\\\"job.start\\\",\\\"id\\\":\\\"ab\\\"},\\\"time\\\":\\\"2026-11-22T21:45:00.123Z\\\"}"

typedef struct message_case_s
{
  const char	*line;			/* Input line */
  report_kind_t	kind;			/* Expected kind */
  const char	*text;			/* Expected text, or error substring */
} message_case_t;

static const message_case_t message_cases[] =
{
  { REC, REPORT_KIND_RECORD, REC },
  { REC "\r", REPORT_KIND_RECORD, REC },
  { "  " REC "  ", REPORT_KIND_RECORD, REC },
  { "Dec  1 21:18:03 printsrv1 printaudit[123]: " REC, REPORT_KIND_RECORD, REC },
  { "2026-11-22T21:45:00.123456+00:00 printsrv1 printaudit[9]: " REC, REPORT_KIND_RECORD, REC },
  { "{\"timestamp\":\"2026-11-22 22:45:00.123456+0100\",\"eventMessage\":\"" REC_ESCAPED
    "\",\"processID\":12}", REPORT_KIND_RECORD, REC },
  { "{\"eventMessage\":\"printaudit: " REC_ESCAPED "\"}", REPORT_KIND_RECORD, REC },
  { "{\"count\":42,\"finished\":1}", REPORT_KIND_TRAILER, NULL },
  { "", REPORT_KIND_BLANK, NULL },
  { " \t\r", REPORT_KIND_BLANK, NULL },
  { "Filtering the log data using \"process == printaudit\"", REPORT_KIND_ERROR, "no JSON object" },
  { "{\"schema\":\"printaudit/1\",", REPORT_KIND_ERROR, "not JSON" },
  { REC " trailing", REPORT_KIND_ERROR, "not JSON" },
  { "{\"schema\":\"printaudit/2\",\"event\":{}}", REPORT_KIND_ERROR, "unknown schema \"printaudit/2\"" },
  { "{\"schema\":\"a\\nb\",\"event\":{}}", REPORT_KIND_ERROR, "unknown schema \"a\\x0ab\"" },
  { "{\"schema\":1}", REPORT_KIND_ERROR, "no \"schema\"" },
  { "{\"foo\":1}", REPORT_KIND_ERROR, "no \"schema\"" },
  { "{\"@timestamp\":\"2026-11-22T21:45:00.123Z\",\"ecs\":{\"version\":\"8.11\"}}",
    REPORT_KIND_ERROR, "no \"schema\"" },
  { "{\"ecs\":{},\"event\":{\"id\":\"x\"},\"printaudit\":{\"schema\":\"printaudit/1\"}}",
    REPORT_KIND_RECORD, "{\"ecs\":{},\"event\":{\"id\":\"x\"},\"printaudit\":{\"schema\":\"printaudit/1\"}}" },
  { "{\"ecs\":{},\"event\":{\"id\":\"x\",\"part\":1,\"parts\":2},\"printaudit\":{\"schema\":\"printaudit/1\"}}",
    REPORT_KIND_PART, "{\"ecs\":{},\"event\":{\"id\":\"x\",\"part\":1,\"parts\":2},\"printaudit\":{\"schema\":\"printaudit/1\"}}" },
  { "{\"eventMessage\":\"hello\"}", REPORT_KIND_ERROR, "no JSON object" },
  { "{\"schema\":\"printaudit/1\"}", REPORT_KIND_ERROR, "without \"event\"" },
  { "{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.continued\",\"id\":\"ab\",\"part\":2,"
    "\"parts\":2},\"options_slice\":\"{}\"}", REPORT_KIND_PART, NULL },
  { "{\"schema\":\"printaudit/1\",\"s\":\"\xff\"}", REPORT_KIND_ERROR, "not JSON" }
};

START_TEST(test_message)
{
  const message_case_t	*c = message_cases + _i;
  report_message_t	msg;
  report_kind_t		kind = reportMessageParse(&msg, c->line, strlen(c->line));


  ck_assert_msg(kind == c->kind && msg.kind == kind, "%s: kind %d, expected %d (%s)",
                c->line, (int)kind, (int)c->kind, msg.error);
  if (kind == REPORT_KIND_RECORD)
  {
    ck_assert_msg(msg.len == strlen(c->text) && !memcmp(msg.text, c->text, msg.len),
                  "%s: text %.*s", c->line, (int)msg.len, msg.text);
    ck_assert(json_is_object(msg.json));
  }
  else if (kind == REPORT_KIND_ERROR)
    ck_assert_msg(strstr(msg.error, c->text) != NULL, "%s: error \"%s\", expected \"%s\"",
                  c->line, msg.error, c->text);
  reportMessageClear(&msg);
}
END_TEST


/*
 * Entries of "journalctl -o json": every field a string, a field that is
 * not printable UTF-8 an array of bytes, one over 4096 bytes null, one
 * given twice an array of values; _UID is kept for the trust check.
 */

#define JOURNAL_HEAD "{\"__CURSOR\":\"s=0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e;i=1a2b;b=9f8e7d6c5b4a39281706f5e4d3c2b1a0;m=2d4c1b0;t=5f6e7d8c9bab0;x=7c6b5a4938271605\"," \
  "\"__REALTIME_TIMESTAMP\":\"1763847900123456\",\"__MONOTONIC_TIMESTAMP\":\"47497648\"," \
  "\"_BOOT_ID\":\"9f8e7d6c5b4a39281706f5e4d3c2b1a0\",\"_MACHINE_ID\":\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\"," \
  "\"_HOSTNAME\":\"printsrv1\",\"PRIORITY\":\"5\",\"SYSLOG_FACILITY\":\"6\",\"_TRANSPORT\":\"syslog\"," \
  "\"SYSLOG_IDENTIFIER\":\"printaudit\",\"SYSLOG_PID\":\"4242\",\"_PID\":\"4242\",\"_GID\":\"0\"," \
  "\"_COMM\":\"printaudit\",\"SYSLOG_TIMESTAMP\":\"Nov 22 21:45:00 \","

typedef struct journal_case_s
{
  const char	*line;			/* journalctl -o json line */
  report_kind_t	kind;			/* Expected kind */
  long long	uid;			/* Expected uid */
  const char	*text;			/* Expected text, or error part */
} journal_case_t;

static const journal_case_t journal_cases[] =
{
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, 0, REC },
  { JOURNAL_HEAD "\"_UID\":\"7\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, 7, REC },
  { JOURNAL_HEAD "\"_UID\":\"1000\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, 1000, REC },
  { JOURNAL_HEAD "\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  { JOURNAL_HEAD "\"_UID\":\"0x0\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  { JOURNAL_HEAD "\"_UID\":\"-1\",\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  { JOURNAL_HEAD "\"_UID\":0,\"MESSAGE\":\"" REC_ESCAPED "\"}", REPORT_KIND_RECORD, -1, REC },
  // Bytes: {"schema":"printaudit/1","event":{"id":"x"},"time":"t"}
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,34,115,99,104,101,109,97,34,58,34,112,114,105,110,116,"
    "97,117,100,105,116,47,49,34,44,34,101,118,101,110,116,34,58,123,34,105,100,34,58,34,120,34,125,"
    "44,34,116,105,109,101,34,58,34,116,34,125]}", REPORT_KIND_RECORD, 0,
    "{\"schema\":\"printaudit/1\",\"event\":{\"id\":\"x\"},\"time\":\"t\"}" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,34,115,34,58,34,255,34,125]}", REPORT_KIND_ERROR, 0, "not JSON" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,300]}", REPORT_KIND_ERROR, 0, "not an array of bytes" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[123,0,125]}", REPORT_KIND_ERROR, 0, "NUL byte" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":null}", REPORT_KIND_ERROR, 0, "--all" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":[\"a\",\"b\"]}", REPORT_KIND_ERROR, 0, "several MESSAGE values" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":{}}", REPORT_KIND_ERROR, 0, "not text" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":\"hello\"}", REPORT_KIND_ERROR, 0, "no JSON object" },
  { JOURNAL_HEAD "\"_UID\":\"0\",\"MESSAGE\":\"{\\\"schema\\\":\\\"printaudit/1\\\",\\\"event\\\":{\\\"action\\\":"
    "\\\"job.continued\\\",\\\"id\\\":\\\"ab\\\",\\\"part\\\":2,\\\"parts\\\":2},\\\"options_slice\\\":\\\"{}\\\"}\"}",
    REPORT_KIND_PART, 0, NULL },
};

START_TEST(test_message_journal)
{
  const journal_case_t	*c = journal_cases + _i;
  report_message_t	msg;
  report_kind_t		kind = reportMessageParse(&msg, c->line, strlen(c->line));


  ck_assert_msg(kind == c->kind && msg.kind == kind, "#%d: kind %d, expected %d (%s)",
                _i, (int)kind, (int)c->kind, msg.error);
  ck_assert_msg(msg.journal, "#%d: not read as a journal entry", _i);
  ck_assert_msg(msg.uid == c->uid, "#%d: uid %lld, expected %lld", _i, msg.uid, c->uid);
  if (kind == REPORT_KIND_RECORD)
    ck_assert_msg(msg.len == strlen(c->text) && !memcmp(msg.text, c->text, msg.len),
                  "#%d: text %.*s", _i, (int)msg.len, msg.text);
  else if (kind == REPORT_KIND_ERROR)
    ck_assert_msg(strstr(msg.error, c->text) != NULL, "#%d: error \"%s\", expected \"%s\"",
                  _i, msg.error, c->text);
  reportMessageClear(&msg);

  // Other inputs carry no uid.
  ck_assert_int_eq(reportMessageParse(&msg, REC, strlen(REC)), REPORT_KIND_RECORD);
  ck_assert(!msg.journal && msg.uid == -1);
  reportMessageClear(&msg);
}
END_TEST


/*
 * Lean records (scan.c): taken only when jansson reads the text alike.
 */

#define LEAN_HEAD "{\"schema\":\"printaudit/1\",\"event\":{\"action\":\"job.start\",\"id\":\"ab\"}," \
  "\"time\":\"2026-11-22T21:45:00.123Z\","

typedef struct lean_case_s
{
  const char	*text;			/* Record text */
  size_t	len;			/* Its length, 0 for strlen() */
  int		lean;			/* 1 if it must be read lean, 0 if left to jansson */
} lean_case_t;

static const lean_case_t lean_cases[] =
{
  { LEAN_HEAD "\"job\":{\"user\":\"u\",\"title\":\"T\",\"id\":7,\"copies\":2,\"impressions\":3}}", 0, 1 },
  { " " LEAN_HEAD "\"job\":{}}", 0, 0 },		// Not at its '{'
  { "{ \"schema\" : \"printaudit/1\" ,\r\n\t\"event\" : { } , \"time\" : \"2026-11-22T21:45:00Z\" } ", 0, 1 },
  // Strings: escapes, UTF-8
  { LEAN_HEAD "\"job\":{\"title\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\tz\"}}", 0, 1 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\u0041\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\u0000\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\x\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"a\\\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac \xf0\x9d\x84\x9e \x7f\"}}", 0, 1 },
  { LEAN_HEAD "\"job\":{\"title\":\"\xff\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"\xc0\xaf\"}}", 0, 0 },		// Overlong
  { LEAN_HEAD "\"job\":{\"title\":\"\xe0\x80\xaf\"}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"title\":\"\xed\xa0\x80\"}}", 0, 0 },		// Surrogate
  { LEAN_HEAD "\"job\":{\"title\":\"\xf4\x90\x80\x80\"}}", 0, 0 },	// Above U+10FFFF
  { LEAN_HEAD "\"job\":{\"title\":\"\xe2\x82\"}}", 0, 0 },		// Cut
  { LEAN_HEAD "\"options\":{\"x\":\"\xe2\x82\"}}", 0, 0 },		// Skipped, still checked
  { LEAN_HEAD "\"job\":{\"title\":\"a\tb\"}}", 0, 0 },			// Control character
  { LEAN_HEAD "\"job\":{\"title\":\"a\0b\"}}", sizeof(LEAN_HEAD "\"job\":{\"title\":\"a\0b\"}}") - 1, 0 },
  { LEAN_HEAD "\"job\":{\"ti\\/tle\":\"x\",\"title\":\"y\"}}", 0, 1 },	// Escaped name
  { LEAN_HEAD "\"job\":{\"\":\"x\"},\"\":1}", 0, 1 },
  // Repeated names: the last wins
  { LEAN_HEAD "\"job\":{\"user\":\"a\",\"user\":\"b\"},\"job\":{\"user\":\"c\",\"title\":\"t\"}}", 0, 1 },
  { LEAN_HEAD "\"schema\":\"printaudit/2\",\"job\":{}}", 0, 0 },
  { LEAN_HEAD "\"time\":\"2026-11-23T00:00:00Z\",\"time\":null}", 0, 1 },
  // Numbers
  { LEAN_HEAD "\"job\":{\"copies\":-0,\"id\":123456789012345678,\"impressions\":-5}}", 0, 1 },
  { LEAN_HEAD "\"job\":{\"id\":1234567890123456789}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"id\":99999999999999999999}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":01}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":1.5}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":1.}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":-}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":+1}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"copies\":2,\"x\":[1.25,-0.5,0,-7]}}", 0, 1 },
  { LEAN_HEAD "\"options\":{\"x\":1e999}}", 0, 0 },
  { LEAN_HEAD "\"options\":{\"x\":1E5}}", 0, 0 },
  { LEAN_HEAD "\"options\":{\"x\":12abc}}", 0, 0 },
  // Literals
  { LEAN_HEAD "\"job\":{\"color\":null,\"sides\":true,\"user\":false},\"x\":[true,false,null]}", 0, 1 },
  { LEAN_HEAD "\"x\":truex}", 0, 0 },
  { LEAN_HEAD "\"x\":nul}", 0, 0 },
  { LEAN_HEAD "\"x\":True}", 0, 0 },
  // Structure
  { LEAN_HEAD "\"job\":{},}", 0, 0 },
  { LEAN_HEAD "\"x\":[1,]}", 0, 0 },
  { LEAN_HEAD "\"x\":[]}", 0, 1 },
  { LEAN_HEAD "\"x\":{}}", 0, 1 },
  { LEAN_HEAD "\"x\":[[{\"a\":[{}]}]]}", 0, 1 },
  { LEAN_HEAD "\"job\":{}} x", 0, 0 },
  { LEAN_HEAD "\"job\":{}}}", 0, 0 },
  { LEAN_HEAD "\"job\":{}", 0, 0 },
  { LEAN_HEAD "\"job\" {}}", 0, 0 },
  { LEAN_HEAD "job:{}}", 0, 0 },
  { LEAN_HEAD "\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", 0, 0 },
  // Not for the lean path: ECS, split parts, kept members of other types
  { LEAN_HEAD "\"ecs\":{}}", 0, 0 },
  { LEAN_HEAD "\"event\":{\"id\":\"x\",\"part\":1,\"parts\":2}}", 0, 0 },
  { LEAN_HEAD "\"job\":\"x\"}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"user\":{\"name\":\"u\"}}}", 0, 0 },
  { LEAN_HEAD "\"job\":{\"user\":[\"u\"]}}", 0, 0 },
  { "{\"schema\":\"printaudit/1\",\"time\":\"2026-11-22T21:45:00Z\"}", 0, 0 },
  { "{\"schema\":\"printaudit/1\",\"event\":[],\"time\":\"2026-11-22T21:45:00Z\"}", 0, 0 },
  { "[1]", 0, 0 },
  { "", 0, 0 }
};


/*
 * 'lean_same()' - Assert that two records' fields are the same.
 */

static void
lean_same(int                   i,	/* I - Case */
          const report_record_t *a,	/* I - Read lean */
          const report_record_t *b)	/* I - Read by jansson */
{
  const char * const	sa[] = { a->time_text, a->user, a->title, a->document, a->printer,
				 a->host, a->application, a->color, a->sides, a->action,
				 a->hostname, a->uuid, a->billing, a->outcome,
				 a->pages_source, a->info, a->location };
  const char * const	sb[] = { b->time_text, b->user, b->title, b->document, b->printer,
				 b->host, b->application, b->color, b->sides, b->action,
				 b->hostname, b->uuid, b->billing, b->outcome,
				 b->pages_source, b->info, b->location };
  size_t		j;


  for (j = 0; j < COUNT(sa); j ++)
    ck_assert_msg((!sa[j] && !sb[j]) || (sa[j] && sb[j] && !strcmp(sa[j], sb[j])),
                  "#%d: field %d: \"%s\", jansson \"%s\"", i, (int)j,
                  sa[j] ? sa[j] : "(null)", sb[j] ? sb[j] : "(null)");
  ck_assert_msg(a->port == b->port && a->impressions == b->impressions &&
                a->copies == b->copies && a->job_id == b->job_id && a->pages == b->pages &&
                a->starts == b->starts && a->has_start == b->has_start &&
                !reportTimeCompare(&a->time, &b->time), "#%d: numbers differ", i);
}


START_TEST(test_scan_record)
{
  const lean_case_t	*c = lean_cases + _i;
  size_t		len = c->len ? c->len : strlen(c->text);
  json_t		*lean = reportScanRecord(c->text, len),
			*full = json_loadb(c->text, len, 0, NULL);
  report_record_t	a, b;
  char			error[256];
  int			ra, rb;


  // Never take what jansson refuses.
  if (!full)
    ck_assert_msg(lean == NULL, "#%d: taken, but not JSON to jansson", _i);
  ck_assert_msg((lean != NULL) == c->lean, "#%d: %s", _i, lean ? "taken" : "left to jansson");

  if (lean)
  {
    ra = reportRecordInit(&a, lean, c->text, len, error, sizeof(error));
    rb = reportRecordInit(&b, full, c->text, len, error, sizeof(error));
    ck_assert_msg(ra == rb, "#%d: %d, jansson %d", _i, ra, rb);
    if (!ra)
      lean_same(_i, &a, &b);
  }

  json_decref(lean);
  json_decref(full);
}
END_TEST


START_TEST(test_scan_golden)
{
  char			*text, error[256];
  size_t		len;
  json_t		*full = load_record("macos-textedit-socket.record.json", &text, &len),
			*lean = reportScanRecord(text, len);
  report_record_t	a, b;


  // The shim's own record, every field set, is read lean and alike.
  ck_assert_ptr_nonnull(lean);
  ck_assert_int_eq(reportRecordInit(&a, lean, text, len, error, sizeof(error)), 0);
  ck_assert_int_eq(reportRecordInit(&b, full, text, len, error, sizeof(error)), 0);
  ck_assert_ptr_nonnull(a.user);
  ck_assert_ptr_nonnull(a.host);
  ck_assert(a.job_id > 0 && a.port > 0 && a.copies > 0);
  lean_same(0, &a, &b);
  ck_assert_ptr_null(json_object_get(lean, "options"));	// Never built

  json_decref(lean);
  json_decref(full);
  free(text);
}
END_TEST


START_TEST(test_message_lean)
{
  report_message_t	msg, full;
  report_kind_t		kind;
  const char		*line;


  // Every message case reads alike with lean records.
  line = _i < (int)COUNT(message_cases) ? message_cases[_i].line :
         journal_cases[_i - (int)COUNT(message_cases)].line;

  reportMessageLean(0);
  kind = reportMessageParse(&full, line, strlen(line));
  reportMessageLean(1);
  ck_assert_int_eq(reportMessageParse(&msg, line, strlen(line)), kind);
  reportMessageLean(0);

  ck_assert_str_eq(msg.error, full.error);
  ck_assert(msg.len == full.len && msg.uid == full.uid && msg.journal == full.journal);
  ck_assert(!msg.len || !memcmp(msg.text, full.text, msg.len));
  if (kind == REPORT_KIND_RECORD || kind == REPORT_KIND_PART)
    ck_assert(json_is_object(msg.json));
  reportMessageClear(&msg);
  reportMessageClear(&full);
}
END_TEST


/*
 * Joining split records...
 */

typedef struct parts_s			/* Parts of split records */
{
  char		*text[64];		/* Messages */
  size_t	count;			/* Number of messages */
} parts_t;

typedef struct incomplete_s		/* What the callback saw */
{
  int		calls;			/* Calls */
  char		id[65];			/* Last event.id */
  size_t	have, parts;		/* Last counts */
  long long	line;			/* Last first line */
} incomplete_t;

/*
 * 'parts_add()' - Keep one split message (a paudit_part_cb_t).
 */

static int				/* O - 0 */
parts_add(const char *message,		/* I - One message */
          size_t     len,		/* I - Length */
          void       *data)		/* I - parts_t */
{
  parts_t	*parts = (parts_t *)data;


  ck_assert_uint_lt(parts->count, COUNT(parts->text));
  ck_assert_uint_le(len, 900);
  parts->text[parts->count] = strndup(message, len);
  ck_assert_ptr_nonnull(parts->text[parts->count]);
  parts->count ++;

  return (0);
}

/*
 * 'parts_free()' - Free the kept messages.
 */

static void
parts_free(parts_t *parts)		/* I - Parts */
{
  while (parts->count > 0)
    free(parts->text[-- parts->count]);
}

/*
 * 'incomplete_cb()' - Remember what the joiner gave up.
 */

static void
incomplete_cb(const char     *id,	/* I - event.id */
              report_where_t first,	/* I - First part */
              size_t         have,	/* I - Parts held */
              size_t         parts,	/* I - Parts in all */
              void           *data)	/* I - incomplete_t */
{
  incomplete_t	*seen = (incomplete_t *)data;


  seen->calls ++;
  snprintf(seen->id, sizeof(seen->id), "%s", id);
  seen->have  = have;
  seen->parts = parts;
  seen->line  = first.line;
}


/*
 * 'split_record()' - Split a record (event.id set to id) at 900 bytes.
 */

static char *				/* O - Compact text of the record; free() it */
split_record(json_t     *record,	/* I - Record */
             const char *id,		/* I - event.id */
             parts_t    *parts)		/* O - Parts */
{
  char		*text;
  size_t	len;


  ck_assert_int_eq(json_object_set_new(json_object_get(record, "event"), "id", json_string(id)), 0);
  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  memset(parts, 0, sizeof(parts_t));
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 900, parts_add, parts), PAUDIT_STATUS_OK);
  ck_assert_uint_ge(parts->count, 3);

  return (text);
}


/*
 * 'feed()' - Give the joiner one message.
 */

static report_join_status_t
feed(report_join_t *join,		/* I - Joiner */
     const char    *message,		/* I - Message */
     long long     line,		/* I - Line number */
     char          **joined)		/* O - Joined text when complete */
{
  report_message_t	msg;
  report_where_t	where = { "test", line };
  report_join_status_t	status;
  json_t		*record;
  char			error[256];
  size_t		len;


  ck_assert_int_eq(reportMessageParse(&msg, message, strlen(message)), REPORT_KIND_PART);
  status = reportJoinAdd(join, &msg, where, &record, joined, &len, error, sizeof(error));
  if (status == REPORT_JOIN_COMPLETE)
  {
    ck_assert_ptr_nonnull(record);
    ck_assert_uint_eq(len, strlen(*joined));
    json_decref(record);
  }
  reportMessageClear(&msg);

  return (status);
}

START_TEST(test_join_orders)
{
  // Every part order gives back the identical record: in order, reversed,
  // and interleaved with another record.
  json_t	*record;
  char		*a, *b, *joined = NULL, *scratch;
  size_t	len, i, n;
  parts_t	pa, pb;
  report_join_t	*join;
  incomplete_t	seen = { 0 };


  record = load_record("macos-textedit-socket.record.json", &scratch, &len);
  free(scratch);
  a = split_record(record, "0123456789abcdef0123456789abcdef", &pa);
  b = split_record(record, "fedcba9876543210fedcba9876543210", &pb);
  ck_assert_uint_eq(pa.count, pb.count);
  n = pa.count;

  join = reportJoinNew(16, 1 << 20, incomplete_cb, &seen);
  for (i = 0; i < n; i ++)
    ck_assert_int_eq(feed(join, pa.text[i], (long long)i + 1, &joined),
                     i + 1 < n ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  assert_same(joined, a);
  free(joined);

  for (i = n; i > 0; i --)
    ck_assert_int_eq(feed(join, pa.text[i - 1], (long long)i, &joined),
                     i > 1 ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  assert_same(joined, a);
  free(joined);

  for (i = 0; i < 2 * n; i ++)
  {
    report_join_status_t status = feed(join, (i % 2 ? pb : pa).text[i / 2], (long long)i, &joined);

    ck_assert_int_eq(status, i / 2 + 1 < n ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
    if (status == REPORT_JOIN_COMPLETE)
    {
      assert_same(joined, i % 2 ? b : a);
      free(joined);
    }
  }

  ck_assert_uint_eq(reportJoinPendingBytes(join), 0);
  ck_assert_uint_eq(reportJoinFlush(join), 0);
  ck_assert_int_eq(seen.calls, 0);

  reportJoinDelete(join);
  parts_free(&pa);
  parts_free(&pb);
  free(a);
  free(b);
  json_decref(record);
}
END_TEST

START_TEST(test_join_record_slices)
{
  // A core too long for a message: part 1 is cut short (abbreviated), the
  // other parts have record slices; and a "truncated" array after
  // "options" comes back in its place.
  json_t	*record, *truncated;
  char		*text, *joined = NULL, *title, *fix;
  size_t	len, i;
  parts_t	parts;
  report_join_t	*join;


  record = load_record("macos-textedit-socket.record.json", &text, &len);
  free(text);
  title = malloc(4097);
  memset(title, 'T', 4096);
  title[4096] = '\0';
  ck_assert_int_eq(json_object_set_new(json_object_get(record, "job"), "title", json_string(title)), 0);
  truncated = json_pack("[s]", "job.title");
  ck_assert_int_eq(json_object_set_new(record, "truncated", truncated), 0);
  free(title);

  text = split_record(record, "00000000000000000000000000000001", &parts);
  ck_assert_ptr_nonnull(strstr(parts.text[0], "\"part\":1,"));
  ck_assert_ptr_nonnull(strstr(parts.text[0], "\"abbreviated\":true"));
  ck_assert_ptr_null(strstr(parts.text[0], "\"record_slice\""));
  ck_assert_ptr_nonnull(strstr(parts.text[1], "\"record_slice\""));
  ck_assert_ptr_nonnull(strstr(text, "},\"truncated\":[\"job.title\"]}"));

  join = reportJoinNew(16, 1 << 20, NULL, NULL);
  for (i = parts.count; i > 0; i --)
    ck_assert_int_eq(feed(join, parts.text[i - 1], (long long)i, &joined),
                     i > 1 ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  assert_same(joined, text);
  free(joined);
  free(text);
  parts_free(&parts);

  // Options slices with "truncated" after them.
  json_decref(record);
  record = load_record("macos-textedit-socket.record.json", &text, &len);
  free(text);
  ck_assert_int_eq(json_object_set_new(record, "truncated", json_pack("[s]", "job.title")), 0);
  text = split_record(record, "00000000000000000000000000000002", &parts);
  ck_assert_ptr_nonnull(strstr(text, "},\"truncated\":[\"job.title\"]}"));
  ck_assert_ptr_null(strstr(parts.text[0], "\"record_slice\""));
  ck_assert_ptr_null(strstr(parts.text[0], "\"options\""));
  ck_assert_ptr_nonnull(strstr(parts.text[1], "\"options_slice\""));
  for (i = 0; i < parts.count; i ++)
    ck_assert_int_eq(feed(join, parts.text[i], (long long)i, &joined),
                     i + 1 < parts.count ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  assert_same(joined, text);
  free(joined);

  // An abbreviated part 1 cannot take options slices.
  fix = replace_once(parts.text[0], ",\"parts\":", ",\"abbreviated\":true,\"parts\":");
  ck_assert_ptr_nonnull(fix);
  for (i = 0; i < parts.count; i ++)
    ck_assert_int_eq(feed(join, i ? parts.text[i] : fix, (long long)i, &joined),
                     i + 1 < parts.count ? REPORT_JOIN_PENDING : REPORT_JOIN_ERROR);
  free(fix);
  free(text);
  parts_free(&parts);

  // The earlier form: record slices from part 1 on, no core.
  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  for (i = 0; i < 2; i ++)
  {
    json_t *part = json_pack("{s:s, s:{s:s, s:s, s:i, s:i}, s:s%}", "schema", PAUDIT_SCHEMA,
                             "event", "action", i ? "job.continued" : "job.start",
                             "id", "00000000000000000000000000000003", "part", (int)i + 1,
                             "parts", 2, "record_slice", text + (i ? len / 2 : 0),
                             i ? len - len / 2 : len / 2);
    char   *message;
    size_t mlen;

    ck_assert_ptr_nonnull(part);
    ck_assert_ptr_nonnull(message = pauditJSONNew(part, &mlen));
    ck_assert_int_eq(feed(join, message, 40 + (long long)i, &joined),
                     i ? REPORT_JOIN_COMPLETE : REPORT_JOIN_PENDING);
    free(message);
    json_decref(part);
  }
  assert_same(joined, text);
  free(joined);
  free(text);

  reportJoinDelete(join);
  json_decref(record);
}
END_TEST

START_TEST(test_join_errors)
{
  json_t	*record;
  char		*text, *joined = NULL, *bad;
  size_t	len, i;
  parts_t	parts;
  report_join_t	*join;
  incomplete_t	seen = { 0 };


  record = load_record("macos-textedit-socket.record.json", &text, &len);
  free(text);
  text = split_record(record, "0123456789abcdef0123456789abcdef", &parts);
  join = reportJoinNew(16, 1 << 20, incomplete_cb, &seen);

  // A part twice is an error; the record still completes.
  ck_assert_int_eq(feed(join, parts.text[1], 10, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(feed(join, parts.text[1], 11, &joined), REPORT_JOIN_ERROR);
  ck_assert_int_eq(feed(join, parts.text[0], 12, &joined), REPORT_JOIN_PENDING);
  for (i = 2; i < parts.count; i ++)
    ck_assert_int_eq(feed(join, parts.text[i], 12 + (long long)i, &joined),
                     i + 1 < parts.count ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  assert_same(joined, text);
  free(joined);

  // Parts that disagree on event.parts; part numbers out of range.
  ck_assert_int_eq(feed(join, parts.text[1], 20, &joined), REPORT_JOIN_PENDING);
  bad = strdup(parts.text[2]);
  memcpy(strstr(bad, "\"parts\":") + 8, "9", 1);
  ck_assert_int_eq(feed(join, bad, 21, &joined), REPORT_JOIN_ERROR);
  memcpy(strstr(bad, "\"part\":") + 7, "0", 1);
  ck_assert_int_eq(feed(join, bad, 22, &joined), REPORT_JOIN_ERROR);
  free(bad);

  // What never completes is reported once, with where it started.
  ck_assert_uint_gt(reportJoinPendingBytes(join), 0);
  ck_assert_uint_eq(reportJoinFlush(join), 1);
  ck_assert_int_eq(seen.calls, 1);
  ck_assert_str_eq(seen.id, "0123456789abcdef0123456789abcdef");
  ck_assert(seen.have == 1 && seen.parts == parts.count && seen.line == 20);
  ck_assert_uint_eq(reportJoinPendingBytes(join), 0);

  reportJoinDelete(join);
  parts_free(&parts);
  free(text);
  json_decref(record);
}
END_TEST

START_TEST(test_join_bounds)
{
  json_t	*record;
  char		*a, *b, *joined = NULL;
  size_t	len, i, bound;
  parts_t	pa, pb;
  report_join_t	*join;
  incomplete_t	seen = { 0 };


  record = load_record("macos-textedit-socket.record.json", &a, &len);
  free(a);
  a = split_record(record, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &pa);
  b = split_record(record, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", &pb);

  // One record pending at most: a second one pushes the first out.
  join = reportJoinNew(1, 1 << 20, incomplete_cb, &seen);
  ck_assert_int_eq(feed(join, pa.text[0], 1, &joined), REPORT_JOIN_PENDING);
  for (i = 0; i < pb.count; i ++)
    ck_assert_int_eq(feed(join, pb.text[i], 2 + (long long)i, &joined),
                     i + 1 < pb.count ? REPORT_JOIN_PENDING : REPORT_JOIN_COMPLETE);
  assert_same(joined, b);
  free(joined);
  ck_assert_int_eq(seen.calls, 1);
  ck_assert_str_eq(seen.id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  ck_assert(seen.have == 1 && seen.line == 1);
  reportJoinDelete(join);

  // A byte bound smaller than two parts: the oldest goes first.
  memset(&seen, 0, sizeof(seen));
  bound = strlen(pa.text[0]) + strlen(pb.text[0]) + strlen(pb.text[1]) / 2;
  join  = reportJoinNew(16, bound, incomplete_cb, &seen);
  ck_assert_int_eq(feed(join, pa.text[0], 1, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(feed(join, pb.text[0], 2, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(feed(join, pb.text[1], 3, &joined), REPORT_JOIN_PENDING);
  ck_assert_int_eq(seen.calls, 1);
  ck_assert_str_eq(seen.id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  ck_assert_uint_le(reportJoinPendingBytes(join), bound);
  ck_assert_uint_eq(reportJoinFlush(join), 1);
  ck_assert_str_eq(seen.id, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  ck_assert(seen.have == 2 && seen.line == 2);
  reportJoinDelete(join);

  parts_free(&pa);
  parts_free(&pb);
  free(a);
  free(b);
  json_decref(record);
}
END_TEST


/*
 * Summaries...
 */

/*
 * 'summary_add()' - Count a record made of the given fields.
 */

static void
summary_add(report_summary_t *summary,	/* I - Summary */
            const char       *time,	/* I - Record time */
            const char       *user,	/* I - job.user or NULL */
            int              impressions,/* I - job.impressions or -1 */
            int              copies)	/* I - job.copies or -1 */
{
  report_record_t	rec;
  char			error[256];
  json_t		*json;


  json = json_pack("{s:s, s:s, s:{s:o, s:o, s:o}}", "schema", PAUDIT_SCHEMA, "time", time,
                   "job", "user", user ? json_string(user) : json_null(),
                   "impressions", impressions < 0 ? json_null() : json_integer(impressions),
                   "copies", copies < 0 ? json_null() : json_integer(copies));
  ck_assert_ptr_nonnull(json);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, error, sizeof(error)), 0);
  ck_assert_int_eq(reportSummaryAdd(summary, &rec), 0);
  json_decref(json);
}

/*
 * Joining a job's records (jobs.c)...
 */

typedef struct jobs_rows_s		/* Rows seen by jobs_row() */
{
  char	text[16][96];			/* "id user outcome pages source starts" */
  int	count;				/* Rows */
} jobs_rows_t;

static int
jobs_row(const report_record_t *row,	/* I - Row */
         void                  *data)	/* I - jobs_rows_t */
{
  jobs_rows_t	*rows = (jobs_rows_t *)data;


  ck_assert_int_lt(rows->count, 16);
  snprintf(rows->text[rows->count ++], sizeof(rows->text[0]), "%lld %s %s %lld %s %lld",
           row->job_id, row->user ? row->user : "-", row->outcome ? row->outcome : "-",
           row->pages, row->pages_source ? row->pages_source : "-", row->starts);
  return (0);
}

static void
jobs_add(report_jobs_t *jobs,		/* I - Joiner */
         int           end,		/* I - job.end (else job.start) */
         int           id,		/* I - job.id */
         const char    *user)		/* I - job.user or NULL */
{
  report_record_t	rec;
  char			error[256], uuid[64];
  json_t		*json;


  snprintf(uuid, sizeof(uuid), "urn:uuid:%d", id);
  if (end)
    json = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:i, s:s, s:s, s:i, s:n}}",
                     "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00Z",
                     "event", "action", "job.end", "host", "name", "h",
                     "job", "id", id, "uuid", uuid, "state", "completed",
                     "impressions_completed", id * 10, "user");
  else
    json = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:i, s:s, s:s?, s:i, s:i}}",
                     "schema", PAUDIT_SCHEMA, "time", "2026-11-22T21:45:00Z",
                     "event", "action", "job.start", "host", "name", "h",
                     "job", "id", id, "uuid", uuid, "user", user, "impressions", id,
                     "copies", 2);
  ck_assert_int_eq(reportRecordInit(&rec, json, NULL, 0, error, sizeof(error)), 0);
  ck_assert_int_eq(reportJobsAdd(jobs, &rec), 0);
  json_decref(json);			// The joiner keeps copies
}

START_TEST(test_jobs_join)
{
  jobs_rows_t	rows;
  report_jobs_t	*jobs;


  memset(&rows, 0, sizeof(rows));
  jobs = reportJobsNew(100, 1024 * 1024, jobs_row, &rows);
  jobs_add(jobs, 0, 1, "alice");
  jobs_add(jobs, 0, 1, "alice-retry");	// A retry: the first is shown
  jobs_add(jobs, 0, 2, "bob");
  ck_assert_int_eq(rows.count, 0);
  jobs_add(jobs, 1, 1, NULL);		// Written at its job.end
  ck_assert_int_eq(rows.count, 1);
  ck_assert_str_eq(rows.text[0], "1 alice completed 10 counted 2");
  jobs_add(jobs, 1, 3, NULL);		// No job.start: waits
  ck_assert_int_eq(rows.count, 1);
  ck_assert_int_eq(reportJobsFlush(jobs), 0);
  ck_assert_int_eq(rows.count, 3);
  ck_assert_str_eq(rows.text[1], "2 bob - 4 declared 1");
  ck_assert_str_eq(rows.text[2], "3 - completed 30 counted 0");
  ck_assert_int_eq(reportJobsEvicted(jobs), 0);
  ck_assert_uint_eq(reportJobsPendingBytes(jobs), 0);
  reportJobsDelete(jobs);
}
END_TEST

START_TEST(test_jobs_bounds)
{
  jobs_rows_t	rows;
  report_jobs_t	*jobs;
  int		i;


  // At most 2 jobs wait: the oldest is written as it is.
  memset(&rows, 0, sizeof(rows));
  jobs = reportJobsNew(2, 1024 * 1024, jobs_row, &rows);
  jobs_add(jobs, 0, 1, "a");
  jobs_add(jobs, 0, 2, "b");
  jobs_add(jobs, 0, 3, "c");
  ck_assert_int_eq(rows.count, 1);
  ck_assert_str_eq(rows.text[0], "1 a - 2 declared 1");
  jobs_add(jobs, 1, 2, NULL);
  ck_assert_str_eq(rows.text[1], "2 b completed 20 counted 1");
  jobs_add(jobs, 1, 1, NULL);		// Too late: a row of its own
  ck_assert_int_eq(reportJobsFlush(jobs), 0);
  ck_assert_int_eq(rows.count, 4);
  ck_assert_str_eq(rows.text[2], "3 c - 6 declared 1");
  ck_assert_str_eq(rows.text[3], "1 - completed 10 counted 0");
  ck_assert_int_eq(reportJobsEvicted(jobs), 1);
  reportJobsDelete(jobs);

  // The byte bound: nothing may wait.
  memset(&rows, 0, sizeof(rows));
  jobs = reportJobsNew(100, 1, jobs_row, &rows);
  for (i = 1; i <= 5; i ++)
  {
    jobs_add(jobs, 0, i, "u");
    ck_assert_int_eq(rows.count, i);
    ck_assert_uint_eq(reportJobsPendingBytes(jobs), 0);
  }
  // Without any job.end (no notifier) there was nothing to wait for.
  ck_assert_int_eq(reportJobsEvicted(jobs), 0);
  jobs_add(jobs, 1, 9, NULL);		// Cannot wait either: 6 written early
  ck_assert_int_eq(reportJobsEvicted(jobs), 6);
  reportJobsDelete(jobs);

  // Jobs still waiting when the joiner is deleted are freed.
  jobs = reportJobsNew(100, 1024 * 1024, jobs_row, &rows);
  jobs_add(jobs, 0, 7, "u");
  jobs_add(jobs, 1, 8, NULL);
  ck_assert_uint_gt(reportJobsPendingBytes(jobs), 0);
  reportJobsDelete(jobs);
}
END_TEST


/*
 * 'summary_text()' - The summary as written in a format.
 */

static char *				/* O - Output; free() it */
summary_text(report_summary_t *summary,	/* I - Summary */
             report_format_t  format)	/* I - Format */
{
  memout_t	m;


  memout_open(&m);
  ck_assert_int_eq(reportSummaryWrite(summary, m.fp, format), 0);
  memout_text(&m);

  return (m.data);
}

START_TEST(test_summary_user)
{
  report_summary_t	*summary;
  report_by_t		by;
  char			*text;


  ck_assert_int_eq(reportSummaryBy("user", &by), 0);
  ck_assert_int_eq(reportSummaryBy("host", &by), -1);
  summary = reportSummaryNew(REPORT_BY_USER);

  summary_add(summary, "2026-11-22T10:00:00.000Z", "alice", 2, 3);	// 6
  summary_add(summary, "2026-11-21T10:00:00.000Z", "alice", -1, 1);	// unknown
  summary_add(summary, "2026-11-23T10:00:00.000Z", "alice", 4, -1);	// unknown
  summary_add(summary, "2026-11-22T09:00:00.000Z", "bob", 1, 10);	// 10
  summary_add(summary, "2026-11-22T08:00:00.000Z", "carol", 6, 1);	// 6
  summary_add(summary, "2026-11-22T07:00:00.000Z", NULL, 5, 1);	// 5
  summary_add(summary, "2026-11-22T06:00:00.000Z", "dave", 0, 4);	// 0

  text = summary_text(summary, REPORT_FORMAT_CSV);
  ck_assert_str_eq(text,
                   "user,jobs,pages,unknown_pages,first,last\r\n"
                   "bob,1,10,0,2026-11-22T09:00:00.000Z,2026-11-22T09:00:00.000Z\r\n"
                   "alice,3,6,2,2026-11-21T10:00:00.000Z,2026-11-23T10:00:00.000Z\r\n"
                   "carol,1,6,0,2026-11-22T08:00:00.000Z,2026-11-22T08:00:00.000Z\r\n"
                   ",1,5,0,2026-11-22T07:00:00.000Z,2026-11-22T07:00:00.000Z\r\n"
                   "dave,1,0,0,2026-11-22T06:00:00.000Z,2026-11-22T06:00:00.000Z\r\n");
  free(text);

  text = summary_text(summary, REPORT_FORMAT_JSON);
  ck_assert_ptr_nonnull(strstr(text, "{\"user\":\"alice\",\"jobs\":3,\"pages\":6,\"unknown_pages\":2,"
                                     "\"first\":\"2026-11-21T10:00:00.000Z\","
                                     "\"last\":\"2026-11-23T10:00:00.000Z\"}\n"));
  ck_assert_ptr_nonnull(strstr(text, "{\"user\":null,\"jobs\":1,\"pages\":5,"));
  free(text);

  text = summary_text(summary, REPORT_FORMAT_TABLE);
  ck_assert_str_eq(text,
                   "USER   JOBS  PAGES  UNKNOWN_PAGES  FIRST                     LAST\n"
                   "bob       1     10              0  2026-11-22T09:00:00.000Z  2026-11-22T09:00:00.000Z\n"
                   "alice     3      6              2  2026-11-21T10:00:00.000Z  2026-11-23T10:00:00.000Z\n"
                   "carol     1      6              0  2026-11-22T08:00:00.000Z  2026-11-22T08:00:00.000Z\n"
                   "-         1      5              0  2026-11-22T07:00:00.000Z  2026-11-22T07:00:00.000Z\n"
                   "dave      1      0              0  2026-11-22T06:00:00.000Z  2026-11-22T06:00:00.000Z\n");
  free(text);

  reportSummaryDelete(summary);
}
END_TEST

START_TEST(test_summary_times)
{
  report_summary_t	*summary = reportSummaryNew(REPORT_BY_USER);
  char			*text;


  // The earliest and latest "time" as written, whatever their lengths
  // (a kept copy is reused when the next one fits).
  summary_add(summary, "2026-11-22T10:00:00.5Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T11:00:00Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T12:00:00.123456789Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T09:00:00.123456789Z", "a", 1, 1);
  summary_add(summary, "2026-11-22T09:30:00+01:00", "a", 1, 1);
  summary_add(summary, "2026-11-22T12:30:00Z", "a", 1, 1);
  text = summary_text(summary, REPORT_FORMAT_CSV);
  ck_assert_str_eq(text,
                   "user,jobs,pages,unknown_pages,first,last\r\n"
                   "a,6,6,0,2026-11-22T09:30:00+01:00,2026-11-22T12:30:00Z\r\n");
  free(text);
  reportSummaryDelete(summary);
}
END_TEST


START_TEST(test_summary_day)
{
  report_summary_t	*summary = reportSummaryNew(REPORT_BY_DAY);
  char			*text;


  summary_add(summary, "2026-11-22T23:59:59.999Z", "a", 1, 1);
  summary_add(summary, "2026-11-23T00:30:00+01:00", "a", 2, 1);	// 2026-11-22 in UTC
  summary_add(summary, "2026-11-23T00:00:00.000Z", "a", 1, 1);
  summary_add(summary, "1969-12-31T23:00:00.000Z", "a", 1, 1);
  summary_add(summary, "2024-02-29T12:00:00.000Z", "a", 7, 1);
  text = summary_text(summary, REPORT_FORMAT_CSV);
  ck_assert_str_eq(text,
                   "day,jobs,pages,unknown_pages,first,last\r\n"
                   "2024-02-29,1,7,0,2024-02-29T12:00:00.000Z,2024-02-29T12:00:00.000Z\r\n"
                   "2026-11-22,2,3,0,2026-11-23T00:30:00+01:00,2026-11-22T23:59:59.999Z\r\n"
                   "1969-12-31,1,1,0,1969-12-31T23:00:00.000Z,1969-12-31T23:00:00.000Z\r\n"
                   "2026-11-23,1,1,0,2026-11-23T00:00:00.000Z,2026-11-23T00:00:00.000Z\r\n");
  free(text);
  reportSummaryDelete(summary);
}
END_TEST


/*
 * Ordered map...
 */

START_TEST(test_map)
{
  report_map_t	*map = reportMapNew();
  char		key[32];
  const char	*first;
  long		i;
  void		**values;


  ck_assert_ptr_nonnull(map);
  for (i = 0; i < 5000; i ++)
  {
    snprintf(key, sizeof(key), "k%ld", i);
    ck_assert_int_eq(reportMapAdd(map, key, (void *)(i + 1)), 0);
  }
  ck_assert_uint_eq(reportMapCount(map), 5000);
  for (i = 0; i < 5000; i += 2)
  {
    snprintf(key, sizeof(key), "k%ld", i);
    ck_assert_ptr_eq(reportMapRemove(map, key), (void *)(i + 1));
  }
  ck_assert_ptr_null(reportMapRemove(map, "k0"));
  ck_assert_ptr_null(reportMapGet(map, "k4"));
  ck_assert_ptr_eq(reportMapGet(map, "k4999"), (void *)5000);
  ck_assert_ptr_eq(reportMapFirst(map, &first), (void *)2);
  ck_assert_str_eq(first, "k1");
  values = reportMapValues(map);
  ck_assert_ptr_nonnull(values);
  for (i = 0; i < 2500; i ++)
    ck_assert_ptr_eq(values[i], (void *)(2 * i + 2));
  free(values);
  reportMapDelete(map, NULL);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int
main(void)
{
  Suite		*suite = suite_create("report");
  TCase		*tc;
  SRunner	*runner;
  int		failed;


  tc = tcase_create("time");
  tcase_add_loop_test(tc, test_time_parse, 0, (int)COUNT(time_cases));
  tcase_add_test(tc, test_date_parse);
  suite_add_tcase(suite, tc);

  tc = tcase_create("filter");
  tcase_add_loop_test(tc, test_filter, 0, (int)COUNT(filter_cases));
  tcase_add_test(tc, test_filter_values);
  tcase_add_test(tc, test_record_fields);
  suite_add_tcase(suite, tc);

  tc = tcase_create("output");
  tcase_add_loop_test(tc, test_csv_field, 0, (int)COUNT(csv_cases));
  tcase_add_loop_test(tc, test_table_cell, 0, (int)COUNT(cell_cases));
  suite_add_tcase(suite, tc);

  tc = tcase_create("reader");
  tcase_add_test(tc, test_reader);
  tcase_add_test(tc, test_reader_big);
  suite_add_tcase(suite, tc);

  tc = tcase_create("message");
  tcase_add_loop_test(tc, test_message, 0, (int)COUNT(message_cases));
  tcase_add_loop_test(tc, test_message_journal, 0, (int)COUNT(journal_cases));
  tcase_add_loop_test(tc, test_message_lean, 0, (int)(COUNT(message_cases) + COUNT(journal_cases)));
  tcase_add_loop_test(tc, test_scan_record, 0, (int)COUNT(lean_cases));
  tcase_add_test(tc, test_scan_golden);
  suite_add_tcase(suite, tc);

  tc = tcase_create("join");
  tcase_add_test(tc, test_join_orders);
  tcase_add_test(tc, test_join_record_slices);
  tcase_add_test(tc, test_join_errors);
  tcase_add_test(tc, test_join_bounds);
  tcase_add_test(tc, test_jobs_join);
  tcase_add_test(tc, test_jobs_bounds);
  suite_add_tcase(suite, tc);

  tc = tcase_create("summary");
  tcase_add_test(tc, test_summary_user);
  tcase_add_test(tc, test_summary_day);
  tcase_add_test(tc, test_summary_times);
  tcase_add_test(tc, test_map);
  suite_add_tcase(suite, tc);

  runner = srunner_create(suite);
  srunner_run_all(runner, CK_NORMAL);
  failed = srunner_ntests_failed(runner);
  srunner_free(runner);

  return (failed ? EXIT_FAILURE : EXIT_SUCCESS);
}
