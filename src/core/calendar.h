/*
 * calendar.h: dates, ISO 8601 text, Dutch public holidays and working-day arithmetic.
 *
 * Why this exists: the terms of the placement process are counted in working days (provider
 * answer within 5 working days, extendable to 10; indication terms) or calendar days
 * (ambulant/BW answer within 2 weeks, FZ825 within 10 days). Every deadline in openifzo is
 * computed here, with "today" always passed in by the caller: nothing in this module reads
 * a clock.
 *
 * Representation: a date is an ifzo_date, the number of days since 1970-01-01 in the
 * proleptic Gregorian calendar (0 = Thursday 1970-01-01, negative before). Comparisons and
 * differences are plain integer operations. Supported range: 1583-01-01 … 9999-12-31 (the
 * Gregorian calendar, four-digit years); functions report IFZO_CAL_ERANGE outside it.
 *
 * Holidays follow the Algemene termijnenwet, art. 3 (see docs/assumptions.md): Nieuwjaarsdag,
 * Goede Vrijdag (equated by art. 3(2)), Eerste en Tweede Paasdag, Koningsdag, 5 mei (every
 * year), Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag. Days
 * equated by a royal decree (e.g. the Friday after Hemelvaartsdag) are NOT included.
 *
 * Pure: no I/O, no allocation, thread-safe. No pointer returned by this module needs
 * freeing: ifzo_holiday_name() returns static storage; output buffers are caller-owned.
 */
#ifndef IFZO_CORE_CALENDAR_H
#define IFZO_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t ifzo_date;

#define IFZO_DATE_MIN_YEAR 1583
#define IFZO_DATE_MAX_YEAR 9999
#define IFZO_DATE_BUFSIZE  11 /* "YYYY-MM-DD" + NUL */

enum ifzo_cal_status {
    IFZO_CAL_OK = 0,
    IFZO_CAL_EFORMAT, /* text is not a strict YYYY-MM-DD date */
    IFZO_CAL_ERANGE,  /* a date outside 1583-01-01 … 9999-12-31, or no such day (2025-02-30) */
    IFZO_CAL_EINVAL   /* NULL pointer or other bad argument */
};

/* A short English description of a status, for logs. Static storage; never NULL. */
const char *ifzo_cal_strerror(enum ifzo_cal_status st);

/* Whether year-month-day is a real day inside the supported range. */
bool ifzo_ymd_valid(int year, int month, int day);

/* Whether d lies inside the supported range. */
bool ifzo_date_valid(ifzo_date d);

enum ifzo_cal_status ifzo_date_from_ymd(int year, int month, int day, ifzo_date *out);
enum ifzo_cal_status ifzo_date_to_ymd(ifzo_date d, int *year, int *month, int *day);

/*
 * Strict ISO 8601 calendar date: exactly "YYYY-MM-DD", ASCII digits, no sign, no time part,
 * no white space, a real day in range. ifzo_date_parse() reads a NUL-terminated string;
 * ifzo_date_parse_n() exactly len bytes (for JSON strings with a length).
 */
enum ifzo_cal_status ifzo_date_parse(const char *s, ifzo_date *out);
enum ifzo_cal_status ifzo_date_parse_n(const char *s, size_t len, ifzo_date *out);

/* Writes "YYYY-MM-DD" and a NUL to out (caller-owned, IFZO_DATE_BUFSIZE bytes). */
enum ifzo_cal_status ifzo_date_format(ifzo_date d, char out[IFZO_DATE_BUFSIZE]);

/* ISO weekday: 1 = Monday … 7 = Sunday. Defined for every ifzo_date. */
int ifzo_date_weekday(ifzo_date d);

/* d + n calendar days (n may be negative). IFZO_CAL_ERANGE if d or the result is out of range. */
enum ifzo_cal_status ifzo_date_add_days(ifzo_date d, int32_t n, ifzo_date *out);

/* Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
enum ifzo_cal_status ifzo_easter_sunday(int year, ifzo_date *out);

enum ifzo_holiday {
    IFZO_HOLIDAY_NONE = 0,
    IFZO_HOLIDAY_NIEUWJAARSDAG,
    IFZO_HOLIDAY_GOEDE_VRIJDAG,
    IFZO_HOLIDAY_EERSTE_PAASDAG,
    IFZO_HOLIDAY_TWEEDE_PAASDAG,
    IFZO_HOLIDAY_KONINGSDAG, /* Koninginnedag before 2014 */
    IFZO_HOLIDAY_BEVRIJDINGSDAG,
    IFZO_HOLIDAY_HEMELVAARTSDAG,
    IFZO_HOLIDAY_EERSTE_PINKSTERDAG,
    IFZO_HOLIDAY_TWEEDE_PINKSTERDAG,
    IFZO_HOLIDAY_EERSTE_KERSTDAG,
    IFZO_HOLIDAY_TWEEDE_KERSTDAG
};

/*
 * The holiday that falls on d, or IFZO_HOLIDAY_NONE (also for dates out of range). When two
 * coincide (Hemelvaartsdag on 5 May, as in 2016) the Easter-based one is returned. The royal
 * holiday: 27 April (26 April if the 27th is a Sunday) from 2014; 30 April (29 April if a Sunday)
 * 1980-2013; 30 April (1 May if a Sunday) 1949-1979; none before 1949.
 */
enum ifzo_holiday ifzo_holiday_on(ifzo_date d);

/* Dutch name, e.g. "Tweede Paasdag"; "" for IFZO_HOLIDAY_NONE. Static storage. */
const char *ifzo_holiday_name(enum ifzo_holiday h);

/* Monday to Friday and not a holiday above. False for dates out of range. */
bool ifzo_is_working_day(ifzo_date d);

/*
 * The n-th working day after start (n > 0) or before it (n < 0), not counting start itself,
 * whatever day start is. n == 0 gives start. "Answer within 5 working days of the referral on
 * Thursday 2025-04-17" is ifzo_add_working_days(2025-04-17, 5) = Monday 2025-04-28: the
 * deadline is the end of that day.
 */
enum ifzo_cal_status ifzo_add_working_days(ifzo_date start, int32_t n, ifzo_date *out);

/*
 * The number of working days d with from < d <= to (so that
 * ifzo_working_days_between(a, ifzo_add_working_days(a, n)) == n for n >= 0); negative, by
 * the same rule with the arguments swapped, when to < from.
 */
enum ifzo_cal_status ifzo_working_days_between(ifzo_date from, ifzo_date to, int32_t *out);

#endif
