// aanbod.js - one offer (zorgaanbod): change its accepted criteria, capacity, waiting list
// and intake stop (PUT with If-Match; the API sets bijgewerkt_op to today).
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import {
  alert, date, etag, form, heading, heading2, link, para,
} from '../ui.js';
import { offerBody, offerFields } from './aanbod-form.js';

export const title = 'Zorgaanbod';

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const [a, lists] = await Promise.all([get(`/api/zorgaanbod/${id}`), codelists()]);
  const l = await get(`/api/zorglocaties/${a.zorglocatie_id}`);
  main.append(heading(`Zorgaanbod ${labelOf(lists, 'zorgtype', a.zorgtype)}`),
    para('Locatie: ', link(`/locaties/${l.id}`, l.naam), ` · vrij: ${a.vrij ?? a.capaciteit - a.bezet} · bijgewerkt op ${date(a.bijgewerkt_op)}`));
  if (query.get('opgeslagen')) main.append(alert('ok', 'Het aanbod is bijgewerkt.'));
  main.append(heading2('Aanbod wijzigen'), form('aanbod', offerFields('aanbod', lists, a, { create: false }), 'Wijzigingen opslaan', async (v) => {
    await api('PUT', `/api/zorgaanbod/${id}`, { body: offerBody(v), ifMatch: etag(a.version) });
    navigate(`/aanbod/${a.id}?opgeslagen=1`);
  }));
}
