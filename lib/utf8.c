/*
 * UTF-8 sanitizing for printaudit: every string reaches jansson valid.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/*
 * 'utf8_char_len()' - Length of the valid UTF-8 sequence at s, 0 if invalid.
 *
 * Rejects overlong forms, surrogates and code points above U+10FFFF
 * (RFC 3629, table 3-7 of the Unicode standard).
 */

static size_t				/* O - 1-4, or 0 when invalid */
utf8_char_len(const unsigned char *s,	/* I - Bytes */
              size_t              len)	/* I - Bytes available */
{
  unsigned char	c = s[0];
  unsigned char	lo = 0x80, hi = 0xBF;	/* Range of the second byte */
  size_t	n, i;


  if (c < 0x80)
    return (1);
  else if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
  {
    n = 3;
    if (c == 0xE0)
      lo = 0xA0;
    else if (c == 0xED)
      hi = 0x9F;
  }
  else if (c >= 0xF0 && c <= 0xF4)
  {
    n = 4;
    if (c == 0xF0)
      lo = 0x90;
    else if (c == 0xF4)
      hi = 0x8F;
  }
  else
    return (0);

  if (len < n || s[1] < lo || s[1] > hi)
    return (0);
  for (i = 2; i < n; i ++)
    if ((s[i] & 0xC0) != 0x80)
      return (0);

  return (n);
}


/*
 * 'pauditUTF8Valid()' - Whether s[0..len) is valid UTF-8.
 */

int					/* O - 1 if valid, 0 if not */
pauditUTF8Valid(const char *s,		/* I - Bytes */
                size_t     len)		/* I - Length */
{
  const unsigned char	*p = (const unsigned char *)s,
			*end = p + len;
  size_t		n;


  while (p < end)
  {
    // ASCII runs, the common case, eight bytes at a time.
    while (end - p >= 8)
    {
      uint64_t word;

      memcpy(&word, p, sizeof(word));
      if (word & 0x8080808080808080ULL)
        break;
      p += 8;
    }
    if (p >= end)
      break;
    if (*p < 0x80)
    {
      p ++;
      continue;
    }
    if ((n = utf8_char_len(p, (size_t)(end - p))) == 0)
      return (0);
    p += n;
  }

  return (1);
}


/*
 * 'pauditUTF8New()' - Valid UTF-8 copy with U+FFFD for each invalid byte.
 */

char *					/* O - New string; free() it */
pauditUTF8New(const char *s,		/* I - Bytes */
              size_t     len,		/* I - Length */
              size_t     *outlen)	/* O - Length of the copy */
{
  const unsigned char	*p = (const unsigned char *)s,
			*end = p + len;
  char			*copy, *out;
  size_t		n;


  if (pauditUTF8Valid(s, len))
  {
    if ((copy = malloc(len + 1)) == NULL)
      return (NULL);
    memcpy(copy, s, len);
    copy[len] = '\0';
    *outlen = len;
    return (copy);
  }

  // Each invalid byte grows to the 3 bytes of U+FFFD at most.
  if (len > (SIZE_MAX - 1) / 3 || (copy = malloc(3 * len + 1)) == NULL)
    return (NULL);

  for (out = copy; p < end;)
  {
    if ((n = utf8_char_len(p, (size_t)(end - p))) == 0)
    {
      memcpy(out, "\xEF\xBF\xBD", 3);
      out += 3;
      p ++;
    }
    else
    {
      memcpy(out, p, n);
      out += n;
      p   += n;
    }
  }
  *out    = '\0';
  *outlen = (size_t)(out - copy);

  return (copy);
}


/*
 * 'pauditUTF8Prefix()' - Longest prefix of at most max bytes on a boundary.
 */

size_t					/* O - Prefix length */
pauditUTF8Prefix(const char *s,		/* I - Valid UTF-8 */
                 size_t     len,	/* I - Length */
                 size_t     max)	/* I - Most bytes wanted */
{
  if (len <= max)
    return (len);

  // Step back over continuation bytes to the start of a character.
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
    max --;

  return (max);
}
