// indicatie-form.js - the fields of an indication for one care type: the hard criteria that
// care type has (criteria.js, as src/core/criteria.h), each a select of its code list, and
// the common fields (title, security level, urgency, dates, justification). Choosing another
// care type redraws the criteria; 'middel' shows only with DSM main group 04.
import { h } from '../dom.js';
import { criteriaFor, DSM_MIDDEL, rootOf } from '../criteria.js';
import { field, heading3, opt } from '../ui.js';

/** The criteria fieldset for a care type, values from ind.criteria. */
function criteriaFieldset(formId, lists, zorgtype, criteria) {
  const crits = criteriaFor(lists, zorgtype);
  const fs = h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ifzo-criteria' },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' },
      crits.length ? `Harde criteria voor ${lists.zorgtype.entries.find((e) => e.code === zorgtype).label}` : 'Harde criteria'),
    crits.length === 0 ? h('p', { class: 'utrecht-paragraph' }, 'Kies eerst het zorgtype.') : null,
    crits.map((c) => field(formId, {
      name: `criteria.${c.name}`, label: c.label, type: 'select', value: criteria?.[c.name],
      options: c.entries, empty: 'Nog niet gekozen',
    })));
  const dsm = fs.querySelector('[name="criteria.dsm_hoofdgroep"]');
  const middel = fs.querySelector('[name="criteria.middel"]');
  if (dsm && middel) {
    const sync = () => {
      const box = middel.closest('.utrecht-form-field');
      box.hidden = dsm.value !== DSM_MIDDEL;
      if (box.hidden) middel.value = '';
    };
    dsm.addEventListener('change', sync);
    sync();
  }
  return fs;
}

/** All fields of the indication form; the care type select redraws the criteria. */
export function indicationFields(formId, lists, ind, { zorgtypeFixed = false } = {}) {
  const holder = h('div', { class: 'ifzo-criteria-holder' });
  const draw = (zt) => holder.replaceChildren(criteriaFieldset(formId, lists, zt, ind.criteria));
  draw(ind.zorgtype ?? '');
  const zt = field(formId, {
    name: 'zorgtype', label: 'Zorgtype', type: 'select', value: ind.zorgtype, required: true,
    empty: 'Kies…', options: lists.zorgtype.entries,
    hint: 'De harde criteria hieronder horen bij het gekozen zorgtype.',
  });
  const select = zt.querySelector('select');
  if (zorgtypeFixed) select.disabled = true;
  select.addEventListener('change', () => draw(select.value));
  return [
    heading3('Zorg'),
    zt,
    holder,
    heading3('Titel en urgentie'),
    field(formId, { name: 'zorgtitel', label: 'Zorgtitel', type: 'select', value: ind.zorgtitel, options: lists.zorgtitel.entries, empty: 'Nog niet gekozen' }),
    field(formId, { name: 'titel_start', label: 'Ingangsdatum titel', type: 'date', value: ind.titel_start }),
    field(formId, { name: 'titel_eind', label: 'Einddatum titel', type: 'date', value: ind.titel_eind }),
    field(formId, { name: 'beveiligingsniveau', label: 'Beveiligingsniveau', type: 'select', value: ind.beveiligingsniveau, options: lists.beveiligingsniveau.entries, empty: 'Nog niet gekozen', hint: 'Verplicht bij klinische zorg.' }),
    field(formId, { name: 'urgentie', label: 'Urgentie', type: 'select', value: ind.urgentie, options: lists.urgentie.entries, empty: 'Nog niet gekozen' }),
    field(formId, { name: 'aanmelddatum', label: 'Aanmelddatum', type: 'date', value: ind.aanmelddatum, required: true }),
    field(formId, { name: 'onderbouwing', label: 'Onderbouwing', type: 'textarea', value: ind.onderbouwing, hint: 'Nodig om de indicatiestelling definitief te maken.' }),
  ];
}

/** The request body from the form values (criteria.x -> criteria: {x}). */
export function indicationBody(v, lists, extra = {}) {
  const body = { ...extra, criteria: {} };
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('criteria.')) {
      if (val !== '') body.criteria[k.slice(9)] = val;
    } else if (['titel_start', 'titel_eind'].includes(k)) {
      body[k] = opt(val);
    } else if (val !== '') {
      body[k] = val;
    }
  }
  if (rootOf(lists, body.zorgtype) === null) delete body.criteria;
  return body;
}
