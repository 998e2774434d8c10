// codelists.js - the code lists of GET /api/codelists, fetched once per page and shared by
// every select, so each choice offers exactly the codes and Dutch labels of data/codelists.
import { get } from './api.js';

let pending = null;

/** All lists by name: {name: {title, entries: [{code, label, ...}]}}. */
export function codelists() {
  if (!pending) {
    pending = get('/api/codelists').then((body) => {
      const lists = Array.isArray(body) ? body : body.items ?? body.codelists ?? [];
      return Object.fromEntries(lists.map((l) => [l.name, l]));
    });
    pending.catch(() => { pending = null; });
  }
  return pending;
}

/** The label of a code in a list, or the code itself. */
export function labelOf(lists, name, code) {
  if (code === null || code === undefined || code === '') return '';
  return lists[name]?.entries.find((e) => e.code === code)?.label ?? code;
}
