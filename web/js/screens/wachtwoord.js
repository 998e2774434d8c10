// wachtwoord.js - changing one's own password (PUT /api/session/password); also the screen
// every other screen leads to while the password is temporary (must_change_password).
import { api } from '../api.js';
import { getSession, setSession } from '../session.js';
import { alert, form, heading, para } from '../ui.js';

export const title = 'Wachtwoord wijzigen';

export function render(main, { session }) {
  main.append(heading(title));
  if (session.user.must_change_password) {
    main.append(alert('warning', 'Uw wachtwoord is tijdelijk. Kies een eigen wachtwoord voordat u verder gaat.'));
  }
  main.append(para('Een wachtwoord heeft minstens 12 tekens. Na de wijziging worden uw andere sessies beëindigd.'));
  const done = document.createElement('div');
  main.append(done, form('wachtwoord', [
    { name: 'current_password', label: 'Huidig wachtwoord', type: 'password', required: true, autocomplete: 'current-password' },
    { name: 'new_password', label: 'Nieuw wachtwoord', type: 'password', required: true, autocomplete: 'new-password', hint: 'Minstens 12 tekens, niet gelijk aan uw gebruikersnaam.' },
  ], 'Wachtwoord wijzigen', async (v, f) => {
    await api('PUT', '/api/session/password', { body: v });
    const s = getSession();
    s.user.must_change_password = false;
    setSession(s);
    f.reset();
    done.replaceChildren(alert('ok', 'Uw wachtwoord is gewijzigd.'));
  }));
}
