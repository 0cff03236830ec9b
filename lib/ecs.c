/*
 * The ECS output profile: a printaudit record under Elastic Common Schema
 * names, everything without an ECS field under "printaudit.*".
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ECS_VERSION "8.11.0"


/*
 * 'ecs_get()' - record[group][name], borrowed; JSON null when absent.
 */

static json_t *
ecs_get(const json_t *record,		/* I - printaudit record */
        const char   *group,		/* I - "job", "printer", ... */
        const char   *name)		/* I - Field */
{
  json_t *value = json_object_get(json_object_get(record, group), name);

  return (value ? value : json_null());
}


/*
 * 'ecs_copy()' - Set object[key] to a new reference of value (null if NULL).
 */

static int				/* O - 0 on success */
ecs_copy(json_t     *object,		/* I - Object */
         const char *key,		/* I - Key */
         json_t     *value)		/* I - Value, borrowed, or NULL */
{
  return (json_object_set_nocheck(object, key, value ? value : json_null()));
}


/*
 * 'ecs_message()' - One-line human summary of the job.
 */

static json_t *
ecs_message(const json_t *record)	/* I - printaudit record */
{
  paudit_buf_t	buf = { NULL, 0, 0, 0 };
  const char	*user = json_string_value(ecs_get(record, "job", "user")),
		*doc = json_string_value(ecs_get(record, "job", "document_name")),
		*app = json_string_value(ecs_get(record, "job", "application")),
		*printer = json_string_value(ecs_get(record, "printer", "name")),
		*uri = json_string_value(ecs_get(record, "printer", "uri"));
  json_t	*copies = ecs_get(record, "job", "copies"),
		*pages = ecs_get(record, "job", "impressions"),
		*message;


  if (!doc)
    doc = json_string_value(ecs_get(record, "job", "title"));

  pauditBufPrintf(&buf, "%s printed \"%s\"", user ? user : "unknown user",
                  doc ? doc : "untitled");
  if (json_is_integer(copies))
    pauditBufPrintf(&buf, ", %lld %s", (long long)json_integer_value(copies),
                    json_integer_value(copies) == 1 ? "copy" : "copies");
  if (json_is_integer(pages))
    pauditBufPrintf(&buf, " of %lld %s", (long long)json_integer_value(pages),
                    json_integer_value(pages) == 1 ? "page" : "pages");
  if (app)
    pauditBufPrintf(&buf, ", from %s", app);
  pauditBufPrintf(&buf, ", to %s", printer ? printer : "an unnamed printer");
  if (uri)
    pauditBufPrintf(&buf, " (%s)", uri);

  // Every part came from valid UTF-8; the message obeys the 4096-byte rule
  // of every value, cut on a character boundary (its parts are in full
  // elsewhere in the record).
  message = buf.failed ? NULL :
            json_stringn_nocheck(buf.data, pauditUTF8Prefix(buf.data, buf.len, PAUDIT_MAX_VALUE));
  free(buf.data);

  return (message);
}


/*
 * 'ecs_section()' - Copy the named fields of record[group] into a new object.
 */

static json_t *
ecs_section(const json_t       *record,	/* I - printaudit record */
            const char         *group,	/* I - "job", ... */
            const char * const *names)	/* I - Fields, NULL-terminated */
{
  json_t *object = json_object();

  for (; object && *names; names ++)
    if (ecs_copy(object, *names, ecs_get(record, group, *names)))
    {
      json_decref(object);
      return (NULL);
    }

  return (object);
}


/*
 * 'ecs_outcome()' - The ECS form of a job.end record.
 */

static json_t *				/* O - New record or NULL on ENOMEM */
ecs_outcome(const json_t *record)	/* I - printaudit job.end record */
{
  static const char * const job[] =
  { "id", "uuid", "state", "impressions_completed", "media_sheets_completed",
    "processing", "completed", "title", NULL };
  json_t	*ecs = json_object(), *pa = NULL, *user = ecs_get(record, "job", "user"),
		*message = NULL, *count = ecs_get(record, "job", "impressions_completed");
  const char	*state = json_string_value(ecs_get(record, "job", "state")),
		*printer = json_string_value(ecs_get(record, "printer", "name")),
		*outcome;
  paudit_buf_t	buf = { NULL, 0, 0, 0 };
  int		failed;


  if (!state)
    state = "unknown";
  outcome = !strcmp(state, "completed") ? "success" : !strcmp(state, "aborted") ? "failure" : "unknown";

  pauditBufPrintf(&buf, "job %lld %s on %s", (long long)json_integer_value(ecs_get(record, "job", "id")),
                  state, printer ? printer : "an unnamed printer");
  if (json_is_integer(count))
    pauditBufPrintf(&buf, ", %lld %s", (long long)json_integer_value(count),
                    json_integer_value(count) == 1 ? "impression" : "impressions");
  if (!buf.failed)
    message = json_stringn_nocheck(buf.data, pauditUTF8Prefix(buf.data, buf.len, PAUDIT_MAX_VALUE));
  free(buf.data);

  failed = !ecs || !message ||
      ecs_copy(ecs, "@timestamp", json_object_get(record, "time")) ||
      json_object_set_new_nocheck(ecs, "ecs", json_pack("{s:s}", "version", ECS_VERSION)) ||
      json_object_set_new_nocheck(ecs, "event", json_pack("{s:s,s:O,s:s,s:[s],s:[s],s:s,s:s,s:s}",
          "action", "job.end", "id", ecs_get(record, "event", "id"),
          "kind", "event", "category", "file", "type", "info", "outcome", outcome,
          "module", "printaudit", "dataset", "printaudit.job")) ||
      json_object_set_new_nocheck(ecs, "message", json_incref(message)) ||
      json_object_set_new_nocheck(ecs, "host", json_pack("{s:O}", "name", ecs_get(record, "host", "name"))) ||
      json_object_set_new_nocheck(ecs, "user", json_pack("{s:O}", "name", user)) ||
      json_object_set_new_nocheck(ecs, "related", json_is_string(user) ? json_pack("{s:[O]}", "user", user) : json_pack("{s:[]}", "user")) ||
      json_object_set_new_nocheck(ecs, "printaudit", (pa = json_object())) ||
      ecs_copy(pa, "schema", json_object_get(record, "schema")) ||
      json_object_set_new_nocheck(pa, "job", ecs_section(record, "job", job)) ||
      json_object_set_new_nocheck(pa, "printer", json_pack("{s:O}", "name", ecs_get(record, "printer", "name"))) ||
      (json_object_get(record, "truncated") &&
       ecs_copy(pa, "truncated", json_object_get(record, "truncated")));

  json_decref(message);
  if (failed)
  {
    json_decref(ecs);
    return (NULL);
  }

  return (ecs);
}


/*
 * 'pauditRecordECSNew()' - The ECS form of a record, as a new record.
 *
 * The record is not changed: the new one holds new references to its
 * values (job.title, options, ...), so both stay valid until both are
 * released.
 */

json_t *				/* O - New record or NULL on ENOMEM */
pauditRecordECSNew(const json_t *record)/* I - printaudit record */
{
  static const char * const job[] =
  { "id", "title", "copies", "uuid", "impressions", "application", "media",
    "sides", "color", "created", "file", "document_name", "billing", NULL };
  static const char * const printer[] = { "name", "info", "location", NULL };
  json_t	*ecs, *pa = NULL, *user;
  json_t	*name = ecs_get(record, "job", "document_name");
  const char	*action;
  int		failed;


  if ((action = json_string_value(ecs_get(record, "event", "action"))) != NULL &&
      !strcmp(action, "job.end"))
    return (ecs_outcome(record));

  ecs = json_object();

  if (json_is_null(name))
    name = ecs_get(record, "job", "title");
  user = ecs_get(record, "job", "user");

  failed = !ecs ||
      ecs_copy(ecs, "@timestamp", json_object_get(record, "time")) ||
      json_object_set_new_nocheck(ecs, "ecs", json_pack("{s:s}", "version", ECS_VERSION)) ||
      json_object_set_new_nocheck(ecs, "event", (json_pack("{s:s,s:O,s:s,s:[s],s:[s],s:s,s:s}",
          "action", "job.start", "id", ecs_get(record, "event", "id"),
          "kind", "event", "category", "file", "type", "access",
          "module", "printaudit", "dataset", "printaudit.job"))) ||
      json_object_set_new_nocheck(ecs, "message", ecs_message(record)) ||
      json_object_set_new_nocheck(ecs, "host", json_pack("{s:O}", "name", ecs_get(record, "host", "name"))) ||
      json_object_set_new_nocheck(ecs, "user", json_pack("{s:O}", "name", user)) ||
      json_object_set_new_nocheck(ecs, "related", json_is_string(user) ? json_pack("{s:[O]}", "user", user) : json_pack("{s:[]}", "user")) ||
      json_object_set_new_nocheck(ecs, "file", json_pack("{s:O,s:O}",
          "name", name, "mime_type", ecs_get(record, "document", "content_type"))) ||
      json_object_set_new_nocheck(ecs, "source", json_pack("{s:O}", "address",
          ecs_get(record, "job", "originating_host"))) ||
      json_object_set_new_nocheck(ecs, "url", json_pack("{s:O}", "original", ecs_get(record, "printer", "uri"))) ||
      json_object_set_new_nocheck(ecs, "destination", json_pack("{s:O,s:O}",
          "address", ecs_get(record, "printer", "host"), "port", ecs_get(record, "printer", "port"))) ||
      json_object_set_new_nocheck(ecs, "network", json_pack("{s:O}", "protocol", ecs_get(record, "printer", "backend"))) ||
      json_object_set_new_nocheck(ecs, "printaudit", (pa = json_object()));

  if (!failed)
    failed = ecs_copy(pa, "schema", json_object_get(record, "schema")) ||
             json_object_set_new_nocheck(pa, "job", ecs_section(record, "job", job)) ||
             json_object_set_new_nocheck(pa, "printer", ecs_section(record, "printer", printer)) ||
             json_object_set_new_nocheck(pa, "document", json_pack("{s:O}", "final_content_type",
                 ecs_get(record, "document", "final_content_type"))) ||
             (json_object_get(record, "options") &&
              ecs_copy(pa, "options", json_object_get(record, "options"))) ||
             (json_object_get(record, "truncated") &&
              ecs_copy(pa, "truncated", json_object_get(record, "truncated")));

  if (failed)
  {
    json_decref(ecs);
    return (NULL);
  }

  return (ecs);
}
