// vendor.test.mjs - the cut-down design-system stylesheet (scripts/css-subset.mjs,
// scripts/vendor.mjs): what it keeps and drops, and that web/vendor/ is not stale, so a
// screen that starts using a new Utrecht class cannot silently go unstyled.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  parseBlocks, subsetComponents, subsetTokens, usedClasses,
} from '../../scripts/css-subset.mjs';
import { buildStylesheet, STYLESHEET } from '../../scripts/vendor.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('classes count when written literally, in a template or as a prefix', () => {
  const used = usedClasses([
    "h('p', { class: 'utrecht-paragraph' })",
    'h("div", { class: `utrecht-alert utrecht-alert--${kind}` })',
    '`utrecht-button utrecht-button--${kind}-action`',
    "`utrecht-textbox${x ? ' utrecht-textbox--password' : ''}`",
    "'utrecht-badge--' + tone",
  ]);
  for (const c of ['utrecht-paragraph', 'utrecht-alert', 'utrecht-alert--error', 'utrecht-button',
    'utrecht-button--primary-action', 'utrecht-textbox', 'utrecht-textbox--password', 'utrecht-badge--x']) {
    assert.ok(used.has(c), c);
  }
  for (const c of ['utrecht-button--subtle', 'utrecht-paragraph--lead', 'utrecht-heading-1', 'utrecht-badge']) {
    assert.ok(!used.has(c), c);
  }
});

test('rules of unused classes go; negations, @media, @font-face and keyframes are handled', () => {
  const css = [
    '/** @license EUPL-1.2 */',
    '@charset "UTF-8";',
    '/* a plain comment */',
    '.utrecht-a { color: red; }',
    '.utrecht-b { color: blue; }',
    '.utrecht-a:not(.utrecht-a--disabled):hover { color: green; }',
    '.utrecht-a--x, .utrecht-b--y,\n.utrecht-a:focus { outline: 0; }',
    '@media (min-width: 10em) { .utrecht-b { margin: 0; } }',
    '@media print { .utrecht-a { margin: 0; } .utrecht-b { margin: 1px; } }',
    '@font-face { font-family: "X"; src: url("a;b{c}.woff2"); }',
    '.utrecht-a--busy { animation: spin 1s; }',
    '@keyframes spin { from { rotate: 0; } to { rotate: 1turn; } }',
    '@keyframes unused { from { opacity: 0; } }',
    ':root { --z: 1; }',
  ].join('\n');
  const out = subsetComponents(css, usedClasses(['utrecht-a utrecht-a--busy'])).text;
  const kept = parseBlocks(out).map((b) => (b.kind === 'comment' ? b.text : b.prelude));
  assert.deepEqual(kept, [
    '/** @license EUPL-1.2 */',
    '@charset "UTF-8"',
    '.utrecht-a',
    '.utrecht-a:not(.utrecht-a--disabled):hover',
    '.utrecht-a:focus',
    '@media print',
    '@font-face',
    '.utrecht-a--busy',
    ':root',
    '@keyframes spin',
  ]);
  assert.match(out, /@media print \{\n\.utrecht-a \{ margin: 0; \}\n\}/);
  assert.doesNotMatch(out, /margin: 1px/);
});

test('theme tokens stay when the kept CSS reaches them through var(), transitively', () => {
  const theme = '.t {\n  --a: var(--b);\n  --b: var(--c, 1px);\n  --c: 2px;\n  --d: var(--e);\n  --e: 3px;\n  --f: 4px;\n}\n';
  assert.equal(subsetTokens(theme, ['.x { margin: var(--a); padding: var(--f, 0); }']),
    '.t {\n  --a: var(--b);\n  --b: var(--c, 1px);\n  --c: 2px;\n  --f: 4px;\n}');
});

// Needs npm ci (node_modules and web/vendor/); the CI and README commands run it first.
const installed = existsSync(join(root, 'node_modules', '@utrecht', 'component-library-css'));
test('web/vendor/ is made from the current web/ (else: npm run vendor)', { skip: !installed && 'no node_modules' }, () => {
  const file = join(root, 'web', STYLESHEET);
  assert.ok(existsSync(file), `${file} is missing: run npm run vendor`);
  const { text, files } = buildStylesheet();
  assert.ok(readFileSync(file, 'utf8') === text, `${file} is stale: run npm run vendor`);
  assert.ok(gunzipSync(readFileSync(`${file}.gz`)).toString('utf8') === text, `${file}.gz is stale`);
  for (const [, to] of files) assert.ok(existsSync(join(root, 'web', 'vendor', to)), to);
  // Every class of the page shell and of the screens has its rules.
  for (const c of ['utrecht-page-layout', 'utrecht-nav-bar', 'utrecht-button--primary-action',
    'utrecht-alert--error', 'utrecht-table', 'utrecht-form-field--invalid']) {
    assert.match(text, new RegExp(`\\.${c}\\b`), c);
  }
});
