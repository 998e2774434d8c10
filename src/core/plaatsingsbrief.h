/*
 * plaatsingsbrief.h - the content of the placement letter (plaatsingsbrief): what the letter
 * about a plaatsingsbesluit says, in which order, as a list of text blocks.
 *
 * Why in core, apart from the PDF: what a letter must contain (decision number, client,
 * location, provider, care type, title, dates, the placer, what the provider must do next)
 * is a domain rule and is tested here without any graphics library; src/doc/ only puts the
 * blocks on A4 paper (fonts, wrapping, page breaks). Another output (a text mail, HTML)
 * would reuse the same blocks.
 *
 * The letter is addressed to the provider of the decision's location and goes into the
 * client's file; so it names the client with BSN and date of birth (the provider needs them
 * to admit the client) and nothing about the indication beyond the care type and title.
 * Its date is the decision date, so the letter of one decision is the same every time it is
 * produced.
 *
 * Pure: no I/O, no allocation; every string is copied into the caller's struct (UTF-8).
 */
#ifndef IFZO_CORE_PLAATSINGSBRIEF_H
#define IFZO_CORE_PLAATSINGSBRIEF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/indicatiestelling.h"
#include "core/plaatsing.h"
#include "core/zorgaanbod.h"

typedef enum brief_bloksoort {
    BRIEF_TITEL = 0, /* the letter's title, large and bold, once at the top */
    BRIEF_AFZENDER,  /* a line of the sender's block (top right) */
    BRIEF_ADRES,     /* a line of the addressee's block (no space between lines) */
    BRIEF_KOP,       /* a section heading (bold); keeps with the next block */
    BRIEF_VELD,      /* "label: value" on one row; the value wraps in its own column */
    BRIEF_ALINEA,    /* a paragraph that wraps; '\n' starts a new line */
    BRIEF_SLOT,      /* a line of the closing (greeting, signature) */
    BRIEF_SOORT_COUNT
} brief_bloksoort;

#define BRIEF_LABEL_BUF   64
#define BRIEF_TEKST_BUF   4096 /* one block: at most three names of 800 bytes and fixed text */
#define BRIEF_BLOKKEN_MAX 40

typedef struct brief_blok {
    brief_bloksoort soort;
    char label[BRIEF_LABEL_BUF]; /* BRIEF_VELD only; "" otherwise */
    char tekst[BRIEF_TEKST_BUF];
} brief_blok;

typedef struct plaatsingsbrief {
    char besluitnummer[PLAATSING_BESLUITNR_BUF]; /* for the file name and the page footer */
    char titel[BRIEF_LABEL_BUF];                 /* document title (PDF metadata) */
    size_t n;
    brief_blok blokken[BRIEF_BLOKKEN_MAX];
} plaatsingsbrief;

/* What the letter is made of; every pointer must be non-NULL. */
typedef struct plaatsingsbrief_gegevens {
    const plaatsingsverzoek *verzoek;      /* with its decision (status besloten or later) */
    const ifzo_justitiabele *justitiabele; /* verzoek->justitiabele_id */
    const ifzo_zorglocatie *locatie;       /* verzoek->besluit_zorglocatie_id */
    const ifzo_zorgaanbieder *aanbieder;   /* the location's provider */
    const char *plaatser;                  /* name of verzoek->plaatser_organisatie_id */
} plaatsingsbrief_gegevens;

/* Builds the letter into *out (caller-owned; about 160 KB, so not on a small stack).
 * Fails with "geen_besluit" (field "status": HTTP 409) when the request has no
 * plaatsingsbesluit yet; *out is then untouched. */
bool plaatsingsbrief_opstellen(const plaatsingsbrief_gegevens *g, plaatsingsbrief *out,
                               core_error *err);

/* "9 juni 2025" into out (at least BRIEF_DATUM_BUF bytes); "onbekend" for IFZO_NO_DATE or an
 * invalid date. */
#define BRIEF_DATUM_BUF 24
void brief_datum(ifzo_date d, char *out, size_t cap);

/* The PDF's file name: "plaatsingsbesluit-<besluitnummer>.pdf" with '/' written as '-'
 * (a besluitnummer has only letters, digits, '-', '/', '.'); out at least 80 bytes. */
void brief_bestandsnaam(const plaatsingsbrief *b, char *out, size_t cap);

#endif
