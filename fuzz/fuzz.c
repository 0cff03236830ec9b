/*
 * printaudit fuzz targets: helpers shared by the targets.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "fuzz.h"
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/*
 * 'fuzzFail()' - Report a violated property and abort().
 */

void
fuzzFail(const char *file,		/* I - Source file */
         int        line,		/* I - Source line */
         const char *cond,		/* I - Condition that failed */
         const char *format,		/* I - printf format of the explanation */
         ...)				/* I - Arguments */
{
  va_list	ap;


  fprintf(stderr, "\n==== PROPERTY VIOLATED at %s:%d: %s\n==== ", file, line,
          cond);
  va_start(ap, format);
  vfprintf(stderr, format, ap);
  va_end(ap);
  fputs("\n", stderr);
  fflush(stderr);

  abort();
}


/*
 * 'fuzzStringNew()' - Nul-terminated copy of the input.
 */

char *					/* O - New string; free() it */
fuzzStringNew(const uint8_t *data,	/* I - Bytes */
              size_t        size)	/* I - Length */
{
  char	*s = malloc(size + 1);


  FUZZ_CHECK(s != NULL, "out of memory for %zu bytes", size);
  if (size)
    memcpy(s, data, size);
  s[size] = '\0';

  return (s);
}


/*
 * 'fuzzUTF8Valid()' - Whether bytes are valid UTF-8, by decoding them.
 */

int					/* O - 1 if valid */
fuzzUTF8Valid(const char *s,		/* I - Bytes */
              size_t     len)		/* I - Length */
{
  const unsigned char	*p = (const unsigned char *)s;
  size_t		i = 0, n, k;
  uint32_t		cp, min;


  while (i < len)
  {
    if (p[i] < 0x80)
    {
      i ++;
      continue;
    }
    else if ((p[i] & 0xE0) == 0xC0)
    {
      n = 2, cp = p[i] & 0x1F, min = 0x80;
    }
    else if ((p[i] & 0xF0) == 0xE0)
    {
      n = 3, cp = p[i] & 0x0F, min = 0x800;
    }
    else if ((p[i] & 0xF8) == 0xF0)
    {
      n = 4, cp = p[i] & 0x07, min = 0x10000;
    }
    else
      return (0);

    if (len - i < n)
      return (0);
    for (k = 1; k < n; k ++)
    {
      if ((p[i + k] & 0xC0) != 0x80)
        return (0);
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return (0);

    i += n;
  }

  return (1);
}


/*
 * 'fuzzCount()' - Occurrences of needle, overlapping ones included.
 */

size_t					/* O - Count */
fuzzCount(const char *haystack,		/* I - Bytes searched */
          size_t     haylen,		/* I - Length */
          const char *needle,		/* I - Bytes sought */
          size_t     needlelen)		/* I - Length, > 0 */
{
  size_t	count = 0, i;


  if (needlelen == 0 || needlelen > haylen)
    return (0);

  for (i = 0; i + needlelen <= haylen; i ++)
    if (haystack[i] == needle[0] && !memcmp(haystack + i, needle, needlelen))
      count ++;

  return (count);
}


/*
 * 'fuzzCheckJSON()' - Check and parse serialized JSON.
 */

json_t *				/* O - Parsed value */
fuzzCheckJSON(const char *what,		/* I - What the text is, for messages */
              const char *text,		/* I - Text */
              size_t     len)		/* I - Length */
{
  const unsigned char	*p = (const unsigned char *)text;
  json_error_t		jerror;
  json_t		*value;
  size_t		i;


  FUZZ_CHECK(text != NULL, "%s: no text", what);
  FUZZ_CHECK(memchr(text, '\0', len) == NULL, "%s: NUL byte in JSON text", what);
  FUZZ_CHECK(fuzzUTF8Valid(text, len), "%s: JSON text is not valid UTF-8", what);

  for (i = 0; i < len; i ++)
  {
    FUZZ_CHECK(p[i] >= 0x20 && p[i] != 0x7F,
               "%s: raw control byte 0x%02x at offset %zu", what, p[i], i);
    FUZZ_CHECK(!(p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F),
               "%s: raw C1 control U+00%02X at offset %zu", what, p[i + 1], i);
    FUZZ_CHECK(!(p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
                 (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)),
               "%s: raw U+2028/U+2029 at offset %zu", what, i);
  }

  value = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerror);
  FUZZ_CHECK(value != NULL, "%s: JSON does not parse back: %s (line %d, column %d): %.*s",
             what, jerror.text, jerror.line, jerror.column,
             len > 2000 ? 2000 : (int)len, text);

  return (value);
}


/*
 * 'fuzzCheckValueSizes()' - No string value longer than max bytes.
 */

void
fuzzCheckValueSizes(const char   *what,	/* I - For messages */
                    const json_t *value,/* I - Value */
                    size_t       max)	/* I - Longest string */
{
  const char	*key;
  json_t	*member;
  size_t	i;


  if (json_is_string(value))
    FUZZ_CHECK(json_string_length(value) <= max,
               "%s: a string value of %zu bytes (at most %zu)", what,
               json_string_length(value), max);
  else if (json_is_array(value))
  {
    for (i = 0; i < json_array_size(value); i ++)
      fuzzCheckValueSizes(what, json_array_get(value, i), max);
  }
  else if (json_is_object(value))
  {
    json_object_foreach((json_t *)value, key, member)
      fuzzCheckValueSizes(what, member, max);
  }
}


/*
 * 'fuzzJSONContains()' - Whether a decoded value contains a needle.
 */

int					/* O - 1 if found */
fuzzJSONContains(const json_t *value,	/* I - Value */
                 const char   *needle,	/* I - Bytes sought */
                 size_t       needlelen)/* I - Length */
{
  const char	*key;
  json_t	*member;
  char		number[32];
  size_t	i;


  switch (json_typeof(value))
  {
    case JSON_STRING :
        return (fuzzCount(json_string_value(value), json_string_length(value),
                          needle, needlelen) > 0);

    case JSON_INTEGER :
        snprintf(number, sizeof(number), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(value));
        return (strlen(number) == needlelen && !memcmp(number, needle, needlelen));

    case JSON_ARRAY :
        for (i = 0; i < json_array_size(value); i ++)
          if (fuzzJSONContains(json_array_get(value, i), needle, needlelen))
            return (1);
        return (0);

    case JSON_OBJECT :
        json_object_foreach((json_t *)value, key, member)
        {
          if (fuzzCount(key, strlen(key), needle, needlelen) ||
              fuzzJSONContains(member, needle, needlelen))
            return (1);
        }
        return (0);

    default :
        return (0);
  }
}


/*
 * 'fuzzArrayHasString()' - Whether an array holds a string.
 */

int					/* O - 1 if found */
fuzzArrayHasString(const json_t *array,	/* I - Array or NULL */
                   const char   *s,	/* I - String */
                   size_t       len)	/* I - Length */
{
  json_t	*item;
  size_t	i;


  for (i = 0; i < json_array_size(array); i ++)
  {
    item = json_array_get(array, i);
    if (json_is_string(item) && json_string_length(item) == len &&
        !memcmp(json_string_value(item), s, len))
      return (1);
  }

  return (0);
}


/*
 * 'fuzzHexValue()' - Value of a hex digit, -1 if not one.
 */

int
fuzzHexValue(int ch)			/* I - Character */
{
  if (ch >= '0' && ch <= '9')
    return (ch - '0');
  ch |= 0x20;
  return (ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1);
}


/*
 * 'fuzzURIFields()' - Every userinfo as libcups reads one: after each "//"
 *                     (and its further slashes), up to the first '@' when no
 *                     '/' comes first; its password follows the first ':'
 *                     or "%3A" (libcups decodes before the backend splits).
 */

size_t					/* O - Number of fields */
fuzzURIFields(const char       *uri,	/* I - URI */
              fuzz_uri_field_t *fields)/* O - FUZZ_FUZZ_URI_MAX_FIELDS fields */
{
  size_t	len = strlen(uri), i, s, n = 0;
  const char	*sep;


  for (i = 0; i + 1 < len && n < FUZZ_URI_MAX_FIELDS; i ++)
  {
    if (uri[i] != '/' || uri[i + 1] != '/' || (i > 0 && uri[i - 1] == '/'))
      continue;
    for (s = i + 2; s < len && uri[s] == '/'; s ++);
    if ((sep = strpbrk(uri + s, "@/")) == NULL || *sep != '@')
      continue;

    fields[n].user = s;
    fields[n].at   = (size_t)(sep - uri);
    fields[n].sep  = fields[n].at;
    for (; s < fields[n].at; s ++)
    {
      if (uri[s] == ':')
        break;
      if (uri[s] == '%' && s + 2 < fields[n].at && fuzzHexValue(uri[s + 1]) >= 0 &&
          fuzzHexValue(uri[s + 2]) >= 0)
      {
        if (fuzzHexValue(uri[s + 1]) * 16 + fuzzHexValue(uri[s + 2]) == ':')
          break;
        s += 2;
      }
    }
    fields[n].sep = s;
    n ++;
  }

  return (n);
}


/*
 * 'fuzzURIReplacePasswords()' - The URI with every password replaced by "x".
 */

char *					/* O - New string; free() it */
fuzzURIReplacePasswords(const char             *uri,	/* I - URI */
                        const fuzz_uri_field_t *fields,/* I - Fields */
                        size_t                 n)	/* I - Number of fields */
{
  char		*copy = fuzzStringNew((const uint8_t *)uri, strlen(uri)), *next;
  size_t	i, start, plen;


  for (i = n; i > 0; i --)
  {
    if (fields[i - 1].sep == fields[i - 1].at)
      continue;
    start = fields[i - 1].sep + (copy[fields[i - 1].sep] == ':' ? 1 : 3);
    plen  = fields[i - 1].at - start;
    next  = fuzzURIReplacePassword(copy, start, plen, "x");
    free(copy);
    copy = next;
  }

  return (copy);
}


/*
 * 'fuzzURIReplacePassword()' - The URI with another password.
 */

char *					/* O - New string; free() it */
fuzzURIReplacePassword(const char *uri,	/* I - URI */
                       size_t     start,/* I - Offset of the password */
                       size_t     len,	/* I - Length of the password */
                       const char *with)/* I - Replacement */
{
  size_t	urilen = strlen(uri), withlen = strlen(with);
  char		*copy = malloc(urilen - len + withlen + 1);


  FUZZ_CHECK(copy != NULL, "out of memory");
  memcpy(copy, uri, start);
  memcpy(copy + start, with, withlen);
  memcpy(copy + start + withlen, uri + start + len, urilen - start - len + 1);

  return (copy);
}
