// locaties.js - the care provider's locations (zorglocaties), per provider record its
// organisation maintains, and a form to add one (POST /api/zorglocaties).
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import {
  alert, form, heading, heading2, link, para, table,
} from '../ui.js';
import { locationBody, locationFields } from './locatie-form.js';
import { ownProviders } from './mijn-aanbieder.js';

export const title = 'Locaties en zorgaanbod';

export async function render(main, { session, query, navigate }) {
  main.append(heading(title));
  const [providers, lists] = await Promise.all([ownProviders(session), codelists()]);
  if (providers.length === 0) {
    main.append(alert('warning', 'Aan uw organisatie is nog geen zorgaanbieder gekoppeld. Vraag functioneel beheer dit te doen.'));
    return;
  }
  if (query.get('nieuw')) main.append(alert('ok', 'De locatie is toegevoegd.'));
  for (const p of providers) {
    const locs = await get(`/api/zorglocaties?zorgaanbieder_id=${p.id}&sort=naam&limit=1000`);
    main.append(heading2(`${p.naam} (AGB ${p.agb})`), table(`Locaties van ${p.naam}`, [
      { label: 'Locatie', value: (r) => link(`/locaties/${r.id}`, r.naam) },
      { label: 'Plaats', value: (r) => r.plaats },
      { label: 'Postcode', value: (r) => r.postcode },
      { label: 'Arrondissement', value: (r) => labelOf(lists, 'arrondissement', r.arrondissement) },
      { label: 'Beveiligingsniveau', value: (r) => labelOf(lists, 'beveiligingsniveau', r.beveiligingsniveau) },
    ], locs.items, 'Nog geen locaties.'));
  }
  main.append(heading2('Nieuwe locatie'), para('Het arrondissement en de ligging volgen uit de postcode.'),
    form('locatie', locationFields(lists, {}, providers), 'Locatie toevoegen', async (v) => {
      const created = await api('POST', '/api/zorglocaties', { body: locationBody(v, true) });
      navigate(`/locaties/${created.id}?nieuw=1`);
    }));
}
