/*
 * Joining split syslog messages for printaudit-report.
 *
 * lib/json.c (pauditRecordSplit) sends a record longer than SyslogMaxSize
 * as parts with the record's event.id and event.part/event.parts: part 1,
 * the core (the record without "options"), then either
 *
 *   - continuation parts 2..N whose "options_slice" strings, joined in
 *     order, are the JSON text of "options"; or
 *   - when even the core is too long, in which case part 1 has its strings
 *     cut (event.abbreviated), continuation parts whose "record_slice"
 *     strings, joined in order, are the JSON text of the whole record.
 *     (Part 1 may itself be a record slice, as an earlier form had it.)
 *
 * Parts are held by event.id until all have arrived, in any order and
 * interleaved with other records, as text (what memory they take is what
 * is counted).  Memory is bounded: beyond
 * REPORT_MAX_GROUPS records or REPORT_MAX_PENDING bytes the oldest pending
 * record is given up and reported through the callback, as is every
 * record still pending at the end of input.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <stdlib.h>
#include <string.h>

#define JOIN_MAX_ID 64			/* Longest event.id accepted */

typedef enum join_mode_e		/* How a record was split */
{
  JOIN_MODE_UNKNOWN,			/* Only the core seen yet */
  JOIN_MODE_OPTIONS,			/* Core + options slices */
  JOIN_MODE_RECORD			/* Record slices */
} join_mode_t;

typedef struct join_slice_s		/* One slice */
{
  size_t	part;			/* Part number */
  char		*text;			/* Slice (owned) */
  size_t	len;			/* Length */
} join_slice_t;

typedef struct join_group_s		/* One pending record */
{
  char		id[JOIN_MAX_ID + 1];	/* event.id */
  size_t	parts,			/* event.parts */
		have,			/* Parts held */
		bytes;			/* Bytes held */
  join_mode_t	mode;			/* How it was split */
  char		*core;			/* Part 1's JSON text (owned), or NULL */
  size_t	core_len;		/* Length of core */
  join_slice_t	*slices;		/* Slices by part number */
  size_t	nslices,		/* Number of slices */
		aslices;		/* Allocated slices */
  report_where_t first;			/* Where its first part was read */
} join_group_t;

typedef struct join_part_s		/* One part message, borrowed */
{
  const char	*id;			/* event.id */
  size_t	part,			/* event.part */
		parts;			/* event.parts */
  join_mode_t	mode;			/* Mode it implies, UNKNOWN for a core */
  json_t	*slice;			/* Its slice string, or NULL for a core */
} join_part_t;

struct report_join_s
{
  report_map_t		*groups;	/* event.id -> join_group_t */
  size_t		max_groups,	/* Most groups held */
			max_bytes,	/* Most bytes held */
			bytes;		/* Bytes held */
  report_incomplete_cb_t cb;		/* Reports records given up */
  void			*data;		/* Callback data */
};


/*
 * 'join_group_free()' - Free a group.
 */

static void
join_group_free(void *value)		/* I - join_group_t */
{
  join_group_t	*group = (join_group_t *)value;
  size_t	i;


  if (!group)
    return;

  for (i = 0; i < group->nslices; i ++)
    free(group->slices[i].text);
  free(group->slices);
  free(group->core);
  free(group);
}


/*
 * 'join_drop()' - Forget a group, reporting it as incomplete when asked.
 */

static void
join_drop(report_join_t *join,		/* I - Joiner */
          join_group_t  *group,		/* I - Group in the map */
          int           report)		/* I - Report through the callback */
{
  reportMapRemove(join->groups, group->id);
  join->bytes -= group->bytes;

  if (report && join->cb)
    (join->cb)(group->id, group->first, group->have, group->parts, join->data);

  join_group_free(group);
}


/*
 * 'reportJoinNew()' - Create a joiner.
 */

report_join_t *				/* O - Joiner; free with reportJoinDelete() */
reportJoinNew(size_t                 max_groups,/* I - Most records pending */
              size_t                 max_bytes,/* I - Most bytes pending */
              report_incomplete_cb_t cb,/* I - Reports records given up */
              void                   *data)/* I - Callback data */
{
  report_join_t	*join = calloc(1, sizeof(report_join_t));


  if (!join)
    return (NULL);

  if ((join->groups = reportMapNew()) == NULL)
  {
    free(join);
    return (NULL);
  }

  join->max_groups = max_groups ? max_groups : 1;
  join->max_bytes  = max_bytes;
  join->cb         = cb;
  join->data       = data;

  return (join);
}


/*
 * 'reportJoinDelete()' - Free a joiner and what it holds, silently.
 */

void
reportJoinDelete(report_join_t *join)	/* I - Joiner or NULL */
{
  if (join)
  {
    reportMapDelete(join->groups, join_group_free);
    free(join);
  }
}


/*
 * 'reportJoinFlush()' - Give up every pending record.
 */

size_t					/* O - Records reported */
reportJoinFlush(report_join_t *join)	/* I - Joiner */
{
  join_group_t	*group;
  size_t	count = 0;


  while ((group = reportMapFirst(join->groups, NULL)) != NULL)
  {
    join_drop(join, group, 1);
    count ++;
  }

  return (count);
}


/*
 * 'reportJoinPendingBytes()' - Bytes held.
 */

size_t					/* O - Bytes */
reportJoinPendingBytes(const report_join_t *join)/* I - Joiner */
{
  return (join->bytes);
}


/*
 * 'join_valid_id()' - Whether an event.id is 1-64 letters and digits.
 */

static int
join_valid_id(const char *id)		/* I - event.id or NULL */
{
  size_t	i;


  if (!id || !*id)
    return (0);

  for (i = 0; id[i]; i ++)
  {
    if (i >= JOIN_MAX_ID ||
        !((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'z') ||
          (id[i] >= 'A' && id[i] <= 'Z')))
      return (0);
  }

  return (1);
}


/*
 * 'join_part_read()' - Read and check a part's event and slice.
 */

static int				/* O - 0 on success, -1 with error set */
join_part_read(json_t      *json,	/* I - Part message */
               join_part_t *p,		/* O - Part */
               char        *error,	/* O - Why not */
               size_t      errsize)	/* I - Size of error */
{
  json_t	*event = json_object_get(json, "event"),
		*part = json_object_get(event, "part"),
		*parts = json_object_get(event, "parts"),
		*oslice = json_object_get(json, "options_slice"),
		*rslice = json_object_get(json, "record_slice");


  p->id = json_string_value(json_object_get(event, "id"));
  if (!join_valid_id(p->id))
  {
    snprintf(error, errsize, "split part without a valid event.id");
    return (-1);
  }

  if (!json_is_integer(part) || !json_is_integer(parts) ||
      json_integer_value(parts) < 1 || json_integer_value(parts) > REPORT_MAX_PARTS ||
      json_integer_value(part) < 1 || json_integer_value(part) > json_integer_value(parts))
  {
    snprintf(error, errsize, "split part of event %s with a bad event.part or event.parts", p->id);
    return (-1);
  }

  p->part  = (size_t)json_integer_value(part);
  p->parts = (size_t)json_integer_value(parts);

  if (rslice && !oslice && json_is_string(rslice))
  {
    p->mode  = JOIN_MODE_RECORD;
    p->slice = rslice;
  }
  else if (oslice && !rslice && json_is_string(oslice) && p->part > 1)
  {
    p->mode  = JOIN_MODE_OPTIONS;
    p->slice = oslice;
  }
  else if (!oslice && !rslice && p->part == 1)
  {
    p->mode  = JOIN_MODE_UNKNOWN;
    p->slice = NULL;
  }
  else
  {
    snprintf(error, errsize, "part %zu of event %s: bad or missing slice", p->part, p->id);
    return (-1);
  }

  return (0);
}


/*
 * 'join_slice_find()' - Index where a part's slice is or goes.
 */

static size_t				/* O - Index into group->slices */
join_slice_find(const join_group_t *group,/* I - Group */
                size_t             part)/* I - Part number */
{
  size_t	lo = 0, hi = group->nslices, mid;


  while (lo < hi)
  {
    mid = (lo + hi) / 2;
    if (group->slices[mid].part < part)
      lo = mid + 1;
    else
      hi = mid;
  }

  return (lo);
}


/*
 * 'join_group_get()' - The group for a part, new if needed.
 */

static join_group_t *			/* O - Group, NULL with error set */
join_group_get(report_join_t     *join,	/* I - Joiner */
               const join_part_t *p,	/* I - Part */
               report_where_t    where,	/* I - Where the part was read */
               int               *nomem,/* O - 1 on ENOMEM */
               char              *error,/* O - Why not */
               size_t            errsize)/* I - Size of error */
{
  join_group_t	*group = reportMapGet(join->groups, p->id);


  if (group)
  {
    if (group->parts != p->parts ||
        (group->mode != p->mode && group->mode != JOIN_MODE_UNKNOWN &&
         p->mode != JOIN_MODE_UNKNOWN))
    {
      snprintf(error, errsize, "part %zu of event %s does not match its first part (line %lld)",
               p->part, p->id, group->first.line);
      return (NULL);
    }
    return (group);
  }

  // Make room: the oldest pending record is given up first.
  while (reportMapCount(join->groups) >= join->max_groups)
    join_drop(join, reportMapFirst(join->groups, NULL), 1);

  if ((group = calloc(1, sizeof(join_group_t))) == NULL ||
      reportMapAdd(join->groups, p->id, group))
  {
    free(group);
    *nomem = 1;
    return (NULL);
  }

  snprintf(group->id, sizeof(group->id), "%s", p->id);
  group->parts = p->parts;
  group->first = where;

  return (group);
}


/*
 * 'join_group_hold()' - Keep a part in its group.
 */

static int				/* O - 0, -1 with error set, -2 on ENOMEM */
join_group_hold(report_join_t          *join,/* I - Joiner */
                join_group_t           *group,/* I - Group */
                const join_part_t      *p,/* I - Part */
                const report_message_t *msg,/* I - Part message */
                char                   *error,/* O - Why not */
                size_t                 errsize)/* I - Size of error */
{
  size_t	i = join_slice_find(group, p->part),
		bytes = msg->len + sizeof(join_slice_t);
  join_slice_t	*slices;


  if ((p->part == 1 && group->core) ||
      (i < group->nslices && group->slices[i].part == p->part))
  {
    snprintf(error, errsize, "part %zu of event %s seen twice", p->part, p->id);
    return (-1);
  }

  if (!p->slice)
  {
    if ((group->core = strndup(msg->text, msg->len)) == NULL)
      return (-2);
    group->core_len = msg->len;
  }
  else
  {
    if (group->nslices == group->aslices)
    {
      if ((slices = realloc(group->slices, (group->aslices * 2 + 4) * sizeof(join_slice_t))) == NULL)
        return (-2);
      group->slices  = slices;
      group->aslices = group->aslices * 2 + 4;
    }

    memmove(group->slices + i + 1, group->slices + i, (group->nslices - i) * sizeof(join_slice_t));
    group->slices[i].part = p->part;
    group->slices[i].len  = json_string_length(p->slice);
    if ((group->slices[i].text = malloc(group->slices[i].len + 1)) == NULL)
    {
      memmove(group->slices + i, group->slices + i + 1, (group->nslices - i) * sizeof(join_slice_t));
      return (-2);
    }
    memcpy(group->slices[i].text, json_string_value(p->slice), group->slices[i].len + 1);
    group->nslices ++;
  }

  if (p->mode != JOIN_MODE_UNKNOWN)
    group->mode = p->mode;
  group->have  ++;
  group->bytes += bytes;
  join->bytes  += bytes;

  return (0);
}


/*
 * 'join_concat()' - The slices of a group joined.
 */

static char *				/* O - New string; free() it.  NULL on ENOMEM */
join_concat(const join_group_t *group,	/* I - Group */
            size_t             *len)	/* O - Length */
{
  size_t	i, total = 0;
  char		*text, *p;


  for (i = 0; i < group->nslices; i ++)
    total += group->slices[i].len;

  if ((text = malloc(total + 1)) == NULL)
    return (NULL);

  for (i = 0, p = text; i < group->nslices; p += group->slices[i].len, i ++)
    memcpy(p, group->slices[i].text, group->slices[i].len);
  *p   = '\0';
  *len = total;

  return (text);
}


/*
 * 'join_put_options()' - A copy of object with options put back where the
 *                        record had them (before "truncated", else last).
 */

static json_t *				/* O - New object, NULL on ENOMEM */
join_put_options(json_t *object,	/* I - Core object */
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
 * 'join_with_options()' - The core with its event cleaned and its options
 *                         put back (under "printaudit" in the ECS form).
 */

static json_t *				/* O - New record, NULL on ENOMEM */
join_with_options(json_t *core,		/* I - Core message */
                  json_t *options)	/* I - Options or NULL */
{
  json_t	*pa = json_object_get(core, "printaudit"), *record, *event;
  int		ecs = !json_object_get(core, "schema") && json_is_object(pa);


  record = ecs ? json_copy(core) : join_put_options(core, options);
  if (!record)
    return (NULL);

  if (ecs && json_object_set_new(record, "printaudit", join_put_options(pa, options)))
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
  json_object_del(event, "part");
  json_object_del(event, "parts");

  return (record);
}


/*
 * 'join_capped()' - The record of a group that SyslogMaxParts cut short.
 *
 * Part 1 of such a record says how many parts were left out
 * (event.parts_omitted); its slices join only to a prefix, so the record
 * is part 1 itself, without options (every column of a report is there;
 * an abbreviated part 1 may have strings cut).  error says so, for a
 * warning; the whole record is in the JsonLog.
 */

static json_t *				/* O - Record, or NULL if not capped (or ENOMEM: error set) */
join_capped(join_group_t *group,	/* I - Complete group */
            char         *error,	/* O - Warning */
            size_t       errsize)	/* I - Size of error */
{
  json_t	*core, *event, *record;
  json_int_t	omitted;


  error[0] = '\0';
  if ((core = json_loadb(group->core, group->core_len, 0, NULL)) == NULL)
    return (NULL);

  event   = json_object_get(core, "event");
  omitted = json_integer_value(json_object_get(event, "parts_omitted"));
  if (omitted <= 0)
  {
    json_decref(core);
    return (NULL);
  }

  if ((record = join_with_options(core, NULL)) == NULL)
    snprintf(error, errsize, "out of memory");
  else
    snprintf(error, errsize, "event %s: syslog carried %zu of %zu parts (SyslogMaxParts); "
             "the record is reported without options%s, the JsonLog has it whole",
             group->id, group->parts, group->parts + (size_t)omitted,
             json_is_true(json_object_get(event, "abbreviated")) ? " and may have cut strings" : "");
  json_decref(core);

  return (record);
}


/*
 * 'join_assemble()' - Make the record of a complete group.
 */

static report_join_status_t
join_assemble(join_group_t *group,	/* I - Complete group */
              json_t       **record,	/* O - Record */
              char         **text,	/* O - Its JSON text */
              size_t       *len,	/* O - Length */
              char         *error,	/* O - Why not */
              size_t       errsize)	/* I - Size of error */
{
  json_error_t	jerr;
  json_t	*json = NULL, *core = NULL;
  char		*joined;
  size_t	jlen;


  error[0] = '\0';
  if (group->core && (*record = join_capped(group, error, errsize)) != NULL)
  {
    // SyslogMaxParts cut it: the slices join to a prefix only.
    if ((*text = pauditJSONNew(*record, len)) == NULL)
    {
      json_decref(*record);
      *record = NULL;
      return (REPORT_JOIN_NOMEM);
    }
    return (REPORT_JOIN_COMPLETE);
  }
  else if (error[0])
    return (REPORT_JOIN_NOMEM);

  if ((joined = join_concat(group, &jlen)) == NULL)
    return (REPORT_JOIN_NOMEM);

  // Not inside json_is_object(): it is a macro that evaluates twice.
  if (group->nslices)
    json = json_loadb(joined, jlen, 0, &jerr);

  if (group->nslices && !json_is_object(json))
  {
    snprintf(error, errsize, "the parts of event %s do not join to a JSON object: %s",
             group->id, json ? "not an object" : jerr.text);
    json_decref(json);
    free(joined);
    return (REPORT_JOIN_ERROR);
  }

  if (group->mode == JOIN_MODE_RECORD)
  {
    // The slices are the whole record; part 1 was only a preview.
    *record = json;
    *text   = joined;
    *len    = jlen;
    return (REPORT_JOIN_COMPLETE);
  }

  free(joined);

  if ((core = json_loadb(group->core, group->core_len, 0, &jerr)) == NULL ||
      json_is_true(json_object_get(json_object_get(core, "event"), "abbreviated")))
  {
    snprintf(error, errsize, "event %s: %s part 1 with options slices", group->id,
             core ? "an abbreviated" : "an unreadable");
    json_decref(core);
    json_decref(json);
    return (REPORT_JOIN_ERROR);
  }

  *record = join_with_options(core, json);
  json_decref(core);
  json_decref(json);

  if (!*record || (*text = pauditJSONNew(*record, len)) == NULL)
  {
    json_decref(*record);
    *record = NULL;
    return (REPORT_JOIN_NOMEM);
  }

  return (REPORT_JOIN_COMPLETE);
}


/*
 * 'reportJoinAdd()' - Add one part; return the record once complete.
 */

report_join_status_t			/* O - Status */
reportJoinAdd(report_join_t          *join,/* I - Joiner */
              const report_message_t *msg,/* I - Part message */
              report_where_t         where,/* I - Where it was read */
              json_t                 **record,/* O - Joined record */
              char                   **text,/* O - Its JSON text */
              size_t                 *len,/* O - Length */
              char                   *error,/* O - Why not */
              size_t                 errsize)/* I - Size of error */
{
  join_part_t		p;
  join_group_t		*group, *oldest;
  report_join_status_t	status;
  int			nomem = 0, held;


  *record = NULL;
  *text   = NULL;
  *len    = 0;

  if (join_part_read(msg->json, &p, error, errsize))
    return (REPORT_JOIN_ERROR);

  if ((group = join_group_get(join, &p, where, &nomem, error, errsize)) == NULL)
    return (nomem ? REPORT_JOIN_NOMEM : REPORT_JOIN_ERROR);

  if ((held = join_group_hold(join, group, &p, msg, error, errsize)) != 0)
    return (held == -2 ? REPORT_JOIN_NOMEM : REPORT_JOIN_ERROR);

  // Bounded memory: give up the oldest records, this one last.
  while (join->bytes > join->max_bytes &&
         (oldest = reportMapFirst(join->groups, NULL)) != NULL)
  {
    int self = oldest == group;

    join_drop(join, oldest, 1);
    if (self)
      return (REPORT_JOIN_PENDING);
  }

  if (group->have < group->parts)
    return (REPORT_JOIN_PENDING);

  status = join_assemble(group, record, text, len, error, errsize);
  join_drop(join, group, 0);

  return (status);
}
