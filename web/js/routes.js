// routes.js - which screen answers which address, as data. Feature branches add a line
// per screen (and its menu entry in nav.js); '/clienten/:id' style parameters are passed
// to the screen. Screens are ES modules loaded when first shown.
export const SCREENS = Object.freeze([
  { pattern: '/', load: () => import('./screens/start.js') },
  { pattern: '/over', load: () => import('./screens/over.js') },
]);

const NOT_FOUND = { pattern: null, load: () => import('./screens/niet-gevonden.js') };

/** The screen for a path and its parameters; the "niet gevonden" screen when none fits. */
export function matchScreen(path) {
  const parts = path.split('/').filter(Boolean);
  for (const screen of SCREENS) {
    const want = screen.pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(parts[i]);
      else ok = want[i] === parts[i];
    }
    if (ok) return { screen, params };
  }
  return { screen: NOT_FOUND, params: {} };
}

/** Whether a same-origin path is a screen of this front end (not the API, not a file). */
export function isScreenPath(path) {
  if (path.startsWith('/api/') || path === '/api' || path === '/healthz' || path === '/metrics') return false;
  const last = path.split('/').pop();
  return !last.includes('.');
}
