/*
 * indicatiestelling.h: the client (justitiabele) and the indication (indicatiestelling).
 *
 * Why in core: an indication states, per care type, exactly the hard criteria the matching
 * algorithm uses (seed 004: klinisch/tbs, verblijf/BW and ambulant each their own set; see
 * criteria.h), plus the forensic title, the indicated security level, urgency and its term,
 * the indicating organisation and a free-text justification. Its life cycle is a rule:
 *
 *     concept --(complete: ifzo_indicatie_can_finalize)--> definitief
 *     definitief --(any change)--> a NEW version (definitief); the old one becomes
 *                                  vervangen and stays readable
 *
 * Only a definitief indication can be placed (ifzo_indicatie_placeable).
 *
 * Owner: the offer/indication team (branch `offer`). The matching engine reads
 * ifzo_indicatie.criteria, .zorgtype, .beveiligingsniveau and the client's age (ifzo_age_on).
 * Client data are confidential (design.md: access is logged by the layers above).
 *
 * Pure: no I/O, no allocation, "today" is a parameter; structs are caller-owned values,
 * core_error strings static.
 */
#ifndef IFZO_CORE_INDICATIESTELLING_H
#define IFZO_CORE_INDICATIESTELLING_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/criteria.h"
#include "core/error.h"
#include "core/zorgaanbod.h"

/* ---- justitiabele ------------------------------------------------------------------- */

typedef struct ifzo_justitiabele {
    int64_t id; /* 0 until stored */
    char achternaam[IFZO_NAME_BUF];
    char voornamen[IFZO_NAME_BUF];
    ifzo_date geboortedatum;
    char bsn[10];     /* 9 digits, 11-proef */
    char geslacht[2]; /* geslacht code "0", "1", "2" */
    char postcode[7]; /* residence or strongest ties: "1234AB" or "1234" (PC4 only) */
} ifzo_justitiabele;

/* achternaam 1..200, voornamen 0..200 characters; geboortedatum from 1900-01-01 up to today;
 * bsn passes ifzo_bsn_check; geslacht a code; postcode a full postcode or a PC4 that the
 * geography knows (ifzo_geo_resolve_pc4). Fields: "achternaam", "voornamen",
 * "geboortedatum", "bsn", "geslacht", "postcode". */
bool justitiabele_check(const ifzo_justitiabele *j, ifzo_date today, core_error *err);

/* Age in whole years on day (birthday on 29 February counts on 1 March in other years);
 * -1 when day is before birth or a date is invalid. */
int ifzo_age_on(ifzo_date birth, ifzo_date day);

/* ---- indicatiestelling -------------------------------------------------------------- */

typedef enum ifzo_indicatie_status {
    IFZO_IND_CONCEPT = 0,
    IFZO_IND_DEFINITIEF = 1,
    IFZO_IND_VERVANGEN = 2 /* an older version of a changed definitive indication */
} ifzo_indicatie_status;

/* "concept", "definitief", "vervangen"; NULL for an invalid value. Static storage. */
const char *ifzo_indicatie_status_name(ifzo_indicatie_status s);
bool ifzo_indicatie_status_from_name(const char *name, ifzo_indicatie_status *out);

#define IFZO_ONDERBOUWING_MAX 4000 /* characters */
#define IFZO_ONDERBOUWING_BUF (IFZO_ONDERBOUWING_MAX * 4 + 1)

typedef struct ifzo_indicatie {
    int64_t id; /* the indication (stable over versions); 0 until stored */
    int versie; /* 1, 2, … */
    ifzo_indicatie_status status;
    int64_t justitiabele_id;
    int64_t indicerende_organisatie_id;       /* an organisation (organisation.h) */
    char zorgtype[IFZO_CODE_BUF];             /* any zorgtype code; its root selects the criteria */
    ifzo_criteria criteria;                   /* one value per applicable criterion (criteria.h) */
    char zorgtitel[IFZO_CODE_BUF];            /* zorgtitel code ("" in a concept: not yet known) */
    ifzo_date titel_start;                    /* IFZO_NO_DATE: not yet known */
    ifzo_date titel_eind;                     /* (provisional) end; IFZO_NO_DATE: not known */
    char beveiligingsniveau[2];               /* indicated level "1" … "4"; "" = none (VBW/AMB) */
    char urgentie[IFZO_CODE_BUF];             /* urgentie code ("" in a concept) */
    ifzo_date aanmelddatum;                   /* the day the indication was requested */
    char onderbouwing[IFZO_ONDERBOUWING_BUF]; /* free-text justification, multi-line */
} ifzo_indicatie;

/* Field rules that hold in every state: zorgtype known; criteria pass
 * ifzo_indication_criteria_check(complete=false); zorgtitel, beveiligingsniveau and urgentie
 * "" or a code; titel_eind not before titel_start; aanmelddatum a valid date not after today;
 * onderbouwing at most 4000 characters (TAB/LF/CR allowed). Fields: "zorgtype",
 * "criteria.<name>", "zorgtitel", "titel_start", "titel_eind", "beveiligingsniveau",
 * "urgentie", "aanmelddatum", "onderbouwing". */
bool ifzo_indicatie_check(const ifzo_indicatie *i, ifzo_date today, core_error *err);

/* concept -> definitief: ifzo_indicatie_check, plus every applicable criterion filled
 * (complete=true), zorgtitel, titel_start and urgentie present, a beveiligingsniveau for
 * KLIN, a non-empty onderbouwing and an indicating organisation. Code "incomplete" with the
 * missing field; "invalid_state" when the status is not concept. */
bool ifzo_indicatie_can_finalize(const ifzo_indicatie *i, ifzo_date today, core_error *err);

/* Whether the indication can be placed: definitief (not concept, not vervangen). */
bool ifzo_indicatie_placeable(const ifzo_indicatie *i);

/* How a change is applied: a concept is changed in place; a definitief one gets a new
 * version (the old one becomes vervangen); a vervangen one cannot be changed (code
 * "invalid_state", field "status"). */
typedef enum ifzo_indicatie_change {
    IFZO_CHANGE_IN_PLACE,
    IFZO_CHANGE_NEW_VERSION,
    IFZO_CHANGE_REFUSED
} ifzo_indicatie_change;
ifzo_indicatie_change ifzo_indicatie_change_kind(ifzo_indicatie_status current, core_error *err);

/* The day the indication must be ready: aanmelddatum plus the urgency term (urgentie code
 * list: regulier 10 werkdagen, spoed 5 werkdagen, crisis 2 kalenderdagen). False when the
 * urgency is unknown or the date out of range. */
bool ifzo_indicatie_termijn(const char *urgentie, ifzo_date aanmelddatum, ifzo_date *deadline);

#endif
