/*
 * monitor.h - the rules of the capacity monitor (issue 10): reporting periods, the median
 * and 80th percentile of waiting times, the norms of the placement policy, and small-cell
 * suppression so that the beleid role never sees a count of fewer than 5 clients.
 *
 * Why in core: these rules decide what a policy maker reads (which week a day belongs to,
 * which waiting time is "within the norm", which cell is hidden). They must be the same for
 * the API, the CSV and the bench, and testable without a database.
 *
 * Pure: no I/O, no clock, no allocation. Strings returned are static or caller buffers.
 */
#ifndef IFZO_CORE_MONITOR_H
#define IFZO_CORE_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"

/* ---- periods --------------------------------------------------------------------------- */

typedef enum { MON_WEEK = 0, MON_MAAND, MON_KWARTAAL, MON_JAAR } monitor_periode;

/* "week", "maand", "kwartaal", "jaar". */
const char *monitor_periode_name(monitor_periode p);
bool monitor_periode_from_name(const char *name, monitor_periode *out);

#define MONITOR_LABEL_BUF 12
/* The period that contains d: its first day (*start), the first day of the next period
 * (*next, may be NULL) and its label (may be NULL): ISO week "2026-W05" (the ISO year, so
 * 2027-01-01 is "2026-W53"), month "2026-03", quarter "2026-K1", year "2026". False for an
 * invalid date. */
bool monitor_periode_van(monitor_periode p, ifzo_date d, ifzo_date *start, ifzo_date *next,
                         char label[MONITOR_LABEL_BUF]);

/* ---- percentiles ----------------------------------------------------------------------- */

/* One value (whole days) and how often it occurred. */
typedef struct {
    int64_t waarde;
    int64_t aantal;
} monitor_bin;

/* The pct-th percentile (1..100) by the nearest-rank method: the smallest value v such that
 * at least pct% of the observations are <= v (rank ceil(pct * N / 100)). The same rule for
 * the median (50) and p80, so every figure is a number of days that occurred. bins need not
 * be sorted or merged; bins with aantal <= 0 are ignored. False when there is no
 * observation or pct is out of range. */
bool monitor_percentiel(const monitor_bin *bins, size_t n, int pct, int64_t *out);

/* ---- norms of the placement policy ----------------------------------------------------- */

/* The waiting-time stages, counted from the placement request (made once the indication is
 * definitive; docs/assumptions.md "Capaciteitsmonitor"). */
typedef enum {
    MON_FASE_AANMELDING = 0, /* request -> first referral (aanmelding) */
    MON_FASE_ACCEPTATIE,     /* request -> first acceptance */
    MON_FASE_START,          /* request -> start of care */
    MON_FASE_COUNT
} monitor_fase;

const char *monitor_fase_name(monitor_fase f); /* "aanmelding", "acceptatie", "start" */

/* The norm of a stage in working days (5, 10, 20): an assumption, the beleidskader's values
 * were not found (domain.md 5.1). */
int monitor_norm_werkdagen(monitor_fase f);

/* Whether `tot` lies within the stage's norm counted in working days after `van`. False for
 * invalid dates or tot before van (never within). */
bool monitor_binnen_norm(monitor_fase f, ifzo_date van, ifzo_date tot);

/* Whole percentage (rounded half up) of deel in totaal; -1 when totaal <= 0. */
int monitor_aandeel(int64_t deel, int64_t totaal);

/* ---- small-cell suppression ------------------------------------------------------------ */

#define MONITOR_DREMPEL 5 /* a cell counting 1..4 clients is shown as "<5" */

/* Suppresses a table of counts with its margins so that no hidden cell can be recovered by
 * subtraction from a row or a column.
 *
 * v and sup are (rows + 1) x (cols + 1), row-major: v[i * (cols + 1) + j] for i < rows,
 * j < cols are the cells; this function writes the margins (column cols: row totals, row
 * rows: column totals, v[rows * (cols + 1) + cols]: the grand total) and sup for all.
 *
 * 1. Primary: every value (cells and margins) with 0 < v < MONITOR_DREMPEL is suppressed.
 * 2. Secondary: every line (a row with its total, a column with its total, the totals row,
 *    the totals column) with exactly one suppressed value gets a second one: the smallest
 *    non-zero cell of that line, else a zero cell, else its total. Repeated until no line
 *    has exactly one, so every line equation has at least two unknowns.
 * Zeros are shown (0 clients reveals no client). False when rows or cols is 0. */
bool monitor_onderdruk(int64_t *v, bool *sup, size_t rows, size_t cols);

#endif
