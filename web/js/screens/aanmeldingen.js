// aanmeldingen.js - the zorgaanbieder's inbox: the referrals (toeleidingspogingen) addressed
// to its own locations. First those waiting for its reaction, the overdue ones on top and
// marked, then the accepted ones (where start and end of care are reported), then the rest.
//
// Load time: one call for the attempts, the code lists and the location names; the provider
// sees no client data (design.md roles), so there is nothing to read per row.
import { get } from '../api.js';
import { h } from '../dom.js';
import {
  date, heading, heading2, link, para, table,
} from '../ui.js';
import {
  locationLabel, offerNames, overdueBadge, POGING_STATUS,
} from './plaatsing-data.js';

export const title = 'Aanmeldingen';

export async function render(main) {
  main.append(heading(title));
  const [page, names] = await Promise.all([get('/api/toeleidingspogingen'), offerNames()]);
  const items = page.items;
  const columns = [
    { label: 'Aanmelding', value: (p) => link(`/aanmeldingen/${p.id}`, `Aanmelding ${p.id}`) },
    { label: 'Plaatsingsverzoek', value: (p) => String(p.verzoek_id) },
    { label: 'Zorglocatie', value: (p) => locationLabel(names, p.zorglocatie_id) },
    { label: 'Aangemeld', value: (p) => date(p.aanmelddatum) },
    {
      label: 'Reageren vóór',
      value: (p) => (p.termijn ? h('span', {}, date(p.termijn), p.verlengd ? ' (verlengd)' : '', p.te_laat ? [' ', overdueBadge()] : null) : '—'),
    },
    { label: 'Status', value: (p) => POGING_STATUS[p.status] ?? p.status },
  ];
  const waiting = items.filter((p) => p.status === 'aangemeld')
    .sort((a, b) => (b.te_laat - a.te_laat) || String(a.termijn ?? '').localeCompare(String(b.termijn ?? '')));
  const late = waiting.filter((p) => p.te_laat).length;
  main.append(heading2(`Wachten op uw reactie (${waiting.length})`),
    late ? para(`${late} ${late === 1 ? 'aanmelding heeft' : 'aanmeldingen hebben'} een verstreken reactietermijn.`) : null,
    table('Aanmeldingen die op uw reactie wachten, verstreken termijn eerst', columns, waiting, 'Geen aanmeldingen die op uw reactie wachten.'));
  const accepted = items.filter((p) => p.status === 'geaccepteerd');
  main.append(heading2(`Geaccepteerd (${accepted.length})`),
    para('Hier meldt u na het plaatsingsbesluit de start en het einde van de zorg.'),
    table('Geaccepteerde aanmeldingen', columns, accepted, 'Geen geaccepteerde aanmeldingen.'));
  const rest = items.filter((p) => p.status !== 'aangemeld' && p.status !== 'geaccepteerd');
  main.append(heading2(`Afgewezen of geannuleerd (${rest.length})`),
    table('Afgewezen en geannuleerde aanmeldingen', columns, rest, 'Geen afgewezen of geannuleerde aanmeldingen.'));
}
