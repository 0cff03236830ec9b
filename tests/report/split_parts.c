/*
 * printaudit-report tests: split records as the syslog sink does.
 *
 * Usage: report-split [-m MAX] [-c CAP] [-p PREFIX] [-n] [FILE]
 *
 * Reads records, one per line (a JSON Lines file written by the shim, or
 * standard input), and writes the syslog messages that lib/'s
 * pauditRecordSplit() makes of each for messages of at most MAX bytes
 * (default 900, macOS's SyslogMaxSize), at most CAP of them per record
 * (SyslogMaxParts; default: no limit), one per line.  With -p every line
 * starts with PREFIX (a syslog file's "Dec  1 21:18:03 host printaudit[7]: ");
 * with -n every message is wrapped as macOS "log show --style ndjson"
 * prints it ({"timestamp":...,"eventMessage":MESSAGE}).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct split_out_s		/* Where parts go */
{
  const char	*prefix;		/* Line prefix or NULL */
  int		ndjson;			/* Wrap as macOS NDJSON */
} split_out_t;


/*
 * 'write_part()' - Write one message as a line.
 */

static int				/* O - 0 on success */
write_part(const char *message,		/* I - Message */
           size_t     len,		/* I - Length */
           void       *data)		/* I - split_out_t */
{
  split_out_t	*out = (split_out_t *)data;
  json_t	*wrap;
  char		*text;
  size_t	tlen;


  if (out->prefix)
    fputs(out->prefix, stdout);

  if (!out->ndjson)
  {
    fwrite(message, 1, len, stdout);
    putchar('\n');
    return (ferror(stdout) ? -1 : 0);
  }

  wrap = json_pack("{s:s, s:s, s:s%}", "timestamp", "2026-11-22 22:45:00.123456+0100",
                   "process", "printaudit", "eventMessage", message, len);
  if (!wrap || (text = pauditJSONNew(wrap, &tlen)) == NULL)
  {
    json_decref(wrap);
    return (-1);
  }
  fwrite(text, 1, tlen, stdout);
  putchar('\n');
  free(text);
  json_decref(wrap);

  return (ferror(stdout) ? -1 : 0);
}


/*
 * 'split_line()' - Split one record.
 */

static int				/* O - 0 on success */
split_line(const char  *line,		/* I - Record text */
           size_t      max,		/* I - Longest message */
           size_t      cap,		/* I - Most messages, 0 for no limit */
           split_out_t *out)		/* I - Output */
{
  json_error_t		jerr;
  json_t		*record = json_loadb(line, strlen(line), 0, &jerr);
  char			*text;
  size_t		len;
  paudit_status_t	status;


  if (!record || (text = pauditJSONNew(record, &len)) == NULL)
  {
    fprintf(stderr, "report-split: not a record: %s\n", jerr.text);
    json_decref(record);
    return (-1);
  }

  status = pauditRecordSplit2(record, text, len, max, cap, write_part, out);
  if (status != PAUDIT_STATUS_OK)
    fprintf(stderr, "report-split: pauditRecordSplit failed (%d)\n", (int)status);

  free(text);
  json_decref(record);

  return (status == PAUDIT_STATUS_OK ? 0 : -1);
}


/*
 * 'main()' - Split every record of a file.
 */

int					/* O - Exit status */
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Arguments */
{
  split_out_t	out = { NULL, 0 };
  size_t	max = 900, parts = 0, cap = 0;
  char		*line = NULL;
  ssize_t	n;
  FILE		*fp = stdin;
  int		opt, status = 0;


  while ((opt = getopt(argc, argv, "m:c:p:n")) != -1)
  {
    if (opt == 'm')
      max = (size_t)strtoul(optarg, NULL, 10);
    else if (opt == 'c')
      parts = (size_t)strtoul(optarg, NULL, 10);
    else if (opt == 'p')
      out.prefix = optarg;
    else if (opt == 'n')
      out.ndjson = 1;
    else
    {
      fputs("Usage: report-split [-m MAX] [-c CAP] [-p PREFIX] [-n] [FILE]\n", stderr);
      return (1);
    }
  }

  if (optind < argc && (fp = fopen(argv[optind], "r")) == NULL)
  {
    perror(argv[optind]);
    return (1);
  }

  while (!status && (n = getline(&line, &cap, fp)) > 0)
  {
    if (line[n - 1] == '\n')
      line[n - 1] = '\0';
    status = split_line(line, max, parts, &out);
  }

  free(line);
  if (fp != stdin)
    fclose(fp);

  return (status || fflush(stdout) ? 1 : 0);
}
