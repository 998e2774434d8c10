// wachtwoord.js - changing one's own password (PUT /api/session/password); also the screen
// every other screen leads to while the password is temporary (must_change_password).
import { api, get } from '../api.js';
import { getSession, setSession } from '../session.js';
import { alert, form, heading, para } from '../ui.js';

export const title = 'Wachtwoord wijzigen';

export function render(main, { session, query, navigate }) {
  main.append(heading(title));
  if (query.get('gewijzigd')) main.append(alert('ok', 'Uw wachtwoord is gewijzigd.'));
  if (session.user.must_change_password) {
    main.append(alert('warning', 'Uw wachtwoord is tijdelijk. Kies een eigen wachtwoord voordat u verder gaat.'));
  }
  main.append(para('Een wachtwoord heeft minstens 12 tekens. Na de wijziging worden uw andere sessies beëindigd.'));
  main.append(form('wachtwoord', [
    { name: 'current_password', label: 'Huidig wachtwoord', type: 'password', required: true, autocomplete: 'current-password' },
    { name: 'new_password', label: 'Nieuw wachtwoord', type: 'password', required: true, autocomplete: 'new-password', hint: 'Minstens 12 tekens, niet gelijk aan uw gebruikersnaam.' },
  ], 'Wachtwoord wijzigen', async (v, f) => {
    await api('PUT', '/api/session/password', { body: v });
    const s = getSession();
    s.user.must_change_password = false;
    // Before the change the API refused every other read, the organisation's name too.
    if (!s.user.organisation) {
      s.user.organisation = (await get(`/api/organisations/${s.user.organisation_id}`).catch(() => ({}))).name;
    }
    setSession(s);
    f.reset();
    navigate('/wachtwoord?gewijzigd=1');
  }));
}
