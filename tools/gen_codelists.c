/* Why this file exists: the code lists live as data (data/codelists/, one TSV file per list,
 * listed in index.tsv) and must reach the program as static C tables without any run-time
 * I/O. This build-time tool reads and strictly validates that data and writes one C source
 * file for src/core/codelist.c to serve. Any defect in the data (duplicate code, empty label,
 * wrong column count, tab/newline inside a field, invalid UTF-8, unknown reference, ...) is
 * reported as FILE:LINE and makes the tool exit non-zero, so the build fails.
 *
 * Usage: gen_codelists DATA_DIR OUTPUT.c
 *
 * File format (documented for maintainers in data/codelists/README.md):
 *   - UTF-8 without byte order mark, LF line endings, no empty lines, tab-separated;
 *   - first line is the header: "code<TAB>label" then attribute columns "name" or
 *     "name:type" with type str | bool | int | ref | ref(list) | enum(a|b|...);
 *   - index.tsv has the header "name<TAB>title<TAB>source" and one line per list. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_FILE_BYTES = 1 << 20,
    MAX_LINE_BYTES = 4096,
    MAX_CODE_BYTES = 16,
    MAX_NAME_BYTES = 48,
    MAX_COLUMNS = 32,
    MAX_INT_DIGITS = 9,
};

typedef enum { T_STR, T_BOOL, T_INT, T_REF, T_ENUM } col_type;

typedef struct {
    char *name;
    col_type type;
    char *ref_list;     /* T_REF: target list name (own name for plain "ref") */
    char **enum_values; /* T_ENUM */
    size_t enum_count;
} column;

typedef struct {
    char **fields;
    size_t count;
    unsigned long line;
} row;

typedef struct {
    char *path;
    row *rows; /* rows[0] is the header */
    size_t count;
    size_t bad_lines; /* lines rejected (and reported) before splitting */
} table;

typedef struct {
    char *name;
    char *title;
    char *source;
    unsigned long index_line;
    table data;
    column *cols; /* attribute columns (after code and label) */
    size_t ncols;
} list;

static unsigned long g_errors;

static void error_at(const char *path, unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%lu: error: ", path, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    g_errors++;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);
    if (p == NULL) {
        fputs("gen_codelists: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n == 0 ? 1 : n);
    if (q == NULL) {
        fputs("gen_codelists: out of memory\n", stderr);
        exit(2);
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *path_join(const char *dir, const char *name, const char *ext)
{
    size_t n = strlen(dir) + 1 + strlen(name) + strlen(ext) + 1;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s%s", dir, name, ext);
    return p;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. Rejects overlong
 * forms, surrogates and code points above U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned long cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Checks one line (without its '\n'); reports and returns false on the first defect. */
static bool check_line_bytes(const char *path, unsigned long line, const unsigned char *s, size_t n)
{
    if (n > MAX_LINE_BYTES) {
        error_at(path, line, "line longer than %d bytes", MAX_LINE_BYTES);
        return false;
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == '\r') {
            error_at(path, line, "carriage return in line (CRLF line ending?); use LF only");
            return false;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            error_at(path, line, "control character 0x%02X at byte %zu", (unsigned)c, i + 1);
            return false;
        }
        size_t len = utf8_seq(s + i, n - i);
        if (len == 0) {
            error_at(path, line, "invalid UTF-8 (byte 0x%02X at byte %zu)", (unsigned)c, i + 1);
            return false;
        }
        i += len;
    }
    return true;
}

/* Reads a whole file. An open failure is reported at from_path:from_line (the line that
 * names the file) when given, else at path:1. */
static bool read_file(const char *path, const char *from_path, unsigned long from_line, char **out,
                      size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        if (from_path != NULL)
            error_at(from_path, from_line, "cannot open %s: %s", path, strerror(errno));
        else
            error_at(path, 1, "cannot open: %s", strerror(errno));
        return false;
    }
    char *buf = xmalloc(MAX_FILE_BYTES + 1);
    size_t len = fread(buf, 1, MAX_FILE_BYTES + 1, f);
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        error_at(path, 1, "read error");
        free(buf);
        return false;
    }
    if (len > MAX_FILE_BYTES) {
        error_at(path, 1, "file larger than %d bytes", MAX_FILE_BYTES);
        free(buf);
        return false;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return true;
}

/* Splits a file into rows of tab-separated fields. Lines with byte-level defects are
 * reported and left out. Returns false if the file could not be read at all. */
static bool read_table(const char *path, const char *from_path, unsigned long from_line, table *t)
{
    memset(t, 0, sizeof *t);
    t->path = xstrndup(path, strlen(path));
    char *buf;
    size_t len;
    if (!read_file(path, from_path, from_line, &buf, &len))
        return false;
    size_t pos = 0;
    unsigned long line = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        error_at(path, 1, "byte order mark at start of file; save as UTF-8 without BOM");
        pos = 3;
    }
    if (len == 0)
        error_at(path, 1, "empty file");
    while (pos < len) {
        line++;
        const char *start = buf + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - start) : len - pos;
        pos += n + (nl != NULL ? 1 : 0);
        if (memchr(start, '\0', n) != NULL) {
            error_at(path, line, "NUL byte in line");
            t->bad_lines++;
            continue;
        }
        if (!check_line_bytes(path, line, (const unsigned char *)start, n)) {
            t->bad_lines++;
            continue;
        }
        if (n == 0) {
            error_at(path, line, "empty line");
            t->bad_lines++;
            continue;
        }
        row r = {NULL, 0, line};
        const char *field = start;
        const char *end = start + n;
        for (;;) {
            const char *tab = memchr(field, '\t', (size_t)(end - field));
            const char *fend = tab != NULL ? tab : end;
            r.fields = xrealloc(r.fields, (r.count + 1) * sizeof *r.fields);
            r.fields[r.count++] = xstrndup(field, (size_t)(fend - field));
            if (tab == NULL)
                break;
            field = tab + 1;
        }
        t->rows = xrealloc(t->rows, (t->count + 1) * sizeof *t->rows);
        t->rows[t->count++] = r;
    }
    free(buf);
    return true;
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        for (size_t j = 0; j < t->rows[i].count; j++)
            free(t->rows[i].fields[j]);
        free(t->rows[i].fields);
    }
    free(t->rows);
    free(t->path);
    memset(t, 0, sizeof *t);
}

static bool is_ident(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max || !(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static bool is_code(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_CODE_BYTES)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

static bool is_enum_value(const char *s, size_t n)
{
    if (n == 0 || n > MAX_NAME_BYTES)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

static bool is_int(const char *s)
{
    size_t i = s[0] == '-' ? 1 : 0;
    size_t digits = strlen(s + i);
    if (digits == 0 || digits > MAX_INT_DIGITS)
        return false;
    for (; s[i] != '\0'; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

static bool has_outer_space(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
}

/* Checks that every row has exactly `cols` fields and no field has outer spaces. */
static void check_shape(const table *t, size_t cols)
{
    for (size_t i = 0; i < t->count; i++) {
        const row *r = &t->rows[i];
        if (r->count != cols) {
            error_at(t->path, r->line,
                     "expected %zu tab-separated fields, found %zu (tab or line break inside a "
                     "field, or a missing/extra field?)",
                     cols, r->count);
            continue;
        }
        for (size_t j = 0; j < r->count; j++) {
            if (has_outer_space(r->fields[j]))
                error_at(t->path, r->line, "field %zu has leading or trailing spaces", j + 1);
        }
    }
}

static bool row_ok(const row *r, size_t cols)
{
    if (r->count != cols)
        return false;
    for (size_t j = 0; j < r->count; j++) {
        if (has_outer_space(r->fields[j]))
            return false;
    }
    return true;
}

/* Parses "name[:type]" of header column `spec` into c; reports defects. */
static bool parse_column(const char *path, const char *list_name, const char *spec, column *c)
{
    memset(c, 0, sizeof *c);
    const char *colon = strchr(spec, ':');
    c->name = xstrndup(spec, colon != NULL ? (size_t)(colon - spec) : strlen(spec));
    if (!is_ident(c->name, MAX_NAME_BYTES)) {
        error_at(path, 1, "bad column name '%s' (use a-z, 0-9, _)", c->name);
        return false;
    }
    if (strcmp(c->name, "code") == 0 || strcmp(c->name, "label") == 0) {
        error_at(path, 1, "column '%s' may appear only once, as column %s", c->name,
                 c->name[0] == 'c' ? "1" : "2");
        return false;
    }
    const char *type = colon != NULL ? colon + 1 : "str";
    size_t tlen = strlen(type);
    if (strcmp(type, "str") == 0) {
        c->type = T_STR;
    } else if (strcmp(type, "bool") == 0) {
        c->type = T_BOOL;
    } else if (strcmp(type, "int") == 0) {
        c->type = T_INT;
    } else if (strcmp(type, "ref") == 0) {
        c->type = T_REF;
        c->ref_list = xstrndup(list_name, strlen(list_name));
    } else if (strncmp(type, "ref(", 4) == 0 && tlen > 5 && type[tlen - 1] == ')') {
        c->type = T_REF;
        c->ref_list = xstrndup(type + 4, tlen - 5);
        if (!is_ident(c->ref_list, MAX_NAME_BYTES)) {
            error_at(path, 1, "bad list name in column type '%s'", type);
            return false;
        }
    } else if (strncmp(type, "enum(", 5) == 0 && tlen > 6 && type[tlen - 1] == ')') {
        c->type = T_ENUM;
        const char *p = type + 5;
        const char *end = type + tlen - 1;
        while (p <= end) {
            const char *bar = memchr(p, '|', (size_t)(end - p));
            const char *vend = bar != NULL ? bar : end;
            if (!is_enum_value(p, (size_t)(vend - p))) {
                error_at(path, 1, "bad enum value in column type '%s'", type);
                return false;
            }
            char *v = xstrndup(p, (size_t)(vend - p));
            for (size_t i = 0; i < c->enum_count; i++) {
                if (strcmp(c->enum_values[i], v) == 0) {
                    error_at(path, 1, "duplicate enum value '%s' in column type '%s'", v, type);
                    free(v);
                    return false;
                }
            }
            c->enum_values = xrealloc(c->enum_values, (c->enum_count + 1) * sizeof(char *));
            c->enum_values[c->enum_count++] = v;
            p = vend + 1;
        }
    } else {
        error_at(path, 1, "unknown column type '%s' (str, bool, int, ref, ref(list), enum(a|b))",
                 type);
        return false;
    }
    return true;
}

/* Validates the header and every field of a list file except cross-list references. */
static void check_list(list *l)
{
    table *t = &l->data;
    if (t->count == 0)
        return; /* already reported (unreadable or empty) */
    const row *h = &t->rows[0];
    if (h->line != 1) {
        error_at(t->path, 1, "first line must be the header");
        return;
    }
    if (h->count < 2 || strcmp(h->fields[0], "code") != 0 || strcmp(h->fields[1], "label") != 0) {
        error_at(t->path, 1, "header must start with 'code<TAB>label'");
        return;
    }
    if (h->count > MAX_COLUMNS) {
        error_at(t->path, 1, "more than %d columns", MAX_COLUMNS);
        return;
    }
    l->ncols = h->count - 2;
    l->cols = xmalloc(l->ncols * sizeof *l->cols);
    memset(l->cols, 0, l->ncols * sizeof *l->cols);
    bool header_ok = true;
    for (size_t j = 0; j < l->ncols; j++) {
        if (!parse_column(t->path, l->name, h->fields[j + 2], &l->cols[j])) {
            header_ok = false;
            continue;
        }
        for (size_t k = 0; k < j; k++) {
            if (l->cols[k].name != NULL && strcmp(l->cols[k].name, l->cols[j].name) == 0) {
                error_at(t->path, 1, "duplicate column '%s'", l->cols[j].name);
                header_ok = false;
            }
        }
    }
    if (!header_ok)
        return;
    if (t->count < 2 && t->bad_lines == 0)
        error_at(t->path, 1, "list has no entries");
    check_shape(t, h->count);
    for (size_t i = 1; i < t->count; i++) {
        const row *r = &t->rows[i];
        if (!row_ok(r, h->count))
            continue; /* already reported */
        const char *code = r->fields[0];
        if (!is_code(code))
            error_at(t->path, r->line, "bad code '%s' (1-%d characters A-Z, a-z, 0-9, '_' or '-')",
                     code, MAX_CODE_BYTES);
        if (r->fields[1][0] == '\0')
            error_at(t->path, r->line, "empty label for code '%s'", code);
        for (size_t k = 1; k < i; k++) {
            const row *o = &t->rows[k];
            if (o->count > 0 && strcmp(o->fields[0], code) == 0) {
                error_at(t->path, r->line, "duplicate code '%s' (first on line %lu)", code,
                         o->line);
                break;
            }
        }
        for (size_t j = 0; j < l->ncols; j++) {
            const column *c = &l->cols[j];
            const char *v = r->fields[j + 2];
            switch (c->type) {
            case T_BOOL:
                if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
                    error_at(t->path, r->line, "column '%s' must be 0 or 1, found '%s'", c->name,
                             v);
                break;
            case T_INT:
                if (v[0] != '\0' && !is_int(v))
                    error_at(t->path, r->line, "column '%s' must be an integer, found '%s'",
                             c->name, v);
                break;
            case T_ENUM: {
                bool found = v[0] == '\0';
                for (size_t k = 0; k < c->enum_count && !found; k++)
                    found = strcmp(c->enum_values[k], v) == 0;
                if (!found)
                    error_at(t->path, r->line, "column '%s': '%s' is not an allowed value", c->name,
                             v);
                break;
            }
            case T_STR:
            case T_REF:
                break;
            }
        }
    }
}

static const list *find_list(const list *lists, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(lists[i].name, name) == 0)
            return &lists[i];
    }
    return NULL;
}

/* Row index (>= 1) of code in l, 0 if absent. */
static size_t find_code(const list *l, const char *code)
{
    for (size_t i = 1; i < l->data.count; i++) {
        if (l->data.rows[i].count > 0 && strcmp(l->data.rows[i].fields[0], code) == 0)
            return i;
    }
    return 0;
}

/* Checks ref columns: target list exists, every value is a code there, and references within
 * one list form no cycle (so walking parents always ends). */
static void check_refs(list *lists, size_t n)
{
    for (size_t li = 0; li < n; li++) {
        list *l = &lists[li];
        if (l->cols == NULL || l->data.count == 0)
            continue;
        size_t width = l->ncols + 2;
        for (size_t j = 0; j < l->ncols; j++) {
            const column *c = &l->cols[j];
            if (c->type != T_REF)
                continue;
            const list *target = find_list(lists, n, c->ref_list);
            if (target == NULL) {
                error_at(l->data.path, 1, "column '%s' refers to unknown list '%s'", c->name,
                         c->ref_list);
                continue;
            }
            for (size_t i = 1; i < l->data.count; i++) {
                const row *r = &l->data.rows[i];
                if (!row_ok(r, width) || r->fields[j + 2][0] == '\0')
                    continue;
                if (find_code(target, r->fields[j + 2]) == 0) {
                    error_at(l->data.path, r->line, "column '%s': unknown code '%s' in list '%s'",
                             c->name, r->fields[j + 2], c->ref_list);
                    continue;
                }
                if (target != l)
                    continue;
                size_t at = i;
                size_t steps = 0;
                while (at != 0 && steps <= l->data.count) {
                    const row *cur = &l->data.rows[at];
                    if (!row_ok(cur, width) || cur->fields[j + 2][0] == '\0')
                        break;
                    at = find_code(l, cur->fields[j + 2]);
                    steps++;
                }
                if (steps > l->data.count)
                    error_at(l->data.path, r->line, "column '%s': cycle starting at code '%s'",
                             c->name, r->fields[0]);
            }
        }
    }
}

/* Reads index.tsv into lists; reports defects. */
static list *read_index(const char *dir, size_t *count)
{
    char *path = path_join(dir, "index", ".tsv");
    table t;
    list *lists = NULL;
    size_t n = 0;
    if (read_table(path, NULL, 0, &t) && t.count > 0) {
        const row *h = &t.rows[0];
        if (h->line != 1 || h->count != 3 || strcmp(h->fields[0], "name") != 0 ||
            strcmp(h->fields[1], "title") != 0 || strcmp(h->fields[2], "source") != 0) {
            error_at(path, 1, "header must be 'name<TAB>title<TAB>source'");
        } else {
            check_shape(&t, 3);
            for (size_t i = 1; i < t.count; i++) {
                const row *r = &t.rows[i];
                if (!row_ok(r, 3))
                    continue;
                bool ok = true;
                if (!is_ident(r->fields[0], MAX_NAME_BYTES) || strcmp(r->fields[0], "index") == 0) {
                    error_at(path, r->line, "bad list name '%s' (a-z, 0-9, _; not 'index')",
                             r->fields[0]);
                    ok = false;
                }
                if (r->fields[1][0] == '\0') {
                    error_at(path, r->line, "empty title");
                    ok = false;
                }
                if (r->fields[2][0] == '\0') {
                    error_at(path, r->line, "empty source");
                    ok = false;
                }
                for (size_t k = 0; k < n && ok; k++) {
                    if (strcmp(lists[k].name, r->fields[0]) == 0) {
                        error_at(path, r->line, "duplicate list '%s' (first on line %lu)",
                                 r->fields[0], lists[k].index_line);
                        ok = false;
                    }
                }
                if (!ok)
                    continue;
                lists = xrealloc(lists, (n + 1) * sizeof *lists);
                list *l = &lists[n++];
                memset(l, 0, sizeof *l);
                l->name = xstrndup(r->fields[0], strlen(r->fields[0]));
                l->title = xstrndup(r->fields[1], strlen(r->fields[1]));
                l->source = xstrndup(r->fields[2], strlen(r->fields[2]));
                l->index_line = r->line;
            }
            if (t.count < 2)
                error_at(path, 1, "index lists no code lists");
        }
    }
    free_table(&t);
    free(path);
    *count = n;
    return lists;
}

/* Every *.tsv file in dir except index.tsv must be listed in the index. */
static void check_unlisted(const char *dir, const list *lists, size_t n)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        error_at(dir, 1, "cannot open directory: %s", strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".tsv") != 0)
            continue;
        char *name = xstrndup(e->d_name, len - 4);
        if (strcmp(name, "index") != 0 && find_list(lists, n, name) == NULL) {
            char *path = path_join(dir, name, ".tsv");
            error_at(path, 1, "list file is not listed in index.tsv");
            free(path);
        }
        free(name);
    }
    closedir(d);
}

/* Writes s as a C string literal using only ASCII; other bytes become octal escapes. */
static void put_cstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\' || *p == '?')
            fprintf(f, "\\%c", *p);
        else if (*p >= 0x20 && *p < 0x7F)
            fputc(*p, f);
        else
            fprintf(f, "\\%03o", (unsigned)*p);
    }
    fputc('"', f);
}

static const char *type_name(col_type t)
{
    switch (t) {
    case T_BOOL:
        return "CODELIST_ATTR_BOOL";
    case T_INT:
        return "CODELIST_ATTR_INT";
    case T_REF:
        return "CODELIST_ATTR_REF";
    case T_ENUM:
        return "CODELIST_ATTR_ENUM";
    case T_STR:
        break;
    }
    return "CODELIST_ATTR_STRING";
}

static void emit(FILE *f, const list *lists, size_t n)
{
    fputs("/* Generated by tools/gen_codelists.c from data/codelists/. Do not edit this file: "
          "edit the data. */\n",
          f);
    fputs("#include \"core/codelist_data.h\"\n\n#include <stddef.h>\n\n", f);
    for (size_t li = 0; li < n; li++) {
        const list *l = &lists[li];
        fprintf(f, "/* %s */\n", l->name);
        for (size_t j = 0; j < l->ncols; j++) {
            const column *c = &l->cols[j];
            if (c->type != T_ENUM)
                continue;
            fprintf(f, "static const char *const enum_%zu_%zu[] = {", li, j);
            for (size_t k = 0; k < c->enum_count; k++) {
                fputs(k > 0 ? ", " : "", f);
                put_cstr(f, c->enum_values[k]);
            }
            fputs("};\n", f);
        }
        if (l->ncols > 0) {
            fprintf(f, "static const codelist_attr attrs_%zu[] = {\n", li);
            for (size_t j = 0; j < l->ncols; j++) {
                const column *c = &l->cols[j];
                fputs("    {", f);
                put_cstr(f, c->name);
                fprintf(f, ", %s, ", type_name(c->type));
                if (c->type == T_REF)
                    put_cstr(f, c->ref_list);
                else
                    fputs("NULL", f);
                if (c->type == T_ENUM)
                    fprintf(f, ", enum_%zu_%zu, %zu},\n", li, j, c->enum_count);
                else
                    fputs(", NULL, 0},\n", f);
            }
            fputs("};\n", f);
            for (size_t i = 1; i < l->data.count; i++) {
                const row *r = &l->data.rows[i];
                fprintf(f, "static const char *const values_%zu_%zu[] = {", li, i - 1);
                for (size_t j = 0; j < l->ncols; j++) {
                    fputs(j > 0 ? ", " : "", f);
                    put_cstr(f, r->fields[j + 2]);
                }
                fputs("};\n", f);
            }
        }
        fprintf(f, "static const codelist_entry entries_%zu[] = {\n", li);
        for (size_t i = 1; i < l->data.count; i++) {
            const row *r = &l->data.rows[i];
            fputs("    {", f);
            put_cstr(f, r->fields[0]);
            fputs(", ", f);
            put_cstr(f, r->fields[1]);
            if (l->ncols > 0)
                fprintf(f, ", values_%zu_%zu", li, i - 1);
            else
                fputs(", NULL", f);
            fprintf(f, ", &ifzo_codelists[%zu]},\n", li);
        }
        fputs("};\n\n", f);
    }
    fprintf(f, "const codelist ifzo_codelists[%zu] = {\n", n);
    for (size_t li = 0; li < n; li++) {
        const list *l = &lists[li];
        fputs("    {", f);
        put_cstr(f, l->name);
        fputs(", ", f);
        put_cstr(f, l->title);
        fputs(", ", f);
        put_cstr(f, l->source);
        if (l->ncols > 0)
            fprintf(f, ", attrs_%zu, %zu", li, l->ncols);
        else
            fputs(", NULL, 0", f);
        fprintf(f, ", entries_%zu, %zu},\n", li, l->data.count - 1);
    }
    fputs("};\n\n", f);
    fprintf(f, "const size_t ifzo_codelist_count = %zu;\n", n);
}

static bool write_output(const char *out, const list *lists, size_t n)
{
    size_t len = strlen(out) + 5;
    char *tmp = xmalloc(len);
    snprintf(tmp, len, "%s.tmp", out);
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        error_at(tmp, 1, "cannot create: %s", strerror(errno));
        free(tmp);
        return false;
    }
    emit(f, lists, n);
    bool ok = ferror(f) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, out) != 0) {
        error_at(out, 1, "cannot write: %s", strerror(errno));
        remove(tmp);
        free(tmp);
        return false;
    }
    free(tmp);
    return true;
}

static void free_lists(list *lists, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        list *l = &lists[i];
        for (size_t j = 0; l->cols != NULL && j < l->ncols; j++) {
            column *c = &l->cols[j];
            free(c->name);
            free(c->ref_list);
            for (size_t k = 0; k < c->enum_count; k++)
                free(c->enum_values[k]);
            free(c->enum_values);
        }
        free(l->cols);
        free_table(&l->data);
        free(l->name);
        free(l->title);
        free(l->source);
    }
    free(lists);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gen_codelists DATA_DIR OUTPUT.c\n", stderr);
        return 2;
    }
    const char *dir = argv[1];
    size_t n = 0;
    list *lists = read_index(dir, &n);
    for (size_t i = 0; i < n; i++) {
        char *path = path_join(dir, lists[i].name, ".tsv");
        char *index_path = path_join(dir, "index", ".tsv");
        read_table(path, index_path, lists[i].index_line, &lists[i].data);
        free(index_path);
        free(path);
        check_list(&lists[i]);
    }
    check_refs(lists, n);
    check_unlisted(dir, lists, n);
    if (g_errors == 0)
        write_output(argv[2], lists, n);
    free_lists(lists, n);
    if (g_errors > 0) {
        fprintf(stderr, "gen_codelists: %lu error(s); %s not written\n", g_errors, argv[2]);
        return 1;
    }
    return 0;
}
