/*
 * fz821.c - builds the outgoing FZ821 (aanmelding) of one referral. See msg.h.
 *
 * Why deterministic: the mailbox delivers an unacknowledged message again; the provider's
 * software must see the same message (same Identificatie, same bytes), so nothing here reads
 * a clock: Dagtekening is the referral's date. Every built message is validated against
 * fz821.xsd before it leaves, so openifzo never sends what it would itself refuse.
 */
#include "msg/msg_internal.h"

#include "core/zorgaanbod.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xmlNodePtr add(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
    return parent ? xmlNewTextChild(parent, ns, (const xmlChar *)name, (const xmlChar *)text)
                  : NULL;
}

static bool add_date(xmlNodePtr parent, xmlNsPtr ns, const char *name, ifzo_date d)
{
    char buf[16];
    return ifzo_date_format(d, buf) == IFZO_CAL_OK && add(parent, ns, name, buf);
}

static bool add_num(xmlNodePtr parent, xmlNsPtr ns, const char *name, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return add(parent, ns, name, buf) != NULL;
}

static bool set(const char *s)
{
    return s && s[0];
}

int msg_fz821_build(const msg_fz821 *in, char **xml, size_t *len, msg_check *detail)
{
    if (xml == NULL || len == NULL)
        return MSG_ERR_ARG;
    *xml = NULL;
    *len = 0;
    if (in == NULL || !set(in->ontvanger) || !set(in->locatie_agb) || !set(in->zorgtype) ||
        !set(in->zorgtitel) || !set(in->urgentie))
        return MSG_ERR_ARG;
    int rc = msg_init();
    if (rc != MSG_OK)
        return rc;
    xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");
    if (d == NULL)
        return MSG_ERR_NOMEM;
    xmlNodePtr root = xmlNewDocNode(d, NULL, (const xmlChar *)"Bericht", NULL);
    xmlNsPtr ns = NULL;
    if (root) {
        xmlDocSetRootElement(d, root);
        ns = xmlNewNs(root, (const xmlChar *)msg_namespace(MSG_FZ821), NULL);
        xmlSetNs(root, ns);
    }
    char ident[24];
    snprintf(ident, sizeof ident, "FZ821-%lld", (long long)in->seq);
    xmlNodePtr h = ns ? xmlNewChild(root, ns, (const xmlChar *)"Header", NULL) : NULL;
    xmlNodePtr bi = NULL, xv = NULL, c = NULL, a = NULL;
    bool ok = add(h, ns, "BerichtCode", "821") && add(h, ns, "BerichtVersie", "2") &&
              add(h, ns, "BerichtSubversie", "2") && add(h, ns, "Afzender", MSG_OPENIFZO_AGB) &&
              add(h, ns, "Ontvanger", in->ontvanger) &&
              (bi = xmlNewChild(h, ns, (const xmlChar *)"BerichtIdentificatie", NULL)) &&
              add(bi, ns, "Identificatie", ident) &&
              add_date(bi, ns, "Dagtekening", in->aanmelddatum) &&
              (xv = xmlNewChild(h, ns, (const xmlChar *)"XsdVersie", NULL)) &&
              add(xv, ns, "BasisschemaXsdVersie", MSG_BASISSCHEMA_VERSIE) &&
              add(xv, ns, "BerichtXsdVersie", MSG_BERICHT_XSD_VERSIE) &&
              (c = xmlNewChild(root, ns, (const xmlChar *)"Client", NULL)) &&
              add_num(c, ns, "Clientnummer", in->clientnummer) &&
              (!set(in->bsn) || add(c, ns, "Bsn", in->bsn)) &&
              (in->geboortedatum == IFZO_NO_DATE ||
               add_date(c, ns, "Geboortedatum", in->geboortedatum)) &&
              (!set(in->geslacht) || add(c, ns, "Geslacht", in->geslacht)) &&
              (a = xmlNewChild(c, ns, (const xmlChar *)"Aanmelding", NULL)) &&
              add_num(a, ns, "Toeleidingspogingnummer", in->seq) &&
              add_num(a, ns, "Plaatsingsverzoeknummer", in->verzoek_id) &&
              add(a, ns, "LocatieAgb", in->locatie_agb) && add(a, ns, "Zorgtype", in->zorgtype) &&
              (!set(in->beveiligingsniveau) ||
               add(a, ns, "Beveiligingsniveau", in->beveiligingsniveau)) &&
              add(a, ns, "Zorgtitel", in->zorgtitel) && add(a, ns, "Urgentie", in->urgentie) &&
              add_date(a, ns, "Aanmelddatum", in->aanmelddatum) &&
              add_date(a, ns, "UiterlijkeReactiedatum", in->uiterlijke_reactiedatum);
    xmlChar *mem = NULL;
    int size = 0;
    if (ok)
        xmlDocDumpFormatMemoryEnc(d, &mem, &size, "UTF-8", 1);
    xmlFreeDoc(d);
    if (mem == NULL || size <= 0) {
        xmlFree(mem);
        if (!ok && detail) {
            detail->type = MSG_FZ821;
            snprintf(detail->detail, sizeof detail->detail,
                     "FZ821 kon niet worden opgebouwd (datum buiten bereik of geen geheugen)");
        }
        return ok ? MSG_ERR_NOMEM : MSG_REJECTED;
    }
    msg_check chk;
    rc = msg_validate((const char *)mem, (size_t)size, &chk);
    if (rc == MSG_OK && chk.type != MSG_FZ821)
        rc = MSG_REJECTED;
    if (rc != MSG_OK) {
        if (detail)
            *detail = chk;
        xmlFree(mem);
        return rc;
    }
    *xml = malloc((size_t)size + 1);
    if (*xml == NULL) {
        xmlFree(mem);
        return MSG_ERR_NOMEM;
    }
    memcpy(*xml, mem, (size_t)size);
    (*xml)[size] = '\0';
    *len = (size_t)size;
    xmlFree(mem);
    return MSG_OK;
}
