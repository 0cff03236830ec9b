/*
 * printaudit unit tests: the growable buffer (lib/buf.c), errors
 * (lib/error.c), sanitized strings and the truncated list (lib/string.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <stdint.h>
#include <wchar.h>


/*
 * 'test_buf_append' - Appends grow the buffer and keep it nul-terminated.
 */

START_TEST(test_buf_append)
{
  paudit_buf_t	buf = { NULL, 0, 0, 0 };
  size_t	i;


  for (i = 0; i < 5000; i ++)
  {
    char c = (char)('a' + i % 26);

    ck_assert_int_eq(pauditBufAppend(&buf, &c, 1), 0);
    unitCheck(buf.len == i + 1 && buf.size > buf.len && buf.data[buf.len] == '\0',
              "after %zu bytes: len %zu, size %zu", i + 1, buf.len, buf.size);
  }
  for (i = 0; i < 5000; i ++)
    unitCheck(buf.data[i] == (char)('a' + i % 26), "byte %zu", i);
  ck_assert_int_eq(buf.failed, 0);

  // Nothing appended: still a string.
  ck_assert_int_eq(pauditBufAppend(&buf, "", 0), 0);
  ck_assert_uint_eq(buf.len, 5000);
  free(buf.data);
}
END_TEST


/*
 * 'test_buf_printf' - Formatted text, longer than what is free at first.
 */

START_TEST(test_buf_printf)
{
  paudit_buf_t	buf = { NULL, 0, 0, 0 };
  char		*big = unitRepeat("<", "0123456789", 500, ">");


  ck_assert_int_eq(pauditBufPrintf(&buf, "%d-%s", 42, "x"), 0);
  ck_assert_str_eq(buf.data, "42-x");

  // 5,002 bytes do not fit in the first 1,024: formatted a second time.
  ck_assert_int_eq(pauditBufPrintf(&buf, "%s", big), 0);
  ck_assert_uint_eq(buf.len, 4 + strlen(big));
  ck_assert_str_eq(buf.data + 4, big);
  ck_assert_int_eq(pauditBufPrintf(&buf, "%c", '!'), 0);
  ck_assert_str_eq(buf.data + buf.len - 2, ">!");
  ck_assert_int_eq(buf.failed, 0);

  free(big);
  free(buf.data);
}
END_TEST


/*
 * 'test_buf_failed' - A failed buffer stays failed.
 */

START_TEST(test_buf_failed)
{
  paudit_buf_t	buf = { NULL, 0, 0, 0 };


  // More than half the address space is refused, not wrapped around.
  ck_assert_int_eq(pauditBufReserve(&buf, SIZE_MAX - 10), -1);
  ck_assert_int_eq(buf.failed, 1);
  ck_assert_ptr_null(buf.data);
  ck_assert_int_eq(pauditBufReserve(&buf, 1), -1);
  ck_assert_int_eq(pauditBufAppend(&buf, "x", 1), -1);
  ck_assert_int_eq(pauditBufPrintf(&buf, "%d", 1), -1);

  // vsnprintf() failing (a wide character the C locale cannot encode).
  buf.failed = 0;
  ck_assert_int_eq(pauditBufAppend(&buf, "ok", 2), 0);
  if (pauditBufPrintf(&buf, "%ls", L"\x20AC") == 0)
    ck_assert_int_eq(buf.failed, 0);	// A C library that encodes it anyway
  else
    ck_assert_int_eq(buf.failed, 1);
  ck_assert_str_eq(buf.data, "ok");
  free(buf.data);
}
END_TEST


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
  Suite	*s = suite_create("buf");
  TCase	*tc = tcase_create("buf");


  tcase_add_test(tc, test_buf_append);
  tcase_add_test(tc, test_buf_printf);
  tcase_add_test(tc, test_buf_failed);
  tcase_add_test(tc, test_error);
  tcase_add_test(tc, test_truncated);
  tcase_add_test(tc, test_string_new);
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
