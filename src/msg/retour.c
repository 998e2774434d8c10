/*
 * retour.c - reads a retour back into a short text per class, for people: the CLI
 * (`ifzo msg validate`, `ifzo msg send`) prints it. See msg_retour_summary in msg.h.
 */
#include "msg/msg_internal.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codelist.h"

static bool is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Appends "<label>: code code\n" for the RetourCodes child of n; marks rejecting codes. */
static void codes_line(FILE *f, xmlNodePtr n, const char *indent, const char *label, bool *rejected)
{
    fprintf(f, "%s%s:", indent, label);
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (!is_el(c, "RetourCodes"))
            continue;
        for (xmlNodePtr k = c->children; k; k = k->next) {
            if (!is_el(k, "RetourCode"))
                continue;
            xmlChar *t = xmlNodeGetContent(k);
            const char *code = t ? (const char *)t : "";
            fprintf(f, " %s", code);
            if (codelist_attr_bool(codelist_lookup_in(CODELIST_RETOURCODE, code), "rejects"))
                *rejected = true;
            xmlFree(t);
        }
    }
    fputc('\n', f);
}

int msg_retour_summary(const char *xml, size_t len, char **out, bool *rejected)
{
    if (out == NULL || rejected == NULL || xml == NULL)
        return MSG_ERR_ARG;
    *out = NULL;
    *rejected = false;
    int rc = msg_init();
    if (rc != MSG_OK)
        return rc;
    xmlDocPtr d = NULL;
    msg_type type = MSG_TYPE_UNKNOWN;
    char detail[512];
    rc = msg_parse_validate(xml, len, &d, &type, detail, sizeof detail);
    if (rc != MSG_OK)
        return rc;
    if (type != MSG_FZ820 && type != MSG_FZ824 && type != MSG_FZ826 && type != MSG_FZ828) {
        xmlFreeDoc(d);
        return MSG_REJECTED;
    }
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (f == NULL) {
        xmlFreeDoc(d);
        return MSG_ERR_NOMEM;
    }
    fprintf(f, "FZ%d\n", (int)type);
    int ci = 0;
    for (xmlNodePtr c = xmlDocGetRootElement(d)->children; c; c = c->next) {
        if (is_el(c, "Header")) {
            codes_line(f, c, "", "Header", rejected);
            for (xmlNodePtr t = c->children; t; t = t->next)
                if (is_el(t, "Toelichting")) {
                    xmlChar *s = xmlNodeGetContent(t);
                    fprintf(f, "Toelichting: %s\n", s ? (const char *)s : "");
                    xmlFree(s);
                }
        } else if (is_el(c, "Client")) {
            char label[32];
            snprintf(label, sizeof label, "Client %d", ++ci);
            codes_line(f, c, "", label, rejected);
            int ri = 0;
            for (xmlNodePtr r = c->children; r; r = r->next) {
                if (r->type != XML_ELEMENT_NODE || is_el(r, "RetourCodes"))
                    continue;
                bool has_codes = false;
                for (xmlNodePtr k = r->children; k; k = k->next)
                    if (is_el(k, "RetourCodes"))
                        has_codes = true;
                if (!has_codes)
                    continue;
                char rl[96];
                snprintf(rl, sizeof rl, "%s %d", (const char *)r->name, ++ri);
                codes_line(f, r, "  ", rl, rejected);
            }
        }
    }
    xmlFreeDoc(d);
    if (fclose(f) != 0) {
        free(buf);
        return MSG_ERR_NOMEM;
    }
    *out = buf;
    return MSG_OK;
}
