// tokens.js - functioneel beheer: bearer tokens of provider software. A new token is shown
// once (only its hash is stored); revoking one makes its next request answer 401.
import { api, get } from '../api.js';
import { h } from '../dom.js';
import { form, heading, heading2, stamp, table } from '../ui.js';
import { allOrganisations, outcome, rowButton, say } from './beheer.js';

export const title = 'API-tokens';

export async function render(main) {
  const [page, orgs] = await Promise.all([get('/api/tokens?limit=1000'), allOrganisations()]);
  const tokens = page.items;
  const providers = orgs.filter((o) => o.kind === 'zorgaanbieder');
  const orgName = (id) => orgs.find((o) => o.id === id)?.name ?? String(id);
  const region = outcome();
  const holder = h('div');
  const draw = () => holder.replaceChildren(table('Alle API-tokens', [
    { label: 'Naam', value: (r) => r.name },
    { label: 'Zorgaanbieder', value: (r) => orgName(r.organisation_id) },
    { label: 'Aangemaakt', value: (r) => `${stamp(r.created_at)} door ${r.created_by}` },
    { label: 'Ingetrokken', value: (r) => (r.revoked_at ? stamp(r.revoked_at) : 'nee') },
    {
      label: 'Acties',
      value: (r) => (r.revoked_at ? '' : rowButton('Intrekken', region, async () => {
        await api('DELETE', `/api/tokens/${r.id}`);
        r.revoked_at = new Date().toISOString();
        draw();
        say(region, 'ok', `Token ${r.name} is ingetrokken.`);
      }, { kind: 'secondary', accessibleName: `Token ${r.name} intrekken` })),
    },
  ], tokens, 'Nog geen API-tokens.'));
  draw();
  main.append(heading(title), region, holder, heading2('Nieuw API-token'),
    form('token', [
      { name: 'organisation_id', label: 'Zorgaanbieder (organisatie)', type: 'select', required: true, empty: 'Kies…', options: providers.map((o) => ({ code: String(o.id), label: o.name })) },
      { name: 'name', label: 'Naam van het token', required: true, autocomplete: 'off', hint: 'Bijvoorbeeld de naam van het systeem dat het gebruikt.' },
    ], 'Token aanmaken', async (v, f) => {
      const created = await api('POST', '/api/tokens', { body: { name: v.name, organisation_id: Number(v.organisation_id) || 0 } });
      const { token, ...rest } = created;
      tokens.push(rest);
      draw();
      f.reset();
      say(region, 'ok', `Token ${created.name} is aangemaakt: `, h('code', { class: 'ifzo-secret' }, token),
        '. Het wordt maar één keer getoond; zet het nu in de software van de zorgaanbieder.');
    }));
}
