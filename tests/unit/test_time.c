/*
 * printaudit unit tests: civil time (lib/time.c) and RFC 3339 times.
 *
 * gmtime_r() is the oracle: pauditTimeUTC() must agree with it on every
 * time it accepts, years 0 to 9999.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <stdint.h>


/*
 * 'time_same()' - Whether pauditTimeUTC(t) agrees with gmtime_r(t).
 */

static void
time_same(long long t)			/* I - Seconds since the epoch */
{
  struct tm	mine, libc;


  unitCheck(gmtime_r(&(time_t){ (time_t)t }, &libc) != NULL, "gmtime_r(%lld)", t);
  unitCheck(pauditTimeUTC((time_t)t, &mine) == 0, "pauditTimeUTC(%lld) failed", t);
  unitCheck(mine.tm_year == libc.tm_year && mine.tm_mon == libc.tm_mon &&
            mine.tm_mday == libc.tm_mday && mine.tm_hour == libc.tm_hour &&
            mine.tm_min == libc.tm_min && mine.tm_sec == libc.tm_sec,
            "%lld: %04d-%02d-%02d %02d:%02d:%02d, gmtime_r %04d-%02d-%02d %02d:%02d:%02d", t,
            mine.tm_year + 1900, mine.tm_mon + 1, mine.tm_mday, mine.tm_hour, mine.tm_min, mine.tm_sec,
            libc.tm_year + 1900, libc.tm_mon + 1, libc.tm_mday, libc.tm_hour, libc.tm_min, libc.tm_sec);
}


/*
 * 'test_time_utc' - Agrees with gmtime_r() from year 0 to 9999.
 */

START_TEST(test_time_utc)
{
  static const long long edges[] =
  {
    0, -1, 59, 60, 86399, 86400, -86400, -86401,
    951782400,				/* 2000-02-29 */
    951868800,				/* 2000-03-01 */
    4107542400LL,			/* 2100-02-28 */
    4107628800LL,			/* 2100-03-01 */
    -62167219200LL,			/* 0000-01-01T00:00:00 */
    253402300799LL			/* 9999-12-31T23:59:59 */
  };
  long long	t;
  size_t	i;


  if (sizeof(time_t) < 8)
    return;

  for (i = 0; i < UNIT_COUNT(edges); i ++)
    time_same(edges[i]);

  // Every third day (at a time that moves through the day) of years
  // 0..9999: each month, leap day and century of them (also fast enough
  // for the valgrind run of every unit program).
  for (t = -62167219200LL; t <= 253402300799LL; t += 3 * 86400 + 3607)
    time_same(t);
}
END_TEST


/*
 * 'test_time_range' - Years outside 0..9999 are refused.
 */

START_TEST(test_time_range)
{
  struct tm	tm;


  if (sizeof(time_t) < 8)
    return;

  ck_assert_int_eq(pauditTimeUTC((time_t)253402300800LL, &tm), -1);	/* 10000-01-01 */
  ck_assert_int_eq(pauditTimeUTC((time_t)-62167219201LL, &tm), -1);	/* -0001-12-31 */
  ck_assert_int_eq(pauditTimeUTC((time_t)INT64_MAX, &tm), -1);
  ck_assert_int_eq(pauditTimeUTC((time_t)INT64_MIN, &tm), -1);
}
END_TEST


/*
 * 'test_rfc3339' - "YYYY-MM-DDThh:mm:ss[.mmm]Z", null when out of range.
 */

START_TEST(test_rfc3339)
{
  static const struct
  {
    long long	t;
    long	ms;
    const char	*text;
  } cases[] =
  {
    { 0, -1, "1970-01-01T00:00:00Z" },
    { 0, 0, "1970-01-01T00:00:00.000Z" },
    { 1796082300LL, 123, "2026-11-30T23:45:00.123Z" },
    { -1, 999, "1969-12-31T23:59:59.999Z" },
    { 253402300799LL, 1000, "9999-12-31T23:59:59Z" },
    { -62167219200LL, 7, "0000-01-01T00:00:00.007Z" }
  };
  size_t	i;
  json_t	*value;


  if (sizeof(time_t) < 8)
    return;

  for (i = 0; i < UNIT_COUNT(cases); i ++)
  {
    value = pauditRFC3339New((time_t)cases[i].t, cases[i].ms);
    ck_assert_ptr_nonnull(value);
    ck_assert_msg(json_is_string(value) && !strcmp(json_string_value(value), cases[i].text),
                  "%lld, %ld: expected %s", cases[i].t, cases[i].ms, cases[i].text);
    json_decref(value);
  }

  value = pauditRFC3339New((time_t)253402300800LL, 0);
  ck_assert(json_is_null(value));
  json_decref(value);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*s = suite_create("time");
  TCase	*tc = tcase_create("time");


  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_time_utc);
  tcase_add_test(tc, test_time_range);
  tcase_add_test(tc, test_rfc3339);
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
