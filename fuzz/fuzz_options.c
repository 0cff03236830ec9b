/*
 * printaudit fuzz target: the options string (pauditOptionsNew).
 *
 * The input is the options string (argv[5]); it ends at its first NUL, as
 * an argument does.  Properties:
 *
 * - the result serializes (pauditJSONNew) to one line of valid UTF-8 JSON
 *   with no raw control bytes (C0, DEL, C1, U+2028/9) that parses back to
 *   the same value, with no value over PAUDIT_MAX_VALUE bytes;
 * - the result does not depend on whether a truncated array is passed;
 * - the output grows at most linearly with the input (the header promises
 *   work linear in strlen(s));
 * - for strings in the unambiguous subset (valid UTF-8, no quotes, braces
 *   or backslashes) read by the simple tokenizer below:
 *   - every option name is a key of the result (after the bare "no" prefix,
 *     the macOS "..n."/"..b." suffixes or the "..a.I..T." array form), or
 *     "options.NAME" is listed in truncated;
 *   - a job-password or job-password-encryption value never appears;
 *   - when no name has a macOS typed form, the result and the truncated
 *     array are exactly what the contract says (values as given, bare
 *     names true, "noNAME" false, repeats an array in order, long values
 *     cut on a character boundary).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "fuzz.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bytes of output allowed per byte of input, plus a constant: generous
 * for escapes (6 bytes for a control byte) and bare names ("a" gives
 * "a":true,), far below what an unbounded expansion gives. */
#define OPTIONS_GROWTH	64
#define OPTIONS_SLACK	4096

typedef struct token_s			/* One option as the subset reads it */
{
  const char	*name;			/* Name as written */
  size_t	namelen;		/* Length */
  const char	*value;			/* Value or NULL when bare */
  size_t	valuelen;		/* Length */
} token_t;


/*
 * 'opt_space()' - White space between options (libcups's set).
 */

static int
opt_space(char ch)
{
  return (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\v' || ch == '\f' ||
          ch == '\r');
}


/*
 * 'opt_in_subset()' - Whether the simple tokenizer reads s exactly.
 */

static int
opt_in_subset(const char *s,		/* I - Options string */
              size_t     len)		/* I - Length */
{
  return (fuzzUTF8Valid(s, len) && strpbrk(s, "'\"\\{}") == NULL);
}


/*
 * 'opt_tokenize()' - Split a subset string into names and values.
 */

static size_t				/* O - Number of tokens */
opt_tokenize(const char *s,		/* I - Options string */
             token_t    *tokens)	/* O - Tokens, strlen(s) + 1 of them */
{
  size_t	count = 0;


  while (*s)
  {
    while (opt_space(*s))
      s ++;
    if (!*s)
      break;

    tokens[count].name = s;
    while (*s && !opt_space(*s) && *s != '=')
      s ++;
    tokens[count].namelen = (size_t)(s - tokens[count].name);
    while (opt_space(*s))
      s ++;

    tokens[count].value    = NULL;
    tokens[count].valuelen = 0;
    if (*s == '=')
    {
      tokens[count].value = ++ s;
      while (*s && !opt_space(*s))
        s ++;
      tokens[count].valuelen = (size_t)(s - tokens[count].value);
    }

    count ++;
  }

  return (count);
}


/*
 * 'opt_is_password()' - Whether a name is job-password or job-password-encryption.
 */

static int
opt_is_password(const char *name,	/* I - Name */
                size_t     len)		/* I - Length */
{
  return ((len == 12 && !strncasecmp(name, "job-password", 12)) ||
          (len == 23 && !strncasecmp(name, "job-password-encryption", 23)));
}


/*
 * 'opt_strip_no()' - The key of a bare "noNAME" is NAME.
 */

static void
opt_strip_no(const token_t *token,	/* I - Token */
             const char    **name,	/* O - Key */
             size_t        *namelen,	/* O - Length */
             int           *bare)	/* O - Boolean of a bare name */
{
  *name    = token->name;
  *namelen = token->namelen;
  *bare    = 1;

  if (!token->value && token->namelen >= 2 && !strncasecmp(token->name, "no", 2))
  {
    *name    += 2;
    *namelen -= 2;
    *bare    = 0;
  }
}


/*
 * 'opt_has_key()' - Whether key is in options or "options.key" in truncated.
 */

static int
opt_has_key(json_t     *options,	/* I - Result */
            json_t     *truncated,	/* I - Truncated array */
            const char *key,		/* I - Key */
            size_t     keylen)		/* I - Length */
{
  char	*listed;
  int	found;


  if (json_object_getn(options, key, keylen))
    return (1);

  listed = malloc(keylen + 9);
  FUZZ_CHECK(listed != NULL, "out of memory");
  memcpy(listed, "options.", 8);
  memcpy(listed + 8, key, keylen);
  found = fuzzArrayHasString(truncated, listed, keylen + 8);
  free(listed);

  return (found);
}


/*
 * 'opt_check_token()' - The name is present; a password value is not.
 */

static void
opt_check_token(const char    *s,	/* I - Options string */
                size_t        len,	/* I - Length */
                const token_t *token,	/* I - Token */
                json_t        *options,	/* I - Result */
                json_t        *truncated,/* I - Truncated array */
                json_t        *parsed)	/* I - Result as serialized and parsed back */
{
  const char	*name, *dots;
  size_t	namelen, candidates[8], ncandidates = 0, i;
  int		bare, present = 0, password = 0;


  // The key a name may end up as: itself, without a typed suffix, or the
  // base of a typed array element.
  opt_strip_no(token, &name, &namelen, &bare);

  candidates[ncandidates ++] = namelen;
  if (namelen >= 4 && (!memcmp(name + namelen - 4, "..n.", 4) ||
                       !memcmp(name + namelen - 4, "..b.", 4)))
    candidates[ncandidates ++] = namelen - 4;
  for (dots = name; ncandidates < 8 &&
       (dots = memmem(dots, namelen - (size_t)(dots - name), "..a.", 4)) != NULL;
       dots ++)
    candidates[ncandidates ++] = (size_t)(dots - name);

  for (i = 0; i < ncandidates; i ++)
  {
    present  |= opt_has_key(options, truncated, name, candidates[i]);
    password |= opt_is_password(name, candidates[i]);
  }

  FUZZ_CHECK(present, "option \"%.*s\" is neither a key of the result nor listed in truncated",
             (int)token->namelen, token->name);

  // A password value that occurs nowhere else in the input must not
  // occur in the output (decoded, so escapes cannot fake a match).
  if (password && token->value && token->valuelen >= 4 &&
      fuzzCount(s, len, token->value, token->valuelen) == 1 &&
      !fuzzCount("<redacted>", 10, token->value, token->valuelen))
    FUZZ_CHECK(!fuzzJSONContains(parsed, token->value, token->valuelen),
               "the value of \"%.*s\" (\"%.*s\") is in the output",
               (int)token->namelen, token->name, (int)token->valuelen,
               token->value);
}


/*
 * 'opt_expected_string()' - A value as the record keeps it: cut on a character boundary.
 */

static json_t *
opt_expected_string(const char *value,	/* I - Value (valid UTF-8) */
                    size_t     len,	/* I - Length */
                    int        *cut)	/* O - 1 if cut */
{
  size_t	keep = len;


  if ((*cut = len > PAUDIT_MAX_VALUE) != 0)
    for (keep = PAUDIT_MAX_VALUE; keep > 0 && ((unsigned char)value[keep] & 0xC0) == 0x80; keep --);

  return (json_stringn(value, keep));
}


/*
 * 'opt_check_exact()' - Without typed names, the whole result is known.
 */

static void
opt_check_exact(const token_t *tokens,	/* I - Tokens */
                size_t        count,	/* I - Number of tokens */
                json_t        *options,	/* I - Result */
                json_t        *truncated)/* I - Truncated array */
{
  json_t	*expected = json_object(), *cut = json_array(), *value, *old, *array;
  const char	*name;
  size_t	namelen, i;
  int		bare, was_cut;
  char		*listed;


  FUZZ_CHECK(expected && cut, "out of memory");

  for (i = 0; i < count; i ++)
  {
    opt_strip_no(tokens + i, &name, &namelen, &bare);

    was_cut = 0;
    if (opt_is_password(name, namelen))
      value = json_string("<redacted>");
    else if (tokens[i].value)
      value = opt_expected_string(tokens[i].value, tokens[i].valuelen, &was_cut);
    else
      value = json_boolean(bare);
    FUZZ_CHECK(value != NULL, "out of memory");

    if (was_cut)
    {
      listed = malloc(namelen + 9);
      FUZZ_CHECK(listed != NULL, "out of memory");
      memcpy(listed, "options.", 8);
      memcpy(listed + 8, name, namelen);
      json_array_append_new(cut, json_stringn(listed, namelen + 8));
      free(listed);
    }

    // Repeats: an array of every value in order.  Without typed names a
    // single value is never an array, so an array here means repeats.
    if ((old = json_object_getn(expected, name, namelen)) == NULL)
      json_object_setn_new(expected, name, namelen, value);
    else if (json_is_array(old))
      json_array_append_new(old, value);
    else
    {
      array = json_array();
      json_array_append(array, old);
      json_array_append_new(array, value);
      json_object_setn_new(expected, name, namelen, array);
    }
  }

  FUZZ_CHECK(json_equal(expected, options),
             "the result is not what the contract says for these options");
  FUZZ_CHECK(json_equal(cut, truncated),
             "truncated lists %zu keys, the contract %zu", json_array_size(truncated),
             json_array_size(cut));

  json_decref(expected);
  json_decref(cut);
}


/*
 * 'LLVMFuzzerTestOneInput()' - Check one options string.
 */

int
LLVMFuzzerTestOneInput(const uint8_t *data,/* I - Input */
                       size_t        size)/* I - Length */
{
  char		*s = fuzzStringNew(data, size), *text;
  size_t	len = strlen(s), textlen = 0, count, i;
  json_t	*truncated = json_array(), *options, *plain, *parsed, *item;
  token_t	*tokens;
  int		typed;


  FUZZ_CHECK(truncated != NULL, "out of memory");

  options = pauditOptionsNew(s, truncated);
  FUZZ_CHECK(json_is_object(options), "pauditOptionsNew() returned no object");

  plain = pauditOptionsNew(s, NULL);
  FUZZ_CHECK(json_equal(plain, options),
             "the result differs when truncated is NULL");
  json_decref(plain);

  text = pauditJSONNew(options, &textlen);
  FUZZ_CHECK(text != NULL, "pauditJSONNew() failed on the options");
  FUZZ_CHECK(textlen == strlen(text), "the length (%zu) is not the text's (%zu)",
             textlen, strlen(text));
  FUZZ_CHECK(textlen <= OPTIONS_GROWTH * len + OPTIONS_SLACK,
             "%zu bytes of options give %zu bytes of JSON", len, textlen);

  parsed = fuzzCheckJSON("options", text, textlen);
  FUZZ_CHECK(json_equal(parsed, options), "the JSON does not read back as the same value");
  fuzzCheckValueSizes("options", options, PAUDIT_MAX_VALUE);

  for (i = 0; i < json_array_size(truncated); i ++)
  {
    item = json_array_get(truncated, i);
    FUZZ_CHECK(json_is_string(item) && !strncmp(json_string_value(item), "options.", 8),
               "truncated entry %zu is not an \"options.NAME\" string", i);
  }

  if (opt_in_subset(s, len))
  {
    tokens = calloc(len + 1, sizeof(token_t));
    FUZZ_CHECK(tokens != NULL, "out of memory");
    count = opt_tokenize(s, tokens);

    for (i = 0, typed = 0; i < count; i ++)
    {
      opt_check_token(s, len, tokens + i, options, truncated, parsed);
      typed |= memmem(tokens[i].name, tokens[i].namelen, "..", 2) != NULL;
    }

    if (!typed)
      opt_check_exact(tokens, count, options, truncated);

    free(tokens);
  }

  json_decref(parsed);
  free(text);
  json_decref(options);
  json_decref(truncated);
  free(s);

  return (0);
}
