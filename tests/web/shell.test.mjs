// shell.test.mjs - the data behind the shell: the menu per role shows only what exists,
// and addresses map to screens (with parameters) or to "niet gevonden".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { MENU, menuFor } from '../../web/js/nav.js';
import { isScreenPath, matchScreen, SCREENS } from '../../web/js/routes.js';

test('every menu entry leads to a screen that exists', () => {
  const patterns = new Set(SCREENS.map((s) => s.pattern));
  for (const item of MENU) assert.ok(patterns.has(item.path), `${item.path} has no screen`);
});

test('the menu per role keeps entries for everyone and the role\'s own', () => {
  assert.deepEqual(menuFor(null).map((i) => i.path), ['/', '/over', '/inloggen']);
  assert.deepEqual(menuFor({ role: 'plaatser' }).map((i) => i.path), ['/', '/werklijst', '/plaatsingsverzoeken/nieuw', '/wachtwoord', '/over']);
  assert.deepEqual(menuFor({ role: 'indiceerder' }).map((i) => i.path), ['/', '/justitiabelen', '/wachtwoord', '/over']);
  assert.deepEqual(menuFor({ role: 'zorgaanbieder' }).map((i) => i.path), ['/', '/aanmeldingen', '/locaties', '/wachtwoord', '/over']);
  assert.deepEqual(menuFor({ role: 'functioneel_beheer' }).map((i) => i.path), [
    '/', '/beheer/organisaties', '/beheer/gebruikers', '/beheer/tokens', '/beheer/zorgaanbieders',
    '/beheer/contracten', '/beheer/toegangslog', '/monitor', '/wachtwoord', '/over']);
  assert.deepEqual(menuFor({ role: 'beleid' }).map((i) => i.path), ['/', '/monitor', '/wachtwoord', '/over']);
});

test('every screen of a menu entry admits the roles that see the entry', () => {
  for (const item of MENU) {
    const { screen } = matchScreen(item.path);
    if (item.roles === null || item.roles === 'anoniem') assert.equal(screen.roles, undefined, item.path);
    else for (const role of item.roles) assert.ok(screen.roles.includes(role), `${item.path}: ${role}`);
  }
});

test('addresses map to screens; unknown ones to the not-found screen', () => {
  assert.equal(matchScreen('/').screen.pattern, '/');
  assert.equal(matchScreen('/over').screen.pattern, '/over');
  assert.equal(matchScreen('/over/').screen.pattern, '/over');
  assert.equal(matchScreen('/nergens').screen.pattern, null);
  assert.equal(matchScreen('/over/meer').screen.pattern, null);
  assert.equal(matchScreen('/justitiabelen/nieuw').screen.pattern, '/justitiabelen/nieuw');
  assert.deepEqual(matchScreen('/justitiabelen/12').params, { id: '12' });
  assert.deepEqual(matchScreen('/justitiabelen/12/indicatie-nieuw').params, { id: '12' });
  assert.equal(matchScreen('/plaatsingsverzoeken/nieuw').screen.pattern, '/plaatsingsverzoeken/nieuw');
  assert.deepEqual(matchScreen('/plaatsingsverzoeken/7/voorstel').params, { id: '7' });
  assert.deepEqual(matchScreen('/aanmeldingen/3').params, { id: '3' });
});

test('only paths the server answers with index.html count as screens', () => {
  assert.equal(isScreenPath('/over'), true);
  assert.equal(isScreenPath('/clienten/12'), true);
  assert.equal(isScreenPath('/api/version'), false);
  assert.equal(isScreenPath('/healthz'), false);
  assert.equal(isScreenPath('/vendor/x.css'), false);
});

test('each screen fetches with it exactly the imports index.html does not preload', () => {
  const js = new URL('../../web/js/', import.meta.url);
  const html = readFileSync(new URL('../index.html', js), 'utf8');
  const preloaded = new Set([...html.matchAll(/href="\/js\/([^"]+\.js)"/g)].map((m) => m[1]));
  preloaded.add('app.js');
  // The modules a module imports (statically), transitively, that are not preloaded.
  const missing = (file, seen = new Set()) => {
    const text = readFileSync(new URL(file, js), 'utf8');
    for (const m of text.matchAll(/^import [^;]*? from '([^']+)';/gms)) {
      const dep = new URL(m[1], new URL(file, js)).pathname.split('/web/js/')[1];
      if (preloaded.has(dep) || seen.has(dep)) continue;
      seen.add(dep);
      missing(dep, seen);
    }
    return seen;
  };
  for (const s of [...SCREENS]) {
    const file = s.load.file ?? /import\('\.\/([^']+)'\)/.exec(String(s.load))[1];
    const want = [...missing(file.replace(/^\.\//, ''))].sort();
    const got = (s.load.deps ?? []).map((d) => d.replace(/^\.\//, '')).sort();
    assert.deepEqual(got, want, `${s.pattern}: withDeps('${file}', ...) must list ${want.join(', ') || 'nothing'}`);
  }
});
