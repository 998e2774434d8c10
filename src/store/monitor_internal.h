/*
 * monitor_internal.h - the one hook by which the event table feeds the capacity monitor's
 * derived tables (store/monitor.h). Private to src/store.
 *
 * Why a hook in the event writer: the figures must come from the recorded events and stay
 * fast. plaatsing.c calls this right after each INSERT INTO plaatsing_gebeurtenis, on the
 * same connection and so in the same transaction: the event and its counts commit or roll
 * back together.
 */
#ifndef IFZO_STORE_MONITOR_INTERNAL_H
#define IFZO_STORE_MONITOR_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "store/db.h"

/* The fields of one event the monitor reads. */
typedef struct {
    int64_t verzoek_id;
    int64_t poging_id; /* 0 = none */
    int64_t zorglocatie_id;
    const char *stap;
    ifzo_date datum;
    const char *code;
    bool te_laat;
} store_monitor_event;

int store_monitor_event_in(db_conn *c, const store_monitor_event *e);

#endif
