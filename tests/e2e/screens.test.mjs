// screens.test.mjs - every screen of the front end in a real browser (Debian's Chromium via
// playwright-core) against the real `ifzo serve`: content, the shell, keyboard order, the
// Content-Security-Policy, axe-core (no serious or critical violation), a screenshot per
// screen (IFZO_E2E_ARTIFACTS) and its load time (printed, never asserted).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  faultProxy, focused, launchBrowser, newPage, openScreen, recordLoadTime, resetLoadTimes,
  screenshot, seriousViolations, startServer,
} from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
  + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

let server;
let browser;

before(async () => {
  resetLoadTimes();
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0, 'ifzo serve must exit 0 after SIGTERM');
});

// Every screen there is: path, screenshot name, <h1>, and what else it must show.
const SCREENS = [
  {
    path: '/', name: 'start', heading: 'Welkom bij openifzo', title: 'Start — openifzo',
    async check(page) {
      assert.match(await page.locator('main').innerText(), /forensische zorg/);
    },
  },
  {
    path: '/over', name: 'over', heading: 'Over deze omgeving', title: 'Over deze omgeving — openifzo',
    async check(page) {
      const version = await (await fetch(`${server.url}/api/version`)).json();
      const health = await (await fetch(`${server.url}/healthz`)).json();
      const rows = await page.locator('main dl > div').evaluateAll((divs) => divs.map((d) => [
        d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()]));
      assert.deepEqual(rows, [
        ['Versie', `openifzo ${version.version}`],
        ['Server', 'In orde'],
        ['Database', 'SQLite (één server)'],
        ['Databaseschema', `versie ${health.database.schema_version} (bijgewerkt)`],
      ]);
      assert.equal(await page.locator('main [role="status"]').innerText(), 'openifzo en de database werken.');
    },
  },
  {
    path: '/bestaat-niet', name: 'niet-gevonden', heading: 'Pagina niet gevonden', title: 'Pagina niet gevonden — openifzo',
    async check(page) {
      assert.equal(await page.locator('main a').getAttribute('href'), '/');
    },
  },
];

describe('screens', () => {
  for (const s of SCREENS) {
    test(`${s.name} (${s.path}) shows its content, passes axe and loads cleanly`, async (t) => {
      const page = await newPage(browser);
      try {
        const { ms, response } = await openScreen(page, server.url, s.path);
        recordLoadTime(t, s.path, ms);
        assert.equal(response.status(), 200);
        assert.equal(response.headers()['content-security-policy'], CSP);
        assert.equal(await page.title(), s.title);
        assert.equal(await page.getAttribute('html', 'lang'), 'nl');
        assert.equal(await page.locator('h1').count(), 1);
        assert.equal((await page.locator('h1').innerText()).trim(), s.heading);
        // The shell: brand, menu without login, user slot hidden for an anonymous visitor.
        assert.equal(await page.locator('header a').first().innerText(), 'openifzo');
        assert.deepEqual(await page.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts(),
          ['Start', 'Over deze omgeving', 'Inloggen']);
        assert.equal(await page.locator('#gebruiker').isHidden(), true);
        const current = await page.locator('nav a[aria-current="page"]').allInnerTexts();
        assert.deepEqual(current, s.path === '/' ? ['Start'] : s.path === '/over' ? ['Over deze omgeving'] : []);
        await s.check(page);
        const file = await screenshot(page, s.name);
        t.diagnostic(`screenshot ${file}`);
        assert.deepEqual(await seriousViolations(page), []);
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('failures', () => {
  // What /healthz answers when the database is gone, and an internal error on the version.
  const DOWN = {
    status: 503, body: { status: 'unavailable', database: { backend: 'postgres', status: 'unavailable', detail: 'x' } },
  };
  const VERSION_FAILS = { status: 500, body: { error: { code: 'internal', message: 'Interne fout.', field: null } } };

  test('over: a database that is down and a failing API read as Dutch alerts', async (t) => {
    const outage = await faultProxy(server.url, { '/healthz': DOWN, '/api/version': VERSION_FAILS });
    const page = await newPage(browser);
    try {
      const { ms } = await openScreen(page, outage.url, '/over');
      recordLoadTime(t, '/over (storing)', ms);
      const rows = await page.locator('main dl > div').evaluateAll((divs) => divs.map((d) => [
        d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()]));
      assert.deepEqual(rows, [
        ['Versie', 'onbekend'],
        ['Server', 'Niet in orde'],
        ['Database', 'PostgreSQL: niet bereikbaar'],
      ]);
      const alert = page.locator('main [role="alert"]');
      assert.equal(await alert.count(), 1);
      assert.match(await alert.innerText(), /^De database is niet bereikbaar/);
      await screenshot(page, 'over-storing');
      assert.deepEqual(await seriousViolations(page), []);
      // The browser logs the 500 and 503 answers as console errors; nothing else may fail.
      assert.deepEqual(page.problems.filter((p) => !/status of (500|503)/.test(p)), []);
    } finally {
      await page.context().close();
      await outage.close();
    }
  });

  test('over: the version error alone shows the Dutch text of its code', async () => {
    const outage = await faultProxy(server.url, { '/api/version': VERSION_FAILS });
    const page = await newPage(browser);
    try {
      await openScreen(page, outage.url, '/over');
      assert.match(await page.locator('main [role="alert"]').innerText(),
        /^Er ging iets mis in openifzo\. Probeer het later opnieuw/);
    } finally {
      await page.context().close();
      await outage.close();
    }
  });
});

describe('shell', () => {
  test('the header names the logged-in user, role and organisation from the session', async () => {
    const page = await newPage(browser);
    try {
      // What the login screen (access issue) will store through session.js.
      await page.addInitScript(() => sessionStorage.setItem('openifzo.sessie', JSON.stringify({
        user: { name: 'A. de Vries', role: 'plaatser', organisation: 'DJI Forensisch Plaatsingsloket' },
        csrfToken: 'token',
      })));
      await openScreen(page, server.url, '/');
      assert.equal(await page.locator('#gebruiker').isVisible(), true);
      assert.equal(await page.locator('#gebruiker .ifzo-user__who').innerText(),
        'A. de Vries — Plaatser, DJI Forensisch Plaatsingsloket');
      assert.equal(await page.locator('#gebruiker button').innerText(), 'Uitloggen');
      assert.deepEqual(await page.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts(),
        ['Start', 'Werklijst', 'Nieuw plaatsingsverzoek', 'Wachtwoord wijzigen', 'Over deze omgeving']);
      assert.deepEqual(await seriousViolations(page), []);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
});

describe('keyboard', () => {
  test('the skip link is the first stop and moves the focus to the main content', async () => {
    const page = await newPage(browser);
    try {
      await openScreen(page, server.url, '/');
      const order = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        order.push(`${f.text} -> ${f.href}`);
      }
      assert.deepEqual(order, [
        'Direct naar de inhoud -> #inhoud',
        'openifzo -> /',
        'Start -> /',
        'Over deze omgeving -> /over',
        'Inloggen -> /inloggen',
        'de gegevens van deze omgeving -> /over',
      ]);
      // The skip link is visible when focused (WCAG 2.4.1 / 2.4.7) and jumps to <main>.
      for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
      assert.equal((await focused(page)).text, 'Direct naar de inhoud');
      assert.equal(await page.locator('.utrecht-skip-link').isVisible(), true);
      await screenshot(page, 'start-skiplink');
      await page.keyboard.press('Enter');
      assert.equal((await focused(page)).id, 'inhoud');
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).text, 'de gegevens van deze omgeving');
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('moving between screens keeps one page, names the screen and focuses <main>', async () => {
    const page = await newPage(browser);
    try {
      await openScreen(page, server.url, '/');
      await page.evaluate(() => { globalThis.ifzoSamePage = true; });
      await page.locator('nav a', { hasText: 'Over deze omgeving' }).click();
      await page.waitForSelector('#inhoud[aria-busy="false"] h1:text("Over deze omgeving")');
      assert.equal(new URL(page.url()).pathname, '/over');
      assert.equal(await page.title(), 'Over deze omgeving — openifzo');
      assert.equal((await focused(page)).id, 'inhoud');
      assert.equal(await page.evaluate(() => globalThis.ifzoSamePage), true, 'no full reload');
      assert.deepEqual(await page.locator('nav a[aria-current="page"]').allInnerTexts(), ['Over deze omgeving']);
      await page.goBack();
      await page.waitForSelector('#inhoud[aria-busy="false"] h1:text("Welkom bij openifzo")');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
});

describe('links', () => {
  test('every link of every screen leads somewhere: no dead links', async () => {
    const page = await newPage(browser);
    try {
      const seen = new Set();
      const queue = ['/'];
      const files = new Set();
      while (queue.length > 0) {
        const path = queue.shift();
        if (seen.has(path)) continue;
        seen.add(path);
        await openScreen(page, server.url, path);
        assert.notEqual(await page.locator('h1').innerText(), 'Pagina niet gevonden', `${path} is a dead link`);
        const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        for (const href of hrefs) {
          if (href.startsWith('#')) {
            assert.equal(await page.locator(href).count(), 1, `${path}: anchor ${href} has no target`);
            continue;
          }
          const url = new URL(href, server.url);
          assert.equal(url.origin, server.url, `${path}: link to another site: ${href}`);
          if (url.pathname.split('/').pop().includes('.')) files.add(url.pathname);
          else queue.push(url.pathname);
        }
      }
      for (const file of files) {
        assert.equal((await fetch(server.url + file)).status, 200, `${file} is missing`);
      }
      assert.deepEqual([...seen].sort(), ['/', '/inloggen', '/over']);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
});
