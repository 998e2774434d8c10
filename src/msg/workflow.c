/*
 * workflow.c - FZ822/FZ823/FZ825 records run the placement transitions; see workflow.h.
 */
#include "msg/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plaatsing.h"
#include "store/plaatsing.h"

/* How many times a step is retried when another writer changed the request meanwhile. */
#define SAVE_TRIES 5

static const char *retour_for(const char *code)
{
    static const struct {
        const char *code, *retour;
    } map[] = {
        {"verzoek_niet_geplaatst", "FZ01"}, {"geen_einde_zorg", "FZ01"},
        {"geen_eerdere_melding", "9103"},   {"melding_ingetrokken", "9104"},
        {"einddatum_in_toekomst", "FZ02"},  {"einddatum_voor_start", "FZ03"},
        {"einddatum_buiten_titel", "FZ04"}, {"mutatiereden_ontbreekt", "FZ05"},
        {"mutatiereden_onbekend", "FZ05"},  {"niet_laatste_einddatum", "FZ06"},
        {"mutatiereden_anders", "FZ07"},    {"reactie_al_gegeven", "9074"},
        {"verzoek_niet_besloten", "9074"},
    };
    for (size_t i = 0; code && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].code, code) == 0)
            return map[i].retour;
    return "0233";
}

/* The attempt a sender may answer: its location's or provider's AGB is the afzender. */
static bool sender_owns(const store_toeleidingspoging *p, const msg_header *h)
{
    return strcmp(p->locatie_agb, h->afzender) == 0 || strcmp(p->aanbieder_agb, h->afzender) == 0;
}

static void who(store_access_entry *e, const msg_header *h, const store_toeleidingspoging *p,
                int64_t client, int64_t verzoek)
{
    memset(e, 0, sizeof *e);
    snprintf(e->username, sizeof e->username, "bericht:%s", h->afzender);
    snprintf(e->role, sizeof e->role, "zorgaanbieder");
    e->organisation_id = p ? p->aanbieder_organisatie_id : 0;
    e->client_id = client;
    snprintf(e->object_type, sizeof e->object_type, "plaatsingsverzoek");
    e->object_id = verzoek;
    snprintf(e->action, sizeof e->action, "update");
    snprintf(e->request_id, sizeof e->request_id, "%.20s", h->identificatie);
}

typedef enum { KIND_REACTIE, KIND_START, KIND_EINDE } kind;

/* One attempt at a record: load, check the sender, run core, save. Returns a retour code,
 * "retry" on a version conflict, or NULL on a store failure. */
static const char *attempt(store *s, kind k, const msg_record *rec)
{
    int64_t vid = 0;
    int rc;
    char nummer[32];
    if (k == KIND_REACTIE) {
        rc = store_poging_verzoek(s, rec->u.reactie.toeleidingspoging, &vid);
    } else {
        snprintf(nummer, sizeof nummer, "%lld",
                 (long long)(k == KIND_START ? rec->u.start_zorg.plaatsingsbesluit
                                             : rec->u.einde_zorg.plaatsingsbesluit));
        rc = store_plaatsing_by_besluit(s, nummer, &vid);
    }
    if (rc == STORE_NOT_FOUND)
        return "9063";
    if (rc != STORE_OK)
        return NULL;
    store_plaatsing cur;
    rc = store_plaatsing_get(s, vid, &cur);
    if (rc != STORE_OK) {
        store_plaatsing_free(&cur);
        return rc == STORE_NOT_FOUND ? "9063" : NULL;
    }
    int64_t pid = k == KIND_REACTIE ? rec->u.reactie.toeleidingspoging : cur.v.besluit_poging_id;
    size_t idx = cur.n;
    for (size_t i = 0; i < cur.n; i++)
        if (cur.pogingen[i].v.id == pid)
            idx = i;
    if (idx == cur.n || !sender_owns(&cur.pogingen[idx], rec->header)) {
        store_plaatsing_free(&cur);
        return "9063";
    }
    store_plaatsing after = cur;
    after.pogingen = malloc(cur.n * sizeof *after.pogingen);
    if (after.pogingen == NULL) {
        store_plaatsing_free(&cur);
        return NULL;
    }
    memcpy(after.pogingen, cur.pogingen, cur.n * sizeof *after.pogingen);
    ifzo_date today = rec->header->dagtekening;
    core_error e = {0};
    bool ok;
    store_plaatsing_stap st = {.datum = IFZO_NO_DATE};
    if (k == KIND_REACTIE) {
        const msg_reactie *m = &rec->u.reactie;
        ok = plaatsing_reageren(&after.pogingen[idx].v, m->reactiemogelijkheid, m->toelichting,
                                m->reactiedatum, &e);
        st.stap = after.pogingen[idx].v.status == TP_GEACCEPTEERD ? "accepteren" : "afwijzen";
        st.poging_id = pid;
        st.datum = m->reactiedatum;
        st.code = m->reactiemogelijkheid;
        st.tekst = m->toelichting;
    } else if (k == KIND_START) {
        ok = plaatsing_start_zorg(&after.v, rec->u.start_zorg.begindatum, today, &e);
        st.stap = "start_zorg";
        st.datum = rec->u.start_zorg.begindatum;
    } else {
        const msg_einde_zorg *m = &rec->u.einde_zorg;
        einde_zorg_melding em = {.einddatum = m->status == EINDE_ZORG_INTREKKING ? IFZO_NO_DATE
                                                                                 : m->einddatum,
                                 .mutatiereden = m->mutatiereden,
                                 .meldingsdatum = m->meldingsdatum,
                                 .status = m->status};
        ok = plaatsing_einde_zorg(&after.v, &em, IFZO_NO_DATE, today, &e);
        st.stap = plaatsing_einde_zorg_event(m->status);
        st.datum = em.einddatum;
        st.code = m->mutatiereden;
        st.te_laat = m->status == EINDE_ZORG_EERSTE && after.v.einde_te_laat;
    }
    const char *answer;
    if (!ok) {
        answer = retour_for(e.code);
    } else {
        store_access_entry log;
        who(&log, rec->header, &cur.pogingen[idx], cur.v.justitiabele_id, cur.v.id);
        store_plaatsing out;
        rc = store_plaatsing_save(s, &cur, &after, &st, &log, &out);
        store_plaatsing_free(&out);
        answer = rc == STORE_OK ? "0200" : rc == STORE_CONFLICT ? "retry" : NULL;
    }
    free(after.pogingen);
    store_plaatsing_free(&cur);
    return answer;
}

static const char *run(void *user, kind k, const msg_record *rec)
{
    for (int i = 0; i < SAVE_TRIES; i++) {
        const char *a = attempt(user, k, rec);
        if (a == NULL || strcmp(a, "retry") != 0)
            return a;
    }
    return NULL; /* still contended: no retour, the sender may resend */
}

static const char *apply_822(void *user, const msg_record *rec)
{
    return run(user, KIND_REACTIE, rec);
}

static const char *apply_823(void *user, const msg_record *rec)
{
    return run(user, KIND_START, rec);
}

static const char *apply_825(void *user, const msg_record *rec)
{
    return run(user, KIND_EINDE, rec);
}

void msg_workflow_apply(store *s, msg_apply *out)
{
    out->fz822 = apply_822;
    out->fz823 = apply_823;
    out->fz825 = apply_825;
    out->user = s;
}
