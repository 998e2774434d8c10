// voorstel.js - the matching proposal of a placement request (decision 64):
// make one (regular, bridging or second best; inside the region or also outside it) and read
// it back exactly as stored: per location whether it is proposed or a near miss, and why, per
// hard criterion with the indicated and the offered value; travel time against the norm;
// capacity, occupancy, waiting list and expected wait; stale figures and intake stops. From
// a location the placer goes on to the referral (aanmelden.js) with this proposal's number.
//
// Kept in a module of its own: the proposal API is built in another branch against the same
// contract; this screen needs nothing else from the workflow screens.
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { CRITERIA } from '../criteria.js';
import { h } from '../dom.js';
import {
  alert, dataList, date, form, heading, heading2, heading3, link, para, stamp, table,
} from '../ui.js';
import { badge } from './plaatsing-data.js';

export const title = 'Voorstel';

const MODUS = Object.freeze({ regulier: 'Regulier', overbrugging: 'Overbrugging', second_best: 'Second best' });
const UITKOMST = Object.freeze({ voorgesteld: 'Voorgesteld', bijna: 'Bijna passend (voldoet op één criterium niet)' });
const CRIT_UITKOMST = Object.freeze({ voldoet: 'Voldoet', voldoet_niet: 'Voldoet niet', niet_van_toepassing: 'Niet van toepassing' });
const EXTRA_CRITERIA = Object.freeze({
  beveiligingsniveau: { label: 'Beveiligingsniveau', list: 'beveiligingsniveau' },
  zorgtype: { label: 'Zorgtype', list: 'zorgtype' },
  leeftijd: { label: 'Leeftijd', list: null },
  contract: { label: 'Contract', list: null },
  opnamestop: { label: 'Opnamestop', list: null },
  contra_indicatie: { label: 'Contra-indicatie', list: 'contra_indicatie' },
});

function criterion(name) {
  const c = CRITERIA.find((x) => x.name === name);
  return c ? { label: c.label, list: c.list } : EXTRA_CRITERIA[name] ?? { label: name, list: null };
}

/** A value of a criterion in words: codes through their list, arrays joined. */
function valueText(lists, list, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((x) => valueText(lists, list, x)).join(', ');
  return list ? labelOf(lists, list, String(value)) : String(value);
}

const yesNo = (b) => (b ? 'ja' : 'nee');

function locationDetails(lists, l, referHref) {
  const bereik = l.bereikbaarheid ?? {};
  return h('details', { class: 'ifzo-details' },
    h('summary', { class: 'ifzo-details__summary' }, `${l.naam} — ${UITKOMST[l.uitkomst] ?? l.uitkomst}: uitleg per criterium`),
    table(`Criteria van ${l.naam}`, [
      { label: 'Criterium', value: (c) => criterion(c.criterium).label },
      { label: 'Geïndiceerd', value: (c) => valueText(lists, criterion(c.criterium).list, c.geindiceerd) },
      { label: 'Aangeboden', value: (c) => valueText(lists, criterion(c.criterium).list, c.aangeboden) },
      { label: 'Uitkomst', value: (c) => (c.uitkomst === 'voldoet_niet' ? badge(CRIT_UITKOMST.voldoet_niet, 'danger') : CRIT_UITKOMST[c.uitkomst] ?? c.uitkomst) },
    ], l.criteria ?? [], 'Geen criteria vastgelegd.'),
    dataList([
      ['Zorgaanbieder', l.zorgaanbieder],
      ['Postcode en arrondissement', `${l.postcode ?? ''} ${labelOf(lists, 'arrondissement', l.arrondissement)}`.trim()],
      ['Reistijd', `${l.reistijd_minuten ?? '—'} minuten${bereik.norm_minuten ? ` (norm ${bereik.norm_minuten} minuten)` : ''}`],
      ['Landelijke functie', yesNo(l.landelijke_functie)],
      ['Capaciteit en bezetting', `${l.capaciteit ?? '—'} plaatsen, ${l.bezetting ?? '—'} bezet`],
      ['Wachtlijst', `${l.wachtlijst ?? 0} personen, verwachte wachttijd ${l.verwachte_wachttijd_dagen ?? '—'} dagen`],
      ['Gegevens bijgewerkt op', `${date(l.bijgewerkt_op)}${l.verouderd ? ' (verouderd)' : ''}`],
      ['Opnamestop', yesNo(l.opnamestop)],
    ]),
    para(link(referHref, `Aanmelden bij ${l.naam}`)));
}

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const here = `/plaatsingsverzoeken/${params.id}`;
  const [v, lists, list] = await Promise.all([
    get(`/api/plaatsingsverzoeken/${id}`), codelists(), get(`/api/plaatsingsverzoeken/${id}/voorstellen`)]);
  const items = list.items ?? [];
  const n = query.get('n') ?? (items.length ? String(items[items.length - 1].volgnummer) : null);
  const p = n ? await get(`/api/plaatsingsverzoeken/${id}/voorstellen/${encodeURIComponent(n)}`) : null;

  main.append(heading(p ? `Voorstel ${p.volgnummer}` : title),
    para(`Plaatsingsverzoek ${v.id} · ${labelOf(lists, 'zorgtype', v.zorgtype)}. `, link(here, 'Terug naar het plaatsingsverzoek')));
  if (query.get('nieuw')) main.append(alert('ok', 'Het voorstel is gemaakt en opgeslagen bij het plaatsingsverzoek.'));

  if (v.status === 'open') {
    main.append(heading2('Nieuw voorstel'), form('voorstel', [
      {
        name: 'modus', label: 'Soort voorstel', type: 'select', required: true, value: p?.modus ?? 'regulier',
        options: Object.entries(MODUS).map(([code, label]) => ({ code, label })),
        hint: 'Overbrugging en second best tonen alleen locaties met een gelijk of lager beveiligingsniveau dan geïndiceerd.',
      },
      { name: 'buiten_regio', label: 'Ook buiten de regio zoeken', type: 'checkbox', value: p?.buiten_regio ?? false },
    ], 'Voorstel maken', async (f) => {
      const made = await api('POST', `/api/plaatsingsverzoeken/${id}/voorstellen`, { body: { modus: f.modus, buiten_regio: f.buiten_regio } });
      navigate(`${here}/voorstel?n=${made.volgnummer}&nieuw=1`);
    }));
  }

  if (!p) {
    main.append(para('Er is nog geen voorstel gemaakt voor dit plaatsingsverzoek.'));
    return;
  }
  const refer = (l) => `${here}/aanmelden?voorstel=${p.volgnummer}&locatie=${l.zorglocatie_id}`;
  main.append(heading2('Over dit voorstel'), dataList([
    ['Soort', MODUS[p.modus] ?? p.modus],
    ['Buiten de regio', yesNo(p.buiten_regio)],
    ['Regio', `${p.regio?.postcode ?? ''} ${labelOf(lists, 'arrondissement', p.regio?.arrondissement)}`.trim() || '—'],
    ['Peildatum', date(p.peildatum)],
    ['Gemaakt', `${stamp(p.aangemaakt_op)}${p.aangemaakt_door ? ` door ${p.aangemaakt_door}` : ''}`],
    ['Indicatiestelling', `${p.indicatie_id}, versie ${p.indicatie_versie}`],
    ['Versie zorgaanbod', String(p.catalogus_versie ?? '—')],
    ['Contra-indicaties', (p.contra_indicaties ?? []).map((c) => c.label ?? labelOf(lists, 'contra_indicatie', c.code)).join(', ') || 'geen'],
  ]));
  if (p.in_regio_leeg) main.append(alert('warning', 'In de regio past geen locatie. Het voorstel toont daarom locaties buiten de regio.'));
  if (!p.buiten_regio && p.uitbreiding?.aantal) {
    main.append(para(`Buiten de regio zouden nog ${p.uitbreiding.aantal} locaties passen. Kies "Ook buiten de regio zoeken" om ze te zien.`));
  }

  const locs = p.locaties ?? [];
  main.append(heading2(`Locaties (${locs.length})`), table('Voorgestelde en bijna passende locaties, in volgorde van het voorstel', [
    { label: 'Locatie', value: (l) => `${l.naam} (${l.zorgaanbieder})` },
    { label: 'Uitkomst', value: (l) => (l.uitkomst === 'voorgesteld' ? badge('Voorgesteld', 'success') : badge('Bijna passend', 'warning')) },
    { label: 'Regio', value: (l) => (l.in_regio ? 'in de regio' : 'buiten de regio') },
    { label: 'Reistijd', value: (l) => `${l.reistijd_minuten ?? '—'} min` },
    { label: 'Vrij / capaciteit', value: (l) => `${Math.max(0, (l.capaciteit ?? 0) - (l.bezetting ?? 0))} / ${l.capaciteit ?? '—'}` },
    { label: 'Wachtlijst', value: (l) => `${l.wachtlijst ?? 0} (${l.verwachte_wachttijd_dagen ?? '—'} dagen)` },
    { label: 'Let op', value: (l) => [l.opnamestop ? 'opnamestop' : null, l.verouderd ? 'gegevens verouderd' : null, l.landelijke_functie ? 'landelijke functie' : null].filter(Boolean).join(', ') },
    { label: 'Actie', value: (l) => h('a', { class: 'utrecht-link ifzo-nowrap', href: refer(l), 'aria-label': `Aanmelden bij ${l.naam}` }, 'Aanmelden') },
  ], locs, 'Geen locatie past, ook niet op één criterium na.'));
  if (locs.length) {
    main.append(heading3('Uitleg per locatie'), h('div', { class: 'ifzo-details-list' }, locs.map((l) => locationDetails(lists, l, refer(l)))));
  }
  if (items.length > 1) {
    main.append(heading2('Eerdere voorstellen'), table('Alle voorstellen van dit plaatsingsverzoek', [
      { label: 'Nr.', value: (x) => link(`${here}/voorstel?n=${x.volgnummer}`, `Voorstel ${x.volgnummer}`) },
      { label: 'Soort', value: (x) => MODUS[x.modus] ?? x.modus },
      { label: 'Buiten de regio', value: (x) => yesNo(x.buiten_regio) },
      { label: 'Gemaakt', value: (x) => stamp(x.aangemaakt_op) },
      { label: 'Voorgesteld', value: (x) => String(x.aantal_voorgesteld ?? '') },
    ], items));
  }
}
