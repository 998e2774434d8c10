/*
 * test_monitor.c - the capacity monitor's pure rules (core/monitor.h): period of a day at
 * year and week boundaries, nearest-rank median and p80 on hand-counted data, the norms
 * in working days around a holiday, and small-cell suppression with its secondary rule.
 */
#include "core/monitor.h"

#include <criterion/criterion.h>
#include <string.h>

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK, "%s", s);
    return d;
}

static void period(monitor_periode p, const char *day, const char *label, const char *start,
                   const char *next)
{
    ifzo_date s, n;
    char l[MONITOR_LABEL_BUF];
    cr_assert(monitor_periode_van(p, D(day), &s, &n, l), "%s", day);
    cr_assert_str_eq(l, label, "%s", day);
    cr_assert_eq(s, D(start), "%s start", day);
    cr_assert_eq(n, D(next), "%s next", day);
}

Test(monitor, periods)
{
    /* ISO weeks: 2027-01-01 is a Friday in week 53 of 2026; 2026-12-28 Monday of it. */
    period(MON_WEEK, "2027-01-01", "2026-W53", "2026-12-28", "2027-01-04");
    period(MON_WEEK, "2026-01-01", "2026-W01", "2025-12-29", "2026-01-05");
    period(MON_WEEK, "2026-11-23", "2026-W48", "2026-11-23", "2026-11-30");
    period(MON_WEEK, "2026-11-29", "2026-W48", "2026-11-23", "2026-11-30");
    period(MON_MAAND, "2024-02-29", "2024-02", "2024-02-01", "2024-03-01");
    period(MON_MAAND, "2026-12-31", "2026-12", "2026-12-01", "2027-01-01");
    period(MON_KWARTAAL, "2026-03-31", "2026-K1", "2026-01-01", "2026-04-01");
    period(MON_KWARTAAL, "2026-04-01", "2026-K2", "2026-04-01", "2026-07-01");
    period(MON_KWARTAAL, "2026-11-23", "2026-K4", "2026-10-01", "2027-01-01");
    period(MON_JAAR, "2026-07-15", "2026", "2026-01-01", "2027-01-01");
    monitor_periode p;
    cr_assert(monitor_periode_from_name("kwartaal", &p));
    cr_assert_eq(p, MON_KWARTAAL);
    cr_assert_not(monitor_periode_from_name("dag", &p));
    cr_assert_not(monitor_periode_from_name(NULL, &p));
    cr_assert_str_eq(monitor_periode_name(MON_WEEK), "week");
}

Test(monitor, percentiles)
{
    /* 10 observations: 1,2,2,3,5,8,8,8,13,40 (unsorted bins, one split in two). */
    monitor_bin b[] = {{8, 2}, {1, 1}, {40, 1}, {2, 2}, {13, 1}, {3, 1}, {5, 1}, {8, 1}};
    int64_t v = -1;
    cr_assert(monitor_percentiel(b, 8, 50, &v)); /* rank 5: 5 */
    cr_assert_eq(v, 5);
    cr_assert(monitor_percentiel(b, 8, 80, &v)); /* rank 8: 8 */
    cr_assert_eq(v, 8);
    cr_assert(monitor_percentiel(b, 8, 90, &v)); /* rank 9: 13 */
    cr_assert_eq(v, 13);
    cr_assert(monitor_percentiel(b, 8, 100, &v));
    cr_assert_eq(v, 40);
    cr_assert(monitor_percentiel(b, 8, 1, &v));
    cr_assert_eq(v, 1);
    /* one observation: every percentile is it; none: false */
    monitor_bin one = {7, 1};
    cr_assert(monitor_percentiel(&one, 1, 80, &v));
    cr_assert_eq(v, 7);
    monitor_bin zero = {7, 0};
    cr_assert_not(monitor_percentiel(&zero, 1, 50, &v));
    cr_assert_not(monitor_percentiel(NULL, 0, 50, &v));
    cr_assert_not(monitor_percentiel(b, 8, 0, &v));
    cr_assert_not(monitor_percentiel(b, 8, 101, &v));
    /* odd count 3: median rank 2 */
    monitor_bin three[] = {{4, 1}, {9, 1}, {1, 1}};
    cr_assert(monitor_percentiel(three, 3, 50, &v));
    cr_assert_eq(v, 4);
}

Test(monitor, norms)
{
    cr_assert_eq(monitor_norm_werkdagen(MON_FASE_AANMELDING), 5);
    cr_assert_eq(monitor_norm_werkdagen(MON_FASE_ACCEPTATIE), 10);
    cr_assert_eq(monitor_norm_werkdagen(MON_FASE_START), 20);
    /* Thursday 2025-04-17: 5 working days later is Monday 2025-04-28 (Good Friday, Easter
     * Monday and the weekend do not count). */
    cr_assert(monitor_binnen_norm(MON_FASE_AANMELDING, D("2025-04-17"), D("2025-04-28")));
    cr_assert_not(monitor_binnen_norm(MON_FASE_AANMELDING, D("2025-04-17"), D("2025-04-29")));
    cr_assert(monitor_binnen_norm(MON_FASE_AANMELDING, D("2025-04-17"), D("2025-04-17")));
    cr_assert_not(monitor_binnen_norm(MON_FASE_AANMELDING, D("2025-04-17"), D("2025-04-16")));
    cr_assert(monitor_binnen_norm(MON_FASE_ACCEPTATIE, D("2026-11-02"), D("2026-11-16")));
    cr_assert_not(monitor_binnen_norm(MON_FASE_ACCEPTATIE, D("2026-11-02"), D("2026-11-17")));
    cr_assert_not(monitor_binnen_norm(MON_FASE_COUNT, D("2026-11-02"), D("2026-11-02")));
    cr_assert_eq(monitor_aandeel(2, 3), 67);
    cr_assert_eq(monitor_aandeel(1, 8), 13); /* 12.5 rounds up */
    cr_assert_eq(monitor_aandeel(0, 5), 0);
    cr_assert_eq(monitor_aandeel(1, 0), -1);
}

#define W 4 /* 3 columns + total */

Test(monitor, suppression_primary_and_zeros_shown)
{
    /* 2 x 3, all cells >= 5 or 0: nothing hidden, margins written. */
    int64_t v[3 * W] = {5, 0, 7, -1, 10, 0, 6, -1, -1, -1, -1, -1};
    bool s[3 * W];
    cr_assert(monitor_onderdruk(v, s, 2, 3));
    int64_t want[3 * W] = {5, 0, 7, 12, 10, 0, 6, 16, 15, 0, 13, 28};
    for (int k = 0; k < 3 * W; k++) {
        cr_assert_eq(v[k], want[k], "v[%d]", k);
        cr_assert_not(s[k], "s[%d]", k);
    }
    cr_assert_not(monitor_onderdruk(v, s, 0, 3));
}

Test(monitor, suppression_secondary_in_row_and_column)
{
    /* rows [3 6 20 | 29], [8 10 9 | 27]; totals [11 16 29 | 56]. Primary: 3. Row 0 then
     * has one hidden value: its smallest other non-zero cell, 6, goes too. Column 0 (3, 8,
     * 11) has one: 8 goes; column 1 (6, 10, 16) has one: 10 goes. Row 1 now has two (8,
     * 10): stable. Every line ends with 0 or >= 2 hidden values. */
    int64_t v[3 * W] = {3, 6, 20, 0, 8, 10, 9, 0, 0, 0, 0, 0};
    bool s[3 * W];
    cr_assert(monitor_onderdruk(v, s, 2, 3));
    for (size_t i = 0; i <= 2; i++) {
        int h = 0;
        for (size_t j = 0; j < W; j++)
            h += s[i * W + j];
        cr_assert(h != 1, "row %zu has exactly one hidden value", i);
    }
    for (size_t j = 0; j < W; j++) {
        int h = 0;
        for (size_t i = 0; i <= 2; i++)
            h += s[i * W + j];
        cr_assert(h != 1, "column %zu has exactly one hidden value", j);
    }
    cr_assert(s[0]);     /* the primary */
    cr_assert(s[1]);     /* 6: smallest other in row 0 */
    cr_assert(s[W + 0]); /* 8: second in column 0 */
    cr_assert(s[W + 1]); /* 10: second in column 1 */
    cr_assert_not(s[W + 2]);
    cr_assert_not(s[3]); /* row total 29 stays */
    cr_assert_not(s[2 * W + 3]);
}

Test(monitor, suppression_single_column_hides_the_total_or_a_neighbour)
{
    /* One column (e.g. a waiting list per location): 2 locations, 4 and 12. Each row is
     * [cell, total] with total == cell, so 4 and its row total are both hidden; column 0
     * then has one hidden cell (4) and a second one goes: 12; and with it its row total. */
    int64_t v[3 * 2] = {4, 0, 12, 0, 0, 0};
    bool s[3 * 2];
    cr_assert(monitor_onderdruk(v, s, 2, 1));
    cr_assert(s[0] && s[1]);
    cr_assert(s[2] && s[3]);
    cr_assert_eq(v[4], 16);
    cr_assert_not(s[4]); /* the grand total 16 may be shown: two unknowns remain */
    /* only one row: 3 -> cell, row total, column total and grand total all hidden */
    int64_t o[2 * 2] = {3, 0, 0, 0};
    bool so[2 * 2];
    cr_assert(monitor_onderdruk(o, so, 1, 1));
    cr_assert(so[0] && so[1] && so[2] && so[3]);
}
