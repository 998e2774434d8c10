/*
 * voorstel.h - the rules around a stored matching proposal (issue 5 item 7) and the referral
 * made from it (issue 6 item 2): the API names of the matching modes, and what a placer must
 * record when referring: the proposal worked from, the weighing of the 10 soft criteria of
 * the placement policy (zacht_criterium, a text each) and, when the location was not
 * proposed ("voorgesteld") in that proposal, a justification: a code of contra_indicatie
 * plus a text (seed S3/S5: deviating from the proposal requires a recorded reason).
 *
 * Why a separate file: match.c and match_index.c compute the proposal and belong to the
 * matching engine; these are the placement rules about using one. Pure: no I/O, no clock.
 * All strings returned and put in core_error are static.
 */
#ifndef IFZO_CORE_VOORSTEL_H
#define IFZO_CORE_VOORSTEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/match.h"

/* The API names of the modes: "regulier", "overbrugging", "second_best" (the engine's
 * match_mode_name says "regular" for the first). NULL / false for anything else. */
const char *voorstel_modus_name(match_mode m);
bool voorstel_modus_from_name(const char *name, match_mode *out);

/* The soft criteria: the codes of list zacht_criterium, in file order ("01" … "10"). */
#define VOORSTEL_WEGING_N  10
#define VOORSTEL_TEKST_MAX 2000 /* characters per weging text or toelichting */
/* The code of soft criterion i (0-based), its error field "weging.<code>"; NULL when out of
 * range. */
const char *voorstel_weging_code(size_t i);
const char *voorstel_weging_field(size_t i);
/* The index of a code of zacht_criterium; false when unknown. */
bool voorstel_weging_index(const char *code, size_t *out);

/* What the placer sends with a referral. Strings may be NULL (absent). */
typedef struct voorstel_keuze {
    int64_t voorstel;                      /* volgnummer of the proposal; 0 = absent */
    const char *weging[VOORSTEL_WEGING_N]; /* by voorstel_weging_code order */
    const char *afwijking_code;            /* contra_indicatie code; NULL = no afwijking */
    const char *afwijking_toelichting;
    bool afwijking_given; /* the member "afwijking" was sent */
} voorstel_keuze;

/* Checks a referral's choice for a location that was (voorgesteld) or was not proposed:
 *   voorstel > 0                                   "voorstel_vereist", field "voorstel"
 *   every weging text present, not blank           "weging_onvolledig", field "weging.NN"
 *   each at most VOORSTEL_TEKST_MAX characters, UTF-8, multi-line allowed
 *                                                  "weging_ongeldig", field "weging.NN"
 *   not voorgesteld: afwijking given               "afwijking_vereist", field "afwijking"
 *   an afwijking (whenever given): a contra_indicatie code
 *        "contra_indicatie_onbekend", field "afwijking.contra_indicatie"
 *   and a toelichting, not blank, bounded as above
 *        "afwijking_toelichting_ontbreekt" / "afwijking_toelichting_ongeldig",
 *        field "afwijking.toelichting"
 * The first failing rule in this order is reported. */
bool voorstel_keuze_check(const voorstel_keuze *k, bool voorgesteld, core_error *err);

/* Contra-indications recorded on a client: each a code of contra_indicatie
 * ("contra_indicatie_onbekend", field "contra_indicaties"), no code twice
 * ("contra_indicatie_dubbel"), at most as many as the list has. */
bool voorstel_contra_check(const char *const *codes, size_t n, core_error *err);

#endif
