// roles.test.mjs - the screens of each role in a real browser against the real `ifzo serve`:
// logging in (with a temporary password, with a second factor to enrol), every screen of the
// indiceerder, the zorgaanbieder and functioneel beheer, a form with an invalid value per role
// showing the Dutch error next to its field, a client and an indication made definitive.
// Every screen: axe-core without serious or critical violations, a screenshot in the
// artefacts folder, its load time printed (never asserted).
//
// Set-up: the first functioneel beheerder comes from `ifzo user add` (as an operator would
// start); the organisations, provider and other users come from the API as that beheerder.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiClient, launchBrowser, newPage, openScreen, recordLoadTime, resetLoadTimes, screenReady,
  screenshot, seriousViolations, startServer, totpCode,
} from './harness.mjs';

let server;
let browser;
const pw = {}; // username -> current password
let ids = {};

// The browser logs every 4xx answer of a fetch as a console error; tests that submit an
// invalid value expect those and nothing else.
const expected4xx = (problems) => problems.filter((p) => !/status of 4\d\d/.test(p));

before(async () => {
  resetLoadTimes('load-times-rollen.txt');
  server = await startServer();
  browser = await launchBrowser();
  server.ifzo(['user', 'add', '--username', 'beheer', '--name', 'F. de Beheerder', '--role', 'functioneel_beheer',
    '--new-organisation', 'DJI Functioneel beheer', '--kind', 'dji', '--totp', 'off'], 'beheer-wachtwoord-1\n');
  pw.beheer = 'beheer-wachtwoord-1';
  const admin = await apiClient(server.url, 'beheer', pw.beheer);
  const nifp = await admin('POST', '/api/organisations', { name: 'NIFP regio Midden', kind: 'nifp' });
  const berk = await admin('POST', '/api/organisations', { name: 'Kliniek De Berk', kind: 'zorgaanbieder' });
  const om = await admin('POST', '/api/organisations', { name: 'OM Midden-Nederland', kind: 'om', totp_required: true });
  const provider = await admin('POST', '/api/zorgaanbieders', { naam: 'Kliniek De Berk', agb: '06123456', toelating: true, organisation_id: berk.id });
  const add = async (username, display, role, org) => {
    const a = await admin('POST', '/api/users', { username, display_name: display, role, organisation_id: org.id });
    pw[username] = a.temporary_password;
  };
  await add('indiceerder', 'I. Jansen', 'indiceerder', nifp);
  await add('aanbieder', 'Z. de Berk', 'zorgaanbieder', berk);
  await add('officier', 'O. Visser', 'indiceerder', om);
  // The zorgaanbieder has chosen a password already (the forced change is the indiceerder's test).
  const za = await apiClient(server.url, 'aanbieder', pw.aanbieder);
  await za('PUT', '/api/session/password', { current_password: pw.aanbieder, new_password: 'aanbieder-wachtwoord-1' });
  pw.aanbieder = 'aanbieder-wachtwoord-1';
  ids = { nifp: nifp.id, berk: berk.id, om: om.id, provider: provider.id };
});

after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0, 'ifzo serve must exit 0 after SIGTERM');
});

/**
 * Runs a test body with a fresh page; on failure the page is saved as a screenshot
 * (mislukt-<name>.png) and the text of <main> is added to the error, to see what went wrong.
 */
async function withPage(name, body) {
  const page = await newPage(browser);
  try {
    await body(page);
  } catch (e) {
    await screenshot(page, `mislukt-${name}`).catch(() => {});
    const main = await page.locator('main').innerText().catch(() => '');
    e.message += `\n--- main of ${page.url()}:\n${main}\n--- problems: ${page.problems.join('; ')}`;
    throw e;
  } finally {
    await page.context().close();
  }
}

/** Opens path, asserts its heading, saves the screenshot, runs axe, prints the load time. */
async function visit(t, page, path, name, heading) {
  const { ms } = await openScreen(page, server.url, path);
  recordLoadTime(t, path, ms);
  assert.equal((await page.locator('h1').innerText()).trim(), heading, `${path}: heading`);
  await screenshot(page, name);
  assert.deepEqual(await seriousViolations(page), [], `${path}: axe`);
}

/** The same for the screen the app navigated to itself. */
async function arrived(page, name, heading) {
  await screenReady(page, heading);
  await screenshot(page, name);
  assert.deepEqual(await seriousViolations(page), [], `${name}: axe`);
}

/** Logs in through the login screen with the keyboard only. */
async function login(page, username, password) {
  await openScreen(page, server.url, '/inloggen');
  await page.focus('#inloggen-username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** The Dutch error shown next to a field, and that the field is marked invalid. */
async function fieldError(page, id) {
  await page.waitForSelector(`#${id}-fout:not([hidden])`);
  assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true');
  assert.match(await page.getAttribute(`#${id}`, 'aria-describedby'), new RegExp(`${id}-fout`));
  return (await page.locator(`#${id}-fout`).innerText()).trim();
}

describe('everyone', () => {
  test('inloggen: the screen, a wrong password in Dutch, the header after login, uitloggen', async (t) => withPage('inloggen', async (page) => {
      await visit(t, page, '/inloggen', 'inloggen', 'Inloggen');
      assert.equal(await page.locator('label[for="inloggen-username"]').innerText(), 'Gebruikersnaam');
      assert.equal(await page.locator('label[for="inloggen-password"]').innerText(), 'Wachtwoord');
      await login(page, 'beheer', 'niet-het-wachtwoord');
      await page.waitForSelector('#inloggen [role="alert"]');
      assert.equal(await page.locator('#inloggen [role="alert"]').innerText(), 'De gebruikersnaam of het wachtwoord klopt niet.');
      await screenshot(page, 'inloggen-fout');
      assert.deepEqual(await seriousViolations(page), []);

      await page.fill('#inloggen-password', pw.beheer);
      await page.press('#inloggen-password', 'Enter');
      await screenReady(page, 'Welkom bij openifzo');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await page.locator('#gebruiker .ifzo-user__who').innerText(),
        'F. de Beheerder — Functioneel beheer, DJI Functioneel beheer');
      await page.locator('#gebruiker button', { hasText: 'Uitloggen' }).click();
      await screenReady(page, 'Inloggen');
      assert.equal(await page.locator('main [role="status"]').innerText(), 'U bent uitgelogd.');
      assert.equal(await page.locator('#gebruiker').isHidden(), true);
      // The session is gone on the server too: a screen of the role asks for a login again.
      await openScreen(page, server.url, '/beheer/gebruikers');
      assert.equal(new URL(page.url()).pathname, '/inloggen');
      assert.equal(new URL(page.url()).searchParams.get('terug'), '/beheer/gebruikers');
      assert.deepEqual(expected4xx(page.problems), []);
  }));

  test('inloggen with a second factor: enrolment shows the QR code, the app code logs in', async (t) => withPage('tweede-factor', async (page) => {
      await login(page, 'officier', pw.officier);
      await page.waitForSelector('img.ifzo-qr');
      const src = await page.getAttribute('img.ifzo-qr', 'src');
      assert.match(src, /^data:image\/svg\+xml;base64,/);
      assert.equal(await page.getAttribute('img.ifzo-qr', 'alt'), 'QR-code om openifzo toe te voegen aan uw authenticator-app');
      assert.equal(await page.locator('label[for="inloggen-totp"]').innerText(), 'Code uit de authenticator-app');
      await screenshot(page, 'inloggen-tweede-factor');
      assert.deepEqual(await seriousViolations(page), []);
      const secret = (await page.locator('.ifzo-secret').innerText()).trim();
      // A wrong code: the Dutch text stands next to the code field.
      await page.fill('#inloggen-totp', '000000' === totpCode(secret) ? '111111' : '000000');
      await page.press('#inloggen-totp', 'Enter');
      assert.match(await fieldError(page, 'inloggen-totp'), /^Stel eerst de tweede factor in/);
      await page.fill('#inloggen-totp', totpCode(secret));
      await page.press('#inloggen-totp', 'Enter');
      // The password was temporary: the next screen is the forced change.
      await arrived(page, 'wachtwoord-tijdelijk', 'Wachtwoord wijzigen');
      assert.match(await page.locator('main [role="status"]').first().innerText(), /Uw wachtwoord is tijdelijk/);
      assert.deepEqual(expected4xx(page.problems), []);
  }));
});

describe('indiceerder', () => {
  test('forced password change, clients, an indication from concept to definitief and its versions', async (t) => withPage('indiceerder', async (page) => {
      await login(page, 'indiceerder', pw.indiceerder);
      await screenReady(page, 'Wachtwoord wijzigen');
      assert.equal(new URL(page.url()).pathname, '/wachtwoord');
      // Every other screen leads back here while the password is temporary.
      await openScreen(page, server.url, '/justitiabelen');
      assert.equal(new URL(page.url()).pathname, '/wachtwoord');
      await page.fill('#wachtwoord-current_password', pw.indiceerder);
      await page.fill('#wachtwoord-new_password', 'kort');
      await page.press('#wachtwoord-new_password', 'Enter');
      assert.equal(await fieldError(page, 'wachtwoord-new_password'), 'Het wachtwoord is te kort.');
      await screenshot(page, 'wachtwoord-fout');
      assert.deepEqual(await seriousViolations(page), []);
      await page.fill('#wachtwoord-current_password', pw.indiceerder);
      await page.fill('#wachtwoord-new_password', 'indiceerder-wachtwoord-1');
      await page.press('#wachtwoord-new_password', 'Enter');
      await page.waitForSelector('main [role="status"]:has-text("Uw wachtwoord is gewijzigd.")');
      pw.indiceerder = 'indiceerder-wachtwoord-1';
      assert.equal(await page.locator('main [role="status"]').count(), 1, 'the temporary-password notice is gone');
      assert.equal(await page.locator('#gebruiker .ifzo-user__who').innerText(), 'I. Jansen — Indiceerder, NIFP regio Midden');
      await visit(t, page, '/wachtwoord', 'wachtwoord', 'Wachtwoord wijzigen');
      assert.deepEqual(await page.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts(),
        ['Start', 'Justitiabelen', 'Wachtwoord wijzigen', 'Over deze omgeving']);

      await visit(t, page, '/justitiabelen', 'justitiabelen', 'Justitiabelen');
      await page.locator('main a', { hasText: 'Nieuwe justitiabele' }).click();
      await arrived(page, 'justitiabele-nieuw', 'Nieuwe justitiabele');
      await page.fill('#justitiabele-achternaam', 'Bakker');
      await page.fill('#justitiabele-voornamen', 'Jan');
      await page.fill('#justitiabele-geboortedatum', '1990-04-12');
      await page.fill('#justitiabele-bsn', '123456789');
      await page.selectOption('#justitiabele-geslacht', '1');
      await page.fill('#justitiabele-postcode', '3511 AB');
      await page.press('#justitiabele-postcode', 'Enter');
      assert.equal(await fieldError(page, 'justitiabele-bsn'), 'Dit is geen geldig burgerservicenummer.');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'justitiabele-bsn');
      await screenshot(page, 'justitiabele-fout');
      assert.deepEqual(await seriousViolations(page), []);
      await page.fill('#justitiabele-bsn', '111222333');
      await page.press('#justitiabele-bsn', 'Enter');
      await arrived(page, 'justitiabele', 'Bakker, Jan');
      const clientPath = new URL(page.url()).pathname;
      assert.match(clientPath, /^\/justitiabelen\/\d+$/);
      assert.equal(await page.locator('main [role="status"]').innerText(), 'De justitiabele is geregistreerd.');

      // Search by BSN finds the client.
      await openScreen(page, server.url, '/justitiabelen');
      await page.fill('#zoeken-bsn', '111222333');
      await page.press('#zoeken-bsn', 'Enter');
      await page.waitForSelector('main table a:text("Bakker, Jan")');
      assert.equal(new URL(page.url()).search, '?bsn=111222333');

      // A new indication: the care type decides the criteria fields.
      await openScreen(page, server.url, clientPath);
      await page.locator('main a', { hasText: 'Nieuwe indicatiestelling' }).click();
      await arrived(page, 'indicatie-nieuw', 'Nieuwe indicatiestelling');
      const criteriaNames = () => page.locator('.ifzo-criteria select').evaluateAll(
        (els) => els.filter((e) => !e.closest('[hidden]')).map((e) => e.name));
      await page.selectOption('#indicatie-zorgtype', 'AMB');
      assert.deepEqual(await criteriaNames(), ['criteria.arrondissement', 'criteria.geslacht', 'criteria.aard_zorgvraag',
        'criteria.dominante_zorgvraag', 'criteria.bijkomende_problematiek', 'criteria.bereik', 'criteria.outreach']);
      await page.selectOption('#indicatie-zorgtype', 'KLIN');
      assert.deepEqual(await criteriaNames(), ['criteria.arrondissement', 'criteria.geslacht', 'criteria.dsm_hoofdgroep',
        'criteria.verstandelijke_vermogens', 'criteria.zedendelict', 'criteria.zorgsetting', 'criteria.verblijfsintensiteit',
        'criteria.aard_zorgvraag']);
      // Klinisch asks only diagnostics or treatment (aard_zorgvraag column klinisch).
      assert.deepEqual(await page.locator('#indicatie-criteria-aard_zorgvraag option').evaluateAll((o) => o.map((x) => x.value)),
        ['', 'DIAG', 'BEH']);
      await page.selectOption('#indicatie-criteria-dsm_hoofdgroep', '04');
      assert.ok((await criteriaNames()).includes('criteria.middel'), 'middel shows with DSM 04');
      await screenshot(page, 'indicatie-nieuw-klinisch');
      assert.deepEqual(await seriousViolations(page), []);
      await page.click('#indicatie button[type="submit"]');
      await arrived(page, 'indicatie-concept', 'Indicatiestelling Klinisch');
      assert.match(await page.locator('main > p').first().innerText(), /status: Concept · versie 1/);

      // Definitief while incomplete: the API names the field, the form shows it there.
      await page.click('#definitief button');
      const first = await page.locator('.ifzo-field [aria-invalid="true"]').getAttribute('id');
      assert.match(first, /^indicatie-/);
      assert.notEqual(await fieldError(page, first), '');
      await screenshot(page, 'indicatie-onvolledig');
      assert.deepEqual(await seriousViolations(page), []);
      for (const name of ['arrondissement', 'geslacht', 'verstandelijke_vermogens', 'zedendelict', 'zorgsetting',
        'verblijfsintensiteit', 'middel', 'aard_zorgvraag']) {
        await page.selectOption(`#indicatie-criteria-${name}`, { index: 1 });
      }
      await page.selectOption('#indicatie-zorgtitel', { index: 1 });
      await page.fill('#indicatie-titel_start', '2026-01-05');
      await page.selectOption('#indicatie-beveiligingsniveau', '2');
      await page.selectOption('#indicatie-urgentie', 'REG');
      await page.fill('#indicatie-onderbouwing', 'Klinische behandeling nodig; ambulant is onvoldoende gebleken.');
      await page.click('#indicatie button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("De indicatiestelling is opgeslagen.")');
      await screenReady(page, 'Indicatiestelling Klinisch');
      await page.click('#definitief button');
      await page.waitForSelector('main [role="status"]:has-text("De indicatiestelling is definitief.")');
      await arrived(page, 'indicatie-definitief', 'Indicatiestelling Klinisch');
      assert.match(await page.locator('main > p').first().innerText(), /status: Definitief · versie 1/);
      assert.equal(await page.locator('#definitief').count(), 0);

      // A change to a definitive indication is a new version; the history shows both.
      await page.selectOption('#indicatie-urgentie', 'SPOED');
      await page.click('#indicatie button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("De indicatiestelling is opgeslagen.")');
      await screenReady(page, 'Indicatiestelling Klinisch');
      const history = await page.locator('main table').last().locator('tbody tr').evaluateAll(
        (rows) => rows.map((r) => [...r.cells].slice(0, 4).map((c) => c.textContent)));
      assert.deepEqual(history, [['1', 'Vervangen', 'Klinisch', 'Regulier'], ['2', 'Definitief', 'Klinisch', 'Spoed']]);
      const indPath = new URL(page.url()).pathname;
      await visit(t, page, indPath, 'indicatie', 'Indicatiestelling Klinisch');
      await visit(t, page, clientPath, 'justitiabele-met-indicatie', 'Bakker, Jan');
      assert.deepEqual(await page.locator('main table tbody tr').first().locator('td').allInnerTexts(),
        ['Klinisch', 'Definitief', '2', await page.locator('main table tbody tr td').nth(3).innerText(), 'Spoed']);

      // Changing the client sends If-Match; the change is saved.
      await page.fill('#justitiabele-voornamen', 'Jan Willem');
      await page.press('#justitiabele-voornamen', 'Enter');
      await page.waitForSelector('main [role="status"]:has-text("De wijziging is opgeslagen.")');
      await screenReady(page, 'Bakker, Jan Willem');
      await visit(t, page, `${clientPath}/indicatie-nieuw`, 'indicatie-nieuw-leeg', 'Nieuwe indicatiestelling');
      ids.client = Number(clientPath.split('/').pop());
      assert.deepEqual(expected4xx(page.problems), []);
  }));
});

describe('zorgaanbieder', () => {
  test('locations, the offer per care type with capacity, waiting list and intake stop', async (t) => withPage('zorgaanbieder', async (page) => {
      await login(page, 'aanbieder', pw.aanbieder);
      await screenReady(page, 'Welkom bij openifzo');
      assert.deepEqual(await page.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts(),
        ['Start', 'Aanmeldingen', 'Locaties en zorgaanbod', 'Wachtwoord wijzigen', 'Over deze omgeving']);
      await visit(t, page, '/locaties', 'locaties', 'Locaties en zorgaanbod');
      await page.fill('#locatie-naam', 'De Berk Utrecht');
      await page.fill('#locatie-agb', '06123457');
      await page.fill('#locatie-adres', 'Berkenlaan 1');
      await page.fill('#locatie-postcode', '35');
      await page.fill('#locatie-plaats', 'Utrecht');
      await page.selectOption('#locatie-beveiligingsniveau', '2');
      await page.click('#locatie button[type="submit"]');
      assert.match(await fieldError(page, 'locatie-postcode'), /^Vul een geldige postcode in/);
      await screenshot(page, 'locaties-fout');
      assert.deepEqual(await seriousViolations(page), []);
      await page.fill('#locatie-postcode', '3511 AB');
      await page.click('#locatie button[type="submit"]');
      await arrived(page, 'locatie', 'De Berk Utrecht');
      assert.equal(await page.locator('main [role="status"]').innerText(), 'De locatie is toegevoegd.');
      const locPath = new URL(page.url()).pathname;

      // A klinisch offer: the criteria of klinisch as checkbox sets.
      await page.selectOption('#aanbod-zorgtype', 'KLIN');
      const legends = await page.locator('#aanbod .ifzo-checkboxes legend').allInnerTexts();
      assert.equal(legends.length, 9);
      assert.equal(legends[0], 'Arrondissement van de leefomgeving');
      await page.fill('#aanbod-capaciteit', '12');
      await page.fill('#aanbod-bezet', '10');
      await page.click('#aanbod button[type="submit"]');
      const bad = await page.locator('#aanbod [aria-invalid="true"]').first();
      assert.equal(await bad.getAttribute('name'), 'criteria.arrondissement');
      assert.notEqual((await page.locator('#aanbod-criteria-arrondissement-fout').innerText()).trim(), '');
      await screenshot(page, 'aanbod-fout');
      assert.deepEqual(await seriousViolations(page), []);
      for (const legend of await page.locator('#aanbod .ifzo-checkboxes').all()) {
        const name = await legend.locator('input').first().getAttribute('name');
        if (name === 'criteria.middel') continue;
        for (const box of await legend.locator('input').all()) await box.check();
      }
      await page.fill('#aanbod-wachtlijst', '3');
      await page.fill('#aanbod-wachttijd_dagen', '21');
      await page.click('#aanbod button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("Het aanbod is toegevoegd.")');
      await screenReady(page, 'De Berk Utrecht');
      const row = await page.locator('main table tbody tr').first().locator('td').allInnerTexts();
      assert.deepEqual(row.slice(0, 6), ['Klinisch', '12', '10', '2', '3', 'nee']);

      // The offer itself: an intake stop with its period, saved with If-Match.
      await page.locator('main table a', { hasText: 'Klinisch' }).click();
      await arrived(page, 'aanbod', 'Zorgaanbod Klinisch');
      assert.equal(await page.locator('#aanbod-zorgtype').isDisabled(), true);
      await page.check('#aanbod-opnamestop');
      await page.fill('#aanbod-opnamestop_van', '2026-12-01');
      await page.fill('#aanbod-opnamestop_tot', '2026-12-31');
      await page.click('#aanbod button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("Het aanbod is bijgewerkt.")');
      await screenReady(page, 'Zorgaanbod Klinisch');
      const offerPath = new URL(page.url()).pathname;
      await visit(t, page, offerPath, 'aanbod-opnamestop', 'Zorgaanbod Klinisch');
      assert.equal(await page.isChecked('#aanbod-opnamestop'), true);
      await visit(t, page, locPath, 'locatie-met-aanbod', 'De Berk Utrecht');
      assert.match(await page.locator('main table tbody tr').first().innerText(), /ja vanaf 01-12-2026 tot en met 31-12-2026/);
      assert.deepEqual(expected4xx(page.problems), []);
  }));
});

describe('functioneel beheer', () => {
  test('organisations, users, tokens, providers, contracts and the access log per client', async (t) => withPage('beheer', async (page) => {
      await login(page, 'beheer', pw.beheer);
      await screenReady(page, 'Welkom bij openifzo');

      await visit(t, page, '/beheer/organisaties', 'organisaties', 'Organisaties');
      await page.fill('#organisatie-name', 'Reclassering Nederland');
      await page.selectOption('#organisatie-kind', '3ro');
      await page.click('#organisatie button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("Organisatie Reclassering Nederland is toegevoegd")');
      assert.ok((await page.locator('main table').innerText()).includes('Reclassering Nederland'));

      await visit(t, page, '/beheer/gebruikers', 'gebruikers', 'Gebruikers');
      await page.fill('#gebruiker-username', 'Met Hoofdletters');
      await page.fill('#gebruiker-display_name', 'P. Plaatser');
      await page.selectOption('#gebruiker-role', 'plaatser');
      await page.selectOption('#gebruiker-organisation_id', { label: 'DJI Functioneel beheer' });
      await page.click('#gebruiker button[type="submit"]');
      assert.equal(await fieldError(page, 'gebruiker-username'),
        'De gebruikersnaam mag alleen kleine letters, cijfers, punten en streepjes bevatten.');
      await screenshot(page, 'gebruikers-fout');
      assert.deepEqual(await seriousViolations(page), []);
      await page.fill('#gebruiker-username', 'plaatser');
      await page.click('#gebruiker button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("Gebruiker plaatser is aangemaakt")');
      const temp = (await page.locator('main [role="status"] .ifzo-secret').innerText()).trim();
      assert.ok(temp.length >= 12, 'the temporary password is shown once');
      // The temporary password works (and must be changed: the API says so).
      const res = await fetch(`${server.url}/api/session`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'plaatser', password: temp }),
      });
      assert.equal(res.status, 201);
      assert.equal((await res.json()).user.must_change_password, true);
      await page.locator('main button[aria-label="plaatser blokkeren"]').click();
      await page.waitForSelector('main [role="status"]:has-text("plaatser is geblokkeerd; alle sessies zijn beëindigd.")');
      assert.match(await page.locator('main table tr', { hasText: 'plaatser' }).innerText(), /Geblokkeerd/);
      // A blocked user cannot be reset (the API has no unblocking); a reset of another user
      // gives a new temporary password, shown once.
      assert.equal(await page.locator('main button[aria-label="plaatser herstellen met een nieuw tijdelijk wachtwoord"]').count(), 0);
      // Nor can the beheerder block or reset their own account from this list.
      assert.equal(await page.locator('main table tr', { hasText: 'F. de Beheerder' }).locator('button').count(), 0);
      await page.locator('main button[aria-label="officier herstellen met een nieuw tijdelijk wachtwoord"]').click();
      await page.waitForSelector('main [role="status"]:has-text("officier is hersteld")');
      const again = (await page.locator('main [role="status"] .ifzo-secret').innerText()).trim();
      assert.notEqual(again, pw.officier, 'a reset gives a new temporary password');
      assert.match(await page.locator('main table tr', { hasText: 'officier' }).innerText(), /Tijdelijk wachtwoord/);
      await screenshot(page, 'gebruikers-hersteld');
      assert.deepEqual(await seriousViolations(page), []);

      await visit(t, page, '/beheer/tokens', 'tokens', 'API-tokens');
      await page.selectOption('#token-organisation_id', { label: 'Kliniek De Berk' });
      await page.fill('#token-name', 'EPD De Berk');
      await page.click('#token button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("Token EPD De Berk is aangemaakt")');
      const token = (await page.locator('main [role="status"] .ifzo-secret').innerText()).trim();
      const who = await fetch(`${server.url}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(who.status, 200, 'the shown token works');
      await page.locator('main button[aria-label="Token EPD De Berk intrekken"]').click();
      await page.waitForSelector('main [role="status"]:has-text("Token EPD De Berk is ingetrokken.")');
      const gone = await fetch(`${server.url}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(gone.status, 401, 'a revoked token no longer works');

      await visit(t, page, '/beheer/zorgaanbieders', 'zorgaanbieders', 'Zorgaanbieders');
      await page.fill('#zorgaanbieder-naam', 'Stichting Het Anker');
      await page.fill('#zorgaanbieder-agb', '1234');
      await page.click('#zorgaanbieder button[type="submit"]');
      assert.equal(await fieldError(page, 'zorgaanbieder-agb'), 'Dit is geen geldige AGB-code.');
      await page.fill('#zorgaanbieder-agb', '07123456');
      await page.click('#zorgaanbieder button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("Zorgaanbieder Stichting Het Anker is toegevoegd.")');

      await visit(t, page, '/beheer/contracten', 'contracten', 'Contracten');
      await page.selectOption('#contract-zorgaanbieder_id', { label: 'Kliniek De Berk' });
      await page.selectOption('#contract-zorgtype', 'KLIN');
      await page.fill('#contract-geldig_van', '2026-01-01');
      await page.fill('#contract-geldig_tot', '2025-12-31');
      await page.click('#contract button[type="submit"]');
      assert.equal(await fieldError(page, 'contract-geldig_tot'), 'De einddatum ligt vóór de begindatum.');
      await page.fill('#contract-geldig_tot', '');
      await page.click('#contract button[type="submit"]');
      await page.waitForSelector('main [role="status"]:has-text("Het contract voor Kliniek De Berk is toegevoegd")');
      assert.match(await page.locator('main table tbody tr').first().innerText(), /Kliniek De Berk\s+Klinisch\s+01-01-2026\s+onbepaald/);

      // The access log of a client: reading it is logged too, so a second look shows the first.
      const client = ids.client ?? 1;
      await visit(t, page, '/beheer/toegangslog', 'toegangslog', 'Toegangslog');
      await page.fill('#toegangslog-client', String(client));
      await page.press('#toegangslog-client', 'Enter');
      await screenReady(page, 'Toegangslog');
      await visit(t, page, `/beheer/toegangslog?client=${client}`, 'toegangslog-client', 'Toegangslog');
      const rows = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((r) => [...r.cells].map((c) => c.textContent)));
      assert.ok(rows.some((r) => r[1] === 'beheer' && r[2] === 'Functioneel beheer' && r[3] === 'ingezien' && r[4] === 'toegangslog'),
        JSON.stringify(rows));
      assert.deepEqual(expected4xx(page.problems), []);
  }));

  test('a screen of another role says so instead of showing data', async (t) => withPage('geen-toegang', async (page) => {
      await login(page, 'beheer', pw.beheer);
      await screenReady(page, 'Welkom bij openifzo');
      await visit(t, page, '/justitiabelen', 'geen-toegang', 'Geen toegang');
      assert.deepEqual(page.problems, []);
  }));
});

describe('menu', () => {
  for (const [username, entries] of [
    ['indiceerder', 4], ['aanbieder', 5], ['beheer', 10], /* 10: with the capacity monitor */
  ]) {
    test(`every menu entry of ${username} opens a screen of that role: no dead links`, async () => withPage(`menu-${username}`, async (page) => {
      await login(page, username, pw[username]);
      await page.waitForURL((u) => u.pathname !== '/inloggen');
      await screenReady(page, null);
      const hrefs = await page.locator('nav[aria-label="Hoofdmenu"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.equal(hrefs.length, entries);
      for (const href of hrefs) {
        await openScreen(page, server.url, href);
        assert.equal(new URL(page.url()).pathname, href, `${href} redirected`);
        const h1 = (await page.locator('h1').innerText()).trim();
        assert.ok(!['Pagina niet gevonden', 'Geen toegang'].includes(h1), `${username}: ${href} shows ${h1}`);
        assert.equal(await page.locator('main [role="alert"]').count(), 0, `${username}: ${href} shows an error`);
      }
      assert.deepEqual(page.problems, []);
    }));
  }
});
