/*
 * printaudit unit tests: reading the options string (lib/options.c).
 *
 * Expected values are written by hand from CONTRACT.md ("The record":
 * options) and from libcups's cupsParseOptions() reading rules.
 *
 * Run with an argument, the program prints the object read from it:
 *   test_options ' media=A4 nocollate k=with\ space'
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


typedef struct options_case_s
{
  const char	*name;			/* Case */
  const char	*in;			/* Options string */
  const char	*expect;		/* Expected object, JSON text */
} options_case_t;

static const options_case_t options_cases[] =
{
  // Empty and separators
  { "empty", "", "{}" },
  { "only spaces", "   ", "{}" },
  { "only whitespace", " \t\n\r\f\v", "{}" },
  { "one", "a=1", "{\"a\":\"1\"}" },
  { "two", "a=1 b=2", "{\"a\":\"1\",\"b\":\"2\"}" },
  { "leading, trailing, repeated spaces", "   a=1    b=2   ", "{\"a\":\"1\",\"b\":\"2\"}" },
  { "tab and newline separate", "a=1\tb=2\nc=3", "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}" },

  // Values are strings exactly as given
  { "number stays a string", "number-up=1", "{\"number-up\":\"1\"}" },
  { "list stays a string", "finishings=3,4", "{\"finishings\":\"3,4\"}" },
  { "empty value", "AP_D_InputSlot=", "{\"AP_D_InputSlot\":\"\"}" },
  { "empty value then more", "a= b=2", "{\"a\":\"\",\"b\":\"2\"}" },
  { "true as value stays a string", "a=true", "{\"a\":\"true\"}" },
  { "value with =", "k=v=w", "{\"k\":\"v=w\"}" },
  { "value with :/?", "u=ipp://h:631/x?y", "{\"u\":\"ipp://h:631/x?y\"}" },
  { "space before =", "k =v", "{\"k\":\"v\"}" },
  { "spaces around =", "k = v", "{\"k\":\"\",\"v\":true}" },

  // Booleans
  { "bare name", "collate", "{\"collate\":true}" },
  { "bare names", "a b", "{\"a\":true,\"b\":true}" },
  { "noname", "nocollate", "{\"collate\":false}" },
  { "NoName", "NoCollate", "{\"Collate\":false}" },
  { "NONAME", "NOCOLLATE", "{\"COLLATE\":false}" },
  { "nOname", "nOfoo", "{\"foo\":false}" },
  { "no prefix only for bare names", "notes=x", "{\"notes\":\"x\"}" },
  { "golden booleans", " AP_D_InputSlot= nocollate ColorModel=Gray",
    "{\"AP_D_InputSlot\":\"\",\"collate\":false,\"ColorModel\":\"Gray\"}" },

  // Quotes (cupsParseOptions)
  { "single quotes", "k='with space'", "{\"k\":\"with space\"}" },
  { "double quotes", "k=\"with space\"", "{\"k\":\"with space\"}" },
  { "escaped space", "k=with\\ space", "{\"k\":\"with space\"}" },
  { "escaped space then option", "k=with\\ space m=1", "{\"k\":\"with space\",\"m\":\"1\"}" },
  { "escaped quote in single quotes", "k='it\\'s'", "{\"k\":\"it's\"}" },
  { "escaped quote in double quotes", "k=\"a\\\"b\"", "{\"k\":\"a\\\"b\"}" },
  { "other quote kept", "k='a\"b'", "{\"k\":\"a\\\"b\"}" },
  { "escaped backslash", "k=a\\\\b", "{\"k\":\"a\\\\b\"}" },
  { "escaped backslash in quotes", "k='a\\\\b'", "{\"k\":\"a\\\\b\"}" },
  { "trailing backslash kept", "k=abc\\", "{\"k\":\"abc\\\\\"}" },
  { "backslash escapes the separator", "k=abc\\ x=1", "{\"k\":\"abc x=1\"}" },
  { "empty quotes", "k=''", "{\"k\":\"\"}" },
  { "quoted then plain", "k='a b'c", "{\"k\":\"a bc\"}" },
  { "two quoted parts", "k='a b'\"c d\"", "{\"k\":\"a bc d\"}" },
  { "quote inside a plain value", "k=a'b c'", "{\"k\":\"a'b\",\"c'\":true}" },
  { "comma then quotes", "k=,'a b'", "{\"k\":\",a b\"}" },
  { "quoted list", "k='a b','c d'", "{\"k\":\"a b,c d\"}" },
  { "unterminated quote runs to the end", "k='a b c=1", "{\"k\":\"a b c=1\"}" },
  { "quotes in a name are kept", "'a'=1", "{\"'a'\":\"1\"}" },
  { "newline in quotes", "k='a\nb'", "{\"k\":\"a\\nb\"}" },

  // Collections keep their braces
  { "collection", "k={a=1 b=2}", "{\"k\":\"{a=1 b=2}\"}" },
  { "collection then option", "k={a=1 b=2} m=3", "{\"k\":\"{a=1 b=2}\",\"m\":\"3\"}" },
  { "nested collection", "k={a={b=1} c=2} d=3", "{\"k\":\"{a={b=1} c=2}\",\"d\":\"3\"}" },
  { "escaped brace in collection", "k={a=\\}b}", "{\"k\":\"{a=}b}\"}" },
  { "quotes kept in collection", "k={a='x y'}", "{\"k\":\"{a='x y'}\"}" },
  { "collection then text", "k={a}b c=1", "{\"k\":\"{a}b\",\"c\":\"1\"}" },
  { "unterminated collection runs to the end", "k={a=1 b=2", "{\"k\":\"{a=1 b=2\"}" },

  // Duplicates keep every value in order
  { "duplicate", "media=A4 media=Letter", "{\"media\":[\"A4\",\"Letter\"]}" },
  { "triplicate", "a=1 a=2 a=3", "{\"a\":[\"1\",\"2\",\"3\"]}" },
  { "duplicate with others between", "a=1 b=x a=2", "{\"a\":[\"1\",\"2\"],\"b\":\"x\"}" },
  { "duplicate booleans", "collate nocollate", "{\"collate\":[true,false]}" },
  { "duplicate mixed", "a=1 a noa", "{\"a\":[\"1\",true,false]}" },
  { "names differing in case are distinct", "Media=A4 media=Letter",
    "{\"Media\":\"A4\",\"media\":\"Letter\"}" },

  // Nothing is dropped (cupsParseOptions stops at an empty name)
  { "empty name", "=x", "{\"\":\"x\"}" },
  { "empty name between", "a=1 =x b=2", "{\"a\":\"1\",\"\":\"x\",\"b\":\"2\"}" },
  { "print-quality and cupsPrintQuality both kept", "print-quality=5 cupsPrintQuality=High",
    "{\"print-quality\":\"5\",\"cupsPrintQuality\":\"High\"}" },

  // macOS typed keys
  { "typed number", "X..n.=1", "{\"X\":1}" },
  { "typed negative number", "X..n.=-3", "{\"X\":-3}" },
  { "typed large number", "X..n.=2147483647", "{\"X\":2147483647}" },
  { "typed boolean", "X..b.", "{\"X\":true}" },
  { "typed array", "X..a.0..n.=1 X..a.1..n.=2", "{\"X\":[1,2]}" },
  { "typed array out of order", "X..a.1..n.=2 X..a.0..n.=1", "{\"X\":[1,2]}" },
  { "typed array with a hole", "X..a.0..n.=1 X..a.2..n.=3", "{\"X\":[1,null,3]}" },
  { "typed array missing element 0", "X..a.1..n.=2", "{\"X\":[null,2]}" },
  { "typed number not a number", "X..n.=abc", "{\"X\":\"abc\"}" },
  { "typed number empty", "X..n.=", "{\"X\":\"\"}" },
  { "typed number hex is not decimal", "X..n.=0x10", "{\"X\":\"0x10\"}" },
  { "typed number trailing junk", "X..n.=12abc", "{\"X\":\"12abc\"}" },
  { "typed array element not a number", "X..a.0..n.=abc", "{\"X\":[\"abc\"]}" },
  { "typed number of 18 digits", "X..n.=-999999999999999999",
    "{\"X\":-999999999999999999}" },
  { "typed number, the largest integer", "X..n.=9223372036854775807",
    "{\"X\":9223372036854775807}" },
  { "typed number, the smallest integer", "X..n.=-9223372036854775808",
    "{\"X\":-9223372036854775808}" },
  { "typed number past the largest integer stays a string",
    "X..n.=9223372036854775808", "{\"X\":\"9223372036854775808\"}" },
  { "typed number of 20 digits stays a string", "X..n.=18446744073709551617",
    "{\"X\":\"18446744073709551617\"}" },
  { "golden page range",
    "com.apple.print.PrintSettings.PMPageRange..a.0..n.=1 "
    "com.apple.print.PrintSettings.PMPageRange..a.1..n.=2147483647",
    "{\"com.apple.print.PrintSettings.PMPageRange\":[1,2147483647]}" },
  { "typed keys beside plain ones", "a=1 X..n.=5 b Y..b.",
    "{\"a\":\"1\",\"X\":5,\"b\":true,\"Y\":true}" },

  // Credentials
  { "job-password", "job-password=secret", "{\"job-password\":\"<redacted>\"}" },
  { "job-password-encryption", "job-password-encryption=md5",
    "{\"job-password-encryption\":\"<redacted>\"}" },
  { "job-password quoted", "job-password='se cret'", "{\"job-password\":\"<redacted>\"}" },
  { "job-password among others", "a=1 job-password=secret b=2",
    "{\"a\":\"1\",\"job-password\":\"<redacted>\",\"b\":\"2\"}" },
  { "job-password twice", "job-password=secret job-password=secret2",
    "{\"job-password\":[\"<redacted>\",\"<redacted>\"]}" },
  { "job-password as a macOS number", "job-password..n.=hunter2",
    "{\"job-password\":\"<redacted>\"}" },
  { "job-password as a macOS array element", "job-password..a.1..b.=63104",
    "{\"job-password\":\"<redacted>\"}" },
  { "job-password-encryption as a macOS boolean", "JOB-PASSWORD-ENCRYPTION..b.",
    "{\"JOB-PASSWORD-ENCRYPTION\":\"<redacted>\"}" },
  { "a name that is job-password up to its first \"..\"", "job-password..a.1..x=pin",
    "{\"job-password..a.1..x\":\"<redacted>\"}" },
  { "a typed index beyond the string's length stays a key", "a..a.65535..n.=1",
    "{\"a..a.65535..n.\":\"1\"}" },
  { "job-password-like names are not redacted", "job-passwords=x",
    "{\"job-passwords\":\"x\"}" },

  // Bytes that are not valid UTF-8 are replaced, control characters kept
  { "UTF-8 value", "k=caf\xC3\xA9", "{\"k\":\"caf\\u00e9\"}" },
  { "invalid UTF-8 value", "k=a\xFF" "b", "{\"k\":\"a\\ufffdb\"}" },
  { "invalid UTF-8 name", "\xFF=1", "{\"\\ufffd\":\"1\"}" },
  { "invalid UTF-8 bare name", "a\xC0\xAF", "{\"a\\ufffd\\ufffd\":true}" },

  // Names and plain values are read eight bytes at a time: their ends,
  // control bytes and non-ASCII bytes at every place in a word
  { "names and values across words",
    "abcdefg=1 abcdefgh=12345678 abcdefghi=123456789 abcdefghijklmnopq=x\\ y",
    "{\"abcdefg\":\"1\",\"abcdefgh\":\"12345678\",\"abcdefghi\":\"123456789\","
    "\"abcdefghijklmnopq\":\"x y\"}" },
  { "control bytes inside long names and values",
    "abcdefg\x01hijklmnop=1 k=abcdefghij\x02klmnop",
    "{\"abcdefg\\u0001hijklmnop\":\"1\",\"k\":\"abcdefghij\\u0002klmnop\"}" },
  { "a tab ends a long name", "abcdefghijk\tlmn=1",
    "{\"abcdefghijk\":true,\"lmn\":\"1\"}" },
  { "UTF-8 in the second word", "abcdefghij\xC3\xA9=abcdefghij\xC3\xA9",
    "{\"abcdefghij\\u00e9\":\"abcdefghij\\u00e9\"}" },
  { "invalid UTF-8 in the second word", "abcdefghij\xFF=abcdefghij\xFF",
    "{\"abcdefghij\\ufffd\":\"abcdefghij\\ufffd\"}" },
  { "control character in value", "k=a\x01" "b", "{\"k\":\"a\\u0001b\"}" },
  { "DEL in value", "k=a\x7F" "b", "{\"k\":\"a\\u007fb\"}" },
};


START_TEST(test_options_table)
{
  const options_case_t	*c = options_cases + _i;
  json_t		*expect = unitParse(c->expect),
			*truncated = json_array(),
			*options;


  options = pauditOptionsNew(c->in, truncated);
  ck_assert_msg(options != NULL, "%s: NULL", c->name);
  unitAssertJSON(options, expect, c->name);
  ck_assert_msg(json_array_size(truncated) == 0, "%s: truncated is not empty",
                c->name);

  // Without a truncated array, the same result.
  json_decref(options);
  options = pauditOptionsNew(c->in, NULL);
  unitAssertJSON(options, expect, c->name);

  json_decref(options);
  json_decref(truncated);
  json_decref(expect);
}
END_TEST


/*
 * Key order follows the string (JSON objects are unordered, but readers of
 * the log see this order).
 */

START_TEST(test_options_order)
{
  static const char * const keys[] = { "z", "a", "", "m", "collate", "b" };
  json_t	*options = pauditOptionsNew("z=1 a=2 =3 m=4 nocollate b", NULL);
  void		*iter;
  size_t	i = 0;


  ck_assert_ptr_nonnull(options);
  for (iter = json_object_iter(options); iter; iter = json_object_iter_next(options, iter), i ++)
  {
    ck_assert_uint_lt(i, UNIT_COUNT(keys));
    ck_assert_str_eq(json_object_iter_key(iter), keys[i]);
  }
  ck_assert_uint_eq(i, UNIT_COUNT(keys));
  json_decref(options);
}
END_TEST


/*
 * A bare "no" is not lost (libcups drops it: an empty name).
 */

START_TEST(test_options_bare_no)
{
  json_t	*options = pauditOptionsNew("a=1 no b=2", NULL);


  ck_assert_ptr_nonnull(options);
  ck_assert_uint_eq(json_object_size(options), 3);
  json_decref(options);
}
END_TEST


/*
 * No credential anywhere in the serialized object.
 */

static const char * const secret_cases[] =
{
  "job-password=s3cr3tXY",
  "job-password='s3cr3tXY'",
  "job-password=\"s3cr3tXY\"",
  "job-password=s3cr3t\\XY",
  "a=1 job-password=s3cr3tXY b=2",
  "job-password-encryption=s3cr3tXY",
  "job-password=s3cr3tXY job-password=s3cr3tXY",
  "job-password={s3cr3tXY}",
};

START_TEST(test_options_secret_absent)
{
  json_t	*options = pauditOptionsNew(secret_cases[_i], NULL);
  char		*text;


  ck_assert_ptr_nonnull(options);
  text = json_dumps(options, JSON_COMPACT);
  ck_assert_ptr_nonnull(text);
  ck_assert_msg(!strstr(text, "s3cr3t") && !strstr(text, "XY"),
                "%s: secret in %s", secret_cases[_i], text);
  ck_assert_msg(strstr(text, "<redacted>") != NULL, "%s: no <redacted> in %s",
                secret_cases[_i], text);
  free(text);
  json_decref(options);
}
END_TEST


/*
 * Long values: cut to the longest prefix of at most 4096 bytes that ends on
 * a character boundary, no marker, key listed in truncated.
 */

typedef struct long_case_s
{
  const char	*name;			/* Option name */
  const char	*unit;			/* Repeated value text */
  size_t	count;			/* Repetitions */
  size_t	expect_len;		/* Length after cutting */
  int		cut;			/* Listed in truncated? */
} long_case_t;

static const long_case_t long_cases[] =
{
  { "longval", "a", 5000, 4096, 1 },
  { "exact", "a", 4096, 4096, 0 },
  { "oneover", "a", 4097, 4096, 1 },
  { "euro", "\xE2\x82\xAC", 1667, 4095, 1 },		// 5001 bytes: 1365 x 3
  { "emoji", "\xF0\x9F\x98\x80", 1250, 4096, 1 },	// 5000 bytes: 1024 x 4
  { "eacute", "\xC3\xA9", 2500, 4096, 1 },		// 5000 bytes: 2048 x 2
  { "mixed", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 556, 4095, 1 },	// 5004 bytes: 455 x 9
};

START_TEST(test_options_long_value)
{
  const long_case_t	*c = long_cases + _i;
  char			prefix[64];
  char			*in, *full;
  json_t		*truncated = json_array(), *options, *value, *expect;
  const char		*got;
  size_t		gotlen;


  snprintf(prefix, sizeof(prefix), "before=1 %s=", c->name);
  in   = unitRepeat(prefix, c->unit, c->count, " after=2");
  full = unitRepeat(NULL, c->unit, c->count, NULL);

  options = pauditOptionsNew(in, truncated);
  ck_assert_ptr_nonnull(options);
  ck_assert_uint_eq(json_object_size(options), 3);
  value = json_object_get(options, c->name);
  ck_assert_msg(json_is_string(value), "%s: not a string", c->name);
  got    = json_string_value(value);
  gotlen = json_string_length(value);
  ck_assert_msg(gotlen == c->expect_len, "%s: %zu bytes, expected %zu", c->name,
                gotlen, c->expect_len);
  ck_assert_msg(!memcmp(got, full, gotlen), "%s: not a prefix of the value", c->name);
  ck_assert_str_eq(json_string_value(json_object_get(options, "before")), "1");
  ck_assert_str_eq(json_string_value(json_object_get(options, "after")), "2");

  if (c->cut)
  {
    char	key[80];

    snprintf(key, sizeof(key), "[\"options.%s\"]", c->name);
    expect = unitParse(key);
  }
  else
    expect = json_array();
  unitAssertJSON(truncated, expect, c->name);

  json_decref(expect);
  json_decref(options);
  json_decref(truncated);
  free(in);
  free(full);
}
END_TEST


/*
 * A long value of a macOS typed array element is listed under the key it
 * is kept in: the array's ("options.NAME"), never "NAME..a.I..T.", which
 * is no key of the record; an element that does not fit keeps its own key.
 */

START_TEST(test_options_long_typed_element)
{
  char		*in = unitRepeat("x..a.0..s.=", "a", 5000, " y..a.1..n.=1 y..a.1..n.=2"),
		*in2 = unitRepeat("y..a.1..n.=1 y..a.1..s.=", "b", 5000, NULL);
  json_t	*truncated = json_array(), *options, *expect;


  options = pauditOptionsNew(in, truncated);
  ck_assert_ptr_nonnull(options);
  ck_assert(json_is_array(json_object_get(options, "x")));
  ck_assert_uint_eq(json_string_length(json_array_get(json_object_get(options, "x"), 0)), 4096);
  expect = unitParse("[\"options.x\"]");
  unitAssertJSON(truncated, expect, "typed element cut");
  json_decref(expect);
  json_decref(options);
  json_decref(truncated);

  // Element 1 given twice: the second stays under its own key, and is listed so.
  truncated = json_array();
  options   = pauditOptionsNew(in2, truncated);
  ck_assert_ptr_nonnull(options);
  ck_assert_uint_eq(json_string_length(json_object_get(options, "y..a.1..s.")), 4096);
  expect = unitParse("[\"options.y..a.1..s.\"]");
  unitAssertJSON(truncated, expect, "element that does not fit, cut");
  json_decref(expect);
  json_decref(options);
  json_decref(truncated);
  free(in);
  free(in2);
}
END_TEST


START_TEST(test_options_long_values_listed_in_order)
{
  char		*a = unitRepeat("zz=", "x", 5000, NULL),
		*b = unitRepeat(" aa=", "y", 6000, NULL),
		*c = unitRepeat(" zz=", "w", 4097, " short=1"),
		*in = malloc(strlen(a) + strlen(b) + strlen(c) + 1);
  json_t	*truncated = json_array(), *options, *expect, *value;
  size_t	i;


  ck_assert_ptr_nonnull(in);
  strcpy(in, a);
  strcat(in, b);
  strcat(in, c);

  options = pauditOptionsNew(in, truncated);
  ck_assert_ptr_nonnull(options);
  value = json_object_get(options, "zz");
  ck_assert(json_is_array(value) && json_array_size(value) == 2);
  for (i = 0; i < 2; i ++)
    ck_assert_uint_eq(json_string_length(json_array_get(value, i)), 4096);
  ck_assert_uint_eq(json_string_length(json_object_get(options, "aa")), 4096);

  // Every cut value is listed; a name cut twice may be listed once or twice.
  ck_assert_uint_ge(json_array_size(truncated), 2);
  ck_assert_str_eq(json_string_value(json_array_get(truncated, 0)), "options.zz");
  ck_assert_str_eq(json_string_value(json_array_get(truncated, 1)), "options.aa");
  for (i = 2; i < json_array_size(truncated); i ++)
    ck_assert_str_eq(json_string_value(json_array_get(truncated, i)), "options.zz");

  // Without a truncated array the values are still cut.
  json_decref(options);
  options = pauditOptionsNew(in, NULL);
  ck_assert_ptr_nonnull(options);
  ck_assert_uint_eq(json_string_length(json_object_get(options, "aa")), 4096);

  expect = unitParse("\"1\"");
  unitAssertJSON(json_object_get(options, "short"), expect, "short after long");

  json_decref(expect);
  json_decref(options);
  json_decref(truncated);
  free(a);
  free(b);
  free(c);
  free(in);
}
END_TEST


/*
 * Golden: the options string macOS cupsd gave the socket backend.
 */

START_TEST(test_options_golden)
{
  char		*in = unitReadFile(unitDataPath("macos-textedit-socket.options"), NULL);
  json_t	*expect = unitLoadJSON("macos-textedit-socket.options.json"),
		*truncated = json_array(),
		*options;


  options = pauditOptionsNew(in, truncated);
  unitAssertJSON(options, expect, "macos-textedit-socket");
  ck_assert_uint_eq(json_array_size(truncated), 0);

  json_decref(options);
  json_decref(expect);
  json_decref(truncated);
  free(in);
}
END_TEST


/*
 * Linear time: inputs that a quadratic reader (shifting the rest of the
 * string per escape, searching keys or rebuilding arrays linearly) cannot
 * finish within the test's timeout.  Not timed otherwise.
 */

START_TEST(test_options_linear_many_names)
{
  size_t	n = 200000, i;
  char		*in = malloc(n * 16), *p = in;
  json_t	*options;


  ck_assert_ptr_nonnull(in);
  for (i = 0; i < n; i ++)
    p += sprintf(p, "o%zu=v ", i);
  *p = '\0';

  options = pauditOptionsNew(in, NULL);
  ck_assert_ptr_nonnull(options);
  ck_assert_uint_eq(json_object_size(options), n);
  ck_assert_str_eq(json_string_value(json_object_get(options, "o199999")), "v");
  json_decref(options);
  free(in);
}
END_TEST


START_TEST(test_options_linear_one_name)
{
  size_t	n = 200000;
  char		*in = unitRepeat(NULL, "dup=v ", n, NULL);
  json_t	*options, *value;


  options = pauditOptionsNew(in, NULL);
  ck_assert_ptr_nonnull(options);
  value = json_object_get(options, "dup");
  ck_assert(json_is_array(value));
  ck_assert_uint_eq(json_array_size(value), n);
  json_decref(options);
  free(in);
}
END_TEST


START_TEST(test_options_linear_escapes)
{
  // 1 MiB values made of escapes, quotes and collections.
  static const char * const units[] = { "\\a", "'a'", "\"\\a\"", "{\\a}", ",a" };
  size_t	n = 1024 * 1024 / 4;
  json_t	*truncated = json_array(), *options;
  char		*in;
  size_t	i;


  for (i = 0; i < UNIT_COUNT(units); i ++)
  {
    in = unitRepeat("k=", units[i], n, " z=1");
    options = pauditOptionsNew(in, truncated);
    ck_assert_ptr_nonnull(options);
    ck_assert_uint_eq(json_string_length(json_object_get(options, "k")), 4096);
    ck_assert_str_eq(json_string_value(json_object_get(options, "z")), "1");
    json_decref(options);
    free(in);
  }
  ck_assert_uint_eq(json_array_size(truncated), UNIT_COUNT(units));
  json_decref(truncated);
}
END_TEST


START_TEST(test_options_linear_typed_array)
{
  // Many typed elements of one array, in reverse order (indexes up to
  // 65535 make array elements; larger ones are kept under their own keys).
  size_t	n = 60000, i;
  char		*in = malloc(n * 24), *p = in;
  json_t	*options, *value;


  ck_assert_ptr_nonnull(in);
  for (i = n; i > 0; i --)
    p += sprintf(p, "R..a.%zu..n.=%zu ", i - 1, i - 1);
  *p = '\0';

  options = pauditOptionsNew(in, NULL);
  ck_assert_ptr_nonnull(options);
  value = json_object_get(options, "R");
  ck_assert(json_is_array(value));
  ck_assert_uint_eq(json_array_size(value), n);
  ck_assert_int_eq(json_integer_value(json_array_get(value, n - 1)), (json_int_t)(n - 1));
  json_decref(options);
  free(in);
}
END_TEST


START_TEST(test_options_huge_array_index)
{
  // A short string must not make a huge array: bounded output.
  static const char * const cases[] =
  {
    "X..a.1000000000..n.=1",
    "X..a.99999999999999999999..n.=1",
    "X..a.4294967296..n.=1 X..a.0..n.=2",
  };
  size_t	i;
  json_t	*options;
  char		*text;


  for (i = 0; i < UNIT_COUNT(cases); i ++)
  {
    options = pauditOptionsNew(cases[i], NULL);
    ck_assert_msg(options != NULL, "%s: NULL", cases[i]);
    text = json_dumps(options, JSON_COMPACT);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(strlen(text) < 65536, "%s: %zu bytes of output", cases[i],
                  strlen(text));
    free(text);
    json_decref(options);
  }
}
END_TEST


static Suite *
options_suite(void)
{
  Suite	*s = suite_create("options");
  TCase	*tc = tcase_create("core"),
	*tc_linear = tcase_create("linear");


  tcase_add_loop_test(tc, test_options_table, 0, (int)UNIT_COUNT(options_cases));
  tcase_add_test(tc, test_options_order);
  tcase_add_test(tc, test_options_bare_no);
  tcase_add_loop_test(tc, test_options_secret_absent, 0, (int)UNIT_COUNT(secret_cases));
  tcase_add_loop_test(tc, test_options_long_value, 0, (int)UNIT_COUNT(long_cases));
  tcase_add_test(tc, test_options_long_values_listed_in_order);
  tcase_add_test(tc, test_options_long_typed_element);
  tcase_add_test(tc, test_options_golden);
  suite_add_tcase(s, tc);

  tcase_set_timeout(tc_linear, 30);
  tcase_add_test(tc_linear, test_options_linear_many_names);
  tcase_add_test(tc_linear, test_options_linear_one_name);
  tcase_add_test(tc_linear, test_options_linear_escapes);
  tcase_add_test(tc_linear, test_options_linear_typed_array);
  tcase_add_test(tc_linear, test_options_huge_array_index);
  suite_add_tcase(s, tc_linear);

  return (s);
}


int
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Options strings to show */
{
  int	i;


  if (argc > 1)
  {
    for (i = 1; i < argc; i ++)
    {
      json_t	*truncated = json_array(),
		*options = pauditOptionsNew(argv[i], truncated);

      if (!options)
        return (EXIT_FAILURE);
      json_dumpf(options, stdout, JSON_INDENT(2));
      if (json_array_size(truncated))
      {
        fputs("\ntruncated: ", stdout);
        json_dumpf(truncated, stdout, JSON_COMPACT);
      }
      putchar('\n');
      json_decref(options);
      json_decref(truncated);
    }
    return (EXIT_SUCCESS);
  }

  return (unitRun(options_suite()));
}
