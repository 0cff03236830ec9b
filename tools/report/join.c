/*
 * Grouping split syslog messages for printaudit-report.
 *
 * The split form is lib/split.c's (pauditRecordSplit2 sends it,
 * pauditPartRead reads a part and pauditRecordJoin assembles a complete
 * group); this module only groups the parts of each record.
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
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct join_slice_s		/* One slice */
{
  size_t	part;			/* Part number */
  char		*text;			/* Slice (owned) */
  size_t	len;			/* Length */
} join_slice_t;

typedef struct join_group_s		/* One pending record */
{
  char		id[PAUDIT_PART_ID_MAX + 1];/* event.id */
  size_t	parts,			/* event.parts */
		have,			/* Parts held */
		bytes;			/* Bytes held */
  paudit_part_kind_t kind;		/* What parts 2..N carry, CORE until seen */
  char		*core;			/* Part 1's JSON text (owned), or NULL */
  size_t	core_len;		/* Length of core */
  join_slice_t	*slices;		/* Slices by part number */
  size_t	nslices,		/* Number of slices */
		aslices;		/* Allocated slices */
  report_where_t first;			/* Where its first part was read */
} join_group_t;

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
 * 'join_error()' - Set an error unless one is already set.
 */

static void join_error(paudit_error_t *error, const char *format, ...)
		__attribute__((format(printf, 2, 3)));

static void
join_error(paudit_error_t *error,	/* O - Error */
           const char     *format,	/* I - printf format */
           ...)				/* I - Arguments */
{
  va_list	ap;


  if (error->text[0])
    return;

  va_start(ap, format);
  vsnprintf(error->text, sizeof(error->text), format, ap);
  va_end(ap);
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
join_group_get(report_join_t       *join,/* I - Joiner */
               const paudit_part_t *p,	/* I - Part */
               report_where_t      where,/* I - Where the part was read */
               int                 *nomem,/* O - 1 on ENOMEM */
               paudit_error_t      *error)/* O - Why not */
{
  join_group_t	*group = reportMapGet(join->groups, p->id);


  if (group)
  {
    if (group->parts != p->parts ||
        (group->kind != p->kind && group->kind != PAUDIT_PART_CORE &&
         p->kind != PAUDIT_PART_CORE))
    {
      join_error(error, "part %zu of event %s does not match its first part (line %lld)",
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
                const paudit_part_t    *p,/* I - Part */
                const report_message_t *msg,/* I - Part message */
                paudit_error_t         *error)/* O - Why not */
{
  size_t	i = join_slice_find(group, p->part),
		bytes = msg->len + sizeof(join_slice_t);
  join_slice_t	*slices;


  if ((p->part == 1 && group->core) ||
      (i < group->nslices && group->slices[i].part == p->part))
  {
    join_error(error, "part %zu of event %s seen twice", p->part, p->id);
    return (-1);
  }

  if (p->kind == PAUDIT_PART_CORE)
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
    group->slices[i].len  = p->slice_len;
    if ((group->slices[i].text = malloc(p->slice_len + 1)) == NULL)
    {
      memmove(group->slices + i, group->slices + i + 1, (group->nslices - i) * sizeof(join_slice_t));
      return (-2);
    }
    memcpy(group->slices[i].text, p->slice, p->slice_len + 1);
    group->nslices ++;
    group->kind = p->kind;
  }

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
 * 'join_assemble()' - Make the record of a complete group (lib/split.c).
 *
 * A record SyslogMaxParts cut short is reported as its part 1, without
 * options (every column of a report is there; an abbreviated part 1 may
 * have strings cut); error says so, for a warning: the whole record is
 * in the JsonLog.
 */

static report_join_status_t
join_assemble(join_group_t   *group,	/* I - Complete group */
              json_t         **record,	/* O - Record */
              char           **text,	/* O - Its JSON text */
              size_t         *len,	/* O - Length */
              paudit_error_t *error)	/* O - Why not, or a warning */
{
  char			*joined;
  size_t		jlen, omitted;
  paudit_status_t	status;


  if ((joined = join_concat(group, &jlen)) == NULL)
    return (REPORT_JOIN_NOMEM);

  status = pauditRecordJoin(group->core, group->core_len, group->kind, joined, jlen, record,
                            text, len, &omitted, error);
  free(joined);

  if (status == PAUDIT_STATUS_NOMEM)
    return (REPORT_JOIN_NOMEM);
  else if (status != PAUDIT_STATUS_OK)
    return (REPORT_JOIN_ERROR);

  if (omitted)
    join_error(error, "event %s: syslog carried %zu of %zu parts (SyslogMaxParts); "
                   "the record is reported without options%s, the JsonLog has it whole",
                   group->id, group->parts, group->parts + omitted,
                   json_is_true(json_object_get(json_object_get(*record, "event"),
                                                PAUDIT_KEY_ABBREVIATED)) ?
                       " and may have cut strings" : "");

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
              paudit_error_t         *error)/* O - Why not */
{
  paudit_part_t		p;
  join_group_t		*group, *oldest;
  report_join_status_t	status;
  int			nomem = 0, held;


  *record = NULL;
  *text   = NULL;
  *len    = 0;

  if (pauditPartRead(msg->json, &p, error))
    return (REPORT_JOIN_ERROR);

  if ((group = join_group_get(join, &p, where, &nomem, error)) == NULL)
    return (nomem ? REPORT_JOIN_NOMEM : REPORT_JOIN_ERROR);

  if ((held = join_group_hold(join, group, &p, msg, error)) != 0)
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

  status = join_assemble(group, record, text, len, error);
  join_drop(join, group, 0);

  return (status);
}
