// plaatsingsverzoek-nieuw.js - a new placement request: find the client (BSN or surname, the
// API's exact filters), pick one of the client's definitive indications, and create the
// request (POST /api/plaatsingsverzoeken). A concept indication is not offered: the API
// refuses it (indicatie_niet_definitief) and a plaatser does not even see concepts.
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import {
  date, form, heading, heading2, link, para, table,
} from '../ui.js';
import { outcome, say } from './beheer.js';
import { clientName } from './plaatsing-data.js';

export const title = 'Nieuw plaatsingsverzoek';

export async function render(main, { query, navigate }) {
  const bsn = query.get('bsn') ?? '';
  const achternaam = query.get('achternaam') ?? '';
  const chosen = query.get('justitiabele') ?? '';
  main.append(heading(title),
    para('Een plaatsingsverzoek hoort bij een definitieve indicatiestelling. Zoek eerst de justitiabele.'),
    form('zoeken', [
      { name: 'bsn', label: 'Burgerservicenummer', value: bsn, inputmode: 'numeric' },
      { name: 'achternaam', label: 'Achternaam', value: achternaam },
    ], 'Zoeken', async (v) => {
      const q = new URLSearchParams();
      if (v.bsn) q.set('bsn', v.bsn);
      if (v.achternaam) q.set('achternaam', v.achternaam);
      navigate(`/plaatsingsverzoeken/nieuw${q.size ? `?${q}` : ''}`);
    }));
  const lists = await codelists();
  if ((bsn || achternaam) && !chosen) {
    const q = new URLSearchParams({ limit: '50' });
    if (bsn) q.set('bsn', bsn);
    if (achternaam) q.set('achternaam', achternaam);
    const page = await get(`/api/justitiabelen?${q}`);
    main.append(table(`Gevonden justitiabelen (${page.total})`, [
      { label: 'Naam', value: (c) => link(`/plaatsingsverzoeken/nieuw?justitiabele=${c.id}`, clientName(c)) },
      { label: 'Geboortedatum', value: (c) => date(c.geboortedatum) },
      { label: 'BSN', value: (c) => c.bsn },
    ], page.items, 'Geen justitiabelen gevonden.'));
  }
  if (!chosen) return;
  const id = encodeURIComponent(chosen);
  const [client, inds] = await Promise.all([
    get(`/api/justitiabelen/${id}`), get(`/api/indicaties?justitiabele_id=${id}&status=definitief&sort=id&order=desc`)]);
  const region = outcome();
  main.append(heading2(`Definitieve indicatiestellingen van ${clientName(client)}`), region,
    table(`Definitieve indicatiestellingen van ${clientName(client)}`, [
      { label: 'Zorgtype', value: (r) => labelOf(lists, 'zorgtype', r.zorgtype) },
      { label: 'Urgentie', value: (r) => labelOf(lists, 'urgentie', r.urgentie) },
      { label: 'Titel', value: (r) => labelOf(lists, 'zorgtitel', r.zorgtitel) },
      { label: 'Looptijd titel', value: (r) => `${date(r.titel_start)} t/m ${date(r.titel_eind)}` },
      {
        label: 'Actie',
        value: (r) => {
          const b = h('button', {
            class: 'utrecht-button utrecht-button--primary-action', type: 'button',
            'aria-label': `Plaatsingsverzoek aanmaken voor ${labelOf(lists, 'zorgtype', r.zorgtype)}`,
          }, 'Plaatsingsverzoek aanmaken');
          b.addEventListener('click', async () => {
            b.disabled = true;
            try {
              const created = await api('POST', '/api/plaatsingsverzoeken', { body: { indicatie_id: r.id } });
              navigate(`/plaatsingsverzoeken/${created.id}?nieuw=1`);
            } catch (e) {
              say(region, 'error', e.message);
            } finally {
              b.disabled = false;
            }
          });
          return b;
        },
      },
    ], inds.items, 'Deze justitiabele heeft geen definitieve indicatiestelling.'));
}
