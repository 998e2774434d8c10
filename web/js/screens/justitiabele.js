// justitiabele.js - one client: the data (change with If-Match), the indications with their
// status, and the way to a new indication.
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import {
  alert, date, etag, form, heading, heading2, link, para, table,
} from '../ui.js';
import { clientBody, clientFields } from './justitiabele-form.js';

export const title = 'Justitiabele';

const STATUS = { concept: 'Concept', definitief: 'Definitief', vervangen: 'Vervangen' };

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const [c, lists, inds] = await Promise.all([
    get(`/api/justitiabelen/${id}`), codelists(),
    get(`/api/indicaties?justitiabele_id=${id}&sort=id&order=desc`)]);
  main.append(heading(`${c.achternaam}${c.voornamen ? `, ${c.voornamen}` : ''}`),
    para(`Geboren ${date(c.geboortedatum)} · BSN ${c.bsn} · ${labelOf(lists, 'geslacht', c.geslacht)} · postcode ${c.postcode}`));
  if (query.get('nieuw')) main.append(alert('ok', 'De justitiabele is geregistreerd.'));
  if (query.get('opgeslagen')) main.append(alert('ok', 'De wijziging is opgeslagen.'));

  main.append(heading2('Indicatiestellingen'),
    table('Indicatiestellingen van deze justitiabele', [
      { label: 'Zorgtype', value: (r) => link(`/indicaties/${r.id}`, labelOf(lists, 'zorgtype', r.zorgtype)) },
      { label: 'Status', value: (r) => STATUS[r.status] ?? r.status },
      { label: 'Versie', value: (r) => String(r.versie) },
      { label: 'Aanmelddatum', value: (r) => date(r.aanmelddatum) },
      { label: 'Urgentie', value: (r) => labelOf(lists, 'urgentie', r.urgentie) },
    ], inds.items, 'Nog geen indicatiestellingen.'),
    para(h('a', { class: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action', href: `/justitiabelen/${c.id}/indicatie-nieuw` }, 'Nieuwe indicatiestelling')));

  main.append(heading2('Gegevens wijzigen'), form('justitiabele', await clientFields(c), 'Wijzigingen opslaan', async (v) => {
    await api('PUT', `/api/justitiabelen/${id}`, { body: clientBody(v), ifMatch: etag(c.version) });
    navigate(`/justitiabelen/${c.id}?opgeslagen=1`);
  }));
}
