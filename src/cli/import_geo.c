/*
 * import_geo.c - `ifzo import geo FILE.csv`: replaces the postcode table that geography
 * lookups use (store: geo_pc4) with a full table, e.g. a newer CBS vintage, in one
 * transaction. Columns and rules: docs/geo-import.md. Also the travel-model file reader.
 */
#include "cli/cli.h"
#include "core/codelist.h"
#include "core/validate.h"
#include "core/zorgaanbod.h"
#include "store/catalog.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS   20000
#define MAX_FIELDS 16
#define MAX_LINE   4096

static int usage_import(FILE *out)
{
    fprintf(out, "usage: ifzo import geo FILE.csv [--db URL]\n\n"
                 "Replaces the postcode table (PC4 -> gemeente, arrondissement, coordinate) used\n"
                 "by geography lookups and travel-time estimates. CSV with a header line;\n"
                 "columns pc4, gemeente, lat, lon and optionally arrondissement (code AMS … ZWB\n"
                 "or name); without it the arrondissement follows from the gemeente.\n"
                 "See docs/geo-import.md.\n\n"
                 "  --db  sqlite:PATH or postgres://... (IFZO_DB, default sqlite:ifzo.db)\n");
    return out == stdout ? 0 : 2;
}

/* Splits one CSV line (RFC 4180 quoting, no embedded line breaks) in place. */
static int split_csv(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max)
            return -1;
        char *out = p;
        fields[n++] = out;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    return -1; /* unterminated quote */
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *out++ = *p++;
                }
            }
            if (*p != ',' && *p != '\0')
                return -1;
        } else {
            while (*p != ',' && *p != '\0')
                *out++ = *p++;
        }
        int end = *p == '\0';
        *out = '\0';
        if (end)
            return n;
        p++;
    }
}

static int col_index(char **h, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(h[i], name) == 0)
            return i;
    }
    return -1;
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* The arrondissement code of a code or a name ("Den Haag"). */
static const char *arr_code(const char *s)
{
    const codelist *l = codelist_find(CODELIST_ARRONDISSEMENT);
    for (size_t i = 0; l && i < l->count; i++) {
        if (strcmp(l->entries[i].code, s) == 0 || strcmp(l->entries[i].label, s) == 0)
            return l->entries[i].code;
    }
    return NULL;
}

static int compare_pc4(const void *a, const void *b)
{
    const store_geo_row *x = a, *y = b;
    return (x->pc4 > y->pc4) - (x->pc4 < y->pc4);
}

/* Reads and checks the whole file into *rows (malloc'd). 0, or -1 after printing the reason
 * with file:line. */
static int read_geo_csv(const char *path, store_geo_row **rows, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "ifzo: %s: %s\n", path, strerror(errno));
        return -1;
    }
    *rows = calloc(MAX_ROWS, sizeof **rows);
    *n = 0;
    char line[MAX_LINE], header[MAX_LINE];
    char *h[MAX_FIELDS], *fl[MAX_FIELDS];
    int nh = 0, lineno = 1, rc = -1;
    int c_pc4, c_gem, c_lat, c_lon, c_arr;
    if (*rows == NULL || fgets(header, sizeof header, f) == NULL) {
        fprintf(stderr, "ifzo: %s: empty file\n", path);
        goto out;
    }
    header[strcspn(header, "\r\n")] = '\0';
    if (strncmp(header, "\xEF\xBB\xBF", 3) == 0)
        memmove(header, header + 3, strlen(header + 3) + 1);
    nh = split_csv(header, h, MAX_FIELDS);
    c_pc4 = nh > 0 ? col_index(h, nh, "pc4") : -1;
    c_gem = nh > 0 ? col_index(h, nh, "gemeente") : -1;
    c_lat = nh > 0 ? col_index(h, nh, "lat") : -1;
    c_lon = nh > 0 ? col_index(h, nh, "lon") : -1;
    c_arr = nh > 0 ? col_index(h, nh, "arrondissement") : -1;
    if (c_pc4 < 0 || c_gem < 0 || c_lat < 0 || c_lon < 0) {
        fprintf(stderr, "ifzo: %s:1: header needs the columns pc4, gemeente, lat, lon\n", path);
        goto out;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        lineno++;
        size_t len = strcspn(line, "\r\n");
        if (line[len] == '\0' && !feof(f)) {
            fprintf(stderr, "ifzo: %s:%d: line too long\n", path, lineno);
            goto out;
        }
        line[len] = '\0';
        if (len == 0)
            continue;
        int nf = split_csv(line, fl, MAX_FIELDS);
        if (nf != nh) {
            fprintf(stderr, "ifzo: %s:%d: expected %d fields, found %d\n", path, lineno, nh, nf);
            goto out;
        }
        if (*n == MAX_ROWS) {
            fprintf(stderr, "ifzo: %s:%d: more than %d rows\n", path, lineno, MAX_ROWS);
            goto out;
        }
        store_geo_row *g = &(*rows)[*n];
        if (ifzo_pc4_check(fl[c_pc4], &g->pc4) != 0) {
            fprintf(stderr, "ifzo: %s:%d: pc4 '%s' is not 1000 … 9999\n", path, lineno, fl[c_pc4]);
            goto out;
        }
        if (ifzo_utf8_check_str(fl[c_gem], IFZO_NAME_MAX, IFZO_UTF8_REQUIRED) != 0) {
            fprintf(stderr, "ifzo: %s:%d: gemeente must be 1 … 200 characters\n", path, lineno);
            goto out;
        }
        snprintf(g->gemeente, sizeof g->gemeente, "%s", fl[c_gem]);
        if (!parse_double(fl[c_lat], &g->lat) || g->lat < IFZO_NL_LAT_MIN ||
            g->lat > IFZO_NL_LAT_MAX || !parse_double(fl[c_lon], &g->lon) ||
            g->lon < IFZO_NL_LON_MIN || g->lon > IFZO_NL_LON_MAX) {
            fprintf(stderr, "ifzo: %s:%d: lat/lon must be a coordinate in the Netherlands\n", path,
                    lineno);
            goto out;
        }
        const char *code = NULL;
        enum ifzo_arrondissement arr;
        if (c_arr >= 0 && fl[c_arr][0] != '\0')
            code = arr_code(fl[c_arr]);
        else if (ifzo_geo_gemeente_arrondissement(g->gemeente, &arr) == IFZO_GEO_OK)
            code = ifzo_arr_code(arr);
        if (code == NULL) {
            fprintf(stderr, "ifzo: %s:%d: unknown arrondissement for '%s'\n", path, lineno,
                    c_arr >= 0 && fl[c_arr][0] ? fl[c_arr] : g->gemeente);
            goto out;
        }
        snprintf(g->arrondissement, sizeof g->arrondissement, "%s", code);
        (*n)++;
    }
    if (*n == 0) {
        fprintf(stderr, "ifzo: %s: no rows\n", path);
        goto out;
    }
    qsort(*rows, *n, sizeof **rows, compare_pc4);
    for (size_t i = 1; i < *n; i++) {
        if ((*rows)[i].pc4 == (*rows)[i - 1].pc4) {
            fprintf(stderr, "ifzo: %s: pc4 %d appears twice\n", path, (*rows)[i].pc4);
            goto out;
        }
    }
    rc = 0;
out:
    fclose(f);
    if (rc != 0) {
        free(*rows);
        *rows = NULL;
    }
    return rc;
}

int cmd_import(int argc, char **argv)
{
    const char *file = NULL, *url = NULL;
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)
        return usage_import(argc < 1 ? stderr : stdout);
    if (strcmp(argv[0], "geo") != 0) {
        fprintf(stderr, "ifzo: import knows only 'geo'\n");
        return usage_import(stderr);
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0)
            return usage_import(stdout);
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strncmp(argv[i], "--db=", 5) == 0)
            url = argv[i] + 5;
        else if (argv[i][0] != '-' && file == NULL)
            file = argv[i];
        else
            return usage_import(stderr);
    }
    if (file == NULL)
        return usage_import(stderr);
    if (url == NULL)
        url = getenv("IFZO_DB") && *getenv("IFZO_DB") ? getenv("IFZO_DB") : "sqlite:ifzo.db";
    store_geo_row *rows;
    size_t n;
    if (read_geo_csv(file, &rows, &n) != 0)
        return 1;
    store *db;
    if (cli_open_db(url, &db) != 0) {
        free(rows);
        return 1;
    }
    int rc = store_geo_replace(db, rows, n);
    free(rows);
    store_close(db);
    if (rc != STORE_OK) {
        fprintf(stderr, "ifzo: import failed: %s\n", store_rc_name(rc));
        return 1;
    }
    printf("imported %zu postcode areas\n", n);
    return 0;
}

int cli_open_db(const char *url, store **db)
{
    char err[512];
    if (store_open(url, db, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "ifzo: %s\n", err);
        return -1;
    }
    if (store_migrate(*db, NULL, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "ifzo: %s\n", err);
        store_close(*db);
        *db = NULL;
        return -1;
    }
    return 0;
}

int cli_travel_load(const char *path, struct ifzo_travel_model *out, char *err, size_t errlen)
{
    *out = ifzo_travel_model_default();
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[256];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *tab = strchr(line, '\t');
        double v;
        if (tab == NULL || !parse_double(tab + 1, &v)) {
            snprintf(err, errlen, "%s:%d: expected key<TAB>number", path, lineno);
            rc = -1;
            break;
        }
        *tab = '\0';
        if (strcmp(line, "detour_factor") == 0)
            out->detour_factor = v;
        else if (strcmp(line, "speed_kmh") == 0)
            out->speed_kmh = v;
        else if (strcmp(line, "fixed_min") == 0)
            out->fixed_min = v;
        else {
            snprintf(err, errlen, "%s:%d: unknown key '%s'", path, lineno, line);
            rc = -1;
        }
    }
    fclose(f);
    if (rc == 0 && !ifzo_travel_model_valid(out)) {
        snprintf(err, errlen, "%s: a value is out of range (see docs/geo-import.md)", path);
        rc = -1;
    }
    return rc;
}
