/*
 * plaatsing.c - the placement workflow's state machine; see plaatsing.h. Every step first
 * asks the transition table whether its status change exists, then checks its own
 * preconditions on copies, and writes the caller's state only when everything passed.
 */
#include "core/plaatsing.h"

#include <string.h>

#include "core/codelist.h"
#include "core/validate.h"

static const char *const pv_names[PV_STATUS_COUNT] = {"open", "besloten", "geplaatst",
                                                      "zorg_beeindigd", "ingetrokken"};
static const char *const tp_names[TP_STATUS_COUNT] = {"aangemeld", "geaccepteerd", "afgewezen",
                                                      "geannuleerd"};

#define PV "plaatsingsverzoek"
#define TP "toeleidingspoging"

const plaatsing_transition plaatsing_transitions[] = {
    {PV, "-", "aanmaken", "open"},
    {PV, "open", "besluiten", "besloten"},
    {PV, "open", "intrekken", "ingetrokken"},
    {PV, "besloten", "start_zorg", "geplaatst"},
    {PV, "geplaatst", "einde_zorg", "zorg_beeindigd"},
    {PV, "zorg_beeindigd", "correctie_einde_zorg", "zorg_beeindigd"},
    {PV, "zorg_beeindigd", "intrekking_einde_zorg", "geplaatst"},
    {TP, "-", "aanmelden", "aangemeld"},
    {TP, "aangemeld", "verlengen", "aangemeld"},
    {TP, "aangemeld", "accepteren", "geaccepteerd"},
    {TP, "aangemeld", "afwijzen", "afgewezen"},
    {TP, "aangemeld", "annuleren", "geannuleerd"},
    {TP, "geaccepteerd", "annuleren", "geannuleerd"},
    {TP, "afgewezen", "annuleren", "geannuleerd"},
};
const size_t plaatsing_transition_count =
    sizeof plaatsing_transitions / sizeof plaatsing_transitions[0];

const char *plaatsing_status_name(plaatsing_status s)
{
    return (unsigned)s < PV_STATUS_COUNT ? pv_names[s] : NULL;
}

const char *poging_status_name(poging_status s)
{
    return (unsigned)s < TP_STATUS_COUNT ? tp_names[s] : NULL;
}

bool plaatsing_status_from_name(const char *name, plaatsing_status *out)
{
    for (int i = 0; name && i < PV_STATUS_COUNT; i++)
        if (strcmp(name, pv_names[i]) == 0) {
            *out = (plaatsing_status)i;
            return true;
        }
    return false;
}

bool poging_status_from_name(const char *name, poging_status *out)
{
    for (int i = 0; name && i < TP_STATUS_COUNT; i++)
        if (strcmp(name, tp_names[i]) == 0) {
            *out = (poging_status)i;
            return true;
        }
    return false;
}

/* The status after `event` from `from` (a status name or "-"), NULL when the table has no
 * such transition. */
static const char *step(const char *object, const char *from, const char *event)
{
    for (size_t i = 0; i < plaatsing_transition_count; i++) {
        const plaatsing_transition *t = &plaatsing_transitions[i];
        if (strcmp(t->object, object) == 0 && strcmp(t->from, from) == 0 &&
            strcmp(t->event, event) == 0)
            return t->to;
    }
    return NULL;
}

static bool pv_step(const plaatsingsverzoek *pv, const char *event, plaatsing_status *to)
{
    const char *name = step(
        PV, plaatsing_status_name(pv->status) ? plaatsing_status_name(pv->status) : "?", event);
    return name != NULL && plaatsing_status_from_name(name, to);
}

static bool tp_step(const toeleidingspoging *p, const char *event, poging_status *to)
{
    const char *from = poging_status_name(p->status);
    const char *name = step(TP, from ? from : "?", event);
    return name != NULL && poging_status_from_name(name, to);
}

bool poging_is_open(const toeleidingspoging *p)
{
    return p && (p->status == TP_AANGEMELD || p->status == TP_GEACCEPTEERD);
}

static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap)
        n = cap - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

/* An optional free text: NULL or "" is absent; otherwise valid UTF-8, multi-line, bounded. */
static bool text_ok(const char *s)
{
    if (s == NULL || s[0] == '\0')
        return true;
    return ifzo_utf8_check_str(s, PLAATSING_TEKST_MAX, IFZO_UTF8_MULTILINE) == IFZO_VALID_OK;
}

static bool in_title(const plaatsingsverzoek *pv, ifzo_date d)
{
    if (pv->titel_start != IFZO_NO_DATE && d < pv->titel_start)
        return false;
    if (pv->titel_eind != IFZO_NO_DATE && d > pv->titel_eind)
        return false;
    return true;
}

/* ---- aanmaken ----------------------------------------------------------------------------- */

bool plaatsing_aanmaken(const ifzo_indicatie *ind, int64_t plaatser_organisatie_id, ifzo_date today,
                        plaatsingsverzoek *out, core_error *err)
{
    plaatsing_status to;
    const char *name = step(PV, "-", "aanmaken");
    if (name == NULL || !plaatsing_status_from_name(name, &to))
        return core_fail(err, "internal", NULL, "Interne fout in de toestandsmachine.");
    if (ind == NULL || !ifzo_indicatie_placeable(ind))
        return core_fail(err, "indicatie_niet_definitief", "status",
                         "Een plaatsingsverzoek kan alleen voor een definitieve "
                         "indicatiestelling worden gemaakt.");
    if (plaatser_organisatie_id <= 0)
        return core_fail(err, "plaatser_ontbreekt", "plaatser_organisatie_id",
                         "Een plaatsingsverzoek hoort bij een plaatsende organisatie.");
    memset(out, 0, sizeof *out);
    out->indicatie_id = ind->id;
    out->justitiabele_id = ind->justitiabele_id;
    out->plaatser_organisatie_id = plaatser_organisatie_id;
    copy_text(out->zorgtype, sizeof out->zorgtype, ind->zorgtype);
    copy_text(out->zorgtitel, sizeof out->zorgtitel, ind->zorgtitel);
    out->titel_start = ind->titel_start;
    out->titel_eind = ind->titel_eind;
    out->status = to;
    out->aangemaakt_op = today;
    out->verwachte_startdatum = IFZO_NO_DATE;
    out->besluitdatum = IFZO_NO_DATE;
    out->startdatum = IFZO_NO_DATE;
    out->einddatum = IFZO_NO_DATE;
    out->meldingsdatum = IFZO_NO_DATE;
    return true;
}

/* ---- aanmelden ---------------------------------------------------------------------------- */

bool plaatsing_aanmelden(const plaatsingsverzoek *pv, const toeleidingspoging *pogingen, size_t n,
                         int64_t zorglocatie_id, bool parallel, ifzo_date today,
                         toeleidingspoging *out, core_error *err)
{
    poging_status to;
    const char *name = step(TP, "-", "aanmelden");
    if (name == NULL || !poging_status_from_name(name, &to))
        return core_fail(err, "internal", NULL, "Interne fout in de toestandsmachine.");
    if (pv->status != PV_OPEN)
        return core_fail(err, "verzoek_niet_open", "status",
                         "Dit plaatsingsverzoek is niet meer open.");
    if (zorglocatie_id <= 0)
        return core_fail(err, "zorglocatie_ontbreekt", "zorglocatie_id", "Kies een zorglocatie.");
    for (size_t i = 0; i < n; i++) {
        if (!poging_is_open(&pogingen[i]))
            continue;
        if (pogingen[i].zorglocatie_id == zorglocatie_id)
            return core_fail(err, "locatie_al_aangemeld", "zorglocatie_id",
                             "Bij deze zorglocatie loopt al een toeleidingspoging.");
        if (!parallel)
            return core_fail(err, "poging_loopt_al", "status",
                             "Er loopt al een toeleidingspoging. Annuleer die eerst, of meld "
                             "uitdrukkelijk parallel aan.");
    }
    memset(out, 0, sizeof *out);
    out->verzoek_id = pv->id;
    out->zorglocatie_id = zorglocatie_id;
    out->status = to;
    out->parallel = parallel;
    out->aanmelddatum = today;
    out->reactiedatum = IFZO_NO_DATE;
    out->annuleringsdatum = IFZO_NO_DATE;
    return true;
}

/* ---- reageren ----------------------------------------------------------------------------- */

bool plaatsing_reageren(toeleidingspoging *p, const char *reactie, const char *toelichting,
                        ifzo_date today, core_error *err)
{
    if (p->status != TP_AANGEMELD)
        return core_fail(err, "reactie_al_gegeven", "status",
                         "Op deze aanmelding is al gereageerd of zij is geannuleerd.");
    const codelist_entry *e = codelist_lookup_in(CODELIST_REACTIEMOGELIJKHEID, reactie);
    if (e == NULL)
        return core_fail(err, "reactiemogelijkheid_onbekend", "reactie",
                         "Kies precies één van de reactiemogelijkheden.");
    if (!text_ok(toelichting))
        return core_fail(err, "toelichting_ongeldig", "toelichting",
                         "De toelichting is te lang of bevat ongeldige tekens.");
    poging_status to;
    if (!tp_step(p, codelist_reactie_accepts(e) ? "accepteren" : "afwijzen", &to))
        return core_fail(err, "reactie_al_gegeven", "status",
                         "Op deze aanmelding is al gereageerd of zij is geannuleerd.");
    p->status = to;
    copy_text(p->reactie, sizeof p->reactie, e->code);
    copy_text(p->reactie_toelichting, sizeof p->reactie_toelichting, toelichting);
    p->reactiedatum = today;
    return true;
}

/* ---- termijn ------------------------------------------------------------------------------ */

bool plaatsing_termijn(const plaatsingsverzoek *pv, const toeleidingspoging *p, ifzo_date *deadline)
{
    codelist_term term, max;
    const codelist_entry *zt = codelist_lookup_in(CODELIST_ZORGTYPE, pv->zorgtype);
    if (!codelist_reply_term(zt, &term, &max))
        return false;
    codelist_term use = p->verlengd ? max : term;
    if (use.kind == CODELIST_TERM_WORKING_DAYS)
        return ifzo_add_working_days(p->aanmelddatum, (int32_t)use.days, deadline) == IFZO_CAL_OK;
    if (use.kind == CODELIST_TERM_CALENDAR_DAYS)
        return ifzo_date_add_days(p->aanmelddatum, (int32_t)use.days, deadline) == IFZO_CAL_OK;
    return false;
}

bool plaatsing_te_laat(const plaatsingsverzoek *pv, const toeleidingspoging *p, ifzo_date today)
{
    ifzo_date deadline;
    return p->status == TP_AANGEMELD && plaatsing_termijn(pv, p, &deadline) && today > deadline;
}

bool plaatsing_verlengen(const plaatsingsverzoek *pv, toeleidingspoging *p, core_error *err)
{
    poging_status to;
    if (!tp_step(p, "verlengen", &to))
        return core_fail(err, "poging_niet_aangemeld", "status",
                         "De termijn kan alleen worden verlengd zolang een reactie uitstaat.");
    if (p->verlengd)
        return core_fail(err, "al_verlengd", "status",
                         "De reactietermijn is al een keer verlengd.");
    codelist_term term, max;
    const codelist_entry *zt = codelist_lookup_in(CODELIST_ZORGTYPE, pv->zorgtype);
    if (!codelist_reply_term(zt, &term, &max) || max.days <= term.days)
        return core_fail(err, "verlenging_niet_mogelijk", "status",
                         "Voor deze soort zorg kan de reactietermijn niet worden verlengd.");
    p->status = to;
    p->verlengd = true;
    return true;
}

/* ---- annuleren ---------------------------------------------------------------------------- */

static void cancel(toeleidingspoging *p, poging_status to, const char *op_verzoek,
                   const char *reden, const char *motivatie, ifzo_date today)
{
    p->status = to;
    copy_text(p->op_verzoek, sizeof p->op_verzoek, op_verzoek);
    copy_text(p->annuleringsreden, sizeof p->annuleringsreden, reden);
    copy_text(p->motivatie, sizeof p->motivatie, motivatie);
    p->annuleringsdatum = today;
}

bool plaatsing_annuleren(plaatsingsverzoek *pv, toeleidingspoging *pogingen, size_t n, size_t idx,
                         const char *op_verzoek, const char *reden, const char *motivatie,
                         ifzo_date today, core_error *err)
{
    if (idx >= n)
        return core_fail(err, "not_found", NULL, "De toeleidingspoging bestaat niet.");
    toeleidingspoging *p = &pogingen[idx];
    poging_status to;
    if (!tp_step(p, "annuleren", &to))
        return core_fail(err, "poging_al_geannuleerd", "status",
                         "Deze toeleidingspoging is al geannuleerd.");
    if (pv->status != PV_OPEN)
        return core_fail(err, "verzoek_niet_open", "status",
                         "Dit plaatsingsverzoek is niet meer open.");
    if (!codelist_is_valid(CODELIST_ANNULEREN_OP_VERZOEK, op_verzoek))
        return core_fail(err, "op_verzoek_onbekend", "op_verzoek",
                         "Kies bij 'Annuleren op verzoek' Zorgaanbieder of Plaatser.");
    const codelist_entry *r = codelist_cancel_reason(op_verzoek, reden);
    if (r == NULL)
        return core_fail(err, "annuleringsreden_onbekend", "reden",
                         "Kies een reden die bij 'Annuleren op verzoek' hoort.");
    if (!text_ok(motivatie))
        return core_fail(err, "motivatie_ongeldig", "motivatie",
                         "De motivatie is te lang of bevat ongeldige tekens.");
    if (codelist_needs_motivation(r) &&
        (motivatie == NULL ||
         ifzo_utf8_check_str(motivatie, PLAATSING_TEKST_MAX,
                             IFZO_UTF8_MULTILINE | IFZO_UTF8_REQUIRED) != IFZO_VALID_OK))
        return core_fail(err, "motivatie_ontbreekt", "motivatie",
                         "Bij deze reden is een motivatie verplicht.");
    bool withdraws = codelist_attr_bool(r, "withdraws_request");
    plaatsing_status pv_to = pv->status;
    if (withdraws && !pv_step(pv, "intrekken", &pv_to))
        return core_fail(err, "verzoek_niet_open", "status",
                         "Dit plaatsingsverzoek is niet meer open.");
    cancel(p, to, op_verzoek, r->code, motivatie, today);
    if (withdraws) {
        for (size_t i = 0; i < n; i++)
            if (i != idx && poging_is_open(&pogingen[i]) && tp_step(&pogingen[i], "annuleren", &to))
                cancel(&pogingen[i], to, op_verzoek, r->code, motivatie, today);
        pv->status = pv_to;
    }
    return true;
}

/* ---- besluiten ---------------------------------------------------------------------------- */

static bool besluitnummer_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > PLAATSING_BESLUITNR_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '/' || c == '.'))
            return false;
    }
    return true;
}

bool plaatsing_besluiten(plaatsingsverzoek *pv, const toeleidingspoging *pogingen, size_t n,
                         size_t idx, const char *besluitnummer, const char *zorgtype,
                         ifzo_date verwachte_startdatum, ifzo_date today, core_error *err)
{
    if (idx >= n)
        return core_fail(err, "not_found", NULL, "De toeleidingspoging bestaat niet.");
    plaatsing_status to;
    if (!pv_step(pv, "besluiten", &to))
        return core_fail(err, "verzoek_niet_open", "status",
                         "Dit plaatsingsverzoek is niet meer open.");
    const toeleidingspoging *p = &pogingen[idx];
    if (p->status != TP_GEACCEPTEERD)
        return core_fail(err, "poging_niet_geaccepteerd", "status",
                         "Een plaatsingsbesluit volgt alleen op een geaccepteerde aanmelding.");
    for (size_t i = 0; i < n; i++)
        if (i != idx && poging_is_open(&pogingen[i]))
            return core_fail(err, "andere_poging_open", "status",
                             "Er loopt nog een andere toeleidingspoging. Annuleer die eerst.");
    if (!besluitnummer_ok(besluitnummer))
        return core_fail(err, "besluitnummer_ongeldig", "besluitnummer",
                         "Het plaatsingsbesluitnummer bestaat uit 1 tot 40 letters, cijfers, "
                         "'-', '/' of '.'.");
    const codelist_entry *zt = codelist_lookup_in(CODELIST_ZORGTYPE, zorgtype);
    const codelist_entry *own = codelist_lookup_in(CODELIST_ZORGTYPE, pv->zorgtype);
    if (zt == NULL || own == NULL || codelist_root(zt) != codelist_root(own))
        return core_fail(err, "zorgtype_ongeldig", "zorgtype",
                         "De zorgsoort van het besluit moet passen bij de indicatiestelling.");
    if (!ifzo_date_valid(verwachte_startdatum))
        return core_fail(err, "verwachte_startdatum_ongeldig", "verwachte_startdatum",
                         "Vul de verwachte startdatum in.");
    pv->status = to;
    copy_text(pv->besluitnummer, sizeof pv->besluitnummer, besluitnummer);
    pv->besluit_poging_id = p->id;
    pv->besluit_zorglocatie_id = p->zorglocatie_id;
    copy_text(pv->besluit_zorgtype, sizeof pv->besluit_zorgtype, zt->code);
    pv->verwachte_startdatum = verwachte_startdatum;
    pv->besluitdatum = today;
    return true;
}

/* ---- start en einde zorg ------------------------------------------------------------------ */

bool plaatsing_start_zorg(plaatsingsverzoek *pv, ifzo_date startdatum, ifzo_date today,
                          core_error *err)
{
    plaatsing_status to;
    if (!pv_step(pv, "start_zorg", &to))
        return core_fail(err, "verzoek_niet_besloten", "status",
                         "De start van de zorg volgt op een plaatsingsbesluit en wordt één keer "
                         "gemeld.");
    if (!ifzo_date_valid(startdatum))
        return core_fail(err, "startdatum_ongeldig", "startdatum", "Vul de startdatum in.");
    if (startdatum > today)
        return core_fail(err, "startdatum_in_toekomst", "startdatum",
                         "De startdatum mag niet in de toekomst liggen.");
    if (!in_title(pv, startdatum))
        return core_fail(err, "startdatum_buiten_titel", "startdatum",
                         "De startdatum valt buiten de looptijd van de forensische titel.");
    pv->status = to;
    pv->startdatum = startdatum;
    return true;
}

const char *plaatsing_einde_zorg_event(int status)
{
    switch (status) {
    case EINDE_ZORG_EERSTE:
        return "einde_zorg";
    case EINDE_ZORG_CORRECTIE:
        return "correctie_einde_zorg";
    case EINDE_ZORG_INTREKKING:
        return "intrekking_einde_zorg";
    default:
        return NULL;
    }
}

bool plaatsing_einde_zorg(plaatsingsverzoek *pv, const einde_zorg_melding *m, ifzo_date corrigeert,
                          ifzo_date today, core_error *err)
{
    if (!einde_zorg_check(m, today, err))
        return false;
    const char *event = plaatsing_einde_zorg_event(m->status);
    plaatsing_status to;
    if (!pv_step(pv, event, &to)) {
        if (m->status == EINDE_ZORG_EERSTE)
            return core_fail(err, "verzoek_niet_geplaatst", "status",
                             "Einde zorg kan alleen worden gemeld als de status 'geplaatst' is.");
        /* A correction without a standing report: none was made (iStandaarden TR103) or
         * the last one was withdrawn (TR104); the FZ826 tells the two apart. */
        if (m->status == EINDE_ZORG_CORRECTIE && pv->einde_ingetrokken)
            return core_fail(err, "melding_ingetrokken", "status",
                             "De melding einde zorg is ingetrokken en kan niet meer worden "
                             "gecorrigeerd; meld het einde opnieuw.");
        if (m->status == EINDE_ZORG_CORRECTIE)
            return core_fail(err, "geen_eerdere_melding", "status",
                             "Er is geen eerdere melding einde zorg om te corrigeren.");
        return core_fail(err, "geen_einde_zorg", "status",
                         "Er is geen gemelde einddatum om in te trekken.");
    }
    if (m->status == EINDE_ZORG_INTREKKING) {
        pv->status = to;
        pv->einddatum = IFZO_NO_DATE;
        pv->mutatiereden[0] = '\0';
        pv->meldingsdatum = IFZO_NO_DATE;
        pv->einde_te_laat = false;
        pv->einde_ingetrokken = true;
        return true;
    }
    if (pv->startdatum != IFZO_NO_DATE && m->einddatum < pv->startdatum)
        return core_fail(err, "einddatum_voor_start", "einddatum",
                         "De einddatum ligt voor de startdatum van de zorg.");
    if (!in_title(pv, m->einddatum))
        return core_fail(err, "einddatum_buiten_titel", "einddatum",
                         "De einddatum valt buiten de looptijd van de forensische titel.");
    if (m->status == EINDE_ZORG_CORRECTIE) {
        if (strcmp(m->mutatiereden, pv->mutatiereden) != 0)
            return core_fail(err, "mutatiereden_anders", "mutatiereden",
                             "Een correctie heeft dezelfde mutatiereden als de eerste melding.");
        if (corrigeert != IFZO_NO_DATE && corrigeert != pv->einddatum)
            return core_fail(err, "niet_laatste_einddatum", "status",
                             "Alleen de laatst gemelde einddatum kan worden gecorrigeerd.");
    } else {
        copy_text(pv->mutatiereden, sizeof pv->mutatiereden, m->mutatiereden);
        pv->meldingsdatum = m->meldingsdatum;
        pv->einde_te_laat = einde_zorg_te_laat(m);
        pv->einde_ingetrokken = false;
    }
    pv->status = to;
    pv->einddatum = m->einddatum;
    return true;
}
