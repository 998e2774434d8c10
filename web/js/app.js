// app.js - the page shell: the user slot in the header, the menu for the user's role, and
// client-side navigation between screens (routes.js) without reloading the page.
//
// Accessibility: the skip link is the first stop of the keyboard; after a navigation
// inside the app the focus moves to <main> and the document title names the screen, so
// a screen-reader user hears that the page changed. While a screen loads <main> has
// aria-busy="true"; when it is ready a performance mark 'ifzo:scherm-klaar' is set.
import { api, ApiError } from './api.js';
import { codelists } from './codelists.js';
import { GENERIC_MESSAGE } from './errors.js';
import { h, replaceChildren } from './dom.js';
import { menuFor } from './nav.js';
import { isScreenPath, matchScreen } from './routes.js';
import { clearSession, getSession, ROLE_LABELS } from './session.js';

const main = document.getElementById('inhoud');
let shownPath = null;

function renderUser(session) {
  const slot = document.getElementById('gebruiker');
  if (!session) {
    slot.hidden = true;
    slot.replaceChildren();
    return;
  }
  const { user } = session;
  const role = ROLE_LABELS[user.role] ?? user.role;
  const logout = h('button', { class: 'utrecht-button utrecht-button--subtle ifzo-logout', type: 'button' }, 'Uitloggen');
  logout.addEventListener('click', async () => {
    // The session ends on the server; whatever it answers, this tab forgets it.
    try { await api('DELETE', '/api/session', { onUnauthenticated: () => {} }); } catch { /* ended already */ }
    clearSession();
    navigate('/inloggen?uitgelogd=1');
  });
  replaceChildren(slot, h('span', { class: 'ifzo-user__who' },
    h('span', { class: 'ifzo-user__name' }, user.name), ' — ', role,
    user.organisation ? `, ${user.organisation}` : null), ' ', logout);
  slot.hidden = false;
}

function renderMenu(session, path) {
  const items = menuFor(session ? session.user : null).map((item) =>
    h('li', { class: 'utrecht-nav-list__item' },
      h('a', {
        class: 'utrecht-nav-list__link',
        href: item.path,
        'aria-current': item.path === path ? 'page' : null,
      }, item.label)));
  replaceChildren(document.getElementById('menu'), items);
}

async function show(path, { moveFocus }) {
  shownPath = path;
  const session = getSession();
  renderUser(session);
  renderMenu(session, path);
  main.setAttribute('aria-busy', 'true');
  const { screen, params } = matchScreen(path);
  // Screens for a role need a session; a temporary password must be changed first.
  if (screen.roles && !session) {
    history.replaceState(null, '', `/inloggen?terug=${encodeURIComponent(path + location.search)}`);
    return show('/inloggen', { moveFocus });
  }
  if (session?.user.must_change_password && path !== '/wachtwoord') {
    history.replaceState(null, '', '/wachtwoord');
    return show('/wachtwoord', { moveFocus });
  }
  const allowed = !screen.roles || screen.roles.includes(session.user.role);
  // Most screens of a role show code lists: ask for them (once per page, then from the
  // HTTP cache) while the screen's module loads, not after it.
  if (allowed && screen.roles) codelists().catch(() => {});
  const mod = allowed ? await screen.load() : await import('./screens/geen-toegang.js');
  if (shownPath !== path) return; // the user went on while this screen loaded
  document.title = `${mod.title} — openifzo`;
  main.replaceChildren();
  try {
    await mod.render(main, { params, session, query: new URLSearchParams(location.search), navigate });
  } catch (e) {
    // A screen that cannot load its data says why, in Dutch, instead of staying empty.
    if (shownPath === path) {
      main.append(h('div', { class: 'utrecht-alert utrecht-alert--error', role: 'alert' },
        h('div', { class: 'utrecht-alert__content' },
          h('p', { class: 'utrecht-alert__message utrecht-paragraph' }, e instanceof ApiError ? e.message : GENERIC_MESSAGE))));
    }
  } finally {
    if (shownPath === path) {
      main.setAttribute('aria-busy', 'false');
      // The screen's load time, for the browser tests and for anyone in the DevTools.
      performance.mark('ifzo:scherm-klaar', { detail: path });
    }
  }
  if (moveFocus) main.focus();
}

/** Opens a screen of the app as a new history entry. */
export function navigate(path) {
  history.pushState(null, '', path);
  show(location.pathname, { moveFocus: true });
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !isScreenPath(url.pathname)) return;
  if (url.pathname === location.pathname && url.hash) return; // an anchor on this page
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => {
  if (location.pathname !== shownPath) show(location.pathname, { moveFocus: true });
});

show(location.pathname, { moveFocus: false });
