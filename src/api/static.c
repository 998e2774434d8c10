/*
 * static.c - serves the front end's files from the web root; see static.h for the rules.
 *
 * Why openat per segment instead of realpath + prefix check: realpath resolves the path
 * and then a second open follows it again, so a symlink swapped in between wins (a race);
 * walking the segments with O_NOFOLLOW from a directory descriptor held since start-up
 * never leaves the root, whatever the path or the file system does meanwhile.
 */
#include "api/static.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PATH_LEN 1024
#define MAX_SEGMENTS 32
#define MAX_FILE     (16u << 20) /* the largest file served; the front end has none near it */

struct static_root {
    int dirfd;
};

int static_root_open(const char *dir, static_root **out, char *err, size_t errlen)
{
    *out = NULL;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "web root %s: %s", dir, strerror(errno));
        return -1;
    }
    static_root *root = malloc(sizeof(*root));
    if (root == NULL) {
        close(fd);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    root->dirfd = fd;
    *out = root;
    return 0;
}

void static_root_close(static_root *root)
{
    if (root == NULL)
        return;
    close(root->dirfd);
    free(root);
}

static bool has_prefix_segment(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

bool static_handles(const char *method, const char *path)
{
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return false;
    if (path[0] != '/')
        return false;
    return !has_prefix_segment(path, "/api") && !has_prefix_segment(path, "/healthz") &&
           !has_prefix_segment(path, "/metrics");
}

static const char *content_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {"html", "text/html; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"ico", "image/x-icon"},
        {"woff2", "font/woff2"},
        {"woff", "font/woff"},
        {"txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(name, '.');
    if (dot)
        for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
            if (strcmp(dot + 1, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

/* Splits path into segments (in buf), refusing what must never reach the file system.
 * Returns the number of segments, -1 for a bad path (400) or -2 for a hidden one (404). */
static int split_path(const char *path, char *buf, size_t cap, const char *segs[MAX_SEGMENTS])
{
    size_t len = strlen(path);
    if (len >= cap || path[0] != '/' || strchr(path, '\\') != NULL)
        return -1;
    memcpy(buf, path, len + 1);
    int n = 0;
    int hidden = 0;
    for (char *p = buf + 1; *p;) {
        char *slash = strchr(p, '/');
        if (slash)
            *slash = '\0';
        if (*p != '\0') { /* "//" is harmless: skip the empty segment */
            if (strcmp(p, "..") == 0 || strcmp(p, ".") == 0)
                return -1;
            if (p[0] == '.')
                hidden = 1;
            if (n >= MAX_SEGMENTS)
                return -1;
            segs[n++] = p;
        }
        if (slash == NULL)
            break;
        p = slash + 1;
    }
    return hidden ? -2 : n;
}

/* Opens segs[0..n) below dirfd without following any symlink. Returns an fd of a regular
 * file or -1 (errno ENOENT for "no such file"; anything else, such as ELOOP for a symlink
 * or ENOTDIR for a file used as a folder, means "refused" and gets no fallback). */
static int open_below(int dirfd, const char *const *segs, int n)
{
    int dir = dirfd;
    for (int i = 0; i < n; i++) {
        int last = i == n - 1;
        int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY);
        int fd = openat(dir, segs[i], flags);
        int saved = errno;
        if (dir != dirfd)
            close(dir);
        if (fd < 0) {
            errno = saved; /* ELOOP for a symlink: refused, never followed */
            return -1;
        }
        dir = fd;
    }
    struct stat st;
    if (dir == dirfd || fstat(dir, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (dir != dirfd)
            close(dir);
        errno = EISDIR; /* a folder is not a page */
        return -1;
    }
    return dir;
}

static void not_found(api_request *r)
{
    api_error(r, 404, "not_found", "Deze pagina of dit bestand bestaat niet.", NULL);
}

/* Whether the If-None-Match header lists etag (weak comparison, as RFC 9110 asks). */
static bool etag_matches(const char *inm, const char *etag)
{
    if (inm == NULL)
        return false;
    size_t elen = strlen(etag);
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == ',' || *p == '\t')
            p++;
        if (*p == '*')
            return true;
        if (p[0] == 'W' && p[1] == '/')
            p += 2;
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n == elen && memcmp(p, etag, elen) == 0)
            return true;
        if (end == NULL)
            break;
        p = end + 1;
    }
    return false;
}

/* Whether one element of Accept-Encoding (p, n bytes: "coding;q=0.5") has q=0. */
static bool q_is_zero(const char *p, size_t n)
{
    for (const char *q = memchr(p, ';', n); q != NULL;
         q = memchr(q + 1, ';', (size_t)(p + n - q - 1))) {
        const char *v = q + 1;
        while (v < p + n && (*v == ' ' || *v == '\t'))
            v++;
        if (v + 2 <= p + n && (v[0] == 'q' || v[0] == 'Q') && v[1] == '=') {
            bool zero = v + 2 < p + n && v[2] == '0';
            for (v += 3; zero && v < p + n && *v != ' ' && *v != '\t' && *v != ';'; v++)
                zero = *v == '.' || *v == '0';
            return zero;
        }
    }
    return false;
}

/* Whether an Accept-Encoding header admits gzip: "gzip", "x-gzip" or "*", not with q=0. */
static bool accepts_gzip(const char *ae)
{
    if (ae == NULL)
        return false;
    int gzip = -1, star = -1; /* -1 not named, 0 refused, 1 accepted */
    for (const char *p = ae; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t tok = 0;
        while (tok < n && p[tok] != ';' && p[tok] != ' ' && p[tok] != '\t')
            tok++;
        int ok = q_is_zero(p, n) ? 0 : 1;
        if ((tok == 4 && strncasecmp(p, "gzip", 4) == 0) ||
            (tok == 6 && strncasecmp(p, "x-gzip", 6) == 0))
            gzip = gzip == 1 ? 1 : ok;
        else if (tok == 1 && p[0] == '*')
            star = ok;
        if (end == NULL)
            break;
        p = end + 1;
    }
    return gzip == 1 || (gzip == -1 && star == 1);
}

/* The fd of "<last segment>.gz" beside the file (opened like it, never through a symlink)
 * when it is a regular file at least as new as the original, else -1: a .gz left over
 * from before the file changed is never sent. */
static int open_gzip_variant(int dirfd, const char *const *segs, int n, const struct stat *orig)
{
    char name[MAX_PATH_LEN + 4];
    int len = snprintf(name, sizeof(name), "%s.gz", segs[n - 1]);
    if (len < 0 || (size_t)len >= sizeof(name))
        return -1;
    const char *gsegs[MAX_SEGMENTS + 1];
    for (int i = 0; i < n - 1; i++)
        gsegs[i] = segs[i];
    gsegs[n - 1] = name;
    int fd = open_below(dirfd, gsegs, n);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_mtim.tv_sec < orig->st_mtim.tv_sec ||
        (st.st_mtim.tv_sec == orig->st_mtim.tv_sec && st.st_mtim.tv_nsec < orig->st_mtim.tv_nsec)) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Sends the file of fd with the type of name; gzip: fd holds its gzip variant (its own
 * ETag, Content-Encoding: gzip). */
static void send_file(api_request *r, int fd, const char *name, bool gzip)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 0 || (unsigned long long)st.st_size > MAX_FILE) {
        not_found(r);
        return;
    }
    char etag[64];
    snprintf(etag, sizeof(etag), "\"%llx-%llx%s\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
                 (unsigned long long)st.st_mtim.tv_nsec,
             gzip ? "-gz" : "");
    const char *type = content_type(name);
    if (etag_matches(api_header(r, "If-None-Match"), etag)) {
        api_text(r, 304, type, "", 0);
    } else {
        size_t size = (size_t)st.st_size, got = 0;
        char *bytes = malloc(size ? size : 1);
        while (bytes && got < size) {
            ssize_t k = read(fd, bytes + got, size - got);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            got += (size_t)k;
        }
        if (bytes == NULL || got != size) {
            free(bytes);
            api_error(r, 500, "internal", "Interne fout.", NULL);
            return;
        }
        api_text(r, 200, type, bytes, size);
        free(bytes);
    }
    api_add_header(r, "ETag", etag);
    api_add_header(r, "Cache-Control", "no-cache");
    /* The answer depends on Accept-Encoding wherever a .gz may exist: caches must know. */
    api_add_header(r, "Vary", "Accept-Encoding");
    if (gzip)
        api_add_header(r, "Content-Encoding", "gzip");
    /* The Content-Security-Policy (API_CSP) is added to every answer by server.c. */
}

void static_serve(const static_root *root, api_request *r)
{
    char buf[MAX_PATH_LEN + sizeof("index.html")];
    const char *segs[MAX_SEGMENTS + 1];
    const char *path = api_path(r);
    int n = split_path(path, buf, MAX_PATH_LEN, segs);
    if (n == -1) {
        api_error(r, 400, "invalid_path", "Dit pad is niet toegestaan.", NULL);
        return;
    }
    if (n == -2) {
        not_found(r);
        return;
    }
    static const char index_name[] = "index.html";
    size_t plen = strlen(path);
    if (n == 0 || path[plen - 1] == '/')
        segs[n++] = index_name; /* a folder's page is its index.html */
    int fd = open_below(root->dirfd, segs, n);
    if (fd < 0 && errno == ENOENT && strchr(segs[n - 1], '.') == NULL) {
        /* A screen of the front end (client-side routing): the shell decides what to show. */
        const char *index[] = {index_name};
        fd = open_below(root->dirfd, index, 1);
        segs[n - 1] = index_name;
    }
    if (fd < 0) {
        not_found(r);
        return;
    }
    /* A precompressed variant (scripts/vendor.mjs writes them) for a browser that takes it. */
    struct stat st;
    if (accepts_gzip(api_header(r, "Accept-Encoding")) && fstat(fd, &st) == 0) {
        int gz = open_gzip_variant(root->dirfd, segs, n, &st);
        if (gz >= 0) {
            send_file(r, gz, segs[n - 1], true);
            close(gz);
            close(fd);
            return;
        }
    }
    send_file(r, fd, segs[n - 1], false);
    close(fd);
}
