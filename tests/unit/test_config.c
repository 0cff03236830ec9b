/*
 * printaudit unit tests: printaudit.conf (lib/config.c).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include "printaudit-private.h"
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>


static char	tmpdir[256];		/* Private directory for the files */


/*
 * 'setupDir()', 'removeDir()' - One directory for the test case, made and
 * removed by the runner (an unchecked fixture), so a failing test leaves
 * nothing behind.
 */

static void
setupDir(void)
{
  unitTempDir(tmpdir, sizeof(tmpdir), "config");
}


static void
removeDir(void)
{
  unitTempDirRemove(tmpdir);
}


/*
 * 'writeConf()' - Write a configuration file with a mode.
 *
 * O - Static path.
 */

static const char *
writeConf(const char *text,		/* I - Contents */
          mode_t     mode)		/* I - Permissions */
{
  return (unitWriteFile(tmpdir, "printaudit.conf", text, mode));
}


/*
 * Defaults.
 */

START_TEST(test_config_defaults)
{
  paudit_config_t	config;


  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(config.syslog, 1);
  ck_assert_int_eq(config.syslog_facility, LOG_LPR);
#ifdef PAUDIT_SYSLOG_API
  ck_assert_ptr_null(config.syslog_socket);	// syslog(3)
#else
  ck_assert_str_eq(config.syslog_socket, "/dev/log");
#endif
  ck_assert_uint_eq(config.syslog_max_parts, 64);
#ifdef __APPLE__
  ck_assert_uint_eq(config.syslog_max, 900);
#else
  ck_assert_uint_eq(config.syslog_max, 4000);
#endif
  ck_assert_ptr_null(config.json_log);
  ck_assert_int_eq(config.on_failure, PAUDIT_ONFAIL_PRINT);
  pauditConfigClear(&config);
}
END_TEST


/*
 * Valid files: each directive, comments, blank lines, whitespace.
 */

typedef struct good_case_s
{
  const char		*text;		/* File contents */
  int			syslog;		/* Expected settings... */
  int			facility;
  const char		*socket;
  size_t		max;
  const char		*json_log;
  paudit_onfail_t	on_failure;
} good_case_t;

#ifdef __APPLE__
#  define DMAX 900
#else
#  define DMAX 4000
#endif
#ifdef PAUDIT_SYSLOG_API
#  define DSOCK NULL			/* syslog(3) */
#else
#  define DSOCK "/dev/log"
#endif
#define DEF 1, LOG_LPR, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT

static const good_case_t good_cases[] =
{
  { "", DEF },
  { "\n\n\n", DEF },
  { "# A comment\n#Syslog off\n   # indented comment\n", DEF },
  { "   \n\t\n", DEF },
  { "Syslog off\n", 0, LOG_LPR, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "Syslog on\n", DEF },
  { "Syslog off", 0, LOG_LPR, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "Syslog off\nSyslog on\n", DEF },
  { "  Syslog   off  \n", 0, LOG_LPR, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "\tSyslog\toff\n", 0, LOG_LPR, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility lpr\n", DEF },
  { "SyslogFacility user\n", 1, LOG_USER, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility daemon\n", 1, LOG_DAEMON, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility auth\n", 1, LOG_AUTH, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local0\n", 1, LOG_LOCAL0, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local1\n", 1, LOG_LOCAL1, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local2\n", 1, LOG_LOCAL2, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local3\n", 1, LOG_LOCAL3, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local4\n", 1, LOG_LOCAL4, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local5\n", 1, LOG_LOCAL5, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local6\n", 1, LOG_LOCAL6, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogFacility local7\n", 1, LOG_LOCAL7, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogSocket /run/printaudit/log.sock\n", 1, LOG_LPR, "/run/printaudit/log.sock", DMAX,
    NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogMaxSize 900\n", 1, LOG_LPR, DSOCK, 900, NULL, PAUDIT_ONFAIL_PRINT },
  { "SyslogMaxSize 65536\n", 1, LOG_LPR, DSOCK, 65536, NULL, PAUDIT_ONFAIL_PRINT },
  { "JsonLog /var/log/printaudit.jsonl\n", 1, LOG_LPR, DSOCK, DMAX,
    "/var/log/printaudit.jsonl", PAUDIT_ONFAIL_PRINT },
  { "JsonLog none\n", DEF },
  { "JsonLog /a.jsonl\nJsonLog none\n", DEF },
  { "OnLogFailure stop\n", 1, LOG_LPR, DSOCK, DMAX, NULL, PAUDIT_ONFAIL_STOP },
  { "OnLogFailure print\n", DEF },
  // cupsFileGetConf() strips a comment that follows a value.
  { "SyslogFacility local3 # trailing comment\n", 1, LOG_LOCAL3, DSOCK, DMAX, NULL,
    PAUDIT_ONFAIL_PRINT },
  { "JsonLog /var/log/a.jsonl # audit trail\n", 1, LOG_LPR, DSOCK, DMAX,
    "/var/log/a.jsonl", PAUDIT_ONFAIL_PRINT },
  { "# printaudit.conf\n"
    "\n"
    "Syslog off\n"
    "SyslogFacility local5\n"
    "  # the receiver\n"
    "SyslogSocket /tmp/rx.sock\n"
    "SyslogMaxSize 2048\n"
    "\n"
    "JsonLog /var/log/cups/printaudit.jsonl\n"
    "OnLogFailure stop\n",
    0, LOG_LOCAL5, "/tmp/rx.sock", 2048, "/var/log/cups/printaudit.jsonl", PAUDIT_ONFAIL_STOP },
};


START_TEST(test_config_good)
{
  const good_case_t	*c = good_cases + _i;
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	status;
  const char		*path;


  path = writeConf(c->text, 0644);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  status = pauditConfigLoad(&config, path, 0, 0, &error);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "case %d: status %d: %s", _i,
                (int)status, error.text);
  ck_assert_int_eq(config.syslog, c->syslog);
  ck_assert_int_eq(config.syslog_facility, c->facility);
  ck_assert_pstr_eq(config.syslog_socket, c->socket);
  ck_assert_uint_eq(config.syslog_max, c->max);
  if (c->json_log)
    ck_assert_pstr_eq(config.json_log, c->json_log);
  else
    ck_assert_ptr_null(config.json_log);
  ck_assert_int_eq(config.on_failure, c->on_failure);
  pauditConfigClear(&config);
}
END_TEST


/*
 * Bad lines: PAUDIT_STATUS_CONFIG, the line number, a message naming it.
 */

typedef struct bad_case_s
{
  const char	*text;			/* File contents */
  int		line;			/* Expected error line */
} bad_case_t;

static const bad_case_t bad_cases[] =
{
  { "Bogus 1\n", 1 },
  { "Syslog off\n# comment\nFoo bar\n", 3 },
  { "\n\n\n\nUnknown\n", 5 },
  { "Syslog maybe\n", 1 },
  { "Syslog\n", 1 },
  { "Syslog on off\n", 1 },
  { "SyslogFacility local8\n", 1 },
  { "SyslogFacility bogus\n", 1 },
  { "SyslogFacility\n", 1 },
  { "SyslogSocket\n", 1 },
  { "SyslogMaxSize abc\n", 1 },
  { "SyslogMaxSize -1\n", 1 },
  { "SyslogMaxSize 0\n", 1 },
  { "SyslogMaxSize 12x\n", 1 },
  { "SyslogMaxSize 99999999999999999999999\n", 1 },
  { "SyslogMaxSize\n", 1 },
  { "Syslog on\n\nJsonLog\n", 3 },
  { "OnLogFailure maybe\n", 1 },
  { "OnLogFailure\n", 1 },
  { "Syslog on\nSyslog off\nSyslogFacility lpr\nOnLogFailure print\nOnLogFailure halt\n", 5 },
  { "<Location />\n", 1 },
};


START_TEST(test_config_bad)
{
  const bad_case_t	*c = bad_cases + _i;
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	status;
  const char		*path;
  char			needle[32];


  path = writeConf(c->text, 0644);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  status = pauditConfigLoad(&config, path, 0, 0, &error);
  ck_assert_msg(status == PAUDIT_STATUS_CONFIG, "case %d: status %d, expected CONFIG",
                _i, (int)status);
  ck_assert_msg(error.line == c->line, "case %d: line %d, expected %d", _i,
                error.line, c->line);
  snprintf(needle, sizeof(needle), "line %d", c->line);
  ck_assert_msg(strstr(error.text, needle) != NULL, "case %d: \"%s\" lacks \"%s\"",
                _i, error.text, needle);
  ck_assert_msg(strstr(error.text, path) != NULL, "case %d: \"%s\" lacks the file name",
                _i, error.text);
  pauditConfigClear(&config);

  // The error argument may be NULL.
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, NULL), PAUDIT_STATUS_CONFIG);
  pauditConfigClear(&config);
}
END_TEST


/*
 * SyslogMaxParts: 2 to 10000, digits only; the value a bad line names.
 * SyslogSocket syslog(3): only in builds with PAUDIT_SYSLOG_API.
 */

typedef struct parts_case_s
{
  const char	*text;			/* File contents */
  size_t	parts;			/* Expected syslog_max_parts, 0 for an error */
} parts_case_t;

static const parts_case_t parts_cases[] =
{
  { "SyslogMaxParts 2\n", 2 },
  { "SyslogMaxParts 64\n", 64 },
  { "syslogmaxparts 300\n", 300 },
  { "SyslogMaxParts 10000\n", 10000 },
  { "SyslogMaxParts 5\nSyslogMaxParts 7\n", 7 },
  { "SyslogMaxParts 9 # comment\n", 9 },
  { "SyslogMaxParts 1\n", 0 },
  { "SyslogMaxParts 0\n", 0 },
  { "SyslogMaxParts 10001\n", 0 },
  { "SyslogMaxParts -64\n", 0 },
  { "SyslogMaxParts +64\n", 0 },
  { "SyslogMaxParts 64k\n", 0 },
  { "SyslogMaxParts 0x40\n", 0 },
  { "SyslogMaxParts 99999999999999999999999\n", 0 },
  { "SyslogMaxParts\n", 0 },
  { "SyslogMaxParts none\n", 0 },
};


START_TEST(test_config_max_parts)
{
  const parts_case_t	*c = parts_cases + _i;
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	status;
  const char		*path;


  path = writeConf(c->text, 0644);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  status = pauditConfigLoad(&config, path, 0, 0, &error);
  if (c->parts)
  {
    ck_assert_msg(status == PAUDIT_STATUS_OK, "case %d: %s", _i, error.text);
    ck_assert_uint_eq(config.syslog_max_parts, c->parts);
  }
  else
  {
    ck_assert_msg(status == PAUDIT_STATUS_CONFIG, "case %d: status %d", _i, (int)status);
    ck_assert_msg(strstr(error.text, "for SyslogMaxParts on line 1") &&
                  strstr(error.text, "(expected a number of messages from 2 to 10000)"),
                  "case %d: \"%s\"", _i, error.text);
    ck_assert_uint_eq(config.syslog_max_parts, 64);
  }
  pauditConfigClear(&config);
}
END_TEST


START_TEST(test_config_syslog_api)
{
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	status;
  const char		*path;


  // A path after syslog(3), and syslog(3) after a path: the later line wins.
  path = writeConf("SyslogSocket /run/a.sock\nSyslogSocket syslog(3)\n", 0644);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  status = pauditConfigLoad(&config, path, 0, 0, &error);
#ifdef PAUDIT_SYSLOG_API
  ck_assert_msg(status == PAUDIT_STATUS_OK, "%s", error.text);
  ck_assert_ptr_null(config.syslog_socket);
  pauditConfigClear(&config);

  path = writeConf("SyslogSocket syslog(3)\nSyslogSocket /run/a.sock\n", 0644);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_OK);
  ck_assert_pstr_eq(config.syslog_socket, "/run/a.sock");
#else
  // Not offered where glibc's syslog(3) could hang a job on a stalled receiver.
  ck_assert_int_eq(status, PAUDIT_STATUS_CONFIG);
  ck_assert_msg(strstr(error.text, "Bad value \"syslog(3)\" for SyslogSocket on line 2") &&
                strstr(error.text, "(expected an absolute socket path)"), "\"%s\"", error.text);
#endif
  pauditConfigClear(&config);
}
END_TEST


START_TEST(test_config_unknown_names_directive)
{
  paudit_config_t	config;
  paudit_error_t	error;
  const char		*path;


  path = writeConf("Syslog on\n\nFrobnicate yes\n", 0644);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_CONFIG);
  ck_assert_msg(strstr(error.text, "Frobnicate") != NULL, "\"%s\"", error.text);
  pauditConfigClear(&config);
}
END_TEST


/*
 * Missing files.
 */

START_TEST(test_config_missing)
{
  paudit_config_t	config;
  paudit_error_t	error;
  char			path[512];


  snprintf(path, sizeof(path), "%s/printaudit.conf", tmpdir);
  unlink(path);

  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 1, 1, &error), PAUDIT_STATUS_OK);
  ck_assert_int_eq(config.syslog, 1);
  ck_assert_ptr_null(config.json_log);
  pauditConfigClear(&config);

  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, path) != NULL, "\"%s\" lacks the file name", error.text);
  pauditConfigClear(&config);
}
END_TEST


/*
 * Permissions (secure = 1).
 */

typedef struct perm_case_s
{
  mode_t		mode;		/* File mode */
  int			secure;		/* Check? */
  paudit_status_t	expect;		/* Expected status when root owns it */
} perm_case_t;

static const perm_case_t perm_cases[] =
{
  { 0644, 1, PAUDIT_STATUS_OK },
  { 0600, 1, PAUDIT_STATUS_OK },
  { 0640, 1, PAUDIT_STATUS_OK },
  { 0664, 1, PAUDIT_STATUS_INSECURE },	// group-writable
  { 0620, 1, PAUDIT_STATUS_INSECURE },
  { 0646, 1, PAUDIT_STATUS_INSECURE },	// world-writable
  { 0666, 1, PAUDIT_STATUS_INSECURE },
  { 0666, 0, PAUDIT_STATUS_OK },	// not checked
};

START_TEST(test_config_permissions)
{
  const perm_case_t	*c = perm_cases + _i;
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	expect = c->expect, status;
  const char		*path;


  // A file that root does not own is refused anyway when checking.
  if (geteuid() != 0 && c->secure)
    expect = PAUDIT_STATUS_INSECURE;

  path = writeConf("Syslog off\n", c->mode);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  status = pauditConfigLoad(&config, path, 0, c->secure, &error);
  ck_assert_msg(status == expect, "mode %03o secure %d: status %d, expected %d (%s)",
                (unsigned)c->mode, c->secure, (int)status, (int)expect, error.text);
  if (expect == PAUDIT_STATUS_INSECURE)
  {
    ck_assert_msg(strstr(error.text, path) != NULL, "\"%s\" lacks the file name", error.text);
    ck_assert_int_eq(config.syslog, 1);	// Nothing read from it
  }
  else
    ck_assert_int_eq(config.syslog, 0);
  pauditConfigClear(&config);
}
END_TEST


START_TEST(test_config_not_root_owned)
{
  paudit_config_t	config;
  paudit_error_t	error;
  const char		*path;


  if (geteuid() != 0)
    return;				// Only root can give a file away

  path = writeConf("Syslog off\n", 0644);
  ck_assert_int_eq(chown(path, 65534, 65534), 0);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 1, &error), PAUDIT_STATUS_INSECURE);
  pauditConfigClear(&config);

  // Not checked: read.
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_OK);
  ck_assert_int_eq(config.syslog, 0);
  pauditConfigClear(&config);
}
END_TEST


START_TEST(test_config_symlink_checked_target)
{
  // The check is on the opened file: a safe symlink to an unsafe file is
  // refused.
  paudit_config_t	config;
  paudit_error_t	error;
  const char		*path;
  char			link[512];


  path = writeConf("Syslog off\n", 0666);
  snprintf(link, sizeof(link), "%s/link.conf", tmpdir);
  ck_assert_int_eq(symlink(path, link), 0);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, link, 0, 1, &error), PAUDIT_STATUS_INSECURE);
  pauditConfigClear(&config);
  unlink(link);
}
END_TEST


START_TEST(test_config_directory)
{
  paudit_config_t	config;
  paudit_error_t	error;


  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_ne(pauditConfigLoad(&config, tmpdir, 0, 0, &error), PAUDIT_STATUS_OK);
  ck_assert_str_ne(error.text, "");
  pauditConfigClear(&config);
}
END_TEST


/*
 * cups-files.conf: User and Group, defaults kept, a NUL byte survived.
 */

typedef struct identity_case_s
{
  const char	*text;			/* File contents (before the NUL part) */
  size_t	len;			/* Bytes, 0 for strlen(text) */
  const char	*user, *group;		/* Expected */
} identity_case_t;

static const identity_case_t identity_cases[] =
{
  { "", 0, "lp", "lp" },
  { "User cupsys\nGroup lpadmin\n", 0, "cupsys", "lpadmin" },
  { "# User nobody\n  user   daemon  # comment\nGROUP 7\n", 0, "daemon", "7" },
  { "SystemGroup lpadmin\nUser\nGroup\n", 0, "lp", "lp" },
  { "User a\0b\nGroup c\n", 17, "a", "c" },		// NUL: rest of line ignored
  { "Group x\0", 8, "lp", "x" },			// NUL at the end, no newline
};

START_TEST(test_cups_identity)
{
  const identity_case_t	*c = identity_cases + _i;
  char			path[512], user[64] = "lp", group[64] = "lp";
  FILE			*fp;
  paudit_error_t	error;


  snprintf(path, sizeof(path), "%s/cups-files.conf", tmpdir);
  ck_assert_ptr_nonnull((fp = fopen(path, "w")));
  ck_assert_uint_eq(fwrite(c->text, 1, c->len ? c->len : strlen(c->text), fp),
                    c->len ? c->len : strlen(c->text));
  ck_assert_int_eq(fclose(fp), 0);

  pauditErrorClear(&error);
  ck_assert_int_eq(pauditCupsIdentityLoad(path, user, sizeof(user), group,
                                          sizeof(group), &error), PAUDIT_STATUS_OK);
  ck_assert_str_eq(user, c->user);
  ck_assert_str_eq(group, c->group);
  unlink(path);
}
END_TEST


/*
 * cups-files.conf: a User or Group longer than the caller's buffer is an
 * error, never silently replaced by the default or an earlier line.
 */

START_TEST(test_cups_identity_too_long)
{
  static const char * const names[] = { "User", "Group" };
  char			path[512], user[16] = "lp", group[16] = "lp";
  FILE			*fp;
  paudit_error_t	error;


  snprintf(path, sizeof(path), "%s/cups-files.conf", tmpdir);
  ck_assert_ptr_nonnull((fp = fopen(path, "w")));
  fprintf(fp, "User daemon\nGroup daemon\n%s 1234567890123456\n", names[_i]);
  ck_assert_int_eq(fclose(fp), 0);

  pauditErrorClear(&error);
  ck_assert_int_eq(pauditCupsIdentityLoad(path, user, sizeof(user), group,
                                          sizeof(group), &error), PAUDIT_STATUS_CONFIG);
  ck_assert_msg(strstr(error.text, names[_i]) && strstr(error.text, "line 3") &&
                strstr(error.text, path), "error \"%s\"", error.text);
  unlink(path);
}
END_TEST


/*
 * CUPS User and Group to ids, as cupsd reads them (scheduler/conf.c).
 *
 * getpwnam() and getgrnam() are this program's (-Wl,--wrap): a fixed
 * account table in which "7" is a name too, of a root account, so that
 * reading a number as a name shows.
 */

typedef struct fake_id_s
{
  const char	*name;			/* Account or group name */
  unsigned	id;			/* Its id */
} fake_id_t;

static const fake_id_t	fake_users[] =
{
  { "lp", 7 }, { "root", 0 }, { "daemon", 1 }, { "7", 0 }, { "4242", 1000 }
};
static const fake_id_t	fake_groups[] =
{
  { "lp", 7 }, { "root", 0 }, { "lpadmin", 112 }, { "7", 0 }
};
static int		lookups;	/* getpwnam() and getgrnam() calls */

struct passwd *__wrap_getpwnam(const char *name);
struct group *__wrap_getgrnam(const char *name);

struct passwd *
__wrap_getpwnam(const char *name)
{
  static struct passwd	pw;
  size_t		i;

  lookups ++;
  for (i = 0; i < UNIT_COUNT(fake_users); i ++)
    if (!strcmp(name, fake_users[i].name))
    {
      memset(&pw, 0, sizeof(pw));
      pw.pw_name = (char *)fake_users[i].name;
      pw.pw_uid  = (uid_t)fake_users[i].id;
      return (&pw);
    }
  return (NULL);
}

struct group *
__wrap_getgrnam(const char *name)
{
  static struct group	gr;
  size_t		i;

  lookups ++;
  for (i = 0; i < UNIT_COUNT(fake_groups); i ++)
    if (!strcmp(name, fake_groups[i].name))
    {
      memset(&gr, 0, sizeof(gr));
      gr.gr_name = (char *)fake_groups[i].name;
      gr.gr_gid  = (gid_t)fake_groups[i].id;
      return (&gr);
    }
  return (NULL);
}

typedef struct resolve_case_s
{
  const char		*user, *group;	/* Values from cups-files.conf */
  paudit_status_t	status;		/* Expected status */
  unsigned		uid, gid;	/* Expected ids (status OK) */
  int			lookups;	/* Expected name lookups */
  const char		*error;		/* Expected start of the error, or NULL */
} resolve_case_t;

static const resolve_case_t resolve_cases[] =
{
  { "lp", "lp", PAUDIT_STATUS_OK, 7, 7, 2, NULL },
  { "daemon", "lpadmin", PAUDIT_STATUS_OK, 1, 112, 2, NULL },
  // Numbers before names: "7" is uid 7 although an account named "7" is root.
  { "7", "7", PAUDIT_STATUS_OK, 7, 7, 0, NULL },
  { "4242", "lp", PAUDIT_STATUS_OK, 4242, 7, 1, NULL },
  { "7lp", "7lp", PAUDIT_STATUS_OK, 7, 7, 0, NULL },		// atoi("7lp")
  { "lp", "0", PAUDIT_STATUS_OK, 7, 0, 1, NULL },		// cupsd allows Group 0
  { "lp", "root", PAUDIT_STATUS_OK, 7, 0, 2, NULL },
  // User root, by number or by name, is refused as cupsd refuses it.
  { "0", "lp", PAUDIT_STATUS_INSECURE, 0, 0, 0, "Will not run the backend as CUPS User \"0\" (uid 0) from " },
  { "00", "lp", PAUDIT_STATUS_INSECURE, 0, 0, 0, "Will not run the backend as CUPS User \"00\" (uid 0)" },
  { "0lp", "lp", PAUDIT_STATUS_INSECURE, 0, 0, 0, "Will not run the backend as CUPS User \"0lp\"" },
  { "root", "lp", PAUDIT_STATUS_INSECURE, 0, 0, 1, "Will not run the backend as CUPS User \"root\" (uid 0)" },
  { "nosuch", "lp", PAUDIT_STATUS_CONFIG, 0, 0, 1, "Unknown CUPS User \"nosuch\" in " },
  { "lp", "nosuch", PAUDIT_STATUS_CONFIG, 0, 0, 2, "Unknown CUPS Group \"nosuch\" in " },
  { "99999999999", "lp", PAUDIT_STATUS_CONFIG, 0, 0, 0, "Bad CUPS User \"99999999999\" in " },
  { "lp", "4294967295", PAUDIT_STATUS_CONFIG, 0, 0, 1, "Bad CUPS Group \"4294967295\" in " },
  { " 7", "lp", PAUDIT_STATUS_CONFIG, 0, 0, 1, "Unknown CUPS User \" 7\"" },
};

START_TEST(test_cups_identity_resolve)
{
  const resolve_case_t	*c = resolve_cases + _i;
  uid_t			uid = 12345;
  gid_t			gid = 12345;
  paudit_error_t	error;


  pauditErrorClear(&error);
  pauditAccountFiles(NULL, NULL, NULL);	// NSS only: the fake table
  lookups = 0;
  ck_assert_int_eq(pauditCupsIdentityResolve("/etc/cups/cups-files.conf", c->user,
                                             c->group, &uid, &gid, &error), c->status);
  ck_assert_int_eq(lookups, c->lookups);
  if (c->status == PAUDIT_STATUS_OK)
  {
    ck_assert_uint_eq(uid, c->uid);
    ck_assert_uint_eq(gid, c->gid);
    ck_assert_str_eq(error.text, "");
  }
  else
  {
    ck_assert_msg(!strncmp(error.text, c->error, strlen(c->error)),
                  "error \"%s\" does not start with \"%s\"", error.text, c->error);
    ck_assert_msg(strstr(error.text, "/etc/cups/cups-files.conf") != NULL,
                  "error \"%s\" does not name the file", error.text);
  }
}
END_TEST


/*
 * The fast path: the account files read directly when nsswitch.conf names
 * "files" first, else (and for a name not in them) the wrapped NSS above.
 * The files give lp uid 77 and gid 88 where the fake NSS gives 7, so the
 * ids show who answered, and lookups counts the NSS calls.
 */

#define NSS_FILES "passwd: files systemd\ngroup: files systemd\n"
#define PASSWD_LP "root:x:0:0:root:/root:/bin/bash\nlp:x:77:88:lp:/var/spool/lpd:/usr/sbin/nologin\n"
#define GROUP_LP  "root:x:0:\nlp:x:88:\n"

typedef struct files_case_s
{
  const char		*nsswitch;	/* nsswitch.conf or NULL for none */
  const char		*passwd, *group;/* The account files */
  size_t		passwdlen;	/* Bytes of passwd, 0 for strlen() */
  const char		*user, *groupname;/* CUPS User and Group */
  paudit_status_t	status;		/* Expected status */
  unsigned		uid, gid;	/* Expected ids (status OK) */
  int			lookups;	/* Expected NSS calls */
} files_case_t;

static const files_case_t files_cases[] =
{
  // files first: the files answer, NSS is not asked.
  { NSS_FILES, PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 77, 88, 0 },
  { "passwd:files\ngroup:\tfiles\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 77, 88, 0 },
  { "# passwd: compat\n  passwd : files # c\ngroup: files\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 77, 88, 0 },
  // Comments, blank lines, leading blanks, the first of two entries.
  { NSS_FILES, "# lp:x:1:1\n\n  lp:x:77:1::/:\nlp:x:78:1::/:\n", "lp:x:88:\nlp:x:89:\n", 0,
    "lp", "lp", PAUDIT_STATUS_OK, 77, 88, 0 },
  // Not in the files: NSS decides (lpadmin is 112 there, nosuch unknown).
  { NSS_FILES, PASSWD_LP, GROUP_LP, 0, "lp", "lpadmin", PAUDIT_STATUS_OK, 77, 112, 1 },
  { NSS_FILES, "lpx:x:5:5::/:\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, PASSWD_LP, GROUP_LP, 0, "nosuch", "lp", PAUDIT_STATUS_CONFIG, 0, 0, 1 },
  // root by name from the files is refused as from NSS.
  { NSS_FILES, PASSWD_LP, GROUP_LP, 0, "root", "lp", PAUDIT_STATUS_INSECURE, 0, 0, 0 },
  // Another source first, an action after files, files not alone, the
  // database twice, no nsswitch.conf: NSS for that database.
  { "passwd: systemd files\ngroup: files\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { "passwd: files [NOTFOUND=return] nis\ngroup: files\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { "passwd: files[NOTFOUND=return]\ngroup: compat\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 7, 2 },
  { "passwd: filesystem\ngroup: files\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { "passwd: files\npasswd: sss\ngroup: files\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { "group: files\n", PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NULL, PASSWD_LP, GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 7, 2 },
  // An entry the files module might read otherwise: NSS.
  { NSS_FILES, "lp:x:abc:1::/:\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, "lp:x::1::/:\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, "lp:x:4294967295:1::/:\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, "lp:x:77\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, "lp\0:x:1:1\nlp:x:77:1::/:\n", GROUP_LP, 24, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, PASSWD_LP, GROUP_LP, 0, "+lp", "lp", PAUDIT_STATUS_CONFIG, 0, 0, 1 },
  // A passwd entry whose gid glibc's files module cannot read is skipped
  // there (the next entry of that name answers): NSS.
  { NSS_FILES, "lp:x:77:abc::/:\nlp:x:78:78::/:\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, "lp:x:77:\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, "lp:x:77::/:/bin/false\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  { NSS_FILES, "lp:x:77:88\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 77, 88, 0 },
  { NSS_FILES, "lp:x:77:9999999999::/:\n", GROUP_LP, 0, "lp", "lp", PAUDIT_STATUS_OK, 7, 88, 1 },
  // A name with ':' names no entry (NSS finds none), never a later field.
  { NSS_FILES, PASSWD_LP, GROUP_LP, 0, "lp:x", "lp", PAUDIT_STATUS_CONFIG, 0, 0, 1 },
  { NSS_FILES, PASSWD_LP, "lp:x:88:7:\n", 0, "lp", "lp:x", PAUDIT_STATUS_CONFIG, 0, 0, 1 },
};

START_TEST(test_cups_identity_files)
{
  const files_case_t	*c = files_cases + _i;
  char			nsswitch[300], passwd[300], group[300];
  uid_t			uid = 12345;
  gid_t			gid = 12345;
  paudit_error_t	error;
  FILE			*fp;


  snprintf(nsswitch, sizeof(nsswitch), "%s/nsswitch.conf", tmpdir);
  snprintf(passwd, sizeof(passwd), "%s/passwd", tmpdir);
  snprintf(group, sizeof(group), "%s/group", tmpdir);
  unlink(nsswitch);
  if (c->nsswitch)
  {
    ck_assert_ptr_nonnull((fp = fopen(nsswitch, "w")));
    fputs(c->nsswitch, fp);
    ck_assert_int_eq(fclose(fp), 0);
  }
  ck_assert_ptr_nonnull((fp = fopen(passwd, "w")));
  fwrite(c->passwd, 1, c->passwdlen ? c->passwdlen : strlen(c->passwd), fp);
  ck_assert_int_eq(fclose(fp), 0);
  ck_assert_ptr_nonnull((fp = fopen(group, "w")));
  fputs(c->group, fp);
  ck_assert_int_eq(fclose(fp), 0);

  pauditErrorClear(&error);
  pauditAccountFiles(nsswitch, passwd, group);
  lookups = 0;
  ck_assert_int_eq(pauditCupsIdentityResolve("/etc/cups/cups-files.conf", c->user,
                                             c->groupname, &uid, &gid, &error), c->status);
  pauditAccountFiles(NULL, NULL, NULL);
  ck_assert_int_eq(lookups, c->lookups);
  if (c->status == PAUDIT_STATUS_OK)
  {
    ck_assert_uint_eq(uid, c->uid);
    ck_assert_uint_eq(gid, c->gid);
    ck_assert_str_eq(error.text, "");
  }
  else
    ck_assert_str_ne(error.text, "");

  unlink(nsswitch);
  unlink(passwd);
  unlink(group);
}
END_TEST


/*
 * Which backend runs as root: OpenPrinting's cupsd and Apple's differ.
 */

typedef struct root_case_s
{
  mode_t	mode;			/* Backend st_mode */
  int		cups, apple;		/* Root under each rule */
} root_case_t;

static const root_case_t root_cases[] =
{
  { S_IFREG | 0700, 1, 1 },
  { S_IFREG | 0500, 1, 1 },
  { S_IFREG | 0750, 1, 1 },		// group may read and run it
  { S_IFREG | 0710, 1, 1 },
  { S_IFREG | 0744, 1, 0 },		// others may read: Apple drops to the CUPS user
  { S_IFREG | 0704, 1, 0 },
  { S_IFREG | 0754, 1, 0 },
  { S_IFREG | 0755, 0, 0 },		// others may run it
  { S_IFREG | 0711, 0, 0 },
  { S_IFREG | 0701, 0, 0 },
  { S_IFREG | 0720, 0, 0 },		// group may write it
  { S_IFREG | 0702, 0, 0 },		// others may write it
  { S_IFREG | 04700, 1, 1 },		// setuid is refused elsewhere, not here
};

START_TEST(test_backend_as_root)
{
  const root_case_t	*c = root_cases + _i;


  ck_assert_msg(pauditBackendAsRoot(c->mode, PAUDIT_ROOTRULE_CUPS) == c->cups,
                "OpenPrinting rule, mode 0%o", (unsigned)c->mode);
  ck_assert_msg(pauditBackendAsRoot(c->mode, PAUDIT_ROOTRULE_APPLE) == c->apple,
                "Apple rule, mode 0%o", (unsigned)c->mode);
#ifdef __APPLE__
  ck_assert_int_eq(pauditBackendAsRoot(c->mode, PAUDIT_ROOTRULE_PLATFORM), c->apple);
#else
  ck_assert_int_eq(pauditBackendAsRoot(c->mode, PAUDIT_ROOTRULE_PLATFORM), c->cups);
#endif
}
END_TEST


/*
 * JsonFormat and LogTitles; "\#" is a literal '#'.
 */

START_TEST(test_config_format_titles)
{
  static const struct
  {
    const char		*text;		/* File contents */
    paudit_format_t	format;		/* Expected JsonFormat */
    paudit_titles_t	titles;		/* Expected LogTitles */
    const char		*json_log;	/* Expected JsonLog or NULL */
  } cases[] =
  {
    { "", PAUDIT_FORMAT_PRINTAUDIT, PAUDIT_TITLES_ON, NULL },
    { "JsonFormat ecs\n", PAUDIT_FORMAT_ECS, PAUDIT_TITLES_ON, NULL },
    { "JsonFormat ECS\nJsonFormat printaudit\n", PAUDIT_FORMAT_PRINTAUDIT, PAUDIT_TITLES_ON, NULL },
    { "LogTitles off\n", PAUDIT_FORMAT_PRINTAUDIT, PAUDIT_TITLES_OFF, NULL },
    { "LogTitles off\nLogTitles on\n", PAUDIT_FORMAT_PRINTAUDIT, PAUDIT_TITLES_ON, NULL },
    { "LogTitles hash\nTitleKeyFile /k\n", PAUDIT_FORMAT_PRINTAUDIT, PAUDIT_TITLES_HASH, NULL },
    { "JsonLog /var/log/a\\#1.jsonl\n", PAUDIT_FORMAT_PRINTAUDIT, PAUDIT_TITLES_ON,
      "/var/log/a#1.jsonl" }
  };
  static const char * const bad[] =
  {
    "JsonFormat xml\n",
    "JsonFormat\n",
    "LogTitles maybe\n"
  };
  paudit_config_t	config;
  paudit_error_t	error;
  paudit_status_t	status;
  size_t		i;


  for (i = 0; i < UNIT_COUNT(cases); i ++)
  {
    pauditErrorClear(&error);
    ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
    status = pauditConfigLoad(&config, writeConf(cases[i].text, 0644), 0, 0, &error);
    ck_assert_msg(status == PAUDIT_STATUS_OK, "\"%s\": status %d: %s", cases[i].text,
                  (int)status, error.text);
    ck_assert_msg(config.format == cases[i].format, "\"%s\": JsonFormat", cases[i].text);
    ck_assert_msg(config.titles == cases[i].titles, "\"%s\": LogTitles", cases[i].text);
    ck_assert_pstr_eq(config.json_log, cases[i].json_log);
    pauditConfigClear(&config);
  }

  for (i = 0; i < UNIT_COUNT(bad); i ++)
  {
    pauditErrorClear(&error);
    ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
    status = pauditConfigLoad(&config, writeConf(bad[i], 0644), 0, 0, &error);
    ck_assert_msg(status == PAUDIT_STATUS_CONFIG && error.line == 1, "\"%s\": status %d, line %d",
                  bad[i], (int)status, error.line);
    pauditConfigClear(&config);
  }
}
END_TEST


/*
 * A NUL byte names its line; a file over 64 KiB is refused.
 */

START_TEST(test_config_nul_and_size)
{
  paudit_config_t	config;
  paudit_error_t	error;
  const char		*path;
  char			*big;
  FILE			*fp;


  path = writeConf("", 0644);
  ck_assert_ptr_nonnull((fp = fopen(path, "w")));
  ck_assert_uint_eq(fwrite("Syslog on\n\nSyslog o\0ff\n", 1, 23, fp), 23);
  ck_assert_int_eq(fclose(fp), 0);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_CONFIG);
  ck_assert_int_eq(error.line, 3);
  ck_assert_ptr_nonnull(strstr(error.text, "NUL byte on line 3"));
  pauditConfigClear(&config);

  big = unitRepeat(NULL, "# comment line of 32 bytes ....\n", 2048, "Syslog on\n");
  path = writeConf(big, 0644);
  free(big);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_CONFIG);
  ck_assert_ptr_nonnull(strstr(error.text, "is larger than 65536 bytes"));
  pauditConfigClear(&config);

  // Exactly 64 KiB is read.
  big = unitRepeat(NULL, "# comment line of 32 bytes ....\n", 2048, NULL);
  path = writeConf(big, 0644);
  free(big);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_OK);
  pauditConfigClear(&config);
}
END_TEST


/*
 * The directives the notifier adds (OutcomeLog, LogTitles, TitleKeyFile).
 */

START_TEST(test_config_directives)
{
  paudit_config_t	config;
  paudit_error_t	error;
  const char		*path;


  ck_assert_int_eq(pauditConfigInit(&config), PAUDIT_STATUS_OK);
  ck_assert_ptr_null(config.outcome_log);
  ck_assert_int_eq(config.titles, PAUDIT_TITLES_ON);
  ck_assert_ptr_null(config.title_key);

  path = writeConf("OutcomeLog /var/log/printaudit/outcome.jsonl\n"
                   "LogTitles hash\nTitleKeyFile /etc/cups/printaudit.key\n", 0644);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_OK);
  ck_assert_str_eq(config.outcome_log, "/var/log/printaudit/outcome.jsonl");
  ck_assert_int_eq(config.titles, PAUDIT_TITLES_HASH);
  ck_assert_str_eq(config.title_key, "/etc/cups/printaudit.key");
  pauditConfigClear(&config);

  pauditConfigInit(&config);
  path = writeConf("OutcomeLog /a\nOutcomeLog none\nLogTitles off\n", 0644);
  ck_assert_int_eq(pauditConfigLoad(&config, path, 0, 0, &error), PAUDIT_STATUS_OK);
  ck_assert_ptr_null(config.outcome_log);
  ck_assert_int_eq(config.titles, PAUDIT_TITLES_OFF);
  pauditConfigClear(&config);

  static const char * const bad[] =
  {
    "OutcomeLog relative.jsonl\n", "OutcomeLog\n", "LogTitles maybe\n",
    "TitleKeyFile key\n", "LogTitles hash\n"
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i ++)
  {
    pauditConfigInit(&config);
    pauditErrorClear(&error);
    path = writeConf(bad[i], 0644);
    ck_assert_msg(pauditConfigLoad(&config, path, 0, 0, &error) == PAUDIT_STATUS_CONFIG,
                  "accepted: %s", bad[i]);
    ck_assert(error.text[0]);
    pauditConfigClear(&config);
  }
}
END_TEST


/*
 * pauditConfigLoadDefault(): the file the environment names.
 */

/* 'loadDefault()' - Load with the environment given; NULL unsets. */
static paudit_status_t			/* O - Status */
loadDefault(paudit_config_t *config,	/* O - Config */
            const char      *conf,	/* I - PRINTAUDIT_CONF or NULL */
            const char      *envroot,	/* I - CUPS_SERVERROOT or NULL */
            const char      *serverroot,/* I - Compiled-in ServerRoot */
            int             secure,	/* I - Check owner and mode */
            paudit_error_t  *error)	/* O - Error */
{
  paudit_status_t	status;


  ck_assert_int_eq(conf ? setenv("PRINTAUDIT_CONF", conf, 1) : unsetenv("PRINTAUDIT_CONF"), 0);
  ck_assert_int_eq(envroot ? setenv("CUPS_SERVERROOT", envroot, 1) : unsetenv("CUPS_SERVERROOT"), 0);
  pauditErrorClear(error);
  memset(config, 0x5A, sizeof(*config));	// Not set up by the caller
  status = pauditConfigLoadDefault(config, serverroot, secure, error);
  unsetenv("PRINTAUDIT_CONF");
  unsetenv("CUPS_SERVERROOT");

  return (status);
}


/* 'assertCleared()' - A failed load left nothing to free. */
static void
assertCleared(const paudit_config_t *config)/* I - Config */
{
  ck_assert_ptr_null(config->syslog_socket);
  ck_assert_ptr_null(config->json_log);
  ck_assert_ptr_null(config->outcome_log);
  ck_assert_ptr_null(config->title_key);
}


START_TEST(test_config_default_paths)
{
  paudit_config_t	config;
  paudit_error_t	error;
  char			conf[512], relative[] = "relative/root";


  snprintf(conf, sizeof(conf), "%s", writeConf("JsonLog /var/log/printaudit.jsonl\n", 0644));

  // PRINTAUDIT_CONF first, whatever the ServerRoot.
  ck_assert_int_eq(loadDefault(&config, conf, "/nonexistent", "/nonexistent", 0, &error), PAUDIT_STATUS_OK);
  ck_assert_str_eq(config.json_log, "/var/log/printaudit.jsonl");
  ck_assert_int_eq(config.syslog, 1);
  pauditConfigClear(&config);

  // Else <CUPS_SERVERROOT>/printaudit.conf...
  ck_assert_int_eq(loadDefault(&config, NULL, tmpdir, "/nonexistent", 0, &error), PAUDIT_STATUS_OK);
  ck_assert_str_eq(config.json_log, "/var/log/printaudit.jsonl");
  pauditConfigClear(&config);

  // ...when it is absolute, else the compiled-in ServerRoot's.
  ck_assert_int_eq(loadDefault(&config, NULL, relative, tmpdir, 0, &error), PAUDIT_STATUS_OK);
  ck_assert_str_eq(config.json_log, "/var/log/printaudit.jsonl");
  pauditConfigClear(&config);
  ck_assert_int_eq(loadDefault(&config, NULL, NULL, tmpdir, 0, &error), PAUDIT_STATUS_OK);
  ck_assert_str_eq(config.json_log, "/var/log/printaudit.jsonl");
  pauditConfigClear(&config);

  // A missing printaudit.conf in the ServerRoot is the defaults...
  ck_assert_int_eq(unlink(conf), 0);
  ck_assert_int_eq(loadDefault(&config, NULL, tmpdir, "/nonexistent", 0, &error), PAUDIT_STATUS_OK);
  ck_assert_ptr_null(config.json_log);
  ck_assert_int_eq(config.syslog, 1);
  ck_assert_str_eq(error.text, "");
  pauditConfigClear(&config);

  // ...a missing PRINTAUDIT_CONF an error.
  ck_assert_int_eq(loadDefault(&config, conf, tmpdir, tmpdir, 0, &error), PAUDIT_STATUS_IO);
  ck_assert_ptr_nonnull(strstr(error.text, conf));
  assertCleared(&config);
}
END_TEST


START_TEST(test_config_default_errors)
{
  paudit_config_t	config;
  paudit_error_t	error;
  char			conf[512], root[1100];
  size_t		i;


  // A bad line: the loader's error, and nothing to free.
  snprintf(conf, sizeof(conf), "%s", writeConf("JsonLog /var/log/a.jsonl\nBogus 1\n", 0644));
  ck_assert_int_eq(loadDefault(&config, NULL, tmpdir, tmpdir, 0, &error), PAUDIT_STATUS_CONFIG);
  ck_assert_int_eq(error.line, 2);
  ck_assert_ptr_nonnull(strstr(error.text, "on line 2 of "));
  ck_assert_ptr_nonnull(strstr(error.text, conf));
  assertCleared(&config);

  // secure is passed on: a world-writable file is refused only when set.
  writeConf("JsonLog /var/log/a.jsonl\n", 0666);
  ck_assert_int_eq(loadDefault(&config, conf, NULL, tmpdir, 1, &error), PAUDIT_STATUS_INSECURE);
  assertCleared(&config);
  ck_assert_int_eq(loadDefault(&config, NULL, tmpdir, tmpdir, 1, &error), PAUDIT_STATUS_INSECURE);
  assertCleared(&config);
  ck_assert_int_eq(loadDefault(&config, conf, NULL, tmpdir, 0, &error), PAUDIT_STATUS_OK);
  pauditConfigClear(&config);
  writeConf("JsonLog /var/log/a.jsonl\n", 0644);
  ck_assert_int_eq(loadDefault(&config, NULL, tmpdir, tmpdir, geteuid() == 0, &error), PAUDIT_STATUS_OK);
  pauditConfigClear(&config);

  // The longest ServerRoot that fits 1023 bytes of path, and one more.
  for (i = 0; i < 1008; i ++)
    root[i] = i % 100 ? 'a' : '/';
  root[1007] = '\0';
  ck_assert_int_eq(loadDefault(&config, NULL, root, tmpdir, 0, &error), PAUDIT_STATUS_OK);
  pauditConfigClear(&config);
  root[1007] = 'a';
  root[1008] = '\0';
  ck_assert_int_eq(loadDefault(&config, NULL, root, tmpdir, 0, &error), PAUDIT_STATUS_INVALID);
  ck_assert_str_eq(error.text, "CUPS_SERVERROOT is too long");
  assertCleared(&config);
  ck_assert_int_eq(loadDefault(&config, NULL, NULL, root, 0, &error), PAUDIT_STATUS_INVALID);
  assertCleared(&config);
}
END_TEST


/* 'defaultTcase()' - The cases of pauditConfigLoadDefault(). */
static TCase *				/* O - Test case */
defaultTcase(void)
{
  TCase	*tc = tcase_create("default");


  tcase_add_unchecked_fixture(tc, setupDir, removeDir);
  tcase_add_test(tc, test_config_default_paths);
  tcase_add_test(tc, test_config_default_errors);

  return (tc);
}


static Suite *
config_suite(void)
{
  Suite	*s = suite_create("config");
  TCase	*tc = tcase_create("core");


  tcase_add_unchecked_fixture(tc, setupDir, removeDir);
  tcase_add_test(tc, test_config_defaults);
  tcase_add_loop_test(tc, test_config_good, 0, (int)UNIT_COUNT(good_cases));
  tcase_add_loop_test(tc, test_config_bad, 0, (int)UNIT_COUNT(bad_cases));
  tcase_add_loop_test(tc, test_config_max_parts, 0, (int)UNIT_COUNT(parts_cases));
  tcase_add_test(tc, test_config_syslog_api);
  tcase_add_test(tc, test_config_unknown_names_directive);
  tcase_add_test(tc, test_config_missing);
  tcase_add_loop_test(tc, test_config_permissions, 0, (int)UNIT_COUNT(perm_cases));
  tcase_add_test(tc, test_config_not_root_owned);
  tcase_add_test(tc, test_config_symlink_checked_target);
  tcase_add_test(tc, test_config_directory);
  tcase_add_loop_test(tc, test_cups_identity, 0, (int)UNIT_COUNT(identity_cases));
  tcase_add_loop_test(tc, test_cups_identity_too_long, 0, 2);
  tcase_add_loop_test(tc, test_cups_identity_resolve, 0, (int)UNIT_COUNT(resolve_cases));
  tcase_add_loop_test(tc, test_cups_identity_files, 0, (int)UNIT_COUNT(files_cases));
  tcase_add_loop_test(tc, test_backend_as_root, 0, (int)UNIT_COUNT(root_cases));
  tcase_add_test(tc, test_config_format_titles);
  tcase_add_test(tc, test_config_nul_and_size);
  tcase_add_test(tc, test_config_directives);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, defaultTcase());

  return (s);
}


int
main(void)
{
  return (unitRun(config_suite()));
}
