/*
 * test_brief_pdf.c - the placement letter as PDF (doc/brief_pdf.h), read back with
 * poppler-utils as a reader would: a valid PDF, the text searchable, the font embedded, every
 * word inside the right margin, and a long letter broken into pages with a footer on each.
 */
#include "doc/brief_pdf.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static void setup(void)
{
    snprintf(path, sizeof path, "/tmp/ifzo-brief-XXXXXX");
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
}
static void teardown(void)
{
    unlink(path);
    doc_shutdown(); /* each test runs in its own process: free the font caches */
}
TestSuite(brief_pdf, .init = setup, .fini = teardown, .timeout = 60);

static plaatsingsbrief *letter(void)
{
    plaatsingsbrief *b = calloc(1, sizeof *b);
    cr_assert_not_null(b);
    snprintf(b->besluitnummer, sizeof b->besluitnummer, "PB-2025-001");
    snprintf(b->titel, sizeof b->titel, "Plaatsingsbesluit PB-2025-001");
    return b;
}

static void add(plaatsingsbrief *b, brief_bloksoort soort, const char *label, const char *tekst)
{
    cr_assert_lt(b->n, BRIEF_BLOKKEN_MAX);
    brief_blok *k = &b->blokken[b->n++];
    k->soort = soort;
    snprintf(k->label, sizeof k->label, "%s", label ? label : "");
    snprintf(k->tekst, sizeof k->tekst, "%s", tekst);
}

static void render(const plaatsingsbrief *b)
{
    unsigned char *pdf;
    size_t len;
    cr_assert_eq(doc_brief_pdf(b, &pdf, &len), 0);
    cr_assert_gt(len, 5);
    cr_assert_eq(memcmp(pdf, "%PDF-", 5), 0);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(pdf, 1, len, f), len);
    fclose(f);
    free(pdf);
}

/* The output of a shell command on the PDF (path substituted for %s); malloc'd. */
static char *run(const char *fmt)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, fmt, path);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p, "%s", cmd);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    cr_assert_not_null(out);
    size_t got;
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            out = realloc(out, cap);
            cr_assert_not_null(out);
        }
    }
    out[n] = '\0';
    cr_assert_eq(pclose(p), 0, "%s failed: %s", cmd, out);
    return out;
}

static int pages(void)
{
    char *info = run("pdfinfo %s");
    const char *p = strstr(info, "Pages:");
    cr_assert_not_null(p, "%s", info);
    int n = atoi(p + 6);
    free(info);
    return n;
}

/* Every word's right edge (pdftotext -bbox) lies inside the right margin (20 mm). */
static void inside_margins(void)
{
    char *html = run("pdftotext -bbox %s -");
    size_t words = 0;
    for (const char *p = strstr(html, "<word "); p; p = strstr(p + 1, "<word ")) {
        const char *x = strstr(p, "xMax=\"");
        cr_assert_not_null(x);
        double xmax = atof(x + 6);
        cr_assert_leq(xmax, 595.276 - 56.69 + 0.5, "a word ends at %.1f", xmax);
        words++;
    }
    cr_assert_gt(words, 10);
    free(html);
}

Test(brief_pdf, a_short_letter_is_one_page_with_its_text_and_font)
{
    plaatsingsbrief *b = letter();
    add(b, BRIEF_AFZENDER, NULL, "3RO Rotterdam");
    add(b, BRIEF_ADRES, NULL, "Zorggroep Maas");
    add(b, BRIEF_TITEL, NULL, "Plaatsingsbesluit");
    add(b, BRIEF_VELD, "Besluitnummer", "PB-2025-001");
    add(b, BRIEF_VELD, "Zorglocatie", "De Ooievaar – Zuid (AGB 11111114)");
    add(b, BRIEF_KOP, NULL, "Justitiabele");
    add(b, BRIEF_ALINEA, NULL, "Geachte heer, mevrouw,\nDe zorg wordt gecontinueerd; één regel.");
    add(b, BRIEF_SLOT, NULL, "Met vriendelijke groet,");
    render(b);
    free(b);
    cr_assert_eq(pages(), 1);
    char *text = run("pdftotext -layout %s -");
    cr_assert_not_null(strstr(text, "PB-2025-001"), "%s", text);
    cr_assert_not_null(strstr(text, "De Ooievaar – Zuid"), "UTF-8 kept: %s", text);
    cr_assert_not_null(strstr(text, "één regel."), "%s", text);
    cr_assert_not_null(strstr(text, "Pagina 1 van 1"), "%s", text);
    free(text);
    char *fonts = run("pdffonts %s");
    cr_assert_not_null(strstr(fonts, "LiberationSans"), "the letter's font is embedded: %s", fonts);
    cr_assert_not_null(strstr(fonts, "LiberationSans-Bold"), "%s", fonts);
    free(fonts);
    char *meta = run("pdfinfo %s");
    cr_assert_not_null(strstr(meta, "Plaatsingsbesluit PB-2025-001"), "title: %s", meta);
    free(meta);
    inside_margins();
}

Test(brief_pdf, a_long_letter_wraps_breaks_pages_and_numbers_them)
{
    plaatsingsbrief *b = letter();
    add(b, BRIEF_TITEL, NULL, "Plaatsingsbesluit");
    char para[2400];
    for (int i = 0; i < 30; i++) {
        int n = snprintf(para, sizeof para, "Alinea %d:", i + 1);
        while (n < 1400)
            n += snprintf(para + n, sizeof para - (size_t)n, " forensische zorg plaatsing");
        add(b, i % 5 == 0 ? BRIEF_KOP : BRIEF_ALINEA, NULL, para);
    }
    /* one word longer than a line: broken between characters, not drawn past the margin */
    memset(para, 'X', 300);
    para[300] = '\0';
    add(b, BRIEF_VELD, "Lang", para);
    add(b, BRIEF_ALINEA, NULL, "Slotzin van de brief.");
    render(b);
    free(b);
    int n = pages();
    cr_assert_geq(n, 4, "%d pages", n);
    char *text = run("pdftotext %s -");
    cr_assert_not_null(strstr(text, "Alinea 30:"));
    cr_assert_not_null(strstr(text, "Slotzin van de brief."));
    char footer[48];
    for (int i = 1; i <= n; i++) {
        snprintf(footer, sizeof footer, "Pagina %d van %d", i, n);
        cr_assert_not_null(strstr(text, footer), "%s missing", footer);
    }
    free(text);
    inside_margins();
}
