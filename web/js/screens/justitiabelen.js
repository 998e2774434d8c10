// justitiabelen.js - the indiceerder's list of clients: search by BSN or surname (the API's
// exact filters) and the way to register a new client. Every search is in the access log.
import { get } from '../api.js';
import { h } from '../dom.js';
import { codelists, labelOf } from '../codelists.js';
import { alert, date, form, heading, link, messageOf, para, table } from '../ui.js';

export const title = 'Justitiabelen';

export async function render(main, { query, navigate }) {
  main.append(heading(title),
    para(h('a', { class: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action', href: '/justitiabelen/nieuw' }, 'Nieuwe justitiabele')));
  const bsn = query.get('bsn') ?? '';
  const achternaam = query.get('achternaam') ?? '';
  main.append(form('zoeken', [
    { name: 'bsn', label: 'Burgerservicenummer', value: bsn, inputmode: 'numeric' },
    { name: 'achternaam', label: 'Achternaam', value: achternaam },
  ], 'Zoeken', async (v) => {
    const q = new URLSearchParams();
    if (v.bsn) q.set('bsn', v.bsn);
    if (v.achternaam) q.set('achternaam', v.achternaam);
    navigate(`/justitiabelen${q.size ? `?${q}` : ''}`);
  }));
  const q = new URLSearchParams({ limit: '50', sort: 'id', order: 'desc' });
  if (bsn) q.set('bsn', bsn);
  if (achternaam) q.set('achternaam', achternaam);
  try {
    const [page, lists] = await Promise.all([get(`/api/justitiabelen?${q}`), codelists()]);
    main.append(table(bsn || achternaam ? `Gevonden justitiabelen (${page.total})` : `Laatst geregistreerde justitiabelen (${page.total})`, [
      { label: 'Naam', value: (r) => link(`/justitiabelen/${r.id}`, `${r.achternaam}${r.voornamen ? `, ${r.voornamen}` : ''}`) },
      { label: 'Geboortedatum', value: (r) => date(r.geboortedatum) },
      { label: 'BSN', value: (r) => r.bsn },
      { label: 'Geslacht', value: (r) => labelOf(lists, 'geslacht', r.geslacht) },
      { label: 'Postcode', value: (r) => r.postcode },
    ], page.items, 'Geen justitiabelen gevonden.'));
  } catch (e) {
    main.append(alert('error', messageOf(e)));
  }
}
