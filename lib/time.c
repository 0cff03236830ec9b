/*
 * Civil time for printaudit.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <string.h>


/*
 * 'pauditTimeUTC()' - Broken-down UTC time without the C library's locks
 *                     and time zone machinery (this runs on every job).
 *
 * Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
 */

int					/* O - 0 on success, -1 out of range */
pauditTimeUTC(time_t    t,		/* I - Seconds since the epoch */
              struct tm *tm)		/* O - Year, month, day, h, m, s */
{
  long long	days, secs, era, doe, yoe, doy, mp, year;


  days = (long long)t / 86400;
  secs = (long long)t % 86400;
  if (secs < 0)
  {
    secs += 86400;
    days --;
  }

  days += 719468;
  era   = (days >= 0 ? days : days - 146096) / 146097;
  doe   = days - era * 146097;
  yoe   = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy   = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp    = (5 * doy + 2) / 153;
  year  = yoe + era * 400 + (mp >= 10);

  if (year < 0 || year > 9999)
    return (-1);

  memset(tm, 0, sizeof(*tm));
  tm->tm_year = (int)year - 1900;
  tm->tm_mon  = (int)(mp < 10 ? mp + 2 : mp - 10);
  tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
  tm->tm_hour = (int)(secs / 3600);
  tm->tm_min  = (int)(secs / 60 % 60);
  tm->tm_sec  = (int)(secs % 60);

  return (0);
}
