// nav.js - the main menu per role, as data.
//
// Why data: each feature branch adds its screens here with the roles that may see them,
// and the menu shows only what exists for the logged-in role. No entry is listed before
// its screen exists: a menu must not lead to a dead end.
//
// roles: null means everyone (also without login), 'anoniem' only without login; otherwise
// the role codes of design.md.
const ALL = ['indiceerder', 'plaatser', 'zorgaanbieder', 'functioneel_beheer', 'beleid'];
const BEHEER = ['functioneel_beheer'];

export const MENU = Object.freeze([
  { path: '/', label: 'Start', roles: null },
  { path: '/justitiabelen', label: 'Justitiabelen', roles: ['indiceerder'] },
  { path: '/werklijst', label: 'Werklijst', roles: ['plaatser'] },
  { path: '/plaatsingsverzoeken/nieuw', label: 'Nieuw plaatsingsverzoek', roles: ['plaatser'] },
  { path: '/aanmeldingen', label: 'Aanmeldingen', roles: ['zorgaanbieder'] },
  { path: '/locaties', label: 'Locaties en zorgaanbod', roles: ['zorgaanbieder'] },
  { path: '/beheer/organisaties', label: 'Organisaties', roles: BEHEER },
  { path: '/beheer/gebruikers', label: 'Gebruikers', roles: BEHEER },
  { path: '/beheer/tokens', label: 'API-tokens', roles: BEHEER },
  { path: '/beheer/zorgaanbieders', label: 'Zorgaanbieders', roles: BEHEER },
  { path: '/beheer/contracten', label: 'Contracten', roles: BEHEER },
  { path: '/beheer/toegangslog', label: 'Toegangslog', roles: BEHEER },
  { path: '/monitor', label: 'Capaciteitsmonitor', roles: ['beleid', 'functioneel_beheer'] },
  { path: '/wachtwoord', label: 'Wachtwoord wijzigen', roles: ALL },
  { path: '/over', label: 'Over deze omgeving', roles: null },
  { path: '/inloggen', label: 'Inloggen', roles: 'anoniem' },
]);

/**
 * The menu entries the user may see, in menu order.
 * @param {{role: string}|null} user
 */
export function menuFor(user) {
  return MENU.filter((item) => item.roles === null
    || (item.roles === 'anoniem' ? user === null : user !== null && item.roles.includes(user.role)));
}
