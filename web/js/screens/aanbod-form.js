// aanbod-form.js - the fields of a care offer (zorgaanbod) for one care type: per hard
// criterion of that type the accepted codes (checkboxes), age limits where age applies,
// and the figures the provider keeps up to date: capacity, occupied beds, waiting list,
// waiting time and an intake stop with its period.
import { h } from '../dom.js';
import { ageApplies, criteriaFor } from '../criteria.js';
import { checkboxGroup, field, heading3, num, opt } from '../ui.js';

function criteriaBlock(formId, lists, zorgtype, criteria) {
  const crits = criteriaFor(lists, zorgtype);
  return h('div', { class: 'ifzo-criteria' },
    crits.length === 0 ? h('p', { class: 'utrecht-paragraph' }, 'Kies eerst het zorgtype.') : null,
    crits.map((c) => checkboxGroup(formId, {
      name: `criteria.${c.name}`, label: c.name === 'middel' ? `${c.label} (leeg: geen behandeling van verslaving)` : c.label,
      options: c.entries, value: criteria?.[c.name],
    })),
    ageApplies(lists, zorgtype) ? [
      field(formId, { name: 'leeftijd_min', label: 'Minimumleeftijd', type: 'number', value: '', inputmode: 'numeric' }),
      field(formId, { name: 'leeftijd_max', label: 'Maximumleeftijd', type: 'number', value: '', inputmode: 'numeric' }),
    ] : null);
}

export function offerFields(formId, lists, a, { create }) {
  const holder = h('div', { class: 'ifzo-criteria-holder' });
  const draw = (zt) => {
    holder.replaceChildren(criteriaBlock(formId, lists, zt, a.criteria));
    for (const k of ['leeftijd_min', 'leeftijd_max']) {
      const el = holder.querySelector(`[name="${k}"]`);
      if (el && a[k] !== undefined && a[k] !== null) el.value = String(a[k]);
    }
  };
  draw(a.zorgtype ?? '');
  const zt = field(formId, {
    name: 'zorgtype', label: 'Zorgtype', type: 'select', value: a.zorgtype, required: true,
    empty: 'Kies…', options: lists.zorgtype.entries,
    hint: create ? 'Per locatie één aanbod per zorgtype.' : 'Het zorgtype van een aanbod ligt vast.',
  });
  const select = zt.querySelector('select');
  if (!create) select.disabled = true;
  select.addEventListener('change', () => draw(select.value));
  return [
    zt,
    heading3('Harde criteria die het aanbod accepteert'),
    holder,
    heading3('Capaciteit en wachtlijst'),
    field(formId, { name: 'capaciteit', label: 'Capaciteit (plaatsen)', type: 'number', value: a.capaciteit ?? '', required: true, inputmode: 'numeric' }),
    field(formId, { name: 'bezet', label: 'Bezet', type: 'number', value: a.bezet ?? '', required: true, inputmode: 'numeric' }),
    field(formId, { name: 'wachtlijst', label: 'Wachtlijst (personen)', type: 'number', value: a.wachtlijst ?? '', inputmode: 'numeric' }),
    field(formId, { name: 'wachttijd_dagen', label: 'Wachttijd (dagen)', type: 'number', value: a.wachttijd_dagen ?? '', inputmode: 'numeric' }),
    heading3('Opnamestop'),
    field(formId, { name: 'opnamestop', label: 'Opnamestop', type: 'checkbox', value: a.opnamestop, hint: 'Tijdelijk geen nieuwe cliënten.' }),
    field(formId, { name: 'opnamestop_van', label: 'Opnamestop vanaf', type: 'date', value: a.opnamestop_van }),
    field(formId, { name: 'opnamestop_tot', label: 'Opnamestop tot en met', type: 'date', value: a.opnamestop_tot }),
  ];
}

export function offerBody(v, extra = {}) {
  const body = { ...extra, criteria: {} };
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('criteria.')) {
      if (val.length) body.criteria[k.slice(9)] = val;
    } else if (['capaciteit', 'bezet', 'wachtlijst', 'wachttijd_dagen', 'leeftijd_min', 'leeftijd_max'].includes(k)) {
      const n = num(val);
      if (n !== null) body[k] = n;
    } else if (['opnamestop_van', 'opnamestop_tot'].includes(k)) {
      body[k] = opt(val);
    } else if (k === 'zorgtype') {
      if (val !== '') body[k] = val;
    } else {
      body[k] = val;
    }
  }
  if (body.capaciteit === undefined) body.capaciteit = null;
  if (body.bezet === undefined) body.bezet = null;
  return body;
}
