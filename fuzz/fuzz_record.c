/*
 * printaudit fuzz target: whole records (pauditRecordNew, pauditRecordECSNew,
 * pauditJSONNew, pauditRecordSplit).
 *
 * The input is split on NUL bytes into fields:
 *
 *   0 device URI   1 job id   2 user   3 title   4 copies   5 options
 *   6 file (absent when missing or empty)
 *   7 $PRINTER  8 $PRINTER_INFO  9 $PRINTER_LOCATION  10 $CONTENT_TYPE
 *   11 $FINAL_CONTENT_TYPE  12 host name  (NULL when missing)
 *
 * Missing fields 1-5 are empty.  argv[0] is "printaudit:" and the URI.
 * Properties, for the record and for its ECS form:
 *
 * - a record is built whenever the URI splits (pauditURISplit(); the shim
 *   runs nothing for a URI that does not);
 * - its JSON is valid UTF-8 with no raw control bytes, parses back to the
 *   same value and carries the job's event.id; the record holds no value
 *   over PAUDIT_MAX_VALUE bytes;
 * - the URI's password (as libcups finds it) is nowhere in it: the URI
 *   with another password gives byte for byte the same text;
 * - pauditRecordSplit() with max 464 (SyslogMaxSize 512 less the syslog
 *   header), 512, 900 and 4000 succeeds and leaves the record as it was;
 *   every part is at most max bytes, valid JSON of its own with the same
 *   event.id and numbered part/parts; slices never end inside a character
 *   or an escape; and, as printaudit.h describes the split form (this
 *   reassembly is the one independent of lib/split.c's join, its oracle):
 *   - "options_slice" parts join into the options' JSON, and part 1 is the
 *     record without them: together exactly the record's text;
 *   - "record_slice" parts join into exactly the record's text, and part 1,
 *     marked abbreviated, is the record without options whose strings are
 *     prefixes of the record's, or at the least the event alone.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_FIELDS	13		/* Fields read from the input */
#define RECORD_EVENT_ID	"0123456789abcdef0123456789abcdef"
#define RECORD_SPLIT_MAX (256 * 1024)	/* Longest record whose splitting is checked */

typedef struct parts_s			/* Parts collected from pauditRecordSplit() */
{
  size_t	max;			/* Longest message allowed */
  size_t	count;			/* Number of parts */
  size_t	alloc;			/* Allocated parts */
  char		**text;			/* Part texts */
  size_t	*len;			/* Part lengths */
} parts_t;

typedef struct form_s			/* One form of the record */
{
  const char	*name;			/* "record" or "ECS record" */
  json_t	*value;			/* Record */
  char		*text;			/* Its JSON */
  size_t	len;			/* Length */
} form_t;


/*
 * 'rec_is()' - Whether a value is the string s.
 */

static int
rec_is(const json_t *value,		/* I - Value or NULL */
       const char   *s)			/* I - String */
{
  return (json_is_string(value) && !strcmp(json_string_value(value), s));
}


/*
 * 'rec_part_cb()' - Collect one part.
 */

static int				/* O - 0 to go on */
rec_part_cb(const char *message,	/* I - Part */
            size_t     len,		/* I - Length */
            void       *data)		/* I - Parts */
{
  parts_t	*parts = (parts_t *)data;


  FUZZ_CHECK(len <= parts->max, "part %zu is %zu bytes, max %zu", parts->count + 1,
             len, parts->max);

  if (parts->count == parts->alloc)
  {
    parts->alloc = parts->alloc ? 2 * parts->alloc : 16;
    parts->text  = realloc(parts->text, parts->alloc * sizeof(char *));
    parts->len   = realloc(parts->len, parts->alloc * sizeof(size_t));
    FUZZ_CHECK(parts->text && parts->len, "out of memory");
  }

  parts->text[parts->count] = malloc(len + 1);
  FUZZ_CHECK(parts->text[parts->count] != NULL, "out of memory");
  memcpy(parts->text[parts->count], message, len);
  parts->text[parts->count][len] = '\0';
  parts->len[parts->count ++] = len;

  return (0);
}


/*
 * 'rec_slice_clean()' - Whether a slice ends outside any JSON escape.
 */

static int
rec_slice_clean(const char *s,		/* I - Slice (decoded) */
                size_t     len)		/* I - Length */
{
  size_t	i = 0;


  while (i < len)
  {
    if (s[i] != '\\')
      i ++;
    else if (i + 1 < len && s[i + 1] == 'u')
      i += 6;
    else
      i += 2;
  }

  return (i == len);
}


/*
 * 'rec_append()' - Append bytes to a growing string.
 */

static void
rec_append(char       **s,		/* IO - String */
           size_t     *len,		/* IO - Length */
           const char *add,		/* I - Bytes */
           size_t     addlen)		/* I - Length */
{
  size_t	had, size;


  // Sizes are powers of two, so appending slice after slice stays linear.
  for (had = 64; had <= *len; had *= 2);
  for (size = had; size <= *len + addlen; size *= 2);
  if (!*s || size != had)
    FUZZ_CHECK((*s = realloc(*s, size)) != NULL, "out of memory");
  memcpy(*s + *len, add, addlen);
  *len += addlen;
  (*s)[*len] = '\0';
}


/*
 * 'rec_options()' - The options of a record: "options" or "printaudit.options".
 */

static json_t *				/* O - Options, borrowed, or NULL */
rec_options(json_t *record)		/* I - Record */
{
  json_t *options = json_object_get(record, "options");

  return (options ? options : json_object_get(json_object_get(record, "printaudit"), "options"));
}


/*
 * 'rec_check_abbreviated()' - Part 1 is the record without options, strings cut.
 */

static void
rec_check_abbreviated(const char *where,/* I - Path, for messages */
                      json_t     *full,	/* I - Record value */
                      json_t     *part,	/* I - Part 1 value */
                      json_t     *skip)	/* I - Options (left out) */
{
  const char	*key;
  json_t	*member;
  size_t	i, count = 0;


  if (json_is_object(full))
  {
    FUZZ_CHECK(json_is_object(part), "part 1: %s is not an object", where);
    json_object_foreach(full, key, member)
    {
      if (member == skip)
        continue;
      FUZZ_CHECK(json_object_get(part, key) != NULL, "part 1: %s.%s is missing", where, key);
      rec_check_abbreviated(key, member, json_object_get(part, key), skip);
      count ++;
    }
    // The event gains part, parts and abbreviated.
    FUZZ_CHECK(json_object_size(part) == count ||
               (!strcmp(where, "event") && json_object_size(part) == count + 3),
               "part 1: %s has %zu members, the record %zu", where, json_object_size(part),
               count);
  }
  else if (json_is_array(full))
  {
    FUZZ_CHECK(json_is_array(part) && json_array_size(part) == json_array_size(full),
               "part 1: %s is not the record's array", where);
    for (i = 0; i < json_array_size(full); i ++)
      rec_check_abbreviated(where, json_array_get(full, i), json_array_get(part, i), skip);
  }
  else if (json_is_string(full))
  {
    FUZZ_CHECK(json_is_string(part) && json_string_length(part) <= json_string_length(full) &&
               !memcmp(json_string_value(part), json_string_value(full),
                       json_string_length(part)),
               "part 1: %s is not a prefix of the record's", where);
  }
  else
    FUZZ_CHECK(json_equal(full, part), "part 1: %s is not the record's", where);
}


/*
 * 'rec_check_split()' - Split a record and check the parts.
 */

static void
rec_check_split(const form_t *form,	/* I - Record */
                size_t       max)	/* I - Longest message */
{
  parts_t		parts = { max, 0, 0, NULL, NULL };
  paudit_status_t	status;
  json_t		*part, *event, *slice, *first = NULL;
  const char		*key = NULL;
  char			*joined = NULL, *after, *core = NULL, *expected = NULL, partinfo[64];
  size_t		joinedlen = 0, afterlen = 0, corelen, expectedlen = 0, i, k, n;


  status = pauditRecordSplit(form->value, form->text, form->len, max, rec_part_cb, &parts);
  FUZZ_CHECK(status == PAUDIT_STATUS_OK, "%s: pauditRecordSplit(max %zu) of %zu bytes: status %d",
             form->name, max, form->len, (int)status);
  FUZZ_CHECK(parts.count > 0, "%s: no parts for max %zu", form->name, max);

  // The record is left as it was.
  after = pauditJSONNew(form->value, &afterlen);
  FUZZ_CHECK(after != NULL, "pauditJSONNew() failed after pauditRecordSplit()");
  for (k = 0; k < form->len && k < afterlen && after[k] == form->text[k]; k ++);
  FUZZ_CHECK(afterlen == form->len && k == form->len,
             "%s: changed while split for max %zu, from byte %zu:\n"
             "before: ...%.120s\nafter:  ...%.120s", form->name, max, k, form->text + k,
             after + k);
  free(after);

  if (form->len <= max)
  {
    FUZZ_CHECK(parts.count == 1 && parts.len[0] == form->len &&
               !memcmp(parts.text[0], form->text, form->len),
               "%s: %zu bytes that fit max %zu were not sent as they are", form->name,
               form->len, max);
    goto done;
  }

  FUZZ_CHECK(parts.count >= 2, "%s: %zu bytes for max %zu sent in one part", form->name,
             form->len, max);

  for (i = 0; i < parts.count; i ++)
  {
    part  = fuzzCheckJSON("syslog part", parts.text[i], parts.len[i]);
    event = json_object_get(part, "event");

    FUZZ_CHECK(json_is_object(event), "%s: part %zu has no event", form->name, i + 1);
    FUZZ_CHECK(rec_is(json_object_get(event, "id"), RECORD_EVENT_ID),
               "%s: part %zu has another event.id", form->name, i + 1);
    FUZZ_CHECK(json_integer_value(json_object_get(event, "part")) == (json_int_t)(i + 1) &&
               json_integer_value(json_object_get(event, "parts")) == (json_int_t)parts.count,
               "%s: part %zu of %zu is numbered otherwise: %s", form->name, i + 1,
               parts.count, parts.text[i]);
    FUZZ_CHECK(rec_is(json_object_get(event, "action"), i ? "job.continued" : "job.start"),
               "%s: part %zu has the wrong event.action: %s", form->name, i + 1, parts.text[i]);

    if (i == 0)
    {
      FUZZ_CHECK(!json_object_get(part, "options_slice") && !json_object_get(part, "record_slice") &&
                 !rec_options(part), "%s: part 1 is not the record without options: %s",
                 form->name, parts.text[0]);
      first = part;
      continue;
    }

    if (i == 1)
      key = json_object_get(part, "record_slice") ? "record_slice" : "options_slice";

    slice = json_object_get(part, key);
    FUZZ_CHECK(json_is_string(slice), "%s: part %zu has no %s", form->name, i + 1, key);
    FUZZ_CHECK(json_object_size(part) == 3 && rec_is(json_object_get(part, "schema"), PAUDIT_SCHEMA),
               "%s: part %zu is not schema, event and %s", form->name, i + 1, key);
    FUZZ_CHECK(json_string_length(slice) > 0, "%s: part %zu has an empty slice", form->name,
               i + 1);
    FUZZ_CHECK(rec_slice_clean(json_string_value(slice), json_string_length(slice)),
               "%s: part %zu ends inside an escape: %s", form->name, i + 1, parts.text[i]);
    rec_append(&joined, &joinedlen, json_string_value(slice), json_string_length(slice));

    json_decref(part);
  }

  if (!strcmp(key, "record_slice"))
  {
    // Part 1 abbreviated, then the whole record in slices.
    event = json_object_get(first, "event");
    FUZZ_CHECK(json_is_true(json_object_get(event, "abbreviated")),
               "%s: part 1 before record slices is not marked abbreviated", form->name);
    if (json_object_size(first) == 2 && rec_is(json_object_get(first, "schema"), PAUDIT_SCHEMA))
      FUZZ_CHECK(json_object_size(event) == 5, "%s: part 1 is the event alone, but not only "
                 "action, id, part, parts and abbreviated: %s", form->name, parts.text[0]);
    else
      rec_check_abbreviated("record", form->value, first, rec_options(form->value));
    FUZZ_CHECK(joinedlen == form->len && !memcmp(joined, form->text, form->len),
               "%s: the record slices for max %zu do not join into the record", form->name, max);
    goto done;
  }

  // Part 1 without ,"part":1,"parts":N, with ,"options":<joined> put back
  // where it was, is the record.
  FUZZ_CHECK(!json_object_get(json_object_get(first, "event"), "abbreviated"),
             "%s: part 1 before options slices is marked abbreviated", form->name);
  core = strdup(parts.text[0]);
  FUZZ_CHECK(core != NULL, "out of memory");
  n = (size_t)snprintf(partinfo, sizeof(partinfo), ",\"part\":1,\"parts\":%zu}", parts.count);
  after = strstr(core, partinfo);
  FUZZ_CHECK(after != NULL, "%s: part 1 has no %s: %s", form->name, partinfo, core);
  memmove(after, after + n - 1, strlen(after + n - 1) + 1);
  corelen = strlen(core);

  rec_append(&expected, &expectedlen, ",\"options\":", 11);
  rec_append(&expected, &expectedlen, joined, joinedlen);

  FUZZ_CHECK(form->len == corelen + expectedlen,
             "%s: part 1 (%zu) and options (%zu) are not the record (%zu)", form->name, corelen,
             expectedlen, form->len);
  for (k = 0; k < corelen && core[k] == form->text[k]; k ++);
  for (n = 0; n <= 16 && n <= k; n ++)
    if (!memcmp(form->text + k - n, expected, expectedlen) &&
        !memcmp(form->text + k - n + expectedlen, core + k - n, corelen - (k - n)))
      break;
  FUZZ_CHECK(n <= 16 && n <= k, "%s: part 1 and the options slices for max %zu do not give "
             "back the record", form->name, max);

done:
  json_decref(first);
  for (i = 0; i < parts.count; i ++)
    free(parts.text[i]);
  free(parts.text);
  free(parts.len);
  free(joined);
  free(core);
  free(expected);
}


/*
 * 'rec_build()' - Build and serialize a record and its ECS form.
 */

static int				/* O - 1 if built, 0 if not */
rec_build(paudit_job_t       *job,	/* I - Job */
          char               **argv,	/* I - argv, argv[0] replaced */
          const char         *uri,	/* I - Device URI */
          const paudit_uri_t *split,	/* I - uri, split */
          form_t             forms[2])	/* O - Record and ECS form */
{
  paudit_error_t	error;
  size_t		urilen = strlen(uri);
  int			i;


  argv[0] = malloc(urilen + 12);
  FUZZ_CHECK(argv[0] != NULL, "out of memory");
  memcpy(argv[0], "printaudit:", 11);
  memcpy(argv[0] + 11, uri, urilen + 1);
  job->uri = split;

  pauditErrorClear(&error);
  forms[0].name  = "record";
  forms[0].value = pauditRecordNew(job, &error);
  free(argv[0]);
  argv[0] = NULL;

  if (!forms[0].value)
  {
    FUZZ_CHECK(error.text[0], "no record and no error text");
    return (0);
  }

  forms[1].name  = "ECS record";
  forms[1].value = pauditRecordECSNew(forms[0].value);
  FUZZ_CHECK(forms[1].value != NULL, "pauditRecordECSNew() failed");

  for (i = 0; i < 2; i ++)
  {
    forms[i].text = pauditJSONNew(forms[i].value, &forms[i].len);
    FUZZ_CHECK(forms[i].text != NULL, "pauditJSONNew() failed on the %s", forms[i].name);
  }

  return (1);
}


/*
 * 'rec_free()' - Free both forms.
 */

static void
rec_free(form_t forms[2])		/* I - Forms */
{
  int i;

  for (i = 0; i < 2; i ++)
  {
    json_decref(forms[i].value);
    free(forms[i].text);
  }
}


/*
 * 'rec_same()' - Check that two builds gave the same texts.
 */

static void
rec_same(const form_t *a,		/* I - Forms built one way */
         const form_t *b,		/* I - Forms built another */
         const char   *why)		/* I - What differs, for messages */
{
  size_t	k;
  int		i;


  for (i = 0; i < 2; i ++)
  {
    for (k = 0; k < a[i].len && k < b[i].len && a[i].text[k] == b[i].text[k]; k ++);
    FUZZ_CHECK(a[i].len == b[i].len && k == a[i].len,
               "the %s depends on %s, from byte %zu:\n...%.160s\nthe other way:\n...%.160s",
               a[i].name, why, k, a[i].text + k, b[i].text + k);
  }
}


/*
 * 'LLVMFuzzerTestOneInput()' - Check one job.
 */

int
LLVMFuzzerTestOneInput(const uint8_t *data,/* I - Input */
                       size_t        size)/* I - Length */
{
  char			*copy = fuzzStringNew(data, size), *fields[RECORD_FIELDS] = { NULL },
			*argv[8] = { NULL }, *other;
  const char		*p = copy, *end = copy + size;
  size_t		nfields, nuser, i;
  fuzz_uri_field_t	ufields[FUZZ_URI_MAX_FIELDS];
  paudit_job_t		job;
  paudit_uri_t		parts;
  paudit_error_t	error;
  form_t		forms[2], again[2];
  json_t		*parsed;
  int			splits, f;
  static const size_t	maxes[] = { 464, 512, 900, 4000 };


  for (nfields = 0; nfields < RECORD_FIELDS && p <= end; nfields ++, p += strlen(p) + 1)
    fields[nfields] = (char *)p;

  memset(&job, 0, sizeof(job));
  for (i = 1; i < 6; i ++)
    argv[i] = fields[i] ? fields[i] : (char *)"";
  argv[6]                = fields[6] && *fields[6] ? fields[6] : NULL;
  job.argc               = argv[6] ? 7 : 6;
  job.argv               = argv;
  job.printer            = fields[7];
  job.printer_info       = fields[8];
  job.printer_location   = fields[9];
  job.content_type       = fields[10];
  job.final_content_type = fields[11];
  job.hostname           = fields[12];
  job.now.tv_sec         = 1676433636;
  job.now.tv_nsec        = 123456789;
  memcpy(job.event_id, RECORD_EVENT_ID, sizeof(job.event_id));

  pauditErrorClear(&error);
  splits = pauditURISplit(fields[0], &parts, &error) == PAUDIT_STATUS_OK;

  if (!splits)
  {
    free(copy);
    return (0);
  }
  FUZZ_CHECK(rec_build(&job, argv, fields[0], &parts, forms), "the URI splits but no record was built");
  pauditURIClear(&parts);

  // The JSON.
  for (f = 0; f < 2; f ++)
  {
    FUZZ_CHECK(forms[f].len == strlen(forms[f].text), "%s: the length (%zu) is not the text's (%zu)",
               forms[f].name, forms[f].len, strlen(forms[f].text));
    parsed = fuzzCheckJSON(forms[f].name, forms[f].text, forms[f].len);
    FUZZ_CHECK(json_equal(parsed, forms[f].value), "%s: the JSON does not read back as the same value",
               forms[f].name);
    FUZZ_CHECK(rec_is(json_object_get(json_object_get(parsed, "event"), "id"), RECORD_EVENT_ID),
               "%s: event.id is not the job's", forms[f].name);
    json_decref(parsed);
  }
  fuzzCheckValueSizes("record", forms[0].value, PAUDIT_MAX_VALUE);

  // The passwords: nothing may depend on them.
  if ((nuser = fuzzURIFields(fields[0], ufields)) > 0 &&
      strcmp(other = fuzzURIReplacePasswords(fields[0], ufields, nuser), fields[0]))
  {
    FUZZ_CHECK(pauditURISplit(other, &parts, &error) == PAUDIT_STATUS_OK &&
               rec_build(&job, argv, other, &parts, again), "\"%s\" gives a record, \"%s\" does not",
               fields[0], other);
    pauditURIClear(&parts);
    rec_same(forms, again, "the URI's passwords");
    rec_free(again);
  }
  if (nuser > 0)
    free(other);

  // Splitting for syslog.  Records this long come only from the expansion
  // of macOS array indexes, which fuzz_options checks; splitting them
  // thousands of times would only slow the fuzzing down.
  for (f = 0; f < 2; f ++)
    for (i = 0; i < sizeof(maxes) / sizeof(maxes[0]) && forms[f].len <= RECORD_SPLIT_MAX; i ++)
      rec_check_split(forms + f, maxes[i]);

  rec_free(forms);
  free(copy);

  return (0);
}
