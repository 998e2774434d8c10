// zorgaanbieders.js - functioneel beheer: the care providers (AGB, admission) and the
// organisation whose users maintain each provider's locations and offer.
import { api, get } from '../api.js';
import { h } from '../dom.js';
import { form, heading, heading2, table } from '../ui.js';
import { allOrganisations, outcome, say } from './beheer.js';

export const title = 'Zorgaanbieders';

export async function render(main) {
  const [page, orgs] = await Promise.all([get('/api/zorgaanbieders?sort=naam&limit=1000'), allOrganisations()]);
  const items = page.items;
  const orgName = (id) => (id ? orgs.find((o) => o.id === id)?.name ?? String(id) : '—');
  const region = outcome();
  const holder = h('div');
  const draw = () => holder.replaceChildren(table('Alle zorgaanbieders', [
    { label: 'Naam', value: (r) => r.naam },
    { label: 'AGB-code', value: (r) => r.agb },
    { label: 'Toelating', value: (r) => (r.toelating ? 'ja' : 'nee') },
    { label: 'Beheerd door', value: (r) => orgName(r.organisation_id) },
  ], items, 'Nog geen zorgaanbieders.'));
  draw();
  main.append(heading(title), region, holder, heading2('Nieuwe zorgaanbieder'),
    form('zorgaanbieder', [
      { name: 'naam', label: 'Naam', required: true },
      { name: 'agb', label: 'AGB-code', required: true, inputmode: 'numeric', hint: 'Acht cijfers.' },
      { name: 'toelating', label: 'Toelating (Wtza)', type: 'checkbox', value: true },
      { name: 'organisation_id', label: 'Organisatie die locaties en aanbod beheert', type: 'select', empty: 'Geen', options: orgs.filter((o) => o.kind === 'zorgaanbieder').map((o) => ({ code: String(o.id), label: o.name })) },
    ], 'Zorgaanbieder toevoegen', async (v, f) => {
      const body = { ...v, organisation_id: v.organisation_id ? Number(v.organisation_id) : null };
      const created = await api('POST', '/api/zorgaanbieders', { body });
      items.push(created);
      draw();
      f.reset();
      say(region, 'ok', `Zorgaanbieder ${created.naam} is toegevoegd.`);
    }));
}
