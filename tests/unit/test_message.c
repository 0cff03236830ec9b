/*
 * printaudit unit tests: messages to cupsd (lib/message.c) and the
 * control-character classifier every escaping writer uses.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <fcntl.h>
#include <unistd.h>


/*
 * 'message_capture()' - What pauditMessage() writes to stderr for text.
 *
 * O - New string; free() it.
 */

static char *
message_capture(const char *program,	/* I - Program name */
                const char *text)	/* I - Message text (via "%s") */
{
  char		path[] = "/tmp/printaudit-unit-message-XXXXXX";
  int		fd, saved;
  char		*data;
  size_t	len;


  ck_assert_int_ge(fd = mkstemp(path), 0);
  ck_assert_int_ge(saved = dup(STDERR_FILENO), 0);
  ck_assert_int_ge(dup2(fd, STDERR_FILENO), 0);

  pauditMessage(program, "ERROR", "%s", text);

  ck_assert_int_ge(dup2(saved, STDERR_FILENO), 0);
  close(saved);
  close(fd);
  data = unitReadFile(path, &len);
  unlink(path);
  ck_assert_uint_eq(strlen(data), len);

  return (data);
}


/*
 * 'test_message_line' - "LEVEL: program: text" and one newline.
 */

START_TEST(test_message_line)
{
  char	*line = message_capture("printaudit", "Out of memory");


  ck_assert_str_eq(line, "ERROR: printaudit: Out of memory\n");
  free(line);

  line = message_capture("printaudit-notify", "");
  ck_assert_str_eq(line, "ERROR: printaudit-notify: \n");
  free(line);
}
END_TEST


/*
 * 'test_message_controls' - C0 and DEL become \xHH: one message, one line.
 */

START_TEST(test_message_controls)
{
  char	*line = message_capture("printaudit", "a\nb\rc\td\x1b[31m\x7f" "e\xc2\x85" "f\xff");


  // C1 and other bytes >= 0x80 pass as they are (cupsd splits on \n only).
  ck_assert_str_eq(line, "ERROR: printaudit: a\\x0Ab\\x0Dc\\x09d\\x1B[31m\\x7Fe\xc2\x85" "f\xff\n");
  free(line);
}
END_TEST


/*
 * 'test_message_long' - Long texts are cut, still one line; all-control
 *                       texts are escaped whole.
 */

START_TEST(test_message_long)
{
  char		*text = unitRepeat(NULL, "x", 10000, NULL), *line;
  const char	*prefix = "ERROR: printaudit: ";


  line = message_capture("printaudit", text);
  ck_assert_uint_eq(strlen(line), strlen(prefix) + 2047 + 1);
  ck_assert_ptr_eq(strchr(line, '\n'), line + strlen(line) - 1);
  free(line);
  free(text);

  text = unitRepeat(NULL, "\x01", 2047, NULL);
  line = message_capture("printaudit", text);
  ck_assert_uint_eq(strlen(line), strlen(prefix) + 4 * 2047 + 1);
  ck_assert_ptr_eq(strchr(line, '\n'), line + strlen(line) - 1);
  ck_assert_int_eq(strncmp(line + strlen(prefix), "\\x01\\x01", 8), 0);
  free(line);
  free(text);
}
END_TEST


/*
 * 'test_message_unwritable' - No stderr, or a program name too long to
 *                             leave room for the text: nothing happens.
 */

START_TEST(test_message_unwritable)
{
  int	saved;
  char	*name = unitRepeat(NULL, "p", 7000, NULL), *line;


  ck_assert_int_ge(saved = dup(STDERR_FILENO), 0);
  ck_assert_int_eq(close(STDERR_FILENO), 0);
  pauditMessage("printaudit", "ERROR", "%s", "nowhere to go");
  ck_assert_int_ge(dup2(saved, STDERR_FILENO), 0);
  close(saved);

  line = message_capture(name, "text");
  ck_assert_str_eq(line, "");
  free(line);
  free(name);
}
END_TEST


/*
 * 'test_control_classes' - Which bytes and characters are controls.
 */

START_TEST(test_control_classes)
{
  unsigned char	s[3];
  unsigned	c, cp;


  for (c = 0; c < 256; c ++)
  {
    s[0] = (unsigned char)c;
    s[1] = 0x85;
    s[2] = '\0';
    unitCheck(pauditIsControl((unsigned char)c) == (c < 0x20 || c == 0x7F),
              "pauditIsControl(0x%02x)", c);
    if (c < 0x20 || c == 0x7F)
      unitCheck(pauditControlLen(s, 2, &cp) == 1 && cp == c, "control 0x%02x", c);
    else if (c == 0xC2)
      unitCheck(pauditControlLen(s, 2, &cp) == 2 && cp == 0x85, "C1 U+0085");
    else
      unitCheck(pauditControlLen(s, 2, &cp) == 0, "0x%02x is not a control", c);
  }

  // C1 is U+0080..U+009F only, and needs its second byte.
  for (c = 0; c < 256; c ++)
  {
    s[0] = 0xC2;
    s[1] = (unsigned char)c;
    unitCheck(pauditControlLen(s, 2, &cp) == (c >= 0x80 && c <= 0x9F ? 2u : 0u),
              "C2 %02x", c);
  }
  s[0] = 0xC2;
  s[1] = 0x80;
  ck_assert_uint_eq(pauditControlLen(s, 1, &cp), 0);
  ck_assert_uint_eq(pauditControlLen(s, SIZE_MAX, &cp), 2);
  ck_assert_uint_eq(cp, 0x80);

  // U+2028 and U+2029 are separators, not controls.
  ck_assert_uint_eq(pauditControlLen((const unsigned char *)"\xe2\x80\xa8", 3, &cp), 0);
}
END_TEST


/*
 * 'test_line_sep_classes' - U+2028 and U+2029, and nothing else.
 */

START_TEST(test_line_sep_classes)
{
  unsigned char	s[3], *tail;
  unsigned	a, b, cp;
  size_t	want;


  for (a = 0; a < 256; a ++)
    for (b = 0; b < 256; b ++)
    {
      s[0]  = 0xE2;
      s[1]  = (unsigned char)a;
      s[2]  = (unsigned char)b;
      want  = a == 0x80 && (b == 0xA8 || b == 0xA9) ? 3 : 0;
      cp    = 0;
      unitCheck(pauditLineSepLen(s, 3, &cp) == want, "E2 %02x %02x", a, b);
      unitCheck(!want || cp == 0x2000 + b - 0x80, "E2 %02x %02x: U+%04X", a, b, cp);
      s[0] = (unsigned char)a;
      unitCheck(a == 0xE2 || pauditLineSepLen(s, 3, &cp) == 0, "lead %02x", a);
    }

  // All three bytes are needed; a nul ends the reading (ASan checks it).
  ck_assert_uint_eq(pauditLineSepLen((const unsigned char *)"\xe2\x80\xa8", 2, &cp), 0);
  ck_assert_uint_eq(pauditLineSepLen((const unsigned char *)"\xe2\x80\xa9", SIZE_MAX, &cp), 3);
  ck_assert_uint_eq(cp, 0x2029);
  tail = malloc(2);
  ck_assert_ptr_nonnull(tail);
  tail[0] = 0xE2;
  tail[1] = '\0';
  ck_assert_uint_eq(pauditLineSepLen(tail, SIZE_MAX, &cp), 0);
  free(tail);

  // C1 controls are not separators.
  ck_assert_uint_eq(pauditLineSepLen((const unsigned char *)"\xc2\x85", 2, &cp), 0);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite	*s = suite_create("message");
  TCase	*tc = tcase_create("message");


  tcase_add_test(tc, test_message_line);
  tcase_add_test(tc, test_message_controls);
  tcase_add_test(tc, test_message_long);
  tcase_add_test(tc, test_message_unwritable);
  tcase_add_test(tc, test_control_classes);
  tcase_add_test(tc, test_line_sep_classes);
  suite_add_tcase(s, tc);

  return (unitRun(s));
}
