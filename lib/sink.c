/*
 * Delivery of a record to the configured sinks: pauditDeliver() for the
 * backend's job.start record with the OnLogFailure policy (whether the
 * job may print), pauditWriteSinks() for the notifier's job.end record,
 * which has no job left to stop.
 *
 * The policy, in one place:
 *
 * - The JsonLog is the record that OnLogFailure stop protects: when it
 *   is configured and not written (or there is no record to write), the
 *   job does not print under stop, and prints under print.
 * - Syslog is best effort: its failure is reported and never stops a job.
 *   Under stop, a job that will not print is not sent to syslog either: it
 *   is recorded when it prints, after the queue is enabled again.
 * - Without a JsonLog, only a missing record stops a job (under stop).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdlib.h>

#define SINK_FILE_FAILED   1		/* No record in the JSON Lines file */
#define SINK_SYSLOG_FAILED 2		/* Syslog was not written */


/*
 * 'sink_report()' - Pass one message to the caller's callback, if any.
 */

static void
sink_report(paudit_report_cb_t cb,	/* I - Callback or NULL */
            void               *data,	/* I - Its data */
            const char         *message)/* I - Message */
{
  if (cb)
    (*cb)(message, data);
}


/*
 * 'sink_write()' - Serialize a record and write it to the sinks.
 *
 * Syslog is skipped when the JSON Lines file was not written and
 * keep_syslog is 0 (OnLogFailure stop).
 */

static int				/* O - SINK_*_FAILED bits, 0 if all written */
sink_write(
    const paudit_config_t *config,	/* I - Syslog settings */
    const char            *jsonlog,	/* I - JSON Lines file or NULL */
    const json_t          *record,	/* I - Record or NULL */
    int                   keep_syslog,	/* I - Write syslog even then? */
    paudit_report_cb_t    cb,		/* I - Called with each failure, or NULL */
    void                  *data)	/* I - Callback data */
{
  paudit_error_t	error;
  char			*text = NULL;
  size_t		len = 0;
  int			failed = 0;


  pauditErrorClear(&error);

  if (record && (text = pauditJSONNew(record, &len)) == NULL)
    sink_report(cb, data, "Unable to serialize the audit record: out of memory");

  // No record: none in the file either, even without one configured.
  if (!text)
    return (SINK_FILE_FAILED);

  if (jsonlog && pauditJSONLogWrite(jsonlog, text, len, &error))
  {
    sink_report(cb, data, error.text);
    failed = SINK_FILE_FAILED;
  }

  pauditErrorClear(&error);
  if (config->syslog && (!failed || keep_syslog) &&
      pauditSyslogWrite(config, record, text, len, &error))
  {
    sink_report(cb, data, error.text);
    failed |= SINK_SYSLOG_FAILED;
  }

  free(text);

  return (failed);
}


/*
 * 'pauditDeliver()' - Write a record to every sink and apply OnLogFailure.
 */

paudit_deliver_t			/* O - PAUDIT_DELIVER_PRINT or _STOP */
pauditDeliver(
    const paudit_config_t *config,	/* I - Sinks and OnLogFailure */
    const json_t          *record,	/* I - Record, or NULL if none was built */
    paudit_report_cb_t    cb,		/* I - Called with each failure, or NULL */
    void                  *data)	/* I - Callback data */
{
  int	stop = config->on_failure == PAUDIT_ONFAIL_STOP;


  if ((sink_write(config, config->json_log, record, !stop, cb, data) & SINK_FILE_FAILED) && stop)
  {
    sink_report(cb, data, "The job was not recorded and OnLogFailure is stop: not printing");
    return (PAUDIT_DELIVER_STOP);
  }

  return (PAUDIT_DELIVER_PRINT);
}


/*
 * 'pauditWriteSinks()' - Write a record to a JSON Lines file and syslog.
 */

int					/* O - 0 if every sink was written, -1 if not */
pauditWriteSinks(
    const paudit_config_t *config,	/* I - Syslog settings */
    const char            *jsonlog,	/* I - JSON Lines file or NULL */
    const json_t          *record,	/* I - Record */
    paudit_report_cb_t    cb,		/* I - Called with each failure, or NULL */
    void                  *data)	/* I - Callback data */
{
  return (sink_write(config, jsonlog, record, 1, cb, data) ? -1 : 0);
}
