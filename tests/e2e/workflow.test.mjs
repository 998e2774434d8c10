// workflow.test.mjs - the whole placement path in a real browser across three roles, each in
// its own browser context (own cookie, own tab session): the indiceerder registers a new
// client and makes a klinisch indication definitive; the plaatser creates the placement
// request from it and refers; the zorgaanbieder asks for a longer term and declines with a
// reason; the plaatser cancels that attempt on the zorgaanbieder's list (motivation
// required) and refers again; the zorgaanbieder accepts; the plaatser takes the placement
// decision; the zorgaanbieder reports start and (late) end of care, corrects the end date
// and withdraws the notice. A second test cancels on the plaatser's list (motivation
// required) and withdraws a whole request, with the keyboard.
//
// Every screen: axe-core without serious or critical violations, a screenshot, the load time
// printed (never asserted). "Today" is fixed for the server (IFZO_TODAY) so that the date
// rules give the same answer every day.
//
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { criteriaFor } from '../../web/js/criteria.js';
import {
  apiClient, launchBrowser, newPage, openScreen, recordLoadTime, resetLoadTimes, screenReady,
  screenshot, seriousViolations, startServer,
} from './harness.mjs';

const TODAY = '2026-06-01';
let server;
let browser;
let api = {}; // role -> API client (set-up only)
const pw = {};

// The browser logs every 4xx answer of a fetch as a console error; steps that submit an
// invalid value expect those.
const unexpected = (problems) => problems.filter((p) => !/status of 4\d\d/.test(p));


before(async () => {
  process.env.IFZO_TODAY = TODAY;
  resetLoadTimes('load-times-workflow.txt');
  server = await startServer();
  browser = await launchBrowser();
  server.ifzo(['user', 'add', '--username', 'beheer', '--name', 'F. de Beheerder', '--role', 'functioneel_beheer',
    '--new-organisation', 'DJI Functioneel beheer', '--kind', 'dji', '--totp', 'off'], 'beheer-wachtwoord-1\n');
  const admin = await apiClient(server.url, 'beheer', 'beheer-wachtwoord-1');
  const nifp = await admin('POST', '/api/organisations', { name: 'NIFP regio Midden', kind: 'nifp' });
  const rro = await admin('POST', '/api/organisations', { name: 'Reclassering Midden', kind: '3ro' });
  const berk = await admin('POST', '/api/organisations', { name: 'Kliniek De Berk', kind: 'zorgaanbieder' });
  const provider = await admin('POST', '/api/zorgaanbieders', { naam: 'Kliniek De Berk', agb: '06123456', toelating: true, organisation_id: berk.id });
  // A contract for klinisch care: a proposal only proposes contracted offer.
  await admin('POST', '/api/contracten', { zorgaanbieder_id: provider.id, zorgtype: 'KLIN', geldig_van: '2026-01-01' });
  for (const [username, display, role, org] of [
    ['indiceerder', 'I. Jansen', 'indiceerder', nifp], ['plaatser', 'P. de Vries', 'plaatser', rro],
    ['aanbieder', 'Z. de Berk', 'zorgaanbieder', berk]]) {
    const a = await admin('POST', '/api/users', { username, display_name: display, role, organisation_id: org.id });
    const call = await apiClient(server.url, username, a.temporary_password);
    pw[username] = `${username}-wachtwoord-1`;
    await call('PUT', '/api/session/password', { current_password: a.temporary_password, new_password: pw[username] });
    api[username] = await apiClient(server.url, username, pw[username]);
  }
  // Two locations of the provider with a klinisch offer accepting every code (set-up through
  // the API: the offer screens have their own test in roles.test.mjs).
  const lists = Object.fromEntries((await (await fetch(`${server.url}/api/codelists`)).json()).items.map((l) => [l.name, l]));
  const criteria = Object.fromEntries(criteriaFor(lists, 'KLIN').filter((c) => c.name !== 'middel').map((c) => [c.name, c.entries.map((e) => e.code)]));
  for (const [naam, agb, postcode, plaats] of [['De Berk Utrecht', '06123457', '3511AB', 'Utrecht'], ['De Berk Amersfoort', '06123458', '3811AB', 'Amersfoort']]) {
    const loc = await api.aanbieder('POST', '/api/zorglocaties', {
      zorgaanbieder_id: provider.id, naam, agb, adres: 'Berkenlaan 1', postcode, plaats, beveiligingsniveau: '3',
    });
    await api.aanbieder('POST', '/api/zorgaanbod', { zorglocatie_id: loc.id, zorgtype: 'KLIN', criteria, capaciteit: 12, bezet: 10, wachtlijst: 2 });
  }
});

after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0, 'ifzo serve must exit 0 after SIGTERM');
});

/** A logged-in page for a role (its own browser context), logging in through the screen. */
async function pageFor(username) {
  const page = await newPage(browser);
  await openScreen(page, server.url, '/inloggen');
  await page.fill('#inloggen-username', username);
  await page.fill('#inloggen-password', pw[username]);
  await page.press('#inloggen-password', 'Enter');
  await screenReady(page, 'Welkom bij openifzo');
  return page;
}

/** Runs body with the role pages; on failure saves each page and adds its <main> text. */
async function withPages(name, roles, body) {
  const pages = {};
  try {
    for (const r of roles) pages[r] = await pageFor(r);
    await body(pages);
  } catch (e) {
    for (const [r, page] of Object.entries(pages)) {
      await screenshot(page, `mislukt-${name}-${r}`).catch(() => {});
      const main = await page.locator('main').innerText().catch(() => '');
      e.message += `\n--- ${r} at ${page.url()}:\n${main}\n--- problems: ${page.problems.join('; ')}`;
    }
    e.message += `\n--- server log (warnings):\n${server.log().slice(-3000)}`;
    throw e;
  } finally {
    for (const page of Object.values(pages)) await page.context().close();
  }
}

/** Opens path (a full load), asserts the heading, screenshot, axe, prints the load time. */
async function visit(t, page, path, name, heading) {
  const { ms } = await openScreen(page, server.url, path);
  recordLoadTime(t, path, ms);
  assert.equal((await page.locator('h1').innerText()).trim(), heading, `${path}: heading`);
  await screenshot(page, name);
  assert.deepEqual(await seriousViolations(page), [], `${path}: axe`);
}

/** The screen the app navigated to itself: ready, screenshot, axe. */
async function arrived(page, name, heading) {
  await screenReady(page, heading);
  await screenshot(page, name);
  assert.deepEqual(await seriousViolations(page), [], `${name}: axe`);
}

async function fieldError(page, id) {
  await page.waitForSelector(`#${id}-fout:not([hidden])`);
  assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true');
  return (await page.locator(`#${id}-fout`).innerText()).trim();
}

async function status(page, text) {
  await page.waitForSelector(`main [role="status"]:has-text("${text}")`);
}

/** The rows of the n-th table in <main> as arrays of cell texts. */
const rows = (page, n = 0) => page.locator('main table').nth(n).locator('tbody tr').evaluateAll(
  (trs) => trs.map((r) => [...r.cells].map((c) => c.textContent.trim())));

/** The referral screen: location, the 10 soft criteria, the justification when asked. */
async function refer(page, location) {
  if (location) {
    // The option names the location and, with a proposal, its outcome ("— voorgesteld").
    const value = await page.locator('#aanmelding-zorglocatie_id option', { hasText: location }).first().getAttribute('value');
    await page.selectOption('#aanmelding-zorglocatie_id', value);
  }
  for (let i = 1; i <= 10; i++) {
    await page.fill(`#aanmelding-weging-${String(i).padStart(2, '0')}`, `Weging van criterium ${i}.`);
  }
  if (await page.locator('#aanmelding-afwijking-contra_indicatie').isVisible()) {
    await page.selectOption('#aanmelding-afwijking-contra_indicatie', 'WACHT');
    await page.fill('#aanmelding-afwijking-toelichting', 'De voorgestelde locatie heeft een lange wachtlijst.');
  }
  await page.click('#aanmelding button[type="submit"]');
}

test('the whole path: new client, indication, request, referral, decline, cancel, accept, decision, start, end, correction, withdrawal', async (t) => withPages('pad', ['indiceerder', 'plaatser', 'aanbieder'], async ({ indiceerder: ind, plaatser: pl, aanbieder: za }) => {
  // ---- indiceerder: a new client and a klinisch indication made definitive
  await visit(t, ind, '/justitiabelen/nieuw', 'pad-justitiabele-nieuw', 'Nieuwe justitiabele');
  await ind.fill('#justitiabele-achternaam', 'Visser');
  await ind.fill('#justitiabele-voornamen', 'Anna');
  await ind.fill('#justitiabele-geboortedatum', '1988-02-03');
  await ind.fill('#justitiabele-bsn', '111222333');
  await ind.selectOption('#justitiabele-geslacht', '2');
  await ind.fill('#justitiabele-postcode', '3511 AB');
  await ind.press('#justitiabele-postcode', 'Enter');
  await arrived(ind, 'pad-justitiabele', 'Visser, Anna');
  await ind.locator('main a', { hasText: 'Nieuwe indicatiestelling' }).click();
  await screenReady(ind, 'Nieuwe indicatiestelling');
  await ind.selectOption('#indicatie-zorgtype', 'KLIN');
  for (const sel of await ind.locator('.ifzo-criteria select').all()) {
    if (await sel.isVisible()) await sel.selectOption({ index: 1 });
  }
  await ind.selectOption('#indicatie-zorgtitel', '01');
  await ind.fill('#indicatie-titel_start', '2026-01-01');
  await ind.fill('#indicatie-titel_eind', '2027-12-31');
  await ind.selectOption('#indicatie-beveiligingsniveau', '3');
  await ind.selectOption('#indicatie-urgentie', 'REG');
  await ind.fill('#indicatie-aanmelddatum', '2026-05-25');
  await ind.fill('#indicatie-onderbouwing', 'Klinische behandeling nodig.');
  await ind.click('#indicatie button[type="submit"]');
  await status(ind, 'De indicatiestelling is opgeslagen.');
  await screenReady(ind, 'Indicatiestelling Klinisch');
  await ind.click('#definitief button');
  await status(ind, 'De indicatiestelling is definitief.');
  await arrived(ind, 'pad-indicatie-definitief', 'Indicatiestelling Klinisch');
  assert.deepEqual(unexpected(ind.problems), []);

  // ---- plaatser: the menu, an empty work list, the request from the definitive indication
  assert.deepEqual(await pl.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts(),
    ['Start', 'Werklijst', 'Nieuw plaatsingsverzoek', 'Wachtwoord wijzigen', 'Over deze omgeving']);
  await visit(t, pl, '/werklijst', 'werklijst-leeg', 'Werklijst');
  assert.equal(await pl.locator('main').getByText('Er zijn geen plaatsingsverzoeken.').count(), 1);
  await pl.locator('main a', { hasText: 'Nieuw plaatsingsverzoek' }).click();
  await arrived(pl, 'plaatsingsverzoek-nieuw', 'Nieuw plaatsingsverzoek');
  await pl.fill('#zoeken-bsn', '111222333');
  await pl.press('#zoeken-bsn', 'Enter');
  await pl.locator('main table a', { hasText: 'Visser, Anna' }).click();
  await pl.waitForSelector('main button:has-text("Plaatsingsverzoek aanmaken")');
  await screenReady(pl, 'Nieuw plaatsingsverzoek');
  await visit(t, pl, new URL(pl.url()).pathname + new URL(pl.url()).search, 'plaatsingsverzoek-nieuw-indicaties', 'Nieuw plaatsingsverzoek');
  assert.deepEqual((await rows(pl))[0].slice(0, 2), ['Klinisch', 'Regulier']);
  await pl.locator('main button', { hasText: 'Plaatsingsverzoek aanmaken' }).click();
  await status(pl, 'Het plaatsingsverzoek is aangemaakt.');
  const reqPath = new URL(pl.url()).pathname;
  const reqId = Number(reqPath.split('/').pop());
  await arrived(pl, 'plaatsingsverzoek-open', `Plaatsingsverzoek ${reqId}`);

  // ---- the proposal
  {
    await pl.locator('main a', { hasText: 'Voorstel maken of bekijken' }).click();
    await arrived(pl, 'voorstel-leeg', 'Voorstel');
    await pl.click('#voorstel button[type="submit"]');
    await status(pl, 'Het voorstel is gemaakt');
    await arrived(pl, 'voorstel', 'Voorstel 1');
    const shown = await pl.locator('main table').first().innerText();
    assert.match(shown, /De Berk Utrecht/);
    await pl.locator('details summary').first().click();
    await screenshot(pl, 'voorstel-uitleg');
    assert.deepEqual(await seriousViolations(pl), []);
    // Both toggles: outside the region, and bridging.
    await pl.check('#voorstel-buiten_regio');
    await pl.selectOption('#voorstel-modus', 'overbrugging');
    await pl.click('#voorstel button[type="submit"]');
    await arrived(pl, 'voorstel-buiten-regio', 'Voorstel 2');
    await visit(t, pl, `${reqPath}/voorstel?n=2`, 'voorstel-2', 'Voorstel 2');
    await pl.locator('main table a[aria-label="Aanmelden bij De Berk Utrecht"]').first().click();
    await arrived(pl, 'aanmelden-uit-voorstel', 'Aanmelden bij een zorglocatie');
    await refer(pl, null);
  }
  await status(pl, 'De aanmelding is verstuurd naar de zorglocatie.');
  await arrived(pl, 'plaatsingsverzoek-aangemeld', `Plaatsingsverzoek ${reqId}`);
  // The request shows the recorded weighing.
  assert.equal(await pl.locator('main summary', { hasText: 'Afweging bij aanmelding' }).count(), 1);
  // KLIN: 5 working days from Monday 1 June.
  assert.match((await rows(pl))[0].join('|'), /De Berk Utrecht.*01-06-2026\|08-06-2026\|Aangemeld, wacht op reactie/);

  // ---- zorgaanbieder: the inbox, a longer term, a decline with a reason
  assert.deepEqual(await za.locator('nav[aria-label="Hoofdmenu"] a').allInnerTexts(),
    ['Start', 'Aanmeldingen', 'Locaties en zorgaanbod', 'Wachtwoord wijzigen', 'Over deze omgeving']);
  await visit(t, za, '/aanmeldingen', 'aanmeldingen', 'Aanmeldingen');
  const inbox = await rows(za);
  assert.equal(inbox.length, 1);
  assert.equal(inbox[0][4], '08-06-2026');
  await za.locator('main table a').first().click();
  const attA = new URL(za.url()).pathname;
  await arrived(za, 'aanmelding', `Aanmelding ${attA.split('/').pop()}`);
  assert.equal(await za.locator('#reactie-reactie option').count(), 23, 'the 22 options and "Kies…"');
  await za.click('#verlenging button[type="submit"]');
  await status(za, 'De reactietermijn is verlengd.');
  await screenReady(za, `Aanmelding ${attA.split('/').pop()}`);
  assert.match(await za.locator('main dl').first().innerText(), /15-06-2026 \(verlengd\)/);
  assert.equal(await za.locator('#verlenging').count(), 0, 'extended once only');
  await za.click('#reactie button[type="submit"]');
  assert.equal(await fieldError(za, 'reactie-reactie'), 'Kies precies één van de reactiemogelijkheden.');
  await za.selectOption('#reactie-reactie', '16');
  await za.fill('#reactie-toelichting', 'Geen ziekte-inzicht.');
  await za.click('#reactie button[type="submit"]');
  await status(za, 'Uw reactie is verstuurd.');
  await arrived(za, 'aanmelding-afgewezen', `Aanmelding ${attA.split('/').pop()}`);
  assert.match(await za.locator('main dl').first().innerText(), /Patient heeft onvoldoende motivatie voor behandeling — Geen ziekte-inzicht\./);

  // ---- plaatser: cancel on the zorgaanbieder's list; "Te betwisten, vanwege" needs a motivation
  await visit(t, pl, reqPath, 'plaatsingsverzoek-afgewezen', `Plaatsingsverzoek ${reqId}`);
  assert.match((await rows(pl))[0].join('|'), /Afgewezen\|Patient heeft onvoldoende motivatie/);
  await pl.locator('main button', { hasText: 'Annuleren' }).first().click();
  const dlg = pl.locator('dialog[open]');
  await dlg.waitFor();
  await dlg.locator('select[name="op_verzoek"]').selectOption('ZA');
  assert.deepEqual(await dlg.locator('select[name="reden"] option').allInnerTexts(), ['Kies…', 'Terecht', 'Te betwisten, vanwege']);
  await dlg.locator('select[name="reden"]').selectOption('ZA02');
  assert.match(await dlg.locator('label', { hasText: 'Motivatie' }).innerText(), /verplicht bij deze reden/);
  await dlg.locator('button[type="submit"]').click();
  const dlgId = await dlg.getAttribute('id');
  const formId = dlgId.replace(/-dialoog$/, '');
  assert.equal(await fieldError(pl, `${formId}-motivatie`), 'Bij deze reden is een motivatie verplicht.');
  await screenshot(pl, 'annuleren-za-fout');
  assert.deepEqual(await seriousViolations(pl), []);
  await dlg.locator('textarea[name="motivatie"]').fill('De motivatie van de justitiabele is recent verbeterd.');
  await dlg.locator('button[type="submit"]').click();
  await status(pl, 'De toeleidingspoging is geannuleerd.');
  await arrived(pl, 'plaatsingsverzoek-geannuleerd', `Plaatsingsverzoek ${reqId}`);
  assert.match((await rows(pl))[0].join('|'), /Geannuleerd\|Patient heeft onvoldoende motivatie/);

  // ---- plaatser: a second referral (Amersfoort)
  await pl.locator('main a', { hasText: 'Aanmelden bij een zorglocatie' }).click();
  await screenReady(pl, 'Aanmelden bij een zorglocatie');
  await refer(pl, 'De Berk Amersfoort (Kliniek De Berk)');
  await status(pl, 'De aanmelding is verstuurd naar de zorglocatie.');
  await screenReady(pl, `Plaatsingsverzoek ${reqId}`);

  // ---- zorgaanbieder accepts
  await visit(t, za, '/aanmeldingen', 'aanmeldingen-tweede', 'Aanmeldingen');
  await za.locator('main table').first().locator('a').first().click();
  const attB = new URL(za.url()).pathname;
  await screenReady(za, `Aanmelding ${attB.split('/').pop()}`);
  await za.selectOption('#reactie-reactie', '01');
  await za.click('#reactie button[type="submit"]');
  await status(za, 'Uw reactie is verstuurd.');
  await screenReady(za, `Aanmelding ${attB.split('/').pop()}`);

  // ---- plaatser: the placement decision and the letter
  await visit(t, pl, reqPath, 'plaatsingsverzoek-geaccepteerd', `Plaatsingsverzoek ${reqId}`);
  await pl.fill('#besluit-besluitnummer', 'PB 2026');
  await pl.fill('#besluit-verwachte_startdatum', '2026-05-04');
  await pl.click('#besluit button[type="submit"]');
  assert.match(await fieldError(pl, 'besluit-besluitnummer'), /^Het plaatsingsbesluitnummer bestaat uit/);
  await pl.fill('#besluit-besluitnummer', 'PB-2026-001');
  await pl.click('#besluit button[type="submit"]');
  await status(pl, 'Het plaatsingsbesluit is vastgelegd.');
  await arrived(pl, 'plaatsingsverzoek-besloten', `Plaatsingsverzoek ${reqId}`);
  const brief = pl.locator('main a.ifzo-brief');
  assert.equal(await brief.innerText(), 'Plaatsingsbrief PB-2026-001 (PDF)');
  {
    const res = await pl.request.get(server.url + await brief.getAttribute('href'));
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /^application\/pdf/);
    assert.equal((await res.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  }

  // ---- zorgaanbieder: start of care, a late end, its correction and its withdrawal
  await visit(t, za, attB, 'aanmelding-besloten', `Aanmelding ${attB.split('/').pop()}`);
  await za.fill('#start-startdatum', '2026-06-02');
  await za.click('#start button[type="submit"]');
  assert.equal(await fieldError(za, 'start-startdatum'), 'De startdatum mag niet in de toekomst liggen.');
  await za.fill('#start-startdatum', '2026-05-04');
  await za.click('#start button[type="submit"]');
  await status(za, 'De start van de zorg is gemeld.');
  await arrived(za, 'aanmelding-geplaatst', `Aanmelding ${attB.split('/').pop()}`);
  await za.fill('#einde-einddatum', '2026-05-15');
  await za.click('#einde button[type="submit"]');
  assert.equal(await fieldError(za, 'einde-mutatiereden'), 'Kies de reden van het einde van de zorg.');
  await za.selectOption('#einde-mutatiereden', '07');
  await za.click('#einde button[type="submit"]');
  await status(za, 'Het einde van de zorg is gemeld.');
  await arrived(za, 'aanmelding-zorg-beeindigd', `Aanmelding ${attB.split('/').pop()}`);
  assert.match(await za.locator('main dl').nth(1).innerText(), /15-05-2026 — Einde zorg zonder vervolgzorg \(te laat gemeld\)/);

  // The plaatser's work list puts the late notice first.
  await visit(t, pl, '/werklijst', 'werklijst-te-laat', 'Werklijst');
  assert.equal((await pl.locator('main h2').first().innerText()).trim(), 'Vraagt aandacht (1)');
  assert.match((await rows(pl))[0].join('|'), new RegExp(`Verzoek ${reqId}\\|Visser, Anna\\|Klinisch\\|Zorg beëindigd.*Einde zorg te laat gemeld`));

  await za.fill('#correctie-einddatum', '2026-05-16');
  await za.selectOption('#correctie-mutatiereden', '05');
  await za.click('#correctie button[type="submit"]');
  assert.equal(await fieldError(za, 'correctie-mutatiereden'), 'Een correctie heeft dezelfde mutatiereden als de eerste melding.');
  await za.selectOption('#correctie-mutatiereden', '07');
  await za.click('#correctie button[type="submit"]');
  await status(za, 'De einddatum is gecorrigeerd.');
  await screenReady(za, `Aanmelding ${attB.split('/').pop()}`);
  assert.match(await za.locator('main dl').nth(1).innerText(), /16-05-2026/);
  await za.click('#intrekking button[type="submit"]');
  await status(za, 'De melding van het einde van de zorg is ingetrokken.');
  await arrived(za, 'aanmelding-einde-ingetrokken', `Aanmelding ${attB.split('/').pop()}`);
  assert.match(await za.locator('main dl').nth(1).innerText(), /Status van de plaatsing\s+Geplaatst/);
  assert.equal(await za.locator('#einde').count(), 1, 'the end can be reported again');
  // The provider's course of its referrals: its own steps only, the placer by role, not name.
  const course = await rows(za);
  assert.deepEqual(course.map((r) => r[1]), [
    'Aangemeld bij zorglocatie', 'Reactietermijn verlengd', 'Aanmelding afgewezen', 'Toeleidingspoging geannuleerd',
    'Aangemeld bij zorglocatie', 'Aanmelding geaccepteerd', 'Plaatsingsbesluit genomen', 'Start zorg gemeld',
    'Einde zorg gemeld', 'Einde zorg gecorrigeerd', 'Melding einde zorg ingetrokken']);
  assert.equal(course[0][6], 'Plaatser');
  assert.equal(course[0][7], 'Reclassering Midden');
  assert.equal(course[2][6], 'aanbieder (Zorgaanbieder)');

  // ---- plaatser: the timeline has every step with who and role
  await visit(t, pl, reqPath, 'plaatsingsverzoek-tijdlijn', `Plaatsingsverzoek ${reqId}`);
  // Made proposals are steps of the timeline too (two were made above); the rest in order.
  const allSteps = await rows(pl, -1);
  assert.ok(allSteps.filter((r) => r[1] === 'Voorstel gemaakt').length >= 2);
  const timeline = allSteps.filter((r) => r[1] !== 'Voorstel gemaakt');
  assert.deepEqual(timeline.map((r) => r[1]), [
    'Plaatsingsverzoek aangemaakt', 'Aangemeld bij zorglocatie', 'Reactietermijn verlengd', 'Aanmelding afgewezen',
    'Toeleidingspoging geannuleerd', 'Aangemeld bij zorglocatie', 'Aanmelding geaccepteerd', 'Plaatsingsbesluit genomen',
    'Start zorg gemeld', 'Einde zorg gemeld', 'Einde zorg gecorrigeerd', 'Melding einde zorg ingetrokken']);
  assert.equal(timeline[3][4], 'Patient heeft onvoldoende motivatie voor behandeling');
  assert.equal(timeline[3][6], 'aanbieder (Zorgaanbieder)');
  assert.equal(timeline[4][5], 'De motivatie van de justitiabele is recent verbeterd.');
  assert.equal(timeline[7][6], 'plaatser (Plaatser)');
  assert.equal(timeline[3][7], 'Kliniek De Berk', 'each step names the organisation');
  assert.equal(timeline[7][7], 'Reclassering Midden');
  await visit(t, pl, '/werklijst', 'werklijst', 'Werklijst');
  assert.match((await rows(pl))[0].join('|'), /Geplaatst/);
  for (const page of [ind, pl, za]) assert.deepEqual(unexpected(page.problems), []);
}));

test('cancellation on the plaatser\'s list and withdrawal of a request, with the keyboard', async (t) => withPages('intrekken', ['plaatser'], async ({ plaatser: pl }) => {
  // Set-up through the API: a definitive indication, a request, two parallel referrals.
  const { req, locs } = await definitiveRequest('Mulder', '123456782');
  const path = `/plaatsingsverzoeken/${req.id}`;
  for (const [i, loc] of locs.entries()) await referViaApi(req.id, loc.id, i > 0);

  await visit(t, pl, path, 'intrekken-twee-aanmeldingen', `Plaatsingsverzoek ${req.id}`);
  assert.equal((await rows(pl)).length, 2);
  // The keyboard: focus the first row's cancel button, open the dialog with Enter.
  const first = pl.locator('main table button').first();
  await first.focus();
  await pl.keyboard.press('Enter');
  await pl.locator('dialog[open]').waitFor();
  const active = await pl.evaluate(() => document.activeElement.name);
  assert.equal(active, 'op_verzoek', 'the dialog takes the focus');
  await pl.keyboard.press('Escape');
  await pl.locator('dialog[open]').waitFor({ state: 'detached' });
  assert.equal(await pl.evaluate(() => document.activeElement.getAttribute('aria-label')), (await first.getAttribute('aria-label')), 'focus returns to the button');
  await pl.keyboard.press('Enter');
  const dlg = pl.locator('dialog[open]');
  await dlg.waitFor();
  await dlg.locator('select[name="op_verzoek"]').selectOption('PL');
  const plReasons = await dlg.locator('select[name="reden"] option').allInnerTexts();
  assert.equal(plReasons.length, 13, 'the 12 reasons of the plaatser and "Kies…"');
  await dlg.locator('select[name="reden"]').selectOption('PL11');
  await screenshot(pl, 'annuleren-pl-dialoog');
  assert.deepEqual(await seriousViolations(pl), []);
  await dlg.locator('button[type="submit"]').focus();
  await pl.keyboard.press('Enter');
  const formId = (await dlg.getAttribute('id')).replace(/-dialoog$/, '');
  assert.equal(await fieldError(pl, `${formId}-motivatie`), 'Bij deze reden is een motivatie verplicht.');
  await dlg.locator('textarea[name="motivatie"]').fill('De rechter heeft de voorwaarden gewijzigd.');
  await dlg.locator('button[type="submit"]').click();
  await status(pl, 'De toeleidingspoging is geannuleerd.');
  await arrived(pl, 'intrekken-een-geannuleerd', `Plaatsingsverzoek ${req.id}`);
  assert.match((await rows(pl))[0].join('|'), /Geannuleerd\|Op verzoek van plaatser: Alle bovenstaande annuleringen zijn ontoereikend, vanwege — De rechter/);

  // Withdrawal: preset to "Intrekken plaatsingsverzoek door verwijzer"; the request ends.
  await pl.locator('main button', { hasText: 'Plaatsingsverzoek intrekken' }).click();
  const w = pl.locator('dialog[open]');
  await w.waitFor();
  assert.equal(await w.locator('select[name="op_verzoek"]').inputValue(), 'PL');
  assert.equal(await w.locator('select[name="reden"]').inputValue(), 'PL12');
  await screenshot(pl, 'intrekken-dialoog');
  assert.deepEqual(await seriousViolations(pl), []);
  await w.locator('button[type="submit"]').click();
  await status(pl, 'Het plaatsingsverzoek is ingetrokken.');
  await arrived(pl, 'ingetrokken', `Plaatsingsverzoek ${req.id}`);
  assert.match(await pl.locator('main dl').first().innerText(), /Status\s+Ingetrokken/);
  const after = await rows(pl);
  assert.match(after[1].join('|'), /Geannuleerd\|Op verzoek van plaatser: Intrekken plaatsingsverzoek door verwijzer/);
  assert.equal(await pl.locator('main button', { hasText: 'Annuleren' }).count(), 0);
  await visit(t, pl, '/werklijst?status=ingetrokken', 'werklijst-ingetrokken', 'Werklijst');
  assert.equal((await rows(pl)).length, 1);
  assert.deepEqual(unexpected(pl.problems), []);
}));

/** A new client with a definitive klinisch indication and a placement request (API set-up). */
async function definitiveRequest(achternaam, bsn) {
  const ind = api.indiceerder;
  const client = await ind('POST', '/api/justitiabelen', {
    achternaam, voornamen: 'Piet', geboortedatum: '1979-07-08', bsn, geslacht: '1', postcode: '3811AB',
  });
  const lists = Object.fromEntries((await (await fetch(`${server.url}/api/codelists`)).json()).items.map((l) => [l.name, l]));
  const criteria = Object.fromEntries(criteriaFor(lists, 'KLIN').filter((c) => c.name !== 'middel').map((c) => [c.name, c.entries[0].code]));
  const me = await ind('GET', '/api/session');
  const indication = await ind('POST', '/api/indicaties', {
    justitiabele_id: client.id, indicerende_organisatie_id: me.user.organisation_id, zorgtype: 'KLIN', criteria,
    zorgtitel: '01', titel_start: '2026-01-01', titel_eind: '2027-12-31', beveiligingsniveau: '3', urgentie: 'SPOED',
    aanmelddatum: '2026-05-28', onderbouwing: 'Spoed.', status: 'definitief',
  });
  const req = await api.plaatser('POST', '/api/plaatsingsverzoeken', { indicatie_id: indication.id });
  const locs = (await api.plaatser('GET', '/api/zorglocaties?limit=1000&sort=naam')).items;
  return { req, locs, indication };
}


/**
 * A referral through the API (set-up): a referral needs a proposal, the weighing and,
 * outside the proposal, a justification.
 */
async function referViaApi(reqId, locationId, parallel) {
  const headers = { ...(await sessionHeaders('plaatser')), 'Content-Type': 'application/json' };
  const body = { zorglocatie_id: locationId, parallel };
  {
    const made = await api.plaatser('POST', `/api/plaatsingsverzoeken/${reqId}/voorstellen`, { modus: 'regulier', buiten_regio: true });
    body.voorstel = made.volgnummer;
    body.weging = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i + 1).padStart(2, '0'), `Weging ${i + 1}.`]));
    if (!made.locaties.some((l) => l.zorglocatie_id === locationId && l.uitkomst === 'voorgesteld')) {
      body.afwijking = { contra_indicatie: 'WACHT', toelichting: 'Set-up van de test.' };
    }
  }
  const cur = await api.plaatser('GET', `/api/plaatsingsverzoeken/${reqId}`);
  const res = await fetch(`${server.url}/api/plaatsingsverzoeken/${reqId}/pogingen`, {
    method: 'POST', headers: { ...headers, 'If-Match': `"${cur.version}"` }, body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, await res.text());
}

/** Cookie and CSRF headers of a fresh API login (for a raw fetch with If-Match). */
async function sessionHeaders(username) {
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: pw[username] }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = await res.json();
  return { Cookie: cookie, 'X-CSRF-Token': csrf };
}

test('a referral past its reply term: marked and first in the plaatser\'s work list and in the zorgaanbieder\'s inbox', async (t) => {
  // Referred today (1 June, klinisch: answer by 8 June); a second server on the same
  // database lives on 20 June, when the term has passed.
  const { req, locs } = await definitiveRequest('Smit', '100000010');
  await referViaApi(req.id, locs[0].id, false);
  const later = await startServer({ shareWith: server, today: '2026-06-20' });
  const pages = [];
  try {
    for (const [username, path, name, heading] of [
      ['plaatser', '/werklijst', 'werklijst-termijn-verstreken', 'Werklijst'],
      ['aanbieder', '/aanmeldingen', 'aanmeldingen-termijn-verstreken', 'Aanmeldingen']]) {
      const page = await newPage(browser);
      pages.push(page);
      await openScreen(page, later.url, '/inloggen');
      await page.fill('#inloggen-username', username);
      await page.fill('#inloggen-password', pw[username]);
      await page.press('#inloggen-password', 'Enter');
      await screenReady(page, 'Welkom bij openifzo');
      const { ms } = await openScreen(page, later.url, path);
      recordLoadTime(t, `${path} (termijn verstreken)`, ms);
      assert.equal((await page.locator('h1').innerText()).trim(), heading);
      await screenshot(page, name);
      assert.deepEqual(await seriousViolations(page), []);
      const first = (await rows(page))[0].join('|');
      if (username === 'plaatser') {
        assert.equal((await page.locator('main h2').first().innerText()).trim(), 'Vraagt aandacht (1)');
        assert.match(first, new RegExp(`Verzoek ${req.id}\\|Smit, Piet\\|Klinisch\\|Open.*reactie vóór 08-06-2026.*Termijn verstreken`));
      } else {
        assert.match(await page.locator('main').innerText(), /1 aanmelding heeft een verstreken reactietermijn\./);
        assert.match(first, /01-06-2026\|08-06-2026 Termijn verstreken\|Aangemeld, wacht op reactie/);
      }
      assert.deepEqual(page.problems, []);
    }
  } finally {
    for (const page of pages) await page.context().close();
    assert.equal(await later.stop(), 0);
  }
});
