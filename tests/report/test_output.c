/*
 * printaudit-report unit tests: CSV fields and table cells (output.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include "unit.h"


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
  unit_memout_t		m;


  unitMemoutOpen(&m);
  reportCSVField(m.fp, c->in, strlen(c->in));
  ck_assert_str_eq(unitMemoutText(&m), c->out);
  unitMemoutFree(&m);
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
  unit_memout_t		m;


  unitMemoutOpen(&m);
  reportTableCell(m.fp, c->in, c->width, c->right);
  ck_assert_str_eq(unitMemoutText(&m), c->out);
  unitMemoutFree(&m);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-output");
  TCase	*tc = tcase_create("output");


  tcase_add_loop_test(tc, test_csv_field, 0, (int)UNIT_COUNT(csv_cases));
  tcase_add_loop_test(tc, test_table_cell, 0, (int)UNIT_COUNT(cell_cases));
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
