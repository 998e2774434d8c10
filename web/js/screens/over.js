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
    // A 503 still describes the database (its body is the health report, not an error).
    const body = e instanceof ApiError && e.status === 503 && e.body?.database ? e.body : null;
    return { ok: false, body, message: e instanceof ApiError ? e.message : GENERIC_MESSAGE };
  }
}

const DOWN = 'De database is niet bereikbaar of niet bijgewerkt. Probeer het over een minuut opnieuw; blijft het zo, neem dan contact op met functioneel beheer.';

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
  rows.push(row('Server', state.ok ? 'In orde' : 'Niet in orde'));
  if (state.body) {
    const db = state.body.database ?? {};
    rows.push(row('Database', `${BACKENDS[db.backend] ?? db.backend ?? 'onbekend'}${db.status === 'ok' ? '' : ': niet bereikbaar'}`));
    if (db.schema_version !== undefined) {
      rows.push(row('Databaseschema', db.schema_version === db.schema_latest
        ? `versie ${db.schema_version} (bijgewerkt)`
        : `versie ${db.schema_version}, nieuwste is ${db.schema_latest}`));
    }
  }
  main.append(h('dl', { class: 'utrecht-data-list utrecht-data-list--rows' }, rows));
  if (!state.ok) main.append(alert('error', state.body ? DOWN : state.message));
  else if (version.error) main.append(alert('error', version.error));
  else main.append(alert('ok', 'openifzo en de database werken.'));
}
