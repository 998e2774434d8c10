/*
 * plaatsingsbrief.c - the wording and order of the placement letter (plaatsingsbrief.h).
 *
 * Why a fixed list of blocks: the letter is an official notice; every decision's letter has
 * the same parts in the same order, so a reader (and the unit test) finds each fact in one
 * place. Labels come from the code lists, so the letter uses the exact Dutch texts the rest
 * of the system shows.
 */
#include "core/plaatsingsbrief.h"

#include "core/codelist.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const MAANDEN[12] = {"januari",   "februari", "maart",    "april",
                                        "mei",       "juni",     "juli",     "augustus",
                                        "september", "oktober",  "november", "december"};

void brief_datum(ifzo_date d, char *out, size_t cap)
{
    int y, m, dd;
    if (d == IFZO_NO_DATE || ifzo_date_to_ymd(d, &y, &m, &dd) != IFZO_CAL_OK || m < 1 || m > 12)
        snprintf(out, cap, "onbekend");
    else
        snprintf(out, cap, "%d %s %d", dd, MAANDEN[m - 1], y);
}

void brief_bestandsnaam(const plaatsingsbrief *b, char *out, size_t cap)
{
    int n = snprintf(out, cap, "plaatsingsbesluit-%s.pdf", b->besluitnummer);
    if (n < 0)
        return;
    for (char *p = out; *p; p++)
        if (*p == '/')
            *p = '-';
}

/* Appends one block; the fixed content has fewer than BRIEF_BLOKKEN_MAX blocks. */
static void add(plaatsingsbrief *b, brief_bloksoort soort, const char *label, const char *fmt, ...)
{
    if (b->n >= BRIEF_BLOKKEN_MAX)
        return;
    brief_blok *k = &b->blokken[b->n++];
    k->soort = soort;
    snprintf(k->label, sizeof k->label, "%s", label ? label : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(k->tekst, sizeof k->tekst, fmt, ap);
    va_end(ap);
}

/* "Label (code)" of a code list entry, or the bare code when the list does not know it. */
static void code_tekst(const char *list, const char *code, char *out, size_t cap)
{
    const codelist_entry *e = codelist_lookup_in(list, code);
    if (e)
        snprintf(out, cap, "%s (%s)", e->label, e->code);
    else
        snprintf(out, cap, "%s", code && code[0] ? code : "onbekend");
}

/* "1234AB" -> "1234 AB"; anything else as it is. */
static void postcode_tekst(const char *pc, char *out, size_t cap)
{
    if (strlen(pc) == 6)
        snprintf(out, cap, "%.4s %.2s", pc, pc + 4);
    else
        snprintf(out, cap, "%s", pc);
}

bool plaatsingsbrief_opstellen(const plaatsingsbrief_gegevens *g, plaatsingsbrief *out,
                               core_error *err)
{
    const plaatsingsverzoek *v = g->verzoek;
    if (v->besluitnummer[0] == '\0' || v->status == PV_OPEN || v->status == PV_INGETROKKEN)
        return core_fail(err, "geen_besluit", "status",
                         "Er is nog geen plaatsingsbesluit, dus ook geen plaatsingsbrief.");
    const ifzo_justitiabele *j = g->justitiabele;
    const ifzo_zorglocatie *l = g->locatie;
    const ifzo_zorgaanbieder *a = g->aanbieder;
    char besluitdatum[BRIEF_DATUM_BUF], start[BRIEF_DATUM_BUF], geboren[BRIEF_DATUM_BUF],
        titel_van[BRIEF_DATUM_BUF], titel_tot[BRIEF_DATUM_BUF], zorgtype[160], titel[160], pc[16];
    brief_datum(v->besluitdatum, besluitdatum, sizeof besluitdatum);
    brief_datum(v->verwachte_startdatum, start, sizeof start);
    brief_datum(j->geboortedatum, geboren, sizeof geboren);
    brief_datum(v->titel_start, titel_van, sizeof titel_van);
    brief_datum(v->titel_eind, titel_tot, sizeof titel_tot);
    code_tekst(CODELIST_ZORGTYPE, v->besluit_zorgtype[0] ? v->besluit_zorgtype : v->zorgtype,
               zorgtype, sizeof zorgtype);
    postcode_tekst(l->postcode, pc, sizeof pc);

    memset(out, 0, sizeof *out);
    snprintf(out->besluitnummer, sizeof out->besluitnummer, "%s", v->besluitnummer);
    snprintf(out->titel, sizeof out->titel, "Plaatsingsbesluit %s", v->besluitnummer);

    add(out, BRIEF_AFZENDER, NULL, "%s", g->plaatser);
    add(out, BRIEF_AFZENDER, NULL, "Plaatsing forensische zorg");
    add(out, BRIEF_ADRES, NULL, "%s", a->naam);
    add(out, BRIEF_ADRES, NULL, "t.a.v. zorglocatie %s", l->naam);
    add(out, BRIEF_ADRES, NULL, "%s", l->adres);
    add(out, BRIEF_ADRES, NULL, "%s  %s", pc, l->plaats);
    add(out, BRIEF_TITEL, NULL, "Plaatsingsbesluit");
    add(out, BRIEF_VELD, "Datum", "%s", besluitdatum); /* the decision's date */
    add(out, BRIEF_VELD, "Besluitnummer", "%s", v->besluitnummer);
    add(out, BRIEF_VELD, "Onderwerp", "Plaatsing in forensische zorg van %s%s%s", j->voornamen,
        j->voornamen[0] ? " " : "", j->achternaam);
    add(out, BRIEF_ALINEA, NULL, "Geachte heer, mevrouw,");
    add(out, BRIEF_ALINEA, NULL,
        "Uw zorglocatie %s heeft de aanmelding van de hieronder genoemde justitiabele "
        "geaccepteerd. %s heeft daarop besloten de justitiabele bij u te plaatsen. Met deze "
        "brief ontvangt u het plaatsingsbesluit.",
        l->naam, g->plaatser);

    add(out, BRIEF_KOP, NULL, "Justitiabele");
    add(out, BRIEF_VELD, "Naam", "%s%s%s", j->voornamen, j->voornamen[0] ? " " : "", j->achternaam);
    add(out, BRIEF_VELD, "Geboortedatum", "%s", geboren);
    add(out, BRIEF_VELD, "BSN", "%s", j->bsn);

    add(out, BRIEF_KOP, NULL, "Plaatsing");
    add(out, BRIEF_VELD, "Zorglocatie", "%s (AGB %s)", l->naam, l->agb);
    add(out, BRIEF_VELD, "Adres", "%s, %s %s", l->adres, pc, l->plaats);
    add(out, BRIEF_VELD, "Zorgaanbieder", "%s (AGB %s)", a->naam, a->agb);
    add(out, BRIEF_VELD, "Zorgtype", "%s", zorgtype);
    if (v->zorgtitel[0]) {
        code_tekst(CODELIST_ZORGTITEL, v->zorgtitel, titel, sizeof titel);
        if (v->titel_start != IFZO_NO_DATE && v->titel_eind != IFZO_NO_DATE)
            add(out, BRIEF_VELD, "Forensische titel", "%s, van %s tot en met %s", titel, titel_van,
                titel_tot);
        else if (v->titel_start != IFZO_NO_DATE)
            add(out, BRIEF_VELD, "Forensische titel", "%s, vanaf %s", titel, titel_van);
        else
            add(out, BRIEF_VELD, "Forensische titel", "%s", titel);
    }
    add(out, BRIEF_VELD, "Verwachte startdatum", "%s", start);
    add(out, BRIEF_VELD, "Plaatser", "%s", g->plaatser);

    add(out, BRIEF_KOP, NULL, "Wat wij van u vragen");
    add(out, BRIEF_ALINEA, NULL,
        "Meld de start van de zorg op de dag dat de zorg begint, in openIFZO of met het bericht "
        "FZ823. De startdatum ligt niet in de toekomst en valt binnen de forensische titel.");
    add(out, BRIEF_ALINEA, NULL,
        "Meld het einde van de zorg met een mutatiereden, in openIFZO of met het bericht FZ825, "
        "uiterlijk 10 kalenderdagen na de einddatum van de zorg.");
    add(out, BRIEF_ALINEA, NULL,
        "Vermeld bij alle correspondentie over deze plaatsing het besluitnummer %s. Een afschrift "
        "van deze brief is opgenomen in het dossier van de justitiabele.",
        v->besluitnummer);

    add(out, BRIEF_SLOT, NULL, "Met vriendelijke groet,");
    add(out, BRIEF_SLOT, NULL, "%s", g->plaatser);
    add(out, BRIEF_SLOT, NULL, "Plaatsing forensische zorg");
    return true;
}
