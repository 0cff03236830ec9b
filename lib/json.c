/*
 * Compact JSON writer and syslog splitting for printaudit.
 *
 * jansson's own dump passes DEL and C1 controls raw; records must not, so
 * records are written here: one line, insertion order, every control
 * character and U+2028/U+2029 escaped.
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


  // At most 6 bytes out per byte in, plus the quotes: reserve once.
  if (len > (SIZE_MAX - 3) / 6 || pauditBufReserve(buf, 6 * len + 3))
    return (-1);

  out    = buf->data + buf->len;
  *out++ = '\"';

  while (p < end)
  {
    const unsigned char	*run = p;
    unsigned char	c;

    // Copy the longest run of plain bytes at once.
    while (p < end && json_plain[*p])
      p ++;
    if (p > run)
    {
      memcpy(out, run, (size_t)(p - run));
      out += p - run;
      if (p >= end)
        break;
    }

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
    else if (c < 0x20 || c == 0x7F ||
             (c == 0xC2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F))
    {
      // C0, DEL and C1 (U+0080..U+009F) controls.
      unsigned cp = c == 0xC2 ? p[1] : c;

      memcpy(out, "\\u00", 4);
      out[4] = hex[cp >> 4];
      out[5] = hex[cp & 15];
      out   += 6;
      p     += c == 0xC2 ? 2 : 1;
    }
    else if (c == 0xE2 && p + 2 < end && p[1] == 0x80 &&
             (p[2] == 0xA8 || p[2] == 0xA9))
    {
      memcpy(out, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
      out += 6;
      p   += 3;
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
 * A view changes how a record is written without changing the record: it
 * leaves out one member (the options), adds text to the end of one object
 * (the event's part numbers) and may cut strings short.
 */

typedef struct json_view_s		/* How to write a record */
{
  const json_t	*skip;			/* Member value to leave out, or NULL */
  const json_t	*extend;		/* Object to add extra to, or NULL */
  const char	*extra;			/* ",\"part\":1,..." text, or NULL */
  size_t	max_string;		/* Longest string value, 0 for no limit */
} json_view_t;


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
 * Splitting for syslog.
 *
 * A record longer than a message is sent as part 1, the record without
 * "options" (or "printaudit.options" in the ECS form), and continuation
 * parts, all with the record's event.id and event.part/event.parts:
 *
 *   {"schema":"printaudit/1","event":{"action":"job.continued","id":"...",
 *    "part":2,"parts":3},"options_slice":"..."}
 *
 * The "options_slice" values, joined in order, are the compact JSON of the
 * options.  A slice never ends inside a UTF-8 character or a JSON escape.
 *
 * When even the record without options is too long (long titles, or a
 * small SyslogMaxSize), part 1 is that record with its strings (but the
 * event, schema and time) cut short enough to fit, or at the least the
 * event alone, with "event.abbreviated":true; the continuation parts
 * carry "record_slice"s whose concatenation is the whole record.  Part 1
 * stays searchable and nothing is lost.
 *
 * A transport may cap the number of parts (SyslogMaxParts), so that one
 * job cannot flood the log.  A record that needs more is sent as its
 * first max_parts parts only: event.parts is the number sent, and part 1
 * says how many were left out ("event.parts_omitted":M), so a reader can
 * tell the slices join to a prefix only; the JSON Lines file has the
 * whole record.
 */

#define SPLIT_MAX_PARTS 999999		/* Parts are numbered in 6 digits */

typedef struct split_s			/* Splitting state */
{
  const char		*id;		/* event.id */
  paudit_part_cb_t	cb;		/* Part callback */
  void			*data;		/* Callback data */
  paudit_buf_t		msg;		/* Message being built */
  size_t		parts,		/* Parts sent */
			omitted;	/* Parts left out (SyslogMaxParts) */
} split_t;


/*
 * 'split_slice_len()' - Bytes of source that fit in budget once escaped.
 *
 * Slices end only between characters and between JSON escapes; the source
 * is compact JSON, so its only bytes that need escaping again are quotes
 * and backslashes.
 */

static size_t				/* O - Bytes of source, 0 if none fit */
split_slice_len(const char *s,		/* I - Source */
                size_t     len,		/* I - Bytes left */
                size_t     budget)	/* I - Escaped bytes allowed */
{
  size_t	i = 0, used = 0, step, cost, j;


  while (i < len)
  {
    if (s[i] == '\\')
      step = (i + 1 < len && s[i + 1] == 'u') ? 6 : 2;
    else if ((unsigned char)s[i] < 0x80)
      step = 1;
    else
      for (step = 1; i + step < len && ((unsigned char)s[i + step] & 0xC0) == 0x80; step ++);

    if (i + step > len)
      step = len - i;

    for (cost = 0, j = i; j < i + step; j ++)
      cost += (s[j] == '\"' || s[j] == '\\') ? 2 : 1;

    if (used + cost > budget)
      break;

    used += cost;
    i    += step;
  }

  return (i);
}


/*
 * 'split_count()' - Number of slices of source for a budget.
 */

static size_t				/* O - Slices, 0 if a step cannot fit */
split_count(const char *s,		/* I - Source */
            size_t     len,		/* I - Length */
            size_t     budget)		/* I - Escaped bytes per slice */
{
  size_t	count = 0, n;


  while (len > 0)
  {
    if ((n = split_slice_len(s, len, budget)) == 0)
      return (0);
    s     += n;
    len   -= n;
    count ++;
  }

  return (count);
}


/*
 * 'split_budget()' - Escaped slice bytes a continuation part can carry.
 */

static size_t
split_budget(const char *key,		/* I - Slice key */
             size_t     max)		/* I - Longest message */
{
  char	text[256];
  int	n;


  n = snprintf(text, sizeof(text),
               "{\"schema\":\"" PAUDIT_SCHEMA "\",\"event\":{\"action\":\"job.continued\","
               "\"id\":\"%0*d\",\"part\":%d,\"parts\":%d},\"%s\":\"\"}",
               PAUDIT_EVENT_ID_LEN, 0, SPLIT_MAX_PARTS, SPLIT_MAX_PARTS, key);

  return (n > 0 && (size_t)n < max ? max - (size_t)n : 0);
}


/*
 * 'split_send_slices()' - Send continuation parts 2..parts.
 */

static paudit_status_t
split_send_slices(split_t    *split,	/* I - State */
                  const char *key,	/* I - "options_slice" or "record_slice" */
                  const char *s,	/* I - Source */
                  size_t     len,	/* I - Length */
                  size_t     budget,	/* I - Escaped bytes per slice */
                  size_t     parts)	/* I - Parts in all */
{
  size_t	n, part;


  for (part = 2; len > 0 && part <= parts; part ++, s += n, len -= n)
  {
    n = split_slice_len(s, len, budget);

    split->msg.len = 0;
    if (pauditBufPrintf(&split->msg,
                        "{\"schema\":\"" PAUDIT_SCHEMA "\",\"event\":{\"action\":"
                        "\"job.continued\",\"id\":\"%s\",\"part\":%zu,\"parts\":%zu},"
                        "\"%s\":", split->id, part, parts, key) ||
        pauditJSONAppendString(&split->msg, s, n) ||
        pauditBufAppend(&split->msg, "}", 1))
      return (PAUDIT_STATUS_NOMEM);

    if ((split->cb)(split->msg.data, split->msg.len, split->data))
      return (PAUDIT_STATUS_IO);
  }

  return (PAUDIT_STATUS_OK);
}


/*
 * 'split_cap()' - Parts to send of those needed, and how many are left out.
 */

static void
split_cap(split_t *split,		/* I - State */
          size_t  needed,		/* I - Parts the whole record needs */
          size_t  max_parts)		/* I - Most parts, 0 for no limit */
{
  split->parts   = (max_parts && needed > max_parts) ? max_parts : needed;
  split->omitted = needed - split->parts;
}


/*
 * 'split_event_extra()' - Part 1's event members: part, parts, and maybe
 *                         parts_omitted and abbreviated.
 */

static void
split_event_extra(const split_t *split,	/* I - State */
                  int           abbreviated,/* I - Strings cut short? */
                  char          *extra,	/* O - Text */
                  size_t        size)	/* I - Size of extra */
{
  int	n;


  n = snprintf(extra, size, ",\"part\":1,\"parts\":%zu", split->parts);
  if (split->omitted && n > 0 && (size_t)n < size)
    n += snprintf(extra + n, size - (size_t)n, ",\"parts_omitted\":%zu", split->omitted);
  if (abbreviated && n > 0 && (size_t)n < size)
    snprintf(extra + n, size - (size_t)n, ",\"abbreviated\":true");
}


/*
 * 'split_part1()' - Write part 1: the record without options, maybe cut.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
split_part1(split_t      *split,	/* I - State */
            const json_t *record,	/* I - Record */
            const json_t *options,	/* I - Options to leave out or NULL */
            int          abbreviated,	/* I - Strings cut short? */
            size_t       max_string)	/* I - Longest string, 0 for any */
{
  json_view_t	view;
  char		extra[128];


  split_event_extra(split, abbreviated, extra, sizeof(extra));

  view.skip       = options;
  view.extend     = json_object_get(record, "event");
  view.extra      = extra;
  view.max_string = max_string;

  split->msg.len = 0;

  return (json_append_view(&split->msg, record, &view, -1));
}


/*
 * 'pauditRecordSplit()' - Send a record as parts of at most max bytes.
 */

paudit_status_t				/* O - Status */
pauditRecordSplit(json_t           *record,/* I - Record (not changed) */
                  const char       *text,/* I - Serialized record */
                  size_t           len,	/* I - Length of text */
                  size_t           max,	/* I - Longest message */
                  paudit_part_cb_t cb,	/* I - Part callback */
                  void             *data)/* I - Callback data */
{
  return (pauditRecordSplit2(record, text, len, max, 0, cb, data));
}


/*
 * 'pauditRecordSplit2()' - Send a record as at most max_parts parts of at
 *                          most max bytes.
 */

paudit_status_t				/* O - Status */
pauditRecordSplit2(json_t           *record,/* I - Record (not changed) */
                   const char       *text,/* I - Serialized record */
                   size_t           len,/* I - Length of text */
                   size_t           max,/* I - Longest message */
                   size_t           max_parts,/* I - Most parts, 0 for no limit */
                   paudit_part_cb_t cb,	/* I - Part callback */
                   void             *data)/* I - Callback data */
{
  static const size_t	cuts[] = { 256, 64, 16, 4, 1 };
  split_t		split;
  json_t		*options, *container;
  char			*opttext = NULL;
  size_t		optlen = 0, budget, slices, i;
  paudit_status_t	status = PAUDIT_STATUS_OK;


  if (len <= max)
    return ((cb)(text, len, data) ? PAUDIT_STATUS_IO : PAUDIT_STATUS_OK);

  memset(&split, 0, sizeof(split));
  split.id   = json_string_value(json_object_get(json_object_get(record, "event"), "id"));
  split.cb   = cb;
  split.data = data;
  if (!split.id || max_parts == 1 || max_parts > SPLIT_MAX_PARTS)
    return (PAUDIT_STATUS_INVALID);

  if ((options = json_object_get(record, "options")) == NULL &&
      (container = json_object_get(record, "printaudit")) != NULL)
    options = json_object_get(container, "options");

  // The options' slices fix the number of parts.
  if (options && (opttext = pauditJSONNew(options, &optlen)) == NULL)
    return (PAUDIT_STATUS_NOMEM);

  budget = split_budget("options_slice", max);
  slices = optlen ? split_count(opttext, optlen, budget) : 0;
  split_cap(&split, slices + 1, max_parts);

  if ((optlen && !slices) || split.parts > SPLIT_MAX_PARTS)
    status = PAUDIT_STATUS_INVALID;
  else if (split_part1(&split, record, options, 0, 0))
    status = PAUDIT_STATUS_NOMEM;
  else if (split.msg.len <= max)
  {
    if ((cb)(split.msg.data, split.msg.len, data))
      status = PAUDIT_STATUS_IO;
    else
      status = split_send_slices(&split, "options_slice", opttext, optlen,
                                 budget, split.parts);
  }
  else
  {
    // Part 1 cut short; the whole record follows in slices.
    budget = split_budget("record_slice", max);
    slices = split_count(text, len, budget);
    split_cap(&split, slices + 1, max_parts);

    for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i ++)
    {
      if (split_part1(&split, record, options, 1, cuts[i]))
      {
        status = PAUDIT_STATUS_NOMEM;
        break;
      }
      if (split.msg.len <= max)
        break;
    }

    if (status == PAUDIT_STATUS_OK && split.msg.len > max)
    {
      // Not even that fits: part 1 is just the event.
      char extra[128];

      split_event_extra(&split, 1, extra, sizeof(extra));
      split.msg.len = 0;
      if (pauditBufPrintf(&split.msg, "{\"schema\":\"" PAUDIT_SCHEMA "\",\"event\":{"
                          "\"action\":\"job.start\",\"id\":\"%s\"%s}}", split.id, extra))
        status = PAUDIT_STATUS_NOMEM;
    }

    if (status == PAUDIT_STATUS_OK)
    {
      if (!slices || split.parts > SPLIT_MAX_PARTS || split.msg.len > max)
        status = PAUDIT_STATUS_INVALID;
      else if ((cb)(split.msg.data, split.msg.len, data))
        status = PAUDIT_STATUS_IO;
      else
        status = split_send_slices(&split, "record_slice", text, len, budget,
                                   split.parts);
    }
  }

  free(opttext);
  free(split.msg.data);

  return (status);
}
