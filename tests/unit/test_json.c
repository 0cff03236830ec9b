/*
 * printaudit unit tests: serialization (lib/json.c): pauditJSONNew() and
 * pauditJSONAppendString(), compact, one line, every control character
 * escaped.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


/*
 * pauditJSONNew(): compact, one line, control characters escaped.
 */

typedef struct escape_case_s
{
  const char	*bytes;			/* String value (valid UTF-8) */
  size_t	len;			/* Length (NUL allowed) */
  const char	*escape;		/* Expected escape, any case */
  const char	*escape2;		/* Accepted alternative or NULL */
} escape_case_t;

#define ECASE(b, e, e2) { b, sizeof(b) - 1, e, e2 }

static const escape_case_t escape_cases[] =
{
  ECASE("a\x7F" "b", "a\\u007fb", NULL),		// DEL
  ECASE("a\xC2\x80" "b", "a\\u0080b", NULL),		// C1 first
  ECASE("a\xC2\x85" "b", "a\\u0085b", NULL),		// NEL
  ECASE("a\xC2\x9B" "b", "a\\u009bb", NULL),		// CSI
  ECASE("a\xC2\x9F" "b", "a\\u009fb", NULL),		// C1 last
  ECASE("a\xE2\x80\xA8" "b", "a\\u2028b", NULL),	// LINE SEPARATOR
  ECASE("a\xE2\x80\xA9" "b", "a\\u2029b", NULL),	// PARAGRAPH SEPARATOR
  ECASE("a\x01" "b", "a\\u0001b", NULL),
  ECASE("a\x1B" "b", "a\\u001bb", NULL),		// ESC
  ECASE("a\x1F" "b", "a\\u001fb", NULL),
  ECASE("a\0b", "a\\u0000b", NULL),
  ECASE("a\nb", "a\\nb", "a\\u000ab"),
  ECASE("a\rb", "a\\rb", "a\\u000db"),
  ECASE("a\tb", "a\\tb", "a\\u0009b"),
  ECASE("a\"b", "a\\\"b", NULL),
  ECASE("a\\b", "a\\\\b", NULL),
  ECASE("\x1B[31m\xC2\x9B" "1m\xE2\x80\xA8\x7F", "\\u001b[31m\\u009b1m\\u2028\\u007f", NULL),
};


/*
 * 'checkSerialized()' - One line of JSON, no raw control characters,
 *                       parses back to value.
 */

static void
checkSerialized(const json_t *value,	/* I - Serialized value */
                const char   *text,	/* I - Its serialization */
                size_t       len,	/* I - Length */
                const char   *what)	/* I - Case */
{
  const unsigned char	*p = (const unsigned char *)text;
  json_error_t		jerr;
  json_t		*back;
  size_t		i;


  ck_assert_msg(text != NULL, "%s: NULL", what);
  ck_assert_msg(strlen(text) == len, "%s: length %zu, strlen %zu", what, len,
                strlen(text));
  for (i = 0; i < len; i ++)
  {
    unitCheck(p[i] >= 0x20 && p[i] != 0x7F, "%s: raw byte 0x%02X at %zu",
              what, p[i], i);
    unitCheck(!(p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F),
              "%s: raw C1 at %zu", what, i);
    unitCheck(!(p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
                (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)),
              "%s: raw U+2028/9 at %zu", what, i);
  }

  back = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
  ck_assert_msg(back != NULL, "%s: does not parse: %s", what, jerr.text);
  unitAssertJSON(back, value, what);
  json_decref(back);
}


START_TEST(test_json_escapes)
{
  const escape_case_t	*c = escape_cases + _i;
  json_t		*value = json_object();
  char			*text, want[128], want2[128];
  size_t		len = 0;


  ck_assert_int_eq(json_object_set_new(value, "k", json_stringn(c->bytes, c->len)), 0);
  text = pauditJSONNew(value, &len);
  checkSerialized(value, text, len, c->escape);

  snprintf(want, sizeof(want), "{\"k\":\"%s\"}", c->escape);
  snprintf(want2, sizeof(want2), "{\"k\":\"%s\"}", c->escape2 ? c->escape2 : c->escape);
  ck_assert_msg(!strcasecmp(text, want) || !strcasecmp(text, want2),
                "got %s, expected %s", text, want);
  free(text);
  json_decref(value);
}
END_TEST


START_TEST(test_json_escapes_in_keys)
{
  const escape_case_t	*c = escape_cases + _i;
  json_t		*value;
  char			*text, *key;
  size_t		len = 0;


  if (memchr(c->bytes, '\0', c->len))
    return;				// Object keys are C strings

  value = json_object();
  key   = strndup(c->bytes, c->len);
  ck_assert_int_eq(json_object_set_new(value, key, json_array()), 0);
  ck_assert_int_eq(json_array_append_new(json_object_get(value, key),
                                         json_stringn(c->bytes, c->len)), 0);
  text = pauditJSONNew(value, &len);
  checkSerialized(value, text, len, c->escape);
  free(text);
  free(key);
  json_decref(value);
}
END_TEST


/*
 * pauditJSONAppendString() reads plain bytes a word at a time: every byte
 * that needs a look, at every position of a word and at the end of the
 * string, alone and two in one word, among plain bytes next to them in
 * value ('!', '#', '[', ']', '~', ' ', UTF-8 other than C1 and U+2028/9).
 */

typedef struct word_case_s
{
  const char	*bytes;			/* Input */
  size_t	len;			/* Its length (NUL allowed) */
  const char	*escape;		/* Exact output */
} word_case_t;

#define WCASE(b, e) { b, sizeof(b) - 1, e }

static const word_case_t word_cases[] =
{
  WCASE("\"", "\\\""),
  WCASE("\\", "\\\\"),
  WCASE("\n", "\\n"),
  WCASE("\t", "\\t"),
  WCASE("\r", "\\r"),
  WCASE("\0", "\\u0000"),
  WCASE("\x01", "\\u0001"),
  WCASE("\x1F", "\\u001f"),
  WCASE("\x7F", "\\u007f"),
  WCASE("\xC2\x80", "\\u0080"),
  WCASE("\xC2\x9F", "\\u009f"),
  WCASE("\xE2\x80\xA8", "\\u2028"),
  WCASE("\xE2\x80\xA9", "\\u2029"),
  WCASE("\xC2\xA0", "\xC2\xA0"),			// Plain after 0xC2
  WCASE("\xE2\x80\xA7", "\xE2\x80\xA7"),		// Plain after 0xE2
  WCASE("\xE2\x82\xAC", "\xE2\x82\xAC"),
  WCASE("\xC3\xA9", "\xC3\xA9"),
  WCASE("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"),
  WCASE("\xC3\xA9\xC2\x85", "\xC3\xA9\\u0085"),		// C1 after a plain run
  WCASE("\xE2\x82\xAC\"", "\xE2\x82\xAC\\\""),
  WCASE("~ ", "~ "),
};

static const char word_filler[] = "a!#[]~ }Z!#[]~ a#]b!#[]~ }Z!#[]~ a#]";


/*
 * 'appendString()' - pauditJSONAppendString() into a new buffer; check it.
 */

static void
appendString(const char *in,		/* I - Input */
             size_t     inlen,		/* I - Its length */
             const char *want,		/* I - Exact output, quotes included */
             size_t     wantlen)	/* I - Its length */
{
  paudit_buf_t	buf = { NULL, 0, 0, 0 };


  ck_assert_int_eq(pauditJSONAppendString(&buf, in, inlen), 0);
  ck_assert_msg(buf.len == wantlen && !memcmp(buf.data, want, wantlen) &&
                buf.data[buf.len] == '\0',
                "input of %zu bytes: got %zu bytes \"%s\", want %zu \"%s\"",
                inlen, buf.len, buf.data, wantlen, want);
  free(buf.data);
}


START_TEST(test_json_escape_word_positions)
{
  const word_case_t	*c = word_cases + _i;
  char			in[128], want[128];
  size_t		pre, post, inlen, wantlen, elen = strlen(c->escape);


  // The byte at every offset of the first three words, with 0 to 17 plain
  // bytes after it (so the string ends inside and after a word).
  for (pre = 0; pre <= 17; pre ++)
    for (post = 0; post <= 17; post ++)
    {
      memcpy(in, word_filler, pre);
      memcpy(in + pre, c->bytes, c->len);
      memcpy(in + pre + c->len, word_filler + pre, post);
      inlen = pre + c->len + post;

      want[0] = '\"';
      memcpy(want + 1, word_filler, pre);
      memcpy(want + 1 + pre, c->escape, elen);
      memcpy(want + 1 + pre + elen, word_filler + pre, post);
      wantlen = 1 + pre + elen + post;
      want[wantlen ++] = '\"';
      want[wantlen]    = '\0';

      appendString(in, inlen, want, wantlen);
    }
}
END_TEST


START_TEST(test_json_escape_word_pairs)
{
  const word_case_t	*c = word_cases + _i,
			*d = word_cases + (_i + 5) % UNIT_COUNT(word_cases);
  char			in[128], want[128];
  size_t		i, j, n, m, elen = strlen(c->escape), dlen = strlen(d->escape);


  // Two bytes needing a look in one word (and in neighbouring ones): the
  // scan goes on after the first to find the second.
  for (i = 0; i < 16; i ++)
    for (j = i + (size_t)c->len; j < 24; j ++)
    {
      n = m = 0;
      memcpy(in, word_filler, i);
      n += i;
      memcpy(in + n, c->bytes, c->len);
      n += c->len;
      memcpy(in + n, word_filler, j - i - c->len);
      n += j - i - c->len;
      memcpy(in + n, d->bytes, d->len);
      n += d->len;
      memcpy(in + n, word_filler, 9);
      n += 9;

      want[m ++] = '\"';
      memcpy(want + m, word_filler, i);
      m += i;
      memcpy(want + m, c->escape, elen);
      m += elen;
      memcpy(want + m, word_filler, j - i - c->len);
      m += j - i - c->len;
      memcpy(want + m, d->escape, dlen);
      m += dlen;
      memcpy(want + m, word_filler, 9);
      m += 9;
      want[m ++] = '\"';
      want[m]    = '\0';

      appendString(in, n, want, m);
    }
}
END_TEST


START_TEST(test_json_compact)
{
  json_t	*value = unitParse("{\"a\": 1, \"b\": [true, null, \"x y\", 2.5], \"c\": {}}");
  char		*text;
  size_t	len = 0;


  text = pauditJSONNew(value, &len);
  ck_assert_ptr_nonnull(text);
  ck_assert_str_eq(text, "{\"a\":1,\"b\":[true,null,\"x y\",2.5],\"c\":{}}");
  ck_assert_uint_eq(len, strlen(text));
  free(text);
  json_decref(value);

  ck_assert_ptr_null(pauditJSONNew(NULL, &len));
}
END_TEST


START_TEST(test_json_golden_record)
{
  char		*options = unitReadFile(unitDataPath("macos-textedit-socket.options"), NULL);
  json_t	*record;
  unit_job_t	t;
  char		*text;
  size_t	len = 0;


  unitJob(&t, options, "a\nb\x7F\xC2\x85\xE2\x80\xA8", NULL);
  record = unitJobRecord(&t);
  text   = pauditJSONNew(record, &len);
  checkSerialized(record, text, len, "golden record");
  free(text);
  json_decref(record);
  unitJobFree(&t);
  free(options);
}
END_TEST


static Suite *
json_suite(void)
{
  Suite	*s = suite_create("json");
  TCase	*tc = tcase_create("json");


  tcase_add_loop_test(tc, test_json_escapes, 0, (int)UNIT_COUNT(escape_cases));
  tcase_add_loop_test(tc, test_json_escapes_in_keys, 0, (int)UNIT_COUNT(escape_cases));
  tcase_add_loop_test(tc, test_json_escape_word_positions, 0, (int)UNIT_COUNT(word_cases));
  tcase_add_loop_test(tc, test_json_escape_word_pairs, 0, (int)UNIT_COUNT(word_cases));
  tcase_add_test(tc, test_json_compact);
  tcase_add_test(tc, test_json_golden_record);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  return (unitRun(json_suite()));
}
