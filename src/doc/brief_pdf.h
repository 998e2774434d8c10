/*
 * brief_pdf.h - the placement letter (core/plaatsingsbrief.h) as an A4 PDF, drawn with cairo.
 *
 * Why a layer of its own (src/doc/, docs/decisions.md §80): turning text blocks into pages
 * (fonts, measuring, wrapping, page breaks) is neither a domain rule (core stays free of any
 * graphics library) nor HTTP (the API only sends the bytes); a CLI command could print the
 * same letter. src/doc/ depends on core only; src/api/ calls it.
 *
 * Layout: A4 portrait, Liberation Sans (scripts/deps.sh installs fonts-liberation; fontconfig
 * falls back to another sans font when it is missing), sender top right, addressee in the
 * window position, fields as a two-column table, paragraphs wrapped on word boundaries (a
 * word longer than a line is broken between characters), a heading kept with what follows,
 * a new page when the text reaches the bottom margin, and on every page a footer with the
 * letter's title and "Pagina i van n".
 */
#ifndef IFZO_DOC_BRIEF_PDF_H
#define IFZO_DOC_BRIEF_PDF_H

#include <stddef.h>

#include "core/plaatsingsbrief.h"

/* The font family the letter asks fontconfig for. */
#define DOC_FONT "Liberation Sans"

/* Renders *b as a PDF. On success returns 0 and *pdf is a malloc'd buffer of *len bytes that
 * the caller frees with free(); on failure (out of memory, a cairo error) returns -1 and
 * *pdf is NULL. Thread-safe: every call has its own cairo surface. */
int doc_brief_pdf(const plaatsingsbrief *b, unsigned char **pdf, size_t *len);

/* Frees cairo's and fontconfig's process-wide caches (fonts found, their patterns), so that
 * a leak checker at exit reports only real leaks. Call once at the very end, when no thread
 * draws any more; doc_brief_pdf must not be called after it. */
void doc_shutdown(void);

#endif
