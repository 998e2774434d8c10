// werklijst.js - the plaatser's work list: the placement requests of the own organisation by
// status, with first the ones that need attention now: a referral whose reply term has
// passed (te_laat) and an end-of-care notice that came in late (einde_te_laat).
//
// Load time: one call for the requests (with their attempts and the client's name), the
// code lists and the location names (two list calls, cached per page): four calls in
// parallel, whatever the length of the list. (A first version read each client's name with
// its own call, each writing the access log: 20 requests took over half a second.)
import { get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import {
  date, form, heading, heading2, link, para, table,
} from '../ui.js';
import {
  badge, clientName, locationLabel, offerNames, overdueBadge, VERZOEK_STATUS,
} from './plaatsing-data.js';

export const title = 'Werklijst';

const overdue = (v) => v.pogingen.some((p) => p.te_laat);
const urgent = (v) => overdue(v) || v.einde_te_laat;

export async function render(main, { query, navigate }) {
  const status = query.get('status') ?? '';
  main.append(heading(title),
    para(h('a', { class: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action', href: '/plaatsingsverzoeken/nieuw' }, 'Nieuw plaatsingsverzoek')),
    form('filter', [
      { name: 'status', label: 'Status', type: 'select', value: status, empty: 'Alle statussen', options: Object.entries(VERZOEK_STATUS).map(([code, label]) => ({ code, label })) },
    ], 'Toon', async (v) => navigate(`/werklijst${v.status ? `?status=${encodeURIComponent(v.status)}` : ''}`)));

  const [page, lists, names] = await Promise.all([
    get(`/api/plaatsingsverzoeken${status ? `?status=${encodeURIComponent(status)}` : ''}`), codelists(), offerNames()]);
  const items = page.items;
  // Urgent first (overdue referrals, then late notices), otherwise newest first as the API gives.
  items.sort((a, b) => (overdue(b) - overdue(a)) || (b.einde_te_laat - a.einde_te_laat));
  const columns = [
    { label: 'Verzoek', value: (v) => link(`/plaatsingsverzoeken/${v.id}`, `Verzoek ${v.id}`) },
    { label: 'Justitiabele', value: (v) => (v.justitiabele ? clientName(v.justitiabele) : `justitiabele ${v.justitiabele_id}`) },
    { label: 'Zorgtype', value: (v) => labelOf(lists, 'zorgtype', v.zorgtype) },
    { label: 'Status', value: (v) => VERZOEK_STATUS[v.status] ?? v.status },
    { label: 'Aangemaakt', value: (v) => date(v.aangemaakt_op) },
    {
      label: 'Lopende aanmelding',
      value: (v) => {
        const open = v.pogingen.filter((p) => p.status === 'aangemeld');
        if (open.length === 0) return '—';
        return h('span', {}, open.map((p, i) => [i ? '; ' : '', locationLabel(names, p.zorglocatie_id),
          p.termijn ? `, reactie vóór ${date(p.termijn)}` : '']));
      },
    },
    {
      label: 'Signaal',
      value: (v) => h('span', {}, overdue(v) ? overdueBadge() : null, ' ',
        v.einde_te_laat ? badge('Einde zorg te laat gemeld', 'warning') : null),
    },
  ];

  const attention = items.filter(urgent);
  if (attention.length) {
    main.append(heading2(`Vraagt aandacht (${attention.length})`),
      table('Verzoeken met een verstreken reactietermijn of een te laat gemeld einde zorg', columns, attention));
  }
  const order = status ? [status] : Object.keys(VERZOEK_STATUS);
  let any = false;
  for (const st of order) {
    const rows = items.filter((v) => v.status === st && !urgent(v));
    if (rows.length === 0) continue;
    any = true;
    main.append(heading2(`${VERZOEK_STATUS[st]} (${rows.length})`), table(`Plaatsingsverzoeken met status ${VERZOEK_STATUS[st].toLowerCase()}`, columns, rows));
  }
  if (!any && attention.length === 0) main.append(para('Er zijn geen plaatsingsverzoeken.'));
}
