// dom.js - builds elements from data without innerHTML, so no text from the API or the
// address bar can ever become markup (and no inline style or script can sneak in).

/**
 * h('p', {class: 'utrecht-paragraph'}, 'tekst', child, ...): an element with attributes
 * (null/false leave one out, true sets it empty) and children (strings become text nodes,
 * null/false are skipped, arrays are flattened).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style' || name.startsWith('on')) throw new Error(`h(): ${name} is not allowed`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces all children of el. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}
