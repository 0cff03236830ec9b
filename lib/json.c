/*
 * Compact JSON writer for printaudit.
 *
 * jansson's own dump passes DEL and C1 controls raw; records must not, so
 * records are written here: one line, insertion order, every control
 * character and U+2028/U+2029 escaped.  Splitting for syslog is in
 * lib/split.c.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/*
 * Bytes copied as they are: printable ASCII but '"' and '\\', and the bytes
 * of UTF-8 sequences (0x80 and up), whose C1 and U+2028/9 forms are caught
 * at their lead bytes 0xC2 and 0xE2.
 */

static const unsigned char json_plain[256] =
{
  ['\x20'] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x20-0x2F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x30-0x3F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x40-0x4F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,		/* 0x50-0x5F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x60-0x6F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,		/* 0x70-0x7F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x80-0x8F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x90-0x9F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0xA0-0xAF */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0xB0-0xBF */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0xC0-0xCF */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0xD0-0xDF */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0xE0-0xEF */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1		/* 0xF0-0xFF */
};


/*
 * 'json_word_stops()' - Which bytes of an 8-byte word need a look: '"',
 *                       '\\', C0 controls, DEL and every byte of 0x80 and up.
 *
 * A byte's 0x80 bit is set in the result when it may; on little-endian
 * machines the lowest one set is exact (borrows and carries run upwards
 * only, and start at bytes that are flagged themselves), so the first byte
 * to look at is found without a byte loop.  Bytes of 0x80 and up are
 * flagged for json_plain[] to tell 0xC2 and 0xE2 from the rest.
 */

#define JSON_ONES  0x0101010101010101ULL	/* 0x01 in every byte */
#define JSON_HIGHS 0x8080808080808080ULL	/* 0x80 in every byte */

static inline uint64_t			/* O - Non-zero when any may */
json_word_stops(uint64_t word)		/* I - Eight bytes */
{
  uint64_t	quote = word ^ ('\"' * JSON_ONES),
		slash = word ^ ('\\' * JSON_ONES);


  // Below 0x20 | 0x80 and up | DEL (0x7F + 1 sets 0x80) | '"' | '\\'.
  return (((word - 0x20 * JSON_ONES) | word | (word + JSON_ONES) |
           ((quote - JSON_ONES) & ~quote) | ((slash - JSON_ONES) & ~slash)) &
          JSON_HIGHS);
}


/*
 * 'pauditJSONAppendString()' - Append a quoted, escaped JSON string.
 *
 * s must be valid UTF-8 (every string in a record is sanitized first).
 */

int					/* O - 0 on success, -1 on ENOMEM */
pauditJSONAppendString(paudit_buf_t *buf,/* I - Buffer */
                       const char   *s,	/* I - Valid UTF-8 */
                       size_t       len)/* I - Length */
{
  static const char	hex[] = "0123456789abcdef";
  const unsigned char	*p = (const unsigned char *)s,
			*end = p + len;
  char			*out;


  // At most 6 bytes out per byte in, plus the quotes: reserve once (the
  // call only when the room is not there already).
  if (len > (SIZE_MAX - 3) / 6)
    return (-1);
  if ((buf->failed || !buf->data || 6 * len + 3 >= buf->size - buf->len) &&
      pauditBufReserve(buf, 6 * len + 3))
    return (-1);

  out    = buf->data + buf->len;
  *out++ = '\"';

  while (p < end)
  {
    unsigned char	c;
    unsigned		cp;
    size_t		n;

    // Copy plain bytes a word at a time: each word is stored whole (there
    // is room for 6 bytes out per byte in, so for 8 while 8 remain) and
    // out moves on by its plain bytes only.
    while (end - p >= 8)
    {
      uint64_t	word, stops;

      memcpy(&word, p, sizeof(word));
      memcpy(out, &word, sizeof(word));
      if ((stops = json_word_stops(word)) == 0)
      {
        p   += 8;
        out += 8;
        continue;
      }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      n    = (size_t)__builtin_ctzll(stops) / 8;
      p   += n;
      out += n;
      if (!json_plain[*p])
        break;

      // Bytes of UTF-8 sequences other than 0xC2 and 0xE2 are plain: copy
      // them and any that follow, then scan on a word at a time.
      do
        *out++ = (char)*p++;
      while (p < end && *p >= 0x80 && json_plain[*p]);
#else
      break;
#endif
    }

    // The last 7 bytes or fewer (on big-endian machines, the rest of the run).
    while (p < end && json_plain[*p])
      *out++ = (char)*p++;
    if (p >= end)
      break;

    if ((c = *p) == '\"' || c == '\\')
    {
      *out++ = '\\';
      *out++ = (char)c;
      p ++;
    }
    else if (c == '\n' || c == '\t' || c == '\r')
    {
      *out++ = '\\';
      *out++ = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
      p ++;
    }
    else if ((n = pauditControlLen(p, (size_t)(end - p), &cp)) > 0)
    {
      // C0, DEL and C1 (U+0080..U+009F) controls.
      memcpy(out, "\\u00", 4);
      out[4] = hex[cp >> 4];
      out[5] = hex[cp & 15];
      out   += 6;
      p     += n;
    }
    else if ((n = pauditLineSepLen(p, (size_t)(end - p), &cp)) > 0)
    {
      memcpy(out, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
      out += 6;
      p   += n;
    }
    else
    {
      // 0xC2 or 0xE2 leading another character.
      *out++ = (char)c;
      p ++;
    }
  }

  *out++   = '\"';
  *out     = '\0';
  buf->len = (size_t)(out - buf->data);

  return (0);
}


/*
 * 'json_putc()' - Append one byte.
 */

static inline int			/* O - 0 on success, -1 on ENOMEM */
json_putc(paudit_buf_t *buf,		/* I - Buffer */
          char         c)		/* I - Byte */
{
  if (buf->size - buf->len < 2 && pauditBufReserve(buf, 1))
    return (-1);

  buf->data[buf->len ++] = c;
  buf->data[buf->len]    = '\0';

  return (0);
}


/*
 * 'json_append_integer()' - Append a decimal integer.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
json_append_integer(paudit_buf_t *buf,	/* I - Buffer */
                    json_int_t   value)	/* I - Value */
{
  char			text[24], *p = text + sizeof(text);
  unsigned long long	u = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;


  do
    *--p = (char)('0' + u % 10);
  while ((u /= 10) != 0);
  if (value < 0)
    *--p = '-';

  return (pauditBufAppend(buf, p, (size_t)(text + sizeof(text) - p)));
}


/*
 * 'json_append_real()' - Append a real the shortest way that reads back.
 */

static int				/* O - 0 on success, -1 on error */
json_append_real(paudit_buf_t *buf,	/* I - Buffer */
                 double       value)	/* I - Finite value */
{
  char	text[64];
  int	precision;


  for (precision = 15; precision <= 17; precision ++)
  {
    snprintf(text, sizeof(text), "%.*g", precision, value);
    if (strtod(text, NULL) == value)
      break;
  }

  if (!strpbrk(text, ".eE"))
    strncat(text, ".0", sizeof(text) - strlen(text) - 1);

  return (pauditBufAppend(buf, text, strlen(text)));
}


/*
 * A view (paudit_json_view_t, printaudit-private.h) changes how a record
 * is written without changing the record; lib/split.c writes part 1 with
 * one.
 */

typedef paudit_json_view_t json_view_t;


static int json_append_view(paudit_buf_t *buf, const json_t *value,
			    const json_view_t *view, int cut);


/*
 * 'json_may_cut()' - Whether strings in a member may be cut short: all but
 *                    the event's, the schema and the time.
 */

static int				/* O - 1 if they may */
json_may_cut(const json_view_t *view,	/* I - View or NULL */
             const json_t      *object,	/* I - Object of the member */
             int               cut,	/* I - -1 root, else the object's */
             const char        *key)	/* I - Member's key */
{
  if (!view || object == view->extend)
    return (0);

  // The schema (top level, or under "printaudit" in the ECS form) and the
  // time are never cut: readers rely on them.
  if (!strcmp(key, "schema"))
    return (0);
  if (cut >= 0)
    return (1);

  return (strcmp(key, "time") && strcmp(key, "@timestamp"));
}


/*
 * 'json_append_object()' - Append an object, as the view says.
 */

static int				/* O - 0 on success, -1 on error */
json_append_object(paudit_buf_t      *buf,/* I - Buffer */
                   const json_t      *object,/* I - Object */
                   const json_view_t *view,/* I - View or NULL */
                   int               cut)/* I - -1 root, 1 strings below may be cut */
{
  const char	*key;
  json_t	*member;
  void		*iter;
  int		first = 1;


  if (json_putc(buf, '{'))
    return (-1);

  // The iterator itself, not json_object_keylen_foreach(), which finds
  // each member's iterator again from its key three times.
  for (iter = json_object_iter((json_t *)object); iter;
       iter = json_object_iter_next((json_t *)object, iter))
  {
    member = json_object_iter_value(iter);
    if (view && member == view->skip)
      continue;
    key = json_object_iter_key(iter);
    if ((!first && json_putc(buf, ',')) ||
        pauditJSONAppendString(buf, key, json_object_iter_key_len(iter)) ||
        json_putc(buf, ':') ||
        json_append_view(buf, member, view, json_may_cut(view, object, cut, key)))
      return (-1);
    first = 0;
  }

  if (view && object == view->extend && view->extra &&
      pauditBufAppend(buf, view->extra + first, strlen(view->extra + first)))
    return (-1);

  return (json_putc(buf, '}'));
}


/*
 * 'json_append_view()' - Append the compact JSON of a value, as the view says.
 */

static int				/* O - 0 on success, -1 on error */
json_append_view(paudit_buf_t      *buf,	/* I - Buffer */
                 const json_t      *value,	/* I - Value */
                 const json_view_t *view,	/* I - View or NULL */
                 int               cut)		/* I - -1 root; 1 may cut strings */
{
  size_t	i, count, len;


  switch (json_typeof(value))
  {
    case JSON_OBJECT :
        return (json_append_object(buf, value, view, cut));

    case JSON_ARRAY :
        if (pauditBufAppend(buf, "[", 1))
          return (-1);
        for (i = 0, count = json_array_size(value); i < count; i ++)
        {
          if ((i && json_putc(buf, ',')) ||
              json_append_view(buf, json_array_get(value, i), view, cut > 0))
            return (-1);
        }
        return (pauditBufAppend(buf, "]", 1));

    case JSON_STRING :
        len = json_string_length(value);
        // Only strings inside the record's groups, never the event's.
        if (view && view->max_string && cut > 0)
          len = pauditUTF8Prefix(json_string_value(value), len, view->max_string);
        return (pauditJSONAppendString(buf, json_string_value(value), len));

    case JSON_INTEGER :
        return (json_append_integer(buf, json_integer_value(value)));

    case JSON_REAL :
        if (!isfinite(json_real_value(value)))
          return (-1);
        return (json_append_real(buf, json_real_value(value)));

    case JSON_TRUE :
        return (pauditBufAppend(buf, "true", 4));

    case JSON_FALSE :
        return (pauditBufAppend(buf, "false", 5));

    case JSON_NULL :
        return (pauditBufAppend(buf, "null", 4));
  }

  return (-1);
}


/*
 * 'pauditJSONAppend()' - Append the compact JSON of a value.
 */

int					/* O - 0 on success, -1 on error */
pauditJSONAppend(paudit_buf_t *buf,	/* I - Buffer */
                 const json_t *value)	/* I - Value */
{
  return (json_append_view(buf, value, NULL, -1));
}


/*
 * 'pauditJSONNew()' - Compact JSON text of a value.
 */

char *					/* O - New string; free() it */
pauditJSONNew(const json_t *value,	/* I - Value */
              size_t       *len)	/* O - Length */
{
  paudit_buf_t	buf = { NULL, 0, 0, 0 };


  // One page holds a typical record (2-3 KiB): no copies as it grows, and
  // no more memory touched than the text needs.
  if (!value || pauditBufReserve(&buf, 4095) || pauditJSONAppend(&buf, value))
  {
    free(buf.data);
    return (NULL);
  }

  *len = buf.len;

  return (buf.data);
}


/*
 * 'pauditJSONAppendView()' - Append the compact JSON of a record, as a
 *                            view says (for lib/split.c).
 */

int					/* O - 0 on success, -1 on error */
pauditJSONAppendView(paudit_buf_t            *buf,/* I - Buffer */
                     const json_t            *value,/* I - Record */
                     const paudit_json_view_t *view)/* I - View */
{
  return (json_append_view(buf, value, view, -1));
}
