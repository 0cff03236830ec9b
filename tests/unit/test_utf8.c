/*
 * printaudit unit tests: UTF-8 sanitizing and prefixes (lib/utf8.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


#define R "\xEF\xBF\xBD"		/* U+FFFD REPLACEMENT CHARACTER */


/*
 * pauditUTF8New(): each byte that does not start a complete, shortest,
 * in-range, non-surrogate sequence becomes one U+FFFD; everything else is
 * copied byte for byte.
 */

typedef struct utf8_case_s
{
  const char	*name;			/* Case */
  const char	*in;			/* Input bytes */
  size_t	inlen;			/* Input length (NUL allowed) */
  const char	*out;			/* Expected bytes */
  size_t	outlen;			/* Expected length */
} utf8_case_t;

#define CASE(name, in, out) { name, in, sizeof(in) - 1, out, sizeof(out) - 1 }

static const utf8_case_t utf8_cases[] =
{
  CASE("empty", "", ""),
  CASE("ascii", "abc xyz", "abc xyz"),
  CASE("ascii controls are valid UTF-8", "\x01\t\n\x1F\x7F", "\x01\t\n\x1F\x7F"),
  CASE("embedded NUL kept", "a\0b", "a\0b"),
  CASE("only NULs", "\0\0", "\0\0"),
  CASE("2-byte", "caf\xC3\xA9", "caf\xC3\xA9"),
  CASE("3-byte", "\xE2\x82\xAC", "\xE2\x82\xAC"),
  CASE("4-byte", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"),
  CASE("U+0080", "\xC2\x80", "\xC2\x80"),
  CASE("U+07FF", "\xDF\xBF", "\xDF\xBF"),
  CASE("U+0800", "\xE0\xA0\x80", "\xE0\xA0\x80"),
  CASE("U+D7FF", "\xED\x9F\xBF", "\xED\x9F\xBF"),
  CASE("U+E000", "\xEE\x80\x80", "\xEE\x80\x80"),
  CASE("U+FFFD itself", R, R),
  CASE("U+FFFF", "\xEF\xBF\xBF", "\xEF\xBF\xBF"),
  CASE("U+10000", "\xF0\x90\x80\x80", "\xF0\x90\x80\x80"),
  CASE("U+10FFFF", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"),
  CASE("0xFF", "\xFF", R),
  CASE("0xFE", "\xFE", R),
  CASE("0xFF between ascii", "a\xFF" "b", "a" R "b"),
  CASE("lone continuation", "\x80", R),
  CASE("two lone continuations", "\x80\xBF", R R),
  CASE("truncated 2-byte at end", "a\xC3", "a" R),
  CASE("2-byte lead then ascii", "\xC3(", R "("),
  CASE("truncated 3-byte at end", "\xE2\x82", R R),
  CASE("3-byte lead, bad second", "\xE2(\xA1", R "(" R),
  CASE("truncated 4-byte then ascii", "\xF0\x9F\x98" "A", R R R "A"),
  CASE("overlong '/' 2-byte C0", "\xC0\xAF", R R),
  CASE("overlong 2-byte C1", "\xC1\xBF", R R),
  CASE("overlong NUL", "\xC0\x80", R R),
  CASE("overlong 3-byte", "\xE0\x80\xAF", R R R),
  CASE("overlong 3-byte U+07FF", "\xE0\x9F\xBF", R R R),
  CASE("overlong 4-byte", "\xF0\x80\x80\xAF", R R R R),
  CASE("overlong 4-byte U+FFFF", "\xF0\x8F\xBF\xBF", R R R R),
  CASE("surrogate U+D800", "\xED\xA0\x80", R R R),
  CASE("surrogate U+DFFF", "\xED\xBF\xBF", R R R),
  CASE("surrogate pair (CESU-8)", "\xED\xA0\xBD\xED\xB8\x80", R R R R R R),
  CASE("U+110000", "\xF4\x90\x80\x80", R R R R),
  CASE("F5 lead", "\xF5\x80\x80\x80", R R R R),
  CASE("5-byte form", "\xF8\x88\x80\x80\x80", R R R R R),
  CASE("6-byte form", "\xFC\x84\x80\x80\x80\x80", R R R R R R),
  CASE("mixed", "a\xFF" "b\xC3\xA9\x80" "c\0\xF0\x9F\x98\x80",
       "a" R "b\xC3\xA9" R "c\0\xF0\x9F\x98\x80"),
  CASE("valid after invalid lead", "\xE2\xE2\x82\xAC", R "\xE2\x82\xAC"),
};


START_TEST(test_utf8_new)
{
  const utf8_case_t	*c = utf8_cases + _i;
  size_t		outlen = 12345;
  char			*out;


  out = pauditUTF8New(c->in, c->inlen, &outlen);
  ck_assert_ptr_nonnull(out);
  ck_assert_msg(outlen == c->outlen, "%s: length %zu, expected %zu", c->name,
                outlen, c->outlen);
  ck_assert_msg(!memcmp(out, c->out, c->outlen), "%s: wrong bytes", c->name);
  ck_assert_msg(out[outlen] == '\0', "%s: not nul-terminated", c->name);
  free(out);
}
END_TEST


/*
 * The output of pauditUTF8New() is a fixed point and valid for jansson.
 */

START_TEST(test_utf8_new_fixed_point)
{
  const utf8_case_t	*c = utf8_cases + _i;
  size_t		len1, len2;
  char			*once, *twice;
  json_t		*str;


  once = pauditUTF8New(c->in, c->inlen, &len1);
  ck_assert_ptr_nonnull(once);
  twice = pauditUTF8New(once, len1, &len2);
  ck_assert_ptr_nonnull(twice);
  ck_assert_msg(len1 == len2 && !memcmp(once, twice, len1),
                "%s: sanitizing twice changes the text", c->name);

  str = json_stringn(once, len1);
  ck_assert_msg(str != NULL, "%s: jansson rejects the output", c->name);
  json_decref(str);
  free(once);
  free(twice);
}
END_TEST


START_TEST(test_utf8_new_all_bytes)
{
  // Every byte value, many times: length grows at most 3x, never cuts.
  size_t	len = 256 * 64, outlen = 0, i;
  char		*in = malloc(len), *out;
  json_t	*str;


  ck_assert_ptr_nonnull(in);
  for (i = 0; i < len; i ++)
    in[i] = (char)(i * 7 + (i >> 8));

  out = pauditUTF8New(in, len, &outlen);
  ck_assert_ptr_nonnull(out);
  ck_assert_uint_le(outlen, 3 * len);
  ck_assert_uint_ge(outlen, len);
  ck_assert_ptr_nonnull((str = json_stringn(out, outlen)));
  json_decref(str);
  free(out);
  free(in);
}
END_TEST


/*
 * pauditUTF8Prefix(): longest prefix of at most max bytes ending on a
 * character boundary.
 */

typedef struct prefix_case_s
{
  const char	*s;			/* Valid UTF-8 */
  size_t	len;			/* Length */
  size_t	max;			/* Limit */
  size_t	expect;			/* Expected prefix length */
} prefix_case_t;

#define PCASE(s, max, expect) { s, sizeof(s) - 1, max, expect }

static const prefix_case_t prefix_cases[] =
{
  PCASE("", 0, 0),
  PCASE("", 10, 0),
  PCASE("abc", 0, 0),
  PCASE("abc", 2, 2),
  PCASE("abc", 3, 3),
  PCASE("abc", 10, 3),
  PCASE("a\0b", 2, 2),
  PCASE("\xC3\xA9", 1, 0),		// é: never half of it
  PCASE("\xC3\xA9", 2, 2),
  PCASE("a\xC3\xA9", 2, 1),
  PCASE("a\xE2\x82\xAC", 2, 1),		// €
  PCASE("a\xE2\x82\xAC", 3, 1),
  PCASE("a\xE2\x82\xAC", 4, 4),
  PCASE("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 3, 0),
  PCASE("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 4, 4),
  PCASE("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 7, 4),
  PCASE("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 8, 8),
  PCASE("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z", 5, 5),
  PCASE("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z", 6, 5),
  PCASE("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z", 9, 9),
  PCASE("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z", 10, 10),
};


START_TEST(test_utf8_prefix)
{
  const prefix_case_t	*c = prefix_cases + _i;
  size_t		n = pauditUTF8Prefix(c->s, c->len, c->max);


  ck_assert_msg(n == c->expect, "case %d: prefix(len %zu, max %zu) = %zu, expected %zu",
                _i, c->len, c->max, n, c->expect);
}
END_TEST


START_TEST(test_utf8_prefix_sweep)
{
  // Every max over a long mixed text: on a boundary, maximal, <= max.
  static const char	unit[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  char			*s = unitRepeat(NULL, unit, 200, NULL);
  size_t		len = strlen(s), max, n, next;


  for (max = 0; max <= len + 2; max ++)
  {
    n = pauditUTF8Prefix(s, len, max);
    unitCheck(n <= max && n <= len, "max %zu: prefix %zu too long", max, n);
    unitCheck(n == len || ((unsigned char)s[n] & 0xC0) != 0x80,
              "max %zu: prefix %zu ends inside a character", max, n);
    // Maximal: the next character would not fit.
    if (n < len)
    {
      for (next = n + 1; next < len && ((unsigned char)s[next] & 0xC0) == 0x80; next ++);
      unitCheck(next > max, "max %zu: prefix %zu is not the longest", max, n);
    }
  }
  free(s);
}
END_TEST


static Suite *
utf8_suite(void)
{
  Suite	*s = suite_create("utf8");
  TCase	*tc = tcase_create("core");


  tcase_add_loop_test(tc, test_utf8_new, 0, (int)UNIT_COUNT(utf8_cases));
  tcase_add_loop_test(tc, test_utf8_new_fixed_point, 0, (int)UNIT_COUNT(utf8_cases));
  tcase_add_test(tc, test_utf8_new_all_bytes);
  tcase_add_loop_test(tc, test_utf8_prefix, 0, (int)UNIT_COUNT(prefix_cases));
  tcase_add_test(tc, test_utf8_prefix_sweep);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  return (unitRun(utf8_suite()));
}
