/*
 * monitor.h - the capacity monitor's figures (issue 10), read from the derived tables of
 * migration 0009 that the store keeps in step with the event table.
 *
 * Why derived tables: the dashboard asks for counts per period and dimension over years of
 * history. Scanning plaatsing_gebeurtenis for that grows with the history; monitor_feit
 * holds per day, measure and dimension one count, written in the same transaction as the
 * event it comes from (store_monitor_event_in, store/monitor_internal.h), so it can never
 * disagree with the events. store_monitor_rebuild recomputes it from the events alone.
 * monitor_feit_periode (migration 0010, decision 95) holds the same counts summed per week,
 * month, quarter and year, keeping no dimension or one; a read takes the whole periods of
 * its range from there and the partial ones at its edges from the day rows.
 *
 * Measures (`maat`), each one row per event, dated by the event's own date:
 *   verzoek            a placement request made (sleutel "")
 *   instroom           start of care (location of the decision)
 *   doorstroom         start of care of a client whose earlier placement was still running
 *                      or ended at most 30 days before (sleutel: the earlier mutatiereden)
 *   uitstroom          end of care, sleutel = mutatiereden (a correction moves it, a
 *                      withdrawal of the end report removes it)
 *   bezetting          +1 on the start day, -1 on the end day (location's dimensions)
 *   wacht_aanmelding   request -> first referral; waarde = days, sleutel binnen/buiten norm
 *   wacht_acceptatie   request -> first acceptance
 *   wacht_start        request -> start of care
 *   reactie            a provider's reaction, sleutel = reactiemogelijkheid code
 *   reactietermijn     the same reaction: sleutel binnen/buiten the answer term, waarde =
 *                      calendar days from referral to answer
 *   annulering         a cancelled attempt, sleutel = annuleringsreden
 *   plaatsing_regio    a placement decision, sleutel in_regio/buiten_regio (the location's
 *                      arrondissement against the client's)
 *   plaatsing_soort    the same decision, sleutel = the mode of the proposal the decided
 *                      referral was made from (voorstel.modus: regulier, overbrugging,
 *                      second_best; onbekend without a stored proposal)
 *   einde_melding      an end-of-care report, sleutel op_tijd/te_laat (> 10 days)
 *
 * Ownership: result arrays are malloc'd; free() them.
 */
#ifndef IFZO_STORE_MONITOR_H
#define IFZO_STORE_MONITOR_H

#include "core/monitor.h"
#include "store/store.h"

/* The breakdown column of a figure. */
typedef enum {
    MON_PER_CODE = 0, /* the measure's own sleutel */
    MON_PER_ZORGTYPE,
    MON_PER_BEVEILIGINGSNIVEAU,
    MON_PER_ARRONDISSEMENT,
    MON_PER_ZORGAANBIEDER,
    MON_PER_ZORGLOCATIE,
    MON_PER_GEEN, /* one column, "totaal" */
    MON_PER_COUNT
} store_monitor_per;

typedef struct {
    monitor_periode periode;
    ifzo_date van, tot;                                            /* inclusive */
    char zorgtype[16], beveiligingsniveau[16], arrondissement[16]; /* "" = any */
    int64_t zorgaanbieder_id, zorglocatie_id;                      /* 0 = any */
} store_monitor_filter;

typedef struct {
    char periode[MONITOR_LABEL_BUF]; /* "" for a figure without period */
    char categorie[40];
    int64_t waarde;
    int64_t aantal;
} store_monitor_rij;

/* Sum of aantal per period, category and waarde of measure `maat` in [van, tot] under the
 * filter, ordered by period, category, waarde. */
int store_monitor_tellingen(store *s, const char *maat, const store_monitor_filter *f,
                            store_monitor_per per, store_monitor_rij **rows, size_t *n);

/* Occupancy: the occupied places (sum of the bezetting deltas up to and including the day)
 * at the last day of each period in [van, tot] (or tot, when earlier), per category; a
 * category appears in every period once it has had a placement. aantal = occupied. */
int store_monitor_bezetting(store *s, const store_monitor_filter *f, store_monitor_per per,
                            store_monitor_rij **rows, size_t *n);

/* Capacity and the providers' own figures from the current zorgaanbod, per category (the
 * location's security level and arrondissement): one row per category with periode "".
 * Written into four arrays of the same length: capaciteit, gemeld bezet, wachtlijst and
 * the longest reported waiting time in days. */
typedef struct {
    char categorie[40];
    int64_t capaciteit, bezet, wachtlijst, wachttijd_dagen;
} store_monitor_aanbod;
int store_monitor_aanbod_lijst(store *s, const store_monitor_filter *f, store_monitor_per per,
                               store_monitor_aanbod **rows, size_t *n);

/* Attempts still without an answer whose answer term ended before `peildatum`, counted per
 * category (only zorgtype, zorgaanbieder, zorglocatie or none). */
int store_monitor_te_laat_open(store *s, const store_monitor_filter *f, store_monitor_per per,
                               ifzo_date peildatum, store_monitor_rij **rows, size_t *n);

/* Empties monitor_traject and monitor_feit and replays every event in order through the
 * same code that maintains them, in one transaction. */
int store_monitor_rebuild(store *s);

/* A stable text dump of monitor_feit (non-zero rows, sorted), for tests comparing the
 * maintained table with a rebuilt one. *out malloc'd. */
int store_monitor_dump(store *s, char **out);

/* The same for the period rows of migration 0010 (week, month, quarter and year; the second
 * field of a line is "soort:periode"): as maintained (uit_dagen false), or computed from the
 * day rows of monitor_feit (true). The two must be equal. *out malloc'd. */
int store_monitor_dump_perioden(store *s, bool uit_dagen, char **out);

#endif
