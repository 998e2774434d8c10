// api.js - the one way the screens talk to the JSON API: fetch with JSON in and out, the
// CSRF token on every write, and every failure turned into an ApiError with a Dutch text.
//
// Why one wrapper: each screen would otherwise repeat status checks, header rules and
// error texts, and one of them would forget the CSRF header or show an English message.
import { messageFor, NETWORK_MESSAGE } from './errors.js';
import { clearSession, csrfToken } from './session.js';

/** Where a 401 sends the user (the login screen of the access issue). */
export const LOGIN_PATH = '/inloggen';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A failed call: status (0 when the server was not reached), code, field, Dutch message,
 * and the parsed body (null when there was none or it was not JSON).
 */
export class ApiError extends Error {
  constructor(status, code, message, field = null, body = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.body = body;
  }
}

/** Sends the user to the login screen, remembering where they were. */
function toLogin() {
  const loc = globalThis.location;
  if (!loc || loc.pathname === LOGIN_PATH) return;
  const back = encodeURIComponent(loc.pathname + loc.search);
  loc.assign(`${LOGIN_PATH}?terug=${back}`);
}

/**
 * Calls the API. Resolves with the parsed JSON body (null for an empty one); rejects with
 * an ApiError. options: body (sent as JSON), headers (extra), ifMatch (a version ETag),
 * fetch (for tests), onUnauthenticated (default: clear the session, go to the login).
 */
export async function api(method, path, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = { Accept: 'application/json', ...(options.headers ?? {}) };
  const init = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (WRITES.has(method)) {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;

  let res;
  try {
    res = await doFetch(path, init);
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  const text = await res.text();
  let data = null;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data;

  const err = data && typeof data === 'object' ? data.error : null;
  const code = err && typeof err.code === 'string' ? err.code : `http_${res.status}`;
  const field = err && typeof err.field === 'string' ? err.field : null;
  const failure = new ApiError(res.status, code, messageFor(err), field, data);
  if (res.status === 401) {
    (options.onUnauthenticated ?? (() => { clearSession(); toLogin(); }))(failure);
  }
  throw failure;
}

/** GET shorthand. */
export const get = (path, options) => api('GET', path, options);
