/*
 * printaudit-report unit tests: RFC 3339 times and dates (record.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include "unit.h"


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
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*suite = suite_create("report-time");
  TCase	*tc = tcase_create("time");


  tcase_add_loop_test(tc, test_time_parse, 0, (int)UNIT_COUNT(time_cases));
  tcase_add_test(tc, test_date_parse);
  suite_add_tcase(suite, tc);

  return (unitRun(suite));
}
