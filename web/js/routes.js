// routes.js - which screen answers which address, as data. Feature branches add a line
// per screen (and its menu entry in nav.js); '/clienten/:id' style parameters are passed
// to the screen. Screens are ES modules loaded when first shown. roles: who may open the
// screen (absent: everyone); without a session such a screen sends the user to /inloggen.
const BEHEER = ['functioneel_beheer'];
const ALL = ['indiceerder', 'plaatser', 'zorgaanbieder', 'functioneel_beheer', 'beleid'];

export const SCREENS = Object.freeze([
  { pattern: '/', load: () => import('./screens/start.js') },
  { pattern: '/over', load: () => import('./screens/over.js') },
  { pattern: '/inloggen', load: () => import('./screens/inloggen.js') },
  { pattern: '/wachtwoord', load: () => import('./screens/wachtwoord.js'), roles: ALL },
  { pattern: '/justitiabelen', load: () => import('./screens/justitiabelen.js'), roles: ['indiceerder'] },
  { pattern: '/justitiabelen/nieuw', load: () => import('./screens/justitiabele-nieuw.js'), roles: ['indiceerder'] },
  { pattern: '/justitiabelen/:id', load: () => import('./screens/justitiabele.js'), roles: ['indiceerder'] },
  { pattern: '/justitiabelen/:id/indicatie-nieuw', load: () => import('./screens/indicatie-nieuw.js'), roles: ['indiceerder'] },
  { pattern: '/indicaties/:id', load: () => import('./screens/indicatie.js'), roles: ['indiceerder'] },
  { pattern: '/locaties', load: () => import('./screens/locaties.js'), roles: ['zorgaanbieder'] },
  { pattern: '/locaties/:id', load: () => import('./screens/locatie.js'), roles: ['zorgaanbieder'] },
  { pattern: '/aanbod/:id', load: () => import('./screens/aanbod.js'), roles: ['zorgaanbieder'] },
  { pattern: '/werklijst', load: () => import('./screens/werklijst.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/nieuw', load: () => import('./screens/plaatsingsverzoek-nieuw.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/:id', load: () => import('./screens/plaatsingsverzoek.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/:id/voorstel', load: () => import('./screens/voorstel.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/:id/aanmelden', load: () => import('./screens/aanmelden.js'), roles: ['plaatser'] },
  { pattern: '/aanmeldingen', load: () => import('./screens/aanmeldingen.js'), roles: ['zorgaanbieder'] },
  { pattern: '/aanmeldingen/:id', load: () => import('./screens/aanmelding.js'), roles: ['zorgaanbieder'] },
  { pattern: '/beheer/organisaties', load: () => import('./screens/organisaties.js'), roles: BEHEER },
  { pattern: '/beheer/gebruikers', load: () => import('./screens/gebruikers.js'), roles: BEHEER },
  { pattern: '/beheer/tokens', load: () => import('./screens/tokens.js'), roles: BEHEER },
  { pattern: '/beheer/zorgaanbieders', load: () => import('./screens/zorgaanbieders.js'), roles: BEHEER },
  { pattern: '/beheer/contracten', load: () => import('./screens/contracten.js'), roles: BEHEER },
  { pattern: '/beheer/toegangslog', load: () => import('./screens/toegangslog.js'), roles: BEHEER },
  { pattern: '/monitor', load: () => import('./screens/monitor.js'), roles: ['beleid', 'functioneel_beheer'] },
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
