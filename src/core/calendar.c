/*
 * calendar.c: civil-date arithmetic, strict ISO dates, Dutch holidays, working days.
 *
 * Why this exists: see calendar.h. The day-count conversions are Howard Hinnant's
 * days_from_civil / civil_from_days algorithms (public domain), valid for the whole range.
 */
#include "core/calendar.h"

#include <string.h>

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian); any y, m in 1 … 12, d in 1 … 31. */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                                  /* 0 … 399 */
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* 0 … 365 */
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* 0 … 146096 */
    return (int32_t)(era * 146097 + doe - 719468);
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int32_t doe = z - era * 146097;                                      /* 0 … 146096 */
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0 … 399 */
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0 … 365 */
    const int32_t mp = (5 * doy + 2) / 153;                                    /* 0 … 11 */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

#define DATE_MIN ((ifzo_date)-141349) /* 1583-01-01 */
#define DATE_MAX ((ifzo_date)2932896) /* 9999-12-31 */

const char *ifzo_cal_strerror(enum ifzo_cal_status st)
{
    switch (st) {
    case IFZO_CAL_OK:
        return "ok";
    case IFZO_CAL_EFORMAT:
        return "not a date in the form YYYY-MM-DD";
    case IFZO_CAL_ERANGE:
        return "no such date in the supported range";
    case IFZO_CAL_EINVAL:
        return "invalid argument";
    }
    return "unknown calendar status";
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : len[m - 1];
}

bool ifzo_ymd_valid(int year, int month, int day)
{
    if (year < IFZO_DATE_MIN_YEAR || year > IFZO_DATE_MAX_YEAR) {
        return false;
    }
    if (month < 1 || month > 12) {
        return false;
    }
    return day >= 1 && day <= days_in_month(year, month);
}

bool ifzo_date_valid(ifzo_date d)
{
    return d >= DATE_MIN && d <= DATE_MAX;
}

enum ifzo_cal_status ifzo_date_from_ymd(int year, int month, int day, ifzo_date *out)
{
    if (out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    if (!ifzo_ymd_valid(year, month, day)) {
        return IFZO_CAL_ERANGE;
    }
    *out = days_from_civil(year, month, day);
    return IFZO_CAL_OK;
}

enum ifzo_cal_status ifzo_date_to_ymd(ifzo_date d, int *year, int *month, int *day)
{
    if (year == NULL || month == NULL || day == NULL) {
        return IFZO_CAL_EINVAL;
    }
    if (!ifzo_date_valid(d)) {
        return IFZO_CAL_ERANGE;
    }
    civil_from_days(d, year, month, day);
    return IFZO_CAL_OK;
}

static bool digits(const char *s, size_t n, int *value)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

enum ifzo_cal_status ifzo_date_parse_n(const char *s, size_t len, ifzo_date *out)
{
    if (s == NULL || out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    int y;
    int m;
    int d;
    if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
        !digits(s + 8, 2, &d)) {
        return IFZO_CAL_EFORMAT;
    }
    return ifzo_date_from_ymd(y, m, d, out);
}

enum ifzo_cal_status ifzo_date_parse(const char *s, ifzo_date *out)
{
    if (s == NULL || out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    /* Bounded length: never scan further than needed to know it is not 10. */
    size_t n = 0;
    while (n <= 10 && s[n] != '\0') {
        n++;
    }
    return ifzo_date_parse_n(s, n, out);
}

static void put_digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

enum ifzo_cal_status ifzo_date_format(ifzo_date d, char out[IFZO_DATE_BUFSIZE])
{
    if (out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    if (!ifzo_date_valid(d)) {
        return IFZO_CAL_ERANGE;
    }
    int y;
    int m;
    int day;
    civil_from_days(d, &y, &m, &day);
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, day, 2);
    out[10] = '\0';
    return IFZO_CAL_OK;
}

int ifzo_date_weekday(ifzo_date d)
{
    /* 1970-01-01 was a Thursday (ISO 4). Use 64 bits so that d + 3 cannot overflow. */
    int64_t r = ((int64_t)d + 3) % 7;
    if (r < 0) {
        r += 7;
    }
    return (int)r + 1;
}

enum ifzo_cal_status ifzo_date_add_days(ifzo_date d, int32_t n, ifzo_date *out)
{
    if (out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    if (!ifzo_date_valid(d)) {
        return IFZO_CAL_ERANGE;
    }
    int64_t r = (int64_t)d + n;
    if (r < DATE_MIN || r > DATE_MAX) {
        return IFZO_CAL_ERANGE;
    }
    *out = (ifzo_date)r;
    return IFZO_CAL_OK;
}

/* Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms; Jones 1876; Butcher). */
static void easter_md(int year, int *month, int *day)
{
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    *month = (h + l - 7 * m + 114) / 31;
    *day = (h + l - 7 * m + 114) % 31 + 1;
}

enum ifzo_cal_status ifzo_easter_sunday(int year, ifzo_date *out)
{
    if (out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    if (year < IFZO_DATE_MIN_YEAR || year > IFZO_DATE_MAX_YEAR) {
        return IFZO_CAL_ERANGE;
    }
    int m;
    int d;
    easter_md(year, &m, &d);
    *out = days_from_civil(year, m, d);
    return IFZO_CAL_OK;
}

/* The day the monarch's birthday is celebrated in `year`, or 0 with false if none. */
static bool royal_day(int year, int *month, int *day)
{
    if (year >= 2014) {
        *month = 4;
        *day = 27;
        if (ifzo_date_weekday(days_from_civil(year, 4, 27)) == 7) {
            *day = 26;
        }
        return true;
    }
    if (year >= 1949) {
        *month = 4;
        *day = 30;
        if (ifzo_date_weekday(days_from_civil(year, 4, 30)) == 7) {
            if (year >= 1980) {
                *day = 29;
            } else {
                *month = 5;
                *day = 1;
            }
        }
        return true;
    }
    return false;
}

enum ifzo_holiday ifzo_holiday_on(ifzo_date d)
{
    if (!ifzo_date_valid(d)) {
        return IFZO_HOLIDAY_NONE;
    }
    int y;
    int m;
    int day;
    civil_from_days(d, &y, &m, &day);

    if (m == 1 && day == 1) {
        return IFZO_HOLIDAY_NIEUWJAARSDAG;
    }
    /* Easter-based days fall between 20 March (Goede Vrijdag) and 14 June (Pinkstermaandag). */
    if (m >= 3 && m <= 6) {
        int em;
        int ed;
        easter_md(y, &em, &ed);
        int32_t off = d - days_from_civil(y, em, ed);
        switch (off) {
        case -2:
            return IFZO_HOLIDAY_GOEDE_VRIJDAG;
        case 0:
            return IFZO_HOLIDAY_EERSTE_PAASDAG;
        case 1:
            return IFZO_HOLIDAY_TWEEDE_PAASDAG;
        case 39:
            return IFZO_HOLIDAY_HEMELVAARTSDAG;
        case 49:
            return IFZO_HOLIDAY_EERSTE_PINKSTERDAG;
        case 50:
            return IFZO_HOLIDAY_TWEEDE_PINKSTERDAG;
        default:
            break;
        }
    }
    int rm;
    int rd;
    if (royal_day(y, &rm, &rd) && m == rm && day == rd) {
        return IFZO_HOLIDAY_KONINGSDAG;
    }
    if (m == 5 && day == 5) {
        return IFZO_HOLIDAY_BEVRIJDINGSDAG;
    }
    if (m == 12 && day == 25) {
        return IFZO_HOLIDAY_EERSTE_KERSTDAG;
    }
    if (m == 12 && day == 26) {
        return IFZO_HOLIDAY_TWEEDE_KERSTDAG;
    }
    return IFZO_HOLIDAY_NONE;
}

const char *ifzo_holiday_name(enum ifzo_holiday h)
{
    switch (h) {
    case IFZO_HOLIDAY_NONE:
        return "";
    case IFZO_HOLIDAY_NIEUWJAARSDAG:
        return "Nieuwjaarsdag";
    case IFZO_HOLIDAY_GOEDE_VRIJDAG:
        return "Goede Vrijdag";
    case IFZO_HOLIDAY_EERSTE_PAASDAG:
        return "Eerste Paasdag";
    case IFZO_HOLIDAY_TWEEDE_PAASDAG:
        return "Tweede Paasdag";
    case IFZO_HOLIDAY_KONINGSDAG:
        return "Koningsdag";
    case IFZO_HOLIDAY_BEVRIJDINGSDAG:
        return "Bevrijdingsdag";
    case IFZO_HOLIDAY_HEMELVAARTSDAG:
        return "Hemelvaartsdag";
    case IFZO_HOLIDAY_EERSTE_PINKSTERDAG:
        return "Eerste Pinksterdag";
    case IFZO_HOLIDAY_TWEEDE_PINKSTERDAG:
        return "Tweede Pinksterdag";
    case IFZO_HOLIDAY_EERSTE_KERSTDAG:
        return "Eerste Kerstdag";
    case IFZO_HOLIDAY_TWEEDE_KERSTDAG:
        return "Tweede Kerstdag";
    }
    return "";
}

bool ifzo_is_working_day(ifzo_date d)
{
    if (!ifzo_date_valid(d)) {
        return false;
    }
    if (ifzo_date_weekday(d) >= 6) {
        return false;
    }
    return ifzo_holiday_on(d) == IFZO_HOLIDAY_NONE;
}

enum ifzo_cal_status ifzo_add_working_days(ifzo_date start, int32_t n, ifzo_date *out)
{
    if (out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    if (!ifzo_date_valid(start)) {
        return IFZO_CAL_ERANGE;
    }
    int32_t step = n >= 0 ? 1 : -1;
    /* Count down in 64 bits: -INT32_MIN does not fit in an int32_t. */
    int64_t left = n >= 0 ? (int64_t)n : -(int64_t)n;
    ifzo_date d = start;
    while (left > 0) {
        d += step;
        if (!ifzo_date_valid(d)) {
            return IFZO_CAL_ERANGE;
        }
        if (ifzo_is_working_day(d)) {
            left--;
        }
    }
    *out = d;
    return IFZO_CAL_OK;
}

enum ifzo_cal_status ifzo_working_days_between(ifzo_date from, ifzo_date to, int32_t *out)
{
    if (out == NULL) {
        return IFZO_CAL_EINVAL;
    }
    if (!ifzo_date_valid(from) || !ifzo_date_valid(to)) {
        return IFZO_CAL_ERANGE;
    }
    ifzo_date lo = from < to ? from : to;
    ifzo_date hi = from < to ? to : from;
    int32_t count = 0;
    for (ifzo_date d = lo + 1; d <= hi; d++) {
        if (ifzo_is_working_day(d)) {
            count++;
        }
    }
    *out = from <= to ? count : -count;
    return IFZO_CAL_OK;
}
