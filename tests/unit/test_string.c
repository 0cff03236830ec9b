/*
 * printaudit unit tests: sanitized strings and the truncated list
 * (lib/string.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


/*
 * 'test_truncated' - "prefix.name" or "name" appended to the array.
 */

START_TEST(test_truncated)
{
  json_t	*truncated = json_array(),
		*expected = unitParse("[\"options.media\", \"job.title\", \"a\"]");


  ck_assert_int_eq(pauditTruncatedAdd(NULL, "options", "x", 1), 0);
  ck_assert_int_eq(pauditTruncatedAdd(truncated, "options", "media-col", 5), 0);
  ck_assert_int_eq(pauditTruncatedAdd(truncated, NULL, "job.title", 9), 0);
  ck_assert_int_eq(pauditTruncatedAdd(truncated, NULL, "abc", 1), 0);
  unitAssertJSON(truncated, expected, "truncated");

  json_decref(truncated);
  json_decref(expected);
}
END_TEST


/*
 * 'test_string_new' - Sanitized and cut strings.
 */

START_TEST(test_string_new)
{
  json_t	*truncated = json_array(), *value, *expected;
  char		*big = unitRepeat(NULL, "\xC3\xA9", PAUDIT_MAX_VALUE, NULL);


  // Valid text is kept as it is, NUL included.
  value = pauditStringNew("a\0b", 3, "job.title", truncated);
  ck_assert_uint_eq(json_string_length(value), 3);
  ck_assert_int_eq(memcmp(json_string_value(value), "a\0b", 3), 0);
  json_decref(value);

  // Invalid bytes become U+FFFD.
  value = pauditStringNew("x\xFFy", 3, "job.title", truncated);
  ck_assert_str_eq(json_string_value(value), "x\xEF\xBF\xBDy");
  json_decref(value);
  ck_assert_uint_eq(json_array_size(truncated), 0);

  // Cut at PAUDIT_MAX_VALUE bytes on a character boundary, key listed.
  value = pauditStringNew(big, strlen(big), "job.title", truncated);
  ck_assert_uint_eq(json_string_length(value), PAUDIT_MAX_VALUE);
  json_decref(value);
  value = pauditStringNew(big + 1, strlen(big) - 1, "job.name", truncated);
  ck_assert_uint_eq(json_string_length(value), PAUDIT_MAX_VALUE - 1);
  json_decref(value);

  // Without a key, or without an array, it is cut all the same.
  value = pauditStringNew(big, strlen(big), NULL, truncated);
  ck_assert_uint_eq(json_string_length(value), PAUDIT_MAX_VALUE);
  json_decref(value);
  value = pauditStringNew(big, strlen(big), "x", NULL);
  ck_assert_uint_eq(json_string_length(value), PAUDIT_MAX_VALUE);
  json_decref(value);

  expected = unitParse("[\"job.title\", \"job.name\"]");
  unitAssertJSON(truncated, expected, "truncated");

  json_decref(expected);
  json_decref(truncated);
  free(big);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*s = suite_create("string");
  TCase	*tc = tcase_create("string");


  tcase_add_test(tc, test_truncated);
  tcase_add_test(tc, test_string_new);
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
