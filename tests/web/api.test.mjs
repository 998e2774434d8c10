// api.test.mjs - the fetch wrapper of web/js/api.js with a fake fetch: JSON in and out,
// the CSRF token on writes only, If-Match, errors as ApiError with the Dutch text, 401
// handled once, an unreachable server.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

const store = new Map();
globalThis.sessionStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
  removeItem: (k) => store.delete(k),
};

const { api, ApiError } = await import('../../web/js/api.js');
const { ERROR_MESSAGES, NETWORK_MESSAGE } = await import('../../web/js/errors.js');
const { setSession, getSession } = await import('../../web/js/session.js');

function fakeFetch(status, body, calls) {
  return async (path, init) => {
    calls.push({ path, init });
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return { ok: status >= 200 && status < 300, status, text: async () => text };
  };
}

beforeEach(() => store.clear());

test('GET returns the parsed body and sends no CSRF token', async () => {
  setSession({ user: { name: 'A. de Vries', role: 'plaatser' }, csrfToken: 'tok123' });
  const calls = [];
  const data = await api('GET', '/api/version', { fetch: fakeFetch(200, { name: 'openifzo' }, calls) });
  assert.deepEqual(data, { name: 'openifzo' });
  assert.equal(calls[0].path, '/api/version');
  assert.equal(calls[0].init.method, 'GET');
  assert.equal(calls[0].init.headers['X-CSRF-Token'], undefined);
  assert.equal(calls[0].init.body, undefined);
  assert.equal(calls[0].init.credentials, 'same-origin');
});

test('writes carry JSON, the session CSRF token and If-Match', async () => {
  setSession({ user: { name: 'A. de Vries', role: 'plaatser' }, csrfToken: 'tok123' });
  const calls = [];
  const data = await api('PUT', '/api/organisations/4', {
    body: { name: 'FPL' }, ifMatch: '"3"', fetch: fakeFetch(200, { id: 4 }, calls),
  });
  assert.deepEqual(data, { id: 4 });
  const { headers, body } = calls[0].init;
  assert.equal(headers['Content-Type'], 'application/json');
  assert.equal(headers['X-CSRF-Token'], 'tok123');
  assert.equal(headers['If-Match'], '"3"');
  assert.equal(body, '{"name":"FPL"}');
});

test('an empty 204 answer resolves with null', async () => {
  assert.equal(await api('DELETE', '/api/x/1', { fetch: fakeFetch(204, undefined, []) }), null);
});

test('an error body becomes an ApiError with the Dutch text, code and field', async () => {
  const body = { error: { code: 'version_conflict', message: 'server text', field: null } };
  await assert.rejects(api('PUT', '/api/organisations/4', { body: {}, fetch: fakeFetch(409, body, []) }),
    (e) => e instanceof ApiError && e.status === 409 && e.code === 'version_conflict'
      && e.message === ERROR_MESSAGES.version_conflict && e.field === null
      && e.body.error.code === 'version_conflict');
  const field = { error: { code: 'required', message: 'Naam is verplicht.', field: 'name' } };
  await assert.rejects(api('POST', '/api/organisations', { body: {}, fetch: fakeFetch(400, field, []) }),
    (e) => e.code === 'required' && e.field === 'name' && e.message === ERROR_MESSAGES.required);
});

test('a non-JSON failure still gets a Dutch message', async () => {
  await assert.rejects(api('GET', '/x', { fetch: fakeFetch(502, '<html>bad gateway</html>', []) }),
    (e) => e.status === 502 && e.code === 'http_502' && /^Er ging iets mis/.test(e.message)
      && e.body === null);
});

test('401 calls the unauthenticated handler once, then rejects', async () => {
  const seen = [];
  const body = { error: { code: 'unauthenticated', message: 'x', field: null } };
  await assert.rejects(api('GET', '/api/me', { fetch: fakeFetch(401, body, []), onUnauthenticated: (e) => seen.push(e.code) }),
    (e) => e.status === 401 && e.message === ERROR_MESSAGES.unauthenticated);
  assert.deepEqual(seen, ['unauthenticated']);
});

test('401 by default clears the session', async () => {
  setSession({ user: { name: 'A. de Vries', role: 'plaatser' }, csrfToken: 'tok' });
  const body = { error: { code: 'unauthenticated', message: 'x', field: null } };
  await assert.rejects(api('GET', '/api/me', { fetch: fakeFetch(401, body, []) }));
  assert.equal(getSession(), null);
});

test('an unreachable server is status 0 with the network text', async () => {
  const failing = async () => { throw new TypeError('fetch failed'); };
  await assert.rejects(api('GET', '/api/version', { fetch: failing }),
    (e) => e.status === 0 && e.code === 'network' && e.message === NETWORK_MESSAGE);
});
