// over.js - "Over deze omgeving": the server's version and health (GET /api/version,
// GET /healthz), so a user or functional manager can see at once whether openifzo and its
// database are in order.
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { GENERIC_MESSAGE } from '../errors.js';

export const title = 'Over deze omgeving';

const BACKENDS = { sqlite: 'SQLite (één server)', postgres: 'PostgreSQL' };

function row(key, value) {
  return h('div', { class: 'utrecht-data-list__item' },
    h('dt', { class: 'utrecht-data-list__item-key' }, key),
    h('dd', { class: 'utrecht-data-list__item-value utrecht-data-list__item-value--html-dd' }, value));
}

function alert(kind, text) {
  return h('div', { class: `utrecht-alert utrecht-alert--${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'utrecht-alert__content' },
      h('p', { class: 'utrecht-alert__message utrecht-paragraph' }, text)));
}

async function health() {
  try {
    return { ok: true, body: await api('GET', '/healthz') };
  } catch (e) {
    // 503 still describes the database; anything else has only a message.
    return { ok: false, message: e instanceof ApiError ? e.message : GENERIC_MESSAGE };
  }
}

export async function render(main) {
  main.append(
    h('h1', { class: 'utrecht-heading-1' }, title),
    h('p', { class: 'utrecht-paragraph' }, 'De versie van openifzo die hier draait en de toestand van de server en de database.'),
  );
  const [version, state] = await Promise.all([
    api('GET', '/api/version').catch((e) => ({ error: e.message })),
    health(),
  ]);
  const rows = [];
  rows.push(row('Versie', version.error ? 'onbekend' : `${version.name} ${version.version}`));
  if (state.ok) {
    const db = state.body.database ?? {};
    rows.push(row('Server', state.body.status === 'ok' ? 'In orde' : 'Niet in orde'));
    rows.push(row('Database', BACKENDS[db.backend] ?? db.backend ?? 'onbekend'));
    rows.push(row('Databaseschema', db.schema_version === db.schema_latest
      ? `versie ${db.schema_version} (bijgewerkt)`
      : `versie ${db.schema_version}, nieuwste is ${db.schema_latest}`));
  } else {
    rows.push(row('Server', 'Niet in orde'));
  }
  main.append(h('dl', { class: 'utrecht-data-list utrecht-data-list--rows' }, rows));
  if (!state.ok) main.append(alert('error', state.message));
  else if (version.error) main.append(alert('error', version.error));
  else main.append(alert('ok', 'openifzo en de database werken.'));
}
