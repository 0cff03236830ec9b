/*
 * printaudit fuzz target: printaudit.conf (pauditConfigLoad) and
 * cups-files.conf (pauditCupsIdentityLoad).
 *
 * The input is the file's contents, written to a memfd that is read back
 * through /proc/self/fd/N (a regular file, as the loaders require).
 * Properties of pauditConfigLoad(), with secure = 0:
 *
 * - the status is OK, CONFIG or NOMEM (IO and INSECURE cannot happen);
 * - the error text is non-empty exactly when the status is not OK, and
 *   a CONFIG error names the file and (except for an oversized file) the
 *   line, which holds a directive or the NUL byte, not a blank line or a
 *   comment (the first '#' starts one unless written "\#", as
 *   cupsFileGetConf() reads it);
 * - on success every line is blank, a comment or starts with a known
 *   directive, and the settings are in range;
 * - nothing leaks (LeakSanitizer) and nothing crashes.
 *
 * Properties of pauditCupsIdentityLoad(), as the shim calls it: it returns
 * (no hang: libFuzzer's -timeout), OK for a file of at most 64 KiB, error
 * text iff not OK, and User and Group are those of the last "User NAME"
 * and "Group NAME" lines whose name fits the buffer (else the defaults).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <syslog.h>
#include <unistd.h>

#define CONF_MAX_SIZE 65536		/* Largest file the loader reads */
#define CONF_ID_SIZE  256		/* User and group buffers, as the shim's */


/*
 * 'conf_line()' - Start and length of line number linenum (1-based).
 */

static int				/* O - 1 if the line exists */
conf_line(const char *text,		/* I - File contents */
          size_t     len,		/* I - Length */
          int        linenum,		/* I - Line number */
          const char **line,		/* O - Start */
          size_t     *linelen)		/* O - Length */
{
  const char	*p = text, *end = text + len, *nl;


  for (; linenum > 1; linenum --)
  {
    if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
      return (0);
    p = nl + 1;
  }

  nl       = memchr(p, '\n', (size_t)(end - p));
  *line    = p;
  *linelen = (size_t)((nl ? nl : end) - p);

  return (1);
}


/*
 * 'conf_effective()' - A line without its comment, as cupsFileGetConf() reads it.
 *
 * The first '#' starts a comment, wherever it is, unless written "\#",
 * which stands for a literal '#' (and then the rest of the line is kept).
 */

static char *				/* O - New string; free() it */
conf_effective(const char *line,	/* I - Line */
               size_t     len,		/* I - Length */
               size_t     *efflen)	/* O - Length of the result */
{
  char	*copy = malloc(len + 1), *hash;


  FUZZ_CHECK(copy != NULL, "out of memory");
  memcpy(copy, line, len);
  copy[len] = '\0';

  if ((hash = memchr(copy, '#', len)) != NULL)
  {
    if (hash > copy && hash[-1] == '\\')
    {
      memmove(hash - 1, hash, len - (size_t)(hash - copy) + 1);
      len --;
    }
    else
      len = (size_t)(hash - copy);
  }

  copy[len] = '\0';
  *efflen   = len;

  return (copy);
}


/*
 * 'conf_first_word()' - The first word of a line, after blanks.
 */

static size_t				/* O - Length of the word, 0 if blank */
conf_first_word(const char *line,	/* I - Line without its comment */
                size_t     len,		/* I - Length */
                const char **word)	/* O - Word */
{
  size_t	i = 0, start;


  while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
    i ++;
  if (i == len)
    return (0);

  for (start = i; i < len && line[i] != ' ' && line[i] != '\t'; i ++);
  *word = line + start;

  return (i - start);
}


/*
 * 'conf_known()' - Whether a word is a directive.
 */

static int
conf_known(const char *word,		/* I - Word */
           size_t     len)		/* I - Length */
{
  static const char * const names[] =
  { "Syslog", "SyslogFacility", "SyslogSocket", "SyslogMaxSize", "SyslogMaxParts", "JsonLog",
    "OnLogFailure", "JsonFormat", "OutcomeLog", "LogTitles", "TitleKeyFile" };
  size_t	i;


  for (i = 0; i < sizeof(names) / sizeof(names[0]); i ++)
    if (strlen(names[i]) == len && !strncasecmp(word, names[i], len))
      return (1);

  return (0);
}


/*
 * 'conf_value()' - The value of a line, as cupsd's reader trims it.
 */

static void
conf_value(const char *line,		/* I - Line */
           size_t     len,		/* I - Length */
           const char *word,		/* I - First word, in line */
           size_t     wordlen,		/* I - Its length */
           const char **value,		/* O - Value */
           size_t     *valuelen)	/* O - Its length */
{
  const char	*p = word + wordlen, *end = line + len;


  while (p < end && (*p == ' ' || *p == '\t'))
    p ++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end --;

  *value    = p;
  *valuelen = (size_t)(end - p);
}


/*
 * 'conf_check_identity()' - Check pauditCupsIdentityLoad() on the file.
 */

static void
conf_check_identity(const char *path,	/* I - File */
                    const char *text,	/* I - Its contents */
                    size_t     size)	/* I - Length */
{
  char			user[CONF_ID_SIZE] = "lp", group[CONF_ID_SIZE] = "lp",
			want_user[CONF_ID_SIZE] = "lp", want_group[CONF_ID_SIZE] = "lp", *eff;
  const char		*line, *word, *value;
  size_t		linelen, efflen, wordlen, valuelen;
  int			linenum, too_long = 0;
  paudit_error_t	error;
  paudit_status_t	status;


  pauditErrorClear(&error);
  status = pauditCupsIdentityLoad(path, user, sizeof(user), group, sizeof(group), &error);

  FUZZ_CHECK(memchr(user, '\0', sizeof(user)) && memchr(group, '\0', sizeof(group)),
             "User or Group not terminated");
  FUZZ_CHECK((status != PAUDIT_STATUS_OK) == (error.text[0] != '\0'),
             "status %d with error text \"%s\"", (int)status, error.text);
  if (size > CONF_MAX_SIZE)
  {
    FUZZ_CHECK(status == PAUDIT_STATUS_CONFIG, "a file of %zu bytes gave status %d", size,
               (int)status);
    return;
  }

  // The oracle reads lines that hold no NUL byte; what a NUL does to its
  // line is the library's choice, but it must not hang or crash, and the
  // only error it may give is a value too long to hold.
  if (memchr(text, '\0', size))
  {
    FUZZ_CHECK(status == PAUDIT_STATUS_OK ||
               (status == PAUDIT_STATUS_CONFIG && strstr(error.text, " is too long")),
               "status %d: %s", (int)status, error.text);
    return;
  }

  // Lines up to the first User or Group value too long to hold: that one
  // is an error naming its line, and the values before it stay.
  for (linenum = 1; !too_long && conf_line(text, size, linenum, &line, &linelen); linenum ++)
  {
    eff = conf_effective(line, linelen, &efflen);
    if ((wordlen = conf_first_word(eff, efflen, &word)) > 0)
    {
      conf_value(eff, efflen, word, wordlen, &value, &valuelen);
      if (valuelen && ((wordlen == 4 && !strncasecmp(word, "User", 4)) ||
                       (wordlen == 5 && !strncasecmp(word, "Group", 5))))
      {
        if (valuelen >= CONF_ID_SIZE)
          too_long = linenum;
        else if (wordlen == 4)
          memcpy(want_user, value, valuelen), want_user[valuelen] = '\0';
        else
          memcpy(want_group, value, valuelen), want_group[valuelen] = '\0';
      }
    }
    free(eff);
  }

  if (too_long)
    FUZZ_CHECK(status == PAUDIT_STATUS_CONFIG && error.line == too_long &&
               strstr(error.text, " is too long"),
               "line %d holds a value too long to hold: status %d, line %d: %s", too_long,
               (int)status, error.line, error.text);
  else
    FUZZ_CHECK(status == PAUDIT_STATUS_OK, "status %d: %s", (int)status, error.text);

  FUZZ_CHECK(!strcmp(user, want_user), "User is \"%s\", the file says \"%s\"", user, want_user);
  FUZZ_CHECK(!strcmp(group, want_group), "Group is \"%s\", the file says \"%s\"", group,
             want_group);
}


/*
 * 'LLVMFuzzerTestOneInput()' - Check one configuration file.
 */

int
LLVMFuzzerTestOneInput(const uint8_t *data,/* I - Input */
                       size_t        size)/* I - Length */
{
  static int		fd = -1;
  static char		path[64];
  const char		*text = (const char *)data, *line, *word, *nul;
  char			*eff;
  size_t		linelen, efflen, wordlen, done;
  ssize_t		n;
  int			linenum, facility_ok;
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	status;


  if (fd < 0)
  {
    fd = memfd_create("printaudit.conf", MFD_CLOEXEC);
    FUZZ_CHECK(fd >= 0, "memfd_create failed");
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
  }

  FUZZ_CHECK(!ftruncate(fd, 0), "ftruncate failed");
  for (done = 0; done < size; done += (size_t)n)
  {
    n = pwrite(fd, data + done, size - done, (off_t)done);
    FUZZ_CHECK(n > 0, "pwrite failed");
  }

  FUZZ_CHECK(pauditConfigInit(&config) == PAUDIT_STATUS_OK, "pauditConfigInit failed");
  pauditErrorClear(&error);
  status = pauditConfigLoad(&config, path, 0, 0, &error);

  FUZZ_CHECK(memchr(error.text, '\0', sizeof(error.text)) != NULL, "error text not terminated");
  FUZZ_CHECK(status == PAUDIT_STATUS_OK || status == PAUDIT_STATUS_CONFIG ||
             status == PAUDIT_STATUS_NOMEM, "status %d: %s", (int)status, error.text);
  FUZZ_CHECK((status != PAUDIT_STATUS_OK) == (error.text[0] != '\0'),
             "status %d with error text \"%s\"", (int)status, error.text);

  if (status == PAUDIT_STATUS_CONFIG)
  {
    FUZZ_CHECK(strstr(error.text, path) != NULL, "the error does not name the file: %s",
               error.text);

    if (size <= CONF_MAX_SIZE)
    {
      char lineref[32];

      FUZZ_CHECK(error.line >= 1, "no line number: %s", error.text);
      snprintf(lineref, sizeof(lineref), "line %d ", error.line);
      FUZZ_CHECK(strstr(error.text, lineref) != NULL,
                 "the error text does not say line %d: %s", error.line, error.text);
      FUZZ_CHECK(conf_line(text, size, error.line, &line, &linelen),
                 "line %d does not exist: %s", error.line, error.text);

      if ((nul = memchr(text, '\0', size)) != NULL)
      {
        for (linenum = 1, word = text; word < nul; word ++)
          linenum += *word == '\n';
        FUZZ_CHECK(error.line == linenum, "the NUL byte is on line %d, the error says %d",
                   linenum, error.line);
      }
      else
      {
        eff = conf_effective(line, linelen, &efflen);
        FUZZ_CHECK(conf_first_word(eff, efflen, &word) > 0,
                   "line %d is blank or a comment but is reported: %s", error.line,
                   error.text);
        free(eff);
      }
    }
  }
  else if (status == PAUDIT_STATUS_OK)
  {
    FUZZ_CHECK(size <= CONF_MAX_SIZE, "a file of %zu bytes was read", size);
    FUZZ_CHECK(memchr(text, '\0', size) == NULL, "a file with a NUL byte was read");

    for (linenum = 1; conf_line(text, size, linenum, &line, &linelen); linenum ++)
    {
      eff = conf_effective(line, linelen, &efflen);
      if ((wordlen = conf_first_word(eff, efflen, &word)) > 0)
        FUZZ_CHECK(conf_known(word, wordlen), "unknown directive \"%.*s\" on line %d accepted",
                   (int)wordlen, word, linenum);
      free(eff);
    }

    facility_ok = config.syslog_facility == LOG_LPR || config.syslog_facility == LOG_USER ||
                  config.syslog_facility == LOG_DAEMON || config.syslog_facility == LOG_AUTH ||
                  (config.syslog_facility >= LOG_LOCAL0 && config.syslog_facility <= LOG_LOCAL7);
    FUZZ_CHECK(config.syslog == 0 || config.syslog == 1, "Syslog %d", config.syslog);
    FUZZ_CHECK(facility_ok, "facility %d", config.syslog_facility);
#ifdef PAUDIT_SYSLOG_API
    FUZZ_CHECK(!config.syslog_socket || (config.syslog_socket[0] == '/' &&
               strlen(config.syslog_socket) < 108), "SyslogSocket \"%s\"",
               config.syslog_socket ? config.syslog_socket : "(null: syslog(3))");
#else
    FUZZ_CHECK(config.syslog_socket && config.syslog_socket[0] == '/' &&
               strlen(config.syslog_socket) < 108, "SyslogSocket \"%s\"",
               config.syslog_socket ? config.syslog_socket : "(null)");
#endif
    FUZZ_CHECK(config.syslog_max >= 512 && config.syslog_max <= 65536,
               "SyslogMaxSize %zu", config.syslog_max);
    FUZZ_CHECK(config.syslog_max_parts >= 2 && config.syslog_max_parts <= 10000,
               "SyslogMaxParts %zu", config.syslog_max_parts);
    FUZZ_CHECK(!config.json_log || config.json_log[0] == '/', "JsonLog \"%s\"",
               config.json_log);
    FUZZ_CHECK(config.on_failure == PAUDIT_ONFAIL_PRINT ||
               config.on_failure == PAUDIT_ONFAIL_STOP, "OnLogFailure %d",
               (int)config.on_failure);
    FUZZ_CHECK(config.format == PAUDIT_FORMAT_PRINTAUDIT || config.format == PAUDIT_FORMAT_ECS,
               "JsonFormat %d", (int)config.format);
  }

  pauditConfigClear(&config);

  conf_check_identity(path, text, size);

  return (0);
}
