/*
 * The syslog split form of a record: splitting and joining.
 *
 * Both halves of the format live here, as jansson keeps dump.c and load.c
 * together: the shim splits (pauditRecordSplit2), printaudit-report and
 * the tests join (pauditPartRead, pauditRecordJoin).  The form and its
 * constants are described in printaudit.h.  Only the fuzz target keeps an
 * independent reassembly, as the oracle for both.
 *
 * Splitting: part 1 is the record without options written through a view
 * (lib/json.c), so the record is never copied or changed.  The options'
 * slices fix the number of parts.  A slice never ends inside a UTF-8
 * character or a JSON escape.  When part 1 does not fit, it is the record
 * with its strings (but the event, schema and time) cut short enough to
 * fit, or at the least the event alone, and the continuation parts carry
 * the whole record's text: part 1 stays searchable and nothing is lost.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/*
 * Splitting...
 */


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
               "{\"schema\":\"" PAUDIT_SCHEMA "\",\"event\":{\"action\":\"" PAUDIT_PART_ACTION "\","
               "\"id\":\"%0*d\",\"" PAUDIT_KEY_PART "\":%d,\"" PAUDIT_KEY_PARTS "\":%d},\"%s\":\"\"}",
               PAUDIT_EVENT_ID_LEN, 0, PAUDIT_PARTS_MAX, PAUDIT_PARTS_MAX, key);

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
                        "\"" PAUDIT_PART_ACTION "\",\"id\":\"%s\",\"" PAUDIT_KEY_PART "\":%zu,"
                        "\"" PAUDIT_KEY_PARTS "\":%zu},"
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


  n = snprintf(extra, size, ",\"" PAUDIT_KEY_PART "\":1,\"" PAUDIT_KEY_PARTS "\":%zu", split->parts);
  if (split->omitted && n > 0 && (size_t)n < size)
    n += snprintf(extra + n, size - (size_t)n, ",\"" PAUDIT_KEY_PARTS_OMITTED "\":%zu", split->omitted);
  if (abbreviated && n > 0 && (size_t)n < size)
    snprintf(extra + n, size - (size_t)n, ",\"" PAUDIT_KEY_ABBREVIATED "\":true");
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
  paudit_json_view_t	view;
  char		extra[128];


  split_event_extra(split, abbreviated, extra, sizeof(extra));

  view.skip       = options;
  view.extend     = json_object_get(record, "event");
  view.extra      = extra;
  view.max_string = max_string;

  split->msg.len = 0;

  return (pauditJSONAppendView(&split->msg, record, &view));
}


/*
 * 'pauditRecordSplit()' - Send a record as parts of at most max bytes.
 */

paudit_status_t				/* O - Status */
pauditRecordSplit(const json_t     *record,/* I - Record */
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
pauditRecordSplit2(const json_t     *record,/* I - Record */
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
  if (!split.id || max_parts == 1 || max_parts > PAUDIT_PARTS_MAX)
    return (PAUDIT_STATUS_INVALID);

  if ((options = json_object_get(record, "options")) == NULL &&
      (container = json_object_get(record, "printaudit")) != NULL)
    options = json_object_get(container, "options");

  // The options' slices fix the number of parts.
  if (options && (opttext = pauditJSONNew(options, &optlen)) == NULL)
    return (PAUDIT_STATUS_NOMEM);

  budget = split_budget(PAUDIT_KEY_OPTIONS_SLICE, max);
  slices = optlen ? split_count(opttext, optlen, budget) : 0;
  split_cap(&split, slices + 1, max_parts);

  if ((optlen && !slices) || split.parts > PAUDIT_PARTS_MAX)
    status = PAUDIT_STATUS_INVALID;
  else if (split_part1(&split, record, options, 0, 0))
    status = PAUDIT_STATUS_NOMEM;
  else if (split.msg.len <= max)
  {
    if ((cb)(split.msg.data, split.msg.len, data))
      status = PAUDIT_STATUS_IO;
    else
      status = split_send_slices(&split, PAUDIT_KEY_OPTIONS_SLICE, opttext, optlen,
                                 budget, split.parts);
  }
  else
  {
    // Part 1 cut short; the whole record follows in slices.
    budget = split_budget(PAUDIT_KEY_RECORD_SLICE, max);
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
      if (!slices || split.parts > PAUDIT_PARTS_MAX || split.msg.len > max)
        status = PAUDIT_STATUS_INVALID;
      else if ((cb)(split.msg.data, split.msg.len, data))
        status = PAUDIT_STATUS_IO;
      else
        status = split_send_slices(&split, PAUDIT_KEY_RECORD_SLICE, text, len, budget,
                                   split.parts);
    }
  }

  free(opttext);
  free(split.msg.data);

  return (status);
}


/*
 * Joining...
 */

/*
 * 'split_valid_id()' - Whether an event.id is 1 to PAUDIT_PART_ID_MAX
 *                      letters and digits.
 */

static int				/* O - 1 if valid */
split_valid_id(const char *id)		/* I - event.id or NULL */
{
  size_t	i;


  if (!id || !*id)
    return (0);

  for (i = 0; id[i]; i ++)
  {
    if (i >= PAUDIT_PART_ID_MAX ||
        !((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'z') ||
          (id[i] >= 'A' && id[i] <= 'Z')))
      return (0);
  }

  return (1);
}


/*
 * 'pauditPartIs()' - Whether a message is a part of a split record.
 */

int					/* O - 1 if it has event.part */
pauditPartIs(const json_t *message)	/* I - Parsed message */
{
  return (json_object_get(json_object_get(message, "event"), PAUDIT_KEY_PART) != NULL);
}


/*
 * 'pauditPartRead()' - Read and check a part message.
 */

paudit_status_t				/* O - Status */
pauditPartRead(const json_t   *message,	/* I - Parsed part message */
               paudit_part_t  *p,	/* O - Part */
               paudit_error_t *error)	/* O - Why not */
{
  json_t	*event = json_object_get(message, "event"),
		*part = json_object_get(event, PAUDIT_KEY_PART),
		*parts = json_object_get(event, PAUDIT_KEY_PARTS),
		*oslice = json_object_get(message, PAUDIT_KEY_OPTIONS_SLICE),
		*rslice = json_object_get(message, PAUDIT_KEY_RECORD_SLICE);


  memset(p, 0, sizeof(paudit_part_t));

  p->id = json_string_value(json_object_get(event, "id"));
  if (!split_valid_id(p->id))
  {
    pauditErrorSet(error, 0, "split part without a valid event.id");
    return (PAUDIT_STATUS_INVALID);
  }

  if (!json_is_integer(part) || !json_is_integer(parts) ||
      json_integer_value(parts) < 1 || json_integer_value(parts) > PAUDIT_PARTS_MAX ||
      json_integer_value(part) < 1 || json_integer_value(part) > json_integer_value(parts))
  {
    pauditErrorSet(error, 0, "split part of event %s with a bad event.part or event.parts", p->id);
    return (PAUDIT_STATUS_INVALID);
  }

  p->part  = (size_t)json_integer_value(part);
  p->parts = (size_t)json_integer_value(parts);

  // Part 1 is always the core; parts 2..N carry one slice each.
  if (rslice && !oslice && json_is_string(rslice) && p->part > 1)
  {
    p->kind      = PAUDIT_PART_RECORD;
    p->slice     = json_string_value(rslice);
    p->slice_len = json_string_length(rslice);
  }
  else if (oslice && !rslice && json_is_string(oslice) && p->part > 1)
  {
    p->kind      = PAUDIT_PART_OPTIONS;
    p->slice     = json_string_value(oslice);
    p->slice_len = json_string_length(oslice);
  }
  else if (!oslice && !rslice && p->part == 1)
    p->kind = PAUDIT_PART_CORE;
  else
  {
    pauditErrorSet(error, 0, "part %zu of event %s: bad or missing slice", p->part, p->id);
    return (PAUDIT_STATUS_INVALID);
  }

  return (PAUDIT_STATUS_OK);
}


/*
 * 'split_put_options()' - A copy of object with options put back where the
 *                         record had them (before "truncated", else last).
 */

static json_t *				/* O - New object, NULL on ENOMEM */
split_put_options(json_t *object,	/* I - Core object */
                  json_t *options)	/* I - Options or NULL */
{
  json_t	*copy = json_object(), *value;
  const char	*key;
  int		failed = !copy;


  json_object_foreach(object, key, value)
  {
    if (failed)
      break;
    if (!strcmp(key, "truncated") && options)
    {
      failed = json_object_set(copy, "options", options);
      options = NULL;
    }
    failed |= json_object_set(copy, key, value);
  }

  if (options && !failed)
    failed = json_object_set(copy, "options", options);

  if (failed)
  {
    json_decref(copy);
    return (NULL);
  }

  return (copy);
}


/*
 * 'split_with_options()' - The core with its event cleaned and its options
 *                          put back (under "printaudit" in the ECS form).
 */

static json_t *				/* O - New record, NULL on ENOMEM */
split_with_options(json_t *core,	/* I - Core message */
                   json_t *options)	/* I - Options or NULL */
{
  json_t	*pa = json_object_get(core, "printaudit"), *record, *event;
  int		ecs = !json_object_get(core, "schema") && json_is_object(pa);


  record = ecs ? json_copy(core) : split_put_options(core, options);
  if (!record)
    return (NULL);

  if (ecs && json_object_set_new(record, "printaudit", split_put_options(pa, options)))
  {
    json_decref(record);
    return (NULL);
  }

  // event.part and event.parts belong to the transport, not the record.
  if ((event = json_copy(json_object_get(core, "event"))) == NULL ||
      json_object_set_new(record, "event", event))
  {
    json_decref(record);
    return (NULL);
  }
  json_object_del(event, PAUDIT_KEY_PART);
  json_object_del(event, PAUDIT_KEY_PARTS);

  return (record);
}


/*
 * 'pauditRecordJoin()' - Assemble the record of a complete group of parts.
 */

paudit_status_t				/* O - Status */
pauditRecordJoin(const char         *core,/* I - Part 1's text */
                 size_t             core_len,/* I - Length of core */
                 paudit_part_kind_t kind,/* I - What parts 2..N carry */
                 const char         *slices,/* I - Their slices joined */
                 size_t             slices_len,/* I - Length of slices */
                 json_t             **record,/* O - Record */
                 char               **text,/* O - Its compact JSON */
                 size_t             *len,/* O - Length of text */
                 size_t             *omitted,/* O - Parts left out, 0 if none */
                 paudit_error_t     *error)/* O - Why not */
{
  json_error_t	jerr;
  json_t	*json = NULL, *parsed = NULL, *event;
  const char	*id;
  json_int_t	left;


  *record  = NULL;
  *text    = NULL;
  *len     = 0;
  *omitted = 0;

  if ((parsed = json_loadb(core, core_len, 0, &jerr)) == NULL ||
      !json_is_object(json_object_get(parsed, "event")))
  {
    pauditErrorSet(error, 0, "an unreadable part 1: %s", parsed ? "no event" : jerr.text);
    json_decref(parsed);
    return (PAUDIT_STATUS_INVALID);
  }

  event = json_object_get(parsed, "event");
  id    = json_string_value(json_object_get(event, "id"));
  if (!id)
    id = "(none)";

  if ((left = json_integer_value(json_object_get(event, PAUDIT_KEY_PARTS_OMITTED))) > 0)
  {
    // SyslogMaxParts cut it: the slices join to a prefix only, so the
    // record is part 1 itself, without options.
    *omitted = (size_t)left;
    *record  = split_with_options(parsed, NULL);
    json_decref(parsed);
  }
  else if (kind == PAUDIT_PART_RECORD)
  {
    // The slices are the whole record; part 1 was only a preview.
    if ((json = json_loadb(slices, slices_len, 0, &jerr)) == NULL || !json_is_object(json))
    {
      pauditErrorSet(error, 0, "the parts of event %s do not join to a JSON object: %s", id,
                     json ? "not an object" : jerr.text);
      json_decref(json);
      json_decref(parsed);
      return (PAUDIT_STATUS_INVALID);
    }
    json_decref(parsed);
    if ((*text = malloc(slices_len + 1)) == NULL)
    {
      json_decref(json);
      return (PAUDIT_STATUS_NOMEM);
    }
    memcpy(*text, slices, slices_len);
    (*text)[slices_len] = '\0';
    *len    = slices_len;
    *record = json;
    return (PAUDIT_STATUS_OK);
  }
  else
  {
    if (kind == PAUDIT_PART_OPTIONS &&
        ((json = json_loadb(slices, slices_len, 0, &jerr)) == NULL || !json_is_object(json)))
    {
      pauditErrorSet(error, 0, "the parts of event %s do not join to a JSON object: %s", id,
                     json ? "not an object" : jerr.text);
      json_decref(json);
      json_decref(parsed);
      return (PAUDIT_STATUS_INVALID);
    }
    if (json_is_true(json_object_get(event, PAUDIT_KEY_ABBREVIATED)))
    {
      pauditErrorSet(error, 0, "event %s: an abbreviated part 1 with options slices", id);
      json_decref(json);
      json_decref(parsed);
      return (PAUDIT_STATUS_INVALID);
    }
    *record = split_with_options(parsed, json);
    json_decref(json);
    json_decref(parsed);
  }

  if (!*record || (*text = pauditJSONNew(*record, len)) == NULL)
  {
    json_decref(*record);
    *record = NULL;
    return (PAUDIT_STATUS_NOMEM);
  }

  return (PAUDIT_STATUS_OK);
}


/*
 * 'pauditRecordJoinParts()' - The record of all the messages one record
 *                             was sent as, in any order.
 */

paudit_status_t				/* O - Status */
pauditRecordJoinParts(
    const char * const *messages,	/* I - Messages */
    const size_t       *lens,		/* I - Their lengths */
    size_t             count,		/* I - Number of messages */
    json_t             **record,	/* O - Record */
    char               **text,		/* O - Its compact JSON */
    size_t             *len,		/* O - Length of text */
    size_t             *omitted,	/* O - Parts left out, 0 if none */
    paudit_error_t     *error)		/* O - Why not */
{
  json_t		**parsed = NULL;
  json_error_t		jerr;
  paudit_part_t		p, *parts = NULL;
  paudit_part_kind_t	kind = PAUDIT_PART_CORE;
  paudit_buf_t		slices = { NULL, 0, 0, 0 };
  paudit_status_t	status = PAUDIT_STATUS_OK;
  const char		*id = NULL;
  size_t		i, n, core = 0;


  *record  = NULL;
  *text    = NULL;
  *len     = 0;
  *omitted = 0;

  if (count == 0)
  {
    pauditErrorSet(error, 0, "no messages");
    return (PAUDIT_STATUS_INVALID);
  }

  if ((parsed = calloc(count, sizeof(json_t *))) == NULL ||
      (parts = calloc(count, sizeof(paudit_part_t))) == NULL)
  {
    free(parsed);
    return (PAUDIT_STATUS_NOMEM);
  }

  for (i = 0; i < count && status == PAUDIT_STATUS_OK; i ++)
  {
    if ((parsed[i] = json_loadb(messages[i], lens[i], 0, &jerr)) == NULL ||
        !json_is_object(parsed[i]))
    {
      pauditErrorSet(error, 0, "message %zu is not a JSON object: %s", i + 1,
                     parsed[i] ? "not an object" : jerr.text);
      status = PAUDIT_STATUS_INVALID;
    }
    else if (count == 1 && !pauditPartIs(parsed[i]))
    {
      // Not split: the record itself.
      if ((*text = malloc(lens[0] + 1)) == NULL)
        status = PAUDIT_STATUS_NOMEM;
      else
      {
        memcpy(*text, messages[0], lens[0]);
        (*text)[lens[0]] = '\0';
        *len         = lens[0];
        *record      = parsed[0];
        parsed[0]    = NULL;
      }
      goto done;
    }
    else if ((status = pauditPartRead(parsed[i], &p, error)) != PAUDIT_STATUS_OK)
      break;
    else if (p.parts != count || (id && strcmp(p.id, id)))
    {
      pauditErrorSet(error, 0, "part %zu of event %s: %zu messages, event.parts %zu, event.id %s",
                     p.part, p.id, count, p.parts, id ? id : p.id);
      status = PAUDIT_STATUS_INVALID;
    }
    else if (parts[p.part - 1].id)
    {
      pauditErrorSet(error, 0, "part %zu of event %s seen twice", p.part, p.id);
      status = PAUDIT_STATUS_INVALID;
    }
    else if (p.kind != PAUDIT_PART_CORE && kind != PAUDIT_PART_CORE && p.kind != kind)
    {
      pauditErrorSet(error, 0, "part %zu of event %s does not match its other parts", p.part,
                     p.id);
      status = PAUDIT_STATUS_INVALID;
    }
    else
    {
      if (p.kind != PAUDIT_PART_CORE)
        kind = p.kind;
      else
        core = i;
      parts[p.part - 1] = p;
      id                = p.id;
    }
  }

  if (status == PAUDIT_STATUS_OK)
  {
    // Every number 1..count once: count parts, none twice, so all there.
    for (n = 1; n < count && status == PAUDIT_STATUS_OK; n ++)
    {
      if (pauditBufAppend(&slices, parts[n].slice, parts[n].slice_len))
        status = PAUDIT_STATUS_NOMEM;
    }
  }

  if (status == PAUDIT_STATUS_OK)
    status = pauditRecordJoin(messages[core], lens[core], kind, slices.data ? slices.data : "",
                              slices.len, record, text, len, omitted, error);

  done:

  for (i = 0; i < count; i ++)
    json_decref(parsed[i]);
  free(parsed);
  free(parts);
  free(slices.data);

  return (status);
}
