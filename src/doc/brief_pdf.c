/*
 * brief_pdf.c - lays the placement letter's blocks out on A4 pages and draws them with
 * cairo's PDF surface (brief_pdf.h).
 *
 * Why two passes: the footer says "Pagina i van n", so the number of pages must be known
 * before the first page is drawn. Pass one measures every piece of text with the same cairo
 * context and font that will draw it and records each line with its page and position;
 * pass two draws the lines page by page and the footers.
 *
 * Why cairo's "toy" text API: the letter is Dutch (Latin script, a few accented letters);
 * it needs measuring and drawing of UTF-8 text in a regular and a bold face, which the toy
 * API does through fontconfig and FreeType, embedding subset fonts with a ToUnicode map so
 * that the text can be searched and copied (pdftotext reads it back in the tests). Complex
 * scripts and kerning would need pango; the letter does not.
 */
#include "doc/brief_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- page geometry in points (1/72 inch) ------------------------------------------------ */

#define PAGE_W      595.276 /* A4: 210 mm */
#define PAGE_H      841.890 /* 297 mm */
#define MARGIN_L    70.87   /* 25 mm */
#define MARGIN_R    56.69   /* 20 mm */
#define MARGIN_TOP  56.69
#define TEXT_BOTTOM (PAGE_H - 62.0) /* the last baseline of text; the footer is below */
#define FOOTER_Y    (PAGE_H - 36.0)
#define SENDER_X    368.5 /* the sender's block, top right */
#define ADDRESS_Y   141.7 /* the window of a window envelope: 50 mm from the top */
#define TITLE_MIN_Y 226.8 /* 80 mm: the title comes below the address block */
#define LABEL_W     132.0 /* the label column of a field */

#define SIZE_BODY   10.0
#define SIZE_TITLE  16.0
#define SIZE_HEAD   11.5
#define SIZE_FOOTER 8.0
#define LEADING     1.35 /* line height as a multiple of the font size */

/* ---- the output buffer ------------------------------------------------------------------- */

typedef struct {
    unsigned char *p;
    size_t n, cap;
    bool failed;
} outbuf;

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
    outbuf *o = closure;
    if (o->failed)
        return CAIRO_STATUS_WRITE_ERROR;
    if (o->n + length > o->cap) {
        size_t cap = o->cap ? o->cap : 16384;
        while (cap < o->n + length)
            cap *= 2;
        unsigned char *p = realloc(o->p, cap);
        if (p == NULL) {
            o->failed = true;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, data, length);
    o->n += length;
    return CAIRO_STATUS_SUCCESS;
}

/* ---- pass one: lines with their place --------------------------------------------------- */

typedef struct {
    int page; /* 0-based */
    double x, y;
    bool bold;
    double size;
    char *text; /* malloc'd */
} line;

typedef struct {
    cairo_t *cr;
    line *lines;
    size_t n, cap;
    int page;
    double y; /* baseline of the last line placed on the current page */
    bool failed;
} layout;

static void set_font(cairo_t *cr, bool bold, double size)
{
    cairo_select_font_face(cr, DOC_FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

/* Width of s[0..n) in the current font. */
static double measure(cairo_t *cr, const char *s, size_t n)
{
    char buf[BRIEF_TEKST_BUF];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    cairo_text_extents_t te;
    cairo_text_extents(cr, buf, &te);
    return te.x_advance;
}

static void emit(layout *l, int page, double x, double y, bool bold, double size, const char *s,
                 size_t n)
{
    if (l->failed)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        line *p = realloc(l->lines, cap * sizeof *p);
        if (p == NULL) {
            l->failed = true;
            return;
        }
        l->lines = p;
        l->cap = cap;
    }
    line *ln = &l->lines[l->n];
    *ln = (line){page, x, y, bold, size, malloc(n + 1)};
    if (ln->text == NULL) {
        l->failed = true;
        return;
    }
    memcpy(ln->text, s, n);
    ln->text[n] = '\0';
    l->n++;
}

/* Moves the baseline down by `advance`; starts a new page when it would pass the bottom
 * margin, so that `need` more points fit below the new baseline. */
static void advance_y(layout *l, double advance, double need)
{
    if (l->y + advance + need > TEXT_BOTTOM) {
        l->page++;
        l->y = MARGIN_TOP + advance;
    } else {
        l->y += advance;
    }
}

/* Length of the UTF-8 sequence that starts with byte c (1 for a stray continuation byte). */
static size_t utf8_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* The longest prefix of s[0..n) that fits in width, at least one character. */
static size_t fit_chars(cairo_t *cr, const char *s, size_t n, double width)
{
    size_t best = utf8_len((unsigned char)s[0]);
    if (best > n)
        best = n;
    for (size_t i = best; i < n;) {
        size_t next = i + utf8_len((unsigned char)s[i]);
        if (next > n || measure(cr, s, next) > width)
            break;
        best = i = next;
    }
    return best;
}

/* Wraps text at x within width; each line advances the baseline by the line height. */
static void wrap(layout *l, const char *text, double x, double width, bool bold, double size)
{
    cairo_t *cr = l->cr;
    set_font(cr, bold, size);
    double lh = size * LEADING;
    const char *para = text;
    for (;;) {
        const char *nl = strchr(para, '\n');
        size_t plen = nl ? (size_t)(nl - para) : strlen(para);
        size_t pos = 0;
        if (plen == 0) {
            advance_y(l, lh, 0);
        }
        while (pos < plen) {
            while (pos < plen && para[pos] == ' ')
                pos++;
            if (pos == plen)
                break;
            /* extend word by word while the line fits */
            size_t end = pos, fits = 0;
            while (end < plen) {
                size_t w = end;
                while (w < plen && para[w] == ' ')
                    w++;
                while (w < plen && para[w] != ' ')
                    w++;
                if (measure(cr, para + pos, w - pos) > width)
                    break;
                fits = end = w;
            }
            if (fits == 0) /* the first word alone is wider than the line */
                fits = pos + fit_chars(cr, para + pos, plen - pos, width);
            advance_y(l, lh, 0);
            emit(l, l->page, x, l->y, bold, size, para + pos, fits - pos);
            pos = fits;
        }
        if (nl == NULL)
            break;
        para = nl + 1;
    }
}

static void lay_out(layout *l, const plaatsingsbrief *b)
{
    double right = PAGE_W - MARGIN_R, width = right - MARGIN_L;
    int slot = 0;
    bool address_done = false, sender_done = false;
    l->page = 0;
    l->y = MARGIN_TOP;
    for (size_t i = 0; i < b->n && !l->failed; i++) {
        const brief_blok *k = &b->blokken[i];
        switch (k->soort) {
        case BRIEF_AFZENDER:
            wrap(l, k->tekst, SENDER_X, right - SENDER_X, !sender_done, SIZE_BODY);
            sender_done = true;
            break;
        case BRIEF_ADRES:
            if (!address_done && l->page == 0 && l->y < ADDRESS_Y - SIZE_BODY * LEADING)
                l->y = ADDRESS_Y - SIZE_BODY * LEADING;
            address_done = true;
            wrap(l, k->tekst, MARGIN_L, SENDER_X - MARGIN_L - 12, false, SIZE_BODY);
            break;
        case BRIEF_TITEL:
            if (l->page == 0 && l->y < TITLE_MIN_Y - SIZE_TITLE * LEADING)
                l->y = TITLE_MIN_Y - SIZE_TITLE * LEADING;
            wrap(l, k->tekst, MARGIN_L, width, true, SIZE_TITLE);
            l->y += 8;
            break;
        case BRIEF_KOP:
            /* keep the heading with at least three lines of what follows */
            advance_y(l, 10, SIZE_HEAD * LEADING + 3 * SIZE_BODY * LEADING);
            wrap(l, k->tekst, MARGIN_L, width, true, SIZE_HEAD);
            l->y += 2;
            break;
        case BRIEF_VELD: {
            size_t first = l->n;
            wrap(l, k->tekst, MARGIN_L + LABEL_W, width - LABEL_W, false, SIZE_BODY);
            if (!l->failed && l->n > first) {
                /* the label on the value's first line (same page and baseline) */
                line v = l->lines[first];
                emit(l, v.page, MARGIN_L, v.y, true, SIZE_BODY, k->label, strlen(k->label));
            }
            l->y += 1;
            break;
        }
        case BRIEF_ALINEA:
            l->y += 6;
            wrap(l, k->tekst, MARGIN_L, width, false, SIZE_BODY);
            break;
        case BRIEF_SLOT:
            if (slot == 0) /* the closing stays together: greeting, room to sign, signature */
                advance_y(l, 12, (double)(b->n - i) * SIZE_BODY * LEADING + 20);
            else if (slot == 1)
                l->y += 20;
            wrap(l, k->tekst, MARGIN_L, width, false, SIZE_BODY);
            slot++;
            break;
        default:
            break;
        }
    }
}

/* ---- pass two: drawing ------------------------------------------------------------------- */

static void draw_footer(cairo_t *cr, const plaatsingsbrief *b, int page, int pages)
{
    char right[64];
    snprintf(right, sizeof right, "Pagina %d van %d", page + 1, pages);
    set_font(cr, false, SIZE_FOOTER);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_move_to(cr, MARGIN_L, FOOTER_Y);
    cairo_show_text(cr, b->titel);
    cairo_text_extents_t te;
    cairo_text_extents(cr, right, &te);
    cairo_move_to(cr, PAGE_W - MARGIN_R - te.x_advance, FOOTER_Y);
    cairo_show_text(cr, right);
    cairo_set_source_rgb(cr, 0, 0, 0);
}

int doc_brief_pdf(const plaatsingsbrief *b, unsigned char **pdf, size_t *len)
{
    *pdf = NULL;
    *len = 0;
    outbuf o = {0};
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_out, &o, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, b->titel);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "openifzo");
    cairo_t *cr = cairo_create(surface);
    layout l = {.cr = cr};
    lay_out(&l, b);
    int pages = 1;
    for (size_t i = 0; i < l.n; i++)
        if (l.lines[i].page + 1 > pages)
            pages = l.lines[i].page + 1;
    if (!l.failed) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (int page = 0; page < pages; page++) {
            /* a field's label is recorded after its value, which may run onto the next page,
             * so the lines are not in page order: draw each page's lines in one sweep */
            for (size_t i = 0; i < l.n; i++) {
                if (l.lines[i].page != page)
                    continue;
                set_font(cr, l.lines[i].bold, l.lines[i].size);
                cairo_move_to(cr, l.lines[i].x, l.lines[i].y);
                cairo_show_text(cr, l.lines[i].text);
            }
            draw_footer(cr, b, page, pages);
            cairo_show_page(cr);
        }
    }
    bool ok = !l.failed && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    ok = ok && cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS && !o.failed;
    cairo_surface_destroy(surface);
    for (size_t i = 0; i < l.n; i++)
        free(l.lines[i].text);
    free(l.lines);
    if (!ok) {
        free(o.p);
        return -1;
    }
    *pdf = o.p;
    *len = o.n;
    return 0;
}

void doc_shutdown(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
