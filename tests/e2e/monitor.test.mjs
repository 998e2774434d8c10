// monitor.test.mjs - the capacity monitor in a real browser (issue 10): `ifzo seed-demo`
// fills the database (with its placement history), demo-beleid logs in with the keyboard,
// opens the dashboard for the demo's year, and the charts must have bars with data, the
// tables counts, the CSV links the CSV format; axe finds no serious or critical violation;
// a screenshot is saved. The server runs on the demo's "today" (IFZO_TODAY=2025-06-02).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  launchBrowser, newPage, openScreen, recordLoadTime, resetLoadTimes, screenReady, screenshot,
  seriousViolations, startServer,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  resetLoadTimes('load-times-monitor.txt');
  process.env.IFZO_TODAY = '2025-06-02';
  server = await startServer();
  server.ifzo(['seed-demo']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0, 'ifzo serve must exit 0 after SIGTERM');
});

test('beleid: the dashboard shows charts with data, tables, CSV links, and passes axe', async (t) => {
  const page = await newPage(browser);
  try {
    await openScreen(page, server.url, '/inloggen');
    await page.focus('#inloggen-username');
    await page.keyboard.type('demo-beleid');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-beleid-wachtwoord');
    await page.keyboard.press('Enter');
    await screenReady(page, null);
    // the menu leads to the monitor
    await page.waitForSelector('a[href="/monitor"]');
    const { ms } = await openScreen(page, server.url, '/monitor?periode=maand&van=2024-06-01&tot=2025-06-02');
    recordLoadTime(t, '/monitor', ms);
    assert.equal((await page.locator('main h1').innerText()).trim(), 'Capaciteitsmonitor');
    // every chart has bars, and the instroom chart at least one bar with height
    const charts = await page.locator('main svg.ifzo-chart').count();
    assert.ok(charts >= 5, `${charts} charts`);
    const heights = await page.locator('#tabel-instroom').evaluate(() => {
      const svg = document.querySelector('svg[aria-describedby="tabel-instroom"]');
      return [...svg.querySelectorAll('rect.ifzo-bar')].map((r) => Number(r.getAttribute('height')));
    });
    assert.ok(heights.length >= 12, `${heights.length} bars`);
    assert.ok(heights.some((x) => x > 0), 'the instroom chart has data');
    // the table alternative holds the total of the year: a number (>= 5) or "<5"
    const total = await page.locator('#tabel-instroom tbody tr:last-child td:last-child').innerText();
    assert.match(total.trim(), /^(\d+|<5)$/);
    assert.ok(total.trim() === '<5' || Number(total) >= 5);
    // the occupancy per location lists locations with a capacity
    assert.ok(await page.locator('#tabel-bezetting tbody tr').count() > 0);
    // CSV link: the CSV format from the same filter
    const href = await page.locator('a[href^="/api/monitor/uitstroom"]').getAttribute('href');
    assert.match(href, /formaat=csv/);
    const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    // (fetch().text() drops the BOM the server sends)
    assert.match(csv, /^\uFEFF?periode;categorie;omschrijving;aantal\r\n/);
    // the filter bar is labelled
    for (const id of ['monitor-filter-periode', 'monitor-filter-van', 'monitor-filter-zorgtype']) {
      assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, id);
    }
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(page.problems, [], 'no console errors, CSP violations or failed requests');
    await screenshot(page, 'monitor-beleid');
  } catch (e) {
    await screenshot(page, 'mislukt-monitor').catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
});
