// ui.js - the building blocks every screen shares: headings, alerts, tables, forms whose
// fields each have a label and a slot for the Dutch error of that field, and code-list
// selects. Built with dom.js (no innerHTML, no inline style or script: the CSP forbids it).
//
// Why one module: a screen is mostly data (which fields, which columns); the way a field is
// labelled, how an API error lands next to the field named in error.field, and how a form
// reports it to a screen reader must be the same on every screen.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { GENERIC_MESSAGE } from './errors.js';

export const heading = (text) => h('h1', { class: 'utrecht-heading-1' }, text);
export const heading2 = (text) => h('h2', { class: 'utrecht-heading-2' }, text);
export const heading3 = (text) => h('h3', { class: 'utrecht-heading-3' }, text);
export const para = (...c) => h('p', { class: 'utrecht-paragraph' }, ...c);
export const link = (href, text) => h('a', { class: 'utrecht-link', href }, text);

/** An NL Design System alert; errors are role=alert, the rest role=status. */
export function alert(kind, ...content) {
  return h('div', { class: `utrecht-alert utrecht-alert--${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'utrecht-alert__content' },
      h('p', { class: 'utrecht-alert__message utrecht-paragraph' }, ...content)));
}

/** The Dutch text of any failure. */
export const messageOf = (e) => (e instanceof ApiError ? e.message : GENERIC_MESSAGE);

/** A table: columns [{label, value(row) -> node|string}], rows; a caption names it. */
export function table(caption, columns, rows, empty = 'Geen gegevens.') {
  if (rows.length === 0) return para(empty);
  return h('div', { class: 'utrecht-table-container utrecht-table-container--overflow-inline' },
    h('table', { class: 'utrecht-table utrecht-table--html-table' },
      h('caption', { class: 'utrecht-table__caption' }, caption),
      h('thead', { class: 'utrecht-table__header' },
        h('tr', { class: 'utrecht-table__row' },
          columns.map((c) => h('th', { class: 'utrecht-table__header-cell', scope: 'col' }, c.label)))),
      h('tbody', { class: 'utrecht-table__body' },
        rows.map((r) => h('tr', { class: 'utrecht-table__row' },
          columns.map((c) => h('td', { class: 'utrecht-table__cell' }, c.value(r) ?? '')))))));
}

/** A definition list of [key, value] pairs. */
export function dataList(pairs) {
  return h('dl', { class: 'utrecht-data-list utrecht-data-list--rows' },
    pairs.map(([k, v]) => h('div', { class: 'utrecht-data-list__item' },
      h('dt', { class: 'utrecht-data-list__item-key' }, k),
      h('dd', { class: 'utrecht-data-list__item-value utrecht-data-list__item-value--html-dd' }, v ?? '—'))));
}

const fieldId = (form, name) => `${form}-${name.replace(/[^a-z0-9_-]/gi, '-')}`;

/**
 * One labelled field. spec: {name, label, type (text|password|date|number|select|checkbox|
 * textarea), value, required, options [{code,label}] (select), empty (label of the empty
 * option; none when absent and required), hint, autocomplete, inputmode}.
 */
export function field(formId, spec) {
  const id = fieldId(formId, spec.name);
  const hintId = spec.hint ? `${id}-uitleg` : null;
  const errId = `${id}-fout`;
  const common = {
    id, name: spec.name, required: spec.required ?? false, 'aria-describedby': hintId,
    'data-fout': errId, autocomplete: spec.autocomplete ?? null,
  };
  let control;
  if (spec.type === 'select') {
    const options = [];
    if (spec.empty !== undefined || !spec.required) options.push(h('option', { value: '' }, spec.empty ?? '—'));
    for (const o of spec.options ?? []) {
      options.push(h('option', { value: o.code, selected: String(spec.value ?? '') === o.code }, o.label));
    }
    control = h('select', { ...common, class: 'utrecht-select utrecht-select--html-select' }, options);
  } else if (spec.type === 'textarea') {
    // aria-required instead of required: the design system styles an empty required
    // textarea as :invalid before the user typed anything.
    control = h('textarea', {
      ...common, required: false, 'aria-required': spec.required ? 'true' : null,
      class: 'utrecht-textarea utrecht-textarea--html-textarea', rows: 4,
    }, spec.value ?? '');
  } else if (spec.type === 'checkbox') {
    control = h('input', {
      ...common, type: 'checkbox', value: 'ja', checked: Boolean(spec.value),
      class: 'utrecht-checkbox utrecht-checkbox--html-input',
    });
    return h('div', { class: 'utrecht-form-field utrecht-form-field--checkbox ifzo-field' },
      h('div', { class: 'utrecht-form-field__input' }, control),
      h('div', { class: 'utrecht-form-field__label utrecht-form-field__label--checkbox' },
        h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: id }, spec.label)),
      spec.hint ? h('div', { class: 'utrecht-form-field-description', id: hintId }, spec.hint) : null,
      h('div', { class: 'utrecht-form-field-error-message', id: errId, hidden: true }));
  } else {
    control = h('input', {
      ...common, type: spec.type ?? 'text', value: spec.value ?? '', inputmode: spec.inputmode ?? null,
      class: `utrecht-textbox utrecht-textbox--html-input${spec.type === 'password' ? ' utrecht-textbox--password' : ''}`,
      min: spec.min ?? null,
    });
  }
  return h('div', { class: 'utrecht-form-field ifzo-field' },
    h('div', { class: 'utrecht-form-field__label' },
      h('label', { class: 'utrecht-form-label', for: id }, spec.label, spec.required ? null : ' (niet verplicht)')),
    spec.hint ? h('div', { class: 'utrecht-form-field-description', id: hintId }, spec.hint) : null,
    h('div', { class: 'utrecht-form-field-error-message', id: errId, hidden: true }),
    h('div', { class: 'utrecht-form-field__input' }, control));
}

/**
 * A group of checkboxes for a set of codes (name shared, values = codes): a fieldset whose
 * legend is the label; the error of the set appears under the legend.
 */
export function checkboxGroup(formId, spec) {
  const id = fieldId(formId, spec.name);
  const errId = `${id}-fout`;
  const chosen = new Set(spec.value ?? []);
  return h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ifzo-checkboxes', id },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, spec.label),
    h('div', { class: 'utrecht-form-field-error-message', id: errId, hidden: true }),
    (spec.options ?? []).map((o, i) => {
      const cid = `${id}-${i}`;
      return h('div', { class: 'utrecht-form-field utrecht-form-field--checkbox' },
        h('div', { class: 'utrecht-form-field__input' },
          h('input', {
            type: 'checkbox', id: cid, name: spec.name, value: o.code, checked: chosen.has(o.code),
            class: 'utrecht-checkbox utrecht-checkbox--html-input', 'data-fout': errId, 'data-multi': true,
          })),
        h('div', { class: 'utrecht-form-field__label utrecht-form-field__label--checkbox' },
          h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: cid }, o.label)));
    }));
}

export function button(text, { kind = 'primary', type = 'submit', name = null } = {}) {
  return h('button', { class: `utrecht-button utrecht-button--${kind}-action`, type, name }, text);
}

/**
 * A form: id, fields (specs or nodes), submit label, and onSubmit(values, form) which may
 * throw an ApiError; its field (error.field, e.g. "criteria.geslacht") gets the Dutch text
 * next to it, other errors go to the alert above the fields. Browser validation is off
 * (novalidate): the API's Dutch messages are the one source of field errors.
 */
export function form(id, fields, submitLabel, onSubmit, extra = []) {
  const status = h('div', { class: 'ifzo-form-status' });
  const f = h('form', { id, class: 'ifzo-form', novalidate: true },
    status,
    fields.map((s) => (s instanceof Node ? s : field(id, s))),
    h('div', { class: 'utrecht-button-group' }, button(submitLabel), extra));
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(f);
    const btn = f.querySelector('button[type="submit"]');
    btn.disabled = true;
    f.setAttribute('aria-busy', 'true');
    try {
      await onSubmit(values(f), f);
    } catch (e) {
      showError(f, e);
    } finally {
      btn.disabled = false;
      f.setAttribute('aria-busy', 'false');
    }
  });
  return f;
}

/** The form's values by field name: strings, checkboxes as booleans. */
export function values(f) {
  const out = {};
  for (const el of f.querySelectorAll('input[name], select[name], textarea[name]')) {
    if (el.disabled || el.closest('[hidden]')) continue;
    if (el.dataset.multi !== undefined) {
      out[el.name] ??= [];
      if (el.checked) out[el.name].push(el.value);
    } else {
      out[el.name] = el.type === 'checkbox' ? el.checked : el.value.trim();
    }
  }
  return out;
}

function clearErrors(f) {
  f.querySelector('.ifzo-form-status').replaceChildren();
  for (const el of f.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.classList.remove('utrecht-textbox--invalid', 'utrecht-select--invalid', 'utrecht-textarea--invalid');
    el.closest('.utrecht-form-field')?.classList.remove('utrecht-form-field--invalid');
    const slot = document.getElementById(el.dataset.fout);
    if (slot) { slot.hidden = true; slot.replaceChildren(); }
    el.setAttribute('aria-describedby', (el.getAttribute('aria-describedby') ?? '').replace(el.dataset.fout, '').trim() || '');
    if (!el.getAttribute('aria-describedby')) el.removeAttribute('aria-describedby');
  }
}

/** Shows an error: next to its field when the form has it, else in the form's alert. */
export function showError(f, e) {
  const message = messageOf(e);
  const name = e instanceof ApiError ? e.field : null;
  const el = name ? f.querySelector(`[name="${CSS.escape(name)}"]`) : null;
  if (el) {
    const slot = document.getElementById(el.dataset.fout);
    slot.replaceChildren(message);
    slot.hidden = false;
    el.setAttribute('aria-invalid', 'true');
    el.classList.add(el.tagName === 'SELECT' ? 'utrecht-select--invalid' : el.tagName === 'TEXTAREA' ? 'utrecht-textarea--invalid' : 'utrecht-textbox--invalid');
    el.closest('.utrecht-form-field')?.classList.add('utrecht-form-field--invalid');
    el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') ?? ''} ${el.dataset.fout}`.trim());
    f.querySelector('.ifzo-form-status').replaceChildren(
      alert('error', 'Het formulier is niet verstuurd. ', h('a', { class: 'utrecht-link', href: `#${el.id}` }, `${labelOf(el)}: ${message}`)));
    el.focus();
  } else {
    const a = alert('error', message);
    f.querySelector('.ifzo-form-status').replaceChildren(a);
    a.setAttribute('tabindex', '-1');
    a.focus();
  }
}

function labelOf(el) {
  if (el.dataset.multi !== undefined) return el.closest('fieldset').querySelector('legend').textContent;
  const l = el.labels?.[0];
  return l ? l.textContent.replace(' (niet verplicht)', '') : el.name;
}

/** '' -> null, else the number (a non-number stays text, so the API names the field). */
export function num(v) {
  if (v === '' || v === undefined) return null;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/** '' -> null. */
export const opt = (v) => (v === '' ? null : v);

/** A date 'YYYY-MM-DD' as 'dd-mm-jjjj'. */
export function date(v) {
  if (!v) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : v;
}

/** A timestamp as 'dd-mm-jjjj uu:mm' (UTC as stored). */
export function stamp(v) {
  if (!v) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
  return m ? `${m[3]}-${m[2]}-${m[1]} ${m[4]}:${m[5]}` : v;
}

/** A version ETag for If-Match. */
export const etag = (version) => `"${version}"`;
