// criteria.test.mjs - the front end's table of hard criteria per care type (web/js/criteria.js)
// must say what src/core/criteria.h says, so the indication form has exactly the fields of
// its care type: same criteria, same order, same care types (K/V/A in the enum's comments),
// same code lists (ifzo_crit_list in src/core/criteria.c).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CRITERIA, criteriaFor, rootOf } from '../../web/js/criteria.js';

const root = new URL('../../', import.meta.url);
const header = readFileSync(new URL('src/core/criteria.h', root), 'utf8');

test('the criteria, their order and care types follow src/core/criteria.h', () => {
  const enumBody = header.slice(header.indexOf('typedef enum ifzo_crit {'), header.indexOf('IFZO_CRIT_COUNT'));
  const rows = [...enumBody.matchAll(/IFZO_CRIT_([A-Z_]+)(?: = 0)?,\s*\/\*\s*([a-z_]+)[^;]*;\s*([KVA ]+)/g)]
    .map(([, name, list, types]) => ({
      name: name.toLowerCase(),
      list,
      roots: types.trim().split(/\s+/).map((x) => ({ K: 'KLIN', V: 'VBW', A: 'AMB' })[x]),
    }));
  assert.equal(rows.length, 13);
  assert.deepEqual(CRITERIA.map((c) => ({ name: c.name, list: c.list, roots: c.roots })), rows);
});

test('a care type below a top-level one takes its criteria; aard_zorgvraag follows its columns', () => {
  const lists = {
    zorgtype: { entries: [{ code: 'KLIN', parent: null }, { code: 'TBS', parent: 'KLIN' }, { code: 'AMB', parent: null }] },
    aard_zorgvraag: { entries: [{ code: 'VDIAG', klinisch: false, ambulant: true }, { code: 'BEH', klinisch: true, ambulant: true }] },
  };
  assert.equal(rootOf(lists, 'TBS'), 'KLIN');
  assert.equal(rootOf(lists, 'XX'), null);
  assert.deepEqual(criteriaFor(lists, 'TBS').map((c) => c.name), criteriaFor(lists, 'KLIN').map((c) => c.name));
  assert.deepEqual(criteriaFor(lists, 'TBS').find((c) => c.name === 'aard_zorgvraag').entries.map((e) => e.code), ['BEH']);
  assert.deepEqual(criteriaFor(lists, 'AMB').find((c) => c.name === 'aard_zorgvraag').entries.map((e) => e.code), ['VDIAG', 'BEH']);
  assert.deepEqual(criteriaFor(lists, ''), []);
});
