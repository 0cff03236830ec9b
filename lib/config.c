/*
 * printaudit.conf: a small reader in the style of cupsd's configuration.
 *
 *   # comment
 *   Directive value
 *
 * Directives are matched without regard to case; a later line wins.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#define CONFIG_MAX_SIZE   65536		/* Largest config file read */
#define CONFIG_MIN_SYSLOG 512		/* Smallest SyslogMaxSize */
#define CONFIG_MAX_SYSLOG 65536		/* Largest SyslogMaxSize */
#define CONFIG_MIN_PARTS  2		/* Smallest SyslogMaxParts */
#define CONFIG_MAX_PARTS  10000		/* Largest SyslogMaxParts */

/*
 * SyslogMaxParts' default.  At SyslogMaxSize 4000, 64 messages carry about
 * 245 KB of record: every options string that can reach a backend (Linux
 * caps one argument at 131,071 bytes) whole, unless it is mostly
 * characters that must be escaped (up to 7 bytes each once in a slice: an
 * options string of control characters needs 240 messages).  A macOS job's
 * settings (about 1.5 KB) take one message at 4000 bytes, four at 900.
 */
#define CONFIG_DEF_PARTS  64

/*
 * "SyslogSocket syslog(3)" sends through the C library's syslog(3): the
 * default where no socket exists (macOS 12 and later have no
 * /var/run/syslog; syslog(3) goes to the unified log).  Only builds with
 * PAUDIT_SYSLOG_API accept it: glibc's syslog(3) blocks on a stalled
 * receiver, which a job must never wait for.
 */
#define CONFIG_SYSLOG_API "syslog(3)"
#ifdef PAUDIT_SYSLOG_API
#  define CONFIG_SOCKET_EXPECT "an absolute socket path or " CONFIG_SYSLOG_API
#else
#  define CONFIG_SOCKET_EXPECT "an absolute socket path"
#endif

typedef int (*config_set_t)(paudit_config_t *config, const char *value);

typedef struct config_directive_s	/* One directive */
{
  const char	*name;			/* Directive */
  config_set_t	set;			/* Setter: 0 on success, -1 bad value, -2 ENOMEM */
  const char	*expect;		/* What a good value looks like */
} config_directive_t;


/*
 * 'config_bool()' - on/off, yes/no, true/false.
 */

static int				/* O - 1, 0, or -1 if neither */
config_bool(const char *value)
{
  if (!strcasecmp(value, "on") || !strcasecmp(value, "yes") || !strcasecmp(value, "true"))
    return (1);
  if (!strcasecmp(value, "off") || !strcasecmp(value, "no") || !strcasecmp(value, "false"))
    return (0);
  return (-1);
}


/*
 * 'config_path()' - Replace *field with a copy of an absolute path.
 */

static int
config_path(char       **field,		/* I - Field */
            const char *value)		/* I - Path */
{
  char *copy;

  if (value[0] != '/')
    return (-1);
  if ((copy = strdup(value)) == NULL)
    return (-2);

  free(*field);
  *field = copy;

  return (0);
}


static int
set_syslog(paudit_config_t *config, const char *value)
{
  return ((config->syslog = config_bool(value)) < 0 ? -1 : 0);
}


static int
set_facility(paudit_config_t *config, const char *value)
{
  static const struct
  {
    const char	*name;
    int		facility;
  } facilities[] =
  {
    { "lpr", LOG_LPR },       { "user", LOG_USER },     { "daemon", LOG_DAEMON },
    { "auth", LOG_AUTH },     { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
    { "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
    { "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 }
  };
  size_t i;

  for (i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i ++)
    if (!strcasecmp(value, facilities[i].name))
    {
      config->syslog_facility = facilities[i].facility;
      return (0);
    }

  return (-1);
}


static int
set_socket(paudit_config_t *config, const char *value)
{
  struct sockaddr_un addr;

#ifdef PAUDIT_SYSLOG_API
  if (!strcmp(value, CONFIG_SYSLOG_API))
  {
    free(config->syslog_socket);
    config->syslog_socket = NULL;
    return (0);
  }
#endif

  if (strlen(value) >= sizeof(addr.sun_path))
    return (-1);

  return (config_path(&config->syslog_socket, value));
}


static int
set_max_size(paudit_config_t *config, const char *value)
{
  char	*end;
  long	size;

  errno = 0;
  size  = strtol(value, &end, 10);
  if (errno || *end || value[0] < '0' || value[0] > '9' ||
      size < CONFIG_MIN_SYSLOG || size > CONFIG_MAX_SYSLOG)
    return (-1);

  config->syslog_max = (size_t)size;

  return (0);
}


static int
set_max_parts(paudit_config_t *config, const char *value)
{
  char	*end;
  long	parts;

  errno = 0;
  parts = strtol(value, &end, 10);
  if (errno || *end || value[0] < '0' || value[0] > '9' ||
      parts < CONFIG_MIN_PARTS || parts > CONFIG_MAX_PARTS)
    return (-1);

  config->syslog_max_parts = (size_t)parts;

  return (0);
}


static int
set_json_log(paudit_config_t *config, const char *value)
{
  if (!strcasecmp(value, "none"))
  {
    free(config->json_log);
    config->json_log = NULL;
    return (0);
  }

  return (config_path(&config->json_log, value));
}


static int
set_on_failure(paudit_config_t *config, const char *value)
{
  if (!strcasecmp(value, "print"))
    config->on_failure = PAUDIT_ONFAIL_PRINT;
  else if (!strcasecmp(value, "stop"))
    config->on_failure = PAUDIT_ONFAIL_STOP;
  else
    return (-1);

  return (0);
}


static int
set_format(paudit_config_t *config, const char *value)
{
  if (!strcasecmp(value, "printaudit"))
    config->format = PAUDIT_FORMAT_PRINTAUDIT;
  else if (!strcasecmp(value, "ecs"))
    config->format = PAUDIT_FORMAT_ECS;
  else
    return (-1);

  return (0);
}


static int
set_outcome_log(paudit_config_t *config, const char *value)
{
  if (!strcasecmp(value, "none"))
  {
    free(config->outcome_log);
    config->outcome_log = NULL;
    return (0);
  }

  return (config_path(&config->outcome_log, value));
}


static int
set_titles(paudit_config_t *config, const char *value)
{
  if (!strcasecmp(value, "hash"))
    config->titles = PAUDIT_TITLES_HASH;
  else if (config_bool(value) == 1)
    config->titles = PAUDIT_TITLES_ON;
  else if (config_bool(value) == 0)
    config->titles = PAUDIT_TITLES_OFF;
  else
    return (-1);

  return (0);
}


static int
set_title_key(paudit_config_t *config, const char *value)
{
  return (config_path(&config->title_key, value));
}


static const config_directive_t directives[] =
{
  { "JsonFormat",     set_format,     "printaudit or ecs" },
  { "Syslog",         set_syslog,     "on or off" },
  { "SyslogFacility", set_facility,   "lpr, user, daemon, auth or local0 to local7" },
  { "SyslogSocket",   set_socket,     CONFIG_SOCKET_EXPECT },
  { "SyslogMaxSize",  set_max_size,   "a size from 512 to 65536 bytes" },
  { "SyslogMaxParts", set_max_parts,  "a number of messages from 2 to 10000" },
  { "JsonLog",        set_json_log,   "an absolute path or none" },
  { "OnLogFailure",   set_on_failure, "print or stop" },
  { "OutcomeLog",     set_outcome_log, "an absolute path or none" },
  { "LogTitles",      set_titles,     "on, off or hash" },
  { "TitleKeyFile",   set_title_key,  "an absolute path" }
};


/*
 * 'pauditConfigInit()' - Set the defaults.
 */

paudit_status_t				/* O - Status */
pauditConfigInit(paudit_config_t *config)/* I - Config */
{
  memset(config, 0, sizeof(*config));
  config->syslog          = 1;
  config->syslog_facility = LOG_LPR;
#ifdef __APPLE__
  config->syslog_max      = 900;
#else
  config->syslog_max      = 4000;
#endif
  config->syslog_max_parts = CONFIG_DEF_PARTS;
  config->on_failure      = PAUDIT_ONFAIL_PRINT;

#ifdef PAUDIT_SYSLOG_API
  config->syslog_socket   = NULL;		// syslog(3)
  return (PAUDIT_STATUS_OK);
#else
  config->syslog_socket   = strdup("/dev/log");
  return (config->syslog_socket ? PAUDIT_STATUS_OK : PAUDIT_STATUS_NOMEM);
#endif
}


/*
 * 'pauditConfigClear()' - Free the strings of a config.
 */

void
pauditConfigClear(paudit_config_t *config)/* I - Config */
{
  free(config->syslog_socket);
  free(config->json_log);
  free(config->outcome_log);
  free(config->title_key);
  memset(config, 0, sizeof(*config));
}


/*
 * 'config_read()' - Read a whole (small) file; checks ownership when secure.
 */

static paudit_status_t
config_read(const char     *path,	/* I - File */
            int            missing_ok,	/* I - A missing file is fine */
            int            secure,	/* I - Require root, no g/o write */
            paudit_buf_t   *text,	/* O - Contents */
            paudit_error_t *error)	/* O - Error */
{
  int		fd;
  struct stat	info;
  ssize_t	got;
  size_t	want;			/* Room for this read() */
  paudit_status_t status = PAUDIT_STATUS_OK;


  // O_NONBLOCK: a FIFO must not hang open(); it is refused below.
  if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0)
  {
    if (errno == ENOENT && missing_ok)
      return (PAUDIT_STATUS_OK);
    pauditErrorSet(error, 0, "Unable to open %s: %s", path, strerror(errno));
    return (PAUDIT_STATUS_IO);
  }

  if (fstat(fd, &info))
  {
    pauditErrorSet(error, 0, "Unable to stat %s: %s", path, strerror(errno));
    status = PAUDIT_STATUS_IO;
  }
  else if (!S_ISREG(info.st_mode))
  {
    pauditErrorSet(error, 0, "%s is not a regular file", path);
    status = PAUDIT_STATUS_IO;
  }
  else if (secure && (info.st_uid != 0 || (info.st_mode & (S_IWGRP | S_IWOTH))))
  {
    pauditErrorSet(error, 0, "Refusing %s: it must be owned by root and not writable by group or others", path);
    status = PAUDIT_STATUS_INSECURE;
  }
  else if (info.st_size > CONFIG_MAX_SIZE)
  {
    pauditErrorSet(error, 0, "%s is larger than %d bytes", path, CONFIG_MAX_SIZE);
    status = PAUDIT_STATUS_CONFIG;
  }

  // A short read of a regular file that has given its fstat() size is its
  // end: no second read() just to see 0 (one system call per file a job).
  // A size of 0 (as /proc reports) says nothing: read until 0 there.
  while (status == PAUDIT_STATUS_OK)
  {
    if (pauditBufReserve(text, 4096))
    {
      pauditErrorSet(error, 0, "Out of memory reading %s", path);
      status = PAUDIT_STATUS_NOMEM;
      break;
    }
    want = text->size - text->len - 1;
    if ((got = read(fd, text->data + text->len, want)) < 0)
    {
      if (errno == EINTR)
        continue;
      pauditErrorSet(error, 0, "Unable to read %s: %s", path, strerror(errno));
      status = PAUDIT_STATUS_IO;
    }
    else if (got == 0)
      break;
    else if ((text->len += (size_t)got) > CONFIG_MAX_SIZE)
    {
      pauditErrorSet(error, 0, "%s is larger than %d bytes", path, CONFIG_MAX_SIZE);
      status = PAUDIT_STATUS_CONFIG;
    }
    else if ((size_t)got < want && info.st_size > 0 && text->len >= (size_t)info.st_size)
      break;
  }

  close(fd);
  if (text->data)
    text->data[text->len] = '\0';

  return (status);
}


/*
 * 'config_split()' - Split a line into directive and value, in place.
 */

static char *				/* O - Directive, or NULL for blank/comment */
config_split(char *line,		/* I - Line, modified */
             char **value)		/* O - Value, trimmed ("" if none) */
{
  char	*name, *end, *hash;


  // '#' starts a comment anywhere, as cupsFileGetConf() reads it; "\#" is
  // a literal '#'.
  if ((hash = strchr(line, '#')) != NULL)
  {
    if (hash > line && hash[-1] == '\\')
      memmove(hash - 1, hash, strlen(hash) + 1);
    else
      *hash = '\0';
  }

  for (name = line; *name == ' ' || *name == '\t' || *name == '\r'; name ++);
  if (!*name)
    return (NULL);

  for (*value = name; **value && **value != ' ' && **value != '\t'; (*value) ++);
  if (**value)
    *(*value)++ = '\0';
  while (**value == ' ' || **value == '\t')
    (*value) ++;
  for (end = *value + strlen(*value); end > *value && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'); *--end = '\0');

  return (name);
}


/*
 * 'config_line()' - Apply one line ("Directive value", comment or blank).
 */

static paudit_status_t
config_line(paudit_config_t *config,	/* I - Config */
            char            *line,	/* I - Line, modified */
            int             linenum,	/* I - Line number */
            const char      *path,	/* I - File */
            paudit_error_t  *error)	/* O - Error */
{
  char		*name, *value;
  size_t	i;
  int		status;


  if ((name = config_split(line, &value)) == NULL)
    return (PAUDIT_STATUS_OK);

  for (i = 0; i < sizeof(directives) / sizeof(directives[0]); i ++)
  {
    if (strcasecmp(name, directives[i].name))
      continue;

    if (!*value)
      status = -1;
    else
      status = (directives[i].set)(config, value);

    if (status == -2)
    {
      pauditErrorSet(error, linenum, "Out of memory");
      return (PAUDIT_STATUS_NOMEM);
    }
    if (status)
    {
      pauditErrorSet(error, linenum, "Bad value \"%.200s\" for %s on line %d of %s (expected %s)",
                     value, directives[i].name, linenum, path, directives[i].expect);
      return (PAUDIT_STATUS_CONFIG);
    }

    return (PAUDIT_STATUS_OK);
  }

  pauditErrorSet(error, linenum, "Unknown directive %.100s on line %d of %s", name, linenum, path);

  return (PAUDIT_STATUS_CONFIG);
}


/*
 * 'pauditConfigLoad()' - Read printaudit.conf into config.
 */

paudit_status_t				/* O - Status */
pauditConfigLoad(paudit_config_t *config,/* I - Config (defaults set) */
                 const char      *path,	/* I - File */
                 int             missing_ok,/* I - A missing file is fine */
                 int             secure,/* I - Check owner and mode */
                 paudit_error_t  *error)/* O - Error */
{
  paudit_buf_t		text = { NULL, 0, 0, 0 };
  paudit_status_t	status;
  char			*line, *next, *nul;
  int			linenum;


  status = config_read(path, missing_ok, secure, &text, error);

  if (status == PAUDIT_STATUS_OK && text.data &&
      (nul = memchr(text.data, '\0', text.len)) != NULL)
  {
    for (linenum = 1, line = text.data; line < nul; line ++)
      linenum += *line == '\n';
    pauditErrorSet(error, linenum, "NUL byte on line %d of %s", linenum, path);
    status = PAUDIT_STATUS_CONFIG;
  }

  for (line = text.data, linenum = 1; status == PAUDIT_STATUS_OK && line && line < text.data + text.len; line = next, linenum ++)
  {
    if ((next = memchr(line, '\n', (size_t)(text.data + text.len - line))) != NULL)
      *next++ = '\0';
    else
      next = text.data + text.len;

    status = config_line(config, line, linenum, path, error);
  }

  free(text.data);

  if (status == PAUDIT_STATUS_OK && config->titles == PAUDIT_TITLES_HASH && !config->title_key)
  {
    pauditErrorSet(error, 0, "LogTitles hash needs a TitleKeyFile in %s", path);
    status = PAUDIT_STATUS_CONFIG;
  }

  return (status);
}


/*
 * 'pauditConfigLoadDefault()' - Set the defaults and read the printaudit.conf
 *                               this process's environment names.
 *
 * The path is joined by hand, not with snprintf(): on a job that goes well
 * the shim formats no other text (bench/README.md).
 */

paudit_status_t				/* O - Status */
pauditConfigLoadDefault(
    paudit_config_t *config,		/* O - Config; cleared on error */
    const char      *serverroot,	/* I - Compiled-in ServerRoot */
    int             secure,		/* I - Check owner and mode */
    paudit_error_t  *error)		/* O - Error */
{
  static const char	name[] = "/printaudit.conf";
  const char		*path = getenv("PRINTAUDIT_CONF"),
			*envroot;
  char			defpath[1024];
  size_t		len;
  paudit_status_t	status;


  if ((status = pauditConfigInit(config)) != PAUDIT_STATUS_OK)
  {
    pauditErrorSet(error, 0, "Out of memory");
    pauditConfigClear(config);
    return (status);
  }

  if (path)
  {
    // Named by the caller: it must exist.
    status = pauditConfigLoad(config, path, 0, secure, error);
  }
  else
  {
    if ((envroot = getenv("CUPS_SERVERROOT")) != NULL && envroot[0] == '/')
      serverroot = envroot;
    if ((len = strlen(serverroot)) > sizeof(defpath) - sizeof(name))
    {
      pauditErrorSet(error, 0, "CUPS_SERVERROOT is too long");
      status = PAUDIT_STATUS_INVALID;
    }
    else
    {
      memcpy(defpath, serverroot, len);
      memcpy(defpath + len, name, sizeof(name));
      status = pauditConfigLoad(config, defpath, 1, secure, error);
    }
  }

  if (status != PAUDIT_STATUS_OK)
    pauditConfigClear(config);

  return (status);
}


/*
 * 'pauditCupsIdentityLoad()' - The User and Group lines of cups-files.conf.
 */

paudit_status_t				/* O - Status */
pauditCupsIdentityLoad(const char     *path,/* I - cups-files.conf */
                       char           *user,/* IO - User, default in */
                       size_t         usersize,/* I - Size of user */
                       char           *group,/* IO - Group, default in */
                       size_t         groupsize,/* I - Size of group */
                       paudit_error_t *error)/* O - Error */
{
  paudit_buf_t		text = { NULL, 0, 0, 0 };
  paudit_status_t	status;
  char			*line, *next, *name, *value;
  int			linenum = 0, is_user;


  status = config_read(path, 1, 0, &text, error);

  for (line = text.data; status == PAUDIT_STATUS_OK && line && line < text.data + text.len; line = next)
  {
    linenum ++;

    // A line ends at its newline; a NUL byte only ends what is read of it.
    if ((next = memchr(line, '\n', (size_t)(text.data + text.len - line))) != NULL)
      *next++ = '\0';
    else
      next = text.data + text.len;

    if ((name = config_split(line, &value)) == NULL || !*value)
      continue;

    // A value too long to hold is an error: neither the default nor an
    // earlier line may silently stand in for it.
    if ((is_user = !strcasecmp(name, "User")) != 0 || !strcasecmp(name, "Group"))
    {
      char	*field = is_user ? user : group;
      size_t	size = is_user ? usersize : groupsize;

      if (strlen(value) >= size)
      {
        pauditErrorSet(error, linenum, "CUPS %s \"%.64s...\" on line %d of %s is too long",
                       is_user ? "User" : "Group", value, linenum, path);
        status = PAUDIT_STATUS_CONFIG;
      }
      else
        memcpy(field, value, strlen(value) + 1);
    }
  }

  free(text.data);

  return (status);
}


/*
 * 'identity_number()' - The leading digits of a User or Group value.
 *
 * cupsd reads a value that starts with a digit as a number (atoi): "7lp"
 * is 7.  A number that does not fit an id is refused here.
 */

static int				/* O - 0 on success, -1 if too large */
identity_number(const char    *value,	/* I - Value, starts with a digit */
                unsigned long *id)	/* O - Id */
{
  char	*end;


  errno = 0;
  *id   = strtoul(value, &end, 10);

  return (errno || *id >= 0xFFFFFFFFUL ? -1 : 0);
}


/*
 * The account files, read directly when NSS would read them first.
 *
 * getpwnam() and getgrnam() cost the shim ~45,000 instructions per job on
 * the drop path (cupsd's 0755 socket and ipp backends): NSS parses
 * nsswitch.conf, sets up its modules and parses /etc/passwd and /etc/group
 * through its generic machinery.  When nsswitch.conf names "files" first
 * for the database (no action after it), NSS returns the first entry of
 * that name in the file: the same entry is found here by reading the file.
 * Anything else (no nsswitch.conf, another first source, an action, the
 * database named twice, a file that cannot be read or is too large, a
 * NUL byte, a "+"/"-" name, an entry whose id is not a plain number, or
 * no entry of that name) goes to getpwnam()/getgrnam(), whose answer is
 * NSS's by definition.
 */

static const char	*account_nsswitch = "/etc/nsswitch.conf",
			*account_passwd = "/etc/passwd",
			*account_group = "/etc/group";
static int		account_first = -1;	/* Bits: files first for group (1), passwd (2); -1 unread */


/*
 * 'pauditAccountFiles()' - Set the files of the fast path (tests only).
 */

void
pauditAccountFiles(const char *nsswitch,/* I - nsswitch.conf, NULL: always NSS */
                   const char *passwd,	/* I - passwd file */
                   const char *group)	/* I - group file */
{
  account_first    = -1;
  account_nsswitch = nsswitch;
  account_passwd   = passwd;
  account_group    = group;
}


/*
 * 'account_line()' - The next line of a file's text, nul-terminated.
 */

static char *				/* O - Line or NULL at the end */
account_line(char **p,			/* IO - Position */
             char *end)			/* I - End of the text */
{
  char	*line = *p, *nl;


  if (line >= end)
    return (NULL);
  if ((nl = memchr(line, '\n', (size_t)(end - line))) != NULL)
  {
    *nl = '\0';
    *p  = nl + 1;
  }
  else
    *p = end;

  return (line);
}


/*
 * 'account_read()' - Read a file for the fast path.
 */

static int				/* O - 0 if read (text set), -1 if not */
account_read(const char   *path,	/* I - File */
             paudit_buf_t *text)	/* O - Its text */
{
  paudit_error_t	error;


  pauditErrorClear(&error);
  if (!path || config_read(path, 0, 0, text, &error) != PAUDIT_STATUS_OK ||
      !text->data || memchr(text->data, '\0', text->len))
  {
    free(text->data);
    text->data = NULL;
    return (-1);
  }

  return (0);
}


/*
 * 'account_files_first()' - Does nsswitch.conf name "files" first for db?
 *
 * nsswitch.conf is read once for both databases (again after
 * pauditAccountFiles()).
 */

static int				/* O - 1 if so, 0 if not or unsure */
account_files_first(int user)		/* I - 1 for passwd, 0 for group */
{
  static const char * const dbs[2] = { "group", "passwd" };
  paudit_buf_t	text = { NULL, 0, 0, 0 };
  char		*p, *end, *line, *colon, *name, *service;
  size_t	len;
  int		i, seen[2] = { 0, 0 }, first[2] = { 0, 0 };


  if (account_first < 0)
  {
    account_first = 0;
    if (account_read(account_nsswitch, &text))
      return (0);

    for (p = text.data, end = text.data + text.len; (line = account_line(&p, end)) != NULL;)
    {
      if ((colon = strchr(line, '#')) != NULL)
        *colon = '\0';
      for (name = line; *name == ' ' || *name == '\t'; name ++);
      if ((colon = strchr(name, ':')) == NULL)
        continue;
      for (len = (size_t)(colon - name); len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'); len --);
      for (i = 0; i < 2; i ++)
        if (len == strlen(dbs[i]) && !strncasecmp(name, dbs[i], len))
          break;
      if (i == 2)
        continue;

      // The first service must be "files", with no [action] after it.
      for (service = colon + 1; *service == ' ' || *service == '\t'; service ++);
      first[i] = !strncmp(service, "files", 5) &&
                 (!service[5] || service[5] == ' ' || service[5] == '\t');
      if (first[i])
      {
        for (service += 5; *service == ' ' || *service == '\t'; service ++);
        first[i] = *service != '[';
      }
      seen[i] ++;
    }

    free(text.data);

    // Named once, files first: bit 1 for group, bit 2 for passwd.
    for (i = 0; i < 2; i ++)
      if (seen[i] == 1 && first[i])
        account_first |= 1 << i;
  }

  return ((account_first >> user) & 1);
}


/*
 * 'account_number()' - Read an id field as the files module reads one: a
 *                      plain number of at most 32 bits.
 */

static const char *			/* O - Byte after the digits, NULL if none or too big */
account_number(const char    *field,	/* I - Field */
               unsigned long *number)	/* O - Its value */
{
  const char	*p;


  // glibc refuses an id past 32 bits: so does this, a little early.
  for (p = field, *number = 0; *p >= '0' && *p <= '9' && *number < 429496729UL; p ++)
    *number = *number * 10 + (unsigned long)(*p - '0');

  return (p > field && *number < 0xFFFFFFFFUL ? p : NULL);
}


/*
 * 'account_find()' - The id of the first entry named name in a passwd or
 *                    group file (id in the third field in both).
 *
 * glibc's files module skips an entry it cannot parse and goes on to the
 * next of that name: a passwd entry's gid (the fourth field) must be a
 * number too, or NSS is asked.  A name holding ':' names no entry.
 */

static int				/* O - 1 if found, 0 if not or unsure */
account_find(int           user,	/* I - 1 for passwd, 0 for group */
             const char    *path,	/* I - File */
             const char    *name,	/* I - Name */
             unsigned long *id)		/* O - Id */
{
  paudit_buf_t	text = { NULL, 0, 0, 0 };
  char		*p, *end, *line, *field;
  const char	*after, *gid_end;
  size_t	namelen = strlen(name);
  unsigned long	number, gid;
  int		found = 0;


  if (strchr(name, ':') || account_read(path, &text))
    return (0);

  for (p = text.data, end = text.data + text.len; (line = account_line(&p, end)) != NULL;)
  {
    // As NSS's files module: leading blanks, empty and comment lines skipped.
    while (*line == ' ' || *line == '\t' || *line == '\r' || *line == '\v' || *line == '\f')
      line ++;
    if (strncmp(line, name, namelen) || line[namelen] != ':')
      continue;

    // name:password:id:...  An id that is not a plain number: ask NSS.
    if ((field = strchr(line + namelen + 1, ':')) == NULL)
      break;
    if ((after = account_number(field + 1, &number)) != NULL && *after == ':' &&
        (!user || ((gid_end = account_number(after + 1, &gid)) != NULL &&
                   (*gid_end == ':' || !*gid_end))))
    {
      *id   = number;
      found = 1;
    }
    break;
  }

  free(text.data);

  return (found);
}


/*
 * 'account_lookup()' - The uid or gid of a name, as NSS finds it.
 */

static int				/* O - 1 if found, 0 if not */
account_lookup(int           user,	/* I - 1 for passwd, 0 for group */
               const char    *name,	/* I - Name */
               unsigned long *id)	/* O - Id */
{
  struct passwd	*pw;
  struct group	*gr;


  if (name[0] != '+' && name[0] != '-' && name[0] && name[0] != '#' &&
      account_files_first(user) &&
      account_find(user, user ? account_passwd : account_group, name, id))
    return (1);

  if (user && (pw = getpwnam(name)) != NULL)
    *id = (unsigned long)pw->pw_uid;
  else if (!user && (gr = getgrnam(name)) != NULL)
    *id = (unsigned long)gr->gr_gid;
  else
    return (0);

  return (1);
}


/*
 * 'pauditCupsIdentityResolve()' - The uid and gid of CUPS User and Group.
 *
 * The same reading as cupsd's (scheduler/conf.c): a value that starts with
 * a digit is a number and never looked up as a name; anything else is a
 * name for getpwnam() or getgrnam() (or the files they would read first:
 * account_lookup()).  User 0, or a name whose uid is 0, is refused, as
 * cupsd refuses it.
 */

paudit_status_t				/* O - Status */
pauditCupsIdentityResolve(
    const char     *path,		/* I - cups-files.conf, for messages */
    const char     *user,		/* I - User value */
    const char     *group,		/* I - Group value */
    uid_t          *uid,		/* O - User id */
    gid_t          *gid,		/* O - Group id */
    paudit_error_t *error)		/* O - Error */
{
  unsigned long	number;


  if (user[0] >= '0' && user[0] <= '9')
  {
    if (identity_number(user, &number))
    {
      pauditErrorSet(error, 0, "Bad CUPS User \"%s\" in %s", user, path);
      return (PAUDIT_STATUS_CONFIG);
    }
  }
  else if (!account_lookup(1, user, &number))
  {
    pauditErrorSet(error, 0, "Unknown CUPS User \"%s\" in %s", user, path);
    return (PAUDIT_STATUS_CONFIG);
  }

  if (number == 0)
  {
    pauditErrorSet(error, 0, "Will not run the backend as CUPS User \"%s\" (uid 0) from %s: cupsd refuses it too; use an unprivileged account", user, path);
    return (PAUDIT_STATUS_INSECURE);
  }
  *uid = (uid_t)number;

  if (group[0] >= '0' && group[0] <= '9')
  {
    if (identity_number(group, &number))
    {
      pauditErrorSet(error, 0, "Bad CUPS Group \"%s\" in %s", group, path);
      return (PAUDIT_STATUS_CONFIG);
    }
  }
  else if (!account_lookup(0, group, &number))
  {
    pauditErrorSet(error, 0, "Unknown CUPS Group \"%s\" in %s", group, path);
    return (PAUDIT_STATUS_CONFIG);
  }
  *gid = (gid_t)number;

  return (PAUDIT_STATUS_OK);
}


/*
 * 'pauditBackendAsRoot()' - cupsd's rule: does a backend of this mode run as root?
 *
 * cupsd runs a backend as root when others cannot run it and nobody but
 * its owner can write it; the platforms' cupsd differ on "others"
 * (scheduler/job.c, cupsdContinueJob): OpenPrinting CUPS (Linux, the BSDs)
 * looks at S_IWGRP|S_IWOTH|S_IXOTH, so a 0744 backend runs as root; Apple's
 * cupsd looks at S_IWGRP|S_IRWXO, so a 0744 backend runs as the CUPS user.
 */

int					/* O - 1 for root, 0 for the CUPS user */
pauditBackendAsRoot(
    mode_t            mode,		/* I - The backend file's st_mode */
    paudit_rootrule_t rule)		/* I - Whose cupsd's rule */
{
  if (rule == PAUDIT_ROOTRULE_APPLE)
    return (!(mode & (S_IWGRP | S_IRWXO)));
  else
    return (!(mode & (S_IWGRP | S_IWOTH | S_IXOTH)));
}
