// inloggen.js - logging in: username and password, the code of the authenticator app when
// the API asks for it (totp_required), and the enrolment of a new app (the API's QR code
// image and secret) when the organisation requires a second factor the user has not set up.
// After login the page keeps what the answer says (session.js) and goes back to where the
// user came from, or to the password screen when the password is temporary.
import { api, get } from '../api.js';
import { h } from '../dom.js';
import { setSession } from '../session.js';
import { alert, field, form, heading, para } from '../ui.js';

export const title = 'Inloggen';

/** The session the page keeps: the answer's user with the organisation's name. */
export async function keepSession(answer) {
  const u = answer.user;
  setSession({
    user: {
      id: u.id, name: u.display_name, role: u.role, organisation_id: u.organisation_id,
      must_change_password: Boolean(u.must_change_password),
    },
    csrfToken: answer.csrf_token,
  });
  try {
    const org = await get(`/api/organisations/${u.organisation_id}`);
    setSession({
      user: {
        id: u.id, name: u.display_name, role: u.role, organisation_id: u.organisation_id,
        organisation: org.name, must_change_password: Boolean(u.must_change_password),
      },
      csrfToken: answer.csrf_token,
    });
  } catch {
    /* the header then shows no organisation name; the session itself is fine */
  }
}

/** Only a path of this site (never another site) is a place to go back to. */
function backPath(query) {
  const t = query.get('terug') ?? '';
  return t.startsWith('/') && !t.startsWith('//') && !t.startsWith('/inloggen') ? t : '/';
}

export function render(main, { query, navigate }) {
  main.append(heading(title));
  if (query.get('uitgelogd')) main.append(alert('ok', 'U bent uitgelogd.'));
  const totpSlot = h('div', { class: 'ifzo-totp' });
  let askTotp = false;
  const f = form('inloggen', [
    { name: 'username', label: 'Gebruikersnaam', required: true, autocomplete: 'username' },
    { name: 'password', label: 'Wachtwoord', type: 'password', required: true, autocomplete: 'current-password' },
    totpSlot,
  ], 'Inloggen', async (v) => {
    const body = { username: v.username, password: v.password };
    if (askTotp && v.totp) body.totp = v.totp;
    let answer;
    try {
      answer = await api('POST', '/api/session', { body, onUnauthenticated: () => {} });
    } catch (e) {
      if (['totp_required', 'totp_invalid', 'totp_enrolment_required'].includes(e.code)) {
        showTotp(e.code === 'totp_enrolment_required' ? e.body?.totp_enrolment : null);
        // A first request for the code is a question, not a mistake.
        if (e.code === 'totp_required' && !v.totp) {
          f.querySelector('[name="totp"]').focus();
          return;
        }
      }
      throw e;
    }
    await keepSession(answer);
    navigate(answer.user.must_change_password ? '/wachtwoord' : backPath(query));
  });

  function showTotp(enrolment) {
    const had = f.querySelector('[name="totp"]');
    if (had && !enrolment) return;
    askTotp = true;
    const parts = [];
    if (enrolment) {
      parts.push(
        para('Uw organisatie vraagt een tweede factor. Scan de QR-code met uw authenticator-app (of voer de sleutel in) en vul de code in die de app toont.'),
        enrolment.qr ? h('img', { class: 'ifzo-qr', src: enrolment.qr, alt: 'QR-code om openifzo toe te voegen aan uw authenticator-app', width: 200, height: 200 }) : null,
        para('Sleutel: ', h('code', { class: 'ifzo-secret' }, enrolment.secret)),
      );
    }
    parts.push(field('inloggen', {
      name: 'totp', label: 'Code uit de authenticator-app', required: true,
      autocomplete: 'one-time-code', inputmode: 'numeric', hint: 'Zes cijfers.',
    }));
    totpSlot.replaceChildren(...parts);
  }
  main.append(f);
}
