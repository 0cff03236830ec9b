/*
 * printaudit unit tests: errors (lib/error.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


/*
 * 'test_error' - The first error wins; NULL is allowed.
 */

START_TEST(test_error)
{
  paudit_error_t	error;
  char			*long_text = unitRepeat(NULL, "e", 2000, NULL);


  pauditErrorClear(NULL);
  pauditErrorSet(NULL, 1, "ignored %d", 1);

  pauditErrorClear(&error);
  ck_assert_int_eq(error.line, 0);
  ck_assert_str_eq(error.text, "");

  pauditErrorSet(&error, 7, "bad %s", "value");
  pauditErrorSet(&error, 9, "second %s", "error");
  ck_assert_int_eq(error.line, 7);
  ck_assert_str_eq(error.text, "bad value");

  // Cut to the text's size, nul-terminated.
  pauditErrorClear(&error);
  pauditErrorSet(&error, 0, "%s", long_text);
  ck_assert_uint_eq(strlen(error.text), sizeof(error.text) - 1);
  free(long_text);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*s = suite_create("error");
  TCase	*tc = tcase_create("error");


  tcase_add_test(tc, test_error);
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
