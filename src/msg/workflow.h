/*
 * workflow.h - the placement workflow's apply callbacks for the FZ message pipeline.
 *
 * Why here: provider software reports reactions (FZ822), start of care (FZ823) and end of
 * care (FZ825) as messages; each record must run exactly the transition the API runs
 * (core/plaatsing.h, saved with store_plaatsing_save), so a message and a screen cannot
 * disagree. The callbacks map core's refusal codes to retour codes (data/codelists/
 * retourcode.tsv): FZ01-FZ07 for the end-of-care rules, 9063 for an unknown attempt or
 * decision (also one addressed to another sender: its existence does not leak), 9074 for a
 * step already taken, 0233 for any other refusal.
 *
 * Records name the attempt by its id (FZ822) and the decision by its plaatsingsbesluitnummer
 * (FZ823/FZ825, a number: the decimal text of the besluitnummer). Only the provider whose
 * location the attempt or decision is for may send: the message's afzender must be the AGB
 * code of that location or of its provider. "Today" for the date rules is the message's
 * dagtekening (the pipeline has checked that it is not after the day of receipt).
 */
#ifndef IFZO_MSG_WORKFLOW_H
#define IFZO_MSG_WORKFLOW_H

#include "msg/msg.h"

/* Fills *out with the three callbacks over store s (borrowed; it must outlive every
 * msg_ctx made with the table). */
void msg_workflow_apply(store *s, msg_apply *out);

#endif
