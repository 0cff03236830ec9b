/*
 * Buffered line reader for printaudit-report.
 *
 * Lines are handed out in place, without copying; the buffer grows to the
 * longest line seen, never beyond the cap plus one read.  A longer line is
 * skipped in pieces as it is read, so a 1 GB line costs no more memory
 * than a short one.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READER_CHUNK	(256 * 1024)	/* Least room for one read() */
#define READER_START	(1024 * 1024)	/* First buffer size */

struct report_reader_s
{
  int		fd;			/* Input (not owned) */
  size_t	cap;			/* Longest line */
  char		*buf;			/* Buffer */
  size_t	size,			/* Bytes allocated */
		start,			/* Start of the current line */
		scan,			/* Where to look for the next newline */
		end;			/* End of the bytes read */
  int		eof,			/* read() returned 0 */
		skipping;		/* Inside a line over the cap */
  long long	line;			/* Number of the last line returned */
};


/*
 * 'reportReaderNew()' - Create a reader of fd.
 */

report_reader_t *			/* O - Reader; free with reportReaderDelete() */
reportReaderNew(int    fd,		/* I - File descriptor (not closed) */
                size_t cap)		/* I - Longest line, bytes */
{
  report_reader_t	*reader;


  if (cap == 0 || cap > SIZE_MAX / 2 - READER_CHUNK)
    return (NULL);

  if ((reader = calloc(1, sizeof(report_reader_t))) == NULL)
    return (NULL);

  reader->fd   = fd;
  reader->cap  = cap;
  reader->size = cap + READER_CHUNK < READER_START ? cap + READER_CHUNK : READER_START;

  if ((reader->buf = malloc(reader->size)) == NULL)
  {
    free(reader);
    return (NULL);
  }

  return (reader);
}


/*
 * 'reportReaderDelete()' - Free a reader.
 */

void
reportReaderDelete(report_reader_t *reader)/* I - Reader or NULL */
{
  if (reader)
  {
    free(reader->buf);
    free(reader);
  }
}


/*
 * 'reportReaderLine()' - Number of the last line returned.
 */

long long				/* O - Line number, from 1 */
reportReaderLine(const report_reader_t *reader)/* I - Reader */
{
  return (reader->line);
}


/*
 * 'reader_fill()' - Make room and read more bytes.
 */

static int				/* O - 0 on success, -1 on error */
reader_fill(report_reader_t *reader)	/* I - Reader */
{
  ssize_t	n;
  size_t	size;
  char		*buf;


  if (reader->start > 0)
  {
    memmove(reader->buf, reader->buf + reader->start, reader->end - reader->start);
    reader->end  -= reader->start;
    reader->scan -= reader->start;
    reader->start = 0;
  }

  if (reader->size - reader->end < READER_CHUNK)
  {
    size = reader->size * 2;
    if (size > reader->cap + READER_CHUNK)
      size = reader->cap + READER_CHUNK;
    if (size > reader->size)
    {
      if ((buf = realloc(reader->buf, size)) == NULL)
      {
        errno = ENOMEM;
        return (-1);
      }
      reader->buf  = buf;
      reader->size = size;
    }
  }

  do
    n = read(reader->fd, reader->buf + reader->end, reader->size - reader->end);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    return (-1);

  if (n == 0)
    reader->eof = 1;
  reader->end += (size_t)n;

  return (0);
}


/*
 * 'reader_take()' - Hand out buf[start..stop) as the next line.
 */

static report_read_t
reader_take(report_reader_t *reader,	/* I - Reader */
            size_t          stop,	/* I - End of the line */
            size_t          next,	/* I - Start of the line after */
            const char      **line,	/* O - Line */
            size_t          *len)	/* O - Length */
{
  int	toolong = reader->skipping || stop - reader->start > reader->cap;


  *line = reader->buf + reader->start;
  *len  = toolong ? 0 : stop - reader->start;

  reader->start    = next;
  reader->scan     = next;
  reader->skipping = 0;
  reader->line ++;

  return (toolong ? REPORT_READ_TOOLONG : REPORT_READ_LINE);
}


/*
 * 'reportReaderNext()' - Read the next line.
 */

report_read_t				/* O - What was read */
reportReaderNext(report_reader_t *reader,/* I - Reader */
                 const char      **line,/* O - Line (borrowed) */
                 size_t          *len)	/* O - Length without newline */
{
  char	*nl;


  *line = NULL;
  *len  = 0;

  for (;;)
  {
    nl = memchr(reader->buf + reader->scan, '\n', reader->end - reader->scan);
    if (nl)
      return (reader_take(reader, (size_t)(nl - reader->buf),
                          (size_t)(nl - reader->buf) + 1, line, len));

    reader->scan = reader->end;

    if (reader->eof)
    {
      if (reader->start < reader->end || reader->skipping)
        return (reader_take(reader, reader->end, reader->end, line, len));
      return (REPORT_READ_EOF);
    }

    if (reader->end - reader->start > reader->cap)
    {
      // Too long: drop what we have, remember to report it at its end.
      reader->skipping = 1;
      reader->start = reader->scan = reader->end = 0;
    }

    if (reader_fill(reader))
      return (REPORT_READ_ERROR);
  }
}
