// harness.mjs - what every browser test needs: the real `ifzo serve` on a free loopback
// port with a fresh SQLite database and the repository's web/ as web root, Debian's
// Chromium driven by playwright-core, axe-core, screenshots and load times.
//
// Environment (CTest sets it, see cmake/tests.cmake):
//   IFZO_BIN             the built ifzo binary (required)
//   IFZO_SOURCE_DIR      the repository root (default: two folders up from here)
//   IFZO_E2E_ARTIFACTS   where screenshots go (default: <root>/build/e2e-artifacts)
//   IFZO_CHROMIUM        the browser (default: /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
  appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const SOURCE_DIR = process.env.IFZO_SOURCE_DIR
  ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = process.env.IFZO_E2E_ARTIFACTS ?? join(SOURCE_DIR, 'build', 'e2e-artifacts');

/**
 * A server in front of `target` that answers the paths in `faults` itself ({path: {status,
 * body}}, body as JSON) and passes every other request through unchanged: an outage as the
 * browser meets it. It runs in a process of its own (fault-proxy.mjs), so that it does not
 * wait on this process's event loop, which Playwright keeps busy while a page loads.
 * (Playwright's page.route would fake the answers too, but once any route is set it holds
 * every request of the page until this process lets it go, which is not what a user's
 * browser waits for.) Resolves with {url, close()}.
 */
export async function faultProxy(target, faults) {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'fault-proxy.mjs'),
    target, JSON.stringify(faults)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) ok(line.trim());
    });
    child.on('exit', (code) => fail(new Error(`fault-proxy.mjs exited with ${code}`)));
  });
  return {
    url,
    close: () => new Promise((ok) => { child.removeAllListeners('exit'); child.on('exit', () => ok()); child.kill('SIGTERM'); }),
  };
}

/**
 * Starts `ifzo serve` (with a fresh database unless shareWith names a running server);
 * resolves with {url, stop(), log()} once it listens. stop() sends
 * SIGTERM and resolves with the exit code.
 */
export async function startServer({ shareWith = null, today = null } = {}) {
  const bin = process.env.IFZO_BIN;
  if (!bin) throw new Error('IFZO_BIN must name the built ifzo binary');
  // shareWith: a second server on the first one's database (as a later day: today), the way
  // the system scales out; it leaves the database to the first one.
  const dir = shareWith ? null : mkdtempSync(join(tmpdir(), 'ifzo-e2e-'));
  const db = shareWith ? shareWith.db : `sqlite:${join(dir, 'e2e.db')}`;
  const child = spawn(bin, [
    'serve', '--db', db, '--listen', '127.0.0.1:0',
    '--web-root', join(SOURCE_DIR, 'web'), '--threads', '4', '--log-level', 'warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'], env: today ? { ...process.env, IFZO_TODAY: today } : process.env });
  let stderr = '';
  const exited = new Promise((done) => child.on('exit', (code, signal) => done(code ?? 128 + (signal ? 15 : 0))));
  const port = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`ifzo serve did not listen: ${stderr}`)), 15000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /"msg":"listening".*?"port":(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        done(Number(m[1]));
      }
    });
    child.on('exit', () => fail(new Error(`ifzo serve exited early: ${stderr}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    log: () => stderr,
    /** Runs `ifzo <args> --db <this server's database>` with input on stdin; returns stdout. */
    ifzo(args, input = '') {
      const r = spawnSync(bin, [...args, '--db', db], { input, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ifzo ${args.join(' ')}: ${r.status} ${r.stderr}`);
      return r.stdout;
    },
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (dir) rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Debian's Chromium, headless, with no network of its own (see .library machine notes). */
export function launchBrowser() {
  const args = [
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  ];
  // Chromium's sandbox needs an unprivileged user; CI runs the tests as root.
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({
    executablePath: process.env.IFZO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args,
  });
}

/**
 * A page that records console errors, page errors and failed requests, so a test can assert
 * that a screen loaded cleanly (a CSP violation shows up as a console error).
 */
export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  // ERR_ABORTED is the browser dropping a request because the test navigated on (the
  // favicon of a screen left quickly, say): not a failure of the page.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return page;
}

/**
 * Opens path and waits until the screen has rendered (<main aria-busy="false">). Returns
 * the response and the milliseconds from the browser's navigation start to that moment.
 */
export async function openScreen(page, baseUrl, path) {
  const response = await page.goto(baseUrl + path);
  await page.waitForSelector('#inhoud[aria-busy="false"]', { timeout: 10000 });
  // The shell marks the moment the screen is ready; its time counts from navigation start.
  const ms = await page.evaluate(() => {
    const marks = performance.getEntriesByName('ifzo:scherm-klaar');
    return Math.round(marks[marks.length - 1].startTime);
  });
  return { ms, response };
}

// The test files run in parallel processes; each keeps its own file of load times, so one
// file's reset cannot wipe the other's lines.
let loadTimesFile = 'load-times.txt';

/** Empties <artefacts>/<file> (default load-times.txt) at the start of a test file's run. */
export function resetLoadTimes(file = 'load-times.txt') {
  loadTimesFile = file;
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, loadTimesFile), '');
}

/** Prints a screen's load time and appends it to the file of resetLoadTimes(). */
export function recordLoadTime(t, path, ms) {
  const line = `load time ${path}: ${ms} ms`;
  t.diagnostic(line);
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(join(ARTIFACTS, loadTimesFile), `${new Date().toISOString()} ${line}\n`);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the violations of
 * impact serious or critical. The page's CSP forbids injected inline script, so axe is
 * evaluated through the DevTools protocol rather than added as a <script>.
 */
export async function seriousViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Saves a full-page screenshot as a test artefact; returns its path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The accessible description of the focused element: tag, text, href. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim().replace(/\s+/g, ' '), href: el.getAttribute('href') };
  });
}

/**
 * A logged-in API client for test set-up (users, organisations, providers): login with
 * POST /api/session, then JSON calls with the session cookie and the CSRF token.
 */
export async function apiClient(baseUrl, username, password) {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = await res.json();
  return async function call(method, path, body) {
    const r = await fetch(baseUrl + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    const data = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return data;
  };
}

/** The current RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret, as an app shows it. */
export function totpCode(secret, now = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const o = mac[mac.length - 1] & 0xf;
  const n = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

/**
 * Waits until the screen the app shows after a client-side navigation is ready: <main> not
 * busy, and its <h1> matching heading. Returns the milliseconds since the screen started.
 */
export async function screenReady(page, heading) {
  await page.waitForFunction((want) => {
    const main = document.getElementById('inhoud');
    const h1 = main?.querySelector('h1');
    return main?.getAttribute('aria-busy') === 'false' && h1 && (want === null || h1.textContent.trim() === want);
  }, heading ?? null, { timeout: 10000 });
}
