// session.js - who is logged in, as far as the browser knows: name, role, organisation and
// the CSRF token that every write must carry.
//
// Why sessionStorage: the session itself is an HttpOnly cookie the page cannot read (the
// access issue); the page only keeps what the login answer told it, per tab, gone when the
// tab closes. The login screen calls setSession(), logout and a 401 call clearSession().

const KEY = 'openifzo.sessie';

/** Dutch names of the roles of design.md. */
export const ROLE_LABELS = Object.freeze({
  indiceerder: 'Indiceerder',
  plaatser: 'Plaatser',
  zorgaanbieder: 'Zorgaanbieder',
  functioneel_beheer: 'Functioneel beheer',
  beleid: 'Beleid',
});

function storage() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage refused (privacy settings): the page works without a session
  }
}

/**
 * The current session, or null when nobody is logged in.
 * @returns {{user: {name: string, role: string, organisation?: string}, csrfToken: string}|null}
 */
export function getSession() {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw);
    if (s && s.user && typeof s.user.name === 'string' && typeof s.user.role === 'string') return s;
  } catch {
    /* a damaged entry counts as no session */
  }
  return null;
}

/** Stores the session the login answer describes. */
export function setSession(session) {
  storage()?.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  storage()?.removeItem(KEY);
}

/** The CSRF token for writes, or '' without a session. */
export function csrfToken() {
  return getSession()?.csrfToken ?? '';
}
