// indicatie.js - one indication: its fields for its care type (change with If-Match),
// concept -> definitief (POST .../definitief; the API names the first missing field), and
// the version history (a change to a definitive indication adds a version, decision 21).
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import {
  alert, button, date, etag, form, heading, heading2, link, para, showError, stamp, table,
} from '../ui.js';
import { indicationBody, indicationFields } from './indicatie-form.js';

export const title = 'Indicatiestelling';

const STATUS = { concept: 'Concept', definitief: 'Definitief', vervangen: 'Vervangen' };

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const [ind, lists, versions] = await Promise.all([
    get(`/api/indicaties/${id}`), codelists(), get(`/api/indicaties/${id}/versies`)]);
  const client = await get(`/api/justitiabelen/${ind.justitiabele_id}`);
  main.append(
    heading(`Indicatiestelling ${labelOf(lists, 'zorgtype', ind.zorgtype)}`),
    para('Justitiabele: ', link(`/justitiabelen/${client.id}`, `${client.achternaam}${client.voornamen ? `, ${client.voornamen}` : ''}`),
      ` · status: `, h('span', { class: 'utrecht-badge-status ifzo-status' }, STATUS[ind.status] ?? ind.status),
      ` · versie ${ind.versie}`, ind.termijn ? ` · termijn ${date(ind.termijn)}` : ''),
  );
  if (query.get('opgeslagen')) main.append(alert('ok', 'De indicatiestelling is opgeslagen.'));
  if (query.get('definitief')) main.append(alert('ok', 'De indicatiestelling is definitief.'));

  if (ind.status === 'concept') {
    const fin = h('form', { class: 'ifzo-form', id: 'definitief', novalidate: true },
      h('div', { class: 'ifzo-form-status' }),
      para('Is alles ingevuld? Maak de indicatiestelling dan definitief; daarna kan de plaatser ermee verder.'),
      button('Definitief maken', { kind: 'secondary' }));
    fin.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('POST', `/api/indicaties/${id}/definitief`, { ifMatch: etag(ind.version) });
        navigate(`/indicaties/${ind.id}?definitief=1`);
      } catch (e) {
        // A missing field is named by the API: show it next to that field of the form below.
        const target = e.field && edit.querySelector(`[name="${CSS.escape(e.field)}"]`) ? edit : fin;
        showError(target, e);
      }
    });
    main.append(fin);
  }

  main.append(heading2(ind.status === 'definitief' ? 'Wijzigen (maakt een nieuwe versie)' : 'Gegevens'));
  const edit = form('indicatie', indicationFields('indicatie', lists, ind), 'Wijzigingen opslaan', async (v) => {
    const body = indicationBody(v, lists, { indicerende_organisatie_id: ind.indicerende_organisatie_id });
    await api('PUT', `/api/indicaties/${id}`, { body, ifMatch: etag(ind.version) });
    navigate(`/indicaties/${ind.id}?opgeslagen=1`);
  });
  main.append(edit);

  main.append(heading2('Versiegeschiedenis'), table('Alle versies, oudste eerst', [
    { label: 'Versie', value: (r) => String(r.versie) },
    { label: 'Status', value: (r) => STATUS[r.status] ?? r.status },
    { label: 'Zorgtype', value: (r) => labelOf(lists, 'zorgtype', r.zorgtype) },
    { label: 'Urgentie', value: (r) => labelOf(lists, 'urgentie', r.urgentie) },
    { label: 'Vastgelegd', value: (r) => stamp(r.created_at ?? r.updated_at) },
  ], versions.items));
}
