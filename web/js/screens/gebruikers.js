// gebruikers.js - functioneel beheer: users, a new user with a temporary password that is
// shown once (the API keeps only its hash), blocking a user and a reset (new temporary
// password, second factor cleared, sessions ended).
import { api, get } from '../api.js';
import { h } from '../dom.js';
import { ROLE_LABELS } from '../session.js';
import { form, heading, heading2, table } from '../ui.js';
import { allOrganisations, outcome, rowButton, say } from './beheer.js';

export const title = 'Gebruikers';

async function allUsers() {
  const out = [];
  let after = 0;
  for (;;) {
    const page = await get(`/api/users?after=${after}&limit=1000`);
    out.push(...page.items);
    if (!page.next_after || page.items.length === 0) return out;
    after = page.next_after;
  }
}

function shownOnce(region, what, u, password) {
  say(region, 'ok', `${what} Het tijdelijke wachtwoord van ${u.username} is `,
    h('code', { class: 'ifzo-secret' }, password),
    '. Het wordt maar één keer getoond; geef het veilig door. Bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord.');
}

export async function render(main, { session }) {
  const [users, orgs] = await Promise.all([allUsers(), allOrganisations()]);
  const orgName = (id) => orgs.find((o) => o.id === id)?.name ?? String(id);
  const region = outcome();
  const holder = h('div');
  const draw = () => holder.replaceChildren(table('Alle gebruikers', [
    { label: 'Gebruikersnaam', value: (r) => r.username },
    { label: 'Naam', value: (r) => r.display_name },
    { label: 'Rol', value: (r) => ROLE_LABELS[r.role] ?? r.role },
    { label: 'Organisatie', value: (r) => orgName(r.organisation_id) },
    { label: 'Status', value: (r) => (r.disabled ? 'Geblokkeerd' : r.must_change_password ? 'Tijdelijk wachtwoord' : 'Actief') },
    {
      label: 'Acties',
      value: (r) => h('div', { class: 'utrecht-button-group' },
        r.disabled || r.id === session.user.id ? null : rowButton('Blokkeren', region, async () => {
          const answer = await api('POST', `/api/users/${r.id}/disable`);
          Object.assign(r, answer?.user ?? answer ?? {}, { disabled: true });
          draw();
          say(region, 'ok', `${r.username} is geblokkeerd; alle sessies zijn beëindigd.`);
        }, { accessibleName: `${r.username} blokkeren` }),
        r.disabled || r.id === session.user.id ? null : rowButton('Herstellen', region, async () => {
          const answer = await api('POST', `/api/users/${r.id}/reset`);
          Object.assign(r, answer.user);
          draw();
          shownOnce(region, `${r.username} is hersteld.`, r, answer.temporary_password);
        }, { accessibleName: `${r.username} herstellen met een nieuw tijdelijk wachtwoord` })),
    },
  ], users));
  draw();
  main.append(heading(title), region, holder, heading2('Nieuwe gebruiker'),
    form('gebruiker', [
      { name: 'username', label: 'Gebruikersnaam', required: true, autocomplete: 'off', hint: 'Kleine letters, cijfers, punten en streepjes; 3 tot 64 tekens.' },
      { name: 'display_name', label: 'Naam', required: true, autocomplete: 'off' },
      { name: 'role', label: 'Rol', type: 'select', required: true, empty: 'Kies…', options: Object.entries(ROLE_LABELS).map(([code, label]) => ({ code, label })) },
      { name: 'organisation_id', label: 'Organisatie', type: 'select', required: true, empty: 'Kies…', options: orgs.map((o) => ({ code: String(o.id), label: o.name })), hint: 'De rol moet passen bij de soort organisatie.' },
    ], 'Gebruiker aanmaken', async (v, f) => {
      const answer = await api('POST', '/api/users', { body: { ...v, organisation_id: Number(v.organisation_id) || 0 } });
      users.push(answer.user);
      draw();
      f.reset();
      shownOnce(region, `Gebruiker ${answer.user.username} is aangemaakt.`, answer.user, answer.temporary_password);
    }));
}
