// css-subset.mjs - keeps of the design system's CSS only what openifzo's pages can use.
//
// Why: @utrecht/component-library-css ships every component (406 KB) and the voorbeeld
// theme every token of every NL Design System community (2780 custom properties, 208 KB).
// The browser parsed all of it and matched every element against it on every page load:
// ~60 ms of style work of a first screen's 300 ms budget (docs/decisions.md, section 100).
// openifzo's pages use a few dozen components, so scripts/vendor.mjs (npm ci's
// postinstall, which copied these files already) keeps:
//   - the rules of the Utrecht components whose class names occur in web/ (a component is
//     the class name up to its first `__` or `--`, so all its elements, modifiers and
//     states stay, also those a template literal builds, such as `utrecht-alert--${kind}`);
//   - the theme's custom properties that the kept CSS (and web/css) reaches through var(),
//     transitively.
// No other change: the kept rules and declarations are the packages' own text, in order.
//
// The parser knows exactly what these files contain: comments, strings, rules, and the
// at-rules @charset, @media, @supports, @container (kept when a rule inside is kept),
// @keyframes (kept when a kept rule names it) and @font-face (always kept).

/** Splits CSS text into top-level items: {kind: 'comment'|'at'|'rule', prelude, body, text}. */
export function parseBlocks(css) {
  const items = [];
  let i = 0;
  const n = css.length;
  while (i < n) {
    while (i < n && /\s/.test(css[i])) i++;
    if (i >= n) break;
    if (css.startsWith('/*', i)) {
      const stop = skipComment(css, i);
      items.push({ kind: 'comment', text: css.slice(i, stop) });
      i = stop;
      continue;
    }
    // A prelude runs to the first '{' or ';' outside strings, comments and parentheses.
    const start = i;
    let depth = 0;
    while (i < n) {
      const c = css[i];
      if (c === '"' || c === "'") i = skipString(css, i);
      else if (css.startsWith('/*', i)) i = skipComment(css, i);
      else {
        if (c === '(') depth++;
        else if (c === ')') depth--;
        else if (depth === 0 && (c === '{' || c === ';')) break;
        i++;
      }
    }
    const prelude = css.slice(start, i).trim();
    if (i >= n || css[i] === ';') { // a statement such as @charset "UTF-8";
      items.push({ kind: 'at', prelude, body: null, text: css.slice(start, Math.min(i + 1, n)) });
      i++;
      continue;
    }
    const bodyStart = i + 1;
    let level = 1;
    i++;
    while (i < n && level > 0) {
      const c = css[i];
      if (c === '"' || c === "'") { i = skipString(css, i); continue; }
      if (css.startsWith('/*', i)) { i = skipComment(css, i); continue; }
      if (c === '{') level++;
      else if (c === '}') level--;
      i++;
    }
    const body = css.slice(bodyStart, i - 1);
    items.push({ kind: prelude.startsWith('@') ? 'at' : 'rule', prelude, body, text: css.slice(start, i) });
  }
  return items;
}

function skipComment(css, i) {
  const end = css.indexOf('*/', i + 2);
  return end < 0 ? css.length : end + 2;
}

function skipString(css, i) {
  const q = css[i];
  for (i++; i < css.length; i++) {
    if (css[i] === '\\') i++;
    else if (css[i] === q) return i + 1;
  }
  return i;
}

/**
 * The Utrecht classes named in source texts (HTML, JS, CSS of openifzo itself): a test
 * `has(className)`. A class counts when it occurs literally, or when a template literal
 * or a concatenation can build it: `utrecht-button--${kind}-action` admits
 * utrecht-button--primary-action, and a literal ending in '-' or '_' (followed by `+`)
 * admits every class it starts.
 */
export function usedClasses(sources) {
  const literals = new Set();
  const patterns = [];
  for (const text of sources) {
    for (const m of text.matchAll(/utrecht-[a-zA-Z0-9_-]*(?:\$\{[^}]*\}[a-zA-Z0-9_-]*)*/g)) {
      const word = m[0];
      if (word.includes('${')) {
        const re = word.split(/\$\{[^}]*\}/).map((p) => p.replace(/[-]/g, '\\-')).join('[a-zA-Z0-9_-]*');
        patterns.push(new RegExp(`^${re}$`));
      } else if (/[-_]$/.test(word)) {
        patterns.push(new RegExp(`^${word.replace(/[-]/g, '\\-')}[a-zA-Z0-9_-]*$`));
      } else {
        literals.add(word);
      }
    }
    // Classes inside a template's ${...} (`${x ? ' utrecht-textbox--password' : ''}`).
    for (const m of text.matchAll(/utrecht-[a-zA-Z0-9_-]*[a-zA-Z0-9](?![a-zA-Z0-9_-]|\$\{)/g)) literals.add(m[0]);
  }
  return { has: (c) => literals.has(c) || patterns.some((re) => re.test(c)), literals, patterns };
}

const CLASS = /\.(utrecht-[a-zA-Z0-9_-]+)/g;

/** A selector without the arguments of :not(), :is(), :where() and :has(): alternatives and
 * negations, whose classes a page need not use for the selector to match. */
function requiredPart(sel) {
  let out = '';
  for (let i = 0; i < sel.length; i++) {
    const m = /^:(not|is|where|has)\(/.exec(sel.slice(i));
    if (!m) {
      out += sel[i];
      continue;
    }
    let depth = 0;
    let j = i + m[0].length - 1;
    for (; j < sel.length; j++) {
      if (sel[j] === '(') depth++;
      else if (sel[j] === ')' && --depth === 0) break;
    }
    i = j;
  }
  return out;
}

/** The selectors of a list whose required Utrecht classes are all used. */
function usedSelectors(selectorList, used) {
  return splitTopLevel(selectorList).filter((sel) =>
    [...requiredPart(sel).matchAll(CLASS)].every((m) => used.has(m[1])));
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const CONDITIONAL = /^@(media|supports|container)\b/;

/**
 * The component CSS cut to the used classes (usedClasses(...)): returns {text, animations}.
 * Licence comments (those with @license) stay; other comments go. Of a selector list only
 * the used selectors stay; a rule without one goes.
 */
export function subsetComponents(css, used) {
  const kept = [];
  const animations = new Set();
  const keyframes = [];
  for (const item of parseBlocks(css)) {
    if (item.kind === 'comment') {
      if (item.text.includes('@license')) kept.push(item.text);
    } else if (item.kind === 'rule') {
      const selectors = usedSelectors(item.prelude, used);
      if (selectors.length > 0) {
        kept.push(`${selectors.map((x) => x.trim()).join(',\n')} {${item.body}}`);
        for (const m of item.body.matchAll(/animation(?:-name)?\s*:\s*([^;]+)/g)) {
          for (const w of m[1].split(/[\s,]+/)) animations.add(w);
        }
      }
    } else if (item.body === null) {
      kept.push(item.text); // @charset
    } else if (CONDITIONAL.test(item.prelude)) {
      const inner = subsetComponents(item.body, used);
      if (inner.text.trim() !== '') {
        kept.push(`${item.prelude} {\n${inner.text}\n}`);
        for (const a of inner.animations) animations.add(a);
      }
    } else if (/^@keyframes\b/.test(item.prelude)) {
      keyframes.push({ name: item.prelude.split(/\s+/)[1], text: item.text });
    } else {
      kept.push(item.text); // @font-face and anything else: never dropped blindly
    }
  }
  for (const k of keyframes) if (animations.has(k.name)) kept.push(k.text);
  return { text: kept.join('\n'), animations };
}

/** Custom property names used through var() in a text. */
function varsIn(text) {
  return [...text.matchAll(/var\(\s*(--[a-zA-Z0-9_-]+)/g)].map((m) => m[1]);
}

/**
 * The theme (one or more `.selector { --name: value; ... }` blocks of custom properties)
 * cut to the properties that `users` (the kept CSS) reach through var(), transitively.
 */
export function subsetTokens(themeCss, users) {
  const blocks = parseBlocks(themeCss).filter((b) => b.kind === 'rule');
  const defs = new Map(); // name -> value
  for (const b of blocks) {
    for (const decl of declarations(b.body)) {
      if (decl.name.startsWith('--')) defs.set(decl.name, decl.value);
    }
  }
  const need = new Set();
  const todo = users.flatMap(varsIn);
  while (todo.length) {
    const name = todo.pop();
    if (need.has(name) || !defs.has(name)) continue;
    need.add(name);
    todo.push(...varsIn(defs.get(name)));
  }
  return blocks.map((b) => {
    const decls = declarations(b.body).filter((d) => !d.name.startsWith('--') || need.has(d.name));
    return `${b.prelude} {\n${decls.map((d) => `  ${d.name}: ${d.value};`).join('\n')}\n}`;
  }).join('\n');
}

/** The declarations of a rule body without nested blocks: [{name, value}]. */
function declarations(body) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '"' || c === "'") { i = skipString(body, i) - 1; continue; }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if ((c === ';' && depth === 0) || i === body.length) {
      const text = body.slice(start, i).replace(/\/\*[\s\S]*?\*\//g, '').trim();
      const colon = text.indexOf(':');
      if (colon > 0) out.push({ name: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() });
      start = i + 1;
    }
  }
  return out;
}
