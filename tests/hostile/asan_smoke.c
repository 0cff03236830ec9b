/*
 * asan_smoke: proof that PRINTAUDIT_SANITIZE really instruments what is
 * built with printaudit_flags, so the switch cannot silently do nothing.
 *
 *   asan_smoke               print the sanitizers this build was configured
 *                            with (HOSTILE_SANITIZE, set by CMake) and exit 0
 *   asan_smoke overflow      write one byte past a heap block
 *   asan_smoke ubsan         overflow a signed int
 *
 * With AddressSanitizer, "overflow" must die with a heap-buffer-overflow
 * report; with UndefinedBehaviorSanitizer (-fno-sanitize-recover=all),
 * "ubsan" must die with a runtime error.  In a plain build both return 0
 * (the overflow stays inside malloc's rounding), which asan_smoke.sh uses
 * to check that a plain build is really not sanitized.
 */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HOSTILE_SANITIZE
#  error "build with -DHOSTILE_SANITIZE=\"<PRINTAUDIT_SANITIZE>\""
#endif

int
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Arguments */
{
  if (argc < 2)
  {
    printf("sanitize=%s\n", HOSTILE_SANITIZE);
    return (0);
  }

  if (!strcmp(argv[1], "overflow"))
  {
    size_t		size = strlen(argv[1]);	/* 8, not known to the compiler */
    char		*block = malloc(size);
    volatile size_t	index = size;

    if (!block)
      return (2);
    memset(block, 'x', size);
    block[index] = '!';				/* One past the end */
    printf("wrote past the end: %c\n", block[index]);
    free(block);
    return (0);
  }

  if (!strcmp(argv[1], "ubsan"))
  {
    volatile int	value = INT_MAX - (int)strlen(argv[1]) + 5;	/* INT_MAX */

    value = value + 1;				/* Signed overflow */
    printf("overflowed: %d\n", value);
    return (0);
  }

  fprintf(stderr, "Usage: asan_smoke [overflow|ubsan]\n");
  return (2);
}
