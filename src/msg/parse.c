/*
 * parse.c - the hardened XML parser and the compiled-in schemas.
 *
 * Why this exists: a message comes from outside and is untrusted. libxml2 is the reference
 * XML stack (design.md), but its defaults are not safe for hostile input, so every defence
 * is written here once:
 *   - input larger than MSG_MAX_BYTES is refused before parsing;
 *   - the bytes must be strict UTF-8 (core/validate.h), and a declared encoding other than
 *     UTF-8 is refused, so nothing is transcoded;
 *   - options: XML_PARSE_NONET, never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE
 *     (so libxml2's own depth and size limits stay on);
 *   - a DOCTYPE stops the parser at once (SAX internalSubset hook), before any entity
 *     declaration is read: no XXE, no billion laughs;
 *   - an external entity loader that refuses everything except the compiled-in schema files,
 *     and those only while msg_init() loads them;
 *   - element nesting deeper than MSG_MAX_DEPTH is refused (iterative walk, no recursion).
 * Schemas are parsed once (pthread_once) and shared read-only between threads; each
 * validation gets its own xmlSchemaValidCtxt, as libxml2 requires.
 */
#include "msg/msg_internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/validate.h"
#include "msg/xsd_data.h"

#define NS_PREFIX "http://www.openifzo.nl/fz/2_2/"

static const struct {
    msg_type type;
    const char *file;
    const char *ns;
} known[] = {
    {MSG_FZ820, "fz820.xsd", NS_PREFIX "fz820/schema"},
    {MSG_FZ821, "fz821.xsd", NS_PREFIX "fz821/schema"},
    {MSG_FZ822, "fz822.xsd", NS_PREFIX "fz822/schema"},
    {MSG_FZ823, "fz823.xsd", NS_PREFIX "fz823/schema"},
    {MSG_FZ824, "fz824.xsd", NS_PREFIX "fz824/schema"},
    {MSG_FZ825, "fz825.xsd", NS_PREFIX "fz825/schema"},
    {MSG_FZ826, "fz826.xsd", NS_PREFIX "fz826/schema"},
    {MSG_FZ828, "fz828.xsd", NS_PREFIX "fz828/schema"},
};
#define N_KNOWN (sizeof known / sizeof known[0])

static xmlSchemaPtr schemas[N_KNOWN];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_rc = MSG_ERR_INIT;
/* Written only inside init_schemas (under pthread_once), read by the entity loader. */
static int loading_schemas;

const char *msg_namespace(msg_type type)
{
    for (size_t i = 0; i < N_KNOWN; i++)
        if (known[i].type == type)
            return known[i].ns;
    return NULL;
}

/* Refuses every external resource, except the compiled-in schema files while they load. */
static xmlParserInputPtr entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    if (!loading_schemas || url == NULL)
        return NULL;
    const char *base = strrchr(url, '/');
    base = base ? base + 1 : url;
    for (size_t i = 0; i < msg_xsd_file_count; i++) {
        if (strcmp(msg_xsd_files[i].name, base) != 0)
            continue;
        xmlParserInputBufferPtr buf = xmlParserInputBufferCreateMem(
            msg_xsd_files[i].data, (int)msg_xsd_files[i].len, XML_CHAR_ENCODING_NONE);
        if (buf == NULL)
            return NULL;
        xmlParserInputPtr in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE);
        if (in == NULL) {
            xmlFreeParserInputBuffer(buf);
            return NULL;
        }
        in->filename = (char *)xmlStrdup((const xmlChar *)msg_xsd_files[i].name);
        return in;
    }
    return NULL;
}

static void quiet_structured(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

static void init_schemas(void)
{
    xmlInitParser();
    if (sodium_init() < 0)
        return;
    xmlSetExternalEntityLoader(entity_loader);
    loading_schemas = 1;
    int ok = 1;
    for (size_t i = 0; i < N_KNOWN && ok; i++) {
        xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(known[i].file);
        if (pc == NULL) {
            ok = 0;
            break;
        }
        xmlSchemaSetParserStructuredErrors(pc, quiet_structured, NULL);
        schemas[i] = xmlSchemaParse(pc);
        xmlSchemaFreeParserCtxt(pc);
        if (schemas[i] == NULL) {
            fprintf(stderr, "msg: compiled-in schema %s does not load\n", known[i].file);
            ok = 0;
        }
    }
    loading_schemas = 0;
    init_rc = ok ? MSG_OK : MSG_ERR_INIT;
}

int msg_init(void)
{
    pthread_once(&init_once, init_schemas);
    return init_rc;
}

/* Makes a reason written into detail printable ASCII (libxml2's messages may quote input)
 * and drops trailing blanks. */
static void clean_detail(char *detail)
{
    for (char *p = detail; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            *p = ' ';
    size_t n = strlen(detail);
    while (n > 0 && detail[n - 1] == ' ')
        detail[--n] = '\0';
}

static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    xmlParserCtxtPtr ctxt = user;
    ctxt->_private = (void *)1;
    xmlStopParser(ctxt);
}

/* The deepest element nesting of the tree, walking without recursion; stops counting once
 * it passes limit. */
static int too_deep(xmlNodePtr root, int limit)
{
    xmlNodePtr n = root;
    int depth = 1;
    for (;;) {
        if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE ||
            n->type == XML_DTD_NODE || depth > limit)
            return 1;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        while (n != root && n->next == NULL) {
            n = n->parent;
            depth--;
        }
        if (n == root)
            return 0;
        n = n->next;
    }
}

typedef struct {
    char *detail;
    size_t cap;
    int seen;
} first_error;

static void keep_first(void *user, xmlErrorPtr err)
{
    first_error *fe = user;
    if (fe->seen || err == NULL)
        return;
    fe->seen = 1;
    snprintf(fe->detail, fe->cap, "voldoet niet aan de XSD (regel %d): %s", err->line,
             err->message ? err->message : "onbekende fout");
    clean_detail(fe->detail);
}

int msg_parse_validate(const char *xml, size_t len, xmlDocPtr *doc, msg_type *type, char *detail,
                       size_t cap)
{
    *doc = NULL;
    *type = MSG_TYPE_UNKNOWN;
    if (detail == NULL || cap == 0)
        return MSG_ERR_ARG;
    detail[0] = '\0';
    int rc = msg_init();
    if (rc != MSG_OK)
        return rc;
    if (xml == NULL || len == 0) {
        snprintf(detail, cap, "leeg bericht");
        clean_detail(detail);
        return MSG_REJECTED;
    }
    if (len > MSG_MAX_BYTES) {
        snprintf(detail, cap, "bericht groter dan %zu bytes", MSG_MAX_BYTES);
        clean_detail(detail);
        return MSG_REJECTED;
    }
    enum ifzo_valid v = ifzo_utf8_check(xml, len, len, IFZO_UTF8_MULTILINE, NULL);
    if (v != IFZO_VALID_OK) {
        snprintf(detail, cap, "geen geldige UTF-8-tekst: %s", ifzo_valid_message(v));
        clean_detail(detail);
        return MSG_REJECTED;
    }

    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        return MSG_ERR_NOMEM;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->_private = NULL;
    xmlDocPtr d = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NOCDATA);
    int doctype = ctxt->_private != NULL;
    int well_formed = ctxt->wellFormed;
    if (d == NULL || doctype || !well_formed) {
        if (doctype)
            snprintf(detail, cap, "DOCTYPE is niet toegestaan");
        else
            snprintf(detail, cap, "geen goedgevormde XML (regel %d): %s", ctxt->lastError.line,
                     ctxt->lastError.message ? ctxt->lastError.message : "onbekende fout");
        clean_detail(detail);
        if (d)
            xmlFreeDoc(d);
        xmlFreeParserCtxt(ctxt);
        return MSG_REJECTED;
    }
    xmlFreeParserCtxt(ctxt);

    if (d->intSubset || d->extSubset) {
        snprintf(detail, cap, "DOCTYPE is niet toegestaan");
        clean_detail(detail);
        xmlFreeDoc(d);
        return MSG_REJECTED;
    }
    if (d->encoding && strcasecmp((const char *)d->encoding, "UTF-8") != 0) {
        snprintf(detail, cap, "alleen UTF-8 is toegestaan, niet %s", (const char *)d->encoding);
        clean_detail(detail);
        xmlFreeDoc(d);
        return MSG_REJECTED;
    }
    xmlNodePtr root = xmlDocGetRootElement(d);
    if (root == NULL || too_deep(root, MSG_MAX_DEPTH)) {
        snprintf(detail, cap, "elementen dieper genest dan %d niveaus", MSG_MAX_DEPTH);
        clean_detail(detail);
        xmlFreeDoc(d);
        return MSG_REJECTED;
    }
    size_t k = N_KNOWN;
    if (root->ns && root->ns->href && xmlStrEqual(root->name, (const xmlChar *)"Bericht"))
        for (k = 0; k < N_KNOWN; k++)
            if (xmlStrEqual(root->ns->href, (const xmlChar *)known[k].ns))
                break;
    if (k == N_KNOWN) {
        snprintf(detail, cap, "onbekend bericht: root-element {%s}%s",
                 root->ns && root->ns->href ? (const char *)root->ns->href : "",
                 (const char *)root->name);
        clean_detail(detail);
        xmlFreeDoc(d);
        return MSG_REJECTED;
    }
    *type = known[k].type;

    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schemas[k]);
    if (vc == NULL) {
        xmlFreeDoc(d);
        return MSG_ERR_NOMEM;
    }
    first_error fe = {detail, cap, 0};
    xmlSchemaSetValidStructuredErrors(vc, keep_first, &fe);
    int valid = xmlSchemaValidateDoc(vc, d);
    xmlSchemaFreeValidCtxt(vc);
    if (valid != 0) {
        if (!fe.seen) {
            snprintf(detail, cap, "voldoet niet aan de XSD");
            clean_detail(detail);
        }
        xmlFreeDoc(d);
        return MSG_REJECTED;
    }
    *doc = d;
    return MSG_OK;
}

int msg_validate(const char *xml, size_t len, msg_check *out)
{
    if (out == NULL)
        return MSG_ERR_ARG;
    memset(out, 0, sizeof(*out));
    xmlDocPtr doc;
    int rc = msg_parse_validate(xml, len, &doc, &out->type, out->detail, sizeof(out->detail));
    if (rc == MSG_OK)
        xmlFreeDoc(doc);
    return rc;
}
