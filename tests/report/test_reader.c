/*
 * printaudit-report unit tests: the line reader (reader.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include "unit.h"


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

  for (i = 0; i < UNIT_COUNT(expect); i ++)
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
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-reader");
  TCase	*tc = tcase_create("reader");


  tcase_add_test(tc, test_reader);
  tcase_add_test(tc, test_reader_big);
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
