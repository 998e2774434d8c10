// organisaties.js - functioneel beheer: the organisations (their kind decides which roles
// their users may have) and a form to add one.
import { api } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { form, heading, heading2, table } from '../ui.js';
import { allOrganisations, outcome, say } from './beheer.js';

export const title = 'Organisaties';

export async function render(main) {
  const [orgs, lists] = await Promise.all([allOrganisations(), codelists()]);
  const region = outcome();
  const list = () => table('Alle organisaties', [
    { label: 'Nummer', value: (r) => String(r.id) },
    { label: 'Naam', value: (r) => r.name },
    { label: 'Soort', value: (r) => labelOf(lists, 'organisatiesoort', r.kind) },
    { label: 'Tweede factor verplicht', value: (r) => (r.totp_required ? 'ja' : 'nee') },
  ], orgs);
  let shown = list();
  main.append(heading(title), region, shown, heading2('Nieuwe organisatie'),
    form('organisatie', [
      { name: 'name', label: 'Naam', required: true },
      { name: 'kind', label: 'Soort', type: 'select', required: true, empty: 'Kies…', options: lists.organisatiesoort.entries },
      { name: 'totp_required', label: 'Tweede factor (authenticator-app) verplicht', type: 'select', required: true, value: '', empty: 'Standaard: alleen bij DJI', options: [{ code: 'ja', label: 'Ja' }, { code: 'nee', label: 'Nee' }] },
    ], 'Organisatie toevoegen', async (v, f) => {
      const body = { name: v.name, kind: v.kind };
      if (v.totp_required) body.totp_required = v.totp_required === 'ja';
      const created = await api('POST', '/api/organisations', { body });
      orgs.push(created);
      const next = list();
      shown.replaceWith(next);
      shown = next;
      f.reset();
      say(region, 'ok', `Organisatie ${created.name} is toegevoegd (nummer ${created.id}).`);
    }));
}
