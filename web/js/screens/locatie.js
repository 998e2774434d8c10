// locatie.js - one care location: its data (change with If-Match), its offer per care type
// with capacity, free places, waiting list and intake stop, and a form for a new offer.
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import {
  alert, date, etag, form, heading, heading2, link, para, table,
} from '../ui.js';
import { offerBody, offerFields } from './aanbod-form.js';
import { locationBody, locationFields } from './locatie-form.js';

export const title = 'Locatie';

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const [l, lists, offers] = await Promise.all([
    get(`/api/zorglocaties/${id}`), codelists(), get(`/api/zorgaanbod?zorglocatie_id=${id}&limit=1000`)]);
  main.append(heading(l.naam),
    para(`${l.adres}, ${l.postcode} ${l.plaats} · ${labelOf(lists, 'arrondissement', l.arrondissement)} · ${labelOf(lists, 'beveiligingsniveau', l.beveiligingsniveau)}`),
    para(link('/locaties', 'Terug naar alle locaties')));
  for (const [k, text] of [['nieuw', 'De locatie is toegevoegd.'], ['opgeslagen', 'De wijziging is opgeslagen.'], ['aanbod', 'Het aanbod is toegevoegd.']]) {
    if (query.get(k)) main.append(alert('ok', text));
  }
  main.append(heading2('Zorgaanbod per zorgtype'), table(`Zorgaanbod van ${l.naam}`, [
    { label: 'Zorgtype', value: (r) => link(`/aanbod/${r.id}`, labelOf(lists, 'zorgtype', r.zorgtype)) },
    { label: 'Capaciteit', value: (r) => String(r.capaciteit) },
    { label: 'Bezet', value: (r) => String(r.bezet) },
    { label: 'Vrij', value: (r) => String(r.vrij ?? r.capaciteit - r.bezet) },
    { label: 'Wachtlijst', value: (r) => String(r.wachtlijst ?? 0) },
    { label: 'Opnamestop', value: (r) => (r.opnamestop ? `ja${r.opnamestop_van ? ` vanaf ${date(r.opnamestop_van)}` : ''}${r.opnamestop_tot ? ` tot en met ${date(r.opnamestop_tot)}` : ''}` : 'nee') },
    { label: 'Bijgewerkt', value: (r) => date(r.bijgewerkt_op) },
  ], offers.items, 'Nog geen zorgaanbod op deze locatie.'));

  main.append(heading2('Nieuw zorgaanbod'), form('aanbod', offerFields('aanbod', lists, {}, { create: true }), 'Aanbod toevoegen', async (v) => {
    await api('POST', '/api/zorgaanbod', { body: offerBody(v, { zorglocatie_id: l.id }) });
    navigate(`/locaties/${l.id}?aanbod=1`);
  }));

  main.append(heading2('Gegevens van de locatie wijzigen'), form('locatie', locationFields(lists, l), 'Wijzigingen opslaan', async (v) => {
    await api('PUT', `/api/zorglocaties/${id}`, { body: locationBody(v, false), ifMatch: etag(l.version) });
    navigate(`/locaties/${l.id}?opgeslagen=1`);
  }));
}
