// nav.js - the main menu per role, as data.
//
// Why data: each feature branch adds its screens here with the roles that may see them,
// and the menu shows only what exists for the logged-in role. No entry is listed before
// its screen exists: a menu must not lead to a dead end.
//
// roles: null means everyone (also without login); otherwise the role codes of design.md.
export const MENU = Object.freeze([
  { path: '/', label: 'Start', roles: null },
  { path: '/over', label: 'Over deze omgeving', roles: null },
]);

/**
 * The menu entries the user may see, in menu order.
 * @param {{role: string}|null} user
 */
export function menuFor(user) {
  return MENU.filter((item) => item.roles === null || (user !== null && item.roles.includes(user.role)));
}
