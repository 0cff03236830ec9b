/*
 * printaudit unit tests: the growable buffer (lib/buf.c).
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
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
