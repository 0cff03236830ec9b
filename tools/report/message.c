/*
 * Reading one input line as a printaudit message, for printaudit-report.
 *
 * A line is one of:
 *   - a record or a split part as the JSON Lines sink or journalctl -o cat
 *     writes it: {"schema":"printaudit/1",...}
 *   - the same after a syslog prefix (rsyslog, syslog-ng): the JSON starts
 *     at the line's first '{'
 *   - a macOS "log show --style ndjson" object whose "eventMessage" holds
 *     the message text; its closing {"count":N,"finished":1} is a trailer
 *   - a "journalctl -o json" entry whose MESSAGE holds the message text: a
 *     string, or an array of byte values when it is not printable UTF-8;
 *     its _UID, set by journald from the sender's credentials, is kept so
 *     that records that root did not send can be told apart
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int	message_lean = 0;	/* Lean records (reportMessageLean()) */


/*
 * 'message_error()' - Set the error of a message and return its kind.
 */

static report_kind_t
message_error(report_message_t *msg,	/* I - Message */
              const char       *what,	/* I - Text before the value */
              const char       *value)	/* I - Value (escaped, cut) or NULL */
{
  char		*out, *start,
		*end = msg->error.text + sizeof(msg->error.text) - 8;
					/* Room for \xNN, "...", quote, nul */
  const char	*p;


  pauditErrorClear(&msg->error);
  pauditErrorSet(&msg->error, 0, "%s", what);

  if (value)
  {
    start  = msg->error.text + strlen(msg->error.text);
    out    = start;
    *out++ = '\"';

    // Quote at most 64 bytes, escaping control characters.
    for (p = value; *p && p - value < 64 && out < end; p ++)
    {
      unsigned char c = (unsigned char)*p;

      if (pauditIsControl(c) || c == '\"' || c == '\\')
        out += snprintf(out, 5, "\\x%02x", c);
      else
        *out++ = (char)c;
    }
    if (*p)
    {
      // Cut: do not end inside a UTF-8 character.
      while (out > start + 1 && ((unsigned char)out[-1] & 0xC0) == 0x80)
        out --;
      if (out > start + 1 && ((unsigned char)out[-1] & 0xC0) == 0xC0)
        out --;
      memcpy(out, "...", 3);
      out += 3;
    }
    *out++ = '\"';
    *out   = '\0';
  }

  return (msg->kind = REPORT_KIND_ERROR);
}


/*
 * 'message_classify()' - Record, part or error, by "schema" and "event".
 */

static report_kind_t
message_classify(report_message_t *msg)	/* I - Message with json set */
{
  json_t	*schema = json_object_get(msg->json, "schema"),
		*event = json_object_get(msg->json, "event");


  // The ECS form (JsonFormat ecs) keeps the schema under "printaudit".
  if (!schema && json_object_get(msg->json, "ecs"))
    schema = json_object_get(json_object_get(msg->json, "printaudit"), "schema");

  if (!json_is_string(schema))
    return (message_error(msg, "not a printaudit record (no \"schema\")", NULL));

  if (strcmp(json_string_value(schema), PAUDIT_SCHEMA))
    return (message_error(msg, "unknown schema ", json_string_value(schema)));

  if (!json_is_object(event))
    return (message_error(msg, "record without \"event\"", NULL));

  msg->kind = pauditPartIs(msg->json) ? REPORT_KIND_PART : REPORT_KIND_RECORD;

  return (msg->kind);
}


/*
 * 'message_load()' - Parse s[0..len) from its first '{'.
 */

static json_t *				/* O - Object or NULL with error set */
message_load(report_message_t *msg,	/* I - Message */
             const char       *s,	/* I - Text */
             size_t           len,	/* I - Length */
             const char       **text,	/* O - Start of the JSON */
             size_t           *textlen)	/* O - Length of the JSON */
{
  const char	*brace = memchr(s, '{', len);
  json_error_t	jerr;
  json_t	*json;


  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                     s[len - 1] == '\r' || s[len - 1] == '\n'))
    len --;

  if (!brace)
  {
    message_error(msg, "no JSON object on the line", NULL);
    return (NULL);
  }

  *text    = brace;
  *textlen = len - (size_t)(brace - s);

  if (message_lean && (json = reportScanRecord(*text, *textlen)) != NULL)
    return (json);

  if ((json = json_loadb(*text, *textlen, 0, &jerr)) == NULL)
  {
    pauditErrorClear(&msg->error);
    pauditErrorSet(&msg->error, 0, "not JSON: %s at byte %d",
                   jerr.text, (int)(jerr.position + (brace - s)) + 1);
    msg->kind = REPORT_KIND_ERROR;
  }

  return (json);
}


/*
 * 'message_journal()' - The record in a "journalctl -o json" entry.
 *
 * journalctl writes every field as a string, a field that is not
 * printable UTF-8 as an array of byte values, a field longer than 4096
 * bytes as null (unless run with --all), and a field given more than once
 * as an array of such values.
 */

static report_kind_t
message_journal(report_message_t *msg)	/* I - Message with outer set */
{
  json_t	*message = json_object_get(msg->outer, "MESSAGE"),
		*uid = json_object_get(msg->outer, "_UID"), *byte;
  const char	*text;
  size_t	len, i;
  char		*end;
  long long	value;


  msg->journal = 1;
  msg->uid     = -1;

  if (json_is_string(uid) && json_string_value(uid)[0] >= '0' && json_string_value(uid)[0] <= '9')
  {
    errno = 0;
    value = strtoll(json_string_value(uid), &end, 10);
    if (!errno && !*end && value >= 0 && value <= 0xFFFFFFFFLL)
      msg->uid = value;
  }

  if (json_is_string(message))
  {
    text = json_string_value(message);
    len  = json_string_length(message);
  }
  else if (json_is_array(message) && json_array_size(message) > 0 &&
           json_is_integer(json_array_get(message, 0)))
  {
    // Bytes: the message is not printable UTF-8 (it may still be a record
    // with control characters escaped, or a broken one).
    len = json_array_size(message);
    if ((msg->bytes = malloc(len + 1)) == NULL)
      return (message_error(msg, "out of memory", NULL));
    json_array_foreach(message, i, byte)
    {
      if (!json_is_integer(byte) || json_integer_value(byte) < 0 || json_integer_value(byte) > 255)
        return (message_error(msg, "journal entry: MESSAGE is not an array of bytes", NULL));
      msg->bytes[i] = (char)json_integer_value(byte);
    }
    msg->bytes[len] = '\0';
    text = msg->bytes;
  }
  else if (json_is_null(message))
    return (message_error(msg, "journal entry: MESSAGE left out as longer than 4096 bytes "
                               "(run journalctl with --all)", NULL));
  else if (json_is_array(message))
    return (message_error(msg, "journal entry: several MESSAGE values", NULL));
  else
    return (message_error(msg, "journal entry: MESSAGE is not text", NULL));

  if (memchr(text, '\0', len))
    return (message_error(msg, "journal entry: MESSAGE holds a NUL byte", NULL));

  msg->json  = message_load(msg, text, len, &msg->text, &msg->len);
  msg->owned = msg->json != NULL;

  return (msg->json ? message_classify(msg) : REPORT_KIND_ERROR);
}


/*
 * 'reportMessageParse()' - Parse one input line.
 */

report_kind_t				/* O - What the line holds */
reportMessageParse(report_message_t *msg,/* O - Message; clear with reportMessageClear() */
                   const char       *line,/* I - Line */
                   size_t           len)/* I - Length */
{
  json_t	*inner;
  size_t	i;


  memset(msg, 0, sizeof(report_message_t));

  for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'); i ++);
  if (i == len)
    return (msg->kind = REPORT_KIND_BLANK);

  if ((msg->outer = message_load(msg, line, len, &msg->text, &msg->len)) == NULL)
    return (REPORT_KIND_ERROR);

  msg->uid  = -1;
  msg->json = msg->outer;
  if (json_object_get(msg->outer, "schema") || json_object_get(msg->outer, "ecs"))
    return (message_classify(msg));

  if (json_object_get(msg->outer, "MESSAGE"))
    return (message_journal(msg));

  inner = json_object_get(msg->outer, "eventMessage");
  if (json_is_string(inner))
  {
    // macOS unified log: the message text is the record.
    msg->json = message_load(msg, json_string_value(inner),
                             json_string_length(inner), &msg->text, &msg->len);
    msg->owned = msg->json != NULL;
    return (msg->json ? message_classify(msg) : REPORT_KIND_ERROR);
  }

  if (json_object_get(msg->outer, "finished") && json_object_size(msg->outer) <= 2)
    return (msg->kind = REPORT_KIND_TRAILER);

  return (message_error(msg, "not a printaudit record (no \"schema\")", NULL));
}


/*
 * 'reportMessageClear()' - Free what a message owns.
 */

void
reportMessageClear(report_message_t *msg)/* I - Message */
{
  if (msg->owned)
    json_decref(msg->json);
  json_decref(msg->outer);
  free(msg->bytes);

  msg->outer = msg->json = NULL;
  msg->bytes = NULL;
  msg->owned = 0;
}


/*
 * 'reportMessageLean()' - Read records lean (only the fields rows show).
 */

void
reportMessageLean(int lean)		/* I - 1 for lean records */
{
  message_lean = lean;
}
