/*
 * test_calendar.c: unit tests for src/core/calendar (dates, ISO text, Dutch holidays, working
 * days).
 *
 * Why this exists: every deadline of the placement process (provider answer in 5 or 10
 * working days, 2 weeks for ambulant/BW, 10 days for an end-of-care notice) is computed with
 * this module; the tests pin Easter, King's Day on a Sunday, Christmas and year boundaries.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "core/calendar.h"

static ifzo_date D(const char *iso)
{
    ifzo_date d = 0;
    enum ifzo_cal_status st = ifzo_date_parse(iso, &d);
    cr_assert_eq(st, IFZO_CAL_OK, "test date %s does not parse", iso);
    return d;
}

static void assert_date(ifzo_date d, const char *iso)
{
    char buf[IFZO_DATE_BUFSIZE];
    cr_assert_eq(ifzo_date_format(d, buf), IFZO_CAL_OK);
    cr_assert_str_eq(buf, iso);
}

/* ------------------------------------------------------------------ representation */

Test(date, epoch_and_round_trip)
{
    cr_assert_eq(D("1970-01-01"), 0);
    cr_assert_eq(D("1970-01-02"), 1);
    cr_assert_eq(D("1969-12-31"), -1);
    cr_assert_eq(D("2000-03-01") - D("2000-02-28"), 2); /* 2000 is a leap year */
    cr_assert_eq(D("1900-03-01") - D("1900-02-28"), 1); /* 1900 is not */

    static const char *const samples[] = {"1583-01-01", "1899-12-31", "1970-01-01", "2000-02-29",
                                          "2024-02-29", "2025-12-31", "2038-01-19", "9999-12-31"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        assert_date(D(samples[i]), samples[i]);
    }

    /* every day over four centuries survives text → date → ymd → date */
    ifzo_date start = D("1800-01-01");
    ifzo_date end = D("2200-12-31");
    ifzo_date prev = start - 1;
    for (ifzo_date d = start; d <= end; d++) {
        int y;
        int m;
        int day;
        cr_assert_eq(ifzo_date_to_ymd(d, &y, &m, &day), IFZO_CAL_OK);
        ifzo_date back;
        cr_assert_eq(ifzo_date_from_ymd(y, m, day, &back), IFZO_CAL_OK);
        cr_assert_eq(back, d);
        cr_assert_eq(back, prev + 1);
        prev = back;
    }
}

Test(date, range_limits)
{
    ifzo_date lo = D("1583-01-01");
    ifzo_date hi = D("9999-12-31");
    cr_assert(ifzo_date_valid(lo));
    cr_assert(ifzo_date_valid(hi));
    cr_assert_not(ifzo_date_valid(lo - 1));
    cr_assert_not(ifzo_date_valid(hi + 1));
    char buf[IFZO_DATE_BUFSIZE];
    cr_assert_eq(ifzo_date_format(lo - 1, buf), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_date_format(INT32_MAX, buf), IFZO_CAL_ERANGE);
    int y, m, d;
    cr_assert_eq(ifzo_date_to_ymd(INT32_MIN, &y, &m, &d), IFZO_CAL_ERANGE);

    ifzo_date out;
    cr_assert_eq(ifzo_date_add_days(hi, 1, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_date_add_days(lo, -1, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_date_add_days(lo, INT32_MAX, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_date_add_days(hi, INT32_MIN, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_date_add_days(INT32_MAX, -1, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_date_add_days(lo, 0, NULL), IFZO_CAL_EINVAL);
}

Test(date, parse_rejects)
{
    ifzo_date d = 12345;
    static const char *const bad_format[] = {
        "",
        "2025-1-01",
        "2025-01-1",
        "25-01-01",
        "20250101",
        "2025/01/01",
        "2025-01-01T00:00:00",
        " 2025-01-01",
        "2025-01-01 ",
        "+2025-01-01",
        "-025-01-01",
        "2025-0a-01",
        "2025--1-01",
        "2O25-01-01",
        "2025-01-01\n",
        "\357\274\222025-01-01", /* fullwidth digit two (U+FF12), then "025-01-01" */
    };
    for (size_t i = 0; i < sizeof bad_format / sizeof bad_format[0]; i++) {
        cr_assert_eq(ifzo_date_parse(bad_format[i], &d), IFZO_CAL_EFORMAT, "accepted \"%s\"",
                     bad_format[i]);
    }
    static const char *const no_such_day[] = {
        "2025-02-29", "2025-02-30", "2024-02-30", "1900-02-29", "2025-04-31", "2025-13-01",
        "2025-00-10", "2025-01-00", "2025-01-32", "1582-12-31", "0000-01-01",
    };
    for (size_t i = 0; i < sizeof no_such_day / sizeof no_such_day[0]; i++) {
        cr_assert_eq(ifzo_date_parse(no_such_day[i], &d), IFZO_CAL_ERANGE, "accepted \"%s\"",
                     no_such_day[i]);
    }
    cr_assert_eq(d, 12345, "output written on failure");
    cr_assert_eq(ifzo_date_parse(NULL, &d), IFZO_CAL_EINVAL);
    cr_assert_eq(ifzo_date_parse("2025-01-01", NULL), IFZO_CAL_EINVAL);

    /* parse_n uses exactly len bytes */
    cr_assert_eq(ifzo_date_parse_n("2025-04-17xyz", 10, &d), IFZO_CAL_OK);
    assert_date(d, "2025-04-17");
    cr_assert_eq(ifzo_date_parse_n("2025-04-17", 9, &d), IFZO_CAL_EFORMAT);
    cr_assert_eq(ifzo_date_parse_n("2025-04-1\0", 10, &d), IFZO_CAL_EFORMAT);

    cr_assert(ifzo_ymd_valid(2024, 2, 29));
    cr_assert_not(ifzo_ymd_valid(2023, 2, 29));
    cr_assert_not(ifzo_ymd_valid(10000, 1, 1));
    cr_assert_eq(ifzo_date_from_ymd(2025, 2, 30, &d), IFZO_CAL_ERANGE);
}

Test(date, weekday_and_add_days)
{
    cr_assert_eq(ifzo_date_weekday(D("1970-01-01")), 4); /* Thursday */
    cr_assert_eq(ifzo_date_weekday(D("2025-04-17")), 4);
    cr_assert_eq(ifzo_date_weekday(D("2025-04-27")), 7);
    cr_assert_eq(ifzo_date_weekday(D("2024-02-29")), 4);
    cr_assert_eq(ifzo_date_weekday(D("1969-12-29")), 1); /* negative day numbers */
    cr_assert_eq(ifzo_date_weekday(D("1583-01-01")), 6);
    cr_assert_eq(ifzo_date_weekday(INT32_MIN), ifzo_date_weekday(INT32_MIN + 7));

    ifzo_date out;
    cr_assert_eq(ifzo_date_add_days(D("2024-02-28"), 1, &out), IFZO_CAL_OK);
    assert_date(out, "2024-02-29");
    cr_assert_eq(ifzo_date_add_days(D("2024-02-28"), 2, &out), IFZO_CAL_OK);
    assert_date(out, "2024-03-01");
    cr_assert_eq(ifzo_date_add_days(D("2025-12-31"), 1, &out), IFZO_CAL_OK);
    assert_date(out, "2026-01-01");
    cr_assert_eq(ifzo_date_add_days(D("2025-03-01"), -1, &out), IFZO_CAL_OK);
    assert_date(out, "2025-02-28");
    /* ambulant / beschermd wonen: answer within 2 weeks = 14 calendar days */
    cr_assert_eq(ifzo_date_add_days(D("2025-04-17"), 14, &out), IFZO_CAL_OK);
    assert_date(out, "2025-05-01");
}

/* ------------------------------------------------------------------ holidays */

Test(holiday, easter)
{
    static const struct {
        int year;
        const char *date;
    } cases[] = {
        {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
        {2019, "2019-04-21"}, {2000, "2000-04-23"}, {2008, "2008-03-23"},
        {2016, "2016-03-27"}, {1818, "1818-03-22"}, /* earliest possible date */
        {2285, "2285-03-22"}, {1943, "1943-04-25"}, /* latest possible date */
        {2038, "2038-04-25"}, {1583, "1583-04-10"}, {9999, "9999-03-28"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ifzo_date e;
        cr_assert_eq(ifzo_easter_sunday(cases[i].year, &e), IFZO_CAL_OK);
        assert_date(e, cases[i].date);
        cr_assert_eq(ifzo_date_weekday(e), 7);
        cr_assert_eq(ifzo_holiday_on(e), IFZO_HOLIDAY_EERSTE_PAASDAG);
    }
    ifzo_date e;
    cr_assert_eq(ifzo_easter_sunday(1582, &e), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_easter_sunday(10000, &e), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_easter_sunday(2025, NULL), IFZO_CAL_EINVAL);
}

static void assert_holiday(const char *iso, enum ifzo_holiday h, const char *name)
{
    cr_assert_eq(ifzo_holiday_on(D(iso)), h, "%s", iso);
    cr_assert_str_eq(ifzo_holiday_name(ifzo_holiday_on(D(iso))), name);
    cr_assert_not(ifzo_is_working_day(D(iso)), "%s is a working day", iso);
}

Test(holiday, year_2025)
{
    assert_holiday("2025-01-01", IFZO_HOLIDAY_NIEUWJAARSDAG, "Nieuwjaarsdag");
    assert_holiday("2025-04-18", IFZO_HOLIDAY_GOEDE_VRIJDAG, "Goede Vrijdag");
    assert_holiday("2025-04-20", IFZO_HOLIDAY_EERSTE_PAASDAG, "Eerste Paasdag");
    assert_holiday("2025-04-21", IFZO_HOLIDAY_TWEEDE_PAASDAG, "Tweede Paasdag");
    /* 27 April 2025 is a Sunday, so Koningsdag is Saturday 26 April */
    assert_holiday("2025-04-26", IFZO_HOLIDAY_KONINGSDAG, "Koningsdag");
    cr_assert_eq(ifzo_holiday_on(D("2025-04-27")), IFZO_HOLIDAY_NONE);
    assert_holiday("2025-05-05", IFZO_HOLIDAY_BEVRIJDINGSDAG, "Bevrijdingsdag");
    assert_holiday("2025-05-29", IFZO_HOLIDAY_HEMELVAARTSDAG, "Hemelvaartsdag");
    assert_holiday("2025-06-08", IFZO_HOLIDAY_EERSTE_PINKSTERDAG, "Eerste Pinksterdag");
    assert_holiday("2025-06-09", IFZO_HOLIDAY_TWEEDE_PINKSTERDAG, "Tweede Pinksterdag");
    assert_holiday("2025-12-25", IFZO_HOLIDAY_EERSTE_KERSTDAG, "Eerste Kerstdag");
    assert_holiday("2025-12-26", IFZO_HOLIDAY_TWEEDE_KERSTDAG, "Tweede Kerstdag");
    cr_assert_str_eq(ifzo_holiday_name(IFZO_HOLIDAY_NONE), "");

    /* ordinary days around them */
    cr_assert(ifzo_is_working_day(D("2025-01-02")));
    cr_assert(ifzo_is_working_day(D("2025-04-17")));
    cr_assert(ifzo_is_working_day(D("2025-04-22")));
    cr_assert(ifzo_is_working_day(D("2025-05-30"))); /* no royal-decree bridge days */
    cr_assert(ifzo_is_working_day(D("2025-12-24")));
    cr_assert(ifzo_is_working_day(D("2025-12-31")));
    cr_assert_not(ifzo_is_working_day(D("2025-04-19"))); /* Saturday */
}

Test(holiday, other_years)
{
    assert_holiday("2026-05-14", IFZO_HOLIDAY_HEMELVAARTSDAG, "Hemelvaartsdag");
    assert_holiday("2026-05-25", IFZO_HOLIDAY_TWEEDE_PINKSTERDAG, "Tweede Pinksterdag");
    assert_holiday("2026-04-03", IFZO_HOLIDAY_GOEDE_VRIJDAG, "Goede Vrijdag");
    assert_holiday("2026-04-06", IFZO_HOLIDAY_TWEEDE_PAASDAG, "Tweede Paasdag");
    assert_holiday("2026-04-27", IFZO_HOLIDAY_KONINGSDAG, "Koningsdag"); /* Monday */
    /* Bevrijdingsdag counts every year, not only in lustrum years */
    assert_holiday("2026-05-05", IFZO_HOLIDAY_BEVRIJDINGSDAG, "Bevrijdingsdag");
    assert_holiday("2024-05-05", IFZO_HOLIDAY_BEVRIJDINGSDAG, "Bevrijdingsdag");
    assert_holiday("2024-03-29", IFZO_HOLIDAY_GOEDE_VRIJDAG, "Goede Vrijdag");
    assert_holiday("2024-04-01", IFZO_HOLIDAY_TWEEDE_PAASDAG, "Tweede Paasdag");
    assert_holiday("2024-04-27", IFZO_HOLIDAY_KONINGSDAG, "Koningsdag");
    /* 2014: first Koningsdag; the 27th was a Sunday */
    assert_holiday("2014-04-26", IFZO_HOLIDAY_KONINGSDAG, "Koningsdag");
    /* Koninginnedag: 2006-04-30 was a Sunday → Saturday 29 April; 1978 → Monday 1 May */
    assert_holiday("2006-04-29", IFZO_HOLIDAY_KONINGSDAG, "Koningsdag");
    cr_assert_eq(ifzo_holiday_on(D("2006-04-30")), IFZO_HOLIDAY_NONE);
    assert_holiday("2013-04-30", IFZO_HOLIDAY_KONINGSDAG, "Koningsdag");
    assert_holiday("1978-05-01", IFZO_HOLIDAY_KONINGSDAG, "Koningsdag");
    cr_assert_eq(ifzo_holiday_on(D("1948-04-30")), IFZO_HOLIDAY_NONE);
    /* 2016: Hemelvaartsdag on 5 May, the Easter-based day wins */
    cr_assert_eq(ifzo_holiday_on(D("2016-05-05")), IFZO_HOLIDAY_HEMELVAARTSDAG);
    cr_assert_eq(ifzo_holiday_on(INT32_MAX), IFZO_HOLIDAY_NONE);
    cr_assert_not(ifzo_is_working_day(INT32_MAX));
}

/* ------------------------------------------------------------------ working days */

static void assert_add_wd(const char *start, int32_t n, const char *expect)
{
    ifzo_date out;
    cr_assert_eq(ifzo_add_working_days(D(start), n, &out), IFZO_CAL_OK);
    char buf[IFZO_DATE_BUFSIZE];
    cr_assert_eq(ifzo_date_format(out, buf), IFZO_CAL_OK);
    cr_assert_str_eq(buf, expect, "%s %+d working days", start, (int)n);
    int32_t between;
    cr_assert_eq(ifzo_working_days_between(D(start), out, &between), IFZO_CAL_OK);
    cr_assert_eq(between, n, "between(%s, %s)", start, expect);
}

Test(working_days, easter_2025)
{
    /* Referral on Thursday 2025-04-17: Goede Vrijdag 18/4 and Tweede Paasdag 21/4 are not
     * working days; Koningsdag (26/4) is a Saturday. */
    assert_add_wd("2025-04-17", 1, "2025-04-22");
    assert_add_wd("2025-04-17", 5, "2025-04-28");  /* clinical answer term */
    assert_add_wd("2025-04-17", 10, "2025-05-06"); /* extended term, skips 5 May */
    assert_add_wd("2025-04-28", -5, "2025-04-17");
    assert_add_wd("2025-04-17", 0, "2025-04-17");
}

Test(working_days, christmas_and_year_boundary)
{
    assert_add_wd("2025-12-24", 1, "2025-12-29");
    assert_add_wd("2025-12-24", 3, "2025-12-31");
    assert_add_wd("2025-12-24", 4, "2026-01-02");
    assert_add_wd("2025-12-24", 5, "2026-01-05");
    assert_add_wd("2026-01-02", -1, "2025-12-31");
}

Test(working_days, weekends_and_start_days)
{
    /* the start day itself never counts, whatever it is */
    assert_add_wd("2025-03-07", 1, "2025-03-10"); /* Friday → Monday */
    assert_add_wd("2025-03-08", 1, "2025-03-10"); /* Saturday → Monday */
    assert_add_wd("2025-03-09", 0, "2025-03-09"); /* n = 0 keeps a Sunday */
    assert_add_wd("2025-03-03", 5, "2025-03-10");
    /* Hemelvaartsdag 2026 (Thursday 14 May); the Friday after is a working day */
    assert_add_wd("2026-05-13", 1, "2026-05-15");
    assert_add_wd("2026-05-13", 2, "2026-05-18");
}

Test(working_days, between)
{
    int32_t n;
    cr_assert_eq(ifzo_working_days_between(D("2025-04-17"), D("2025-04-17"), &n), IFZO_CAL_OK);
    cr_assert_eq(n, 0);
    cr_assert_eq(ifzo_working_days_between(D("2025-04-28"), D("2025-04-17"), &n), IFZO_CAL_OK);
    cr_assert_eq(n, -5);
    cr_assert_eq(ifzo_working_days_between(D("2025-04-17"), D("2025-04-21"), &n), IFZO_CAL_OK);
    cr_assert_eq(n, 0);
    /* whole years: weekdays minus holidays on weekdays */
    cr_assert_eq(ifzo_working_days_between(D("2024-12-31"), D("2025-12-31"), &n), IFZO_CAL_OK);
    cr_assert_eq(n, 253);
    cr_assert_eq(ifzo_working_days_between(D("2023-12-31"), D("2024-12-31"), &n), IFZO_CAL_OK);
    cr_assert_eq(n, 255);
    cr_assert_eq(ifzo_working_days_between(D("2025-12-31"), D("2026-12-31"), &n), IFZO_CAL_OK);
    cr_assert_eq(n, 253);
    cr_assert_eq(ifzo_working_days_between(INT32_MIN, D("2025-01-01"), &n), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_working_days_between(D("2025-01-01"), D("2025-01-02"), NULL),
                 IFZO_CAL_EINVAL);
}

Test(working_days, errors)
{
    ifzo_date out = 7;
    cr_assert_eq(ifzo_add_working_days(D("9999-12-30"), 2, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_add_working_days(D("1583-01-03"), -5, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(ifzo_add_working_days(INT32_MIN, 1, &out), IFZO_CAL_ERANGE);
    cr_assert_eq(out, 7, "output written on failure");
    cr_assert_eq(ifzo_add_working_days(D("2025-01-01"), 1, NULL), IFZO_CAL_EINVAL);
}

Test(status, strerror)
{
    for (int s = IFZO_CAL_OK; s <= IFZO_CAL_EINVAL; s++) {
        cr_assert_gt(strlen(ifzo_cal_strerror((enum ifzo_cal_status)s)), 0);
    }
}
