/*
 * gen_geo.c: build-time generator that compiles data/geo into C (geo_gen.c).
 *
 * Why this exists: the geography tables are data, kept in data/geo as CSV with their sources;
 * the program needs them as constant C tables (no file I/O in src/core, no start-up parsing).
 * This host tool reads the CSVs defensively (RFC 4180 quoting, UTF-8 checked with the same
 * rule as API input, every field validated) and fails the build with file:line on the first
 * bad row. Cross-file checks: every gemeente of pc4.csv exists in
 * gemeente_arrondissement.csv and vice versa, every arrondissement is one of the 11.
 *
 * Usage: gen_geo DATA_DIR OUT_C
 *   reads DATA_DIR/pc4.csv, DATA_DIR/gemeente_arrondissement.csv and DATA_DIR/travel.tsv.
 * Exit status 0 on success, 1 on any error (the output is then not written).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

#define MAX_FIELDS     8
#define MAX_NAME_CHARS 100
#define MAX_PC4_ROWS   10000
#define MAX_GEMEENTEN  1000

/* NL bounding box with a margin; anything outside is a data error. */
#define LAT_MIN 50.5
#define LAT_MAX 53.8
#define LON_MIN 3.0
#define LON_MAX 7.5

/* CSV name → project-wide code; the order is that of enum ifzo_arrondissement. */
static const struct {
    const char *name;
    const char *enum_name;
} arrondissementen[] = {
    {"Amsterdam", "IFZO_ARR_AMS"},
    {"Den Haag", "IFZO_ARR_DHA"},
    {"Gelderland", "IFZO_ARR_GLD"},
    {"Limburg", "IFZO_ARR_LIM"},
    {"Midden-Nederland", "IFZO_ARR_MNE"},
    {"Noord-Holland", "IFZO_ARR_NHO"},
    {"Noord-Nederland", "IFZO_ARR_NNE"},
    {"Oost-Brabant", "IFZO_ARR_OBR"},
    {"Overijssel", "IFZO_ARR_OVE"},
    {"Rotterdam", "IFZO_ARR_RTD"},
    {"Zeeland-West-Brabant", "IFZO_ARR_ZWB"},
};
#define N_ARR (sizeof arrondissementen / sizeof arrondissementen[0])

/* ---------------------------------------------------------------- file input */

struct text {
    char *data;
    size_t len;
};

static bool read_file(const char *path, struct text *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return false;
    }
    size_t cap = 1 << 16;
    size_t len = 0;
    char *buf = malloc(cap);
    if (buf == NULL) {
        fprintf(stderr, "%s: out of memory\n", path);
        fclose(f);
        return false;
    }
    for (;;) {
        if (len == cap) {
            if (cap > (size_t)64 << 20) {
                fprintf(stderr, "%s: file larger than 64 MiB\n", path);
                free(buf);
                fclose(f);
                return false;
            }
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                fprintf(stderr, "%s: out of memory\n", path);
                free(buf);
                fclose(f);
                return false;
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            break;
        }
    }
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return false;
    }
    long line = 1;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\0') {
            fprintf(stderr, "%s:%ld: NUL byte in file\n", path, line);
            free(buf);
            return false;
        }
        if (buf[i] == '\n') {
            line++;
        }
    }
    out->data = buf;
    out->len = len;
    return true;
}

/* ---------------------------------------------------------------- RFC 4180 reader */

struct csv {
    const char *path;
    const char *p;
    const char *end;
    long line;     /* physical line of p */
    long rec_line; /* line on which the current record started */
    char *buf;     /* unquoted field contents, NUL-separated */
    size_t buf_len;
    size_t buf_cap;
    size_t off[MAX_FIELDS];
    size_t flen[MAX_FIELDS];
    size_t nfields;
};

static bool csv_error(const struct csv *c, const char *msg)
{
    fprintf(stderr, "%s:%ld: %s\n", c->path, c->rec_line, msg);
    return false;
}

static bool csv_put(struct csv *c, char ch)
{
    if (c->buf_len == c->buf_cap) {
        size_t ncap = c->buf_cap ? c->buf_cap * 2 : 256;
        char *nb = realloc(c->buf, ncap);
        if (nb == NULL) {
            return csv_error(c, "out of memory");
        }
        c->buf = nb;
        c->buf_cap = ncap;
    }
    c->buf[c->buf_len++] = ch;
    return true;
}

static const char *csv_field(const struct csv *c, size_t i)
{
    return c->buf + c->off[i];
}

/*
 * Reads the next record. Returns 1 with a record, 0 at end of input, -1 on error (reported).
 * Line ends: LF or CRLF. A final record without a line end is accepted.
 */
static int csv_next(struct csv *c)
{
    if (c->p == c->end) {
        return 0;
    }
    c->rec_line = c->line;
    c->buf_len = 0;
    c->nfields = 0;
    for (;;) {
        if (c->nfields == MAX_FIELDS) {
            csv_error(c, "too many fields");
            return -1;
        }
        c->off[c->nfields] = c->buf_len;
        if (c->p < c->end && *c->p == '"') {
            c->p++;
            for (;;) {
                if (c->p == c->end) {
                    csv_error(c, "unterminated quoted field");
                    return -1;
                }
                char ch = *c->p++;
                if (ch == '"') {
                    if (c->p < c->end && *c->p == '"') {
                        c->p++;
                    } else {
                        break;
                    }
                } else if (ch == '\n') {
                    c->line++;
                }
                if (!csv_put(c, ch)) {
                    return -1;
                }
            }
            if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
                csv_error(c, "text after a closing quote");
                return -1;
            }
        } else {
            while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
                if (*c->p == '"') {
                    csv_error(c, "double quote inside an unquoted field");
                    return -1;
                }
                if (!csv_put(c, *c->p++)) {
                    return -1;
                }
            }
        }
        c->flen[c->nfields] = c->buf_len - c->off[c->nfields];
        if (!csv_put(c, '\0')) {
            return -1;
        }
        c->nfields++;
        if (c->p == c->end) {
            return 1;
        }
        char sep = *c->p++;
        if (sep == ',') {
            continue;
        }
        if (sep == '\r') {
            if (c->p == c->end || *c->p != '\n') {
                csv_error(c, "CR not followed by LF");
                return -1;
            }
            c->p++;
        }
        c->line++;
        return 1;
    }
}

static bool csv_expect_header(struct csv *c, const char *const *names, size_t n)
{
    int r = csv_next(c);
    if (r < 0) {
        return false;
    }
    if (r == 0) {
        c->rec_line = c->line;
        return csv_error(c, "empty file, header expected");
    }
    bool ok = c->nfields == n;
    for (size_t i = 0; ok && i < n; i++) {
        ok = strcmp(csv_field(c, i), names[i]) == 0;
    }
    if (!ok) {
        return csv_error(c, "unexpected header");
    }
    return true;
}

/* ---------------------------------------------------------------- field checks */

/* English text for build messages (ifzo_valid_message() is Dutch, for API users). */
static const char *valid_text(enum ifzo_valid v)
{
    switch (v) {
    case IFZO_VALID_UTF8:
        return "not valid UTF-8";
    case IFZO_VALID_CONTROL:
        return "contains a control character";
    case IFZO_VALID_TOO_LONG:
        return "longer than 100 characters";
    case IFZO_VALID_EMPTY:
        return "empty";
    default:
        return "invalid";
    }
}

/* A name: valid UTF-8, no control characters, 1 … MAX_NAME_CHARS characters, not padded. */
static bool check_name(const struct csv *c, size_t i, const char *what)
{
    const char *s = csv_field(c, i);
    size_t n = c->flen[i];
    enum ifzo_valid v = ifzo_utf8_check(s, n, MAX_NAME_CHARS, IFZO_UTF8_REQUIRED, NULL);
    if (v != IFZO_VALID_OK) {
        fprintf(stderr, "%s:%ld: %s: %s\n", c->path, c->rec_line, what, valid_text(v));
        return false;
    }
    if (s[0] == ' ' || s[n - 1] == ' ') {
        fprintf(stderr, "%s:%ld: %s has leading or trailing spaces\n", c->path, c->rec_line, what);
        return false;
    }
    return true;
}

/* Strict decimal: [-]digits[.digits], 1-3 integer digits, 1-6 fraction digits. */
static bool parse_decimal(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-') {
        p++;
    }
    size_t ni = 0;
    while (p[ni] >= '0' && p[ni] <= '9') {
        ni++;
    }
    if (ni < 1 || ni > 3) {
        return false;
    }
    p += ni;
    if (*p == '.') {
        p++;
        size_t nf = 0;
        while (p[nf] >= '0' && p[nf] <= '9') {
            nf++;
        }
        if (nf < 1 || nf > 6) {
            return false;
        }
        p += nf;
    }
    if (*p != '\0') {
        return false;
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == NULL || *end != '\0') {
        return false;
    }
    *out = v;
    return true;
}

/* ---------------------------------------------------------------- tables */

struct gemeente {
    char *name;
    size_t arr; /* index into arrondissementen */
    long line;
    bool used;
};

struct pc4row {
    int pc4;
    size_t gemeente;
    char lat[16];
    char lon[16];
};

struct tables {
    struct gemeente *gem;
    size_t n_gem;
    struct pc4row *pc4;
    size_t n_pc4;
    char travel[3][16]; /* detour_factor, speed_kmh, fixed_min as validated text */
};

static void tables_free(struct tables *t)
{
    for (size_t i = 0; i < t->n_gem; i++) {
        free(t->gem[i].name);
    }
    free(t->gem);
    free(t->pc4);
}

static bool load_gemeenten(const char *path, struct tables *t)
{
    struct text txt;
    if (!read_file(path, &txt)) {
        return false;
    }
    struct csv c = {.path = path, .p = txt.data, .end = txt.data + txt.len, .line = 1};
    bool ok = false;
    static const char *const header[] = {"gemeente", "arrondissement"};
    t->gem = calloc(MAX_GEMEENTEN, sizeof *t->gem);
    if (t->gem == NULL) {
        fprintf(stderr, "%s: out of memory\n", path);
        goto out;
    }
    if (!csv_expect_header(&c, header, 2)) {
        goto out;
    }
    for (;;) {
        int r = csv_next(&c);
        if (r < 0) {
            goto out;
        }
        if (r == 0) {
            break;
        }
        if (c.nfields != 2) {
            csv_error(&c, "expected 2 fields: gemeente,arrondissement");
            goto out;
        }
        if (!check_name(&c, 0, "gemeente")) {
            goto out;
        }
        const char *name = csv_field(&c, 0);
        const char *arr = csv_field(&c, 1);
        size_t a = 0;
        while (a < N_ARR && strcmp(arr, arrondissementen[a].name) != 0) {
            a++;
        }
        if (a == N_ARR) {
            fprintf(stderr, "%s:%ld: unknown arrondissement \"%s\"\n", path, c.rec_line, arr);
            goto out;
        }
        for (size_t i = 0; i < t->n_gem; i++) {
            if (strcmp(t->gem[i].name, name) == 0) {
                fprintf(stderr, "%s:%ld: duplicate gemeente \"%s\" (first on line %ld)\n", path,
                        c.rec_line, name, t->gem[i].line);
                goto out;
            }
        }
        if (t->n_gem == MAX_GEMEENTEN) {
            csv_error(&c, "too many gemeenten");
            goto out;
        }
        char *copy = malloc(c.flen[0] + 1);
        if (copy == NULL) {
            csv_error(&c, "out of memory");
            goto out;
        }
        memcpy(copy, name, c.flen[0] + 1);
        t->gem[t->n_gem++] = (struct gemeente){.name = copy, .arr = a, .line = c.rec_line};
    }
    if (t->n_gem == 0) {
        fprintf(stderr, "%s: no rows\n", path);
        goto out;
    }
    ok = true;
out:
    free(c.buf);
    free(txt.data);
    return ok;
}

static bool load_pc4(const char *path, struct tables *t)
{
    struct text txt;
    if (!read_file(path, &txt)) {
        return false;
    }
    struct csv c = {.path = path, .p = txt.data, .end = txt.data + txt.len, .line = 1};
    bool ok = false;
    static const char *const header[] = {"pc4", "gemeente", "lat", "lon"};
    t->pc4 = calloc(MAX_PC4_ROWS, sizeof *t->pc4);
    if (t->pc4 == NULL) {
        fprintf(stderr, "%s: out of memory\n", path);
        goto out;
    }
    if (!csv_expect_header(&c, header, 4)) {
        goto out;
    }
    int prev = 0;
    for (;;) {
        int r = csv_next(&c);
        if (r < 0) {
            goto out;
        }
        if (r == 0) {
            break;
        }
        if (c.nfields != 4) {
            csv_error(&c, "expected 4 fields: pc4,gemeente,lat,lon");
            goto out;
        }
        int pc4;
        if (ifzo_pc4_check(csv_field(&c, 0), &pc4) != IFZO_VALID_OK) {
            fprintf(stderr, "%s:%ld: bad pc4 \"%s\" (4 digits, 1000-9999)\n", path, c.rec_line,
                    csv_field(&c, 0));
            goto out;
        }
        if (pc4 <= prev) {
            fprintf(stderr, "%s:%ld: pc4 %d not in ascending order (duplicate or unsorted)\n", path,
                    c.rec_line, pc4);
            goto out;
        }
        prev = pc4;
        if (!check_name(&c, 1, "gemeente")) {
            goto out;
        }
        size_t g = 0;
        while (g < t->n_gem && strcmp(t->gem[g].name, csv_field(&c, 1)) != 0) {
            g++;
        }
        if (g == t->n_gem) {
            fprintf(stderr, "%s:%ld: gemeente \"%s\" is not in the gemeente table\n", path,
                    c.rec_line, csv_field(&c, 1));
            goto out;
        }
        t->gem[g].used = true;
        double lat;
        double lon;
        if (c.flen[2] >= sizeof t->pc4[0].lat || !parse_decimal(csv_field(&c, 2), &lat) ||
            lat < LAT_MIN || lat > LAT_MAX) {
            fprintf(stderr, "%s:%ld: bad lat \"%s\" (decimal degrees within the Netherlands)\n",
                    path, c.rec_line, csv_field(&c, 2));
            goto out;
        }
        if (c.flen[3] >= sizeof t->pc4[0].lon || !parse_decimal(csv_field(&c, 3), &lon) ||
            lon < LON_MIN || lon > LON_MAX) {
            fprintf(stderr, "%s:%ld: bad lon \"%s\" (decimal degrees within the Netherlands)\n",
                    path, c.rec_line, csv_field(&c, 3));
            goto out;
        }
        /* ascending 1000 … 9999 means at most 9000 rows: MAX_PC4_ROWS cannot overflow */
        struct pc4row *row = &t->pc4[t->n_pc4++];
        row->pc4 = pc4;
        row->gemeente = g;
        memcpy(row->lat, csv_field(&c, 2), c.flen[2] + 1);
        memcpy(row->lon, csv_field(&c, 3), c.flen[3] + 1);
    }
    if (t->n_pc4 == 0) {
        fprintf(stderr, "%s: no rows\n", path);
        goto out;
    }
    ok = true;
out:
    free(c.buf);
    free(txt.data);
    return ok;
}

static bool check_all_used(const char *gem_path, const char *pc4_path, const struct tables *t)
{
    for (size_t i = 0; i < t->n_gem; i++) {
        if (!t->gem[i].used) {
            fprintf(stderr, "%s:%ld: gemeente \"%s\" has no PC4 in %s\n", gem_path, t->gem[i].line,
                    t->gem[i].name, pc4_path);
            return false;
        }
    }
    return true;
}

static bool load_travel(const char *path, struct tables *t)
{
    static const struct {
        const char *key;
        double min;
        double max;
        bool min_exclusive;
    } keys[3] = {
        {"detour_factor", 1.0, 3.0, false},
        {"speed_kmh", 0.0, 130.0, true},
        {"fixed_min", 0.0, 120.0, false},
    };
    struct text txt;
    if (!read_file(path, &txt)) {
        return false;
    }
    bool ok = false;
    long seen[3] = {0, 0, 0};
    long line = 0;
    const char *p = txt.data;
    const char *end = txt.data + txt.len;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *lend = eol ? eol : end;
        size_t n = (size_t)(lend - p);
        if (n > 0 && p[n - 1] == '\r') {
            n--;
        }
        if (n == 0 || p[0] == '#') {
            p = eol ? eol + 1 : end;
            continue;
        }
        const char *tab = memchr(p, '\t', n);
        char key[32];
        char val[16];
        size_t kl = tab ? (size_t)(tab - p) : 0;
        size_t vl = tab ? n - kl - 1 : 0;
        if (tab == NULL || kl == 0 || kl >= sizeof key || vl == 0 || vl >= sizeof val ||
            memchr(tab + 1, '\t', vl) != NULL) {
            fprintf(stderr, "%s:%ld: expected key<TAB>value\n", path, line);
            goto out;
        }
        memcpy(key, p, kl);
        key[kl] = '\0';
        memcpy(val, tab + 1, vl);
        val[vl] = '\0';
        size_t k = 0;
        while (k < 3 && strcmp(key, keys[k].key) != 0) {
            k++;
        }
        if (k == 3) {
            fprintf(stderr, "%s:%ld: unknown key \"%s\"\n", path, line, key);
            goto out;
        }
        if (seen[k]) {
            fprintf(stderr, "%s:%ld: duplicate key \"%s\" (first on line %ld)\n", path, line, key,
                    seen[k]);
            goto out;
        }
        double v;
        bool in_range = parse_decimal(val, &v) && val[0] != '-' && v <= keys[k].max &&
                        (keys[k].min_exclusive ? v > keys[k].min : v >= keys[k].min);
        if (!in_range) {
            fprintf(stderr, "%s:%ld: %s must be a decimal number in %s%g, %g]\n", path, line, key,
                    keys[k].min_exclusive ? "(" : "[", keys[k].min, keys[k].max);
            goto out;
        }
        seen[k] = line;
        memcpy(t->travel[k], val, vl + 1);
        p = eol ? eol + 1 : end;
    }
    for (size_t k = 0; k < 3; k++) {
        if (!seen[k]) {
            fprintf(stderr, "%s: missing key \"%s\"\n", path, keys[k].key);
            goto out;
        }
    }
    ok = true;
out:
    free(txt.data);
    return ok;
}

/* ---------------------------------------------------------------- output */

/* A C string literal; non-ASCII bytes as octal escapes so the generated file is ASCII. */
static void put_c_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '?') {
            fprintf(f, "\\%c", *p);
        } else if (*p < 0x20 || *p >= 0x7F) {
            fprintf(f, "\\%03o", *p);
        } else {
            fputc(*p, f);
        }
    }
    fputc('"', f);
}

static bool write_output(const char *out_path, const struct tables *t)
{
    size_t plen = strlen(out_path);
    char *tmp = malloc(plen + 5);
    if (tmp == NULL) {
        fprintf(stderr, "%s: out of memory\n", out_path);
        return false;
    }
    memcpy(tmp, out_path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    FILE *f = fopen(tmp, "w");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot create: %s\n", tmp, strerror(errno));
        free(tmp);
        return false;
    }
    fprintf(f,
            "/* Generated by tools/gen_geo.c from data/geo (pc4.csv, gemeente_arrondissement.csv,\n"
            " * travel.tsv). Do not edit: change the data and rebuild.\n"
            " * Bron: CBS (postcodegebieden 2020, gebiedsindelingen 2022 en 2025); (c) Centraal\n"
            " * Bureau voor de Statistiek, (c) ESRI Nederland. See data/geo/README.md. */\n"
            "#include \"core/geo_data.h\"\n\n");

    fprintf(f, "const struct ifzo_geo_gemeente_row ifzo_geo_gemeenten[%zu] = {\n", t->n_gem);
    for (size_t i = 0; i < t->n_gem; i++) {
        fputs("    {", f);
        put_c_string(f, t->gem[i].name);
        fprintf(f, ", %s},\n", arrondissementen[t->gem[i].arr].enum_name);
    }
    fprintf(f, "};\nconst size_t ifzo_geo_gemeenten_len = %zu;\n\n", t->n_gem);

    fprintf(f, "const struct ifzo_geo_pc4_row ifzo_geo_pc4_rows[%zu] = {\n", t->n_pc4);
    for (size_t i = 0; i < t->n_pc4; i++) {
        const struct pc4row *r = &t->pc4[i];
        fprintf(f, "    {%d, %zu, %s, %s},\n", r->pc4, r->gemeente, r->lat, r->lon);
    }
    fprintf(f, "};\nconst size_t ifzo_geo_pc4_rows_len = %zu;\n\n", t->n_pc4);

    static int index[10000];
    for (size_t i = 0; i < 10000; i++) {
        index[i] = -1;
    }
    for (size_t i = 0; i < t->n_pc4; i++) {
        index[t->pc4[i].pc4] = (int)i;
    }
    fprintf(f, "const int16_t ifzo_geo_pc4_index[IFZO_GEO_PC4_SPACE] = {\n");
    for (size_t i = 0; i < 10000; i += 16) {
        fputs("   ", f);
        for (size_t j = i; j < i + 16 && j < 10000; j++) {
            fprintf(f, " %d,", index[j]);
        }
        fputc('\n', f);
    }
    fprintf(f, "};\n\n");

    fprintf(f,
            "const struct ifzo_travel_model ifzo_geo_travel_default = {\n"
            "    .detour_factor = %s,\n    .speed_kmh = %s,\n    .fixed_min = %s,\n};\n",
            t->travel[0], t->travel[1], t->travel[2]);

    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad) {
        fprintf(stderr, "%s: write error\n", tmp);
        remove(tmp);
        free(tmp);
        return false;
    }
    if (rename(tmp, out_path) != 0) {
        fprintf(stderr, "%s: cannot rename to %s: %s\n", tmp, out_path, strerror(errno));
        remove(tmp);
        free(tmp);
        return false;
    }
    free(tmp);
    return true;
}

/* DIR "/" NAME in a new heap string (caller frees), or NULL when out of memory. */
static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    size_t nl = strlen(name);
    char *p = malloc(dl + 1 + nl + 1);
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        return NULL;
    }
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, name, nl + 1);
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s DATA_DIR OUT_C\n", argc > 0 ? argv[0] : "gen_geo");
        return 1;
    }
    char *pc4 = join_path(argv[1], "pc4.csv");
    char *gem = join_path(argv[1], "gemeente_arrondissement.csv");
    char *travel = join_path(argv[1], "travel.tsv");
    struct tables t = {0};
    bool ok = pc4 != NULL && gem != NULL && travel != NULL && load_gemeenten(gem, &t) &&
              load_pc4(pc4, &t) && check_all_used(gem, pc4, &t) && load_travel(travel, &t) &&
              write_output(argv[2], &t);
    tables_free(&t);
    free(pc4);
    free(gem);
    free(travel);
    return ok ? 0 : 1;
}
