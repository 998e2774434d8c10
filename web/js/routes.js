// routes.js - which screen answers which address, as data. Feature branches add a line
// per screen (and its menu entry in nav.js); '/clienten/:id' style parameters are passed
// to the screen. Screens are ES modules loaded when first shown. roles: who may open the
// screen (absent: everyone); without a session such a screen sends the user to /inloggen.
const BEHEER = ['functioneel_beheer'];
const ALL = ['indiceerder', 'plaatser', 'zorgaanbieder', 'functioneel_beheer', 'beleid'];

// A screen whose own imports index.html does not preload: the shell fetches them together
// with the screen instead of one round trip after it. tests/web/shell.test.mjs keeps each
// list equal to what the screen imports.
function withDeps(file, ...deps) {
  const load = () => {
    for (const d of deps) import(d).catch(() => {}); // the screen's own import reports errors
    return import(file);
  };
  return Object.assign(load, { file, deps });
}

export const SCREENS = Object.freeze([
  { pattern: '/', load: () => import('./screens/start.js') },
  { pattern: '/over', load: () => import('./screens/over.js') },
  { pattern: '/inloggen', load: () => import('./screens/inloggen.js') },
  { pattern: '/wachtwoord', load: () => import('./screens/wachtwoord.js'), roles: ALL },
  { pattern: '/justitiabelen', load: () => import('./screens/justitiabelen.js'), roles: ['indiceerder'] },
  { pattern: '/justitiabelen/nieuw', load: withDeps('./screens/justitiabele-nieuw.js', './screens/justitiabele-form.js'), roles: ['indiceerder'] },
  { pattern: '/justitiabelen/:id', load: withDeps('./screens/justitiabele.js', './screens/justitiabele-form.js'), roles: ['indiceerder'] },
  { pattern: '/justitiabelen/:id/indicatie-nieuw', load: withDeps('./screens/indicatie-nieuw.js', './screens/indicatie-form.js', './criteria.js'), roles: ['indiceerder'] },
  { pattern: '/indicaties/:id', load: withDeps('./screens/indicatie.js', './screens/indicatie-form.js', './criteria.js'), roles: ['indiceerder'] },
  { pattern: '/locaties', load: withDeps('./screens/locaties.js', './screens/locatie-form.js', './screens/mijn-aanbieder.js'), roles: ['zorgaanbieder'] },
  { pattern: '/locaties/:id', load: withDeps('./screens/locatie.js', './screens/aanbod-form.js', './screens/locatie-form.js', './criteria.js'), roles: ['zorgaanbieder'] },
  { pattern: '/aanbod/:id', load: withDeps('./screens/aanbod.js', './screens/aanbod-form.js', './criteria.js'), roles: ['zorgaanbieder'] },
  { pattern: '/werklijst', load: withDeps('./screens/werklijst.js', './screens/plaatsing-data.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/nieuw', load: withDeps('./screens/plaatsingsverzoek-nieuw.js', './screens/beheer.js', './screens/plaatsing-data.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/:id', load: withDeps('./screens/plaatsingsverzoek.js', './screens/plaatsing-data.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/:id/voorstel', load: withDeps('./screens/voorstel.js', './criteria.js', './screens/plaatsing-data.js'), roles: ['plaatser'] },
  { pattern: '/plaatsingsverzoeken/:id/aanmelden', load: withDeps('./screens/aanmelden.js', './screens/plaatsing-data.js'), roles: ['plaatser'] },
  { pattern: '/aanmeldingen', load: withDeps('./screens/aanmeldingen.js', './screens/plaatsing-data.js'), roles: ['zorgaanbieder'] },
  { pattern: '/aanmeldingen/:id', load: withDeps('./screens/aanmelding.js', './screens/plaatsing-data.js'), roles: ['zorgaanbieder'] },
  { pattern: '/beheer/organisaties', load: withDeps('./screens/organisaties.js', './screens/beheer.js'), roles: BEHEER },
  { pattern: '/beheer/gebruikers', load: withDeps('./screens/gebruikers.js', './screens/beheer.js'), roles: BEHEER },
  { pattern: '/beheer/tokens', load: withDeps('./screens/tokens.js', './screens/beheer.js'), roles: BEHEER },
  { pattern: '/beheer/zorgaanbieders', load: withDeps('./screens/zorgaanbieders.js', './screens/beheer.js'), roles: BEHEER },
  { pattern: '/beheer/contracten', load: withDeps('./screens/contracten.js', './screens/beheer.js'), roles: BEHEER },
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
