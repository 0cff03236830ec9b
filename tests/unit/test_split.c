/*
 * Unit tests for lib/split.c: the syslog split form, split and joined.
 *
 * Round trips: records of every shape (control characters, huge
 * options, titles too long for part 1, the ECS form, a "truncated" array
 * after the options) split at many sizes and joined back, in any order,
 * give the record's exact text.  Capped splits (SyslogMaxParts) join to
 * part 1 without options.  Malformed parts and groups are rejected with a
 * reason.  The fuzz target (fuzz/fuzz_record.c) keeps an independent
 * reassembly as the oracle for both halves.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"

#define SPLIT_ID "0123456789abcdef0123456789abcdef"


/*
 * 'splitParts()' - Split a record into parts.
 */

static void
splitParts(json_t     *record,		/* I - Record */
           const char *text,		/* I - Its text */
           size_t     len,		/* I - Length */
           size_t     max,		/* I - Longest message */
           size_t     max_parts,	/* I - Most parts, 0 for any */
           unit_parts_t    *parts)		/* O - Parts */
{
  paudit_status_t	status;
  size_t		i;


  memset(parts, 0, sizeof(unit_parts_t));
  status = pauditRecordSplit2(record, text, len, max, max_parts, unitPartsCollect, parts);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "split of %zu bytes at %zu: status %d", len, max,
                (int)status);
  for (i = 0; i < parts->count; i ++)
    unitCheck(parts->lens[i] <= max, "part %zu: %zu bytes > %zu", i + 1, parts->lens[i], max);
}


/*
 * 'joinOrder()' - Join parts given in an order; check the exact text.
 */

static void
joinOrder(const unit_parts_t *parts,		/* I - Parts */
          const size_t  *order,		/* I - Indices, count of them */
          const char    *text,		/* I - Expected text */
          size_t        len,		/* I - Its length */
          const char    *what)		/* I - Case */
{
  const char		**msgs = calloc(parts->count, sizeof(char *));
  size_t		*lens = calloc(parts->count, sizeof(size_t)), i, jlen, omitted;
  json_t		*record;
  char			*joined;
  paudit_error_t	error;
  paudit_status_t	status;


  ck_assert_ptr_nonnull(msgs);
  ck_assert_ptr_nonnull(lens);
  for (i = 0; i < parts->count; i ++)
  {
    msgs[i] = parts->msgs[order[i]];
    lens[i] = parts->lens[order[i]];
  }

  pauditErrorClear(&error);
  status = pauditRecordJoinParts(msgs, lens, parts->count, &record, &joined, &jlen, &omitted,
                                 &error);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "%s: join status %d: %s", what, (int)status,
                error.text);
  ck_assert_msg(omitted == 0, "%s: %zu parts omitted", what, omitted);
  ck_assert_msg(jlen == len && !memcmp(joined, text, len) && strlen(joined) == len,
                "%s: joined text differs (%zu bytes, expected %zu)", what, jlen, len);
  ck_assert_ptr_nonnull(record);

  json_decref(record);
  free(joined);
  free(msgs);
  free(lens);
}


/*
 * 'roundTrip()' - Split at a size and join back in three orders.
 */

static size_t				/* O - Number of parts */
roundTrip(json_t     *record,		/* I - Record */
          size_t     max,		/* I - Longest message */
          const char *name)		/* I - Record's name */
{
  char		*text, what[128];
  size_t	len, i, *order;
  unit_parts_t	parts;


  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  splitParts(record, text, len, max, 0, &parts);
  ck_assert_ptr_nonnull((order = calloc(parts.count, sizeof(size_t))));

  // In order, reversed, and odd parts first.
  for (i = 0; i < parts.count; i ++)
    order[i] = i;
  snprintf(what, sizeof(what), "%s at %zu, in order", name, max);
  joinOrder(&parts, order, text, len, what);

  for (i = 0; i < parts.count; i ++)
    order[i] = parts.count - 1 - i;
  snprintf(what, sizeof(what), "%s at %zu, reversed", name, max);
  joinOrder(&parts, order, text, len, what);

  for (i = 0; i < parts.count; i ++)
    order[i] = i < (parts.count + 1) / 2 ? 2 * i : 2 * (i - (parts.count + 1) / 2) + 1;
  snprintf(what, sizeof(what), "%s at %zu, interleaved", name, max);
  joinOrder(&parts, order, text, len, what);

  i = parts.count;
  free(order);
  unitPartsFree(&parts);
  free(text);

  return (i);
}


/*
 * 'ecsForm()' - The record in the ECS shape the split knows: no top-level
 *               "schema", the schema and options under "printaudit".
 *
 * Built here rather than with the ECS converter so that only the split
 * form is under test.
 */

static json_t *				/* O - New record */
ecsForm(const json_t *record)		/* I - printaudit/1 record */
{
  json_t	*ecs = json_object(), *pa = json_object(), *value;
  const char	*key;


  ck_assert_ptr_nonnull(ecs);
  ck_assert_ptr_nonnull(pa);
  json_object_foreach((json_t *)record, key, value)
  {
    if (!strcmp(key, "time"))
      ck_assert_int_eq(json_object_set(ecs, "@timestamp", value), 0);
    else if (!strcmp(key, "event"))
      ck_assert_int_eq(json_object_set_new(ecs, key, json_deep_copy(value)), 0);
    else if (!strcmp(key, "schema") || !strcmp(key, "options") || !strcmp(key, "truncated") ||
             !strcmp(key, "job"))
      ck_assert_int_eq(json_object_set(pa, key, value), 0);
    else
      ck_assert_int_eq(json_object_set(ecs, key, value), 0);
  }
  ck_assert_int_eq(json_object_set_new(ecs, "printaudit", pa), 0);

  return (ecs);
}


/*
 * 'testRecord()' - The golden record with extra options and title.
 */

static json_t *				/* O - New record */
testRecord(int        kind,		/* I - 0 golden, 1 controls, 2 huge options, 3 long title, 4 truncated */
           const char *name)		/* I - What, for messages */
{
  json_t	*record = unitLoadJSON("macos-textedit-socket.record.json"),
		*options = json_object_get(record, "options");
  char		key[64], *value, controls[256 * 2 + 16], *p;
  int		i;


  (void)name;
  ck_assert_int_eq(json_object_set_new(json_object_get(record, "event"), "id",
                                       json_string(SPLIT_ID)), 0);

  switch (kind)
  {
    case 1 :
        // Every C0 control, DEL, C1 (U+0080..U+009F), U+2028/9, quotes and
        // backslashes, in option names and values and the title.
        for (p = controls, i = 1; i < 0x80; i ++)
          *p++ = (char)i;
        for (i = 0x80; i < 0xA0; i ++)
        {
          *p++ = (char)0xC2;
          *p++ = (char)i;
        }
        memcpy(p, "\xE2\x80\xA8\xE2\x80\xA9\"\\", 8);
        p[8] = '\0';
        for (i = 0; i < 40; i ++)
        {
          snprintf(key, sizeof(key), "ctl\x01\x1f\x7f\"%d\\", i);
          ck_assert_int_eq(json_object_set_new(options, key, json_string(controls + i)), 0);
        }
        ck_assert_int_eq(json_object_set_new(json_object_get(record, "job"), "title",
                                             json_string(controls)), 0);
        break;

    case 2 :
        // About 1 MiB of options, values at PAUDIT_MAX_VALUE.
        value = unitRepeat(NULL, "\xC3\xA9\\\"x\x01", PAUDIT_MAX_VALUE / 6, NULL);
        for (i = 0; i < 256; i ++)
        {
          snprintf(key, sizeof(key), "huge-%d", i);
          ck_assert_int_eq(json_object_set_new(options, key, json_string(value)), 0);
        }
        free(value);
        break;

    case 3 :
        // A title too long for part 1: record slices.
        value = unitRepeat(NULL, "t\"\\\x01\xE2\x82\xAC", 1000, NULL);
        ck_assert_int_eq(json_object_set_new(json_object_get(record, "job"), "title",
                                             json_string(value)), 0);
        free(value);
        break;

    case 4 :
        // A "truncated" array after the options goes back after them.
        ck_assert_int_eq(json_object_set_new(record, "truncated",
                                             json_pack("[s]", "options.big")), 0);
        break;
  }

  return (record);
}


static const char * const record_names[] =
{
  "golden", "controls", "huge options", "long title", "truncated"
};


START_TEST(test_round_trip)
{
  // Every record shape, plain and ECS, at sizes from the smallest that
  // can carry a part to one that holds the whole record.
  static const size_t	maxes[] = { 300, 480, 512, 900, 1024, 2048, 4000, 65536, 1 << 22 };
  json_t		*record = testRecord(_i / 2, record_names[_i / 2]), *form;
  char			name[64];
  size_t		i, n = 0;


  form = _i % 2 ? ecsForm(record) : json_incref(record);
  snprintf(name, sizeof(name), "%s%s", record_names[_i / 2], _i % 2 ? " (ECS)" : "");

  for (i = 0; i < UNIT_COUNT(maxes); i ++)
  {
    // Some 20,000 parts at 300 bytes would add nothing for huge options.
    if (_i / 2 == 2 && maxes[i] < 4000)
      continue;
    n = roundTrip(form, maxes[i], name);
    ck_assert_msg(maxes[i] > 900 || n > 1, "%s: %zu parts at %zu", name, n, maxes[i]);
  }
  ck_assert_msg(n == 1, "%s: not one message at 4 MiB", name);

  json_decref(form);
  json_decref(record);
}
END_TEST


START_TEST(test_round_trip_sweep)
{
  // Every size over one record with controls: the split changes form
  // (record slices, then options slices, then one message) on the way.
  json_t	*record = testRecord(1, "controls");
  char		*text;
  size_t	len, max;


  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  for (max = 280; max <= len + 8; max += 37)
    roundTrip(record, max, "controls sweep");

  free(text);
  json_decref(record);
}
END_TEST


START_TEST(test_join_steps)
{
  // pauditPartRead() and pauditRecordJoin() by hand, as a grouping reader
  // (printaudit-report) uses them.
  json_t		*record = testRecord(4, "truncated"), *part, *joined;
  char			*text, *jtext, *slices = NULL;
  size_t		len, jlen, slen = 0, i, omitted;
  unit_parts_t		parts;
  paudit_part_t		p;
  paudit_error_t	error;


  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  splitParts(record, text, len, 900, 0, &parts);
  ck_assert_uint_ge(parts.count, 3);

  for (i = 0; i < parts.count; i ++)
  {
    ck_assert_ptr_nonnull((part = json_loads(parts.msgs[i], 0, NULL)));
    ck_assert(pauditPartIs(part));
    pauditErrorClear(&error);
    ck_assert_int_eq(pauditPartRead(part, &p, &error), PAUDIT_STATUS_OK);
    ck_assert_str_eq(p.id, SPLIT_ID);
    ck_assert_uint_eq(p.part, i + 1);
    ck_assert_uint_eq(p.parts, parts.count);
    ck_assert_int_eq(p.kind, i ? PAUDIT_PART_OPTIONS : PAUDIT_PART_CORE);
    ck_assert(i ? p.slice != NULL : p.slice == NULL);
    if (i)
    {
      ck_assert_ptr_nonnull((slices = realloc(slices, slen + p.slice_len + 1)));
      memcpy(slices + slen, p.slice, p.slice_len);
      slen += p.slice_len;
    }
    json_decref(part);
  }

  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordJoin(parts.msgs[0], parts.lens[0], PAUDIT_PART_OPTIONS, slices,
                                    slen, &joined, &jtext, &jlen, &omitted, &error),
                   PAUDIT_STATUS_OK);
  ck_assert_uint_eq(omitted, 0);
  ck_assert_uint_eq(jlen, len);
  ck_assert_str_eq(jtext, text);
  unitAssertJSON(joined, record, "joined by hand");

  // A whole record is not a part.
  ck_assert(!pauditPartIs(record));

  // Part 1 that is not JSON, or has no event, joins to nothing.
  json_decref(joined);
  free(jtext);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordJoin("{", 1, PAUDIT_PART_CORE, "", 0, &joined, &jtext, &jlen,
                                    &omitted, &error), PAUDIT_STATUS_INVALID);
  ck_assert(error.text[0] && !joined && !jtext);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordJoin("{\"event\":1}", 11, PAUDIT_PART_RECORD, "{}", 2, &joined,
                                    &jtext, &jlen, &omitted, &error), PAUDIT_STATUS_INVALID);
  ck_assert(error.text[0] && !joined && !jtext);

  json_decref(joined);
  free(jtext);
  free(slices);
  unitPartsFree(&parts);
  free(text);
  json_decref(record);
}
END_TEST


typedef struct cap_case_s		/* A capped split */
{
  int		kind;			/* testRecord() kind */
  int		ecs;			/* ECS form? */
  size_t	max,			/* Longest message */
		cap;			/* SyslogMaxParts */
} cap_case_t;

static const cap_case_t cap_cases[] =
{
  { 2, 0, 4000, 2 },			// options slices
  { 2, 1, 4000, 7 },
  { 1, 0, 480, 3 },
  { 3, 0, 900, 2 },			// record slices, abbreviated part 1
  { 3, 1, 900, 4 },
  { 2, 0, 300, 3 },			// part 1 the event alone
};


START_TEST(test_capped)
{
  // A record SyslogMaxParts capped joins to part 1 without options: the
  // record less its options, event.parts_omitted saying what was left out.
  const cap_case_t	*c = cap_cases + _i;
  json_t		*plain = testRecord(c->kind, record_names[c->kind]),
			*record = c->ecs ? ecsForm(plain) : json_incref(plain),
			*joined, *expect, *event;
  char			*text, *jtext, what[96];
  size_t		len, jlen, omitted, needed;
  unit_parts_t		parts;
  paudit_error_t	error;


  snprintf(what, sizeof(what), "cap case %d", _i);
  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  splitParts(record, text, len, c->max, 0, &parts);
  needed = parts.count;
  ck_assert_uint_gt(needed, c->cap);
  unitPartsFree(&parts);

  splitParts(record, text, len, c->max, c->cap, &parts);
  ck_assert_uint_eq(parts.count, c->cap);

  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordJoinParts((const char * const *)parts.msgs, parts.lens,
                                         parts.count, &joined, &jtext, &jlen, &omitted, &error),
                   PAUDIT_STATUS_OK);
  ck_assert_msg(omitted == needed - c->cap, "%s: omitted %zu, expected %zu", what, omitted,
                needed - c->cap);
  ck_assert_uint_eq(jlen, strlen(jtext));

  event = json_object_get(joined, "event");
  ck_assert(!json_object_get(event, "part") && !json_object_get(event, "parts"));
  ck_assert_int_eq(json_integer_value(json_object_get(event, "parts_omitted")), (json_int_t)omitted);
  ck_assert(!json_object_get(joined, "options"));
  ck_assert(!json_object_get(json_object_get(joined, "printaudit"), "options"));

  if (!json_is_true(json_object_get(event, "abbreviated")))
  {
    // Not cut short: exactly the record less its options.
    expect = json_deep_copy(record);
    json_object_del(expect, "options");
    json_object_del(json_object_get(expect, "printaudit"), "options");
    ck_assert_int_eq(json_object_set_new(json_object_get(expect, "event"), "parts_omitted",
                                         json_integer((json_int_t)omitted)), 0);
    unitAssertJSON(joined, expect, what);
    json_decref(expect);
  }
  else
  {
    const char *id = json_string_value(json_object_get(event, "id"));

    ck_assert_str_eq(id, SPLIT_ID);
  }

  json_decref(joined);
  free(jtext);
  unitPartsFree(&parts);
  free(text);
  json_decref(record);
  json_decref(plain);
}
END_TEST


static const char * const bad_parts[] =
{
  // No or bad event.id.
  "{\"event\":{\"part\":1,\"parts\":2}}",
  "{\"event\":{\"id\":\"\",\"part\":1,\"parts\":2}}",
  "{\"event\":{\"id\":\"ab-cd\",\"part\":1,\"parts\":2}}",
  "{\"event\":{\"id\":\"x\\u0001\",\"part\":1,\"parts\":2}}",
  "{\"event\":{\"id\":\"0123456789012345678901234567890123456789012345678901234567890123"
  "4\",\"part\":1,\"parts\":2}}",
  "{\"event\":{\"id\":7,\"part\":1,\"parts\":2}}",
  // Bad numbers.
  "{\"event\":{\"id\":\"a\",\"part\":0,\"parts\":2}}",
  "{\"event\":{\"id\":\"a\",\"part\":3,\"parts\":2}}",
  "{\"event\":{\"id\":\"a\",\"part\":-1,\"parts\":2}}",
  "{\"event\":{\"id\":\"a\",\"part\":1,\"parts\":1000000}}",
  "{\"event\":{\"id\":\"a\",\"part\":1,\"parts\":0}}",
  "{\"event\":{\"id\":\"a\",\"part\":\"1\",\"parts\":2}}",
  "{\"event\":{\"id\":\"a\",\"part\":1,\"parts\":2.0}}",
  "{\"event\":{\"id\":\"a\",\"part\":1}}",
  // Slices where the number does not allow them, or none where it needs one.
  "{\"event\":{\"id\":\"a\",\"part\":1,\"parts\":2},\"record_slice\":\"{}\"}",
  "{\"event\":{\"id\":\"a\",\"part\":1,\"parts\":2},\"options_slice\":\"{}\"}",
  "{\"event\":{\"id\":\"a\",\"part\":2,\"parts\":2}}",
  "{\"event\":{\"id\":\"a\",\"part\":2,\"parts\":2},\"options_slice\":\"{\",\"record_slice\":\"{\"}",
  "{\"event\":{\"id\":\"a\",\"part\":2,\"parts\":2},\"options_slice\":7}",
  "{\"event\":{\"id\":\"a\",\"part\":2,\"parts\":2},\"record_slice\":null}",
};


START_TEST(test_bad_parts)
{
  json_t		*part = unitParse(bad_parts[_i]);
  paudit_part_t		p;
  paudit_error_t	error;
  size_t		len = strlen(bad_parts[_i]), tlen, omitted;
  const char		*msg = bad_parts[_i];
  json_t		*record;
  char			*text;


  pauditErrorClear(&error);
  ck_assert_msg(pauditPartRead(part, &p, &error) == PAUDIT_STATUS_INVALID, "accepted: %s", msg);
  ck_assert_msg(error.text[0], "no reason for: %s", msg);

  // A group with it is rejected too.
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordJoinParts(&msg, &len, 1, &record, &text, &tlen, &omitted, &error),
                   PAUDIT_STATUS_INVALID);
  ck_assert_ptr_null(record);
  ck_assert_ptr_null(text);

  json_decref(part);
}
END_TEST


/*
 * 'replaceOnce()' - A copy of s with the first from replaced by to.
 */

static char *				/* O - New string */
replaceOnce(const char *s,		/* I - String */
            const char *from,		/* I - Text to replace */
            const char *to)		/* I - Replacement */
{
  const char	*at = strstr(s, from);
  size_t	flen = strlen(from), tlen = strlen(to), slen = strlen(s);
  char		*out;


  ck_assert_ptr_nonnull(at);
  ck_assert_ptr_nonnull((out = malloc(slen - flen + tlen + 1)));
  memcpy(out, s, (size_t)(at - s));
  memcpy(out + (at - s), to, tlen);
  memcpy(out + (at - s) + tlen, at + flen, slen - (size_t)(at - s) - flen + 1);

  return (out);
}


/*
 * 'joinFails()' - Join messages and expect a rejection with a reason.
 */

static void
joinFails(char      **msgs,		/* I - Messages */
          size_t    count,		/* I - Number */
          const char *what)		/* I - Case */
{
  size_t		*lens = calloc(count ? count : 1, sizeof(size_t)), i, len, omitted;
  json_t		*record;
  char			*text;
  paudit_error_t	error;
  paudit_status_t	status;


  ck_assert_ptr_nonnull(lens);
  for (i = 0; i < count; i ++)
    lens[i] = strlen(msgs[i]);

  pauditErrorClear(&error);
  status = pauditRecordJoinParts((const char * const *)msgs, lens, count, &record, &text, &len,
                                 &omitted, &error);
  ck_assert_msg(status == PAUDIT_STATUS_INVALID, "%s: status %d", what, (int)status);
  ck_assert_msg(error.text[0], "%s: no reason", what);
  ck_assert_ptr_null(record);
  ck_assert_ptr_null(text);
  free(lens);
}


START_TEST(test_bad_groups)
{
  json_t	*record = testRecord(4, "truncated"), *slices = testRecord(3, "long title");
  char		*text, *stext, *msgs[64], *keep;
  size_t	len, slen, i;
  unit_parts_t	parts, sparts;


  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  splitParts(record, text, len, 900, 0, &parts);
  ck_assert_uint_ge(parts.count, 3);
  ck_assert_uint_le(parts.count, UNIT_COUNT(msgs));
  ck_assert_ptr_nonnull((stext = pauditJSONNew(slices, &slen)));
  splitParts(slices, stext, slen, 900, 0, &sparts);
  ck_assert_uint_le(sparts.count, UNIT_COUNT(msgs));
  ck_assert_ptr_nonnull(strstr(sparts.msgs[1], "\"record_slice\""));

  for (i = 0; i < parts.count; i ++)
    msgs[i] = parts.msgs[i];

  joinFails(msgs, 0, "no messages");
  joinFails(msgs, parts.count - 1, "a part missing");

  // A part twice, in place of another.
  keep    = msgs[2];
  msgs[2] = msgs[1];
  joinFails(msgs, parts.count, "a part twice");
  msgs[2] = keep;

  // Another record's part.
  keep    = msgs[1];
  msgs[1] = replaceOnce(keep, SPLIT_ID, "fedcba9876543210fedcba9876543210");
  joinFails(msgs, parts.count, "another event.id");
  free(msgs[1]);

  // A record slice among options slices.
  msgs[1] = replaceOnce(keep, "\"options_slice\"", "\"record_slice\"");
  joinFails(msgs, parts.count, "mixed slices");
  free(msgs[1]);

  // Slices that do not join to an object.
  msgs[1] = replaceOnce(keep, "\"options_slice\":\"{", "\"options_slice\":\"[");
  joinFails(msgs, parts.count, "slices not an object");
  free(msgs[1]);
  msgs[1] = keep;

  // An abbreviated part 1 cannot take options slices.
  keep    = msgs[0];
  msgs[0] = replaceOnce(keep, "\"part\":1,", "\"abbreviated\":true,\"part\":1,");
  joinFails(msgs, parts.count, "abbreviated part 1 with options slices");
  free(msgs[0]);

  // Not JSON.
  msgs[0] = replaceOnce(keep, "{", "[");
  joinFails(msgs, parts.count, "part 1 not JSON");
  free(msgs[0]);
  msgs[0] = keep;

  // event.parts disagreeing with the number of messages.
  msgs[0] = replaceOnce(keep, "\"parts\":", "\"parts\":1");
  joinFails(msgs, parts.count, "event.parts disagrees");
  free(msgs[0]);
  msgs[0] = keep;

  // Record slices cut short: the record does not parse.
  for (i = 0; i < sparts.count; i ++)
    msgs[i] = sparts.msgs[i];
  keep = msgs[sparts.count - 1];
  msgs[sparts.count - 1] = replaceOnce(keep, "\"record_slice\":\"", "\"record_slice\":\"}}");
  joinFails(msgs, sparts.count, "record slices do not parse");
  free(msgs[sparts.count - 1]);

  unitPartsFree(&parts);
  unitPartsFree(&sparts);
  free(text);
  free(stext);
  json_decref(record);
  json_decref(slices);
}
END_TEST


START_TEST(test_whole)
{
  // A record that was never split joins to itself.
  json_t		*record = testRecord(1, "controls"), *joined;
  char			*text, *jtext;
  const char		*msg;
  size_t		len, jlen, omitted;
  paudit_error_t	error;


  ck_assert_ptr_nonnull((text = pauditJSONNew(record, &len)));
  msg = text;
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordJoinParts(&msg, &len, 1, &joined, &jtext, &jlen, &omitted, &error),
                   PAUDIT_STATUS_OK);
  ck_assert_str_eq(jtext, text);
  ck_assert_uint_eq(jlen, len);
  unitAssertJSON(joined, record, "whole record");

  json_decref(joined);
  free(jtext);
  free(text);
  json_decref(record);
}
END_TEST


/*
 * pauditRecordSplit(): every part fits and is JSON on its own; the parts
 * give back the record.
 *
 * The form is described in printaudit.h; the parts are joined with
 * lib/split.c's own join (pauditRecordJoinParts), whose round trips
 * the cases above check in detail.  The independent reassembly,
 * the oracle for both halves, is the fuzz target's (fuzz/fuzz_record.c).
 */

/*
 * 'partEvent()' - Check a part's event and return its part number.
 */

static size_t				/* O - event.part */
partEvent(json_t     *part,		/* I - Parsed part */
          const char *id,		/* I - Expected event.id */
          size_t     parts)		/* I - Expected event.parts */
{
  json_t	*event = json_object_get(part, "event");
  const char	*schema = json_string_value(json_object_get(part, "schema")),
		*pid = json_string_value(json_object_get(event, "id"));


  unitCheck(schema && !strcmp(schema, PAUDIT_SCHEMA), "part: schema \"%s\"",
            schema ? schema : "(none)");
  unitCheck(pid && !strcmp(pid, id), "part: event.id \"%s\"", pid ? pid : "(none)");
  unitCheck(json_is_integer(json_object_get(event, "part")), "part: no event.part");
  unitCheck(json_integer_value(json_object_get(event, "parts")) == (json_int_t)parts,
            "part: event.parts is not %zu", parts);

  return ((size_t)json_integer_value(json_object_get(event, "part")));
}


/*
 * 'partsJoin()' - Check each part, then join them with lib/split.c's join.
 */

static json_t *				/* O - New record */
partsJoin(const unit_parts_t *parts,	/* I - Parts */
          const char    *id,		/* I - event.id */
          size_t        max)		/* I - Longest part */
{
  json_t		*part, *record;
  json_error_t		jerr;
  paudit_error_t	error;
  paudit_status_t	status;
  size_t		i, n, *lens, len, omitted;
  char			*text;
  const char		*v;
  int			record_slices;


  ck_assert_uint_ge(parts->count, 1);
  ck_assert_ptr_nonnull((lens = calloc(parts->count, sizeof(size_t))));

  for (i = 0; i < parts->count; i ++)
  {
    const unsigned char	*p = (const unsigned char *)parts->msgs[i];
    size_t		j;

    lens[i] = strlen(parts->msgs[i]);
    unitCheck(lens[i] <= max, "part %zu: %zu bytes > %zu", i + 1, lens[i], max);
    for (j = 0; j < lens[i]; j ++)
      unitCheck(p[j] >= 0x20 && p[j] != 0x7F, "part %zu: raw 0x%02X", i + 1, p[j]);
    part = json_loadb(parts->msgs[i], lens[i], 0, &jerr);
    unitCheck(part != NULL, "part %zu is not JSON: %s", i + 1, jerr.text);
    v = json_string_value(json_object_get(json_object_get(part, "event"), "id"));
    unitCheck(v && !strcmp(v, id), "part %zu: event.id \"%s\"", i + 1, v ? v : "(none)");

    if (parts->count > 1)
    {
      // Sent in order; part 1 the record without options (abbreviated
      // exactly when the others carry record slices).
      n = partEvent(part, id, parts->count);
      unitCheck(n == i + 1, "part %zu says it is part %zu", i + 1, n);
      v = json_string_value(json_object_get(json_object_get(part, "event"), "action"));
      unitCheck(v && !strcmp(v, i == 0 ? "job.start" : PAUDIT_PART_ACTION),
                "part %zu: action \"%s\"", i + 1, v ? v : "(none)");
      if (i == 0)
      {
        record_slices = strstr(parts->msgs[1], "\"" PAUDIT_KEY_RECORD_SLICE "\":") != NULL;
        unitCheck(!json_object_get(part, "options"), "core carries options");
        unitCheck(json_is_true(json_object_get(json_object_get(part, "event"), "abbreviated")) ==
                  record_slices, "core: event.abbreviated does not match the parts");
      }
    }
    json_decref(part);
  }

  pauditErrorClear(&error);
  status = pauditRecordJoinParts((const char * const *)parts->msgs, lens, parts->count, &record,
                                 &text, &len, &omitted, &error);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "joining %zu parts: status %d, %s", parts->count,
                (int)status, error.text);
  ck_assert_uint_eq(omitted, 0);
  ck_assert_uint_eq(strlen(text), len);

  free(text);
  free(lens);

  return (record);
}


/*
 * 'bigRecord()' - The golden record with many large options.
 */

static json_t *				/* O - New record */
bigRecord(int        noptions,		/* I - Large options to add */
          const char *title)		/* I - Title or NULL */
{
  static const char	unit[] = "q\"b\\s/\x01\x1F\x7F\xC2\x85\xE2\x80\xA8"
				 "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 \\u0041";
  char			*options = unitReadFile(unitDataPath("macos-textedit-socket.options"), NULL);
  json_t		*record, *opts;
  unit_job_t		t;
  char			name[32], *value;
  int			i;


  unitJob(&t, options, title, NULL);
  record = unitJobRecord(&t);
  opts   = json_object_get(record, "options");
  ck_assert_ptr_nonnull(opts);
  for (i = 0; i < noptions; i ++)
  {
    snprintf(name, sizeof(name), "big\"%d\\", i);
    value = unitRepeat(NULL, unit, (size_t)(i % 13) * 7 + 1, NULL);
    ck_assert_int_eq(json_object_set_new(opts, name, json_string(value)), 0);
    free(value);
  }
  unitJobFree(&t);
  free(options);

  return (record);
}


typedef struct split_case_s
{
  int		noptions;		/* Large options */
  size_t	title_len;		/* Title length, 0 for "test" */
  size_t	max;			/* Longest part */
  size_t	min_parts;		/* Parts at least */
  const char	*slice_key;		/* Expected kind of parts, NULL for one */
} split_case_t;

static const split_case_t split_cases[] =
{
  { 0,   0,    100000, 1, NULL },
  { 60,  0,    1000000, 1, NULL },
  { 60,  0,    4000, 2, "options_slice" },
  { 60,  0,    900, 3, "options_slice" },
  { 200, 0,    900, 3, "options_slice" },
  { 0,   0,    900, 2, "options_slice" },
  { 0,   0,    400, 2, "record_slice" },	// core alone > 400
  { 60,  1000, 4000, 2, "options_slice" },
  { 60,  4000, 900, 3, "record_slice" },	// core alone > 900
  { 60,  0,    300, 3, "record_slice" },
};

START_TEST(test_split)
{
  const split_case_t	*c = split_cases + _i;
  char			*title = NULL, *text;
  json_t		*record, *copy, *joined;
  unit_parts_t		parts;
  size_t		len = 0;
  paudit_status_t	status;
  char			what[64];


  if (c->title_len)
    title = unitRepeat(NULL, "t\"\\\x01", c->title_len / 4, NULL);
  record = bigRecord(c->noptions, title);
  copy   = json_deep_copy(record);
  text   = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);

  memset(&parts, 0, sizeof(parts));
  status = pauditRecordSplit(record, text, len, c->max, unitPartsCollect, &parts);
  snprintf(what, sizeof(what), "case %d (max %zu, %zu bytes)", _i, c->max, len);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "%s: status %d", what, (int)status);
  unitAssertJSON(record, copy, "record unchanged by splitting");

  ck_assert_msg(parts.count >= c->min_parts, "%s: %zu parts", what, parts.count);
  if (!c->slice_key)
  {
    ck_assert_uint_eq(parts.count, 1);
    ck_assert_str_eq(parts.msgs[0], text);
  }
  else
  {
    json_t *first = json_loads(parts.msgs[0], 0, NULL);

    ck_assert_ptr_nonnull(first);
    if (!strcmp(c->slice_key, "record_slice"))
    {
      json_t *second = json_loads(parts.msgs[1], 0, NULL);

      ck_assert_msg(json_is_true(json_object_get(json_object_get(first, "event"), "abbreviated")),
                    "%s: expected an abbreviated part 1", what);
      ck_assert_msg(json_object_get(second, "record_slice") != NULL,
                    "%s: expected record slices", what);
      json_decref(second);
    }
    else
      ck_assert_msg(json_object_get(first, "job") != NULL,
                    "%s: expected a core part", what);
    json_decref(first);
  }

  joined = partsJoin(&parts, UNIT_GOLDEN_ID, c->max);
  unitAssertJSON(joined, record, what);

  json_decref(joined);
  unitPartsFree(&parts);
  json_decref(copy);
  json_decref(record);
  free(text);
  free(title);
}
END_TEST


START_TEST(test_split_errors)
{
  json_t		*record = bigRecord(60, NULL), *copy = json_deep_copy(record);
  char			*text;
  size_t		len = 0;
  unit_parts_t		parts;


  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);

  // Too small for anything.
  memset(&parts, 0, sizeof(parts));
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 10, unitPartsCollect, &parts),
                   PAUDIT_STATUS_INVALID);
  unitAssertJSON(record, copy, "record unchanged after INVALID");
  unitPartsFree(&parts);

  // The callback fails on the first, then on the second part.
  parts.fail_at = 1;
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 900, unitPartsCollect, &parts),
                   PAUDIT_STATUS_IO);
  ck_assert_uint_eq(parts.count, 0);
  unitPartsFree(&parts);

  parts.fail_at = 2;
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 900, unitPartsCollect, &parts),
                   PAUDIT_STATUS_IO);
  ck_assert_uint_eq(parts.count, 1);
  unitAssertJSON(record, copy, "record unchanged after IO");
  unitPartsFree(&parts);

  parts.fail_at = 1;
  ck_assert_int_eq(pauditRecordSplit(record, text, len, len, unitPartsCollect, &parts),
                   PAUDIT_STATUS_IO);
  unitPartsFree(&parts);

  free(text);
  json_decref(copy);
  json_decref(record);
}
END_TEST


START_TEST(test_split_sweep)
{
  // Every max from small to large over one record: parts always fit and
  // always give back the record.
  json_t		*record = bigRecord(12, NULL), *joined;
  char			*text;
  size_t		len = 0, max;
  unit_parts_t		parts;
  paudit_status_t	status;
  char			what[64];


  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  for (max = 256; max <= len + 16; max += 41)
  {
    memset(&parts, 0, sizeof(parts));
    status = pauditRecordSplit(record, text, len, max, unitPartsCollect, &parts);
    snprintf(what, sizeof(what), "max %zu of %zu", max, len);
    ck_assert_msg(status == PAUDIT_STATUS_OK, "%s: status %d", what, (int)status);
    joined = partsJoin(&parts, UNIT_GOLDEN_ID, max);
    unitAssertJSON(joined, record, what);
    json_decref(joined);
    unitPartsFree(&parts);
  }
  free(text);
  json_decref(record);
}
END_TEST


/*
 * pauditRecordSplit2(): SyslogMaxParts.  Capped at M below the N parts a
 * record needs, the split sends exactly the first M parts of the uncapped
 * split, with event.parts M, and part 1 says event.parts_omitted N - M.
 */

typedef struct split_cap_case_s
{
  int		noptions;		/* Large options */
  size_t	title_len;		/* Title length, 0 for "test" */
  size_t	max;			/* Longest part */
  size_t	cap;			/* max_parts */
} split_cap_case_t;

static const split_cap_case_t split_cap_cases[] =
{
  { 200, 0,    900, 2 },
  { 200, 0,    900, 5 },
  { 200, 0,    512, 64 },
  { 60,  4000, 900, 2 },		// record_slice, abbreviated part 1
  { 60,  4000, 900, 4 },
  { 60,  0,    300, 3 },		// record_slice, part 1 the event alone
};


/*
 * 'partWithout()' - A part's JSON with event.parts and event.parts_omitted
 *                   removed.
 */

static json_t *				/* O - New object */
partWithout(const char *msg)		/* I - Part */
{
  json_t	*part = json_loads(msg, 0, NULL), *event;


  ck_assert_ptr_nonnull(part);
  event = json_object_get(part, "event");
  ck_assert_int_eq(json_object_del(event, "parts"), 0);
  json_object_del(event, "parts_omitted");

  return (part);
}


START_TEST(test_split_capped)
{
  const split_cap_case_t	*c = split_cap_cases + _i;
  char			*title = NULL, *text, what[96];
  json_t		*record, *copy, *first, *event, *a, *b;
  unit_parts_t		whole, capped;
  size_t		len = 0, i;


  if (c->title_len)
    title = unitRepeat(NULL, "t\"\\\x01", c->title_len / 4, NULL);
  record = bigRecord(c->noptions, title);
  copy   = json_deep_copy(record);
  text   = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  snprintf(what, sizeof(what), "case %d (max %zu, cap %zu, %zu bytes)", _i, c->max, c->cap, len);

  memset(&whole, 0, sizeof(whole));
  memset(&capped, 0, sizeof(capped));
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, c->max, 0, unitPartsCollect, &whole),
                   PAUDIT_STATUS_OK);
  ck_assert_msg(whole.count > c->cap, "%s: the record needs only %zu parts", what, whole.count);
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, c->max, c->cap, unitPartsCollect, &capped),
                   PAUDIT_STATUS_OK);
  unitAssertJSON(record, copy, "record unchanged by a capped split");
  ck_assert_msg(capped.count == c->cap, "%s: %zu parts", what, capped.count);

  // Part 1 says what was left out; every part numbers the parts sent.
  first = json_loads(capped.msgs[0], 0, NULL);
  ck_assert_ptr_nonnull(first);
  event = json_object_get(first, "event");
  ck_assert_msg(json_integer_value(json_object_get(event, "parts")) == (json_int_t)c->cap,
                "%s: part 1's event.parts", what);
  ck_assert_msg(json_integer_value(json_object_get(event, "parts_omitted")) ==
                (json_int_t)(whole.count - c->cap), "%s: part 1's event.parts_omitted", what);
  json_decref(first);

  // Otherwise the parts sent are the uncapped split's first ones.
  for (i = 0; i < capped.count; i ++)
  {
    ck_assert_msg(strlen(capped.msgs[i]) <= c->max, "%s: part %zu too long", what, i + 1);
    a = partWithout(capped.msgs[i]);
    b = partWithout(whole.msgs[i]);
    if (i > 0)
    {
      json_t *part = json_loads(capped.msgs[i], 0, NULL);

      ck_assert_ptr_nonnull(part);
      event = json_object_get(part, "event");
      ck_assert_msg(!json_object_get(event, "parts_omitted"), "%s: parts_omitted in part %zu",
                    what, i + 1);
      ck_assert_msg(json_integer_value(json_object_get(event, "parts")) == (json_int_t)c->cap,
                    "%s: part %zu's event.parts", what, i + 1);
      json_decref(part);
    }
    if (i > 0 || !json_object_get(json_object_get(a, "event"), "abbreviated"))
      unitAssertJSON(a, b, what);
    json_decref(a);
    json_decref(b);
  }

  // A cap the record stays under, or exactly meets, changes nothing.
  unitPartsFree(&capped);
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, c->max, whole.count, unitPartsCollect, &capped),
                   PAUDIT_STATUS_OK);
  ck_assert_uint_eq(capped.count, whole.count);
  for (i = 0; i < capped.count; i ++)
    ck_assert_str_eq(capped.msgs[i], whole.msgs[i]);

  unitPartsFree(&capped);
  unitPartsFree(&whole);
  json_decref(copy);
  json_decref(record);
  free(text);
  free(title);
}
END_TEST


START_TEST(test_split_cap_limits)
{
  json_t		*record = bigRecord(60, NULL);
  char			*text;
  size_t		len = 0;
  unit_parts_t		parts;


  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  memset(&parts, 0, sizeof(parts));

  // One part cannot hold a split record; parts are numbered in 6 digits.
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, 900, 1, unitPartsCollect, &parts),
                   PAUDIT_STATUS_INVALID);
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, 900, 1000000, unitPartsCollect, &parts),
                   PAUDIT_STATUS_INVALID);
  ck_assert_uint_eq(parts.count, 0);

  // A record that fits is one message whatever the cap.
  ck_assert_int_eq(pauditRecordSplit2(record, text, len, len, 2, unitPartsCollect, &parts),
                   PAUDIT_STATUS_OK);
  ck_assert_uint_eq(parts.count, 1);
  ck_assert_str_eq(parts.msgs[0], text);

  unitPartsFree(&parts);
  free(text);
  json_decref(record);
}
END_TEST


static Suite *
split_suite(void)
{
  Suite	*s = suite_create("split");
  TCase	*tc = tcase_create("core"),
	*tc_split = tcase_create("split");


  tcase_set_timeout(tc, 600);
  tcase_add_loop_test(tc, test_round_trip, 0, 2 * (int)UNIT_COUNT(record_names));
  tcase_add_test(tc, test_round_trip_sweep);
  tcase_add_test(tc, test_join_steps);
  tcase_add_loop_test(tc, test_capped, 0, (int)UNIT_COUNT(cap_cases));
  tcase_add_loop_test(tc, test_bad_parts, 0, (int)UNIT_COUNT(bad_parts));
  tcase_add_test(tc, test_bad_groups);
  tcase_add_test(tc, test_whole);
  suite_add_tcase(s, tc);

  tcase_set_timeout(tc_split, 60);
  tcase_add_loop_test(tc_split, test_split, 0, (int)UNIT_COUNT(split_cases));
  tcase_add_test(tc_split, test_split_errors);
  tcase_add_test(tc_split, test_split_sweep);
  tcase_add_loop_test(tc_split, test_split_capped, 0, (int)UNIT_COUNT(split_cap_cases));
  tcase_add_test(tc_split, test_split_cap_limits);
  suite_add_tcase(s, tc_split);

  return (s);
}


int
main(void)
{
  return (unitRun(split_suite()));
}
