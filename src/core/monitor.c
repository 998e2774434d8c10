/*
 * monitor.c - periods, percentiles, norms and small-cell suppression of the capacity
 * monitor (core/monitor.h). Pure functions; the store and the API only call them.
 */
#include "core/monitor.h"

#include <stdio.h>
#include <string.h>

static const char *const periode_names[] = {"week", "maand", "kwartaal", "jaar"};

const char *monitor_periode_name(monitor_periode p)
{
    return (unsigned)p <= MON_JAAR ? periode_names[p] : NULL;
}

bool monitor_periode_from_name(const char *name, monitor_periode *out)
{
    for (int i = 0; name && i <= MON_JAAR; i++)
        if (strcmp(name, periode_names[i]) == 0) {
            *out = (monitor_periode)i;
            return true;
        }
    return false;
}

static bool ymd(int y, int m, int d, ifzo_date *out)
{
    return ifzo_date_from_ymd(y, m, d, out) == IFZO_CAL_OK;
}

bool monitor_periode_van(monitor_periode p, ifzo_date d, ifzo_date *start, ifzo_date *next,
                         char label[MONITOR_LABEL_BUF])
{
    int y, m, dd;
    if (ifzo_date_to_ymd(d, &y, &m, &dd) != IFZO_CAL_OK)
        return false;
    ifzo_date s, n;
    char buf[MONITOR_LABEL_BUF];
    switch (p) {
    case MON_WEEK: {
        s = d - (ifzo_date_weekday(d) - 1);
        n = s + 7;
        /* The ISO year is the year of the week's Thursday. */
        int ty, tm, td;
        ifzo_date jan1;
        if (ifzo_date_to_ymd(s + 3, &ty, &tm, &td) != IFZO_CAL_OK || !ymd(ty, 1, 1, &jan1))
            return false;
        snprintf(buf, sizeof buf, "%04d-W%02d", ty % 10000, (int)((s + 3 - jan1) / 7 + 1) % 100);
        break;
    }
    case MON_MAAND:
        if (!ymd(y, m, 1, &s))
            return false;
        if (!(m == 12 ? ymd(y + 1, 1, 1, &n) : ymd(y, m + 1, 1, &n)))
            n = s + 31;
        snprintf(buf, sizeof buf, "%04d-%02d", y % 10000, m % 100);
        break;
    case MON_KWARTAAL: {
        int k = (m - 1) / 3;
        if (!ymd(y, k * 3 + 1, 1, &s))
            return false;
        if (!(k == 3 ? ymd(y + 1, 1, 1, &n) : ymd(y, k * 3 + 4, 1, &n)))
            n = s + 92;
        snprintf(buf, sizeof buf, "%04d-K%d", y % 10000, k % 4 + 1);
        break;
    }
    case MON_JAAR:
        if (!ymd(y, 1, 1, &s))
            return false;
        if (!ymd(y + 1, 1, 1, &n))
            n = s + 365;
        snprintf(buf, sizeof buf, "%04d", y % 10000);
        break;
    default:
        return false;
    }
    if (start)
        *start = s;
    if (next)
        *next = n;
    if (label)
        memcpy(label, buf, sizeof buf);
    return true;
}

bool monitor_percentiel(const monitor_bin *bins, size_t n, int pct, int64_t *out)
{
    if (pct < 1 || pct > 100 || (bins == NULL && n > 0))
        return false;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (bins[i].aantal > 0)
            total += bins[i].aantal;
    if (total == 0)
        return false;
    int64_t rank = (pct * total + 99) / 100; /* ceil(pct * N / 100), >= 1 */
    /* The smallest value with at least `rank` observations at or below it; bins unsorted,
     * so for each candidate value count what lies at or below it. n is small (distinct
     * numbers of days), so the quadratic walk is fine. */
    bool found = false;
    int64_t best = 0;
    for (size_t i = 0; i < n; i++) {
        if (bins[i].aantal <= 0 || (found && bins[i].waarde >= best))
            continue;
        int64_t le = 0;
        for (size_t j = 0; j < n; j++)
            if (bins[j].aantal > 0 && bins[j].waarde <= bins[i].waarde)
                le += bins[j].aantal;
        if (le >= rank) {
            best = bins[i].waarde;
            found = true;
        }
    }
    *out = best;
    return found;
}

static const char *const fase_names[MON_FASE_COUNT] = {"aanmelding", "acceptatie", "start"};
static const int fase_norm[MON_FASE_COUNT] = {5, 10, 20};

const char *monitor_fase_name(monitor_fase f)
{
    return (unsigned)f < MON_FASE_COUNT ? fase_names[f] : NULL;
}

int monitor_norm_werkdagen(monitor_fase f)
{
    return (unsigned)f < MON_FASE_COUNT ? fase_norm[f] : -1;
}

bool monitor_binnen_norm(monitor_fase f, ifzo_date van, ifzo_date tot)
{
    int32_t wd = 0;
    if ((unsigned)f >= MON_FASE_COUNT || tot < van ||
        ifzo_working_days_between(van, tot, &wd) != IFZO_CAL_OK)
        return false;
    return wd <= fase_norm[f];
}

int monitor_aandeel(int64_t deel, int64_t totaal)
{
    if (totaal <= 0)
        return -1;
    return (int)((200 * deel + totaal) / (2 * totaal));
}

/* ---- suppression ----------------------------------------------------------------------- */

/* One line of the table: `len` positions, the last one being the line's total. */
typedef struct {
    size_t start, step, len;
} line;

static bool fix_line(const int64_t *v, bool *sup, line l)
{
    size_t hidden = 0;
    for (size_t k = 0; k < l.len; k++)
        hidden += sup[l.start + k * l.step] ? 1 : 0;
    if (hidden != 1)
        return false;
    /* smallest non-zero cell, else a zero cell, else the total */
    size_t pick = SIZE_MAX;
    for (int pass = 0; pass < 2 && pick == SIZE_MAX; pass++)
        for (size_t k = 0; k + 1 < l.len; k++) {
            size_t at = l.start + k * l.step;
            if (sup[at] || (pass == 0 ? v[at] == 0 : v[at] != 0))
                continue;
            if (pick == SIZE_MAX || v[at] < v[pick])
                pick = at;
        }
    if (pick == SIZE_MAX)
        pick = l.start + (l.len - 1) * l.step;
    if (sup[pick])
        return false; /* only the total is left and it is the hidden one: nothing to add */
    sup[pick] = true;
    return true;
}

bool monitor_onderdruk(int64_t *v, bool *sup, size_t rows, size_t cols)
{
    if (rows == 0 || cols == 0 || v == NULL || sup == NULL)
        return false;
    size_t w = cols + 1;
    for (size_t i = 0; i <= rows; i++)
        v[i * w + cols] = 0;
    for (size_t j = 0; j <= cols; j++)
        v[rows * w + j] = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            v[i * w + cols] += v[i * w + j];
            v[rows * w + j] += v[i * w + j];
            v[rows * w + cols] += v[i * w + j];
        }
    for (size_t k = 0; k < (rows + 1) * w; k++)
        sup[k] = v[k] > 0 && v[k] < MONITOR_DREMPEL;
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t i = 0; i <= rows; i++)
            changed |= fix_line(v, sup, (line){i * w, 1, w});
        for (size_t j = 0; j <= cols; j++)
            changed |= fix_line(v, sup, (line){j, w, rows + 1});
    }
    return true;
}
