/*
 * msg.c - the message pipeline: parse and validate (parse.c), technical rules, apply
 * callbacks, retour. See msg.h for the contract and docs/berichten.md for the vendor's view.
 *
 * Why one file: the steps share one picture of the message (header, clients, records with
 * their retour codes); keeping them together keeps the order of the rules visible.
 */
#include "msg/msg_internal.h"

#include <libxml/parser.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codelist.h"
#include "core/einde_zorg.h"
#include "store/bericht.h"

#define MAX_CODES 10 /* CDT_RetourCodes allows 10 */

struct msg_ctx {
    store *db;
    msg_apply apply;
    int64_t claim_timeout; /* seconds; see msg_ctx_set_claim_timeout */
};

const char *msg_rc_name(int rc)
{
    static const char *const names[] = {"ok",          "rejected",    "unsupported",
                                        "busy",        "invalid_arg", "store_error",
                                        "apply_error", "no_memory",   "init_error"};
    return rc >= 0 && (size_t)rc < sizeof names / sizeof names[0] ? names[rc] : "unknown";
}

int msg_ctx_new(store *s, const msg_apply *apply, msg_ctx **out)
{
    if (out == NULL)
        return MSG_ERR_ARG;
    *out = NULL;
    if (s == NULL || apply == NULL)
        return MSG_ERR_ARG;
    int rc = msg_init();
    if (rc != MSG_OK)
        return rc;
    msg_ctx *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return MSG_ERR_NOMEM;
    c->db = s;
    c->apply = *apply;
    c->claim_timeout = MSG_CLAIM_TIMEOUT;
    *out = c;
    return MSG_OK;
}

void msg_ctx_free(msg_ctx *ctx)
{
    free(ctx);
}

void msg_ctx_set_claim_timeout(msg_ctx *ctx, int64_t seconds)
{
    if (ctx)
        ctx->claim_timeout = seconds;
}

/* ---- the parsed message ---------------------------------------------------------------- */

typedef struct {
    const char *codes[MAX_CODES];
    int n;
} code_list;

static void add_code(code_list *l, const char *code)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->codes[i], code) == 0)
            return;
    if (l->n < MAX_CODES)
        l->codes[l->n++] = code;
}

static bool rejects(const code_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (codelist_attr_bool(codelist_lookup_in(CODELIST_RETOURCODE, l->codes[i]), "rejects"))
            return true;
    return false;
}

typedef struct {
    xmlNodePtr node;
    msg_record rec;
    xmlChar *owned; /* toelichting */
    code_list codes;
} rec_item;

typedef struct {
    xmlNodePtr node;
    msg_client client;
    rec_item *recs;
    size_t nrec;
    code_list codes;
} client_item;

typedef struct {
    msg_type type;
    msg_type retour_type;
    const char *record_name;
    msg_header header;
    code_list header_codes;
    client_item *clients;
    size_t nclient;
} parsed;

static void parsed_free(parsed *p)
{
    for (size_t i = 0; i < p->nclient; i++) {
        for (size_t k = 0; k < p->clients[i].nrec; k++)
            xmlFree(p->clients[i].recs[k].owned);
        free(p->clients[i].recs);
    }
    free(p->clients);
    p->clients = NULL;
    p->nclient = 0;
}

static bool is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The trimmed text of element `name` under parent into buf; false when absent or too long. */
static bool text_of(xmlNodePtr parent, const char *name, char *buf, size_t cap)
{
    buf[0] = '\0';
    xmlNodePtr n = child(parent, name);
    if (n == NULL)
        return false;
    xmlChar *t = xmlNodeGetContent(n);
    if (t == NULL)
        return false;
    const char *s = (const char *)t;
    while (is_space(*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && is_space(s[len - 1]))
        len--;
    bool ok = len < cap;
    if (ok) {
        memcpy(buf, s, len);
        buf[len] = '\0';
    }
    xmlFree(t);
    return ok;
}

static bool date_of(xmlNodePtr parent, const char *name, ifzo_date *out)
{
    char buf[32];
    return text_of(parent, name, buf, sizeof(buf)) && ifzo_date_parse(buf, out) == IFZO_CAL_OK;
}

static bool number_of(xmlNodePtr parent, const char *name, int64_t *out)
{
    char buf[32];
    if (!text_of(parent, name, buf, sizeof(buf)) || buf[0] == '\0' || strlen(buf) > 12)
        return false;
    int64_t v = 0;
    for (const char *p = buf; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return true;
}

static bool read_record(parsed *p, rec_item *it)
{
    xmlNodePtr n = it->node;
    msg_record *r = &it->rec;
    r->type = p->type;
    r->header = &p->header;
    switch (p->type) {
    case MSG_FZ822: {
        msg_reactie *x = &r->u.reactie;
        xmlNodePtr t = child(n, "Toelichting");
        if (t) {
            it->owned = xmlNodeGetContent(t);
            if (it->owned == NULL)
                return false;
            x->toelichting = (const char *)it->owned;
        }
        return number_of(n, "Toeleidingspogingnummer", &x->toeleidingspoging) &&
               text_of(n, "Reactiemogelijkheid", x->reactiemogelijkheid,
                       sizeof(x->reactiemogelijkheid)) &&
               date_of(n, "Reactiedatum", &x->reactiedatum);
    }
    case MSG_FZ823: {
        msg_start_zorg *x = &r->u.start_zorg;
        return number_of(n, "Plaatsingsbesluitnummer", &x->plaatsingsbesluit) &&
               date_of(n, "Begindatum", &x->begindatum);
    }
    case MSG_FZ825: {
        msg_einde_zorg *x = &r->u.einde_zorg;
        char status[4];
        if (child(n, "Mutatiereden") &&
            !text_of(n, "Mutatiereden", x->mutatiereden, sizeof(x->mutatiereden)))
            return false;
        if (!text_of(n, "StatusAanlevering", status, sizeof(status)) || status[0] < '1' ||
            status[0] > '3' || status[1] != '\0')
            return false;
        x->status = status[0] - '0';
        return number_of(n, "Plaatsingsbesluitnummer", &x->plaatsingsbesluit) &&
               date_of(n, "Einddatum", &x->einddatum) &&
               date_of(n, "Meldingsdatum", &x->meldingsdatum);
    }
    default:
        return false;
    }
}

/* Fills p from a valid document of an inbound type. MSG_REJECTED (p partly filled; free it with
 * parsed_free in every case) when a value is outside what openifzo can hold (e.g. a date
 * before 1583), MSG_ERR_NOMEM when memory runs out. */
static int read_message(xmlDocPtr doc, msg_type type, parsed *p)
{
    memset(p, 0, sizeof(*p));
    p->type = type;
    p->retour_type = type == MSG_FZ822 ? MSG_FZ828 : type == MSG_FZ823 ? MSG_FZ824 : MSG_FZ826;
    p->record_name = type == MSG_FZ822 ? "Reactie" : type == MSG_FZ823 ? "StartZorg" : "EindeZorg";
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr h = child(root, "Header");
    xmlNodePtr bi = child(h, "BerichtIdentificatie");
    p->header.type = type;
    if (!text_of(h, "Afzender", p->header.afzender, sizeof(p->header.afzender)) ||
        !text_of(h, "Ontvanger", p->header.ontvanger, sizeof(p->header.ontvanger)) ||
        !text_of(bi, "Identificatie", p->header.identificatie, sizeof(p->header.identificatie)) ||
        !date_of(bi, "Dagtekening", &p->header.dagtekening))
        return MSG_REJECTED;
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (is_el(c, "Client"))
            p->nclient++;
    p->clients = calloc(p->nclient, sizeof(*p->clients));
    if (p->clients == NULL)
        return MSG_ERR_NOMEM;
    size_t ci = 0;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (!is_el(c, "Client"))
            continue;
        client_item *cl = &p->clients[ci++];
        cl->node = c;
        if (!text_of(c, "Clientnummer", cl->client.clientnummer, sizeof(cl->client.clientnummer)))
            return MSG_REJECTED;
        if (child(c, "Bsn") && !text_of(c, "Bsn", cl->client.bsn, sizeof(cl->client.bsn)))
            return MSG_REJECTED;
        for (xmlNodePtr r = c->children; r; r = r->next)
            if (is_el(r, p->record_name))
                cl->nrec++;
        cl->recs = calloc(cl->nrec ? cl->nrec : 1, sizeof(*cl->recs));
        if (cl->recs == NULL) {
            cl->nrec = 0;
            return MSG_ERR_NOMEM;
        }
        size_t ri = 0;
        for (xmlNodePtr r = c->children; r; r = r->next) {
            if (!is_el(r, p->record_name))
                continue;
            rec_item *it = &cl->recs[ri++];
            it->node = r;
            it->rec.client = &cl->client;
            if (!read_record(p, it))
                return MSG_REJECTED;
        }
    }
    return MSG_OK;
}

/* ---- technical rules ------------------------------------------------------------------ */

/* Record-level rules that need only the record and today. */
static void record_rules(const msg_record *r, ifzo_date today, code_list *codes)
{
    if (r->type != MSG_FZ825)
        return;
    const msg_einde_zorg *e = &r->u.einde_zorg;
    einde_zorg_melding m = {.einddatum = e->einddatum,
                            .mutatiereden = e->mutatiereden,
                            .meldingsdatum = e->meldingsdatum,
                            .status = e->status};
    core_error err = {0};
    if (!einde_zorg_check(&m, today, &err)) {
        if (strcmp(err.code, "einddatum_in_toekomst") == 0)
            add_code(codes, "FZ02");
        else if (strncmp(err.code, "mutatiereden_", 13) == 0)
            add_code(codes, "FZ05");
        else
            add_code(codes, "0001");
    }
    if (einde_zorg_te_laat(&m))
        add_code(codes, "FZ08");
}

/* Marks every client and record as not assessed (the header was rejected). */
static void not_assessed(parsed *p)
{
    for (size_t i = 0; i < p->nclient; i++) {
        add_code(&p->clients[i].codes, "0233");
        for (size_t k = 0; k < p->clients[i].nrec; k++)
            add_code(&p->clients[i].recs[k].codes, "0233");
    }
}

/* ---- retour ------------------------------------------------------------------------- */

/* A deterministic retour identification: 20 hex characters of a keyed-free BLAKE2b digest. */
static void retour_id(const void *data, size_t len, char out[21])
{
    unsigned char h[10];
    crypto_generichash(h, sizeof(h), data, len, NULL, 0);
    sodium_bin2hex(out, 21, h, sizeof(h));
}

static xmlNodePtr add_text(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
    return xmlNewTextChild(parent, ns, (const xmlChar *)name, (const xmlChar *)text);
}

/* Copies element src (its element children, or its trimmed text) under parent in ns. */
static bool copy_element(xmlNodePtr src, xmlNodePtr parent, xmlNsPtr ns)
{
    bool has_children = false;
    for (xmlNodePtr c = src->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            has_children = true;
    if (has_children) {
        xmlNodePtr n = xmlNewChild(parent, ns, src->name, NULL);
        if (n == NULL)
            return false;
        for (xmlNodePtr c = src->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !copy_element(c, n, ns))
                return false;
        return true;
    }
    char *buf;
    xmlChar *t = xmlNodeGetContent(src);
    if (t == NULL)
        return false;
    const char *s = (const char *)t;
    while (is_space(*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && is_space(s[len - 1]))
        len--;
    buf = malloc(len + 1);
    bool ok = buf != NULL;
    if (ok) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        ok = xmlNewTextChild(parent, ns, src->name, (const xmlChar *)buf) != NULL;
    }
    free(buf);
    xmlFree(t);
    return ok;
}

static bool add_codes(xmlNodePtr parent, xmlNsPtr ns, const code_list *l)
{
    xmlNodePtr rc = xmlNewChild(parent, ns, (const xmlChar *)"RetourCodes", NULL);
    if (rc == NULL)
        return false;
    if (l->n == 0)
        return add_text(rc, ns, "RetourCode", "0200") != NULL;
    for (int i = 0; i < l->n; i++)
        if (add_text(rc, ns, "RetourCode", l->codes[i]) == NULL)
            return false;
    return true;
}

static bool add_xsd_versie(xmlNodePtr parent, xmlNsPtr ns, const char *name)
{
    xmlNodePtr v = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
    return v && add_text(v, ns, "BasisschemaXsdVersie", MSG_BASISSCHEMA_VERSIE) &&
           add_text(v, ns, "BerichtXsdVersie", MSG_BERICHT_XSD_VERSIE);
}

static xmlDocPtr new_retour_doc(msg_type type, xmlNodePtr *root, xmlNsPtr *ns)
{
    xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");
    if (d == NULL)
        return NULL;
    *root = xmlNewDocNode(d, NULL, (const xmlChar *)"Bericht", NULL);
    if (*root == NULL) {
        xmlFreeDoc(d);
        return NULL;
    }
    xmlDocSetRootElement(d, *root);
    *ns = xmlNewNs(*root, (const xmlChar *)msg_namespace(type), NULL);
    if (*ns == NULL) {
        xmlFreeDoc(d);
        return NULL;
    }
    xmlSetNs(*root, *ns);
    return d;
}

/* Serialises doc into a malloc'd, NUL-terminated buffer owned by the caller. */
static int dump(xmlDocPtr d, char **out, size_t *len)
{
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(d, &mem, &size, "UTF-8", 1);
    if (mem == NULL || size <= 0) {
        xmlFree(mem);
        return MSG_ERR_NOMEM;
    }
    *out = malloc((size_t)size + 1);
    if (*out == NULL) {
        xmlFree(mem);
        return MSG_ERR_NOMEM;
    }
    memcpy(*out, mem, (size_t)size);
    (*out)[size] = '\0';
    *len = (size_t)size;
    xmlFree(mem);
    return MSG_OK;
}

/* FZ820: the answer to input that is not a valid inbound message. */
static int technical_retour(const char *xml, size_t len, const char *today, const char *reason,
                            char **out, size_t *out_len)
{
    xmlNodePtr root;
    xmlNsPtr ns;
    xmlDocPtr d = new_retour_doc(MSG_FZ820, &root, &ns);
    if (d == NULL)
        return MSG_ERR_NOMEM;
    char id[21];
    retour_id(xml ? xml : "", xml ? len : 0, id);
    xmlNodePtr h = xmlNewChild(root, ns, (const xmlChar *)"Header", NULL);
    code_list codes = {{"0001"}, 1};
    char toelichting[512];
    snprintf(toelichting, sizeof(toelichting), "%s", reason && reason[0] ? reason : "afgekeurd");
    bool ok =
        h && add_text(h, ns, "BerichtCode", "820") && add_text(h, ns, "BerichtVersie", "2") &&
        add_text(h, ns, "BerichtSubversie", "2") && add_text(h, ns, "IdentificatieRetour", id) &&
        add_text(h, ns, "DagtekeningRetour", today) && add_xsd_versie(h, ns, "XsdVersieRetour") &&
        add_codes(h, ns, &codes) && add_text(h, ns, "Toelichting", toelichting);
    int rc = ok ? dump(d, out, out_len) : MSG_ERR_NOMEM;
    xmlFreeDoc(d);
    return rc;
}

/* The typed retour: a copy of the message in the retour's namespace with RetourCodes on every
 * class, IdentificatieRetour, DagtekeningRetour and XsdVersieRetour. */
static int typed_retour(xmlDocPtr orig, const parsed *p, const char *today, char **out,
                        size_t *out_len)
{
    xmlNodePtr root;
    xmlNsPtr ns;
    xmlDocPtr d = new_retour_doc(p->retour_type, &root, &ns);
    if (d == NULL)
        return MSG_ERR_NOMEM;
    char key[128], id[21], code[8];
    int klen = snprintf(key, sizeof(key), "%d|%s|%s", (int)p->type, p->header.afzender,
                        p->header.identificatie);
    retour_id(key, (size_t)klen, id);
    snprintf(code, sizeof(code), "%d", (int)p->retour_type);

    bool ok = true;
    xmlNodePtr oroot = xmlDocGetRootElement(orig);
    size_t ci = 0;
    for (xmlNodePtr c = oroot->children; c && ok; c = c->next) {
        if (is_el(c, "Header")) {
            xmlNodePtr h = xmlNewChild(root, ns, (const xmlChar *)"Header", NULL);
            ok = h != NULL;
            for (xmlNodePtr f = c->children; f && ok; f = f->next) {
                if (f->type != XML_ELEMENT_NODE)
                    continue;
                if (is_el(f, "BerichtCode")) {
                    ok = add_text(h, ns, "BerichtCode", code) != NULL;
                    continue;
                }
                ok = copy_element(f, h, ns);
                if (ok && is_el(f, "BerichtIdentificatie"))
                    ok = add_text(h, ns, "IdentificatieRetour", id) &&
                         add_text(h, ns, "DagtekeningRetour", today);
                else if (ok && is_el(f, "XsdVersie"))
                    ok = add_xsd_versie(h, ns, "XsdVersieRetour");
            }
            ok = ok && add_codes(h, ns, &p->header_codes);
        } else if (is_el(c, "Client") && ci < p->nclient) {
            const client_item *cl = &p->clients[ci++];
            xmlNodePtr cn = xmlNewChild(root, ns, (const xmlChar *)"Client", NULL);
            ok = cn != NULL;
            bool codes_done = false;
            size_t ri = 0;
            for (xmlNodePtr f = c->children; f && ok; f = f->next) {
                if (f->type != XML_ELEMENT_NODE)
                    continue;
                if (!is_el(f, p->record_name)) {
                    ok = copy_element(f, cn, ns);
                    continue;
                }
                if (!codes_done) {
                    ok = add_codes(cn, ns, &cl->codes);
                    codes_done = true;
                }
                xmlNodePtr rn = ok ? xmlNewChild(cn, ns, f->name, NULL) : NULL;
                ok = rn != NULL && ri < cl->nrec;
                for (xmlNodePtr g = f->children; g && ok; g = g->next)
                    if (g->type == XML_ELEMENT_NODE)
                        ok = copy_element(g, rn, ns);
                ok = ok && add_codes(rn, ns, &cl->recs[ri++].codes);
            }
        }
    }
    int rc = ok ? dump(d, out, out_len) : MSG_ERR_NOMEM;
    xmlFreeDoc(d);
    return rc;
}

/* ---- the pipeline ------------------------------------------------------------------------ */

static msg_apply_fn callback_for(const msg_ctx *ctx, msg_type type)
{
    switch (type) {
    case MSG_FZ822:
        return ctx->apply.fz822;
    case MSG_FZ823:
        return ctx->apply.fz823;
    case MSG_FZ825:
        return ctx->apply.fz825;
    default:
        return NULL;
    }
}

/* Runs the client and record rules and the apply callback of every record that passed them.
 * MSG_ERR_APPLY when a callback failed. */
static int assess(const msg_ctx *ctx, parsed *p, ifzo_date today, msg_apply_fn fn)
{
    for (size_t i = 0; i < p->nclient; i++) {
        client_item *cl = &p->clients[i];
        add_code(&cl->codes, "0200");
        for (size_t k = 0; k < cl->nrec; k++) {
            rec_item *it = &cl->recs[k];
            record_rules(&it->rec, today, &it->codes);
            if (rejects(&it->codes))
                continue;
            const char *code = fn(ctx->apply.user, &it->rec);
            if (code == NULL || !codelist_is_valid(CODELIST_RETOURCODE, code))
                return MSG_ERR_APPLY;
            if (strcmp(code, "0200") != 0 || it->codes.n == 0)
                add_code(&it->codes, code);
        }
    }
    add_code(&p->header_codes, "0200");
    return MSG_OK;
}

int msg_process(msg_ctx *ctx, const char *xml, size_t len, const char *today, char **retour_xml,
                size_t *retour_len)
{
    return msg_process_from(ctx, NULL, NULL, xml, len, today, retour_xml, retour_len);
}

int msg_process_from(msg_ctx *ctx, msg_sender_fn sender_ok, void *sender_user, const char *xml,
                     size_t len, const char *today, char **retour_xml, size_t *retour_len)
{
    if (retour_xml)
        *retour_xml = NULL;
    if (retour_len)
        *retour_len = 0;
    ifzo_date day;
    if (ctx == NULL || retour_xml == NULL || retour_len == NULL || today == NULL ||
        ifzo_date_parse(today, &day) != IFZO_CAL_OK)
        return MSG_ERR_ARG;

    xmlDocPtr doc = NULL;
    msg_type type = MSG_TYPE_UNKNOWN;
    char detail[512];
    int rc = msg_parse_validate(xml, len, &doc, &type, detail, sizeof(detail));
    if (rc == MSG_REJECTED)
        return technical_retour(xml, len, today, detail, retour_xml, retour_len);
    if (rc != MSG_OK)
        return rc;
    if (type != MSG_FZ822 && type != MSG_FZ823 && type != MSG_FZ825) {
        xmlFreeDoc(doc);
        snprintf(detail, sizeof(detail), "FZ%d wordt niet door openifzo ontvangen", (int)type);
        return technical_retour(xml, len, today, detail, retour_xml, retour_len);
    }
    msg_apply_fn fn = callback_for(ctx, type);
    if (fn == NULL) {
        xmlFreeDoc(doc);
        return MSG_UNSUPPORTED;
    }

    parsed p;
    rc = read_message(doc, type, &p);
    if (rc != MSG_OK) {
        parsed_free(&p);
        xmlFreeDoc(doc);
        if (rc != MSG_REJECTED)
            return rc;
        return technical_retour(xml, len, today, "een waarde valt buiten het bereik van openifzo",
                                retour_xml, retour_len);
    }

    if (sender_ok) {
        int allowed = sender_ok(sender_user, p.header.afzender);
        if (allowed != 1) {
            /* Not the caller's AGB code: header rejected, nothing assessed, nothing recorded
             * (recording would let one provider use up another's identifications). */
            if (allowed == 0) {
                add_code(&p.header_codes, "FZ09");
                not_assessed(&p);
                rc = typed_retour(doc, &p, today, retour_xml, retour_len);
            } else {
                rc = MSG_ERR_STORE;
            }
            parsed_free(&p);
            xmlFreeDoc(doc);
            return rc;
        }
    }

    unsigned char digest[32];
    char hash[65], code[8];
    crypto_generichash(digest, sizeof(digest), (const unsigned char *)xml, len, NULL, 0);
    sodium_bin2hex(hash, sizeof(hash), digest, sizeof(digest));
    snprintf(code, sizeof(code), "%d", (int)type);

    int64_t id = 0, claim = 0;
    store_bericht prev = {0};
    int src = store_bericht_claim_at(ctx->db, p.header.afzender, code, p.header.identificatie, hash,
                                     ctx->claim_timeout, &id, &claim, &prev);
    if (src == STORE_DUPLICATE) {
        if (strcmp(prev.inhoud_hash, hash) == 0) {
            /* A resend: the same answer as the first time, nothing applied again. */
            rc = prev.retour ? MSG_OK : MSG_BUSY;
            if (prev.retour) {
                *retour_len = strlen(prev.retour);
                *retour_xml = prev.retour;
                prev.retour = NULL;
            }
        } else {
            /* Another message with a used identification: 9056, not recorded. */
            add_code(&p.header_codes, "9056");
            not_assessed(&p);
            rc = typed_retour(doc, &p, today, retour_xml, retour_len);
        }
        store_bericht_clear(&prev);
        parsed_free(&p);
        xmlFreeDoc(doc);
        return rc;
    }
    if (src != STORE_OK) {
        parsed_free(&p);
        xmlFreeDoc(doc);
        return src == STORE_INVALID ? MSG_ERR_ARG : MSG_ERR_STORE;
    }

    if (p.header.dagtekening > day) {
        add_code(&p.header_codes, "8848");
        not_assessed(&p);
        rc = MSG_OK;
    } else {
        rc = assess(ctx, &p, day, fn);
    }
    if (rc == MSG_OK)
        rc = typed_retour(doc, &p, today, retour_xml, retour_len);
    parsed_free(&p);
    xmlFreeDoc(doc);
    int frc = rc == MSG_OK ? store_bericht_finish_claim(ctx->db, id, claim, *retour_xml) : STORE_OK;
    if (frc == STORE_CONFLICT) {
        /* This process was too slow: another one took the claim over (believing this one had
         * crashed). The answer is the retour that one stored; while it still works: busy. */
        free(*retour_xml);
        *retour_xml = NULL;
        *retour_len = 0;
        store_bericht got = {0};
        frc = store_bericht_get(ctx->db, p.header.afzender, code, p.header.identificatie, &got);
        if (frc == STORE_OK && got.retour) {
            *retour_len = strlen(got.retour);
            *retour_xml = got.retour;
            got.retour = NULL;
        } else {
            rc = frc == STORE_OK || frc == STORE_NOT_FOUND ? MSG_BUSY : MSG_ERR_STORE;
        }
        store_bericht_clear(&got);
        return rc;
    }
    if (frc != STORE_OK)
        rc = MSG_ERR_STORE;
    if (rc != MSG_OK) {
        free(*retour_xml);
        *retour_xml = NULL;
        *retour_len = 0;
        /* Nothing was acknowledged: drop the claim so that the message may be sent again.
         * Best effort (the store may be what failed); the rc above is what counts. */
        (void)store_bericht_release_claim(ctx->db, id, claim);
    }
    return rc;
}
