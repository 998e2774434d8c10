// aanmelden.js - a referral (aanmelding, toeleidingspoging) of a placement request to one
// care location, with the weighing of the 10 soft criteria of the placement policy (a text
// each, so that the choice is traceable) and, for a location that the proposal does not
// propose, the justification: a contra-indication code plus an explanation.
//
// The referral is made from the stored proposal ("voorstel" = its volgnummer; the API
// refuses a referral without one, decision 62). The screen takes the proposal named in the
// address (?voorstel=n) or else the latest; without any proposal it sends the placer to make
// one first instead of showing a form the API would refuse.
import { api, ApiError, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import {
  alert, etag, field, form, heading, heading3, link, para,
} from '../ui.js';
import { locationLabel, offerNames } from './plaatsing-data.js';

export const title = 'Aanmelden bij een zorglocatie';

/** The request's stored proposals, oldest first. */
async function proposals(id) {
  return (await get(`/api/plaatsingsverzoeken/${id}/voorstellen`)).items ?? [];
}

function fieldset(legend, ...children) {
  return h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ifzo-criteria' },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, legend), children);
}

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const [v, lists, names, list] = await Promise.all([
    get(`/api/plaatsingsverzoeken/${id}`), codelists(), offerNames(), proposals(id)]);
  const wanted = query.get('voorstel') ?? (list.length ? String(list[list.length - 1].volgnummer) : null);
  const voorstel = wanted ? await get(`/api/plaatsingsverzoeken/${id}/voorstellen/${encodeURIComponent(wanted)}`) : null;
  const outcome = new Map((voorstel?.locaties ?? []).map((l) => [l.zorglocatie_id, l.uitkomst]));
  const here = `/plaatsingsverzoeken/${v.id}`;

  main.append(heading(title),
    para(`Plaatsingsverzoek ${v.id} · ${labelOf(lists, 'zorgtype', v.zorgtype)}. `, link(here, 'Terug naar het plaatsingsverzoek')));
  if (!voorstel) {
    main.append(alert('warning', 'Er is nog geen voorstel. Een aanmelding gaat altijd uit van een voorstel: ',
      link(`${here}/voorstel`, 'maak eerst een voorstel'), '.'));
    return;
  }
  main.append(para(`U meldt aan vanuit voorstel ${voorstel.volgnummer}. `, link(`${here}/voorstel?n=${voorstel.volgnummer}`, 'Bekijk het voorstel')));

  // Proposed locations first, then near misses, then the rest by name.
  const rank = (l) => ({ voorgesteld: 0, bijna: 1 }[outcome.get(l.id)] ?? 2);
  const locs = [...names.locaties.values()].sort((a, b) => rank(a) - rank(b) || a.naam.localeCompare(b.naam, 'nl'));
  const suffix = { voorgesteld: ' — voorgesteld', bijna: ' — bijna passend' };
  const choice = field('aanmelding', {
    name: 'zorglocatie_id', label: 'Zorglocatie', type: 'select', required: true, empty: 'Kies…',
    value: query.get('locatie') ?? '',
    options: locs.map((l) => ({ code: String(l.id), label: `${locationLabel(names, l.id)}${suffix[outcome.get(l.id)] ?? ''}` })),
  });
  const justification = fieldset('Verantwoording van een aanmelding buiten het voorstel',
    para('Deze locatie staat niet als passend in het voorstel. Leg vast waarom u toch hier aanmeldt.'),
    field('aanmelding', { name: 'afwijking.contra_indicatie', label: 'Reden (contra-indicatie)', type: 'select', required: true, empty: 'Kies…', options: lists.contra_indicatie?.entries ?? [] }),
    field('aanmelding', { name: 'afwijking.toelichting', label: 'Toelichting', type: 'textarea', required: true }));
  const select = choice.querySelector('select');
  const sync = () => { justification.hidden = select.value !== '' && outcome.get(Number(select.value)) === 'voorgesteld'; };
  select.addEventListener('change', sync);
  sync();

  const weging = fieldset('Weging van de zachte criteria',
    para('Beschrijf per criterium van het plaatsingsbeleid hoe het meewoog in de keuze voor deze locatie.'),
    (lists.zacht_criterium?.entries ?? []).map((c) => field('aanmelding', {
      name: `weging.${c.code}`, label: `${c.code}. ${c.label}`, type: 'textarea', required: true,
    })));

  main.append(form('aanmelding', [
    choice,
    field('aanmelding', { name: 'parallel', label: 'Parallel aanmelden', type: 'checkbox', hint: 'Alleen als u bewust naast een lopende aanmelding nog een aanmelding doet.' }),
    heading3('Afweging'),
    weging,
    justification,
  ], 'Aanmelden', async (f) => {
    const body = { zorglocatie_id: Number(f.zorglocatie_id) || 0, parallel: f.parallel, voorstel: voorstel.volgnummer, weging: {} };
    for (const [k, val] of Object.entries(f)) if (k.startsWith('weging.')) body.weging[k.slice(7)] = val;
    if (!justification.hidden && (f['afwijking.contra_indicatie'] || f['afwijking.toelichting'])) {
      body.afwijking = { contra_indicatie: f['afwijking.contra_indicatie'], toelichting: f['afwijking.toelichting'] };
    }
    try {
      await api('POST', `/api/plaatsingsverzoeken/${id}/pogingen`, { body, ifMatch: etag(v.version) });
    } catch (e) {
      // The API names the whole justification or weighing; the form shows it at its first field.
      if (e instanceof ApiError && e.field === 'afwijking') e.field = 'afwijking.contra_indicatie';
      if (e instanceof ApiError && e.field === 'weging') e.field = 'weging.01';
      throw e;
    }
    navigate(`${here}?aangemeld=1`);
  }));
}
