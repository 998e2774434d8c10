// locatie-form.js - the fields of a care location (create and change share them).
export function locationFields(lists, l, providers = null) {
  const f = [];
  if (providers && providers.length > 1) {
    f.push({ name: 'zorgaanbieder_id', label: 'Zorgaanbieder', type: 'select', required: true, empty: 'Kies…', options: providers.map((p) => ({ code: String(p.id), label: p.naam })) });
  } else if (providers) {
    f.push({ name: 'zorgaanbieder_id', label: 'Zorgaanbieder', type: 'select', required: true, value: String(providers[0].id), options: providers.map((p) => ({ code: String(p.id), label: p.naam })) });
  }
  return [...f,
    { name: 'naam', label: 'Naam van de locatie', value: l.naam, required: true },
    { name: 'agb', label: 'AGB-code', value: l.agb, required: true, inputmode: 'numeric', hint: 'Acht cijfers.' },
    { name: 'adres', label: 'Adres', value: l.adres, required: true, autocomplete: 'street-address' },
    { name: 'postcode', label: 'Postcode', value: l.postcode, required: true, autocomplete: 'postal-code' },
    { name: 'plaats', label: 'Plaats', value: l.plaats, required: true, autocomplete: 'address-level2' },
    { name: 'beveiligingsniveau', label: 'Beveiligingsniveau', type: 'select', value: l.beveiligingsniveau, required: true, empty: 'Kies…', options: lists.beveiligingsniveau.entries },
    { name: 'landelijke_functie', label: 'Landelijke functie', type: 'checkbox', value: l.landelijke_functie, hint: 'Alleen bij beveiligingsniveau 3 en 4.' },
  ];
}

export function locationBody(v, create) {
  const body = { ...v, postcode: v.postcode.replace(/\s+/g, '').toUpperCase() };
  if (create) body.zorgaanbieder_id = Number(v.zorgaanbieder_id) || v.zorgaanbieder_id;
  else delete body.zorgaanbieder_id;
  return body;
}
