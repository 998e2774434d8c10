// errors.test.mjs - every error code the server can answer has a Dutch text in
// web/js/errors.js, and messageFor() falls back sensibly. The codes are read from the C
// source (api_error(r, STATUS, "code" and core_fail(err, "code"), so a branch that adds a
// code without its text fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_MESSAGES, GENERIC_MESSAGE, messageFor } from '../../web/js/errors.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function cFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return cFiles(p);
    return name.endsWith('.c') ? [p] : [];
  });
}

function codesInSource() {
  const codes = new Set();
  for (const file of cFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/api_error\(\s*r\s*,\s*\d+\s*,\s*"([a-z_]+)"/g)) codes.add(m[1]);
    for (const m of text.matchAll(/core_fail\(\s*\w+\s*,\s*"([a-z_]+)"/g)) codes.add(m[1]);
  }
  return [...codes].sort();
}

test('every error code in src/ has a Dutch text', () => {
  const codes = codesInSource();
  assert.ok(codes.includes('not_found') && codes.includes('invalid_path'), `found: ${codes}`);
  const missing = codes.filter((c) => !Object.hasOwn(ERROR_MESSAGES, c));
  assert.deepEqual(missing, [], 'add these codes to web/js/errors.js');
});

test('the texts are Dutch sentences, not codes', () => {
  for (const [code, text] of Object.entries(ERROR_MESSAGES)) {
    assert.match(text, /^[A-Zo].*[.)]$/u, `${code}: "${text}"`);
    assert.ok(!text.includes('_'), `${code}: "${text}"`);
  }
});

test('messageFor: the table first, then the server message, then a generic text', () => {
  assert.equal(messageFor({ code: 'version_conflict', message: 'Het object is intussen gewijzigd.' }),
    ERROR_MESSAGES.version_conflict);
  assert.equal(messageFor({ code: 'some_new_code', message: 'Een nieuwe fout.' }), 'Een nieuwe fout.');
  assert.equal(messageFor({ code: 'some_new_code', message: '  ' }), GENERIC_MESSAGE);
  assert.equal(messageFor(null), GENERIC_MESSAGE);
  assert.equal(messageFor({ code: 'toString' }), GENERIC_MESSAGE, 'no prototype keys');
});
