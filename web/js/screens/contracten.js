// contracten.js - functioneel beheer: the contracts of care providers with DJI per care
// type and period (only contracted offer is matched).
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import { date, form, heading, heading2, opt, table } from '../ui.js';
import { outcome, say } from './beheer.js';

export const title = 'Contracten';

export async function render(main) {
  const [page, providers, lists] = await Promise.all([
    get('/api/contracten?sort=geldig_van&order=desc&limit=1000'), get('/api/zorgaanbieders?sort=naam&limit=1000'), codelists()]);
  const items = page.items;
  const name = (id) => providers.items.find((p) => p.id === id)?.naam ?? String(id);
  const region = outcome();
  const holder = h('div');
  const draw = () => holder.replaceChildren(table('Alle contracten', [
    { label: 'Zorgaanbieder', value: (r) => name(r.zorgaanbieder_id) },
    { label: 'Zorgtype', value: (r) => labelOf(lists, 'zorgtype', r.zorgtype) },
    { label: 'Geldig van', value: (r) => date(r.geldig_van) },
    { label: 'Geldig tot en met', value: (r) => (r.geldig_tot ? date(r.geldig_tot) : 'onbepaald') },
  ], items, 'Nog geen contracten.'));
  draw();
  main.append(heading(title), region, holder, heading2('Nieuw contract'),
    form('contract', [
      { name: 'zorgaanbieder_id', label: 'Zorgaanbieder', type: 'select', required: true, empty: 'Kies…', options: providers.items.map((p) => ({ code: String(p.id), label: p.naam })) },
      { name: 'zorgtype', label: 'Zorgtype', type: 'select', required: true, empty: 'Kies…', options: lists.zorgtype.entries },
      { name: 'geldig_van', label: 'Geldig van', type: 'date', required: true },
      { name: 'geldig_tot', label: 'Geldig tot en met', type: 'date', hint: 'Leeg: onbepaalde tijd.' },
    ], 'Contract toevoegen', async (v, f) => {
      const body = { ...v, zorgaanbieder_id: Number(v.zorgaanbieder_id) || 0, geldig_tot: opt(v.geldig_tot) };
      const created = await api('POST', '/api/contracten', { body });
      items.unshift(created);
      draw();
      f.reset();
      say(region, 'ok', `Het contract voor ${name(created.zorgaanbieder_id)} is toegevoegd.`);
    }));
}
