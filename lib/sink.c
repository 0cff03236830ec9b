/*
 * Delivery of a job.start record to the configured sinks, and the
 * OnLogFailure policy: whether the job may print.
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
 * 'pauditDeliver()' - Write a record to every sink and apply OnLogFailure.
 */

paudit_deliver_t			/* O - PAUDIT_DELIVER_PRINT or _STOP */
pauditDeliver(
    const paudit_config_t *config,	/* I - Sinks and OnLogFailure */
    const json_t          *record,	/* I - Record, or NULL if none was built */
    paudit_report_cb_t    cb,		/* I - Called with each failure, or NULL */
    void                  *data)	/* I - Callback data */
{
  paudit_error_t	error;
  char			*text = NULL;
  size_t		len = 0;
  int			jsonlog_ok = 1;
  int			stop = config->on_failure == PAUDIT_ONFAIL_STOP;


  pauditErrorClear(&error);

  if (record && (text = pauditJSONNew(record, &len)) == NULL)
    sink_report(cb, data, "Unable to serialize the audit record: out of memory");

  if (!text)
    jsonlog_ok = 0;
  else
  {
    if (config->json_log && pauditJSONLogWrite(config->json_log, text, len, &error))
    {
      sink_report(cb, data, error.text);
      jsonlog_ok = 0;
    }

    pauditErrorClear(&error);
    if (config->syslog && (jsonlog_ok || !stop) &&
        pauditSyslogWrite(config, record, text, len, &error))
      sink_report(cb, data, error.text);
  }

  free(text);

  if (!jsonlog_ok && stop)
  {
    sink_report(cb, data, "The job was not recorded and OnLogFailure is stop: not printing");
    return (PAUDIT_DELIVER_STOP);
  }

  return (PAUDIT_DELIVER_PRINT);
}
