// justitiabele-form.js - the fields of a client (create and change share them).
import { codelists } from '../codelists.js';

export async function clientFields(c = {}) {
  const lists = await codelists();
  return [
    { name: 'achternaam', label: 'Achternaam', value: c.achternaam, required: true, autocomplete: 'off' },
    { name: 'voornamen', label: 'Voornamen', value: c.voornamen, autocomplete: 'off' },
    { name: 'geboortedatum', label: 'Geboortedatum', type: 'date', value: c.geboortedatum, required: true },
    { name: 'bsn', label: 'Burgerservicenummer', value: c.bsn, required: true, inputmode: 'numeric', hint: 'Negen cijfers.' },
    { name: 'geslacht', label: 'Geslacht', type: 'select', value: c.geslacht, required: true, empty: 'Kies…', options: lists.geslacht.entries },
    { name: 'postcode', label: 'Postcode', value: c.postcode, required: true, hint: 'Woonplaats of sterkste binding, bijvoorbeeld 1234 AB.' },
  ];
}

export function clientBody(v) {
  const body = { ...v, postcode: v.postcode.replace(/\s+/g, '').toUpperCase() };
  if (body.voornamen === '') delete body.voornamen;
  return body;
}
